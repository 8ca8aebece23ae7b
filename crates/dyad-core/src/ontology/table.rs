//! Parser for dyad's CAMEO code table (`data/cameo/codes.tsv`).
//!
//! The table is compiled into the binary with `include_str!` and parsed once,
//! on first use, by [`super::all_codes`]. Parsing is strict: the file is ours,
//! so any irregularity (a bad code, a row out of order, a 4-digit code without
//! its 3-digit parent, a mode without an event type) is a bug in the data and
//! is reported with its line number rather than papered over. The checks here
//! are the invariants the lookups in [`super`] rely on: codes are unique and in
//! byte order (binary search), and every code's root is itself a row
//! ([`super::EventCode::root`] is always a known code).

use super::EventCode;

/// A malformed row in the code table: 1-based line number and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub(crate) struct TableError {
    pub(crate) line: usize,
    pub(crate) message: String,
}

/// The number of tab-separated columns in a row.
const COLUMNS: usize = 6;

/// Parses the whole table text into rows in code order.
///
/// Lines starting with `#` and blank lines are skipped. Every other line is
/// `code \t name \t goldstein \t plover_event \t plover_mode \t plover_context`.
pub(crate) fn parse(text: &str) -> Result<Vec<EventCode>, TableError> {
    let mut rows: Vec<EventCode> = Vec::with_capacity(320);
    for (index, raw) in text.lines().enumerate() {
        let line = index + 1;
        let err = |message: String| TableError { line, message };
        if raw.trim().is_empty() || raw.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = raw.split('\t').collect();
        if fields.len() != COLUMNS {
            return Err(err(format!(
                "expected {COLUMNS} tab-separated columns, found {}",
                fields.len()
            )));
        }
        let code = fields[0];
        if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(format!("event code {code:?} is not 2-4 ASCII digits")));
        }
        let root = &code[..2];
        if !matches!(root.parse::<u8>(), Ok(1..=20)) {
            return Err(err(format!(
                "event code {code:?} has root {root:?}, not 01-20"
            )));
        }
        let name = fields[1].trim();
        if name.is_empty() {
            return Err(err(format!("event code {code:?} has an empty name")));
        }
        let goldstein: f32 = fields[2]
            .trim()
            .parse()
            .map_err(|_| err(format!("Goldstein weight {:?} is not a number", fields[2])))?;
        if !(-10.0..=10.0).contains(&goldstein) {
            return Err(err(format!(
                "Goldstein weight {goldstein} is outside -10..10"
            )));
        }
        let optional = |s: &str| {
            let s = s.trim();
            (!s.is_empty()).then(|| s.to_string())
        };
        let plover = optional(fields[3]);
        let plover_mode = optional(fields[4]);
        let plover_context = optional(fields[5]);
        if plover.is_none() && (plover_mode.is_some() || plover_context.is_some()) {
            return Err(err(format!(
                "event code {code:?} has a PLOVER mode or context but no PLOVER event type"
            )));
        }
        if let Some(prev) = rows.last() {
            if prev.code.as_str() >= code {
                return Err(err(format!(
                    "event code {code:?} is out of order or repeated (follows {:?})",
                    prev.code
                )));
            }
        }
        // Parents come first in byte order, so a missing parent is already
        // detectable here: "0231" needs "023", "023" needs "02".
        if code.len() > 2 {
            let parent = &code[..code.len() - 1];
            if rows
                .binary_search_by(|r| r.code.as_str().cmp(parent))
                .is_err()
            {
                return Err(err(format!(
                    "event code {code:?} has no parent row {parent:?}"
                )));
            }
        }
        rows.push(EventCode {
            code: code.to_string(),
            name: name.to_string(),
            root: root.to_string(),
            goldstein,
            plover,
            plover_mode,
            plover_context,
        });
    }
    if rows.is_empty() {
        return Err(TableError {
            line: 0,
            message: "the table has no rows".to_string(),
        });
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn parses_a_minimal_table() {
        let rows = parse("# header\n02\tAPPEAL\t3.0\t\t\t\n020\tAppeal\t3.0\t\t\t\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1].root, "02");
        assert_eq!(rows[1].plover, None);
    }

    #[test]
    fn rejects_bad_rows_with_line_numbers() {
        let cases = [
            ("01\tX\t0.0\t\t\n", "columns"),
            ("1\tX\t0.0\t\t\t\n", "2-4 ASCII digits"),
            ("21\tX\t0.0\t\t\t\n", "not 01-20"),
            ("01\t \t0.0\t\t\t\n", "empty name"),
            ("01\tX\tabc\t\t\t\n", "not a number"),
            ("01\tX\t11\t\t\t\n", "outside"),
            ("01\tX\t0.0\t\tmode\t\n", "no PLOVER event type"),
            ("02\tX\t0.0\t\t\t\n01\tY\t0.0\t\t\t\n", "out of order"),
            ("01\tX\t0.0\t\t\t\n0111\tY\t0.0\t\t\t\n", "no parent"),
        ];
        for (text, want) in cases {
            let e = parse(text).unwrap_err();
            assert!(e.message.contains(want), "{text:?}: {e}");
            assert!(e.line >= 1, "{text:?}: {e}");
        }
        assert!(parse("# only comments\n").is_err());
    }
}
