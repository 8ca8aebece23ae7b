//! `dyad export`: the store's deduplicated events as Parquet, GDELT 2.0
//! event TSV or PLOVER JSON Lines.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use dyad_store::export::{gdelt, parquet, plover};
use dyad_store::SqliteStore;

use crate::ingest::DEFAULT_DB;
use crate::query::FilterArgs;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Hive-partitioned Parquet (year=YYYY/month=M) in the --out directory.
    Parquet,
    /// GDELT 2.0 event TSV, 61 columns.
    Gdelt,
    /// PLOVER JSON, one record per line.
    Plover,
}

#[derive(clap::Args)]
pub struct ExportArgs {
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Output file (gdelt, plover; default standard output) or directory (parquet, required).
    #[arg(long)]
    pub out: Option<PathBuf>,
    /// GDELT only: write a header line of column names (GDELT's own files have none).
    #[arg(long)]
    pub header: bool,
    #[command(flatten)]
    pub filter: FilterArgs,
}

pub fn run(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let store = SqliteStore::open_existing(&args.db)?;
    let filter = args.filter.filter();
    let started = Instant::now();
    let text_out = |out: &Option<PathBuf>| -> anyhow::Result<(Box<dyn Write>, String)> {
        Ok(match out {
            Some(p) => (
                Box::new(BufWriter::new(File::create(p).map_err(|e| {
                    anyhow::anyhow!("cannot create {}: {e}", p.display())
                })?)),
                p.display().to_string(),
            ),
            None => (
                Box::new(BufWriter::new(io::stdout().lock())),
                "<stdout>".into(),
            ),
        })
    };
    let (r, name) = match args.format {
        ExportFormat::Parquet => {
            let Some(dir) = &args.out else {
                anyhow::bail!("--format parquet writes a directory: give it with --out DIR");
            };
            let s = parquet::write(&store, &filter, dir)?;
            let msg = format!("{} events in {} Parquet file(s)", s.rows, s.files.len());
            (Ok(msg), dir.display().to_string())
        }
        ExportFormat::Gdelt => {
            let (mut out, name) = text_out(&args.out)?;
            let r = gdelt::write(&store, &filter, args.header, &mut out, &name)
                .map(|n| format!("{n} events"));
            (r, name)
        }
        ExportFormat::Plover => {
            let (mut out, name) = text_out(&args.out)?;
            let r = plover::write(&store, &filter, &mut out, &name).map(|s| {
                format!(
                    "{} events ({} of CAMEO roots 01/02, which PLOVER does not code, left out)",
                    s.written, s.without_plover_type
                )
            });
            (r, name)
        }
    };
    match r {
        Ok(msg) => {
            eprintln!(
                "dyad: {msg} written to {name} in {:.1} s",
                started.elapsed().as_secs_f64()
            );
            Ok(ExitCode::SUCCESS)
        }
        Err(e) if e.is_broken_pipe() => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e.into()),
    }
}
