//! Input formats: plain text, JSON Lines, PETRARCH-style XML.
//!
//! These are pure functions from a file's text to [`Document`]s, so the CLI,
//! the store and tests share one reader. Each returns every document it
//! could read plus a [`Diagnostic`] for every record it could not, naming the
//! line: one bad record never loses the good ones.

use std::fmt;

use crate::coder::parse_doc_date;
use crate::document::Document;

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    Text,
    Jsonl,
    PetrarchXml,
}

impl InputFormat {
    /// From a file name's extension: `.jsonl`/`.json`/`.ndjson`, `.xml`,
    /// anything else is text.
    pub fn from_path(path: &str) -> InputFormat {
        let lower = path.to_ascii_lowercase();
        let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
        if lower.ends_with(".jsonl") || lower.ends_with(".ndjson") || lower.ends_with(".json") {
            InputFormat::Jsonl
        } else if lower.ends_with(".xml") {
            InputFormat::PetrarchXml
        } else {
            InputFormat::Text
        }
    }

    /// From content: `{` starts JSON Lines, `<` starts XML.
    pub fn sniff(content: &str) -> InputFormat {
        match content.trim_start().chars().next() {
            Some('{') => InputFormat::Jsonl,
            Some('<') => InputFormat::PetrarchXml,
            _ => InputFormat::Text,
        }
    }
}

/// How bad a diagnostic is: warnings keep the record, errors lose it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Severity {
    Warning,
    Error,
}

/// A problem in an input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sev = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        match self.line {
            Some(l) => write!(f, "{sev}: {}:{l}: {}", self.file, self.message),
            None => write!(f, "{sev}: {}: {}", self.file, self.message),
        }
    }
}

fn diag(
    severity: Severity,
    file: &str,
    line: Option<usize>,
    message: impl Into<String>,
) -> Diagnostic {
    Diagnostic {
        severity,
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// Reads documents from `content` in `format`. `default_date` applies to
/// plain text and to records without a date.
pub fn read_documents(
    file: &str,
    content: &str,
    format: InputFormat,
    default_date: Option<chrono::NaiveDate>,
) -> (Vec<Document>, Vec<Diagnostic>) {
    if content.trim().is_empty() {
        return (
            Vec::new(),
            vec![diag(
                Severity::Error,
                file,
                None,
                "input is empty: no documents to code",
            )],
        );
    }
    match format {
        InputFormat::Text => {
            let stem = file.rsplit('/').next().unwrap_or(file);
            let stem = stem.rsplit_once('.').map(|(s, _)| s).unwrap_or(stem);
            let id = if stem.is_empty() || stem == "-" || stem == "<stdin>" {
                Document::content_id(content)
            } else {
                stem.to_string()
            };
            (
                vec![Document {
                    id,
                    text: content.to_string(),
                    date: default_date,
                    title: None,
                    url: None,
                }],
                Vec::new(),
            )
        }
        InputFormat::Jsonl => read_jsonl(file, content, default_date),
        InputFormat::PetrarchXml => read_petrarch_xml(file, content, default_date),
    }
}

fn read_jsonl(
    file: &str,
    content: &str,
    default_date: Option<chrono::NaiveDate>,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let lineno = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        let v: serde_json::Value = match serde_json::from_str(line) {
            Ok(v) => v,
            Err(e) => {
                diags.push(diag(
                    Severity::Error,
                    file,
                    Some(lineno),
                    format!("malformed JSON ({e}); record skipped"),
                ));
                continue;
            }
        };
        let Some(obj) = v.as_object() else {
            diags.push(diag(
                Severity::Error,
                file,
                Some(lineno),
                "expected a JSON object; record skipped",
            ));
            continue;
        };
        let Some(text) = obj.get("text").and_then(|t| t.as_str()) else {
            diags.push(diag(
                Severity::Error,
                file,
                Some(lineno),
                "record has no string field \"text\"; record skipped",
            ));
            continue;
        };
        let get = |k: &str| {
            obj.get(k).and_then(|v| match v {
                serde_json::Value::String(s) => Some(s.clone()),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            })
        };
        let id = get("id").unwrap_or_else(|| Document::content_id(text));
        let date = match get("published").or_else(|| get("date")) {
            Some(p) => match parse_doc_date(&p) {
                Some(d) => Some(d),
                None => {
                    diags.push(diag(
                        Severity::Warning,
                        file,
                        Some(lineno),
                        format!(
                            "record {id}: unparseable date {p:?}; using {}",
                            default_date
                                .map(|d| d.to_string())
                                .unwrap_or_else(|| "no date".into())
                        ),
                    ));
                    default_date
                }
            },
            None => {
                if default_date.is_none() {
                    diags.push(diag(
                        Severity::Warning,
                        file,
                        Some(lineno),
                        format!(
                            "record {id}: no \"published\" date; relative dates cannot be resolved"
                        ),
                    ));
                }
                default_date
            }
        };
        docs.push(Document {
            id,
            text: text.to_string(),
            date,
            title: get("title"),
            url: get("url"),
        });
    }
    (docs, diags)
}

/// Decodes the five XML entities and numeric character references.
pub fn xml_unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|&e| e <= 10);
        let ent = end.map(|e| &rest[1..e]);
        let rep = match ent {
            Some("amp") => Some('&'),
            Some("lt") => Some('<'),
            Some("gt") => Some('>'),
            Some("quot") => Some('"'),
            Some("apos") => Some('\''),
            Some(e) if e.starts_with("#x") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            Some(e) if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match (rep, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Reads `name="value"` attributes from the inside of a start tag.
pub fn xml_attr(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(i) = rest.find(name) {
        let before_ok = i == 0 || rest.as_bytes()[i - 1].is_ascii_whitespace();
        let after = rest[i + name.len()..].trim_start();
        if before_ok {
            if let Some(v) = after.strip_prefix('=') {
                let v = v.trim_start();
                let q = v.chars().next()?;
                if q == '"' || q == '\'' {
                    let end = v[1..].find(q)?;
                    return Some(xml_unescape(&v[1..1 + end]));
                }
            }
        }
        rest = &rest[i + name.len()..];
    }
    None
}

fn line_of(content: &str, byte: usize) -> usize {
    content[..byte.min(content.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// Lenient reader for `<Sentence date="YYYYMMDD" id="..."> <Text>...</Text>`
/// records. Self-closed `<Sentence .../>` tags followed by content (as in
/// UniversalPETRARCH's files) are accepted; comments are skipped.
fn read_petrarch_xml(
    file: &str,
    content: &str,
    default_date: Option<chrono::NaiveDate>,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    let mut pos = 0;
    let mut found = 0;
    while let Some(rel) = content[pos..].find("<Sentence") {
        let start = pos + rel;
        // Skip occurrences inside comments.
        if let Some(c) = content[..start].rfind("<!--") {
            if content[c..start].find("-->").is_none() {
                pos = content[start..]
                    .find("-->")
                    .map(|e| start + e + 3)
                    .unwrap_or(content.len());
                continue;
            }
        }
        let after_name = content[start + 9..].chars().next();
        if !matches!(after_name, Some(c) if c.is_whitespace() || c == '>' || c == '/') {
            pos = start + 9;
            continue;
        }
        found += 1;
        let line = line_of(content, start);
        let Some(tag_end) = content[start..].find('>').map(|e| start + e) else {
            diags.push(diag(
                Severity::Error,
                file,
                Some(line),
                "unterminated <Sentence> tag; rest of file skipped",
            ));
            break;
        };
        let tag = &content[start + 9..tag_end];
        let next = content[tag_end..]
            .find("<Sentence")
            .map(|e| tag_end + e)
            .unwrap_or(content.len());
        let body_end = content[tag_end..next]
            .find("</Sentence>")
            .map(|e| tag_end + e)
            .unwrap_or(next);
        let body = &content[tag_end + 1..body_end];
        pos = body_end.max(tag_end + 1);
        let id = xml_attr(tag, "id").unwrap_or_else(|| format!("{file}:{line}"));
        let Some(ts) = body.find("<Text>") else {
            diags.push(diag(
                Severity::Error,
                file,
                Some(line),
                format!("record {id}: no <Text> element; record skipped"),
            ));
            continue;
        };
        let Some(te) = body[ts..].find("</Text>") else {
            diags.push(diag(
                Severity::Error,
                file,
                Some(line),
                format!("record {id}: <Text> is not closed; record skipped"),
            ));
            continue;
        };
        let raw = &body[ts + 6..ts + te];
        let text = xml_unescape(&raw.split_whitespace().collect::<Vec<_>>().join(" "));
        let date = match xml_attr(tag, "date") {
            Some(d) => match parse_doc_date(&d) {
                Some(d) => Some(d),
                None => {
                    diags.push(diag(
                        Severity::Warning,
                        file,
                        Some(line),
                        format!("record {id}: unparseable date {d:?}"),
                    ));
                    default_date
                }
            },
            None => default_date,
        };
        docs.push(Document {
            id,
            text,
            date,
            title: None,
            url: None,
        });
    }
    if found == 0 {
        diags.push(diag(
            Severity::Error,
            file,
            None,
            "no <Sentence> records found",
        ));
    }
    (docs, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_keeps_good_records_and_names_bad_lines() {
        let src = "{\"id\":\"a\",\"text\":\"One.\",\"published\":\"2024-02-26 10:00:00Z\"}\n{oops\n{\"id\":\"c\"}\n{\"id\":7,\"text\":\"Two.\",\"published\":\"2024-02-31\"}\n";
        let (docs, diags) = read_documents("f.jsonl", src, InputFormat::Jsonl, None);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].date.unwrap().to_string(), "2024-02-26");
        assert_eq!(docs[1].id, "7");
        assert_eq!(docs[1].date, None);
        let lines: Vec<Option<usize>> = diags.iter().map(|d| d.line).collect();
        assert_eq!(lines, vec![Some(2), Some(3), Some(4)]);
        assert_eq!(diags[0].severity, Severity::Error);
        assert_eq!(diags[2].severity, Severity::Warning);
        assert!(diags[2]
            .to_string()
            .starts_with("warning: f.jsonl:4: record 7: unparseable date"));
    }

    #[test]
    fn xml_records_including_self_closed_tags() {
        let src = "<Sentences>\n<!-- <Sentence id=\"x\"> -->\n<Sentence date=\"20080804\" id=\"A_1\"/>\n<Text>\nThe US &amp; China\n met.\n</Text>\n</Sentence>\n<Sentence id=\"B\">\n<Parse>x</Parse></Sentence>\n</Sentences>";
        let (docs, diags) = read_documents("f.xml", src, InputFormat::PetrarchXml, None);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "The US & China met.");
        assert_eq!(docs[0].date.unwrap().to_string(), "2008-08-04");
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].line, Some(9));
    }

    #[test]
    fn empty_input_is_an_error() {
        let (docs, diags) = read_documents("e.txt", "  \n", InputFormat::Text, None);
        assert!(docs.is_empty());
        assert_eq!(diags[0].severity, Severity::Error);
    }
}
