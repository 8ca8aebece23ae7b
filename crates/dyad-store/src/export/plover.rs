//! PLOVER JSON records, one per line (the PLOVER manual's "JSON Data
//! Fields" chapter; the manual suggests newline-delimited JSON).
//!
//! | field | from |
//! |---|---|
//! | `id` | `dyad-` and the deduplicated event id |
//! | `date` | event date, first day of its period; `date_precision` says day, month or year |
//! | `actor`, `recipient` | lists of one actor object: `code` (country, or the organisation code), `sector`, `actor_text`, and dyad's full CAMEO code as `cameo_code` |
//! | `event` | PLOVER event type of the CAMEO code |
//! | `mode`, `context` | the CAMEO→PLOVER map's mode and contexts for the code |
//! | `quad_code` | PLOVER's own quad class of the event type |
//! | `event_scale` | Goldstein weight |
//! | `event_text` | the words that triggered the event |
//! | `text` | the sentence the event was coded from |
//! | `text_info` | `sequence` (sentence number), `start`, `end` (byte offsets in the document) |
//! | `cite_info` | `url`, `title`, `doc_id` |
//!
//! plus `cameo`, `num_mentions`, `num_sources`, `num_articles`, `coder`
//! and `coded_date`, and `intent: "future"` for announced actions.
//! PLOVER does not code CAMEO 01 and 02 (statements and appeals), so those
//! events are left out and counted.

use std::io::Write;

use serde::Serialize;

use dyad_core::ontology::{self, QuadScheme};

use crate::{EventFilter, EventRead, StoreError, StoredEvent};

/// What [`write`] wrote.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PloverSummary {
    pub written: u64,
    /// Events of CAMEO roots 01 and 02, which PLOVER does not code.
    pub without_plover_type: u64,
}

pub fn write(
    store: &dyn EventRead,
    filter: &EventFilter,
    out: &mut dyn Write,
    out_name: &str,
) -> Result<PloverSummary, StoreError> {
    let mut filter = filter.clone();
    filter.with_sentence = true;
    let mut sum = PloverSummary::default();
    let err = |e| super::io_err(out_name, e);
    store.query(&filter, &mut |e| {
        match record(&e) {
            Some(v) => {
                serde_json::to_writer(&mut *out, &v).map_err(|e| err(e.into()))?;
                out.write_all(b"\n").map_err(err)?;
                sum.written += 1;
            }
            None => sum.without_plover_type += 1,
        }
        Ok(())
    })?;
    out.flush().map_err(err)?;
    Ok(sum)
}

/// An actor object of the PLOVER manual.
#[derive(Serialize)]
pub struct Actor<'a> {
    /// Top-level code: the country, or the first three letters of an
    /// organisation's code (`IGO`).
    pub code: &'a str,
    pub sector: &'a str,
    pub actor_text: &'a str,
    /// dyad's full CAMEO actor code.
    pub cameo_code: &'a str,
}

#[derive(Serialize)]
pub struct TextInfo {
    pub sequence: u32,
    pub start: u32,
    pub end: u32,
}

#[derive(Serialize)]
pub struct CiteInfo<'a> {
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub doc_id: &'a str,
}

/// One PLOVER record; field order follows the manual's table.
#[derive(Serialize)]
pub struct Record<'a> {
    pub id: String,
    pub date: Option<String>,
    pub date_precision: &'static str,
    pub actor: Vec<Actor<'a>>,
    pub recipient: Vec<Actor<'a>>,
    pub event: &'a str,
    pub event_text: &'a str,
    pub quad_code: Option<u8>,
    pub event_scale: f64,
    pub mode: Option<&'static str>,
    pub context: Vec<&'static str>,
    pub text: Option<&'a str>,
    pub text_info: TextInfo,
    pub cite_info: CiteInfo<'a>,
    pub coder: String,
    pub coded_date: Option<&'a str>,
    pub cameo: &'a str,
    pub num_mentions: u32,
    pub num_sources: u32,
    pub num_articles: u32,
    /// `"future"` for announced or intended actions (dyad's `mode`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub intent: Option<&'static str>,
}

fn actor<'a>(code: &'a str, country: &'a str, sector: &'a str, text: &'a str) -> Actor<'a> {
    let top = if country.len() == 3 {
        country
    } else {
        code.get(..3).unwrap_or(code)
    };
    Actor {
        code: top,
        sector,
        actor_text: text,
        cameo_code: code,
    }
}

/// The PLOVER record of an event; `None` when the code has no PLOVER type.
pub fn record(s: &StoredEvent) -> Option<Record<'_>> {
    let e = &s.event;
    let event = e.plover.as_deref()?;
    let code = ontology::normalize_code(&e.cameo);
    let context: Vec<&'static str> = code
        .and_then(|c| c.plover_context.as_deref())
        .map(|c| {
            c.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let recipient = if e.target.is_empty() {
        Vec::new()
    } else {
        vec![actor(
            &e.target,
            &e.target_country,
            &e.target_sector,
            &e.target_text,
        )]
    };
    Some(Record {
        id: format!("dyad-{}", s.global_event_id),
        date: s.day.map(|d| d.to_string()),
        date_precision: s.precision.name(),
        actor: vec![actor(
            &e.source,
            &e.source_country,
            &e.source_sector,
            &e.source_text,
        )],
        recipient,
        event,
        event_text: &e.verb_text,
        quad_code: QuadScheme::Plover.quad_class(&e.cameo),
        // Goldstein weights have one decimal; f32 -> f64 would print 2.799999952316284.
        event_scale: (f64::from(e.goldstein) * 10.0).round() / 10.0,
        mode: code.and_then(|c| c.plover_mode.as_deref()),
        context,
        text: s.sentence.as_deref(),
        text_info: TextInfo {
            sequence: e.sentence_index,
            start: e.sentence_span.start,
            end: e.sentence_span.end,
        },
        cite_info: CiteInfo {
            url: s.url.as_deref(),
            title: s.title.as_deref(),
            doc_id: &e.doc_id,
        },
        coder: format!("dyad {}", env!("CARGO_PKG_VERSION")),
        coded_date: s.added.get(..10),
        cameo: &e.cameo,
        num_mentions: s.num_mentions,
        num_sources: s.num_sources,
        num_articles: s.num_articles,
        intent: e.mode,
    })
}
