//! Synthetic events for benchmarks: `dyad bench store` fills a temporary
//! store with millions of contract-valid events through the same write path
//! as `dyad ingest`, then times the dyad series and the Parquet export.
//!
//! The distribution is shaped like news data rather than uniform: countries
//! are Zipf-distributed (a few dominate, as the USA, Russia and China do in
//! any news corpus), about half the actors carry a sector, CAMEO roots 01
//! and 04 are the most common, and 3% of events are dated only to a month
//! or a year. Events come in date order with jitter, as news does. Every
//! event's sentence is distinct, so `n` events make `n` deduplicated events.
//!
//! Deterministic: the same options give the same store.

use chrono::{Duration, NaiveDate};

use dyad_core::document::Document;
use dyad_core::event::{Event, Evidence};
use dyad_core::ontology;
use dyad_core::text::Span;

use crate::{
    BatchOutcome, CodedDoc, EventStore, RunKind, RunStart, RunStatus, SourcedDocument, StoreError,
};

/// Options for [`fill`].
#[derive(Clone, Debug)]
pub struct SynthOptions {
    /// Events to write.
    pub events: u64,
    /// Events per document. By default, 5.
    pub events_per_doc: u64,
    /// First day of the date range. By default, 2015-01-01.
    pub start: NaiveDate,
    /// Days in the date range. By default, 3653 (ten years).
    pub days: i64,
    /// By default, 1.
    pub seed: u64,
    /// Documents per transaction. By default, 2000.
    pub batch_docs: usize,
}

impl Default for SynthOptions {
    fn default() -> Self {
        SynthOptions {
            events: 1_000_000,
            events_per_doc: 5,
            start: NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default(),
            days: 3653,
            seed: 1,
            batch_docs: 2000,
        }
    }
}

/// The countries the generator uses, most frequent first (Zipf weights
/// 1/rank). AZE and ISR sit mid-table, as in real coverage.
pub const COUNTRIES: &[&str] = &[
    "USA", "RUS", "CHN", "UKR", "ISR", "GBR", "FRA", "DEU", "IRN", "IND", "PSE", "TUR", "JPN",
    "SYR", "SAU", "PAK", "AFG", "IRQ", "KOR", "PRK", "EGY", "BRA", "CAN", "AUS", "AZE", "ARM",
    "LBN", "YEM", "ITA", "ESP", "POL", "MEX", "NGA", "ZAF", "ETH", "SDN", "VEN", "COL", "IDN",
    "PHL", "VNM", "THA", "MMR", "BGD", "KEN", "QAT", "ARE", "JOR", "LBY", "GEO", "BLR", "KAZ",
    "SRB", "HUN", "GRC", "CUB", "ARG", "CHL", "PER", "NZL",
];

const SECTORS: &[(&str, u32)] = &[
    ("", 45),
    ("GOV", 25),
    ("MIL", 8),
    ("COP", 4),
    ("BUS", 4),
    ("CVL", 4),
    ("MED", 2),
    ("OPP", 2),
    ("REB", 2),
    ("JUD", 2),
    ("LEG", 2),
];

/// Relative frequency of each CAMEO root ("01".."20").
const ROOT_WEIGHTS: [u32; 20] = [20, 8, 8, 20, 8, 4, 3, 3, 2, 2, 6, 3, 3, 2, 1, 2, 3, 3, 4, 1];

/// SplitMix64: small, fast, and good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Picks an index by cumulative weights.
fn pick(cum: &[f64], r: f64) -> usize {
    let total = cum.last().copied().unwrap_or(1.0);
    let x = r * total;
    cum.partition_point(|&c| c <= x).min(cum.len() - 1)
}

/// Generates documents of synthetic events.
pub struct Generator {
    opts: SynthOptions,
    rng: Rng,
    country_cum: Vec<f64>,
    sector_cum: Vec<f64>,
    codes_by_root: Vec<Vec<&'static ontology::EventCode>>,
    root_cum: Vec<f64>,
    made: u64,
    docs: u64,
}

impl Generator {
    pub fn new(opts: SynthOptions) -> Generator {
        let cum = |w: &mut dyn Iterator<Item = f64>| {
            let mut acc = 0.0;
            w.map(|x| {
                acc += x;
                acc
            })
            .collect::<Vec<f64>>()
        };
        let mut codes_by_root: Vec<Vec<&'static ontology::EventCode>> = vec![Vec::new(); 20];
        for c in ontology::all_codes() {
            if c.code.len() >= 3 {
                if let Ok(r) = c.root.parse::<usize>() {
                    if (1..=20).contains(&r) {
                        codes_by_root[r - 1].push(c);
                    }
                }
            }
        }
        Generator {
            rng: Rng(opts.seed),
            country_cum: cum(&mut (1..=COUNTRIES.len()).map(|r| 1.0 / r as f64)),
            sector_cum: cum(&mut SECTORS.iter().map(|s| f64::from(s.1))),
            root_cum: cum(&mut ROOT_WEIGHTS.iter().map(|&w| f64::from(w))),
            codes_by_root,
            opts,
            made: 0,
            docs: 0,
        }
    }

    fn actor(&mut self) -> (String, String, String) {
        let c = COUNTRIES[pick(&self.country_cum, self.rng.unit())];
        let s = SECTORS[pick(&self.sector_cum, self.rng.unit())].0;
        (format!("{c}{s}"), c.to_string(), s.to_string())
    }

    /// The next document, or `None` when all events are made.
    pub fn next_doc(&mut self) -> Option<CodedDoc> {
        if self.made >= self.opts.events {
            return None;
        }
        let n = self
            .opts
            .events_per_doc
            .min(self.opts.events - self.made)
            .max(1);
        // Date order with a week of jitter, as news arrives.
        let pos = self.made as f64 / self.opts.events as f64;
        let base = (pos * self.opts.days as f64) as i64;
        let jitter = self.rng.below(7) as i64 - 3;
        let day = (base + jitter).clamp(0, self.opts.days - 1);
        let pub_date = self.opts.start + Duration::days(day);
        let outlet = self.rng.below(50);
        self.docs += 1;
        let doc_id = format!("synthetic-{}", self.docs);
        let mut text = String::with_capacity(96 * n as usize);
        let mut events = Vec::with_capacity(n as usize);
        for i in 0..n {
            let (src, sc, ss) = self.actor();
            let (mut tgt, mut tc, mut ts) = self.actor();
            if tgt == src {
                (tgt, tc, ts) = self.actor();
            }
            let root = pick(&self.root_cum, self.rng.unit());
            let codes = &self.codes_by_root[root];
            let code = codes[self.rng.below(codes.len() as u64) as usize];
            let p = self.rng.below(100);
            let date = match p {
                0 => pub_date.format("%Y").to_string(),
                1..=2 => pub_date.format("%Y-%m").to_string(),
                _ => pub_date.to_string(),
            };
            let start = text.len();
            let src_text = format!("{src} officials");
            let verb = format!("carried out action {}", code.code);
            let tgt_text = format!("{tgt} counterparts");
            let src_span = Span::new(start, start + src_text.len());
            text.push_str(&src_text);
            text.push(' ');
            let vs = text.len();
            text.push_str(&verb);
            let verb_span = Span::new(vs, text.len());
            text.push_str(" with ");
            let ts_ = text.len();
            text.push_str(&tgt_text);
            let tgt_span = Span::new(ts_, text.len());
            text.push_str(&format!(" in report {} item {i}.", self.docs));
            let sentence_span = Span::new(start, text.len());
            text.push(' ');
            events.push(Event {
                doc_id: doc_id.clone(),
                doc_date: pub_date.to_string(),
                sentence_index: i as u32,
                sentence_span,
                date,
                date_source: if p < 3 { "text" } else { "document" },
                source: src,
                source_country: sc,
                source_sector: ss,
                source_text: src_text,
                target: tgt,
                target_country: tc,
                target_sector: ts,
                target_text: tgt_text,
                cameo: code.code.clone(),
                root: code.root.clone(),
                quad_class: ontology::quad_class(&code.code).unwrap_or(0),
                goldstein: code.goldstein,
                plover: code.plover.clone(),
                verb_text: verb,
                mode: None,
                evidence: Evidence {
                    verb_span,
                    source_span: Some(src_span),
                    target_span: Some(tgt_span),
                    rule: format!("{} synthetic", code.code),
                    source_rule: "synthetic actor".into(),
                    target_rule: "synthetic actor".into(),
                    clause: "active".into(),
                },
            });
        }
        self.made += n;
        let doc = Document {
            id: doc_id.clone(),
            text,
            date: Some(pub_date),
            title: None,
            url: Some(format!("https://outlet{outlet}.example/{doc_id}")),
        };
        Some(CodedDoc::new(
            SourcedDocument {
                doc,
                source: format!("outlet{outlet}.example"),
                origin: "synthetic".into(),
            },
            n as usize,
            events,
        ))
    }
}

/// Writes `opts.events` synthetic events into `store`; `progress` hears the
/// number of events written after each batch.
pub fn fill<S: EventStore>(
    store: &mut S,
    opts: &SynthOptions,
    progress: &mut dyn FnMut(u64),
) -> Result<BatchOutcome, StoreError> {
    let run = store.begin_run(&RunStart {
        kind: RunKind::Synthetic,
        dict_version: "synthetic".into(),
        inputs: vec![format!("synthetic:{}:{}", opts.events, opts.seed)],
    })?;
    let mut g = Generator::new(opts.clone());
    let mut total = BatchOutcome::default();
    loop {
        let mut batch = Vec::with_capacity(opts.batch_docs);
        while batch.len() < opts.batch_docs {
            match g.next_doc() {
                Some(d) => batch.push(d),
                None => break,
            }
        }
        if batch.is_empty() {
            break;
        }
        let n = batch.len() as u64;
        match store.write_batch(run, &batch, &[], n) {
            Ok(o) => total += o,
            Err(e) => {
                let _ = store.finish_run(run, RunStatus::Failed);
                return Err(e);
            }
        }
        progress(total.events_added);
    }
    store.finish_run(run, RunStatus::Done)?;
    Ok(total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_contract_valid_and_deterministic() {
        let opts = SynthOptions {
            events: 103,
            ..Default::default()
        };
        let mut g = Generator::new(opts.clone());
        let mut n = 0;
        let mut first = None;
        while let Some(d) = g.next_doc() {
            for e in &d.events {
                n += 1;
                let t = &d.doc.doc.text;
                assert_eq!(&t[e.evidence.verb_span.range()], e.verb_text);
                assert_eq!(&t[e.evidence.source_span.unwrap().range()], e.source_text);
                assert_eq!(&t[e.evidence.target_span.unwrap().range()], e.target_text);
                assert!(e.quad_class >= 1 && e.quad_class <= 4);
                assert!(e.source_country.len() == 3);
            }
            first.get_or_insert(d.doc.doc.text.clone());
        }
        assert_eq!(n, 103);
        let again = Generator::new(opts).next_doc().unwrap();
        assert_eq!(Some(again.doc.doc.text), first);
    }
}
