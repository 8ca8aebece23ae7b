//! `dyad query`, `dyad dyad` and `dyad info`: read the store.

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Datelike, NaiveDate};

use dyad_store::fingerprint::builtin_dict_version;
use dyad_store::series::{dyad_series, DirectionStats, Period, Series, SeriesRequest};
use dyad_store::{ActorSel, EventFilter, EventRead, SqliteStore, StoredEvent};

use crate::ingest::DEFAULT_DB;
use crate::output::clip;

/// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the first day of that
/// period.
fn period_start(s: &str) -> Result<NaiveDate, String> {
    let bad = || format!("{s:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str| p.parse::<u32>().map_err(|_| bad());
    let (y, m, d) = match parts.as_slice() {
        [y] => (num(y)?, 1, 1),
        [y, m] => (num(y)?, num(m)?, 1),
        [y, m, d] => (num(y)?, num(m)?, num(d)?),
        _ => return Err(bad()),
    };
    NaiveDate::from_ymd_opt(y as i32, m, d).ok_or_else(bad)
}

/// The last day of the period `s` names: `--to 2024` is 2024-12-31.
fn period_end(s: &str) -> Result<NaiveDate, String> {
    let start = period_start(s)?;
    let next = match s.split('-').count() {
        1 => NaiveDate::from_ymd_opt(start.year() + 1, 1, 1),
        2 => Period::Month.next(start).into(),
        _ => Some(start + chrono::Duration::days(1)),
    };
    next.map(|n| n - chrono::Duration::days(1))
        .ok_or_else(|| format!("{s:?} is out of range"))
}

fn actor(s: &str) -> Result<ActorSel, String> {
    ActorSel::parse(s)
}

/// Filters shared by `dyad query` and `dyad export`.
#[derive(clap::Args, Clone, Default)]
pub struct FilterArgs {
    /// Source actor: a 3-letter country (AZE) or a full actor code (AZEGOV).
    #[arg(long, value_parser = actor)]
    pub source: Option<ActorSel>,
    /// Target actor: a 3-letter country (ISR) or a full actor code (ISRGOV).
    #[arg(long, value_parser = actor)]
    pub target: Option<ActorSel>,
    /// First event date to include: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_parser = period_start)]
    pub from: Option<NaiveDate>,
    /// Last event date to include (the whole year or month when shorter).
    #[arg(long, value_parser = period_end)]
    pub to: Option<NaiveDate>,
    /// CAMEO code or prefix: 04 is the root and all its codes, 190 is 190 and 190x.
    #[arg(long)]
    pub cameo: Option<String>,
    /// CAMEO root, exactly (04).
    #[arg(long)]
    pub root: Option<String>,
    /// QuadClass: 1 verbal coop, 2 material coop, 3 verbal conflict, 4 material conflict (comma list).
    #[arg(long, value_delimiter = ',', value_parser = clap::value_parser!(u8).range(0..=4))]
    pub quad: Vec<u8>,
    /// PLOVER event type (CONSULT, ASSAULT, ...).
    #[arg(long)]
    pub plover: Option<String>,
}

impl FilterArgs {
    pub fn filter(&self) -> EventFilter {
        EventFilter {
            source: self.source.clone(),
            target: self.target.clone(),
            from: self.from,
            to: self.to,
            cameo: self.cameo.clone(),
            root: self.root.clone(),
            quad: self.quad.clone(),
            plover: self.plover.as_ref().map(|p| p.to_ascii_uppercase()),
            ..Default::default()
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// A readable table (the default on a terminal).
    Table,
    /// JSON Lines (the default when piped).
    Jsonl,
    /// Comma-separated values with a header (RFC 4180 quoting).
    Csv,
}

fn default_format(f: Option<TableFormat>) -> TableFormat {
    f.unwrap_or(if io::stdout().is_terminal() {
        TableFormat::Table
    } else {
        TableFormat::Jsonl
    })
}

#[derive(clap::Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Output format. Default: table on a terminal, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<TableFormat>,
    /// At most this many events.
    #[arg(long)]
    pub limit: Option<u64>,
    /// Include each event's sentence (`sentence` field / column).
    #[arg(long)]
    pub sentence: bool,
}

/// One CSV field, quoted when it must be.
fn csv_field(s: &str, out: &mut String) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

fn csv_line(fields: &[&str]) -> String {
    let mut line = String::new();
    for (i, f) in fields.iter().enumerate() {
        if i > 0 {
            line.push(',');
        }
        csv_field(f, &mut line);
    }
    line.push('\n');
    line
}

/// The CSV columns of a stored event: the TSV contract columns, then the
/// store's.
pub fn event_csv_header(sentence: bool) -> String {
    let mut cols: Vec<&str> = dyad_core::event::Event::TSV_HEADER.split('\t').collect();
    cols.extend([
        "global_event_id",
        "num_mentions",
        "num_sources",
        "num_articles",
        "url",
        "title",
    ]);
    if sentence {
        cols.push("sentence");
    }
    csv_line(&cols)
}

fn event_csv(e: &StoredEvent, sentence: bool) -> String {
    let tsv = e.event.to_tsv();
    let mut cols: Vec<String> = tsv.split('\t').map(str::to_string).collect();
    cols.extend([
        e.global_event_id.to_string(),
        e.num_mentions.to_string(),
        e.num_sources.to_string(),
        e.num_articles.to_string(),
        e.url.clone().unwrap_or_default(),
        e.title.clone().unwrap_or_default(),
    ]);
    if sentence {
        cols.push(e.sentence.clone().unwrap_or_default());
    }
    let refs: Vec<&str> = cols.iter().map(String::as_str).collect();
    csv_line(&refs)
}

pub fn run_query(args: QueryArgs) -> anyhow::Result<ExitCode> {
    let store = SqliteStore::open_existing(&args.db)?;
    let mut filter = args.filter.filter();
    filter.limit = args.limit;
    filter.with_sentence = args.sentence;
    let format = default_format(args.format);
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let sentence = args.sentence;
    match format {
        TableFormat::Csv => out.write_all(event_csv_header(sentence).as_bytes())?,
        TableFormat::Table => writeln!(
            out,
            "{:<10} {:>8} {:<10} {:<10} {:<5} {:<1} {:<10} {:<11} {:<20} {:<26} target text",
            "date",
            "id",
            "source",
            "target",
            "cameo",
            "q",
            "plover",
            "men/src/art",
            "verb",
            "source text"
        )?,
        TableFormat::Jsonl => {}
    }
    let mut io_err: Option<io::Error> = None;
    let n = store.query(&filter, &mut |e| {
        let r = match format {
            TableFormat::Jsonl => serde_json::to_writer(&mut out, &e.json())
                .map_err(io::Error::other)
                .and_then(|_| out.write_all(b"\n")),
            TableFormat::Csv => out.write_all(event_csv(&e, sentence).as_bytes()),
            TableFormat::Table => {
                let ev = &e.event;
                writeln!(
                    out,
                    "{:<10} {:>8} {:<10} {:<10} {:<5} {:<1} {:<10} {:<11} {:<20} {:<26} {}",
                    ev.date,
                    e.global_event_id,
                    clip(&ev.source, 10),
                    clip(&ev.target, 10),
                    ev.cameo,
                    ev.quad_class,
                    ev.plover.as_deref().unwrap_or("-"),
                    format!("{}/{}/{}", e.num_mentions, e.num_sources, e.num_articles),
                    clip(&ev.verb_text, 20),
                    clip(&ev.source_text, 26),
                    clip(&ev.target_text, 30),
                )
                .and_then(|_| match (&e.sentence, sentence) {
                    (Some(s), true) => writeln!(out, "           {}", clip(s, 160)),
                    _ => Ok(()),
                })
            }
        };
        r.map_err(|err| {
            let kind = err.kind();
            io_err = Some(err);
            dyad_store::StoreError::Pipeline(format!("writing output: {kind}"))
        })
    });
    if let Some(e) = io_err {
        return Err(e.into());
    }
    let n = n?;
    out.flush()?;
    eprintln!("dyad: {n} event(s)");
    Ok(ExitCode::SUCCESS)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    Day,
    Week,
    Month,
    Year,
}

#[derive(clap::Args)]
pub struct DyadArgs {
    /// First actor: a 3-letter country (AZE) or a full actor code (AZEGOV).
    #[arg(value_parser = actor)]
    pub a: ActorSel,
    /// Second actor.
    #[arg(value_parser = actor)]
    pub b: ActorSel,
    /// Period length.
    #[arg(long, value_enum, default_value = "month")]
    pub by: By,
    /// First period (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_parser = period_start)]
    pub from: Option<NaiveDate>,
    /// Last period (the whole year or month when shorter).
    #[arg(long, value_parser = period_end)]
    pub to: Option<NaiveDate>,
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Output format. Default: table on a terminal, jsonl otherwise.
    #[arg(long, value_enum)]
    pub format: Option<TableFormat>,
}

fn period(b: By) -> Period {
    match b {
        By::Day => Period::Day,
        By::Week => Period::Week,
        By::Month => Period::Month,
        By::Year => Period::Year,
    }
}

/// One period and direction of a series, as a JSON line (the same fields
/// as the CSV columns).
#[derive(serde::Serialize)]
struct SeriesLine<'a> {
    period: &'a str,
    start: String,
    source: &'a str,
    target: &'a str,
    events: u64,
    verbal_cooperation: u64,
    material_cooperation: u64,
    verbal_conflict: u64,
    material_conflict: u64,
    verbal_net: i64,
    material_net: i64,
    goldstein_mean: Option<f64>,
    goldstein_total: f64,
}

const SERIES_COLUMNS: [&str; 13] = [
    "period",
    "start",
    "source",
    "target",
    "events",
    "verbal_cooperation",
    "material_cooperation",
    "verbal_conflict",
    "material_conflict",
    "verbal_net",
    "material_net",
    "goldstein_mean",
    "goldstein_total",
];

fn series_fields(period: &str, start: &str, a: &str, b: &str, s: &DirectionStats) -> Vec<String> {
    vec![
        period.to_string(),
        start.to_string(),
        a.to_string(),
        b.to_string(),
        s.events.to_string(),
        s.verbal_cooperation.to_string(),
        s.material_cooperation.to_string(),
        s.verbal_conflict.to_string(),
        s.material_conflict.to_string(),
        s.verbal_net().to_string(),
        s.material_net().to_string(),
        s.goldstein_mean
            .map(|m| format!("{m:.2}"))
            .unwrap_or_default(),
        format!("{:.1}", s.goldstein_total),
    ]
}

fn table_line(period: &str, dir: &str, s: &DirectionStats) -> String {
    format!(
        "{:<10} {:<17} {:>7} {:>7} {:>7} {:>7} {:>7} {:>6} {:>6} {:>8} {:>9}",
        period,
        dir,
        s.events,
        s.verbal_cooperation,
        s.material_cooperation,
        s.verbal_conflict,
        s.material_conflict,
        format!("{:+}", s.verbal_net()),
        format!("{:+}", s.material_net()),
        s.goldstein_mean
            .map(|m| format!("{m:.2}"))
            .unwrap_or_else(|| "-".into()),
        format!("{:.1}", s.goldstein_total),
    )
}

pub fn write_series(
    out: &mut dyn Write,
    series: &Series,
    a: &str,
    b: &str,
    by: &str,
    format: TableFormat,
) -> io::Result<()> {
    let same = a == b;
    let dirs: Vec<(String, String, bool)> = if same {
        vec![(a.into(), b.into(), false)]
    } else {
        vec![(a.into(), b.into(), false), (b.into(), a.into(), true)]
    };
    match format {
        TableFormat::Table => {
            writeln!(
                out,
                "{a} {} {b} by {by}: deduplicated events per direction; verbal and material cooperation and conflict side by side",
                if same { "within" } else { "<->" }
            )?;
            writeln!(
                out,
                "{:<10} {:<17} {:>7} {:>7} {:>7} {:>7} {:>7} {:>6} {:>6} {:>8} {:>9}",
                "period",
                "direction",
                "events",
                "v-coop",
                "m-coop",
                "v-conf",
                "m-conf",
                "words",
                "deeds",
                "gs-mean",
                "gs-total"
            )?;
            for r in &series.rows {
                for (i, (s, t, back)) in dirs.iter().enumerate() {
                    let st = if *back { &r.backward } else { &r.forward };
                    let p = if i == 0 { r.period.as_str() } else { "" };
                    writeln!(out, "{}", table_line(p, &format!("{s}->{t}"), st))?;
                }
            }
            for (i, (s, t, back)) in dirs.iter().enumerate() {
                let st = if *back {
                    &series.total_backward
                } else {
                    &series.total_forward
                };
                let p = if i == 0 { "total" } else { "" };
                writeln!(out, "{}", table_line(p, &format!("{s}->{t}"), st))?;
            }
            writeln!(out, "words = verbal coop - verbal conflict; deeds = material coop - material conflict; gs = Goldstein")?;
        }
        TableFormat::Csv => {
            out.write_all(csv_line(&SERIES_COLUMNS).as_bytes())?;
            for r in &series.rows {
                for (s, t, back) in &dirs {
                    let st = if *back { &r.backward } else { &r.forward };
                    let f = series_fields(&r.period, &r.start.to_string(), s, t, st);
                    let refs: Vec<&str> = f.iter().map(String::as_str).collect();
                    out.write_all(csv_line(&refs).as_bytes())?;
                }
            }
        }
        TableFormat::Jsonl => {
            for r in &series.rows {
                for (src, tgt, back) in &dirs {
                    let st = if *back { &r.backward } else { &r.forward };
                    let line = SeriesLine {
                        period: &r.period,
                        start: r.start.to_string(),
                        source: src,
                        target: tgt,
                        events: st.events,
                        verbal_cooperation: st.verbal_cooperation,
                        material_cooperation: st.material_cooperation,
                        verbal_conflict: st.verbal_conflict,
                        material_conflict: st.material_conflict,
                        verbal_net: st.verbal_net(),
                        material_net: st.material_net(),
                        goldstein_mean: st.goldstein_mean,
                        goldstein_total: st.goldstein_total,
                    };
                    serde_json::to_writer(&mut *out, &line).map_err(io::Error::other)?;
                    out.write_all(b"\n")?;
                }
            }
        }
    }
    Ok(())
}

pub fn run_dyad(args: DyadArgs) -> anyhow::Result<ExitCode> {
    let store = SqliteStore::open_existing(&args.db)?;
    let started = std::time::Instant::now();
    let series = dyad_series(
        &store,
        &SeriesRequest {
            a: args.a.clone(),
            b: args.b.clone(),
            period: period(args.by),
            from: args.from,
            to: args.to,
        },
    )?;
    let elapsed = started.elapsed();
    let by = format!("{:?}", args.by).to_lowercase();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    write_series(
        &mut out,
        &series,
        args.a.as_str(),
        args.b.as_str(),
        &by,
        default_format(args.format),
    )?;
    out.flush()?;
    if series.coarser > 0 {
        eprintln!(
            "dyad: {} event(s) dated only to a month or year are left out of the {by} series (try a coarser --by)",
            series.coarser
        );
    }
    if series.undated > 0 {
        eprintln!(
            "dyad: {} event(s) have no date and are left out",
            series.undated
        );
    }
    eprintln!(
        "dyad: {} periods, {} + {} events, in {:.1} ms",
        series.rows.len(),
        series.total_forward.events,
        series.total_backward.events,
        elapsed.as_secs_f64() * 1e3
    );
    Ok(ExitCode::SUCCESS)
}

#[derive(clap::Args)]
pub struct InfoArgs {
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Also show the bytes of every table and index.
    #[arg(long)]
    pub space: bool,
}

#[derive(clap::Args)]
pub struct CompactArgs {
    /// The store.
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
}

pub fn run_compact(args: CompactArgs) -> anyhow::Result<ExitCode> {
    let store = SqliteStore::open_existing(&args.db)?;
    let before = store.file_bytes();
    let t = std::time::Instant::now();
    store.compact()?;
    eprintln!(
        "dyad: compacted {} from {:.1} MB to {:.1} MB in {:.1} s",
        args.db.display(),
        before as f64 / 1e6,
        store.file_bytes() as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

pub fn run_info(args: InfoArgs) -> anyhow::Result<ExitCode> {
    let store = SqliteStore::open_existing(&args.db)?;
    let version = builtin_dict_version();
    let s = store.stats(&version)?;
    println!("store          {}", args.db.display());
    println!("documents      {}", s.documents);
    println!("events         {} (mentions)", s.events);
    println!(
        "deduplicated   {} (sum of num_mentions {})",
        s.global_events, s.mentions
    );
    println!(
        "runs           {} ({} unfinished)",
        s.runs, s.unfinished_runs
    );
    println!(
        "stale          {} documents not coded with {version}",
        s.stale_documents
    );
    println!(
        "size           {:.1} MB ({:.0} bytes per event)",
        s.file_bytes as f64 / 1e6,
        if s.events > 0 {
            s.file_bytes as f64 / s.events as f64
        } else {
            0.0
        }
    );
    let mut st = store.connection().prepare(
        "SELECT run_id, kind, status, started, documents_read, documents_added, documents_skipped,
                events_added, events_removed, errors, warnings
         FROM ingest_runs ORDER BY run_id DESC LIMIT 10",
    )?;
    let rows = st.query_map([], |r| {
        Ok(format!(
            "run {:>4}  {:<9} {:<11} {}  read {} added {} skipped {}  events +{} -{}  problems {}E/{}W",
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, String>(3)?,
            r.get::<_, i64>(4)?,
            r.get::<_, i64>(5)?,
            r.get::<_, i64>(6)?,
            r.get::<_, i64>(7)?,
            r.get::<_, i64>(8)?,
            r.get::<_, i64>(9)?,
            r.get::<_, i64>(10)?,
        ))
    })?;
    for r in rows {
        println!("{}", r?);
    }
    if args.space {
        for (name, bytes) in store.space_by_object()? {
            println!("{:<28} {:>12} bytes", name, bytes);
        }
    }
    Ok(ExitCode::SUCCESS)
}
