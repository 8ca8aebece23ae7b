//! Fixed word lists with constant-time membership.
//!
//! The clause analyser and the mention builder ask, for many tokens of every
//! sentence, "is this word a reporting verb / a preposition / a given-name
//! blocker?". Scanning a 50-word slice per question was a large share of
//! coding time. A [`WordList`] keeps the readable list in the source and
//! answers with one probe of an open-addressing table keyed by
//! [`hash_norm`], built at compile time ([`hash_norm_const`](super::hash_norm_const)). A token's hash is already in its
//! [`TokenBuf`](super::TokenBuf) ([`WordList::has`]), so asking about a
//! token costs no hashing at all.
//!
//! ```
//! use dyad_core::text::WordList;
//!
//! const SAY: &WordList = &WordList::new(&["said", "says", "told"]);
//! assert!(SAY.contains(&"told"));
//! assert!(!SAY.contains(&"tell"));
//! assert_eq!(SAY.words(), ["said", "says", "told"]);
//! ```

use super::{hash_norm, hash_norm_const, TokenBuf};

/// Table slots; a list may hold up to half as many words.
const SLOTS: usize = 256;

/// A static list of normalised words with fast membership tests.
pub struct WordList {
    words: &'static [&'static str],
    /// Open addressing: `(hash, index into words + 1)`, 0 marking a free slot.
    slots: [(u64, u16); SLOTS],
}

impl WordList {
    /// Builds the table (at compile time in a `const`). Panics if the list
    /// has more than 128 words.
    pub const fn new(words: &'static [&'static str]) -> WordList {
        assert!(
            words.len() <= SLOTS / 2,
            "a WordList holds at most 128 words"
        );
        let mut slots = [(0u64, 0u16); SLOTS];
        let mut k = 0;
        while k < words.len() {
            let h = hash_norm_const(words[k]);
            let mut i = h as usize & (SLOTS - 1);
            while slots[i].1 != 0 {
                i = (i + 1) & (SLOTS - 1);
            }
            slots[i] = (h, (k + 1) as u16);
            k += 1;
        }
        WordList { words, slots }
    }

    /// The words, as written.
    pub fn words(&self) -> &'static [&'static str] {
        self.words
    }

    /// Whether `word` (with [`hash_norm`] `hash`) is in the list.
    #[inline]
    pub fn contains_hashed(&self, word: &str, hash: u64) -> bool {
        let mut i = hash as usize & (SLOTS - 1);
        loop {
            let (h, k) = self.slots[i];
            if k == 0 {
                return false;
            }
            if h == hash && self.words[k as usize - 1] == word {
                return true;
            }
            i = (i + 1) & (SLOTS - 1);
        }
    }

    /// Whether `word` is in the list. Takes `&&str` so that it reads like
    /// the slice method it replaces (`LIST.contains(&w)`).
    #[inline]
    pub fn contains(&self, word: &&str) -> bool {
        self.contains_hashed(word, hash_norm(word))
    }

    /// Whether the normalised form of token `i` of `t` is in the list.
    ///
    /// Panics if `i >= t.len()`.
    // Always inlined: called for many tokens of every sentence from many
    // places, and the call cost more than the probe.
    #[inline(always)]
    pub fn has(&self, t: &TokenBuf, i: usize) -> bool {
        // Most tokens miss at the first free slot; the norm is fetched (as
        // bytes, without `str` slicing's boundary checks) only on a hash hit.
        let hash = t.norm_hash(i);
        let mut s = hash as usize & (SLOTS - 1);
        loop {
            let (h, k) = self.slots[s];
            if k == 0 {
                return false;
            }
            if h == hash && self.words[k as usize - 1].as_bytes() == t.norm_bytes(i) {
                return true;
            }
            s = (s + 1) & (SLOTS - 1);
        }
    }
}

impl std::fmt::Debug for WordList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.words).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{tokenize, Span};
    use proptest::prelude::*;

    const LIST: &WordList = &WordList::new(&["said", "'s", "n't", "-", "according", "a", ""]);

    #[test]
    fn members_and_strangers() {
        for w in LIST.words() {
            assert!(LIST.contains(w), "{w:?}");
        }
        for w in ["say", "s", "nt", "--", "accordingly", "b", "A"] {
            assert!(!LIST.contains(&w), "{w:?}");
        }
        const EMPTY: &WordList = &WordList::new(&[]);
        assert!(!EMPTY.contains(&"a"));
    }

    #[test]
    fn token_lookup_uses_the_norm() {
        let text = "Israel's envoy SAID - according to A";
        let mut buf = crate::text::TokenBuf::new();
        tokenize(text, Span::new(0, text.len()), &mut buf);
        let hits: Vec<bool> = (0..buf.len()).map(|i| LIST.has(&buf, i)).collect();
        assert_eq!(hits, [false, true, false, true, true, true, false, true]);
    }

    proptest! {
        /// The fast path agrees with the slice scan it replaces.
        #[test]
        fn agrees_with_slice_contains(w in "[a-z'-]{0,6}") {
            prop_assert_eq!(LIST.contains(&w.as_str()), LIST.words().contains(&w.as_str()));
        }
    }
}
