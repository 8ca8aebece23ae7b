//! Parquet export, Hive-partitioned by the year and month of each event's
//! date: `OUT/year=2024/month=2/part-0.parquet`, and undated events under
//! `year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__`
//! (the Hive convention for NULL). Spark, DuckDB
//! (`read_parquet('OUT/**/*.parquet', hive_partitioning = true)`) and Trino
//! read the directory as one table with `year` and `month` columns.
//!
//! One row per deduplicated event: every contract field (spans flattened
//! as in the TSV output), `global_event_id`, GDELT's three counts, the
//! document's url and title, `date_precision`, `day` (first day of the
//! date period, a Parquet DATE) and `date_added`. Snappy compression only:
//! every reader has it, and it keeps the writer fast.
//!
//! Rows arrive in date order, so each partition is written start to finish
//! by one writer and memory holds one row group at a time.

use std::fs::File;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use arrow_array::{
    ArrayRef, Date32Array, Float64Array, Int32Array, Int64Array, RecordBatch, StringArray,
};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use crate::model::day_number;
use crate::{EventFilter, EventRead, StoreError, StoredEvent};

/// Rows per Arrow batch handed to the writer.
const BATCH_ROWS: usize = 65_536;

/// What [`write`] wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParquetSummary {
    pub rows: u64,
    /// Files written, in order.
    pub files: Vec<PathBuf>,
}

/// The table's schema.
pub fn schema() -> SchemaRef {
    use DataType::*;
    let f = |name: &str, t: DataType, nullable: bool| Field::new(name, t, nullable);
    Arc::new(Schema::new(vec![
        f("global_event_id", Int64, false),
        f("date", Utf8, false),
        f("date_precision", Utf8, false),
        f("day", Date32, true),
        f("doc_id", Utf8, false),
        f("doc_date", Utf8, false),
        f("sentence_index", Int32, false),
        f("sentence_start", Int64, false),
        f("sentence_end", Int64, false),
        f("date_source", Utf8, false),
        f("source", Utf8, false),
        f("source_country", Utf8, false),
        f("source_sector", Utf8, false),
        f("source_text", Utf8, false),
        f("target", Utf8, false),
        f("target_country", Utf8, false),
        f("target_sector", Utf8, false),
        f("target_text", Utf8, false),
        f("cameo", Utf8, false),
        f("root", Utf8, false),
        f("quad_class", Int32, false),
        f("goldstein", Float64, false),
        f("plover", Utf8, true),
        f("verb_text", Utf8, false),
        f("mode", Utf8, true),
        f("verb_start", Int64, false),
        f("verb_end", Int64, false),
        f("source_start", Int64, true),
        f("source_end", Int64, true),
        f("target_start", Int64, true),
        f("target_end", Int64, true),
        f("rule", Utf8, false),
        f("source_rule", Utf8, false),
        f("target_rule", Utf8, false),
        f("clause", Utf8, false),
        f("num_mentions", Int32, false),
        f("num_sources", Int32, false),
        f("num_articles", Int32, false),
        f("url", Utf8, true),
        f("title", Utf8, true),
        f("date_added", Utf8, false),
    ]))
}

/// One Arrow batch from buffered rows, columns in [`schema`] order.
fn batch(
    schema: &SchemaRef,
    rows: &[StoredEvent],
) -> Result<RecordBatch, arrow_schema::ArrowError> {
    fn text<'a>(rows: &'a [StoredEvent], f: impl Fn(&'a StoredEvent) -> &'a str) -> ArrayRef {
        Arc::new(StringArray::from_iter_values(rows.iter().map(f)))
    }
    fn opt_text<'a>(
        rows: &'a [StoredEvent],
        f: impl Fn(&'a StoredEvent) -> Option<&'a str>,
    ) -> ArrayRef {
        Arc::new(rows.iter().map(f).collect::<StringArray>())
    }
    fn int(rows: &[StoredEvent], f: impl Fn(&StoredEvent) -> i32) -> ArrayRef {
        Arc::new(Int32Array::from_iter_values(rows.iter().map(f)))
    }
    fn long(rows: &[StoredEvent], f: impl Fn(&StoredEvent) -> i64) -> ArrayRef {
        Arc::new(Int64Array::from_iter_values(rows.iter().map(f)))
    }
    fn opt_long(rows: &[StoredEvent], f: impl Fn(&StoredEvent) -> Option<i64>) -> ArrayRef {
        Arc::new(rows.iter().map(f).collect::<Int64Array>())
    }
    let span = |s: Option<dyad_core::text::Span>, end: bool| {
        s.map(|s| i64::from(if end { s.end } else { s.start }))
    };
    let cols: Vec<ArrayRef> = vec![
        long(rows, |r| r.global_event_id),
        text(rows, |r| &r.event.date),
        text(rows, |r| r.precision.name()),
        Arc::new(
            rows.iter()
                .map(|r| {
                    r.day
                        .map(|d| i32::try_from(day_number(d)).unwrap_or(i32::MAX))
                })
                .collect::<Date32Array>(),
        ),
        text(rows, |r| &r.event.doc_id),
        text(rows, |r| &r.event.doc_date),
        int(rows, |r| r.event.sentence_index as i32),
        long(rows, |r| i64::from(r.event.sentence_span.start)),
        long(rows, |r| i64::from(r.event.sentence_span.end)),
        text(rows, |r| r.event.date_source),
        text(rows, |r| &r.event.source),
        text(rows, |r| &r.event.source_country),
        text(rows, |r| &r.event.source_sector),
        text(rows, |r| &r.event.source_text),
        text(rows, |r| &r.event.target),
        text(rows, |r| &r.event.target_country),
        text(rows, |r| &r.event.target_sector),
        text(rows, |r| &r.event.target_text),
        text(rows, |r| &r.event.cameo),
        text(rows, |r| &r.event.root),
        int(rows, |r| i32::from(r.event.quad_class)),
        // One decimal, as in the CAMEO table: an f32 widened to f64 would
        // read 2.799999952316284 in every tool.
        Arc::new(Float64Array::from_iter_values(
            rows.iter()
                .map(|r| (f64::from(r.event.goldstein) * 10.0).round() / 10.0),
        )),
        opt_text(rows, |r| r.event.plover.as_deref()),
        text(rows, |r| &r.event.verb_text),
        opt_text(rows, |r| r.event.mode),
        long(rows, |r| i64::from(r.event.evidence.verb_span.start)),
        long(rows, |r| i64::from(r.event.evidence.verb_span.end)),
        opt_long(rows, |r| span(r.event.evidence.source_span, false)),
        opt_long(rows, |r| span(r.event.evidence.source_span, true)),
        opt_long(rows, |r| span(r.event.evidence.target_span, false)),
        opt_long(rows, |r| span(r.event.evidence.target_span, true)),
        text(rows, |r| &r.event.evidence.rule),
        text(rows, |r| &r.event.evidence.source_rule),
        text(rows, |r| &r.event.evidence.target_rule),
        text(rows, |r| &r.event.evidence.clause),
        int(rows, |r| r.num_mentions as i32),
        int(rows, |r| r.num_sources as i32),
        int(rows, |r| r.num_articles as i32),
        opt_text(rows, |r| r.url.as_deref()),
        opt_text(rows, |r| r.title.as_deref()),
        text(rows, |r| &r.added),
    ];
    RecordBatch::try_new(schema.clone(), cols)
}

/// The partition directory of an event.
fn partition(e: &StoredEvent) -> String {
    match e.year_month() {
        Some((y, m)) => format!("year={y}/month={m}"),
        None => "year=__HIVE_DEFAULT_PARTITION__/month=__HIVE_DEFAULT_PARTITION__".into(),
    }
}

struct Open {
    part: String,
    path: PathBuf,
    writer: ArrowWriter<File>,
}

/// Writes every event that passes `filter` under `dir`, which must not
/// exist or be empty (mixing two exports in one table would double
/// events).
pub fn write(
    store: &dyn EventRead,
    filter: &EventFilter,
    dir: &Path,
) -> Result<ParquetSummary, StoreError> {
    if let Ok(mut entries) = std::fs::read_dir(dir) {
        if entries.next().is_some() {
            return Err(StoreError::io(
                dir,
                std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    "directory is not empty; remove it or choose another --out",
                ),
            ));
        }
    }
    std::fs::create_dir_all(dir).map_err(|e| StoreError::io(dir, e))?;
    let schema = schema();
    let props = WriterProperties::builder()
        .set_compression(Compression::SNAPPY)
        .set_created_by(format!("dyad {}", env!("CARGO_PKG_VERSION")))
        .build();
    let pq = |path: &Path, e: &dyn std::fmt::Display| StoreError::Parquet {
        path: path.to_path_buf(),
        message: e.to_string(),
    };
    let mut summary = ParquetSummary::default();
    let mut open: Option<Open> = None;
    let mut rows: Vec<StoredEvent> = Vec::with_capacity(BATCH_ROWS);
    let flush = |open: &mut Open, rows: &mut Vec<StoredEvent>| -> Result<(), StoreError> {
        if rows.is_empty() {
            return Ok(());
        }
        let b = batch(&schema, rows).map_err(|e| pq(&open.path, &e))?;
        open.writer.write(&b).map_err(|e| pq(&open.path, &e))?;
        rows.clear();
        Ok(())
    };
    let close = |o: Open| -> Result<(), StoreError> {
        o.writer.close().map_err(|e| pq(&o.path, &e))?;
        Ok(())
    };
    store.query(filter, &mut |e| {
        let part = partition(&e);
        if open.as_ref().is_none_or(|o| o.part != part) {
            if let Some(mut o) = open.take() {
                flush(&mut o, &mut rows)?;
                close(o)?;
            }
            let pdir = dir.join(&part);
            std::fs::create_dir_all(&pdir).map_err(|e| StoreError::io(&pdir, e))?;
            let path = pdir.join("part-0.parquet");
            let file = File::create(&path).map_err(|e| StoreError::io(&path, e))?;
            let writer = ArrowWriter::try_new(file, schema.clone(), Some(props.clone()))
                .map_err(|e| pq(&path, &e))?;
            summary.files.push(path.clone());
            open = Some(Open { part, path, writer });
        }
        rows.push(e);
        summary.rows += 1;
        if rows.len() >= BATCH_ROWS {
            if let Some(o) = open.as_mut() {
                flush(o, &mut rows)?;
            }
        }
        Ok(())
    })?;
    if let Some(mut o) = open.take() {
        flush(&mut o, &mut rows)?;
        close(o)?;
    }
    Ok(summary)
}
