//! # dyad-store
//!
//! Where coded events live after `dyad code`: ingest bookkeeping, an
//! embedded SQLite store, queries, dyad time series and exports.
//!
//! ```text
//! files, dirs, .gz, HTML, RSS ─► sources ─► coder (dyad-core, parallel) ─► EventStore ─► query / dyad series / export
//!                                                                          (SQLite)        (Parquet, GDELT TSV, PLOVER)
//! ```
//!
//! Main types:
//!
//! * [`EventStore`] / [`EventRead`]: the seam. [`SqliteStore`] is the
//!   embedded implementation; a server database would be another, and
//!   nothing upstream (the coder, the ingest pipeline) would change.
//! * [`ingest::ingest`]: reads inputs ([`sources`]), codes them in parallel
//!   and commits them in batches; safe to interrupt and rerun.
//! * [`ingest::recode`]: re-codes stored documents after a dictionary
//!   change and reports what changed.
//! * [`series::dyad_series`]: the two-way time series of a pair of actors.
//! * [`export`]: Parquet (Hive-partitioned), GDELT 2.0 event TSV, PLOVER
//!   JSON Lines.
//!
//! Duplicates: the same story in several outlets counts once, with GDELT's
//! NumMentions, NumSources and NumArticles; [`dedup`] states the rule.
//!
//! # Example
//!
//! ```
//! use dyad_core::coder::Coder;
//! use dyad_store::{ingest, EventFilter, EventRead, SqliteStore};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let input = dir.path().join("news.jsonl");
//! std::fs::write(
//!     &input,
//!     r#"{"id":"a1","published":"2024-02-26","text":"Azerbaijan supplies crude oil to Israel."}"#,
//! )
//! .unwrap();
//! let mut store = SqliteStore::open(dir.path().join("dyad.sqlite")).unwrap();
//! let coder = Coder::builtin().unwrap();
//! let version = dyad_store::fingerprint::builtin_dict_version();
//! let report = ingest::ingest(
//!     &mut store,
//!     &coder,
//!     &version,
//!     &[input.clone()],
//!     &ingest::IngestOptions::default(),
//!     &ingest::Silent,
//! )
//! .unwrap();
//! assert_eq!(report.documents_added, 1);
//!
//! let mut codes = Vec::new();
//! store
//!     .query(&EventFilter::default(), &mut |e| {
//!         codes.push((e.event.source.clone(), e.event.target.clone(), e.event.cameo.clone()));
//!         Ok(())
//!     })
//!     .unwrap();
//! assert_eq!(codes, [("AZE".to_string(), "ISR".to_string(), "061".to_string())]);
//!
//! // Ingesting the same file again adds nothing.
//! let again = ingest::ingest(&mut store, &coder, &version, &[input], &Default::default(), &ingest::Silent).unwrap();
//! assert_eq!((again.documents_added, again.documents_already_stored), (0, 1));
//! ```

pub mod dedup;
mod error;
pub mod export;
pub mod fingerprint;
pub mod ingest;
mod model;
pub mod schema;
pub mod series;
pub mod sources;
mod sqlite;
pub mod synth;

pub use error::StoreError;
pub use model::*;
pub use sqlite::SqliteStore;

use dyad_core::event::Event;
use dyad_core::input::Diagnostic;

/// One cell of a dyad's aggregate: deduplicated events of one QuadClass on
/// one date period, in one direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DyadCell {
    /// Days since 1970-01-01 of the date period's first day.
    pub day: i64,
    pub precision: Precision,
    pub quad_class: u8,
    pub events: u64,
    /// Sum of Goldstein weights, in tenths.
    pub goldstein_tenths: i64,
}

/// A stored document re-coded by `dyad recode`.
#[derive(Clone, Debug)]
pub struct Recoded {
    pub doc_key: i64,
    /// The new coding; `None` when it equals the stored one, so only the
    /// dictionary version changes.
    pub coded: Option<CodedDoc>,
}

/// Reading a store. Every method sees committed data only.
pub trait EventRead {
    /// True when a document with this content hash is stored.
    fn contains(&self, hash: &fingerprint::ContentHash) -> Result<bool, StoreError>;

    /// Visits the deduplicated events that pass `filter`, ordered by date
    /// (undated first) then id. Returns how many were visited. An error from
    /// `visit` stops the query and is returned.
    fn query(
        &self,
        filter: &EventFilter,
        visit: &mut dyn FnMut(StoredEvent) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError>;

    /// The aggregate cells of events from `source` to `target`, with dates
    /// (period starts, as day numbers) in `from..=to`, plus the number of
    /// matching events that have no date.
    fn dyad_cells(
        &self,
        source: &ActorSel,
        target: &ActorSel,
        from: Option<i64>,
        to: Option<i64>,
    ) -> Result<(Vec<DyadCell>, u64), StoreError>;

    /// Up to `limit` stored documents with `doc_key > after`, in key order;
    /// with `stale_for`, only those coded with another dictionary version.
    fn documents(
        &self,
        stale_for: Option<&str>,
        after: i64,
        limit: usize,
    ) -> Result<Vec<StoredDocument>, StoreError>;

    /// The stored event records (mentions) of one document, in order.
    fn document_events(&self, doc_key: i64) -> Result<Vec<Event>, StoreError>;

    /// Counts; `stale_documents` counts documents not coded with
    /// `dict_version`.
    fn stats(&self, dict_version: &str) -> Result<StoreStats, StoreError>;
}

/// Writing a store. Every method that changes data commits atomically:
/// after a crash, a store holds whole batches only.
pub trait EventStore: EventRead + Send {
    /// Another handle for reading while this one writes (the ingest
    /// pipeline asks it which documents are already stored).
    fn reader(&self) -> Result<Box<dyn EventRead + Send>, StoreError>;

    /// Records the start of a run. Runs left `running` by a process that
    /// no longer exists are marked `interrupted` first.
    fn begin_run(&mut self, start: &RunStart) -> Result<RunId, StoreError>;

    /// Stores a batch of coded documents in one transaction: documents
    /// whose content hash is stored already are skipped, events are
    /// deduplicated ([`dedup`]), aggregates updated, and `problems` and the
    /// run's counts (`read` documents read) recorded with them.
    fn write_batch(
        &mut self,
        run: RunId,
        docs: &[CodedDoc],
        problems: &[Diagnostic],
        read: u64,
    ) -> Result<BatchOutcome, StoreError>;

    /// Replaces the events of re-coded documents and sets their dictionary
    /// version, in one transaction.
    fn replace_events(
        &mut self,
        run: RunId,
        docs: &[Recoded],
        dict_version: &str,
    ) -> Result<BatchOutcome, StoreError>;

    /// Records how a run ended.
    fn finish_run(&mut self, run: RunId, status: RunStatus) -> Result<(), StoreError>;
}
