//! TABARI options commands as [`CoderOptions`].
//!
//! TABARI reads coder settings from its `.options` file and, part-way
//! through a validation file, from `{ OPTION: ... }` records; the suite
//! reader keeps both as [`SuiteOption`]s ([`Suite::options`](super::Suite),
//! [`SuiteRecord::options`](super::SuiteRecord)). [`tabari_coder_options`]
//! turns the commands in force for a record into the options the coder runs
//! with, starting from TABARI's own defaults.
//!
//! | command | TABARI default | [`CoderOptions`] field |
//! |---|---|---|
//! | `SET: TIME SHIFT = FALSE` | on | [`time_shifts`](CoderOptions::time_shifts) emptied |
//! | `SET: MINIMUM WORDS = n` | 8 | [`min_words`](CoderOptions::min_words) |
//! | `SET: CODE BY SENTENCE` / `CODE BY CLAUSE` / `CODE ALL` | by clause | [`code_by_sentence`](CoderOptions::code_by_sentence) |
//! | `SET: CONVERT AGENT = TRUE` | false | [`lone_sectors`](CoderOptions::lone_sectors) |
//! | `DEFAULT: SOURCE [X] PRIOR TARGET [Y] AFTER`, `DEFAULT: OFF` | off | [`default_source`](CoderOptions::default_source), [`default_target`](CoderOptions::default_target) |
//! | (no command: how TABARI reads a clause) | one verb per clause | [`first_verb_per_clause`](CoderOptions::first_verb_per_clause) |
//! | `COMPLEX: VERBS[n] ...` | no limit | [`complex_verbs`](CoderOptions::complex_verbs) (its other limits are not read) |
//!
//! Discard and complex codes (`###`, `+++`) are always honoured
//! ([`reject_codes`](CoderOptions::reject_codes)). Commands that change only
//! TABARI's output or its interactive behaviour (`OUTPUT:`, `LABEL:`,
//! `SET: VERB USAGE`, ...) have no counterpart and are ignored, as are those
//! dyad does not implement yet (`COMPLEX:` limits other than `VERBS`, `COMMA:`, `FORWARD:`, `SET:
//! YYYY`, whose dates the suite reader already handles).

use std::sync::Arc;

use super::SuiteOption;
use crate::coder::{CoderOptions, DefaultActor};

/// TABARI's minimum sentence length in words when no `SET: MINIMUM WORDS`
/// says otherwise.
pub const TABARI_MIN_WORDS: usize = 8;

/// The options to code with under TABARI's defaults and `commands`, applied
/// in order (a later command overrides an earlier one). `base` carries the
/// dictionaries' own settings: its [`CoderOptions::time_shifts`] are the
/// verbs file's `<TIME>` phrases.
pub fn tabari_coder_options(base: &CoderOptions, commands: &[SuiteOption]) -> CoderOptions {
    let mut o = CoderOptions {
        reject_codes: true,
        min_words: TABARI_MIN_WORDS,
        code_by_sentence: false,
        lone_sectors: false,
        default_source: None,
        default_target: None,
        first_verb_per_clause: true,
        complex_verbs: None,
        ..base.clone()
    };
    for c in commands {
        let value = words(&c.value);
        match c.name.trim().to_ascii_uppercase().as_str() {
            "SET" => apply_set(&mut o, base, &value),
            "DEFAULT" => apply_default(&mut o, &value),
            "COMPLEX" => apply_complex(&mut o, &value),
            _ => {}
        }
    }
    o
}

/// The command's text in upper case with single spaces.
fn words(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_ascii_uppercase()
}

fn apply_set(o: &mut CoderOptions, base: &CoderOptions, value: &str) {
    let (key, arg) = match value.split_once('=') {
        Some((k, v)) => (k.trim(), Some(v.trim())),
        None => (value.trim(), None),
    };
    let truth = arg.map(|a| a != "FALSE");
    match (key, arg) {
        ("TIME SHIFT", _) => {
            o.time_shifts = if truth == Some(false) {
                base.time_shifts.as_ref().map(|_| Arc::default())
            } else {
                base.time_shifts.clone()
            };
        }
        ("MINIMUM WORDS", Some(n)) => {
            if let Ok(n) = n.parse() {
                o.min_words = n;
            }
        }
        ("CODE BY SENTENCE", None) => o.code_by_sentence = true,
        ("CODE BY CLAUSE" | "CODE ALL", None) => o.code_by_sentence = false,
        ("CONVERT AGENT", _) => o.lone_sectors = truth.unwrap_or(true),
        _ => {}
    }
}

/// `COMPLEX: VERBS[n] CONJ[m] ...`: of its limits, dyad reads the number of
/// verbs; a command without `VERBS[n]` lifts that limit.
fn apply_complex(o: &mut CoderOptions, value: &str) {
    o.complex_verbs = value
        .split_whitespace()
        .find_map(|w| w.strip_prefix("VERBS[")?.strip_suffix(']')?.parse().ok());
}

/// `DEFAULT: OFF`, or `SOURCE [code] [PRIOR] TARGET [code] [AFTER]` with
/// either half optional.
fn apply_default(o: &mut CoderOptions, value: &str) {
    if value == "OFF" {
        o.default_source = None;
        o.default_target = None;
        return;
    }
    let mut role: Option<&str> = None;
    for tok in value.split_whitespace() {
        match tok {
            "SOURCE" | "TARGET" => role = Some(tok),
            "PRIOR" | "AFTER" => {
                let slot = match role {
                    Some("SOURCE") => &mut o.default_source,
                    _ => &mut o.default_target,
                };
                if let Some(d) = slot {
                    d.first = true;
                }
            }
            _ if tok.starts_with('[') && tok.ends_with(']') && tok.len() > 2 => {
                let d = Some(DefaultActor {
                    code: tok[1..tok.len() - 1].to_string(),
                    first: false,
                });
                match role {
                    Some("SOURCE") => o.default_source = d,
                    Some("TARGET") => o.default_target = d,
                    _ => {}
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(name: &str, value: &str) -> SuiteOption {
        SuiteOption {
            name: name.into(),
            value: value.into(),
            line: 1,
        }
    }

    #[test]
    fn tabari_defaults_apply_without_commands() {
        let o = tabari_coder_options(&CoderOptions::default(), &[]);
        assert!(o.reject_codes && !o.lone_sectors && !o.code_by_sentence);
        assert_eq!(o.min_words, TABARI_MIN_WORDS);
        assert_eq!(o.default_source, None);
    }

    #[test]
    fn later_commands_override_earlier_ones() {
        let cmds = [
            cmd("SET", "MINIMUM  WORDS = 4"),
            cmd("SET", "CODE BY SENTENCE"),
            cmd("SET", "convert agent = TRUE"),
            cmd("SET", "MINIMUM WORDS = 20"),
        ];
        let o = tabari_coder_options(&CoderOptions::default(), &cmds);
        assert_eq!(o.min_words, 20);
        assert!(o.code_by_sentence && o.lone_sectors);
        let o = tabari_coder_options(
            &CoderOptions::default(),
            &[cmds[1].clone(), cmd("SET", "CODE ALL")],
        );
        assert!(!o.code_by_sentence);
    }

    #[test]
    fn default_actors_with_and_without_prior_and_after() {
        let o = tabari_coder_options(
            &CoderOptions::default(),
            &[cmd("DEFAULT", "SOURCE [AZE] PRIOR TARGET [DEFTAR]")],
        );
        let src = o.default_source.expect("source");
        assert_eq!((src.code.as_str(), src.first), ("AZE", true));
        let tgt = o.default_target.expect("target");
        assert_eq!((tgt.code.as_str(), tgt.first), ("DEFTAR", false));
        let o = tabari_coder_options(
            &CoderOptions::default(),
            &[
                cmd("DEFAULT", "SOURCE [AZE] TARGET [ISR] AFTER"),
                cmd("DEFAULT", "OFF"),
            ],
        );
        assert_eq!((o.default_source, o.default_target), (None, None));
    }

    /// A coder on a small TABARI project of our own, under `commands`.
    fn tabari_coder(commands: &[SuiteOption]) -> crate::coder::Coder {
        use crate::analysis::heuristic::HeuristicAnalyzer;
        use crate::dict::compat::{load_tabari_actors, load_tabari_agents, load_tabari_verbs};
        use crate::dict::{ActorDictionaryBuilder, VerbDictionaryBuilder};
        let mut ab = ActorDictionaryBuilder::new();
        load_tabari_actors(
            &mut ab,
            "t.actors",
            "ARMENIA [ARM]\nGEORGIA [GEO]\nTURKEY [TUR]\nFIFA [+++]\nSPORTING_CLUB [###]\n",
        );
        load_tabari_agents(&mut ab, "t.agents", "POLICE_ [~COP]\nPROTESTER_ [~OPP]\n");
        let mut vb = VerbDictionaryBuilder::new();
        load_tabari_verbs(
            &mut vb,
            "t.verbs",
            "ACCUSE [112]\nATTACK [190]\nBEAT [+++]\nHALT [191]\nMEET [031]\nRESTORE [064]\n\
             SAID [023?]\n",
        );
        let base = CoderOptions {
            context_countries: false,
            modality: false,
            ..CoderOptions::default()
        };
        crate::coder::Coder::new(
            Arc::new(ab.build()),
            Arc::new(vb.build()),
            Arc::new(HeuristicAnalyzer),
            tabari_coder_options(&base, commands),
        )
    }

    fn coded(commands: &[SuiteOption], text: &str) -> Vec<String> {
        coded_by(&tabari_coder(commands), text)
    }

    fn coded_by(coder: &crate::coder::Coder, text: &str) -> Vec<String> {
        use crate::coder::Scratch;
        use crate::document::Document;
        let doc = Document {
            id: "t".into(),
            text: text.into(),
            date: chrono::NaiveDate::from_ymd_opt(2020, 5, 1),
            ..Document::default()
        };
        let mut v: Vec<String> = coder
            .code_document(&doc, &mut Scratch::default())
            .events
            .iter()
            .map(|e| format!("{} {} {}", e.source, e.target, e.cameo))
            .collect();
        v.sort();
        v
    }

    #[test]
    fn short_sentences_code_nothing_until_the_minimum_is_lowered() {
        let s = "Turkey accused Armenia.";
        assert!(coded(&[], s).is_empty());
        assert_eq!(
            coded(&[cmd("SET", "MINIMUM WORDS = 3")], s),
            ["TUR ARM 112"]
        );
        let long = "Turkey accused Armenia of shelling villages near the border on Monday.";
        assert_eq!(coded(&[], long), ["TUR ARM 112"]);
    }

    #[test]
    fn discard_and_complex_codes_reject_the_whole_sentence() {
        // A complex-coded actor outside the event still rejects it.
        assert!(coded(
            &[],
            "Turkey accused Armenia of bribery in a statement after FIFA ruled on the match."
        )
        .is_empty());
        assert!(coded(
            &[],
            "The Sporting Club said Georgia accused Armenia of cheating at the tournament."
        )
        .is_empty());
        // A complex-coded verb.
        assert!(coded(
            &[],
            "Georgia beat Armenia in the qualifying match in Tbilisi on Sunday."
        )
        .is_empty());
    }

    #[test]
    fn code_by_sentence_keeps_the_first_clause_only() {
        let s = "Turkey accused Armenia of provocations and Georgia attacked Armenia near Tbilisi on Monday.";
        assert_eq!(coded(&[], s), ["GEO ARM 190", "TUR ARM 112"]);
        assert_eq!(coded(&[cmd("SET", "CODE BY SENTENCE")], s), ["TUR ARM 112"]);
    }

    #[test]
    fn a_clause_codes_its_first_verb_only() {
        // "attacks" is part of what was halted, and does not cut the halt
        // off from its object.
        assert_eq!(
            coded(
                &[],
                "Turkey halted border attacks on Armenia near the town on Monday."
            ),
            ["TUR ARM 191"]
        );
        // Coding every verb, the attack is an event of its own.
        let every = tabari_coder(&[]);
        let every = every.clone().with_options(CoderOptions {
            first_verb_per_clause: false,
            ..every.options().clone()
        });
        assert_eq!(
            coded_by(
                &every,
                "Turkey halted border attacks on Armenia near the town on Monday."
            ),
            ["TUR ARM 190"]
        );
        // A conjunction with a verb on either side starts another clause;
        // one between actors does not.
        assert_eq!(
            coded(
                &[],
                "Turkey halted talks with Armenia and then attacked Georgia on Monday."
            ),
            ["TUR ARM 191", "TUR GEO 190"]
        );
        assert_eq!(
            coded(
                &[],
                "Turkey and Georgia attacked Armenia near the border on Monday."
            ),
            ["GEO ARM 190", "TUR ARM 190"]
        );
        // A subordinate code ("said" is `023?`) leaves the clause to the
        // verb it reports.
        assert_eq!(
            coded(
                &[],
                "Georgia said Turkey attacked Armenia near the border on Monday."
            ),
            ["TUR ARM 190"]
        );
    }

    #[test]
    fn a_sentence_with_too_many_verbs_is_complex() {
        let s =
            "Turkey accused Armenia of provocations and Georgia attacked Armenia and halted talks.";
        assert_eq!(coded(&[], s), ["GEO ARM 190", "TUR ARM 112"]);
        assert!(coded(&[cmd("COMPLEX", "VERBS[3] CONJ[4] EXPLAIN")], s).is_empty());
        assert_eq!(
            coded(&[cmd("COMPLEX", "VERBS[4] CONJ[4] EXPLAIN")], s),
            ["GEO ARM 190", "TUR ARM 112"]
        );
        // The limit is the number in `VERBS[n]`.
        assert_eq!(
            tabari_coder_options(&CoderOptions::default(), &[cmd("COMPLEX", "VERBS[5]")])
                .complex_verbs,
            Some(5)
        );
    }

    #[test]
    fn agents_alone_are_actors_only_when_converted() {
        let s =
            "Police in the capital attacked protesters outside the parliament building on Friday.";
        assert!(coded(&[], s).is_empty());
        assert_eq!(
            coded(&[cmd("SET", "CONVERT AGENT = TRUE")], s),
            ["---COP ---OPP 190"]
        );
    }

    #[test]
    fn default_actors_fill_empty_slots() {
        let defaults = [cmd("DEFAULT", "SOURCE [SRC] PRIOR TARGET [TGT] AFTER")];
        assert_eq!(
            coded(
                &defaults,
                "Unnamed gunmen attacked Armenia near the border town on Friday."
            ),
            ["SRC ARM 190"]
        );
        assert_eq!(
            coded(
                &defaults,
                "Turkey is about to restore full diplomatic ties with its neighbour."
            ),
            ["TUR TGT 064"]
        );
        // With the target default first, a compound subject does not act on
        // itself; without it, it does.
        let both = "Turkey and Armenia are about to restore full diplomatic ties soon.";
        assert_eq!(coded(&defaults, both), ["ARM TGT 064", "TUR TGT 064"]);
        let later = [cmd("DEFAULT", "SOURCE [SRC] PRIOR TARGET [TGT]")];
        assert_eq!(coded(&later, both), ["ARM TUR 064", "TUR ARM 064"]);
        // A clause with no actor of its own codes nothing.
        assert!(coded(
            &defaults,
            "Unnamed gunmen attacked a convoy near the town on Friday."
        )
        .is_empty());
    }

    #[test]
    fn time_shift_off_empties_the_phrases_the_dictionary_gave() {
        let base = CoderOptions {
            time_shifts: Some(Arc::new(Vec::new())),
            ..CoderOptions::default()
        };
        let off = tabari_coder_options(&base, &[cmd("SET", "TIME SHIFT = FALSE")]);
        assert!(off.time_shifts.is_some_and(|v| v.is_empty()));
        // Without a <TIME> block there is nothing to turn off.
        let none = tabari_coder_options(
            &CoderOptions::default(),
            &[cmd("SET", "TIME SHIFT = FALSE")],
        );
        assert!(none.time_shifts.is_none());
    }
}
