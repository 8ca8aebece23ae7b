//! The CAMEO event ontology: every CAMEO v1.1b3 event code with its name,
//! root, Goldstein weight, PLOVER mapping and QuadClass.
//!
//! ```text
//! documents ─► text ─► analysis ─► dict ─► coder ──► event records
//!                                            │
//!                                        ontology   (codes, names, Goldstein,
//!                                                    QuadClass, PLOVER)
//! ```
//!
//! The coder decides *which* CAMEO code a sentence expresses; this module
//! answers everything else the event record needs about that code
//! ([`EventCode`]), and resolves the sloppy codes that dictionaries and
//! other coders emit ([`normalize_code`]).
//!
//! # Data and sources
//!
//! The table is data, not code: `data/cameo/codes.tsv` (311 rows: the 20
//! roots and all 3- and 4-digit codes), compiled in with `include_str!` and
//! parsed once on first use into an immutable, code-ordered slice. Its header
//! documents the columns. Facts come from:
//!
//! * names: the CAMEO 1.1b3 codebook (Schrodt, March 2012);
//! * Goldstein weights: GDELT's lookup, pinned copy ([`GOLDSTEIN_SOURCE`]);
//! * PLOVER event type, mode and context: [`PLOVER_SOURCE`], code by code,
//!   except that 0813/0814 (ease curfew, state of emergency) stay CONCEDE
//!   with their parent 081, as the PLOVER gold standard codes them (the
//!   table header gives the reasons).
//!
//! The code set is exactly that of the pinned Goldstein file, which includes
//! 0811–0814 (ease curfew and similar, in the CAMEO 1.1b3 codebook too). The
//! CAMEO→PLOVER map also lists 1213 and 1214 (reject judicial/intelligence
//! cooperation); they are not CAMEO 1.1b3 codes, have no Goldstein weight, and
//! are not rows: [`normalize_code`] maps them to 121.
//!
//! QuadClass tables live in [`QuadScheme`]; see the `quad` module docs for
//! the three schemes and how each was checked.
//!
//! # Example
//!
//! ```
//! use dyad_core::ontology::{self, QuadScheme};
//!
//! let e = ontology::event_code("0231").unwrap();
//! assert_eq!(e.name, "Appeal for economic aid");
//! assert_eq!(e.root, "02");
//! assert_eq!(e.goldstein, 3.4);
//! assert_eq!(e.plover, None); // PLOVER does not code appeals
//!
//! assert_eq!(ontology::quad_class("141"), Some(3)); // GDELT: protest is verbal conflict
//! assert_eq!(QuadScheme::Phoenix.quad_class("141"), Some(4));
//! assert_eq!(ontology::normalize_code(" 1213 ").unwrap().code, "121");
//! ```

mod quad;
mod table;

#[cfg(test)]
mod tests;

use std::sync::OnceLock;

use serde::Serialize;

pub use quad::{plover_quad_class, quad_label, QuadScheme, UnknownQuadScheme};

/// The CAMEO version the table follows.
pub const CAMEO_VERSION: &str = "1.1b3";

/// Where the Goldstein weights come from. Copies of GDELT's table disagree on
/// 016, 124x, 163, 165 and 166, so the exact copy is pinned.
pub const GOLDSTEIN_SOURCE: &str = "GDELT CAMEO.goldsteinscale.txt lookup \
     (data.gdeltproject.org/data/lookups), copy pinned from the public repository \
     mpiccirilli/UNDP-BCPR-Project";

/// Where the PLOVER event type, mode and context of each code come from.
pub const PLOVER_SOURCE: &str = "CAMEO2PLOVER-2021.txt, PLOVER manual draft 0.8 \
     (P. Schrodt, 17 September 2021), openeventdata/PLOVER";

/// One CAMEO event code and what the ontology knows about it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EventCode {
    /// The code itself, 2–4 digits (`"0231"`).
    pub code: String,
    /// The CAMEO 1.1b3 codebook name. Roots are in capitals, as in the
    /// codebook (`"APPEAL"`).
    pub name: String,
    /// The 2-digit root (`"02"`); a root's root is itself.
    pub root: String,
    /// Goldstein weight, −10 (most conflictual) to +10 (most cooperative).
    pub goldstein: f32,
    /// PLOVER event type (`"CONSULT"`); `None` for roots 01 and 02, which
    /// PLOVER does not code.
    pub plover: Option<String>,
    /// PLOVER mode (`"visit"`), where the CAMEO→PLOVER map gives one.
    pub plover_mode: Option<String>,
    /// PLOVER context(s), `;`-separated (`"crime;corruption"`), where the
    /// map gives any.
    pub plover_context: Option<String>,
}

impl EventCode {
    /// True for the 20 two-digit root codes.
    pub fn is_root(&self) -> bool {
        self.code.len() == 2
    }

    /// The code's quad class under `scheme`. Total for table rows.
    pub fn quad_class(&self, scheme: QuadScheme) -> u8 {
        scheme.of(self)
    }
}

static TABLE_TSV: &str = include_str!("../../data/cameo/codes.tsv");
static TABLE: OnceLock<Vec<EventCode>> = OnceLock::new();

/// Every event code, in code order (`"01"`, `"010"`, … `"019"`, `"02"`,
/// `"020"`, `"021"`, `"0211"`, …), which is plain byte order of the strings.
pub fn all_codes() -> &'static [EventCode] {
    TABLE.get_or_init(|| match table::parse(TABLE_TSV) {
        Ok(rows) => rows,
        // The table is compiled in, so this is a build defect, not input
        // error; the unit tests parse it, so it cannot ship broken.
        Err(e) => panic!("built-in CAMEO table data/cameo/codes.tsv is malformed: {e}"),
    })
}

/// Exact lookup: `code` must be a table row as written (no trimming, no
/// fallback). Use [`normalize_code`] for codes from outside dyad.
pub fn event_code(code: &str) -> Option<&'static EventCode> {
    let rows = all_codes();
    rows.binary_search_by(|e| e.code.as_str().cmp(code))
        .ok()
        .map(|i| &rows[i])
}

/// The root of a code (`"0231"` → `"02"`), resolved as by [`normalize_code`].
pub fn root_of(code: &str) -> Option<&'static str> {
    normalize_code(code).map(|e| e.root.as_str())
}

/// The GDELT quad class of a code (the default [`QuadScheme`]): 1 verbal
/// cooperation, 2 material cooperation, 3 verbal conflict, 4 material
/// conflict. Resolved as by [`normalize_code`].
pub fn quad_class(code: &str) -> Option<u8> {
    QuadScheme::default().quad_class(code)
}

/// Lenient lookup for codes from dictionaries, other coders and old data.
///
/// Trims surrounding whitespace, then requires 2–4 ASCII digits; anything
/// else (`""`, `"0"`, `"---"`, `"1a"`, five digits) is `None`. A code in the
/// table is returned as is; otherwise the longest known prefix is, so codes
/// later CAMEO variants and dictionaries added below a known parent resolve
/// to that parent (`"1213"` → 121, `"0110"` → 011). No padding is attempted:
/// `"40"` is not taken to mean `"040"`, because `"10"`–`"20"` are real
/// roots and a lost leading zero cannot be told apart from them.
pub fn normalize_code(code: &str) -> Option<&'static EventCode> {
    let code = code.trim();
    if !(2..=4).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    (2..=code.len())
        .rev()
        .find_map(|len| event_code(&code[..len]))
}
