//! Scoring the tagger and parser against a treebank (gold tokenisation).
//!
//! The figures are the CoNLL 2018 shared task's, over every word including
//! punctuation: UPOS accuracy, UAS (right head) and LAS (right head and
//! right relation). LAS here compares the *full* relation, subtype included
//! (`nsubj:pass` ≠ `nsubj`), which is stricter than the shared task's
//! universal-part comparison; [`Scores::las_universal`] gives that one too.

use super::conllu::TreebankSentence;
use super::{Model, ParseBuf};

/// Counts from one evaluation run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    pub sentences: usize,
    pub words: usize,
    pub upos_correct: usize,
    pub head_correct: usize,
    pub labeled_correct: usize,
    /// Right head and right relation ignoring subtypes.
    pub universal_correct: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Scores {
    pub fn upos(&self) -> f64 {
        ratio(self.upos_correct, self.words)
    }
    pub fn uas(&self) -> f64 {
        ratio(self.head_correct, self.words)
    }
    pub fn las(&self) -> f64 {
        ratio(self.labeled_correct, self.words)
    }
    pub fn las_universal(&self) -> f64 {
        ratio(self.universal_correct, self.words)
    }
}

/// Tags and parses every sentence of `gold` (from its gold words) with
/// `model` and counts agreements.
pub fn evaluate(model: &Model, gold: &[TreebankSentence]) -> Scores {
    let mut buf = ParseBuf::new();
    let mut sc = Scores::default();
    for s in gold {
        buf.clear();
        for w in &s.forms {
            buf.push(w);
        }
        let p = model.parse(&mut buf);
        sc.sentences += 1;
        for i in 0..s.len() {
            sc.words += 1;
            sc.upos_correct += usize::from(p.upos_id(i) == s.upos[i]);
            if p.head_conllu(i) == s.heads[i] {
                sc.head_correct += 1;
                let got = model.label_name(p.label(i));
                if got == s.deprels[i] {
                    sc.labeled_correct += 1;
                }
                let universal = |l: &str| l.split(':').next().unwrap_or("").to_string();
                if universal(got) == universal(&s.deprels[i]) {
                    sc.universal_correct += 1;
                }
            }
        }
    }
    sc
}
