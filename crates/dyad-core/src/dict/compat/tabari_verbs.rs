//! TABARI verb dictionaries (`.verbs`).
//!
//! ```text
//! <SYNSETS>
//! &TIETYPES                    <- synset, members on `+` lines
//! +MILITARY
//! </SYNSETS>
//! <TIME>
//! LAST_WEEK [-7]               <- time-shift phrase, days
//! - * AND A WEEK [+8]          <- pattern around the time phrase
//! </TIME>
//! ABANDON  [---]               <- verb root (a stem) and its own code
//! - SAID + MUST * POLICY [100] <- pattern; `*` is the root
//! BREAK_ [1717]
//! { BROKE_ BROKEN_ BROKEN_DOWN_ }   <- further forms of the root
//! ```
//!
//! Roots, forms and pattern words follow the TABARI stem rules (see the
//! `compat` module docs). Each root gets a pattern with its own code (also
//! `---`, which blocks shorter matches from coding); each `-` line gets one
//! pattern per expansion. `<TIME>` entries are returned as [`TimeShift`]s.
//!
//! # Time shifts
//!
//! A `<TIME>` entry is a phrase and a shift, optionally refined by patterns
//! around the phrase (`*` stands for the phrase): `TOMORROW [+1]` with
//! `- * AND A WEEK [+8]` shifts "tomorrow and a week from now" by eight days.
//! [`find_time_shift`] finds the first time phrase of a sentence, and what it
//! means is [`Shift::effect`]:
//!
//! | code | effect |
//! |---|---|
//! | `-7`, `+30` | the sentence's events happen that many days from the story date |
//! | `###` | the sentence is discarded (codes nothing), as a discard phrase |
//! | `+++` | the sentence is too complex to code (codes nothing) |
//! | `- - -`, `---`, anything else | no shift; the phrase only blocks shorter ones inside it |
//!
//! The shift is TABARI's: one per sentence, in days, from the story date.
//! It does not read "last month" as a month, so `LAST_MONTH [-30]` in a story
//! of 3 January 1995 dates the event 4 December 1994, as `Validate.text`
//! expects.

use std::collections::HashSet;

use super::common::{split_brackets, Line, Lines, PhraseTok};
use super::pattern::{
    anchor_forms, assemble, collect_synsets, group_roots, label_form, parse, parse_synsets,
    verb_codes, Atom, Concrete, Expander, Node, Root, Sep, Seq,
};
use super::Dialect;
use crate::dict::inflect::VerbForm;
use crate::dict::matcher::{Candidates, PatTok};
use crate::dict::verbs::{Elem, VerbDictionaryBuilder, VerbPattern};
use crate::dict::DictError;

/// The shift of a `<TIME>` entry: `[-7]` is seven days back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shift {
    /// As written: `-7`, `+30`, or a special code (`###`, `+++`, `- - -`).
    pub code: String,
    /// Days to add to the story date, when the code is a number.
    pub days: Option<i32>,
}

/// What a matched time phrase does to its sentence (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShiftEffect {
    /// The events happen this many days from the story date.
    Days(i32),
    /// `###`: discard the sentence.
    Discard,
    /// `+++`: the sentence is too complex; code nothing.
    Complex,
    /// A null code (`- - -`): no shift.
    None,
}

impl Shift {
    pub fn effect(&self) -> ShiftEffect {
        match (self.days, self.code.as_str()) {
            (Some(d), _) => ShiftEffect::Days(d),
            (None, "###") => ShiftEffect::Discard,
            (None, "+++") => ShiftEffect::Complex,
            _ => ShiftEffect::None,
        }
    }
}

/// A pattern around a time phrase (`- * AND A WEEK [+8]`). Word ids are
/// interned in the [`VerbDictionaryBuilder`] the file was loaded into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimePattern {
    /// Elements before the time phrase, in text order.
    pub pre: Vec<Elem>,
    /// Elements after it.
    pub post: Vec<Elem>,
    pub shift: Shift,
    pub text: String,
    pub origin: String,
    /// Literal words of the pattern, the phrase counted once: the
    /// tie-breaker between patterns of one phrase.
    pub literal_len: u16,
}

/// A TABARI time-shifting phrase ("last week", "yesterday"). The coder
/// applies them when [`crate::coder::CoderOptions::time_shifts`] holds
/// them; see [`find_time_shift`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeShift {
    pub phrase: Vec<PatTok>,
    /// The phrase's tokens as ids in the vocabulary of the verb dictionary
    /// the file was loaded into: match them on candidates of that
    /// dictionary's [`crate::dict::VerbDictionary::vocab`].
    pub phrase_ids: Vec<u32>,
    pub shift: Shift,
    pub text: String,
    pub origin: String,
    pub patterns: Vec<TimePattern>,
}

/// A verb root and what belongs to it, until the next root.
struct Block {
    line: usize,
    text: String,
    phrase: String,
    codes: Result<(String, Option<String>), String>,
    forms: Vec<(usize, String)>,
    patterns: Vec<(usize, String)>,
}

#[derive(PartialEq)]
enum Section {
    Main,
    Synsets,
    Time,
    Skip(String),
}

/// Loads a TABARI verb file into `b` and returns its `<TIME>` entries.
/// Malformed lines become [`DictError`]s in `b`.
pub fn load_tabari_verbs(
    b: &mut VerbDictionaryBuilder,
    file_name: &str,
    content: &str,
) -> Vec<TimeShift> {
    let lines: Vec<Line<'_>> = Lines::new(content).collect();
    let mut errors = Vec::new();
    let defs = collect_synsets(&lines, file_name, &mut errors);
    let synsets = parse_synsets(&defs, Dialect::Tabari, file_name, &mut errors);
    let mut cx = Cx {
        file: file_name,
        exp: Expander::new(synsets),
        names: defs.names.clone(),
        errors,
    };
    let mut section = Section::Main;
    let mut block: Option<Block> = None;
    let mut times: Vec<TimeShift> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if defs.is_synset_line[i] {
            continue;
        }
        let t: &str = &line.text;
        let err = |m: String| DictError::new(file_name, line.no, m);
        if let Section::Skip(end) = &section {
            if t.eq_ignore_ascii_case(end) {
                section = Section::Main;
            }
            continue;
        }
        if t.starts_with('<') {
            let tag = t.to_ascii_uppercase();
            match tag.as_str() {
                "<SYNSETS>" => section = Section::Synsets,
                "<TIME>" => {
                    if let Some(bl) = block.take() {
                        cx.flush(b, bl);
                    }
                    section = Section::Time;
                }
                "</SYNSETS>" | "</TIME>" => section = Section::Main,
                _ => {
                    cx.errors.push(err(format!("unknown section {t:?}")));
                    let name = tag.trim_start_matches('<').trim_end_matches('>');
                    section = Section::Skip(format!("</{name}>"));
                }
            }
            continue;
        }
        match section {
            Section::Synsets => {
                cx.errors
                    .push(err(format!("expected `&NAME` or `+member`, found {t:?}")));
                continue;
            }
            Section::Time => {
                cx.time_line(b, &mut times, line.no, t);
                continue;
            }
            _ => {}
        }
        if t.starts_with('-') {
            match block.as_mut() {
                Some(bl) => bl.patterns.push((line.no, t.to_string())),
                None => cx.errors.push(err("pattern before any verb".into())),
            }
        } else if let Some(forms) = t.strip_prefix('{') {
            match (block.as_mut(), forms.strip_suffix('}')) {
                (Some(bl), Some(f)) => {
                    for w in f.split_whitespace() {
                        bl.forms.push((line.no, w.to_string()));
                    }
                }
                (None, _) => cx.errors.push(err("verb forms before any verb".into())),
                (_, None) => cx.errors.push(err(format!("missing `}}` in {t:?}"))),
            }
        } else {
            if let Some(bl) = block.take() {
                cx.flush(b, bl);
            }
            match split_brackets(t) {
                Ok((phrase, blocks)) => {
                    let codes = match blocks.as_slice() {
                        [c] => verb_codes(c),
                        [] => Err(format!("verb {phrase:?} has no code")),
                        _ => Err(format!("verb {phrase:?} has more than one code")),
                    };
                    block = Some(Block {
                        line: line.no,
                        text: t.to_string(),
                        phrase: phrase.to_string(),
                        codes,
                        forms: Vec::new(),
                        patterns: Vec::new(),
                    });
                }
                Err(m) => cx.errors.push(err(m)),
            }
        }
    }
    if let Some(bl) = block.take() {
        cx.flush(b, bl);
    }
    for e in cx.errors {
        b.push_error(e);
    }
    times
}

struct Cx<'a> {
    file: &'a str,
    exp: Expander,
    names: HashSet<String>,
    errors: Vec<DictError>,
}

impl Cx<'_> {
    fn err(&mut self, line: usize, m: impl Into<String>) {
        self.errors.push(DictError::new(self.file, line, m));
    }

    /// A root phrase (`ABANDON`, `BREAK_`, `SHOT_AND_KILLED`, `BRUSH ASIDE`)
    /// as words only.
    fn root_words(&mut self, phrase: &str) -> Result<Concrete, String> {
        if let Some(c) = phrase.chars().find(|c| "*$+%^&{}()|[]".contains(*c)) {
            return Err(format!("unsupported `{c}` in verb root {phrase:?}"));
        }
        let seq = parse(phrase, Dialect::Tabari, &self.names)?;
        let mut c = self.exp.expand(&seq)?;
        match (c.pop(), c.is_empty()) {
            (Some(words), true) if !words.is_empty() => Ok(words),
            _ => Err(format!("empty verb root {phrase:?}")),
        }
    }

    fn flush(&mut self, b: &mut VerbDictionaryBuilder, bl: Block) {
        let (code, passive) = match bl.codes {
            Ok(c) => c,
            Err(m) => return self.err(bl.line, m),
        };
        let head = match self.root_words(&bl.phrase) {
            Ok(w) => w,
            Err(m) => return self.err(bl.line, m),
        };
        let Some(lemma) = first_word(&head) else {
            return self.err(
                bl.line,
                format!("verb root {:?} starts with no word", bl.phrase),
            );
        };
        let mut roots = vec![make_root(&head, |t| match t {
            PatTok::Prefix(w) => anchor_forms(w, true, b.inflector()),
            PatTok::Exact(w) | PatTok::Caps(w) => anchor_forms(w, false, b.inflector()),
        })];
        for (line, f) in &bl.forms {
            match self.root_words(f) {
                Ok(w) => roots.push(make_root(&w, |t| match t {
                    PatTok::Prefix(w) => anchor_forms(w, true, b.inflector()),
                    PatTok::Exact(w) | PatTok::Caps(w) => {
                        vec![(
                            PatTok::Exact(w.clone()),
                            label_form(&lemma, w, b.inflector()),
                        )]
                    }
                })),
                Err(m) => self.err(*line, m),
            }
        }
        let groups = group_roots(&roots);
        let origin = format!("{}:{}", self.file, bl.line);
        for (line, text) in &bl.patterns {
            if let Err(m) = self.pattern(b, &groups, *line, text) {
                self.err(*line, m);
            }
        }
        // The verb's own code applies only when none of its patterns match
        // (TABARI tries patterns first), so it goes in last.
        let bare: Concrete = vec![(Sep::Adj, Atom::Verb)];
        for g in &groups {
            if let Ok((pre, post, literal_len)) = assemble(b, &bare, g) {
                let p = VerbPattern {
                    code: code.clone(),
                    passive_code: None,
                    paired_code: passive.clone(),
                    noun: false,
                    pre,
                    post,
                    text: bl.text.clone(),
                    origin: origin.clone(),
                    literal_len,
                };
                b.add_pattern(&g.anchor, p);
            }
        }
    }

    /// Parses `- PATTERN [code]` into its concrete expansions and code.
    fn parse_line(&mut self, text: &str) -> Result<(Vec<Concrete>, String), String> {
        let body = text.strip_prefix('-').unwrap_or(text);
        let (pat, blocks) = split_brackets(body)?;
        let [code] = blocks.as_slice() else {
            return Err(format!("pattern needs exactly one [code]: {text:?}"));
        };
        let seq: Seq = parse(pat, Dialect::Tabari, &self.names)?;
        if !seq.iter().any(|(_, n)| *n == Node::Verb) {
            return Err(format!("pattern has no `*` (verb position): {text:?}"));
        }
        Ok((self.exp.expand(&seq)?, code.to_string()))
    }

    fn pattern(
        &mut self,
        b: &mut VerbDictionaryBuilder,
        groups: &[Root],
        line: usize,
        text: &str,
    ) -> Result<(), String> {
        let (concretes, code) = self.parse_line(text)?;
        let (code, passive) = verb_codes(&code)?;
        let origin = format!("{}:{line}", self.file);
        for c in &concretes {
            for g in groups {
                let (pre, post, literal_len) = assemble(b, c, g)?;
                let p = VerbPattern {
                    code: code.clone(),
                    passive_code: None,
                    paired_code: passive.clone(),
                    noun: false,
                    pre,
                    post,
                    text: text.to_string(),
                    origin: origin.clone(),
                    literal_len,
                };
                b.add_pattern(&g.anchor, p);
            }
        }
        Ok(())
    }

    fn time_line(
        &mut self,
        b: &mut VerbDictionaryBuilder,
        times: &mut Vec<TimeShift>,
        line: usize,
        t: &str,
    ) {
        let origin = format!("{}:{line}", self.file);
        if t.starts_with('-') {
            let Some(last) = times.last_mut() else {
                return self.err(line, "time pattern before any time phrase");
            };
            let (concretes, code) = match self.parse_line(t) {
                Ok(x) => x,
                Err(m) => return self.err(line, m),
            };
            let shift = parse_shift(&code);
            // The time phrase stands where the pattern's `*` is.
            let root = Root {
                pre: Vec::new(),
                pre_sep: Sep::Adj,
                anchor: Vec::new(),
                post_sep: Sep::Adj,
                post: Vec::new(),
            };
            for c in &concretes {
                match assemble(b, c, &root) {
                    Ok((pre, post, literal_len)) => last.patterns.push(TimePattern {
                        pre,
                        post,
                        shift: shift.clone(),
                        text: t.to_string(),
                        origin: origin.clone(),
                        literal_len,
                    }),
                    Err(m) => return self.err(line, m),
                }
            }
            return;
        }
        let (phrase, blocks) = match split_brackets(t) {
            Ok(x) => x,
            Err(m) => return self.err(line, m),
        };
        let [code] = blocks.as_slice() else {
            return self.err(
                line,
                format!("time phrase needs exactly one [shift]: {t:?}"),
            );
        };
        let toks = PhraseTok::default().phrase(phrase, Dialect::Tabari);
        if toks.is_empty() {
            return self.err(line, format!("empty time phrase in {t:?}"));
        }
        let phrase_ids = toks.iter().map(|tok| b.intern(tok)).collect();
        times.push(TimeShift {
            phrase: toks,
            phrase_ids,
            shift: parse_shift(code),
            text: t.to_string(),
            origin,
            patterns: Vec::new(),
        });
    }
}

/// A time phrase found in a sentence by [`find_time_shift`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TimeShiftMatch<'a> {
    /// First and one-past-last token of the phrase and its pattern.
    pub start: usize,
    pub end: usize,
    /// The pattern's shift if one matched, else the phrase's.
    pub shift: &'a Shift,
    pub entry: &'a TimeShift,
    pub pattern: Option<&'a TimePattern>,
}

/// The first time phrase of a sentence. `c` holds the sentence's candidates
/// in the vocabulary of the verb dictionary the shifts were loaded into.
/// Where several phrases start at one token the longest wins; a phrase's
/// patterns are tried longest first, and the phrase's own shift applies
/// when none matches.
pub fn find_time_shift<'a>(shifts: &'a [TimeShift], c: &Candidates) -> Option<TimeShiftMatch<'a>> {
    if shifts.is_empty() {
        return None;
    }
    for i in 0..c.len() {
        let mut best: Option<((usize, u16), TimeShiftMatch<'a>)> = None;
        for ts in shifts {
            let n = ts.phrase_ids.len();
            if n == 0 || i + n > c.len() {
                continue;
            }
            if !ts
                .phrase_ids
                .iter()
                .enumerate()
                .all(|(k, id)| c.at(i + k).contains(id))
            {
                continue;
            }
            let mut m = TimeShiftMatch {
                start: i,
                end: i + n,
                shift: &ts.shift,
                entry: ts,
                pattern: None,
            };
            let mut lit = 0u16;
            for p in &ts.patterns {
                if p.literal_len <= lit {
                    continue;
                }
                let end = elems_forward(&p.post, c, i + n);
                let start = elems_backward(&p.pre, c, i);
                if let (Some(end), Some(start)) = (end, start) {
                    m = TimeShiftMatch {
                        start,
                        end,
                        shift: &p.shift,
                        entry: ts,
                        pattern: Some(p),
                    };
                    lit = p.literal_len;
                }
            }
            if best.as_ref().is_none_or(|(k, _)| (n, lit) > *k) {
                best = Some(((n, lit), m));
            }
        }
        if let Some((_, m)) = best {
            return Some(m);
        }
    }
    None
}

/// How many tokens an element may take: (fewest, most).
fn elem_span(e: &Elem, last: bool) -> (usize, usize) {
    match e {
        Elem::Words(_) => (1, 1),
        Elem::Gap(n) => (0, *n as usize),
        Elem::Target | Elem::Source | Elem::Compound => (usize::from(!last), 8),
    }
}

fn elem_fits(e: &Elem, c: &Candidates, at: usize) -> bool {
    match e {
        Elem::Words(ids) => c.at(at).iter().any(|x| ids.contains(x)),
        _ => true,
    }
}

/// Matches `elems` from token `pos` on; returns where they end.
fn elems_forward(elems: &[Elem], c: &Candidates, pos: usize) -> Option<usize> {
    let Some((first, rest)) = elems.split_first() else {
        return Some(pos);
    };
    let (lo, hi) = elem_span(first, rest.is_empty());
    (lo..=hi).find_map(|k| {
        if pos + k > c.len() || k == 1 && !elem_fits(first, c, pos) {
            return None;
        }
        elems_forward(rest, c, pos + k)
    })
}

/// Matches `elems` so that they end just before `pos`; returns their start.
fn elems_backward(elems: &[Elem], c: &Candidates, pos: usize) -> Option<usize> {
    let Some((last, rest)) = elems.split_last() else {
        return Some(pos);
    };
    let (lo, hi) = elem_span(last, rest.is_empty());
    (lo..=hi).find_map(|k| {
        if k > pos || k == 1 && !elem_fits(last, c, pos - 1) {
            return None;
        }
        elems_backward(rest, c, pos - k)
    })
}

/// `-7`, `+30` → days; anything else is kept as a special code.
fn parse_shift(code: &str) -> Shift {
    let code = code.trim();
    let days = code.strip_prefix('+').unwrap_or(code).parse::<i32>().ok();
    Shift {
        code: code.to_string(),
        days,
    }
}

/// The normalised first word of a root, the lemma its listed forms belong to.
fn first_word(words: &Concrete) -> Option<String> {
    match words.first() {
        Some((_, Atom::Words(ws))) => ws.first().map(|t| match t {
            PatTok::Exact(w) | PatTok::Caps(w) | PatTok::Prefix(w) => w.clone(),
        }),
        _ => None,
    }
}

/// A root from its words: the first token is the anchor, the rest follow.
fn make_root(words: &Concrete, forms: impl FnOnce(&PatTok) -> Vec<(PatTok, VerbForm)>) -> Root {
    let anchor = match words.first() {
        Some((_, Atom::Words(ws))) => ws.first().map(forms).unwrap_or_default(),
        _ => Vec::new(),
    };
    let post: Concrete = words.iter().skip(1).cloned().collect();
    Root {
        pre: Vec::new(),
        pre_sep: Sep::Adj,
        anchor,
        post_sep: post.first().map_or(Sep::Adj, |(s, _)| *s),
        post,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::matcher::Candidates;
    use crate::dict::verbs::VerbDictionary;
    use crate::text::{tokenize, Span, TokenBuf};

    fn load(src: &str) -> (VerbDictionary, Vec<DictError>, Vec<TimeShift>) {
        let mut b = VerbDictionaryBuilder::new();
        let times = load_tabari_verbs(&mut b, "t.verbs", src);
        let errors = b.errors().to_vec();
        (b.build(), errors, times)
    }

    /// (code, matched words, anchor form) per match.
    fn run(d: &VerbDictionary, s: &str) -> Vec<(String, String, VerbForm)> {
        let mut t = TokenBuf::new();
        tokenize(s, Span::new(0, s.len()), &mut t);
        let mut c = Candidates::default();
        c.fill(d.vocab(), &t);
        let mut out = Vec::new();
        d.find_all(&c, &mut out);
        out.iter()
            .map(|m| {
                let w: Vec<&str> = (m.start..m.end).map(|i| t.norm(i)).collect();
                (d.pattern(m.pattern).code.clone(), w.join(" "), m.form)
            })
            .collect()
    }

    #[test]
    fn stems_slots_and_forms() {
        let src = "ABUS  [---] ;SLS\n- * + PRISONER  [182] ;SLS\n- + WAS_* BY_ $ [1823]\n";
        let (d, errors, _) = load(src);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            run(&d, "Guards abused the prisoners"),
            vec![(
                "182".into(),
                "abused the prisoners".into(),
                VerbForm::PastOrParticiple
            )]
        );
        // `WAS_*` is adjacent, `BY_ $` a gap then "by" exactly.
        assert_eq!(run(&d, "Tom was abused by guards")[0].0, "1823");
        assert_eq!(run(&d, "Tom was badly abused by guards")[0].0, "---");
        // The bare stem codes `---`; other words it begins still match.
        assert_eq!(run(&d, "the abuses")[0].0, "---");
    }

    #[test]
    fn listed_forms_and_multi_word_roots() {
        let src =
            "BREAK_ [1717]\n{ BROKE_ BROKEN_DOWN_ }\n- * TREATY [161]\nSHOT_AND_KILLED [1823]\n";
        let (d, errors, _) = load(src);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(run(&d, "They broke the treaty")[0].0, "161");
        assert_eq!(run(&d, "talks broken down")[0].1, "broken down");
        assert!(run(&d, "They breaks it").is_empty(), "BREAK_ is exact");
        assert_eq!(
            run(&d, "Troops shot and killed two")[0].1,
            "shot and killed"
        );
        assert!(run(&d, "Troops shot two").is_empty());
    }

    #[test]
    fn time_block() {
        let src = "<TIME>\nYESTERDAY [-1]\nNEXT_WEEK [+7]\n- * AND A DAY [+8]\nKAN_WA_MA_KAN [###]\n</TIME>\nMEET [031]\n";
        let (d, errors, times) = load(src);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(times.len(), 3);
        assert_eq!(times[0].shift.days, Some(-1));
        assert_eq!(times[0].phrase, vec![PatTok::Prefix("yesterday".into())]);
        assert_eq!(times[1].patterns.len(), 1);
        assert_eq!(
            times[1].patterns[0].post.len(),
            6,
            "gap and a day: {:?}",
            times[1].patterns[0].post
        );
        assert_eq!(
            (times[2].shift.code.as_str(), times[2].shift.days),
            ("###", None)
        );
        // A stem does not cover irregular forms: TABARI lists them in `{}`.
        assert_eq!(run(&d, "they meet")[0].0, "031");
        assert!(run(&d, "they met").is_empty());
    }

    /// The shift effect and matched words of the first time phrase in `s`.
    fn shift_in(d: &VerbDictionary, times: &[TimeShift], s: &str) -> Option<(ShiftEffect, String)> {
        let mut t = TokenBuf::new();
        tokenize(s, Span::new(0, s.len()), &mut t);
        let mut c = Candidates::default();
        c.fill(d.vocab(), &t);
        find_time_shift(times, &c).map(|m| {
            let w: Vec<&str> = (m.start..m.end).map(|i| t.norm(i)).collect();
            (m.shift.effect(), w.join(" "))
        })
    }

    /// A `<TIME>` block like the one in TABARI's demo verbs file.
    const TIMES: &str = "<TIME>\nFOREVER_AND_A_DAY [- - -]\nKAN_WA_MA_KAN [###]\nLAST_WEEK [-7]\n\
        LAST_MONTH [-30]\nTOMORROW [+1]\n- * AND TOMORROW AND TOMORROW [+3]\n- * AND A WEEK [+8]\n\
        WHEN_PEACE_COMES [+++]\nYESTERDAY [-1]\nA_DAY [-2]\n</TIME>\nMEET [031]\n{ MET_ }\nLEFT_ [032:033]\n";

    #[test]
    fn time_phrases_and_their_patterns() {
        let (d, errors, times) = load(TIMES);
        assert!(errors.is_empty(), "{errors:?}");
        let days = |s: &str| shift_in(&d, &times, s).map(|(e, _)| e);
        assert_eq!(
            days("Only yesterday the envoys met in the capital."),
            Some(ShiftEffect::Days(-1))
        );
        assert_eq!(days("Envoys met last week."), Some(ShiftEffect::Days(-7)));
        assert_eq!(
            days("The envoy left last month for talks."),
            Some(ShiftEffect::Days(-30))
        );
        // The pattern beats the bare phrase; words may come between.
        assert_eq!(
            shift_in(&d, &times, "He will go tomorrow and a week from now"),
            Some((ShiftEffect::Days(8), "tomorrow and a week".into()))
        );
        assert_eq!(
            days("They meet tomorrow and tomorrow and tomorrow."),
            Some(ShiftEffect::Days(3))
        );
        assert_eq!(days("They meet tomorrow."), Some(ShiftEffect::Days(1)));
        // Special codes.
        assert_eq!(
            days("Once more, kan wa ma kan, the kings met."),
            Some(ShiftEffect::Discard)
        );
        assert_eq!(
            days("When peace comes, the kings will meet."),
            Some(ShiftEffect::Complex)
        );
        // The longer phrase blocks the shorter one inside it.
        assert_eq!(
            days("They will be friends forever and a day."),
            Some(ShiftEffect::None)
        );
        assert_eq!(days("Within a day they met."), Some(ShiftEffect::Days(-2)));
        // The first phrase in the sentence decides.
        assert_eq!(
            days("Yesterday they said they would meet tomorrow."),
            Some(ShiftEffect::Days(-1))
        );
        assert_eq!(days("The kings met on Thursday."), None);
        assert_eq!(find_time_shift(&[], &Candidates::default()), None);
    }

    #[test]
    fn the_coder_applies_time_shifts() {
        use crate::analysis::heuristic::HeuristicAnalyzer;
        use crate::coder::{Coder, CoderOptions, Scratch};
        use crate::dict::ActorDictionaryBuilder;
        use crate::document::Document;
        use chrono::NaiveDate;
        use std::sync::Arc;

        let mut vb = VerbDictionaryBuilder::new();
        let times = load_tabari_verbs(&mut vb, "t.verbs", TIMES);
        assert!(vb.errors().is_empty(), "{:?}", vb.errors());
        let mut ab = ActorDictionaryBuilder::new();
        super::super::load_tabari_actors(&mut ab, "t.actors", "ARNOR [ARN]\nGONDOR [GON]\n");
        let (actors, verbs) = (Arc::new(ab.build()), Arc::new(vb.build()));
        let coder = |shifts: Option<Vec<TimeShift>>| {
            Coder::new(
                actors.clone(),
                verbs.clone(),
                Arc::new(HeuristicAnalyzer),
                CoderOptions {
                    context_countries: false,
                    modality: false,
                    time_shifts: shifts.map(Arc::new),
                    ..CoderOptions::default()
                },
            )
        };
        let on = coder(Some(times));
        let off = coder(Some(Vec::new()));
        let plain = coder(None);
        let code = |c: &Coder, text: &str| -> Vec<(String, String, &'static str)> {
            let doc = Document {
                id: "r1".into(),
                text: text.into(),
                date: NaiveDate::from_ymd_opt(1995, 1, 3),
                title: None,
                url: None,
            };
            c.code_document(&doc, &mut Scratch::default())
                .events
                .into_iter()
                .map(|e| (e.cameo, e.date, e.date_source))
                .collect()
        };
        // 30 days before 3 January 1995, across a year boundary.
        let left = "Arnor left for Gondor last month.";
        assert_eq!(
            code(&on, left),
            vec![
                ("032".into(), "1994-12-04".into(), "text"),
                ("033".into(), "1994-12-04".into(), "text")
            ]
        );
        // Shifting off: the story date, whatever the text says.
        assert_eq!(
            code(&off, left)[0],
            ("032".into(), "1995-01-03".into(), "document")
        );
        let thursday = "Arnor met Gondor on Thursday.";
        assert_eq!(code(&on, thursday)[0].1, "1995-01-03");
        // Without TABARI dating, dyad reads the text: 3 January 1995 was a
        // Tuesday.
        assert_eq!(code(&plain, thursday)[0].1, "1994-12-29");
        assert_eq!(code(&plain, left)[0].1, "1994-12");
        // `###` discards the sentence and `+++` rejects it.
        assert!(code(&on, "Kan wa ma kan, Arnor met Gondor.").is_empty());
        assert!(code(&on, "When peace comes Arnor met Gondor.").is_empty());
        assert_eq!(code(&off, "Kan wa ma kan, Arnor met Gondor.").len(), 1);
    }

    #[test]
    fn malformed_lines() {
        let src = "- * X [1]\n{ A }\n<WEIRD>\nignored\n</WEIRD>\nVERB\n- * Y [2]\nGOOD [010]\n- * Z\n- Z [3]\n- * &NONE [4]\n- * { A | B [5]\n<SYNSETS>\nJUNK\n</SYNSETS>\n<TIME>\n- * X [1]\n</TIME>\n";
        let (_, errors, _) = load(src);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        // 1 pattern before a verb, 2 forms before a verb, 3 unknown section,
        // 6 verb without code (its pattern 7 goes with it), 14 junk in
        // <SYNSETS>; GOOD's patterns when its block ends at <TIME>: 9 no
        // code, 10 no `*`, 11 undefined synset, 12 unclosed `{`; then 17 a
        // time pattern before any time phrase.
        assert_eq!(lines, vec![1, 2, 3, 6, 14, 9, 10, 11, 12, 17], "{errors:?}");
    }
}
