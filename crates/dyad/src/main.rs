//! The `dyad` command line: a thin layer over `dyad-core`.
//!
//! Exit codes: 0 when every input was read and coded; 1 when some input
//! could not be read or some records were skipped (the good ones are still
//! coded and written); 2 for usage errors and failures that stop the run.

mod bench;
mod code;
mod eval;
mod eval_actors;
mod export;
mod ingest;
mod output;
mod parser_cmd;
mod query;
mod store_bench;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// mimalloc rather than the system allocator. Coding makes many small,
/// short-lived allocations (actor codes, the string fields of each event,
/// per-sentence work lists); under glibc's malloc they were about 10% of
/// the instructions of `Coder::code_document` on the VOA benchmark, much of
/// it in `_int_malloc`/`_int_free` once a size class overflows the
/// thread cache. ripgrep makes the same choice with jemalloc for the same
/// reason. Library users of `dyad-core` keep whatever allocator they choose.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "dyad",
    version,
    about = "Political event coding from news text: who did what to whom, when (CAMEO / PLOVER)"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Code documents into events (plain text, JSON Lines, PETRARCH XML).
    Code(code::CodeArgs),
    /// Score the coder against a validation suite (PETRARCH XML, TABARI, PLOVER GSR, dyad gold TOML).
    Eval(eval::EvalArgs),
    /// Measure actor resolution on a PLOVER GSR file: does each gold actor get its country?
    EvalActors(eval_actors::EvalActorsArgs),
    /// Measure dictionary load time, memory, actor matching and coding throughput.
    Bench(bench::BenchArgs),
    /// Train the POS tagger and dependency parser on UD treebanks (CoNLL-U).
    TrainParser(parser_cmd::TrainArgs),
    /// Score the tagger and parser on a CoNLL-U treebank: UPOS, UAS, LAS, speed.
    EvalParser(parser_cmd::EvalParserArgs),
    /// Code files and directories (text, JSONL, XML, HTML, RSS/Atom, .gz) into the store.
    Ingest(ingest::IngestArgs),
    /// Re-code stored documents after a dictionary change and report what changed.
    Recode(ingest::RecodeArgs),
    /// List stored (deduplicated) events, filtered, as a table, JSONL or CSV.
    Query(query::QueryArgs),
    /// Time series of two actors in both directions: QuadClass counts and Goldstein per period.
    Dyad(query::DyadArgs),
    /// Export stored events as Parquet, GDELT 2.0 TSV or PLOVER JSON.
    Export(export::ExportArgs),
    /// Counts, runs and size of a store.
    Info(query::InfoArgs),
    /// Rewrite a store in index order after large ingests (faster cold reads).
    Compact(query::CompactArgs),
    /// Benchmark the store: dyad series and Parquet export over synthetic events, ingest throughput.
    BenchStore(store_bench::BenchStoreArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Code(args) => code::run(args),
        Command::Eval(args) => eval::run(args),
        Command::EvalActors(args) => eval_actors::run(args),
        Command::Bench(args) => bench::run(args),
        Command::TrainParser(args) => parser_cmd::run_train(args),
        Command::EvalParser(args) => parser_cmd::run_eval(args),
        Command::Ingest(args) => ingest::run_ingest(args),
        Command::Recode(args) => ingest::run_recode(args),
        Command::Query(args) => query::run_query(args),
        Command::Dyad(args) => query::run_dyad(args),
        Command::Export(args) => export::run(args),
        Command::Info(args) => query::run_info(args),
        Command::Compact(args) => query::run_compact(args),
        Command::BenchStore(args) => store_bench::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            if output::is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("dyad: error: {e:#}");
            ExitCode::from(2)
        }
    }
}
