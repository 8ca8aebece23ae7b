//! Text layer: byte spans, sentence splitting, tokenisation and normalisation.
//! (Provisional implementation; being replaced.)

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(from = "[u32; 2]", into = "[u32; 2]")]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl From<[u32; 2]> for Span {
    fn from(a: [u32; 2]) -> Span {
        Span { start: a[0], end: a[1] }
    }
}
impl From<Span> for [u32; 2] {
    fn from(s: Span) -> [u32; 2] {
        [s.start, s.end]
    }
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        Span { start: start as u32, end: end as u32 }
    }
    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }
    pub fn slice(self, text: &str) -> &str {
        &text[self.range()]
    }
    pub fn cover(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    Punct,
}

#[derive(Clone, Copy, Debug)]
pub struct Token {
    pub span: Span,
    norm_start: u32,
    norm_end: u32,
    pub kind: TokenKind,
    pub capitalized: bool,
    pub all_caps: bool,
}

#[derive(Default, Debug, Clone)]
pub struct TokenBuf {
    pub tokens: Vec<Token>,
    arena: String,
}

impl TokenBuf {
    pub fn new() -> TokenBuf {
        TokenBuf::default()
    }
    pub fn clear(&mut self) {
        self.tokens.clear();
        self.arena.clear();
    }
    pub fn len(&self) -> usize {
        self.tokens.len()
    }
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }
    pub fn norm(&self, i: usize) -> &str {
        let t = &self.tokens[i];
        &self.arena[t.norm_start as usize..t.norm_end as usize]
    }
}

pub fn split_sentences(text: &str, out: &mut Vec<Span>) {
    out.clear();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if c == '.' || c == '\n' {
            let s = Span::new(start, i + 1);
            if !s.slice(text).trim().is_empty() {
                out.push(s);
            }
            start = i + 1;
        }
    }
    if !text[start..].trim().is_empty() {
        out.push(Span::new(start, text.len()));
    }
}

pub fn tokenize(text: &str, sentence: Span, buf: &mut TokenBuf) {
    buf.clear();
    let s = sentence.slice(text);
    let base = sentence.start as usize;
    let mut i = 0;
    let b = s.as_bytes();
    while i < b.len() {
        if b[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let st = i;
        let alnum = b[i].is_ascii_alphanumeric();
        while i < b.len() && !b[i].is_ascii_whitespace() && (b[i].is_ascii_alphanumeric() == alnum) {
            i += 1;
            if !alnum {
                break;
            }
        }
        let w = &s[st..i];
        let ns = buf.arena.len() as u32;
        normalize_into(w, &mut buf.arena);
        let ne = buf.arena.len() as u32;
        buf.tokens.push(Token {
            span: Span::new(base + st, base + i),
            norm_start: ns,
            norm_end: ne,
            kind: if alnum { TokenKind::Word } else { TokenKind::Punct },
            capitalized: w.chars().next().is_some_and(|c| c.is_uppercase()),
            all_caps: w.chars().all(|c| !c.is_lowercase()),
        });
    }
}

pub fn normalize_into(word: &str, out: &mut String) {
    for c in word.chars() {
        out.extend(c.to_lowercase());
    }
}
