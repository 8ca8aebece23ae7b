//! Actor dictionaries (`.actors`, `Phoenix.*.actors.txt`).
//!
//! ```text
//! CROATIA_                        <- primary phrase, no code yet
//! +ZAGREB_                        <- synonym of the primary phrase
//!     [YUGHRV <910625]            <- dated codes, one per line
//!     [HRV >920115]
//! AXNOR  [AR1 <911226] [AR2]      <- TABARI: codes on the phrase line
//! ```
//!
//! Each record becomes one [`Entity`] (kind [`EntityKind::Other`]) and one
//! [`ActorPhrase`] per phrase. The undated code is [`Entity::code`] (empty if
//! the record has only dated codes); dated codes become [`Entity::roles`].
//! See the `compat` module documentation for the date semantics.

use super::common::{
    parse_code_block, split_brackets_lenient, CodeSpec, Lines, PhraseTok, Restriction,
};
use super::Dialect;
use crate::dict::actors::{
    ActorDictionaryBuilder, ActorPhrase, DatedCode, Entity, EntityKind, PhraseRole,
};
use crate::dict::DictError;

/// Loads a TABARI actor file (stems; see the `compat` module docs).
pub fn load_tabari_actors(b: &mut ActorDictionaryBuilder, file_name: &str, content: &str) {
    load_actors(b, file_name, content, Dialect::Tabari);
}

/// Loads a PETRARCH actor file (whole words).
pub fn load_petrarch_actors(b: &mut ActorDictionaryBuilder, file_name: &str, content: &str) {
    load_actors(b, file_name, content, Dialect::Petrarch);
}

/// One actor record being read.
struct Record {
    line: usize,
    label: String,
    phrases: Vec<(usize, String)>,
    codes: Vec<CodeSpec>,
    /// A code line (`[...]` on its own line) has been seen.
    code_lines: bool,
    /// A code block was malformed (already reported).
    bad_code: bool,
}

/// Loads an actor file in either dialect into `b`. Malformed lines become
/// [`DictError`]s; the rest of the file still loads.
pub fn load_actors(
    b: &mut ActorDictionaryBuilder,
    file_name: &str,
    content: &str,
    dialect: Dialect,
) {
    let mut tok = PhraseTok::default();
    let mut cur: Option<Record> = None;
    // TABARI's <NOUN> and <ADJECTIVE> lists are parsing hints, not actors.
    let mut skip_until: Option<String> = None;
    for line in Lines::new(content) {
        let t: &str = &line.text;
        let err = |m: String| DictError::new(file_name, line.no, m);
        if let Some(end) = &skip_until {
            if t.eq_ignore_ascii_case(end) {
                skip_until = None;
            }
            continue;
        }
        if let Some(tag) = t.strip_prefix('<') {
            let name = tag.trim_end_matches('>').trim().to_ascii_uppercase();
            match name.as_str() {
                "NOUN" | "ADJECTIVE" => skip_until = Some(format!("</{name}>")),
                _ => b.push_error(err(format!("unknown section tag {t:?}"))),
            }
            continue;
        }
        if t.starts_with('[') {
            let Some(rec) = cur.as_mut() else {
                b.push_error(err("code line before any actor phrase".into()));
                continue;
            };
            rec.code_lines = true;
            let (_, blocks, junk) = split_brackets_lenient(t);
            for body in blocks {
                match parse_code_block(body) {
                    Ok(c) => rec.codes.push(c),
                    Err(m) => {
                        rec.bad_code = true;
                        b.push_error(err(m));
                    }
                }
            }
            if let Some(m) = junk {
                b.push_error(err(m));
            }
            continue;
        }
        if let Some(syn) = t.strip_prefix('+') {
            let Some(rec) = cur.as_mut() else {
                b.push_error(err("synonym (`+`) before any actor phrase".into()));
                continue;
            };
            if syn.contains('[') {
                b.push_error(err(
                    "codes on a `+` synonym line: put them on the primary phrase".into(),
                ));
                continue;
            }
            rec.phrases.push((line.no, syn.trim().to_string()));
            continue;
        }
        // Keep the phrase and any good code of a line with trailing junk
        // (`A.H._BELO_CORPORATION_ [MNCMED] Newspapers/Magazines ...`).
        let (phrase, blocks, junk) = split_brackets_lenient(t);
        if let Some(m) = junk {
            b.push_error(err(m));
        }
        if phrase.is_empty() {
            b.push_error(err(format!("no actor phrase before the code in {t:?}")));
            continue;
        }
        let mut codes = Vec::new();
        let mut bad_code = false;
        for body in blocks {
            match parse_code_block(body) {
                Ok(c) => codes.push(c),
                Err(m) => {
                    bad_code = true;
                    b.push_error(err(m));
                }
            }
        }
        // Name variants listed as consecutive primary phrases before one code
        // block (CountryInfo-generated files) share that block.
        if let Some(rec) = cur.as_mut() {
            if rec.codes.is_empty()
                && !rec.code_lines
                && !rec.bad_code
                && codes.is_empty()
                && !bad_code
            {
                rec.phrases.push((line.no, phrase.to_string()));
                continue;
            }
        }
        if let Some(rec) = cur.take() {
            finish(b, file_name, rec, dialect, &mut tok);
        }
        cur = Some(Record {
            line: line.no,
            label: phrase.to_string(),
            phrases: vec![(line.no, phrase.to_string())],
            codes,
            code_lines: false,
            bad_code,
        });
    }
    if let Some(rec) = cur.take() {
        finish(b, file_name, rec, dialect, &mut tok);
    }
}

/// Turns a finished record into an entity and its phrases.
fn finish(
    b: &mut ActorDictionaryBuilder,
    file_name: &str,
    rec: Record,
    dialect: Dialect,
    tok: &mut PhraseTok,
) {
    if rec.codes.is_empty() {
        if rec.bad_code {
            // Its only codes were malformed, and those are already reported.
            return;
        }
        b.push_error(DictError::new(
            file_name,
            rec.line,
            format!("actor {:?} has no code", rec.label),
        ));
        return;
    }
    let mut code = String::new();
    let mut roles = Vec::new();
    for c in rec.codes {
        let (from, to) = match c.restriction {
            Restriction::None => {
                // A later undated code replaces an earlier one (PETRARCH).
                code = c.code;
                continue;
            }
            // `<d` is strictly before d: the role ends the day before.
            Restriction::Before(d) => (None, d.pred_opt()),
            Restriction::From(d) => (Some(d), None),
            Restriction::Between(a, z) => (Some(a), Some(z)),
        };
        roles.push(DatedCode {
            code: c.code,
            from,
            to,
        });
    }
    // `Entity::code_at` takes the first role that holds, so order them
    // narrowest first: an embedded interval overrides the one around it
    // (PETRARCH's validation records DATE-09 to DATE-11), and open-ended
    // roles come last. The sort is stable, so equal spans keep file order.
    roles.sort_by_key(|r| match (r.from, r.to) {
        (Some(f), Some(t)) => (t - f).num_days(),
        _ => i64::MAX,
    });
    let id = b.add_entity(Entity {
        kind: EntityKind::Other,
        label: rec.label,
        code,
        country: None,
        roles,
        given: None,
        surname: None,
        origin: format!("{file_name}:{}", rec.line),
    });
    for (line, phrase) in rec.phrases {
        let toks = tok.phrase(&phrase, dialect);
        if toks.is_empty() {
            b.push_error(DictError::new(
                file_name,
                line,
                format!("empty actor phrase {phrase:?}"),
            ));
            continue;
        }
        b.add_actor_phrase(
            &toks,
            ActorPhrase {
                entity: id,
                role: PhraseRole::Name,
                code: None,
            },
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::matcher::Candidates;
    use crate::dict::ActorDictionary;
    use crate::text::{tokenize, Span, TokenBuf};
    use chrono::NaiveDate;

    fn day(s: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
    }

    /// The code of the first actor found in `text` on `date`.
    fn code_in(d: &ActorDictionary, text: &str, date: &str) -> Option<String> {
        let mut t = TokenBuf::new();
        tokenize(text, Span::new(0, text.len()), &mut t);
        let mut c = Candidates::default();
        c.fill(d.actors.vocab(), &t);
        let mut out = Vec::new();
        d.actors.find_all(&c, &mut out);
        let m = out.first()?;
        let v = d.actors.values(m.node).first()?;
        Some(d.entity(v.entity).code_at(day(date)))
    }

    const GOLLUM: &str = "GOLLUM  ; pas 27 Apr 03\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 950601 - 990815]\n#\t[950601-990815]  incorrect\n\t[HOBREB > 990816]\n";

    #[test]
    fn tabari_record_with_synonyms_and_dates() {
        let mut b = ActorDictionaryBuilder::new();
        load_tabari_actors(&mut b, "demo.actors", GOLLUM);
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        let d = b.build();
        assert_eq!(d.entities.len(), 1);
        assert_eq!(d.entities[0].code, "");
        assert_eq!(d.entities[0].origin, "demo.actors:1");
        // `<d` is strict: the day itself belongs to the next interval.
        assert_eq!(code_in(&d, "Smeagol left", "1995-05-31").unwrap(), "HOB");
        assert_eq!(code_in(&d, "Smeagol left", "1995-06-01").unwrap(), "HOBGOV");
        // Intervals include both ends; `>d` includes d.
        assert_eq!(code_in(&d, "Gollum left", "1999-08-15").unwrap(), "HOBGOV");
        assert_eq!(code_in(&d, "Gollum left", "1999-08-16").unwrap(), "HOBREB");
        // Stems: "Gollums" matches GOLLUM.
        assert_eq!(code_in(&d, "Gollums left", "2001-01-01").unwrap(), "HOBREB");
    }

    #[test]
    fn embedded_interval_wins_and_default_applies_outside() {
        // PETR.Validate.actors.txt's SAM_GAMGEE with the PETRARCH records'
        // expectations (DATE-01 .. DATE-13).
        let src = "SAM_GAMGEE [HOB]\n\t[HOBCIV <20080120]\n\t[ORCHOB 20100109-20100112]\n\t[HOBMIL 20080120-20121109]\n\t[HOBGOV 20121109-20130119]\n\t[HOBELI >20130119]\n";
        let mut b = ActorDictionaryBuilder::new();
        load_petrarch_actors(&mut b, "v.txt", src);
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        let d = b.build();
        for (date, want) in [
            ("1995-01-04", "HOBCIV"),
            ("2008-01-19", "HOBCIV"),
            ("2010-01-06", "HOBMIL"),
            ("2010-01-09", "ORCHOB"),
            ("2010-01-12", "ORCHOB"),
            ("2010-01-13", "HOBMIL"),
            ("2012-12-31", "HOBGOV"),
            ("2014-01-04", "HOBELI"),
        ] {
            assert_eq!(code_in(&d, "Sam Gamgee met", date).unwrap(), want, "{date}");
        }
        // PETRARCH phrases are whole words: no stem match.
        assert_eq!(code_in(&d, "Sam Gamgees met", "2010-01-10"), None);
    }

    #[test]
    fn name_variants_before_one_code_block_share_it() {
        let src = "IVO_JOSIPOVIC_\nPRESIDENT_JOSIPOVIC_\nJOSIPOVIC_\n\t[HRVGOV >20120219]\nZORAN_MILANOVIC_ [HRVGOV]\n";
        let mut b = ActorDictionaryBuilder::new();
        load_petrarch_actors(&mut b, "c.txt", src);
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        let d = b.build();
        assert_eq!(d.entities.len(), 2);
        assert_eq!(d.actors.phrase_count(), 4);
        assert_eq!(
            code_in(&d, "President Josipovic said", "2013-01-01").unwrap(),
            "HRVGOV"
        );
    }

    #[test]
    fn malformed_lines_are_reported_with_their_line() {
        let src = "[ABC]\n+ORPHAN\nA [ARMUNR 9008223-911221]\nB\n\t[MNEGOV 20121204]\nC [X] junk\nD\nE [OK]\n+F [G]\n<WEIRD>\n";
        let mut b = ActorDictionaryBuilder::new();
        load_petrarch_actors(&mut b, "bad.txt", src);
        let mut lines: Vec<usize> = b.errors().iter().map(|e| e.line).collect();
        lines.sort_unstable();
        // 1 code before phrase, 2 orphan synonym, 3 bad date (A then has
        // no code: not reported twice), 5 B's only code has no direction,
        // 6 junk after C's good code, 7 D has no code, 9 code on a synonym,
        // 10 unknown tag.
        assert_eq!(lines, vec![1, 2, 3, 5, 6, 7, 9, 10], "{:?}", b.errors());
        let d = b.build();
        let codes: Vec<&str> = d.entities.iter().map(|e| e.code.as_str()).collect();
        assert_eq!(codes, vec!["X", "OK"]);
    }

    #[test]
    fn first_definition_of_a_phrase_wins() {
        let src =
            "CROATIA_\n+ZAGREB_\n\t[YUGHRV <910625]\n\t[HRV >920115]\nCROATIA_ [HRV]\n+ZAGREB_\n";
        let mut b = ActorDictionaryBuilder::new();
        load_petrarch_actors(&mut b, "c.txt", src);
        let d = b.build();
        assert_eq!(code_in(&d, "Zagreb said", "1990-06-01").unwrap(), "YUGHRV");
        assert_eq!(code_in(&d, "Zagreb said", "1995-06-01").unwrap(), "HRV");
    }
}
