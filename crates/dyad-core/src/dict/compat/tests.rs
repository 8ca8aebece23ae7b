//! Loads the real PETRARCH and TABARI dictionaries from `/work/shared` in
//! place. Every error a file produces is listed here by line and was checked
//! by hand to be a genuinely malformed line of that file.

use std::time::Instant;

use chrono::NaiveDate;

use super::*;
use crate::dict::matcher::Candidates;
use crate::dict::verbs::VerbDictionary;
use crate::dict::{ActorDictionary, DictError};
use crate::text::{tokenize, Span, TokenBuf};

const VALIDATION: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/validation/");

/// Reads a validation file in place; panics naming the path if it is missing.
fn read_shared(rel: &str) -> (String, String) {
    let path = format!("{VALIDATION}{rel}");
    let bytes =
        std::fs::read(&path).unwrap_or_else(|e| panic!("missing validation file {path}: {e}"));
    let name = rel.rsplit('/').next().unwrap_or(rel).to_string();
    (name, decode(&bytes).into_owned())
}

fn show(errors: &[DictError]) -> String {
    errors.iter().map(|e| format!("\n  {e}")).collect()
}

/// Asserts that `errors` are exactly the listed lines, each with a message
/// containing the given fragment.
fn assert_errors(errors: &[DictError], want: &[(usize, &str)]) {
    let got: Vec<usize> = errors.iter().map(|e| e.line).collect();
    let lines: Vec<usize> = want.iter().map(|w| w.0).collect();
    assert_eq!(got, lines, "errors:{}", show(errors));
    for (e, (_, frag)) in errors.iter().zip(want) {
        assert!(e.message.contains(frag), "{e} lacks {frag:?}");
    }
}

fn day(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn load_actor_dict(rel: &str) -> (ActorDictionary, Vec<DictError>) {
    let (name, content) = read_shared(rel);
    let mut b = ActorDictionaryBuilder::new();
    let dialect = Dialect::detect(&name, &content);
    load_actors(&mut b, &name, &content, dialect);
    let errors = b.errors().to_vec();
    (b.build(), errors)
}

/// Codes on `date` of the actor phrases found in `text`.
fn actor_codes(d: &ActorDictionary, text: &str, date: &str) -> Vec<String> {
    let mut t = TokenBuf::new();
    tokenize(text, Span::new(0, text.len()), &mut t);
    let mut c = Candidates::default();
    c.fill(d.actors.vocab(), &t);
    let mut out = Vec::new();
    d.actors.find_all(&c, &mut out);
    out.iter()
        .filter_map(|m| d.actors.values(m.node).first())
        .map(|v| d.entity(v.entity).code_at(day(date)))
        .collect()
}

#[test]
fn phoenix_countries_actors() {
    let (d, errors) = load_actor_dict("petrarch2/dictionaries/Phoenix.Countries.actors.txt");
    assert_errors(
        &errors,
        &[
            (2039, "bad date \"9008223\""),
            (14190, "ends before it starts"),
            (18010, "bad date \"201005011\""),
            (22508, "bad date \"1920030320\""),
            (22519, "bad date \"1920030320\""),
            (31715, "needs `<date`"),
            (43613, "bad date \"1920050709\""),
            (51384, "needs `<date`"),
        ],
    );
    assert_eq!(d.entities.len(), 18352);
    assert!(
        d.actors.phrase_count() > 25_000,
        "{}",
        d.actors.phrase_count()
    );
    // Sisi: EGYGOVMIL 120812-140326, EGYGOV >140608, default EGYELI.
    let sisi = "Abdel Fattah el-Sisi said";
    assert_eq!(actor_codes(&d, sisi, "2013-06-01"), ["EGYGOVMIL"]);
    assert_eq!(actor_codes(&d, sisi, "2015-06-01"), ["EGYGOV"]);
    assert_eq!(actor_codes(&d, sisi, "2014-05-01"), ["EGYELI"]);
    assert_eq!(actor_codes(&d, "El Sisi said", "2010-01-01"), ["EGYMIL"]);
    // Zagreb: YUGHRV <910625 ... HRV >920115 (first of two definitions).
    assert_eq!(actor_codes(&d, "Zagreb said", "1990-06-01"), ["YUGHRV"]);
    assert_eq!(actor_codes(&d, "Zagreb said", "1995-06-01"), ["HRV"]);
    assert_eq!(actor_codes(&d, "Zagreb said", "1991-11-01"), ["HRVUNR"]);
    // `US_` is marked as hard in the file: only the capitals match.
    assert_eq!(actor_codes(&d, "the US said", "2015-01-01"), ["USA"]);
    assert!(actor_codes(&d, "they told us", "2015-01-01").is_empty());
}

#[test]
fn phoenix_international_and_milnonstate_actors() {
    let (d, errors) = load_actor_dict("petrarch2/dictionaries/Phoenix.International.actors.txt");
    // 3694 is a stray "Source: MNC.MLH.actors" header; 3696, 3726 and 6605
    // carry uncommented spreadsheet cells after a good code, which is kept.
    assert_errors(
        &errors,
        &[
            (40, "bad date \"2004017\""),
            (266, "\"JOHN_J MCCLOY_\" has no code"),
            (3694, "has no code"),
            (3696, "unexpected text"),
            (3726, "unexpected text"),
            (6605, "unexpected text"),
        ],
    );
    assert_eq!(d.entities.len(), 7838);
    assert_eq!(
        actor_codes(&d, "A.H. Belo Corporation said", "2015-01-01"),
        ["MNCMED"]
    );
    let (d, errors) = load_actor_dict("petrarch2/dictionaries/Phoenix.MilNonState.actors.txt");
    assert_errors(&errors, &[]);
    assert_eq!(d.entities.len(), 1021);
}

#[test]
fn validation_suite_actors() {
    for rel in [
        "petrarch2/dictionaries/PETR.Validate.actors.txt",
        "universal-petrarch/PETR_Validate_actors_2_02.txt",
    ] {
        let (d, errors) = load_actor_dict(rel);
        assert_errors(&errors, &[]);
        assert!(d.entities.len() >= 128, "{rel}: {}", d.entities.len());
        // PETRARCH's DATE records: "<" at boundary, embedded interval, default.
        assert_eq!(actor_codes(&d, "Sam Gamgee met", "2008-01-19"), ["HOBCIV"]);
        assert_eq!(actor_codes(&d, "Sam Gamgee met", "2010-01-12"), ["ORCHOB"]);
        assert_eq!(actor_codes(&d, "Sam Gamgee met", "2010-01-13"), ["HOBMIL"]);
        assert_eq!(actor_codes(&d, "Hamfast Gamgee met", "2014-01-04"), ["HOB"]);
        assert_eq!(
            actor_codes(&d, "Palestinian leaders", "2014-01-04"),
            ["PSE"]
        );
    }
    let (d, errors) = load_actor_dict("tabari/TABARI.Demo.actors");
    assert_errors(&errors, &[]);
    assert_eq!(d.entities.len(), 120);
    // Stems and terminators: ARGENTIN matches "Argentine"; MOUSE= does not
    // take an S (TABARI's NOUNEND-14a).
    assert_eq!(actor_codes(&d, "Argentine troops", "2000-01-01"), ["ARG"]);
    assert_eq!(
        actor_codes(&d, "Mouse will ban Libya", "1995-01-01"),
        ["MUS", "LBY"]
    );
    assert_eq!(
        actor_codes(&d, "Mouses will ban Libya", "1995-01-01"),
        ["LBY"]
    );
    // AXNOR [AR1 <911226] [AR2]: codes on the phrase line.
    assert_eq!(actor_codes(&d, "Axnor said", "1991-12-25"), ["AR1"]);
    assert_eq!(actor_codes(&d, "Axnor said", "1991-12-26"), ["AR2"]);
}

fn load_sectors(rel: &str) -> (ActorDictionary, Vec<DictError>) {
    let (name, content) = read_shared(rel);
    let mut b = ActorDictionaryBuilder::new();
    load_agents(&mut b, &name, &content, Dialect::detect(&name, &content));
    let errors = b.errors().to_vec();
    (b.build(), errors)
}

fn sector_codes(d: &ActorDictionary, text: &str) -> Vec<String> {
    let mut t = TokenBuf::new();
    tokenize(text, Span::new(0, text.len()), &mut t);
    let mut c = Candidates::default();
    c.fill(d.sectors.vocab(), &t);
    let mut out = Vec::new();
    d.sectors.find_all(&c, &mut out);
    out.iter()
        .map(|m| d.sectors.values(m.node)[0].code.clone())
        .collect()
}

#[test]
fn agent_files() {
    let (d, errors) = load_sectors("petrarch2/dictionaries/Phoenix.agents.txt");
    assert_errors(
        &errors,
        &[(544, "missing `]`"), (1927, "expected one `[~CODE]`")],
    );
    assert!(
        d.sectors.phrase_count() > 5000,
        "{}",
        d.sectors.phrase_count()
    );
    assert_eq!(sector_codes(&d, "cattlemen and farmers"), ["AGR", "AGR"]);
    assert_eq!(sector_codes(&d, "the chambers of commerce"), ["BUS"]);
    assert_eq!(sector_codes(&d, "the interior ministries"), ["GOV"]);
    for rel in [
        "petrarch2/dictionaries/PETR.Validate.agents.txt",
        "universal-petrarch/PETR_Validate_agents_2_02.txt",
    ] {
        let (d, errors) = load_sectors(rel);
        assert_errors(&errors, &[]);
        assert_eq!(d.sectors.phrase_count(), 165, "{rel}");
        assert_eq!(sector_codes(&d, "golden geese"), ["GGS"]);
        assert_eq!(sector_codes(&d, "congresswomen"), ["LEG"]);
        assert_eq!(sector_codes(&d, "ministries of silly walks"), ["GOV"]);
    }
    let (d, errors) = load_sectors("tabari/Validate.agents");
    assert_errors(&errors, &[]);
    // 86 phrases, 85 of them ending in a whole word with a generated plural.
    assert_eq!(d.sectors.phrase_count(), 171);
    assert_eq!(sector_codes(&d, "the police"), ["COP"]);
    assert_eq!(sector_codes(&d, "security forces"), ["MIL"]);
}

fn load_discard_dict(rel: &str) -> (ActorDictionary, Vec<DictError>) {
    let (name, content) = read_shared(rel);
    let mut b = ActorDictionaryBuilder::new();
    load_discards(&mut b, &name, &content, Dialect::detect(&name, &content));
    let errors = b.errors().to_vec();
    (b.build(), errors)
}

#[test]
fn discard_files() {
    let (d, errors) = load_discard_dict("petrarch2/dictionaries/Phoenix.discards.txt");
    assert_errors(&errors, &[]);
    assert_eq!(d.discards.phrase_count(), 505);
    let (d, errors) = load_discard_dict("petrarch2/dictionaries/PETR.Validate.discards.txt");
    assert_errors(&errors, &[]);
    assert_eq!(d.discards.phrase_count(), 9);
    let mut t = TokenBuf::new();
    let s = "They watched Manchester United play.";
    tokenize(s, Span::new(0, s.len()), &mut t);
    let mut c = Candidates::default();
    c.fill(d.discards.vocab(), &t);
    let mut out = Vec::new();
    d.discards.find_all(&c, &mut out);
    assert_eq!(out.len(), 1);
    assert!(d.discards.values(out[0].node)[0].story);
    // tabari/discards.txt is not a discard list at all but a tab-separated
    // table of massacre records: every one of its lines is rejected.
    let (d, errors) = load_discard_dict("tabari/discards.txt");
    assert_eq!(errors.len(), 273, "{}", show(&errors[..5]));
    assert!(errors.iter().all(|e| e.message.contains("tab-separated")));
    assert_eq!(d.discards.phrase_count(), 0);
}

/// Builds a verb dictionary with dyad's irregular-verb table loaded first.
fn verb_dict(rel: &str) -> (VerbDictionary, Vec<DictError>, VerbFileExtras) {
    let (name, content) = read_shared(rel);
    let mut b = VerbDictionaryBuilder::new();
    let (irr_name, irr) = crate::dict::builtin::IRREGULAR;
    b.load_irregular(irr_name, irr);
    assert!(b.errors().is_empty(), "{}", show(b.errors()));
    let mut extras = VerbFileExtras::default();
    if is_petrarch_verbs(&content) {
        extras.transformations = load_petrarch_verbs(&mut b, &name, &content);
    } else {
        extras.time_shifts = load_tabari_verbs(&mut b, &name, &content);
    }
    let errors = b.errors().to_vec();
    (b.build(), errors, extras)
}

/// (code, matched words) of each verb match in `s`.
fn run(d: &VerbDictionary, s: &str) -> Vec<(String, String)> {
    let mut t = TokenBuf::new();
    tokenize(s, Span::new(0, s.len()), &mut t);
    let mut c = Candidates::default();
    c.fill(d.vocab(), &t);
    let mut out = Vec::new();
    d.find_all(&c, &mut out);
    out.iter()
        .map(|m| {
            let words: Vec<&str> = (m.start..m.end).map(|i| t.norm(i)).collect();
            (d.pattern(m.pattern).code.clone(), words.join(" "))
        })
        .collect()
}

fn has(d: &VerbDictionary, s: &str, code: &str, words: &str) {
    let got = run(d, s);
    assert!(
        got.iter().any(|(c, w)| c == code && w == words),
        "{s:?}: want {code} on {words:?}, got {got:?}"
    );
}

#[test]
fn tabari_demo_verbs() {
    let (d, errors, extras) = verb_dict("tabari/TABARI.Demo.verbs");
    assert_errors(&errors, &[]);
    assert!(d.patterns.len() > 700, "{}", d.patterns.len());
    // TABARI's own validation records (CONNECT-xx) for these patterns.
    has(
        &d,
        "Gollum abandoned efforts to stop a parade",
        "987",
        "abandoned efforts",
    );
    has(
        &d,
        "Gollum noted he would now boycott a parade",
        "174",
        "noted he would now boycott",
    );
    has(
        &d,
        "Gollum noted would now boycott a parade",
        "173",
        "noted would now boycott",
    );
    has(
        &d,
        "Gollum allowed that Mordor isn't a really pleasant place",
        "024",
        "allowed that mordor is n't a really pleasant",
    );
    has(
        &d,
        "Gollum allowed that Mordor isn't a real easy or pleasant place",
        "060",
        "allowed",
    );
    has(
        &d,
        "Gollum allowed that Mordor isn't the neatest place",
        "027",
        "allowed that mordor is n't the neatest place",
    );
    // Synsets and alternatives.
    has(
        &d,
        "Gollum abandoned new military relations",
        "903",
        "abandoned new military relations",
    );
    has(
        &d,
        "Gondor asked for a total boycott",
        "172",
        "asked for a total boycott",
    );
    // `BAN=` takes no endings (VERBEND-05, -05a).
    has(&d, "Mouse will ban Libya", "191", "ban");
    assert!(run(&d, "Mouse is baning Libya").is_empty());
    // [forward:reverse]: paired events
    let admit = d
        .patterns
        .iter()
        .find(|p| p.text.starts_with("ADMIT"))
        .unwrap();
    assert_eq!(
        (admit.code.as_str(), admit.paired_code.as_deref()),
        ("013", Some("012"))
    );
    // <TIME>
    let ts = &extras.time_shifts;
    assert_eq!(ts.len(), 10);
    let week = ts.iter().find(|t| t.text.starts_with("LAST_WEEK")).unwrap();
    assert_eq!(week.shift.days, Some(-7));
    let tomorrow = ts.iter().find(|t| t.text.starts_with("TOMORROW")).unwrap();
    assert_eq!(tomorrow.patterns.len(), 2);
    assert_eq!(tomorrow.patterns[1].shift.days, Some(8));
    let never = ts.iter().find(|t| t.text.starts_with("ONCE_UPON")).unwrap();
    assert_eq!((never.shift.code.as_str(), never.shift.days), ("###", None));
}

#[test]
fn tabari_cameo_master_verbs() {
    let (d, errors, _) = verb_dict("tabari/CAMEO.091003.master.verbs");
    // Mismatched brackets (`{ ... ]`, a stray `}`) and two `*` in a pattern.
    assert_errors(
        &errors,
        &[
            (7990, "missing `}`"),
            (10190, "more than one `*`"),
            (13706, "unexpected `}`"),
            (14146, "missing `}`"),
            (14916, "missing `}`"),
            (14917, "missing `}`"),
            (14918, "missing `}`"),
            (14919, "missing `}`"),
            (14920, "missing `}`"),
            (14921, "missing `}`"),
            (14922, "missing `}`"),
            (14924, "missing `}`"),
            (16330, "more than one `*`"),
        ],
    );
    assert!(d.patterns.len() > 16_000, "{}", d.patterns.len());
    has(
        &d,
        "The rebels abandoned their stronghold",
        "0874",
        "abandoned their stronghold",
    );
    has(
        &d,
        "Iran accepted an invitation from Russia",
        "036",
        "accepted an invitation",
    );
    has(
        &d,
        "Two dissidents have been executed by the regime",
        "186",
        "have been executed",
    );
    // The stem's participle is known to be one, for passive detection.
    let mut t = TokenBuf::new();
    let s = "Two dissidents have been executed by the regime";
    tokenize(s, Span::new(0, s.len()), &mut t);
    let mut c = Candidates::default();
    c.fill(d.vocab(), &t);
    let mut out = Vec::new();
    d.find_all(&c, &mut out);
    let executed = out.iter().find(|m| t.norm(m.anchor) == "executed").unwrap();
    assert_eq!(
        executed.form,
        crate::dict::inflect::VerbForm::PastOrParticiple
    );
}

#[test]
fn petrarch2_cameo_verbs() {
    let (d, errors, extras) = verb_dict("petrarch2/dictionaries/CAMEO.2.0.txt");
    assert_errors(
        &errors,
        &[
            (2374, "unexpected `)`"),
            (7606, "unexpected `)`"),
            (8443, "undefined synset &WEATHER"),
            (8444, "undefined synset &DEMONSTRATION"),
        ],
    );
    assert!(d.patterns.len() > 12_000, "{}", d.patterns.len());
    assert_eq!(extras.transformations.len(), 8);
    has(&d, "The EU rushed aid", "070", "rushed aid");
    // Equal literal length: the earlier pattern, `- * (TO) [042:043]`, wins.
    has(&d, "The EU rushed aid to Haiti", "042", "rushed aid to");
    has(
        &d,
        "Turkey rushed troops to the border",
        "154",
        "rushed troops to the border",
    );
    has(&d, "They sped aid", "070", "sped aid");
    has(
        &d,
        "Kiev requested dollars from the IMF",
        "0231",
        "requested dollars",
    );
    has(
        &d,
        "Kabul asked for financial aid",
        "0231",
        "asked for financial aid",
    );
    // Bare verbs code with their own or their block's code.
    has(&d, "Iran asked for talks", "020", "asked for");
    // `[:071]`: only the passive codes.
    let recv = d
        .patterns
        .iter()
        .find(|p| p.text.contains("&CURRENCY") && p.text.contains("[:071]"))
        .unwrap();
    assert_eq!(
        (recv.code.as_str(), recv.paired_code.as_deref()),
        ("---", Some("071"))
    );
    assert!(is_null_code(&recv.code));
}

#[test]
fn petrarch_validation_verbs() {
    let (d, errors, _) = verb_dict("petrarch2/dictionaries/PETR.Validate.verbs.txt");
    assert_errors(&errors, &[(447, "more than one code, first kept")]);
    assert!(d.patterns.len() > 700, "{}", d.patterns.len());
    has(
        &d,
        "Gollum abandoned new economic relations",
        "903",
        "abandoned new economic relations",
    );
    has(
        &d,
        "Gollum allowed a really pleasant visit",
        "024",
        "allowed a really pleasant",
    );
    has(&d, "Gollum delayed the talks", "120", "delayed");
    // Synset inside a synset (&ACCORDSYN holds &TIETYPES).
    has(
        &d,
        "Gondor inching military accord",
        "083",
        "inching military accord",
    );
    let (d, errors, _) = verb_dict("universal-petrarch/PETR_Validate_verbs_2_02.txt");
    // The file uses four synsets it never defines (line 463, a pattern that
    // lost its leading `-`, is read as a pattern).
    assert_errors(
        &errors,
        &[
            (390, "undefined synset &DEFENSE"),
            (400, "undefined synset &PKO"),
            (402, "undefined synset &PKO"),
            (425, "undefined synset &REFUGEE"),
            (808, "undefined synset &SECURITY"),
        ],
    );
    has(
        &d,
        "Gollum will bargain for asylum in Gondor",
        "1032",
        "bargain for asylum",
    );
}

#[test]
fn file_wrappers_detect_the_format() {
    let path = |rel: &str| std::path::PathBuf::from(format!("{VALIDATION}{rel}"));
    let mut b = ActorDictionaryBuilder::new();
    let d = load_actor_file(&mut b, &path("tabari/TABARI.Demo.actors")).unwrap();
    assert_eq!(d, Dialect::Tabari);
    let d = load_actor_file(
        &mut b,
        &path("petrarch2/dictionaries/PETR.Validate.actors.txt"),
    )
    .unwrap();
    assert_eq!(d, Dialect::Petrarch);
    let d = load_agent_file(&mut b, &path("tabari/Validate.agents")).unwrap();
    assert_eq!(d, Dialect::Tabari);
    let d = load_discard_file(
        &mut b,
        &path("petrarch2/dictionaries/PETR.Validate.discards.txt"),
    )
    .unwrap();
    assert_eq!(d, Dialect::Petrarch);
    assert!(b.errors().is_empty(), "{}", show(b.errors()));
    let mut v = VerbDictionaryBuilder::new();
    let x = load_verb_file(&mut v, &path("tabari/TABARI.Demo.verbs")).unwrap();
    assert_eq!((x.time_shifts.len(), x.transformations.len()), (10, 0));
    let x = load_verb_file(&mut v, &path("petrarch2/dictionaries/CAMEO.2.0.txt")).unwrap();
    assert_eq!((x.time_shifts.len(), x.transformations.len()), (0, 8));
    assert!(load_actor_file(&mut b, &path("no/such.actors")).is_err());
}

/// Loads every Phoenix actor and agent file into one dictionary and reports
/// the time. Run with `cargo test --release -p dyad-core -- --ignored
/// phoenix_load_time --nocapture`.
#[test]
#[ignore]
fn phoenix_load_time() {
    let files: Vec<(String, String)> = [
        "petrarch2/dictionaries/Phoenix.Countries.actors.txt",
        "petrarch2/dictionaries/Phoenix.International.actors.txt",
        "petrarch2/dictionaries/Phoenix.MilNonState.actors.txt",
        "petrarch2/dictionaries/Phoenix.agents.txt",
    ]
    .iter()
    .map(|r| read_shared(r))
    .collect();
    let bytes: usize = files.iter().map(|f| f.1.len()).sum();
    let start = Instant::now();
    let mut b = ActorDictionaryBuilder::new();
    for (name, content) in &files[..3] {
        load_petrarch_actors(&mut b, name, content);
    }
    load_petrarch_agents(&mut b, &files[3].0, &files[3].1);
    let errors = b.errors().len();
    let d = b.build();
    let ms = start.elapsed().as_secs_f64() * 1e3;
    eprintln!(
        "Phoenix actors+agents: {bytes} bytes in {ms:.1} ms ({:.1} MB/s): {} entities, {} actor phrases, {} sector phrases, {errors} errors",
        bytes as f64 / ms / 1e3,
        d.entities.len(),
        d.actors.phrase_count(),
        d.sectors.phrase_count(),
    );
    assert_eq!(d.entities.len(), 18352 + 7838 + 1021);
    assert_eq!(errors, 8 + 6 + 2);
    if !cfg!(debug_assertions) {
        assert!(ms <= 300.0, "{ms:.1} ms");
    }
}

#[test]
fn dialects_codes_and_encodings() {
    assert_eq!(Dialect::detect("x.actors", ""), Dialect::Tabari);
    assert_eq!(
        Dialect::detect("x.txt", "A [B] ;jw\nC [D] ; x\n"),
        Dialect::Tabari
    );
    assert_eq!(
        Dialect::detect("x.txt", "# head\nA [B] # jw\n"),
        Dialect::Petrarch
    );
    assert_eq!(
        Dialect::detect("x.txt", "A\n~~FINISH 15:23\n"),
        Dialect::Tabari
    );
    assert!(is_null_code("---") && !is_null_code("010") && !is_null_code("###"));
    assert_eq!(decode(b"C\xf4te"), "Côte");
    assert_eq!(decode("Côte".as_bytes()), "Côte");
    assert!(is_petrarch_verbs("x\n---  GRANT   [070]  ---\n"));
    assert!(!is_petrarch_verbs("GRANT [070]\n- * AID [071]\n"));
}

/// TABARI and PETRARCH try a verb's patterns before its own code, so a
/// pattern with no more literal words than the verb ("- $ * [095]" under
/// "CALLED_ON [094]") still wins over the bare verb.
#[test]
fn patterns_beat_the_verbs_own_code() {
    let load = |petrarch: bool, src: &str| {
        let mut b = VerbDictionaryBuilder::new();
        let (irr_name, irr) = crate::dict::builtin::IRREGULAR;
        b.load_irregular(irr_name, irr);
        if petrarch {
            load_petrarch_verbs(&mut b, "t.verbs", src);
        } else {
            load_tabari_verbs(&mut b, "t.verbs", src);
        }
        assert!(b.errors().is_empty(), "{}", show(b.errors()));
        b.build()
    };
    let tabari = load(false, "CALLED_ON  [094]\n- $ *  [095]\nDEPART_ [032]\n");
    has(&tabari, "Gollum called on Gondor", "095", "called on");
    // A verb without patterns keeps its own code.
    has(&tabari, "Estonia will depart from Libya", "032", "depart");
    let petrarch = load(true, "--- APPEAL [094] ---\nCALL_ON\n- $ * [095]\n");
    has(&petrarch, "Gollum called on Gondor", "095", "called on");
}

/// A word a PETRARCH file lists as a verb of its own ("MET [031:032]") is
/// not claimed by another verb's generated inflection ("MEET" → "met").
#[test]
fn listed_verbs_beat_generated_inflections() {
    let mut b = VerbDictionaryBuilder::new();
    let (irr_name, irr) = crate::dict::builtin::IRREGULAR;
    b.load_irregular(irr_name, irr);
    let src = "--- MEET [031:031] ---\nMEET\n\n--- MET [031:032] ---\nMET\n";
    load_petrarch_verbs(&mut b, "t.txt", src);
    assert!(b.errors().is_empty(), "{}", show(b.errors()));
    let d = b.build();
    let mut t = TokenBuf::new();
    let s = "Gondor met Rohan";
    tokenize(s, Span::new(0, s.len()), &mut t);
    let mut c = Candidates::default();
    c.fill(d.vocab(), &t);
    let mut out = Vec::new();
    d.find_all(&c, &mut out);
    assert_eq!(
        d.pattern(out[0].pattern).paired_code.as_deref(),
        Some("032")
    );
    // "meets" is still MEET's.
    has(&d, "Gondor meets Rohan", "031", "meets");
}

/// A pattern line that lost its leading `-` (`* (TO QUESTION) [110]` in
/// UniversalPetrarch's validation verbs) is still a pattern: a line that
/// starts with the verb slot cannot name a verb.
#[test]
fn a_pattern_line_without_its_dash_is_a_pattern() {
    let mut b = VerbDictionaryBuilder::new();
    let (irr_name, irr) = crate::dict::builtin::IRREGULAR;
    b.load_irregular(irr_name, irr);
    let src = "--- BEGIN [---] ---\nBEGIN {BEGINS BEGAN BEGUN}\n* (TO DOUBT) [110]\n";
    load_petrarch_verbs(&mut b, "t.txt", src);
    assert!(b.errors().is_empty(), "{}", show(b.errors()));
    let d = b.build();
    has(
        &d,
        "Rohan has begun to doubt Gondor",
        "110",
        "begun to doubt",
    );
}

/// A block listing the same pattern twice keeps the later code, as
/// PETRARCH-2 does.
#[test]
fn a_repeated_pattern_keeps_its_last_code() {
    let mut b = VerbDictionaryBuilder::new();
    let (irr_name, irr) = crate::dict::builtin::IRREGULAR;
    b.load_irregular(irr_name, irr);
    let src =
        "--- ALLOW [080] ---\nRATIFY {RATIFIES RATIFIED}\n- * TREATY [031]\n- * TREATY  [057]\n";
    load_petrarch_verbs(&mut b, "t.txt", src);
    assert!(b.errors().is_empty(), "{}", show(b.errors()));
    let d = b.build();
    has(&d, "Rohan ratified a treaty", "057", "ratified a treaty");
}
