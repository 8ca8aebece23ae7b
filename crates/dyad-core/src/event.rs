//! The event record: dyad's output contract.
//!
//! Field names and order follow the contract table in `DESIGN.md`; tools
//! downstream read them, so fields may be added but never renamed. TSV output
//! uses the same columns in the same order ([`Event::TSV_HEADER`]).

use serde::Serialize;

use crate::text::Span;

/// Byte spans and the dictionary entries or rules that produced an event.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evidence {
    pub verb_span: Span,
    pub source_span: Option<Span>,
    pub target_span: Option<Span>,
    /// The verb pattern that fired, as `file:line` plus the pattern text.
    pub rule: String,
    /// How the source actor was resolved (dictionary entry, reference rule).
    pub source_rule: String,
    /// How the target actor was resolved.
    pub target_rule: String,
    /// Clause facts the coder used: voice, modality, negation cue, reporting.
    pub clause: String,
}

/// One coded event. See `DESIGN.md` for the meaning of every field.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Event {
    pub doc_id: String,
    pub doc_date: String,
    pub sentence_index: u32,
    pub sentence_span: Span,
    pub date: String,
    /// `"text"` when the date came from the sentence, `"document"` otherwise.
    pub date_source: &'static str,
    pub source: String,
    pub source_country: String,
    pub source_sector: String,
    pub source_text: String,
    pub target: String,
    pub target_country: String,
    pub target_sector: String,
    pub target_text: String,
    pub cameo: String,
    pub root: String,
    pub quad_class: u8,
    pub goldstein: f32,
    pub plover: Option<String>,
    pub verb_text: String,
    /// `"future"` for intentions and announced plans that CAMEO does not give
    /// a 03x code; `null` for events reported as having happened.
    pub mode: Option<&'static str>,
    pub evidence: Evidence,
}

impl Event {
    /// The TSV header: the JSON field names in order, with spans flattened.
    pub const TSV_HEADER: &'static str = "doc_id\tdoc_date\tsentence_index\tsentence_start\tsentence_end\tdate\tdate_source\tsource\tsource_country\tsource_sector\tsource_text\ttarget\ttarget_country\ttarget_sector\ttarget_text\tcameo\troot\tquad_class\tgoldstein\tplover\tverb_text\tmode\tverb_start\tverb_end\tsource_start\tsource_end\ttarget_start\ttarget_end\trule\tsource_rule\ttarget_rule\tclause";

    /// One TSV line (no trailing newline). Tabs and newlines inside text
    /// fields are replaced by spaces so every line has the same column count.
    pub fn to_tsv(&self) -> String {
        fn clean(s: &str) -> String {
            s.replace(['\t', '\n', '\r'], " ")
        }
        fn span_cols(s: Option<Span>) -> (String, String) {
            match s {
                Some(s) => (s.start.to_string(), s.end.to_string()),
                None => (String::new(), String::new()),
            }
        }
        let (ss, se) = span_cols(self.evidence.source_span);
        let (ts, te) = span_cols(self.evidence.target_span);
        let cols: Vec<String> = vec![
            clean(&self.doc_id),
            self.doc_date.clone(),
            self.sentence_index.to_string(),
            self.sentence_span.start.to_string(),
            self.sentence_span.end.to_string(),
            self.date.clone(),
            self.date_source.to_string(),
            self.source.clone(),
            self.source_country.clone(),
            self.source_sector.clone(),
            clean(&self.source_text),
            self.target.clone(),
            self.target_country.clone(),
            self.target_sector.clone(),
            clean(&self.target_text),
            self.cameo.clone(),
            self.root.clone(),
            self.quad_class.to_string(),
            format!("{}", self.goldstein),
            self.plover.clone().unwrap_or_default(),
            clean(&self.verb_text),
            self.mode.unwrap_or("").to_string(),
            self.evidence.verb_span.start.to_string(),
            self.evidence.verb_span.end.to_string(),
            ss,
            se,
            ts,
            te,
            clean(&self.evidence.rule),
            clean(&self.evidence.source_rule),
            clean(&self.evidence.target_rule),
            clean(&self.evidence.clause),
        ];
        cols.join("\t")
    }
}

/// Where coded events go. The CLI writes them; the store (later) saves them.
pub trait EventSink {
    type Error;
    /// Receives the events of one document, in sentence order.
    fn accept(
        &mut self,
        doc: &crate::document::Document,
        events: &[Event],
    ) -> Result<(), Self::Error>;
}

/// An [`EventSink`] that collects events in memory (tests, eval).
#[derive(Default, Debug)]
pub struct VecSink {
    pub events: Vec<Event>,
}

impl EventSink for VecSink {
    type Error = std::convert::Infallible;
    fn accept(
        &mut self,
        _doc: &crate::document::Document,
        events: &[Event],
    ) -> Result<(), Self::Error> {
        self.events.extend_from_slice(events);
        Ok(())
    }
}
