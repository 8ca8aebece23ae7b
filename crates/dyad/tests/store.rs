//! Integration tests for the store commands of the `dyad` binary: a killed
//! ingest that resumes with exact counts, bad input, and every command on a
//! real SQLite file.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn dyad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dyad"))
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A file in ../shared; panics loudly when the folder is missing.
fn shared(rel: &str) -> PathBuf {
    let p = repo().join("../shared").join(rel);
    assert!(
        p.exists(),
        "required shared data missing: {} (the tests need ../shared beside the checkout)",
        p.display()
    );
    p
}

fn run(cmd: &mut Command) -> Output {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("dyad runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The VOA corpus `copies` times, each copy's documents with their own ids
/// and urls, as reprints by other outlets would have.
fn repeated_voa(path: &Path, copies: usize) -> usize {
    let src = std::fs::read_to_string(shared("corpora/voa_stories.jsonl")).unwrap();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    let mut n = 0;
    for k in 0..copies {
        for line in src.lines().filter(|l| !l.trim().is_empty()) {
            let mut v: serde_json::Value = serde_json::from_str(line).unwrap();
            let id = v["id"].as_str().unwrap().to_string();
            v["id"] = format!("{id}-{k}").into();
            let url = v["url"].as_str().unwrap().to_string();
            v["url"] = format!("{url}?copy={k}").into();
            serde_json::to_writer(&mut out, &v).unwrap();
            out.write_all(b"\n").unwrap();
            n += 1;
        }
    }
    out.flush().unwrap();
    n
}

fn scalar(db: &Path, sql: &str) -> i64 {
    let c = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap();
    c.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Counts that must be equal between two stores holding the same input.
fn counts(db: &Path) -> Vec<i64> {
    [
        "SELECT count(*) FROM documents",
        "SELECT count(*) FROM events",
        "SELECT count(*) FROM global_events",
        "SELECT sum(num_mentions) FROM global_events",
        "SELECT sum(num_articles) FROM global_events",
        "SELECT sum(num_sources) FROM global_events",
        "SELECT sum(events) FROM dyad_days",
        "SELECT sum(goldstein_tenths) FROM dyad_days",
    ]
    .iter()
    .map(|q| scalar(db, q))
    .collect()
}

fn query_jsonl(db: &Path) -> String {
    let o = run(dyad().args(["query", "--format", "jsonl", "--db"]).arg(db));
    assert!(o.status.success(), "{}", stderr(&o));
    stdout(&o)
}

#[test]
fn killed_ingest_resumes_with_exact_counts() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("voa40.jsonl");
    let total = repeated_voa(&input, 40) as i64;
    let db = dir.path().join("killed.sqlite");

    let mut child = dyad()
        .args(["ingest", "--batch", "40", "--db"])
        .arg(&db)
        .arg(&input)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until some batches are committed, then kill -9.
    let started = Instant::now();
    let mut stored = 0;
    while stored < 200 {
        if let Some(status) = child.try_wait().unwrap() {
            panic!("ingest ended ({status}) before it could be killed; make the input larger");
        }
        assert!(
            started.elapsed() < Duration::from_secs(300),
            "ingest made no progress"
        );
        std::thread::sleep(Duration::from_millis(10));
        if db.exists() {
            stored = rusqlite::Connection::open_with_flags(
                &db,
                rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
            )
            .and_then(|c| c.query_row("SELECT count(*) FROM documents", [], |r| r.get(0)))
            .unwrap_or(0);
        }
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    let after_kill = scalar(&db, "SELECT count(*) FROM documents");
    assert!(
        after_kill >= 200 && after_kill < total,
        "{after_kill} of {total} stored when killed"
    );
    assert_eq!(after_kill % 40, 0, "only whole batches are stored");
    let ok: String = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");

    // Rerun: finishes the work, reports what was already there.
    let o = run(dyad()
        .args(["ingest", "--batch", "40", "--db"])
        .arg(&db)
        .arg(&input));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "{} added, {after_kill} already stored",
            total - after_kill
        )),
        "{}",
        stderr(&o)
    );
    let info = run(dyad().args(["info", "--db"]).arg(&db));
    assert!(stdout(&info).contains("interrupted"), "{}", stdout(&info));

    // Exactly what an uninterrupted ingest stores.
    let clean = dir.path().join("clean.sqlite");
    let o = run(dyad()
        .args(["ingest", "--batch", "40", "--db"])
        .arg(&clean)
        .arg(&input));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(scalar(&db, "SELECT count(*) FROM documents"), total);
    assert_eq!(counts(&db), counts(&clean));
    assert_eq!(query_jsonl(&db), query_jsonl(&clean));
}

#[test]
fn bad_input_mid_ingest_exits_1_names_file_and_line_and_stores_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let news = dir.path().join("news");
    std::fs::create_dir_all(&news).unwrap();
    let rec = |id: &str| {
        format!("{{\"id\":\"{id}\",\"published\":\"2024-02-26\",\"text\":\"Azerbaijan supplies crude oil to Israel, report {id} says.\"}}\n")
    };
    std::fs::write(
        news.join("a.jsonl"),
        format!("{}{}not json at all\n{}", rec("a1"), rec("a2"), rec("a3")),
    )
    .unwrap();
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    for i in 0..300 {
        gz.write_all(rec(&format!("z{i}")).as_bytes()).unwrap();
    }
    let gz = gz.finish().unwrap();
    // A download cut off halfway.
    std::fs::write(news.join("b.jsonl.gz"), &gz[..gz.len() / 2]).unwrap();
    let db = dir.path().join("s.sqlite");
    let o = run(dyad().args(["ingest", "--db"]).arg(&db).arg(&news));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("a.jsonl:3: malformed JSON"), "{err}");
    let gz_line = err
        .lines()
        .find(|l| l.contains("b.jsonl.gz:") && l.contains("gzip"))
        .unwrap_or_else(|| panic!("no gzip error in {err}"));
    let line: i64 = gz_line
        .split("b.jsonl.gz:")
        .nth(1)
        .unwrap()
        .split(':')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(line > 1 && line < 300, "{gz_line}");
    // Three good records from a.jsonl and every line before the damage.
    let stored = scalar(&db, "SELECT count(*) FROM documents");
    assert_eq!(stored, 3 + (line - 1), "{err}");

    // A path that does not exist is an input problem too, even when it is
    // the only one.
    let missing = dir.path().join("no-such-dir");
    let o = run(dyad().args(["ingest", "--db"]).arg(&db).arg(&missing));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("no-such-dir: cannot read"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        scalar(
            &db,
            "SELECT count(*) FROM ingest_problems WHERE file LIKE '%no-such-dir'"
        ),
        1
    );
}

#[test]
fn query_dyad_export_recode_and_info_on_a_real_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("az.sqlite");
    let article = repo().join("examples/azerbaijan-israel.txt");
    let o = run(dyad()
        .args(["ingest", "--date", "2024-02-26", "--db"])
        .arg(&db)
        .arg(&article));
    assert!(o.status.success(), "{}", stderr(&o));

    let o = run(dyad()
        .args([
            "query", "--source", "AZE", "--target", "ISR", "--format", "csv", "--db",
        ])
        .arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = stdout(&o);
    let mut lines = csv.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(&header[..3], ["doc_id", "doc_date", "sentence_index"]);
    assert!(header.contains(&"num_mentions"));
    let rows: Vec<&str> = lines.collect();
    assert!(!rows.is_empty());
    assert!(
        rows.iter()
            .all(|r| r.contains(",AZE,") && r.contains(",ISR,")),
        "{csv}"
    );

    let o = run(dyad()
        .args([
            "dyad", "AZE", "ISR", "--by", "month", "--format", "jsonl", "--db",
        ])
        .arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    let series: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(series.len(), 2, "one month, two directions");
    assert_eq!(series[0]["period"], "2024-02");
    assert_eq!(
        (series[0]["source"].as_str(), series[1]["source"].as_str()),
        (Some("AZE"), Some("ISR"))
    );
    assert!(
        series[0]["material_cooperation"].as_u64().unwrap() >= 1,
        "Azerbaijan's oil: {series:?}"
    );
    assert!(
        series[1]["material_cooperation"].as_u64().unwrap() >= 1,
        "Israel's arms: {series:?}"
    );
    let o = run(dyad()
        .args(["dyad", "AZE", "ISR", "--format", "table", "--db"])
        .arg(&db));
    assert!(
        stdout(&o).contains("AZE->ISR") && stdout(&o).contains("ISR->AZE"),
        "{}",
        stdout(&o)
    );

    let o = run(dyad()
        .args(["export", "--format", "gdelt", "--db"])
        .arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    let tsv = stdout(&o);
    assert!(!tsv.is_empty());
    assert!(tsv.lines().all(|l| l.split('\t').count() == 61));

    let o = run(dyad()
        .args(["export", "--format", "parquet", "--db"])
        .arg(&db));
    assert_eq!(o.status.code(), Some(2), "parquet needs --out");
    let pq = dir.path().join("pq");
    let o = run(dyad()
        .args(["export", "--format", "parquet", "--out"])
        .arg(&pq)
        .arg("--db")
        .arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        pq.join("year=2024/month=2/part-0.parquet").exists(),
        "{}",
        stderr(&o)
    );

    let plover = dir.path().join("p.jsonl");
    let o = run(dyad()
        .args(["export", "--format", "plover", "--out"])
        .arg(&plover)
        .arg("--db")
        .arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read_to_string(&plover).unwrap().lines().count() > 0);

    let o = run(dyad().args(["recode", "--db"]).arg(&db));
    assert!(o.status.success());
    assert!(stderr(&o).contains("already coded"), "{}", stderr(&o));
    let o = run(dyad().args(["recode", "--all", "--db"]).arg(&db));
    assert!(
        stdout(&o).contains("re-coded 1 documents") && stdout(&o).contains("0 changed"),
        "{}",
        stdout(&o)
    );

    let o = run(dyad().args(["info", "--db"]).arg(&db));
    assert!(stdout(&o).contains("documents      1"), "{}", stdout(&o));
    let before = query_jsonl(&db);
    let o = run(dyad().args(["compact", "--db"]).arg(&db));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(query_jsonl(&db), before, "compacting changes no event");

    // Reading a store that does not exist is an error, not a new store.
    let missing = dir.path().join("missing.sqlite");
    let o = run(dyad().args(["query", "--db"]).arg(&missing));
    assert_eq!(o.status.code(), Some(2));
    assert!(!missing.exists());
}

#[test]
fn code_is_a_pure_stdin_to_stdout_jsonl_filter() {
    let voa = shared("corpora/voa_stories.jsonl");
    let from_file = run(dyad().args(["code", "--format", "jsonl"]).arg(&voa));
    assert!(from_file.status.success());
    let mut child = dyad()
        .args(["code", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let input = std::fs::read(&voa).unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let piped = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(piped.status.success(), "{}", stderr(&piped));
    // Piped output is JSON Lines without being asked, and the same events.
    assert!(!piped.stdout.is_empty());
    assert_eq!(piped.stdout, from_file.stdout);
    for l in stdout(&piped).lines() {
        serde_json::from_str::<serde_json::Value>(l).unwrap();
    }
}
