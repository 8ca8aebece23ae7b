//! Event dates: date expressions in a sentence, resolved against the
//! publication date.
//!
//! News dates events relative to publication: "on 16 February", "in January",
//! "last week", "on Monday". [`find_dates`] finds such expressions in a
//! tokenised sentence and resolves each to a [`ResolvedDate`] whose
//! precision follows the text: a day, a month or a year.
//!
//! What is found, and how it resolves:
//!
//! | expression | resolves to |
//! |---|---|
//! | "16 February", "February 16", "the 16th of February", "Feb. 16", "16 Sept" | that day, the most recent one on or before publication (the next one in a future clause) |
//! | "February 16, 2023", "16 Feb 2023", "2023-02-16" | that day |
//! | "in January" | that month, the most recent (current included); the next in a future clause |
//! | "January 2009" | that month |
//! | "2020", "2008/09", "2015-16" | the (first) year; a year after publication is future; "2000 prisoners" is a count, not a year |
//! | "on Monday", "last Monday", "next Monday" | the most recent such day before publication (publication day itself when it is that day); the next one in a future clause or after "next" |
//! | "yesterday", "last night", "today", "this morning", "tomorrow" | that day |
//! | "three days ago" / "two weeks ago" / "a month ago" / "two years ago" | publication moved back: days to the day, weeks and months to the month, years to the year |
//! | "in two weeks", "in three days" (future clause only) | publication moved forward, same precisions; future |
//! | "last week", "this week", "next week" | the month of publication ± 7 days |
//! | "last month", "this month", "earlier this month", "next month" | that month |
//! | "last year", "this year", "earlier this year", "next year" | that year |
//! | "later this year", "later this month" | the current year/month; future |
//! | "in the coming weeks/months", "the next few months", "the next two years", "in the months ahead" | no date; future |
//! | seasons: "last spring", "this winter", "next summer", "in the summer", "the summer of 2023", "autumn 2021" | the month the season begins, at month precision |
//!
//! Seasons are meteorological and northern-hemisphere: spring begins in
//! March, summer in June, autumn (fall) in September, winter in December,
//! and the winter of 2023 is the one that begins in December 2023. A season
//! is a three-month range that a month-precision date cannot hold, so the
//! date is the month it begins (`2023-06` for summer 2023). "last winter"
//! is the most recent winter that began before the current season ("last
//! winter" in March 2024 is December 2023; in January 2024, December 2022);
//! "this S" is the current season, else the one beginning in the calendar
//! year of publication; a bare "in the summer" is the current one, else the
//! most recent (the next in a future clause). A capitalised season inside a
//! name ("the Arab Spring", "the Winter Olympics"), a bare "fall" ("the fall
//! of Kabul") and a season "of" anything but a year are not dates.
//!
//! An expression that refers to after publication is marked
//! [`DateMention::future`]; the coder gives events dated by one
//! `mode: "future"` (see [`crate::coder`]).
//!
//! An impossible date ("31 February") resolves to nothing, never to a
//! nearby wrong day; the coder warns naming the document. Without a
//! publication date only expressions that carry their own year resolve.
//!
//! The coder attaches to an event the date expression nearest its predicate
//! in the same clause; an event without one takes the publication date.

use std::ops::Range;

use chrono::{Datelike, Duration, NaiveDate};

use crate::text::{TokenBuf, TokenKind, WordList};

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
            Precision::Day => iso_day(self.date),
            Precision::Month => self.date.format("%Y-%m").to_string(),
            Precision::Year => format!("{:04}", self.date.year()),
        }
    }
}

/// `date` as `YYYY-MM-DD`, exactly as chrono's `%Y-%m-%d` (and `Display`)
/// writes it. Every event carries one or two of these; chrono's formatter
/// cost more than the rest of building the event, so years 0 to 9999 are
/// written by hand and only others go through chrono (which signs them).
pub fn iso_day(date: NaiveDate) -> String {
    let y = date.year();
    if !(0..=9999).contains(&y) {
        return date.format("%Y-%m-%d").to_string();
    }
    let (y, m, d) = (y as u32, date.month(), date.day());
    let digit = |v: u32| char::from(b'0' + (v % 10) as u8);
    let mut s = String::with_capacity(10);
    for c in [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        '-',
        digit(m / 10),
        digit(m),
        '-',
        digit(d / 10),
        digit(d),
    ] {
        s.push(c);
    }
    s
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
    /// A possessive ("next year's election", "Tuesday's vote"): the date of
    /// the noun that follows, not of the clause's verb.
    pub possessive: bool,
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

/// Seasons and the month each begins (meteorological, northern hemisphere).
const SEASONS: &[(&str, u32)] = &[
    ("spring", 3),
    ("summer", 6),
    ("autumn", 9),
    ("fall", 9),
    ("winter", 12),
];

/// Words that make a following bare season a time ("in the summer").
const SEASON_PREPS: &[&str] = &[
    "in",
    "during",
    "over",
    "since",
    "by",
    "until",
    "till",
    "through",
    "throughout",
    "before",
    "after",
];

const COUNTS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
];

/// Every word that can begin a date expression at the token [`find_dates`]
/// is looking at: the words of [`COUNTS`], [`MONTHS`], [`SEASONS`] and
/// [`WEEKDAYS`], and the first words of the relative expressions. Most
/// tokens of a sentence are none of these, nor a number, nor end in a dot
/// (an abbreviated month, "Feb."), and [`find_dates`] passes over them
/// with one table probe instead of trying each kind of expression in turn.
/// A test checks the lists above are all here.
const DATE_WORDS: &WordList = &WordList::new(&[
    // COUNTS
    "a",
    "an",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve", // MONTHS
    "january",
    "jan",
    "february",
    "feb",
    "march",
    "mar",
    "april",
    "apr",
    "may",
    "june",
    "jun",
    "july",
    "jul",
    "august",
    "aug",
    "september",
    "sept",
    "sep",
    "october",
    "oct",
    "november",
    "nov",
    "december",
    "dec", // WEEKDAYS
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    // SEASONS
    "spring",
    "summer",
    "autumn",
    "fall",
    "winter",
    // the relative expressions of `find_dates`
    "yesterday",
    "last",
    "today",
    "tonight",
    "this",
    "earlier",
    "later",
    "next",
    "days",
    "weeks",
    "months",
    "years",
    "tomorrow",
    "coming",
]);

/// False when no date expression can begin at token `i` (see [`DATE_WORDS`]).
#[inline]
fn may_begin_date(t: &TokenBuf, i: usize) -> bool {
    let w = t.norm_bytes(i);
    w.first().is_some_and(u8::is_ascii_digit) || w.last() == Some(&b'.') || DATE_WORDS.has(t, i)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Unit {
    Day,
    Week,
    Month,
    Year,
}

fn unit_of(w: &str) -> Option<Unit> {
    Some(match w {
        "day" | "days" => Unit::Day,
        "week" | "weeks" => Unit::Week,
        "month" | "months" => Unit::Month,
        "year" | "years" => Unit::Year,
        _ => return None,
    })
}

/// A small count: "two", "a", "3".
fn count_at(t: &TokenBuf, i: usize) -> Option<u32> {
    let w = norm_at(t, i);
    COUNTS
        .iter()
        .find(|(n, _)| *n == w)
        .map(|c| c.1)
        .or_else(|| number(t, i).filter(|n| (1..=99).contains(n) && w.len() <= 2))
}

/// `doc` moved by `n` units (negative: back), at the precision the unit
/// warrants: days to the day, weeks and months to the month, years to the
/// year.
fn offset(doc: NaiveDate, unit: Unit, n: i64) -> Option<ResolvedDate> {
    match unit {
        Unit::Day => doc.checked_add_signed(Duration::days(n)).and_then(day),
        Unit::Week => doc
            .checked_add_signed(Duration::days(7 * n))
            .and_then(|d| month(d.year(), d.month())),
        Unit::Month => {
            let m = doc.year() as i64 * 12 + doc.month0() as i64 + n;
            month(m.div_euclid(12) as i32, m.rem_euclid(12) as u32 + 1)
        }
        Unit::Year => year(doc.year() + n as i32),
    }
}

/// A season at token `i` ("spring"), unless it is part of a name ("the Arab
/// Spring", "the Winter Olympics"): seasons are lower case in English.
fn season_of(t: &TokenBuf, i: usize) -> Option<u32> {
    let w = t.norm(i);
    let m = SEASONS.iter().find(|(n, _)| *n == w)?.1;
    let prev = norm_at(t, i.wrapping_sub(1));
    let name_before = i > 0
        && t.tokens[i - 1].capitalized
        && !matches!(
            prev,
            "last" | "this" | "next" | "in" | "during" | "the" | "early" | "late"
        );
    let name_after =
        i + 1 < t.len() && t.tokens[i + 1].capitalized && t.tokens[i + 1].kind == TokenKind::Word;
    (!name_before && !name_after).then_some(m)
}

/// Months since year 0 of a season beginning in `month` of `year`.
fn season_key(year: i32, month: u32) -> i64 {
    year as i64 * 12 + month as i64
}

/// The key of the season `doc` falls in.
fn current_season(doc: NaiveDate) -> i64 {
    let (y, m) = (doc.year(), doc.month());
    match m {
        3..=5 => season_key(y, 3),
        6..=8 => season_key(y, 6),
        9..=11 => season_key(y, 9),
        12 => season_key(y, 12),
        _ => season_key(y - 1, 12),
    }
}

/// A season expression at season token `i`: `(first token, length from it,
/// date, future)`. See the module docs for the rules.
fn season_expr(
    t: &TokenBuf,
    i: usize,
    start_month: u32,
    doc: Option<NaiveDate>,
    future: &dyn Fn(usize) -> bool,
) -> Option<(usize, usize, Option<ResolvedDate>, bool)> {
    let prev = norm_at(t, i.wrapping_sub(1));
    let prev2 = norm_at(t, i.wrapping_sub(2));
    // "summer 2023", "the summer of 2023".
    let (year_at_k, len) = if year_at(t, i + 1).is_some() {
        (year_at(t, i + 1), 2)
    } else if norm_at(t, i + 1) == "of" && year_at(t, i + 2).is_some() {
        (year_at(t, i + 2), 3)
    } else {
        (None, 1)
    };
    let at = |key: i64| {
        month(
            (key - 1).div_euclid(12) as i32,
            ((key - 1).rem_euclid(12) + 1) as u32,
        )
    };
    if let Some(y) = year_at_k {
        let start = if prev == "the" { i - 1 } else { i };
        let r = month(y, start_month);
        let fut = doc.is_some_and(|d| season_key(y, start_month) > season_key(d.year(), d.month()));
        return Some((start, i + len - start, r, fut));
    }
    let dd = doc?;
    let cur = current_season(dd);
    // Occurrences of this season around publication, in order.
    let keys: Vec<i64> = (dd.year() - 3..=dd.year() + 2)
        .map(|y| season_key(y, start_month))
        .collect();
    let before = keys.iter().copied().filter(|&k| k < cur).max();
    let after = keys.iter().copied().find(|&k| k > cur);
    let is_current = keys.contains(&cur);
    let (start, key) = match (prev2, prev) {
        ("this", "past") => (i - 2, before?),
        (_, "last") | (_, "past") => (i - 1, before?),
        (_, "next") | (_, "coming") => (i - 1, after?),
        (_, "this") => {
            // The current one; else the one that begins this calendar year.
            let k = if is_current {
                cur
            } else {
                keys.iter()
                    .copied()
                    .find(|&k| (k - 1).div_euclid(12) == dd.year() as i64)?
            };
            (i - 1, k)
        }
        _ => {
            // "in the summer", "during early spring": a preposition first.
            // Not "the fall of Kabul", "the winter of discontent": a bare
            // "fall" is too often the noun, and a season "of" something
            // other than a year is no date.
            if t.norm(i) == "fall" || norm_at(t, i + 1) == "of" {
                return None;
            }
            let mut j = i;
            for skip in ["early", "late", "mid", "the"] {
                if j > 0 && norm_at(t, j - 1) == skip {
                    j -= 1;
                }
            }
            if j == 0 || !SEASON_PREPS.contains(&norm_at(t, j - 1)) {
                return None;
            }
            let k = if is_current {
                cur
            } else if future(i) {
                after?
            } else {
                before?
            };
            (j, k)
        }
    };
    Some((start, i + 1 - start, at(key), key > cur))
}

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

/// "2000 people", "1500 troops": a number counting things, not a year. A
/// year stands after a preposition or article, or before no plural noun.
fn counts_things(t: &TokenBuf, i: usize) -> bool {
    let prev = norm_at(t, i.wrapping_sub(1));
    let next = norm_at(t, i + 1);
    let dated_by = matches!(
        prev,
        "in" | "since"
            | "of"
            | "the"
            | "by"
            | "until"
            | "from"
            | "to"
            | "through"
            | "during"
            | "before"
            | "after"
            | "early"
            | "late"
            | "mid"
            | "and"
            | "'s"
            | ","
            | "-"
    );
    !dated_by
        && i + 1 < t.len()
        && t.tokens[i + 1].kind == TokenKind::Word
        && !t.tokens[i + 1].capitalized
        && next.len() > 3
        && next.ends_with('s')
        && unit_of(next).is_none()
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
        if !may_begin_date(t, i) {
            i += 1;
            continue;
        }
        let w = t.norm(i);
        let mut found: Option<(usize, Option<ResolvedDate>, bool)> = None;
        // First token of the expression, when it begins before `i` (the
        // "last" of "last summer").
        let mut from = i;
        let ago = norm_at(t, i + 2) == "ago";
        if let (Some(n), Some(unit), true, Some(dd)) =
            (count_at(t, i), unit_of(norm_at(t, i + 1)), ago, doc)
        {
            // "three days ago", "a year ago".
            found = Some((3, offset(dd, unit, -(n as i64)), false));
        } else if let (Some(n), Some(unit), "in", Some(dd)) = (
            count_at(t, i),
            unit_of(norm_at(t, i + 1)),
            norm_at(t, i.wrapping_sub(1)),
            doc,
        ) {
            // "will meet in two weeks" (not "in two days of talks").
            if future(i) && !matches!(norm_at(t, i + 2), "of" | "'") {
                found = Some((2, offset(dd, unit, n as i64), true));
            }
        } else if let Some(y) = year_at(t, i).filter(|_| !counts_things(t, i)) {
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
            // "16 February (2024)", "the 16th of February".
            let k = if norm_at(t, i + 1) == "of" {
                i + 2
            } else {
                i + 1
            };
            if k < n {
                if let Some(m) = month_of(t, k) {
                    let mut len = k + 1 - i;
                    if norm_at(t, i + len) == "." {
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
        } else if let Some(m) = season_of(t, i) {
            if let Some((start, len, r, fut)) = season_expr(t, i, m, doc, future) {
                from = start;
                found = Some((start + len - i, r, fut));
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
                // "Monday" in a Monday's paper is that day, not a future one.
                found = Some((1, day(d), d > dd));
            }
        } else if let Some(dd) = doc {
            let next = norm_at(t, i + 1);
            let third = norm_at(t, i + 2);
            let (len, r, fut) = match (w, next) {
                ("yesterday", _) => (1, day(dd - Duration::days(1)), false),
                ("last", "night") => (2, day(dd - Duration::days(1)), false),
                ("today", _) | ("tonight", _) => (1, day(dd), false),
                ("this", "morning" | "afternoon" | "evening") => (2, day(dd), false),
                // "earlier this year", "later this month": the current
                // period; "later" is future.
                ("earlier" | "later", "this") if matches!(third, "year" | "month" | "week") => (
                    3,
                    if third == "year" {
                        year(dd.year())
                    } else {
                        month(dd.year(), dd.month())
                    },
                    w == "later",
                ),
                // "the next few months", "the next two years": future, no date.
                ("next", "few" | "several" | "couple")
                    if unit_of(third).is_some() || norm_at(t, i + 3) == "of" =>
                {
                    (3, None, true)
                }
                ("next", _) if count_at(t, i + 1).is_some() && unit_of(third).is_some() => {
                    (3, None, true)
                }
                ("days" | "weeks" | "months" | "years", "ahead") => (2, None, true),
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
                ("this", "month") => (2, month(dd.year(), dd.month()), false),
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
                    tokens: from..i + len,
                    resolved,
                    future: fut,
                    possessive: matches!(norm_at(t, i + len), "'s" | "’s" | "'"),
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

    #[test]
    fn iso_day_writes_what_chrono_writes() {
        let mut d = NaiveDate::from_ymd_opt(1, 1, 1).expect("valid");
        // Every day of the first years, then a step through to beyond 9999.
        while d.year() < 10_020 {
            assert_eq!(iso_day(d), d.format("%Y-%m-%d").to_string());
            assert_eq!(iso_day(d), d.to_string());
            d = if d.year() < 3 {
                d.succ_opt()
            } else {
                d.checked_add_signed(Duration::days(37))
            }
            .expect("in range");
        }
        let edges = [
            NaiveDate::MIN,
            NaiveDate::MAX,
            NaiveDate::from_ymd_opt(-1, 12, 31).expect("valid"),
            NaiveDate::from_ymd_opt(0, 6, 15).expect("valid"),
        ];
        for d in edges {
            assert_eq!(iso_day(d), d.to_string());
        }
    }

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
    fn every_word_that_begins_a_date_is_in_date_words() {
        let lists = COUNTS
            .iter()
            .chain(MONTHS)
            .chain(WEEKDAYS)
            .chain(SEASONS)
            .map(|(w, _)| *w);
        for w in lists {
            assert!(DATE_WORDS.contains(&w), "{w:?}");
        }
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

    /// (date, future) of each expression.
    fn dated(s: &str, doc: &str, fut: bool) -> Vec<(String, bool)> {
        let mut t = TokenBuf::new();
        tokenize(s, Span::new(0, s.len()), &mut t);
        let doc = NaiveDate::parse_from_str(doc, "%Y-%m-%d").ok();
        let mut out = vec![];
        find_dates(&t, doc, &|_| fut, &mut out);
        out.iter()
            .map(|d| {
                let r = d.resolved.map(|r| r.format()).unwrap_or_else(|| "?".into());
                (r, d.future)
            })
            .collect()
    }

    /// The words each expression covers.
    fn spans(s: &str, doc: &str) -> Vec<String> {
        let mut t = TokenBuf::new();
        tokenize(s, Span::new(0, s.len()), &mut t);
        let doc = NaiveDate::parse_from_str(doc, "%Y-%m-%d").ok();
        let mut out = vec![];
        find_dates(&t, doc, &|_| false, &mut out);
        out.iter()
            .map(|d| {
                d.tokens
                    .clone()
                    .map(|i| t.norm(i))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    // A paper of Thursday 14 March 2024 throughout.
    const PUB: &str = "2024-03-14";

    #[test]
    fn day_and_month_in_either_order_and_abbreviated() {
        for s in [
            "The envoys signed the accord on 9 March.",
            "The envoys signed the accord on March 9.",
            "The envoys signed the accord on the 9th of March.",
            "The envoys signed the accord on March 9th.",
            "The envoys signed the accord on Mar. 9.",
            "The envoys signed the accord on Mar 9.",
            "The envoys signed the accord on 9 Mar.",
            "The envoys signed the accord on 9 Mar 2024.",
            "The envoys signed the accord on March 9, 2024.",
        ] {
            assert_eq!(dates(s, PUB, false), vec!["2024-03-09"], "{s}");
        }
        assert_eq!(
            dates("Troops crossed on Sept. 30.", PUB, false),
            vec!["2023-09-30"]
        );
        assert_eq!(
            dates("Troops crossed on 30 Sept.", PUB, false),
            vec!["2023-09-30"]
        );
        assert_eq!(
            spans("Troops crossed on Dec. 2, 2022.", PUB),
            vec!["dec. 2 , 2022"]
        );
    }

    #[test]
    fn the_issue_examples_in_other_words() {
        // Published in late February 2024.
        let feb = "2024-02-27";
        assert_eq!(
            dates(
                "On 16 February the two presidents met in Munich.",
                feb,
                false
            ),
            vec!["2024-02-16"]
        );
        assert_eq!(
            dates("Fighting flared on 31 October near the border.", feb, false),
            vec!["2023-10-31"]
        );
        assert_eq!(
            dates("Ankara recalled its envoy in January.", feb, false),
            vec!["2024-01"]
        );
        assert_eq!(
            dates(
                "A January 2009 diplomatic cable described the talks.",
                feb,
                false
            ),
            vec!["2009-01"]
        );
        assert_eq!(
            dates("Baku regained the districts in the 2020 war.", feb, false),
            vec!["2020"]
        );
        // 27 February 2024 is a Tuesday.
        assert_eq!(
            dates("The ministers spoke by phone last week.", feb, false),
            vec!["2024-02"]
        );
        assert_eq!(
            dates("The ministers spoke by phone on Monday.", feb, false),
            vec!["2024-02-26"]
        );
        assert_eq!(
            dates("The ministers spoke by phone yesterday.", feb, false),
            vec!["2024-02-26"]
        );
        assert_eq!(
            dated(
                "Both sides expect to sign in the coming months.",
                feb,
                false
            ),
            vec![("?".into(), true)]
        );
        assert_eq!(
            dated("Elections are due next year.", feb, false),
            vec![("2025".into(), true)]
        );
    }

    #[test]
    fn weekdays_resolve_backwards_unless_future() {
        // 14 March 2024 is a Thursday.
        assert_eq!(
            dates("Police raided the office on Tuesday.", PUB, false),
            vec!["2024-03-12"]
        );
        assert_eq!(
            dates("Police raided the office on Thursday.", PUB, false),
            vec!["2024-03-14"]
        );
        assert_eq!(
            dates("Police raided the office last Thursday.", PUB, false),
            vec!["2024-03-07"]
        );
        assert_eq!(
            dated("The court will rule on Tuesday.", PUB, true),
            vec![("2024-03-19".into(), true)]
        );
        assert_eq!(
            dated("The court rules next Friday.", PUB, false),
            vec![("2024-03-15".into(), true)]
        );
    }

    #[test]
    fn relative_days_weeks_months_and_years() {
        let d = |s: &str| dated(s, PUB, false);
        assert_eq!(
            d("Rockets fell yesterday."),
            vec![("2024-03-13".into(), false)]
        );
        assert_eq!(
            d("Rockets fell last night."),
            vec![("2024-03-13".into(), false)]
        );
        assert_eq!(d("Rockets fell today."), vec![("2024-03-14".into(), false)]);
        assert_eq!(
            d("Talks resume tomorrow."),
            vec![("2024-03-15".into(), true)]
        );
        assert_eq!(
            d("Rockets fell three days ago."),
            vec![("2024-03-11".into(), false)]
        );
        assert_eq!(
            d("Rockets fell two weeks ago."),
            vec![("2024-02".into(), false)]
        );
        assert_eq!(
            d("The pact lapsed a month ago."),
            vec![("2024-02".into(), false)]
        );
        assert_eq!(
            d("The pact lapsed 14 months ago."),
            vec![("2023-01".into(), false)]
        );
        assert_eq!(
            d("The pact lapsed two years ago."),
            vec![("2022".into(), false)]
        );
        assert_eq!(
            d("The pact lapsed last month."),
            vec![("2024-02".into(), false)]
        );
        assert_eq!(
            d("The pact lapsed last year."),
            vec![("2023".into(), false)]
        );
        assert_eq!(d("Prices rose this week."), vec![("2024-03".into(), false)]);
        assert_eq!(
            d("Prices rose this month."),
            vec![("2024-03".into(), false)]
        );
        assert_eq!(d("Prices rose this year."), vec![("2024".into(), false)]);
        assert_eq!(
            d("Prices rose earlier this year."),
            vec![("2024".into(), false)]
        );
        // "in two weeks" is a date only in a future clause.
        assert_eq!(
            dated("Envoys will return in two weeks.", PUB, true),
            vec![("2024-03".into(), true)]
        );
        assert_eq!(
            dated("Envoys will return in three days.", PUB, true),
            vec![("2024-03-17".into(), true)]
        );
        assert!(d("They killed six in two days of fighting.").is_empty());
    }

    #[test]
    fn earlier_this_month_and_iso_dates() {
        assert_eq!(
            dates("Parliament voted earlier this month.", PUB, false),
            vec!["2024-03"]
        );
        assert_eq!(
            spans("Parliament voted earlier this month.", PUB),
            vec!["earlier this month"]
        );
        assert_eq!(
            dates("Statement dated 2023-11-05 from Baku.", PUB, false),
            vec!["2023-11-05"]
        );
        assert_eq!(
            dates("Statement dated 2023-02-30 from Baku.", PUB, false),
            vec!["?"]
        );
    }

    #[test]
    fn years_and_year_ranges() {
        assert_eq!(
            dates("The 2008/09 budget was cut.", PUB, false),
            vec!["2008"]
        );
        assert_eq!(spans("The 2008/09 budget was cut.", PUB), vec!["2008 / 09"]);
        assert_eq!(
            dates("Unrest followed the 2015-16 drought.", PUB, false),
            vec!["2015"]
        );
        assert_eq!(
            dates("The treaty dates from 1994.", PUB, false),
            vec!["1994"]
        );
        assert_eq!(
            dated("The plant opens in 2026.", PUB, false),
            vec![("2026".into(), true)]
        );
        // Counts of things are not years.
        assert!(dates("Rebels freed 2000 prisoners.", PUB, false).is_empty());
        assert_eq!(
            dates("Rebels freed prisoners in 2000.", PUB, false),
            vec!["2000"]
        );
    }

    /// Seasons are meteorological and northern: spring begins in March,
    /// summer in June, autumn (fall) in September, winter in December. A
    /// season resolves to the month it begins, at month precision, and the
    /// winter of 2023 is the one that begins in December 2023.
    #[test]
    fn seasons_resolve_to_the_month_they_begin() {
        // March 2024 is spring; the winter just ended began in December 2023.
        let d = |s: &str| dated(s, PUB, false);
        assert_eq!(
            d("The militia regrouped last spring."),
            vec![("2023-03".into(), false)]
        );
        assert_eq!(
            d("The militia regrouped last summer."),
            vec![("2023-06".into(), false)]
        );
        // The winter that just ended; in January it would be the one before.
        assert_eq!(
            d("The militia regrouped last winter."),
            vec![("2023-12".into(), false)]
        );
        assert_eq!(
            dated("The militia regrouped last winter.", "2024-01-20", false),
            vec![("2022-12".into(), false)]
        );
        assert_eq!(
            d("The militia regrouped this past autumn."),
            vec![("2023-09".into(), false)]
        );
        assert_eq!(
            d("The militia regrouped in the summer of 2023."),
            vec![("2023-06".into(), false)]
        );
        assert_eq!(
            d("The militia regrouped in summer 2021."),
            vec![("2021-06".into(), false)]
        );
        assert_eq!(
            d("The militia regrouped in the fall of 2022."),
            vec![("2022-09".into(), false)]
        );
        assert_eq!(
            d("The militia regrouped this spring."),
            vec![("2024-03".into(), false)]
        );
        assert_eq!(
            d("The militia regrouped this winter."),
            vec![("2024-12".into(), true)]
        );
        assert_eq!(
            d("The militia regrouped during the winter."),
            vec![("2023-12".into(), false)]
        );
        assert_eq!(
            d("The militia regrouped in early spring."),
            vec![("2024-03".into(), false)]
        );
        assert_eq!(
            d("Fighting eased over the summer."),
            vec![("2023-06".into(), false)]
        );
        assert_eq!(
            dated("Fighting will ease over the summer.", PUB, true),
            vec![("2024-06".into(), true)]
        );
        assert_eq!(
            d("Talks resume next summer."),
            vec![("2024-06".into(), true)]
        );
        // In a December paper, "this winter" is the one under way.
        assert_eq!(
            dated("Shortages worsened this winter.", "2024-12-10", false),
            vec![("2024-12".into(), false)]
        );
        assert_eq!(
            dated("Shortages worsened this winter.", "2025-01-20", false),
            vec![("2024-12".into(), false)]
        );
        assert_eq!(
            spans("It flooded in the summer of 2023.", PUB),
            vec!["the summer of 2023"]
        );
        // Names and verbs are not seasons.
        assert!(d("Veterans of the Arab Spring protested.").is_empty());
        assert!(d("Athletes left the Winter Olympics.").is_empty());
        assert!(d("Prices fall when rebels spring an attack.").is_empty());
        assert!(d("After the fall of Kabul, envoys fled.").is_empty());
    }

    #[test]
    fn future_expressions() {
        let d = |s: &str| dated(s, PUB, false);
        assert_eq!(
            d("Aid will flow in the coming weeks."),
            vec![("?".into(), true)]
        );
        assert_eq!(
            d("Aid will flow in the coming months."),
            vec![("?".into(), true)]
        );
        assert_eq!(
            d("Aid will flow over the next few months."),
            vec![("?".into(), true)]
        );
        assert_eq!(
            d("Aid will flow in the next two years."),
            vec![("?".into(), true)]
        );
        assert_eq!(
            d("Aid will flow in the months ahead."),
            vec![("?".into(), true)]
        );
        assert_eq!(
            d("Aid will flow next month."),
            vec![("2024-04".into(), true)]
        );
        assert_eq!(
            d("Aid will flow next week."),
            vec![("2024-03".into(), true)]
        );
        assert_eq!(d("Aid will flow next year."), vec![("2025".into(), true)]);
        assert_eq!(
            d("Aid will flow later this year."),
            vec![("2024".into(), true)]
        );
        assert_eq!(
            d("Aid will flow later this month."),
            vec![("2024-03".into(), true)]
        );
        // A future clause takes the next occurrence of a day or month.
        assert_eq!(
            dated("The leaders will meet on 2 March.", PUB, true),
            vec![("2025-03-02".into(), true)]
        );
        assert_eq!(
            dated("The leaders will meet in February.", PUB, true),
            vec![("2025-02".into(), true)]
        );
        assert_eq!(
            dated("The leaders met in February.", PUB, false),
            vec![("2024-02".into(), false)]
        );
    }

    #[test]
    fn impossible_and_missing_dates_warn_naming_the_record() {
        use crate::coder::{Coder, Scratch};
        use crate::document::Document;
        let coder = Coder::builtin().expect("built-in dictionaries load");
        let code = |id: &str, date: Option<NaiveDate>, text: &str| {
            let doc = Document {
                id: id.into(),
                text: text.into(),
                date,
                title: None,
                url: None,
            };
            coder.code_document(&doc, &mut Scratch::default())
        };
        let pub_date = NaiveDate::from_ymd_opt(2024, 3, 14);
        let out = code(
            "story-31feb",
            pub_date,
            "Iran condemned Iraq on 31 February.",
        );
        assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
        assert!(
            out.warnings[0].contains("story-31feb"),
            "{}",
            out.warnings[0]
        );
        assert!(
            out.warnings[0].contains("31 February"),
            "{}",
            out.warnings[0]
        );
        // The event keeps the publication date, never a nearby wrong day.
        for e in &out.events {
            assert_eq!((e.date.as_str(), e.date_source), ("2024-03-14", "document"));
        }
        // No publication date: relative dates cannot resolve, nothing panics,
        // and explicit dates still do.
        let out = code(
            "undated",
            None,
            "Iran condemned Iraq yesterday. Iran condemned Iraq on 3 May 2021.",
        );
        assert!(out
            .events
            .iter()
            .all(|e| e.date.is_empty() || e.date == "2021-05-03"));
        // Missing and unparseable `published` fields: a warning naming the
        // record, and the record is still read.
        let src = "{\"id\":\"no-pub\",\"text\":\"Iran condemned Iraq.\"}\n\
                   {\"id\":\"bad-pub\",\"text\":\"Iran condemned Iraq.\",\"published\":\"2024-02-31\"}\n\
                   {\"id\":\"junk-pub\",\"text\":\"Iran condemned Iraq.\",\"published\":\"last Tuesday\"}\n";
        let (docs, diags) =
            crate::input::read_documents("w.jsonl", src, crate::input::InputFormat::Jsonl, None);
        assert_eq!(docs.len(), 3);
        assert!(docs.iter().all(|d| d.date.is_none()));
        assert_eq!(diags.len(), 3, "{diags:?}");
        for (d, id) in diags.iter().zip(["no-pub", "bad-pub", "junk-pub"]) {
            assert!(d.to_string().contains(id), "{d}");
        }
        for d in &docs {
            code(&d.id, d.date, &d.text);
        }
    }

    #[test]
    fn possessives_date_their_noun_and_today_is_not_future() {
        for s in [
            "He may run in next year's election.",
            "He may run in next year’s election.",
            "Voters await Tuesday's ruling.",
        ] {
            let mut t = TokenBuf::new();
            tokenize(s, Span::new(0, s.len()), &mut t);
            let mut out = vec![];
            find_dates(
                &t,
                NaiveDate::from_ymd_opt(2024, 3, 14),
                &|_| false,
                &mut out,
            );
            assert!(out.len() == 1 && out[0].possessive, "{s}: {out:?}");
        }
        // 14 March 2024 is a Thursday: "Thursday" in a future clause is today.
        assert_eq!(
            dated("Officials said Thursday they will meet.", PUB, true),
            vec![("2024-03-14".into(), false)]
        );
    }

    #[test]
    fn may_the_verb_is_not_a_month() {
        assert!(dates("Iran may attack.", "2024-02-26", false).is_empty());
    }
}
