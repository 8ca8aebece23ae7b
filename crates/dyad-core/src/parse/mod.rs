//! Syntactic analysis: a part-of-speech tagger and a dependency parser,
//! trained on Universal Dependencies (UD English EWT), in pure Rust.
//!
//! This is the optional, slower-but-better half of the clause-analysis
//! stage: [`crate::analysis::parsed::ParsedAnalyzer`] tags and parses each
//! sentence's tokens here and reads subjects, objects, voice, negation and
//! clause boundaries off the tree.
//!
//! ```text
//! TokenBuf words ─► tagger (UPOS) ─► arc-eager parser ─► Parse { upos, heads, labels }
//! ```
//!
//! * [`conllu`] reads treebanks; [`eval`] scores a model on one.
//! * `tagger` is a greedy averaged perceptron; `parser` a greedy arc-eager
//!   transition parser with a dynamic oracle; `features` builds their hashed
//!   features; `perceptron` is the training-time learner.
//! * [`model`] holds the trained weights and their versioned binary file;
//!   [`Model::builtin`] is the model committed in `data/model/`.
//! * [`train`] reproduces that model from the treebank, deterministically.
//!
//! `docs/parser.md` explains the design and gives the measured accuracy and
//! speed.
//!
//! ```
//! use dyad_core::parse::{Model, ParseBuf};
//!
//! let model = Model::builtin();
//! let mut buf = ParseBuf::new();
//! for w in ["Israel", "did", "n't", "attack", "Iran", "."] {
//!     buf.push(w);
//! }
//! let p = model.parse(&mut buf);
//! assert_eq!(p.upos(3), "VERB");
//! assert_eq!(p.head(4), Some(3)); // "Iran" hangs from "attack"
//! assert_eq!(model.label_name(p.label(4)), "obj");
//! ```

pub mod conllu;
pub mod eval;
mod features;
pub mod model;
mod parser;
mod perceptron;
mod tagger;
pub mod train;

use std::sync::OnceLock;

pub use model::{Lexicon, Model, ModelError};

use features::WordAtoms;
use parser::{ParseScratch, SpecialLabels};
use tagger::TagScratch;

/// The committed model (CC BY-SA 4.0, derived from UD English EWT; see
/// `data/model/README.md`). Decoded on first use, then shared.
static BUILTIN_BYTES: &[u8] = include_bytes!("../../data/model/en_ewt.dyadparse");

impl Model {
    /// The model shipped in the binary, decoded once on first use.
    ///
    /// Panics if the embedded file is corrupt, which a test rules out.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| {
            Model::from_bytes(BUILTIN_BYTES)
                .unwrap_or_else(|e| panic!("the built-in parser model is unreadable: {e}"))
        })
    }

    /// The name of tag id `id` ("VERB|VBN").
    pub fn tag_name(&self, id: u8) -> &str {
        self.tags.get(id as usize).map_or("X|_", |s| s.as_str())
    }

    /// The name of label id `id` ("nsubj:pass").
    pub fn label_name(&self, id: u16) -> &str {
        self.labels.get(id as usize).map_or("dep", |s| s.as_str())
    }

    fn special(&self) -> SpecialLabels {
        let id = |n: &str| self.label_id(n).unwrap_or(0);
        SpecialLabels {
            root: id("root"),
            punct: id("punct"),
            parataxis: id("parataxis"),
        }
    }

    /// Tags and parses the words pushed into `buf`. The result lives in
    /// `buf` until its next use.
    pub fn parse<'b>(&self, buf: &'b mut ParseBuf) -> &'b Parse {
        let special = self.special();
        for w in &mut buf.words {
            w.amb = self.lexicon.get(w.lower) as u64;
        }
        tagger::tag(&self.tagger, &buf.words, &mut buf.out.tags, &mut buf.tag);
        buf.out.upos.clear();
        buf.out
            .upos
            .extend(buf.out.tags.iter().map(|&t| self.tag_upos[t as usize]));
        parser::parse(
            &self.parser,
            special,
            &buf.words,
            &buf.out.tags,
            &buf.out.upos,
            &mut buf.parse,
        );
        let st = &buf.parse.state;
        buf.out.heads.clear();
        buf.out.heads.extend_from_slice(&st.head[1..]);
        buf.out.labels.clear();
        buf.out.labels.extend_from_slice(&st.label[1..]);
        &buf.out
    }
}

/// A tagged and parsed sentence. Word indices are 0-based.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Parse {
    /// Joint tag ids (see [`Model::tag_name`]).
    tags: Vec<u8>,
    upos: Vec<u8>,
    /// CoNLL-U heads: 1-based, 0 for the root.
    heads: Vec<u32>,
    labels: Vec<u16>,
}

impl Parse {
    pub fn len(&self) -> usize {
        self.upos.len()
    }

    pub fn is_empty(&self) -> bool {
        self.upos.is_empty()
    }

    /// The UPOS tag of word `i` ("VERB").
    pub fn upos(&self, i: usize) -> &'static str {
        conllu::UPOS[self.upos[i] as usize]
    }

    /// The UPOS class id of word `i` (an index into [`conllu::UPOS`]).
    pub fn upos_id(&self, i: usize) -> u8 {
        self.upos[i]
    }

    /// The joint `UPOS|XPOS` tag id of word `i` (see [`Model::tag_name`]).
    pub fn tag(&self, i: usize) -> u8 {
        self.tags[i]
    }

    /// The head of word `i`, or `None` for the root word.
    pub fn head(&self, i: usize) -> Option<usize> {
        match self.heads[i] {
            0 => None,
            h => Some(h as usize - 1),
        }
    }

    /// The head of word `i` as CoNLL-U writes it (1-based, 0 for the root).
    pub fn head_conllu(&self, i: usize) -> u32 {
        self.heads[i]
    }

    /// The relation label id of word `i` (see [`Model::label_name`]).
    pub fn label(&self, i: usize) -> u16 {
        self.labels[i]
    }
}

/// Per-thread buffers for [`Model::parse`]: push a sentence's words, parse,
/// read the [`Parse`], clear, repeat. Reusing one buffer keeps parsing free
/// of allocation once it has seen the longest sentence.
#[derive(Default, Debug, Clone)]
pub struct ParseBuf {
    words: Vec<WordAtoms>,
    lower: String,
    tag: TagScratch,
    parse: ParseScratch,
    out: Parse,
}

impl ParseBuf {
    pub fn new() -> ParseBuf {
        ParseBuf::default()
    }

    /// Removes all words, keeping capacity.
    pub fn clear(&mut self) {
        self.words.clear();
    }

    /// Appends the next word of the sentence, as written.
    pub fn push(&mut self, word: &str) {
        let a = WordAtoms::of(word, &mut self.lower);
        self.words.push(a);
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}
