//! When are two coded events the same event?
//!
//! A news story is reprinted by many outlets, lightly edited, and mentions
//! its main event more than once. Counting each of those as an event would
//! make a wire story's dyad look fifty times as active as it is. GDELT's
//! answer, which dyad follows, is to store each event once and count its
//! mentions, sources and articles.
//!
//! # The rule
//!
//! Two event records (mentions) are one event when they have the same
//! **[`DedupKey`]** (event date as written, source actor code, target actor
//! code, CAMEO code) and
//!
//! 1. they come from the **same document** (one article that says a thing
//!    twice reports one event), or
//! 2. their **sentences are near-identical**: their MinHash
//!    [`Sketch`](crate::fingerprint::Sketch)es over word 3-shingles share at
//!    least [`SKETCH_MATCH`](crate::fingerprint::SKETCH_MATCH) of 16 minima
//!    (an estimated Jaccard similarity of at least 0.5). That is the same
//!    wire copy in another outlet, or a lightly edited version.
//!
//! A mention is compared with the *first* mention of each stored event with
//! its key (ordered by id), and joins the first that matches, so the result
//! does not depend on how many copies came before.
//!
//! What this rule does **not** merge: two outlets that report the same
//! meeting in their own words. Their sentences differ, and the key alone
//! would also merge distinct events that CAMEO cannot tell apart (two
//! protests by the same groups on the same day), which is the
//! "one-a-day filter" the PLOVER manual advises against. Users who want it
//! can still group by the key in SQL or in the Parquet export.
//!
//! # Counts (GDELT 2.0 definitions)
//!
//! * `num_mentions`: event records that are this event, in all documents;
//! * `num_articles`: distinct documents with at least one such record;
//! * `num_sources`: distinct outlets (`documents.source_id`: the url's
//!   host, else the input file) among those documents.
//!
//! The event's other fields (and GDELT's `GlobalEventID`) are those of its
//! first mention.

use dyad_core::event::Event;

/// The fields that must be equal for two mentions to be one event.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct DedupKey<'a> {
    pub date: &'a str,
    pub source: &'a str,
    pub target: &'a str,
    pub cameo: &'a str,
}

impl<'a> DedupKey<'a> {
    pub fn of(e: &'a Event) -> DedupKey<'a> {
        DedupKey {
            date: &e.date,
            source: &e.source,
            target: &e.target,
            cameo: &e.cameo,
        }
    }
}
