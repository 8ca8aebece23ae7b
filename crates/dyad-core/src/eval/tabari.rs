//! Reader for TABARI validation records (`Validate.text`) and the project
//! file that names their dictionaries (`Validate.project`).
//!
//! A record is a header line `YYMMDD  ID` after a blank line, the text, and
//! a `/* ... */` block holding the expectations in braces:
//!
//! ```text
//! 950103  DEMO-04
//! Dagolath's first Deputy Prime Minister Telemar left for
//! Minas Tirith on Wednesday ...
//! /*\n------------------------------------------------------------------
//! \n[Paired events: LEFT_ generates a "visit" and "receive visit" events]
//! \n{ DAG / GON / 032 } 950103
//! \n{ GON / DAG / 033 } 950103   */
//! ```
//!
//! `\n` is TABARI's written line break inside comments; `#` lines are file
//! comments (the section banners).
//!
//! # Markers and what dyad makes of them
//!
//! | marker | meaning in TABARI | dyad |
//! |---|---|---|
//! | `{ SRC / TGT / CODE }` | an event the record must code | `expected`; `~MIL` (agent with no country) becomes `---MIL` |
//! | `{ ... } 950103` | ... dated (after time shifting) | the date goes to [`ExpectedEvent::date`] (not scored) |
//! | `{---}` | the record codes no events | `expect_no_events` |
//! | `{+++}` | the record is rejected as *complex* (too many verbs or conjunctions, no actor before the verb, over-long) and not coded | `expect_error`, kind `complex` |
//! | `{###}` | the record is *discarded* (a discard phrase in the text, or a discard code on an actor or verb) | `expect_error`, kind `discard` |
//! | `-{ ... }` | a deactivated expectation: TABARI only reads `\n{`, so the `-` switches it off ("Currently doesn't work -- deactivated", COMPOUND-23) | `optional`: neither required nor penalised. A record whose expectations are *all* deactivated is skipped |
//! | `{ OPTION: SET: TIME SHIFT = FALSE }` | runs an options-file command from this record on | appended to the [`SuiteRecord::options`] of this and later records; a record with only options is a control record and skipped |
//! | no `/* */` block | TABARI stops and asks; `FINAL-01` ("This is the end of the standard validation records") relies on this | skipped |
//! | text after the end record | "records [that] require other .options settings, or crash the program" | skipped, naming the end record |
//!
//! Quirks in `Validate.text` that the reader repairs, each reported as a
//! warning: `{ OPTION: SET: MINIMUM WORDS = 4  */` (no closing brace), a
//! second `{...} */` after the block closed (AGENTS-11, whose header also
//! repeats its date: `950101  950101  AGENTS-11`), dates such as `9501201`
//! and `186010029`, and duplicate ids. A third header field (the FBIS
//! document number) is ignored. Two-digit years are 19xx from 50 up and 20xx
//! below; `YYYYMMDD` headers (the `SET: YYYY = TRUE` tests) are read as such.
//!
//! Categories are the id prefix before the first `-` (`DEMO-01` → `DEMO`),
//! the same categories PETRARCH's unit tests later inherited.

use std::collections::HashSet;

use super::{
    collapse_whitespace, normalize_actor, parse_date, ExpectedEvent, Suite, SuiteFormat,
    SuiteOption, SuiteRecord,
};

/// The text TABARI's end-of-suite record carries. Everything after the
/// record that says it is the end is outside the standard suite.
const END_OF_SUITE: &str = "end of the standard validation records";

/// Parses TABARI validation records, with the project file that names the
/// dictionaries when there is one. Options-file *commands* are not read from
/// the project; use [`parse_tabari_options`] on the options file it names
/// and put the result in [`Suite::options`].
pub fn parse_tabari(name: &str, text_content: &str, project_content: Option<&str>) -> Suite {
    let mut suite = Suite::new(name, SuiteFormat::Tabari);
    if let Some(project) = project_content {
        read_project(&mut suite, project);
    }
    let lines: Vec<&str> = text_content.lines().collect();
    let mut starts: Vec<usize> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let after_break = i == 0 || {
            let prev = lines[i - 1].trim();
            prev.is_empty() || prev.starts_with('#')
        };
        if after_break && is_header(line) {
            starts.push(i);
        }
    }
    if let Some(&first) = starts.first() {
        if let Some((i, _)) = lines[..first]
            .iter()
            .enumerate()
            .find(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        {
            suite.warn(i + 1, None, "text before the first record ignored");
        }
    } else if lines
        .iter()
        .any(|l| !l.trim().is_empty() && !l.starts_with('#'))
    {
        suite.problem(1, None, "no record header (a `YYMMDD  ID` line) found");
    }

    let mut options: Vec<SuiteOption> = Vec::new();
    let mut end_record: Option<String> = None;
    let mut seen_ids: HashSet<String> = HashSet::new();
    for (k, &start) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(lines.len());
        let is_last = k + 1 == starts.len();
        let Some(mut raw) = read_record(&mut suite, &lines, start, end, is_last) else {
            continue;
        };
        options.extend(raw.options.iter().cloned());
        let rec = &mut raw.rec;
        rec.options = options.clone();
        if !seen_ids.insert(rec.id.clone()) {
            suite.warn(rec.line, Some(&rec.id), "duplicate record id");
        }

        if let Some(end_id) = &end_record {
            rec.add_skip(format!(
                "after the end record {end_id}: needs other options or crashes TABARI"
            ));
        }
        if !raw.has_block {
            if end_record.is_none() && rec.text.to_lowercase().contains(END_OF_SUITE) {
                end_record = Some(rec.id.clone());
                rec.add_skip("end-of-suite record");
            } else {
                rec.add_skip("no /* ... */ expectation block");
            }
        } else if !raw.active {
            if !raw.options.is_empty() {
                rec.add_skip("option record ({ OPTION: ... } only)");
            } else if raw.deactivated > 0 {
                rec.add_skip("all expectations deactivated with -{...}");
            } else {
                rec.add_skip("no expectation in the /* ... */ block");
            }
        }
        let already_skipped = rec.skip_reason.is_some();
        for msg in &raw.bad {
            suite.problem(rec.line, Some(&rec.id), msg.clone());
        }
        if !raw.bad.is_empty() {
            rec.add_skip("unreadable expectation (see problems)");
        } else if let Some(c) = rec.contradiction() {
            if already_skipped {
                suite.warn(rec.line, Some(&rec.id), c);
            } else {
                suite.problem(rec.line, Some(&rec.id), c);
                rec.add_skip("contradictory expectations (see problems)");
            }
        }
        suite.records.push(raw.rec);
    }
    suite
}

/// Reads the commands of a TABARI `.options` file (`SET: LABEL = TRUE`,
/// `COMPLEX: VERBS[5] CONJ[4] ...`, `LABEL: 010=YIELD`), skipping `//`
/// comments and stopping at the `~~~~~` end marker.
pub fn parse_tabari_options(content: &str) -> Vec<SuiteOption> {
    let mut out = Vec::new();
    for (i, line) in content.lines().enumerate() {
        let line = line.trim();
        if line.starts_with("~~~~~") {
            break;
        }
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        out.push(split_option(line, i + 1));
    }
    out
}

/// Whether `line` is a record header: a date of digits, whitespace, an id.
pub(crate) fn is_header(line: &str) -> bool {
    let mut parts = line.split_whitespace();
    let (Some(date), Some(_id)) = (parts.next(), parts.next()) else {
        return false;
    };
    date.len() >= 6 && date.bytes().all(|b| b.is_ascii_digit()) && line.starts_with(date)
}

fn split_option(cmd: &str, line: usize) -> SuiteOption {
    let (name, value) = match cmd.split_once(':') {
        Some((n, v)) => (n.trim(), v.trim()),
        None => (cmd.trim(), ""),
    };
    SuiteOption {
        name: name.to_string(),
        value: value.to_string(),
        line,
    }
}

fn read_project(suite: &mut Suite, project: &str) {
    for line in project.lines() {
        let line = line.trim();
        let Some(rest) = line.strip_prefix('<') else {
            continue;
        };
        let Some((tag, value)) = rest.split_once('>') else {
            continue;
        };
        let tag = tag.trim().to_ascii_lowercase();
        let value = value.trim().to_string();
        if tag.starts_with("session") {
            continue;
        }
        let d = &mut suite.dictionaries;
        match tag.as_str() {
            "actorsfile" => d.actors.push(value),
            "verbsfile" => d.verbs.push(value),
            "agentsfile" => d.agents.push(value),
            "optionsfile" => d.options.push(value),
            "discardfile" | "discardsfile" => d.discards.push(value),
            _ => d.other.push((tag, value)),
        }
    }
}

/// What one record's lines say, before the suite-level rules apply.
struct Raw {
    rec: SuiteRecord,
    has_block: bool,
    /// Any active (not deactivated) expectation: an event or a marker.
    active: bool,
    deactivated: usize,
    options: Vec<SuiteOption>,
    bad: Vec<String>,
    /// Repairs, as (line, message), turned into suite warnings.
    warnings: Vec<(usize, String)>,
}

fn read_record(
    suite: &mut Suite,
    lines: &[&str],
    start: usize,
    end: usize,
    is_last: bool,
) -> Option<Raw> {
    let header_line = start + 1;
    let mut fields = lines[start].split_whitespace();
    let date_field = fields.next().unwrap_or_default();
    let mut id = fields.next().unwrap_or_default();
    let third = fields.next();
    if let Some(third) = third.filter(|_| id == date_field) {
        suite.warn(
            header_line,
            Some(third),
            format!("header repeats a date (\"{id}\"); id taken as \"{third}\""),
        );
        id = third;
    }
    let mut rec = SuiteRecord::new(id, header_line);
    rec.category = category_of(id);
    rec.date = parse_date(date_field);
    if rec.date.is_none() {
        suite.warn(
            header_line,
            Some(id),
            format!("unreadable date \"{date_field}\""),
        );
    }

    // Text runs to the line that opens the comment block.
    let mut text = String::new();
    let mut block: Vec<(usize, &str)> = Vec::new();
    let mut in_block = false;
    for (i, &line) in lines.iter().enumerate().take(end).skip(start + 1) {
        if line.starts_with('#') {
            continue;
        }
        if in_block {
            block.push((i + 1, line));
        } else if let Some(p) = line.find("/*") {
            text.push_str(&line[..p]);
            text.push(' ');
            block.push((i + 1, &line[p + 2..]));
            in_block = true;
        } else {
            text.push_str(line);
            text.push(' ');
        }
    }
    rec.text = collapse_whitespace(&text.replace("\\n", " "));
    let mut raw = Raw {
        rec,
        has_block: in_block,
        active: false,
        deactivated: 0,
        options: Vec::new(),
        bad: Vec::new(),
        warnings: Vec::new(),
    };
    if !in_block {
        return Some(raw);
    }

    let closed_at = block.iter().position(|(_, l)| l.contains("*/"));
    if closed_at.is_none() {
        if is_last {
            suite.problem(
                header_line,
                Some(id),
                "comment block /* is never closed: the file ends inside it (truncated?); dropped",
            );
            return None;
        }
        suite.warn(
            header_line,
            Some(id),
            "comment block /* not closed before the next record",
        );
    }
    let mut note = String::new();
    for (k, &(line_no, line)) in block.iter().enumerate() {
        let (inside, outside) = match closed_at {
            Some(c) if c == k => {
                let p = line.find("*/").unwrap_or(line.len());
                (&line[..p], &line[(p + 2).min(line.len())..])
            }
            Some(c) if k > c => ("", line),
            _ => (line, ""),
        };
        read_groups(&mut raw, inside, line_no, &mut note);
        if read_groups(&mut raw, outside, line_no, &mut note) {
            raw.warnings.push((
                line_no,
                "expectation after the comment block closed; read anyway".to_string(),
            ));
        }
    }
    for (line_no, msg) in std::mem::take(&mut raw.warnings) {
        suite.warn(line_no, Some(id), msg);
    }
    raw.rec.note = collapse_whitespace(&note);
    Some(raw)
}

/// Reads the `{...}` groups of one comment line into `raw`, and the rest of
/// the line into `note`. Returns whether the line held any group.
fn read_groups(raw: &mut Raw, line: &str, line_no: usize, note: &mut String) -> bool {
    let mut rest = line;
    let mut found = false;
    while let Some(open) = rest.find('{') {
        found = true;
        let before = &rest[..open];
        let deactivated = before.trim_end().ends_with('-');
        let before = before.trim_end().trim_end_matches('-');
        push_note(note, before);
        let after = &rest[open + 1..];
        let (body, next) = match after.find('}') {
            Some(close) => (&after[..close], &after[close + 1..]),
            None => {
                queue_warning(raw, line_no, "'{' without '}': read to the end of the line");
                (after.trim_end().trim_end_matches("*/"), "")
            }
        };
        // A date may follow an event: `{ DAG / GON / 032 } 950103`.
        let token = next.split_whitespace().next().unwrap_or("");
        let date = if token.bytes().all(|b| b.is_ascii_digit()) {
            parse_date(token)
        } else {
            None
        };
        group(raw, body.trim(), deactivated, date, line_no);
        rest = match date {
            Some(_) => next.trim_start().strip_prefix(token).unwrap_or(next),
            None => next,
        };
    }
    push_note(note, rest);
    found
}

fn group(
    raw: &mut Raw,
    body: &str,
    deactivated: bool,
    date: Option<chrono::NaiveDate>,
    line_no: usize,
) {
    if body.is_empty() {
        queue_warning(raw, line_no, "empty {} ignored");
        return;
    }
    if let Some(cmd) = body.strip_prefix("OPTION:") {
        if deactivated {
            raw.deactivated += 1;
        } else {
            raw.options.push(split_option(cmd.trim(), line_no));
        }
        return;
    }
    let marker = match body {
        "---" => Some(None),
        "+++" => Some(Some("complex")),
        "###" => Some(Some("discard")),
        _ => None,
    };
    if let Some(kind) = marker {
        if deactivated {
            raw.deactivated += 1;
            return;
        }
        raw.active = true;
        match kind {
            None => raw.rec.expect_no_events = true,
            Some(kind) => {
                raw.rec.expect_error = true;
                raw.rec.error_kind = Some(kind.to_string());
            }
        }
        return;
    }
    let parts: Vec<&str> = body.split('/').map(str::trim).collect();
    if parts.len() != 3 || parts.iter().any(|p| p.is_empty()) {
        if parts.len() == 1 {
            queue_warning(raw, line_no, &format!("unrecognised {{{body}}} ignored"));
        } else {
            raw.bad.push(format!(
                "line {line_no}: {{{body}}} is not {{ SRC / TGT / CODE }}"
            ));
        }
        return;
    }
    let mut ev = ExpectedEvent::new(
        &normalize_actor(parts[0]),
        &normalize_actor(parts[1]),
        parts[2],
    );
    ev.date = date;
    if deactivated {
        raw.deactivated += 1;
        raw.rec.optional.push(ev);
    } else {
        raw.active = true;
        raw.rec.expected.push(ev);
    }
}

fn queue_warning(raw: &mut Raw, line_no: usize, msg: &str) {
    raw.warnings.push((line_no, msg.to_string()));
}

fn push_note(note: &mut String, s: &str) {
    let cleaned = s.replace("\\n", " ").replace("/*", " ").replace("*/", " ");
    let cleaned = cleaned.trim_matches(|c: char| c == '-' || c.is_whitespace());
    if !cleaned.is_empty() {
        note.push(' ');
        note.push_str(cleaned);
    }
}

fn category_of(id: &str) -> String {
    let prefix = id.split('-').next().unwrap_or(id);
    if prefix.bytes().any(|b| b.is_ascii_alphabetic()) {
        prefix.to_ascii_uppercase()
    } else {
        "OTHER".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r"##################
# banner
##################

000101  START-00
Validation suite.
/*\n---------
\n{+++}  */

950101  OPT-Modify
Switching an option.
/*\n-----
\n{ OPTION: SET: TIME SHIFT = FALSE } */

950103  DEMO-04
Dagolath's minister left for
Minas Tirith on Wednesday.
/*\n-------
\n[Paired events]
\n{ DAG / GON / 032 } 950103
\n{ GON / ~MIL / 033 } 950103   */

950101  DEMO-05
Arnor is about to restore fxll ties./*
\n-{ARN / GON / 064  } */

950101  MIX-01
Arnor restores ties.
/*\n{ ARN / GON / 064 }
\n-{ --- / --- / 000 } */

990101  FINAL-01
This is the end of the standard validation records.

950112  LATE-01
Too long.
/*\n{+++}*/
";

    #[test]
    fn every_marker() {
        let s = parse_tabari("mini.text", MINI, None);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        let ids: Vec<&str> = s.records.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "START-00",
                "OPT-Modify",
                "DEMO-04",
                "DEMO-05",
                "MIX-01",
                "FINAL-01",
                "LATE-01"
            ]
        );
        let [start, opt, demo4, demo5, mix, fin, late] = &s.records[..] else {
            unreachable!()
        };
        assert!(start.expect_error && start.error_kind.as_deref() == Some("complex"));
        assert_eq!(start.skip_reason, None);
        assert_eq!(start.line, 5);

        assert_eq!(
            opt.skip_reason.as_deref(),
            Some("option record ({ OPTION: ... } only)")
        );
        assert_eq!(opt.options[0].name, "SET");
        assert_eq!(opt.options[0].value, "TIME SHIFT = FALSE");

        assert_eq!(demo4.category, "DEMO");
        assert_eq!(
            demo4.text,
            "Dagolath's minister left for Minas Tirith on Wednesday."
        );
        assert_eq!(demo4.expected.len(), 2);
        assert_eq!(demo4.expected[1].key(), ("GON", "---MIL", "033"));
        assert_eq!(demo4.expected[0].date, parse_date("950103"));
        assert_eq!(demo4.note, "[Paired events]");
        assert_eq!(demo4.options.len(), 1, "options carry forward");

        assert_eq!(demo5.text, "Arnor is about to restore fxll ties.");
        assert_eq!(demo5.optional[0].key(), ("ARN", "GON", "064"));
        assert_eq!(
            demo5.skip_reason.as_deref(),
            Some("all expectations deactivated with -{...}")
        );

        assert_eq!(mix.expected.len(), 1);
        assert_eq!(mix.optional[0].key(), ("---", "---", "000"));
        assert_eq!(mix.skip_reason, None);

        assert_eq!(fin.skip_reason.as_deref(), Some("end-of-suite record"));
        assert!(late
            .skip_reason
            .as_deref()
            .unwrap()
            .starts_with("after the end record FINAL-01"));
    }

    #[test]
    fn quirks_are_repaired_with_warnings() {
        let text = "950101  950101  AGENTS-11\nWhite House officials restore ties.\n\
                    /*\\n----\n\\n{ USAGOV / GON / 064 } */\n\\n{ USAGOV / ARN / 064 } */\n\n\
                    970102 MINWRD-ACTIVATE\nReducing.\n/*\\n---\n\\n{ OPTION: SET: MINIMUM WORDS = 4  */\n\n\
                    9501201  ACTORSYN-01\nGollum restores ties.\n/*\\n{ HOB / GON / 064 } */\n\n\
                    950101  ACTORSYN-01\nAgain.\n/*\\n{---} */\n";
        let s = parse_tabari("q", text, None);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.records[0].id, "AGENTS-11");
        assert_eq!(s.records[0].expected.len(), 2);
        assert_eq!(s.records[1].options[0].value, "MINIMUM WORDS = 4");
        assert_eq!(s.records[2].date, None);
        let msgs: Vec<&str> = s.warnings.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(msgs.len(), 5, "{msgs:?}");
        assert!(msgs[0].contains("repeats a date"));
        assert!(msgs[1].contains("after the comment block closed"));
        assert!(msgs[2].contains("without '}'"));
        assert!(msgs[3].contains("unreadable date"));
        assert!(msgs[4].contains("duplicate"));
    }

    #[test]
    fn bad_groups_and_contradictions_are_problems() {
        let text = "950101  BAD-01\nx\n/*\\n{ ARN / 064 } */\n\n\
                    950101  BAD-02\ny\n/*\\n{ ARN / GON / 064 }\n\\n{---} */\n";
        let s = parse_tabari("bad", text, None);
        assert_eq!(s.problems.len(), 2, "{:?}", s.problems);
        assert_eq!(s.problems[0].line, 1);
        assert_eq!(s.problems[1].record_id.as_deref(), Some("BAD-02"));
        assert_eq!(s.scored(), 0);
    }

    #[test]
    fn truncation_inside_a_block_is_a_problem() {
        let cut = &MINI[..MINI.find("\\n{ GON").unwrap()];
        let s = parse_tabari("cut", cut, None);
        assert_eq!(s.records.len(), 2);
        assert_eq!(s.problems.len(), 1);
        assert_eq!(s.problems[0].record_id.as_deref(), Some("DEMO-04"));
        for n in 0..MINI.len() {
            let _ = parse_tabari("cut", &MINI[..n], None);
        }
    }

    #[test]
    fn project_and_options_files() {
        let project = "Validation file\n<actorsfile> \tA.actors\n<verbsfile> V.verbs\n\
                       <optionsfile> V.options\n<agentsfile>  V.agents\n<coder> VALDT\n\
                       <session 1> <coder ***>\n";
        let s = parse_tabari("p", "", Some(project));
        assert_eq!(s.dictionaries.actors, ["A.actors"]);
        assert_eq!(s.dictionaries.options, ["V.options"]);
        assert_eq!(
            s.dictionaries.other,
            [("coder".to_string(), "VALDT".to_string())]
        );
        assert!(s.records.is_empty() && s.problems.is_empty());

        let opts =
            parse_tabari_options("// c\nCOMPLEX: VERBS[5]\nSET: LABEL = TRUE\n~~~~~\nX: y\n");
        assert_eq!(opts.len(), 2);
        assert_eq!((opts[1].name.as_str(), opts[1].line), ("SET", 3));
    }

    #[test]
    fn headers() {
        assert!(is_header("950101  DEMO-01"));
        assert!(is_header("186010029 YYYY-03"));
        assert!(!is_header("1995 was a year"));
        assert!(!is_header("950101"));
        assert!(!is_header(" 950101  X"));
        assert_eq!(category_of("VERBEND-01b"), "VERBEND");
        assert_eq!(category_of("00589742"), "OTHER");
    }
}
