//! Nested events: PETRARCH-2's verb transformations.
//!
//! A PETRARCH-2 verb dictionary may end with rules that rewrite an event
//! reported inside another into one event:
//!
//! ```text
//! ~ a (a b ATTACK) SAY = a b 015     "the US said it had attacked Iraq": a claim of responsibility
//! ~ a (b . ATTACK) SAY = a b 112     "the US said ISIL had attacked Iraq": an accusation
//! ~ a (_ b ATTACK) WANT = a b 138    "Obama wants to attack Iran": a threat
//! ~ a (b . ATTACK) WANT = a b 021    "Obama wants Putin to attack Iran": an appeal
//! ```
//!
//! Left of `=`: the outer event's source, then in parentheses the inner
//! event's source, target and verb, then the outer verb. Right of `=`: the
//! event it becomes. Letters are actors (the same letter, the same actor),
//! `.` is any actor or none, `_` is no actor of the inner clause's own (an
//! infinitive that inherits its subject), and `Q` as a code is the inner
//! event's code. A verb name matches a predicate whose code is that verb's
//! code in the dictionary, or whose word is a form of it. Rules are tried in
//! file order and the first that fits wins; the inner and outer events are
//! then replaced by the rule's event.
//!
//! The coder applies rules only when the verb dictionary defines them, so
//! dyad's own dictionaries keep their reported-speech convention ("X said Y
//! attacked Z" codes Y→Z).

use std::ops::Range;

use crate::dict::compat::Transformation;
use crate::dict::matcher::Candidates;
use crate::dict::VerbDictionary;
use crate::text::{tokenize, Span, TokenBuf};

/// An actor slot of a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Slot {
    /// A variable: the same letter is the same actor.
    Var(char),
    /// `.`: any actor, or none.
    Any,
    /// `_`: no actor of the clause's own.
    Empty,
}

/// A verb named in a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbRef {
    pub name: String,
    /// The verb's code in the dictionary, unless null or absent.
    pub code: Option<String>,
}

impl VerbRef {
    fn matches(&self, code: &str, word: &str) -> bool {
        self.code.as_deref() == Some(code) || word.starts_with(&self.name)
    }
}

/// A transformation compiled against a verb dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NestRule {
    pub outer_source: char,
    pub inner_source: Slot,
    pub inner_target: Slot,
    /// `None` for `Q`: any inner event.
    pub inner_verb: Option<VerbRef>,
    pub outer_verb: VerbRef,
    pub result_source: char,
    pub result_target: char,
    /// `None` for `Q`: the inner event's code.
    pub result_code: Option<String>,
    /// The rule as written and where.
    pub text: String,
    pub origin: String,
}

fn slot(tok: &str) -> Result<Slot, String> {
    match tok {
        "." => Ok(Slot::Any),
        "_" => Ok(Slot::Empty),
        v if v.len() == 1 && v.chars().all(|c| c.is_ascii_lowercase()) => {
            Ok(Slot::Var(v.chars().next().unwrap_or('a')))
        }
        _ => Err(format!(
            "expected an actor letter, `.` or `_`, found {tok:?}"
        )),
    }
}

fn var(tok: &str) -> Result<char, String> {
    match slot(tok)? {
        Slot::Var(c) => Ok(c),
        _ => Err(format!("expected an actor letter, found {tok:?}")),
    }
}

/// The code a verb dictionary gives a verb word on its own.
fn verb_ref(verbs: &VerbDictionary, name: &str) -> VerbRef {
    let word = name.to_lowercase().replace('_', " ");
    let mut t = TokenBuf::new();
    tokenize(&word, Span::new(0, word.len()), &mut t);
    let mut c = Candidates::default();
    c.fill(verbs.vocab(), &t);
    let mut out = Vec::new();
    verbs.find_all(&c, &mut out);
    let code = out
        .iter()
        .find(|m| m.anchor == 0)
        .map(|m| verbs.pattern(m.pattern).code.clone())
        .filter(|c| !c.is_empty() && !c.chars().all(|ch| ch == '-'));
    VerbRef { name: word, code }
}

impl NestRule {
    /// Compiles `~ a (a b ATTACK) SAY = a b 015`.
    pub fn compile(tr: &Transformation, verbs: &VerbDictionary) -> Result<NestRule, String> {
        let spaced = tr.pattern.replace('(', " ( ").replace(')', " ) ");
        let lhs: Vec<&str> = spaced.split_whitespace().collect();
        let rhs: Vec<&str> = tr.result.split_whitespace().collect();
        let bad = || {
            format!(
                "transformation {:?}: expected `a (b c VERB) VERB = a b CODE`",
                tr.pattern
            )
        };
        let [outer_source, "(", isrc, itgt, iverb, ")", overb] = lhs.as_slice() else {
            return Err(bad());
        };
        let [rsrc, rtgt, rcode] = rhs.as_slice() else {
            return Err(bad());
        };
        let code_or_q = |c: &str| (c != "Q").then(|| c.to_string());
        Ok(NestRule {
            outer_source: var(outer_source)?,
            inner_source: slot(isrc)?,
            inner_target: slot(itgt)?,
            inner_verb: (*iverb != "Q").then(|| verb_ref(verbs, iverb)),
            outer_verb: verb_ref(verbs, overb),
            result_source: var(rsrc)?,
            result_target: var(rtgt)?,
            result_code: code_or_q(rcode),
            text: format!("~ {} = {}", tr.pattern.trim(), tr.result.trim()),
            origin: tr.origin.clone(),
        })
    }
}

/// One predicate's event as the coder sees it before emitting.
#[derive(Clone, Debug)]
pub struct Reading<'a> {
    pub code: &'a str,
    /// The predicate's word.
    pub word: &'a str,
    pub source: Option<Range<usize>>,
    pub target: Option<Range<usize>>,
    /// The clause's subject is inherited, not its own.
    pub inherited: bool,
}

/// What a rule turns an (outer, inner) pair into.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewrite {
    pub source: Range<usize>,
    pub target: Range<usize>,
    pub code: String,
    /// The rule applied; `None` when no rule fitted and a governing verb
    /// took the act it governs ([`super::intent::governed_code`]).
    pub rule: Option<usize>,
}

/// Applies the first rule that fits an outer reading and the inner one it
/// reports. `codes` gives the actor codes of a span, to compare actors.
pub fn rewrite(
    rules: &[NestRule],
    outer: &Reading<'_>,
    inner: &Reading<'_>,
    codes: &dyn Fn(&Range<usize>) -> Vec<String>,
) -> Option<Rewrite> {
    let outer_source = outer.source.clone()?;
    'rules: for (ri, r) in rules.iter().enumerate() {
        if !r.outer_verb.matches(outer.code, outer.word) {
            continue;
        }
        if let Some(v) = &r.inner_verb {
            if !v.matches(inner.code, inner.word) {
                continue;
            }
        } else if inner.code.is_empty() || inner.code.chars().all(|c| c == '-') {
            continue;
        }
        let mut bound: Vec<(char, Range<usize>)> = vec![(r.outer_source, outer_source.clone())];
        let inner_source = if inner.inherited {
            None
        } else {
            inner.source.clone()
        };
        for (slot, span) in [
            (r.inner_source, inner_source),
            (r.inner_target, inner.target.clone()),
        ] {
            match (slot, span) {
                (Slot::Any, _) | (Slot::Empty, None) => {}
                (Slot::Empty, Some(_)) | (Slot::Var(_), None) => continue 'rules,
                (Slot::Var(v), Some(span)) => {
                    if let Some((_, b)) = bound.iter().find(|(x, _)| *x == v) {
                        let (mut x, mut y) = (codes(b), codes(&span));
                        x.sort();
                        y.sort();
                        if x != y || x.is_empty() {
                            continue 'rules;
                        }
                    } else {
                        bound.push((v, span));
                    }
                }
            }
        }
        let get = |v: char| bound.iter().find(|(x, _)| *x == v).map(|(_, s)| s.clone());
        let (Some(source), Some(target)) = (get(r.result_source), get(r.result_target)) else {
            continue;
        };
        let code = r
            .result_code
            .clone()
            .unwrap_or_else(|| inner.code.to_string());
        return Some(Rewrite {
            source,
            target,
            code,
            rule: Some(ri),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::compat::load_petrarch_verbs;
    use crate::dict::verbs::VerbDictionaryBuilder;

    const VERBS: &str = "\
--- EXPLAIN_VERBAL [010] ---
SAY {SAYS SAID SAYING}
--- DEMAND [100] ---
WANT [030]
--- PHYSICAL_CONFLICT [190] ---
ATTACK
--- ATTEMPT [---] ---
ATTEMPT
~ a (a b ATTACK) SAY = a b 015
~ a (b . ATTACK) SAY = a b 112
~ a (a b Q) SAY = a b Q
~ a (_ b ATTACK) WANT = a b 138
~ a (b . ATTACK) WANT = a b 021
";

    fn rules() -> Vec<NestRule> {
        let mut b = VerbDictionaryBuilder::new();
        let (n, irr) = crate::dict::builtin::IRREGULAR;
        b.load_irregular(n, irr);
        let trs = load_petrarch_verbs(&mut b, "t.txt", VERBS);
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        let d = b.build();
        trs.iter()
            .map(|t| NestRule::compile(t, &d).unwrap())
            .collect()
    }

    fn reading<'a>(
        code: &'a str,
        word: &'a str,
        s: Option<Range<usize>>,
        t: Option<Range<usize>>,
        inherited: bool,
    ) -> Reading<'a> {
        Reading {
            code,
            word,
            source: s,
            target: t,
            inherited,
        }
    }

    /// Spans 0..1 = USA, 2..3 = IRQ, 4..5 = ISIL, 6..7 = USA again ("they").
    fn codes(r: &Range<usize>) -> Vec<String> {
        let c = match r.start {
            0 | 6 => "USA",
            2 => "IRQ",
            4 => "ISI",
            _ => "",
        };
        vec![c.to_string()]
    }

    #[test]
    fn compiles_verbs_to_their_codes() {
        let r = rules();
        assert_eq!(r.len(), 5);
        assert_eq!(r[0].outer_verb.code.as_deref(), Some("010"));
        assert_eq!(
            r[0].inner_verb.as_ref().unwrap().code.as_deref(),
            Some("190")
        );
        assert_eq!(r[3].inner_source, Slot::Empty);
        assert_eq!(r[2].inner_verb, None);
        assert_eq!(r[2].result_code, None);
    }

    #[test]
    fn claim_of_responsibility_accusation_threat_and_appeal() {
        let r = rules();
        // "The US said they had attacked Iraq" (they = the US).
        let said = reading("010", "said", Some(0..1), None, false);
        let own = reading("190", "attacked", Some(6..7), Some(2..3), false);
        let w = rewrite(&r, &said, &own, &codes).unwrap();
        assert_eq!((w.source, w.target, w.code.as_str()), (0..1, 2..3, "015"));
        // "The US said ISIL had attacked Iraq": the US accuses ISIL.
        let other = reading("190", "attacked", Some(4..5), Some(2..3), false);
        let w = rewrite(&r, &said, &other, &codes).unwrap();
        assert_eq!((w.source, w.target, w.code.as_str()), (0..1, 4..5, "112"));
        // "The US said it would aid Iraq": any other own act keeps its code.
        let aid = reading("070", "aid", Some(6..7), Some(2..3), false);
        let w = rewrite(&r, &said, &aid, &codes).unwrap();
        assert_eq!((w.source, w.target, w.code.as_str()), (0..1, 2..3, "070"));
        // "The US wants to attack Iraq": a threat.
        let wants = reading("030", "wants", Some(0..1), None, false);
        let inf = reading("190", "attack", Some(0..1), Some(2..3), true);
        let w = rewrite(&r, &wants, &inf, &codes).unwrap();
        assert_eq!((w.target, w.code.as_str()), (2..3, "138"));
        // "The US wants ISIL to attack Iraq": an appeal to ISIL.
        let w = rewrite(&r, &wants, &other, &codes).unwrap();
        assert_eq!((w.target, w.code.as_str()), (4..5, "021"));
        // Nothing fits a statement about a meeting by someone else.
        let meet = reading("040", "met", Some(4..5), Some(2..3), false);
        assert_eq!(rewrite(&r, &said, &meet, &codes), None);
    }
}
