//! The deterministic trainer behind `dyad train-parser`.
//!
//! 1. **Tagger.** Averaged-perceptron epochs over the training set in a
//!    seeded random order; after each, the averaged, quantised weights are
//!    scored on dev, and training stops when dev accuracy has not improved
//!    for `patience` epochs. The best epoch's weights are kept.
//! 2. **Jackknifing.** The parser must learn from the tags it will see at
//!    run time, not gold ones, so the training set is split into `folds`
//!    parts and each part is tagged by a tagger trained (for the best epoch
//!    count from step 1) on the others.
//! 3. **Parser.** Dynamic-oracle epochs ([`super::parser`]) with error
//!    exploration, early-stopped on dev LAS (dev tagged by the final
//!    tagger), keeping the best epoch.
//!
//! Everything that could vary between runs is fixed: the RNG is a seeded
//! SplitMix64, labels are sorted, ties in scores break towards the lower
//! class id, and weights are exported in key order. The same data and seed
//! therefore give a byte-identical model file.

use std::collections::HashMap;

use super::conllu::{TreebankSentence, UPOS};
use super::eval::{evaluate, Scores};
use super::features::WordAtoms;
use super::model::{Lexicon, Model, Weights};
use super::parser::{self, projectivize, EpochOptions, ParseExample};
use super::perceptron::{Export, Perceptron};
use super::tagger::{self, TagExample, TagScratch};

/// SplitMix64: tiny, fast, and identical on every platform.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher–Yates.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Training settings. [`TrainOptions::default`] gives the settings the
/// committed model was trained with.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Seed for shuffling and exploration. By default, 1.
    pub seed: u64,
    /// Most tagger epochs. By default, 12.
    pub max_tagger_epochs: usize,
    /// Most parser epochs. By default, 20.
    pub max_parser_epochs: usize,
    /// Epochs without dev improvement before stopping. By default, 3.
    pub patience: usize,
    /// Jackknifing folds for the parser's training tags. By default, 5.
    pub folds: usize,
    /// Probability of following the model's own move after the first parser
    /// epoch. By default, 0.9.
    pub explore: f64,
    /// Quantised tagger weights below this magnitude are dropped. By
    /// default, 1 (keep everything that survives rounding).
    pub tagger_min_weight: i16,
    /// Quantised parser weights below this magnitude are dropped. By
    /// default, 1.
    pub parser_min_weight: i16,
    /// Features updated fewer times than this are dropped from both
    /// models. By default, 2.
    pub min_updates: u32,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            seed: 1,
            max_tagger_epochs: 12,
            max_parser_epochs: 20,
            patience: 3,
            folds: 5,
            explore: 0.9,
            tagger_min_weight: 1,
            parser_min_weight: 1,
            min_updates: 2,
        }
    }
}

/// What training measured along the way.
#[derive(Clone, Debug, Default)]
pub struct TrainReport {
    /// Dev UPOS accuracy after each tagger epoch.
    pub tagger_dev: Vec<f64>,
    /// Accuracy of the jackknifed tags on the training set.
    pub jackknife_accuracy: f64,
    /// Dev scores after each parser epoch.
    pub parser_dev: Vec<Scores>,
    /// 1-based epochs kept.
    pub tagger_best: usize,
    pub parser_best: usize,
}

/// Why training could not run.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TrainError {
    #[error("the training set is empty")]
    NoTrainingData,
    #[error("the dev set is empty (it is needed for early stopping)")]
    NoDevData,
    #[error("the training set never uses the relation {0:?}, which the parser needs")]
    MissingLabel(&'static str),
    #[error("the training set has {0} relation labels; the model holds at most 127")]
    TooManyLabels(usize),
    #[error("inconsistent model: {0}")]
    Model(String),
}

#[derive(Clone)]
struct Prepared<'a> {
    sent: &'a TreebankSentence,
    words: Vec<WordAtoms>,
    /// Gold joint tag ids.
    tags: Vec<u8>,
}

/// A `UPOS|XPOS` pair must occur this often in training to be a tagger
/// class of its own; rarer pairs (typos, foreign words) fold into their
/// UPOS's most frequent pair.
const MIN_TAG_COUNT: usize = 10;

/// The tagger's classes, and every pair seen in training mapped to one.
fn tag_set(train: &[TreebankSentence]) -> (Vec<String>, HashMap<String, u8>) {
    let mut counts: HashMap<String, usize> = HashMap::new();
    for s in train {
        for (u, x) in s.upos.iter().zip(&s.xpos) {
            *counts
                .entry(format!("{}|{x}", UPOS[*u as usize]))
                .or_default() += 1;
        }
    }
    let mut kept: Vec<String> = counts
        .iter()
        .filter(|(_, &c)| c >= MIN_TAG_COUNT)
        .map(|(t, _)| t.clone())
        .collect();
    // Every UPOS gets at least one class, even if all its pairs are rare.
    for u in UPOS {
        if !kept.iter().any(|t| t.split('|').next() == Some(u)) {
            kept.push(format!("{u}|_"));
        }
    }
    kept.sort();
    let ids: HashMap<String, u8> = kept
        .iter()
        .enumerate()
        .map(|(i, t)| (t.clone(), i as u8))
        .collect();
    let mut map = ids.clone();
    for t in counts.keys() {
        if map.contains_key(t) {
            continue;
        }
        let u = t.split('|').next().unwrap_or("X");
        let best = kept
            .iter()
            .filter(|k| k.split('|').next() == Some(u))
            .max_by_key(|k| (counts.get(*k).copied().unwrap_or(0), std::cmp::Reverse(*k)))
            .expect("every UPOS has a class");
        map.insert(t.clone(), ids[best]);
    }
    (kept, map)
}

fn prepare<'a>(sents: &'a [TreebankSentence], tag_ids: &HashMap<String, u8>) -> Vec<Prepared<'a>> {
    let mut lower = String::new();
    sents
        .iter()
        .map(|s| Prepared {
            sent: s,
            words: s
                .forms
                .iter()
                .map(|f| WordAtoms::of(f, &mut lower))
                .collect(),
            // Pairs never seen in training (in dev only) get no class; the
            // tagger is scored on UPOS, so they still count.
            tags: s
                .upos
                .iter()
                .zip(&s.xpos)
                .map(|(u, x)| {
                    let name = format!("{}|{x}", UPOS[*u as usize]);
                    tag_ids.get(&name).copied().unwrap_or(u8::MAX)
                })
                .collect(),
        })
        .collect()
}

/// A word must occur this often in training to enter the lexicon.
const LEXICON_MIN_COUNT: usize = 3;
/// A form must occur this often, with one tag at least [`SURE_SHARE`] of
/// the time, to enter the tag dictionary.
const SURE_MIN_COUNT: usize = 20;
const SURE_SHARE: f64 = 0.995;

/// The model's word tables (see [`Lexicon`]).
struct Lexicons {
    amb: Lexicon,
    sure: Lexicon,
}

/// The ambiguity classes and the tag dictionary of the words in `data`.
fn build_lexicon(data: &[Prepared<'_>]) -> Lexicons {
    let mut seen: HashMap<u64, (usize, u32)> = HashMap::new();
    let mut forms: HashMap<u64, HashMap<u8, usize>> = HashMap::new();
    for p in data {
        for ((a, &u), &t) in p.words.iter().zip(&p.sent.upos).zip(&p.tags) {
            let e = seen.entry(a.lower).or_default();
            e.0 += 1;
            e.1 |= 1 << u;
            *forms.entry(a.raw).or_default().entry(t).or_default() += 1;
        }
    }
    let amb = Lexicon::new(
        seen.into_iter()
            .filter(|(_, (n, _))| *n >= LEXICON_MIN_COUNT)
            .map(|(k, (_, m))| (k, m))
            .collect(),
    );
    let sure = Lexicon::new(
        forms
            .into_iter()
            .filter_map(|(k, tags)| {
                let total: usize = tags.values().sum();
                // Ties broken by tag id, so the table does not depend on
                // hash-map order.
                let (&t, &n) = tags
                    .iter()
                    .max_by_key(|(&t, &n)| (n, std::cmp::Reverse(t)))?;
                (total >= SURE_MIN_COUNT && n as f64 >= SURE_SHARE * total as f64)
                    .then_some((k, t as u32 + 1))
            })
            .collect(),
    );
    Lexicons { amb, sure }
}

fn apply_to_words(lex: &Lexicons, words: &mut [WordAtoms]) {
    for a in words {
        a.amb = lex.amb.get(a.lower) as u64;
        a.sure = lex.sure.get(a.raw) as u8;
    }
}

fn apply_lexicon(lex: &Lexicons, data: &mut [Prepared<'_>]) {
    for p in data {
        apply_to_words(lex, &mut p.words);
    }
}

/// UPOS accuracy of tagger weights `w` on `data`.
fn tag_accuracy(w: &Weights, tag_upos: &[u8], data: &[Prepared<'_>]) -> f64 {
    let mut s = TagScratch::default();
    let mut tags = Vec::new();
    let (mut ok, mut all) = (0usize, 0usize);
    for p in data {
        tagger::tag(w, tag_upos, &p.words, &mut tags, &mut s);
        ok += tags
            .iter()
            .zip(&p.sent.upos)
            .filter(|(a, b)| tag_upos[**a as usize] == **b)
            .count();
        all += tags.len();
    }
    ok as f64 / all.max(1) as f64
}

/// Trains a tagger on `data` for exactly `epochs` epochs.
fn train_tagger_fixed(
    data: &[Prepared<'_>],
    n_tags: usize,
    epochs: usize,
    rng: &mut Rng,
    opts: &TrainOptions,
) -> Weights {
    let ex: Vec<TagExample<'_>> = data
        .iter()
        .map(|p| TagExample {
            words: &p.words,
            gold: &p.tags,
        })
        .collect();
    let mut p = Perceptron::new(n_tags);
    let mut order: Vec<usize> = (0..ex.len()).collect();
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        tagger::train_epoch(&mut p, &ex, &order);
    }
    p.export(Export {
        min_weight: opts.tagger_min_weight,
        min_updates: opts.min_updates,
    })
}

/// Trains a model from a training and a dev treebank. `progress` receives
/// one line per epoch.
pub fn train(
    train: &[TreebankSentence],
    dev: &[TreebankSentence],
    opts: &TrainOptions,
    progress: &mut dyn FnMut(&str),
) -> Result<(Model, TrainReport), TrainError> {
    if train.is_empty() {
        return Err(TrainError::NoTrainingData);
    }
    if dev.is_empty() {
        return Err(TrainError::NoDevData);
    }
    let mut labels: Vec<String> = train.iter().flat_map(|s| s.deprels.clone()).collect();
    labels.sort();
    labels.dedup();
    if labels.len() > 127 {
        return Err(TrainError::TooManyLabels(labels.len()));
    }
    for need in ["root", "punct", "parataxis"] {
        if !labels.iter().any(|l| l == need) {
            return Err(TrainError::MissingLabel(need));
        }
    }
    let label_ids: HashMap<&str, u16> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u16))
        .collect();
    let mut rng = Rng::new(opts.seed);
    let mut report = TrainReport::default();
    let (tags, tag_ids) = tag_set(train);
    let tag_upos: Vec<u8> = tags
        .iter()
        .map(|t| {
            let u = t.split('|').next().unwrap_or("X");
            UPOS.iter().position(|&x| x == u).unwrap_or(16) as u8
        })
        .collect();
    let mut tr = prepare(train, &tag_ids);
    let mut dv = prepare(dev, &tag_ids);
    let lexicon = build_lexicon(&tr);
    apply_lexicon(&lexicon, &mut tr);
    apply_lexicon(&lexicon, &mut dv);
    progress(&format!(
        "{} tagger classes (UPOS|XPOS pairs), {} lexicon words",
        tags.len(),
        lexicon.amb.len()
    ));

    // 1. Tagger, early-stopped on dev.
    let ex: Vec<TagExample<'_>> = tr
        .iter()
        .map(|p| TagExample {
            words: &p.words,
            gold: &p.tags,
        })
        .collect();
    let mut tp = Perceptron::new(tags.len());
    let mut order: Vec<usize> = (0..ex.len()).collect();
    let mut best_tagger = (0.0, 0usize, Weights::default());
    for epoch in 1..=opts.max_tagger_epochs {
        rng.shuffle(&mut order);
        tagger::train_epoch(&mut tp, &ex, &order);
        let w = tp.export(Export {
            min_weight: opts.tagger_min_weight,
            min_updates: opts.min_updates,
        });
        let acc = tag_accuracy(&w, &tag_upos, &dv);
        report.tagger_dev.push(acc);
        progress(&format!(
            "tagger epoch {epoch}: dev UPOS {:.2}% ({} features)",
            acc * 100.0,
            w.features()
        ));
        if acc > best_tagger.0 {
            best_tagger = (acc, epoch, w);
        } else if epoch - best_tagger.1 >= opts.patience {
            break;
        }
    }
    drop(tp);
    let (tagger_acc, tagger_epochs, tagger_w) = best_tagger;
    report.tagger_best = tagger_epochs;
    progress(&format!(
        "tagger: kept epoch {tagger_epochs} (dev UPOS {:.2}%)",
        tagger_acc * 100.0
    ));

    // 2. Jackknifed tags for the parser's training data.
    let folds = opts.folds.max(2).min(tr.len());
    let mut train_tags: Vec<Vec<u8>> = vec![Vec::new(); tr.len()];
    let mut s = TagScratch::default();
    for f in 0..folds {
        // The fold's tagger sees only its own training part, lexicon
        // included, so the held-out tags are as noisy as real ones.
        let mut rest: Vec<Prepared<'_>> = tr
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .map(|(_, p)| p.clone())
            .collect();
        let fold_lexicon = build_lexicon(&rest);
        apply_lexicon(&fold_lexicon, &mut rest);
        let w = train_tagger_fixed(&rest, tags.len(), tagger_epochs, &mut rng, opts);
        for (i, p) in tr.iter().enumerate().filter(|(i, _)| i % folds == f) {
            let mut words = p.words.clone();
            apply_to_words(&fold_lexicon, &mut words);
            tagger::tag(&w, &tag_upos, &words, &mut train_tags[i], &mut s);
        }
        progress(&format!("jackknife fold {}/{folds} tagged", f + 1));
    }
    let (ok, all) = tr
        .iter()
        .zip(&train_tags)
        .fold((0usize, 0usize), |(ok, all), (p, t)| {
            (
                ok + t
                    .iter()
                    .zip(&p.sent.upos)
                    .filter(|(a, b)| tag_upos[**a as usize] == **b)
                    .count(),
                all + t.len(),
            )
        });
    report.jackknife_accuracy = ok as f64 / all.max(1) as f64;
    progress(&format!(
        "jackknifed training tags: {:.2}% UPOS",
        report.jackknife_accuracy * 100.0
    ));

    // 3. Parser, early-stopped on dev LAS.
    let root = label_ids["root"] as usize;
    let examples: Vec<ParseExample<'_>> = tr
        .iter()
        .zip(&train_tags)
        .map(|(p, tags)| {
            let mut heads = p.sent.heads.clone();
            projectivize(&mut heads);
            let mut h = vec![0u32];
            h.extend(heads);
            let mut l = vec![0u16];
            l.extend(p.sent.deprels.iter().map(|d| label_ids[d.as_str()]));
            ParseExample {
                words: &p.words,
                tags,
                upos: tags.iter().map(|&t| tag_upos[t as usize]).collect(),
                heads: h,
                labels: l,
            }
        })
        .collect();
    let n_classes = 2 + 2 * labels.len();
    let mut pp = Perceptron::new(n_classes);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut model = Model::new(
        tags,
        lexicon.amb,
        lexicon.sure,
        tagger_w,
        Weights::default(),
        labels,
    )
    .map_err(TrainError::Model)?;
    let mut best: Option<(usize, usize, Weights)> = None; // (LAS count, epoch, weights)
    for epoch in 1..=opts.max_parser_epochs {
        rng.shuffle(&mut order);
        let eo = EpochOptions {
            explore: if epoch == 1 { 0.0 } else { opts.explore },
        };
        parser::train_epoch(&mut pp, root, &examples, &order, &eo, &mut rng);
        model.parser = pp.export(Export {
            min_weight: opts.parser_min_weight,
            min_updates: opts.min_updates,
        });
        let sc = evaluate(&model, dev);
        report.parser_dev.push(sc);
        progress(&format!(
            "parser epoch {epoch}: dev UAS {:.2}% LAS {:.2}% ({} features, {} entries)",
            sc.uas() * 100.0,
            sc.las() * 100.0,
            model.parser.features(),
            model.parser.entries()
        ));
        match &best {
            Some((las, e, _)) if sc.labeled_correct <= *las => {
                if epoch - e >= opts.patience {
                    break;
                }
            }
            _ => best = Some((sc.labeled_correct, epoch, model.parser.clone())),
        }
    }
    let (_, parser_epoch, parser_w) = best.expect("at least one parser epoch");
    report.parser_best = parser_epoch;
    model.parser = parser_w;
    progress(&format!("parser: kept epoch {parser_epoch}"));
    Ok((model, report))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rng_is_fixed() {
        let mut r = Rng::new(1);
        let first: Vec<u64> = (0..3).map(|_| r.next_u64()).collect();
        let mut r2 = Rng::new(1);
        assert_eq!(first, (0..3).map(|_| r2.next_u64()).collect::<Vec<_>>());
        let mut v: Vec<u32> = (0..10).collect();
        Rng::new(7).shuffle(&mut v);
        let mut w: Vec<u32> = (0..10).collect();
        Rng::new(7).shuffle(&mut w);
        assert_eq!(v, w);
        assert_ne!(v, (0..10).collect::<Vec<_>>());
    }
}
