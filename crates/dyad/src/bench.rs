//! `dyad bench`: the speed and memory figures the issues ask for, measured
//! on real data in one run so their ratios are comparable on a noisy machine.
//!
//! * loading dyad's own dictionaries, and the Phoenix dictionaries;
//! * resident memory after loading Phoenix;
//! * actor matching throughput (MB of text per second, one thread);
//! * coding throughput (sentences per second, one thread, heuristic
//!   analyser, dyad's dictionaries), on the corpus repeated to at least
//!   100,000 sentences; and the same on all cores.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{ensure, Context};
use rayon::prelude::*;

use dyad_core::coder::{Coder, Scratch};
use dyad_core::dict::compat;
use dyad_core::dict::matcher::{Candidates, PhraseMatch};
use dyad_core::dict::ActorDictionaryBuilder;
use dyad_core::document::Document;
use dyad_core::input::{read_documents, InputFormat};
use dyad_core::text::{split_sentences, tokenize, TokenBuf};

#[derive(clap::Args)]
pub struct BenchArgs {
    /// News corpus (JSON Lines) to code.
    #[arg(long, default_value = "../shared/corpora/voa_stories.jsonl")]
    pub corpus: PathBuf,
    /// Folder with the Phoenix dictionaries.
    #[arg(long, default_value = "../shared/validation/petrarch2/dictionaries")]
    pub phoenix: PathBuf,
    /// Code at least this many sentences for the throughput figure.
    #[arg(long, default_value_t = 100_000)]
    pub sentences: usize,
}

fn rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let content = std::fs::read_to_string(&args.corpus)
        .with_context(|| format!("cannot read corpus {}", args.corpus.display()))?;
    let (docs, diags) = read_documents(
        &args.corpus.to_string_lossy(),
        &content,
        InputFormat::Jsonl,
        None,
    );
    ensure!(
        !docs.is_empty(),
        "{}: no documents ({} problems)",
        args.corpus.display(),
        diags.len()
    );
    let text_bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    println!(
        "corpus: {} documents, {:.2} MB of text",
        docs.len(),
        text_bytes as f64 / 1e6
    );

    // Dictionary loading.
    let mut t_builtin = Vec::new();
    for _ in 0..5 {
        let t0 = Instant::now();
        let coder = Coder::builtin()
            .map_err(|e| anyhow::anyhow!("built-in dictionaries: {} errors", e.len()))?;
        t_builtin.push(t0.elapsed().as_secs_f64() * 1e3);
        drop(coder);
    }
    println!(
        "load dyad's dictionaries (actors, people, sectors, verbs): {:.1} ms (median of 5)",
        median(t_builtin)
    );

    let rss_before = rss_mb();
    let files = [
        "Phoenix.Countries.actors.txt",
        "Phoenix.International.actors.txt",
        "Phoenix.MilNonState.actors.txt",
        "Phoenix.agents.txt",
    ];
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|f| {
            let p = args.phoenix.join(f);
            std::fs::read(&p)
                .map(|b| (f.to_string(), compat::decode(&b).into_owned()))
                .with_context(|| format!("cannot read {}", p.display()))
        })
        .collect::<anyhow::Result<_>>()?;
    let mut t_phoenix = Vec::new();
    let mut phoenix = None;
    for _ in 0..3 {
        let t0 = Instant::now();
        let mut b = ActorDictionaryBuilder::new();
        for (name, c) in &texts {
            if name.ends_with("agents.txt") {
                compat::load_petrarch_agents(&mut b, name, c);
            } else {
                compat::load_petrarch_actors(&mut b, name, c);
            }
        }
        let d = b.build();
        t_phoenix.push(t0.elapsed().as_secs_f64() * 1e3);
        phoenix = Some(d);
    }
    let phoenix = phoenix.expect("loaded three times");
    let rss_after = rss_mb();
    println!(
        "load Phoenix actors + agents ({} entities, {} actor phrases, {} agent phrases): {:.1} ms (median of 3)",
        phoenix.entities.len(),
        phoenix.actors.phrase_count(),
        phoenix.sectors.phrase_count(),
        median(t_phoenix)
    );
    if let (Some(a), Some(b)) = (rss_before, rss_after) {
        println!(
            "resident memory: {a:.0} MB before Phoenix, {b:.0} MB with it loaded (process total)"
        );
    }

    // Actor matching: tokenise, look up candidates, leftmost-longest match.
    let mut sentences = Vec::new();
    let mut toks = TokenBuf::new();
    let mut cands = Candidates::default();
    let mut hits: Vec<PhraseMatch> = Vec::new();
    let mut matches = 0usize;
    let t0 = Instant::now();
    for d in &docs {
        split_sentences(&d.text, &mut sentences);
        for &s in &sentences {
            tokenize(&d.text, s, &mut toks);
            cands.fill(phoenix.actors.vocab(), &toks);
            phoenix.actors.find_all(&cands, &mut hits);
            matches += hits.len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    ensure!(
        matches > 0,
        "no actor matched: the benchmark is not measuring matching"
    );
    println!("actor matching with Phoenix (split + tokenise + match, one thread): {:.1} MB/s, {matches} matches", text_bytes as f64 / 1e6 / secs);
    drop(phoenix);

    // Coding throughput.
    let coder = Coder::builtin()
        .map_err(|e| anyhow::anyhow!("built-in dictionaries: {} errors", e.len()))?;
    let per_pass: usize = docs
        .iter()
        .map(|d| {
            split_sentences(&d.text, &mut sentences);
            sentences.len()
        })
        .sum();
    let passes = args.sentences.div_ceil(per_pass.max(1));
    let work: Vec<&Document> = (0..passes).flat_map(|_| docs.iter()).collect();
    let mut scratch = Scratch::default();
    let (mut n_sent, mut n_events) = (0usize, 0usize);
    let t0 = Instant::now();
    for d in &work {
        let c = coder.code_document(d, &mut scratch);
        n_sent += c.sentences;
        n_events += c.events.len();
    }
    let secs = t0.elapsed().as_secs_f64();
    ensure!(
        n_sent == per_pass * passes,
        "sentence count changed between passes"
    );
    println!("coding, one thread (heuristic analyser, dyad's dictionaries): {n_sent} sentences in {secs:.2} s = {:.0} sentences/s ({n_events} events)", n_sent as f64 / secs);
    let t0 = Instant::now();
    let par: usize = work
        .par_iter()
        .map_init(Scratch::default, |s, d| {
            coder.code_document(d, s).events.len()
        })
        .sum();
    let psecs = t0.elapsed().as_secs_f64();
    ensure!(
        par == n_events,
        "parallel coding produced {par} events, serial {n_events}"
    );
    println!(
        "coding, {} threads: {:.0} sentences/s",
        rayon::current_num_threads(),
        n_sent as f64 / psecs
    );
    Ok(ExitCode::SUCCESS)
}
