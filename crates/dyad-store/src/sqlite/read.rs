//! The read path: queries, dyad aggregates, documents for recode.

use rusqlite::types::Value;
use rusqlite::Row;

use crate::error::{SqlContext, StoreError};
use crate::model::{day_number, from_day_number, Precision};
use crate::{ActorSel, DyadCell, EventFilter, SourcedDocument, StoredDocument, StoredEvent};
use dyad_core::event::{Event, Evidence};
use dyad_core::text::Span;

use super::SqliteStore;

/// The event columns, in the order [`event_from_row`] reads them.
const EVENT_COLS: &str =
    "e.sentence_index, e.sentence_start, e.sentence_end, e.date, e.date_source,
    e.source, e.source_country, e.source_sector, e.source_text,
    e.target, e.target_country, e.target_sector, e.target_text,
    e.cameo, e.root, e.quad_class, e.goldstein, e.plover, e.verb_text, e.mode,
    e.verb_start, e.verb_end, e.source_start, e.source_end, e.target_start, e.target_end,
    e.rule_id, e.source_rule_id, e.target_rule_id, e.clause_id";
const EVENT_NCOLS: usize = 30;

fn span(row: &Row<'_>, i: usize) -> rusqlite::Result<Option<Span>> {
    let s: Option<u32> = row.get(i)?;
    let e: Option<u32> = row.get(i + 1)?;
    Ok(s.zip(e).map(|(start, end)| Span { start, end }))
}

/// The contract's string fields that are `&'static str` in [`Event`]:
/// only the values dyad writes are accepted back.
fn date_source(store: &SqliteStore, s: &str) -> Result<&'static str, StoreError> {
    match s {
        "text" => Ok("text"),
        "document" => Ok("document"),
        other => Err(StoreError::Corrupt {
            path: store.path.clone(),
            message: format!("date_source {other:?} is unknown to this dyad version"),
        }),
    }
}

fn mode(store: &SqliteStore, s: Option<String>) -> Result<Option<&'static str>, StoreError> {
    match s.as_deref() {
        None => Ok(None),
        Some("future") => Ok(Some("future")),
        Some(other) => Err(StoreError::Corrupt {
            path: store.path.clone(),
            message: format!("event mode {other:?} is unknown to this dyad version"),
        }),
    }
}

fn event_from_row(
    store: &SqliteStore,
    row: &Row<'_>,
    base: usize,
    doc_id: String,
    doc_date: String,
) -> Result<Event, StoreError> {
    let p = &store.path;
    let g = |i: usize| base + i;
    let text = |i: usize| -> Result<String, StoreError> { row.get(g(i)).at(p) };
    let verb = span(row, g(20)).at(p)?.unwrap_or_default();
    Ok(Event {
        doc_id,
        doc_date,
        sentence_index: row.get(g(0)).at(p)?,
        sentence_span: span(row, g(1)).at(p)?.unwrap_or_default(),
        date: text(3)?,
        date_source: date_source(store, &text(4)?)?,
        source: text(5)?,
        source_country: text(6)?,
        source_sector: text(7)?,
        source_text: text(8)?,
        target: text(9)?,
        target_country: text(10)?,
        target_sector: text(11)?,
        target_text: text(12)?,
        cameo: text(13)?,
        root: text(14)?,
        quad_class: row.get(g(15)).at(p)?,
        goldstein: row.get::<_, f64>(g(16)).at(p)? as f32,
        plover: row.get(g(17)).at(p)?,
        verb_text: text(18)?,
        mode: mode(store, row.get(g(19)).at(p)?)?,
        evidence: Evidence {
            verb_span: verb,
            source_span: span(row, g(22)).at(p)?,
            target_span: span(row, g(24)).at(p)?,
            rule: store.string(row.get(g(26)).at(p)?)?,
            source_rule: store.string(row.get(g(27)).at(p)?)?,
            target_rule: store.string(row.get(g(28)).at(p)?)?,
            clause: store.string(row.get(g(29)).at(p)?)?,
        },
    })
}

/// Adds the WHERE clauses of an actor selector on one side.
fn actor_clause(side: &str, sel: &ActorSel, wheres: &mut Vec<String>, params: &mut Vec<Value>) {
    let col = match sel {
        ActorSel::Country(_) => format!("g.{side}_country"),
        ActorSel::Code(_) => format!("g.{side}"),
    };
    params.push(Value::Text(sel.as_str().to_string()));
    wheres.push(format!("{col} = ?{}", params.len()));
}

pub(super) fn query(
    store: &SqliteStore,
    f: &EventFilter,
    visit: &mut dyn FnMut(StoredEvent) -> Result<(), StoreError>,
) -> Result<u64, StoreError> {
    let mut wheres: Vec<String> = Vec::new();
    let mut params: Vec<Value> = Vec::new();
    if let Some(s) = &f.source {
        actor_clause("source", s, &mut wheres, &mut params);
    }
    if let Some(t) = &f.target {
        actor_clause("target", t, &mut wheres, &mut params);
    }
    if let Some(d) = f.from {
        params.push(Value::Integer(day_number(d)));
        wheres.push(format!("g.day >= ?{}", params.len()));
    }
    if let Some(d) = f.to {
        params.push(Value::Integer(day_number(d)));
        wheres.push(format!("g.day <= ?{}", params.len()));
    }
    if let Some(c) = &f.cameo {
        params.push(Value::Text(c.clone()));
        wheres.push(format!(
            "substr(g.cameo, 1, length(?{n})) = ?{n}",
            n = params.len()
        ));
    }
    if let Some(r) = &f.root {
        params.push(Value::Text(r.clone()));
        wheres.push(format!("g.root = ?{}", params.len()));
    }
    if !f.quad.is_empty() {
        let list: Vec<String> = f.quad.iter().map(|q| q.to_string()).collect();
        wheres.push(format!("g.quad_class IN ({})", list.join(", ")));
    }
    if let Some(pl) = &f.plover {
        params.push(Value::Text(pl.clone()));
        wheres.push(format!("g.plover = ?{}", params.len()));
    }
    let sentence = if f.with_sentence {
        ", CAST(substr(CAST(d.text AS BLOB), e.sentence_start + 1, e.sentence_end - e.sentence_start) AS TEXT)"
    } else {
        ""
    };
    let mut sql = format!(
        "SELECT g.global_event_id, g.num_mentions, g.num_sources, g.num_articles, g.precision, g.day,
                d.id, d.published, d.url, d.title, r.started, {EVENT_COLS}{sentence}
         FROM global_events g
         JOIN events e ON e.event_key = g.first_event
         JOIN documents d ON d.doc_key = e.doc_key
         JOIN ingest_runs r ON r.run_id = d.run_id"
    );
    if !wheres.is_empty() {
        sql.push_str(" WHERE ");
        sql.push_str(&wheres.join(" AND "));
    }
    sql.push_str(" ORDER BY g.day, g.global_event_id");
    if let Some(n) = f.limit {
        sql.push_str(&format!(" LIMIT {n}"));
    }
    let p = &store.path;
    let mut st = store.conn.prepare(&sql).at(p)?;
    let mut rows = st.query(rusqlite::params_from_iter(params.iter())).at(p)?;
    let mut n = 0u64;
    while let Some(row) = rows.next().at(p)? {
        let doc_id: String = row.get(6).at(p)?;
        let doc_date: Option<String> = row.get(7).at(p)?;
        let event = event_from_row(store, row, 11, doc_id, doc_date.unwrap_or_default())?;
        let day: Option<i64> = row.get(5).at(p)?;
        let stored = StoredEvent {
            global_event_id: row.get(0).at(p)?,
            event,
            num_mentions: row.get(1).at(p)?,
            num_sources: row.get(2).at(p)?,
            num_articles: row.get(3).at(p)?,
            precision: Precision::from_i64(row.get(4).at(p)?),
            day: day.and_then(from_day_number),
            url: row.get(8).at(p)?,
            title: row.get(9).at(p)?,
            added: row.get(10).at(p)?,
            sentence: if f.with_sentence {
                row.get(11 + EVENT_NCOLS).at(p)?
            } else {
                None
            },
        };
        visit(stored)?;
        n += 1;
    }
    Ok(n)
}

pub(super) fn dyad_cells(
    store: &SqliteStore,
    source: &ActorSel,
    target: &ActorSel,
    from: Option<i64>,
    to: Option<i64>,
) -> Result<(Vec<DyadCell>, u64), StoreError> {
    let p = &store.path;
    let (lo, hi) = (from.unwrap_or(i64::MIN), to.unwrap_or(i64::MAX));
    let dated = from.is_some() || to.is_some();
    let (cells_sql, undated_sql) = match (source, target) {
        // Country to country: the aggregate, at most one row per day and
        // QuadClass and date precision, however many events; undated
        // events are counted through the countries index.
        (ActorSel::Country(_), ActorSel::Country(_)) => (
            "SELECT day, precision, quad_class, events, goldstein_tenths FROM dyad_days
             WHERE source_country = ?1 AND target_country = ?2 AND day BETWEEN ?3 AND ?4"
                .to_string(),
            (!dated).then_some(
                "SELECT count(*) FROM global_events g
                 WHERE g.source_country = ?1 AND g.target_country = ?2 AND g.day IS NULL",
            ),
        ),
        // A full actor code on either side: group the events themselves
        // through the actor index that starts with that code. Both actor
        // indexes cover these columns, so the table is never read; the
        // index is named because the planner would otherwise take the day
        // index for the range. Without a range, one scan also counts the
        // undated events (day NULL), so cold caches pay for one read.
        _ => {
            let s = match source {
                ActorSel::Country(_) => "g.source_country",
                ActorSel::Code(_) => "g.source",
            };
            let t = match (source, target) {
                (_, ActorSel::Country(_)) => "g.target_country = ?2".to_string(),
                // Two codes: the target code's countries make the index
                // prefix (source, target_country) exact, so only the
                // source's events towards those countries are read.
                (ActorSel::Code(_), ActorSel::Code(_)) => "g.target_country IN
                     (SELECT country FROM actor_countries WHERE code = ?2) AND g.target = ?2"
                    .to_string(),
                (ActorSel::Country(_), ActorSel::Code(_)) => "g.target = ?2".to_string(),
            };
            let index = match source {
                ActorSel::Code(_) => "global_events_source",
                ActorSel::Country(_) => "global_events_target",
            };
            let range = if dated {
                " AND g.day BETWEEN ?3 AND ?4"
            } else {
                " AND ?3 <= ?4"
            };
            (
                format!(
                    "SELECT g.day, g.precision, g.quad_class, count(*), sum(g.goldstein_tenths)
                     FROM global_events g INDEXED BY {index}
                     WHERE {s} = ?1 AND {t}{range}
                     GROUP BY g.day, g.precision, g.quad_class"
                ),
                None,
            )
        }
    };
    let mut st = store.conn.prepare_cached(&cells_sql).at(p)?;
    let rows = st
        .query_map(
            rusqlite::params![source.as_str(), target.as_str(), lo, hi],
            |r| {
                Ok((
                    r.get::<_, Option<i64>>(0)?,
                    DyadCell {
                        day: 0,
                        precision: Precision::from_i64(r.get(1)?),
                        quad_class: r.get(2)?,
                        events: r.get::<_, i64>(3)? as u64,
                        goldstein_tenths: r.get(4)?,
                    },
                ))
            },
        )
        .at(p)?;
    let mut cells = Vec::new();
    let mut undated = 0u64;
    for row in rows {
        match row.at(p)? {
            (Some(day), cell) => cells.push(DyadCell { day, ..cell }),
            (None, cell) => undated += cell.events,
        }
    }
    if let Some(sql) = undated_sql {
        undated += store
            .conn
            .prepare_cached(sql)
            .and_then(|mut st| {
                st.query_row(rusqlite::params![source.as_str(), target.as_str()], |r| {
                    r.get::<_, i64>(0)
                })
            })
            .at(p)? as u64;
    }
    Ok((cells, undated))
}

pub(super) fn documents(
    store: &SqliteStore,
    stale_for: Option<&str>,
    after: i64,
    limit: usize,
) -> Result<Vec<StoredDocument>, StoreError> {
    let p = &store.path;
    let mut st = store
        .conn
        .prepare_cached(
            "SELECT d.doc_key, d.id, d.text, d.published, d.title, d.url, s.name, d.origin, d.dict_version
             FROM documents d JOIN sources s ON s.source_id = d.source_id
             WHERE d.doc_key > ?1 AND (?2 IS NULL OR d.dict_version <> ?2)
             ORDER BY d.doc_key LIMIT ?3",
        )
        .at(p)?;
    let rows = st
        .query_map(rusqlite::params![after, stale_for, limit as i64], |r| {
            let published: Option<String> = r.get(3)?;
            Ok(StoredDocument {
                doc_key: r.get(0)?,
                doc: SourcedDocument {
                    doc: dyad_core::document::Document {
                        id: r.get(1)?,
                        text: r.get(2)?,
                        date: published
                            .as_deref()
                            .and_then(dyad_core::coder::parse_doc_date),
                        title: r.get(4)?,
                        url: r.get(5)?,
                    },
                    source: r.get(6)?,
                    origin: r.get(7)?,
                },
                dict_version: r.get(8)?,
            })
        })
        .at(p)?;
    rows.collect::<Result<Vec<_>, _>>().at(p)
}

pub(super) fn document_events(store: &SqliteStore, doc_key: i64) -> Result<Vec<Event>, StoreError> {
    let p = &store.path;
    let sql = format!(
        "SELECT d.id, d.published, {EVENT_COLS}
         FROM documents d JOIN events e ON e.event_key >= d.events_from AND e.event_key < d.events_to
         WHERE d.doc_key = ?1 ORDER BY e.event_key"
    );
    let mut st = store.conn.prepare_cached(&sql).at(p)?;
    let mut rows = st.query([doc_key]).at(p)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().at(p)? {
        let doc_id: String = row.get(0).at(p)?;
        let doc_date: Option<String> = row.get(1).at(p)?;
        out.push(event_from_row(
            store,
            row,
            2,
            doc_id,
            doc_date.unwrap_or_default(),
        )?);
    }
    Ok(out)
}
