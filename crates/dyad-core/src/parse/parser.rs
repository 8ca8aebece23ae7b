//! The dependency parser: greedy arc-eager transitions scored by an averaged
//! perceptron, trained with Goldberg & Nivre's (2012) dynamic oracle.
//!
//! ## Transition system
//!
//! A configuration is a stack (starting with the artificial root, position
//! 0), a buffer front `b` (words are 1..=n) and the arcs built so far. The
//! moves are
//!
//! | class | move | effect | precondition |
//! |---|---|---|---|
//! | 0 | SHIFT | push `b` | buffer not empty |
//! | 1 | REDUCE | pop `s0` | `s0` has a head |
//! | 2 + 2l | LEFT-ARC(l) | `b →l s0`, pop | `s0` is a word without a head |
//! | 3 + 2l | RIGHT-ARC(l) | `s0 →l b`, push `b` | from the root only `root`, once; `root` only from the root |
//!
//! Parsing ends when the buffer is empty. Words still without a head then
//! hang from the root word (as `punct` if tagged PUNCT, else `parataxis`),
//! so every parse is a tree with exactly one root.
//!
//! ## Dynamic oracle
//!
//! For every legal move the oracle counts the gold arcs it makes
//! unreachable (arc-eager is arc-decomposable, so the count is exact for
//! projective gold trees), plus one for a wrong label on the arc it adds.
//! Training follows the model's own prediction 90 % of the time after the
//! first epoch (the "error exploration" of Goldberg & Nivre), and updates
//! whenever the predicted move costs more than the cheapest one. Gold trees
//! that are not projective (2.3 % of EWT's training sentences) are made
//! projective first by lifting each crossing arc to its grandparent
//! ([`projectivize`]); the parser therefore never outputs crossing arcs.

use super::features::{key, WordAtoms, NO_TAG, ROOT_ATOM};
use super::model::Weights;
use super::perceptron::Perceptron;
use super::tagger::argmax_i32;

pub(crate) const NONE: u32 = u32::MAX;
pub(crate) const SHIFT: usize = 0;
pub(crate) const REDUCE: usize = 1;
/// Caps for the distance and valency atoms.
const MAX_DIST: u32 = 15;
const MAX_VAL: u8 = 7;

/// The class id of LEFT-ARC with label `l`.
#[cfg(test)]
pub(crate) fn left(l: usize) -> usize {
    2 + 2 * l
}

/// The class id of RIGHT-ARC with label `l`.
#[cfg(test)]
pub(crate) fn right(l: usize) -> usize {
    3 + 2 * l
}

/// A parser configuration over positions 0 (root) ..= n.
#[derive(Clone, Debug, Default)]
pub(crate) struct State {
    n: u32,
    stack: Vec<u32>,
    in_stack: Vec<bool>,
    b: u32,
    pub head: Vec<u32>,
    pub label: Vec<u16>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    lval: Vec<u8>,
    rval: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
    root_taken: bool,
    /// Prefix counts of verbs, punctuation and coordinators: `cum[i]`
    /// counts positions `1..i`, so "how many between a and b" is O(1).
    cum: Vec<[u16; 3]>,
}

impl State {
    /// Starts a sentence of `n` words; `upos[i - 1]` is position `i`'s UPOS.
    pub fn reset(&mut self, n: usize, upos: &[u8]) {
        let m = n + 1;
        self.cum.clear();
        self.cum.push([0; 3]);
        self.cum.push([0; 3]);
        for &u in &upos[..n] {
            let mut c = *self.cum.last().expect("pushed");
            match u as usize {
                VERB_UPOS => c[0] += 1,
                PUNCT_UPOS => c[1] += 1,
                CCONJ_UPOS => c[2] += 1,
                _ => {}
            }
            self.cum.push(c);
        }
        self.n = n as u32;
        self.stack.clear();
        self.stack.push(0);
        for v in [
            &mut self.head,
            &mut self.l1,
            &mut self.l2,
            &mut self.r1,
            &mut self.r2,
        ] {
            v.clear();
            v.resize(m, NONE);
        }
        self.in_stack.clear();
        self.in_stack.resize(m, false);
        self.in_stack[0] = true;
        self.label.clear();
        self.label.resize(m, 0);
        for v in [&mut self.lval, &mut self.rval] {
            v.clear();
            v.resize(m, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(m, 0);
        }
        self.b = 1;
        self.root_taken = false;
    }

    #[inline]
    pub fn terminal(&self) -> bool {
        self.b > self.n
    }

    #[inline]
    fn s0(&self) -> u32 {
        *self.stack.last().unwrap_or(&NONE)
    }

    fn add_arc(&mut self, h: u32, d: u32, l: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = l;
        if d < h {
            if self.l1[hu] == NONE || d < self.l1[hu] {
                self.l2[hu] = self.l1[hu];
                self.l1[hu] = d;
            } else if self.l2[hu] == NONE || d < self.l2[hu] {
                self.l2[hu] = d;
            }
            self.lval[hu] = self.lval[hu].saturating_add(1);
            self.lset[hu] |= 1 << (l & 63);
        } else {
            if self.r1[hu] == NONE || d > self.r1[hu] {
                self.r2[hu] = self.r1[hu];
                self.r1[hu] = d;
            } else if self.r2[hu] == NONE || d > self.r2[hu] {
                self.r2[hu] = d;
            }
            self.rval[hu] = self.rval[hu].saturating_add(1);
            self.rset[hu] |= 1 << (l & 63);
        }
        if h == 0 {
            self.root_taken = true;
        }
    }

    /// Whether move `class` is legal. `root` is the id of the `root` label.
    #[inline]
    pub fn valid(&self, class: usize, root: usize) -> bool {
        let s0 = self.s0();
        let has_b = self.b <= self.n;
        match class {
            SHIFT => has_b,
            REDUCE => s0 != NONE && s0 != 0 && self.head[s0 as usize] != NONE,
            c => {
                let l = (c - 2) / 2;
                if c % 2 == 0 {
                    has_b && s0 != NONE && s0 != 0 && self.head[s0 as usize] == NONE && l != root
                } else if s0 == 0 {
                    has_b && l == root && !self.root_taken
                } else {
                    has_b && s0 != NONE && l != root
                }
            }
        }
    }

    pub fn apply(&mut self, class: usize) {
        match class {
            SHIFT => {
                self.stack.push(self.b);
                self.in_stack[self.b as usize] = true;
                self.b += 1;
            }
            REDUCE => {
                let s = self.stack.pop().expect("REDUCE on empty stack");
                self.in_stack[s as usize] = false;
            }
            c => {
                let l = ((c - 2) / 2) as u16;
                let s0 = self.s0();
                if c % 2 == 0 {
                    self.stack.pop();
                    self.in_stack[s0 as usize] = false;
                    self.add_arc(self.b, s0, l);
                } else {
                    self.add_arc(s0, self.b, l);
                    self.stack.push(self.b);
                    self.in_stack[self.b as usize] = true;
                    self.b += 1;
                }
            }
        }
    }

    /// Attaches every word left without a head (see the module docs).
    /// `upos[i - 1]` is the UPOS class of position `i`.
    pub fn finish(&mut self, upos: &[u8], root: u16, punct: u16, parataxis: u16) {
        let n = self.n as usize;
        let mut root_word = (1..=n).find(|&i| self.head[i] == 0);
        for i in 1..=n {
            if self.head[i] != NONE {
                continue;
            }
            match root_word {
                None => {
                    self.head[i] = 0;
                    self.label[i] = root;
                    root_word = Some(i);
                }
                Some(r) => {
                    self.head[i] = r as u32;
                    self.label[i] = if upos[i - 1] as usize == PUNCT_UPOS {
                        punct
                    } else {
                        parataxis
                    };
                }
            }
        }
    }

    /// Dynamic-oracle cost of every class into `costs` (legal moves only;
    /// illegal ones get `u32::MAX`). `gh`/`gl` are the gold heads and labels
    /// by position (index 0 unused).
    pub fn costs(&self, gh: &[u32], gl: &[u16], root: usize, costs: &mut [u32]) {
        let s = self.s0();
        let b = self.b;
        let n = self.n;
        let buffer = b..=n;
        // Gold dependents of x still in the buffer (from b on).
        let deps_in_buffer =
            |x: u32| buffer.clone().filter(|&k| gh[k as usize] == x).count() as u32;
        // Headless stack words whose gold head is x.
        let stack_deps = |x: u32| {
            self.stack
                .iter()
                .filter(|&&k| k != 0 && self.head[k as usize] == NONE && gh[k as usize] == x)
                .count() as u32
        };
        let has_b = b <= n;
        let (mut shift, mut right_base, mut left_base, mut reduce) = (0, 0, 0, 0);
        if has_b {
            let hb = gh[b as usize];
            shift = u32::from(self.in_stack[hb as usize]) + stack_deps(b);
            right_base =
                u32::from(hb != s && (self.in_stack[hb as usize] || hb > b)) + stack_deps(b);
        }
        if s != NONE && s != 0 {
            let hs = gh[s as usize];
            let own = deps_in_buffer(s);
            left_base = u32::from(hs > b && hs <= n) + own;
            reduce = own;
        }
        for (c, cost) in costs.iter_mut().enumerate() {
            *cost = if !self.valid(c, root) {
                u32::MAX
            } else {
                match c {
                    SHIFT => shift,
                    REDUCE => reduce,
                    c => {
                        let l = ((c - 2) / 2) as u16;
                        if c % 2 == 0 {
                            left_base + u32::from(gh[s as usize] == b && gl[s as usize] != l)
                        } else {
                            right_base + u32::from(gh[b as usize] == s && gl[b as usize] != l)
                        }
                    }
                }
            };
        }
    }
}

/// UPOS class ids (see [`super::conllu::UPOS`]).
const PUNCT_UPOS: usize = 12;
const VERB_UPOS: usize = 15;
const CCONJ_UPOS: usize = 4;

/// Appends the parser's features for configuration `st` to `out`.
/// `words[i - 1]` and `tags[i - 1]` belong to position `i`.
pub(crate) fn parser_features(st: &State, words: &[WordAtoms], tags: &[u8], out: &mut Vec<u64>) {
    let n = st.n;
    let w = |i: u32| -> u64 {
        if i == NONE || i > n {
            0
        } else if i == 0 {
            ROOT_ATOM
        } else {
            words[i as usize - 1].lower
        }
    };
    let p = |i: u32| -> u64 {
        if i == NONE || i > n {
            NO_TAG
        } else if i == 0 {
            ROOT_ATOM
        } else {
            tags[i as usize - 1] as u64 + 1
        }
    };
    let lab = |i: u32| -> u64 {
        if i == NONE || i > n || st.head[i as usize] == NONE {
            0
        } else {
            st.label[i as usize] as u64 + 1
        }
    };
    let get = |v: &Vec<u32>, i: u32| -> u32 {
        if i == NONE || i > n {
            NONE
        } else {
            v[i as usize]
        }
    };
    let s0 = st.s0();
    let s1 = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    let n0 = if st.b <= n { st.b } else { NONE };
    let n1 = if st.b < n { st.b + 1 } else { NONE };
    let n2 = if st.b + 1 < n { st.b + 2 } else { NONE };
    let (s0w, s0p, n0w, n0p) = (w(s0), p(s0), w(n0), p(n0));
    let (n1w, n1p, n2w, n2p) = (w(n1), p(n1), w(n2), p(n2));
    let s0h = get(&st.head, s0);
    let s0h2 = get(&st.head, s0h);
    let (s0l, s0l2, s0r, s0r2) = (
        get(&st.l1, s0),
        get(&st.l2, s0),
        get(&st.r1, s0),
        get(&st.r2, s0),
    );
    let (n0l, n0l2) = (get(&st.l1, n0), get(&st.l2, n0));
    let d = if s0 != NONE && n0 != NONE {
        (n0 - s0).min(MAX_DIST) as u64
    } else {
        0
    };
    let at = |v: &Vec<u8>, i: u32| -> u64 {
        if i == NONE || i > n {
            0
        } else {
            v[i as usize].min(MAX_VAL) as u64
        }
    };
    let set = |v: &Vec<u64>, i: u32| -> u64 {
        if i == NONE || i > n {
            0
        } else {
            v[i as usize]
        }
    };
    let (s0vl, s0vr, n0vl) = (at(&st.lval, s0), at(&st.rval, s0), at(&st.lval, n0));
    let (s0sl, s0sr, n0sl) = (set(&st.lset, s0), set(&st.rset, s0), set(&st.lset, n0));

    out.push(key(0, &[]));
    // Single words.
    out.push(key(1, &[s0w, s0p]));
    out.push(key(2, &[s0w]));
    out.push(key(3, &[s0p]));
    out.push(key(4, &[n0w, n0p]));
    out.push(key(5, &[n0w]));
    out.push(key(6, &[n0p]));
    out.push(key(7, &[n1w, n1p]));
    out.push(key(8, &[n1w]));
    out.push(key(9, &[n1p]));
    out.push(key(10, &[n2w, n2p]));
    out.push(key(11, &[n2w]));
    out.push(key(12, &[n2p]));
    // Word pairs.
    out.push(key(13, &[s0w, s0p, n0w, n0p]));
    out.push(key(14, &[s0w, s0p, n0w]));
    out.push(key(15, &[s0w, n0w, n0p]));
    out.push(key(16, &[s0w, s0p, n0p]));
    out.push(key(17, &[s0p, n0w, n0p]));
    out.push(key(18, &[s0w, n0w]));
    out.push(key(19, &[s0p, n0p]));
    out.push(key(20, &[n0p, n1p]));
    // Three words.
    out.push(key(21, &[n0p, n1p, n2p]));
    out.push(key(22, &[s0p, n0p, n1p]));
    out.push(key(23, &[p(s0h), s0p, n0p]));
    out.push(key(24, &[s0p, p(s0l), n0p]));
    out.push(key(25, &[s0p, p(s0r), n0p]));
    out.push(key(26, &[s0p, n0p, p(n0l)]));
    // Distance.
    out.push(key(27, &[s0w, d]));
    out.push(key(28, &[s0p, d]));
    out.push(key(29, &[n0w, d]));
    out.push(key(30, &[n0p, d]));
    out.push(key(31, &[s0w, n0w, d]));
    out.push(key(32, &[s0p, n0p, d]));
    // Valency.
    out.push(key(33, &[s0w, s0vr]));
    out.push(key(34, &[s0p, s0vr]));
    out.push(key(35, &[s0w, s0vl]));
    out.push(key(36, &[s0p, s0vl]));
    out.push(key(37, &[n0w, n0vl]));
    out.push(key(38, &[n0p, n0vl]));
    // Second order: heads and outermost children.
    out.push(key(39, &[w(s0h)]));
    out.push(key(40, &[p(s0h)]));
    out.push(key(41, &[lab(s0)]));
    out.push(key(42, &[w(s0l)]));
    out.push(key(43, &[p(s0l)]));
    out.push(key(44, &[lab(s0l)]));
    out.push(key(45, &[w(s0r)]));
    out.push(key(46, &[p(s0r)]));
    out.push(key(47, &[lab(s0r)]));
    out.push(key(48, &[w(n0l)]));
    out.push(key(49, &[p(n0l)]));
    out.push(key(50, &[lab(n0l)]));
    // Third order.
    out.push(key(51, &[w(s0h2)]));
    out.push(key(52, &[p(s0h2)]));
    out.push(key(53, &[lab(s0h)]));
    out.push(key(54, &[w(s0l2)]));
    out.push(key(55, &[p(s0l2)]));
    out.push(key(56, &[lab(s0l2)]));
    out.push(key(57, &[w(s0r2)]));
    out.push(key(58, &[p(s0r2)]));
    out.push(key(59, &[lab(s0r2)]));
    out.push(key(60, &[w(n0l2)]));
    out.push(key(61, &[p(n0l2)]));
    out.push(key(62, &[lab(n0l2)]));
    out.push(key(63, &[s0p, p(s0l), p(s0l2)]));
    out.push(key(64, &[s0p, p(s0r), p(s0r2)]));
    out.push(key(65, &[s0p, p(s0h), p(s0h2)]));
    out.push(key(66, &[n0p, p(n0l), p(n0l2)]));
    // Label sets.
    out.push(key(67, &[s0w, s0sr]));
    out.push(key(68, &[s0p, s0sr]));
    out.push(key(69, &[s0w, s0sl]));
    out.push(key(70, &[s0p, s0sl]));
    out.push(key(71, &[n0w, n0sl]));
    out.push(key(72, &[n0p, n0sl]));
    // The second stack word (not in Zhang & Nivre; it tells REDUCE from
    // LEFT-ARC when s0 is attached and s1 is a likely head of n0).
    out.push(key(73, &[p(s1), s0p, n0p]));
    out.push(key(74, &[w(s1), p(s1)]));
    out.push(key(75, &[p(s1), lab(s1)]));
    // Surface context (not in Zhang & Nivre): the word just before the
    // buffer front and just after s0 (often "," or "and"), and what lies
    // between s0 and n0. These target coordination and punctuation, the
    // largest error classes on EWT.
    let before_n0 = if n0 != NONE && n0 > 1 { n0 - 1 } else { NONE };
    let after_s0 = if s0 != NONE && s0 != 0 && s0 + 1 < st.b {
        s0 + 1
    } else {
        NONE
    };
    out.push(key(76, &[w(before_n0), p(before_n0)]));
    out.push(key(77, &[p(before_n0), n0p]));
    out.push(key(78, &[s0p, p(before_n0), n0p]));
    out.push(key(79, &[s0p, p(after_s0)]));
    out.push(key(80, &[s0p, p(after_s0), n0p]));
    if s0 != NONE && n0 != NONE {
        let (a, b) = (&st.cum[s0 as usize + 1], &st.cum[n0 as usize]);
        let between = |k: usize| (b[k].saturating_sub(a[k])).min(2) as u64;
        out.push(key(81, &[s0p, n0p, between(0)]));
        out.push(key(82, &[s0p, n0p, between(1)]));
        out.push(key(83, &[s0p, n0p, between(2)]));
    }
    out.push(key(84, &[s0p, n0p, st.root_taken as u64]));
    // Suffixes for unknown words, and deeper stack and buffer context.
    let suf = |i: u32| -> u64 {
        if i == NONE || i == 0 || i > n {
            0
        } else {
            words[i as usize - 1].suffix[2]
        }
    };
    let s2 = if st.stack.len() >= 3 {
        st.stack[st.stack.len() - 3]
    } else {
        NONE
    };
    let n3 = if st.b + 2 < n { st.b + 3 } else { NONE };
    out.push(key(85, &[suf(s0), s0p]));
    out.push(key(86, &[suf(n0), n0p]));
    out.push(key(87, &[s0p, suf(n0)]));
    out.push(key(88, &[p(s2), p(s1), s0p]));
    out.push(key(89, &[n0p, n1p, n2p, p(n3)]));
    out.push(key(90, &[lab(s0), lab(s0h), s0p]));
    out.push(key(91, &[s0w, n0p, n1p]));
    out.push(key(92, &[s0p, n0w, n1p]));
}

/// Reusable buffers for parsing one sentence.
#[derive(Default, Debug, Clone)]
pub(crate) struct ParseScratch {
    pub state: State,
    feats: Vec<u64>,
    scores: Vec<i32>,
}

/// Label ids the parser needs to know by name.
#[derive(Clone, Copy, Debug)]
pub(crate) struct SpecialLabels {
    pub root: u16,
    pub punct: u16,
    pub parataxis: u16,
}

/// Parses `words` tagged `tags` (joint tag ids; `upos` their universal
/// part); the tree is left in `s.state`.
pub(crate) fn parse(
    weights: &Weights,
    special: SpecialLabels,
    words: &[WordAtoms],
    tags: &[u8],
    upos: &[u8],
    s: &mut ParseScratch,
) {
    let n_classes = weights.classes();
    let root = special.root as usize;
    s.state.reset(words.len(), upos);
    while !s.state.terminal() {
        s.feats.clear();
        parser_features(&s.state, words, tags, &mut s.feats);
        s.scores.clear();
        s.scores.resize(n_classes, 0);
        weights.score(&s.feats, &mut s.scores);
        for c in 0..n_classes {
            if !s.state.valid(c, root) {
                s.scores[c] = i32::MIN;
            }
        }
        let best = argmax_i32(&s.scores);
        s.state.apply(best);
    }
    s.state
        .finish(upos, special.root, special.punct, special.parataxis);
}

/// Lifts non-projective arcs until the tree is projective: each crossing
/// arc `h → d` becomes `head(h) → d` (labels kept), shortest arcs first.
/// `heads` is 1-based with 0 for the root; it is rewritten in place.
pub(crate) fn projectivize(heads: &mut [u32]) {
    let n = heads.len();
    let dominates = |heads: &[u32], h: u32, mut d: u32| -> bool {
        // Does h dominate d? Walk up from d (bounded, in case of cycles).
        for _ in 0..=n {
            if d == h {
                return true;
            }
            if d == 0 {
                return false;
            }
            d = heads[d as usize - 1];
        }
        false
    };
    loop {
        let mut worst: Option<(u32, usize)> = None;
        for (i, &h) in heads.iter().enumerate() {
            let d = i as u32 + 1;
            let (lo, hi) = if h < d { (h, d) } else { (d, h) };
            let crossing = (lo + 1..hi).any(|k| !dominates(heads, h, k));
            if crossing && worst.is_none_or(|(len, _)| hi - lo < len) {
                worst = Some((hi - lo, i));
            }
        }
        let Some((_, i)) = worst else { return };
        let h = heads[i];
        heads[i] = if h == 0 { 0 } else { heads[h as usize - 1] };
    }
}

/// One training sentence for the parser.
pub(crate) struct ParseExample<'a> {
    pub words: &'a [WordAtoms],
    /// Tags the parser sees: predicted (jackknifed), not gold.
    pub tags: &'a [u8],
    /// The UPOS part of `tags`.
    pub upos: Vec<u8>,
    /// Gold heads (projectivised) and labels, by position; index 0 unused.
    pub heads: Vec<u32>,
    pub labels: Vec<u16>,
}

/// Training knobs for one parser epoch.
pub(crate) struct EpochOptions {
    /// Follow the model's (possibly wrong) move with this probability.
    pub explore: f64,
}

/// One epoch of dynamic-oracle training over `examples` in `order`.
pub(crate) fn train_epoch(
    p: &mut Perceptron,
    root: usize,
    examples: &[ParseExample<'_>],
    order: &[usize],
    opts: &EpochOptions,
    rng: &mut super::train::Rng,
) {
    let n_classes = p.classes();
    let mut st = State::default();
    let mut feats = Vec::new();
    let mut scores = vec![0.0f32; n_classes];
    let mut costs = vec![0u32; n_classes];
    for &k in order {
        let ex = &examples[k];
        st.reset(ex.words.len(), &ex.upos);
        while !st.terminal() {
            feats.clear();
            parser_features(&st, ex.words, ex.tags, &mut feats);
            p.score(&feats, &mut scores);
            st.costs(&ex.heads, &ex.labels, root, &mut costs);
            let (mut guess, mut best) = (usize::MAX, usize::MAX);
            let min_cost = *costs.iter().min().expect("classes");
            for c in 0..n_classes {
                if costs[c] == u32::MAX {
                    continue;
                }
                if guess == usize::MAX || scores[c] > scores[guess] {
                    guess = c;
                }
                if costs[c] == min_cost && (best == usize::MAX || scores[c] > scores[best]) {
                    best = c;
                }
            }
            if costs[guess] > min_cost {
                p.update(&feats, best, guess);
            }
            p.tick();
            let next = if rng.next_f64() < opts.explore {
                guess
            } else {
                best
            };
            st.apply(next);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn projectivize_lifts_crossing_arcs() {
        // 1 <- 3, 2 <- 4 (crosses 1-3), 3 root, 4 <- 3.
        let mut h = vec![3, 4, 0, 3];
        projectivize(&mut h);
        assert_eq!(h, [3, 3, 0, 3]);
        let mut proj = vec![2, 0, 2];
        projectivize(&mut proj);
        assert_eq!(proj, [2, 0, 2]);
    }

    /// Following the zero-cost moves from the start rebuilds any
    /// projective gold tree exactly.
    #[test]
    fn static_path_through_the_oracle_rebuilds_the_tree() {
        // "She gave him a book ." with labels 0 root, 1 nsubj, 2 iobj,
        // 3 det, 4 obj, 5 punct.
        let gh = [0, 2, 0, 2, 5, 2, 2];
        let gl = [0, 1, 0, 2, 3, 4, 5];
        let root = 0;
        let n_classes = 2 + 2 * 6;
        let mut st = State::default();
        st.reset(6, &[10, 15, 10, 5, 7, 12]);
        let mut costs = vec![0; n_classes];
        let mut steps = 0;
        while !st.terminal() {
            st.costs(&gh, &gl, root, &mut costs);
            let c = (0..n_classes)
                .find(|&c| costs[c] == 0)
                .expect("a zero-cost move");
            st.apply(c);
            steps += 1;
            assert!(steps < 100);
        }
        assert_eq!(&st.head[1..], &gh[1..]);
        assert_eq!(&st.label[1..], &gl[1..]);
    }

    #[test]
    fn oracle_prices_mistakes() {
        // "a b": b is the root, a depends on b (label 1).
        let gh = [0, 2, 0];
        let gl = [0, 1, 0];
        let mut st = State::default();
        st.reset(2, &[7, 15]);
        let mut costs = vec![0; 6];
        st.costs(&gh, &gl, 0, &mut costs);
        // RIGHT-ARC(root) from the root to "a" loses a's true head arc.
        assert_eq!(costs[right(0)], 1);
        assert_eq!(costs[SHIFT], 0);
        assert_eq!(costs[REDUCE], u32::MAX);
        st.apply(SHIFT);
        st.costs(&gh, &gl, 0, &mut costs);
        assert_eq!(costs[left(1)], 0);
        assert_eq!(costs[left(0)], u32::MAX, "root label only from the root");
        assert_eq!(costs[right(1)], 2, "b's head and a's head are both lost");
    }
}
