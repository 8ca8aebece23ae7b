//! Reader for dyad's own gold format: TOML, one `[[record]]` table per
//! sentence. The format is specified in `docs/gold-format.md`; in short:
//!
//! ```toml
//! [suite]                      # optional
//! name = "motivating"
//! description = "..."
//!
//! [[record]]
//! id = "aze-isr-msc"           # required, unique in the file
//! date = "2024-02-17"          # optional: a TOML date or "YYYY-MM-DD"
//! category = "meeting"         # optional, default "default"
//! text = "..."                 # required
//! expect = [ { source = "AZEGOV", target = "ISRGOV", code = "044" } ]  # required; [] = no events
//! optional = [ ... ]           # may be produced, never required
//! forbid = [ ... ]             # must not be produced
//! skip = "reason"              # optional: keep the record but do not score it
//! note = "..."                 # optional
//! ```
//!
//! Unlike the legacy formats, gold files are ours, so the reader is strict
//! per record: an unknown key, a missing `expect`, a malformed event or a
//! duplicate id makes that record a problem (dropped), and the rest of the
//! file is still read. A TOML syntax error loses the whole file, since TOML
//! gives no way to resynchronise; it is reported with its line.

use std::collections::HashSet;

use toml::Value;

use super::{collapse_whitespace, parse_date, ExpectedEvent, Suite, SuiteFormat, SuiteRecord};

const RECORD_KEYS: &[&str] = &[
    "id", "date", "category", "text", "expect", "optional", "forbid", "skip", "note",
];
const EVENT_KEYS: &[&str] = &["source", "target", "code"];

/// Parses a dyad gold TOML file. Never fails: see the module docs.
pub fn parse_dyad_gold(name: &str, content: &str) -> Suite {
    let mut suite = Suite::new(name, SuiteFormat::DyadGold);
    let table: toml::Table = match content.parse() {
        Ok(t) => t,
        Err(e) => {
            let e: toml::de::Error = e;
            let line = e.span().map_or(0, |r| super::line_at(content, r.start));
            suite.problem(line, None, format!("not valid TOML: {}", e.message()));
            return suite;
        }
    };
    let record_lines = record_header_lines(content);
    for (key, value) in &table {
        match key.as_str() {
            "record" => {}
            "suite" => read_suite_table(&mut suite, value),
            other => suite.problem(1, None, format!("unknown top-level key \"{other}\"")),
        }
    }
    let records = match table.get("record") {
        None => {
            suite.problem(1, None, "no [[record]] tables");
            return suite;
        }
        Some(Value::Array(a)) => a.as_slice(),
        Some(_) => {
            suite.problem(
                1,
                None,
                "\"record\" must be an array of tables ([[record]])",
            );
            return suite;
        }
    };
    let mut seen = HashSet::new();
    for (i, v) in records.iter().enumerate() {
        let line = record_lines.get(i).copied().unwrap_or(0);
        match read_record(v, line) {
            Ok(rec) => {
                if !seen.insert(rec.id.clone()) {
                    suite.problem(line, Some(&rec.id), "duplicate id; record dropped");
                    continue;
                }
                if let Some(c) = rec.contradiction() {
                    suite.problem(line, Some(&rec.id), format!("{c}; record dropped"));
                    continue;
                }
                suite.records.push(rec);
            }
            Err((id, msg)) => suite.problem(line, id.as_deref(), format!("{msg}; record dropped")),
        }
    }
    suite
}

/// Line numbers of the `[[record]]` headers, in order: TOML values carry no
/// positions, and the n-th header is the n-th record.
fn record_header_lines(content: &str) -> Vec<usize> {
    content
        .lines()
        .enumerate()
        .filter(|(_, l)| {
            let l: String = l.chars().filter(|c| !c.is_whitespace()).collect();
            l == "[[record]]" || l.starts_with("[[record]]#")
        })
        .map(|(i, _)| i + 1)
        .collect()
}

fn read_suite_table(suite: &mut Suite, v: &Value) {
    let Some(t) = v.as_table() else {
        suite.problem(1, None, "[suite] must be a table");
        return;
    };
    for (k, v) in t {
        match (k.as_str(), v) {
            ("name" | "description", Value::String(_)) => {}
            ("dictionaries", Value::Table(d)) => {
                for (kind, files) in d {
                    let files: Vec<String> = match files {
                        Value::String(s) => vec![s.clone()],
                        Value::Array(a) => a
                            .iter()
                            .filter_map(|f| f.as_str().map(str::to_string))
                            .collect(),
                        _ => Vec::new(),
                    };
                    let dicts = &mut suite.dictionaries;
                    match kind.as_str() {
                        "verbs" => dicts.verbs.extend(files),
                        "actors" => dicts.actors.extend(files),
                        "agents" => dicts.agents.extend(files),
                        "discards" => dicts.discards.extend(files),
                        other => {
                            for f in files {
                                dicts.other.push((other.to_string(), f));
                            }
                        }
                    }
                }
            }
            (other, _) => suite.problem(
                1,
                None,
                format!("unknown or mistyped [suite] key \"{other}\""),
            ),
        }
    }
}

type RecordError = (Option<String>, String);

fn read_record(v: &Value, line: usize) -> Result<SuiteRecord, RecordError> {
    let t = v
        .as_table()
        .ok_or((None, "a record must be a table".to_string()))?;
    let id = match t.get("id") {
        Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
        _ => return Err((None, "record needs a non-empty string \"id\"".to_string())),
    };
    let err = |msg: String| (Some(id.clone()), msg);
    if let Some(k) = t.keys().find(|k| !RECORD_KEYS.contains(&k.as_str())) {
        return Err(err(format!(
            "unknown key \"{k}\" (known: {})",
            RECORD_KEYS.join(", ")
        )));
    }
    let string = |key: &str| -> Result<Option<String>, RecordError> {
        match t.get(key) {
            None => Ok(None),
            Some(Value::String(s)) => Ok(Some(s.clone())),
            Some(other) => Err(err(format!(
                "\"{key}\" must be a string, not {}",
                other.type_str()
            ))),
        }
    };
    let mut rec = SuiteRecord::new(&id, line);
    rec.text = collapse_whitespace(&string("text")?.unwrap_or_default());
    if rec.text.is_empty() {
        return Err(err("record needs a non-empty \"text\"".to_string()));
    }
    rec.category = string("category")?.unwrap_or_else(|| "default".to_string());
    rec.note = string("note")?
        .map(|n| collapse_whitespace(&n))
        .unwrap_or_default();
    if let Some(reason) = string("skip")? {
        rec.add_skip(if reason.trim().is_empty() {
            "skip".to_string()
        } else {
            reason
        });
    }
    rec.date = match t.get("date") {
        None => None,
        Some(Value::String(s)) => {
            Some(parse_date(s).ok_or_else(|| err(format!("date \"{s}\" is not YYYY-MM-DD")))?)
        }
        Some(Value::Datetime(dt)) => match (dt.date, dt.time) {
            (Some(d), None) => {
                chrono::NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into())
            }
            _ => None,
        }
        .map(Some)
        .ok_or_else(|| err(format!("date {dt} must be a plain date")))?,
        Some(other) => {
            return Err(err(format!(
                "\"date\" must be a date, not {}",
                other.type_str()
            )))
        }
    };
    rec.expected = match t.get("expect") {
        Some(v) => events(v, "expect").map_err(err)?,
        None => {
            return Err(err(
                "record needs \"expect\" (use expect = [] for no events)".to_string(),
            ))
        }
    };
    rec.expect_no_events = rec.expected.is_empty();
    if let Some(v) = t.get("optional") {
        rec.optional = events(v, "optional").map_err(err)?;
    }
    if let Some(v) = t.get("forbid") {
        rec.forbidden = events(v, "forbid").map_err(err)?;
    }
    Ok(rec)
}

fn events(v: &Value, key: &str) -> Result<Vec<ExpectedEvent>, String> {
    let list = v
        .as_array()
        .ok_or_else(|| format!("\"{key}\" must be an array of {{ source, target, code }}"))?;
    let mut out: Vec<ExpectedEvent> = Vec::new();
    for (i, e) in list.iter().enumerate() {
        let t = e
            .as_table()
            .ok_or_else(|| format!("{key}[{i}] must be a table {{ source, target, code }}"))?;
        if let Some(k) = t.keys().find(|k| !EVENT_KEYS.contains(&k.as_str())) {
            return Err(format!("{key}[{i}]: unknown key \"{k}\""));
        }
        let field = |f: &str| -> Result<String, String> {
            match t.get(f) {
                Some(Value::String(s)) if !s.trim().is_empty() => Ok(s.trim().to_string()),
                _ => Err(format!("{key}[{i}] needs a non-empty string \"{f}\"")),
            }
        };
        let ev = ExpectedEvent::new(&field("source")?, &field("target")?, &field("code")?);
        if out.contains(&ev) {
            return Err(format!("{key}[{i}] repeats {ev}"));
        }
        out.push(ev);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_field() {
        let s = parse_dyad_gold(
            "g.toml",
            r#"
[suite]
name = "t"
dictionaries = { actors = ["a.dyad"], verbs = "v.dyad" }

[[record]]
id = "a"
date = 2024-02-16
category = "meeting"
text = """Aliyev met
   Herzog."""
expect = [ { source = "AZEGOV", target = "ISRGOV", code = "044" } ]
optional = [ { source = "AZEGOV", target = "ISRGOV", code = "040" } ]
forbid = [ { source = "AZEGOV", target = "ISRGOV", code = "111" } ]
note = "n"

[[record]]
id = "b"
date = "2024-02-17"
text = "Nothing happened."
expect = []
skip = "not yet"
"#,
        );
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.dictionaries.actors, ["a.dyad"]);
        assert_eq!(s.dictionaries.verbs, ["v.dyad"]);
        let a = &s.records[0];
        assert_eq!(a.line, 6);
        assert_eq!(a.text, "Aliyev met Herzog.");
        assert_eq!(a.date, parse_date("2024-02-16"));
        assert_eq!(
            (a.expected.len(), a.optional.len(), a.forbidden.len()),
            (1, 1, 1)
        );
        assert!(!a.expect_no_events);
        let b = &s.records[1];
        assert!(b.expect_no_events);
        assert_eq!(b.category, "default");
        assert_eq!(b.skip_reason.as_deref(), Some("not yet"));
        assert_eq!(b.line, 17);
    }

    #[test]
    fn bad_records_are_dropped_one_by_one() {
        let s = parse_dyad_gold(
            "g.toml",
            r#"
[[record]]
id = "ok"
text = "t"
expect = []

[[record]]
id = "typo"
text = "t"
expcet = []

[[record]]
id = "noexpect"
text = "t"

[[record]]
id = "ok"
text = "dup"
expect = []

[[record]]
id = "badevent"
text = "t"
expect = [ { source = "A", code = "01" } ]

[[record]]
id = "both"
text = "t"
expect = [ { source = "A", target = "B", code = "01" } ]
forbid = [ { source = "A", target = "B", code = "01" } ]

[[record]]
text = "no id"
expect = []
"#,
        );
        assert_eq!(s.records.len(), 1);
        let msgs: Vec<String> = s.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(msgs.len(), 6, "{msgs:#?}");
        assert!(msgs[0].starts_with("line 7 [typo]: unknown key \"expcet\""));
        assert!(msgs[1].contains("needs \"expect\""));
        assert!(msgs[2].starts_with("line 16 [ok]: duplicate id"));
        assert!(msgs[3].contains("needs a non-empty string \"target\""));
        assert!(msgs[4].contains("both expected and forbidden"));
        assert!(msgs[5].starts_with("line 32: record needs a non-empty string \"id\""));
    }

    #[test]
    fn syntax_errors_name_their_line() {
        let s = parse_dyad_gold("g.toml", "[[record]]\nid = \"a\"\ntext = \"unterminated\n");
        assert!(s.records.is_empty());
        assert_eq!(s.problems.len(), 1);
        assert_eq!(s.problems[0].line, 3);
        let s = parse_dyad_gold("g.toml", "[suite]\nname = \"x\"\n");
        assert_eq!(s.problems[0].message, "no [[record]] tables");
    }
}
