//! Integration tests for dyad-store: real SQLite files in temporary
//! directories, the built-in coder, and the VOA corpus from ../shared.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use dyad_core::analysis::heuristic::HeuristicAnalyzer;
use dyad_core::coder::{Coder, CoderOptions};
use dyad_core::dict::verbs::VerbDictionaryBuilder;
use dyad_core::dict::ActorDictionary;
use dyad_core::input::Severity;
use dyad_store::export::{gdelt, parquet, plover};
use dyad_store::fingerprint::builtin_dict_version;
use dyad_store::ingest::{self, IngestOptions, IngestReport, Observer, Silent};
use dyad_store::series::{dyad_series, Period, SeriesRequest};
use dyad_store::synth::{self, SynthOptions};
use dyad_store::{ActorSel, EventFilter, EventRead, Precision, SqliteStore, StoredEvent};

/// A file in ../shared; panics loudly when the folder is missing.
fn shared(rel: &str) -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared")
        .join(rel);
    assert!(
        p.exists(),
        "required shared data missing: {} (the tests need ../shared beside the checkout)",
        p.display()
    );
    p
}

fn voa() -> PathBuf {
    shared("corpora/voa_stories.jsonl")
}

fn coder() -> Coder {
    Coder::builtin().expect("built-in dictionaries load")
}

fn ingest_paths(
    store: &mut SqliteStore,
    coder: &Coder,
    version: &str,
    paths: &[PathBuf],
) -> IngestReport {
    ingest::ingest(
        store,
        coder,
        version,
        paths,
        &IngestOptions::default(),
        &Silent,
    )
    .expect("ingest runs")
}

fn all_events(store: &dyn EventRead) -> Vec<StoredEvent> {
    let mut v = Vec::new();
    store
        .query(&EventFilter::default(), &mut |e| {
            v.push(e);
            Ok(())
        })
        .unwrap();
    v
}

fn count(store: &SqliteStore, sql: &str) -> i64 {
    store.connection().query_row(sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn reingesting_the_same_documents_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("s.sqlite")).unwrap();
    let c = coder();
    let v = builtin_dict_version();
    let first = ingest_paths(&mut store, &c, &v, &[voa()]);
    assert_eq!(first.documents_read, 89);
    assert_eq!(first.documents_added, 89);
    assert!(first.events_added > 300, "{first:?}");
    let before = store.stats(&v).unwrap();
    assert_eq!(before.events, first.events_added);
    assert_eq!(
        before.mentions, before.events,
        "every mention is counted once"
    );
    let dump = all_events(&store);

    let again = ingest_paths(&mut store, &c, &v, &[voa()]);
    assert_eq!(
        (again.documents_added, again.documents_already_stored),
        (0, 89)
    );
    assert_eq!(
        (again.sentences, again.events_added),
        (0, 0),
        "stored documents are not re-coded"
    );
    let after = store.stats(&v).unwrap();
    assert_eq!(
        (after.documents, after.events, after.global_events),
        (before.documents, before.events, before.global_events)
    );
    assert_eq!(all_events(&store), dump);
    // Two runs, both finished.
    assert_eq!((after.runs, after.unfinished_runs), (2, 0));
}

/// The same story from several outlets, a lightly edited copy, a repeat
/// within one article, and the same event in other words.
const STORIES: &str = r#"{"id":"a1","url":"https://www.a.example/1","published":"2024-02-26","text":"Azerbaijan supplies crude oil to Israel through the Baku-Tbilisi-Ceyhan pipeline, according to energy ministry officials in Baku. Azerbaijan also supplies crude oil to Israel by tanker."}
{"id":"b1","url":"https://b.example/1","published":"2024-02-26","text":"Azerbaijan supplies crude oil to Israel through the Baku-Tbilisi-Ceyhan pipeline, according to energy ministry officials in Baku."}
{"id":"c1","url":"https://c.example/1","published":"2024-02-26","text":"Azerbaijan supplies crude oil to Israel through the Baku-Tbilisi-Ceyhan pipeline, according to energy officials in Baku."}
{"id":"a2","url":"https://a.example/2","published":"2024-02-26","text":"Israel's refineries run on oil that Azerbaijan supplies to Israel each month, traders in Haifa said on Monday."}
{"id":"a3","url":"https://a.example/3","published":"2024-02-26","text":"Azerbaijan supplies crude oil to Israel through the Baku-Tbilisi-Ceyhan pipeline, according to energy ministry officials in Baku."}
{"id":"d1","url":"https://d.example/1","published":"2024-02-27","text":"Azerbaijan supplies crude oil to Israel through the Baku-Tbilisi-Ceyhan pipeline, according to energy ministry officials in Baku."}
"#;

#[test]
fn copies_count_once_with_gdelt_mentions_sources_and_articles() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("stories.jsonl");
    std::fs::write(&input, STORIES).unwrap();
    let mut store = SqliteStore::open(dir.path().join("s.sqlite")).unwrap();
    let r = ingest_paths(&mut store, &coder(), &builtin_dict_version(), &[input]);
    assert_eq!(
        r.events_added, 7,
        "every sentence codes AZE->ISR 061: {r:?}"
    );
    let events = all_events(&store);
    let summary: Vec<(String, u32, u32, u32)> = events
        .iter()
        .map(|e| {
            (
                e.event.doc_id.clone(),
                e.num_mentions,
                e.num_sources,
                e.num_articles,
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            // a1 (twice: one article, two mentions), b1, the edited c1 and
            // a3: four articles from three outlets (a3 is a.example again).
            ("a1".to_string(), 5, 3, 4),
            // The same event in other words is another sentence.
            ("a2".to_string(), 1, 1, 1),
            // The same copy a day later is another date, so another event.
            ("d1".to_string(), 1, 1, 1),
        ]
    );
    assert!(events.iter().all(|e| (
        e.event.source.as_str(),
        e.event.target.as_str(),
        e.event.cameo.as_str()
    ) == ("AZE", "ISR", "061")));
    // The aggregate counts deduplicated events.
    let s = dyad_series(
        &store,
        &SeriesRequest {
            a: ActorSel::parse("AZE").unwrap(),
            b: ActorSel::parse("ISR").unwrap(),
            period: Period::Day,
            from: None,
            to: None,
        },
    )
    .unwrap();
    let per_day: Vec<(String, u64)> = s
        .rows
        .iter()
        .map(|r| (r.period.clone(), r.forward.events))
        .collect();
    assert_eq!(
        per_day,
        [("2024-02-26".to_string(), 2), ("2024-02-27".to_string(), 1)]
    );
    assert_eq!(s.total_forward.material_cooperation, 3);
    assert_eq!(s.total_backward.events, 0);
}

/// A verb dictionary without the CONSULT (04) patterns: the "old"
/// dictionary of the recode test.
fn coder_without_consult() -> Coder {
    use dyad_core::dict::builtin::{IRREGULAR, VERBS};
    let mut b = VerbDictionaryBuilder::new();
    b.load_irregular(IRREGULAR.0, IRREGULAR.1);
    for (name, content) in VERBS {
        let kept: String = content
            .lines()
            .map(|l| {
                let t = l.trim_start();
                let t = t.strip_prefix("noun ").unwrap_or(t);
                if t.starts_with("04") {
                    "#"
                } else {
                    l
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        b.add_native(name, &kept);
    }
    assert!(b.errors().is_empty(), "{:?}", b.errors());
    let (actors, errs) = ActorDictionary::builtin();
    assert!(errs.is_empty());
    Coder::new(
        Arc::new(actors),
        Arc::new(b.build()),
        Arc::new(HeuristicAnalyzer),
        CoderOptions::default(),
    )
}

/// Everything about a store's events except ids and which mention came first.
fn fingerprint(store: &SqliteStore) -> (i64, i64, i64, BTreeMap<String, i64>) {
    let mut by_key = BTreeMap::new();
    let mut st = store
        .connection()
        .prepare("SELECT date, source, target, cameo, num_mentions, num_articles, num_sources FROM global_events")
        .unwrap();
    let rows = st
        .query_map([], |r| {
            Ok(format!(
                "{} {} {} {} {}/{}/{}",
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
                r.get::<_, i64>(6)?
            ))
        })
        .unwrap();
    for r in rows {
        *by_key.entry(r.unwrap()).or_insert(0) += 1;
    }
    (
        count(store, "SELECT count(*) FROM events"),
        count(store, "SELECT count(*) FROM global_events"),
        count(store, "SELECT coalesce(sum(events), 0) FROM dyad_days"),
        by_key,
    )
}

#[test]
fn recode_after_a_dictionary_change_reports_changes_and_matches_a_fresh_ingest() {
    let dir = tempfile::tempdir().unwrap();
    let old = coder_without_consult();
    let new = coder();
    let v = builtin_dict_version();
    let mut store = SqliteStore::open(dir.path().join("recoded.sqlite")).unwrap();
    ingest_paths(&mut store, &old, "test-without-04", &[voa()]);
    let before = store.stats(&v).unwrap();
    assert_eq!(before.stale_documents, 89);
    let consult_before = count(&store, "SELECT count(*) FROM events WHERE root = '04'");
    assert_eq!(consult_before, 0);

    let r = ingest::recode(&mut store, &new, &v, false, &Silent).unwrap();
    assert_eq!(r.documents, 89);
    assert!(r.documents_changed > 0);
    let consult_added: u64 = r
        .by_code
        .iter()
        .filter(|(c, _)| c.starts_with("04"))
        .map(|(_, (a, _))| a)
        .sum();
    assert!(consult_added > 10, "{:?}", r.by_code);
    assert_eq!(
        r.events_after as i64 - r.events_before as i64,
        r.added() as i64 - r.removed() as i64
    );
    assert_eq!(store.stats(&v).unwrap().stale_documents, 0);

    // The re-coded store holds what a fresh ingest with the new
    // dictionaries holds.
    let mut fresh = SqliteStore::open(dir.path().join("fresh.sqlite")).unwrap();
    ingest_paths(&mut fresh, &new, &v, &[voa()]);
    assert_eq!(fingerprint(&store), fingerprint(&fresh));
    let consult = count(&store, "SELECT count(*) FROM events WHERE root = '04'");
    assert_eq!(consult as u64, consult_added);

    // Nothing is stale now: a second recode does nothing.
    let again = ingest::recode(&mut store, &new, &v, false, &Silent).unwrap();
    assert_eq!(again.documents, 0);
    // --all re-codes every document and finds nothing to change.
    let all = ingest::recode(&mut store, &new, &v, true, &Silent).unwrap();
    assert_eq!((all.documents, all.documents_changed), (89, 0));
    assert_eq!(fingerprint(&store), fingerprint(&fresh));
}

fn voa_store(dir: &Path) -> SqliteStore {
    let mut store = SqliteStore::open(dir.join("voa.sqlite")).unwrap();
    ingest_paths(&mut store, &coder(), &builtin_dict_version(), &[voa()]);
    store
}

#[test]
fn parquet_export_reads_back_with_the_parquet_crate() {
    use ::parquet::file::reader::{FileReader, SerializedFileReader};
    use ::parquet::record::Field;

    let dir = tempfile::tempdir().unwrap();
    let store = voa_store(dir.path());
    let events = all_events(&store);
    let out = dir.path().join("pq");
    let s = parquet::write(&store, &EventFilter::default(), &out).unwrap();
    assert_eq!(s.rows as usize, events.len());

    let mut read = 0usize;
    let mut ids = Vec::new();
    for f in &s.files {
        // year=YYYY/month=M partitions hold only their own events.
        let rel = f.strip_prefix(&out).unwrap().to_string_lossy().into_owned();
        let parts: Vec<&str> = rel.split('/').collect();
        assert_eq!(parts.len(), 3, "{rel}");
        assert_eq!(parts[2], "part-0.parquet");
        let reader = SerializedFileReader::new(std::fs::File::open(f).unwrap()).unwrap();
        let schema = reader.metadata().file_metadata().schema_descr();
        assert_eq!(schema.num_columns(), parquet::schema().fields().len());
        for row in reader.get_row_iter(None).unwrap() {
            let row = row.unwrap();
            read += 1;
            let mut date = String::new();
            for (name, value) in row.get_column_iter() {
                match (name.as_str(), value) {
                    ("global_event_id", Field::Long(id)) => ids.push(*id),
                    ("date", Field::Str(d)) => date = d.clone(),
                    _ => {}
                }
            }
            if parts[0] != "year=__HIVE_DEFAULT_PARTITION__" {
                let (y, m) = (&parts[0][5..], &parts[1][6..]);
                assert!(date.starts_with(y), "{date} in {rel}");
                if date.len() >= 7 {
                    assert_eq!(
                        date[5..7].parse::<u32>().unwrap(),
                        m.parse::<u32>().unwrap(),
                        "{date} in {rel}"
                    );
                }
            }
        }
    }
    assert_eq!(read, events.len());
    ids.sort();
    let mut want: Vec<i64> = events.iter().map(|e| e.global_event_id).collect();
    want.sort();
    assert_eq!(ids, want);

    // A second export into the same directory is refused.
    assert!(parquet::write(&store, &EventFilter::default(), &out).is_err());

    duckdb_reads_back(&out, events.len());
}

/// DuckDB, where the machine has it (Python's duckdb module), reads the
/// partitioned directory as one table with year and month columns.
fn duckdb_reads_back(dir: &Path, rows: usize) {
    let probe = std::process::Command::new("python3")
        .args(["-c", "import duckdb"])
        .output();
    if !probe.map(|o| o.status.success()).unwrap_or(false) {
        eprintln!("note: DuckDB (python3 -c 'import duckdb') is not installed; Parquet checked with the parquet crate only");
        return;
    }
    let script = format!(
        "import duckdb; print(duckdb.connect().execute(\"SELECT count(*), count(DISTINCT year), min(month) >= 1 FROM read_parquet('{}/**/*.parquet', hive_partitioning = true)\").fetchone())",
        dir.display()
    );
    let out = std::process::Command::new("python3")
        .args(["-c", &script])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with(&format!("({rows}, ")),
        "DuckDB read {text}"
    );
}

#[test]
fn gdelt_export_has_61_columns_on_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let store = voa_store(dir.path());
    let mut out = Vec::new();
    let n = gdelt::write(&store, &EventFilter::default(), true, &mut out, "mem").unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len() as u64, n + 1);
    assert_eq!(lines[0].split('\t').collect::<Vec<_>>(), gdelt::COLUMNS);
    for l in &lines[1..] {
        let c: Vec<&str> = l.split('\t').collect();
        assert_eq!(c.len(), 61, "{l}");
        assert!(c[0].parse::<u64>().is_ok());
        if !c[1].is_empty() {
            assert_eq!(c[1].len(), 8);
            assert_eq!(&c[1][..6], c[2]);
            assert_eq!(&c[1][..4], c[3]);
            assert!(
                c[4].starts_with(c[3]) && c[4].len() == 9,
                "FractionDate {}",
                c[4]
            );
        }
        assert!(c[26].starts_with(c[28]), "EventCode starts with its root");
        assert!(c[26].starts_with(c[27]) || c[26] == c[27]);
        assert!(["1", "2", "3", "4"].contains(&c[29]));
        assert_eq!(c[59].len(), 14, "DATEADDED is YYYYMMDDHHMMSS");
        assert!(c[60].starts_with("https://"), "SOURCEURL");
    }
}

#[test]
fn plover_export_writes_plover_records() {
    let dir = tempfile::tempdir().unwrap();
    let store = voa_store(dir.path());
    let events = all_events(&store);
    let mut out = Vec::new();
    let s = plover::write(&store, &EventFilter::default(), &mut out, "mem").unwrap();
    let no_plover = events.iter().filter(|e| e.event.plover.is_none()).count() as u64;
    assert_eq!(
        (s.written, s.without_plover_type),
        (events.len() as u64 - no_plover, no_plover)
    );
    for line in String::from_utf8(out).unwrap().lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for k in [
            "id",
            "date",
            "actor",
            "recipient",
            "event",
            "mode",
            "context",
            "quad_code",
            "event_text",
            "text",
        ] {
            assert!(v.get(k).is_some(), "{k} missing in {line}");
        }
        let q = v["quad_code"].as_u64().unwrap();
        assert!((1..=4).contains(&q));
        assert!(v["text"]
            .as_str()
            .unwrap()
            .contains(v["event_text"].as_str().unwrap()));
        assert_eq!(v["actor"][0]["code"].as_str().unwrap().len(), 3);
    }
}

/// Collects problems as the pipeline reports them.
#[derive(Default)]
struct Problems(std::sync::Mutex<Vec<dyad_core::input::Diagnostic>>);

impl Observer for Problems {
    fn problem(&self, d: &dyad_core::input::Diagnostic) {
        self.0.lock().unwrap().push(d.clone());
    }
}

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(data).unwrap();
    e.finish().unwrap()
}

#[test]
fn bad_input_is_reported_with_file_and_line_and_good_documents_are_stored() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = dir.path().join("news");
    std::fs::create_dir_all(inputs.join("feeds")).unwrap();
    let rec = |id: &str| {
        format!("{{\"id\":\"{id}\",\"published\":\"2024-02-26\",\"text\":\"Azerbaijan supplies crude oil to Israel, report {id} says.\"}}\n")
    };
    // 3 good records.
    std::fs::write(
        inputs.join("good.jsonl"),
        format!("{}{}{}", rec("g1"), rec("g2"), rec("g3")),
    )
    .unwrap();
    // Line 2 is malformed JSON; lines 1 and 3 are good.
    std::fs::write(
        inputs.join("bad.jsonl"),
        format!("{}{{\"id\": \"x\", oops\n{}", rec("b1"), rec("b3")),
    )
    .unwrap();
    // A gzip stream cut off in the middle: the complete lines before the
    // cut are kept.
    let lines: String = (0..400).map(|i| rec(&format!("z{i}"))).collect();
    let gz = gzip(lines.as_bytes());
    std::fs::write(inputs.join("cut.jsonl.gz"), &gz[..gz.len() * 2 / 3]).unwrap();
    // A whole gzip file.
    std::fs::write(inputs.join("whole.jsonl.gz"), gzip(rec("w1").as_bytes())).unwrap();
    // Not gzip at all.
    std::fs::write(inputs.join("garbage.jsonl.gz"), b"this is not gzip data").unwrap();
    // A saved page, a feed, plain text, and a file dyad does not read.
    std::fs::write(
        inputs.join("page.html"),
        r#"<html><head><title>Oil</title><meta property="article:published_time" content="2024-02-26T09:00:00Z"><link rel="canonical" href="https://news.example/oil"></head><body><article><p>Azerbaijan supplies crude oil to Israel, the page says.</p></article></body></html>"#,
    )
    .unwrap();
    std::fs::write(
        inputs.join("feeds/wire.rss"),
        r#"<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><item><title>T</title><link>https://wire.example/1</link><guid>w-1</guid><pubDate>Mon, 26 Feb 2024 10:00:00 GMT</pubDate><description>Azerbaijan supplies crude oil to Israel, the wire says.</description></item></channel></rss>"#,
    )
    .unwrap();
    std::fs::write(
        inputs.join("note.txt"),
        "Azerbaijan supplies crude oil to Israel, the note says.",
    )
    .unwrap();
    std::fs::write(inputs.join("table.csv"), "a,b\n1,2\n").unwrap();

    let mut store = SqliteStore::open(dir.path().join("s.sqlite")).unwrap();
    let problems = Problems::default();
    let opts = IngestOptions {
        read: dyad_store::sources::ReadOptions {
            default_date: chrono::NaiveDate::from_ymd_opt(2024, 2, 26),
            chunk_docs: 16,
        },
        batch_docs: 32,
        ..Default::default()
    };
    let r = ingest::ingest(
        &mut store,
        &coder(),
        &builtin_dict_version(),
        std::slice::from_ref(&inputs),
        &opts,
        &problems,
    )
    .unwrap();
    let problems = problems.0.into_inner().unwrap();
    let errors: Vec<String> = problems
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| d.to_string())
        .collect();
    let find = |needle: &str| {
        errors
            .iter()
            .find(|e| e.contains(needle))
            .unwrap_or_else(|| panic!("no error about {needle} in {errors:#?}"))
            .clone()
    };
    assert!(
        find("bad.jsonl").contains("bad.jsonl:2: malformed JSON"),
        "{errors:?}"
    );
    let cut = find("cut.jsonl.gz");
    assert!(cut.contains("corrupt or truncated gzip data"), "{cut}");
    // The message names the first line that was lost.
    let lost_line: usize = cut
        .split("cut.jsonl.gz:")
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(lost_line > 1 && lost_line <= 400, "{cut}");
    assert!(find("garbage.jsonl.gz").contains("gzip"));
    assert_eq!(r.errors as usize, errors.len());
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(problems
        .iter()
        .any(|d| d.severity == Severity::Warning && d.message.contains("skipped 1 file")));

    // Every good document is stored: 3 + 2 + every line before the cut +
    // 1 + page + feed item + text.
    let kept_from_cut = lost_line as u64 - 1;
    let expected = 3 + 2 + kept_from_cut + 1 + 1 + 1 + 1;
    assert_eq!(r.documents_added, expected, "{r:?}");
    let stats = store.stats(&builtin_dict_version()).unwrap();
    assert_eq!(stats.documents, expected);
    // Each stored document codes its AZE->ISR sentence.
    assert_eq!(
        count(
            &store,
            "SELECT count(DISTINCT doc_key) FROM events WHERE source = 'AZE' AND target = 'ISR'"
        ) as u64,
        expected
    );
    // The page and the feed item kept their urls and dates.
    assert_eq!(count(&store, "SELECT count(*) FROM documents WHERE url = 'https://news.example/oil' AND published = '2024-02-26'"), 1);
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM documents WHERE id = 'w-1' AND url = 'https://wire.example/1'"
        ),
        1
    );
    // The problems are in the store too.
    assert_eq!(
        count(
            &store,
            "SELECT count(*) FROM ingest_problems WHERE severity = 'error'"
        ),
        3
    );
}

#[test]
fn series_fast_path_matches_counting_events() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(dir.path().join("synth.sqlite")).unwrap();
    let out = synth::fill(
        &mut store,
        &SynthOptions {
            events: 30_000,
            days: 400,
            ..Default::default()
        },
        &mut |_| {},
    )
    .unwrap();
    assert_eq!(out.events_added, 30_000);
    let events = all_events(&store);
    let pairs = [
        ("USA", "RUS"),
        ("AZE", "ISR"),
        ("USAGOV", "RUS"),
        ("USAGOV", "RUSMIL"),
        ("USA", "USA"),
    ];
    for (a, b) in pairs {
        for period in [Period::Day, Period::Week, Period::Month, Period::Year] {
            let sa = ActorSel::parse(a).unwrap();
            let sb = ActorSel::parse(b).unwrap();
            let s = dyad_series(
                &store,
                &SeriesRequest {
                    a: sa.clone(),
                    b: sb.clone(),
                    period,
                    from: None,
                    to: None,
                },
            )
            .unwrap();
            // The simple path: count the events themselves.
            let hit = |sel: &ActorSel, code: &str, country: &str| match sel {
                ActorSel::Country(c) => c == country,
                ActorSel::Code(c) => c == code,
            };
            let finest = match period {
                Period::Day | Period::Week => Precision::Day,
                Period::Month => Precision::Month,
                Period::Year => Precision::Year,
            };
            let mut want: BTreeMap<(String, bool), (u64, [u64; 4], i64)> = BTreeMap::new();
            let mut coarser = 0;
            for e in &events {
                let ev = &e.event;
                let fwd = hit(&sa, &ev.source, &ev.source_country)
                    && hit(&sb, &ev.target, &ev.target_country);
                let bwd = a != b
                    && hit(&sb, &ev.source, &ev.source_country)
                    && hit(&sa, &ev.target, &ev.target_country);
                for (yes, back) in [(fwd, false), (bwd, true)] {
                    if !yes {
                        continue;
                    }
                    if e.precision > finest {
                        coarser += 1;
                        continue;
                    }
                    let p = period.label(period.start(e.day.unwrap()));
                    let w = want.entry((p, back)).or_default();
                    w.0 += 1;
                    w.1[ev.quad_class as usize - 1] += 1;
                    w.2 += (f64::from(ev.goldstein) * 10.0).round() as i64;
                }
            }
            assert_eq!(s.coarser, coarser, "{a} {b} {period:?}");
            let mut got: BTreeMap<(String, bool), (u64, [u64; 4], i64)> = BTreeMap::new();
            for r in &s.rows {
                for (st, back) in [(&r.forward, false), (&r.backward, true)] {
                    if st.events > 0 {
                        got.insert(
                            (r.period.clone(), back),
                            (
                                st.events,
                                [
                                    st.verbal_cooperation,
                                    st.material_cooperation,
                                    st.verbal_conflict,
                                    st.material_conflict,
                                ],
                                (st.goldstein_total * 10.0).round() as i64,
                            ),
                        );
                    }
                }
            }
            assert_eq!(got, want, "{a} {b} {period:?}");
            assert!(!want.is_empty(), "{a} {b}: the test needs events");
            // Rows run without gaps from the first period to the last.
            for w in s.rows.windows(2) {
                assert_eq!(period.next(w[0].start), w[1].start);
            }
        }
    }
}
