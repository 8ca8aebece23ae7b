//! Rule-based sentence splitting with byte spans.
//!
//! [`split_sentences`] is the first step of the text stage: it cuts a
//! document into sentence [`Span`]s, each of which the tokenizer and the coder
//! then handle on its own. Events are coded per sentence, so a missed boundary
//! glues two events' actors together and a false boundary cuts an actor off
//! its verb; both cost recall. The rules below are tuned for wire-service news.
//!
//! A sentence ends:
//!
//! * after `!`, `?` (and their runs, such as `?!`), unless the next word starts
//!   with a lowercase letter (`"Why?" he asked.` is one sentence);
//! * after `.` followed by white space or the end of text, unless
//!   - the next word starts lowercase (`approx. three`, `U.S. officials`),
//!   - the word before is an abbreviation: a listed one (`Mr.`, `Gen.`,
//!     `Sept.`, `Inc.`, `etc.`, AP state names like `Ill.`), a dotted one
//!     (`U.S.`, `a.m.`, `Ph.D.`) or a single capital initial (`George W.
//!     Bush`). Abbreviations can also end a sentence ("...sold to Acme
//!     Inc."), so one does end a sentence when the next word is a common
//!     sentence starter (`The`, `He`, `It`, `But`, ...): "returned to the
//!     U.S. The talks" splits, "the U.S. Congress" does not,
//!   - the word before is `No.`, `Art.`, `Vol.` and the like and the next word
//!     is a number (`No. 10 Downing St.`);
//! * after an ellipsis (`...`, `…`) only when the next word is capitalised;
//! * after closing quotes or brackets that follow the punctuation: the
//!   boundary goes after them (`"...achievement." Iraqi forces` splits after
//!   the closing quote; also `?"`, `!"`, `.'`, `.”`, `.’`, `.)`). A closing
//!   quote ends the sentence even after an abbreviation; a closing bracket
//!   does not (`(Apple Inc.) Chief Executive ...`);
//! * at a blank line (a paragraph break), always;
//! * at a single line break after a line without terminal punctuation that
//!   looks like a heading: all capitals, or title case, or a bullet item, or
//!   followed by a dateline (`BAGHDAD (Reuters) -`). A line ending in a
//!   comma, a dash or a function word ("the", "of", "with") never ends a
//!   sentence, and neither does one followed by a lowercase line, so
//!   hard-wrapped wire copy stays whole.
//!
//! Ideographic full stops (`。！？`) end a sentence even without a following
//! space.
//!
//! "Yahoo!" and a few other names spelt with `!` are treated like
//! abbreviations.
//!
//! Not handled (yet): sentence-case headlines followed by a plain sentence on
//! the next line, and a sentence starting with an abbreviation-ended word that
//! is not a common starter ("...the U.S. Officials said" stays one sentence).
//! Texts with no punctuation and no line breaks are one sentence, however long.
//!
//! Spans never include surrounding white space, never overlap, and always sit
//! on char boundaries, whatever the input.

use super::{char_at, char_before, clamp_text, is_space, Span};

/// Abbreviations written with a final period. Matching is case-sensitive
/// with two allowances (see [`entry_matches`]): an all-caps spelling matches
/// any entry ("GEN." in a headline), and a capitalised spelling matches a
/// lowercase entry ("Etc." at a sentence start).
///
/// Day names are deliberately absent: wire style spells them out, and "Sun."
/// or "Sat." are more often words than abbreviations.
#[rustfmt::skip]
const ABBREVIATIONS: &[&str] = &[
    // Titles and ranks.
    "Mr", "Mrs", "Ms", "Messrs", "Mme", "Mlle", "Dr", "Prof", "Gen", "Lt", "Col", "Maj", "Capt",
    "Cmdr", "Cdr", "Adm", "Brig", "Sgt", "Cpl", "Pvt", "Spc", "Sen", "Sens", "Rep", "Reps", "Gov",
    "Govs", "Rev", "Hon", "Pres", "Amb", "Atty", "Supt", "Insp", "Det", "Sec", "Fr", "Sr", "Jr",
    "Esq",
    // Places.
    "St", "Ste", "Mt", "Ft", "Ave", "Blvd", "Rd", "Hwy",
    // Organisations.
    "Inc", "Corp", "Co", "Cos", "Ltd", "Bros", "Assn", "Dept", "Univ", "Intl", "Govt",
    // Months as abbreviated in datelines.
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    // US states, AP style ("SPRINGFIELD, Ill. (AP) -").
    "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa",
    "Tenn", "Va", "Vt", "Wash", "Wis", "Wyo",
    // Latin and miscellany ("et al.").
    "vs", "etc", "al", "approx", "est", "cf", "viz", "ca",
];

/// Abbreviations only when a number follows ("No. 10", "Art. 5"); before
/// anything else they are ordinary words ("He said no.").
const BEFORE_NUMBER: &[&str] = &[
    "No", "Nos", "Art", "Arts", "Vol", "Vols", "Fig", "pp", "Para", "Ch", "Op",
];

/// Words that commonly begin a sentence. An abbreviation followed by one of
/// these, capitalised, ends its sentence. Deliberately short and made of
/// function words: a content word after "U.S." ("U.S. Congress") is far more
/// often part of the same sentence.
#[rustfmt::skip]
const STARTERS: &[&str] = &[
    "a", "an", "the", "he", "she", "it", "they", "we", "i", "you", "his", "her", "its", "their",
    "our", "my", "your", "this", "that", "these", "those", "there", "here", "but", "and", "or",
    "so", "yet", "in", "on", "at", "for", "from", "with", "by", "to", "as", "if", "when", "where",
    "while", "after", "before", "although", "though", "because", "since", "until", "meanwhile",
    "however", "moreover", "still", "also", "then", "now", "yesterday", "today", "earlier", "later",
    "what", "who", "why", "how", "which", "some", "many", "most", "all", "both", "each", "such",
    "several", "according", "last", "during", "despite", "under", "over", "mr", "mrs", "ms",
];

/// Function words: ignored when judging whether a line is title case, and a
/// line ending in one continues on the next line.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "but", "nor", "by", "with",
    "from", "as", "into", "onto", "over", "under", "after", "before", "amid", "against", "about",
    "than", "that", "which", "who", "whose", "whom", "this", "these", "those", "its", "his", "her",
    "their", "our", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
    "would", "could", "should", "may", "might", "must", "can", "not", "via", "vs", "per", "up",
    "off", "out",
];

/// Names spelt with an exclamation mark, which then ends no sentence unless
/// a starter follows ("Yahoo! News reported", "Yahoo! The company said").
const BANG_NAMES: &[&str] = &["Yahoo", "YAHOO", "Jeopardy"];

/// How a word written with a following period behaves.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Abbrev {
    /// An ordinary word: the period is punctuation.
    No,
    /// An abbreviation: the period belongs to the word.
    Yes,
    /// An abbreviation only before a number ("No. 10").
    BeforeNumber,
}

/// Classifies `word` (without its final period).
pub(super) fn classify_abbrev(word: &str) -> Abbrev {
    if is_initial(word) || is_dotted(word) {
        return Abbrev::Yes;
    }
    // The lists are ASCII and short: look the lowercased word up in a table
    // sorted by that key, then apply the case rules of `entry_matches` to
    // the entries that share it (the same answer as scanning both lists).
    let Some(key) = lower_key(word) else {
        return Abbrev::No;
    };
    let table = abbrev_table();
    let from = table.partition_point(|e| e.0 < key);
    let same = table[from..].iter().take_while(|e| e.0 == key);
    let mut before_number = false;
    for &(_, entry, number_only) in same {
        if entry_matches(word, entry) {
            if !number_only {
                return Abbrev::Yes;
            }
            before_number = true;
        }
    }
    if before_number {
        Abbrev::BeforeNumber
    } else {
        Abbrev::No
    }
}

/// The ASCII-lowercased bytes of `word` packed into a `u64`, if `word` is
/// ASCII and at most eight bytes long.
fn lower_key(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    if b.len() > 8 || !b.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 8];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    Some(u64::from_be_bytes(buf))
}

/// `(lower_key, entry, before-number only)` for every entry of
/// [`ABBREVIATIONS`] and [`BEFORE_NUMBER`], sorted by key.
fn abbrev_table() -> &'static [(u64, &'static str, bool)] {
    static TABLE: std::sync::OnceLock<Vec<(u64, &'static str, bool)>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        let mut t: Vec<(u64, &'static str, bool)> = ABBREVIATIONS
            .iter()
            .map(|&e| (e, false))
            .chain(BEFORE_NUMBER.iter().map(|&e| (e, true)))
            .map(|(e, n)| (lower_key(e).expect("short ASCII entries"), e, n))
            .collect();
        t.sort_by_key(|e| e.0);
        t
    })
}

/// A single capital letter: a name initial ("W" in "George W. Bush").
fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Most groups a dotted abbreviation may have. Real ones have at most five
/// ("U.S.S.R."); the bound keeps the tokenizer's scan constant-time on
/// "a.a.a.a..." garbage.
pub(super) const MAX_DOTTED_GROUPS: usize = 6;

/// Two to [`MAX_DOTTED_GROUPS`] dot-separated groups of one or two letters,
/// final dot excluded: "U.S", "a.m", "Ph.D", "U.S.A". The tokenizer's dotted
/// scan accepts exactly these shapes too.
pub(super) fn is_dotted(word: &str) -> bool {
    if !word.as_bytes().contains(&b'.') {
        return false;
    }
    let mut groups = 0;
    for group in word.split('.') {
        let n = group.chars().count();
        if !(1..=2).contains(&n) || !group.chars().all(char::is_alphabetic) {
            return false;
        }
        groups += 1;
        if groups > MAX_DOTTED_GROUPS {
            return false;
        }
    }
    groups >= 2
}

/// Does `word` spell the abbreviation `entry`? Exact match, or all caps, or a
/// capitalised form of a lowercase entry.
fn entry_matches(word: &str, entry: &str) -> bool {
    if word.len() != entry.len() {
        return false;
    }
    if word == entry {
        return true;
    }
    let (w, e) = (word.as_bytes(), entry.as_bytes());
    if w.len() >= 2 && w.iter().all(u8::is_ascii_uppercase) {
        return word.eq_ignore_ascii_case(entry);
    }
    e[0].is_ascii_lowercase() && w[0] == e[0].to_ascii_uppercase() && w[1..] == e[1..]
}

/// `word` equals one of `list` (lowercase entries) ignoring ASCII case.
fn in_list(word: &str, list: &[&str]) -> bool {
    list.iter().any(|e| e.eq_ignore_ascii_case(word))
}

/// The ASCII bytes at which [`split_sentences`] stops to look.
const SPLIT_BYTES: [u8; 5] = [b'.', b'!', b'?', b'\n', b'\r'];

/// Bytes `i..i + 8` of `b` as one word.
#[inline]
fn chunk8(b: &[u8], i: usize) -> u64 {
    u64::from_le_bytes(b[i..i + 8].try_into().expect("8 bytes"))
}

/// Whether any byte of the word `v` is non-ASCII or one of
/// [`SPLIT_BYTES`]. A byte equal to `x` is a zero byte of `v ^ (x * LO)`,
/// and `(w - LO) & !w & HI` is non-zero exactly when `w` has a zero byte.
#[inline]
fn may_break(v: u64) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero = |w: u64| w.wrapping_sub(LO) & !w & HI;
    let mut hits = v & HI;
    for x in SPLIT_BYTES {
        hits |= zero(v ^ (u64::from(x) * LO));
    }
    hits != 0
}

/// Splits `text` into sentences, clearing `out` and pushing one span per
/// sentence, in order, trimmed of surrounding white space. See the module
/// docs for the rules.
///
/// ```
/// use dyad_core::text::split_sentences;
///
/// let text = "\"It is over.\" Iraqi forces entered Ramadi on Monday.\n";
/// let mut spans = Vec::new();
/// split_sentences(text, &mut spans);
/// let s: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
/// assert_eq!(s, ["\"It is over.\"", "Iraqi forces entered Ramadi on Monday."]);
/// ```
pub fn split_sentences(text: &str, out: &mut Vec<Span>) {
    out.clear();
    let text = clamp_text(text);
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut line_start = 0;
    let mut i = 0;
    loop {
        // Fast path: ASCII bytes that are neither terminal punctuation nor
        // line breaks only move on (the `_` arm below); skip them eight at
        // a time, then one at a time up to the next byte that may matter.
        while i + 8 <= bytes.len() && !may_break(chunk8(bytes, i)) {
            i += 8;
        }
        while i < bytes.len() && bytes[i] < 0x80 && !SPLIT_BYTES.contains(&bytes[i]) {
            i += 1;
        }
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        let c = if b < 0x80 {
            b as char
        } else {
            char_at(text, i).unwrap_or('\u{FFFD}')
        };
        let width = c.len_utf8();
        match c {
            '.' | '!' | '?' | '…' | '‼' | '⁇' | '⁈' | '⁉' | '。' | '！' | '？' => {
                let (resume, boundary) = at_terminal(text, start, i);
                if let Some(end) = boundary {
                    push_trimmed(text, start, end, out);
                    start = end;
                }
                i = resume;
            }
            '\n' | '\u{2028}' | '\u{2029}' | '\u{85}' => {
                newline(text, &mut start, line_start, i, width, out);
                i += width;
                line_start = i;
            }
            '\r' if bytes.get(i + 1) != Some(&b'\n') => {
                newline(text, &mut start, line_start, i, width, out);
                i += width;
                line_start = i;
            }
            _ => i += width,
        }
    }
    push_trimmed(text, start, text.len(), out);
}

/// Pushes `text[start..end]` trimmed of space, if anything is left.
fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<Span>) {
    let Some(seg) = text.get(start..end) else {
        return;
    };
    let trimmed = seg.trim_start_matches(is_space);
    let lead = seg.len() - trimmed.len();
    let trimmed = trimmed.trim_end_matches(is_space);
    if !trimmed.is_empty() {
        out.push(Span::new(start + lead, start + lead + trimmed.len()));
    }
}

fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}' | '\u{85}')
}

/// Closing quotes and brackets that may follow sentence-final punctuation.
fn is_closer(c: char) -> bool {
    is_closing_quote(c) || matches!(c, ')' | ']' | '}')
}

fn is_closing_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | '›' | '」' | '』')
}

/// Opening quotes and brackets that may precede a sentence's first word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '„' | '«' | '‹' | '(' | '[' | '{' | '¿' | '¡' | '「' | '『'
    )
}

/// The shape of the first word after a candidate boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next {
    End,
    Lower,
    Upper,
    Digit,
    /// Another dot: a spaced ellipsis ". . .".
    Dot,
    Other,
}

/// Classifies the word starting at or after `pos` (skipping space and
/// opening quotes). Returns its class and its leading letters (for the
/// starter test) and whether a period follows those letters directly.
fn next_word(text: &str, pos: usize) -> (Next, &str, bool) {
    let mut i = pos;
    while let Some(c) = char_at(text, i) {
        if !is_space(c) && !is_opener(c) {
            break;
        }
        i += c.len_utf8();
    }
    let Some(first) = char_at(text, i) else {
        return (Next::End, "", false);
    };
    let mut j = i;
    let mut inner_upper = false;
    for c in text[i..].chars().take(24) {
        if !c.is_alphabetic() {
            break;
        }
        inner_upper |= j > i && c.is_uppercase();
        j += c.len_utf8();
    }
    let letters = &text[i..j];
    let dot_after = char_at(text, j) == Some('.');
    let class = if first == '.' || first == '…' {
        Next::Dot
    } else if first.is_lowercase() {
        // "iPhone", "eBay": brand names that may start a sentence.
        if inner_upper {
            Next::Upper
        } else {
            Next::Lower
        }
    } else if first.is_alphabetic() {
        // Upper- and titlecase letters, and uncased scripts.
        Next::Upper
    } else if first.is_numeric() {
        Next::Digit
    } else {
        Next::Other
    };
    (class, letters, dot_after)
}

/// Decides whether the terminal punctuation at byte `i` ends a sentence.
/// Returns where to resume scanning and, if it is a boundary, the end of the
/// sentence (after the punctuation run and any closing quotes or brackets).
fn at_terminal(text: &str, start: usize, i: usize) -> (usize, Option<usize>) {
    let mut j = i;
    let mut dots = 0;
    let mut ellipsis = false;
    let mut strong = false;
    let mut ideographic = false;
    while let Some(c) = char_at(text, j) {
        match c {
            '.' => dots += 1,
            '…' => ellipsis = true,
            '!' | '?' | '‼' | '⁇' | '⁈' | '⁉' => strong = true,
            '。' | '！' | '？' => {
                strong = true;
                ideographic = true;
            }
            _ => break,
        }
        j += c.len_utf8();
    }
    ellipsis |= dots >= 2;

    let mut k = j;
    let mut quoted = false;
    while let Some(c) = char_at(text, k) {
        if !is_closer(c) {
            break;
        }
        quoted |= is_closing_quote(c);
        k += c.len_utf8();
    }
    match char_at(text, k) {
        None => return (k, Some(k)),
        Some(c) if !is_space(c) && !ideographic => return (j, None),
        _ => {}
    }

    let (next, letters, dot_after) = next_word(text, k);
    let boundary = match next {
        Next::End => true,
        Next::Lower | Next::Dot => false,
        _ if strong && j == i + 1 && !quoted && is_bang_name(text, start, i) => {
            next == Next::Upper && in_list(letters, STARTERS)
        }
        _ if strong => true,
        _ if ellipsis => next == Next::Upper,
        _ if quoted => true,
        // A single period, possibly followed by closing brackets, which
        // defer to the word before.
        _ => match word_before(text, start, i) {
            None => next == Next::Upper,
            Some(w) => match classify_abbrev(w) {
                Abbrev::No => true,
                Abbrev::BeforeNumber => next != Next::Digit,
                Abbrev::Yes => next == Next::Upper && !dot_after && in_list(letters, STARTERS),
            },
        },
    };
    if boundary {
        (k, Some(k))
    } else {
        (j, None)
    }
}

/// Is the `!` at byte `i` part of a name such as "Yahoo!"?
fn is_bang_name(text: &str, start: usize, i: usize) -> bool {
    text[i..].starts_with('!')
        && word_before(text, start, i).is_some_and(|w| BANG_NAMES.contains(&w))
}

/// The word ending at byte `end` (where a period sits), stripped of leading
/// and trailing non-alphanumerics such as quotes and brackets. `None` when
/// there is no word (the period follows space or starts the sentence).
/// Words longer than 64 chars are returned as "" surrogates of ordinary
/// words, bounding the backwards scan.
fn word_before(text: &str, start: usize, end: usize) -> Option<&str> {
    let mut i = end;
    let mut n = 0;
    while i > start {
        let Some(c) = char_before(text, i) else { break };
        if is_space(c) {
            break;
        }
        n += 1;
        if n > 64 {
            return Some("-");
        }
        i -= c.len_utf8();
    }
    let w = text[i..end]
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    if w.is_empty() {
        None
    } else {
        Some(w)
    }
}

/// Handles a line break at byte `i` (`width` bytes long): a blank line ends
/// the current sentence, and so does the end of a heading line.
fn newline(
    text: &str,
    start: &mut usize,
    line_start: usize,
    i: usize,
    width: usize,
    out: &mut Vec<Span>,
) {
    let after = i + width;
    let paragraph = text[i..].starts_with('\u{2029}') || blank_line_follows(text, after);
    if paragraph || heading_ends(text, (*start).max(line_start), i, after) {
        push_trimmed(text, *start, i, out);
        *start = after;
    }
}

/// True if only non-breaking space separates `pos` from the next line break.
fn blank_line_follows(text: &str, pos: usize) -> bool {
    for c in text[pos..].chars() {
        if is_line_break(c) {
            return true;
        }
        if !is_space(c) {
            return false;
        }
    }
    false
}

/// Does the line `text[line_start..nl]` end a sentence at its line break?
fn heading_ends(text: &str, line_start: usize, nl: usize, after: usize) -> bool {
    let line = text[line_start..nl].trim_matches(is_space);
    if line.is_empty() || line.len() > 200 {
        return false;
    }
    let Some(last) = line.chars().next_back() else {
        return false;
    };
    if matches!(
        last,
        '.' | '!' | '?' | '…' | ',' | ';' | ':' | '-' | '–' | '—' | '/' | '&' | '(' | '+'
    ) {
        return false;
    }
    let next = text[after..].trim_start_matches(is_space);
    let Some(first) = next.chars().next() else {
        return false;
    };
    if first.is_lowercase() {
        return false;
    }
    let last_word = line
        .rsplit(|c: char| !c.is_alphanumeric())
        .find(|w| !w.is_empty())
        .unwrap_or("");
    if in_list(last_word, FUNCTION_WORDS) {
        return false;
    }
    starts_with_bullet(line) || starts_with_bullet(next) || is_dateline(next) || is_title(line)
}

fn starts_with_bullet(line: &str) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '▪' | '►' | '‣' | '◦') => true,
        Some('*' | '·') => chars.next().is_some_and(char::is_whitespace),
        _ => false,
    }
}

/// All capitals, or title case (every content word capitalised, allowing one
/// lowercase word in five for long headlines).
fn is_title(line: &str) -> bool {
    let mut has_letter = false;
    let mut has_lower = false;
    for c in line.chars() {
        has_letter |= c.is_alphabetic();
        has_lower |= c.is_lowercase();
    }
    if !has_letter {
        return false;
    }
    if !has_lower {
        return true;
    }
    let (mut caps, mut lower) = (0usize, 0usize);
    for (n, word) in line.split(is_space).enumerate() {
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let Some(first) = word.chars().next() else {
            continue;
        };
        if n > 0 && in_list(word, FUNCTION_WORDS) {
            continue;
        }
        if first.is_uppercase() || first.is_numeric() {
            caps += 1;
        } else if first.is_lowercase() {
            lower += 1;
        }
    }
    caps > 0 && (lower == 0 || (caps >= 4 && lower * 4 <= caps))
}

/// A news dateline: one or more all-caps words, optionally a comma and a
/// short place or date, then an opening bracket or a dash.
/// "BAGHDAD (Reuters) -", "WASHINGTON —", "GENEVA, Switzerland (AP) —",
/// "BEIJING, Jan 5 (Reuters) -".
fn is_dateline(line: &str) -> bool {
    let mut caps = 0;
    let mut head = "";
    let mut rest = "";
    for (i, c) in line.char_indices() {
        if c.is_uppercase() {
            caps += 1;
        } else if c.is_lowercase() || c.is_numeric() || i > 40 {
            return false;
        } else if !matches!(c, ' ' | '.' | '\'') {
            (head, rest) = line.split_at(i);
            break;
        }
    }
    if caps < 2 {
        return false;
    }
    if let Some(tail) = rest.strip_prefix(',') {
        // The place or date after the comma: up to 40 letters, digits,
        // spaces, dots and commas, then the bracket or dash.
        let Some((pos, _)) = tail
            .char_indices()
            .take(41)
            .find(|&(_, c)| !(c.is_alphanumeric() || matches!(c, ' ' | '.' | ',')))
        else {
            return false;
        };
        (head, rest) = tail.split_at(pos);
    }
    // The space keeps "US-led" from reading as "US -".
    head.ends_with(' ') && rest.starts_with(['(', '—', '–', '-'])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn may_break_flags_exactly_the_bytes_that_matter() {
        let matters = |b: u8| b >= 0x80 || SPLIT_BYTES.contains(&b);
        for pos in 0..8 {
            for b in 0..=255u8 {
                for fill in [b'a', b' ', 0u8, 0x7f, b'.' - 1, b'.' + 1] {
                    let mut chunk = [fill; 8];
                    chunk[pos] = b;
                    assert_eq!(
                        may_break(u64::from_le_bytes(chunk)),
                        chunk.iter().any(|&c| matters(c)),
                        "{chunk:?}"
                    );
                }
            }
        }
    }

    fn split(text: &str) -> Vec<&str> {
        let mut spans = Vec::new();
        split_sentences(text, &mut spans);
        spans.iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            split("Troops entered Falluja on Monday. Residents fled north! Why now? Nobody knows."),
            [
                "Troops entered Falluja on Monday.",
                "Residents fled north!",
                "Why now?",
                "Nobody knows."
            ]
        );
    }

    #[test]
    fn empty_and_blank_input() {
        assert!(split("").is_empty());
        assert!(split(" \n\r\n\t ").is_empty());
        assert_eq!(split("  Talks resumed  "), ["Talks resumed"]);
    }

    #[test]
    fn reuses_and_clears_output() {
        let mut spans = vec![Span::new(0, 1); 5];
        split_sentences("One. Two.", &mut spans);
        assert_eq!(spans, [Span::new(0, 4), Span::new(5, 9)]);
    }

    #[test]
    fn titles_and_ranks() {
        assert_eq!(
            split(
                "Sen. John Hale met Gen. Ali Hassan and Lt. Col. Omar Said in Basra. \
                 Mrs. Hale and Dr. Karimi stayed behind. Rep. Diaz and Gov. Lee did not."
            ),
            [
                "Sen. John Hale met Gen. Ali Hassan and Lt. Col. Omar Said in Basra.",
                "Mrs. Hale and Dr. Karimi stayed behind.",
                "Rep. Diaz and Gov. Lee did not."
            ]
        );
    }

    #[test]
    fn dotted_abbreviations_inside_sentences() {
        assert_eq!(
            split(
                "The U.S. military said the U.N. Security Council and the E.U. would meet. It did."
            ),
            [
                "The U.S. military said the U.N. Security Council and the E.U. would meet.",
                "It did."
            ]
        );
        assert_eq!(
            split("Exports to the E.U. fell sharply. Imports from the U.K. rose."),
            [
                "Exports to the E.U. fell sharply.",
                "Imports from the U.K. rose."
            ]
        );
    }

    #[test]
    fn us_at_sentence_end_before_starter_splits() {
        assert_eq!(
            split("The envoy flew back to the U.S. The talks resume on Friday."),
            [
                "The envoy flew back to the U.S.",
                "The talks resume on Friday."
            ]
        );
        assert_eq!(
            split("Sanctions were lifted by the U.K. He welcomed the move."),
            ["Sanctions were lifted by the U.K.", "He welcomed the move."]
        );
        assert_eq!(
            split("The deal was signed in the U.S. It takes effect in March."),
            [
                "The deal was signed in the U.S.",
                "It takes effect in March."
            ]
        );
    }

    #[test]
    fn us_before_non_starter_does_not_split() {
        assert_eq!(
            split("Aid cut by the U.S. Congress was restored."),
            ["Aid cut by the U.S. Congress was restored."]
        );
        assert_eq!(
            split("A U.S. Navy ship docked."),
            ["A U.S. Navy ship docked."]
        );
    }

    #[test]
    fn abbreviation_at_end_of_text() {
        assert_eq!(
            split("Aid was sent by the U.S."),
            ["Aid was sent by the U.S."]
        );
        assert_eq!(split("Shares of Acme Inc.  "), ["Shares of Acme Inc."]);
    }

    #[test]
    fn months_and_numbers() {
        assert_eq!(
            split(
                "The attacks of Sept. 11 changed the region. On Feb. 3, talks began. \
                 Fighting resumed in Jan. The ceasefire collapsed."
            ),
            [
                "The attacks of Sept. 11 changed the region.",
                "On Feb. 3, talks began.",
                "Fighting resumed in Jan.",
                "The ceasefire collapsed."
            ]
        );
    }

    #[test]
    fn number_abbreviations_only_before_numbers() {
        assert_eq!(
            split("He met the premier at No. 10 Downing St. on Monday. Asked again, he said no. Talks ended."),
            [
                "He met the premier at No. 10 Downing St. on Monday.",
                "Asked again, he said no.",
                "Talks ended."
            ]
        );
        assert_eq!(
            split("The answer was No. Officials left."),
            ["The answer was No.", "Officials left."]
        );
    }

    #[test]
    fn companies_and_misc() {
        assert_eq!(
            split("Shares of Exxon Mobil Corp. fell 3.5% on Tuesday. The company said output dropped."),
            [
                "Shares of Exxon Mobil Corp. fell 3.5% on Tuesday.",
                "The company said output dropped."
            ]
        );
        assert_eq!(
            split("The contract went to Acme Co. Ltd. The firm declined to comment."),
            [
                "The contract went to Acme Co. Ltd.",
                "The firm declined to comment."
            ]
        );
        assert_eq!(
            split("Acme Inc. Chief Executive Jane Roe resigned."),
            ["Acme Inc. Chief Executive Jane Roe resigned."]
        );
        assert_eq!(
            split(
                "The case, Iraq vs. Kuwait, was heard. Oil, gas, etc. were discussed. Talks ended."
            ),
            [
                "The case, Iraq vs. Kuwait, was heard.",
                "Oil, gas, etc. were discussed.",
                "Talks ended."
            ]
        );
    }

    #[test]
    fn times_of_day() {
        assert_eq!(
            split("The blast hit at 9 a.m. local time. Police arrived at 10:15 p.m. The curfew began."),
            [
                "The blast hit at 9 a.m. local time.",
                "Police arrived at 10:15 p.m.",
                "The curfew began."
            ]
        );
        assert_eq!(
            split("They met at 3 p.m. Monday in Cairo."),
            ["They met at 3 p.m. Monday in Cairo."]
        );
    }

    #[test]
    fn initials() {
        assert_eq!(
            split("President George W. Bush met John F. Kerry's aides. J. A. Smith attended."),
            [
                "President George W. Bush met John F. Kerry's aides.",
                "J. A. Smith attended."
            ]
        );
        assert_eq!(
            split("Troops were told to use Plan B. The plan failed."),
            ["Troops were told to use Plan B.", "The plan failed."]
        );
    }

    #[test]
    fn decimals_and_percentages() {
        assert_eq!(
            split("Inflation rose 3.5% in March, up from 2.1 percent. Growth slowed to 0.4."),
            [
                "Inflation rose 3.5% in March, up from 2.1 percent.",
                "Growth slowed to 0.4."
            ]
        );
        assert_eq!(
            split("Turnout was 60.2%. Results follow."),
            ["Turnout was 60.2%.", "Results follow."]
        );
    }

    #[test]
    fn ellipses() {
        assert_eq!(
            split("The minister said ... the deal was dead. Talks ended."),
            ["The minister said ... the deal was dead.", "Talks ended."]
        );
        assert_eq!(
            split("We waited... Then the shelling began."),
            ["We waited...", "Then the shelling began."]
        );
        assert_eq!(
            split("He paused… and left. Nobody followed…"),
            ["He paused… and left.", "Nobody followed…"]
        );
        assert_eq!(
            split("They fled . . . and hid. Police came."),
            ["They fled . . . and hid.", "Police came."]
        );
        assert_eq!(
            split("We waited… 12 hours later, aid came."),
            ["We waited… 12 hours later, aid came."]
        );
    }

    #[test]
    fn quotation_ends_after_closing_quote() {
        assert_eq!(
            split("\"This is a great achievement.\" Iraqi forces entered the city."),
            [
                "\"This is a great achievement.\"",
                "Iraqi forces entered the city."
            ]
        );
        assert_eq!(
            split("\"Will they attack?\" he asked. \"No!\" she said."),
            ["\"Will they attack?\" he asked.", "\"No!\" she said."]
        );
        assert_eq!(
            split("“We will respond.” The army moved north. “Why?” Nobody answered."),
            [
                "“We will respond.”",
                "The army moved north.",
                "“Why?”",
                "Nobody answered."
            ]
        );
        assert_eq!(
            split(
                "He called it 'a betrayal.' Protests followed. She said ‘enough!’ Then she left."
            ),
            [
                "He called it 'a betrayal.'",
                "Protests followed.",
                "She said ‘enough!’",
                "Then she left."
            ]
        );
        assert_eq!(
            split("He said: \"'Enough,' they shouted.\" Police withdrew."),
            ["He said: \"'Enough,' they shouted.\"", "Police withdrew."]
        );
    }

    #[test]
    fn quote_after_abbreviation_ends_sentence() {
        assert_eq!(
            split("\"I was born in the U.S.\" Officials disputed that."),
            ["\"I was born in the U.S.\"", "Officials disputed that."]
        );
        assert_eq!(
            split("\"We trust the U.S.,\" he said."),
            ["\"We trust the U.S.,\" he said."]
        );
    }

    #[test]
    fn brackets() {
        assert_eq!(
            split("(He declined to comment.) The ministry said nothing."),
            ["(He declined to comment.)", "The ministry said nothing."]
        );
        assert_eq!(
            split(
                "Shares of Apple Inc. (AAPL.O) rose. (Apple Inc.) Chief Executive Tim Cook spoke."
            ),
            [
                "Shares of Apple Inc. (AAPL.O) rose.",
                "(Apple Inc.) Chief Executive Tim Cook spoke."
            ]
        );
    }

    #[test]
    fn british_quote_before_period() {
        assert_eq!(
            split("He called it \"a failure\". Aides disagreed."),
            ["He called it \"a failure\".", "Aides disagreed."]
        );
    }

    #[test]
    fn state_abbreviation_dateline() {
        assert_eq!(
            split(
                "SPRINGFIELD, Ill. (AP) — Gov. Pat Quinn signed the bill. It takes effect in May."
            ),
            [
                "SPRINGFIELD, Ill. (AP) — Gov. Pat Quinn signed the bill.",
                "It takes effect in May."
            ]
        );
    }

    #[test]
    fn paragraph_break_ends_sentence() {
        assert_eq!(
            split("Iraqi Forces Retake Ramadi\n\nBAGHDAD (Reuters) - Iraqi forces retook the city.\n\nFighting continued"),
            [
                "Iraqi Forces Retake Ramadi",
                "BAGHDAD (Reuters) - Iraqi forces retook the city.",
                "Fighting continued"
            ]
        );
        // Even after an abbreviation and before a lowercase word.
        assert_eq!(
            split("Aid from the U.S.\n\nofficials said"),
            ["Aid from the U.S.", "officials said"]
        );
        assert_eq!(
            split("first part\n  \t \nsecond part"),
            ["first part", "second part"]
        );
    }

    #[test]
    fn title_case_heading_on_single_line_break() {
        assert_eq!(
            split("Iraqi Forces Retake Ramadi From Islamic State\nIraqi forces said on Monday they had retaken the city."),
            [
                "Iraqi Forces Retake Ramadi From Islamic State",
                "Iraqi forces said on Monday they had retaken the city."
            ]
        );
        assert_eq!(
            split("Obama to Meet Putin in Geneva\nThe two leaders will discuss Syria."),
            [
                "Obama to Meet Putin in Geneva",
                "The two leaders will discuss Syria."
            ]
        );
        assert_eq!(
            split("REBELS SEIZE AIRPORT\nRebels seized the airport overnight."),
            [
                "REBELS SEIZE AIRPORT",
                "Rebels seized the airport overnight."
            ]
        );
    }

    #[test]
    fn heading_before_dateline() {
        assert_eq!(
            split("Iraqi forces retake Ramadi\nBAGHDAD (Reuters) - Iraqi forces retook Ramadi."),
            [
                "Iraqi forces retake Ramadi",
                "BAGHDAD (Reuters) - Iraqi forces retook Ramadi."
            ]
        );
        assert_eq!(
            split("Talks stall in Geneva\nGENEVA, Switzerland (AP) — Talks stalled."),
            [
                "Talks stall in Geneva",
                "GENEVA, Switzerland (AP) — Talks stalled."
            ]
        );
        assert_eq!(
            split("China protests arms sale\nBEIJING, Jan 5 (Reuters) - China protested."),
            [
                "China protests arms sale",
                "BEIJING, Jan 5 (Reuters) - China protested."
            ]
        );
    }

    #[test]
    fn hard_wrapped_prose_stays_whole() {
        assert_eq!(
            split("The minister told reporters that the\ngovernment would not negotiate with\nthe rebels. Fighting continued."),
            [
                "The minister told reporters that the\ngovernment would not negotiate with\nthe rebels.",
                "Fighting continued."
            ]
        );
        assert_eq!(
            split("Talks were held with\nPresident Obama on Monday, officials said\nWednesday in a statement."),
            ["Talks were held with\nPresident Obama on Monday, officials said\nWednesday in a statement."]
        );
        // An acronym at a line start is not a dateline.
        assert_eq!(
            split("Forces backed by the alliance and\nUS-led coalition advanced."),
            ["Forces backed by the alliance and\nUS-led coalition advanced."]
        );
    }

    #[test]
    fn bullets_end_at_line_breaks() {
        assert_eq!(
            split("Key points\n• Troops withdrew from Ramadi\n• Talks resumed in Geneva\nOfficials were upbeat."),
            [
                "Key points",
                "• Troops withdrew from Ramadi",
                "• Talks resumed in Geneva",
                "Officials were upbeat."
            ]
        );
    }

    #[test]
    fn crlf_and_other_line_breaks() {
        assert_eq!(
            split("Troops withdrew.\r\nTalks Resumed\r\n\r\nNext paragraph here.\r\n"),
            ["Troops withdrew.", "Talks Resumed", "Next paragraph here."]
        );
        assert_eq!(split("one part\r\rtwo part"), ["one part", "two part"]);
        assert_eq!(split("one part\u{2029}two part"), ["one part", "two part"]);
    }

    #[test]
    fn spans_exclude_surrounding_space() {
        let text = "  \u{a0}Troops left.\u{3000} Talks began.\t\n";
        let mut spans = Vec::new();
        split_sentences(text, &mut spans);
        let got: Vec<&str> = spans.iter().map(|s| s.slice(text)).collect();
        assert_eq!(got, ["Troops left.", "Talks began."]);
        assert_eq!(spans[0].start, 4);
    }

    #[test]
    fn ideographic_full_stops() {
        assert_eq!(
            split("北京表示反对。美国回应！"),
            ["北京表示反对。", "美国回应！"]
        );
    }

    #[test]
    fn unicode_does_not_break_spans() {
        assert_eq!(
            split("Protesters chanted 🇺🇸🔥. Police re\u{301}sponded. Ça va."),
            [
                "Protesters chanted 🇺🇸🔥.",
                "Police re\u{301}sponded.",
                "Ça va."
            ]
        );
        assert_eq!(
            split("Türkiye’s envoy left. İstanbul was calm."),
            ["Türkiye’s envoy left.", "İstanbul was calm."]
        );
    }

    #[test]
    fn bang_names() {
        assert_eq!(
            split(
                "Yahoo! News reported the clashes. Yahoo! The company said so. Stop! Police said."
            ),
            [
                "Yahoo! News reported the clashes.",
                "Yahoo!",
                "The company said so.",
                "Stop!",
                "Police said."
            ]
        );
    }

    /// Inputs that would expose quadratic scans; each must finish quickly.
    #[test]
    fn pathological_inputs_are_linear() {
        let n = 100_000;
        for unit in [
            "a.", ". ", ".)", "a.a", "AAA, ", "\n ", "\nA ", "A\n", "x ", "!", "“",
        ] {
            let text = unit.repeat(n);
            let mut spans = Vec::new();
            split_sentences(&text, &mut spans);
            assert!(spans.len() <= text.len());
        }
        let long_line = format!("BAGHDAD, {}\nNext", "word ".repeat(n));
        let mut spans = Vec::new();
        split_sentences(&long_line, &mut spans);
        assert_eq!(spans.len(), 1);
    }

    #[test]
    fn camel_case_brand_starts_sentence() {
        assert_eq!(
            split("Sales fell. iPhone shipments dropped."),
            ["Sales fell.", "iPhone shipments dropped."]
        );
    }

    #[test]
    fn classify_abbrev_cases() {
        assert_eq!(classify_abbrev("Mr"), Abbrev::Yes);
        assert_eq!(classify_abbrev("MR"), Abbrev::Yes);
        assert_eq!(classify_abbrev("mr"), Abbrev::No);
        assert_eq!(classify_abbrev("Etc"), Abbrev::Yes);
        assert_eq!(classify_abbrev("U.S"), Abbrev::Yes);
        assert_eq!(classify_abbrev("Ph.D"), Abbrev::Yes);
        assert_eq!(classify_abbrev("W"), Abbrev::Yes);
        assert_eq!(classify_abbrev("w"), Abbrev::No);
        assert_eq!(classify_abbrev("No"), Abbrev::BeforeNumber);
        assert_eq!(classify_abbrev("Iraq"), Abbrev::No);
        assert_eq!(classify_abbrev("google.com"), Abbrev::No);
        assert_eq!(classify_abbrev("ill"), Abbrev::No);
    }

    /// The simple path: scan both lists in order, as the table lookup in
    /// [`classify_abbrev`] must agree with.
    fn classify_abbrev_by_scan(word: &str) -> Abbrev {
        if is_initial(word)
            || is_dotted(word)
            || ABBREVIATIONS.iter().any(|a| entry_matches(word, a))
        {
            Abbrev::Yes
        } else if BEFORE_NUMBER.iter().any(|a| entry_matches(word, a)) {
            Abbrev::BeforeNumber
        } else {
            Abbrev::No
        }
    }

    #[test]
    fn classify_abbrev_table_agrees_with_scan_on_every_entry() {
        for &e in ABBREVIATIONS.iter().chain(BEFORE_NUMBER) {
            let upper = e.to_ascii_uppercase();
            let lower = e.to_ascii_lowercase();
            let cap = format!("{}{}", &upper[..1], &lower[1..]);
            let padded = format!("{e}\0");
            for w in [e, &upper, &lower, &cap, &padded, &e[1..], &format!("{e}s")] {
                assert_eq!(classify_abbrev(w), classify_abbrev_by_scan(w), "{w:?}");
            }
        }
    }

    /// Checks the documented span invariants for `text`.
    fn check_invariants(text: &str) -> Result<(), TestCaseError> {
        let mut spans = Vec::new();
        split_sentences(text, &mut spans);
        let mut prev_end = 0;
        for s in &spans {
            prop_assert!(s.start < s.end, "empty span {:?}", s);
            prop_assert!(prev_end <= s.start, "overlap at {:?}", s);
            prop_assert!(s.end as usize <= text.len());
            prop_assert!(text.is_char_boundary(s.start as usize));
            prop_assert!(text.is_char_boundary(s.end as usize));
            let body = s.slice(text);
            prop_assert_eq!(body, body.trim_matches(is_space));
            prev_end = s.end;
        }
        // Nothing but space falls between sentences.
        let mut covered = 0;
        for s in &spans {
            prop_assert!(text[covered..s.start as usize].chars().all(is_space));
            covered = s.end as usize;
        }
        prop_assert!(text[covered..].chars().all(is_space));
        Ok(())
    }

    proptest! {
        #[test]
        fn classify_abbrev_table_agrees_with_scan(word in "[A-Za-z.\u{e9}\u{130}]{0,9}") {
            prop_assert_eq!(classify_abbrev(&word), classify_abbrev_by_scan(&word));
        }

        #[test]
        fn invariants_on_arbitrary_text(text in "\\PC{0,200}") {
            check_invariants(&text)?;
        }

        #[test]
        fn invariants_on_any_chars(text in any::<String>()) {
            check_invariants(&text)?;
        }

        #[test]
        fn invariants_on_news_like_text(parts in prop::collection::vec(prop::sample::select(vec![
            "U.S.", "The", " ", "  ", "\n", "\n\n", "\r\n", ".", "...", "…", "?", "!", "\"", "'",
            "”", "’", ")", "(", "Mr.", "No.", "10", "3.5%", "a.m.", "he", "BAGHDAD", " (Reuters) -",
            "—", "•", "é", "\u{301}", "🇺🇸", "。", "W.", "Inc.", ",", "\u{a0}", "\u{2029}", "\r",
        ]), 0..40)) {
            check_invariants(&parts.concat())?;
        }
    }
}
