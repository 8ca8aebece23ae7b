//! The values that cross the [`EventStore`](crate::EventStore) seam: what
//! goes in (coded documents, run bookkeeping) and what comes out (stored
//! events, filters, time series).

use chrono::{Datelike, NaiveDate};
use dyad_core::document::Document;
use dyad_core::event::Event;
use serde::Serialize;

use crate::fingerprint::{ContentHash, Sketch};

/// A document with where it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct SourcedDocument {
    pub doc: Document,
    /// The outlet, for GDELT's NumSources: the url's host without `www.`,
    /// else the feed's host, else `file:` and the input file's name.
    pub source: String,
    /// The input file (and, for feeds and archives, what inside it).
    pub origin: String,
}

/// A coded document, ready to store.
#[derive(Clone, Debug)]
pub struct CodedDoc {
    pub doc: SourcedDocument,
    pub hash: ContentHash,
    pub sentences: u32,
    pub events: Vec<Event>,
    /// One sketch per event: the MinHash of the event's sentence.
    pub sketches: Vec<Sketch>,
}

impl CodedDoc {
    /// Builds the record from the coder's output, sketching each event's
    /// sentence (sentences with several events are sketched once).
    pub fn new(doc: SourcedDocument, sentences: usize, events: Vec<Event>) -> CodedDoc {
        let mut sketches = Vec::with_capacity(events.len());
        let mut last: Option<(u32, Sketch)> = None;
        for e in &events {
            let s = match last {
                Some((i, s)) if i == e.sentence_index => s,
                _ => {
                    let text = doc.doc.text.get(e.sentence_span.range()).unwrap_or("");
                    Sketch::of(text)
                }
            };
            last = Some((e.sentence_index, s));
            sketches.push(s);
        }
        CodedDoc {
            hash: ContentHash::of(&doc.doc),
            doc,
            sentences: u32::try_from(sentences).unwrap_or(u32::MAX),
            events,
            sketches,
        }
    }
}

/// A stored document, as `dyad recode` reads it back.
#[derive(Clone, Debug)]
pub struct StoredDocument {
    pub doc_key: i64,
    pub doc: SourcedDocument,
    pub dict_version: String,
}

/// What kind of run an [`ingest_runs`](crate::schema) row records.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunKind {
    Ingest,
    Recode,
    /// Synthetic events written by `dyad bench`.
    Synthetic,
}

impl RunKind {
    pub fn as_str(self) -> &'static str {
        match self {
            RunKind::Ingest => "ingest",
            RunKind::Recode => "recode",
            RunKind::Synthetic => "synthetic",
        }
    }
}

/// The start of a run.
#[derive(Clone, Debug)]
pub struct RunStart {
    pub kind: RunKind,
    pub dict_version: String,
    /// The inputs as given on the command line.
    pub inputs: Vec<String>,
}

/// A run's id (`ingest_runs.run_id`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RunId(pub i64);

/// How a run ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunStatus {
    Done,
    Failed,
}

/// What one committed batch changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Documents stored by this batch.
    pub documents_added: u64,
    /// Documents whose content hash was already stored.
    pub documents_skipped: u64,
    /// Event rows (mentions) stored.
    pub events_added: u64,
    /// Event rows removed (recode).
    pub events_removed: u64,
    /// Deduplicated events created.
    pub global_events_added: u64,
    /// Deduplicated events deleted because their last mention went (recode).
    pub global_events_removed: u64,
}

impl std::ops::AddAssign for BatchOutcome {
    fn add_assign(&mut self, o: BatchOutcome) {
        self.documents_added += o.documents_added;
        self.documents_skipped += o.documents_skipped;
        self.events_added += o.events_added;
        self.events_removed += o.events_removed;
        self.global_events_added += o.global_events_added;
        self.global_events_removed += o.global_events_removed;
    }
}

/// How precisely an event is dated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Day = 0,
    Month = 1,
    Year = 2,
    /// No date at all (no publication date and none in the text).
    Unknown = 3,
}

impl Precision {
    pub fn from_i64(v: i64) -> Precision {
        match v {
            0 => Precision::Day,
            1 => Precision::Month,
            2 => Precision::Year,
            _ => Precision::Unknown,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Precision::Day => "day",
            Precision::Month => "month",
            Precision::Year => "year",
            Precision::Unknown => "unknown",
        }
    }
}

/// An event date resolved to the first day of its period.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EventDate {
    pub start: Option<NaiveDate>,
    pub precision: Precision,
}

impl EventDate {
    /// Parses a contract date: `YYYY-MM-DD`, `YYYY-MM`, `YYYY` or `""`.
    /// Anything else is [`Precision::Unknown`].
    pub fn parse(s: &str) -> EventDate {
        let unknown = EventDate {
            start: None,
            precision: Precision::Unknown,
        };
        let num = |a: &str| a.parse::<i32>().ok();
        let (start, precision) = match s.len() {
            10 => (
                NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(),
                Precision::Day,
            ),
            7 => (
                s.get(..4)
                    .and_then(num)
                    .zip(s.get(5..7).and_then(num))
                    .and_then(|(y, m)| NaiveDate::from_ymd_opt(y, u32::try_from(m).ok()?, 1)),
                Precision::Month,
            ),
            4 => (
                num(s).and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1)),
                Precision::Year,
            ),
            _ => (None, Precision::Unknown),
        };
        match start {
            Some(d) => EventDate {
                start: Some(d),
                precision,
            },
            None => unknown,
        }
    }

    /// Days since 1970-01-01 of the period's first day.
    pub fn day_number(&self) -> Option<i64> {
        self.start.map(day_number)
    }
}

/// Days since 1970-01-01.
pub fn day_number(d: NaiveDate) -> i64 {
    i64::from(d.num_days_from_ce()) - 719_163
}

/// The date of a day number.
pub fn from_day_number(n: i64) -> Option<NaiveDate> {
    i32::try_from(n + 719_163)
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
}

/// Goldstein weight in integer tenths. Every weight in the CAMEO table has
/// one decimal, so sums of tenths are exact where sums of floats drift.
pub fn goldstein_tenths(g: f32) -> i64 {
    (f64::from(g) * 10.0).round() as i64
}

/// An actor selector on the command line: a 3-letter country code
/// (`AZE`, matched against `source_country`/`target_country`) or a full
/// actor code (`AZEGOV`, matched exactly).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ActorSel {
    Country(String),
    Code(String),
}

impl ActorSel {
    /// Three characters select a country, anything longer a full code.
    /// Case is folded to upper.
    pub fn parse(s: &str) -> Result<ActorSel, String> {
        let s = s.trim().to_ascii_uppercase();
        if s.len() < 3 || !s.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
            return Err(format!(
                "{s:?} is not an actor: give a 3-letter country code (AZE) or a full CAMEO actor code (AZEGOV)"
            ));
        }
        Ok(if s.len() == 3 {
            ActorSel::Country(s)
        } else {
            ActorSel::Code(s)
        })
    }

    pub fn as_str(&self) -> &str {
        match self {
            ActorSel::Country(s) | ActorSel::Code(s) => s,
        }
    }
}

/// Which deduplicated events a query returns. Every field narrows; the
/// default returns everything.
#[derive(Clone, Debug, Default)]
pub struct EventFilter {
    pub source: Option<ActorSel>,
    pub target: Option<ActorSel>,
    /// First day of the event's date period, inclusive.
    pub from: Option<NaiveDate>,
    /// First day of the event's date period, inclusive.
    pub to: Option<NaiveDate>,
    /// A CAMEO code prefix: `"04"` is the root and all its codes, `"190"`
    /// is 190 and 190x.
    pub cameo: Option<String>,
    /// Exact CAMEO root (`"04"`).
    pub root: Option<String>,
    /// QuadClasses (any of).
    pub quad: Vec<u8>,
    /// PLOVER event type (`"CONSULT"`).
    pub plover: Option<String>,
    pub limit: Option<u64>,
    /// Also read each event's sentence text (slower: touches text pages).
    pub with_sentence: bool,
}

/// A deduplicated event as stored: its first mention's contract record and
/// GDELT's counts.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredEvent {
    pub global_event_id: i64,
    /// The contract record of the first mention.
    pub event: Event,
    pub num_mentions: u32,
    pub num_sources: u32,
    pub num_articles: u32,
    pub precision: Precision,
    /// First day of the date period.
    pub day: Option<NaiveDate>,
    pub url: Option<String>,
    pub title: Option<String>,
    /// When the first mention's document was stored (UTC, RFC 3339).
    pub added: String,
    /// The first mention's sentence (only with [`EventFilter::with_sentence`]).
    pub sentence: Option<String>,
}

/// The JSON Lines form of a [`StoredEvent`]: the contract record plus the
/// store's fields.
#[derive(Serialize)]
pub struct StoredEventJson<'a> {
    #[serde(flatten)]
    pub event: &'a Event,
    pub global_event_id: i64,
    pub num_mentions: u32,
    pub num_sources: u32,
    pub num_articles: u32,
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sentence: Option<&'a str>,
}

impl StoredEvent {
    pub fn json(&self) -> StoredEventJson<'_> {
        StoredEventJson {
            event: &self.event,
            global_event_id: self.global_event_id,
            num_mentions: self.num_mentions,
            num_sources: self.num_sources,
            num_articles: self.num_articles,
            url: self.url.as_deref(),
            title: self.title.as_deref(),
            sentence: self.sentence.as_deref(),
        }
    }

    /// Year and month of the date period's start, for partitioning.
    pub fn year_month(&self) -> Option<(i32, u32)> {
        self.day.map(|d| (d.year(), d.month()))
    }
}

/// Counts in one store.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct StoreStats {
    pub documents: u64,
    pub events: u64,
    pub global_events: u64,
    pub mentions: u64,
    pub runs: u64,
    pub unfinished_runs: u64,
    pub file_bytes: u64,
    /// Documents coded with a dictionary version other than the given one.
    pub stale_documents: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_dates_and_day_numbers() {
        let d = EventDate::parse("2024-02-16");
        assert_eq!(d.precision, Precision::Day);
        assert_eq!(d.day_number(), Some(19769));
        assert_eq!(from_day_number(19769).unwrap().to_string(), "2024-02-16");
        let m = EventDate::parse("2024-01");
        assert_eq!(
            (m.start.unwrap().to_string().as_str(), m.precision),
            ("2024-01-01", Precision::Month)
        );
        let y = EventDate::parse("2020");
        assert_eq!(
            (y.start.unwrap().to_string().as_str(), y.precision),
            ("2020-01-01", Precision::Year)
        );
        for bad in ["", "2024-13", "20x0", "2024-02-30"] {
            assert_eq!(EventDate::parse(bad).precision, Precision::Unknown, "{bad}");
        }
        assert_eq!(day_number(NaiveDate::from_ymd_opt(1970, 1, 1).unwrap()), 0);
    }

    #[test]
    fn actor_selectors() {
        assert_eq!(
            ActorSel::parse("aze").unwrap(),
            ActorSel::Country("AZE".into())
        );
        assert_eq!(
            ActorSel::parse("AZEGOV").unwrap(),
            ActorSel::Code("AZEGOV".into())
        );
        assert!(ActorSel::parse("A").is_err());
        assert!(ActorSel::parse("AZ E").is_err());
    }

    #[test]
    fn goldstein_in_tenths() {
        assert_eq!(goldstein_tenths(-10.0), -100);
        assert_eq!(goldstein_tenths(3.4), 34);
        assert_eq!(goldstein_tenths(-0.3), -3);
    }
}
