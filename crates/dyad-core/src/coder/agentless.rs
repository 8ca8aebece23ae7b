//! Attacks whose attacker the sentence does not name.
//!
//! News often reports violence through the weapon, not the perpetrator:
//! "police said a roadside bomb killed two soldiers", "three civilians were killed
//! in a suicide car bombing", "two servicemen were killed by an improvised
//! explosive device". CAMEO codes these with a null source (`---`), and the
//! PLOVER gold standard does the same ("--- IRQ ASSAULT"). The clause
//! analysis finds no subject (active) or no agent (passive) for them, so the
//! coder would drop them; [`victim`] recognises the construction and names
//! the victims, whom the coder then gives the null source.
//!
//! The rule is narrow on purpose: only the violent roots (18, 19, 20), and
//! only when an attack noun stands where the attacker would ("said a
//! *bomb* killed", "killed *by a bomb*", "killed *in an explosion*"). A
//! subjectless clause without one (a participle, a headline fragment) keeps
//! being dropped.

use std::ops::Range;

use crate::analysis::{Clause, Predicate, Voice};
use crate::dict::inflect::VerbForm;
use crate::text::{TokenBuf, TokenKind, WordList};

/// Nouns that name an attack or its weapon, standing in for the attacker.
const ATTACK_NOUNS: &WordList = &WordList::new(&[
    "attack",
    "attacks",
    "bomb",
    "bombs",
    "bombing",
    "bombings",
    "bomber",
    "bombers",
    "blast",
    "blasts",
    "explosion",
    "explosions",
    "device",
    "devices",
    "ied",
    "ieds",
    "mine",
    "mines",
    "landmine",
    "landmines",
    "shelling",
    "airstrike",
    "airstrikes",
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "mortar",
    "mortars",
    "grenade",
    "grenades",
    "gunfire",
    "ambush",
    "raid",
    "raids",
]);

/// Whether `code` is one of CAMEO's violent roots.
fn violent(code: &str) -> bool {
    matches!(code.get(..2), Some("18" | "19" | "20"))
}

/// The victims of an attack with no named attacker, if clause `c` of
/// predicate `p` is one: the passive subject ("civilians were killed in a
/// bombing") or the active object ("said a bomb killed two soldiers").
pub fn victim(t: &TokenBuf, c: &Clause, p: &Predicate, code: &str) -> Option<Range<usize>> {
    if !violent(code) || p.noun || c.agent.is_some() {
        return None;
    }
    let plain = |i: usize| t.tokens[i].kind == TokenKind::Word && !t.tokens[i].capitalized;
    match c.voice {
        Voice::Passive => {
            // "killed by an improvised explosive device", "killed in a
            // suicide car bombing": the preposition right after the verb,
            // then at most four plain words ending in an attack noun.
            let victims = c.subject.clone()?;
            let prep = p.end;
            if prep >= t.len() || !matches!(t.norm(prep), "by" | "in") {
                return None;
            }
            let phrase = (prep + 1..(prep + 6).min(t.len())).take_while(|&i| plain(i));
            phrase
                .clone()
                .any(|i| ATTACK_NOUNS.contains(&t.norm(i)))
                .then_some(victims)
        }
        _ => {
            // "said a roadside bomb killed two soldiers": a finite
            // verb with no subject, in a clause that opens with an attack
            // noun phrase ("a mortar bomb was fired at", a pattern with
            // words before its verb, and participles, "an attack targeting
            // civilians", are not this).
            if c.subject.is_some() || p.start != p.anchor || p.form == VerbForm::Gerund {
                return None;
            }
            // The victims follow the verb as its object ("killed at least
            // eight soldiers"), not after a preposition ("fired at it from
            // the Gaza Strip").
            let victims = c.object.clone()?;
            let direct = victims.start <= p.end + 5
                && (p.end..victims.start).all(|i| {
                    !matches!(
                        t.norm(i),
                        "at" | "from" | "in" | "on" | "near" | "into" | "to"
                    )
                });
            if !direct {
                return None;
            }
            let opening = c.bounds.start..(c.bounds.start + 4).min(p.start);
            let head = opening
                .clone()
                .find(|&i| ATTACK_NOUNS.contains(&t.norm(i)))?;
            // Plain words up to the noun: an attack phrase opening the
            // sentence ("A bombing ... killed") is left alone, as the gold
            // standards name its perpetrator from the place ("IRQ USA")
            // more often than they leave it null; measured, it cost
            // precision on PLOVER.
            (c.bounds.start..=head).all(plain).then_some(victims)
        }
    }
}
