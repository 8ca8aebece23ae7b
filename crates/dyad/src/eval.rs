//! `dyad eval`: score the coder on a validation suite.
//!
//! The suite's format is detected from its content. Dictionaries come from,
//! in order: the command line (`--actors`, `--agents`, `--verbs`,
//! `--discards`, each repeatable); the files the suite names (PETRARCH
//! `<Environment>`, TABARI `.project`), looked up beside the suite and in a
//! sibling `dictionaries/` folder; dyad's built-in dictionaries.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{bail, Context};
use rayon::prelude::*;

use dyad_core::analysis::heuristic::HeuristicAnalyzer;
use dyad_core::coder::nest::NestRule;
use dyad_core::coder::{Coder, CoderOptions, Scratch};
use dyad_core::dict::compat;
use dyad_core::dict::{ActorDictionaryBuilder, DictError, VerbDictionaryBuilder};
use dyad_core::document::Document;
use dyad_core::eval::{
    detect_format, parse_dyad_gold, parse_petrarch_xml, parse_plover_gsr, parse_tabari,
    parse_tabari_options, score, tabari_coder_options, CodedEvent, ExpectedEvent, Suite,
    SuiteFormat, SuiteOption, SuiteRecord,
};

#[derive(clap::Args)]
pub struct EvalArgs {
    /// The suite: PETRARCH XML, TABARI Validate.text (or its .project), PLOVER GSR, or dyad gold TOML.
    pub file: PathBuf,
    /// Actor dictionary files (PETRARCH/TABARI format, or dyad `.dyad`). Repeatable.
    #[arg(long)]
    pub actors: Vec<PathBuf>,
    /// Agent (sector) dictionary files. Repeatable.
    #[arg(long)]
    pub agents: Vec<PathBuf>,
    /// Verb dictionary files. Repeatable.
    #[arg(long)]
    pub verbs: Vec<PathBuf>,
    /// Discard files. Repeatable.
    #[arg(long)]
    pub discards: Vec<PathBuf>,
    /// Ignore the dictionaries the suite names and use dyad's own.
    #[arg(long)]
    pub builtin: bool,
    /// Print each failing record with its text, expected and produced events.
    #[arg(long)]
    pub failures: bool,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Clause analyser: `heuristic` (token patterns, fastest) or `parser` (dependency parse).
    #[arg(long, value_enum, default_value_t)]
    pub analyzer: crate::parser_cmd::AnalyzerKind,
    /// Also code events whose target is not found, with target `---`
    /// (PETRARCH's `require_dyad = False`). A suite's own `<Config
    /// option="require_dyad">` still applies from where it appears.
    #[arg(long)]
    pub no_require_dyad: bool,
    /// Score only the record with this id (repeatable): for debugging one
    /// record with `--failures --explain`.
    #[arg(long = "record", value_name = "ID")]
    pub records: Vec<String>,
    /// Print each coded sentence's mentions, predicates and clauses to
    /// stderr, as `dyad code --explain` does.
    #[arg(long)]
    pub explain: bool,
}

fn read(path: &Path) -> anyhow::Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Finds a file a suite names: beside the suite, then in `dictionaries/`
/// beside it or beside its folder.
fn locate(suite_dir: &Path, name: &str) -> Option<PathBuf> {
    let name = name.trim();
    [
        suite_dir.join(name),
        suite_dir.join("dictionaries").join(name),
        suite_dir.join("../dictionaries").join(name),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dialect {
    Tabari,
    Petrarch,
    Native,
}

fn dialect_of(path: &Path, default: Dialect) -> Dialect {
    match path.extension().and_then(|e| e.to_str()) {
        Some("dyad") => Dialect::Native,
        Some("verbs" | "actors" | "agents") => Dialect::Tabari,
        _ => default,
    }
}

/// Dictionary files chosen for a run, with where the choice came from.
struct DictChoice {
    actors: Vec<PathBuf>,
    agents: Vec<PathBuf>,
    verbs: Vec<PathBuf>,
    discards: Vec<PathBuf>,
    origin: &'static str,
}

impl DictChoice {
    fn is_empty(&self) -> bool {
        self.actors.is_empty()
            && self.agents.is_empty()
            && self.verbs.is_empty()
            && self.discards.is_empty()
    }
}

fn build_coder(choice: &DictChoice, default: Dialect) -> anyhow::Result<(Coder, Vec<DictError>)> {
    if choice.is_empty() {
        let coder = crate::code::builtin_coder()?;
        return Ok((coder, Vec::new()));
    }
    let mut ab = ActorDictionaryBuilder::new();
    let mut vb = VerbDictionaryBuilder::new();
    let mut time_shifts = Vec::new();
    let mut transformations = Vec::new();
    let (irr_name, irr) = dyad_core::dict::builtin::IRREGULAR;
    vb.load_irregular(irr_name, irr);
    let name = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    for p in &choice.actors {
        let c = read(p)?;
        match dialect_of(p, default) {
            Dialect::Native => ab.add_native_actors(&name(p), &c),
            Dialect::Tabari => compat::load_tabari_actors(&mut ab, &name(p), &c),
            Dialect::Petrarch => compat::load_petrarch_actors(&mut ab, &name(p), &c),
        }
    }
    for p in &choice.agents {
        let c = read(p)?;
        match dialect_of(p, default) {
            Dialect::Native => ab.add_native_sectors(&name(p), &c),
            Dialect::Tabari => compat::load_tabari_agents(&mut ab, &name(p), &c),
            Dialect::Petrarch => compat::load_petrarch_agents(&mut ab, &name(p), &c),
        }
    }
    for p in &choice.discards {
        let c = read(p)?;
        match dialect_of(p, default) {
            Dialect::Tabari => compat::load_tabari_discards(&mut ab, &name(p), &c),
            _ => compat::load_petrarch_discards(&mut ab, &name(p), &c),
        }
    }
    for p in &choice.verbs {
        let c = read(p)?;
        match dialect_of(p, default) {
            Dialect::Native => vb.add_native(&name(p), &c),
            Dialect::Tabari => {
                time_shifts.extend(compat::load_tabari_verbs(&mut vb, &name(p), &c));
            }
            Dialect::Petrarch => {
                transformations.extend(compat::load_petrarch_verbs(&mut vb, &name(p), &c));
            }
        }
    }
    let mut errors = ab.errors().to_vec();
    errors.extend(vb.errors().iter().cloned());
    // Kinds the user did not supply come from dyad's own dictionaries.
    let actors = if choice.actors.is_empty() && choice.agents.is_empty() {
        let mut b = ab;
        for (n, c) in dyad_core::dict::builtin::ACTORS {
            b.add_native_actors(n, c);
        }
        for (n, c) in dyad_core::dict::builtin::SECTORS {
            b.add_native_sectors(n, c);
        }
        b.build()
    } else {
        ab.build()
    };
    let verbs = if choice.verbs.is_empty() {
        for (n, c) in dyad_core::dict::builtin::VERBS {
            vb.add_native(n, c);
        }
        vb.build()
    } else {
        vb.build()
    };
    // PETRARCH and TABARI code an agent without a country as `---GOV`, and
    // have no modality rules; dyad's own dictionaries expect both.
    let compat_actors = choice
        .actors
        .iter()
        .chain(&choice.agents)
        .any(|p| dialect_of(p, default) != Dialect::Native);
    let compat_verbs = choice
        .verbs
        .iter()
        .any(|p| dialect_of(p, default) != Dialect::Native);
    let mut nest_rules = Vec::new();
    for tr in &transformations {
        match NestRule::compile(tr, &verbs) {
            Ok(r) => nest_rules.push(r),
            Err(m) => {
                let (file, line) = tr
                    .origin
                    .rsplit_once(':')
                    .map(|(f, l)| (f, l.parse().unwrap_or(0)))
                    .unwrap_or((tr.origin.as_str(), 0));
                errors.push(DictError::new(file, line, m));
            }
        }
    }
    let options = CoderOptions {
        nest_rules: (!nest_rules.is_empty()).then(|| Arc::new(nest_rules)),
        context_countries: !compat_actors,
        modality: !compat_verbs,
        time_shifts: (!time_shifts.is_empty()).then(|| Arc::new(time_shifts)),
        ..CoderOptions::default()
    };
    Ok((
        Coder::new(
            Arc::new(actors),
            Arc::new(verbs),
            Arc::new(HeuristicAnalyzer),
            options,
        ),
        errors,
    ))
}

/// For a TABARI `Validate.text`, the `.project` beside it that names it.
fn tabari_project(text_path: &Path) -> Option<(PathBuf, String)> {
    let dir = text_path.parent()?;
    let fname = text_path.file_name()?.to_string_lossy().into_owned();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    entries
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "project"))
        .find_map(|p| {
            let c = read(&p).ok()?;
            c.lines()
                .any(|l| {
                    l.trim_start().starts_with("<textfile>")
                        && l.split_whitespace().nth(1) == Some(fname.as_str())
                })
                .then_some((p, c))
        })
}

pub fn run(args: EvalArgs) -> anyhow::Result<ExitCode> {
    let mut path = args.file.clone();
    let mut project: Option<(PathBuf, String)> = None;
    if path.extension().is_some_and(|e| e == "project") {
        let c = read(&path)?;
        let text = c.lines().find_map(|l| {
            l.trim_start()
                .strip_prefix("<textfile>")
                .map(|v| v.trim().to_string())
        });
        let Some(text) = text else {
            bail!("{}: no <textfile> line", path.display())
        };
        let tp = path.parent().unwrap_or(Path::new(".")).join(text);
        project = Some((path.clone(), c));
        path = tp;
    }
    let content = read(&path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let Some(format) = detect_format(&name, &content) else {
        bail!("{}: not a recognised validation suite (PETRARCH XML, TABARI, PLOVER GSR JSON, or dyad gold TOML)", path.display());
    };
    if format == SuiteFormat::Tabari && project.is_none() {
        project = tabari_project(&path);
    }
    let mut suite: Suite = match format {
        SuiteFormat::PetrarchXml => parse_petrarch_xml(&name, &content),
        SuiteFormat::Tabari => {
            parse_tabari(&name, &content, project.as_ref().map(|(_, c)| c.as_str()))
        }
        SuiteFormat::PloverGsr => parse_plover_gsr(&name, &content),
        SuiteFormat::DyadGold => parse_dyad_gold(&name, &content),
    };

    if !args.records.is_empty() {
        let unknown: Vec<&String> = args
            .records
            .iter()
            .filter(|id| !suite.records.iter().any(|r| &r.id == *id))
            .collect();
        if !unknown.is_empty() {
            bail!("{}: no record with id {unknown:?}", path.display());
        }
        suite.records.retain(|r| args.records.contains(&r.id));
    }

    // Dictionaries.
    let suite_dir = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let flags = DictChoice {
        actors: args.actors.clone(),
        agents: args.agents.clone(),
        verbs: args.verbs.clone(),
        discards: args.discards.clone(),
        origin: "command line",
    };
    let suite_names_dictionaries =
        !suite.dictionaries.actors.is_empty() || !suite.dictionaries.verbs.is_empty();
    let choice = if !flags.is_empty() {
        flags
    } else if !args.builtin && suite_names_dictionaries {
        let find = |names: &[String]| -> anyhow::Result<Vec<PathBuf>> {
            names
                .iter()
                .map(|n| locate(&suite_dir, n).with_context(|| format!("the suite names dictionary {n:?}, not found beside {} or in a dictionaries/ folder; pass it with a flag or use --builtin", path.display())))
                .collect()
        };
        let d = &suite.dictionaries;
        DictChoice {
            actors: find(&d.actors)?,
            agents: find(&d.agents)?,
            verbs: find(&d.verbs)?,
            discards: find(&d.discards)?,
            origin: "named by the suite",
        }
    } else {
        DictChoice {
            actors: vec![],
            agents: vec![],
            verbs: vec![],
            discards: vec![],
            origin: "dyad built-in",
        }
    };
    let default_dialect = if format == SuiteFormat::Tabari {
        Dialect::Tabari
    } else {
        Dialect::Petrarch
    };
    let (coder, dict_errors) = build_coder(&choice, default_dialect)?;
    let mut coder = coder.with_analyzer(args.analyzer.build());
    if args.explain || args.no_require_dyad {
        let mut o = coder.options().clone();
        o.explain = args.explain;
        o.require_dyad = !args.no_require_dyad;
        coder = coder.with_options(o);
    }
    if !dict_errors.is_empty() && !args.json {
        eprintln!(
            "dyad: {} dictionary line(s) could not be read (first: {})",
            dict_errors.len(),
            dict_errors[0]
        );
    }

    // TABARI codes each record under its options file and the `{ OPTION:
    // ... }` commands before it, starting from TABARI's own defaults.
    if format == SuiteFormat::Tabari {
        for n in suite.dictionaries.options.clone() {
            match locate(&suite_dir, &n) {
                Some(p) => suite.options.extend(parse_tabari_options(&read(&p)?)),
                None => eprintln!(
                    "dyad: the suite names options file {n:?}, not found beside {}; TABARI's defaults apply",
                    path.display()
                ),
            }
        }
    }
    // Code every record; skipped records get no output. Each event keeps
    // its date for the date check.
    let coded: Vec<Vec<(CodedEvent, String)>> = suite
        .records
        .par_iter()
        .map_init(Scratch::default, |s, r| {
            if r.skip_reason.is_some() {
                return Vec::new();
            }
            let doc = Document {
                id: r.id.clone(),
                text: r.text.clone(),
                date: r.date,
                title: None,
                url: None,
            };
            let c = coder
                .clone()
                .with_options(record_options(coder.options(), format, &suite, r));
            let mut evs: Vec<(CodedEvent, String)> = c
                .code_document(&doc, s)
                .events
                .iter()
                .filter_map(|e| CodedEvent::for_suite(format, e).map(|c| (c, e.date.clone())))
                .collect();
            evs.sort();
            evs.dedup();
            evs
        })
        .collect();
    let produced: Vec<Vec<CodedEvent>> = coded
        .iter()
        .map(|evs| {
            let mut v: Vec<CodedEvent> = evs.iter().map(|(c, _)| c.clone()).collect();
            v.dedup();
            v
        })
        .collect();
    let dates = check_dates(&suite, &coded);
    let sc = score(&suite, &produced);
    if args.json {
        let mut v = sc.to_json(&name);
        if let Some(obj) = v.as_object_mut() {
            obj.insert("format".into(), format.to_string().into());
            obj.insert("dictionaries".into(), choice.origin.into());
            obj.insert("dictionary_errors".into(), dict_errors.len().into());
            if dates.checked > 0 {
                obj.insert("dates".into(), dates.to_json(&suite));
            }
        }
        println!("{v}");
    } else {
        println!("{name} ({format}); dictionaries: {}", choice.origin);
        if args.failures {
            print!("{}", sc.render_failures(&suite, &produced));
            print!("{}", dates.render_wrong(&suite));
        }
        print!("{}", sc.render_text());
        if dates.checked > 0 {
            println!(
                "dates: {}/{} expected event dates right (of the expected events produced)",
                dates.right, dates.checked
            );
        }
        for p in suite.problems.iter().take(50) {
            eprintln!("dyad: {}:{p}", path.display());
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The coder options for one record: the suite's options and those set
/// before the record (PETRARCH `<Config>`, TABARI options commands) applied
/// to the options the dictionaries gave. TABARI's commands start from
/// TABARI's own defaults ([`tabari_coder_options`]).
fn record_options(
    base: &CoderOptions,
    format: SuiteFormat,
    suite: &Suite,
    r: &SuiteRecord,
) -> CoderOptions {
    let commands: Vec<SuiteOption> = suite.options.iter().chain(&r.options).cloned().collect();
    if format == SuiteFormat::Tabari {
        return tabari_coder_options(base, &commands);
    }
    let mut o = base.clone();
    if let Some(v) = commands
        .iter()
        .rfind(|o| o.name.eq_ignore_ascii_case("require_dyad"))
    {
        o.require_dyad = !v.value.trim().eq_ignore_ascii_case("false");
    }
    o
}

/// Expected event dates (TABARI `{ A / B / 032 } 950103`) against the
/// dates of the matching produced events. Dates are not part of the score:
/// an expected event that was not produced is a miss there and is not
/// checked here.
#[derive(Default)]
struct DateCheck {
    checked: usize,
    right: usize,
    /// (record index, expected event, dates the coder gave it).
    wrong: Vec<(usize, ExpectedEvent, Vec<String>)>,
}

fn check_dates(suite: &Suite, coded: &[Vec<(CodedEvent, String)>]) -> DateCheck {
    let mut dc = DateCheck::default();
    for (i, (r, evs)) in suite.records.iter().zip(coded).enumerate() {
        if r.skip_reason.is_some() {
            continue;
        }
        for e in &r.expected {
            let Some(want) = e.date else { continue };
            let got: Vec<String> = evs
                .iter()
                .filter(|(c, _)| c.key() == e.key())
                .map(|(_, d)| d.clone())
                .collect();
            if got.is_empty() {
                continue;
            }
            dc.checked += 1;
            if got.contains(&want.format("%Y-%m-%d").to_string()) {
                dc.right += 1;
            } else {
                dc.wrong.push((i, e.clone(), got));
            }
        }
    }
    dc
}

impl DateCheck {
    fn render_wrong(&self, suite: &Suite) -> String {
        let mut o = String::new();
        for (i, e, got) in &self.wrong {
            let r = &suite.records[*i];
            o.push_str(&format!(
                "WRONG DATE {} [{}] line {}\n  text:      {}\n  event:     {e}\n  expected:  {}\n  produced:  {}\n\n",
                r.id,
                r.category,
                r.line,
                r.text,
                e.date.map(|d| d.to_string()).unwrap_or_default(),
                got.join("; ")
            ));
        }
        o
    }

    fn to_json(&self, suite: &Suite) -> serde_json::Value {
        let wrong: Vec<serde_json::Value> = self
            .wrong
            .iter()
            .map(|(i, e, got)| {
                serde_json::json!({
                    "id": suite.records[*i].id,
                    "event": e.to_string(),
                    "expected": e.date.map(|d| d.to_string()),
                    "produced": got,
                })
            })
            .collect();
        serde_json::json!({ "checked": self.checked, "right": self.right, "wrong": wrong })
    }
}
