//! The text layer: byte spans, sentence splitting, tokenisation and
//! normalisation.
//!
//! This is the first stage of the pipeline. A document's text goes in; out
//! come sentence [`Span`]s ([`split_sentences`]) and, per sentence, a
//! [`TokenBuf`] of [`Token`]s ([`tokenize`]) with a normalised form of each
//! token for dictionary matching ([`normalize_into`]). Every later stage
//! (analysis, actor and verb matching, the coder) refers back to the original
//! text only through these byte spans, so an event can always point at the
//! words that produced it.
//!
//! ```text
//! document ─► split_sentences ─► [Span] ─► tokenize ─► TokenBuf ─► analysis / dict
//!                                                        └ norms via normalize_into
//! ```
//!
//! Key rules, and why:
//!
//! * Offsets are `u32` byte offsets into the *original* text, never into a
//!   normalised copy. Normalisation changes lengths ("ß" → "ss", "…" → "..."),
//!   so normalised strings live apart, in the [`TokenBuf`] arena. Texts longer
//!   than `u32::MAX` bytes are processed up to that limit only.
//! * Nothing here panics on any input: spans are clamped to the text and
//!   moved onto character boundaries, and all scanning is char-aware.
//! * Hot loops do not allocate: [`TokenBuf`] keeps its token vector and its
//!   normalisation arena between sentences (the same habit as tantivy's
//!   reused `Token`).
//!
//! Each step's rules are documented in its module: [`sentences`], [`tokens`]
//! and [`normalize`]. The functions are re-exported here.
//!
//! ```
//! use dyad_core::text::{split_sentences, tokenize, TokenBuf};
//!
//! let text = "Gen. Ali met U.S. envoys. Talks ended.";
//! let mut sentences = Vec::new();
//! split_sentences(text, &mut sentences);
//! assert_eq!(sentences.len(), 2);
//!
//! let mut buf = TokenBuf::new();
//! tokenize(text, sentences[0], &mut buf);
//! let norms: Vec<&str> = (0..buf.len()).map(|i| buf.norm(i)).collect();
//! assert_eq!(norms, ["gen.", "ali", "met", "u.s.", "envoys", "."]);
//! ```

pub mod normalize;
pub mod sentences;
pub mod tokens;
pub mod words;

pub use normalize::normalize_into;
pub use sentences::split_sentences;
pub use tokens::tokenize;
pub use words::WordList;

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
///
/// Serialised as a two-element array `[start, end]`, which keeps event output
/// compact.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(from = "[u32; 2]", into = "[u32; 2]")]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl From<[u32; 2]> for Span {
    fn from(a: [u32; 2]) -> Span {
        Span {
            start: a[0],
            end: a[1],
        }
    }
}

impl From<Span> for [u32; 2] {
    fn from(s: Span) -> [u32; 2] {
        [s.start, s.end]
    }
}

impl Span {
    /// Builds a span from `usize` offsets.
    ///
    /// Offsets above `u32::MAX` saturate; the text layer never produces them
    /// because it caps texts at `u32::MAX` bytes.
    pub fn new(start: usize, end: usize) -> Span {
        Span {
            start: u32::try_from(start).unwrap_or(u32::MAX),
            end: u32::try_from(end).unwrap_or(u32::MAX),
        }
    }

    /// The span as a `usize` range, for slicing.
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Length in bytes (zero for an inverted span).
    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    /// True when the span covers no bytes.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// The text this span covers.
    ///
    /// Panics, like slicing, if the span is out of bounds or not on char
    /// boundaries; use [`Span::get`] for untrusted spans.
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }

    /// The text this span covers, or `None` if the span does not fit `text`.
    pub fn get(self, text: &str) -> Option<&str> {
        text.get(self.range())
    }

    /// The smallest span covering both `self` and `other`.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// The coarse class of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Starts with a letter, or is digits glued to letters ("1990s", "2nd"),
    /// or is a clitic split off a word ("'s", "n't").
    Word,
    /// Digits with `,`/`.` group and decimal separators and an optional
    /// trailing `%`: "1,000", "3.5", "60%".
    Number,
    /// Anything else, one token per mark, except that runs of dots ("...")
    /// and runs of dashes ("--") are one token each.
    Punct,
}

/// One token of a sentence.
///
/// The normalised form lives in the owning [`TokenBuf`]; get it with
/// [`TokenBuf::norm`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Absolute byte span into the document text.
    pub span: Span,
    norm_start: u32,
    norm_end: u32,
    pub kind: TokenKind,
    /// The first character is uppercase ("Baghdad", "U.S.", "NATO").
    pub capitalized: bool,
    /// At least one letter and no lowercase letter ("NATO", "U.S.").
    pub all_caps: bool,
}

impl Token {
    /// The original text of the token.
    ///
    /// Panics if `text` is not the text the token was produced from.
    pub fn text(self, text: &str) -> &str {
        self.span.slice(text)
    }
}

/// The tokens of one sentence plus an arena holding their normalised forms.
///
/// Reuse one buffer across sentences: [`tokenize`] clears it and refills it
/// without freeing memory, so a warmed-up buffer tokenises without allocating.
#[derive(Default, Debug, Clone)]
pub struct TokenBuf {
    pub tokens: Vec<Token>,
    arena: String,
    /// [`hash_norm`] of each token's norm, computed once so that every
    /// dictionary's lookup reuses it.
    hashes: Vec<u64>,
}

impl TokenBuf {
    pub fn new() -> TokenBuf {
        TokenBuf::default()
    }

    /// Removes all tokens, keeping the allocated capacity.
    pub fn clear(&mut self) {
        self.tokens.clear();
        self.arena.clear();
        self.hashes.clear();
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// The normalised form of token `i` (see [`normalize_into`]). Never empty.
    ///
    /// Panics if `i >= self.len()`.
    pub fn norm(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.arena[t.norm_start as usize..t.norm_end as usize]
    }

    /// The bytes of [`TokenBuf::norm`], without the char-boundary checks of
    /// string slicing (for hashing and comparing).
    ///
    /// Panics if `i >= self.len()`.
    #[inline]
    pub fn norm_bytes(&self, i: usize) -> &[u8] {
        let t = &self.tokens[i];
        &self.arena.as_bytes()[t.norm_start as usize..t.norm_end as usize]
    }

    /// [`hash_norm`] of the normalised form of token `i`.
    ///
    /// Panics if `i >= self.len()`.
    #[inline]
    pub fn norm_hash(&self, i: usize) -> u64 {
        match self.hashes.get(i) {
            Some(&h) if self.hashes.len() == self.tokens.len() => h,
            _ => hash_norm(self.norm(i)),
        }
    }

    /// [`hash_norm`] of every token's norm, in order, when the tokenizer
    /// computed them (`None` if tokens were pushed by other means).
    #[inline]
    pub fn norm_hashes(&self) -> Option<&[u64]> {
        (self.hashes.len() == self.tokens.len()).then_some(&self.hashes[..])
    }

    /// Tokens paired with their normalised forms, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&Token, &str)> + '_ {
        self.tokens
            .iter()
            .map(|t| (t, &self.arena[t.norm_start as usize..t.norm_end as usize]))
    }

    /// Appends a token of ASCII text without `` ` ``, whose norm is the text
    /// lowercased (what [`normalize_into`] makes of it) and the case flags
    /// `tokens::case_flags` gives it, in one copy of the text. Returns false
    /// as [`TokenBuf::push_with`] does.
    // Inlined into the tokenizer's loop: a call per token (saving a dozen
    // registers) was a sixth of this function's cost.
    #[inline(always)]
    fn push_ascii(&mut self, span: Span, kind: TokenKind, tok: &str) -> bool {
        debug_assert!(tok.bytes().all(|b| b.is_ascii() && b != b'`'));
        let norm_start = self.arena.len();
        self.arena.push_str(tok);
        let norm_end = self.arena.len();
        let (Ok(start), Ok(end)) = (u32::try_from(norm_start), u32::try_from(norm_end)) else {
            self.arena.truncate(norm_start);
            return false;
        };
        self.arena[norm_start..].make_ascii_lowercase();
        let first = tok.as_bytes().first();
        let capitalized = first.is_some_and(u8::is_ascii_uppercase);
        // A token that starts in lower case (most words) is not in capitals.
        let all_caps = !first.is_some_and(u8::is_ascii_lowercase) && {
            let (mut has_letter, mut has_lower) = (false, false);
            for b in tok.bytes() {
                has_letter |= b.is_ascii_alphabetic();
                has_lower |= b.is_ascii_lowercase();
            }
            has_letter && !has_lower
        };
        self.hashes.push(hash_norm(&self.arena[norm_start..]));
        self.tokens.push(Token {
            span,
            norm_start: start,
            norm_end: end,
            kind,
            capitalized,
            all_caps,
        });
        true
    }

    /// Appends a Word token of ASCII letters and digits that starts with a
    /// letter, given its letter cases (gathered by the tokenizer's scan):
    /// the same token [`TokenBuf::push_ascii`] makes, but only upper-case
    /// text is lowercased and the case flags need no second pass. Returns
    /// false as [`TokenBuf::push_with`] does.
    #[inline(always)]
    fn push_ascii_word(&mut self, span: Span, tok: &str, case: AsciiWordCase) -> bool {
        debug_assert!(
            tok.bytes().all(|b| b.is_ascii_alphanumeric())
                && tok.bytes().next().is_some_and(|b| b.is_ascii_alphabetic())
        );
        let norm_start = self.arena.len();
        self.arena.push_str(tok);
        let norm_end = self.arena.len();
        let (Ok(start), Ok(end)) = (u32::try_from(norm_start), u32::try_from(norm_end)) else {
            self.arena.truncate(norm_start);
            return false;
        };
        if case.rest_upper {
            self.arena[norm_start..].make_ascii_lowercase();
        } else if case.first_upper {
            self.arena[norm_start..norm_start + 1].make_ascii_lowercase();
        }
        self.hashes.push(hash_norm(&self.arena[norm_start..]));
        self.tokens.push(Token {
            span,
            norm_start: start,
            norm_end: end,
            kind: TokenKind::Word,
            capitalized: case.first_upper,
            // The first byte is a letter, so the word has one.
            all_caps: !case.any_lower,
        });
        true
    }

    /// Appends a token whose normalised form is whatever `write_norm` appends
    /// to the arena. Returns false (adding nothing) if the arena would outgrow
    /// `u32` offsets, which ends tokenisation of a pathological sentence
    /// instead of corrupting offsets.
    fn push_with(
        &mut self,
        span: Span,
        kind: TokenKind,
        capitalized: bool,
        all_caps: bool,
        write_norm: impl FnOnce(&mut String),
    ) -> bool {
        let norm_start = self.arena.len();
        write_norm(&mut self.arena);
        let norm_end = self.arena.len();
        let (Ok(norm_start), Ok(norm_end)) = (u32::try_from(norm_start), u32::try_from(norm_end))
        else {
            self.arena.truncate(norm_start);
            return false;
        };
        self.hashes.push(hash_norm(
            &self.arena[norm_start as usize..norm_end as usize],
        ));
        self.tokens.push(Token {
            span,
            norm_start,
            norm_end,
            kind,
            capitalized,
            all_caps,
        });
        true
    }
}

/// The letter cases of an ASCII word ([`TokenBuf::push_ascii_word`]).
#[derive(Clone, Copy, Debug)]
struct AsciiWordCase {
    /// The first letter is upper case.
    first_upper: bool,
    /// A byte after the first is an upper-case letter.
    rest_upper: bool,
    /// Some letter is lower case.
    any_lower: bool,
}

const HASH_K: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// A fast, non-cryptographic hash of a normalised token (or any short
/// string), shared by the tokenizer ([`TokenBuf::norm_hash`]), the
/// dictionary vocabularies and [`WordList`]s, so that a token is hashed once
/// per sentence. [`hash_norm_const`] computes the same value at compile time.
#[inline]
pub fn hash_norm(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h = (b.len() as u64).wrapping_mul(HASH_K);
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let v = u64::from_le_bytes(c.try_into().expect("8 bytes"));
        h = (h.rotate_left(5) ^ v).wrapping_mul(HASH_K);
    }
    let r = chunks.remainder();
    let n = r.len();
    if n > 0 {
        // The tail's bytes in little-endian order, read with overlapping
        // loads (identical bytes OR onto identical bits).
        let v = if n >= 4 {
            let lo = u32::from_le_bytes(r[..4].try_into().expect("4 bytes"));
            let hi = u32::from_le_bytes(r[n - 4..].try_into().expect("4 bytes"));
            u64::from(lo) | (u64::from(hi) << (8 * (n - 4)))
        } else {
            u64::from(r[0])
                | (u64::from(r[n / 2]) << (8 * (n / 2)))
                | (u64::from(r[n - 1]) << (8 * (n - 1)))
        };
        h = (h.rotate_left(5) ^ v).wrapping_mul(HASH_K);
    }
    // Fold the well-mixed high bits into the low bits used for indexing.
    h ^ (h >> 29) ^ (h >> 47)
}

/// [`hash_norm`] as a `const fn`, so word lists are hashed at compile time
/// (see [`WordList`]); byte by byte, and tested to agree.
pub const fn hash_norm_const(s: &str) -> u64 {
    let b = s.as_bytes();
    let mut h = (b.len() as u64).wrapping_mul(HASH_K);
    let mut i = 0;
    while i + 8 <= b.len() {
        let mut v = 0u64;
        let mut k = 0;
        while k < 8 {
            v |= (b[i + k] as u64) << (8 * k);
            k += 1;
        }
        h = (h.rotate_left(5) ^ v).wrapping_mul(HASH_K);
        i += 8;
    }
    if i < b.len() {
        let mut v = 0u64;
        let mut k = 0;
        while i + k < b.len() {
            v |= (b[i + k] as u64) << (8 * k);
            k += 1;
        }
        h = (h.rotate_left(5) ^ v).wrapping_mul(HASH_K);
    }
    h ^ (h >> 29) ^ (h >> 47)
}

/// Characters treated as inter-token space: Unicode white space, plus
/// zero-width spaces and byte-order marks, plus control characters (scraped
/// news carries stray control bytes; they never belong to a word).
fn is_space(c: char) -> bool {
    c.is_whitespace() || c.is_control() || matches!(c, '\u{200B}' | '\u{2060}' | '\u{FEFF}')
}

/// The char starting at byte `i` of `s`, if `i` is a char boundary inside `s`.
#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    match s.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => s.get(i..).and_then(|rest| rest.chars().next()),
        None => None,
    }
}

/// The char ending at byte `i` of `s` (the one before `i`), if any.
#[inline]
fn char_before(s: &str, i: usize) -> Option<char> {
    s.get(..i).and_then(|head| head.chars().next_back())
}

/// Cuts `text` to at most `u32::MAX` bytes, on a char boundary, so that every
/// offset fits a [`Span`].
fn clamp_text(text: &str) -> &str {
    const MAX: usize = u32::MAX as usize;
    if text.len() <= MAX {
        return text;
    }
    let mut end = MAX;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Clamps `span` into `text` and shrinks it onto char boundaries. The result
/// is always sliceable (possibly empty).
fn clamp_span(text: &str, span: Span) -> (usize, usize) {
    let len = text.len();
    let mut start = (span.start as usize).min(len);
    let mut end = (span.end as usize).min(len);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    if end < start {
        end = start;
    }
    (start, end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_basics() {
        let s = Span::new(2, 5);
        assert_eq!(s.len(), 3);
        assert!(!s.is_empty());
        assert_eq!(s.slice("a Iraq b"), "Ira");
        assert_eq!(s.cover(Span::new(4, 9)), Span::new(2, 9));
        assert!(Span::new(5, 5).is_empty());
        assert_eq!(Span::new(6, 5).len(), 0);
        assert!(Span::new(1, 9).contains(s));
        assert!(!s.contains(Span::new(1, 3)));
    }

    #[test]
    fn span_get_rejects_bad_boundaries() {
        let text = "Türkiye";
        assert_eq!(Span::new(0, 2).get(text), None); // splits 'ü'
        assert_eq!(Span::new(0, 3).get(text), Some("Tü"));
        assert_eq!(Span::new(0, 99).get(text), None);
    }

    #[test]
    fn span_serialises_as_pair() {
        let s = Span::new(3, 14);
        let json = serde_json::to_string(&s).unwrap();
        assert_eq!(json, "[3,14]");
        let back: Span = serde_json::from_str(&json).unwrap();
        assert_eq!(back, s);
    }

    #[test]
    fn clamp_span_lands_on_boundaries() {
        let text = "aé🙂b";
        // 'é' is bytes 1..3, the emoji 3..7.
        assert_eq!(clamp_span(text, Span::new(2, 5)), (3, 3));
        assert_eq!(clamp_span(text, Span::new(0, 100)), (0, text.len()));
        assert_eq!(clamp_span(text, Span::new(9, 2)), (8, 8));
    }

    #[test]
    fn char_helpers() {
        let s = "aé🙂";
        assert_eq!(char_at(s, 0), Some('a'));
        assert_eq!(char_at(s, 1), Some('é'));
        assert_eq!(char_at(s, 2), None);
        assert_eq!(char_at(s, 7), None);
        assert_eq!(char_before(s, 7), Some('🙂'));
        assert_eq!(char_before(s, 0), None);
        assert_eq!(char_before(s, 2), None);
    }

    #[test]
    fn hash_norm_fast_path_agrees_with_const() {
        let text = "abcdefghijklmnopqrstuvwxyz0123456789-'.türkiye";
        for i in 0..text.len() {
            for j in i..text.len() {
                if let Some(s) = text.get(i..j) {
                    assert_eq!(hash_norm(s), hash_norm_const(s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn token_buf_reuses_and_iterates() {
        let text = "Troops left.";
        let mut buf = TokenBuf::new();
        tokenize(text, Span::new(0, text.len()), &mut buf);
        let pairs: Vec<(&str, &str)> = buf.iter().map(|(t, n)| (t.text(text), n)).collect();
        assert_eq!(pairs, [("Troops", "troops"), ("left", "left"), (".", ".")]);
        buf.clear();
        assert!(buf.is_empty());
        assert_eq!(buf.len(), 0);
    }
}
