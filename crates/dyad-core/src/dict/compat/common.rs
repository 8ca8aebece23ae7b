//! Pieces every compat loader shares: the line reader (comments, end
//! markers), phrase normalisation, and `[CODE restriction]` blocks.

use std::borrow::Cow;

use chrono::{Datelike, NaiveDate};

use super::Dialect;
use crate::dict::matcher::PatTok;
use crate::text::{tokenize, Span, TokenBuf, TokenKind};

/// One meaningful line: comments removed, trimmed, never empty.
#[derive(Clone, Debug)]
pub(crate) struct Line<'a> {
    /// 1-based line number in the file.
    pub no: usize,
    pub text: Cow<'a, str>,
    /// The line as written, comments included.
    pub raw: &'a str,
}

/// Iterates over the meaningful lines of a dictionary file.
///
/// Removed, in both dialects:
/// * `<!-- ... -->` comments, also spanning lines (PETRARCH), and lines
///   starting `<!` whose comment is malformed (`<! -- ... -->`);
/// * `;` to the end of the line (KEDS/TABARI; also found in PETRARCH files);
/// * `#` to the end of the line when it starts the line or follows white
///   space or a `]`/`}` (`[ZBW]#jw 9/30/91`); a `#` inside a code such as
///   TABARI's `[###]` is kept.
///
/// Reading stops at TABARI's `~~FINISH` trailer and PETRARCH's `---STOP---`.
/// Old Macintosh files (lone `\r` line ends) are split on `\r`.
pub(crate) struct Lines<'a> {
    rest: &'a str,
    sep: char,
    no: usize,
    in_xml_comment: bool,
    done: bool,
}

impl<'a> Lines<'a> {
    pub fn new(content: &'a str) -> Lines<'a> {
        let content = content.strip_prefix('\u{feff}').unwrap_or(content);
        let sep = if !content.contains('\n') && content.contains('\r') {
            '\r'
        } else {
            '\n'
        };
        Lines {
            rest: content,
            sep,
            no: 0,
            in_xml_comment: false,
            done: false,
        }
    }

    fn next_raw(&mut self) -> Option<&'a str> {
        if self.done || self.rest.is_empty() {
            return None;
        }
        let (line, rest) = match self.rest.find(self.sep) {
            Some(i) => (&self.rest[..i], &self.rest[i + 1..]),
            None => (self.rest, ""),
        };
        self.rest = rest;
        self.no += 1;
        Some(line.strip_suffix('\r').unwrap_or(line))
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = Line<'a>;

    fn next(&mut self) -> Option<Line<'a>> {
        while let Some(raw) = self.next_raw() {
            let mut text: Cow<'a, str> = Cow::Borrowed(raw);
            if self.in_xml_comment {
                match raw.find("-->") {
                    Some(i) => {
                        self.in_xml_comment = false;
                        text = Cow::Borrowed(&raw[i + 3..]);
                    }
                    None => continue,
                }
            }
            // Inline and opening XML comments.
            while let Some(start) = text.find("<!") {
                match text[start..].find("-->") {
                    Some(len) => {
                        let mut s = text[..start].to_string();
                        s.push(' ');
                        s.push_str(&text[start + len + 3..]);
                        text = Cow::Owned(s);
                    }
                    None => {
                        self.in_xml_comment = true;
                        text = Cow::Owned(text[..start].to_string());
                        break;
                    }
                }
            }
            let stripped = strip_comments(&text);
            let trimmed = stripped.trim();
            if trimmed.is_empty() {
                continue;
            }
            if trimmed.starts_with("~~FINISH") || trimmed.starts_with("---STOP---") {
                self.done = true;
                return None;
            }
            let text = match text {
                Cow::Borrowed(b) => Cow::Borrowed(strip_comments(b).trim()),
                Cow::Owned(_) => Cow::Owned(trimmed.to_string()),
            };
            return Some(Line {
                no: self.no,
                text,
                raw,
            });
        }
        None
    }
}

/// Removes `;` and `#` comments (see [`Lines`]).
fn strip_comments(line: &str) -> &str {
    let mut end = line.len();
    if let Some(i) = line.find(';') {
        end = i;
    }
    let b = line.as_bytes();
    for i in 0..end {
        if b[i] == b'#' {
            let before = line[..i].trim_end();
            if before.is_empty()
                || b[i - 1].is_ascii_whitespace()
                || before.ends_with(']')
                || before.ends_with('}')
            {
                end = i;
                break;
            }
        }
    }
    &line[..end]
}

/// Short English function words that a capitals-only dictionary cannot tell
/// from acronyms (`US_` is the United States, "us" is a pronoun). A phrase
/// that is exactly one of these only matches text written in capitals.
const AMBIGUOUS_SHORT: &[&str] = &[
    "am", "an", "as", "at", "be", "by", "do", "go", "he", "if", "in", "is", "it", "me", "my", "no",
    "of", "on", "or", "so", "to", "up", "us", "we",
];

/// One word of a dictionary phrase as written between `_`/space separators.
#[derive(Clone, Copy, Debug)]
pub(crate) struct RawWord<'a> {
    pub text: &'a str,
    /// The word matches as a stem (TABARI: no `_` after it).
    pub stem: bool,
}

/// Splits a TABARI/PETRARCH phrase (`AL_GORE`, `PRIME MINISTER_`) into
/// words, deciding for each whether it is a stem in `dialect`.
pub(crate) fn split_words(phrase: &str, dialect: Dialect) -> Vec<RawWord<'_>> {
    let mut out = Vec::new();
    let b = phrase.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'_' || b[i] == b'=' || b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && b[i] != b'_' && b[i] != b'=' && !b[i].is_ascii_whitespace() {
            i += 1;
        }
        // `WORD_` and TABARI's `WORD=` both end the word: no stem.
        let terminated = i < b.len() && (b[i] == b'_' || b[i] == b'=');
        out.push(RawWord {
            text: &phrase[start..i],
            stem: dialect == Dialect::Tabari && !terminated,
        });
    }
    out
}

/// Tokenises dictionary words with the news tokenizer (the same function
/// [`crate::dict::phrase_tokens`] uses), reusing one buffer.
#[derive(Default)]
pub(crate) struct PhraseTok {
    buf: TokenBuf,
}

impl PhraseTok {
    /// Appends the pattern tokens of one word. A stem word's last token
    /// becomes a [`PatTok::Prefix`] when it is a word (not punctuation).
    pub fn push_word(&mut self, word: RawWord<'_>, out: &mut Vec<PatTok>) {
        tokenize(word.text, Span::new(0, word.text.len()), &mut self.buf);
        let n = self.buf.len();
        for i in 0..n {
            let norm = self.buf.norm(i);
            let is_word = self.buf.tokens[i].kind == TokenKind::Word;
            if word.stem && i + 1 == n && is_word {
                out.push(PatTok::Prefix(norm.to_string()));
            } else {
                out.push(PatTok::Exact(norm.to_string()));
            }
        }
    }

    /// The pattern tokens of a whole phrase whose words must be adjacent
    /// (actor, agent and discard phrases).
    pub fn phrase(&mut self, phrase: &str, dialect: Dialect) -> Vec<PatTok> {
        let mut out = Vec::new();
        for w in split_words(phrase, dialect) {
            self.push_word(w, &mut out);
        }
        if let [PatTok::Exact(w)] = out.as_slice() {
            if AMBIGUOUS_SHORT.contains(&w.as_str()) {
                out = vec![PatTok::Caps(w.clone())];
            }
        }
        out
    }

    /// The normalised tokens of one word, for verb forms.
    pub fn norms(&mut self, word: &str) -> Vec<(String, bool)> {
        tokenize(word, Span::new(0, word.len()), &mut self.buf);
        (0..self.buf.len())
            .map(|i| {
                (
                    self.buf.norm(i).to_string(),
                    self.buf.tokens[i].kind == TokenKind::Word,
                )
            })
            .collect()
    }
}

/// A date restriction on an actor code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Restriction {
    None,
    /// `<d`: strictly before d.
    Before(NaiveDate),
    /// `>d`: on or after d.
    From(NaiveDate),
    /// `d1-d2`: both days included.
    Between(NaiveDate, NaiveDate),
}

/// One `[CODE restriction]` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct CodeSpec {
    pub code: String,
    pub restriction: Restriction,
}

/// Splits `PHRASE [..] [..]` into the phrase and its bracketed blocks.
/// Text after the last `]` is an error (comments are already gone).
pub(crate) fn split_brackets(text: &str) -> Result<(&str, Vec<&str>), String> {
    match split_brackets_lenient(text) {
        (phrase, blocks, None) => Ok((phrase, blocks)),
        (_, _, Some(e)) => Err(e),
    }
}

/// Like [`split_brackets`], but also returns the well-formed part of a line
/// with an error, so a loader can keep a valid code and report the rest.
pub(crate) fn split_brackets_lenient(text: &str) -> (&str, Vec<&str>, Option<String>) {
    let Some(first) = text.find('[') else {
        if text.contains(']') {
            return (
                text.trim(),
                Vec::new(),
                Some(format!("`]` without `[` in {text:?}")),
            );
        }
        return (text.trim(), Vec::new(), None);
    };
    let phrase = text[..first].trim();
    let mut blocks = Vec::new();
    let mut rest = &text[first..];
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return (phrase, blocks, None);
        }
        let Some(inner) = rest.strip_prefix('[') else {
            let e = format!("unexpected text {rest:?} after a code block");
            return (phrase, blocks, Some(e));
        };
        let close = inner.find(']');
        let Some(close) = close.filter(|&c| !inner[..c].contains('[')) else {
            return (phrase, blocks, Some(format!("missing `]` in {text:?}")));
        };
        blocks.push(&inner[..close]);
        rest = &inner[close + 1..];
    }
}

/// Validates and upper-cases a code. Codes are letters and digits, plus the
/// TABARI/PETRARCH specials `-` (`---` null), `#` (`###` discard), `+`
/// (`+++`), `/` (TABARI alternatives `ELR/GAL`), and `!`, `?` suffixes.
pub(crate) fn normalize_code(code: &str) -> Result<String, String> {
    let code = code.trim();
    if code.is_empty() {
        return Err("empty code".into());
    }
    if !code
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "-#+/!?".contains(c))
    {
        return Err(format!("bad code {code:?}"));
    }
    Ok(code.to_ascii_uppercase())
}

/// Parses the inside of an actor code block: `CODE`, `CODE <d`, `CODE >d`,
/// `CODE d1-d2` (white space anywhere around `<`, `>`, `-`).
pub(crate) fn parse_code_block(body: &str) -> Result<CodeSpec, String> {
    let body = body.trim();
    let (code, rest) = match body.split_once(char::is_whitespace) {
        Some((c, r)) => (c, r.trim()),
        None => (body, ""),
    };
    if code.is_empty() || code.starts_with(|c: char| c.is_ascii_digit() || c == '<' || c == '>') {
        return Err(format!("code block [{body}] has no code"));
    }
    let code = normalize_code(code)?;
    let rest: String = rest.chars().filter(|c| !c.is_whitespace()).collect();
    let restriction = if rest.is_empty() {
        Restriction::None
    } else if let Some(d) = rest.strip_prefix('<') {
        Restriction::Before(parse_date(d)?)
    } else if let Some(d) = rest.strip_prefix('>') {
        Restriction::From(parse_date(d)?)
    } else if let Some((a, b)) = rest.split_once('-') {
        let (a, b) = (parse_date(a)?, parse_date(b)?);
        if a > b {
            return Err(format!("date range {rest} ends before it starts"));
        }
        Restriction::Between(a, b)
    } else {
        return Err(format!(
            "date restriction {rest:?} needs `<date`, `>date` or `date-date`"
        ));
    };
    Ok(CodeSpec { code, restriction })
}

/// `YYMMDD` (years 00–30 are 20YY, others 19YY, as in KEDS, TABARI and
/// PETRARCH) or `YYYYMMDD`.
pub(crate) fn parse_date(s: &str) -> Result<NaiveDate, String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) || !(s.len() == 6 || s.len() == 8) {
        return Err(format!("bad date {s:?} (want YYMMDD or YYYYMMDD)"));
    }
    let num = |r: std::ops::Range<usize>| s[r].parse::<u32>().unwrap_or(0);
    let (year, m, d) = if s.len() == 6 {
        let yy = num(0..2) as i32;
        (
            if yy <= 30 { 2000 + yy } else { 1900 + yy },
            num(2..4),
            num(4..6),
        )
    } else {
        (num(0..4) as i32, num(4..6), num(6..8))
    };
    NaiveDate::from_ymd_opt(year, m, d)
        .filter(|date| date.year() == year)
        .ok_or_else(|| format!("bad date {s:?} (no such day)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<(usize, String)> {
        Lines::new(src)
            .map(|l| (l.no, l.text.into_owned()))
            .collect()
    }

    #[test]
    fn comments_of_both_families_are_removed() {
        let src = "<!-- head -->\nA [X] ;jw 9/9/91\n<!--\n# inner\n-->\nB [Y] # pas\n\t[ZBW]#jw\nNASGUL [###]\n# gone\n<! -- odd -->\nC\n";
        assert_eq!(
            texts(src),
            vec![
                (2, "A [X]".into()),
                (6, "B [Y]".into()),
                (7, "[ZBW]".into()),
                (8, "NASGUL [###]".into()),
                (11, "C".into())
            ]
        );
    }

    #[test]
    fn end_markers_stop_reading() {
        assert_eq!(texts("A\n~~FINISH 16:47\nB\n"), vec![(1, "A".into())]);
        assert_eq!(texts("A\n---STOP---\nB\n"), vec![(1, "A".into())]);
        assert_eq!(texts("A\rB\r"), vec![(1, "A".into()), (2, "B".into())]);
    }

    #[test]
    fn tabari_words_without_underscore_are_stems() {
        let mut t = PhraseTok::default();
        assert_eq!(
            t.phrase("UNITED_STATES", Dialect::Tabari),
            vec![
                PatTok::Exact("united".into()),
                PatTok::Prefix("states".into())
            ]
        );
        assert_eq!(
            t.phrase("ARGENTIN", Dialect::Tabari),
            vec![PatTok::Prefix("argentin".into())]
        );
        assert_eq!(
            t.phrase("ARGENTIN", Dialect::Petrarch),
            vec![PatTok::Exact("argentin".into())]
        );
        assert_eq!(
            t.phrase("AL-QAEDA", Dialect::Petrarch),
            vec![
                PatTok::Exact("al".into()),
                PatTok::Exact("-".into()),
                PatTok::Exact("qaeda".into())
            ]
        );
        assert_eq!(
            t.phrase("US_", Dialect::Petrarch),
            vec![PatTok::Caps("us".into())]
        );
    }

    #[test]
    fn code_blocks_and_dates() {
        let d = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        assert_eq!(
            parse_code_block("egygov > 140608").unwrap(),
            CodeSpec {
                code: "EGYGOV".into(),
                restriction: Restriction::From(d("2014-06-08"))
            }
        );
        assert_eq!(
            parse_code_block("HOBGOV 19950601 - 990815")
                .unwrap()
                .restriction,
            Restriction::Between(d("1995-06-01"), d("1999-08-15"))
        );
        assert_eq!(
            parse_code_block("RHO <790606").unwrap().restriction,
            Restriction::Before(d("1979-06-06"))
        );
        assert_eq!(parse_date("300101").unwrap(), d("2030-01-01"));
        assert_eq!(parse_date("310101").unwrap(), d("1931-01-01"));
        for bad in [
            "ARMUNR 9008223-911221",
            "MNEGOV 20121204",
            "GBRGOV >201005011",
            "X 990101-980101",
            " 991201-010114",
            "X <990231",
        ] {
            assert!(parse_code_block(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn brackets_split() {
        assert_eq!(
            split_brackets("AXNOR  [AR1 <911226] [AR2]").unwrap(),
            ("AXNOR", vec!["AR1 <911226", "AR2"])
        );
        assert!(split_brackets("X [A] junk").is_err());
        assert!(split_brackets("X [A").is_err());
    }
}
