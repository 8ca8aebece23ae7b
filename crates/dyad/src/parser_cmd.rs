//! `dyad train-parser` and `dyad eval-parser`: reproduce and measure the
//! tagger and dependency parser behind `--analyzer parser`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;

use dyad_core::analysis::heuristic::HeuristicAnalyzer;
use dyad_core::analysis::parsed::ParsedAnalyzer;
use dyad_core::analysis::ClauseAnalyzer;
use dyad_core::parse::conllu::{read_conllu, TreebankSentence};
use dyad_core::parse::eval::evaluate;
use dyad_core::parse::train::{train, TrainOptions};
use dyad_core::parse::{Model, ParseBuf};

const DEFAULT_TRAIN: &str = "../shared/ud-english-ewt/en_ewt-ud-train.conllu";
const DEFAULT_DEV: &str = "../shared/ud-english-ewt/en_ewt-ud-dev.conllu";
const DEFAULT_OUT: &str = "crates/dyad-core/data/model/en_ewt.dyadparse";

/// The clause analyser behind `--analyzer` on `dyad code` and `dyad eval`.
/// `dyad code` defaults to `parser`, which codes better on every
/// validation suite; `dyad eval` keeps `heuristic` as its default so that
/// the ratchet and quick dictionary measurements stay fast.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum AnalyzerKind {
    /// Token patterns only: the fastest.
    #[default]
    Heuristic,
    /// The built-in tagger and dependency parser, combined with the token patterns.
    Parser,
}

impl AnalyzerKind {
    pub fn build(self) -> Arc<dyn ClauseAnalyzer> {
        match self {
            AnalyzerKind::Heuristic => Arc::new(HeuristicAnalyzer),
            AnalyzerKind::Parser => Arc::new(ParsedAnalyzer::new()),
        }
    }
}

#[derive(clap::Args)]
pub struct TrainArgs {
    /// Training treebank (CoNLL-U). Paths are relative to the working directory (the repository root).
    #[arg(long, default_value = DEFAULT_TRAIN)]
    pub train: PathBuf,
    /// Dev treebank, for early stopping.
    #[arg(long, default_value = DEFAULT_DEV)]
    pub dev: PathBuf,
    /// Seed for shuffling and exploration; the same data and seed give a byte-identical model.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Where to write the model.
    #[arg(long, default_value = DEFAULT_OUT)]
    pub out: PathBuf,
}

#[derive(clap::Args)]
pub struct EvalParserArgs {
    /// Gold treebank (CoNLL-U), e.g. ../shared/ud-english-ewt/en_ewt-ud-test.conllu.
    pub file: PathBuf,
    /// A model file to evaluate instead of the built-in one.
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
}

fn read_treebank(path: &Path) -> anyhow::Result<Vec<TreebankSentence>> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read treebank {}", path.display()))?;
    Ok(read_conllu(&path.display().to_string(), &text)?)
}

pub fn run_train(args: TrainArgs) -> anyhow::Result<ExitCode> {
    let tr = read_treebank(&args.train)?;
    let dev = read_treebank(&args.dev)?;
    eprintln!(
        "dyad: training on {} sentences, early stopping on {} (seed {})",
        tr.len(),
        dev.len(),
        args.seed
    );
    let opts = TrainOptions {
        seed: args.seed,
        ..TrainOptions::default()
    };
    let start = Instant::now();
    let (model, report) = train(&tr, &dev, &opts, &mut |line| {
        eprintln!("dyad: [{:>6.1}s] {line}", start.elapsed().as_secs_f64())
    })?;
    let bytes = model.to_bytes();
    std::fs::write(&args.out, &bytes)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    let best = report.parser_dev[report.parser_best - 1];
    eprintln!(
        "dyad: wrote {} ({:.1} MB: tagger {} features, parser {} features / {} entries) in {:.0}s; dev UPOS {:.2}% UAS {:.2}% LAS {:.2}%",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        model.tagger_weights().features(),
        model.parser_weights().features(),
        model.parser_weights().entries(),
        start.elapsed().as_secs_f64(),
        best.upos() * 100.0,
        best.uas() * 100.0,
        best.las() * 100.0,
    );
    Ok(ExitCode::SUCCESS)
}

pub fn run_eval(args: EvalParserArgs) -> anyhow::Result<ExitCode> {
    let gold = read_treebank(&args.file)?;
    let t0 = Instant::now();
    let model: &Model = match &args.model {
        Some(p) => {
            let bytes =
                std::fs::read(p).with_context(|| format!("cannot read model {}", p.display()))?;
            Box::leak(Box::new(Model::from_bytes(&bytes)?))
        }
        None => Model::builtin(),
    };
    let load = t0.elapsed();
    let sc = evaluate(model, &gold);

    // Speed: tag and parse the whole file on this thread, repeatedly, for
    // at least two seconds; only the tagger and parser are timed.
    let mut buf = ParseBuf::new();
    let (mut sentences, mut words) = (0usize, 0usize);
    let cpu0 = thread_cpu_ns();
    let t1 = Instant::now();
    while t1.elapsed() < Duration::from_secs(2) || sentences == 0 {
        for s in &gold {
            buf.clear();
            for w in &s.forms {
                buf.push(w);
            }
            let p = model.parse(&mut buf);
            assert_eq!(p.len(), s.len());
            sentences += 1;
            words += s.len();
        }
    }
    let wall = t1.elapsed().as_secs_f64();
    // Per core means per second of this thread's CPU time, where Linux
    // reports it; on a busy machine wall-clock time would count the time
    // other processes held the core.
    let cpu = match (cpu0, thread_cpu_ns()) {
        (Some(a), Some(b)) if b > a => Some((b - a) as f64 / 1e9),
        _ => None,
    };
    let secs = cpu.unwrap_or(wall);
    let (sps, wps) = (sentences as f64 / secs, words as f64 / secs);
    if args.json {
        let v = serde_json::json!({
            "file": args.file.display().to_string(),
            "sentences": sc.sentences,
            "words": sc.words,
            "upos": sc.upos(),
            "uas": sc.uas(),
            "las": sc.las(),
            "las_universal": sc.las_universal(),
            "sentences_per_second": sps,
            "words_per_second": wps,
            "timed_by": if cpu.is_some() { "thread cpu time" } else { "wall clock" },
            "wall_sentences_per_second": sentences as f64 / wall,
            "model_load_ms": load.as_secs_f64() * 1e3,
        });
        println!("{v}");
    } else {
        println!(
            "{}: {} sentences, {} words",
            args.file.display(),
            sc.sentences,
            sc.words
        );
        println!("UPOS accuracy  {:6.2}%", sc.upos() * 100.0);
        println!("UAS            {:6.2}%", sc.uas() * 100.0);
        println!(
            "LAS            {:6.2}%   (universal relation only: {:.2}%)",
            sc.las() * 100.0,
            sc.las_universal() * 100.0
        );
        println!(
            "speed          {sps:.0} sentences/s, {wps:.0} words/s per core (tagging + parsing, one thread, {}); wall clock {:.0} sentences/s",
            if cpu.is_some() { "by thread CPU time" } else { "by wall clock" },
            sentences as f64 / wall
        );
        println!("model load     {:.0} ms", load.as_secs_f64() * 1e3);
    }
    Ok(ExitCode::SUCCESS)
}

/// This thread's CPU time in nanoseconds, from Linux's
/// `/proc/thread-self/schedstat`; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}
