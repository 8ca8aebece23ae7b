//! Unit tests for the ontology: the built-in table checked against the pinned
//! reference files in `../shared/validation/` (read in place, never copied),
//! and the QuadClass schemes checked against the tables their sources give.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use super::*;

/// Reads a file under the shared directory (`<repo>/../shared`), panicking
/// with the path if it is missing: these tests are meaningless without it.
fn read_shared(rel: &str) -> String {
    let path: PathBuf = [env!("CARGO_MANIFEST_DIR"), "..", "..", "..", "shared", rel]
        .iter()
        .collect();
    match std::fs::read_to_string(&path) {
        Ok(s) => s,
        Err(e) => panic!(
            "ontology tests need the shared validation file {} ({e}); \
             the shared directory must sit next to the repository",
            path.display()
        ),
    }
}

const GOLDSTEIN_FILE: &str = "validation/cameo/CAMEO.goldsteinscale.txt";
const PLOVER_FILE: &str = "validation/plover/CAMEO2PLOVER-2021.txt";
const CAMEO_README: &str = "validation/cameo/README.md";

/// Codes in CAMEO2PLOVER-2021.txt that are not CAMEO 1.1b3 codes (no
/// Goldstein weight, not in GDELT's lookup), with the row they resolve to.
const PLOVER_ONLY_CODES: [(&str, &str); 2] = [("1213", "121"), ("1214", "121")];

/// Codes whose PLOVER event type deliberately differs from
/// CAMEO2PLOVER-2021.txt, each as the PLOVER gold standard codes it (see the
/// header of `data/cameo/codes.tsv`): ease curfew and ease state of emergency
/// stay with their parent 081 in CONCEDE; sanctions (163) stay in the
/// SANCTION block the file lists them in; destroying property (1712) and
/// using people as human shields (184) are COERCE.
const PLOVER_DEVIATIONS: [(&str, &str); 5] = [
    ("0813", "CONCEDE"),
    ("0814", "CONCEDE"),
    ("163", "SANCTION"),
    ("1712", "COERCE"),
    ("184", "COERCE"),
];

/// `(event, mode, context)` as the table stores them: trimmed, contexts
/// `;`-joined without spaces, empty fields absent.
type Plover = (Option<String>, Option<String>, Option<String>);

/// Parses CAMEO2PLOVER-2021.txt into one entry per code. A root listed
/// twice (08: CONCEDE, then 08: RETREAT) keeps its first type; any other
/// code listed twice must be listed identically.
fn plover_map() -> BTreeMap<String, Plover> {
    let text = read_shared(PLOVER_FILE);
    let mut map = BTreeMap::new();
    for line in text.lines() {
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let body = rest.split('#').next().unwrap_or("");
        let mut fields = body.split(',').map(str::trim);
        let nonempty = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_string);
        let event = nonempty(fields.next());
        let mode = nonempty(fields.next());
        let context = nonempty(fields.next())
            .map(|c| c.split(';').map(str::trim).collect::<Vec<_>>().join(";"));
        assert!(
            fields.next().is_none(),
            "{PLOVER_FILE}: too many fields in {line:?}"
        );
        let entry = (event, mode, context);
        match map.get(code) {
            None => {
                map.insert(code.to_string(), entry);
            }
            Some(first) if code.len() == 2 => {
                assert_ne!(first, &entry, "{PLOVER_FILE}: root {code} repeated");
            }
            Some(first) => assert_eq!(
                first, &entry,
                "{PLOVER_FILE}: {code} listed twice, differently"
            ),
        }
    }
    assert!(
        map.len() > 250,
        "{PLOVER_FILE}: parsed only {} codes",
        map.len()
    );
    map
}

#[test]
fn table_has_every_cameo_code_once_in_order() {
    let rows = all_codes();
    assert_eq!(rows.len(), 311);
    assert_eq!(rows.iter().filter(|e| e.is_root()).count(), 20);
    for pair in rows.windows(2) {
        assert!(
            pair[0].code < pair[1].code,
            "{} before {}",
            pair[0].code,
            pair[1].code
        );
    }
    for e in rows {
        assert!(!e.name.trim().is_empty(), "{} has no name", e.code);
        assert_eq!(e.root, &e.code[..2]);
        let root = event_code(&e.root).unwrap_or_else(|| panic!("{}: root missing", e.code));
        assert!(root.is_root());
        assert!(std::ptr::eq(event_code(&e.code).unwrap(), e));
    }
}

#[test]
fn names_follow_the_codebook() {
    let cases = [
        ("01", "MAKE PUBLIC STATEMENT"),
        ("010", "Make statement, not specified below"),
        ("011", "Decline comment"),
        ("012", "Make pessimistic comment"),
        ("0211", "Appeal for economic cooperation"),
        ("0813", "Ease curfew"),
        ("141", "Demonstrate or rally, not specified below"),
        ("20", "USE UNCONVENTIONAL MASS VIOLENCE"),
        ("2042", "Detonate nuclear weapons"),
    ];
    for (code, name) in cases {
        assert_eq!(event_code(code).unwrap().name, name, "{code}");
    }
}

#[test]
fn goldstein_weights_equal_the_pinned_file() {
    let text = read_shared(GOLDSTEIN_FILE);
    let mut lines = text.lines();
    assert_eq!(
        lines.next().map(str::trim),
        Some("CAMEOEVENTCODE\tGOLDSTEINSCALE")
    );
    let mut pinned = BTreeSet::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let (code, weight) = line.trim().split_once('\t').expect("code<TAB>weight");
        let weight: f32 = weight.parse().expect("numeric weight");
        let e = event_code(code).unwrap_or_else(|| panic!("{GOLDSTEIN_FILE}: {code} not in table"));
        assert_eq!(e.goldstein, weight, "Goldstein weight of {code}");
        pinned.insert(code.to_string());
    }
    let ours: BTreeSet<String> = all_codes().iter().map(|e| e.code.clone()).collect();
    assert_eq!(ours, pinned, "table codes differ from {GOLDSTEIN_FILE}");
    assert!(GOLDSTEIN_SOURCE.contains("mpiccirilli/UNDP-BCPR-Project"));
}

#[test]
fn plover_mapping_equals_cameo2plover_code_by_code() {
    let map = plover_map();
    for (code, (event, mode, context)) in &map {
        if let Some(&(_, parent)) = PLOVER_ONLY_CODES.iter().find(|(c, _)| c == code) {
            assert!(
                event_code(code).is_none(),
                "{code} is not a CAMEO 1.1b3 code"
            );
            assert_eq!(normalize_code(code).unwrap().code, parent);
            continue;
        }
        let e = event_code(code).unwrap_or_else(|| panic!("{PLOVER_FILE}: {code} not in table"));
        match PLOVER_DEVIATIONS.iter().find(|(c, _)| c == code) {
            Some((_, ours)) => {
                assert_ne!(event.as_deref(), Some(*ours), "{code} no longer deviates");
                assert_eq!(e.plover.as_deref(), Some(*ours), "PLOVER event of {code}");
            }
            None => assert_eq!(&e.plover, event, "PLOVER event of {code}"),
        }
        assert_eq!(&e.plover_mode, mode, "PLOVER mode of {code}");
        assert_eq!(&e.plover_context, context, "PLOVER context of {code}");
    }
    // And the other way: every code of roots 03-20 is mapped, 01/02 are not.
    for e in all_codes() {
        if e.root == "01" || e.root == "02" {
            assert_eq!(e.plover, None, "{} should have no PLOVER type", e.code);
        } else {
            assert!(
                map.contains_key(&e.code),
                "{} missing from {PLOVER_FILE}",
                e.code
            );
        }
    }
}

#[test]
fn plover_quirks_are_kept() {
    let event = |c: &str| event_code(c).unwrap().plover.as_deref();
    assert_eq!(
        event("08"),
        Some("CONCEDE"),
        "root takes the first listed type"
    );
    assert_eq!(event("083"), Some("CONCEDE"));
    assert_eq!(event("084"), Some("RETREAT"));
    assert_eq!(
        event("0813"),
        Some("CONCEDE"),
        "listed under RETREAT in 2021, kept with its parent 081 as the GSR codes it"
    );
    assert_eq!(event("0814"), Some("CONCEDE"));
    assert_eq!(
        event("163"),
        Some("SANCTION"),
        "tagged COERCE in its SANCTION block"
    );
    assert_eq!(
        event("1712"),
        Some("COERCE"),
        "tagged ASSAULT in its COERCE block"
    );
    assert_eq!(
        event("184"),
        Some("COERCE"),
        "the gold codes human shields COERCE"
    );
    assert_eq!(event("175"), Some("ASSAULT"));
    assert_eq!(event("191"), Some("COERCE"));
    assert_eq!(event("192"), Some("COERCE"));
    assert_eq!(event("201"), Some("ASSAULT"));
    assert_eq!(event("10"), Some("REQUEST"));
    let e = event_code("091").unwrap();
    assert_eq!(e.plover_mode.as_deref(), Some("investigate"));
    assert_eq!(e.plover_context.as_deref(), Some("crime;corruption"));
}

#[test]
fn every_code_has_a_quad_class_under_every_scheme() {
    for e in all_codes() {
        for scheme in QuadScheme::ALL {
            let q = e.quad_class(scheme);
            let lowest = if scheme == QuadScheme::Gdelt { 1 } else { 0 };
            assert!((lowest..=4).contains(&q), "{} under {scheme}: {q}", e.code);
            assert_eq!(scheme.quad_class(&e.code), Some(q));
            assert!(quad_label(q).is_some());
        }
    }
}

/// Checks a root→class table against every code of each root.
fn assert_root_table(scheme: QuadScheme, table: &[(&str, u8)]) {
    assert_eq!(table.len(), 20);
    for &(root, class) in table {
        for e in all_codes().iter().filter(|e| e.root == root) {
            assert_eq!(
                e.quad_class(scheme),
                class,
                "{scheme}: {} (root {root})",
                e.code
            );
        }
    }
}

#[test]
fn gdelt_scheme_matches_gdelt_data() {
    // Codebook V2.0 labels; 14 (protest) is verbal conflict in GDELT rows.
    #[rustfmt::skip]
    let gdelt = [
        ("01", 1), ("02", 1), ("03", 1), ("04", 1), ("05", 1),
        ("06", 2), ("07", 2), ("08", 2),
        ("09", 3), ("10", 3), ("11", 3), ("12", 3), ("13", 3), ("14", 3),
        ("15", 4), ("16", 4), ("17", 4), ("18", 4), ("19", 4), ("20", 4),
    ];
    assert_root_table(QuadScheme::Gdelt, &gdelt);
    assert_eq!(quad_class("141"), Some(3));
    assert_eq!(quad_class("145"), Some(3));
    assert_eq!(quad_class("150"), Some(4));
    assert_eq!(QuadScheme::default(), QuadScheme::Gdelt);
}

#[test]
fn phoenix_scheme_matches_phoenix_pipeline() {
    #[rustfmt::skip]
    let phoenix = [
        ("01", 0), ("02", 0),
        ("03", 1), ("04", 1), ("05", 1),
        ("06", 2), ("07", 2), ("08", 2),
        ("09", 3), ("10", 3), ("11", 3), ("12", 3), ("13", 3),
        ("14", 4), ("15", 4), ("16", 3),
        ("17", 4), ("18", 4), ("19", 4), ("20", 4),
    ];
    assert_root_table(QuadScheme::Phoenix, &phoenix);
    assert_eq!(QuadScheme::Phoenix.quad_class("16"), Some(3));
    assert_eq!(QuadScheme::Phoenix.quad_class("15"), Some(4));
}

/// Parses a "01–02 → 0, 03–05 → 1, 09–13 and 16 → 3, 14, 15 and 17–20 → 4"
/// description into root → class.
fn parse_root_ranges(text: &str) -> BTreeMap<u8, u8> {
    let segments: Vec<&str> = text.split('→').collect();
    let mut out = BTreeMap::new();
    for i in 0..segments.len() - 1 {
        // Segment i is "<class of group i-1>, <roots of group i>"; the first
        // segment is just roots.
        let roots = match i {
            0 => segments[0],
            _ => segments[i].split_once(',').map_or("", |(_, r)| r),
        };
        let digits: String = segments[i + 1]
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let class: u8 = digits.parse().unwrap();
        for item in roots
            .replace(" and ", ",")
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            let (lo, hi) = item.split_once('–').unwrap_or((item, item));
            for root in lo.trim().parse::<u8>().unwrap()..=hi.trim().parse::<u8>().unwrap() {
                out.insert(root, class);
            }
        }
    }
    out
}

#[test]
fn schemes_agree_with_the_shared_readme() {
    let readme = read_shared(CAMEO_README);
    let phoenix_line = readme
        .lines()
        .find(|l| l.contains("Phoenix") && l.contains('→'))
        .unwrap_or_else(|| panic!("{CAMEO_README}: no Phoenix scheme line"));
    let phoenix = parse_root_ranges(phoenix_line.split_once(':').unwrap().1);
    assert_eq!(phoenix.len(), 20, "{phoenix_line}");
    for (root, class) in phoenix {
        let code = format!("{root:02}");
        assert_eq!(
            QuadScheme::Phoenix.quad_class(&code),
            Some(class),
            "Phoenix root {code}"
        );
    }
    assert!(readme.contains("PLOVER manual places PROTEST in material conflict"));
    assert_eq!(plover_quad_class("PROTEST"), Some(4));
    assert!(readme.contains(
        "1 verbal cooperation, 2 material cooperation, 3 verbal conflict and 4 material conflict"
    ));
    for (class, label) in [
        (1, "verbal cooperation"),
        (2, "material cooperation"),
        (3, "verbal conflict"),
        (4, "material conflict"),
    ] {
        assert_eq!(quad_label(class), Some(label));
    }
}

#[test]
fn plover_scheme_follows_the_manual() {
    let verbal_coop = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE"];
    let material_coop = ["COOPERATE", "AID", "RETREAT"];
    let verbal_conflict = ["REQUEST", "ACCUSE", "REJECT", "THREATEN"];
    let material_conflict = ["PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
    for (class, events) in [
        (1, &verbal_coop[..]),
        (2, &material_coop),
        (3, &verbal_conflict),
        (4, &material_conflict),
    ] {
        for event in events {
            assert_eq!(plover_quad_class(event), Some(class), "{event}");
        }
    }
    // Every PLOVER type the mapping uses has a quad.
    for e in all_codes() {
        if let Some(p) = &e.plover {
            assert!(plover_quad_class(p).is_some(), "{}: {p}", e.code);
        }
    }
    let plover = |c: &str| QuadScheme::Plover.quad_class(c);
    assert_eq!(plover("010"), Some(0), "CAMEO 01 is not coded in PLOVER");
    assert_eq!(plover("0231"), Some(0), "CAMEO 02 is not coded in PLOVER");
    assert_eq!(plover("08"), Some(1));
    assert_eq!(plover("0832"), Some(1));
    assert_eq!(plover("0841"), Some(2));
    assert_eq!(plover("0813"), Some(1), "CONCEDE, verbal cooperation");
    assert_eq!(plover("141"), Some(4));
    assert_eq!(plover("163"), Some(4));
    assert_eq!(plover("1213"), Some(3), "via 121");
}

#[test]
fn normalize_code_is_lenient_but_not_inventive() {
    let norm = |c: &str| normalize_code(c).map(|e| e.code.as_str());
    assert_eq!(norm("010"), Some("010"));
    assert_eq!(norm(" 0231\t"), Some("0231"));
    assert_eq!(norm("0874"), Some("0874"));
    assert_eq!(norm("0875"), Some("087"));
    assert_eq!(norm("1213"), Some("121"));
    assert_eq!(norm("0110"), Some("011"));
    for bad in [
        "", " ", "0", "4", "40", "---", "1a", "01a", "21", "2100", "12345", "-10",
    ] {
        assert_eq!(norm(bad), None, "{bad:?}");
    }
    assert_eq!(event_code(" 010"), None, "exact lookup does not trim");
    assert_eq!(event_code("1213"), None, "exact lookup does not fall back");
    assert_eq!(root_of("0231"), Some("02"));
    assert_eq!(root_of("20"), Some("20"));
    assert_eq!(root_of("99"), None);
    assert_eq!(quad_class("---"), None);
}

#[test]
fn quad_scheme_names_parse_and_cite() {
    for scheme in QuadScheme::ALL {
        assert_eq!(scheme.name().parse::<QuadScheme>(), Ok(scheme));
        assert_eq!(scheme.to_string(), scheme.name());
        assert!(scheme.source().len() > 40, "{scheme}: source too thin");
    }
    assert_eq!(" PLOVER ".parse::<QuadScheme>(), Ok(QuadScheme::Plover));
    let err = "icews".parse::<QuadScheme>().unwrap_err();
    assert!(err.to_string().contains("icews"));
}
