//! The `dyad` command line: a thin layer over `dyad-core`.
//!
//! Exit codes: 0 when every input was read and coded; 1 when some input
//! could not be read or some records were skipped (the good ones are still
//! coded and written); 2 for usage errors and failures that stop the run.

mod bench;
mod code;
mod eval;
mod eval_actors;
mod output;
mod parser_cmd;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
