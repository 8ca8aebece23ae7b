//! The dyad time series: how did A and B treat each other, period by
//! period, in words and in deeds?
//!
//! For each period and each direction (A→B, B→A) a [`DirectionStats`]
//! gives the deduplicated event count, counts per QuadClass (verbal and
//! material cooperation, verbal and material conflict), and the mean and
//! total Goldstein weight. Putting verbal next to material per direction
//! shows whether a country's words and deeds diverge.
//!
//! Dates: an event is placed by the first day of its date period. An event
//! dated only to a month cannot be placed on a day or a week, and one dated
//! only to a year cannot be placed in a month: such events are left out of
//! finer series and counted in [`Series::coarser`], and undated events in
//! [`Series::undated`], so nothing is dropped silently.
//!
//! Speed: country-to-country series read the `dyad_days` aggregate, whose
//! size depends on days and QuadClasses, not on the number of events; see
//! the store's benchmark (`dyad bench store`).

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use serde::Serialize;

use crate::model::{day_number, from_day_number, Precision};
use crate::{ActorSel, EventRead, StoreError};

/// The length of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
    Year,
}

impl Period {
    /// The coarsest date precision that can be placed in this period.
    fn finest_ok(self) -> Precision {
        match self {
            Period::Day | Period::Week => Precision::Day,
            Period::Month => Precision::Month,
            Period::Year => Precision::Year,
        }
    }

    /// The first day of the period containing `d`.
    pub fn start(self, d: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => d,
            Period::Week => d - Duration::days(i64::from(d.weekday().num_days_from_monday())),
            Period::Month => d.with_day(1).unwrap_or(d),
            Period::Year => NaiveDate::from_ymd_opt(d.year(), 1, 1).unwrap_or(d),
        }
    }

    /// The first day of the next period.
    pub fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Day => start + Duration::days(1),
            Period::Week => start + Duration::days(7),
            Period::Month => {
                let (y, m) = if start.month() == 12 {
                    (start.year() + 1, 1)
                } else {
                    (start.year(), start.month() + 1)
                };
                NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(start)
            }
            Period::Year => NaiveDate::from_ymd_opt(start.year() + 1, 1, 1).unwrap_or(start),
        }
    }

    /// The period's label: `2024-02-16`, `2024-W07`, `2024-02`, `2024`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Day => start.to_string(),
            Period::Week => {
                let w = start.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Period::Month => format!("{}-{:02}", start.year(), start.month()),
            Period::Year => start.year().to_string(),
        }
    }
}

/// One direction in one period.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct DirectionStats {
    pub events: u64,
    pub verbal_cooperation: u64,
    pub material_cooperation: u64,
    pub verbal_conflict: u64,
    pub material_conflict: u64,
    /// Sum of Goldstein weights.
    pub goldstein_total: f64,
    /// Mean Goldstein weight; `None` without events.
    pub goldstein_mean: Option<f64>,
}

impl DirectionStats {
    fn add(&mut self, quad: u8, events: u64, tenths: i64) {
        self.events += events;
        match quad {
            1 => self.verbal_cooperation += events,
            2 => self.material_cooperation += events,
            3 => self.verbal_conflict += events,
            4 => self.material_conflict += events,
            _ => {}
        }
        // Kept in tenths until the end so totals are exact.
        self.goldstein_total += tenths as f64;
    }

    fn close(&mut self) {
        self.goldstein_total /= 10.0;
        self.goldstein_mean = (self.events > 0).then(|| self.goldstein_total / self.events as f64);
    }

    /// Verbal cooperation minus verbal conflict: the tone of words.
    pub fn verbal_net(&self) -> i64 {
        self.verbal_cooperation as i64 - self.verbal_conflict as i64
    }

    /// Material cooperation minus material conflict: the tone of deeds.
    pub fn material_net(&self) -> i64 {
        self.material_cooperation as i64 - self.material_conflict as i64
    }
}

/// One period: A→B and B→A.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeriesRow {
    pub period: String,
    pub start: NaiveDate,
    pub forward: DirectionStats,
    pub backward: DirectionStats,
}

/// What to compute.
#[derive(Clone, Debug)]
pub struct SeriesRequest {
    pub a: ActorSel,
    pub b: ActorSel,
    pub period: Period,
    /// First and last day to include (by date-period start).
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// The series, every period from the first to the last with events (or
/// the requested range), empty periods included.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    pub rows: Vec<SeriesRow>,
    /// Totals over all rows.
    pub total_forward: DirectionStats,
    pub total_backward: DirectionStats,
    /// Events dated too coarsely for the period (see the module docs).
    pub coarser: u64,
    /// Events with no date at all (only counted without `from`/`to`).
    pub undated: u64,
}

/// Computes the series from a store.
pub fn dyad_series(store: &dyn EventRead, req: &SeriesRequest) -> Result<Series, StoreError> {
    let from = req.from.map(day_number);
    let to = req.to.map(day_number);
    let same = req.a == req.b;
    let (fwd, undated_f) = store.dyad_cells(&req.a, &req.b, from, to)?;
    let (bwd, undated_b) = if same {
        (Vec::new(), 0)
    } else {
        store.dyad_cells(&req.b, &req.a, from, to)?
    };
    let mut periods: BTreeMap<NaiveDate, (DirectionStats, DirectionStats)> = BTreeMap::new();
    let mut coarser = 0u64;
    let finest = req.period.finest_ok();
    for (cells, backward) in [(&fwd, false), (&bwd, true)] {
        for c in cells {
            if c.precision > finest {
                coarser += c.events;
                continue;
            }
            let Some(d) = from_day_number(c.day) else {
                continue;
            };
            let e = periods.entry(req.period.start(d)).or_default();
            let s = if backward { &mut e.1 } else { &mut e.0 };
            s.add(c.quad_class, c.events, c.goldstein_tenths);
        }
    }
    // Every period between the first and the last, so gaps show as zeros.
    let first = req
        .from
        .map(|d| req.period.start(d))
        .or_else(|| periods.keys().next().copied());
    let last = req
        .to
        .map(|d| req.period.start(d))
        .or_else(|| periods.keys().next_back().copied());
    let mut rows = Vec::new();
    let (mut tf, mut tb) = (DirectionStats::default(), DirectionStats::default());
    if let (Some(first), Some(last)) = (first, last) {
        let mut p = first;
        while p <= last {
            let (mut f, mut b) = periods.remove(&p).unwrap_or_default();
            for (t, s) in [(&mut tf, &f), (&mut tb, &b)] {
                t.events += s.events;
                t.verbal_cooperation += s.verbal_cooperation;
                t.material_cooperation += s.material_cooperation;
                t.verbal_conflict += s.verbal_conflict;
                t.material_conflict += s.material_conflict;
                t.goldstein_total += s.goldstein_total;
            }
            f.close();
            b.close();
            rows.push(SeriesRow {
                period: req.period.label(p),
                start: p,
                forward: f,
                backward: b,
            });
            let next = req.period.next(p);
            if next <= p {
                break;
            }
            p = next;
        }
    }
    tf.close();
    tb.close();
    Ok(Series {
        rows,
        total_forward: tf,
        total_backward: tb,
        coarser,
        undated: undated_f + undated_b,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn periods_start_step_and_label() {
        let x = d("2024-02-16"); // a Friday
        assert_eq!(Period::Week.start(x), d("2024-02-12"));
        assert_eq!(Period::Week.label(d("2024-02-12")), "2024-W07");
        assert_eq!(Period::Month.next(d("2024-12-01")), d("2025-01-01"));
        assert_eq!(Period::Month.label(d("2024-02-01")), "2024-02");
        assert_eq!(Period::Year.start(x), d("2024-01-01"));
        // ISO week years: 2024-12-30 is in week 1 of 2025.
        assert_eq!(Period::Week.label(d("2024-12-30")), "2025-W01");
    }

    #[test]
    fn totals_stay_exact_in_tenths() {
        let mut s = DirectionStats::default();
        for _ in 0..10 {
            s.add(1, 1, 1); // 0.1 ten times
        }
        s.close();
        assert_eq!(s.goldstein_total, 1.0);
        assert_eq!(s.goldstein_mean, Some(0.1));
    }
}
