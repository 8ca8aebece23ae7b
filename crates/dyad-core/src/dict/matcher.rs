//! A leftmost-longest phrase matcher over normalised tokens.
//!
//! Dictionaries (actors, sectors, discards) compile their phrases into one
//! token trie. Each text token is first mapped to a small set of *candidate
//! ids*: its exact normalised form, its acronym form when the text is in
//! capitals, and any dictionary stems it starts with (TABARI's stem entries,
//! e.g. `ARGENTIN`). The trie is then walked from each start position, and
//! the longest phrase wins; matching resumes after it. So "United States
//! Senate" beats "United States", and a match never straddles a token.
//!
//! Why not Aho–Corasick over the normalised string? Phrases must start and end
//! on token boundaries, stems match inside a token, and acronyms depend on the
//! original case. A token trie expresses all three directly, and per token it
//! costs one hash lookup plus one per stem length when stems exist.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::text::TokenBuf;

/// A fast, non-cryptographic hasher for small keys (the FxHash mix).
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut buf = [0u8; 8];
            buf[..chunk.len()].copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(buf));
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn write_u32(&mut self, v: u32) {
        self.write_u64(u64::from(v));
    }
    fn write_usize(&mut self, v: usize) {
        self.write_u64(v as u64);
    }
    fn write_u8(&mut self, v: u8) {
        self.write_u64(u64::from(v));
    }
}

pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

/// One token of a dictionary phrase.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum PatTok {
    /// Matches a text token whose normalised form equals this string.
    Exact(String),
    /// An acronym: matches only a text token written in capitals.
    Caps(String),
    /// A stem: matches any text token whose normalised form starts with it.
    Prefix(String),
}

/// Maps token strings to ids. Exact, acronym and stem forms live in separate
/// tables that share one id space.
#[derive(Clone, Debug, Default)]
pub struct Vocab {
    exact: FxMap<String, u32>,
    caps: FxMap<String, u32>,
    prefix: FxMap<String, u32>,
    /// Lengths (bytes) of the stems present, so lookups try only those.
    prefix_lens: Vec<usize>,
    next: u32,
}

impl Vocab {
    pub fn intern(&mut self, tok: &PatTok) -> u32 {
        let (map, s) = match tok {
            PatTok::Exact(s) => (&mut self.exact, s),
            PatTok::Caps(s) => (&mut self.caps, s),
            PatTok::Prefix(s) => {
                if !self.prefix_lens.contains(&s.len()) {
                    self.prefix_lens.push(s.len());
                    self.prefix_lens.sort_unstable();
                }
                (&mut self.prefix, s)
            }
        };
        if let Some(&id) = map.get(s.as_str()) {
            return id;
        }
        let id = self.next;
        self.next += 1;
        map.insert(s.clone(), id);
        id
    }

    pub fn exact_id(&self, norm: &str) -> Option<u32> {
        self.exact.get(norm).copied()
    }

    /// Pushes every candidate id of one text token onto `out`.
    pub fn candidates(&self, norm: &str, all_caps: bool, out: &mut Vec<u32>) {
        if let Some(&id) = self.exact.get(norm) {
            out.push(id);
        }
        if all_caps {
            if let Some(&id) = self.caps.get(norm) {
                out.push(id);
            }
        }
        for &len in &self.prefix_lens {
            if len > norm.len() {
                break;
            }
            if let Some(p) = norm.get(..len) {
                if let Some(&id) = self.prefix.get(p) {
                    out.push(id);
                }
            }
        }
    }
}

/// Per-sentence candidate ids, reused across sentences.
#[derive(Clone, Debug, Default)]
pub struct Candidates {
    ids: Vec<u32>,
    /// `bounds[i]..bounds[i+1]` are token i's ids.
    bounds: Vec<u32>,
}

impl Candidates {
    pub fn fill(&mut self, vocab: &Vocab, toks: &TokenBuf) {
        self.ids.clear();
        self.bounds.clear();
        self.bounds.push(0);
        for (i, t) in toks.tokens.iter().enumerate() {
            vocab.candidates(toks.norm(i), t.all_caps, &mut self.ids);
            self.bounds.push(self.ids.len() as u32);
        }
    }
    pub fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    pub fn at(&self, i: usize) -> &[u32] {
        &self.ids[self.bounds[i] as usize..self.bounds[i + 1] as usize]
    }
}

/// A phrase match: tokens `start..end` matched the phrases whose values are
/// [`PhraseMatcher::values`] of `node`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhraseMatch {
    pub start: usize,
    pub end: usize,
    pub node: u32,
}

/// Builds a [`PhraseMatcher`].
#[derive(Clone, Debug)]
pub struct PhraseMatcherBuilder<V> {
    vocab: Vocab,
    edges: FxMap<(u32, u32), u32>,
    values: Vec<Vec<V>>,
}

impl<V> Default for PhraseMatcherBuilder<V> {
    fn default() -> Self {
        PhraseMatcherBuilder {
            vocab: Vocab::default(),
            edges: FxMap::default(),
            values: vec![Vec::new()],
        }
    }
}

impl<V> PhraseMatcherBuilder<V> {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a phrase. Empty phrases are ignored (they could match anywhere).
    pub fn add(&mut self, phrase: &[PatTok], value: V) {
        if phrase.is_empty() {
            return;
        }
        let mut node = 0u32;
        for tok in phrase {
            let id = self.vocab.intern(tok);
            let next = self.values.len() as u32;
            node = *self.edges.entry((node, id)).or_insert(next);
            if node == next {
                self.values.push(Vec::new());
            }
        }
        self.values[node as usize].push(value);
    }

    pub fn build(self) -> PhraseMatcher<V> {
        PhraseMatcher {
            vocab: self.vocab,
            edges: self.edges,
            values: self.values,
        }
    }
}

/// An immutable token trie; share it across threads behind an `Arc`.
#[derive(Clone, Debug)]
pub struct PhraseMatcher<V> {
    vocab: Vocab,
    edges: FxMap<(u32, u32), u32>,
    values: Vec<Vec<V>>,
}

impl<V> Default for PhraseMatcher<V> {
    fn default() -> Self {
        PhraseMatcherBuilder::default().build()
    }
}

impl<V> PhraseMatcher<V> {
    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    pub fn values(&self, node: u32) -> &[V] {
        &self.values[node as usize]
    }

    /// Number of trie nodes (node ids are `0..node_count()`).
    pub fn node_count(&self) -> usize {
        self.values.len()
    }

    /// Number of phrases (terminal nodes).
    pub fn phrase_count(&self) -> usize {
        self.values.iter().filter(|v| !v.is_empty()).count()
    }

    /// The longest phrase starting at token `start`, if any.
    pub fn longest_at(&self, cands: &Candidates, start: usize) -> Option<PhraseMatch> {
        let mut best: Option<PhraseMatch> = None;
        // Depth-first over candidate ids; stems and acronyms can branch.
        let mut stack: Vec<(u32, usize)> = vec![(0, start)];
        while let Some((node, pos)) = stack.pop() {
            if pos >= cands.len() {
                continue;
            }
            for &id in cands.at(pos) {
                if let Some(&child) = self.edges.get(&(node, id)) {
                    if !self.values[child as usize].is_empty()
                        && best.is_none_or(|b| pos + 1 > b.end)
                    {
                        best = Some(PhraseMatch {
                            start,
                            end: pos + 1,
                            node: child,
                        });
                    }
                    stack.push((child, pos + 1));
                }
            }
        }
        best
    }

    /// Leftmost-longest, non-overlapping matches over a sentence.
    pub fn find_all(&self, cands: &Candidates, out: &mut Vec<PhraseMatch>) {
        out.clear();
        let mut i = 0;
        while i < cands.len() {
            match self.longest_at(cands, i) {
                Some(m) => {
                    out.push(m);
                    i = m.end;
                }
                None => i += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{tokenize, Span};

    fn toks(s: &str) -> TokenBuf {
        let mut b = TokenBuf::new();
        tokenize(s, Span::new(0, s.len()), &mut b);
        b
    }

    fn ex(s: &str) -> Vec<PatTok> {
        s.split(' ').map(|w| PatTok::Exact(w.to_string())).collect()
    }

    #[test]
    fn longest_phrase_wins() {
        let mut b = PhraseMatcherBuilder::new();
        b.add(&ex("united states"), "USA");
        b.add(&ex("united states senate"), "USALEG");
        let m = b.build();
        let t = toks("The United States Senate voted");
        let mut c = Candidates::default();
        c.fill(m.vocab(), &t);
        let mut out = vec![];
        m.find_all(&c, &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(m.values(out[0].node), &["USALEG"]);
        assert_eq!((out[0].start, out[0].end), (1, 4));
    }

    #[test]
    fn acronyms_need_capitals() {
        let mut b = PhraseMatcherBuilder::new();
        b.add(&[PatTok::Caps("us".into())], "USA");
        let m = b.build();
        let mut c = Candidates::default();
        let mut out = vec![];
        c.fill(m.vocab(), &toks("give us peace"));
        m.find_all(&c, &mut out);
        assert!(out.is_empty());
        c.fill(m.vocab(), &toks("the US said"));
        m.find_all(&c, &mut out);
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn stems_match_token_prefixes() {
        let mut b = PhraseMatcherBuilder::new();
        b.add(&[PatTok::Prefix("argentin".into())], "ARG");
        let m = b.build();
        let mut c = Candidates::default();
        let mut out = vec![];
        c.fill(m.vocab(), &toks("Argentine troops"));
        m.find_all(&c, &mut out);
        assert_eq!(out.len(), 1);
        c.fill(m.vocab(), &toks("Argent troops"));
        m.find_all(&c, &mut out);
        assert!(out.is_empty());
    }
}
