//! Tokenisation of one sentence into words, numbers and punctuation.
//!
//! [`tokenize`] runs after sentence splitting: given the document text and a
//! sentence [`Span`], it fills a reusable [`TokenBuf`] with tokens carrying
//! absolute byte spans and normalised forms. The dictionaries (actors, agents,
//! verbs) and the clause analysis consume these tokens.
//!
//! Rules, and why. The style follows the Penn Treebank where news parsers and
//! the PETRARCH-family dictionaries expect it:
//!
//! * White space separates tokens and is never part of one.
//! * A word starts with a letter and runs over letters, digits and combining
//!   marks ("Dubček" written with a separate háček stays whole). Soft hyphens
//!   and zero-width joiners inside it are kept in the span and dropped from
//!   the norm.
//! * Hyphens split words: "al-Qaeda" is `al` `-` `qaeda`, so dictionaries can
//!   match either half and the hyphen. Every dash (‐ – — ― −) and a run of
//!   dashes ("--") is one Punct token with norm `-`.
//! * Dotted abbreviations are one token including the final dot: "U.S.",
//!   "U.N.", "a.m.", "Ph.D." (norm "u.s."), and so are the listed
//!   abbreviations and name initials the sentence splitter knows ("Gen.",
//!   "Sept.", "W."; "No." only before a number). A sentence-final dot after
//!   any other word is its own `.` token. A sentence ending in an abbreviation
//!   ("...sold to Acme Inc.") therefore has no separate `.` token.
//! * Clitics split off: possessive "Israel's"/"Israel’s" → `israel` `'s`;
//!   "don't" → `do` `n't`, "won't" → `wo` `n't`, "can't" → `ca` `n't`;
//!   "'re", "'ve", "'ll", "'d", "'m" likewise. A plural possessive
//!   ("countries'") ends the word; its apostrophe is a Punct token with norm
//!   `'`. Other inner apostrophes stay inside the word ("O'Neill", "Ba'ath").
//! * Numbers take group and decimal separators and a trailing percent sign:
//!   "1,000", "3.5", "60%". Digits glued to letters ("1990s", "2nd") form a
//!   Word.
//! * Any other character is a one-character Punct token, together with any
//!   combining marks, variation selectors, skin-tone modifiers and
//!   zero-width-joined characters after it (one token per emoji). A run of
//!   dots ("...") is one token.
//!
//! Every token span slices back to exactly the original bytes and lies inside
//! the (clamped) sentence span. Tokenising does not allocate once the buffer
//! has grown to the largest sentence seen.

use super::normalize::is_dash;
use super::sentences::{classify_abbrev, Abbrev, MAX_DOTTED_GROUPS};
use super::{
    char_at, char_before, clamp_span, is_space, normalize_into, AsciiWordCase, Span, TokenBuf,
    TokenKind,
};
use unicode_normalization::char::is_combining_mark;

/// Tokenises the sentence `sentence` of `text` into `buf`, clearing it first.
///
/// A span outside `text` or off char boundaries is clamped and shrunk onto
/// boundaries rather than rejected.
///
/// ```
/// use dyad_core::text::{tokenize, Span, TokenBuf, TokenKind};
///
/// let text = "Israel's army didn't enter al-Bireh.";
/// let mut buf = TokenBuf::new();
/// tokenize(text, Span::new(0, text.len()), &mut buf);
/// let norms: Vec<&str> = buf.iter().map(|(_, n)| n).collect();
/// assert_eq!(norms, ["israel", "'s", "army", "did", "n't", "enter", "al", "-", "bireh", "."]);
/// assert_eq!(buf.tokens[0].span.slice(text), "Israel");
/// assert_eq!(buf.tokens[9].kind, TokenKind::Punct);
/// ```
pub fn tokenize(text: &str, sentence: Span, buf: &mut TokenBuf) {
    buf.clear();
    let (lo, hi) = clamp_span(text, sentence);
    let s = &text[lo..hi];
    let mut i = 0;
    // End of the previous token if it was a word or number: a clitic must be
    // glued to one ("Israel's", "1990's").
    let mut glue_end = usize::MAX;
    let bytes = s.as_bytes();
    while i < bytes.len() {
        // ASCII fast path: white space and control bytes are `is_space`.
        let b = bytes[i];
        if b <= b' ' || b == 0x7F {
            i += 1;
            continue;
        }
        // ASCII word fast path: a run of ASCII letters and digits that ends
        // at an ASCII byte other than a dot or an apostrophe is a whole word
        // ([`scan_word`] would find the same end: no dotted abbreviation,
        // clitic or abbreviation dot can start there), and it is plain
        // ASCII, so it skips the scans below.
        if b.is_ascii_alphabetic() {
            // The scan also gathers the word's letter cases, so that the
            // push lowercases only what is upper case (most words are all
            // lower case, most of the rest only capitalised) and needs no
            // second pass for the case flags.
            let first = ASCII_WORD_CLASS[usize::from(b)];
            let mut rest = 0;
            let mut end = i + 1;
            while end < bytes.len() {
                let class = ASCII_WORD_CLASS[usize::from(bytes[end])];
                if class == 0 {
                    break;
                }
                rest |= class;
                end += 1;
            }
            let simple_end = bytes
                .get(end)
                .is_none_or(|&e| e < 0x80 && !matches!(e, b'.' | b'\'' | b'`'));
            if simple_end {
                let case = AsciiWordCase {
                    first_upper: first == UPPER,
                    rest_upper: rest & UPPER != 0,
                    any_lower: (first | rest) & LOWER != 0,
                };
                if !buf.push_ascii_word(Span::new(lo + i, lo + end), &s[i..end], case) {
                    return;
                }
                glue_end = end;
                i = end;
                continue;
            }
        }
        let Some(c) = char_at(s, i) else { break };
        if b >= 0x80 && is_space(c) {
            i += c.len_utf8();
            continue;
        }
        let (end, kind) = if c.is_alphabetic() {
            (scan_word(s, i), TokenKind::Word)
        } else if c.is_numeric() {
            scan_number(s, i)
        } else if is_apostrophe(c) && glue_end == i {
            match clitic_len(s, i + c.len_utf8()) {
                Some(n) => (i + c.len_utf8() + n, TokenKind::Word),
                None => (i + c.len_utf8(), TokenKind::Punct),
            }
        } else if is_dash(c) {
            (run_of(s, i, is_dash), TokenKind::Punct)
        } else if c == '.' {
            (run_of(s, i, |c| c == '.'), TokenKind::Punct)
        } else {
            (extend_cluster(s, i, c), TokenKind::Punct)
        };
        let tok = &s[i..end];
        let span = Span::new(lo + i, lo + end);
        let dash = kind == TokenKind::Punct && is_dash(c);
        // Most news tokens are plain ASCII: their norm is the lowercased
        // text ([`normalize_into`]'s fast path), built in one copy.
        let pushed = if !dash && tok.bytes().all(|b| b.is_ascii() && b != b'`') {
            buf.push_ascii(span, kind, tok)
        } else {
            let (capitalized, all_caps) = case_flags(tok);
            buf.push_with(span, kind, capitalized, all_caps, |arena| {
                if dash {
                    arena.push('-');
                    return;
                }
                let at = arena.len();
                normalize_into(tok, arena);
                if arena.len() == at {
                    // Only invisible characters or marks: keep them, so a
                    // norm is never empty.
                    arena.push_str(tok);
                }
            })
        };
        if !pushed {
            return;
        }
        glue_end = if kind == TokenKind::Punct {
            usize::MAX
        } else {
            end
        };
        i = end;
    }
}

/// [`ASCII_WORD_CLASS`] of a lower-case letter.
const LOWER: u8 = 1;
/// [`ASCII_WORD_CLASS`] of an upper-case letter.
const UPPER: u8 = 2;
/// [`ASCII_WORD_CLASS`] of a digit.
const DIGIT: u8 = 4;

/// The class of each byte in the ASCII word scan: [`LOWER`], [`UPPER`] or
/// [`DIGIT`] for `u8::is_ascii_alphanumeric` bytes, 0 for every other byte.
/// One load per byte both ends the word and tells its letter cases.
const ASCII_WORD_CLASS: [u8; 256] = {
    let mut t = [0; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = if c.is_ascii_lowercase() {
            LOWER
        } else if c.is_ascii_uppercase() {
            UPPER
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            0
        };
        b += 1;
    }
    t
};

/// Characters accepted as an apostrophe inside or before a word.
fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ' | '‘' | '´' | '`')
}

/// Characters that continue a word: letters, digits, combining marks and
/// invisible joiners.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c) || matches!(c, '\u{00AD}' | '\u{200C}' | '\u{200D}')
}

/// End of the run of chars matching `pred` starting at `i` (which matches).
fn run_of(s: &str, mut i: usize, pred: impl Fn(char) -> bool) -> usize {
    while let Some(c) = char_at(s, i) {
        if !pred(c) {
            break;
        }
        i += c.len_utf8();
    }
    i
}

/// The end of a one-character Punct token `c` at `i`, extended over what
/// renders as part of it: combining marks, variation selectors, emoji
/// skin-tone modifiers and tag characters, zero-width-joined followers, and
/// the second regional indicator of a flag.
fn extend_cluster(s: &str, i: usize, c: char) -> usize {
    let is_regional = |c: char| matches!(c, '\u{1F1E6}'..='\u{1F1FF}');
    let mut i = i + c.len_utf8();
    if is_regional(c) {
        if let Some(n) = char_at(s, i).filter(|&n| is_regional(n)) {
            i += n.len_utf8();
        }
    }
    while let Some(c) = char_at(s, i) {
        let joins = is_combining_mark(c)
            || matches!(c, '\u{FE00}'..='\u{FE0F}' | '\u{1F3FB}'..='\u{1F3FF}' | '\u{E0020}'..='\u{E007F}');
        if joins {
            i += c.len_utf8();
        } else if c == '\u{200D}' {
            i += c.len_utf8();
            match char_at(s, i) {
                Some(n) if !is_space(n) => i += n.len_utf8(),
                _ => break,
            }
        } else {
            break;
        }
    }
    i
}

/// Scans a word starting at `p` (a letter); returns its end.
fn scan_word(s: &str, p: usize) -> usize {
    // Right after a dot, this is the tail of a longer dotted run that was
    // already rejected ("a.b.c.d.e.f.g."), not the start of an abbreviation.
    // (`p` starts a char, so the char before it is a dot exactly when the
    // byte before it is.)
    if (p == 0 || s.as_bytes()[p - 1] != b'.') && may_be_dotted(s.as_bytes(), p) {
        if let Some(end) = dotted_end(s, p) {
            return end;
        }
    }
    word_tail(s, p, p)
}

/// False when the bytes after the letter at `p` rule out a dotted
/// abbreviation: its first group is one or two letters followed by a dot,
/// so an ASCII byte that is neither a letter nor a dot at `p + 1`, or one
/// that is not a dot at `p + 2` after an ASCII letter, ends the question
/// without the full scan of [`dotted_end`]. Non-ASCII bytes defer to it.
#[inline]
fn may_be_dotted(b: &[u8], p: usize) -> bool {
    if !b[p].is_ascii() {
        return true;
    }
    match b.get(p + 1) {
        Some(b'.') => true,
        Some(&c) if c.is_ascii_alphabetic() => match b.get(p + 2) {
            Some(b'.') => true,
            Some(&d) => !d.is_ascii(),
            None => false,
        },
        Some(&c) => !c.is_ascii(),
        None => false,
    }
}

/// Continues the word that began at `p` from `j`, applying the clitic and
/// abbreviation rules; returns its end.
fn word_tail(s: &str, p: usize, mut j: usize) -> usize {
    let bytes = s.as_bytes();
    while j < bytes.len() {
        // ASCII fast path: letters and digits continue the word.
        if bytes[j].is_ascii_alphanumeric() {
            j += 1;
            continue;
        }
        let Some(c) = char_at(s, j) else { break };
        if is_word_char(c) {
            j += c.len_utf8();
            continue;
        }
        if is_apostrophe(c) {
            let after = j + c.len_utf8();
            // "don't" → "do" + "n't": the word stops before the 'n'.
            if j >= p + 2 && matches!(s.as_bytes()[j - 1], b'n' | b'N') && is_t_end(s, after) {
                return j - 1;
            }
            if clitic_len(s, after).is_some() {
                return j;
            }
            if char_at(s, after).is_some_and(char::is_alphabetic) {
                j = after;
                continue;
            }
            return j;
        }
        if c == '.' && takes_dot(s, p, j) {
            return j + 1;
        }
        break;
    }
    j
}

/// "t" or "T" at `pos`, not followed by more of a word.
fn is_t_end(s: &str, pos: usize) -> bool {
    matches!(char_at(s, pos), Some('t' | 'T')) && !char_at(s, pos + 1).is_some_and(is_word_char)
}

/// Length of a clitic ("s", "re", "ve", "ll", "d", "m", any case) starting at
/// `pos`, if one stands there as a whole word-part.
fn clitic_len(s: &str, pos: usize) -> Option<usize> {
    let b = s.as_bytes();
    let mut n = 0;
    while n < 3 && b.get(pos + n).is_some_and(u8::is_ascii_alphabetic) {
        n += 1;
    }
    let part = &s[pos..pos + n];
    let known = ["s", "re", "ve", "ll", "d", "m"]
        .iter()
        .any(|k| k.eq_ignore_ascii_case(part));
    let ends = !char_at(s, pos + n).is_some_and(is_word_char);
    (known && ends).then_some(n)
}

/// Whether the word `s[p..j]`, followed by a dot at `j`, keeps the dot:
/// listed abbreviations and initials do, and "No."-type words before a number.
fn takes_dot(s: &str, p: usize, j: usize) -> bool {
    if char_at(s, j + 1).is_some_and(is_word_char) {
        return false;
    }
    match classify_abbrev(&s[p..j]) {
        Abbrev::Yes => true,
        Abbrev::No => false,
        Abbrev::BeforeNumber => {
            let rest = s[j + 1..].trim_start_matches(is_space);
            rest.chars().next().is_some_and(char::is_numeric)
        }
    }
}

/// End of a dotted abbreviation ("U.S.", "a.m.", "Ph.D.", also "U.S" without
/// the final dot) starting at `p`: two or more groups of one or two letters,
/// each but possibly the last followed by a dot, not followed by more of a
/// word. Mirrors [`is_dotted`](super::sentences::is_dotted).
fn dotted_end(s: &str, p: usize) -> Option<usize> {
    let mut j = p;
    let mut groups = 0;
    let mut end = p;
    loop {
        let mut n = 0;
        let mut k = j;
        while let Some(c) = char_at(s, k) {
            if !c.is_alphabetic() || n == 3 {
                break;
            }
            n += 1;
            k += c.len_utf8();
        }
        if n == 0 {
            break;
        }
        if n > 2 {
            return None;
        }
        groups += 1;
        if groups > MAX_DOTTED_GROUPS {
            return None;
        }
        if char_at(s, k) == Some('.') {
            j = k + 1;
            end = j;
        } else {
            end = k;
            break;
        }
    }
    if groups < 2 || char_at(s, end).is_some_and(is_word_char) {
        return None;
    }
    // A group glued to a combining mark ("U.S\u{301}") is not an
    // abbreviation; the word scan takes it instead.
    if char_before(s, end).is_some_and(is_combining_mark) {
        return None;
    }
    Some(end)
}

/// Scans a number starting at `p` (a digit); returns its end and kind.
fn scan_number(s: &str, p: usize) -> (usize, TokenKind) {
    let mut j = p;
    while let Some(c) = char_at(s, j) {
        if c.is_numeric() {
            j += c.len_utf8();
        } else if matches!(c, ',' | '.') && char_at(s, j + 1).is_some_and(|d| d.is_ascii_digit()) {
            j += 1;
        } else {
            break;
        }
    }
    match char_at(s, j) {
        Some('%') => (j + 1, TokenKind::Number),
        Some(c) if is_word_char(c) => (word_tail(s, p, j), TokenKind::Word),
        _ => (j, TokenKind::Number),
    }
}

/// `(capitalized, all_caps)` for a token's text.
fn case_flags(tok: &str) -> (bool, bool) {
    let mut has_letter = false;
    let mut has_lower = false;
    if tok.is_ascii() {
        for b in tok.bytes() {
            has_letter |= b.is_ascii_alphabetic();
            has_lower |= b.is_ascii_lowercase();
        }
        let capitalized = tok.as_bytes().first().is_some_and(u8::is_ascii_uppercase);
        return (capitalized, has_letter && !has_lower);
    }
    for c in tok.chars() {
        has_letter |= c.is_alphabetic();
        has_lower |= c.is_lowercase();
    }
    let capitalized = tok.chars().next().is_some_and(char::is_uppercase);
    (capitalized, has_letter && !has_lower)
}

#[cfg(test)]
mod tests {
    use super::super::split_sentences;
    use super::*;
    use proptest::prelude::*;

    /// (original text, norm, kind) of every token of the whole `text`.
    fn toks(text: &str) -> Vec<(&str, String, TokenKind)> {
        let mut buf = TokenBuf::new();
        tokenize(text, Span::new(0, text.len()), &mut buf);
        buf.iter()
            .map(|(t, n)| (t.span.slice(text), n.to_string(), t.kind))
            .collect()
    }

    fn norms(text: &str) -> Vec<String> {
        toks(text).into_iter().map(|(_, n, _)| n).collect()
    }

    fn raw(text: &str) -> Vec<&str> {
        toks(text).into_iter().map(|(r, _, _)| r).collect()
    }

    #[test]
    fn words_and_final_period() {
        assert_eq!(
            toks("Troops shelled Homs."),
            [
                ("Troops", "troops".to_string(), TokenKind::Word),
                ("shelled", "shelled".to_string(), TokenKind::Word),
                ("Homs", "homs".to_string(), TokenKind::Word),
                (".", ".".to_string(), TokenKind::Punct),
            ]
        );
    }

    #[test]
    fn punctuation_is_separate() {
        assert_eq!(
            raw("Iran, Iraq; Syria: (yes) [no] \"quoted\"?!"),
            [
                "Iran", ",", "Iraq", ";", "Syria", ":", "(", "yes", ")", "[", "no", "]", "\"",
                "quoted", "\"", "?", "!"
            ]
        );
    }

    #[test]
    fn dotted_abbreviations_are_one_token() {
        assert_eq!(
            norms("The U.S. and U.N. met at 9 a.m. and 5 p.m., e.g. Ph.D. holders."),
            [
                "the", "u.s.", "and", "u.n.", "met", "at", "9", "a.m.", "and", "5", "p.m.", ",",
                "e.g.", "ph.d.", "holders", "."
            ]
        );
        let t = toks("the U.S.");
        assert_eq!(t.last().unwrap().0, "U.S.");
        assert_eq!(t.last().unwrap().2, TokenKind::Word);
    }

    #[test]
    fn dotted_abbreviation_with_hyphen_and_possessive() {
        assert_eq!(norms("U.S.-led forces"), ["u.s.", "-", "led", "forces"]);
        assert_eq!(norms("the U.S.'s allies"), ["the", "u.s.", "'s", "allies"]);
        assert_eq!(norms("U.S troops"), ["u.s", "troops"]);
    }

    #[test]
    fn listed_abbreviations_and_initials_keep_their_dot() {
        assert_eq!(
            norms("Gen. Ali met Mr. Bush, George W. Bush, on Sept. 11 at Acme Inc."),
            [
                "gen.", "ali", "met", "mr.", "bush", ",", "george", "w.", "bush", ",", "on",
                "sept.", "11", "at", "acme", "inc."
            ]
        );
    }

    #[test]
    fn number_abbreviation_keeps_dot_only_before_number() {
        assert_eq!(norms("No. 10 Downing St."), ["no.", "10", "downing", "st."]);
        assert_eq!(norms("He said No."), ["he", "said", "no", "."]);
        assert_eq!(norms("He said no."), ["he", "said", "no", "."]);
    }

    #[test]
    fn ordinary_word_dot_splits() {
        assert_eq!(
            norms("visit reuters.com today."),
            ["visit", "reuters", ".", "com", "today", "."]
        );
        assert_eq!(raw("Iraq.\"The"), ["Iraq", ".", "\"", "The"]);
    }

    #[test]
    fn hyphens_split_words() {
        let t = toks("al-Qaeda");
        assert_eq!(
            t,
            [
                ("al", "al".to_string(), TokenKind::Word),
                ("-", "-".to_string(), TokenKind::Punct),
                ("Qaeda", "qaeda".to_string(), TokenKind::Word),
            ]
        );
        assert_eq!(norms("vis-à-vis"), ["vis", "-", "a", "-", "vis"]);
        assert_eq!(norms("Su-27 jets"), ["su", "-", "27", "jets"]);
    }

    #[test]
    fn dashes_normalise_to_hyphen() {
        assert_eq!(
            toks("Gaza—Israel – talks -- stalled ― again‐now"),
            [
                ("Gaza", "gaza".to_string(), TokenKind::Word),
                ("—", "-".to_string(), TokenKind::Punct),
                ("Israel", "israel".to_string(), TokenKind::Word),
                ("–", "-".to_string(), TokenKind::Punct),
                ("talks", "talks".to_string(), TokenKind::Word),
                ("--", "-".to_string(), TokenKind::Punct),
                ("stalled", "stalled".to_string(), TokenKind::Word),
                ("―", "-".to_string(), TokenKind::Punct),
                ("again", "again".to_string(), TokenKind::Word),
                ("‐", "-".to_string(), TokenKind::Punct),
                ("now", "now".to_string(), TokenKind::Word),
            ]
        );
    }

    #[test]
    fn possessives_split() {
        assert_eq!(raw("Israel's army"), ["Israel", "'s", "army"]);
        assert_eq!(norms("Israel's army"), ["israel", "'s", "army"]);
        assert_eq!(raw("Israel’s army"), ["Israel", "’s", "army"]);
        assert_eq!(norms("Israel’s army"), ["israel", "'s", "army"]);
        assert_eq!(norms("ISRAEL'S ARMY"), ["israel", "'s", "army"]);
        assert_eq!(norms("O'Neill's aide"), ["o'neill", "'s", "aide"]);
        assert_eq!(toks("Israel's")[1].2, TokenKind::Word);
    }

    #[test]
    fn plural_possessive_apostrophe() {
        let t = toks("the countries' leaders");
        assert_eq!(
            raw("the countries' leaders"),
            ["the", "countries", "'", "leaders"]
        );
        assert_eq!(t[2].1, "'");
        assert_eq!(
            norms("the countries’ leaders"),
            ["the", "countries", "'", "leaders"]
        );
    }

    #[test]
    fn contractions_treebank_style() {
        assert_eq!(norms("don't"), ["do", "n't"]);
        assert_eq!(norms("won't"), ["wo", "n't"]);
        assert_eq!(norms("can't"), ["ca", "n't"]);
        assert_eq!(norms("isn’t"), ["is", "n't"]);
        assert_eq!(raw("DON'T"), ["DO", "N'T"]);
        assert_eq!(norms("DON'T"), ["do", "n't"]);
        assert_eq!(
            norms("they're we've I'll he'd I'm"),
            ["they", "'re", "we", "'ve", "i", "'ll", "he", "'d", "i", "'m"]
        );
        assert_eq!(norms("don`t"), ["do", "n't"]);
    }

    #[test]
    fn inner_apostrophes_stay() {
        assert_eq!(
            norms("Ba'ath O'Neill Shi'ite"),
            ["ba'ath", "o'neill", "shi'ite"]
        );
    }

    #[test]
    fn stray_apostrophes_and_quotes() {
        assert_eq!(
            raw("the 'axis of evil' speech"),
            ["the", "'", "axis", "of", "evil", "'", "speech"]
        );
        assert_eq!(raw("'s alone"), ["'", "s", "alone"]);
        assert_eq!(raw("\"'s\""), ["\"", "'", "s", "\""]);
    }

    #[test]
    fn numbers() {
        assert_eq!(
            toks("1,000 troops, 3.5 tonnes, 60% and 3.5%."),
            [
                ("1,000", "1,000".to_string(), TokenKind::Number),
                ("troops", "troops".to_string(), TokenKind::Word),
                (",", ",".to_string(), TokenKind::Punct),
                ("3.5", "3.5".to_string(), TokenKind::Number),
                ("tonnes", "tonnes".to_string(), TokenKind::Word),
                (",", ",".to_string(), TokenKind::Punct),
                ("60%", "60%".to_string(), TokenKind::Number),
                ("and", "and".to_string(), TokenKind::Word),
                ("3.5%", "3.5%".to_string(), TokenKind::Number),
                (".", ".".to_string(), TokenKind::Punct),
            ]
        );
        assert_eq!(
            raw("in 2003. $5, 1,000,000.50"),
            ["in", "2003", ".", "$", "5", ",", "1,000,000.50"]
        );
        assert_eq!(
            raw("10:30 2003-05-01"),
            ["10", ":", "30", "2003", "-", "05", "-", "01"]
        );
    }

    #[test]
    fn digits_glued_to_letters_are_words() {
        let t = toks("the 1990s, 2nd and 3.5bn");
        assert_eq!(t[1], ("1990s", "1990s".to_string(), TokenKind::Word));
        assert_eq!(t[3], ("2nd", "2nd".to_string(), TokenKind::Word));
        assert_eq!(t[5], ("3.5bn", "3.5bn".to_string(), TokenKind::Word));
        assert_eq!(norms("1990's"), ["1990", "'s"]);
    }

    #[test]
    fn ellipses_are_one_token() {
        assert_eq!(
            toks("wait... then…"),
            [
                ("wait", "wait".to_string(), TokenKind::Word),
                ("...", "...".to_string(), TokenKind::Punct),
                ("then", "then".to_string(), TokenKind::Word),
                ("…", "...".to_string(), TokenKind::Punct),
            ]
        );
    }

    #[test]
    fn quotation_tokens() {
        assert_eq!(
            norms("“This is a great achievement.” Iraqi"),
            [
                "\"",
                "this",
                "is",
                "a",
                "great",
                "achievement",
                ".",
                "\"",
                "iraqi"
            ]
        );
    }

    /// The ASCII word fast path lowercases only what is upper case and
    /// reads the case flags from its scan: every mix of cases and digits.
    #[test]
    fn ascii_word_cases() {
        let text = "army Army ARMY aRMY arMy A a A1 a1B 1990s G7 COVID19 McDonald iPhone x";
        let mut buf = TokenBuf::new();
        tokenize(text, Span::new(0, text.len()), &mut buf);
        let got: Vec<(&str, bool, bool)> = buf
            .iter()
            .map(|(t, n)| (n, t.capitalized, t.all_caps))
            .collect();
        assert_eq!(
            got,
            [
                ("army", false, false),
                ("army", true, false),
                ("army", true, true),
                ("army", false, false),
                ("army", false, false),
                ("a", true, true),
                ("a", false, false),
                ("a1", true, true),
                ("a1b", false, false),
                ("1990s", false, false),
                ("g7", true, true),
                ("covid19", true, true),
                ("mcdonald", true, false),
                ("iphone", false, false),
                ("x", false, false),
            ]
        );
        for (t, _) in buf.iter() {
            assert_eq!(
                (t.capitalized, t.all_caps),
                case_flags(t.text(text)),
                "{}",
                t.text(text)
            );
        }
    }

    #[test]
    fn case_flags_set() {
        let text = "NATO Baghdad U.S. iPhone 9 'S É é";
        let mut buf = TokenBuf::new();
        tokenize(text, Span::new(0, text.len()), &mut buf);
        let flags: Vec<(bool, bool)> = buf
            .tokens
            .iter()
            .map(|t| (t.capitalized, t.all_caps))
            .collect();
        assert_eq!(
            flags,
            [
                (true, true),   // NATO
                (true, false),  // Baghdad
                (true, true),   // U.S.
                (false, false), // iPhone
                (false, false), // 9: no letter
                (false, false), // '
                (true, true),   // S
                (true, true),   // É
                (false, false), // é
            ]
        );
    }

    #[test]
    fn unicode_words() {
        assert_eq!(
            norms("Türkiye’s Erdoğan visited Côte d’Ivoire"),
            ["turkiye", "'s", "erdogan", "visited", "cote", "d'ivoire"]
        );
        // Combining mark written separately stays inside the word.
        assert_eq!(raw("Dubc\u{30c}ek spoke"), ["Dubc\u{30c}ek", "spoke"]);
        assert_eq!(norms("Dubc\u{30c}ek"), ["dubcek"]);
        // Soft hyphen inside a word: kept in the span, dropped from the norm.
        assert_eq!(toks("Pales\u{ad}tinian")[0].1, "palestinian");
        assert_eq!(norms("Москва и Киев"), ["москва", "и", "киев"]);
        assert_eq!(norms("ＮＡＴＯ"), ["nato"]);
    }

    #[test]
    fn emoji_clusters_are_one_token() {
        assert_eq!(
            raw("ok 👍🏽 🇺🇸 👨\u{200d}👩\u{200d}👧 ❤\u{fe0f}"),
            ["ok", "👍🏽", "🇺🇸", "👨\u{200d}👩\u{200d}👧", "❤\u{fe0f}"]
        );
    }

    #[test]
    fn lone_combining_mark_keeps_a_norm() {
        let t = toks(" \u{301} x");
        assert_eq!(t[0], ("\u{301}", "\u{301}".to_string(), TokenKind::Punct));
    }

    #[test]
    fn spans_are_absolute() {
        let text = "Talks failed. Israel's army entered Gaza.";
        let mut sents = Vec::new();
        split_sentences(text, &mut sents);
        let mut buf = TokenBuf::new();
        tokenize(text, sents[1], &mut buf);
        assert_eq!(buf.tokens[0].span, Span::new(14, 20));
        assert_eq!(buf.tokens[0].span.slice(text), "Israel");
        assert_eq!(buf.tokens[1].span.slice(text), "'s");
        assert_eq!(buf.norm(4), "gaza");
    }

    #[test]
    fn reuse_clears_previous_tokens() {
        let text = "One two three. Four.";
        let mut buf = TokenBuf::new();
        tokenize(text, Span::new(0, 14), &mut buf);
        assert_eq!(buf.len(), 4);
        tokenize(text, Span::new(15, 20), &mut buf);
        assert_eq!(buf.len(), 2);
        assert_eq!(buf.norm(0), "four");
    }

    #[test]
    fn bad_sentence_spans_are_clamped() {
        let text = "Türkiye left.";
        let mut buf = TokenBuf::new();
        tokenize(text, Span::new(2, 1000), &mut buf); // starts inside 'ü'
        let got: Vec<&str> = buf.tokens.iter().map(|t| t.span.slice(text)).collect();
        assert_eq!(got, ["rkiye", "left", "."]);
        tokenize(text, Span::new(50, 60), &mut buf);
        assert!(buf.is_empty());
        tokenize(text, Span::new(9, 3), &mut buf);
        assert!(buf.is_empty());
    }

    /// Inputs that would expose quadratic scans; each must finish quickly.
    #[test]
    fn pathological_inputs_are_linear() {
        let n = 100_000;
        let mut buf = TokenBuf::new();
        for unit in [
            "a.",
            "a.a",
            "1,",
            "1.1",
            "--",
            "x'",
            "n't",
            "\u{301}",
            "👍\u{200d}",
            "No.",
        ] {
            let text = unit.repeat(n);
            tokenize(&text, Span::new(0, text.len()), &mut buf);
            assert!(!buf.is_empty());
        }
    }

    #[test]
    fn long_dotted_runs_are_not_abbreviations() {
        assert_eq!(raw("U.S.S.R."), ["U.S.S.R."]);
        assert_eq!(
            raw("a.b.c.d.e.f.g."),
            ["a", ".", "b", ".", "c", ".", "d", ".", "e", ".", "f", ".", "g", "."]
        );
    }

    #[test]
    fn whitespace_varieties_separate_tokens() {
        assert_eq!(
            raw("a\u{a0}b\u{2009}c\u{200b}d\u{feff}e\r\nf\u{3000}g\u{1}h"),
            ["a", "b", "c", "d", "e", "f", "g", "h"]
        );
    }

    /// Checks the tokenizer invariants for every sentence of `text`, and that
    /// tokens cover every non-space byte.
    fn check(text: &str) -> Result<(), TestCaseError> {
        let mut sents = Vec::new();
        split_sentences(text, &mut sents);
        let mut buf = TokenBuf::new();
        for &sent in &sents {
            tokenize(text, sent, &mut buf);
            let mut covered = sent.start as usize;
            for (i, (t, norm)) in buf.iter().enumerate() {
                prop_assert!(sent.contains(t.span), "{:?} outside {:?}", t.span, sent);
                prop_assert!(!t.span.is_empty());
                let Some(body) = t.span.get(text) else {
                    return Err(TestCaseError::fail(format!("bad span {:?}", t.span)));
                };
                prop_assert!(!body.chars().any(is_space), "space in {:?}", body);
                prop_assert!(text[covered..t.span.start as usize].chars().all(is_space));
                prop_assert!(!norm.is_empty());
                prop_assert_eq!(norm, buf.norm(i));
                // Every path sets the case flags `case_flags` gives.
                prop_assert_eq!((t.capitalized, t.all_caps), case_flags(body), "{:?}", body);
                covered = t.span.end as usize;
            }
            prop_assert!(text[covered..sent.end as usize].chars().all(is_space));
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn invariants_on_arbitrary_text(text in "\\PC{0,200}") {
            check(&text)?;
        }

        #[test]
        fn invariants_on_any_chars(text in any::<String>()) {
            check(&text)?;
        }

        #[test]
        fn invariants_on_news_like_text(parts in prop::collection::vec(prop::sample::select(vec![
            "U.S.", "U.S", "The", " ", "\n", "\n\n", ".", "...", "…", "?", "\"", "'", "’", "s",
            "n't", "don", "t", "Mr.", "No.", "10", "1,000", "3.5", "%", "a.m.", "-", "—", "al",
            "Qaeda", "é", "\u{301}", "\u{ad}", "\u{200d}", "🇺🇸", "👍", "\u{1f3fd}", "W", ",",
            "\u{a0}", "ß", "İ", "ı", "Ⅻ", "²",
        ]), 0..40)) {
            check(&parts.concat())?;
        }

        /// Any span, valid or not, tokenises without panicking and yields
        /// tokens inside the text.
        #[test]
        fn arbitrary_spans(text in "\\PC{0,60}", a in 0u32..80, b in 0u32..80) {
            let mut buf = TokenBuf::new();
            tokenize(&text, Span { start: a, end: b }, &mut buf);
            for t in &buf.tokens {
                prop_assert!(t.span.start >= a && t.span.end <= b);
                prop_assert!(t.span.get(&text).is_some());
            }
        }
    }

    /// Throughput check; run with
    /// `cargo test -p dyad-core --release text::tokens -- --ignored --nocapture`.
    #[test]
    #[ignore]
    fn throughput() {
        let paragraph = "BAGHDAD (Reuters) - Iraqi forces backed by U.S.-led air strikes \
            retook the city of Ramadi on Monday, the army's spokesman said. \"This is a \
            great achievement,\" Gen. Ali Hassan told reporters at 9 a.m. local time. \
            Fighting displaced 1,000 families; food prices rose 3.5% in a week. The \
            militants don't control al-Anbar any more, officials said.\n\n";
        let text = paragraph.repeat(40_000);
        let mut sents = Vec::new();
        let mut buf = TokenBuf::new();
        let mut count_one = 0;
        split_sentences(paragraph, &mut sents);
        for &s in &sents {
            tokenize(paragraph, s, &mut buf);
            count_one += buf.len();
        }
        let t0 = std::time::Instant::now();
        split_sentences(&text, &mut sents);
        let t_split = t0.elapsed();
        let t1 = std::time::Instant::now();
        let mut count = 0;
        for &s in &sents {
            tokenize(&text, s, &mut buf);
            count += buf.len();
        }
        let t_tok = t1.elapsed();
        assert_eq!(sents.len(), 4 * 40_000);
        assert_eq!(count_one, 74);
        assert_eq!(count, count_one * 40_000);
        let mb = text.len() as f64 / 1e6;
        println!(
            "{:.1} MB: split {:.0} MB/s, tokenize {:.0} MB/s ({} tokens)",
            mb,
            mb / t_split.as_secs_f64(),
            mb / t_tok.as_secs_f64(),
            count
        );
    }
}
