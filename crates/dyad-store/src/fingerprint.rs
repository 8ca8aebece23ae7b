//! Fingerprints: which document is this, which dictionaries coded it, and
//! is this sentence a copy of one already stored?
//!
//! * [`ContentHash`] identifies a document record. Re-ingesting the same
//!   record finds its hash in the store and adds nothing.
//! * [`builtin_dict_version`] names the dictionaries a document was coded
//!   with, so `dyad recode` knows which documents are stale.
//! * [`Sketch`] is a MinHash of a sentence's word 3-shingles. Two events
//!   with the same date, actors and code whose sentences share at least
//!   half of their shingles (estimated) are one event told twice: the same
//!   wire story in several outlets, or a lightly edited copy. See
//!   [`crate::dedup`] for the whole rule.
//!
//! All hashes are xxHash3 (`xxhash-rust`): fast, stable across platforms and
//! versions, and not cryptographic, which nothing here needs.

use dyad_core::document::Document;
use xxhash_rust::xxh3::{xxh3_128, xxh3_64, Xxh3};

/// A 128-bit hash of a document record: id, url, publication date, title
/// and text. Two records that differ in any of these are two documents (the
/// same wire story from two outlets has two urls, so both count as
/// articles); the same record read twice is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentHash(pub [u8; 16]);

impl ContentHash {
    pub fn of(doc: &Document) -> ContentHash {
        let mut h = Xxh3::new();
        let mut field = |s: &str| {
            h.update(&(s.len() as u64).to_le_bytes());
            h.update(s.as_bytes());
        };
        field(&doc.id);
        field(doc.url.as_deref().unwrap_or(""));
        field(&doc.date.map(|d| d.to_string()).unwrap_or_default());
        field(doc.title.as_deref().unwrap_or(""));
        field(&doc.text);
        ContentHash(h.digest128().to_be_bytes())
    }

    /// Lower-case hex, as shown to users.
    pub fn to_hex(self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// The version label of dyad's built-in dictionaries: `builtin-` and the
/// first 16 hex digits of a hash over every built-in dictionary file's name
/// and content. Any edit to a dictionary changes it.
pub fn builtin_dict_version() -> String {
    use dyad_core::dict::builtin::{ACTORS, IRREGULAR, SECTORS, VERBS};
    let mut h = Xxh3::new();
    let files = ACTORS
        .iter()
        .chain(SECTORS)
        .chain(VERBS)
        .chain(std::iter::once(&IRREGULAR));
    for (name, content) in files {
        for part in [name.as_bytes(), content.as_bytes()] {
            h.update(&(part.len() as u64).to_le_bytes());
            h.update(part);
        }
    }
    format!("builtin-{:016x}", h.digest())
}

/// Number of MinHash functions in a [`Sketch`].
pub const SKETCH_HASHES: usize = 16;

/// How many of the [`SKETCH_HASHES`] minima two sketches must share to be
/// the same story: 8 of 16, an estimated Jaccard similarity of at least
/// 0.5. A copy with one word changed in a 25-word sentence keeps about 80%
/// of its shingles and matches with probability above 0.99; two different
/// sentences about the same event (overlap typically under 20%) match with
/// probability under 0.01.
pub const SKETCH_MATCH: usize = 8;

/// A MinHash sketch of a sentence: for each of 16 hash functions, the low
/// 16 bits of the minimum hash over the sentence's word 3-shingles.
///
/// Words are maximal runs of alphanumeric characters, lower-cased, so case,
/// punctuation and spacing do not matter. A sentence of fewer than three
/// words is one shingle.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sketch(pub [u16; SKETCH_HASHES]);

impl Sketch {
    pub fn of(sentence: &str) -> Sketch {
        let mut words: Vec<u64> = Vec::with_capacity(48);
        let mut buf = String::with_capacity(32);
        let flush = |buf: &mut String, words: &mut Vec<u64>| {
            if !buf.is_empty() {
                words.push(xxh3_64(buf.as_bytes()));
                buf.clear();
            }
        };
        for c in sentence.chars() {
            if c.is_alphanumeric() {
                buf.extend(c.to_lowercase());
            } else {
                flush(&mut buf, &mut words);
            }
        }
        flush(&mut buf, &mut words);
        let mut mins = [u64::MAX; SKETCH_HASHES];
        let mut add = |shingle: u64| {
            for (k, m) in mins.iter_mut().enumerate() {
                let v = splitmix(shingle ^ SEEDS[k]);
                if v < *m {
                    *m = v;
                }
            }
        };
        if words.len() < 3 {
            let mut h = 0u64;
            for w in &words {
                h = splitmix(h ^ w);
            }
            add(h);
        } else {
            for w in words.windows(3) {
                add(splitmix(
                    splitmix(w[0] ^ 0x51).wrapping_add(w[1]) ^ w[2].rotate_left(17),
                ));
            }
        }
        let mut out = [0u16; SKETCH_HASHES];
        for (o, m) in out.iter_mut().zip(mins) {
            *o = m as u16;
        }
        Sketch(out)
    }

    /// How many minima the two sketches share (0..=16).
    pub fn shared(&self, other: &Sketch) -> usize {
        self.0
            .iter()
            .zip(other.0)
            .filter(|(a, b)| **a == *b)
            .count()
    }

    /// True when the sentences are the same story (see [`SKETCH_MATCH`]).
    pub fn same_story(&self, other: &Sketch) -> bool {
        self.shared(other) >= SKETCH_MATCH
    }

    /// The sketch as 32 little-endian bytes, as stored.
    pub fn to_bytes(&self) -> [u8; 2 * SKETCH_HASHES] {
        let mut b = [0u8; 2 * SKETCH_HASHES];
        for (i, v) in self.0.iter().enumerate() {
            b[2 * i..2 * i + 2].copy_from_slice(&v.to_le_bytes());
        }
        b
    }

    /// Reads [`Sketch::to_bytes`] output; `None` for any other length.
    pub fn from_bytes(b: &[u8]) -> Option<Sketch> {
        if b.len() != 2 * SKETCH_HASHES {
            return None;
        }
        let mut out = [0u16; SKETCH_HASHES];
        for (i, o) in out.iter_mut().enumerate() {
            *o = u16::from_le_bytes([b[2 * i], b[2 * i + 1]]);
        }
        Some(Sketch(out))
    }
}

/// A hash of any bytes, for callers that need a stable 128-bit key.
pub fn hash128(bytes: &[u8]) -> u128 {
    xxh3_128(bytes)
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Fixed seeds: changing them changes every stored sketch, so they are part
/// of the store format (schema version 1).
const SEEDS: [u64; SKETCH_HASHES] = [
    0x243f_6a88_85a3_08d3,
    0x1319_8a2e_0370_7344,
    0xa409_3822_299f_31d0,
    0x082e_fa98_ec4e_6c89,
    0x4528_21e6_38d0_1377,
    0xbe54_66cf_34e9_0c6c,
    0xc0ac_29b7_c97c_50dd,
    0x3f84_d5b5_b547_0917,
    0x9216_d5d9_8979_fb1b,
    0xd131_0ba6_98df_b5ac,
    0x2ffd_72db_d01a_dfb7,
    0xb8e1_afed_6a26_7e96,
    0xba7c_9045_f12c_7f99,
    0x24a1_9947_b391_6cf7,
    0x0801_f2e2_858e_fc16,
    0x6369_20d8_7157_1574,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_hash_sees_every_field() {
        let d = Document {
            id: "a".into(),
            text: "Text.".into(),
            ..Default::default()
        };
        let mut e = d.clone();
        assert_eq!(ContentHash::of(&d), ContentHash::of(&e));
        e.url = Some("https://x.example/a".into());
        assert_ne!(ContentHash::of(&d), ContentHash::of(&e));
        // Field boundaries are length-prefixed: moving bytes between
        // fields changes the hash.
        let f = Document {
            id: "aT".into(),
            text: "ext.".into(),
            ..Default::default()
        };
        assert_ne!(ContentHash::of(&d), ContentHash::of(&f));
    }

    #[test]
    fn copies_match_and_different_sentences_do_not() {
        let a = Sketch::of("Azerbaijani President Ilham Aliyev met Israeli President Isaac Herzog in Baku on Monday to discuss energy cooperation.");
        // Case, punctuation and spacing do not matter.
        let b = Sketch::of("AZERBAIJANI president Ilham Aliyev met Israeli President Isaac Herzog in Baku on Monday, to discuss energy cooperation");
        assert_eq!(a, b);
        // One word changed: still the same story.
        let c = Sketch::of("Azerbaijani President Ilham Aliyev met Israeli President Isaac Herzog in Baku on Tuesday to discuss energy cooperation.");
        assert!(a.same_story(&c), "shared {}", a.shared(&c));
        // The same event told in other words is another sentence.
        let d = Sketch::of("Herzog, Israel's president, held talks with Aliyev during a visit to the Azerbaijani capital.");
        assert!(!a.same_story(&d), "shared {}", a.shared(&d));
        assert_eq!(Sketch::from_bytes(&a.to_bytes()), Some(a));
        assert_eq!(Sketch::from_bytes(&[0u8; 3]), None);
    }

    #[test]
    fn dict_version_is_stable_and_labelled() {
        let v = builtin_dict_version();
        assert!(v.starts_with("builtin-") && v.len() == 24, "{v}");
        assert_eq!(v, builtin_dict_version());
    }
}
