//! GDELT 2.0 event TSV: 61 tab-separated columns, no header, as in GDELT's
//! `*.export.CSV` files (GDELT Event Codebook V2.0). Columns dyad does not
//! know (names of known groups, ethnicity, religion, geography, AvgTone)
//! are empty; every line has exactly 61 columns.
//!
//! Mapping: GlobalEventID is the store's deduplicated event id; Day,
//! MonthYear, Year and FractionDate come from the event date (first day of
//! its period); Actor1 is the source and Actor2 the target (code, the words
//! that named it, country, first sector as Type1Code, and for
//! international and non-governmental organisations the organisation as
//! KnownGroupCode); IsRootEvent is 1 for events from a document's first
//! sentence (GDELT: the lead paragraph); EventCode, EventBaseCode (3
//! digits), EventRootCode, QuadClass, GoldsteinScale, NumMentions,
//! NumSources and NumArticles are dyad's; DATEADDED is when the document
//! was stored (UTC); SOURCEURL is the document's url, or its id when it has
//! none.

use std::io::Write;

use chrono::Datelike;

use super::cell;
use crate::{EventFilter, EventRead, StoreError, StoredEvent};

/// GDELT 2.0 event column names, in order.
pub const COLUMNS: [&str; 61] = [
    "GlobalEventID",
    "Day",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// Writes every event that passes `filter`; `header` adds a line of column
/// names (GDELT's own files have none). Returns the number of events.
pub fn write(
    store: &dyn EventRead,
    filter: &EventFilter,
    header: bool,
    out: &mut dyn Write,
    out_name: &str,
) -> Result<u64, StoreError> {
    let err = |e| super::io_err(out_name, e);
    if header {
        writeln!(out, "{}", COLUMNS.join("\t")).map_err(err)?;
    }
    let mut line = String::with_capacity(512);
    let n = store.query(filter, &mut |e| {
        line.clear();
        row(&e, &mut line);
        line.push('\n');
        out.write_all(line.as_bytes()).map_err(err)
    })?;
    out.flush().map_err(err)?;
    Ok(n)
}

/// Country code and known-group code of an actor, GDELT style: 3-letter
/// countries as they are; `IGO…`/`NGO…` organisations as their last three
/// letters in KnownGroupCode (IGOUNO → UNO, IGOWSTNAT → NAT).
fn country_and_group(country: &str) -> (&str, &str) {
    if country.len() == 3 && country != "---" {
        (country, "")
    } else if (country.starts_with("IGO") || country.starts_with("NGO")) && country.len() >= 6 {
        ("", &country[country.len() - 3..])
    } else {
        ("", "")
    }
}

/// Day, MonthYear, Year and FractionDate. FractionDate is the year plus
/// the day of the year (from 0) over 365, to four places, as in GDELT's
/// files (2015-02-18 is 2015.1315).
fn date_columns(d: chrono::NaiveDate) -> [String; 4] {
    [
        format!("{:04}{:02}{:02}", d.year(), d.month(), d.day()),
        format!("{:04}{:02}", d.year(), d.month()),
        d.year().to_string(),
        format!(
            "{:.4}",
            f64::from(d.year()) + f64::from(d.ordinal0()) / 365.0
        ),
    ]
}

/// One line, without its newline.
pub fn row(s: &StoredEvent, line: &mut String) {
    use std::fmt::Write as _;
    let e = &s.event;
    let mut cols: Vec<std::borrow::Cow<'_, str>> = Vec::with_capacity(61);
    cols.push(s.global_event_id.to_string().into());
    match s.day {
        Some(d) => cols.extend(date_columns(d).map(Into::into)),
        None => cols.extend(std::iter::repeat_n("".into(), 4)),
    }
    for (code, text, country, sector) in [
        (
            &e.source,
            &e.source_text,
            &e.source_country,
            &e.source_sector,
        ),
        (
            &e.target,
            &e.target_text,
            &e.target_country,
            &e.target_sector,
        ),
    ] {
        let (cc, group) = country_and_group(country);
        cols.push(cell(code));
        cols.push(cell(text));
        cols.push(cc.into());
        cols.push(group.into());
        cols.extend(std::iter::repeat_n("".into(), 3)); // ethnic, religion 1, 2
        cols.push(cell(sector));
        cols.extend(std::iter::repeat_n("".into(), 2)); // type 2, 3
    }
    cols.push(if e.sentence_index == 0 { "1" } else { "0" }.into());
    cols.push(cell(&e.cameo));
    cols.push(cell(e.cameo.get(..3).unwrap_or(&e.cameo)));
    cols.push(cell(&e.root));
    cols.push(e.quad_class.to_string().into());
    cols.push(format!("{:.1}", e.goldstein).into());
    cols.push(s.num_mentions.to_string().into());
    cols.push(s.num_sources.to_string().into());
    cols.push(s.num_articles.to_string().into());
    cols.push("".into()); // AvgTone
    cols.extend(std::iter::repeat_n("".into(), 24)); // three geographies
    let added: String = s.added.chars().filter(|c| c.is_ascii_digit()).collect();
    cols.push(added.into());
    cols.push(cell(s.url.as_deref().unwrap_or(&e.doc_id)));
    debug_assert_eq!(cols.len(), 61);
    for (i, c) in cols.iter().enumerate() {
        if i > 0 {
            line.push('\t');
        }
        let _ = write!(line, "{c}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_columns_match_gdelt() {
        let d = chrono::NaiveDate::from_ymd_opt(2015, 2, 18).unwrap();
        assert_eq!(date_columns(d), ["20150218", "201502", "2015", "2015.1315"]);
    }

    #[test]
    fn group_codes() {
        assert_eq!(country_and_group("AZE"), ("AZE", ""));
        assert_eq!(country_and_group("IGOUNO"), ("", "UNO"));
        assert_eq!(country_and_group("IGOWSTNAT"), ("", "NAT"));
        assert_eq!(country_and_group("---"), ("", ""));
    }
}
