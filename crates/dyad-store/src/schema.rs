//! The SQLite schema and its migrations.
//!
//! The schema version lives in SQLite's `user_version` header field, and the
//! file is marked as a dyad store by `application_id`. [`MIGRATIONS`]`[i]`
//! takes a store from version `i` to `i + 1`; opening a store runs the
//! missing ones in one transaction, so a store is never half-migrated. A
//! store written by a newer dyad is refused rather than guessed at.
//!
//! # Tables (version 1)
//!
//! | table | one row per | notes |
//! |---|---|---|
//! | `documents` | stored document | id, url, title, published, outlet (`source_id`), content hash (unique), dictionary version, the run that added it, its event-key range, and the text, last so metadata scans never touch text pages |
//! | `events` | coded event (a *mention*) | every contract field; evidence strings are interned in `strings`; `global_event_id` says which deduplicated event it is a mention of |
//! | `global_events` | deduplicated event | GDELT's GlobalEventID with NumMentions, NumSources, NumArticles; the fields queries filter on (Goldstein in tenths); the MinHash sketch of the sentence that created it |
//! | `dyad_days` | (source country, target country, day, date precision, QuadClass) | event count and Goldstein total (in tenths, so sums are exact): the aggregate `dyad dyad` reads |
//! | `ingest_runs` | ingest or recode run | status, counts, inputs, versions |
//! | `ingest_problems` | input diagnostic | file, line, message |
//! | `sources`, `strings` | interned outlet names and evidence strings | |
//! | `actor_countries` | (actor code, country) pair ever stored | lets a series between two actor codes use an index prefix |
//! | `meta` | key/value | key counters (ids are never reused) |
//!
//! The view `event_records` joins events back to their documents and
//! strings, with the contract's field names, for people reading the store
//! with `sqlite3`.
//!
//! # Dates
//!
//! An event date is a day, a month or a year (`"2024-02-16"`, `"2024-01"`,
//! `"2020"`) or unknown (`""`). Stores keep the text and, for ordering and
//! aggregation, `day` (days since 1970-01-01 of the period's first day; NULL
//! when unknown) and `precision` (0 day, 1 month, 2 year, 3 unknown).

use rusqlite::Connection;

/// `PRAGMA application_id` of a dyad store: the bytes `"dyad"`.
pub const APPLICATION_ID: i32 = 0x6479_6164;

/// The schema version this build writes.
pub const SCHEMA_VERSION: i32 = MIGRATIONS.len() as i32;

/// `MIGRATIONS[i]` migrates version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[V1];

const V1: &str = r#"
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO meta VALUES ('next_event_key', 1), ('next_global_event_id', 1);

CREATE TABLE ingest_runs (
    run_id            INTEGER PRIMARY KEY,
    kind              TEXT NOT NULL,
    status            TEXT NOT NULL,
    started           TEXT NOT NULL,
    finished          TEXT,
    pid               INTEGER,
    dyad_version      TEXT NOT NULL,
    dict_version      TEXT NOT NULL,
    inputs            TEXT NOT NULL,
    documents_read    INTEGER NOT NULL DEFAULT 0,
    documents_added   INTEGER NOT NULL DEFAULT 0,
    documents_skipped INTEGER NOT NULL DEFAULT 0,
    events_added      INTEGER NOT NULL DEFAULT 0,
    events_removed    INTEGER NOT NULL DEFAULT 0,
    errors            INTEGER NOT NULL DEFAULT 0,
    warnings          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE ingest_problems (
    run_id   INTEGER NOT NULL,
    severity TEXT NOT NULL,
    file     TEXT NOT NULL,
    line     INTEGER,
    message  TEXT NOT NULL
);

CREATE TABLE sources (
    source_id INTEGER PRIMARY KEY,
    name      TEXT NOT NULL UNIQUE
);

CREATE TABLE strings (
    string_id INTEGER PRIMARY KEY,
    text      TEXT NOT NULL UNIQUE
);

CREATE TABLE documents (
    doc_key      INTEGER PRIMARY KEY,
    id           TEXT NOT NULL,
    content_hash BLOB NOT NULL UNIQUE,
    url          TEXT,
    title        TEXT,
    published    TEXT,
    source_id    INTEGER NOT NULL,
    origin       TEXT NOT NULL,
    dict_version TEXT NOT NULL,
    run_id       INTEGER NOT NULL,
    sentences    INTEGER NOT NULL,
    events_from  INTEGER NOT NULL,
    events_to    INTEGER NOT NULL,
    text         TEXT NOT NULL
);
CREATE INDEX documents_id ON documents(id);

CREATE TABLE global_events (
    global_event_id INTEGER PRIMARY KEY,
    date            TEXT NOT NULL,
    day             INTEGER,
    precision       INTEGER NOT NULL,
    source          TEXT NOT NULL,
    source_country  TEXT NOT NULL,
    target          TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    cameo           TEXT NOT NULL,
    root            TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein_tenths INTEGER NOT NULL,
    plover          TEXT,
    first_event     INTEGER NOT NULL,
    num_mentions    INTEGER NOT NULL,
    num_sources     INTEGER NOT NULL,
    num_articles    INTEGER NOT NULL,
    sketch          BLOB NOT NULL
);
-- The two actor-code indexes cover `dyad dyad` (no table lookups) and the
-- deduplication lookup: (code, country) and (country, code) pairs are index
-- prefixes; (code, code) pairs scan one code's entries and filter.
CREATE INDEX global_events_source
    ON global_events(source, target_country, day, precision, quad_class, goldstein_tenths, target);
CREATE INDEX global_events_target
    ON global_events(target, source_country, day, precision, quad_class, goldstein_tenths, source);
CREATE INDEX global_events_countries ON global_events(source_country, target_country, day);
CREATE INDEX global_events_day       ON global_events(day);

CREATE TABLE events (
    event_key       INTEGER PRIMARY KEY,
    doc_key         INTEGER NOT NULL,
    global_event_id INTEGER NOT NULL,
    sentence_index  INTEGER NOT NULL,
    sentence_start  INTEGER NOT NULL,
    sentence_end    INTEGER NOT NULL,
    date            TEXT NOT NULL,
    date_source     TEXT NOT NULL,
    source          TEXT NOT NULL,
    source_country  TEXT NOT NULL,
    source_sector   TEXT NOT NULL,
    source_text     TEXT NOT NULL,
    target          TEXT NOT NULL,
    target_country  TEXT NOT NULL,
    target_sector   TEXT NOT NULL,
    target_text     TEXT NOT NULL,
    cameo           TEXT NOT NULL,
    root            TEXT NOT NULL,
    quad_class      INTEGER NOT NULL,
    goldstein       REAL NOT NULL,
    plover          TEXT,
    verb_text       TEXT NOT NULL,
    mode            TEXT,
    verb_start      INTEGER NOT NULL,
    verb_end        INTEGER NOT NULL,
    source_start    INTEGER,
    source_end      INTEGER,
    target_start    INTEGER,
    target_end      INTEGER,
    rule_id         INTEGER NOT NULL,
    source_rule_id  INTEGER NOT NULL,
    target_rule_id  INTEGER NOT NULL,
    clause_id       INTEGER NOT NULL
);
CREATE INDEX events_global ON events(global_event_id);

-- Which countries each actor code has been seen with, so a series between
-- two actor codes can use the index prefix (source, target_country).
CREATE TABLE actor_countries (
    code    TEXT NOT NULL,
    country TEXT NOT NULL,
    PRIMARY KEY (code, country)
) WITHOUT ROWID;

CREATE TABLE dyad_days (
    source_country   TEXT NOT NULL,
    target_country   TEXT NOT NULL,
    day              INTEGER NOT NULL,
    precision        INTEGER NOT NULL,
    quad_class       INTEGER NOT NULL,
    events           INTEGER NOT NULL,
    goldstein_tenths INTEGER NOT NULL,
    PRIMARY KEY (source_country, target_country, day, precision, quad_class)
) WITHOUT ROWID;

CREATE VIEW event_records AS
SELECT e.event_key, e.global_event_id, d.id AS doc_id, d.published AS doc_date,
       e.sentence_index, e.sentence_start, e.sentence_end, e.date, e.date_source,
       e.source, e.source_country, e.source_sector, e.source_text,
       e.target, e.target_country, e.target_sector, e.target_text,
       e.cameo, e.root, e.quad_class, e.goldstein, e.plover, e.verb_text, e.mode,
       e.verb_start, e.verb_end, e.source_start, e.source_end, e.target_start, e.target_end,
       r.text AS rule, sr.text AS source_rule, tr.text AS target_rule, c.text AS clause,
       d.url, d.title
FROM events e
JOIN documents d ON d.doc_key = e.doc_key
JOIN strings r  ON r.string_id  = e.rule_id
JOIN strings sr ON sr.string_id = e.source_rule_id
JOIN strings tr ON tr.string_id = e.target_rule_id
JOIN strings c  ON c.string_id  = e.clause_id;
"#;

/// What [`migrate`] found and did.
#[derive(Debug, PartialEq, Eq)]
pub enum Migration {
    /// The store was already at [`SCHEMA_VERSION`].
    Current,
    /// The store was migrated from this version (0: newly created).
    From(i32),
}

/// Brings `conn` to [`SCHEMA_VERSION`], or says why it cannot.
pub fn migrate(conn: &mut Connection) -> Result<Migration, MigrateError> {
    let version: i32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let app: i32 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
    if version == 0 {
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
            [],
            |r| r.get(0),
        )?;
        if tables > 0 {
            return Err(MigrateError::NotAStore(
                "the file is an SQLite database but not a dyad store".into(),
            ));
        }
    } else if app != APPLICATION_ID {
        return Err(MigrateError::NotAStore(format!(
            "the file is an SQLite database but not a dyad store (application_id {app:#x})"
        )));
    }
    if version > SCHEMA_VERSION {
        return Err(MigrateError::TooNew(version));
    }
    if version == SCHEMA_VERSION {
        return Ok(Migration::Current);
    }
    let tx = conn.transaction()?;
    for sql in &MIGRATIONS[version as usize..] {
        tx.execute_batch(sql)?;
    }
    tx.execute_batch(&format!(
        "PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {SCHEMA_VERSION};"
    ))?;
    tx.commit()?;
    Ok(Migration::From(version))
}

/// Why a store could not be opened at this schema.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    #[error("{0}")]
    NotAStore(String),
    #[error("store schema version {0} is newer than this dyad understands (version {SCHEMA_VERSION}); use a newer dyad")]
    TooNew(i32),
    #[error(transparent)]
    Sql(#[from] rusqlite::Error),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_then_finds_current_and_refuses_newer_or_foreign() {
        let mut c = Connection::open_in_memory().unwrap();
        assert_eq!(migrate(&mut c).unwrap(), Migration::From(0));
        assert_eq!(migrate(&mut c).unwrap(), Migration::Current);
        c.execute_batch(&format!("PRAGMA user_version = {}", SCHEMA_VERSION + 1))
            .unwrap();
        assert!(matches!(migrate(&mut c), Err(MigrateError::TooNew(_))));

        let mut other = Connection::open_in_memory().unwrap();
        other.execute_batch("CREATE TABLE t (x)").unwrap();
        assert!(matches!(
            migrate(&mut other),
            Err(MigrateError::NotAStore(_))
        ));
    }
}
