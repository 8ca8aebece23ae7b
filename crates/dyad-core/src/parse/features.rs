//! Feature extraction for the tagger and the parser.
//!
//! A feature is a 64-bit key: the hash of a template id and one to three
//! *atoms* (a word's hash, a tag id, a label id, a distance...). Keys are
//! never stored as strings, so extracting a feature allocates nothing; the
//! weight table ([`super::model::Weights`]) maps keys to per-class weights.
//! Collisions between distinct 64-bit keys are possible in principle and
//! ignored in practice: with a few million features the chance that any two
//! collide is about 10⁻⁷.
//!
//! Every hash here is fixed (FNV-1a over bytes, an Fx-style combiner, and
//! MurmurHash3's finaliser), never `std`'s randomly seeded hasher: a model
//! file trained on one machine must score the same keys on another.
//!
//! The templates follow the literature the numbers in `docs/parser.md` rest
//! on: Collins-style word, affix and shape features with the two previous
//! tags for the tagger (as in Honnibal's averaged-perceptron tagger), and
//! Zhang & Nivre's (2011) rich non-local features for the arc-eager parser
//! (distance, valency, second-order children, label sets).

/// One word's precomputed atoms, filled once per sentence.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordAtoms {
    /// The form as written.
    pub raw: u64,
    /// The lowercased form.
    pub lower: u64,
    /// Lowercased suffixes of 1..=4 characters (the whole word if shorter).
    pub suffix: [u64; 4],
    /// Lowercased prefixes of 1..=3 characters.
    pub prefix: [u64; 3],
    /// The word shape: character classes with runs collapsed ("Xx", "d.d").
    pub shape: u64,
    /// Orthographic flags: capitalised, all caps, has digit, has hyphen,
    /// has a letter.
    pub flags: u64,
    /// The word's ambiguity class: the set of UPOS tags it had in training,
    /// as a bit mask, from the model's [`super::model::Lexicon`]; 0 for
    /// words too rare to be listed. Filled by the caller, not by
    /// [`WordAtoms::of`].
    pub amb: u64,
    /// The tag id + 1 if the model's tag dictionary fixes this word's tag
    /// (frequent, unambiguous words: "the", ","), else 0. Filled by the
    /// caller.
    pub sure: u8,
    /// UPOS id + 1 the caller requires for this word (see
    /// [`super::ParseBuf::push_with_upos`]), else 0.
    pub force_upos: u8,
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a over bytes.
#[inline]
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h = FNV_OFFSET;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// MurmurHash3's 64-bit finaliser: spreads every input bit over the output,
/// so the open-addressing table can use the low bits directly.
#[inline]
pub fn fmix(mut k: u64) -> u64 {
    k ^= k >> 33;
    k = k.wrapping_mul(0xff51_afd7_ed55_8ccd);
    k ^= k >> 33;
    k = k.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    k ^= k >> 33;
    k
}

#[inline]
fn combine(h: u64, v: u64) -> u64 {
    (h.rotate_left(5) ^ v).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// The key of template `t` over atoms `a`. Never zero (zero marks an empty
/// slot in the weight table).
#[inline]
pub fn key(t: u8, a: &[u64]) -> u64 {
    let mut h = (t as u64 + 1).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &v in a {
        h = combine(h, v);
    }
    fmix(h).max(1)
}

impl WordAtoms {
    /// Computes the atoms of `word`. `lower` is a scratch buffer.
    pub fn of(word: &str, lower: &mut String) -> WordAtoms {
        lower.clear();
        let mut shape = FNV_OFFSET;
        let mut shape_len = 0;
        let mut last_class = 0u8;
        let (mut upper, mut lowercase, mut digit, mut hyphen) = (0u64, false, false, false);
        let mut letter = false;
        let mut first_upper = false;
        for (i, c) in word.chars().enumerate() {
            lower.extend(c.to_lowercase());
            letter |= c.is_alphabetic();
            let class = if c.is_uppercase() {
                upper += 1;
                if i == 0 {
                    first_upper = true;
                }
                b'X'
            } else if c.is_lowercase() {
                lowercase = true;
                b'x'
            } else if c.is_numeric() {
                digit = true;
                b'd'
            } else if c.is_alphabetic() {
                b'a'
            } else {
                if c == '-' {
                    hyphen = true;
                }
                // Punctuation keeps its identity in the shape ("d.d", "x@x").
                if (c as u32) < 128 {
                    c as u8
                } else {
                    b'o'
                }
            };
            if class != last_class && shape_len < 8 {
                shape ^= class as u64;
                shape = shape.wrapping_mul(FNV_PRIME);
                shape_len += 1;
            }
            last_class = class;
        }
        let bytes = lower.as_bytes();
        // Char boundaries counted from the end, for suffixes.
        let mut suffix = [0u64; 4];
        let mut ends = lower.char_indices().rev().map(|(i, _)| i);
        let mut last = bytes.len();
        for s in suffix.iter_mut() {
            if let Some(i) = ends.next() {
                last = i;
            }
            *s = hash_bytes(&bytes[last..]);
        }
        let mut prefix = [0u64; 3];
        let mut starts = lower.char_indices().map(|(i, c)| i + c.len_utf8());
        let mut end = 0;
        for p in prefix.iter_mut() {
            if let Some(e) = starts.next() {
                end = e;
            }
            *p = hash_bytes(&bytes[..end]);
        }
        let all_caps = upper > 0 && !lowercase;
        WordAtoms {
            raw: hash_bytes(word.as_bytes()),
            lower: hash_bytes(bytes),
            suffix,
            prefix,
            shape,
            flags: first_upper as u64
                | (all_caps as u64) << 1
                | (digit as u64) << 2
                | (hyphen as u64) << 3
                | (letter as u64) << 4,
            amb: 0,
            sure: 0,
            force_upos: 0,
        }
    }
}

/// Tag id used for "no tag" (before the sentence start, an empty slot).
pub const NO_TAG: u64 = 0;
/// Atom standing for the artificial root and the sentence boundary.
pub const ROOT_ATOM: u64 = 0x5a5a_5a5a;

/// A sentence-level atom for the tagger: is the sentence in title case
/// ("Great Place To Stay") or mostly capitals? In such text capitalisation
/// says little about PROPN versus NOUN, the tagger's largest confusion.
pub fn sentence_context(words: &[WordAtoms]) -> u64 {
    let alpha = words.iter().filter(|w| w.flags & 16 != 0).count();
    let cap = words.iter().filter(|w| w.flags & 1 != 0).count();
    let caps = words.iter().filter(|w| w.flags & 2 != 0).count();
    if alpha < 3 {
        return 0;
    }
    (cap * 10 >= alpha * 6) as u64 | ((caps * 10 >= alpha * 6) as u64) << 1
}

/// Appends the tagger's features for word `i` to `out`. `tags[..i]` holds
/// the tags already assigned (class ids); `ctx` is [`sentence_context`].
pub fn tagger_features(words: &[WordAtoms], tags: &[u8], i: usize, ctx: u64, out: &mut Vec<u64>) {
    let n = words.len();
    let w = &words[i];
    let at = |j: isize| -> Option<&WordAtoms> {
        (j >= 0 && (j as usize) < n).then(|| &words[j as usize])
    };
    let lw = |j: isize| at(j).map_or(ROOT_ATOM, |a| a.lower);
    let t = |j: isize| -> u64 {
        if j < 0 {
            ROOT_ATOM
        } else {
            tags[j as usize] as u64 + 1
        }
    };
    let i = i as isize;
    let (t1, t2) = (t(i - 1), t(i - 2));
    out.push(key(0, &[]));
    out.push(key(1, &[w.lower]));
    out.push(key(2, &[w.raw]));
    for (k, s) in w.suffix.iter().enumerate() {
        out.push(key(3 + k as u8, &[*s]));
    }
    for (k, p) in w.prefix.iter().enumerate() {
        out.push(key(7 + k as u8, &[*p]));
    }
    out.push(key(10, &[w.shape]));
    out.push(key(11, &[t1]));
    out.push(key(12, &[t2, t1]));
    out.push(key(13, &[t1, w.lower]));
    out.push(key(14, &[lw(i - 1)]));
    out.push(key(15, &[at(i - 1).map_or(ROOT_ATOM, |a| a.suffix[2])]));
    out.push(key(16, &[lw(i - 2)]));
    out.push(key(17, &[lw(i + 1)]));
    out.push(key(18, &[at(i + 1).map_or(ROOT_ATOM, |a| a.suffix[2])]));
    out.push(key(19, &[lw(i + 2)]));
    out.push(key(20, &[at(i + 1).map_or(ROOT_ATOM, |a| a.shape)]));
    out.push(key(21, &[at(i - 1).map_or(ROOT_ATOM, |a| a.shape)]));
    out.push(key(22, &[lw(i - 1), w.lower]));
    out.push(key(23, &[w.lower, lw(i + 1)]));
    out.push(key(24, &[w.flags, (i == 0) as u64]));
    out.push(key(25, &[t1, w.suffix[2]]));
    out.push(key(26, &[t1, lw(i + 1)]));
    out.push(key(
        27,
        &[w.suffix[1], at(i + 1).map_or(ROOT_ATOM, |a| a.suffix[1])],
    ));
    // Ambiguity classes give right context without a second pass: what the
    // next words *can* be ("to" + {NOUN, VERB}).
    let amb = |j: isize| at(j).map_or(ROOT_ATOM, |a| a.amb);
    out.push(key(28, &[w.amb]));
    out.push(key(29, &[w.amb, t1]));
    out.push(key(30, &[amb(i + 1)]));
    out.push(key(31, &[w.amb, amb(i + 1)]));
    out.push(key(32, &[amb(i + 2)]));
    out.push(key(33, &[amb(i - 1), w.amb]));
    out.push(key(34, &[t1, amb(i + 1)]));
    let flags = |j: isize| at(j).map_or(ROOT_ATOM, |a| a.flags);
    out.push(key(35, &[flags(i - 1), w.flags, flags(i + 1)]));
    out.push(key(36, &[ctx, w.flags, (i == 0) as u64]));
    out.push(key(37, &[ctx, w.lower]));
}
