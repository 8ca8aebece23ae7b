//! The averaged perceptron used at training time.
//!
//! Rows are sparse: a feature holds a cell only for the classes it was ever
//! updated for, which keeps the parser's ~100 classes × millions of features
//! within a few hundred megabytes. Averaging is lazy (Daumé's trick): each
//! cell remembers when it last changed and folds `weight × elapsed` into its
//! running total only when touched, so an update costs O(features), not
//! O(model).
//!
//! [`Perceptron::export`] turns the averaged weights into the compact
//! [`Weights`] the tagger and parser run on: it quantises to `i16` and
//! drops entries that quantise to below a threshold. Training evaluates on
//! dev *through* the exported table, so early stopping sees exactly the
//! numbers the shipped model will produce.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::model::{Entry, Weights};

/// Feature keys are already well-mixed hashes ([`super::features::key`]);
/// hashing them again would only cost time.
#[derive(Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | b as u64;
        }
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

type IdMap<V> = HashMap<u64, V, BuildHasherDefault<IdHasher>>;

#[derive(Clone, Copy, Debug)]
struct Cell {
    class: u16,
    w: f32,
    total: f64,
    ts: u64,
}

/// A sparse averaged perceptron over `n_classes` classes.
pub(crate) struct Perceptron {
    n_classes: usize,
    index: IdMap<u32>,
    rows: Vec<Vec<Cell>>,
    /// How many updates each row took part in.
    updates: Vec<u32>,
    clock: u64,
}

/// How a trained perceptron is cut down for the model file.
#[derive(Clone, Copy, Debug)]
pub struct Export {
    /// Entries whose quantised magnitude is below this are dropped.
    pub min_weight: i16,
    /// Features that took part in fewer updates than this are dropped: a
    /// feature corrected once is usually an accident of one sentence, yet
    /// averaging can leave it a large weight, so magnitude alone does not
    /// catch it.
    pub min_updates: u32,
}

impl Perceptron {
    pub fn new(n_classes: usize) -> Perceptron {
        Perceptron {
            n_classes,
            index: IdMap::default(),
            rows: Vec::new(),
            updates: Vec::new(),
            clock: 1,
        }
    }

    pub fn classes(&self) -> usize {
        self.n_classes
    }

    /// Current (not averaged) scores of `feats` into `scores` (zeroed here).
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                for c in &self.rows[r as usize] {
                    scores[c.class as usize] += c.w;
                }
            }
        }
    }

    /// Advances the averaging clock by one training instance.
    pub fn tick(&mut self) {
        self.clock += 1;
    }

    /// Rewards `gold` and penalises `guess` on every feature in `feats`.
    pub fn update(&mut self, feats: &[u64], gold: usize, guess: usize) {
        if gold == guess {
            return;
        }
        let now = self.clock;
        for &f in feats {
            let next = self.rows.len() as u32;
            let r = *self.index.entry(f).or_insert(next);
            if r == next {
                self.rows.push(Vec::with_capacity(2));
                self.updates.push(0);
            }
            self.updates[r as usize] = self.updates[r as usize].saturating_add(1);
            let row = &mut self.rows[r as usize];
            for (class, delta) in [(gold, 1.0f32), (guess, -1.0)] {
                let cell = match row.iter().position(|c| c.class as usize == class) {
                    Some(i) => &mut row[i],
                    None => {
                        row.push(Cell {
                            class: class as u16,
                            w: 0.0,
                            total: 0.0,
                            ts: now,
                        });
                        row.last_mut().expect("just pushed")
                    }
                };
                cell.total += (now - cell.ts) as f64 * cell.w as f64;
                cell.ts = now;
                cell.w += delta;
            }
        }
    }

    /// The averaged weights, quantised and pruned (see [`Export`]).
    pub fn export(&self, opts: Export) -> Weights {
        let now = self.clock;
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &r)| (k, r)).collect();
        keys.sort_unstable();
        let avg = |c: &Cell| ((c.total + (now - c.ts) as f64 * c.w as f64) / now as f64) as f32;
        let max = self
            .rows
            .iter()
            .flatten()
            .map(|c| avg(c).abs())
            .fold(0.0f32, f32::max);
        let scale = if max > 0.0 {
            max / i16::MAX as f32
        } else {
            1.0
        };
        let mut rows = Vec::with_capacity(keys.len());
        for (k, r) in keys {
            if self.updates[r as usize] < opts.min_updates {
                continue;
            }
            let mut row: Vec<Entry> = self.rows[r as usize]
                .iter()
                .filter_map(|c| {
                    let q = (avg(c) / scale).round() as i32;
                    (q.unsigned_abs() >= opts.min_weight.max(1) as u32).then_some(Entry {
                        class: c.class as u8,
                        weight: q.clamp(i16::MIN as i32, i16::MAX as i32) as i16,
                    })
                })
                .collect();
            if !row.is_empty() {
                row.sort_unstable_by_key(|e| e.class);
                rows.push((k, row));
            }
        }
        Weights::from_rows(self.n_classes, scale, &rows)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_a_separable_problem_and_exports_it() {
        // Class = which of features 10/20/30 is present, with a shared bias.
        let data = [(vec![1, 10], 0), (vec![1, 20], 1), (vec![1, 30], 2)];
        let mut p = Perceptron::new(3);
        let mut scores = [0.0f32; 3];
        for _ in 0..5 {
            for (f, gold) in &data {
                p.score(f, &mut scores);
                let guess = (0..3)
                    .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                    .unwrap();
                p.update(f, *gold, guess);
                p.tick();
            }
        }
        let w = p.export(Export {
            min_weight: 1,
            min_updates: 0,
        });
        for (f, gold) in &data {
            let mut s = [0i32; 3];
            w.score(f, &mut s);
            let best = (0..3)
                .max_by_key(|&c| (s[c], std::cmp::Reverse(c)))
                .unwrap();
            assert_eq!(best, *gold, "{f:?} scored {s:?}");
        }
        // The largest averaged weight maps to i16::MAX.
        let top = [1u64, 10, 20, 30]
            .iter()
            .flat_map(|&k| w.row(k).iter().map(|e| e.weight.unsigned_abs()))
            .max();
        assert_eq!(top, Some(i16::MAX as u16));
    }

    #[test]
    fn pruning_drops_small_entries() {
        let mut p = Perceptron::new(2);
        for _ in 0..100 {
            p.update(&[5], 0, 1);
            p.tick();
        }
        p.update(&[6], 1, 0);
        p.tick();
        let all = p.export(Export {
            min_weight: 1,
            min_updates: 0,
        });
        assert_eq!(all.features(), 2);
        let pruned = p.export(Export {
            min_weight: 1000,
            min_updates: 0,
        });
        assert_eq!(pruned.features(), 1);
        assert!(pruned.row(6).is_empty());
        let frequent = p.export(Export {
            min_weight: 1,
            min_updates: 2,
        });
        assert_eq!(frequent.features(), 1);
        assert!(!frequent.row(5).is_empty());
    }
}
