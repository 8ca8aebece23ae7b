//! [`SqliteStore`]: the embedded store, one SQLite file (`dyad.sqlite` by
//! default) in WAL mode.
//!
//! Why these settings: WAL lets `dyad query` read while `dyad ingest`
//! writes, and `synchronous = NORMAL` in WAL mode never corrupts the file
//! and never loses a committed transaction when the *process* dies (a
//! `kill -9`); only a power cut can lose the last transactions, which a
//! rerun of the ingest then redoes. One writer at a time: each batch is a
//! `BEGIN IMMEDIATE` transaction.

mod read;
mod write;

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};

use crate::error::{SqlContext, StoreError};
use crate::fingerprint::ContentHash;
use crate::schema::{self, MigrateError};
use crate::{
    ActorSel, BatchOutcome, CodedDoc, DyadCell, EventRead, EventStore, Recoded, RunId, RunStart,
    RunStatus, StoreStats, StoredDocument,
};
use dyad_core::event::Event;
use dyad_core::input::Diagnostic;

/// Ids the write path has interned, cached across batches.
#[derive(Default)]
struct Interned {
    /// Evidence strings (`strings`), by text.
    string_ids: HashMap<String, i64>,
    /// Outlet names (`sources`), by name.
    source_ids: HashMap<String, i64>,
    /// (actor code, country) pairs known to be in `actor_countries`.
    actor_countries: HashSet<(String, String)>,
}

/// A dyad store in one SQLite file. See the [`schema`](crate::schema) for
/// its tables.
pub struct SqliteStore {
    conn: Connection,
    path: PathBuf,
    /// What the write path has interned. Cleared when a transaction fails,
    /// since ids handed out inside it were rolled back.
    interned: Interned,
    /// Evidence strings by id, for reading.
    strings: RefCell<HashMap<i64, String>>,
}

impl SqliteStore {
    /// Opens the store at `path`, creating it (and migrating an older
    /// schema) as needed.
    pub fn open(path: impl AsRef<Path>) -> Result<SqliteStore, StoreError> {
        Self::open_with(path.as_ref(), true)
    }

    /// Opens an existing store; a missing file is an error rather than a
    /// new empty store (for `dyad query` and `dyad export`).
    pub fn open_existing(path: impl AsRef<Path>) -> Result<SqliteStore, StoreError> {
        Self::open_with(path.as_ref(), false)
    }

    fn open_with(path: &Path, create: bool) -> Result<SqliteStore, StoreError> {
        if !create && !path.exists() {
            return Err(StoreError::Schema {
                path: path.to_path_buf(),
                message: "no store here (create one with `dyad ingest --db PATH ...`)".into(),
            });
        }
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let mut conn = Connection::open_with_flags(path, flags).at(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(30))
            .at(path)?;
        // The write path alone uses about 15 statements; the default cache
        // of 16 would evict and re-parse them on every batch.
        conn.set_prepared_statement_cache_capacity(64);
        // Query planner stability: without it SQLite re-plans a cached
        // statement whenever a bound value might change the plan (a
        // parameter switching between 0/1 and other values, or any value
        // with STAT4, which the bundled build enables). The write path binds
        // new values on every call and spent a third of its time re-parsing
        // SQL; dyad's statements have one right plan.
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
            true,
        )
        .at(path)?;
        // journal_mode returns a row, so it is queried rather than executed.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .at(path)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Schema {
                path: path.to_path_buf(),
                message: format!("cannot switch to WAL journal mode (got {mode})"),
            });
        }
        // 128 MiB page cache and 1 GiB of memory map: the store's indexes
        // for 10M events are ~1 GB, and `dyad dyad` should not wait on reads.
        conn.execute_batch(
            "PRAGMA synchronous = NORMAL;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -131072;
             PRAGMA mmap_size = 1073741824;",
        )
        .at(path)?;
        schema::migrate(&mut conn).map_err(|e| match e {
            MigrateError::Sql(source) => StoreError::Sqlite {
                path: path.to_path_buf(),
                source,
            },
            other => StoreError::Schema {
                path: path.to_path_buf(),
                message: other.to_string(),
            },
        })?;
        Ok(SqliteStore {
            conn,
            path: path.to_path_buf(),
            interned: Interned::default(),
            strings: RefCell::new(HashMap::new()),
        })
    }

    /// The file this store lives in.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The underlying connection, for tests and ad-hoc SQL.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    /// Moves the write-ahead log into the main file and truncates it, so
    /// the file's size is the store's size.
    pub fn checkpoint(&self) -> Result<(), StoreError> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
            .at(&self.path)
    }

    /// Rewrites the file in index order (SQLite's `VACUUM`) and truncates
    /// the write-ahead log.
    ///
    /// Why: pages written by many batches of random inserts end up
    /// scattered over the file, so reading one actor's index entries from
    /// a cold cache costs one disk seek per page. Over 10M synthetic events
    /// a cold `dyad dyad USAGOV RUSGOV` took 0.80 s before and 0.10 s after
    /// (`docs/store-benchmarks.md`). Needs free disk space about the size
    /// of the store while it runs, and no other connection writing.
    pub fn compact(&self) -> Result<(), StoreError> {
        self.conn.execute_batch("VACUUM").at(&self.path)?;
        self.checkpoint()
    }

    /// Bytes in the main file and in the write-ahead log.
    pub fn file_bytes(&self) -> u64 {
        let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let mut wal = self.path.clone().into_os_string();
        wal.push("-wal");
        size(&self.path) + size(Path::new(&wal))
    }

    /// Bytes per table and index (SQLite's `dbstat`), largest first.
    pub fn space_by_object(&self) -> Result<Vec<(String, u64)>, StoreError> {
        let mut st = self
            .conn
            .prepare("SELECT name, sum(pgsize) FROM dbstat GROUP BY name ORDER BY 2 DESC")
            .at(&self.path)?;
        let rows = st
            .query_map([], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)? as u64))
            })
            .at(&self.path)?;
        rows.collect::<Result<Vec<_>, _>>().at(&self.path)
    }

    fn string(&self, id: i64) -> Result<String, StoreError> {
        if let Some(s) = self.strings.borrow().get(&id) {
            return Ok(s.clone());
        }
        let s: String = self
            .conn
            .prepare_cached("SELECT text FROM strings WHERE string_id = ?1")
            .and_then(|mut st| st.query_row([id], |r| r.get(0)))
            .optional()
            .at(&self.path)?
            .ok_or_else(|| StoreError::Corrupt {
                path: self.path.clone(),
                message: format!("evidence string {id} is missing"),
            })?;
        self.strings.borrow_mut().insert(id, s.clone());
        Ok(s)
    }
}

fn now_rfc3339() -> String {
    let d = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    chrono::DateTime::from_timestamp(d.as_secs() as i64, 0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// True when process `pid` is alive. Only Linux can tell (via `/proc`);
/// elsewhere every process is assumed alive, so no run is wrongly marked
/// interrupted.
fn process_alive(pid: i64) -> bool {
    if cfg!(target_os = "linux") {
        Path::new(&format!("/proc/{pid}")).exists()
    } else {
        true
    }
}

impl EventRead for SqliteStore {
    fn contains(&self, hash: &ContentHash) -> Result<bool, StoreError> {
        self.conn
            .prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")
            .and_then(|mut st| st.exists([&hash.0[..]]))
            .at(&self.path)
    }

    fn query(
        &self,
        filter: &crate::EventFilter,
        visit: &mut dyn FnMut(crate::StoredEvent) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError> {
        read::query(self, filter, visit)
    }

    fn dyad_cells(
        &self,
        source: &ActorSel,
        target: &ActorSel,
        from: Option<i64>,
        to: Option<i64>,
    ) -> Result<(Vec<DyadCell>, u64), StoreError> {
        read::dyad_cells(self, source, target, from, to)
    }

    fn documents(
        &self,
        stale_for: Option<&str>,
        after: i64,
        limit: usize,
    ) -> Result<Vec<StoredDocument>, StoreError> {
        read::documents(self, stale_for, after, limit)
    }

    fn document_events(&self, doc_key: i64) -> Result<Vec<Event>, StoreError> {
        read::document_events(self, doc_key)
    }

    fn stats(&self, dict_version: &str) -> Result<StoreStats, StoreError> {
        let count = |sql: &str| -> Result<u64, StoreError> {
            self.conn
                .query_row(sql, [], |r| r.get::<_, i64>(0))
                .map(|n| n as u64)
                .at(&self.path)
        };
        Ok(StoreStats {
            documents: count("SELECT count(*) FROM documents")?,
            events: count("SELECT count(*) FROM events")?,
            global_events: count("SELECT count(*) FROM global_events")?,
            mentions: count("SELECT coalesce(sum(num_mentions), 0) FROM global_events")?,
            runs: count("SELECT count(*) FROM ingest_runs")?,
            unfinished_runs: count(
                "SELECT count(*) FROM ingest_runs WHERE status IN ('running', 'interrupted')",
            )?,
            file_bytes: self.file_bytes(),
            stale_documents: self
                .conn
                .query_row(
                    "SELECT count(*) FROM documents WHERE dict_version <> ?1",
                    [dict_version],
                    |r| r.get::<_, i64>(0),
                )
                .at(&self.path)? as u64,
        })
    }
}

impl EventStore for SqliteStore {
    fn reader(&self) -> Result<Box<dyn EventRead + Send>, StoreError> {
        Ok(Box::new(SqliteStore::open_existing(&self.path)?))
    }

    fn begin_run(&mut self, start: &RunStart) -> Result<RunId, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)
            .at(&path)?;
        {
            let mut st = tx
                .prepare("SELECT run_id, pid FROM ingest_runs WHERE status = 'running'")
                .at(&path)?;
            let stale: Vec<i64> = st
                .query_map([], |r| {
                    Ok((r.get::<_, i64>(0)?, r.get::<_, Option<i64>>(1)?))
                })
                .at(&path)?
                .filter_map(Result::ok)
                .filter(|(_, pid)| pid.is_some_and(|p| !process_alive(p)))
                .map(|(id, _)| id)
                .collect();
            for id in stale {
                tx.execute(
                    "UPDATE ingest_runs SET status = 'interrupted' WHERE run_id = ?1",
                    [id],
                )
                .at(&path)?;
            }
        }
        tx.execute(
            "INSERT INTO ingest_runs (kind, status, started, pid, dyad_version, dict_version, inputs)
             VALUES (?1, 'running', ?2, ?3, ?4, ?5, ?6)",
            params![
                start.kind.as_str(),
                now_rfc3339(),
                std::process::id(),
                env!("CARGO_PKG_VERSION"),
                start.dict_version,
                serde_json::to_string(&start.inputs).unwrap_or_default(),
            ],
        )
        .at(&path)?;
        let id = tx.last_insert_rowid();
        tx.commit().at(&path)?;
        Ok(RunId(id))
    }

    fn write_batch(
        &mut self,
        run: RunId,
        docs: &[CodedDoc],
        problems: &[Diagnostic],
        read: u64,
    ) -> Result<BatchOutcome, StoreError> {
        let r = write::write_batch(self, run, docs, problems, read);
        if r.is_err() {
            self.interned = Interned::default();
        }
        r
    }

    fn replace_events(
        &mut self,
        run: RunId,
        docs: &[Recoded],
        dict_version: &str,
    ) -> Result<BatchOutcome, StoreError> {
        let r = write::replace_events(self, run, docs, dict_version);
        if r.is_err() {
            self.interned = Interned::default();
        }
        r
    }

    fn finish_run(&mut self, run: RunId, status: RunStatus) -> Result<(), StoreError> {
        let status = match status {
            RunStatus::Done => "done",
            RunStatus::Failed => "failed",
        };
        self.conn
            .execute(
                "UPDATE ingest_runs SET status = ?2, finished = ?3 WHERE run_id = ?1",
                params![run.0, status, now_rfc3339()],
            )
            .at(&self.path)?;
        // Refresh the planner's statistics (sqlite_stat1) where the run
        // changed tables enough to matter; the limit keeps ANALYZE to a
        // sample, so this stays fast at 10M events.
        self.conn
            .execute_batch("PRAGMA analysis_limit = 1000; PRAGMA optimize;")
            .at(&self.path)?;
        self.checkpoint()
    }
}
