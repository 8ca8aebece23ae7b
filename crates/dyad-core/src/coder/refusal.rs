//! CAMEO's rejection codes (12x) for refused and negated acts.
//!
//! A negated predicate does not code its positive act: "Azerbaijan has not
//! witnessed protests" is no protest. But CAMEO codes a refusal to
//! cooperate or to yield as an event of its own, in root 12 (REJECT):
//! "Obama said he would not provide support to Israel" is 121 (reject
//! material cooperation), "the US refused to lift the sanctions" 1244
//! (refuse to ease economic sanctions), "Katsav refused to meet King
//! Abdullah" 125 (reject proposal to meet). The coder asks
//! [`rejection_code`] for the rejection of the act a clause negates, and
//! codes that instead; acts with no rejection counterpart (a negated
//! attack, protest, condemnation or statement) still code nothing.
//!
//! # The table
//!
//! [`REJECTIONS`] follows the codebook's families: each 12x category names
//! the cooperative or yielding family whose refusal it codes.
//!
//! | act | refused, it is |
//! |---|---|
//! | 031x intend material cooperation | 121x reject material cooperation |
//! | 033x intend to provide aid | 122x reject request for aid |
//! | 034x intend to change leadership, policy, rights, institutions | 123x reject request for that change |
//! | 035x intend to yield | 124x refuse to yield |
//! | 036 intend to meet or negotiate | 125 reject proposal to meet |
//! | 037 intend to settle dispute | 127 reject plan, agreement to settle dispute |
//! | 038 accept mediation | 126 reject mediation |
//! | 04x consult (not 045, mediating) | 125 reject proposal to meet, discuss, negotiate |
//! | 054 grant diplomatic recognition | 120 reject |
//! | 057 sign formal agreement | 127 reject plan, agreement |
//! | 06x material cooperation | 121 (061 economic 1211, 062 military 1212) |
//! | 07x provide aid | 122x (071 economic 1221, 072 military 1222, 073 humanitarian 1223, 074 peacekeeping 1224) |
//! | 080 yield | 124 refuse to yield |
//! | 081x ease administrative sanctions | 1241 |
//! | 082 ease popular dissent | 1242 |
//! | 083x accede to demands for change | 123x (0831 leadership 1231, 0832 policy 1232, 0833 rights 1233, 0834 institutions 1234) |
//! | 084x return, release | 1243 refuse to release persons or property |
//! | 085 ease economic sanctions | 1244 |
//! | 086x allow international involvement | 1245 |
//! | 087x de-escalate military engagement | 1246 |
//!
//! Not in the table, so still nothing when negated: statements (01),
//! appeals (02), the rest of 03 (030 and 032 have no rejection family;
//! 039 is the mediator's own offer), mediating (045: declining to mediate
//! rejects no one's proposal), verbal cooperation other than recognition
//! and agreements (050-053, 055, 056: "did not praise" is no rejection),
//! and every conflictual root (09-20), whose negation is the absence of
//! conflict, not a refusal.
//!
//! # Where PETRARCH-2 differs
//!
//! PETRARCH-2 negates a code by arithmetic on its internal number, which in
//! practice sends 06x to 121/1211/1212, 08x to 124x, 010 to 011 (decline
//! comment) and 015 to 016 (deny responsibility), and drops the rest. The
//! table agrees on 06x and on most of 08x. It differs where the codebook
//! says otherwise:
//!
//! * 083x (accede to demands for reform) is refused as 123x (reject
//!   request for reform), not 124x;
//! * 04x, 057 and 07x have rejection categories of their own (125, 127,
//!   122x), which PETRARCH-2 never reaches;
//! * 010 and 015 are left out: "has not said whether" declines no comment,
//!   and "no group has claimed responsibility" denies nothing. An explicit
//!   refusal to comment is in the verb dictionaries as 011 already.
//!
//! # Which negations refuse
//!
//! [`refuses`] says which negation cues make a refusal: "not", "n't",
//! "never", "cannot", and the verbs "refuse", "decline", "fail" and
//! "reject" (with their infinitive: "refused to lift", "rejected calls to
//! release"). Avoidance and contrast ("refrained from", "abstained from",
//! "avoided", "without", "instead of", "rather than", "let alone", "stopped
//! short of") and negative determiners ("no", "none", "neither", "nor")
//! are not refusals: "refrained from condemning" is no act at all, and
//! "no country sent aid" refuses nothing. "Denied" is a claim about a past
//! act (016), not a refusal of one.

/// The rejection code for refusing each act, by CAMEO code prefix. A code
/// is looked up whole, then by its first three digits, then by its root;
/// the first entry found decides, and `None` there means CAMEO has no
/// rejection for the act.
pub const REJECTIONS: &[(&str, Option<&str>)] = &[
    // 03: a refused intention is a rejection of the act intended.
    ("031", Some("121")),
    ("0311", Some("1211")),
    ("0312", Some("1212")),
    ("033", Some("122")),
    ("0331", Some("1221")),
    ("0332", Some("1222")),
    ("0333", Some("1223")),
    ("0334", Some("1224")),
    ("034", Some("123")),
    ("0341", Some("1231")),
    ("0342", Some("1232")),
    ("0343", Some("1233")),
    ("0344", Some("1234")),
    ("035", Some("124")),
    ("0351", Some("1241")),
    ("0352", Some("1242")),
    ("0353", Some("1243")),
    ("0354", Some("1244")),
    ("0355", Some("1245")),
    ("0356", Some("1246")),
    ("036", Some("125")),
    ("037", Some("127")),
    ("038", Some("126")),
    // 04: refusing to meet, visit, host or negotiate.
    ("04", Some("125")),
    ("045", None),
    // 05: only recognition and agreements have rejections.
    ("054", Some("120")),
    ("057", Some("127")),
    // 06: material cooperation.
    ("06", Some("121")),
    ("061", Some("1211")),
    ("062", Some("1212")),
    // 07: aid.
    ("07", Some("122")),
    ("071", Some("1221")),
    ("072", Some("1222")),
    ("073", Some("1223")),
    ("074", Some("1224")),
    // 08: yielding.
    ("08", Some("124")),
    ("081", Some("1241")),
    ("082", Some("1242")),
    ("083", Some("123")),
    ("0831", Some("1231")),
    ("0832", Some("1232")),
    ("0833", Some("1233")),
    ("0834", Some("1234")),
    ("084", Some("1243")),
    ("085", Some("1244")),
    ("086", Some("1245")),
    ("087", Some("1246")),
];

/// The CAMEO code for refusing the act coded `code`, if CAMEO has one.
pub fn rejection_code(code: &str) -> Option<&'static str> {
    let lookup = |key: &str| REJECTIONS.iter().find(|(k, _)| *k == key).map(|&(_, r)| r);
    [code.len(), 3, 2]
        .into_iter()
        .filter(|&n| n <= code.len())
        .find_map(|n| lookup(&code[..n]))
        .flatten()
}

/// Whether the negation cue `word` (normalised) refuses the act it negates
/// (see the module documentation).
pub fn refuses(word: &str) -> bool {
    matches!(
        word,
        "not"
            | "n't"
            | "never"
            | "cannot"
            | "refuse"
            | "refused"
            | "refuses"
            | "refusing"
            | "decline"
            | "declined"
            | "declines"
            | "declining"
            | "fail"
            | "failed"
            | "fails"
            | "failing"
            | "reject"
            | "rejected"
            | "rejects"
            | "rejecting"
    )
}

#[cfg(test)]
mod tests {
    use super::{refuses, rejection_code, REJECTIONS};

    #[test]
    fn cooperation_and_yielding_have_rejections() {
        assert_eq!(rejection_code("060"), Some("121"));
        assert_eq!(rejection_code("061"), Some("1211"));
        assert_eq!(rejection_code("062"), Some("1212"));
        assert_eq!(rejection_code("064"), Some("121"));
        assert_eq!(rejection_code("073"), Some("1223"));
        assert_eq!(rejection_code("075"), Some("122"));
        assert_eq!(rejection_code("080"), Some("124"));
        assert_eq!(rejection_code("0813"), Some("1241"));
        assert_eq!(rejection_code("0831"), Some("1231"));
        assert_eq!(rejection_code("0841"), Some("1243"));
        assert_eq!(rejection_code("0842"), Some("1243"));
        assert_eq!(rejection_code("085"), Some("1244"));
        assert_eq!(rejection_code("0862"), Some("1245"));
        assert_eq!(rejection_code("0874"), Some("1246"));
        assert_eq!(rejection_code("042"), Some("125"));
        assert_eq!(rejection_code("046"), Some("125"));
        assert_eq!(rejection_code("057"), Some("127"));
        assert_eq!(rejection_code("0333"), Some("1223"));
        assert_eq!(rejection_code("036"), Some("125"));
    }

    #[test]
    fn conflict_statements_and_praise_have_none() {
        for code in [
            "010", "015", "020", "030", "045", "051", "056", "111", "120", "141", "173", "190",
            "2041", "",
        ] {
            assert_eq!(rejection_code(code), None, "{code}");
        }
    }

    /// Every rejection named is a 12x code, and no act is listed twice.
    #[test]
    fn the_table_is_well_formed() {
        for (i, (k, r)) in REJECTIONS.iter().enumerate() {
            if let Some(r) = r {
                assert!(r.starts_with("12") && r.len() >= 3, "{k} -> {r}");
                assert!(crate::ontology::event_code(r).is_some(), "{r}");
            }
            assert!(
                REJECTIONS[..i].iter().all(|(k2, _)| k2 != k),
                "{k} listed twice"
            );
        }
    }

    #[test]
    fn refusals_and_avoidance_differ() {
        for w in [
            "not", "n't", "never", "refused", "declined", "failed", "rejected",
        ] {
            assert!(refuses(w), "{w}");
        }
        for w in [
            "without",
            "refrained",
            "abstained",
            "instead",
            "no",
            "nor",
            "denied",
        ] {
            assert!(!refuses(w), "{w}");
        }
    }
}

/// The coder's use of the table, with dyad's own dictionaries. The
/// sentences are written for these tests.
#[cfg(test)]
mod coder_tests {
    use crate::coder::tests::{codes, events};
    use crate::coder::Coder;

    #[test]
    fn a_negated_act_of_cooperation_or_yielding_is_rejected() {
        assert_eq!(
            codes("Turkey did not sell drones to Armenia."),
            ["TUR ARM 1212 sell drones to"]
        );
        let cases = [
            (
                "Russia never provided humanitarian aid to Syria.",
                "RUS SYR 1223 ",
            ),
            (
                "Kenya has not lifted the sanctions on Uganda.",
                "KEN UGA 1244 ",
            ),
            (
                "The Israeli army did not withdraw from Gaza.",
                "ISRMIL PSE 1246 ",
            ),
            (
                "Azerbaijan failed to reach agreement with Armenia.",
                "AZE ARM 127 ",
            ),
            (
                "Turkey declined to extradite the suspects to Russia.",
                "TUR RUS 121 ",
            ),
            (
                "Iran will not negotiate with the United States.",
                "IRN USA 125 ",
            ),
        ];
        for (text, want) in cases {
            let got = codes(text);
            assert!(
                got.len() == 1 && got[0].starts_with(want),
                "{text}: {got:?}"
            );
        }
    }

    /// A meeting codes both ways (`040/040`); a refusal to meet only from
    /// the one who refused.
    #[test]
    fn a_refusal_has_no_paired_reverse_event() {
        assert_eq!(
            codes("Armenia did not meet Azerbaijani President Ilham Aliyev."),
            ["ARM AZEGOV 125 meet"]
        );
    }

    /// "will not send" announces no future act: the refusal is made now, so
    /// it takes no intent code (033x) and no `mode`.
    #[test]
    fn an_announced_refusal_is_a_rejection_now() {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        let got = events(&coder, "Russia will not send humanitarian aid to Syria.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].cameo, "1223");
        assert_eq!(got[0].mode, None);
        assert_eq!(got[0].plover.as_deref(), Some("REJECT"));
    }

    #[test]
    fn a_negated_act_with_no_rejection_codes_nothing() {
        for text in [
            "Russia did not attack Ukraine.",
            "Israel did not condemn Iran.",
            "Azerbaijan has not witnessed massive protests against Israel.",
            "Turkey never praised Armenia.",
        ] {
            assert_eq!(codes(text), Vec::<String>::new(), "{text}");
        }
    }

    /// Avoidance is not refusal, and what did not happen in a hypothetical
    /// or a question is no event either way.
    #[test]
    fn avoidance_conditions_and_questions_code_no_rejection() {
        for text in [
            "Russia refrained from sending humanitarian aid to Syria.",
            "Russia abstained from sending humanitarian aid to Syria.",
            "If Russia does not release the Ukrainian prisoners, Ukraine will respond.",
            "Will Russia not send humanitarian aid to Syria?",
        ] {
            let got = codes(text);
            assert!(got.iter().all(|e| !e.contains(" 12")), "{text}: {got:?}");
        }
    }

    /// The negation belongs to the verb it stands before: the act of an
    /// infinitive with its own subject is not what was refused.
    #[test]
    fn only_the_verb_the_negation_stands_before_is_refused() {
        assert_eq!(
            codes("Russia would not allow Iran to send weapons to Syria."),
            Vec::<String>::new()
        );
    }

    /// The evidence says what the negation turned into what.
    #[test]
    fn the_evidence_names_the_act_refused() {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        let got = events(&coder, "Turkey did not sell drones to Armenia.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(
            got[0]
                .evidence
                .clause
                .contains("refused (not): 062 becomes rejection 1212"),
            "{}",
            got[0].evidence.clause
        );
    }
}
