//! Scoring a coder's output against a [`Suite`].
//!
//! # Semantics
//!
//! Produced events are deduplicated per record, then compared as
//! (source, target, code) triples:
//!
//! * **Exact.** A record passes when the produced set equals the expected
//!   set, ignoring optional events (they are neither required nor false
//!   positives) and provided no forbidden event was produced.
//!   `expect_no_events` records pass when nothing (but optional events) is
//!   produced.
//! * **`expect_error` records** (PETRARCH `error=`, TABARI complex `{+++}` and
//!   discard `{###}`) pass when nothing is produced. A coder reports no
//!   "error" through [`CodedEvent`]s, and PETRARCH's own rule is that such a
//!   record "is treated as being correctly coded, even though no events are
//!   generated"; TABARI codes no events from complex or discarded sentences.
//! * **Event P/R/F1** are micro-averaged over scored records: true positives
//!   are produced ∩ expected, false negatives expected − produced, false
//!   positives produced − expected − optional (so forbidden events count as
//!   false positives too, on top of failing the record).
//! * **Country/root P/R/F1** do the same after reducing every event to
//!   (first 3 characters of source, of target, [`SuiteFormat::root`] of the
//!   code), deduplicating after the reduction. This is the "right dyad, right
//!   kind of event" score: it forgives `AZEGOV` for `AZE` and 0441 for 044.
//! * **Event type** (PLOVER GSR only, the issue's "PLOVER event type
//!   correct" criterion): a scored record with at least one expected event
//!   is type-correct when at least one produced event has the gold PLOVER
//!   type, whatever its source and target. Produced events are compared as
//!   [`CodedEvent::for_suite`] reduces them (the PLOVER type of their CAMEO
//!   code; CAMEO 01/02 events have none and cannot count), and the gold type
//!   is read under its 2021 name as `plover::current_plover_name` maps it
//!   (DEMAND is REQUEST, DISAPPROVE and INVESTIGATE are ACCUSE, FIGHT is
//!   ASSAULT). The rate is type-correct records over scored records with an
//!   expected event; it is `None` for other formats, whose records are
//!   scored on exact CAMEO codes.
//! * Records with a `skip_reason` are not scored; they are counted, per
//!   reason and per category. Suite problems are counted too.
//!
//! A ratio whose denominator is zero (precision with nothing produced) is
//! `None`, shown as `null` in JSON and `-` in text, rather than a made-up 0
//! or 1.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use serde_json::{json, Value};

use super::{CodedEvent, ExpectedEvent, Suite, SuiteFormat, SuiteRecord};

/// True/false positive and false negative counts.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
}

impl Counts {
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall; `Some(0.0)` when both are 0.
    pub fn f1(&self) -> Option<f64> {
        let (p, r) = (self.precision()?, self.recall()?);
        Some(if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        })
    }

    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    fn to_json(self) -> Value {
        json!({
            "precision": self.precision(),
            "recall": self.recall(),
            "f1": self.f1(),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn_,
        })
    }
}

/// Scores for one category.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CategoryScore {
    pub category: String,
    /// Scored records.
    pub records: usize,
    pub exact: usize,
    pub events: Counts,
    pub skipped: usize,
    /// Type-correct records (PLOVER GSR only; see the module docs).
    pub type_correct: usize,
}

/// One record that did not pass exactly.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// Index into `suite.records` (and `produced`).
    pub index: usize,
    pub id: String,
    pub category: String,
    /// Expected events that were not produced.
    pub missing: Vec<ExpectedEvent>,
    /// Produced events that are neither expected, optional nor forbidden.
    pub extra: Vec<CodedEvent>,
    /// Produced events the record forbids.
    pub forbidden: Vec<CodedEvent>,
}

/// The result of [`score()`].
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub suite: String,
    pub format: SuiteFormat,
    /// Records in the suite, scored or not.
    pub total: usize,
    /// Records scored (those without a skip reason).
    pub records: usize,
    pub exact: usize,
    /// `exact / records`, `None` when nothing was scored.
    pub exact_rate: Option<f64>,
    /// On (source, target, code).
    pub events: Counts,
    /// On (source country, target country, root).
    pub country_root: Counts,
    /// Records with the gold event type among the produced ones, and the
    /// records that could have it (PLOVER GSR only; see the module docs).
    pub type_correct: usize,
    pub type_records: usize,
    /// `type_correct / type_records`; `None` for other formats.
    pub event_type_rate: Option<f64>,
    /// Forbidden events produced, over all records.
    pub forbidden: usize,
    /// Per category, in order of first appearance.
    pub categories: Vec<CategoryScore>,
    pub skipped: usize,
    /// (reason, count), most frequent first.
    pub skip_reasons: Vec<(String, usize)>,
    pub problems: usize,
    pub warnings: usize,
    pub failures: Vec<Failure>,
}

/// Scores `produced` against `suite`; `produced[i]` is the coder's output
/// for `suite.records[i]` (anything for skipped records: it is ignored).
///
/// # Panics
///
/// When `produced.len() != suite.records.len()`: a misaligned output would
/// score every record against the wrong sentence.
pub fn score(suite: &Suite, produced: &[Vec<CodedEvent>]) -> Score {
    assert_eq!(
        produced.len(),
        suite.records.len(),
        "score(): one output per suite record is required ({} outputs for {} records in {})",
        produced.len(),
        suite.records.len(),
        suite.name
    );
    let mut s = Score {
        suite: suite.name.clone(),
        format: suite.format,
        total: suite.records.len(),
        records: 0,
        exact: 0,
        exact_rate: None,
        events: Counts::default(),
        country_root: Counts::default(),
        type_correct: 0,
        type_records: 0,
        event_type_rate: None,
        forbidden: 0,
        categories: Vec::new(),
        skipped: 0,
        skip_reasons: Vec::new(),
        problems: suite.problems.len(),
        warnings: suite.warnings.len(),
        failures: Vec::new(),
    };
    let mut reasons: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, (rec, out)) in suite.records.iter().zip(produced).enumerate() {
        let cat = category_index(&mut s.categories, &rec.category);
        if let Some(reason) = &rec.skip_reason {
            s.skipped += 1;
            s.categories[cat].skipped += 1;
            *reasons.entry(reason).or_default() += 1;
            continue;
        }
        let r = score_record(suite.format, rec, out);
        s.records += 1;
        s.events.add(r.events);
        s.country_root.add(r.country_root);
        s.forbidden += r.failure.forbidden.len();
        let c = &mut s.categories[cat];
        c.records += 1;
        c.events.add(r.events);
        if suite.format == SuiteFormat::PloverGsr && !rec.expected.is_empty() {
            s.type_records += 1;
            if type_correct(rec, out) {
                s.type_correct += 1;
                c.type_correct += 1;
            }
        }
        if r.pass {
            s.exact += 1;
            c.exact += 1;
        } else {
            let mut f = r.failure;
            f.index = index;
            s.failures.push(f);
        }
    }
    s.exact_rate = ratio(s.exact, s.records);
    if suite.format == SuiteFormat::PloverGsr {
        s.event_type_rate = ratio(s.type_correct, s.type_records);
    }
    let mut reasons: Vec<(String, usize)> = reasons
        .into_iter()
        .map(|(r, n)| (r.to_string(), n))
        .collect();
    reasons.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    s.skip_reasons = reasons;
    s
}

/// Whether a produced event has an expected event's type (its code, which
/// for PLOVER GSR records is the PLOVER type), whatever the actors.
fn type_correct(rec: &SuiteRecord, out: &[CodedEvent]) -> bool {
    out.iter()
        .any(|p| rec.expected.iter().any(|e| e.code == p.code))
}

struct RecordScore {
    pass: bool,
    events: Counts,
    country_root: Counts,
    failure: Failure,
}

type Key<'a> = (&'a str, &'a str, &'a str);

fn score_record(format: SuiteFormat, rec: &SuiteRecord, out: &[CodedEvent]) -> RecordScore {
    let produced: BTreeSet<&CodedEvent> = out.iter().collect();
    let expected: BTreeSet<Key> = rec.expected.iter().map(ExpectedEvent::key).collect();
    let optional: BTreeSet<Key> = rec.optional.iter().map(ExpectedEvent::key).collect();
    let forbidden: BTreeSet<Key> = rec.forbidden.iter().map(ExpectedEvent::key).collect();

    let mut failure = Failure {
        index: 0,
        id: rec.id.clone(),
        category: rec.category.clone(),
        missing: Vec::new(),
        extra: Vec::new(),
        forbidden: Vec::new(),
    };
    let mut events = Counts::default();
    for e in &produced {
        let k = e.key();
        if expected.contains(&k) {
            events.tp += 1;
        } else if forbidden.contains(&k) {
            events.fp += 1;
            failure.forbidden.push((*e).clone());
        } else if !optional.contains(&k) {
            events.fp += 1;
            failure.extra.push((*e).clone());
        }
    }
    let mut seen = BTreeSet::new();
    for e in &rec.expected {
        if seen.insert(e.key()) && !produced.iter().any(|p| p.key() == e.key()) {
            events.fn_ += 1;
            failure.missing.push(e.clone());
        }
    }
    let pass =
        failure.missing.is_empty() && failure.extra.is_empty() && failure.forbidden.is_empty();

    let reduce = |(s, t, c): Key| {
        (
            super::prefix(s, 3).to_string(),
            super::prefix(t, 3).to_string(),
            format.root(c).to_string(),
        )
    };
    let p2: BTreeSet<_> = produced.iter().map(|e| reduce(e.key())).collect();
    let e2: BTreeSet<_> = expected.iter().copied().map(reduce).collect();
    let o2: BTreeSet<_> = optional.iter().copied().map(reduce).collect();
    let country_root = Counts {
        tp: p2.intersection(&e2).count(),
        fp: p2
            .iter()
            .filter(|k| !e2.contains(*k) && !o2.contains(*k))
            .count(),
        fn_: e2.difference(&p2).count(),
    };
    RecordScore {
        pass,
        events,
        country_root,
        failure,
    }
}

fn category_index(cats: &mut Vec<CategoryScore>, name: &str) -> usize {
    match cats.iter().position(|c| c.category == name) {
        Some(i) => i,
        None => {
            cats.push(CategoryScore {
                category: name.to_string(),
                ..CategoryScore::default()
            });
            cats.len() - 1
        }
    }
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| a as f64 / b as f64)
}

fn pct(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{:.1}%", 100.0 * v))
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "-".to_string(), |v| format!("{v:.3}"))
}

fn shown(category: &str) -> &str {
    if category.is_empty() {
        "(none)"
    } else {
        category
    }
}

impl Score {
    /// The score as JSON. Keys: `suite`, `format`, `records` (scored),
    /// `total`, `exact`, `exact_rate`, `precision`, `recall`, `f1`, `tp`,
    /// `fp`, `fn`, `country_root` (an object with `precision`, `recall`,
    /// `f1`, `tp`, `fp`, `fn`), `forbidden`, `categories` (a list of objects
    /// with the same counts plus `category`, `skipped`), `skipped`,
    /// `skip_reasons` (a list of `reason`, `count`), `problems`, `warnings`,
    /// and `failures` (a list of record ids). Undefined ratios are `null`.
    /// PLOVER GSR scores add `type_correct`, `type_records` and
    /// `event_type_rate` (`null` for other formats), and `type_correct`,
    /// `event_type_rate` per category.
    pub fn to_json(&self, suite: &str) -> Value {
        let categories: Vec<Value> = self
            .categories
            .iter()
            .map(|c| {
                let mut v = c.events.to_json();
                let m = v.as_object_mut().expect("object");
                m.insert("category".into(), json!(shown(&c.category)));
                m.insert("records".into(), json!(c.records));
                m.insert("exact".into(), json!(c.exact));
                m.insert("exact_rate".into(), json!(ratio(c.exact, c.records)));
                m.insert("skipped".into(), json!(c.skipped));
                if self.format == SuiteFormat::PloverGsr {
                    m.insert("type_correct".into(), json!(c.type_correct));
                    m.insert(
                        "event_type_rate".into(),
                        json!(ratio(c.type_correct, c.records)),
                    );
                }
                v
            })
            .collect();
        json!({
            "suite": suite,
            "format": self.format.name(),
            "records": self.records,
            "total": self.total,
            "exact": self.exact,
            "exact_rate": self.exact_rate,
            "precision": self.events.precision(),
            "recall": self.events.recall(),
            "f1": self.events.f1(),
            "tp": self.events.tp,
            "fp": self.events.fp,
            "fn": self.events.fn_,
            "country_root": self.country_root.to_json(),
            "type_correct": self.type_correct,
            "type_records": self.type_records,
            "event_type_rate": self.event_type_rate,
            "forbidden": self.forbidden,
            "categories": categories,
            "skipped": self.skipped,
            "skip_reasons": self
                .skip_reasons
                .iter()
                .map(|(r, n)| json!({"reason": r, "count": n}))
                .collect::<Vec<_>>(),
            "problems": self.problems,
            "warnings": self.warnings,
            "failures": self.failures.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(),
        })
    }

    /// A human-readable report: totals, skip reasons and the per-category
    /// table.
    pub fn render_text(&self) -> String {
        let mut o = String::new();
        let _ = writeln!(o, "{} ({})", self.suite, self.format);
        let _ = writeln!(
            o,
            "records: {} scored, {} skipped, {} in file; {} problems, {} warnings",
            self.records, self.skipped, self.total, self.problems, self.warnings
        );
        let _ = writeln!(
            o,
            "exact:   {}/{} ({})",
            self.exact,
            self.records,
            pct(self.exact_rate)
        );
        if self.format == SuiteFormat::PloverGsr {
            let _ = writeln!(
                o,
                "event type correct: {}/{} ({}) (a produced event has the gold PLOVER type)",
                self.type_correct,
                self.type_records,
                pct(self.event_type_rate)
            );
        }
        for (label, c) in [
            ("events (source, target, code)", self.events),
            ("country + root               ", self.country_root),
        ] {
            let _ = writeln!(
                o,
                "{label}  P {}  R {}  F1 {}  (tp {}, fp {}, fn {})",
                num(c.precision()),
                num(c.recall()),
                num(c.f1()),
                c.tp,
                c.fp,
                c.fn_
            );
        }
        if self.forbidden > 0 {
            let _ = writeln!(o, "forbidden events produced: {}", self.forbidden);
        }
        if !self.skip_reasons.is_empty() {
            let _ = writeln!(o, "skipped:");
            for (reason, n) in &self.skip_reasons {
                let _ = writeln!(o, "  {n:>5}  {reason}");
            }
        }
        let width = self
            .categories
            .iter()
            .map(|c| shown(&c.category).chars().count())
            .max()
            .unwrap_or(0)
            .max("category".len());
        let plover = self.format == SuiteFormat::PloverGsr;
        let _ = writeln!(
            o,
            "\n{:<width$}  {:>7}  {:>5}  {:>7}  {:>5}  {:>5}  {:>5}  {:>6}  {:>7}{}",
            "category",
            "records",
            "exact",
            "exact%",
            "tp",
            "fp",
            "fn",
            "F1",
            "skipped",
            if plover { "    type%" } else { "" }
        );
        for c in &self.categories {
            let type_col = if plover {
                format!("  {:>7}", pct(ratio(c.type_correct, c.records)))
            } else {
                String::new()
            };
            let _ = writeln!(
                o,
                "{:<width$}  {:>7}  {:>5}  {:>7}  {:>5}  {:>5}  {:>5}  {:>6}  {:>7}{type_col}",
                shown(&c.category),
                c.records,
                c.exact,
                pct(ratio(c.exact, c.records)),
                c.events.tp,
                c.events.fp,
                c.events.fn_,
                num(c.events.f1()),
                c.skipped
            );
        }
        o
    }

    /// Every failing record: id, category, line, text, expected, optional and
    /// forbidden events, what was produced, and the difference.
    pub fn render_failures(&self, suite: &Suite, produced: &[Vec<CodedEvent>]) -> String {
        let list = |evs: &[ExpectedEvent]| -> String {
            evs.iter()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let mut o = String::new();
        for f in &self.failures {
            let (Some(rec), Some(out)) = (suite.records.get(f.index), produced.get(f.index)) else {
                continue;
            };
            let _ = writeln!(
                o,
                "FAIL {} [{}] line {}",
                rec.id,
                shown(&rec.category),
                rec.line
            );
            let _ = writeln!(o, "  text:      {}", rec.text);
            if !rec.note.is_empty() {
                let _ = writeln!(o, "  note:      {}", rec.note);
            }
            let expected = if rec.expect_error {
                format!(
                    "nothing (the coder should reject it: {})",
                    rec.error_kind.as_deref().unwrap_or("error")
                )
            } else if rec.expected.is_empty() {
                "no events".to_string()
            } else {
                list(&rec.expected)
            };
            let _ = writeln!(o, "  expected:  {expected}");
            if !rec.optional.is_empty() {
                let _ = writeln!(o, "  optional:  {}", list(&rec.optional));
            }
            if !rec.forbidden.is_empty() {
                let _ = writeln!(o, "  forbidden: {}", list(&rec.forbidden));
            }
            let mut uniq: Vec<&CodedEvent> =
                out.iter().collect::<BTreeSet<_>>().into_iter().collect();
            uniq.sort();
            let produced = if uniq.is_empty() {
                "nothing".to_string()
            } else {
                uniq.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let _ = writeln!(o, "  produced:  {produced}");
            if !f.missing.is_empty() {
                let _ = writeln!(o, "  missing:   {}", list(&f.missing));
            }
            let join = |v: &[CodedEvent]| {
                v.iter()
                    .map(|e| e.to_string())
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            if !f.extra.is_empty() {
                let _ = writeln!(o, "  extra:     {}", join(&f.extra));
            }
            if !f.forbidden.is_empty() {
                let _ = writeln!(o, "  FORBIDDEN: {}", join(&f.forbidden));
            }
            o.push('\n');
        }
        o
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(id: &str, cat: &str, exp: &[(&str, &str, &str)]) -> SuiteRecord {
        let mut r = SuiteRecord::new(id, 1);
        r.category = cat.to_string();
        r.text = format!("text of {id}");
        r.expected = exp
            .iter()
            .map(|(s, t, c)| ExpectedEvent::new(s, t, c))
            .collect();
        r.expect_no_events = r.expected.is_empty();
        r
    }

    fn ev(s: &str, t: &str, c: &str) -> CodedEvent {
        CodedEvent::new(s, t, c)
    }

    fn suite(records: Vec<SuiteRecord>) -> Suite {
        let mut s = Suite::new("t", SuiteFormat::DyadGold);
        s.records = records;
        s
    }

    #[test]
    fn exact_match_dedupes_and_ignores_order() {
        let s = suite(vec![rec(
            "a",
            "X",
            &[("ARN", "GON", "064"), ("GON", "ARN", "064")],
        )]);
        let out = vec![vec![
            ev("GON", "ARN", "064"),
            ev("ARN", "GON", "064"),
            ev("ARN", "GON", "064"),
        ]];
        let sc = score(&s, &out);
        assert_eq!((sc.records, sc.exact), (1, 1));
        assert_eq!(
            sc.events,
            Counts {
                tp: 2,
                fp: 0,
                fn_: 0
            }
        );
        assert_eq!(sc.exact_rate, Some(1.0));
        assert!(sc.failures.is_empty());
    }

    #[test]
    fn optional_forbidden_missing_extra() {
        let mut r = rec("a", "X", &[("AZE", "ISR", "061")]);
        r.optional.push(ExpectedEvent::new("AZE", "ISR", "060"));
        r.forbidden.push(ExpectedEvent::new("AZE", "ISR", "141"));
        let s = suite(vec![r.clone(), r.clone(), r]);
        let out = vec![
            vec![ev("AZE", "ISR", "061"), ev("AZE", "ISR", "060")],
            vec![ev("AZE", "ISR", "061"), ev("AZE", "ISR", "141")],
            vec![ev("KAZ", "ISR", "061")],
        ];
        let sc = score(&s, &out);
        assert_eq!(sc.exact, 1, "optional events are free");
        assert_eq!(sc.forbidden, 1);
        assert_eq!(
            sc.events,
            Counts {
                tp: 2,
                fp: 2,
                fn_: 1
            }
        );
        assert_eq!(sc.failures.len(), 2);
        assert_eq!(sc.failures[0].forbidden, [ev("AZE", "ISR", "141")]);
        assert_eq!(sc.failures[1].missing[0].key(), ("AZE", "ISR", "061"));
        assert_eq!(sc.failures[1].extra, [ev("KAZ", "ISR", "061")]);
        assert_eq!(sc.failures[1].index, 2);
    }

    #[test]
    fn no_events_and_error_records_pass_only_when_silent() {
        let mut err = rec("e", "E", &[]);
        err.expect_no_events = false;
        err.expect_error = true;
        err.error_kind = Some("complex".into());
        let s = suite(vec![
            rec("n", "N", &[]),
            err.clone(),
            rec("n2", "N", &[]),
            err,
        ]);
        let out = vec![
            vec![],
            vec![],
            vec![ev("A", "B", "01")],
            vec![ev("A", "B", "01")],
        ];
        let sc = score(&s, &out);
        assert_eq!(sc.exact, 2);
        assert_eq!(
            sc.events,
            Counts {
                tp: 0,
                fp: 2,
                fn_: 0
            }
        );
        assert_eq!(sc.events.precision(), Some(0.0));
        assert_eq!(sc.events.recall(), None, "nothing was expected");
        assert_eq!(sc.events.f1(), None);
        let text = sc.render_failures(&s, &out);
        assert!(text.contains("expected:  no events"));
        assert!(text.contains("should reject it: complex"));
    }

    #[test]
    fn country_root_forgives_sectors_and_subcodes() {
        let s = suite(vec![rec("a", "X", &[("AZEGOV", "ISRGOV", "044")])]);
        let out = vec![vec![ev("AZE", "ISRGOV", "0441")]];
        let sc = score(&s, &out);
        assert_eq!(sc.exact, 0);
        assert_eq!(
            sc.events,
            Counts {
                tp: 0,
                fp: 1,
                fn_: 1
            }
        );
        assert_eq!(
            sc.country_root,
            Counts {
                tp: 1,
                fp: 0,
                fn_: 0
            }
        );
    }

    #[test]
    fn skipped_records_are_counted_not_scored() {
        let mut a = rec("a", "X", &[("A", "B", "01")]);
        a.skip_reason = Some("category X not in <Include>".into());
        let mut b = a.clone();
        b.id = "b".into();
        let c = rec("c", "Y", &[("A", "B", "01")]);
        let s = suite(vec![a, b, c]);
        let out = vec![vec![], vec![], vec![ev("A", "B", "01")]];
        let sc = score(&s, &out);
        assert_eq!((sc.total, sc.records, sc.skipped, sc.exact), (3, 1, 2, 1));
        assert_eq!(
            sc.skip_reasons,
            [("category X not in <Include>".to_string(), 2)]
        );
        assert_eq!(sc.categories[0].skipped, 2);
        assert_eq!(sc.categories[0].records, 0);
        let j = sc.to_json("t.xml");
        assert_eq!(j["suite"], "t.xml");
        assert_eq!(j["records"], 1);
        assert_eq!(j["skipped"], 2);
        assert_eq!(j["exact_rate"], 1.0);
        assert_eq!(j["categories"][0]["exact_rate"], Value::Null);
        assert_eq!(j["country_root"]["f1"], 1.0);
        let text = sc.render_text();
        assert!(
            text.contains("    2  category X not in <Include>"),
            "{text}"
        );
        assert!(text.contains("\nY "), "{text}");
    }

    #[test]
    #[should_panic(expected = "one output per suite record")]
    fn misaligned_output_panics() {
        let s = suite(vec![rec("a", "X", &[])]);
        score(&s, &[]);
    }

    #[test]
    fn event_type_rate_counts_any_event_of_the_gold_plover_type() {
        // The PLOVER GSR criterion: a record is type-correct when at least
        // one produced event has the gold type, whatever its actors; an
        // event of another type alongside does not undo it, and the wrong
        // type with the right actors does not count.
        let mut s = suite(vec![
            rec(
                "right-type-wrong-actors",
                "PROTEST",
                &[("USA", "---", "PROTEST")],
            ),
            rec(
                "wrong-type-right-actors",
                "PROTEST",
                &[("USA", "---", "PROTEST")],
            ),
            rec("one-of-two", "FIGHT", &[("IRQ", "IRN", "ASSAULT")]),
            rec("nothing", "SANCTION", &[("USA", "CUB", "SANCTION")]),
        ]);
        s.format = SuiteFormat::PloverGsr;
        let out = vec![
            vec![ev("FRA", "DEU", "PROTEST")],
            vec![ev("USA", "---", "ACCUSE")],
            vec![ev("IRQ", "IRN", "ACCUSE"), ev("IRQ", "---", "ASSAULT")],
            vec![],
        ];
        let sc = score(&s, &out);
        assert_eq!((sc.type_correct, sc.type_records), (2, 4));
        assert_eq!(sc.event_type_rate, Some(0.5));
        assert_eq!(sc.categories[0].type_correct, 1);
        assert_eq!(sc.categories[1].type_correct, 1, "FIGHT is read as ASSAULT");
        let j = sc.to_json("p");
        assert_eq!(j["event_type_rate"], 0.5);
        assert_eq!(j["categories"][1]["event_type_rate"], 1.0);
        assert!(sc.render_text().contains("event type correct: 2/4 (50.0%)"));

        // Other formats score exact codes and have no type rate.
        s.format = SuiteFormat::DyadGold;
        let sc = score(&s, &out);
        assert_eq!(sc.event_type_rate, None);
        assert_eq!(sc.to_json("t")["event_type_rate"], Value::Null);
        assert!(!sc.render_text().contains("event type correct"));
    }

    #[test]
    fn empty_suite_has_no_rates() {
        let sc = score(&suite(vec![]), &[]);
        assert_eq!(sc.exact_rate, None);
        assert!(sc.render_text().contains("exact:   0/0 (-)"));
    }
}
