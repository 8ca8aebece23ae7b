//! The write path: one transaction per batch.
//!
//! Keys are assigned here, not by SQLite: `meta` holds the next event key
//! and the next global event id, read at the start of each transaction and
//! written at its end. Ids are therefore never reused (a recode that
//! deletes the newest event does not hand its id to the next one), and a
//! document's events have consecutive keys (`documents.events_from ..
//! events_to`), which saves an index on `events(doc_key)`.
//!
//! Counts (`num_mentions` ...) and the `dyad_days` aggregate are updated
//! from in-memory deltas at the end of the batch, one statement per touched
//! row rather than one per mention.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rusqlite::{params, OptionalExtension, Transaction};

use crate::dedup::DedupKey;
use crate::error::{SqlContext, StoreError};
use crate::fingerprint::Sketch;
use crate::model::{goldstein_tenths, EventDate};
use crate::{BatchOutcome, CodedDoc, Recoded, RunId};
use dyad_core::event::Event;
use dyad_core::input::{Diagnostic, Severity};

use super::{Interned, SqliteStore};

#[derive(Default, Clone, Copy)]
struct CountDelta {
    mentions: i64,
    articles: i64,
    sources: i64,
}

/// (source country, target country, day, precision, quad class)
type AggKey = (String, String, i64, i64, i64);

struct Writer<'t> {
    tx: &'t Transaction<'t>,
    path: &'t Path,
    interned: &'t mut Interned,
    next_event_key: i64,
    next_global_id: i64,
    deltas: HashMap<i64, CountDelta>,
    agg: HashMap<AggKey, (i64, i64)>,
    out: BatchOutcome,
    /// The dictionary version new documents are stored with.
    dict_version: String,
}

pub(super) fn write_batch(
    store: &mut SqliteStore,
    run: RunId,
    docs: &[CodedDoc],
    problems: &[Diagnostic],
    read: u64,
) -> Result<BatchOutcome, StoreError> {
    // New documents carry the dictionary version of the run that adds them.
    transaction(store, run, None, |w| {
        for d in docs {
            w.add_document(run, d)?;
        }
        let skipped = read.saturating_sub(w.out.documents_added);
        Ok((problems, (read, skipped)))
    })
}

pub(super) fn replace_events(
    store: &mut SqliteStore,
    run: RunId,
    docs: &[Recoded],
    dict_version: &str,
) -> Result<BatchOutcome, StoreError> {
    transaction(store, run, Some(dict_version), |w| {
        for d in docs {
            w.replace_document(d)?;
        }
        Ok((&[], (docs.len() as u64, 0)))
    })
}

/// Runs `f` with a [`Writer`] in one `BEGIN IMMEDIATE` transaction, then
/// applies the deltas, records the problems and counts `f` returns
/// (`(read, skipped)`) on the run, and commits. The dictionary version
/// is `dict_version`, or else the run's.
fn transaction<'p>(
    store: &mut SqliteStore,
    run: RunId,
    dict_version: Option<&str>,
    f: impl FnOnce(&mut Writer<'_>) -> Result<(&'p [Diagnostic], (u64, u64)), StoreError>,
) -> Result<BatchOutcome, StoreError> {
    let SqliteStore {
        conn,
        path,
        interned,
        ..
    } = store;
    let path: &Path = path;
    let tx = conn
        .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
        .at(path)?;
    let dict_version = match dict_version {
        Some(v) => v.to_string(),
        None => tx
            .query_row(
                "SELECT dict_version FROM ingest_runs WHERE run_id = ?1",
                [run.0],
                |r| r.get(0),
            )
            .at(path)?,
    };
    let mut w = Writer::begin(&tx, path, interned, dict_version)?;
    let (problems, counts) = f(&mut w)?;
    w.finish()?;
    let out = w.out;
    record_run(&tx, path, run, problems, counts, &out)?;
    tx.commit().at(path)?;
    Ok(out)
}

fn record_run(
    tx: &Transaction<'_>,
    path: &Path,
    run: RunId,
    problems: &[Diagnostic],
    (read, skipped): (u64, u64),
    out: &BatchOutcome,
) -> Result<(), StoreError> {
    let mut st = tx
        .prepare_cached(
            "INSERT INTO ingest_problems (run_id, severity, file, line, message) VALUES (?1, ?2, ?3, ?4, ?5)",
        )
        .at(path)?;
    let (mut errors, mut warnings) = (0i64, 0i64);
    for p in problems {
        let sev = match p.severity {
            Severity::Error => {
                errors += 1;
                "error"
            }
            Severity::Warning => {
                warnings += 1;
                "warning"
            }
        };
        st.execute(params![
            run.0,
            sev,
            p.file,
            p.line.map(|l| l as i64),
            p.message
        ])
        .at(path)?;
    }
    tx.execute(
        "UPDATE ingest_runs SET documents_read = documents_read + ?2,
             documents_added = documents_added + ?3, documents_skipped = documents_skipped + ?4,
             events_added = events_added + ?5, events_removed = events_removed + ?6,
             errors = errors + ?7, warnings = warnings + ?8
         WHERE run_id = ?1",
        params![
            run.0,
            read as i64,
            out.documents_added as i64,
            skipped as i64,
            out.events_added as i64,
            out.events_removed as i64,
            errors,
            warnings
        ],
    )
    .at(path)?;
    Ok(())
}

fn meta(tx: &Transaction<'_>, path: &Path, key: &str) -> Result<i64, StoreError> {
    tx.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
        .at(path)
}

impl<'t> Writer<'t> {
    fn begin(
        tx: &'t Transaction<'t>,
        path: &'t Path,
        interned: &'t mut Interned,
        dict_version: String,
    ) -> Result<Writer<'t>, StoreError> {
        Ok(Writer {
            next_event_key: meta(tx, path, "next_event_key")?,
            next_global_id: meta(tx, path, "next_global_event_id")?,
            tx,
            path,
            interned,
            deltas: HashMap::new(),
            agg: HashMap::new(),
            out: BatchOutcome::default(),
            dict_version,
        })
    }

    /// Records that `code` was stored with `country` (once per pair).
    fn actor_country(&mut self, code: &str, country: &str) -> Result<(), StoreError> {
        let key = (code.to_string(), country.to_string());
        if self.interned.actor_countries.contains(&key) {
            return Ok(());
        }
        self.tx
            .prepare_cached("INSERT OR IGNORE INTO actor_countries VALUES (?1, ?2)")
            .and_then(|mut st| st.execute([code, country]))
            .at(self.path)?;
        self.interned.actor_countries.insert(key);
        Ok(())
    }

    fn string_id(&mut self, s: &str) -> Result<i64, StoreError> {
        if let Some(&id) = self.interned.string_ids.get(s) {
            return Ok(id);
        }
        let id = intern(self.tx, self.path, "strings", "string_id", "text", s)?;
        self.interned.string_ids.insert(s.to_string(), id);
        Ok(id)
    }

    fn source_id(&mut self, s: &str) -> Result<i64, StoreError> {
        if let Some(&id) = self.interned.source_ids.get(s) {
            return Ok(id);
        }
        let id = intern(self.tx, self.path, "sources", "source_id", "name", s)?;
        self.interned.source_ids.insert(s.to_string(), id);
        Ok(id)
    }

    fn add_document(&mut self, run: RunId, d: &CodedDoc) -> Result<(), StoreError> {
        let source_id = self.source_id(&d.doc.source)?;
        let doc = &d.doc.doc;
        let from = self.next_event_key;
        let to = from + d.events.len() as i64;
        let n = self
            .tx
            .prepare_cached(
                "INSERT INTO documents (id, content_hash, url, title, published, source_id, origin,
                     dict_version, run_id, sentences, events_from, events_to, text)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)
                 ON CONFLICT (content_hash) DO NOTHING",
            )
            .and_then(|mut st| {
                st.execute(params![
                    doc.id,
                    &d.hash.0[..],
                    doc.url,
                    doc.title,
                    doc.date.map(|x| x.to_string()),
                    source_id,
                    d.doc.origin,
                    self.dict_version,
                    run.0,
                    d.sentences,
                    from,
                    to,
                    doc.text,
                ])
            })
            .at(self.path)?;
        if n == 0 {
            self.out.documents_skipped += 1;
            return Ok(());
        }
        let doc_key = self.tx.last_insert_rowid();
        self.out.documents_added += 1;
        self.add_mentions(doc_key, source_id, &d.events, &d.sketches)
    }

    /// Stores one document's events as mentions of new or existing
    /// deduplicated events (see [`crate::dedup`]).
    fn add_mentions(
        &mut self,
        doc_key: i64,
        source_id: i64,
        events: &[Event],
        sketches: &[Sketch],
    ) -> Result<(), StoreError> {
        let mut in_doc: HashMap<DedupKey<'_>, i64> = HashMap::new();
        let mut touched: HashSet<i64> = HashSet::new();
        for (e, sketch) in events.iter().zip(sketches) {
            let key = DedupKey::of(e);
            let (gid, created) = match in_doc.get(&key) {
                Some(&g) => (g, false),
                None => {
                    let date = EventDate::parse(&e.date);
                    let found = self.find_global(e, &date, sketch)?;
                    let r = match found {
                        Some(g) => (g, false),
                        None => (self.create_global(e, &date, sketch)?, true),
                    };
                    in_doc.insert(key, r.0);
                    r
                }
            };
            // Asked before this mention is inserted, which would answer
            // for itself.
            if touched.insert(gid) {
                let new_source = created || !self.source_has(gid, source_id)?;
                let d = self.deltas.entry(gid).or_default();
                d.articles += 1;
                if new_source {
                    d.sources += 1;
                }
            }
            self.insert_event(doc_key, gid, e)?;
            self.deltas.entry(gid).or_default().mentions += 1;
        }
        Ok(())
    }

    fn find_global(
        &self,
        e: &Event,
        date: &EventDate,
        sketch: &Sketch,
    ) -> Result<Option<i64>, StoreError> {
        let mut st = self
            .tx
            .prepare_cached(
                // INDEXED BY: without it SQLite prefers the day index
                // (it yields id order for free) and scans every event of
                // the day, thousands at 10M events, for each mention.
                "SELECT global_event_id, sketch FROM global_events INDEXED BY global_events_source
                 WHERE source = ?1 AND target_country = ?2 AND day IS ?3
                   AND target = ?4 AND cameo = ?5 AND precision = ?6
                 ORDER BY global_event_id",
            )
            .at(self.path)?;
        let mut rows = st
            .query(params![
                e.source,
                e.target_country,
                date.day_number(),
                e.target,
                e.cameo,
                date.precision as i64
            ])
            .at(self.path)?;
        while let Some(r) = rows.next().at(self.path)? {
            let bytes: Vec<u8> = r.get(1).at(self.path)?;
            let Some(stored) = Sketch::from_bytes(&bytes) else {
                return Err(StoreError::Corrupt {
                    path: self.path.to_path_buf(),
                    message: format!(
                        "global event {} has a malformed sketch",
                        r.get::<_, i64>(0).unwrap_or(-1)
                    ),
                });
            };
            if stored.same_story(sketch) {
                return Ok(Some(r.get(0).at(self.path)?));
            }
        }
        Ok(None)
    }

    fn create_global(
        &mut self,
        e: &Event,
        date: &EventDate,
        sketch: &Sketch,
    ) -> Result<i64, StoreError> {
        let gid = self.next_global_id;
        self.next_global_id += 1;
        self.tx
            .prepare_cached(
                "INSERT INTO global_events (global_event_id, date, day, precision, source, source_country,
                     target, target_country, cameo, root, quad_class, goldstein_tenths, plover, first_event,
                     num_mentions, num_sources, num_articles, sketch)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 0, 0, 0, ?15)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    gid,
                    e.date,
                    date.day_number(),
                    date.precision as i64,
                    e.source,
                    e.source_country,
                    e.target,
                    e.target_country,
                    e.cameo,
                    e.root,
                    e.quad_class,
                    goldstein_tenths(e.goldstein),
                    e.plover,
                    self.next_event_key,
                    &sketch.to_bytes()[..],
                ])
            })
            .at(self.path)?;
        self.out.global_events_added += 1;
        self.actor_country(&e.source, &e.source_country)?;
        self.actor_country(&e.target, &e.target_country)?;
        if let Some(day) = date.day_number() {
            let a = self
                .agg
                .entry((
                    e.source_country.clone(),
                    e.target_country.clone(),
                    day,
                    date.precision as i64,
                    i64::from(e.quad_class),
                ))
                .or_default();
            a.0 += 1;
            a.1 += goldstein_tenths(e.goldstein);
        }
        Ok(gid)
    }

    /// True when another document from the same outlet already mentions
    /// this event.
    fn source_has(&self, gid: i64, source_id: i64) -> Result<bool, StoreError> {
        self.tx
            .prepare_cached(
                "SELECT 1 FROM events e JOIN documents d ON d.doc_key = e.doc_key
                 WHERE e.global_event_id = ?1 AND d.source_id = ?2 LIMIT 1",
            )
            .and_then(|mut st| st.exists(params![gid, source_id]))
            .at(self.path)
    }

    fn insert_event(&mut self, doc_key: i64, gid: i64, e: &Event) -> Result<(), StoreError> {
        let ev = &e.evidence;
        let ids = [
            self.string_id(&ev.rule)?,
            self.string_id(&ev.source_rule)?,
            self.string_id(&ev.target_rule)?,
            self.string_id(&ev.clause)?,
        ];
        let key = self.next_event_key;
        self.next_event_key += 1;
        self.tx
            .prepare_cached(
                "INSERT INTO events VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
                     ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31,
                     ?32, ?33)",
            )
            .and_then(|mut st| {
                st.execute(params![
                    key,
                    doc_key,
                    gid,
                    e.sentence_index,
                    e.sentence_span.start,
                    e.sentence_span.end,
                    e.date,
                    e.date_source,
                    e.source,
                    e.source_country,
                    e.source_sector,
                    e.source_text,
                    e.target,
                    e.target_country,
                    e.target_sector,
                    e.target_text,
                    e.cameo,
                    e.root,
                    e.quad_class,
                    f64::from(e.goldstein),
                    e.plover,
                    e.verb_text,
                    e.mode,
                    ev.verb_span.start,
                    ev.verb_span.end,
                    ev.source_span.map(|s| s.start),
                    ev.source_span.map(|s| s.end),
                    ev.target_span.map(|s| s.start),
                    ev.target_span.map(|s| s.end),
                    ids[0],
                    ids[1],
                    ids[2],
                    ids[3],
                ])
            })
            .at(self.path)?;
        self.out.events_added += 1;
        Ok(())
    }

    /// Re-codes one stored document: removes its mentions (fixing the
    /// counts, first mentions and aggregates of the events they belonged
    /// to), then adds the new ones through the ingest path.
    fn replace_document(&mut self, r: &Recoded) -> Result<(), StoreError> {
        let Some(coded) = &r.coded else {
            self.tx
                .execute(
                    "UPDATE documents SET dict_version = ?2 WHERE doc_key = ?1",
                    params![r.doc_key, self.dict_version],
                )
                .at(self.path)?;
            return Ok(());
        };
        let (from, to, source_id): (i64, i64, i64) = self
            .tx
            .query_row(
                "SELECT events_from, events_to, source_id FROM documents WHERE doc_key = ?1",
                [r.doc_key],
                |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
            )
            .at(self.path)?;
        let gids: Vec<i64> = {
            let mut st = self
                .tx
                .prepare_cached(
                    "SELECT DISTINCT global_event_id FROM events WHERE event_key >= ?1 AND event_key < ?2",
                )
                .at(self.path)?;
            let rows = st
                .query_map(params![from, to], |row| row.get(0))
                .at(self.path)?;
            rows.collect::<Result<_, _>>().at(self.path)?
        };
        let removed = self
            .tx
            .execute(
                "DELETE FROM events WHERE event_key >= ?1 AND event_key < ?2",
                params![from, to],
            )
            .at(self.path)?;
        self.out.events_removed += removed as u64;
        for gid in gids {
            self.recount(gid)?;
        }
        let new_from = self.next_event_key;
        self.add_mentions(r.doc_key, source_id, &coded.events, &coded.sketches)?;
        self.tx
            .execute(
                "UPDATE documents SET dict_version = ?2, sentences = ?3, events_from = ?4, events_to = ?5
                 WHERE doc_key = ?1",
                params![
                    r.doc_key,
                    self.dict_version,
                    coded.sentences,
                    new_from,
                    self.next_event_key
                ],
            )
            .at(self.path)?;
        Ok(())
    }

    /// Sets a global event's counts from its remaining mentions, moves its
    /// first mention if that one went, and deletes it (and takes it out of
    /// the aggregate) when none remain. Pending deltas for it are dropped:
    /// the recount already sees every row written in this transaction.
    fn recount(&mut self, gid: i64) -> Result<(), StoreError> {
        self.deltas.remove(&gid);
        let (mentions, articles, sources, first): (i64, i64, i64, Option<i64>) = self
            .tx
            .query_row(
                "SELECT count(*), count(DISTINCT e.doc_key), count(DISTINCT d.source_id), min(e.event_key)
                 FROM events e JOIN documents d ON d.doc_key = e.doc_key
                 WHERE e.global_event_id = ?1",
                [gid],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .at(self.path)?;
        match first {
            Some(first) => {
                self.tx
                    .execute(
                        "UPDATE global_events SET num_mentions = ?2, num_articles = ?3, num_sources = ?4,
                             first_event = ?5
                         WHERE global_event_id = ?1",
                        params![gid, mentions, articles, sources, first],
                    )
                    .at(self.path)?;
            }
            None => {
                let row: Option<(String, String, Option<i64>, i64, i64, i64)> = self
                    .tx
                    .query_row(
                        "SELECT source_country, target_country, day, precision, quad_class, goldstein_tenths
                         FROM global_events WHERE global_event_id = ?1",
                        [gid],
                        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
                    )
                    .optional()
                    .at(self.path)?;
                if let Some((sc, tc, day, precision, quad, goldstein)) = row {
                    if let Some(day) = day {
                        let a = self.agg.entry((sc, tc, day, precision, quad)).or_default();
                        a.0 -= 1;
                        a.1 -= goldstein;
                    }
                    self.tx
                        .execute(
                            "DELETE FROM global_events WHERE global_event_id = ?1",
                            [gid],
                        )
                        .at(self.path)?;
                    self.out.global_events_removed += 1;
                }
            }
        }
        Ok(())
    }

    /// Applies the batch's count deltas and aggregate changes and saves the
    /// key counters.
    fn finish(&mut self) -> Result<(), StoreError> {
        {
            let mut st = self
                .tx
                .prepare_cached(
                    "UPDATE global_events SET num_mentions = num_mentions + ?2,
                         num_articles = num_articles + ?3, num_sources = num_sources + ?4
                     WHERE global_event_id = ?1",
                )
                .at(self.path)?;
            for (gid, d) in &self.deltas {
                st.execute(params![gid, d.mentions, d.articles, d.sources])
                    .at(self.path)?;
            }
        }
        let mut any_negative = false;
        {
            let mut st = self
                .tx
                .prepare_cached(
                    "INSERT INTO dyad_days VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                     ON CONFLICT (source_country, target_country, day, precision, quad_class)
                     DO UPDATE SET events = events + excluded.events,
                                   goldstein_tenths = goldstein_tenths + excluded.goldstein_tenths",
                )
                .at(self.path)?;
            for ((sc, tc, day, precision, quad), (n, g)) in &self.agg {
                if *n == 0 && *g == 0 {
                    continue;
                }
                any_negative |= *n < 0;
                st.execute(params![sc, tc, day, precision, quad, n, g])
                    .at(self.path)?;
            }
        }
        if any_negative {
            self.tx
                .execute("DELETE FROM dyad_days WHERE events <= 0", [])
                .at(self.path)?;
        }
        self.tx
            .execute(
                "UPDATE meta SET value = CASE key WHEN 'next_event_key' THEN ?1 ELSE ?2 END
                 WHERE key IN ('next_event_key', 'next_global_event_id')",
                params![self.next_event_key, self.next_global_id],
            )
            .at(self.path)?;
        Ok(())
    }
}

fn intern(
    tx: &Transaction<'_>,
    path: &Path,
    table: &str,
    id_col: &str,
    text_col: &str,
    s: &str,
) -> Result<i64, StoreError> {
    tx.prepare_cached(&format!(
        "INSERT INTO {table} ({text_col}) VALUES (?1) ON CONFLICT ({text_col}) DO NOTHING"
    ))
    .and_then(|mut st| st.execute([s]))
    .at(path)?;
    tx.prepare_cached(&format!(
        "SELECT {id_col} FROM {table} WHERE {text_col} = ?1"
    ))
    .and_then(|mut st| st.query_row([s], |r| r.get(0)))
    .at(path)
}
