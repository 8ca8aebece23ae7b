//! The part-of-speech tagger: a greedy, left-to-right averaged perceptron
//! over the seventeen UPOS tags.
//!
//! Each word is tagged from its own form, affixes and shape, the forms of
//! two words either side, and the two tags already assigned to its left
//! ([`super::features::tagger_features`]). Greedy decoding with predicted
//! history is what the model is trained with, so training and tagging see
//! the same kind of left context (Collins 2002; Honnibal's "A good POS
//! tagger in about 200 lines"). Frequent words that the training data tags
//! one way only ("the", ",", "of") take their tag from the model's tag
//! dictionary without scoring: about a third of running text.

use super::features::{sentence_context, tagger_features, WordAtoms};
use super::model::Weights;
use super::perceptron::Perceptron;

/// Reusable buffers for tagging one sentence.
#[derive(Default, Debug, Clone)]
pub(crate) struct TagScratch {
    feats: Vec<u64>,
    scores: Vec<i32>,
}

/// Tags `words` into `tags` (cleared first) with `weights`. `tag_upos`
/// maps each tag to its UPOS id; a word with `force_upos` set only gets a
/// tag of that UPOS.
pub(crate) fn tag(
    weights: &Weights,
    tag_upos: &[u8],
    words: &[WordAtoms],
    tags: &mut Vec<u8>,
    s: &mut TagScratch,
) {
    tags.clear();
    let n_classes = weights.classes();
    let ctx = sentence_context(words);
    for i in 0..words.len() {
        let force = words[i].force_upos;
        let sure = words[i].sure;
        if sure != 0 && (force == 0 || tag_upos.get(sure as usize - 1) == Some(&(force - 1))) {
            tags.push(sure - 1);
            continue;
        }
        s.feats.clear();
        tagger_features(words, tags, i, ctx, &mut s.feats);
        s.scores.clear();
        s.scores.resize(n_classes, 0);
        weights.score(&s.feats, &mut s.scores);
        if force != 0 {
            for (c, sc) in s.scores.iter_mut().enumerate() {
                if tag_upos.get(c) != Some(&(force - 1)) {
                    *sc = i32::MIN;
                }
            }
        }
        tags.push(argmax_i32(&s.scores) as u8);
    }
}

/// The highest-scoring class; ties go to the lower class id, so decoding
/// never depends on iteration order.
#[inline]
pub(crate) fn argmax_i32(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate().skip(1) {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// One training sentence for the tagger.
pub(crate) struct TagExample<'a> {
    pub words: &'a [WordAtoms],
    pub gold: &'a [u8],
}

/// One pass of perceptron training over `examples` in `order`.
pub(crate) fn train_epoch(p: &mut Perceptron, examples: &[TagExample<'_>], order: &[usize]) {
    let mut feats = Vec::new();
    let mut scores = vec![0.0f32; p.classes()];
    let mut tags: Vec<u8> = Vec::new();
    for &k in order {
        let ex = &examples[k];
        tags.clear();
        let ctx = sentence_context(ex.words);
        for i in 0..ex.words.len() {
            // Words the tag dictionary fixes are not learned from, exactly
            // as they are not scored when tagging.
            if ex.words[i].sure != 0 {
                tags.push(ex.words[i].sure - 1);
                continue;
            }
            feats.clear();
            tagger_features(ex.words, &tags, i, ctx, &mut feats);
            p.score(&feats, &mut scores);
            let mut guess = 0;
            for c in 1..scores.len() {
                if scores[c] > scores[guess] {
                    guess = c;
                }
            }
            p.update(&feats, ex.gold[i] as usize, guess);
            p.tick();
            tags.push(guess as u8);
        }
    }
}
