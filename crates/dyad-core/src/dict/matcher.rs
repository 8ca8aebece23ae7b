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
//!
//! Speed: the vocabulary is an open-addressing table keyed by a token's
//! normalised bytes, holding the exact and the acronym id side by side, so a
//! token costs one probe; the tokenizer hashes each norm once
//! ([`TokenBuf::norm_hash`]) and every dictionary reuses that hash. Trie
//! edges live in an open-addressing table keyed by `(node, id)`, and the
//! depth-first walk keeps its stack on the call stack.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::text::{hash_norm, TokenBuf};

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

const NONE: u32 = u32::MAX;

#[derive(Clone, Copy, Debug)]
struct Slot {
    hash: u64,
    start: u32,
    len: u32,
    /// Id of the exact form, or `NONE`.
    exact: u32,
    /// Id of the acronym form, or `NONE`.
    caps: u32,
}

const EMPTY_SLOT: Slot = Slot {
    hash: 0,
    start: 0,
    len: 0,
    exact: NONE,
    caps: NONE,
};

/// Byte equality for short keys without a call into `memcmp`: word-sized
/// loads, the last one overlapping.
#[inline]
fn eq_bytes(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let load8 = |s: &[u8], i: usize| u64::from_le_bytes(s[i..i + 8].try_into().expect("8 bytes"));
    let load4 = |s: &[u8], i: usize| u32::from_le_bytes(s[i..i + 4].try_into().expect("4 bytes"));
    if n >= 8 {
        let mut i = 0;
        while i + 8 <= n {
            if load8(a, i) != load8(b, i) {
                return false;
            }
            i += 8;
        }
        return i == n || load8(a, n - 8) == load8(b, n - 8);
    }
    if n >= 4 {
        return load4(a, 0) == load4(b, 0) && load4(a, n - 4) == load4(b, n - 4);
    }
    n == 0 || a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]
}

/// An open-addressing string table (linear probing, at most half full):
/// each key carries an exact id and an acronym id. Keys live in one arena.
#[derive(Clone, Debug, Default)]
struct StrTable {
    slots: Vec<Slot>,
    arena: String,
    len: usize,
}

impl StrTable {
    /// The slot holding `key` (whose [`hash_norm`] is `hash`), if any.
    #[inline]
    fn get(&self, key: &[u8], hash: u64) -> Option<&Slot> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let s = &self.slots[i];
            if s.len == 0 {
                return None;
            }
            if s.hash == hash
                && eq_bytes(
                    &self.arena.as_bytes()[s.start as usize..(s.start + s.len) as usize],
                    key,
                )
            {
                return Some(s);
            }
            i = (i + 1) & mask;
        }
    }

    /// The slot for `key`, inserted (with no ids) if absent. `key` must not
    /// be empty: an empty slot marks a free place.
    fn entry(&mut self, key: &str) -> &mut Slot {
        debug_assert!(!key.is_empty());
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let hash = hash_norm(key);
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let s = self.slots[i];
            if s.len == 0 {
                break;
            }
            if s.hash == hash
                && &self.arena.as_bytes()[s.start as usize..(s.start + s.len) as usize]
                    == key.as_bytes()
            {
                return &mut self.slots[i];
            }
            i = (i + 1) & mask;
        }
        let start = self.arena.len() as u32;
        self.arena.push_str(key);
        self.len += 1;
        self.slots[i] = Slot {
            hash,
            start,
            len: key.len() as u32,
            exact: NONE,
            caps: NONE,
        };
        &mut self.slots[i]
    }

    fn grow(&mut self) {
        let cap = (self.slots.len() * 2).max(16);
        let old = std::mem::replace(&mut self.slots, vec![EMPTY_SLOT; cap]);
        let mask = cap - 1;
        for s in old.into_iter().filter(|s| s.len != 0) {
            let mut i = s.hash as usize & mask;
            while self.slots[i].len != 0 {
                i = (i + 1) & mask;
            }
            self.slots[i] = s;
        }
    }
}

/// Maps token strings to ids. Exact, acronym and stem forms share one id
/// space; exact and acronym forms share one table entry per string.
#[derive(Clone, Debug, Default)]
pub struct Vocab {
    words: StrTable,
    prefix: StrTable,
    /// Lengths (bytes) of the stems present, so lookups try only those.
    prefix_lens: Vec<usize>,
    next: u32,
}

impl Vocab {
    pub fn intern(&mut self, tok: &PatTok) -> u32 {
        let next = self.next;
        let id = match tok {
            PatTok::Exact(s) => &mut self.words.entry(s).exact,
            PatTok::Caps(s) => &mut self.words.entry(s).caps,
            PatTok::Prefix(s) => {
                if !self.prefix_lens.contains(&s.len()) {
                    self.prefix_lens.push(s.len());
                    self.prefix_lens.sort_unstable();
                }
                &mut self.prefix.entry(s).exact
            }
        };
        if *id == NONE {
            *id = next;
            self.next += 1;
        }
        *id
    }

    /// Number of ids handed out (ids are `0..id_count()`).
    pub fn id_count(&self) -> usize {
        self.next as usize
    }

    pub fn exact_id(&self, norm: &str) -> Option<u32> {
        self.words
            .get(norm.as_bytes(), hash_norm(norm))
            .map(|s| s.exact)
            .filter(|&id| id != NONE)
    }

    /// Pushes every candidate id of one text token onto `out`.
    pub fn candidates(&self, norm: &str, all_caps: bool, out: &mut Vec<u32>) {
        self.candidates_hashed(norm, hash_norm(norm), all_caps, out);
    }

    /// [`Vocab::candidates`] with the norm's [`hash_norm`] already known.
    #[inline]
    fn candidates_hashed(&self, norm: &str, hash: u64, all_caps: bool, out: &mut Vec<u32>) {
        self.word_candidates(norm.as_bytes(), hash, all_caps, out);
        self.prefix_candidates(norm, out);
    }

    /// The exact and acronym ids of a token.
    #[inline]
    fn word_candidates(&self, norm: &[u8], hash: u64, all_caps: bool, out: &mut Vec<u32>) {
        if let Some(s) = self.words.get(norm, hash) {
            if s.exact != NONE {
                out.push(s.exact);
            }
            if all_caps && s.caps != NONE {
                out.push(s.caps);
            }
        }
    }

    /// The ids of the stems a token starts with.
    #[inline]
    fn prefix_candidates(&self, norm: &str, out: &mut Vec<u32>) {
        for &len in &self.prefix_lens {
            if len > norm.len() {
                break;
            }
            if let Some(p) = norm.get(..len) {
                if let Some(s) = self.prefix.get(p.as_bytes(), hash_norm(p)) {
                    out.push(s.exact);
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
        let stems = !vocab.prefix_lens.is_empty();
        for (i, t) in toks.tokens.iter().enumerate() {
            vocab.word_candidates(
                toks.norm_bytes(i),
                toks.norm_hash(i),
                t.all_caps,
                &mut self.ids,
            );
            if stems {
                vocab.prefix_candidates(toks.norm(i), &mut self.ids);
            }
            self.bounds.push(self.ids.len() as u32);
        }
    }
    pub fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    #[inline]
    pub fn at(&self, i: usize) -> &[u32] {
        &self.ids[self.bounds[i] as usize..self.bounds[i + 1] as usize]
    }
}

/// Several vocabularies merged into one table, so that a token's candidate
/// ids in all of them cost one probe instead of one per vocabulary. The coder
/// looks every token up in four (sectors, discards, verbs, actors); with
/// separate tables that was three or four probes per token, each missing the
/// cache on a large dictionary.
///
/// Stems cannot be merged this way (each vocabulary tries its own stem
/// lengths), so [`JointVocab::new`] declines vocabularies that have any, and
/// the caller fills each [`Candidates`] on its own.
#[derive(Clone, Debug)]
pub struct JointVocab<const N: usize> {
    /// Open addressing, at most half full; `len == 0` marks a free slot.
    slots: Vec<JointSlot<N>>,
    arena: String,
}

#[derive(Clone, Copy, Debug)]
struct JointSlot<const N: usize> {
    hash: u64,
    start: u32,
    len: u32,
    /// Per vocabulary: (exact id, acronym id), `NONE` where absent.
    ids: [(u32, u32); N],
}

impl<const N: usize> JointVocab<N> {
    /// The merged table, or `None` if any vocabulary has stems.
    pub fn new(vocabs: [&Vocab; N]) -> Option<JointVocab<N>> {
        if vocabs.iter().any(|v| !v.prefix_lens.is_empty()) {
            return None;
        }
        let keys: usize = vocabs.iter().map(|v| v.words.len).sum();
        let cap = (keys * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let empty = JointSlot {
            hash: 0,
            start: 0,
            len: 0,
            ids: [(NONE, NONE); N],
        };
        let mut j = JointVocab {
            slots: vec![empty; cap],
            arena: String::new(),
        };
        for (k, v) in vocabs.iter().enumerate() {
            for s in v.words.slots.iter().filter(|s| s.len != 0) {
                let key = &v.words.arena[s.start as usize..(s.start + s.len) as usize];
                let mut i = s.hash as usize & mask;
                loop {
                    let js = &j.slots[i];
                    if js.len == 0
                        || js.hash == s.hash
                            && &j.arena[js.start as usize..(js.start + js.len) as usize] == key
                    {
                        break;
                    }
                    i = (i + 1) & mask;
                }
                if j.slots[i].len == 0 {
                    let start = j.arena.len() as u32;
                    j.arena.push_str(key);
                    j.slots[i].hash = s.hash;
                    j.slots[i].start = start;
                    j.slots[i].len = s.len;
                }
                j.slots[i].ids[k] = (s.exact, s.caps);
            }
        }
        Some(j)
    }

    /// Fills `out[k]` with the candidates of every token in vocabulary `k`,
    /// exactly as [`Candidates::fill`] with that vocabulary would.
    pub fn fill(&self, toks: &TokenBuf, mut out: [&mut Candidates; N]) {
        // `bounds` is sized once and written by index: four pushes per token
        // (each checking capacity) were a quarter of the cost of this loop.
        for c in out.iter_mut() {
            c.ids.clear();
            c.bounds.clear();
            c.bounds.resize(toks.len() + 1, 0);
        }
        let mask = self.slots.len() - 1;
        // The table (1.5 MB with dyad's dictionaries) mostly misses the
        // cache. Touch every token's home slot and the key it points at
        // first: no branch depends on these loads, so the misses of all
        // tokens overlap, where the lookup loop below branches on each
        // loaded slot and so waits for one miss at a time (perf: that one
        // load was a third of this function's time).
        let mut touched = 0u64;
        let arena = self.arena.as_bytes();
        for &h in toks.norm_hashes().unwrap_or(&[]) {
            let s = &self.slots[h as usize & mask];
            touched ^= u64::from(arena.get(s.start as usize).copied().unwrap_or(0));
        }
        std::hint::black_box(touched);
        for (i, t) in toks.tokens.iter().enumerate() {
            let (key, hash) = (toks.norm_bytes(i), toks.norm_hash(i));
            let mut k = hash as usize & mask;
            let found = loop {
                let s = &self.slots[k];
                if s.len == 0 {
                    break None;
                }
                if s.hash == hash
                    && eq_bytes(
                        &self.arena.as_bytes()[s.start as usize..(s.start + s.len) as usize],
                        key,
                    )
                {
                    break Some(s);
                }
                k = (k + 1) & mask;
            };
            for (v, c) in out.iter_mut().enumerate() {
                if let Some(s) = found {
                    let (exact, caps) = s.ids[v];
                    if exact != NONE {
                        c.ids.push(exact);
                    }
                    if t.all_caps && caps != NONE {
                        c.ids.push(caps);
                    }
                }
                c.bounds[i + 1] = c.ids.len() as u32;
            }
        }
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

/// Trie edges: an open-addressing table from `(node, id)` to the child node.
#[derive(Clone, Debug, Default)]
struct EdgeTable {
    /// `(key, child)`; `key == EMPTY_KEY` marks a free slot.
    slots: Vec<(u64, u32)>,
}

const EMPTY_KEY: u64 = u64::MAX;

#[inline]
fn edge_key(node: u32, id: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(id)
}

#[inline]
fn edge_slot(key: u64, mask: usize) -> usize {
    let h = key.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 32) as usize & mask
}

impl EdgeTable {
    fn from_map(map: &FxMap<(u32, u32), u32>) -> EdgeTable {
        let cap = (map.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = vec![(EMPTY_KEY, 0u32); cap];
        for (&(node, id), &child) in map {
            let key = edge_key(node, id);
            let mut i = edge_slot(key, mask);
            while slots[i].0 != EMPTY_KEY {
                i = (i + 1) & mask;
            }
            slots[i] = (key, child);
        }
        EdgeTable { slots }
    }

    #[inline]
    fn get(&self, node: u32, id: u32) -> Option<u32> {
        let key = edge_key(node, id);
        let mask = self.slots.len() - 1;
        let mut i = edge_slot(key, mask);
        loop {
            let (k, child) = self.slots[i];
            if k == key {
                return Some(child);
            }
            if k == EMPTY_KEY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }
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
        let mut roots = vec![0u64; self.vocab.id_count().div_ceil(64)];
        let mut inner = vec![0u64; self.values.len().div_ceil(64)];
        for &(node, id) in self.edges.keys() {
            if node == 0 {
                roots[id as usize / 64] |= 1 << (id % 64);
            }
            inner[node as usize / 64] |= 1 << (node % 64);
        }
        let mut terminal = vec![0u64; self.values.len().div_ceil(64)];
        for (node, v) in self.values.iter().enumerate() {
            if !v.is_empty() {
                terminal[node / 64] |= 1 << (node % 64);
            }
        }
        PhraseMatcher {
            vocab: self.vocab,
            edges: EdgeTable::from_map(&self.edges),
            values: self.values,
            roots,
            terminal,
            inner,
        }
    }
}

/// An immutable token trie; share it across threads behind an `Arc`.
#[derive(Clone, Debug)]
pub struct PhraseMatcher<V> {
    vocab: Vocab,
    edges: EdgeTable,
    values: Vec<Vec<V>>,
    /// Bit set over vocabulary ids: the ids some phrase starts with. Most
    /// tokens start no phrase; this small set answers them without a probe
    /// of the large edge table, which would miss the cache.
    roots: Vec<u64>,
    /// Bit set over nodes: the nodes that end a phrase (non-empty
    /// `values`), so the walk does not load a `Vec` header per node.
    terminal: Vec<u64>,
    /// Bit set over nodes: the nodes with children. Most phrases are one
    /// or two tokens long, so most matched nodes are leaves; the walk does
    /// not probe the edge table (a cache miss, and a failed probe) for the
    /// next token's ids after those.
    inner: Vec<u64>,
}

impl<V> Default for PhraseMatcher<V> {
    fn default() -> Self {
        PhraseMatcherBuilder::default().build()
    }
}

/// Depth-first stack entries kept inline before spilling to the heap.
const INLINE_STACK: usize = 32;

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
        if start >= cands.len() {
            return None;
        }
        // Most tokens start no phrase: answer those without setting up the
        // walk.
        let is_root = |id: u32| {
            self.roots
                .get(id as usize / 64)
                .is_some_and(|w| w & (1 << (id % 64)) != 0)
        };
        if !cands.at(start).iter().any(|&id| is_root(id)) {
            return None;
        }
        let mut best: Option<PhraseMatch> = None;
        // Depth-first over candidate ids; stems and acronyms can branch. The
        // stack lives inline and spills to `spill` only on deep branching.
        let mut inline = [(0u32, 0usize); INLINE_STACK];
        let mut len = 0usize;
        let mut spill: Vec<(u32, usize)> = Vec::new();
        inline[0] = (0, start);
        len += 1;
        loop {
            let (node, pos) = if let Some(e) = spill.pop() {
                e
            } else if len > 0 {
                len -= 1;
                inline[len]
            } else {
                break;
            };
            if pos >= cands.len() {
                continue;
            }
            for &id in cands.at(pos) {
                if let Some(child) = self.edges.get(node, id) {
                    let terminal = self.terminal[child as usize / 64] & (1 << (child % 64)) != 0;
                    if terminal && best.is_none_or(|b| pos + 1 > b.end) {
                        best = Some(PhraseMatch {
                            start,
                            end: pos + 1,
                            node: child,
                        });
                    }
                    if self.inner[child as usize / 64] & (1 << (child % 64)) == 0 {
                        continue;
                    }
                    if spill.is_empty() && len < INLINE_STACK {
                        inline[len] = (child, pos + 1);
                        len += 1;
                    } else {
                        spill.push((child, pos + 1));
                    }
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
    fn eq_bytes_agrees_with_slice_eq() {
        let words = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "abc",
            "abd",
            "xbc",
            "abcd",
            "abce",
            "abcdefg",
            "abcdefh",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
            "abcdefghj",
            "bbcdefghi",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "abcdefghijklmnopq",
        ];
        for a in words {
            for b in words {
                assert_eq!(eq_bytes(a.as_bytes(), b.as_bytes()), a == b, "{a:?} {b:?}");
            }
        }
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

    #[test]
    fn joint_vocab_fills_as_each_vocab_does() {
        let mut a = PhraseMatcherBuilder::new();
        a.add(&ex("united states"), 1);
        a.add(&[PatTok::Caps("us".into())], 2);
        a.add(&ex("iran"), 3);
        let mut b = PhraseMatcherBuilder::new();
        b.add(&ex("us"), 1);
        b.add(&ex("met with"), 2);
        b.add(&[PatTok::Caps("iran".into())], 3);
        let empty = PhraseMatcherBuilder::<u8>::new().build();
        let (a, b) = (a.build(), b.build());
        let joint = JointVocab::new([a.vocab(), empty.vocab(), b.vocab()]).expect("no stems");
        for s in [
            "The United States met with IRAN.",
            "US and us, Iran",
            "",
            "nothing here",
        ] {
            let t = toks(s);
            let (mut ja, mut je, mut jb) = Default::default();
            joint.fill(&t, [&mut ja, &mut je, &mut jb]);
            for (joint_c, m) in [(&ja, a.vocab()), (&je, empty.vocab()), (&jb, b.vocab())] {
                let mut c = Candidates::default();
                c.fill(m, &t);
                assert_eq!(
                    (&joint_c.ids, &joint_c.bounds),
                    (&c.ids, &c.bounds),
                    "{s:?}"
                );
            }
        }
        let mut stems = PhraseMatcherBuilder::new();
        stems.add(&[PatTok::Prefix("argentin".into())], 1);
        assert!(JointVocab::new([a.vocab(), stems.build().vocab()]).is_none());
    }
}
