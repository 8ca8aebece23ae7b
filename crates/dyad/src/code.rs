//! `dyad code`: read documents, code them in parallel, write events in order.

use std::io::{self, IsTerminal, Read, Write};
use std::process::ExitCode;

use anyhow::Context;
use chrono::NaiveDate;
use rayon::prelude::*;

use dyad_core::coder::{Coder, Scratch};
use dyad_core::document::Document;
use dyad_core::input::{read_documents, Diagnostic, InputFormat, Severity};

use crate::output::{EventWriter, Format};

#[derive(clap::Args)]
pub struct CodeArgs {
    /// Input files; `-` (or none) reads standard input.
    pub files: Vec<String>,
    /// Publication date (YYYY-MM-DD) for plain text, and for records without one.
    #[arg(long, value_parser = parse_date)]
    pub date: Option<NaiveDate>,
    /// Output format. Default: table on a terminal, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Input format. Default: from the file extension (.jsonl, .xml, else text); stdin is sniffed.
    #[arg(long, value_enum)]
    pub input_format: Option<InputKind>,
    /// Keep only the first event per (date, source, target, code) per document.
    #[arg(long)]
    pub one_a_day: bool,
    /// Print each sentence's actor mentions, predicates and clause analysis to stderr.
    #[arg(long)]
    pub explain: bool,
    /// Clause analyser: `parser` (dependency parse combined with the token
    /// patterns; the default, it codes better) or `heuristic` (token
    /// patterns only, about 30 times faster).
    #[arg(long, value_enum, default_value_t = crate::parser_cmd::AnalyzerKind::Parser)]
    pub analyzer: crate::parser_cmd::AnalyzerKind,
    /// Also code events whose target is not found ("police detained dozens
    /// of people"), with target `---` (PETRARCH's `require_dyad = False`).
    #[arg(long)]
    pub no_require_dyad: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum InputKind {
    Text,
    Jsonl,
    Xml,
}

pub fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|e| format!("{s:?} is not a date in YYYY-MM-DD form ({e})"))
}

/// Reads one input (a path or `-`) as text, replacing invalid UTF-8.
pub fn read_input(path: &str, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let mut bytes = Vec::new();
    let name = if path == "-" { "<stdin>" } else { path };
    let res = if path == "-" {
        io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(path)
            .and_then(|mut f| f.read_to_end(&mut bytes))
            .map(|_| ())
    };
    if let Err(e) = res {
        diags.push(Diagnostic {
            severity: Severity::Error,
            file: name.to_string(),
            line: None,
            message: format!("cannot read: {e}"),
        });
        return None;
    }
    match String::from_utf8(bytes) {
        Ok(s) => Some(s),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
            diags.push(Diagnostic {
                severity: Severity::Warning,
                file: name.to_string(),
                line: Some(line),
                message: format!("invalid UTF-8 at byte offset {valid}; invalid bytes replaced with U+FFFD (reported once per file)"),
            });
            Some(String::from_utf8_lossy(&bytes).into_owned())
        }
    }
}

pub fn load_documents(
    files: &[String],
    kind: Option<InputKind>,
    date: Option<NaiveDate>,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Document> {
    let files: Vec<String> = if files.is_empty() {
        vec!["-".to_string()]
    } else {
        files.to_vec()
    };
    let mut docs = Vec::new();
    for path in &files {
        let Some(content) = read_input(path, diags) else {
            continue;
        };
        let format = match kind {
            Some(InputKind::Text) => InputFormat::Text,
            Some(InputKind::Jsonl) => InputFormat::Jsonl,
            Some(InputKind::Xml) => InputFormat::PetrarchXml,
            None if path == "-" => InputFormat::sniff(&content),
            None => InputFormat::from_path(path),
        };
        let name = if path == "-" {
            "<stdin>"
        } else {
            path.as_str()
        };
        let (d, dg) = read_documents(name, &content, format, date);
        docs.extend(d);
        diags.extend(dg);
    }
    docs
}

pub fn builtin_coder() -> anyhow::Result<Coder> {
    Coder::builtin().map_err(|errs| {
        let list: Vec<String> = errs.iter().take(20).map(|e| e.to_string()).collect();
        anyhow::anyhow!(
            "built-in dictionaries have {} error(s):\n{}",
            errs.len(),
            list.join("\n")
        )
    })
}

pub fn run(args: CodeArgs) -> anyhow::Result<ExitCode> {
    let mut coder = builtin_coder()?;
    coder = coder.with_analyzer(args.analyzer.build());
    if args.one_a_day || args.explain || args.no_require_dyad {
        let mut opts = coder.options().clone();
        opts.one_a_day = args.one_a_day;
        opts.explain = args.explain;
        opts.require_dyad = !args.no_require_dyad;
        coder = coder.with_options(opts);
    }
    let mut diags = Vec::new();
    let docs = load_documents(&args.files, args.input_format, args.date, &mut diags);
    for d in &diags {
        eprintln!("dyad: {d}");
    }
    let stdout = io::stdout();
    let format = args.format.unwrap_or(if stdout.is_terminal() {
        Format::Table
    } else {
        Format::Jsonl
    });
    let mut writer = EventWriter::new(io::BufWriter::new(stdout.lock()), format);
    let mut quad = [0usize; 5];
    let (mut sentences, mut events) = (0usize, 0usize);
    // Code in parallel chunks, write in input order.
    for chunk in docs.chunks(512) {
        let coded: Vec<_> = chunk
            .par_iter()
            .map_init(Scratch::default, |s, d| coder.code_document(d, s))
            .collect();
        for c in coded {
            sentences += c.sentences;
            for w in &c.warnings {
                eprintln!("dyad: warning: {w}");
            }
            for e in &c.events {
                events += 1;
                quad[(e.quad_class as usize).min(4)] += 1;
                writer.write(e).context("writing events")?;
            }
        }
    }
    writer.finish().context("writing events")?;
    eprintln!(
        "dyad: {} documents, {} sentences, {} events (verbal coop {}, material coop {}, verbal conflict {}, material conflict {})",
        docs.len(),
        sentences,
        events,
        quad[1],
        quad[2],
        quad[3],
        quad[4]
    );
    let _ = io::stderr().flush();
    let failed = diags.iter().any(|d| d.severity == Severity::Error);
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
