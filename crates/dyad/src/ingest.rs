//! `dyad ingest` and `dyad recode`: fill the store, and bring it up to date
//! after a dictionary change.
//!
//! The pipeline lives in `dyad_store::ingest`; this module parses flags,
//! draws the progress bar (documents/s, events/s, ETA; hidden when stderr
//! is not a terminal) and prints the summary.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use dyad_core::input::Diagnostic;
use dyad_store::fingerprint::builtin_dict_version;
use dyad_store::ingest::{self, IngestOptions, Observer, Progress};
use dyad_store::sources::{InputKind, ReadOptions};
use dyad_store::{EventRead, SqliteStore};

use crate::code::{builtin_coder, parse_date};

/// The store used when `--db` is not given.
pub const DEFAULT_DB: &str = "dyad.sqlite";

#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files and directories (read recursively): text, JSON Lines, PETRARCH XML,
    /// saved HTML pages, RSS/Atom feeds, each optionally .gz; `-` reads standard input.
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The store (an SQLite file, created on first use).
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Publication date (YYYY-MM-DD) for plain text, and for records without one.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Input format of every file. Default: from each file's extension and content.
    #[arg(long, value_enum)]
    pub input_format: Option<Kind>,
    /// Documents per transaction.
    #[arg(long, default_value_t = 512)]
    pub batch: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Kind {
    Text,
    Jsonl,
    Xml,
    Html,
    Feed,
}

impl From<Kind> for InputKind {
    fn from(k: Kind) -> InputKind {
        match k {
            Kind::Text => InputKind::Text,
            Kind::Jsonl => InputKind::Jsonl,
            Kind::Xml => InputKind::Xml,
            Kind::Html => InputKind::Html,
            Kind::Feed => InputKind::Feed,
        }
    }
}

/// Progress bar and problem printer.
struct Bar {
    bar: ProgressBar,
    started: Instant,
    unit: &'static str,
}

impl Bar {
    fn new(unit: &'static str) -> Bar {
        let target = if std::io::stderr().is_terminal() {
            ProgressDrawTarget::stderr()
        } else {
            ProgressDrawTarget::hidden()
        };
        let bar = ProgressBar::with_draw_target(Some(0), target);
        Bar {
            bar,
            started: Instant::now(),
            unit,
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn rate(n: u64, d: Duration) -> f64 {
    let s = d.as_secs_f64();
    if s > 0.0 {
        n as f64 / s
    } else {
        0.0
    }
}

impl Observer for Bar {
    fn start(&self, _files: usize, total: u64) {
        let template = if self.unit == "bytes" {
            "{spinner} [{elapsed_precise}] [{bar:30}] {bytes}/{total_bytes}  {msg}  ETA {eta}"
        } else {
            "{spinner} [{elapsed_precise}] [{bar:30}] {pos}/{len} documents  {msg}  ETA {eta}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            self.bar.set_style(style.progress_chars("=> "));
        }
        self.bar.set_length(total);
        self.bar.enable_steady_tick(Duration::from_millis(200));
    }

    fn progress(&self, p: &Progress) {
        let t = self.started.elapsed();
        if self.unit == "bytes" {
            self.bar.set_position(p.bytes);
        } else {
            self.bar.set_position(p.documents_read);
        }
        self.bar.set_message(format!(
            "{} docs ({:.0}/s), {} events ({:.0}/s)",
            p.documents_read,
            rate(p.documents_read, t),
            p.events_added,
            rate(p.events_added, t)
        ));
    }

    fn problem(&self, d: &Diagnostic) {
        self.bar.suspend(|| eprintln!("dyad: {d}"));
    }
}

pub fn run_ingest(args: IngestArgs) -> anyhow::Result<ExitCode> {
    let coder = builtin_coder()?;
    let version = builtin_dict_version();
    let mut store = SqliteStore::open(&args.db)?;
    let opts = IngestOptions {
        read: ReadOptions {
            default_date: args.date,
            ..Default::default()
        },
        kind: args.input_format.map(Into::into),
        batch_docs: args.batch,
    };
    let bar = Bar::new("bytes");
    let r = ingest::ingest(&mut store, &coder, &version, &args.inputs, &opts, &bar);
    bar.finish();
    let r = r?;
    let secs = r.elapsed.as_secs_f64();
    eprintln!(
        "dyad: {} file(s), {} documents read: {} added, {} already stored, {} repeated in the input; \
         {} sentences, {} events ({} new after deduplication) in {:.1} s ({:.0} documents/s, {:.0} sentences/s, {:.0} events/s)",
        r.files,
        r.documents_read,
        r.documents_added,
        r.documents_already_stored,
        r.documents_repeated,
        r.sentences,
        r.events_added,
        r.global_events_added,
        secs,
        rate(r.documents_read, r.elapsed),
        rate(r.sentences, r.elapsed),
        rate(r.events_added, r.elapsed),
    );
    let stats = store.stats(&version)?;
    eprintln!(
        "dyad: store {}: {} documents, {} events, {} deduplicated events, {:.1} MB",
        args.db.display(),
        stats.documents,
        stats.events,
        stats.global_events,
        stats.file_bytes as f64 / 1e6
    );
    if r.errors > 0 {
        eprintln!(
            "dyad: {} input problem(s) above; every readable document was stored",
            r.errors
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct RecodeArgs {
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Re-code every document, not only those coded with other dictionaries.
    #[arg(long)]
    pub all: bool,
}

pub fn run_recode(args: RecodeArgs) -> anyhow::Result<ExitCode> {
    let coder = builtin_coder()?;
    let version = builtin_dict_version();
    let mut store = SqliteStore::open_existing(&args.db)?;
    let bar = Bar::new("documents");
    let r = ingest::recode(&mut store, &coder, &version, args.all, &bar);
    bar.finish();
    let r = r?;
    if r.documents == 0 {
        eprintln!(
            "dyad: every document in {} is already coded with the current dictionaries ({version}); \
             use --all to re-code anyway",
            args.db.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    println!(
        "re-coded {} documents with dictionaries {version}: {} changed; events {} -> {} (+{} -{}); \
         deduplicated events +{} -{}",
        r.documents,
        r.documents_changed,
        r.events_before,
        r.events_after,
        r.added(),
        r.removed(),
        r.global_events_added,
        r.global_events_removed,
    );
    if !r.by_code.is_empty() {
        println!("{:<6} {:>8} {:>8}  name", "cameo", "added", "removed");
        for (code, (a, d)) in &r.by_code {
            let name = dyad_core::ontology::event_code(code)
                .map(|c| c.name.as_str())
                .unwrap_or("");
            println!("{code:<6} {a:>8} {d:>8}  {name}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
