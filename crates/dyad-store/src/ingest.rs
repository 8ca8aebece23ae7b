//! The ingest and recode pipelines.
//!
//! ```text
//!  reader thread            coding stage (rayon)             writer (caller's thread)
//!  files ─► Chunk ──chan──► skip stored/repeated ─► code ──chan──► write_batch (1 transaction)
//! ```
//!
//! Three stages overlap: while one batch is written, the next is coded and
//! the one after that read. Channels are bounded, so memory stays bounded
//! whatever the input size.
//!
//! Safe to interrupt: each batch (documents, their events, counts,
//! aggregates, problems and the run's progress) is one transaction. After
//! a crash or `kill -9`, a rerun skips every document already stored (by
//! content hash, checked before coding so a resumed run does not re-code
//! them) and stores the rest: nothing lost, nothing doubled.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use dyad_core::coder::{Coder, Scratch};
use dyad_core::event::Event;
use dyad_core::input::{Diagnostic, Severity};

use crate::fingerprint::ContentHash;
use crate::sources::{self, Chunk, InputKind, ReadOptions};
use crate::{
    CodedDoc, EventRead, EventStore, Recoded, RunKind, RunStart, RunStatus, SourcedDocument,
    StoreError,
};

/// Options for [`ingest`].
#[derive(Clone, Debug)]
pub struct IngestOptions {
    pub read: ReadOptions,
    /// Input format for every file. By default, detected per file.
    pub kind: Option<InputKind>,
    /// Documents per transaction. By default, 512.
    pub batch_docs: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            read: ReadOptions::default(),
            kind: None,
            batch_docs: 512,
        }
    }
}

/// Running totals, as reported after each committed batch.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Progress {
    /// Input bytes consumed (on disk; compressed bytes for `.gz`).
    pub bytes: u64,
    pub documents_read: u64,
    pub documents_added: u64,
    /// Already stored, or repeated within this run's input.
    pub documents_skipped: u64,
    pub sentences: u64,
    pub events_added: u64,
}

/// Hears what a pipeline is doing (the CLI draws a progress bar).
pub trait Observer: Sync {
    /// Before reading: how many files and bytes there are.
    fn start(&self, _files: usize, _bytes: u64) {}
    /// After each committed batch.
    fn progress(&self, _p: &Progress) {}
    /// A problem in the input, as soon as it is found.
    fn problem(&self, _d: &Diagnostic) {}
}

/// An [`Observer`] that ignores everything.
pub struct Silent;
impl Observer for Silent {}

/// What an ingest did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IngestReport {
    pub run: Option<i64>,
    pub files: usize,
    pub bytes: u64,
    pub documents_read: u64,
    pub documents_added: u64,
    /// Skipped because their content hash was already stored.
    pub documents_already_stored: u64,
    /// Skipped because the same record came earlier in this run's input.
    pub documents_repeated: u64,
    pub sentences: u64,
    /// Event records (mentions) stored.
    pub events_added: u64,
    /// Deduplicated events created (the rest joined existing ones).
    pub global_events_added: u64,
    pub errors: u64,
    pub warnings: u64,
    pub elapsed: Duration,
}

struct CodedBatch {
    docs: Vec<CodedDoc>,
    problems: Vec<Diagnostic>,
    read: u64,
    bytes: u64,
    sentences: u64,
    already_stored: u64,
    repeated: u64,
}

/// Reads `inputs`, codes every document not yet stored and stores it.
///
/// Problems in the input are reported to `obs`, recorded in the store, and
/// counted in the report; they never stop the run. Only a store failure
/// does (the run is then marked failed, and everything committed before
/// stays).
pub fn ingest<S: EventStore>(
    store: &mut S,
    coder: &Coder,
    dict_version: &str,
    inputs: &[PathBuf],
    opts: &IngestOptions,
    obs: &dyn Observer,
) -> Result<IngestReport, StoreError> {
    let started = Instant::now();
    let (files, pre) = sources::collect(inputs, opts.kind);
    let total: u64 = files.iter().map(|f| f.size).sum();
    obs.start(files.len(), total);
    let run = store.begin_run(&RunStart {
        kind: RunKind::Ingest,
        dict_version: dict_version.to_string(),
        inputs: inputs.iter().map(|p| p.display().to_string()).collect(),
    })?;
    let reader = store.reader()?;
    let mut report = IngestReport {
        run: Some(run.0),
        files: files.len(),
        ..Default::default()
    };
    for d in &pre {
        obs.problem(d);
    }
    let stop = AtomicBool::new(false);
    let batch_docs = opts.batch_docs.max(1);
    let result = std::thread::scope(|s| {
        let (chunk_tx, chunk_rx) = sync_channel::<Chunk>(4);
        let (coded_tx, coded_rx) = sync_channel::<CodedBatch>(2);
        let stop = &stop;
        let files = &files;
        s.spawn(move || {
            for f in files {
                let mut go = true;
                sources::read(f, &opts.read, &mut |c| {
                    go = !stop.load(Ordering::Relaxed) && chunk_tx.send(c).is_ok();
                    go
                });
                if !go {
                    break;
                }
            }
        });
        s.spawn(move || code_stage(chunk_rx, coded_tx, coder, reader, batch_docs, obs, stop));
        let mut first = Some(pre);
        let r = (|| -> Result<(), StoreError> {
            for b in coded_rx.iter() {
                let mut problems = b.problems;
                if let Some(pre) = first.take() {
                    problems.splice(0..0, pre);
                }
                let out = store.write_batch(run, &b.docs, &problems, b.read)?;
                for p in &problems {
                    match p.severity {
                        Severity::Error => report.errors += 1,
                        Severity::Warning => report.warnings += 1,
                    }
                }
                report.documents_read += b.read;
                report.documents_added += out.documents_added;
                // A document can be new to the pre-check and stored by an
                // earlier batch of this run only if it repeats in the input.
                report.documents_repeated += b.repeated + out.documents_skipped;
                report.documents_already_stored += b.already_stored;
                report.sentences += b.sentences;
                report.events_added += out.events_added;
                report.global_events_added += out.global_events_added;
                report.bytes += b.bytes;
                let progress = Progress {
                    bytes: report.bytes,
                    documents_read: report.documents_read,
                    documents_added: report.documents_added,
                    documents_skipped: report.documents_already_stored + report.documents_repeated,
                    sentences: report.sentences,
                    events_added: report.events_added,
                };
                obs.progress(&progress);
            }
            // Inputs that yielded no batch at all (every path missing or
            // unreadable) still leave their problems in the store.
            if let Some(pre) = first.take().filter(|p| !p.is_empty()) {
                store.write_batch(run, &[], &pre, 0)?;
                for p in &pre {
                    match p.severity {
                        Severity::Error => report.errors += 1,
                        Severity::Warning => report.warnings += 1,
                    }
                }
            }
            Ok(())
        })();
        if r.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        // Dropping the receiver unblocks the coding stage if it is waiting.
        drop(coded_rx);
        r
    });
    if let Err(e) = result {
        let _ = store.finish_run(run, RunStatus::Failed);
        return Err(e);
    }
    store.finish_run(run, RunStatus::Done)?;
    report.elapsed = started.elapsed();
    Ok(report)
}

fn code_stage(
    rx: Receiver<Chunk>,
    tx: SyncSender<CodedBatch>,
    coder: &Coder,
    reader: Box<dyn EventRead + Send>,
    batch_docs: usize,
    obs: &dyn Observer,
    stop: &AtomicBool,
) {
    let mut seen: HashSet<ContentHash> = HashSet::new();
    let mut pending: Vec<SourcedDocument> = Vec::new();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut bytes = 0u64;
    let mut flush =
        |docs: Vec<SourcedDocument>, problems: &mut Vec<Diagnostic>, bytes: &mut u64| -> bool {
            let read = docs.len() as u64;
            let (mut already_stored, mut repeated) = (0u64, 0u64);
            let mut todo = Vec::with_capacity(docs.len());
            for d in docs {
                let h = ContentHash::of(&d.doc);
                if !seen.insert(h) {
                    repeated += 1;
                    continue;
                }
                match reader.contains(&h) {
                    Ok(true) => already_stored += 1,
                    Ok(false) => todo.push(d),
                    // The writer will find the hash itself; coding it again is
                    // only wasted work.
                    Err(_) => todo.push(d),
                }
            }
            let coded: Vec<(CodedDoc, Vec<String>)> = todo
                .into_par_iter()
                .map_init(Scratch::default, |s, d| {
                    let c = coder.code_document(&d.doc, s);
                    let warnings = c.warnings;
                    (CodedDoc::new(d, c.sentences, c.events), warnings)
                })
                .collect();
            let mut docs = Vec::with_capacity(coded.len());
            let mut sentences = 0u64;
            for (c, warnings) in coded {
                for w in warnings {
                    let d = Diagnostic {
                        severity: Severity::Warning,
                        file: c.doc.origin.clone(),
                        line: None,
                        message: format!("document {}: {w}", c.doc.doc.id),
                    };
                    obs.problem(&d);
                    problems.push(d);
                }
                sentences += u64::from(c.sentences);
                docs.push(c);
            }
            let batch = CodedBatch {
                docs,
                problems: std::mem::take(problems),
                read,
                bytes: std::mem::take(bytes),
                sentences,
                already_stored,
                repeated,
            };
            tx.send(batch).is_ok()
        };
    for chunk in rx.iter() {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        match chunk {
            Chunk::Docs(d, b) => {
                pending.extend(d);
                bytes += b;
                // Transactions of exactly `batch_docs` documents.
                while pending.len() >= batch_docs {
                    let rest = pending.split_off(batch_docs);
                    let batch = std::mem::replace(&mut pending, rest);
                    if !flush(batch, &mut problems, &mut bytes) {
                        return;
                    }
                }
            }
            Chunk::Problem(p) => {
                obs.problem(&p);
                problems.push(p);
            }
        }
    }
    if !pending.is_empty() || !problems.is_empty() || bytes > 0 {
        flush(pending, &mut problems, &mut bytes);
    }
}

/// What a recode changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecodeReport {
    pub run: Option<i64>,
    /// Documents re-coded.
    pub documents: u64,
    /// Documents whose events changed in any field.
    pub documents_changed: u64,
    pub events_before: u64,
    pub events_after: u64,
    /// Per CAMEO code: events added and removed, where an event is
    /// identified by sentence, date, source, target and code (evidence-only
    /// changes, such as a dictionary line number, are not counted here).
    pub by_code: BTreeMap<String, (u64, u64)>,
    pub global_events_added: u64,
    pub global_events_removed: u64,
    pub elapsed: Duration,
}

impl RecodeReport {
    pub fn added(&self) -> u64 {
        self.by_code.values().map(|v| v.0).sum()
    }
    pub fn removed(&self) -> u64 {
        self.by_code.values().map(|v| v.1).sum()
    }
}

type EventIdentity = (u32, String, String, String, String);

fn identity(e: &Event) -> EventIdentity {
    (
        e.sentence_index,
        e.date.clone(),
        e.source.clone(),
        e.target.clone(),
        e.cameo.clone(),
    )
}

/// Adds the events that `new` has and `old` lacks, and the reverse, to
/// per-code counts.
fn count_changes(old: &[Event], new: &[Event], by_code: &mut BTreeMap<String, (u64, u64)>) {
    let mut counts: HashMap<EventIdentity, i64> = HashMap::new();
    for e in old {
        *counts.entry(identity(e)).or_default() -= 1;
    }
    for e in new {
        *counts.entry(identity(e)).or_default() += 1;
    }
    for ((_, _, _, _, code), n) in counts {
        let slot = by_code.entry(code).or_default();
        if n > 0 {
            slot.0 += n as u64;
        } else if n < 0 {
            slot.1 += n.unsigned_abs();
        }
    }
}

/// Re-codes stored documents with `coder`: those coded with another
/// dictionary version, or with `all` every document. Each batch is one
/// transaction that also sets the documents' dictionary version, so an
/// interrupted recode resumes where it stopped.
pub fn recode<S: EventStore>(
    store: &mut S,
    coder: &Coder,
    dict_version: &str,
    all: bool,
    obs: &dyn Observer,
) -> Result<RecodeReport, StoreError> {
    let started = Instant::now();
    let run = store.begin_run(&RunStart {
        kind: RunKind::Recode,
        dict_version: dict_version.to_string(),
        inputs: Vec::new(),
    })?;
    let reader = store.reader()?;
    let total = reader.stats(dict_version)?;
    obs.start(
        0,
        if all {
            total.documents
        } else {
            total.stale_documents
        },
    );
    let mut report = RecodeReport {
        run: Some(run.0),
        ..Default::default()
    };
    let r = (|| -> Result<(), StoreError> {
        let mut after = 0i64;
        loop {
            let docs = reader.documents((!all).then_some(dict_version), after, 256)?;
            let Some(last) = docs.last() else {
                break;
            };
            after = last.doc_key;
            let mut old = Vec::with_capacity(docs.len());
            for d in &docs {
                old.push(reader.document_events(d.doc_key)?);
            }
            let coded: Vec<(i64, CodedDoc)> = docs
                .into_par_iter()
                .map_init(Scratch::default, |s, d| {
                    let c = coder.code_document(&d.doc.doc, s);
                    (d.doc_key, CodedDoc::new(d.doc, c.sentences, c.events))
                })
                .collect();
            let mut batch = Vec::with_capacity(coded.len());
            for ((doc_key, c), old) in coded.into_iter().zip(old) {
                report.documents += 1;
                report.events_before += old.len() as u64;
                report.events_after += c.events.len() as u64;
                let changed = old != c.events;
                if changed {
                    report.documents_changed += 1;
                    count_changes(&old, &c.events, &mut report.by_code);
                }
                batch.push(Recoded {
                    doc_key,
                    coded: changed.then_some(c),
                });
            }
            let out = store.replace_events(run, &batch, dict_version)?;
            report.global_events_added += out.global_events_added;
            report.global_events_removed += out.global_events_removed;
            obs.progress(&Progress {
                documents_read: report.documents,
                documents_added: report.documents_changed,
                events_added: report.events_after,
                ..Default::default()
            });
        }
        Ok(())
    })();
    if let Err(e) = r {
        let _ = store.finish_run(run, RunStatus::Failed);
        return Err(e);
    }
    report.by_code.retain(|_, v| *v != (0, 0));
    store.finish_run(run, RunStatus::Done)?;
    report.elapsed = started.elapsed();
    Ok(report)
}
