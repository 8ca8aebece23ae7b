//! `dyad bench-store`: measure the store.
//!
//! * `series`: fills a temporary store with synthetic events (10 million
//!   by default) through the ingest write path, then times `dyad dyad`
//!   series and the Parquet export over them, and reports bytes per event.
//!   Every timed result is checked against a direct count.
//! * `ingest`: repeats a JSON Lines corpus until it holds at least a
//!   million sentences, then runs the ingest pipeline twice over it: once
//!   into a store that discards everything (reading and coding alone), once
//!   into SQLite. The ratio is what storage costs.

use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use dyad_core::coder::Scratch;
use dyad_core::input::{read_documents, Diagnostic, InputFormat};
use dyad_store::fingerprint::{builtin_dict_version, ContentHash};
use dyad_store::ingest::{self, IngestOptions, Silent};
use dyad_store::series::{dyad_series, Period, SeriesRequest};
use dyad_store::synth::{self, SynthOptions};
use dyad_store::{
    ActorSel, BatchOutcome, CodedDoc, DyadCell, EventFilter, EventRead, EventStore, Recoded, RunId,
    RunStart, RunStatus, SqliteStore, StoreError, StoreStats, StoredDocument, StoredEvent,
};

use crate::code::builtin_coder;

#[derive(clap::Args)]
pub struct BenchStoreArgs {
    #[command(subcommand)]
    pub what: What,
}

#[derive(clap::Subcommand)]
pub enum What {
    /// Synthetic events: write speed, bytes per event, `dyad dyad` time, Parquet export time.
    Series {
        /// Events to generate.
        #[arg(long, default_value_t = 10_000_000)]
        events: u64,
        /// Work in this directory (kept) instead of a temporary one (deleted).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
    /// Ingest throughput against reading and coding alone, on a repeated corpus.
    Ingest {
        /// A JSON Lines corpus (id, text, published, url, title).
        corpus: PathBuf,
        /// Repeat the corpus until it holds at least this many sentences.
        #[arg(long, default_value_t = 1_000_000)]
        min_sentences: u64,
        /// Work in this directory (kept) instead of a temporary one (deleted).
        #[arg(long)]
        dir: Option<PathBuf>,
    },
}

pub fn run(args: BenchStoreArgs) -> anyhow::Result<ExitCode> {
    match args.what {
        What::Series { events, dir } => series(events, dir),
        What::Ingest {
            corpus,
            min_sentences,
            dir,
        } => ingest_bench(&corpus, min_sentences, dir),
    }
}

/// A working directory: the one given, or a temporary one removed at the
/// end.
fn workdir(dir: Option<PathBuf>) -> anyhow::Result<(PathBuf, Option<tempfile::TempDir>)> {
    match dir {
        Some(d) => {
            std::fs::create_dir_all(&d)?;
            Ok((d, None))
        }
        None => {
            let t = tempfile::Builder::new().prefix("dyad-bench-").tempdir()?;
            Ok((t.path().to_path_buf(), Some(t)))
        }
    }
}

fn bar(len: u64, what: &str) -> ProgressBar {
    let target = if std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let b = ProgressBar::with_draw_target(Some(len), target);
    if let Ok(s) = ProgressStyle::with_template(&format!(
        "{{spinner}} [{{elapsed_precise}}] [{{bar:30}}] {{pos}}/{{len}} {what} ({{per_sec}}) ETA {{eta}}"
    )) {
        b.set_style(s.progress_chars("=> "));
    }
    b
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn count(store: &SqliteStore, sql: &str, a: &str, b: &str) -> anyhow::Result<u64> {
    Ok(store
        .connection()
        .query_row(sql, [a, b], |r| r.get::<_, i64>(0))? as u64)
}

fn series(events: u64, dir: Option<PathBuf>) -> anyhow::Result<ExitCode> {
    let (dir, _tmp) = workdir(dir)?;
    let db = dir.join("bench.sqlite");
    if db.exists() {
        anyhow::bail!("{} exists; give an empty --dir", db.display());
    }
    let mut store = SqliteStore::open(&db)?;
    let pb = bar(events, "events");
    let t = Instant::now();
    let out = synth::fill(
        &mut store,
        &SynthOptions {
            events,
            ..Default::default()
        },
        &mut |n| pb.set_position(n),
    )?;
    pb.finish_and_clear();
    let fill = t.elapsed();
    store.checkpoint()?;
    let bytes = store.file_bytes();
    println!(
        "dyad bench-store series: {events} synthetic events in {}",
        db.display()
    );
    println!(
        "write: {:.1} s, {:.0} events/s ({} deduplicated events, {} documents)",
        fill.as_secs_f64(),
        events as f64 / fill.as_secs_f64(),
        out.global_events_added,
        out.documents_added
    );
    println!(
        "size: {:.2} GB, {:.0} bytes per event",
        bytes as f64 / 1e9,
        bytes as f64 / events.max(1) as f64
    );
    for (name, b) in store.space_by_object()?.into_iter().take(12) {
        println!(
            "  {name:<28} {:>8.1} MB {:>6.1} bytes/event",
            b as f64 / 1e6,
            b as f64 / events.max(1) as f64
        );
    }
    anyhow::ensure!(
        out.events_added == events,
        "wrote {} events, not {events}",
        out.events_added
    );

    // `dyad dyad` over the store: the busiest country pair, a mid-table
    // pair, a pair of full actor codes, and a code against a country.
    let pairs = [
        ("USA", "RUS"),
        ("AZE", "ISR"),
        ("AZEGOV", "ISRGOV"),
        ("USAGOV", "CHN"),
    ];
    println!("dyad series (first run, then median of 5):");
    for (a, b) in pairs {
        for period in [Period::Month, Period::Day] {
            let req = SeriesRequest {
                a: ActorSel::parse(a).map_err(anyhow::Error::msg)?,
                b: ActorSel::parse(b).map_err(anyhow::Error::msg)?,
                period,
                from: None,
                to: None,
            };
            let mut times = Vec::new();
            let mut last = None;
            for _ in 0..6 {
                let t = Instant::now();
                let s = dyad_series(&store, &req)?;
                times.push(t.elapsed());
                last = Some(s);
            }
            let s = last.expect("ran");
            // Check against the events themselves.
            let col = |x: &str, side: &str| {
                if x.len() == 3 {
                    format!("{side}_country")
                } else {
                    side.to_string()
                }
            };
            let sql = |x: &str, y: &str| {
                format!(
                    "SELECT count(*) FROM global_events WHERE {} = ?1 AND {} = ?2",
                    col(x, "source"),
                    col(y, "target")
                )
            };
            let expect = count(&store, &sql(a, b), a, b)? + count(&store, &sql(b, a), b, a)?;
            let got = s.total_forward.events + s.total_backward.events + s.coarser + s.undated;
            anyhow::ensure!(
                got == expect,
                "{a}-{b}: series has {got} events, the store {expect}"
            );
            let first = times[0];
            println!(
                "  {a:>6} <-> {b:<6} by {:<5} {:>8} events {:>5} periods  {:>8.1} ms  {:>8.1} ms",
                format!("{period:?}").to_lowercase(),
                got,
                s.rows.len(),
                ms(first),
                ms(median(times[1..].to_vec()))
            );
        }
    }

    // Compacting rewrites the file in index order; then the same series
    // again (warm in-process timings change little; cold reads do, see
    // `SqliteStore::compact`).
    let t = Instant::now();
    store.compact()?;
    println!(
        "compact: {:.1} s, {:.2} GB",
        t.elapsed().as_secs_f64(),
        store.file_bytes() as f64 / 1e9
    );

    let pq = dir.join("parquet");
    let t = Instant::now();
    let s = dyad_store::export::parquet::write(&store, &EventFilter::default(), &pq)?;
    let export = t.elapsed();
    let pq_bytes: u64 = s
        .files
        .iter()
        .map(|f| std::fs::metadata(f).map(|m| m.len()).unwrap_or(0))
        .sum();
    anyhow::ensure!(
        s.rows == out.global_events_added,
        "exported {} of {} events",
        s.rows,
        out.global_events_added
    );
    println!(
        "parquet export: {} events in {} files, {:.1} s ({:.0} events/s), {:.2} GB",
        s.rows,
        s.files.len(),
        export.as_secs_f64(),
        s.rows as f64 / export.as_secs_f64(),
        pq_bytes as f64 / 1e9
    );
    Ok(ExitCode::SUCCESS)
}

/// A store that keeps nothing: the ingest pipeline with it measures
/// reading and coding alone.
struct NullStore;

impl EventRead for NullStore {
    fn contains(&self, _: &ContentHash) -> Result<bool, StoreError> {
        Ok(false)
    }
    fn query(
        &self,
        _: &EventFilter,
        _: &mut dyn FnMut(StoredEvent) -> Result<(), StoreError>,
    ) -> Result<u64, StoreError> {
        Ok(0)
    }
    fn dyad_cells(
        &self,
        _: &ActorSel,
        _: &ActorSel,
        _: Option<i64>,
        _: Option<i64>,
    ) -> Result<(Vec<DyadCell>, u64), StoreError> {
        Ok((Vec::new(), 0))
    }
    fn documents(
        &self,
        _: Option<&str>,
        _: i64,
        _: usize,
    ) -> Result<Vec<StoredDocument>, StoreError> {
        Ok(Vec::new())
    }
    fn document_events(&self, _: i64) -> Result<Vec<dyad_core::event::Event>, StoreError> {
        Ok(Vec::new())
    }
    fn stats(&self, _: &str) -> Result<StoreStats, StoreError> {
        Ok(StoreStats::default())
    }
}

impl EventStore for NullStore {
    fn reader(&self) -> Result<Box<dyn EventRead + Send>, StoreError> {
        Ok(Box::new(NullStore))
    }
    fn begin_run(&mut self, _: &RunStart) -> Result<RunId, StoreError> {
        Ok(RunId(0))
    }
    fn write_batch(
        &mut self,
        _: RunId,
        docs: &[CodedDoc],
        _: &[Diagnostic],
        _: u64,
    ) -> Result<BatchOutcome, StoreError> {
        Ok(BatchOutcome {
            documents_added: docs.len() as u64,
            events_added: docs.iter().map(|d| d.events.len() as u64).sum(),
            ..Default::default()
        })
    }
    fn replace_events(
        &mut self,
        _: RunId,
        _: &[Recoded],
        _: &str,
    ) -> Result<BatchOutcome, StoreError> {
        Ok(BatchOutcome::default())
    }
    fn finish_run(&mut self, _: RunId, _: RunStatus) -> Result<(), StoreError> {
        Ok(())
    }
}

/// Writes `copies` copies of the corpus, each document with its own id and
/// url (`…?copy=k`), as another outlet's reprint would have.
fn repeat_corpus(corpus: &Path, copies: u64, out: &Path) -> anyhow::Result<()> {
    let src = std::fs::read_to_string(corpus)?;
    let mut w = BufWriter::new(std::fs::File::create(out)?);
    for k in 0..copies {
        for line in src.lines().filter(|l| !l.trim().is_empty()) {
            let mut v: serde_json::Value = serde_json::from_str(line)?;
            if let Some(o) = v.as_object_mut() {
                let id = o
                    .get("id")
                    .and_then(|x| x.as_str())
                    .unwrap_or("doc")
                    .to_string();
                o.insert("id".into(), format!("{id}-{k}").into());
                if let Some(u) = o.get("url").and_then(|x| x.as_str()).map(str::to_string) {
                    o.insert("url".into(), format!("{u}?copy={k}").into());
                }
            }
            serde_json::to_writer(&mut w, &v)?;
            w.write_all(b"\n")?;
        }
    }
    w.flush()?;
    Ok(())
}

fn ingest_bench(
    corpus: &Path,
    min_sentences: u64,
    dir: Option<PathBuf>,
) -> anyhow::Result<ExitCode> {
    let (dir, _tmp) = workdir(dir)?;
    let coder = builtin_coder()?;
    let version = builtin_dict_version();
    let text = std::fs::read_to_string(corpus)?;
    let (docs, _) = read_documents(
        &corpus.display().to_string(),
        &text,
        InputFormat::Jsonl,
        None,
    );
    anyhow::ensure!(!docs.is_empty(), "{} has no documents", corpus.display());
    let mut scratch = Scratch::default();
    let per_copy: u64 = docs
        .iter()
        .map(|d| coder.code_document(d, &mut scratch).sentences as u64)
        .sum();
    let copies = min_sentences.div_ceil(per_copy.max(1));
    let big = dir.join("corpus.jsonl");
    repeat_corpus(corpus, copies, &big)?;
    let size = std::fs::metadata(&big)?.len();
    println!(
        "dyad bench-store ingest: {} x {copies} = {} documents, {} sentences, {:.0} MB of JSON Lines",
        docs.len(),
        docs.len() as u64 * copies,
        per_copy * copies,
        size as f64 / 1e6
    );
    let opts = IngestOptions::default();
    let inputs = [big.clone()];
    // Reading and coding alone.
    let mut null = NullStore;
    let code = ingest::ingest(&mut null, &coder, &version, &inputs, &opts, &Silent)?;
    // The same into SQLite.
    let db = dir.join("ingest.sqlite");
    let _ = std::fs::remove_file(&db);
    let mut store = SqliteStore::open(&db)?;
    let ing = ingest::ingest(&mut store, &coder, &version, &inputs, &opts, &Silent)?;
    anyhow::ensure!(
        ing.sentences == code.sentences && ing.events_added == code.events_added,
        "ingest coded {} sentences / {} events, coding alone {} / {}",
        ing.sentences,
        ing.events_added,
        code.sentences,
        code.events_added
    );
    store.checkpoint()?;
    let stats = store.stats(&version)?;
    for (name, r) in [("code only", &code), ("ingest (SQLite)", &ing)] {
        let s = r.elapsed.as_secs_f64();
        println!(
            "{name:<16} {:>7.1} s  {:>8.0} docs/s  {:>9.0} sentences/s  {:>8.0} events/s",
            s,
            r.documents_read as f64 / s,
            r.sentences as f64 / s,
            r.events_added as f64 / s
        );
    }
    println!(
        "ingest throughput = {:.0}% of coding alone",
        100.0 * code.elapsed.as_secs_f64() / ing.elapsed.as_secs_f64()
    );
    println!(
        "store: {:.1} MB; {} events ({} deduplicated); {:.0} bytes per event",
        stats.file_bytes as f64 / 1e6,
        stats.events,
        stats.global_events,
        stats.file_bytes as f64 / stats.events.max(1) as f64
    );
    for (name, b) in store.space_by_object()?.into_iter().take(8) {
        println!(
            "  {name:<28} {:>8.1} MB {:>7.1} bytes/event",
            b as f64 / 1e6,
            b as f64 / stats.events.max(1) as f64
        );
    }
    Ok(ExitCode::SUCCESS)
}
