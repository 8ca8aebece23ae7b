//! Agent dictionaries (`.agents`, `Phoenix.agents.txt`): sector phrases.
//!
//! ```text
//! !PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON     <- substitution set
//! POLICE {} [~COP]                              <- `{}`: no plural
//! ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]   <- explicit plural
//! CONGRESS!PERSON! [~LEG]                       <- one phrase per set member
//! HUMAN_RIGHTS_BODY [NGO~]                      <- prefix code: NGO + AZE
//! ```
//!
//! `[~GOV]` is a suffix code ([`Placement::Suffix`]), `[NGO~]` a prefix code.
//! In the PETRARCH dialect every phrase without `{...}` also gets its regular
//! plural ([`add_s`] on the last word); phrases made from a substitution set
//! get none, as in PETRARCH. TABARI agent phrases are stems, which match
//! their plurals already; one that ends in a whole word (`GUERRILLA_`) gets
//! the generated plural too, as TABARI codes "guerrillas" and "security
//! forces" (`SECURITY_FORCE_`) in its validation suite.

use std::collections::HashMap;

use super::common::{normalize_code, split_brackets, Lines, PhraseTok};
use super::Dialect;
use crate::dict::actors::{ActorDictionaryBuilder, Placement, SectorPhrase};
use crate::dict::inflect::add_s;
use crate::dict::matcher::PatTok;
use crate::dict::DictError;

/// Loads a TABARI agent file (stems).
pub fn load_tabari_agents(b: &mut ActorDictionaryBuilder, file_name: &str, content: &str) {
    load_agents(b, file_name, content, Dialect::Tabari);
}

/// Loads a PETRARCH agent file (whole words, generated plurals).
pub fn load_petrarch_agents(b: &mut ActorDictionaryBuilder, file_name: &str, content: &str) {
    load_agents(b, file_name, content, Dialect::Petrarch);
}

/// Loads an agent file in either dialect into `b`'s sector dictionary.
pub fn load_agents(
    b: &mut ActorDictionaryBuilder,
    file_name: &str,
    content: &str,
    dialect: Dialect,
) {
    let mut tok = PhraseTok::default();
    let mut sets: HashMap<String, Vec<String>> = HashMap::new();
    for line in Lines::new(content) {
        let t: &str = &line.text;
        let err = |m: String| DictError::new(file_name, line.no, m);
        if t.starts_with('!') && t.contains('=') && !t.contains('[') {
            match parse_set(t) {
                Ok((name, members)) => {
                    sets.insert(name, members);
                }
                Err(m) => b.push_error(err(m)),
            }
            continue;
        }
        if let Err(m) = add_entry(b, &mut tok, &sets, file_name, line.no, t, dialect) {
            b.push_error(err(m));
        }
    }
}

/// `!NAME! = A, B, C` → (NAME, [A, B, C]).
fn parse_set(t: &str) -> Result<(String, Vec<String>), String> {
    let (lhs, rhs) = t.split_once('=').ok_or("expected `!NAME! = A, B`")?;
    let name = lhs
        .trim()
        .strip_prefix('!')
        .and_then(|s| s.strip_suffix('!'))
        .filter(|s| !s.is_empty() && !s.contains('!'))
        .ok_or_else(|| format!("substitution set name {:?} must be `!NAME!`", lhs.trim()))?;
    let members: Vec<String> = rhs
        .split(',')
        .map(|m| m.trim().to_string())
        .filter(|m| !m.is_empty())
        .collect();
    if members.is_empty() {
        return Err(format!("substitution set !{name}! is empty"));
    }
    Ok((name.to_string(), members))
}

fn add_entry(
    b: &mut ActorDictionaryBuilder,
    tok: &mut PhraseTok,
    sets: &HashMap<String, Vec<String>>,
    file_name: &str,
    line: usize,
    t: &str,
    dialect: Dialect,
) -> Result<(), String> {
    let (left, blocks) = split_brackets(t)?;
    let [body] = blocks.as_slice() else {
        return Err(format!("expected one `[~CODE]` or `[CODE~]` in {t:?}"));
    };
    let body = body.trim();
    let (code, placement) = if let Some(c) = body.strip_prefix('~') {
        (c, Placement::Suffix)
    } else if let Some(c) = body.strip_suffix('~') {
        (c, Placement::Prefix)
    } else {
        return Err(format!(
            "agent code [{body}] needs `~` before (suffix) or after (prefix) it"
        ));
    };
    let code = normalize_code(code)?;
    let (phrase, plural) = match left.split_once('{') {
        Some((p, rest)) => {
            let (pl, after) = rest
                .split_once('}')
                .ok_or_else(|| format!("missing `}}` in {t:?}"))?;
            if !after.trim().is_empty() {
                return Err(format!("unexpected {:?} after the plural", after.trim()));
            }
            (p.trim(), Some(pl.trim()))
        }
        None => (left.trim(), None),
    };
    if phrase.is_empty() {
        return Err(format!("no agent phrase in {t:?}"));
    }
    let value = SectorPhrase {
        code,
        placement,
        origin: format!("{file_name}:{line}"),
        stacks: true,
    };
    let mut phrases: Vec<(String, bool)> = Vec::new();
    if phrase.contains('!') {
        // Substituted phrases are taken as written: no generated plurals.
        for p in substitute(phrase, sets)? {
            phrases.push((p, false));
        }
    } else {
        phrases.push((phrase.to_string(), plural.is_none()));
        if let Some(pl) = plural.filter(|p| !p.is_empty()) {
            phrases.push((pl.to_string(), false));
        }
    }
    for (p, auto_plural) in phrases {
        let toks = tok.phrase(&p, dialect);
        if toks.is_empty() {
            return Err(format!("empty agent phrase {p:?}"));
        }
        b.add_sector_phrase(&toks, value.clone());
        if auto_plural {
            if let Some(pl) = plural_of(&toks) {
                b.add_sector_phrase(&pl, value.clone());
            }
        }
    }
    Ok(())
}

/// Expands every `!NAME!` marker of `phrase` with its set's members.
fn substitute(phrase: &str, sets: &HashMap<String, Vec<String>>) -> Result<Vec<String>, String> {
    let Some(start) = phrase.find('!') else {
        return Ok(vec![phrase.to_string()]);
    };
    let rest = &phrase[start + 1..];
    let end = rest
        .find('!')
        .ok_or_else(|| format!("unclosed substitution marker in {phrase:?}"))?;
    let name = &rest[..end];
    let members = sets
        .get(name)
        .ok_or_else(|| format!("substitution set !{name}! is not defined"))?;
    let mut out = Vec::new();
    for m in members {
        let p = format!("{}{m}{}", &phrase[..start], &rest[end + 1..]);
        out.extend(substitute(&p, sets)?);
    }
    Ok(out)
}

/// The phrase with its last word pluralised, if that word is a word.
fn plural_of(toks: &[PatTok]) -> Option<Vec<PatTok>> {
    let (last, head) = toks.split_last()?;
    let w = match last {
        PatTok::Exact(w) | PatTok::Caps(w) => w,
        PatTok::Prefix(_) => return None,
    };
    if !w.chars().last().is_some_and(char::is_alphabetic) {
        return None;
    }
    let pl = add_s(w);
    let mut out = head.to_vec();
    out.push(PatTok::Exact(pl));
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::matcher::Candidates;
    use crate::dict::ActorDictionary;
    use crate::text::{tokenize, Span, TokenBuf};

    fn sectors(d: &ActorDictionary, text: &str) -> Vec<(String, Placement)> {
        let mut t = TokenBuf::new();
        tokenize(text, Span::new(0, text.len()), &mut t);
        let mut c = Candidates::default();
        c.fill(d.sectors.vocab(), &t);
        let mut out = Vec::new();
        d.sectors.find_all(&c, &mut out);
        out.iter()
            .map(|m| {
                let v = &d.sectors.values(m.node)[0];
                (v.code.clone(), v.placement)
            })
            .collect()
    }

    const SRC: &str = "<!-- test -->\n!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n\
        POLICE {} [ ~COP] # JON\nATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n\
        CONGRESS!PERSON! [~LEG]\nCONGRESS [~LEG]\nHUMAN_RIGHTS_BODY  [NGO~]\nAUTHORITY [~gov]\n";

    #[test]
    fn plurals_markers_and_placement() {
        let mut b = ActorDictionaryBuilder::new();
        load_petrarch_agents(&mut b, "a.txt", SRC);
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        let d = b.build();
        let s = |x| sectors(&d, x);
        assert_eq!(s("the police"), vec![("COP".into(), Placement::Suffix)]);
        assert!(s("the polices").is_empty(), "{{}} means no plural");
        assert_eq!(s("attorneys general")[0].0, "GOV");
        assert_eq!(s("congresswomen")[0].0, "LEG");
        assert!(s("congressmans").is_empty(), "no plural of a substitution");
        assert_eq!(s("congresses")[0].0, "LEG");
        assert_eq!(s("authorities")[0].0, "GOV");
        assert_eq!(
            s("human rights bodies"),
            vec![("NGO".into(), Placement::Prefix)]
        );
    }

    #[test]
    fn tabari_agents_are_stems_and_whole_words_get_plurals() {
        let mut b = ActorDictionaryBuilder::new();
        let src = "SOLDIER [~MIL]\nGUERRILLA_ [~REB]\nSECURITY_FORCE_ [~MIL]\nPOLICE_ {} [~COP]\n";
        load_tabari_agents(&mut b, "v.agents", src);
        let d = b.build();
        assert_eq!(sectors(&d, "soldiers")[0].0, "MIL");
        assert_eq!(sectors(&d, "the guerrillas")[0].0, "REB");
        assert_eq!(sectors(&d, "security forces")[0].0, "MIL");
        assert!(
            sectors(&d, "guerrillaz").is_empty(),
            "a whole word is no stem"
        );
        assert!(sectors(&d, "polices").is_empty(), "{{}} means no plural");
    }

    #[test]
    fn bad_entries_are_reported() {
        let src =
            "OFFICIAL\nMINISTER [GOV]\nX {Y [~A]\n!MINST!_OF_WALKS [~GOV]\n!BAD = A\nP [~A] [~B]\n";
        let mut b = ActorDictionaryBuilder::new();
        load_petrarch_agents(&mut b, "a.txt", src);
        let lines: Vec<usize> = b.errors().iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 2, 3, 4, 5, 6], "{:?}", b.errors());
    }
}
