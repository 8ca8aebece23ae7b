//! Tests for news constructions the coder handles with dyad's own
//! dictionaries: parentheticals and partitives in the subject, closing
//! attributions, targetless domestic events, and verb forms after
//! prepositions. The sentences are written for these tests.

use super::tests::codes;

/// Whether some coded event starts with `prefix` ("SRC TGT CODE").
fn has(got: &[String], prefix: &str) -> bool {
    got.iter().any(|e| e.starts_with(prefix))
}

#[test]
fn a_parenthesis_inside_the_subject_does_not_start_a_clause() {
    // The clause of "accused" used to start after "(", losing the subject.
    let got = codes("The Kenyan opposition (ODM) accused the government of fraud.");
    assert!(has(&got, "KENOPP KENGOV 112"), "{got:?}");
}

#[test]
fn the_actor_of_a_partitive_is_the_subject() {
    let got = codes("Dozens of Peruvian farmers blocked roads near Cusco.");
    assert!(has(&got, "PERAGR "), "{got:?}");
    let got = codes("Thousands of Kenyan students demonstrated in Nairobi on Monday.");
    assert!(has(&got, "KENEDU "), "{got:?}");
    // A partitive after a comma is an appositive, and the participle after
    // it ("jailed") is not its act.
    let got = codes(
        "Police arrested the mayor of Lima, a member of the Peruvian opposition \
         jailed last year, officials said.",
    );
    assert!(got.iter().all(|e| !e.starts_with("PEROPP")), "{got:?}");
}

#[test]
fn a_targetless_domestic_event_acts_on_the_sources_own_country() {
    // Protesters with no named target protest against their government.
    let got = codes("Thousands of Kenyan students demonstrated in Nairobi on Monday.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(has(&got, "KENEDU KENGOV 141"), "{got:?}");
    // The state's own organs act on the country.
    let got = codes("President Ruto imposed a curfew in Mombasa.");
    assert!(has(&got, "KENGOV KEN 1723"), "{got:?}");
    // An announced one is a threat, still at home.
    let got = codes("Kenyan police said they would impose a curfew.");
    assert!(has(&got, "KENCOP KEN 1323"), "{got:?}");
    // A named target wins.
    let got = codes("Kenyan students protested against Uganda.");
    assert!(has(&got, "KENEDU UGA 14"), "{got:?}");
    assert!(got.iter().all(|e| !e.contains("KENGOV")), "{got:?}");
    // Codes the dictionary does not list as domestic keep `---`.
    let got = codes("Iraq's government rejected the proposal.");
    assert!(has(&got, "IRQGOV --- 12"), "{got:?}");
}

#[test]
fn a_closing_attribution_is_not_the_object_of_the_clause_before_it() {
    let got =
        codes("Kenyan rebels attacked a village, killing 12 people, Kenyan state media reported.");
    assert!(got.iter().all(|e| !e.contains("KENMED")), "{got:?}");
}

#[test]
fn a_bare_verb_form_after_a_preposition_is_a_noun() {
    // "travel" here is no visit.
    let got = codes("The ministry advised against travel to Kenya.");
    assert!(got.iter().all(|e| !e.contains(" 04")), "{got:?}");
    // Gerunds after prepositions stay verbs.
    let got = codes("Kenya was accused of attacking Somalia.");
    assert!(!got.is_empty(), "{got:?}");
}

#[test]
fn a_plain_statement_by_a_state_about_itself_is_no_event() {
    let got = codes("The Kenyan government said Kenya would hold elections.");
    assert!(got.iter().all(|e| !e.contains(" 010 ")), "{got:?}");
}

#[test]
fn wounding_is_an_attack() {
    let got = codes("Gunmen wounded two Kenyan soldiers near the border with Somalia.");
    assert!(has(&got, "KENUAF KENMIL 190"), "{got:?}");
}

#[test]
fn it_after_a_verb_of_saying_and_a_time_phrase_is_the_speaker() {
    // "said on Monday it": the pronoun used to stay unresolved without "that".
    let got = codes("Kenya said on Monday it had expelled two Ugandan diplomats.");
    assert!(has(&got, "KEN UGAGOV 161"), "{got:?}");
}

#[test]
fn he_or_she_after_a_verb_of_saying_is_the_speaker() {
    let got = codes("Chancellor Angela Merkel said on Tuesday that she would cut aid to Mali.");
    assert!(has(&got, "DEUELI MLI 1311"), "{got:?}");
    // The speaker of the same sentence is nearer than a person named
    // before it.
    let got = codes(
        "Kofi Annan arrived in Berlin. Chancellor Angela Merkel said that she would \
         cut aid to Mali.",
    );
    assert!(has(&got, "DEUELI MLI 1311"), "{got:?}");
    assert!(got.iter().all(|e| !e.starts_with("IGOUNO MLI")), "{got:?}");
}

#[test]
fn withdrawing_a_peacekeeping_force_is_1661_and_announcing_it_a_threat() {
    let got = codes("Kenya withdrew its peacekeeping troops from Somalia.");
    assert!(has(&got, "KEN SOM"), "{got:?}");
    assert!(got.iter().all(|e| e.contains(" 1661 ")), "{got:?}");
    let got = codes("Kenya announced that it will withdraw its peacekeeping force from Somalia.");
    assert!(got.iter().any(|e| e.contains(" 136 ")), "{got:?}");
}

#[test]
fn a_saying_pattern_ending_in_a_preposition_keeps_its_object() {
    // "announced ... with Venezuela" is no report of a clause whose subject
    // is Venezuela, even when a later clause follows.
    let got = codes(
        "Spain announced a suspension of air links with Venezuela after a Venezuelan \
         court jailed two Spanish nationals.",
    );
    assert!(has(&got, "ESP VEN 160"), "{got:?}");
}

/// PETRARCH/TABARI actor files date only office-holders' codes: such an
/// entry is a person, and "he" after the verb they speak with is them; a
/// state there (one undated code) is not "he".
#[test]
fn he_after_a_verb_of_saying_is_a_dated_petrarch_entry() {
    use crate::analysis::heuristic::HeuristicAnalyzer;
    use crate::coder::{Coder, CoderOptions};
    use crate::dict::actors::ActorDictionaryBuilder;
    use std::sync::Arc;
    const ACTORS: &str = "\
ARAGORN_ELESSAR
+ARAGORN
\t[GONGOV >20190101]
\t[GONELI <20190101]
GONDOR_ [GON]
ROHAN_ [ROH]
";
    const VERBS: &str = "\
--- PROVIDE [070] ---
PROVIDE
- * SUPPORT [060]
";
    let mut a = ActorDictionaryBuilder::new();
    crate::dict::compat::load_petrarch_actors(&mut a, "test.actors.txt", ACTORS);
    let mut v = crate::dict::verbs::VerbDictionaryBuilder::new();
    let (n, irr) = crate::dict::builtin::IRREGULAR;
    v.load_irregular(n, irr);
    crate::dict::compat::load_petrarch_verbs(&mut v, "test.verbs.txt", VERBS);
    let coder = Coder::new(
        Arc::new(a.build()),
        Arc::new(v.build()),
        Arc::new(HeuristicAnalyzer),
        CoderOptions {
            context_countries: false,
            modality: false,
            ..CoderOptions::default()
        },
    );
    let coded = |text: &str| -> Vec<String> {
        super::tests::events(&coder, text)
            .iter()
            .map(|e| format!("{} {} {}", e.source, e.target, e.cameo))
            .collect()
    };
    assert_eq!(
        coded("Aragorn said he would provide support to Rohan."),
        ["GONGOV ROH 060"]
    );
    // Refused, it is CAMEO's rejection of material cooperation.
    assert_eq!(
        coded("Aragorn said he would not provide support to Rohan."),
        ["GONGOV ROH 121"]
    );
    assert_eq!(
        coded("Gondor said he would provide support to Rohan."),
        Vec::<String>::new()
    );
}

#[test]
fn a_person_in_an_igo_role_has_the_igo_as_country() {
    let coder = super::Coder::builtin().expect("built-in dictionaries load");
    let got = super::tests::events(&coder, "Antonio Guterres criticized Israel.");
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(
        (got[0].source.as_str(), got[0].source_country.as_str()),
        ("IGOUNO", "IGOUNO")
    );
}

#[test]
fn an_actor_inside_the_pattern_beats_a_place_after_it() {
    // "strengthened ... forces in" is the pattern; Lebanon is its place, and
    // the later "of Russian-made rockets in the area" is not the target.
    let got = codes(
        "Israel has strengthened its forces in Lebanon following the discovery \
         of Russian-made rockets in the area.",
    );
    assert!(has(&got, "ISR LBN"), "{got:?}");
    assert!(!got.iter().any(|e| e.starts_with("ISR RUS")), "{got:?}");
}

#[test]
fn an_attack_with_no_named_attacker_has_a_null_source() {
    let got = codes("Two Kenyan policemen were killed by a roadside bomb near Mandera.");
    assert!(
        has(&got, "--- KENCOP 18") || has(&got, "--- KENCOP 19"),
        "{got:?}"
    );
    let got = codes("Five Somali civilians were killed in a car bombing in Mogadishu.");
    assert!(got.iter().any(|e| e.starts_with("--- SOM")), "{got:?}");
    let got = codes("Police said a roadside bomb killed two Kenyan soldiers.");
    assert!(got.iter().any(|e| e.starts_with("--- KEN")), "{got:?}");
    // Not without an attack noun in the attacker's place, nor for a
    // participle after one.
    let got = codes("Two Kenyan policemen were killed on Monday.");
    assert!(got.iter().all(|e| !e.starts_with("---")), "{got:?}");
    let got = codes("Militants claimed a deadly attack targeting Kenyan soldiers.");
    assert!(got.iter().all(|e| !e.starts_with("---")), "{got:?}");
}

#[test]
fn a_domestic_act_takes_the_target_of_the_actors_other_act() {
    // The protest has no object of its own; the demand names the
    // government, and the protest is aimed there too.
    let got = codes(
        "Thousands of Kenyan students staged demonstrations on Saturday to demand \
         reforms by President Uhuru Kenyatta's government.",
    );
    assert!(
        got.iter()
            .any(|e| e.starts_with("KENEDU KEN") && e.contains(" 14")),
        "{got:?}"
    );
    // With no other act the protest acts on the students' own government.
    let got = codes("Thousands of Kenyan students staged demonstrations on Saturday.");
    assert!(has(&got, "KENEDU KENGOV 14"), "{got:?}");
}

#[test]
fn a_participle_after_an_existential_there_is_passive() {
    // The soldiers were killed; they killed no one.
    let got = codes("There were 10 Russian soldiers killed in Ukraine today.");
    assert!(got.iter().all(|e| !e.starts_with("RUS")), "{got:?}");
    let got = codes("Russian soldiers killed 10 Ukrainian civilians today.");
    assert!(has(&got, "RUSMIL UKRCVL 190"), "{got:?}");
}

#[test]
fn the_subject_of_a_reported_clause_is_not_told_anything() {
    // Kenya spoke about the soldiers, not to them.
    let got = codes("Kenya said two Somali soldiers were wounded near the border.");
    assert!(got.iter().all(|e| !e.starts_with("KEN SOM")), "{got:?}");
    let got = codes("Kenya said Somalia would hold elections.");
    assert!(got.iter().all(|e| !e.starts_with("KEN SOM")), "{got:?}");
    // An addressee stays one.
    let got = codes("Kenya told Somalia it would close the border.");
    assert!(got.iter().any(|e| e.starts_with("KEN SOM")), "{got:?}");
}
