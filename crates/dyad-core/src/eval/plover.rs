//! Reader for the PLOVER gold-standard records (`PLOVER_GSR_CAMEO.txt`):
//! sentences from the CAMEO 1.1b3 manual, hand-coded in PLOVER.
//!
//! The file is a JSON array of objects. It happens to be valid JSON, but the
//! reader does not rely on that: it splits the array into its top-level
//! objects with a string-aware brace scanner and parses each one on its own,
//! so a bad record costs that record only, and every record knows its line.
//!
//! # Fields and what dyad makes of them
//!
//! | field | dyad |
//! |---|---|
//! | `id` | the record id (one id, `PLOVER-GSR01-COERCE-0004`, is used twice: warned) |
//! | `event` | the expected PLOVER event type, kept as written; also the record's category. `"DOCUMENT"` records are file documentation: kept, skipped with a reason |
//! | `source`, `target` | lists of `{actorText, code, sector}`. Expected events are the cross product of source codes × target codes, with `"---"` for a missing, `null`, `""` or non-list side. Codes are kept as written, including the non-ISO `JAP`, `ITL`, `VTN` |
//! | `textInfo.markup` `(SRC/TAR: ...)` | PLOVER's reciprocal marking: the actors are each other's targets ("Senior (SRC/TAR: Hungarian) and (SRC/TAR: Romanian) officials agreed"). When the source list has two or more actors and the target is missing, the expected events are every ordered pair of distinct source actors instead of source → `---` |
//! | `text` | the sentence, whitespace-collapsed |
//! | `date` | the record date (a `2000-01-01` placeholder throughout the file) |
//! | `comment` | the record note |
//! | `mode`, `context`, `eventText`, `eventLoc`, `size`, `dead`, ... | not scored; ignored |
//!
//! Repaired quirks, warned: one `textInfo` is a bare string rather than an
//! object, and one `target` is the string `"diplomatic"` (a misplaced
//! `context`), read as no target.

use std::collections::HashSet;

use serde_json::Value;

use super::{
    collapse_whitespace, line_at, parse_date, ExpectedEvent, Suite, SuiteFormat, SuiteRecord,
};

/// Parses PLOVER GSR JSON. Never fails: unreadable records become problems.
pub fn parse_plover_gsr(name: &str, content: &str) -> Suite {
    let mut suite = Suite::new(name, SuiteFormat::PloverGsr);
    let mut seen = HashSet::new();
    for item in split_array(content) {
        match item {
            Item::Object { start, end } => {
                let line = line_at(content, start);
                match serde_json::from_str::<Value>(&content[start..end]) {
                    Ok(Value::Object(obj)) => {
                        if let Some(rec) = record(&mut suite, &obj, line) {
                            if !seen.insert(rec.id.clone()) {
                                suite.warn(line, Some(&rec.id), "duplicate record id");
                            }
                            suite.records.push(rec);
                        }
                    }
                    Ok(_) => unreachable!("a brace-delimited slice parses as an object"),
                    Err(e) => {
                        let id = guess_id(&content[start..end]);
                        suite.problem(
                            line + e.line().saturating_sub(1),
                            id.as_deref(),
                            format!("record is not valid JSON: {e}"),
                        );
                    }
                }
            }
            Item::Broken { at, message } => {
                let line = line_at(content, at);
                let id = guess_id(&content[at..]);
                suite.problem(line, id.as_deref(), message);
            }
        }
    }
    suite
}

fn record(
    suite: &mut Suite,
    obj: &serde_json::Map<String, Value>,
    line: usize,
) -> Option<SuiteRecord> {
    let str_field = |k: &str| obj.get(k).and_then(Value::as_str);
    let id = match str_field("id") {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => {
            let id = format!("line-{line}");
            suite.warn(line, None, format!("record without \"id\"; called {id}"));
            id
        }
    };
    let Some(event) = str_field("event").filter(|e| !e.is_empty()) else {
        suite.problem(line, Some(&id), "record without \"event\"; dropped");
        return None;
    };
    let mut rec = SuiteRecord::new(&id, line);
    rec.category = event.to_string();
    rec.note = str_field("comment")
        .map(collapse_whitespace)
        .unwrap_or_default();
    if event == "DOCUMENT" {
        rec.text = str_field("eventText")
            .map(collapse_whitespace)
            .unwrap_or_default();
        rec.add_skip("DOCUMENT record (file documentation, not an event)");
        return Some(rec);
    }
    let Some(text) = str_field("text").filter(|t| !t.trim().is_empty()) else {
        suite.problem(line, Some(&id), "record without \"text\"; dropped");
        return None;
    };
    rec.text = collapse_whitespace(text);
    if let Some(d) = str_field("date") {
        rec.date = parse_date(d);
        if rec.date.is_none() {
            suite.warn(line, Some(&id), format!("unreadable date \"{d}\""));
        }
    }
    let markup = match obj.get("textInfo") {
        Some(Value::Object(ti)) => ti.get("markup").and_then(Value::as_str).unwrap_or(""),
        Some(Value::String(s)) => {
            suite.warn(
                line,
                Some(&id),
                "\"textInfo\" is a string, not an object; read as the markup",
            );
            s.as_str()
        }
        _ => "",
    };
    let sources = actors(suite, obj.get("source"), "source", &id, line);
    let targets = actors(suite, obj.get("target"), "target", &id, line);
    let reciprocal = targets.is_empty() && sources.len() >= 2 && markup.contains("SRC/TAR");
    let mut pairs: Vec<(String, String)> = Vec::new();
    if reciprocal {
        for (i, a) in sources.iter().enumerate() {
            for (j, b) in sources.iter().enumerate() {
                if i != j {
                    pairs.push((a.clone(), b.clone()));
                }
            }
        }
    } else {
        let dash = vec!["---".to_string()];
        let s = if sources.is_empty() { &dash } else { &sources };
        let t = if targets.is_empty() { &dash } else { &targets };
        for a in s {
            for b in t {
                pairs.push((a.clone(), b.clone()));
            }
        }
    }
    for (a, b) in pairs {
        let ev = ExpectedEvent::new(&a, &b, current_plover_name(event));
        if !rec.expected.contains(&ev) {
            rec.expected.push(ev);
        }
    }
    Some(rec)
}

/// The actor codes of a `source` or `target` value.
fn actors(suite: &mut Suite, v: Option<&Value>, field: &str, id: &str, line: usize) -> Vec<String> {
    match v {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) if s.is_empty() => Vec::new(),
        Some(Value::Array(list)) => {
            let mut out = Vec::new();
            for a in list {
                match a.get("code").and_then(Value::as_str).map(str::trim) {
                    Some(code) if !code.is_empty() => out.push(code.to_string()),
                    _ => {
                        suite.warn(
                            line,
                            Some(id),
                            format!("{field} actor without a code; read as ---"),
                        );
                        out.push("---".to_string());
                    }
                }
            }
            out
        }
        Some(other) => {
            suite.warn(
                line,
                Some(id),
                format!("\"{field}\" is {other}, not a list of actors; read as none"),
            );
            Vec::new()
        }
    }
}

enum Item {
    /// Byte range of one top-level `{...}`.
    Object { start: usize, end: usize },
    /// Something that is not a complete object, at this offset.
    Broken { at: usize, message: String },
}

/// Splits a JSON array into its top-level objects without parsing them,
/// tracking strings and escapes so braces inside text do not count.
fn split_array(content: &str) -> Vec<Item> {
    let b = content.as_bytes();
    let mut items = Vec::new();
    let skip_ws = |mut i: usize| {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b',') {
            i += 1;
        }
        i
    };
    let mut i = skip_ws(content.len() - content.trim_start_matches('\u{feff}').len());
    if b.get(i) != Some(&b'[') {
        items.push(Item::Broken {
            at: i,
            message: "not a JSON array (expected '[')".to_string(),
        });
        return items;
    }
    i += 1;
    loop {
        i = skip_ws(i);
        match b.get(i) {
            None => {
                items.push(Item::Broken {
                    at: content.len(),
                    message: "file ends before the closing ']' (truncated?)".to_string(),
                });
                return items;
            }
            Some(b']') => {
                if !content[i + 1..].trim().is_empty() {
                    items.push(Item::Broken {
                        at: i + 1,
                        message: "text after the closing ']'".to_string(),
                    });
                }
                return items;
            }
            Some(b'{') => match object_end(b, i) {
                Some(end) => {
                    items.push(Item::Object { start: i, end });
                    i = end;
                }
                None => {
                    items.push(Item::Broken {
                        at: i,
                        message: "record is cut off by the end of the file (truncated?); dropped"
                            .to_string(),
                    });
                    return items;
                }
            },
            Some(_) => {
                // Not an object: report it and resynchronise at the next
                // top-level '{' or ']'.
                let at = i;
                while i < b.len() && b[i] != b'{' && b[i] != b']' {
                    i += 1;
                }
                items.push(Item::Broken {
                    at,
                    message: "array element is not an object; skipped".to_string(),
                });
            }
        }
    }
}

/// The offset just past the `}` that closes the object opening at `start`.
fn object_end(b: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    let mut in_str = false;
    let mut i = start;
    while i < b.len() {
        let c = b[i];
        if in_str {
            match c {
                b'\\' => i += 1,
                b'"' => in_str = false,
                _ => {}
            }
        } else {
            match c {
                b'"' => in_str = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
        }
        i += 1;
    }
    None
}

/// The `"id"` of a record that does not parse, for the problem report.
fn guess_id(s: &str) -> Option<String> {
    let at = s.find("\"id\"")?;
    let rest = s[at + 4..].trim_start().strip_prefix(':')?.trim_start();
    let rest = rest.strip_prefix('"')?;
    Some(rest[..rest.find('"')?].to_string())
}

/// The GSR was coded in PLOVER 0.5 (2016); dyad maps CAMEO to the 2021 event
/// types of `CAMEO2PLOVER-2021.txt`, which folded four types into others:
/// DEMAND became REQUEST, DISAPPROVE and INVESTIGATE became modes of ACCUSE
/// (CAMEO 11x "ACCUSE, disapprove", 09x "ACCUSE, investigate"), and FIGHT
/// became ASSAULT (CAMEO 19x). Gold types are read under their 2021 names
/// so a correct coding can match.
pub(crate) fn current_plover_name(event: &str) -> &str {
    match event {
        "DEMAND" => "REQUEST",
        "DISAPPROVE" | "INVESTIGATE" => "ACCUSE",
        "FIGHT" => "ASSAULT",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"[
{
    "id": "X-DOCUMENT-0001",
    "event": "DOCUMENT",
    "eventText": "documentation {with braces}"
},
{
    "id": "X-AGREE-0001",
    "date": "2000-01-01",
    "source": [{"actorText": "Hungarian", "code": "HUN", "sector": "GOV"},
               {"actorText": "Romanian", "code": "ROU", "sector": "GOV"}],
    "event": "AGREE",
    "text": "Senior Hungarian and Romanian officials agreed.",
    "textInfo": {"markup": "Senior (SRC/TAR: Hungarian) and (SRC/TAR: Romanian) officials (EVT: agreed)"}
},
{
    "id": "X-AGREE-0002",
    "source": [{"actorText": "APEC", "code": "IGO"}],
    "target": [{"actorText": "Tokyo", "code": "JAP"}, {"actorText": "Seoul", "code": "KOR"}],
    "event": "AGREE",
    "text": "APEC agreed to set up a centre in Tokyo and Seoul.",
    "comment": "two targets"
},
{
    "id": "X-ASSAULT-0001",
    "target": [{"actorText": "Iraqi civilians", "code": "IRQ", "sector": "CVL"}],
    "event": "ASSAULT",
    "text": "Three Iraqi civilians were killed.",
    "textInfo": "(TAR: Iraqi civilians) killed"
}
]
"#;

    #[test]
    fn reads_records_and_expands_actors() {
        let s = parse_plover_gsr("p", MINI);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.records.len(), 4);
        assert_eq!(s.warnings.len(), 1, "textInfo string");
        let doc = &s.records[0];
        assert!(doc.skip_reason.as_deref().unwrap().starts_with("DOCUMENT"));

        let keys = |r: &SuiteRecord| -> Vec<(String, String, String)> {
            r.expected
                .iter()
                .map(|e| (e.source.clone(), e.target.clone(), e.code.clone()))
                .collect()
        };
        let k = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
        assert_eq!(
            keys(&s.records[1]),
            [k("HUN", "ROU", "AGREE"), k("ROU", "HUN", "AGREE")]
        );
        assert_eq!(s.records[1].line, 7);
        assert_eq!(s.records[1].category, "AGREE");
        assert_eq!(
            keys(&s.records[2]),
            [k("IGO", "JAP", "AGREE"), k("IGO", "KOR", "AGREE")]
        );
        assert_eq!(s.records[2].note, "two targets");
        assert_eq!(keys(&s.records[3]), [k("---", "IRQ", "ASSAULT")]);
    }

    #[test]
    fn bad_records_cost_only_themselves() {
        let bad = MINI.replacen("\"event\": \"ASSAULT\",", "\"event\": ASSAULT,", 1);
        let s = parse_plover_gsr("p", &bad);
        assert_eq!(s.records.len(), 3);
        assert_eq!(s.problems.len(), 1);
        assert_eq!(s.problems[0].record_id.as_deref(), Some("X-ASSAULT-0001"));
        assert_eq!(s.problems[0].line, 27, "the line of the JSON error");
    }

    #[test]
    fn truncation_never_panics_and_is_reported() {
        for n in 0..MINI.len() {
            let s = parse_plover_gsr("cut", &MINI[..n]);
            if n < MINI.rfind(']').unwrap() {
                assert!(!s.problems.is_empty(), "cut at {n} unnoticed");
            }
        }
        let s = parse_plover_gsr("obj", "{\"id\": 1}");
        assert_eq!(s.problems[0].message, "not a JSON array (expected '[')");
    }

    /// The issue's criterion, "PLOVER event type correct": a record counts
    /// when at least one produced event has the gold type, read under its
    /// 2021 name (a 2016 FIGHT record is met by an ASSAULT event), whatever
    /// the event's source and target. DOCUMENT records are not scored.
    #[test]
    fn event_type_rate_uses_2021_names_and_ignores_actors() {
        let gsr = r#"[
{"id": "D", "event": "DOCUMENT", "eventText": "doc"},
{"id": "F", "event": "FIGHT", "source": [{"code": "IRQ"}], "target": [{"code": "IRN"}],
 "text": "Iraqi troops fought Iranian forces."},
{"id": "M", "event": "DEMAND", "source": [{"code": "USA"}], "target": [{"code": "CUB"}],
 "text": "The US demanded that Cuba release prisoners."},
{"id": "P", "event": "PROTEST", "source": [{"code": "FRA"}],
 "text": "French farmers protested."}
]"#;
        let s = parse_plover_gsr("p", gsr);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        let ev = |a: &str, b: &str, c: &str| crate::eval::CodedEvent::new(a, b, c);
        let out = vec![
            vec![],
            vec![ev("---", "IRN", "ASSAULT")],
            vec![ev("USA", "CUB", "ACCUSE")],
            vec![ev("FRA", "---", "PROTEST"), ev("FRA", "---", "ACCUSE")],
        ];
        let sc = crate::eval::score(&s, &out);
        assert_eq!((sc.type_correct, sc.type_records), (2, 3));
        assert_eq!(sc.event_type_rate, Some(2.0 / 3.0));
        assert_eq!(sc.exact, 0, "type-correct is not exact");
    }
}
