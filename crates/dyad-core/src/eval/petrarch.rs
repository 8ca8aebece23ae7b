//! Reader for PETRARCH and UD-PETRARCH validation XML.
//!
//! The files are XML in spirit only. `PETR2_GSR_validation.xml` self-closes
//! its `<Sentence .../>` tags and then closes them again with `</Sentence>`;
//! its header is bare `#` text quoting `<EventCoding...>`; `<PLEvent {json}>`
//! lines carry JSON where attributes belong. PETRARCH's own readers scan
//! line by line, so this reader uses a lenient tag scanner instead of an XML
//! parser: it finds tags, comments and the raw text of a few elements, and
//! treats structure as a hint.
//!
//! # Markers and what dyad makes of them
//!
//! | marker | meaning |
//! |---|---|
//! | `<Environment>` | names the dictionaries: `<Verbfile>`, `<Actorfile>` (comma-separated list), `<Agentfile>`, `<Discardfile>`; the content or a `name="…"` attribute. `<PICOfile>`, `<Errorfile>`, `<Pause>` go to [`SuiteDictionaries::other`]. |
//! | `<Include>` / `<Exclude>` | categories to evaluate / not evaluate (content or `categories="…"`). Records outside them get a `skip_reason`. |
//! | `valid` in `<Include>` | PETRARCH-1's "ValidOnly" flag: evaluate only records marked valid. The unit-test file marks them `sentence="true"` (all five `sentence="false"` records say "currently not implemented"), PETRARCH-1 `valid="true"`, UD-PETRARCH `evaluate="true"`. dyad skips a record only when the first of `valid`, `sentence`, `evaluate` it has is `"false"`: records with none are evaluated (the GSR file's `<Include>` has `valid`, yet its records carry only `evaluate`). |
//! | `evaluate="false"` | UD-PETRARCH: bypass the record, always. Skipped. |
//! | `<Config option="…" value="…">` | a coder option. In `<Environment>` (or before the first record) it goes to [`Suite::options`]; between records it takes effect from there on ([`SuiteRecord::options`]). |
//! | `<Sentence date id category …>` | opens a record, self-closed or not; `</Sentence>`, the next `<Sentence`, or `</Sentences>` closes it. `date` is `YYYYMMDD`. |
//! | `<EventCoding sourcecode targetcode eventcode>` | one expected event; zero or more per record. Codes are kept as written (PETRARCH's new-actor codes keep their inner quotes: `'"INJURY TOLL"'` → `"INJURY TOLL"`), except that `~` becomes `---` as in UD-PETRARCH's `validation.py`. |
//! | `<EventCoding noevents="True">` | the record must produce no events (spelled `noevents = "True"` in the unit tests; PETRARCH checks only for the attribute's presence, so does dyad unless the value is false). |
//! | `<EventCoding error="…">` | the coder should reject the record (`dateline`, `bad_input_parse`, `sentencediscard`, `storydiscard`): `expect_error`, with the value as `error_kind`. |
//! | no `<EventCoding>` | in a validation file (one with `<Environment>`): no events, as PETRARCH-1 scores it and its docs say ("equivalent to noevents"), with a warning (the unit tests' PATTERN-06). In plain input such as `GigaWord.sample.PETR.xml`: skipped. |
//! | `<Text>` | the sentence, whitespace-collapsed, entities decoded. |
//! | `<Parse>`, `<Tree>` | parser output; skipped unread. |
//! | `<Skip>` in a record | skip this record. |
//! | `<Stop>` | stop: every later record is skipped with a reason. (In the real files it appears only inside comments.) |
//! | `<PLEvent …>`, `<P1Event>`, `<P2Event>`, `<EventText>` | PLOVER / comparison annotations; ignored, as their own validator does. |
//! | `<!-- … -->` | comments; those inside a record become its `note`. |
//!
//! Contradictory expectations (events and `noevents`, say) and
//! `<EventCoding>` tags missing a code are problems: the record is kept with
//! a `skip_reason` and never scored. A record without `<Text>`, or cut off by
//! the end of the file, is dropped with a problem. Duplicate ids (the unit
//! tests' AGENTS-18 and AGENTS-19, 2_02's DEMO-32), unknown tags and tags
//! outside records are warnings: 2_02's header comment contains a `-->`
//! that ends it early, leaving `<PLEvent...>` in bare text.

use std::collections::HashSet;

use super::{
    collapse_whitespace, normalize_actor, parse_date, ExpectedEvent, Suite, SuiteFormat,
    SuiteOption, SuiteRecord,
};

/// Parses a PETRARCH validation file. Never fails: see the module docs for
/// what becomes a problem or a warning.
pub fn parse_petrarch_xml(name: &str, content: &str) -> Suite {
    let mut p = Reader {
        suite: Suite::new(name, SuiteFormat::PetrarchXml),
        lines: LineCounter::new(content),
        records_started: false,
        valid_only: false,
        stream_options: Vec::new(),
        open: None,
        stop_line: None,
        sentences_closed: false,
        validation_file: false,
        seen_ids: HashSet::new(),
    };
    p.run(content);
    p.suite
}

/// A record being read.
struct Open {
    rec: SuiteRecord,
    has_text: bool,
    saw_coding: bool,
    /// The first of `valid`, `sentence`, `evaluate` present, with its value.
    validity: Option<(&'static str, String)>,
    evaluate_false: bool,
    has_date_attr: Option<String>,
    has_id: bool,
    has_category: bool,
    bad: Vec<String>,
    notes: Vec<String>,
}

struct Reader<'a> {
    suite: Suite,
    lines: LineCounter<'a>,
    records_started: bool,
    valid_only: bool,
    stream_options: Vec<SuiteOption>,
    open: Option<Open>,
    stop_line: Option<usize>,
    sentences_closed: bool,
    /// Whether the file has an `<Environment>`: a validation file rather than
    /// plain PETRARCH input.
    validation_file: bool,
    seen_ids: HashSet<String>,
}

impl<'a> Reader<'a> {
    fn run(&mut self, content: &'a str) {
        let mut sc = Scanner {
            src: content,
            pos: 0,
        };
        loop {
            match sc.next_token() {
                Token::Eof => break,
                Token::Broken { at, what } => {
                    let line = self.lines.at(at);
                    let id = self.open.as_ref().map(|o| o.rec.id.clone());
                    self.suite.problem(
                        line,
                        id.as_deref(),
                        format!("{what} runs to the end of the file (truncated?)"),
                    );
                    break;
                }
                Token::Malformed { at, what } => {
                    let line = self.lines.at(at);
                    match &mut self.open {
                        Some(o) => o.bad.push(format!("line {line}: {what}")),
                        None => self.suite.warn(line, None, what),
                    }
                }
                Token::Comment { body } => {
                    if let Some(o) = &mut self.open {
                        let c = collapse_whitespace(body);
                        if !c.is_empty() {
                            o.notes.push(c);
                        }
                    }
                }
                Token::End { name, at } => self.end_tag(name, at),
                Token::Start(tag) => {
                    if let Err(at) = self.start_tag(&mut sc, &tag) {
                        let line = self.lines.at(at);
                        let id = self.open.as_ref().map(|o| o.rec.id.clone());
                        self.suite.problem(
                            line,
                            id.as_deref(),
                            format!("<{}> has no closing tag (truncated?)", tag.name),
                        );
                        break;
                    }
                }
            }
        }
        let end_line = self.lines.at(content.len());
        if let Some(o) = self.open.take() {
            let id = o.rec.id.clone();
            self.suite.problem(
                o.rec.line,
                Some(&id),
                format!("record is cut off by the end of the file at line {end_line}; dropped"),
            );
        }
        if self.records_started && !self.sentences_closed {
            self.suite.problem(
                end_line,
                None,
                "file ends without </Sentences> (truncated?)",
            );
        }
        if self.suite.records.is_empty() && self.suite.problems.is_empty() {
            self.suite
                .problem(end_line, None, "no <Sentence> records found");
        }
    }

    /// Handles a start tag. `Err(offset)` when an element whose raw content
    /// is read runs to the end of the file.
    fn start_tag(&mut self, sc: &mut Scanner<'a>, tag: &Tag<'a>) -> Result<(), usize> {
        let line = self.lines.at(tag.at);
        match tag.name {
            "Sentence" => {
                self.close_open(line, true);
                self.records_started = true;
                self.open_record(tag, line);
            }
            "Environment" => self.validation_file = true,
            "Sentences" | "Validation" => {}
            "Config" => {
                let opt = SuiteOption {
                    name: tag.attr("option").unwrap_or_default(),
                    value: tag.attr("value").unwrap_or_default(),
                    line,
                };
                if opt.name.is_empty() {
                    self.suite
                        .warn(line, self.open_id().as_deref(), "<Config> without option=");
                } else if !self.records_started {
                    self.suite.options.push(opt);
                } else {
                    if let Some(o) = &mut self.open {
                        o.rec.options.push(opt.clone());
                    }
                    self.stream_options.push(opt);
                }
            }
            "Stop" => {
                if self.stop_line.is_none() {
                    self.stop_line = Some(line);
                }
                if let Some(o) = &mut self.open {
                    o.rec.add_skip(format!("<Stop> at line {line}"));
                }
            }
            "Skip" => match &mut self.open {
                Some(o) => o.rec.add_skip("<Skip> element"),
                None => self.suite.warn(line, None, "<Skip> outside a <Sentence>"),
            },
            "EventCoding" => self.event_coding(tag, line),
            "Text" => {
                let raw = if tag.self_closing {
                    ""
                } else {
                    sc.raw_until_close("Text")?
                };
                let text = collapse_whitespace(&decode_entities(&strip_comments(raw)));
                match &mut self.open {
                    Some(o) if o.has_text => {
                        o.rec.text.push(' ');
                        o.rec.text.push_str(&text);
                        let id = o.rec.id.clone();
                        self.suite
                            .warn(line, Some(&id), "second <Text> appended to the first");
                    }
                    Some(o) => {
                        o.has_text = true;
                        o.rec.text = text;
                    }
                    None => self.suite.warn(line, None, "<Text> outside a <Sentence>"),
                }
            }
            "Parse" | "Tree" if !tag.self_closing => {
                sc.raw_until_close(tag.name)?;
            }
            "Verbfile" | "Actorfile" | "Agentfile" | "Discardfile" | "Include" | "Exclude"
            | "Errorfile" | "PICOfile" | "Pause" | "P1Verbfile" => {
                let inner = if tag.self_closing {
                    String::new()
                } else {
                    collapse_whitespace(&decode_entities(&strip_comments(
                        sc.raw_until_close(tag.name)?,
                    )))
                };
                let value = if inner.is_empty() {
                    tag.attr("name")
                        .or_else(|| tag.attr("categories"))
                        .or_else(|| tag.attr("value"))
                        .unwrap_or_default()
                } else {
                    inner
                };
                self.environment(tag.name, &value);
            }
            "PLEvent" | "P1Event" | "P2Event" | "EventText" | "Parse" | "Tree" => {}
            other => {
                let id = self.open_id();
                self.suite.warn(
                    line,
                    id.as_deref(),
                    format!("unknown tag <{other}> ignored"),
                );
            }
        }
        Ok(())
    }

    fn end_tag(&mut self, name: &str, at: usize) {
        let line = self.lines.at(at);
        match name {
            "Sentence" => {
                if self.open.is_some() {
                    self.close_open(line, false);
                } else {
                    self.suite.warn(line, None, "</Sentence> without a record");
                }
            }
            "Sentences" => {
                self.close_open(line, true);
                self.sentences_closed = true;
            }
            _ => {}
        }
    }

    fn open_id(&self) -> Option<String> {
        self.open.as_ref().map(|o| o.rec.id.clone())
    }

    fn environment(&mut self, tag: &str, value: &str) {
        let list = |v: &str| -> Vec<String> {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        };
        let d = &mut self.suite.dictionaries;
        match tag {
            "Verbfile" => d.verbs.extend(list(value)),
            "Actorfile" => d.actors.extend(list(value)),
            "Agentfile" => d.agents.extend(list(value)),
            "Discardfile" => d.discards.extend(list(value)),
            "Include" => {
                for cat in value.split_whitespace() {
                    if cat == "valid" {
                        self.valid_only = true;
                    } else {
                        self.suite.include.push(cat.to_string());
                    }
                }
            }
            "Exclude" => self
                .suite
                .exclude
                .extend(value.split_whitespace().map(str::to_string)),
            _ => d.other.push((tag.to_string(), value.to_string())),
        }
    }

    fn open_record(&mut self, tag: &Tag<'_>, line: usize) {
        let id = tag.attr("id").filter(|s| !s.is_empty());
        let mut rec = SuiteRecord::new(id.as_deref().unwrap_or(""), line);
        if id.is_none() {
            rec.id = format!("line-{line}");
        }
        let category = tag.attr("category");
        rec.category = category.clone().unwrap_or_default();
        rec.options = self.stream_options.clone();
        if let Some(stop) = self.stop_line {
            rec.add_skip(format!("after <Stop> at line {stop}"));
        }
        let validity = ["valid", "sentence", "evaluate"]
            .into_iter()
            .find_map(|k| tag.attr(k).map(|v| (k, v)));
        let evaluate_false = tag
            .attr("evaluate")
            .is_some_and(|v| v.eq_ignore_ascii_case("false"));
        self.open = Some(Open {
            rec,
            has_text: false,
            saw_coding: false,
            validity,
            evaluate_false,
            has_date_attr: tag.attr("date"),
            has_id: id.is_some(),
            has_category: category.is_some(),
            bad: Vec::new(),
            notes: Vec::new(),
        });
    }

    fn event_coding(&mut self, tag: &Tag<'_>, line: usize) {
        let Some(o) = &mut self.open else {
            self.suite
                .warn(line, None, "<EventCoding> outside a <Sentence> ignored");
            return;
        };
        o.saw_coding = true;
        if let Some(v) = tag.attr("noevents") {
            if is_false(&v) {
                let id = o.rec.id.clone();
                self.suite
                    .warn(line, Some(&id), format!("noevents=\"{v}\" ignored"));
            } else {
                o.rec.expect_no_events = true;
            }
            return;
        }
        if let Some(kind) = tag.attr("error") {
            o.rec.expect_error = true;
            o.rec.error_kind = Some(kind);
            return;
        }
        let (s, t, c) = (
            tag.attr("sourcecode"),
            tag.attr("targetcode"),
            tag.attr("eventcode"),
        );
        match (s, t, c) {
            (Some(s), Some(t), Some(c)) if !c.trim().is_empty() => {
                o.rec
                    .expected
                    .push(ExpectedEvent::new(&normalize_actor(&s), &normalize_actor(&t), c.trim()));
            }
            _ => o.bad.push(format!(
                "line {line}: <EventCoding> needs sourcecode, targetcode and eventcode, or noevents / error"
            )),
        }
    }

    /// Finishes the open record, if any. `implicit` when it was closed by
    /// something other than `</Sentence>`.
    fn close_open(&mut self, line: usize, implicit: bool) {
        let Some(mut o) = self.open.take() else {
            return;
        };
        let id = o.rec.id.clone();
        let at = o.rec.line;
        if !o.has_text {
            self.suite
                .problem(at, Some(&id), "record has no <Text>; dropped");
            return;
        }
        if implicit {
            self.suite.warn(
                at,
                Some(&id),
                format!("record not closed by </Sentence> (closed at line {line})"),
            );
        }
        if !o.has_id {
            self.suite
                .warn(at, None, format!("<Sentence> without id; called {id}"));
        }
        match o.has_date_attr.as_deref() {
            None => self.suite.warn(at, Some(&id), "<Sentence> without date"),
            Some(d) => {
                o.rec.date = parse_date(d);
                if o.rec.date.is_none() {
                    self.suite
                        .warn(at, Some(&id), format!("unreadable date \"{d}\""));
                }
            }
        }
        o.rec.note = o.notes.join(" / ");
        if !self.seen_ids.insert(id.clone()) {
            self.suite.warn(at, Some(&id), "duplicate record id");
        }

        // Skip reasons, in the order PETRARCH applies them.
        if o.evaluate_false {
            o.rec.add_skip("evaluate=\"false\"");
        }
        if let Some((attr, v)) = &o.validity {
            if self.valid_only && is_false(v) && *attr != "evaluate" {
                o.rec
                    .add_skip(format!("{attr}=\"false\" while <Include> has 'valid'"));
            }
        }
        let cat = o.rec.category.clone();
        if !self.suite.include.is_empty() && !self.suite.include.contains(&cat) {
            let shown = if o.has_category {
                cat.as_str()
            } else {
                "(none)"
            };
            o.rec.add_skip(format!("category {shown} not in <Include>"));
        }
        if self.suite.exclude.contains(&cat) {
            o.rec.add_skip(format!("category {cat} in <Exclude>"));
        }
        if !o.saw_coding {
            if self.validation_file {
                // PETRARCH-1 compares against an empty list of expected
                // events; its docs call this equivalent to noevents.
                o.rec.expect_no_events = true;
                self.suite
                    .warn(at, Some(&id), "no <EventCoding>: read as noevents");
            } else {
                o.rec
                    .add_skip("no <EventCoding> expectation (not a validation file)");
            }
        }
        let already_skipped = o.rec.skip_reason.is_some();
        for msg in &o.bad {
            self.suite.problem(at, Some(&id), msg.clone());
        }
        if !o.bad.is_empty() {
            o.rec.add_skip("unreadable <EventCoding> (see problems)");
        } else if let Some(c) = o.rec.contradiction() {
            if already_skipped {
                self.suite.warn(at, Some(&id), c);
            } else {
                self.suite.problem(at, Some(&id), c);
                o.rec.add_skip("contradictory expectations (see problems)");
            }
        }
        self.suite.records.push(o.rec);
    }
}

fn is_false(v: &str) -> bool {
    matches!(v.trim().to_ascii_lowercase().as_str(), "false" | "0" | "no")
}

// ---------------------------------------------------------------------------
// The lenient tag scanner.

struct Tag<'a> {
    name: &'a str,
    attrs: Vec<(&'a str, String)>,
    self_closing: bool,
    /// Byte offset of the `<`.
    at: usize,
}

impl Tag<'_> {
    /// The attribute's value, entity-decoded; attribute names are matched
    /// exactly.
    fn attr(&self, name: &str) -> Option<String> {
        self.attrs
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone())
    }
}

enum Token<'a> {
    Start(Tag<'a>),
    End {
        name: &'a str,
        at: usize,
    },
    Comment {
        body: &'a str,
    },
    /// A comment, tag or quoted value that never ends.
    Broken {
        at: usize,
        what: String,
    },
    /// A tag interrupted by another `<` before its `>`; scanning resumes at
    /// that `<`.
    Malformed {
        at: usize,
        what: String,
    },
    Eof,
}

struct Scanner<'a> {
    src: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    fn next_token(&mut self) -> Token<'a> {
        let bytes = self.src.as_bytes();
        loop {
            let Some(off) = self.src[self.pos..].find('<') else {
                self.pos = self.src.len();
                return Token::Eof;
            };
            let at = self.pos + off;
            let rest = &self.src[at..];
            if let Some(body) = rest.strip_prefix("<!--") {
                return match body.find("-->") {
                    Some(end) => {
                        self.pos = at + 4 + end + 3;
                        Token::Comment { body: &body[..end] }
                    }
                    None => {
                        self.pos = self.src.len();
                        Token::Broken {
                            at,
                            what: "comment <!--".to_string(),
                        }
                    }
                };
            }
            if rest.starts_with("<?") || rest.starts_with("<!") {
                let close = if rest.starts_with("<?") { "?>" } else { ">" };
                match rest.find(close) {
                    Some(end) => {
                        self.pos = at + end + close.len();
                        continue;
                    }
                    None => {
                        self.pos = self.src.len();
                        return Token::Broken {
                            at,
                            what: "declaration <!".to_string(),
                        };
                    }
                }
            }
            let (closing, name_start) = match bytes.get(at + 1) {
                Some(b'/') => (true, at + 2),
                _ => (false, at + 1),
            };
            let name_len = self.src[name_start..]
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b':' | b'.'))
                .count();
            let starts_ok = self.src[name_start..]
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_alphabetic() || b == b'_');
            if name_len == 0 || !starts_ok {
                // A stray '<' in text.
                self.pos = at + 1;
                continue;
            }
            let name = &self.src[name_start..name_start + name_len];
            self.pos = name_start + name_len;
            if closing {
                return match self.src[self.pos..].find('>') {
                    Some(end) => {
                        self.pos += end + 1;
                        Token::End { name, at }
                    }
                    None => {
                        self.pos = self.src.len();
                        Token::Broken {
                            at,
                            what: format!("</{name}"),
                        }
                    }
                };
            }
            return self.attributes(name, at);
        }
    }

    /// Reads attributes up to `>` or `/>`. Quotes only count right after
    /// `=`, so stray JSON in `<PLEvent {"a": 1}>` scans as junk, not as an
    /// endless quoted value.
    fn attributes(&mut self, name: &'a str, at: usize) -> Token<'a> {
        let src = self.src;
        let bytes = src.as_bytes();
        let mut attrs = Vec::new();
        let broken = |what: String| Token::Broken { at, what };
        loop {
            while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            match bytes.get(self.pos) {
                None => return broken(format!("tag <{name}")),
                Some(b'>') => {
                    self.pos += 1;
                    return Token::Start(Tag {
                        name,
                        attrs,
                        self_closing: false,
                        at,
                    });
                }
                Some(b'/') if bytes.get(self.pos + 1) == Some(&b'>') => {
                    self.pos += 2;
                    return Token::Start(Tag {
                        name,
                        attrs,
                        self_closing: true,
                        at,
                    });
                }
                // A new tag before this one closed: give up on this one and
                // rescan from the '<'.
                Some(b'<') => {
                    return Token::Malformed {
                        at,
                        what: format!("tag <{name} has no closing '>'"),
                    }
                }
                _ => {}
            }
            let key_start = self.pos;
            while self.pos < bytes.len()
                && !bytes[self.pos].is_ascii_whitespace()
                && !matches!(bytes[self.pos], b'=' | b'>' | b'/' | b'<' | b'"' | b'\'')
            {
                self.pos += 1;
            }
            let key = &src[key_start..self.pos];
            if key.is_empty() {
                // Junk such as a lone quote or '/': step over it.
                self.pos += 1;
                continue;
            }
            let mut look = self.pos;
            while look < bytes.len() && bytes[look].is_ascii_whitespace() {
                look += 1;
            }
            if bytes.get(look) != Some(&b'=') {
                attrs.push((key, String::new()));
                continue;
            }
            self.pos = look + 1;
            while self.pos < bytes.len() && bytes[self.pos].is_ascii_whitespace() {
                self.pos += 1;
            }
            match bytes.get(self.pos) {
                Some(&q) if q == b'"' || q == b'\'' => {
                    let from = self.pos + 1;
                    let end = src[from..].find(|c: char| c as u32 == q as u32 || c == '<');
                    match end {
                        Some(e) if bytes[from + e] == q => {
                            attrs.push((key, decode_entities(&src[from..from + e])));
                            self.pos = from + e + 1;
                        }
                        Some(e) => {
                            self.pos = from + e;
                            return Token::Malformed {
                                at,
                                what: format!("attribute {key}= in <{name} has no closing quote"),
                            };
                        }
                        None => return broken(format!("attribute {key}= in <{name}")),
                    }
                }
                _ => {
                    let from = self.pos;
                    while self.pos < bytes.len()
                        && !bytes[self.pos].is_ascii_whitespace()
                        && bytes[self.pos] != b'>'
                        && !(bytes[self.pos] == b'/' && bytes.get(self.pos + 1) == Some(&b'>'))
                    {
                        self.pos += 1;
                    }
                    attrs.push((key, decode_entities(&src[from..self.pos])));
                }
            }
        }
    }

    /// The raw content up to `</name>`, consuming the end tag. `Err(offset of
    /// the content)` when there is none.
    fn raw_until_close(&mut self, name: &str) -> Result<&'a str, usize> {
        let close = format!("</{name}");
        let from = self.pos;
        let Some(off) = self.src[from..].find(&close) else {
            self.pos = self.src.len();
            return Err(from);
        };
        let raw = &self.src[from..from + off];
        let after = from + off + close.len();
        self.pos = match self.src[after..].find('>') {
            Some(e) => after + e + 1,
            None => self.src.len(),
        };
        Ok(raw)
    }
}

/// Decodes the five XML entities and numeric character references; anything
/// else is left as written.
fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[..rest.len().min(12)].find(';');
        let decoded = end.and_then(|e| {
            let ent = &rest[1..e];
            let ch = match ent {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => ent
                    .strip_prefix("#x")
                    .or_else(|| ent.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| ent.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            ch.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn strip_comments(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains("<!--") {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("<!--") {
        out.push_str(&rest[..i]);
        match rest[i + 4..].find("-->") {
            Some(e) => rest = &rest[i + 4 + e + 3..],
            None => {
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out.into()
}

/// Byte offset → line number for monotonically increasing offsets, without
/// rescanning from the start each time.
struct LineCounter<'a> {
    src: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(src: &'a str) -> Self {
        LineCounter {
            src: src.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    fn at(&mut self, offset: usize) -> usize {
        let offset = offset.min(self.src.len());
        if offset < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        self.line += self.src[self.pos..offset]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.pos = offset;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINI: &str = r#"<Validation>
<Environment>
    <Verbfile>V.txt</Verbfile>
    <Actorfile>A1.txt, A2.txt</Actorfile>
    <Agentfile name="Ag.txt"></Agentfile>
    <Include>valid DEMO ERROR</Include>
    <Config option="require_dyad" value="True"></Config>
</Environment>
<Sentences>
<Sentence date="19950101" id="DEMO-01" category="DEMO" sentence="true">
<!-- simple -->
<EventCoding sourcecode="ARN" targetcode="GON" eventcode="064"></EventCoding>
<Text>
Arnor &amp; Gondor
  restore ties.
</Text>
<Parse> (ROOT (S <odd> ) ) </Parse>
</Sentence>
<Config option="require_dyad" value="false"></Config>
<Sentence date = "19950101" id ="ERR-1" category="ERROR" sentence="true">
<EventCoding error="dateline"></EventCoding>
<Text>DATELINE</Text>
</Sentence>
<Sentence date="19950101" id="NOPE" category="DEMO" sentence="false">
<EventCoding noevents = "True"></EventCoding>
<Text>Not implemented.</Text>
</Sentence>
<Sentence date="19950101" id="OTHER-1" category="OTHER" sentence="true">
<EventCoding sourcecode='"NEW ACTOR"' targetcode="~MIL" eventcode="023"/>
<Text>Outside the include list.</Text>
</Sentence>
</Sentences>
</Validation>
"#;

    #[test]
    fn reads_environment_records_and_skips() {
        let s = parse_petrarch_xml("mini.xml", MINI);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert!(s.warnings.is_empty(), "{:?}", s.warnings);
        assert_eq!(s.dictionaries.verbs, ["V.txt"]);
        assert_eq!(s.dictionaries.actors, ["A1.txt", "A2.txt"]);
        assert_eq!(s.dictionaries.agents, ["Ag.txt"]);
        assert_eq!(s.include, ["DEMO", "ERROR"]);
        assert_eq!(s.options.len(), 1);
        assert_eq!(s.records.len(), 4);

        let r = &s.records[0];
        assert_eq!((r.id.as_str(), r.category.as_str()), ("DEMO-01", "DEMO"));
        assert_eq!(r.text, "Arnor & Gondor restore ties.");
        assert_eq!(r.expected, [ExpectedEvent::new("ARN", "GON", "064")]);
        assert_eq!(r.note, "simple");
        assert_eq!(r.line, 10);
        assert!(r.options.is_empty());

        let e = &s.records[1];
        assert!(e.expect_error && e.expected.is_empty());
        assert_eq!(e.error_kind.as_deref(), Some("dateline"));
        assert_eq!(e.options[0].value, "false");
        assert_eq!(e.skip_reason, None);

        assert!(s.records[2]
            .skip_reason
            .as_deref()
            .unwrap()
            .contains("sentence=\"false\""));
        let o = &s.records[3];
        assert_eq!(
            o.expected,
            [ExpectedEvent::new("\"NEW ACTOR\"", "---MIL", "023")]
        );
        assert_eq!(
            o.skip_reason.as_deref(),
            Some("category OTHER not in <Include>")
        );
    }

    #[test]
    fn self_closed_sentences_still_own_their_content() {
        let xml = r#"<Sentences>
<Sentence category="AFP" date="20080804" id="A_1" evaluate="true"/>
<EventCoding eventcode="042" sourcecode="USA" targetcode="CHN" />
<Text>
The stopover came.
</Text>
<Parse>
1	The	the	DET	DT	_	2	det	_	_
</Parse></Sentence>
<Sentence category="AFP" date="20080806" id="A_2" evaluate="false"/>
<EventCoding noevents="True" />
<Text>x</Text>
</Sentence>
</Sentences>"#;
        let s = parse_petrarch_xml("gsr", xml);
        assert!(s.problems.is_empty(), "{:?}", s.problems);
        assert_eq!(s.records.len(), 2);
        assert_eq!(
            s.records[0].expected,
            [ExpectedEvent::new("USA", "CHN", "042")]
        );
        assert_eq!(
            s.records[1].skip_reason.as_deref(),
            Some("evaluate=\"false\"")
        );
        assert!(s.records[1].expect_no_events);
    }

    #[test]
    fn stop_skips_everything_after_it() {
        let xml = "<Sentences><Sentence id='a' date='19950101'><EventCoding noevents='1'/>\
                   <Text>a</Text></Sentence><Stop></Stop>\
                   <Sentence id='b' date='19950101'><EventCoding noevents='1'/>\
                   <Text>b</Text></Sentence></Sentences>";
        let s = parse_petrarch_xml("stop", xml);
        assert_eq!(s.records[0].skip_reason, None);
        assert_eq!(
            s.records[1].skip_reason.as_deref(),
            Some("after <Stop> at line 1")
        );
    }

    #[test]
    fn contradictions_and_missing_codes_are_problems_not_scores() {
        let xml = "<Sentences>\n<Sentence id='c' date='19950101'>\n\
                   <EventCoding noevents='True'/>\n\
                   <EventCoding sourcecode='A' targetcode='B' eventcode='01'/>\n\
                   <Text>c</Text></Sentence>\n\
                   <Sentence id='m' date='19950101'>\n<EventCoding sourcecode='A'/>\n\
                   <Text>m</Text></Sentence>\n</Sentences>";
        let s = parse_petrarch_xml("bad", xml);
        assert_eq!(s.records.len(), 2);
        assert_eq!(s.problems.len(), 2, "{:?}", s.problems);
        assert!(s.problems[0].message.contains("contradictory"));
        assert!(s.problems[1].message.contains("needs sourcecode"));
        assert_eq!(s.scored(), 0);
    }

    #[test]
    fn truncation_is_a_problem_wherever_it_falls() {
        for cut in 1..MINI.len() {
            if !MINI.is_char_boundary(cut) {
                continue;
            }
            let s = parse_petrarch_xml("cut", &MINI[..cut]);
            if cut < MINI.find("</Sentences>").unwrap() {
                assert!(!s.problems.is_empty(), "cut at {cut} went unnoticed");
            }
            assert!(s.records.len() <= 4);
            for r in &s.records {
                assert!(!r.text.is_empty());
            }
        }
    }

    #[test]
    fn entities_and_comments() {
        assert_eq!(
            decode_entities("a &lt;b&gt; &#65;&#x42; &bogus; &"),
            "a <b> AB &bogus; &"
        );
        assert_eq!(strip_comments("a<!-- x -->b<!-- y"), "ab");
    }

    #[test]
    fn junk_attributes_do_not_derail_the_scanner() {
        let xml = "<Sentences><Sentence id='p' date='19950101'>\
                   <PLEvent {\"event\": \"012\", \"source\": [{\"code\": \"ARN\"}]}>\
                   <EventCoding sourcecode=\"ARN\" targetcode=\"DAG\" eventcode=\"012\" />\
                   <Text>t</Text></Sentence></Sentences>";
        let s = parse_petrarch_xml("pl", xml);
        assert!(s.problems.is_empty() && s.warnings.is_empty());
        assert_eq!(s.records[0].expected.len(), 1);
    }
}
