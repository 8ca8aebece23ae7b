//! Tests that read the field's real validation suites in place, from
//! `../shared/validation` (never copied into the project), and dyad's own
//! example gold file. A missing file fails the test, naming the path.

use super::*;

/// Reads a file under `shared/validation`, or panics naming the path.
macro_rules! shared {
    ($rel:literal) => {
        read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/validation/",
            $rel
        ))
    };
}

fn read(path: &str) -> String {
    match std::fs::read_to_string(path) {
        Ok(s) => s,
        Err(e) => panic!(
            "cannot read validation file {path}: {e}. These tests read the shared \
             validation data in place and must not pass without it."
        ),
    }
}

fn record<'a>(s: &'a Suite, id: &str) -> &'a SuiteRecord {
    s.records
        .iter()
        .find(|r| r.id == id)
        .unwrap_or_else(|| panic!("{}: no record {id}", s.name))
}

fn keys(r: &SuiteRecord) -> Vec<String> {
    r.expected.iter().map(|e| e.to_string()).collect()
}

/// Scores the suite against a coder that outputs exactly the expected
/// events, and against one that outputs nothing.
fn self_check(s: &Suite) {
    let perfect: Vec<Vec<CodedEvent>> = s
        .records
        .iter()
        .map(|r| {
            r.expected
                .iter()
                .map(|e| CodedEvent::new(&e.source, &e.target, &e.code))
                .collect()
        })
        .collect();
    let sc = score(s, &perfect);
    assert_eq!(sc.records, s.scored());
    assert_eq!(sc.exact, sc.records, "{}: perfect output must pass", s.name);
    assert_eq!(sc.events.fp + sc.events.fn_, 0);
    assert_eq!(sc.country_root.fp + sc.country_root.fn_, 0);

    let silent = vec![Vec::new(); s.records.len()];
    let sc = score(s, &silent);
    let quiet = s
        .records
        .iter()
        .filter(|r| r.skip_reason.is_none() && r.expected.is_empty())
        .count();
    assert_eq!(
        sc.exact, quiet,
        "{}: silence passes only quiet records",
        s.name
    );
    assert_eq!(sc.events.precision(), None);
}

/// Cuts the file in half and garbles it; the reader must report, not panic.
fn damaged(full: &Suite, content: &str, parse: impl Fn(&str) -> Suite) {
    let mut half = content.len() / 2;
    while !content.is_char_boundary(half) {
        half -= 1;
    }
    let cut = parse(&content[..half]);
    assert!(
        !cut.problems.is_empty(),
        "{}: a file cut in half must report a problem",
        full.name
    );
    assert!(cut.records.len() < full.records.len());
    assert!(cut.records.len() > full.records.len() / 4);

    // Garbling: replace every 211th ASCII character with structure
    // characters of each format.
    for junk in ['<', '{', '"', '}', '/', '\n'] {
        let garbled: String = content
            .char_indices()
            .map(|(i, c)| {
                if i % 211 == 0 && c.is_ascii() {
                    junk
                } else {
                    c
                }
            })
            .collect();
        let g = parse(&garbled);
        assert!(
            g.records.len() <= full.records.len() * 2,
            "{}: garbling with {junk:?} invented records",
            full.name
        );
        assert!(
            !g.problems.is_empty() || !g.warnings.is_empty(),
            "{}: garbling with {junk:?} went unnoticed",
            full.name
        );
    }
}

#[test]
fn petrarch_unit_test_records() {
    let content = shared!("petrarch2/text/PETR.UnitTest.records.xml");
    let s = parse_petrarch_xml("PETR.UnitTest.records.xml", &content);
    assert_eq!(s.format, SuiteFormat::PetrarchXml);
    assert_eq!(s.records.len(), 284);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert_eq!(s.scored(), 278);
    assert_eq!(s.dictionaries.verbs, ["PETR.Validate.verbs.txt"]);
    assert_eq!(s.dictionaries.discards, ["PETR.Validate.discards.txt"]);
    assert_eq!(s.include.len(), 11);
    assert_eq!(s.options[0].name, "stop_on_error");

    let demo = record(&s, "DEMO-01");
    assert_eq!(keys(demo), ["ARN GON 064"]);
    assert_eq!(demo.date, parse_date("19950101"));
    assert_eq!(demo.category, "DEMO");
    assert!(demo
        .text
        .starts_with("Arnor is about to restore full diplomatic ties with Gondor almost five"));
    assert!(demo.note.contains("first light"));

    assert_eq!(
        keys(record(&s, "DEMO-22")),
        ["ERI OSG 223", "\"INJURY TOLL\" OSG 223"]
    );
    let errors: Vec<(&str, &str)> = s
        .records
        .iter()
        .filter(|r| r.expect_error)
        .map(|r| (r.id.as_str(), r.error_kind.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(errors.len(), 7);
    assert!(errors.contains(&("DISCARD-03", "sentencediscard")));
    let fin = record(&s, "FINAL-RECORD");
    assert!(fin.expect_no_events && fin.skip_reason.is_none());
    assert!(
        record(&s, "PATTERN-06").expect_no_events,
        "no EventCoding = noevents"
    );

    // The <Config> between records changes require_dyad from COMPOUND-03 on.
    let c3 = record(&s, "COMPOUND-03");
    let last = c3.options.last().expect("options in effect");
    assert_eq!(
        (last.name.as_str(), last.value.as_str()),
        ("require_dyad", "false")
    );
    assert!(record(&s, "DEMO-01").options.is_empty());

    assert_eq!(
        record(&s, "DEMO-04").skip_reason.as_deref(),
        Some("sentence=\"false\" while <Include> has 'valid'")
    );
    // AGENTS-18 and AGENTS-19 are each used twice (categories AGENT and
    // AGENTS); the second AGENTS-18 is outside <Include>.
    let dups: Vec<&str> = s
        .warnings
        .iter()
        .map(|w| w.record_id.as_deref().unwrap())
        .collect();
    assert_eq!(
        dups,
        ["AGENTS-18", "AGENTS-19", "PATTERN-06"],
        "{:?}",
        s.warnings
    );
    let a18: Vec<&SuiteRecord> = s.records.iter().filter(|r| r.id == "AGENTS-18").collect();
    assert_eq!(a18[0].skip_reason, None);
    assert!(a18[1]
        .skip_reason
        .as_deref()
        .unwrap()
        .contains("category AGENTS not in <Include>"));
    self_check(&s);
    damaged(&s, &content, |c| parse_petrarch_xml("cut", c));
}

#[test]
fn petrarch2_gsr_validation() {
    let content = shared!("universal-petrarch/PETR2_GSR_validation.xml");
    let s = parse_petrarch_xml("PETR2_GSR_validation.xml", &content);
    assert_eq!(s.records.len(), 78);
    assert_eq!(s.scored(), 78);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    // The only warning: the bare-text header quotes "<EventCoding...>".
    assert_eq!(s.warnings.len(), 1, "{:?}", s.warnings);
    assert_eq!(s.warnings[0].line, 14);
    let events: usize = s.records.iter().map(|r| r.expected.len()).sum();
    assert_eq!(events, 80);
    assert_eq!(s.records.iter().filter(|r| r.expect_no_events).count(), 12);
    assert_eq!(s.dictionaries.actors.len(), 3);
    assert_eq!(s.dictionaries.verbs, ["CAMEO.2.0.txt"]);

    let first = &s.records[0];
    assert_eq!(first.id, "AFP0808020625_4");
    assert_eq!(keys(first), ["USA CHN 042"]);
    assert_eq!(first.line, 32);
    assert_eq!(first.date, parse_date("20080804"));
    assert!(first.text.ends_with("keep politics out of the Games."));
    assert_eq!(keys(&s.records[1]), ["BRA USA 031", "USA BRA 031"]);
    // Not self-closed, and commented: still one record.
    let r = record(&s, "AFP0808020840_1");
    assert!(r.expect_no_events && r.note.contains("1994"));
    self_check(&s);
    damaged(&s, &content, |c| parse_petrarch_xml("cut", c));
}

#[test]
fn ud_petrarch_validate_records_2_02() {
    let content = shared!("universal-petrarch/PETR_Validate_records_2_02.xml");
    assert_eq!(
        content.matches("<Sentence ").count(),
        275,
        "one is in the header comment"
    );
    let s = parse_petrarch_xml("PETR_Validate_records_2_02.xml", &content);
    assert_eq!(s.records.len(), 274);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert_eq!(s.scored(), 245);
    // Warnings: "<PLEvent..." in header text (a "-->" inside the header
    // comment ends it early) and DEMO-32, used twice.
    let warned: Vec<(usize, Option<&str>)> = s
        .warnings
        .iter()
        .map(|w| (w.line, w.record_id.as_deref()))
        .collect();
    assert_eq!(
        warned,
        [(27, None), (1131, Some("DEMO-32"))],
        "{:?}",
        s.warnings
    );
    let reasons = |needle: &str| {
        s.records
            .iter()
            .filter(|r| r.skip_reason.as_deref().is_some_and(|x| x.contains(needle)))
            .count()
    };
    assert_eq!(reasons("evaluate=\"false\""), 10);
    assert_eq!(reasons("category PARSING not in"), 12);
    assert_eq!(reasons("category ERROR not in"), 7);
    assert_eq!(reasons("category AGENTS not in"), 2);
    // The 2_02 dictionaries code the first-light record as 050, not 064.
    assert_eq!(keys(record(&s, "DEMO-01")), ["ARN GON 050"]);
    assert_eq!(s.dictionaries.agents, ["PETR_Validate_agents_2_02.txt"]);
    self_check(&s);
    damaged(&s, &content, |c| parse_petrarch_xml("cut", c));
}

#[test]
fn tabari_validate_text() {
    let content = shared!("tabari/Validate.text");
    let project = shared!("tabari/Validate.project");
    let s = parse_tabari("Validate.text", &content, Some(&project));
    assert_eq!(s.format, SuiteFormat::Tabari);
    // 475 headers have a YYMMDD date; six more have YYYYMMDD (the YYYY
    // tests) or malformed dates (9501201, 186010029).
    assert_eq!(s.records.len(), 481);
    assert_eq!(s.scored(), 443);
    assert_eq!(s.dictionaries.actors, ["TABARI.Demo.actors"]);
    assert_eq!(s.dictionaries.verbs, ["TABARI.Demo.verbs"]);
    assert_eq!(s.dictionaries.agents, ["Validate.agents"]);
    assert_eq!(s.dictionaries.options, ["Validate.options"]);

    // DEBUG-11 expects both {+++} and an event ("turn off complex filter to
    // get this to code"): the file's one contradiction in the scored range.
    assert_eq!(s.problems.len(), 1, "{:?}", s.problems);
    assert_eq!(s.problems[0].record_id.as_deref(), Some("DEBUG-11"));

    let demo = record(&s, "DEMO-01");
    assert_eq!(keys(demo), ["ARN GON 064"]);
    assert_eq!(demo.date, parse_date("950101"));
    assert_eq!(demo.line, 36);
    let d4 = record(&s, "DEMO-04");
    assert_eq!(keys(d4), ["DAG GON 032", "GON DAG 033"]);
    assert_eq!(d4.expected[1].date, parse_date("950103"));
    assert!(record(&s, "START-00").expect_error);
    assert_eq!(
        record(&s, "DISCARD-1").error_kind.as_deref(),
        Some("discard")
    );
    assert!(record(&s, "VERBEND-01c").expect_no_events);
    assert_eq!(
        record(&s, "DEMO-05").skip_reason.as_deref(),
        Some("all expectations deactivated with -{...}")
    );
    assert_eq!(keys(record(&s, "COMPOUND-07")).len(), 7);
    assert_eq!(record(&s, "COMPOUND-07").optional.len(), 1);
    assert_eq!(
        keys(record(&s, "AGENTS-11")),
        ["USAGOV GON 064", "USAGOV ARN 064"]
    );
    assert_eq!(record(&s, "YYYY-02").date, parse_date("19140724"));
    let tilde = s
        .records
        .iter()
        .flat_map(|r| &r.expected)
        .filter(|e| e.source == "---LEG");
    assert_eq!(tilde.count(), 2, "~LEG becomes ---LEG");

    let fin = record(&s, "FINAL-01");
    assert_eq!(fin.skip_reason.as_deref(), Some("end-of-suite record"));
    let after: Vec<&SuiteRecord> = s
        .records
        .iter()
        .skip_while(|r| r.id != "FINAL-01")
        .skip(1)
        .collect();
    assert_eq!(after.len(), 8);
    assert!(after.iter().all(|r| r
        .skip_reason
        .as_deref()
        .unwrap()
        .contains("after the end record FINAL-01")));

    let min2 = record(&s, "MINWRD-02");
    let last = min2.options.last().unwrap();
    assert_eq!(
        (last.name.as_str(), last.value.as_str()),
        ("SET", "MINIMUM WORDS = 4")
    );

    self_check(&s);
    damaged(&s, &content, |c| parse_tabari("cut", c, None));
}

#[test]
fn tabari_options_file() {
    let opts = parse_tabari_options(&shared!("tabari/Validate.options"));
    assert_eq!(opts[0].name, "COMPLEX");
    assert_eq!(opts[0].value, "VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN");
    assert!(opts
        .iter()
        .any(|o| o.name == "LABEL" && o.value == "ARN=Arnor"));
    assert!(opts.iter().all(|o| !o.name.starts_with("//")));
}

#[test]
fn plover_gsr() {
    let content = shared!("plover/PLOVER_GSR_CAMEO.txt");
    assert_eq!(
        detect_format("PLOVER_GSR_CAMEO.txt", &content),
        Some(SuiteFormat::PloverGsr)
    );
    let s = parse_plover_gsr("PLOVER_GSR_CAMEO.txt", &content);
    assert_eq!(s.records.len(), 323);
    assert_eq!(s.scored(), 322);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert_eq!(s.warnings.len(), 3, "{:?}", s.warnings);
    assert!(s.records[0]
        .skip_reason
        .as_deref()
        .unwrap()
        .starts_with("DOCUMENT"));
    let events: usize = s.records.iter().map(|r| r.expected.len()).sum();
    assert_eq!(events, 356);

    let a1 = record(&s, "PLOVER-GSR01-AGREE-0001");
    assert_eq!(
        keys(a1),
        ["HUN ROU AGREE", "ROU HUN AGREE"],
        "SRC/TAR is reciprocal"
    );
    assert_eq!(a1.category, "AGREE");
    assert_eq!(a1.line, 14);
    assert_eq!(
        keys(record(&s, "PLOVER-GSR01-AGREE-0002")),
        ["IGO JAP AGREE"]
    );
    assert_eq!(keys(record(&s, "PLOVER-GSR01-AGREE-0028")).len(), 5);
    assert_eq!(
        keys(record(&s, "PLOVER-GSR01-ASSAULT-0009")),
        ["--- IRQ ASSAULT"]
    );
    self_check(&s);
    damaged(&s, &content, |c| parse_plover_gsr("cut", c));
}

#[test]
fn every_real_suite_is_detected() {
    let cases = [
        (
            shared!("petrarch2/text/PETR.UnitTest.records.xml"),
            SuiteFormat::PetrarchXml,
        ),
        (
            shared!("universal-petrarch/PETR2_GSR_validation.xml"),
            SuiteFormat::PetrarchXml,
        ),
        (shared!("tabari/Validate.text"), SuiteFormat::Tabari),
        (
            shared!("plover/PLOVER_GSR_CAMEO.txt"),
            SuiteFormat::PloverGsr,
        ),
    ];
    for (content, format) in cases {
        assert_eq!(detect_format("suite", &content), Some(format));
    }
    // Plain PETRARCH input: records, but nothing to score.
    let giga = shared!("petrarch2/text/GigaWord.sample.PETR.xml");
    let s = parse_suite("GigaWord.sample.PETR.xml", &giga).unwrap();
    assert_eq!((s.records.len(), s.scored()), (76, 0));
}

#[test]
fn motivating_gold_file() {
    const GOLD: &str = include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/gold/motivating.toml"
    ));
    assert_eq!(
        detect_format("motivating.toml", GOLD),
        Some(SuiteFormat::DyadGold)
    );
    let s = parse_dyad_gold("motivating.toml", GOLD);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert!(s.warnings.is_empty(), "{:?}", s.warnings);
    assert_eq!(s.records.len(), 16);
    assert_eq!(s.scored(), 16);
    let msc = record(&s, "aze-isr-msc-meeting");
    assert_eq!(keys(msc), ["AZEGOV ISRGOV 044", "ISRGOV AZEGOV 044"]);
    assert_eq!(msc.date, parse_date("2024-02-17"));
    assert_eq!(
        keys(record(&s, "aze-kaz-isr-oil")),
        ["AZE ISR 061", "KAZ ISR 061"]
    );
    assert_eq!(keys(record(&s, "aze-oic-palestine")), ["AZE PSE 051"]);
    assert_eq!(keys(record(&s, "tur-socar-protest")), ["TURCVL AZEBUS 141"]);
    let negations: Vec<&SuiteRecord> = s
        .records
        .iter()
        .filter(|r| r.category == "negation")
        .collect();
    assert_eq!(negations.len(), 3);
    assert!(negations
        .iter()
        .all(|r| r.expect_no_events && !r.forbidden.is_empty()));
    self_check(&s);

    // A coder that ignores negation produces the forbidden events: exactly
    // the negation records fail, and each failure names the forbidden event.
    let careless: Vec<Vec<CodedEvent>> = s
        .records
        .iter()
        .map(|r| {
            let mut out: Vec<CodedEvent> = r
                .expected
                .iter()
                .map(|e| CodedEvent::new(&e.source, &e.target, &e.code))
                .collect();
            if r.category == "negation" {
                let f = &r.forbidden[0];
                out.push(CodedEvent::new(&f.source, &f.target, &f.code));
            }
            out
        })
        .collect();
    let sc = score(&s, &careless);
    assert_eq!(sc.exact, 13);
    assert_eq!(sc.forbidden, 3);
    let failed: Vec<&str> = sc.failures.iter().map(|f| f.id.as_str()).collect();
    assert_eq!(
        failed,
        [
            "aze-no-mass-protests",
            "aliyev-no-condemnation",
            "aze-kept-ties"
        ]
    );
    let report = sc.render_failures(&s, &careless);
    assert!(report.contains("FAIL aliyev-no-condemnation [negation]"));
    assert!(report.contains("FORBIDDEN: AZEGOV ISR 111"));
    let j = sc.to_json("motivating.toml");
    assert_eq!(j["exact"], 13);
    assert_eq!(j["categories"].as_array().unwrap().len(), 9);
}
