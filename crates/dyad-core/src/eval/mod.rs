//! Validation suites and scoring: the last stage of the pipeline, looking back
//! at the others.
//!
//! ```text
//! suite file ─► reader ─► Suite { records, expectations } ─┐
//!                                                          ├─► score() ─► Score
//! coder ─► Vec<CodedEvent> per record ─────────────────────┘
//! ```
//!
//! The field has four kinds of test suite, and dyad reads all of them into
//! one data model, [`Suite`]:
//!
//! | format | reader | files |
//! |---|---|---|
//! | [`SuiteFormat::PetrarchXml`] | [`parse_petrarch_xml`] | `PETR.UnitTest.records.xml`, `PETR2_GSR_validation.xml`, `PETR_Validate_records_2_02.xml` |
//! | [`SuiteFormat::Tabari`] | [`parse_tabari`] | `Validate.text` with its `Validate.project` |
//! | [`SuiteFormat::PloverGsr`] | [`parse_plover_gsr`] | `PLOVER_GSR_CAMEO.txt` |
//! | [`SuiteFormat::DyadGold`] | [`parse_dyad_gold`] | dyad's own TOML (`docs/gold-format.md`) |
//!
//! Each reader's module documents every marker of its format and what dyad
//! makes of it.
//!
//! Like the rest of `dyad-core`, this module does no I/O: readers take the
//! file *content* and a display name, and the CLI reads the files. Readers
//! never fail as a whole and never panic on bad input. A record that cannot be
//! used becomes a [`Problem`] (dropped, or kept with a `skip_reason`), a quirk
//! that was repaired becomes a warning, and everything else is scored. This
//! follows ruff's `parse_unchecked` then `errors()`: one bad record never
//! hides the other 283.
//!
//! ```
//! use dyad_core::eval::{parse_dyad_gold, score, CodedEvent};
//!
//! let suite = parse_dyad_gold(
//!     "demo.toml",
//!     r#"
//! [[record]]
//! id = "msc"
//! text = "Aliyev met Herzog in Munich."
//! expect = [ { source = "AZEGOV", target = "ISRGOV", code = "044" } ]
//! "#,
//! );
//! assert!(suite.problems.is_empty());
//! let produced = vec![vec![CodedEvent::new("AZEGOV", "ISRGOV", "044")]];
//! let s = score(&suite, &produced);
//! assert_eq!((s.records, s.exact), (1, 1));
//! ```

use std::fmt;

use chrono::NaiveDate;

mod gold;
mod petrarch;
mod plover;
mod score;
mod tabari;
mod tabari_options;

#[cfg(test)]
mod real_suites;

pub use gold::parse_dyad_gold;
pub use petrarch::parse_petrarch_xml;
pub use plover::parse_plover_gsr;
pub use score::{score, CategoryScore, Counts, Failure, Score};
pub use tabari::{parse_tabari, parse_tabari_options};
pub use tabari_options::{tabari_coder_options, TABARI_MIN_WORDS};

/// Which kind of validation suite a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SuiteFormat {
    /// PETRARCH / UD-PETRARCH `<Validation>` XML.
    PetrarchXml,
    /// TABARI `.text` validation records with `/* { SRC / TGT / CODE } */` blocks.
    Tabari,
    /// The PLOVER gold-standard records (a JSON array).
    PloverGsr,
    /// dyad's own TOML gold format.
    DyadGold,
}

impl SuiteFormat {
    /// A short stable name, used in JSON reports.
    pub fn name(self) -> &'static str {
        match self {
            SuiteFormat::PetrarchXml => "petrarch-xml",
            SuiteFormat::Tabari => "tabari",
            SuiteFormat::PloverGsr => "plover-gsr",
            SuiteFormat::DyadGold => "dyad-gold",
        }
    }

    /// The coarse event class used by the country/root score.
    ///
    /// For CAMEO codes this is the root, the first two digits ("0441" →
    /// "04"). PLOVER event types are already coarse, and their first two
    /// letters would conflate CONSULT with COERCE, so the whole type is used.
    pub fn root(self, code: &str) -> &str {
        match self {
            SuiteFormat::PloverGsr => code,
            _ => prefix(code, 2),
        }
    }
}

impl fmt::Display for SuiteFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SuiteFormat::PetrarchXml => "PETRARCH XML",
            SuiteFormat::Tabari => "TABARI",
            SuiteFormat::PloverGsr => "PLOVER GSR",
            SuiteFormat::DyadGold => "dyad gold",
        })
    }
}

/// A parsed validation suite.
#[derive(Clone, Debug)]
pub struct Suite {
    /// The display name the suite was read under (usually its file name).
    pub name: String,
    pub format: SuiteFormat,
    /// Every record, in file order, including skipped ones (see
    /// [`SuiteRecord::skip_reason`]).
    pub records: Vec<SuiteRecord>,
    /// Defects that make a record (or the file) unusable as written. A record
    /// with a problem is either absent from `records` or present with a
    /// `skip_reason`; either way it is never scored.
    pub problems: Vec<Problem>,
    /// Quirks that were repaired leniently; the record is scored as repaired.
    pub warnings: Vec<Problem>,
    /// The dictionary and auxiliary files the suite names.
    pub dictionaries: SuiteDictionaries,
    /// File-level coder options (PETRARCH `<Environment><Config>`). Options set
    /// part-way through a file are on [`SuiteRecord::options`].
    pub options: Vec<SuiteOption>,
    /// Categories to evaluate (PETRARCH `<Include>`, without the `valid` flag).
    /// Empty means all. Records outside it carry a `skip_reason`.
    pub include: Vec<String>,
    /// Categories not to evaluate (PETRARCH `<Exclude>`).
    pub exclude: Vec<String>,
}

impl Suite {
    pub(crate) fn new(name: &str, format: SuiteFormat) -> Suite {
        Suite {
            name: name.to_string(),
            format,
            records: Vec::new(),
            problems: Vec::new(),
            warnings: Vec::new(),
            dictionaries: SuiteDictionaries::default(),
            options: Vec::new(),
            include: Vec::new(),
            exclude: Vec::new(),
        }
    }

    /// The number of records that will be scored (those without a
    /// `skip_reason`).
    pub fn scored(&self) -> usize {
        self.records
            .iter()
            .filter(|r| r.skip_reason.is_none())
            .count()
    }

    /// The number of records carrying a `skip_reason`.
    pub fn skipped(&self) -> usize {
        self.records.len() - self.scored()
    }

    pub(crate) fn problem(&mut self, line: usize, id: Option<&str>, msg: impl Into<String>) {
        self.problems.push(Problem::new(line, id, msg));
    }

    pub(crate) fn warn(&mut self, line: usize, id: Option<&str>, msg: impl Into<String>) {
        self.warnings.push(Problem::new(line, id, msg));
    }
}

/// The dictionary files a suite names, as written in the suite (relative to
/// the suite file's directory). Nothing is read here.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SuiteDictionaries {
    pub verbs: Vec<String>,
    pub actors: Vec<String>,
    pub agents: Vec<String>,
    pub discards: Vec<String>,
    /// TABARI `.options` files.
    pub options: Vec<String>,
    /// Every other named file or setting, as (tag, value): PETRARCH
    /// `PICOfile`, `Errorfile`, `Pause`; TABARI `problemfile`, `eventfile`,
    /// `coder`, ...
    pub other: Vec<(String, String)>,
}

/// One coder option: PETRARCH `<Config option=".." value="..">` or a TABARI
/// options command (`SET: TIME SHIFT = FALSE` has name `SET`, value
/// `TIME SHIFT = FALSE`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuiteOption {
    pub name: String,
    pub value: String,
    /// 1-based line in the suite file where the option was set.
    pub line: usize,
}

/// Something wrong in a suite file, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line number (0 when the position is unknown).
    pub line: usize,
    pub record_id: Option<String>,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(line: usize, id: Option<&str>, msg: impl Into<String>) -> Problem {
        Problem {
            line,
            record_id: id.map(str::to_string),
            message: msg.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}", self.line)?;
        if let Some(id) = &self.record_id {
            write!(f, " [{id}]")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// One validation record: a text and what a coder should make of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SuiteRecord {
    pub id: String,
    /// The suite's category (PETRARCH `category`, TABARI id prefix, PLOVER
    /// event type, gold `category`).
    pub category: String,
    /// The publication date the coder should resolve relative dates against.
    pub date: Option<NaiveDate>,
    /// The text, whitespace-collapsed.
    pub text: String,
    /// 1-based line of the record's first line.
    pub line: usize,
    /// Events the coder must produce.
    pub expected: Vec<ExpectedEvent>,
    /// Events the coder may produce without penalty.
    pub optional: Vec<ExpectedEvent>,
    /// Events the coder must not produce (a produced one fails the record).
    pub forbidden: Vec<ExpectedEvent>,
    /// The record should produce no events.
    pub expect_no_events: bool,
    /// The coder should reject the record (PETRARCH `error=`, TABARI complex
    /// `{+++}` or discard `{###}`). Scored as passing when nothing is
    /// produced; see [`score()`].
    pub expect_error: bool,
    /// What kind of rejection `expect_error` expects ("dateline",
    /// "sentencediscard", "complex", "discard", ...).
    pub error_kind: Option<String>,
    /// Why this record is not scored; `None` for scored records.
    pub skip_reason: Option<String>,
    /// Options set part-way through the suite that are in effect for this
    /// record, in the order they were set (later ones override earlier ones
    /// with the same name). Apply after [`Suite::options`].
    pub options: Vec<SuiteOption>,
    /// The suite's own comment on the record, if any.
    pub note: String,
}

impl SuiteRecord {
    pub(crate) fn new(id: &str, line: usize) -> SuiteRecord {
        SuiteRecord {
            id: id.to_string(),
            category: String::new(),
            date: None,
            text: String::new(),
            line,
            expected: Vec::new(),
            optional: Vec::new(),
            forbidden: Vec::new(),
            expect_no_events: false,
            expect_error: false,
            error_kind: None,
            skip_reason: None,
            options: Vec::new(),
            note: String::new(),
        }
    }

    /// Adds a skip reason, keeping any earlier one.
    pub(crate) fn add_skip(&mut self, reason: impl Into<String>) {
        let reason = reason.into();
        self.skip_reason = Some(match self.skip_reason.take() {
            Some(old) => format!("{old}; {reason}"),
            None => reason,
        });
    }

    /// A description of contradictory expectations, if the record has any.
    pub(crate) fn contradiction(&self) -> Option<String> {
        let mut kinds = Vec::new();
        if !self.expected.is_empty() {
            kinds.push("expected events");
        }
        if self.expect_no_events {
            kinds.push("a no-events marker");
        }
        if self.expect_error {
            kinds.push("an error/complex/discard marker");
        }
        if kinds.len() > 1 {
            return Some(format!(
                "contradictory expectations: {}",
                kinds.join(" and ")
            ));
        }
        let forbidden_expected = self
            .forbidden
            .iter()
            .find(|f| self.expected.iter().any(|e| e.key() == f.key()));
        forbidden_expected.map(|f| format!("event {f} is both expected and forbidden"))
    }
}

/// An event a suite expects (or allows, or forbids).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ExpectedEvent {
    /// Actor code of the source ("---" when the suite leaves it empty). For
    /// PLOVER GSR records, the country code.
    pub source: String,
    pub target: String,
    /// CAMEO event code, or the PLOVER event type for PLOVER GSR records.
    pub code: String,
    /// The event date, where the suite gives one (TABARI `{ A / B / 032 }
    /// 950103`). Not scored: recorded for date-resolution checks.
    pub date: Option<NaiveDate>,
}

impl ExpectedEvent {
    pub fn new(source: &str, target: &str, code: &str) -> ExpectedEvent {
        ExpectedEvent {
            source: source.to_string(),
            target: target.to_string(),
            code: code.to_string(),
            date: None,
        }
    }

    /// The scored identity of the event: (source, target, code).
    pub fn key(&self) -> (&str, &str, &str) {
        (&self.source, &self.target, &self.code)
    }
}

impl fmt::Display for ExpectedEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.source, self.target, self.code)
    }
}

/// An event a coder produced, reduced to what is scored.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CodedEvent {
    pub source: String,
    pub target: String,
    pub code: String,
}

impl CodedEvent {
    pub fn new(source: &str, target: &str, code: &str) -> CodedEvent {
        CodedEvent {
            source: source.to_string(),
            target: target.to_string(),
            code: code.to_string(),
        }
    }

    /// Reduces a coder event to what `format` scores: (source, target, CAMEO
    /// code) for CAMEO suites, and (source country, target country, PLOVER
    /// type) for PLOVER GSR, whose gold standard codes countries only.
    /// Returns `None` for a PLOVER suite when the event has no PLOVER type
    /// (CAMEO 01/02 have none), since such an event cannot match anything.
    pub fn for_suite(format: SuiteFormat, event: &crate::event::Event) -> Option<CodedEvent> {
        match format {
            // The GSR codes countries with three letters, and every
            // international organisation as plain "IGO": compare the first
            // three letters (IGOUNO is IGO there).
            SuiteFormat::PloverGsr => event.plover.as_deref().map(|p| {
                let three = |c: &str| c.get(..3).unwrap_or(c).to_string();
                CodedEvent::new(
                    &three(&event.source_country),
                    &three(&event.target_country),
                    p,
                )
            }),
            _ => Some(CodedEvent::new(&event.source, &event.target, &event.cameo)),
        }
    }

    pub fn key(&self) -> (&str, &str, &str) {
        (&self.source, &self.target, &self.code)
    }
}

impl fmt::Display for CodedEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.source, self.target, self.code)
    }
}

/// Guesses a suite's format from its name and content. Returns `None` when
/// the content looks like none of them.
///
/// The content decides where it can: PETRARCH XML has `<Sentence` tags, PLOVER
/// GSR is a JSON array of objects, TABARI starts its first record with a
/// `YYMMDD  ID` line, and dyad gold is TOML with `[[record]]` tables. A
/// `.toml` name also means dyad gold.
pub fn detect_format(name: &str, content: &str) -> Option<SuiteFormat> {
    let body = content.trim_start_matches('\u{feff}').trim_start();
    if let Some(rest) = body.strip_prefix('[') {
        if rest.trim_start().starts_with('{') || rest.trim_start().starts_with(']') {
            return Some(SuiteFormat::PloverGsr);
        }
    }
    if name.to_ascii_lowercase().ends_with(".toml")
        || content
            .lines()
            .any(|l| l.trim().replace(' ', "") == "[[record]]")
    {
        return Some(SuiteFormat::DyadGold);
    }
    if content.contains("<Sentence") || content.contains("<Validation") {
        return Some(SuiteFormat::PetrarchXml);
    }
    let first = content
        .lines()
        .map(str::trim_end)
        .find(|l| !l.trim().is_empty() && !l.starts_with('#'))?;
    if tabari::is_header(first) {
        return Some(SuiteFormat::Tabari);
    }
    None
}

/// Parses `content` in whatever format [`detect_format`] finds. A TABARI suite
/// is read without its project file; use [`parse_tabari`] to pass one.
pub fn parse_suite(name: &str, content: &str) -> Option<Suite> {
    Some(match detect_format(name, content)? {
        SuiteFormat::PetrarchXml => parse_petrarch_xml(name, content),
        SuiteFormat::Tabari => parse_tabari(name, content, None),
        SuiteFormat::PloverGsr => parse_plover_gsr(name, content),
        SuiteFormat::DyadGold => parse_dyad_gold(name, content),
    })
}

// ---------------------------------------------------------------------------
// Helpers shared by the readers.

/// The first `n` characters of `s` (fewer if `s` is shorter).
pub(crate) fn prefix(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Collapses every run of whitespace to one space and trims the ends.
pub(crate) fn collapse_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Normalises an expected actor code. TABARI writes an agent with no country
/// as `~MIL`; dyad, like UD-PETRARCH's `validation.py`, writes `---MIL`.
pub(crate) fn normalize_actor(code: &str) -> String {
    let code = code.trim();
    if code.is_empty() {
        "---".to_string()
    } else {
        code.replace('~', "---")
    }
}

/// Parses the date spellings the suites use: `YYYYMMDD`, `YYYY-MM-DD`, and
/// TABARI's `YYMMDD`. Two-digit years 50–99 are 19xx and 00–49 are 20xx,
/// which covers every TABARI record (1982–2006).
pub(crate) fn parse_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    if s.len() == 10 && s.as_bytes()[4] == b'-' {
        return NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
    }
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().ok();
    let (y, m, d) = match s.len() {
        8 => (num(0..4)? as i32, num(4..6)?, num(6..8)?),
        6 => {
            let yy = num(0..2)? as i32;
            let y = if yy >= 50 { 1900 + yy } else { 2000 + yy };
            (y, num(2..4)?, num(4..6)?)
        }
        _ => return None,
    };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// 1-based line number of byte offset `pos` in `content`.
pub(crate) fn line_at(content: &str, pos: usize) -> usize {
    let pos = pos.min(content.len());
    content.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_every_suite_spelling() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(parse_date("19950101"), d(1995, 1, 1));
        assert_eq!(parse_date("2024-02-16"), d(2024, 2, 16));
        assert_eq!(parse_date("950103"), d(1995, 1, 3));
        assert_eq!(parse_date("061118"), d(2006, 11, 18));
        assert_eq!(parse_date("9501201"), None);
        assert_eq!(parse_date("186010029"), None);
        assert_eq!(parse_date("19950230"), None);
        assert_eq!(parse_date(""), None);
    }

    #[test]
    fn roots_are_cameo_prefixes_but_whole_plover_types() {
        assert_eq!(SuiteFormat::Tabari.root("0441"), "04");
        assert_eq!(SuiteFormat::PetrarchXml.root("1"), "1");
        assert_eq!(SuiteFormat::PloverGsr.root("CONSULT"), "CONSULT");
        assert_ne!(
            SuiteFormat::PloverGsr.root("CONSULT"),
            SuiteFormat::PloverGsr.root("COERCE")
        );
    }

    #[test]
    fn helpers_are_char_safe() {
        assert_eq!(prefix("ÅZE", 2), "ÅZ");
        assert_eq!(collapse_whitespace("  a \n\t b  "), "a b");
        assert_eq!(normalize_actor("~MOSREB"), "---MOSREB");
        assert_eq!(normalize_actor(" "), "---");
        assert_eq!(line_at("a\nb\nc", 2), 2);
    }

    #[test]
    fn detects_each_format_from_content() {
        let f = |name, c| detect_format(name, c);
        assert_eq!(
            f("x.xml", "<Validation>\n<Sentences>"),
            Some(SuiteFormat::PetrarchXml)
        );
        assert_eq!(f("x", "[\n{\"id\": 1}]"), Some(SuiteFormat::PloverGsr));
        assert_eq!(
            f("x", "# c\n\n950101  DEMO-01\nArnor\n"),
            Some(SuiteFormat::Tabari)
        );
        assert_eq!(
            f("gold", "[suite]\nname='x'\n[[record]]\nid='a'"),
            Some(SuiteFormat::DyadGold)
        );
        assert_eq!(f("g.toml", ""), Some(SuiteFormat::DyadGold));
        assert_eq!(f("notes.txt", "hello\nworld"), None);
    }

    #[test]
    fn contradictions_are_named() {
        let mut r = SuiteRecord::new("x", 1);
        assert_eq!(r.contradiction(), None);
        r.expected.push(ExpectedEvent::new("A", "B", "01"));
        r.expect_no_events = true;
        assert!(r.contradiction().unwrap().contains("no-events"));
        r.expect_no_events = false;
        r.forbidden.push(ExpectedEvent::new("A", "B", "01"));
        assert!(r
            .contradiction()
            .unwrap()
            .contains("both expected and forbidden"));
    }
}
