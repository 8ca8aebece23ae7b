//! The trained model: weight tables for the tagger and the parser, and their
//! compact, versioned binary file.
//!
//! ## In memory
//!
//! A [`Weights`] table maps a 64-bit feature key to a short run of
//! `(class, weight)` entries: only the classes the perceptron ever updated
//! for that feature. Keys live in an open-addressing table (linear probing,
//! load ≤ 0.5) whose slots point into one flat entry array, so scoring a
//! feature is one probe and a short, contiguous loop. Weights are `i16`
//! and scores are summed in `i32`, exactly: the shipped model and the one
//! measured on dev during training score identically.
//!
//! ## On disk (version 2)
//!
//! ```text
//! "DYADPARS"  u32 version
//! u32 #tags   then each tag name "UPOS|XPOS" (u8 length, bytes)
//! u32 #labels then each relation name (u8 length, bytes)
//! lexicon: u32 words, then per word: key delta, UPOS mask (varints)
//! tag dictionary: the same layout, raw-form key delta, tag id + 1
//! weights (tagger), weights (parser)
//! u64 checksum of every byte before it (see `checksum`)
//!
//! weights: u32 classes, f32 scale, u32 features, u32 entries,
//!          keys   -- ascending, delta-coded LEB128 varints
//!          lens   -- entries per feature, varints
//!          entries -- u8 class, then the weight as a zigzag varint
//! ```
//!
//! All integers are little-endian. Keys are sorted, so their deltas are
//! small, and most quantised weights are small, so varints roughly halve the
//! file against fixed widths. Decoding is a single pass (well under the
//! 200 ms budget; `docs/parser.md` has the measurement).

use std::fmt;

use super::conllu::upos_id;

/// One entry of a feature's row.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Entry {
    pub class: u8,
    pub weight: i16,
}

/// Rows this short live inside their slot, so looking up a rare feature
/// touches one cache line, not two.
const INLINE: usize = 4;

/// One slot of the open-addressing table: 32 bytes, aligned so it never
/// straddles a cache line.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(32))]
struct Slot {
    key: u64,
    start: u32,
    len: u32,
    inline: [Entry; INLINE],
}

/// A feature-key → per-class weight table (see the module docs).
#[derive(Clone, Debug, Default)]
pub struct Weights {
    n_classes: usize,
    /// The float value of one weight unit, kept for reporting.
    scale: f32,
    slots: Vec<Slot>,
    mask: usize,
    /// `64 - log2(slots.len())`: a key's home slot is its top bits, so keys
    /// inserted in ascending order fill the table front to back (a
    /// sequential, cache-friendly load).
    shift: u32,
    /// Rows longer than [`INLINE`].
    entries: Vec<Entry>,
    features: usize,
    total_entries: usize,
}

impl Weights {
    fn with_capacity(n_classes: usize, scale: f32, features: usize) -> Weights {
        // Load factor between 1/3 and 2/3: probes stay short.
        let cap = (features + features / 2).next_power_of_two().max(16);
        Weights {
            n_classes,
            scale,
            slots: vec![Slot::default(); cap],
            mask: cap - 1,
            shift: 64 - cap.trailing_zeros(),
            entries: Vec::new(),
            features,
            total_entries: 0,
        }
    }

    /// Builds a table from rows sorted by key (keys distinct and non-zero).
    pub fn from_rows(n_classes: usize, scale: f32, rows: &[(u64, Vec<Entry>)]) -> Weights {
        let mut w = Weights::with_capacity(n_classes, scale, rows.len());
        for (key, row) in rows {
            w.insert(*key, row);
        }
        w
    }

    #[inline]
    fn home(&self, key: u64) -> usize {
        (key >> self.shift) as usize
    }

    fn insert(&mut self, key: u64, row: &[Entry]) {
        let mut i = self.home(key);
        while self.slots[i].key != 0 {
            i = (i + 1) & self.mask;
        }
        let mut slot = Slot {
            key,
            start: 0,
            len: row.len() as u32,
            inline: [Entry::default(); INLINE],
        };
        if row.len() <= INLINE {
            slot.inline[..row.len()].copy_from_slice(row);
        } else {
            slot.start = self.entries.len() as u32;
            self.entries.extend_from_slice(row);
        }
        self.total_entries += row.len();
        self.slots[i] = slot;
    }

    #[inline]
    fn slot_row<'a>(&'a self, s: &'a Slot) -> &'a [Entry] {
        let len = s.len as usize;
        if len <= INLINE {
            &s.inline[..len]
        } else {
            &self.entries[s.start as usize..s.start as usize + len]
        }
    }

    /// The entries of feature `key`, empty if the model does not know it.
    #[inline]
    pub fn row(&self, key: u64) -> &[Entry] {
        let mut i = self.home(key);
        loop {
            let s = &self.slots[i];
            if s.key == key {
                return self.slot_row(s);
            }
            if s.key == 0 {
                return &[];
            }
            i = (i + 1) & self.mask;
        }
    }

    /// Adds the weights of every feature in `feats` to `scores`, which must
    /// hold [`Weights::classes`] zeros (or running totals).
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [i32]) {
        // Touch each feature's home slot a few features ahead of using it:
        // the loads are independent, so the CPU overlaps their cache misses
        // instead of stalling on one at a time (measured: see
        // docs/parser.md).
        const AHEAD: usize = 8;
        let mut touched = 0u64;
        for &f in feats.iter().take(AHEAD) {
            touched ^= self.slots[self.home(f)].key;
        }
        for (k, &f) in feats.iter().enumerate() {
            if let Some(&g) = feats.get(k + AHEAD) {
                touched ^= self.slots[self.home(g)].key;
            }
            for e in self.row(f) {
                scores[e.class as usize] += e.weight as i32;
            }
        }
        std::hint::black_box(touched);
    }

    /// The same table without entries whose magnitude is below
    /// `min_weight` (features left with no entries disappear).
    pub fn pruned(&self, min_weight: i16) -> Weights {
        let min = min_weight.max(1).unsigned_abs();
        let rows: Vec<(u64, Vec<Entry>)> = self
            .sorted_rows()
            .into_iter()
            .map(|(k, r)| {
                let kept: Vec<Entry> = r
                    .iter()
                    .filter(|e| e.weight.unsigned_abs() >= min)
                    .copied()
                    .collect();
                (k, kept)
            })
            .filter(|(_, r)| !r.is_empty())
            .collect();
        Weights::from_rows(self.n_classes, self.scale, &rows)
    }

    pub fn classes(&self) -> usize {
        self.n_classes
    }

    pub fn features(&self) -> usize {
        self.features
    }

    pub fn entries(&self) -> usize {
        self.total_entries
    }

    pub fn scale(&self) -> f32 {
        self.scale
    }

    /// Rows in key order (for writing).
    fn sorted_rows(&self) -> Vec<(u64, &[Entry])> {
        let mut rows: Vec<(u64, &[Entry])> = self
            .slots
            .iter()
            .filter(|s| s.key != 0)
            .map(|s| (s.key, self.slot_row(s)))
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        rows
    }

    fn write(&self, out: &mut Vec<u8>) {
        let rows = self.sorted_rows();
        out.extend_from_slice(&(self.n_classes as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        out.extend_from_slice(&(self.total_entries as u32).to_le_bytes());
        let mut prev = 0u64;
        for (k, _) in &rows {
            put_varint(out, k - prev);
            prev = *k;
        }
        for (_, r) in &rows {
            put_varint(out, r.len() as u64);
        }
        for (_, r) in &rows {
            for e in *r {
                out.push(e.class);
                put_varint(out, zigzag(e.weight as i64));
            }
        }
    }

    fn read(r: &mut Reader<'_>) -> Result<Weights, ModelError> {
        let n_classes = r.u32()? as usize;
        if n_classes == 0 || n_classes > 256 {
            return Err(r.error(format!("{n_classes} classes (expected 1..=256)")));
        }
        let scale = f32::from_bits(r.u32()?);
        let n = r.u32()? as usize;
        let n_entries = r.u32()? as usize;
        if n > r.remaining() || n_entries > r.remaining() {
            return Err(r.error("feature or entry count exceeds the file".into()));
        }
        let mut keys = Vec::with_capacity(n);
        let mut prev = 0u64;
        for _ in 0..n {
            let d = r.varint()?;
            if d == 0 && !keys.is_empty() || prev.checked_add(d).is_none() {
                return Err(r.error("feature keys not strictly ascending".into()));
            }
            prev += d;
            if prev == 0 {
                return Err(r.error("zero feature key".into()));
            }
            keys.push(prev);
        }
        let mut lens = Vec::with_capacity(n);
        let mut total = 0usize;
        for _ in 0..n {
            let l = r.varint()? as usize;
            total = total.saturating_add(l);
            lens.push(l as u32);
        }
        if total != n_entries {
            return Err(r.error(format!(
                "row lengths sum to {total}, header says {n_entries}"
            )));
        }
        let mut w = Weights::with_capacity(n_classes, scale, n);
        w.entries.reserve(n_entries);
        let mut row = Vec::new();
        for (&key, &len) in keys.iter().zip(&lens) {
            row.clear();
            for _ in 0..len {
                let class = r.u8()?;
                if class as usize >= n_classes {
                    return Err(r.error(format!("class {class} out of range")));
                }
                let v = unzigzag(r.varint()?);
                let weight = i16::try_from(v)
                    .map_err(|_| r.error(format!("weight {v} does not fit i16")))?;
                row.push(Entry { class, weight });
            }
            w.insert(key, &row);
        }
        Ok(w)
    }
}

/// A sorted word table: word hash → small value.
///
/// The model keeps two. Its *lexicon* maps a lowercased word to its
/// ambiguity class, the UPOS tags it had in the training data as a bit
/// mask over [`super::conllu::UPOS`]; only words seen at least a few times
/// are listed, so that the tagger learns what to do when a word is missing.
/// Its *tag dictionary* maps a raw form to the tag id + 1 that fixes it.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Sorted by key (the word's lowercase hash).
    entries: Vec<(u64, u32)>,
}

impl Lexicon {
    /// Builds a lexicon from `(lowercase hash, mask)` pairs in any order.
    pub fn new(mut entries: Vec<(u64, u32)>) -> Lexicon {
        entries.sort_unstable();
        entries.dedup_by_key(|e| e.0);
        Lexicon { entries }
    }

    /// The ambiguity class of a word, 0 if unlisted.
    #[inline]
    pub fn get(&self, lower: u64) -> u32 {
        self.entries
            .binary_search_by_key(&lower, |e| e.0)
            .map_or(0, |i| self.entries[i].1)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&(self.entries.len() as u32).to_le_bytes());
        let mut prev = 0;
        for &(k, m) in &self.entries {
            put_varint(out, k - prev);
            put_varint(out, m as u64);
            prev = k;
        }
    }

    fn read(r: &mut Reader<'_>) -> Result<Lexicon, ModelError> {
        let n = r.u32()? as usize;
        if n > r.remaining() {
            return Err(r.error("lexicon size exceeds the file".into()));
        }
        let mut entries = Vec::with_capacity(n);
        let mut prev = 0u64;
        for i in 0..n {
            let d = r.varint()?;
            if i > 0 && d == 0 {
                return Err(r.error("lexicon keys not strictly ascending".into()));
            }
            prev = prev
                .checked_add(d)
                .ok_or_else(|| r.error("lexicon key overflows".into()))?;
            let m = u32::try_from(r.varint()?)
                .map_err(|_| r.error("lexicon mask does not fit 32 bits".into()))?;
            entries.push((prev, m));
        }
        Ok(Lexicon { entries })
    }
}

/// The whole trained model: tagger and parser weights, the tags the tagger
/// predicts and the relation labels the parser predicts.
///
/// Tags are joint `UPOS|XPOS` pairs ("VERB|VBN"): the parser's features see
/// the fine Penn tag, which tells a past participle from a past tense, and
/// [`super::Parse::upos`] reports the universal part.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) tags: Vec<String>,
    /// The UPOS class id of each tag.
    pub(crate) tag_upos: Vec<u8>,
    pub(crate) lexicon: Lexicon,
    /// Raw-form hash → tag id + 1 for words whose tag is fixed.
    pub(crate) sure_tags: Lexicon,
    pub(crate) tagger: Weights,
    pub(crate) parser: Weights,
    pub(crate) labels: Vec<String>,
}

/// The file format version this build reads and writes.
pub const FORMAT_VERSION: u32 = 2;

/// The file's checksum: a multiply–rotate hash over 8-byte words, then the
/// tail bytes, then MurmurHash3's finaliser. Version 1 used byte-at-a-time
/// FNV-1a, which took a fifth of the decoding time of a 20 MB model; this
/// takes about a fortieth.
pub(crate) fn checksum(bytes: &[u8]) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325u64 ^ bytes.len() as u64;
    let mut words = bytes.chunks_exact(8);
    for w in &mut words {
        let v = u64::from_le_bytes(w.try_into().expect("8 bytes"));
        h = (h ^ v).wrapping_mul(0x9e37_79b9_7f4a_7c15).rotate_left(29);
    }
    for &b in words.remainder() {
        h = (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01b3);
    }
    super::features::fmix(h)
}
const MAGIC: &[u8; 8] = b"DYADPARS";

/// A model file that cannot be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ModelError {
    /// Byte offset where reading failed.
    pub offset: usize,
    pub message: String,
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "parser model, byte {}: {}", self.offset, self.message)
    }
}

impl Model {
    /// Assembles a model. `tags` are the tagger's classes as `UPOS|XPOS`
    /// names; `labels` are the relation names the parser's classes refer to
    /// (class `2 + 2l` is LEFT-ARC with label `l`, `3 + 2l` RIGHT-ARC).
    ///
    /// Fails if a tag's UPOS part is not one of [`UPOS`] or the class counts
    /// do not match.
    pub fn new(
        tags: Vec<String>,
        lexicon: Lexicon,
        sure_tags: Lexicon,
        tagger: Weights,
        parser: Weights,
        labels: Vec<String>,
    ) -> Result<Model, String> {
        let tag_upos = tags
            .iter()
            .map(|t| {
                let u = t.split('|').next().unwrap_or("");
                upos_id(u).ok_or_else(|| format!("tag {t:?} has no UPOS part"))
            })
            .collect::<Result<Vec<u8>, String>>()?;
        if tags.is_empty() || tags.len() > 256 || labels.len() > 127 {
            return Err(format!(
                "{} tags (1..=256) and {} labels (at most 127)",
                tags.len(),
                labels.len()
            ));
        }
        let m = Model {
            tags,
            tag_upos,
            lexicon,
            sure_tags,
            tagger,
            parser,
            labels,
        };
        // An empty table (during training) has no class count yet.
        if m.tagger.classes() != 0 && m.tagger.classes() != m.tags.len() {
            return Err("tagger class count differs from the tag set".into());
        }
        if m.parser.classes() != 0 && m.parser.classes() != 2 + 2 * m.labels.len() {
            return Err("parser class count does not match its labels".into());
        }
        Ok(m)
    }

    /// The same model with small weights dropped from the tagger and the
    /// parser (see [`Weights::pruned`]).
    pub fn pruned(&self, tagger_min: i16, parser_min: i16) -> Model {
        Model {
            tagger: self.tagger.pruned(tagger_min),
            parser: self.parser.pruned(parser_min),
            ..self.clone()
        }
    }

    /// The tag names (`UPOS|XPOS`), indexed by tag id.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// The relation names, indexed by label id.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// The id of relation `name` ("nsubj:pass"), if the model predicts it.
    pub fn label_id(&self, name: &str) -> Option<u16> {
        self.labels.iter().position(|l| l == name).map(|i| i as u16)
    }

    pub fn tagger_weights(&self) -> &Weights {
        &self.tagger
    }

    pub fn parser_weights(&self) -> &Weights {
        &self.parser
    }

    /// Serialises the model (see the module docs for the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let names = |out: &mut Vec<u8>, list: &mut dyn Iterator<Item = &str>, n: usize| {
            out.extend_from_slice(&(n as u32).to_le_bytes());
            for s in list {
                out.push(s.len() as u8);
                out.extend_from_slice(s.as_bytes());
            }
        };
        names(
            &mut out,
            &mut self.tags.iter().map(|s| s.as_str()),
            self.tags.len(),
        );
        names(
            &mut out,
            &mut self.labels.iter().map(|s| s.as_str()),
            self.labels.len(),
        );
        self.lexicon.write(&mut out);
        self.sure_tags.write(&mut out);
        self.tagger.write(&mut out);
        self.parser.write(&mut out);
        let sum = checksum(&out);
        out.extend_from_slice(&sum.to_le_bytes());
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let err = |offset: usize, m: &str| ModelError {
            offset,
            message: m.to_string(),
        };
        if bytes.len() < 8 + 4 + 8 || &bytes[..8] != MAGIC {
            return Err(err(0, "not a dyad parser model (bad magic)"));
        }
        let (body, sum) = bytes.split_at(bytes.len() - 8);
        let expected = u64::from_le_bytes(sum.try_into().expect("8 bytes"));
        if checksum(body) != expected {
            return Err(err(body.len(), "checksum mismatch (truncated or corrupt)"));
        }
        let mut r = Reader {
            bytes: body,
            pos: 8,
        };
        let version = r.u32()?;
        if version != FORMAT_VERSION {
            return Err(r.error(format!(
                "format version {version}; this build reads version {FORMAT_VERSION}"
            )));
        }
        let tags = r.names()?;
        let labels = r.names()?;
        let lexicon = Lexicon::read(&mut r)?;
        let sure_tags = Lexicon::read(&mut r)?;
        let tagger = Weights::read(&mut r)?;
        let parser = Weights::read(&mut r)?;
        if r.remaining() != 0 {
            return Err(r.error("trailing bytes".into()));
        }
        if tagger.n_classes == 0 || parser.n_classes == 0 {
            return Err(r.error("empty weight table".into()));
        }
        if let Some(&(_, t)) = sure_tags.entries.iter().find(|e| e.1 as usize > tags.len()) {
            return Err(r.error(format!("tag dictionary names tag {t}")));
        }
        Model::new(tags, lexicon, sure_tags, tagger, parser, labels).map_err(|m| r.error(m))
    }
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl Reader<'_> {
    fn error(&self, message: String) -> ModelError {
        ModelError {
            offset: self.pos,
            message,
        }
    }

    fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    fn u8(&mut self) -> Result<u8, ModelError> {
        let b = *self
            .bytes
            .get(self.pos)
            .ok_or_else(|| self.error("unexpected end of file".into()))?;
        self.pos += 1;
        Ok(b)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self
            .bytes
            .get(self.pos..self.pos + 4)
            .ok_or_else(|| self.error("unexpected end of file".into()))?;
        self.pos += 4;
        Ok(u32::from_le_bytes(b.try_into().expect("4 bytes")))
    }

    #[inline]
    fn varint(&mut self) -> Result<u64, ModelError> {
        // Most weights and key gaps fit one byte.
        if let Some(&b) = self.bytes.get(self.pos) {
            if b < 0x80 {
                self.pos += 1;
                return Ok(b as u64);
            }
        }
        let mut v = 0u64;
        let mut shift = 0;
        loop {
            let b = self.u8()?;
            if shift == 63 && b > 1 {
                return Err(self.error("varint overflows 64 bits".into()));
            }
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
            shift += 7;
        }
    }

    fn names(&mut self) -> Result<Vec<String>, ModelError> {
        let n = self.u32()? as usize;
        if n > self.remaining() {
            return Err(self.error("name count exceeds the file".into()));
        }
        (0..n)
            .map(|_| {
                let len = self.u8()? as usize;
                let b = self
                    .bytes
                    .get(self.pos..self.pos + len)
                    .ok_or_else(|| self.error("unexpected end of file".into()))?;
                self.pos += len;
                String::from_utf8(b.to_vec()).map_err(|_| self.error("name is not UTF-8".into()))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Model {
        let tags: Vec<String> = crate::parse::conllu::UPOS
            .iter()
            .map(|u| format!("{u}|_"))
            .collect();
        let t = Weights::from_rows(
            tags.len(),
            0.5,
            &[
                (
                    3,
                    vec![Entry {
                        class: 1,
                        weight: 7,
                    }],
                ),
                (
                    900,
                    vec![
                        Entry {
                            class: 0,
                            weight: -300,
                        },
                        Entry {
                            class: 16,
                            weight: i16::MAX,
                        },
                    ],
                ),
            ],
        );
        let p = Weights::from_rows(
            4,
            1.0,
            &[(
                u64::MAX,
                vec![Entry {
                    class: 3,
                    weight: -1,
                }],
            )],
        );
        let lex = Lexicon::new(vec![(9, 1 << 3), (2, 5)]);
        let sure = Lexicon::new(vec![(77, 3)]);
        Model::new(tags, lex, sure, t, p, vec!["root".into()]).unwrap()
    }

    #[test]
    fn round_trips() {
        let m = tiny();
        let bytes = m.to_bytes();
        let back = Model::from_bytes(&bytes).unwrap();
        assert_eq!(back.labels, ["root"]);
        assert_eq!(
            (
                back.lexicon.get(2),
                back.lexicon.get(9),
                back.lexicon.get(3)
            ),
            (5, 8, 0)
        );
        assert_eq!(back.tagger.row(900), m.tagger.row(900));
        assert_eq!(
            back.tagger.row(3),
            [Entry {
                class: 1,
                weight: 7
            }]
        );
        assert_eq!(back.tagger.row(4), []);
        assert_eq!(
            back.parser.row(u64::MAX),
            [Entry {
                class: 3,
                weight: -1
            }]
        );
        let mut scores = vec![0; 17];
        back.tagger.score(&[3, 900, 5], &mut scores);
        assert_eq!((scores[0], scores[1], scores[16]), (-300, 7, 32767));
    }

    #[test]
    fn rejects_corruption_with_an_offset() {
        let mut bytes = tiny().to_bytes();
        assert!(Model::from_bytes(&bytes[..bytes.len() - 3]).is_err());
        let mid = bytes.len() / 2;
        bytes[mid] ^= 0x40;
        let e = Model::from_bytes(&bytes).unwrap_err();
        assert!(e.message.contains("checksum"), "{e}");
        assert_eq!(
            Model::from_bytes(b"GIF89a...........").unwrap_err().offset,
            0
        );
    }

    #[test]
    fn rejects_another_version() {
        let mut bytes = tiny().to_bytes();
        bytes[8] = 99;
        let n = bytes.len() - 8;
        let sum = checksum(&bytes[..n]);
        bytes[n..].copy_from_slice(&sum.to_le_bytes());
        let e = Model::from_bytes(&bytes).unwrap_err();
        assert!(e.message.contains("version 99"), "{e}");
    }

    #[test]
    fn zigzag_round_trips() {
        for v in [0i64, 1, -1, 300, -300, i16::MIN as i64, i16::MAX as i64] {
            assert_eq!(unzigzag(zigzag(v)), v);
        }
    }
}
