//! QuadClass schemes: the four-way verbal/material × cooperation/conflict
//! summary of a CAMEO code, in the three published variants dyad can emit.
//!
//! Every event record carries a `quad_class` (see `DESIGN.md`); which table
//! produced it is a user choice, because the field's data sets disagree and
//! users compare dyad's output against one of them. The classes are
//!
//! | class | meaning |
//! |---|---|
//! | 0 | neutral / not coded (Phoenix and PLOVER only: CAMEO 01 statements, 02 appeals) |
//! | 1 | verbal cooperation |
//! | 2 | material cooperation |
//! | 3 | verbal conflict |
//! | 4 | material conflict |
//!
//! The schemes, by CAMEO root (PLOVER by event type, see below):
//!
//! | root | 01 | 02 | 03–05 | 06–08 | 09–13 | 14 | 15 | 16 | 17–20 |
//! |---|---|---|---|---|---|---|---|---|---|
//! | GDELT (default) | 1 | 1 | 1 | 2 | 3 | 3 | 4 | 4 | 4 |
//! | Phoenix | 0 | 0 | 1 | 2 | 3 | 4 | 4 | 3 | 4 |
//!
//! **GDELT.** The GDELT Event Database Data Format Codebook V2.0 (2015-02-19,
//! field `QuadClass`) defines only the labels — "1=Verbal Cooperation,
//! 2=Material Cooperation, 3=Verbal Conflict, 4=Material Conflict" — and gives
//! no root table. The commonly quoted table (01–05, 06–08, 09–13, 14–20) is
//! the ICEWS-style quad and is *not* what GDELT emits for protests: GDELT
//! event rows with `EventRootCode` 14 carry `QuadClass` 3. We found this
//! stated in koala73/worldmonitor issue #7582 ("Root 14 (protest) is
//! QuadClass 3, so the existing `QuadClass === '4'` gate can never return a
//! protest") and in several independent test fixtures modelled on GDELT 2.0
//! export rows (code 141, root 14, QuadClass 3). We did not find a GDELT
//! document listing the table, so this is verified against GDELT's data as
//! reported by its users, not against GDELT's text; if a GDELT export shows
//! otherwise, change `GDELT_BY_ROOT` and its test together.
//!
//! **Phoenix.** Copied from `quad_conversion` in `process_cameo()` of
//! openeventdata/phoenix_pipeline `postprocess.py`: 01–02 → 0, 03–05 → 1,
//! 06–08 → 2, 09–13 and 16 → 3, 14, 15 and 17–20 → 4. Note 16 (reduce
//! relations) is verbal conflict there and 14 (protest) material conflict.
//!
//! **PLOVER.** The PLOVER manual (openeventdata/PLOVER, `PLOVER_MANUAL.tex`)
//! heads each event type with its quad: AGREE, CONSULT, SUPPORT and CONCEDE
//! are verbal cooperation; COOPERATE, AID and RETREAT material cooperation;
//! DEMAND (renamed REQUEST in CAMEO2PLOVER-2021), ACCUSE, REJECT and THREATEN
//! verbal conflict; PROTEST, SANCTION, MOBILIZE, COERCE and ASSAULT material
//! conflict. A CAMEO code takes the quad of its PLOVER type from the
//! CAMEO→PLOVER map, so the PLOVER scheme is per code, not per root: 080–083x
//! (CONCEDE) are 1 but 084–087x (RETREAT) are 2, and the mapping's quirks
//! carry through (191/192 COERCE are still 4). The manual says
//! the CAMEO 01 comments and 02 appeals "have been eliminated" and "are not
//! coded in PLOVER"; we give them 0 (neutral, as Phoenix does) rather than
//! pretend they are verbal cooperation.

use std::fmt;
use std::str::FromStr;

use super::{normalize_code, EventCode};

/// GDELT QuadClass by root: index 0 is root 01, index 19 root 20.
const GDELT_BY_ROOT: [u8; 20] = [1, 1, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4, 4, 4, 4, 4];

/// Phoenix QuadClass by root: index 0 is root 01, index 19 root 20.
const PHOENIX_BY_ROOT: [u8; 20] = [0, 0, 1, 1, 1, 2, 2, 2, 3, 3, 3, 3, 3, 4, 4, 3, 4, 4, 4, 4];

/// PLOVER quad of each PLOVER event type, from the manual's section headings.
/// `DEMAND` is the manual's older name for `REQUEST`; both are listed so the
/// lookup accepts either spelling.
const PLOVER_BY_EVENT: [(&str, u8); 17] = [
    ("AGREE", 1),
    ("CONSULT", 1),
    ("SUPPORT", 1),
    ("CONCEDE", 1),
    ("COOPERATE", 2),
    ("AID", 2),
    ("RETREAT", 2),
    ("REQUEST", 3),
    ("DEMAND", 3),
    ("ACCUSE", 3),
    ("REJECT", 3),
    ("THREATEN", 3),
    ("PROTEST", 4),
    ("SANCTION", 4),
    ("MOBILIZE", 4),
    ("COERCE", 4),
    ("ASSAULT", 4),
];

/// Human-readable label of a quad class (`0..=4`).
pub fn quad_label(class: u8) -> Option<&'static str> {
    Some(match class {
        0 => "neutral",
        1 => "verbal cooperation",
        2 => "material cooperation",
        3 => "verbal conflict",
        4 => "material conflict",
        _ => return None,
    })
}

/// The PLOVER manual's quad class for a PLOVER event type (`"PROTEST"` → 4).
/// Case-sensitive, as PLOVER event types are upper case.
pub fn plover_quad_class(event: &str) -> Option<u8> {
    PLOVER_BY_EVENT
        .iter()
        .find(|(name, _)| *name == event)
        .map(|&(_, class)| class)
}

/// A QuadClass table. See the [module docs](self) for the tables and their
/// sources.
///
/// By default, this is [`QuadScheme::Gdelt`], the scheme of GDELT's
/// `QuadClass` column, because that is the data set dyad's output is most
/// often compared with.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum QuadScheme {
    /// GDELT: 01–05 → 1, 06–08 → 2, 09–14 → 3, 15–20 → 4.
    #[default]
    Gdelt,
    /// Phoenix (OEDA pipeline): 01–02 → 0, 03–05 → 1, 06–08 → 2,
    /// 09–13 and 16 → 3, 14, 15 and 17–20 → 4.
    Phoenix,
    /// By the code's PLOVER event type; 01 and 02 → 0.
    Plover,
}

impl QuadScheme {
    /// Every scheme, in declaration order.
    pub const ALL: [QuadScheme; 3] = [QuadScheme::Gdelt, QuadScheme::Phoenix, QuadScheme::Plover];

    /// The quad class of a CAMEO code under this scheme.
    ///
    /// The code is resolved leniently, as by [`normalize_code`] (trimmed;
    /// unknown 4-digit codes fall back to their 3-digit parent). `None` only
    /// when the code cannot be resolved at all.
    pub fn quad_class(self, code: &str) -> Option<u8> {
        normalize_code(code).map(|e| self.of(e))
    }

    /// The quad class of a known code. Total: every row of the code table
    /// has a class under every scheme (the unit tests check this).
    pub(crate) fn of(self, e: &EventCode) -> u8 {
        match self {
            QuadScheme::Gdelt => by_root(&GDELT_BY_ROOT, &e.root),
            QuadScheme::Phoenix => by_root(&PHOENIX_BY_ROOT, &e.root),
            // No PLOVER type means CAMEO 01/02, which PLOVER does not code.
            QuadScheme::Plover => e.plover.as_deref().and_then(plover_quad_class).unwrap_or(0),
        }
    }

    /// The scheme's short name, as accepted by [`FromStr`]: `"gdelt"`,
    /// `"phoenix"` or `"plover"`.
    pub fn name(self) -> &'static str {
        match self {
            QuadScheme::Gdelt => "gdelt",
            QuadScheme::Phoenix => "phoenix",
            QuadScheme::Plover => "plover",
        }
    }

    /// Where the scheme's table comes from.
    pub fn source(self) -> &'static str {
        match self {
            QuadScheme::Gdelt => {
                "GDELT Event Database Data Format Codebook V2.0 (2015-02-19), field QuadClass \
                 (labels 1-4); root assignment as observed in GDELT event rows (root 14 is \
                 QuadClass 3), reported in koala73/worldmonitor issue #7582"
            }
            QuadScheme::Phoenix => {
                "openeventdata/phoenix_pipeline, postprocess.py, process_cameo(), quad_conversion"
            }
            QuadScheme::Plover => {
                "PLOVER manual (openeventdata/PLOVER, PLOVER_MANUAL.tex), quad heading of each \
                 event type, applied through CAMEO2PLOVER-2021.txt; CAMEO 01/02 are not coded \
                 in PLOVER and get 0"
            }
        }
    }
}

/// Looks a root (`"01"`..`"20"`) up in a 20-entry table. The code table
/// guarantees roots are in range, so a miss is a bug, not bad input.
fn by_root(table: &[u8; 20], root: &str) -> u8 {
    match root.parse::<usize>() {
        Ok(r @ 1..=20) => table[r - 1],
        _ => unreachable!("code table row with root {root:?} outside 01-20"),
    }
}

impl fmt::Display for QuadScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A QuadClass scheme name that is not `gdelt`, `phoenix` or `plover`.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("unknown QuadClass scheme {0:?}: expected gdelt, phoenix or plover")]
pub struct UnknownQuadScheme(pub String);

impl FromStr for QuadScheme {
    type Err = UnknownQuadScheme;

    /// Parses a scheme name, ignoring ASCII case and surrounding whitespace.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let t = s.trim();
        QuadScheme::ALL
            .into_iter()
            .find(|q| q.name().eq_ignore_ascii_case(t))
            .ok_or_else(|| UnknownQuadScheme(s.to_string()))
    }
}
