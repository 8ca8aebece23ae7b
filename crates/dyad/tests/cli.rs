//! Integration tests for the `dyad` binary: the event contract, the real
//! corpus, and every kind of bad input.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

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

fn run(cmd: &mut Command, stdin: Option<&[u8]>) -> Output {
    cmd.stdin(if stdin.is_some() {
        Stdio::piped()
    } else {
        Stdio::null()
    })
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("dyad runs");
    if let Some(input) = stdin {
        // A process that exits early (usage errors) closes stdin: a broken
        // pipe here is expected, not a failure.
        let _ = child.stdin.take().unwrap().write_all(input);
    }
    child.wait_with_output().unwrap()
}

fn events(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect()
}

fn tmp(name: &str, content: &[u8]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("dyad-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join(name);
    std::fs::write(&p, content).unwrap();
    p
}

const CONTRACT: &[&str] = &[
    "doc_id",
    "doc_date",
    "sentence_index",
    "sentence_span",
    "date",
    "source",
    "source_country",
    "source_sector",
    "source_text",
    "target",
    "target_country",
    "target_sector",
    "target_text",
    "cameo",
    "root",
    "quad_class",
    "goldstein",
    "plover",
    "verb_text",
    "evidence",
];

#[test]
fn example_article_events_carry_every_contract_field_and_true_spans() {
    let path = repo().join("examples/azerbaijan-israel.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let out = run(
        dyad()
            .args(["code", "--date", "2024-02-26", "--format", "jsonl"])
            .arg(&path),
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let evs = events(&out);
    assert!(evs.len() >= 5, "expected several events, got {}", evs.len());
    // Contract order: the fixed fields appear in the documented order in
    // every line (checked on the raw text; a parsed map forgets order).
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let positions: Vec<usize> = CONTRACT
            .iter()
            .map(|f| line.find(&format!("\"{f}\":")).unwrap())
            .collect();
        assert!(
            positions.windows(2).all(|w| w[0] < w[1]),
            "field order differs from the contract: {line}"
        );
    }
    for e in &evs {
        let obj = e.as_object().unwrap();
        for f in CONTRACT {
            assert!(obj.contains_key(*f), "missing {f}: {e}");
        }
        let ev = &e["evidence"];
        for (span, field) in [
            ("verb_span", "verb_text"),
            ("source_span", "source_text"),
            ("target_span", "target_text"),
        ] {
            let s = ev[span].as_array().unwrap();
            let (a, b) = (
                s[0].as_u64().unwrap() as usize,
                s[1].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &text[a..b],
                e[field].as_str().unwrap(),
                "{span} does not slice to {field}"
            );
        }
        let ss = e["sentence_span"].as_array().unwrap();
        let (a, b) = (
            ss[0].as_u64().unwrap() as usize,
            ss[1].as_u64().unwrap() as usize,
        );
        assert!(text.get(a..b).is_some());
        assert_eq!(e["doc_date"], "2024-02-26");
        assert_eq!(
            e["root"].as_str().unwrap(),
            &e["cameo"].as_str().unwrap()[..2]
        );
    }
}

#[test]
fn tsv_has_a_header_and_constant_columns() {
    let path = repo().join("examples/azerbaijan-israel.txt");
    let out = run(
        dyad()
            .args(["code", "--date", "2024-02-26", "--format", "tsv"])
            .arg(&path),
        None,
    );
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    let mut lines = s.lines();
    let header = lines.next().unwrap();
    assert!(header.starts_with("doc_id\tdoc_date\tsentence_index"));
    let n = header.split('\t').count();
    let mut rows = 0;
    for l in lines {
        assert_eq!(l.split('\t').count(), n, "{l}");
        rows += 1;
    }
    assert!(rows > 0);
}

#[test]
fn voa_corpus_codes_every_story_in_three_quad_classes() {
    let out = run(
        dyad()
            .args(["code", "--format", "jsonl"])
            .arg(shared("corpora/voa_stories.jsonl")),
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert!(err.contains("89 documents"), "{err}");
    let evs = events(&out);
    let mut quads: Vec<u64> = evs
        .iter()
        .map(|e| e["quad_class"].as_u64().unwrap())
        .collect();
    quads.sort();
    quads.dedup();
    assert!(quads.len() >= 3, "quad classes seen: {quads:?}");
}

#[test]
fn stdin_plain_text() {
    let out = run(
        dyad().args(["code", "--date", "2024-02-26", "--format", "jsonl", "-"]),
        Some(b"Azerbaijan condemned Armenia on Monday.\n"),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let evs = events(&out);
    assert_eq!(evs.len(), 1);
    assert_eq!(evs[0]["source"], "AZE");
    assert_eq!(evs[0]["target"], "ARM");
}

#[test]
fn missing_file_is_named_and_fails() {
    let out = run(
        dyad().args(["code", "--format", "jsonl", "/nonexistent/news.txt"]),
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("/nonexistent/news.txt") && err.contains("cannot read"),
        "{err}"
    );
}

#[test]
fn unreadable_path_is_named_and_other_files_still_code() {
    let good = tmp("good.txt", b"Azerbaijan condemned Armenia.\n");
    let dir = std::env::temp_dir();
    let out = run(
        dyad()
            .args(["code", "--format", "jsonl", "--date", "2024-01-01"])
            .arg(&dir)
            .arg(&good),
        None,
    );
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&*dir.to_string_lossy()), "{err}");
    assert_eq!(events(&out).len(), 1);
}

#[test]
fn invalid_utf8_is_coded_with_replacement_and_one_warning() {
    let p = tmp(
        "latin1.txt",
        b"Azerbaijan condemned Armenia.\nCaf\xe9 \xff news.\nMore \xfe bytes.\n",
    );
    let out = run(
        dyad()
            .args(["code", "--format", "jsonl", "--date", "2024-01-01"])
            .arg(&p),
        None,
    );
    assert!(out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.matches("invalid UTF-8").count(), 1, "{err}");
    assert!(
        err.contains("latin1.txt:2") && err.contains("byte offset 33"),
        "{err}"
    );
    assert_eq!(events(&out).len(), 1);
}

#[test]
fn malformed_json_line_is_reported_and_good_records_kept() {
    let p = tmp(
        "bad.jsonl",
        b"{\"id\":\"1\",\"text\":\"Azerbaijan condemned Armenia.\",\"published\":\"2024-02-01\"}\n{\"id\":\"2\",\"text\":\n{\"id\":\"3\",\"text\":\"Iran criticized Azerbaijan.\",\"published\":\"2024-02-02\"}\n",
    );
    let out = run(dyad().args(["code", "--format", "jsonl"]).arg(&p), None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("bad.jsonl:2") && err.contains("malformed JSON"),
        "{err}"
    );
    let evs = events(&out);
    let ids: Vec<&str> = evs.iter().map(|e| e["doc_id"].as_str().unwrap()).collect();
    assert_eq!(ids, vec!["1", "3"]);
}

#[test]
fn malformed_xml_record_is_reported_and_good_records_kept() {
    let p = tmp(
        "bad.xml",
        b"<Sentences>\n<Sentence date=\"20240201\" id=\"ok1\">\n<Text>Azerbaijan condemned Armenia.</Text>\n</Sentence>\n<Sentence date=\"20240201\" id=\"broken\">\n<Text>Iran criticized Azerbaijan.\n</Sentence>\n<Sentence date=\"20240202\" id=\"ok2\">\n<Text>Iran criticized Azerbaijan.</Text>\n</Sentence>\n</Sentences>\n",
    );
    let out = run(dyad().args(["code", "--format", "jsonl"]).arg(&p), None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("bad.xml:5") && err.contains("broken"), "{err}");
    let ids: Vec<String> = events(&out)
        .iter()
        .map(|e| e["doc_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(ids, vec!["ok1", "ok2"]);
}

#[test]
fn empty_input_is_an_error() {
    let p = tmp("empty.txt", b"");
    let out = run(dyad().args(["code", "--format", "jsonl"]).arg(&p), None);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("empty.txt") && err.contains("empty"), "{err}");
    let out = run(dyad().args(["code", "--format", "jsonl", "-"]), Some(b""));
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdin>"));
}

#[test]
fn bad_date_flag_is_a_usage_error() {
    let out = run(
        dyad().args(["code", "--date", "2024-02-31", "-"]),
        Some(b"x"),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("2024-02-31"));
}
