//! Event dates: date expressions in a sentence, resolved against the
//! publication date.
//!
//! News dates events relative to publication: "on 16 February", "in January",
//! "last week", "on Monday". [`find_dates`] finds such expressions in a
//! tokenised sentence and resolves each to a [`ResolvedDate`] whose
//! precision follows the text: a day, a month or a year.
//!
//! Resolution rules:
//! * a day and month without a year is the most recent such date on or
//!   before publication, unless the clause is about the future ("will meet
//!   on 3 March"), when it is the next one;
//! * a month alone is the most recent such month (the current one included);
//! * a weekday is the most recent such day before publication (the next one
//!   in a future clause); "yesterday", "today", "last week", "last month",
//!   "last year", "earlier this month" are relative to publication;
//! * an impossible date ("31 February") resolves to nothing, never to a
//!   nearby wrong day.
//!
//! The coder attaches to an event the date expression nearest its predicate
//! in the same clause; an event without one takes the publication date.

use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate};

use crate::text::{TokenBuf, TokenKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A resolved date with the precision the text gave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResolvedDate {
    pub date: NaiveDate,
    pub precision: Precision,
}

impl ResolvedDate {
    /// `2024-02-16`, `2024-02` or `2024`.
    pub fn format(&self) -> String {
        match self.precision {
            Precision::Day => self.date.format("%Y-%m-%d").to_string(),
            Precision::Month => self.date.format("%Y-%m").to_string(),
            Precision::Year => format!("{:04}", self.date.year()),
        }
    }
}

/// A date expression found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Token range of the expression.
    pub tokens: Range<usize>,
    /// `None` when the expression names an impossible date.
    pub resolved: Option<ResolvedDate>,
    /// Refers to the future relative to publication ("next year").
    pub future: bool,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("february", 2),
    ("feb", 2),
    ("march", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("may", 5),
    ("june", 6),
    ("jun", 6),
    ("july", 7),
    ("jul", 7),
    ("august", 8),
    ("aug", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("october", 10),
    ("oct", 10),
    ("november", 11),
    ("nov", 11),
    ("december", 12),
    ("dec", 12),
];
const WEEKDAYS: &[(&str, u32)] = &[
    ("monday", 0),
    ("tuesday", 1),
    ("wednesday", 2),
    ("thursday", 3),
    ("friday", 4),
    ("saturday", 5),
    ("sunday", 6),
];

fn month_of(t: &TokenBuf, i: usize) -> Option<u32> {
    let w = t.norm(i);
    if w.len() < 3 || w.len() > 10 || !w.as_bytes()[0].is_ascii_alphabetic() {
        return None;
    }
    let w = w.strip_suffix('.').unwrap_or(w);
    let m = MONTHS.iter().find(|(n, _)| *n == w)?.1;
    // "may" and "march" are also ordinary words: require a capital.
    if (w == "may" || w == "march") && !t.tokens[i].capitalized {
        return None;
    }
    Some(m)
}

fn number(t: &TokenBuf, i: usize) -> Option<u32> {
    if i >= t.len() || t.tokens[i].kind != TokenKind::Number && t.tokens[i].kind != TokenKind::Word
    {
        return None;
    }
    let w = t.norm(i);
    // Most tokens are words: reject them before any string work.
    if !w.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| w.strip_suffix(s))
        .unwrap_or(w);
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    digits.parse().ok()
}

fn day_of_month(t: &TokenBuf, i: usize) -> Option<u32> {
    number(t, i).filter(|d| (1..=31).contains(d) && t.norm(i).len() <= 4)
}

fn year_at(t: &TokenBuf, i: usize) -> Option<i32> {
    let n = number(t, i)?;
    (t.norm(i).len() == 4 && (1900..=2100).contains(&n)).then_some(n as i32)
}

fn norm_at(t: &TokenBuf, i: usize) -> &str {
    if i < t.len() {
        t.norm(i)
    } else {
        ""
    }
}

/// The most recent `month`/`day` on or before `doc` (or the next one on or
/// after `doc` when `future`). `None` if no such date exists in the years
/// tried (31 February).
fn nearest_day(doc: NaiveDate, month: u32, day: u32, future: bool) -> Option<NaiveDate> {
    let y = doc.year();
    let years: [i32; 3] = if future {
        [y, y + 1, y + 2]
    } else {
        [y, y - 1, y - 2]
    };
    // 29 February needs a leap year: look a few years around.
    let mut candidates = years
        .iter()
        .filter_map(|&yy| NaiveDate::from_ymd_opt(yy, month, day));
    if future {
        candidates.find(|d| *d >= doc)
    } else {
        candidates.find(|d| *d <= doc)
    }
}

fn nearest_month(doc: NaiveDate, month: u32, future: bool) -> NaiveDate {
    let y = doc.year();
    let year = if future {
        if month >= doc.month() {
            y
        } else {
            y + 1
        }
    } else if month <= doc.month() {
        y
    } else {
        y - 1
    };
    NaiveDate::from_ymd_opt(year, month, 1).expect("month 1-12, day 1")
}

fn day(d: NaiveDate) -> Option<ResolvedDate> {
    Some(ResolvedDate {
        date: d,
        precision: Precision::Day,
    })
}

fn month(y: i32, m: u32) -> Option<ResolvedDate> {
    NaiveDate::from_ymd_opt(y, m, 1).map(|date| ResolvedDate {
        date,
        precision: Precision::Month,
    })
}

fn year(y: i32) -> Option<ResolvedDate> {
    NaiveDate::from_ymd_opt(y, 1, 1).map(|date| ResolvedDate {
        date,
        precision: Precision::Year,
    })
}

/// Finds the date expressions of a sentence. `future(i)` says whether token
/// `i` sits in a future clause.
pub fn find_dates(
    t: &TokenBuf,
    doc: Option<NaiveDate>,
    future: &dyn Fn(usize) -> bool,
    out: &mut Vec<DateMention>,
) {
    out.clear();
    let n = t.len();
    let mut i = 0;
    while i < n {
        let w = t.norm(i);
        let mut found: Option<(usize, Option<ResolvedDate>, bool)> = None;
        // ISO date: 2024 - 02 - 16.
        if let Some(y) = year_at(t, i) {
            if norm_at(t, i + 1) == "-" && norm_at(t, i + 3) == "-" {
                if let (Some(m), Some(d)) = (number(t, i + 2), number(t, i + 4)) {
                    if t.norm(i + 2).len() == 2 && t.norm(i + 4).len() == 2 {
                        found = Some((5, NaiveDate::from_ymd_opt(y, m, d).and_then(day), false));
                    }
                }
            }
            if found.is_none() {
                // "2008/09", "2008-09" seasons and fiscal years: the first year.
                let range = matches!(norm_at(t, i + 1), "/" | "-")
                    && number(t, i + 2).is_some_and(|_| t.norm(i + 2).len() == 2);
                let len = if range { 3 } else { 1 };
                let fut = doc.is_some_and(|d| y > d.year());
                found = Some((len, year(y), fut));
            }
        } else if let Some(m) = month_of(t, i) {
            // "February 16(, 2024)", "Feb. 16", "February 2024", "February".
            let mut k = i + 1;
            if norm_at(t, k) == "." {
                k += 1;
            }
            if let Some(d) = day_of_month(t, k) {
                let mut len = k + 1 - i;
                let explicit_year = if norm_at(t, k + 1) == "," && year_at(t, k + 2).is_some() {
                    len += 2;
                    year_at(t, k + 2)
                } else if year_at(t, k + 1).is_some() {
                    len += 1;
                    year_at(t, k + 1)
                } else {
                    None
                };
                let r = match (explicit_year, doc) {
                    (Some(y), _) => NaiveDate::from_ymd_opt(y, m, d).and_then(day),
                    (None, Some(dd)) => nearest_day(dd, m, d, future(i)).and_then(day),
                    (None, None) => None,
                };
                found = Some((len, r, false));
            } else if let Some(y) = year_at(t, k) {
                found = Some((k + 1 - i, month(y, m), false));
            } else if let Some(dd) = doc {
                let fut = future(i);
                let d = nearest_month(dd, m, fut);
                found = Some((k - i, month(d.year(), d.month()), fut && d > dd));
            }
        } else if let Some(d) = day_of_month(t, i) {
            // "16 February (2024)".
            if i + 1 < n {
                if let Some(m) = month_of(t, i + 1) {
                    let mut len = 2;
                    if norm_at(t, i + 2) == "." {
                        len += 1;
                    }
                    let r = if let Some(y) = year_at(t, i + len) {
                        len += 1;
                        NaiveDate::from_ymd_opt(y, m, d).and_then(day)
                    } else {
                        doc.and_then(|dd| nearest_day(dd, m, d, future(i)))
                            .and_then(day)
                    };
                    found = Some((len, r, false));
                }
            }
        } else if let Some(&(_, wd)) = WEEKDAYS.iter().find(|(n, _)| *n == w) {
            if let Some(dd) = doc {
                let prev = norm_at(t, i.wrapping_sub(1));
                let fut = future(i) || prev == "next";
                let today = dd.weekday().num_days_from_monday();
                let back = (today + 7 - wd) % 7;
                let fwd = (wd + 7 - today) % 7;
                // "Monday" in a Monday's paper is that day, past or future,
                // unless the text says "last Monday" or "next Monday".
                let d = match (fut, back, fwd) {
                    (_, 0, _) if prev != "last" && prev != "next" => dd,
                    (true, _, f) => dd + Duration::days(if f == 0 { 7 } else { f } as i64),
                    (false, b, _) => dd - Duration::days(if b == 0 { 7 } else { b } as i64),
                };
                found = Some((1, day(d), fut));
            }
        } else if let Some(dd) = doc {
            let next = norm_at(t, i + 1);
            let (len, r, fut) = match (w, next) {
                ("yesterday", _) => (1, day(dd - Duration::days(1)), false),
                ("today", _) | ("tonight", _) => (1, day(dd), false),
                ("tomorrow", _) => (1, day(dd + Duration::days(1)), true),
                ("last", "week") => (
                    2,
                    {
                        let d = dd - Duration::days(7);
                        month(d.year(), d.month())
                    },
                    false,
                ),
                ("this", "week") => (2, month(dd.year(), dd.month()), false),
                ("last", "month") => (
                    2,
                    {
                        let d = dd.with_day(1).unwrap() - Duration::days(1);
                        month(d.year(), d.month())
                    },
                    false,
                ),
                ("this", "month") | ("earlier", "this")
                    if next == "month" || norm_at(t, i + 2) == "month" =>
                {
                    (
                        if w == "earlier" { 3 } else { 2 },
                        month(dd.year(), dd.month()),
                        false,
                    )
                }
                ("last", "year") => (2, year(dd.year() - 1), false),
                ("this", "year") => (2, year(dd.year()), false),
                ("next", "year") => (2, year(dd.year() + 1), true),
                ("next", "month") => (
                    2,
                    {
                        let d = dd.with_day(28).unwrap() + Duration::days(7);
                        month(d.year(), d.month())
                    },
                    true,
                ),
                ("next", "week") => (
                    2,
                    {
                        let d = dd + Duration::days(7);
                        month(d.year(), d.month())
                    },
                    true,
                ),
                ("coming", "months" | "weeks" | "days" | "years") => (2, None, true),
                _ => (0, None, false),
            };
            if len > 0 {
                found = Some((len, r, fut));
            }
        }
        match found {
            Some((len, resolved, fut)) => {
                let fut = fut
                    || resolved.is_some_and(|r| {
                        doc.is_some_and(|d| r.date > d && r.precision == Precision::Day)
                    });
                out.push(DateMention {
                    tokens: i..i + len,
                    resolved,
                    future: fut,
                });
                i += len.max(1);
            }
            None => i += 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{tokenize, Span};

    fn dates(s: &str, doc: &str, fut: bool) -> Vec<String> {
        let mut t = TokenBuf::new();
        tokenize(s, Span::new(0, s.len()), &mut t);
        let doc = NaiveDate::parse_from_str(doc, "%Y-%m-%d").ok();
        let mut out = vec![];
        find_dates(&t, doc, &|_| fut, &mut out);
        out.iter()
            .map(|d| d.resolved.map(|r| r.format()).unwrap_or_else(|| "?".into()))
            .collect()
    }

    #[test]
    fn day_and_month_resolve_to_the_most_recent_past_date() {
        assert_eq!(
            dates("Aliyev met Herzog on 16 February.", "2024-02-26", false),
            vec!["2024-02-16"]
        );
        assert_eq!(
            dates("The war began on 31 October.", "2024-02-26", false),
            vec!["2023-10-31"]
        );
        assert_eq!(
            dates("They met on February 16, 2023.", "2024-02-26", false),
            vec!["2023-02-16"]
        );
        assert_eq!(
            dates("They met on Feb. 16.", "2024-02-26", false),
            vec!["2024-02-16"]
        );
        assert_eq!(
            dates("They met on Feb 16.", "2024-02-26", false),
            vec!["2024-02-16"]
        );
    }

    #[test]
    fn future_clauses_take_the_next_occurrence() {
        assert_eq!(
            dates("They will meet on 3 March.", "2024-02-26", true),
            vec!["2024-03-03"]
        );
        assert_eq!(
            dates("They will meet on 3 January.", "2024-02-26", true),
            vec!["2025-01-03"]
        );
    }

    #[test]
    fn months_years_and_ranges() {
        assert_eq!(
            dates("Talks stalled in January.", "2024-02-26", false),
            vec!["2024-01"]
        );
        assert_eq!(
            dates("Talks stalled in March.", "2024-02-26", false),
            vec!["2023-03"]
        );
        assert_eq!(
            dates(
                "The January 2009 diplomatic cable leaked.",
                "2024-02-26",
                false
            ),
            vec!["2009-01"]
        );
        assert_eq!(
            dates("In the 2020 war, Baku won.", "2024-02-26", false),
            vec!["2020"]
        );
        assert_eq!(
            dates("The 2008/09 season.", "2024-02-26", false),
            vec!["2008"]
        );
        assert_eq!(
            dates("Published 2024-02-16 in Baku.", "2024-02-26", false),
            vec!["2024-02-16"]
        );
    }

    #[test]
    fn relative_days_and_weekdays() {
        // 2024-02-26 is a Monday.
        assert_eq!(
            dates("Iran protested yesterday.", "2024-02-26", false),
            vec!["2024-02-25"]
        );
        assert_eq!(
            dates("Iran protested on Friday.", "2024-02-26", false),
            vec!["2024-02-23"]
        );
        assert_eq!(
            dates("Iran protested last week.", "2024-02-26", false),
            vec!["2024-02"]
        );
        assert_eq!(
            dates("Prices rose earlier this month.", "2024-02-26", false),
            vec!["2024-02"]
        );
        assert_eq!(
            dates("Prices rose last year.", "2024-02-26", false),
            vec!["2023"]
        );
        assert_eq!(
            dates("Prices will rise next year.", "2024-02-26", true),
            vec!["2025"]
        );
    }

    #[test]
    fn impossible_dates_resolve_to_nothing() {
        assert_eq!(
            dates("They met on 31 February.", "2024-02-26", false),
            vec!["?"]
        );
        assert_eq!(
            dates("They met on February 30, 2023.", "2024-02-26", false),
            vec!["?"]
        );
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(dates("Iran may attack.", "2024-02-26", false).is_empty());
    }
}
