//! Loaders for the PETRARCH and TABARI dictionary formats, so users keep the
//! dictionaries the field has built since KEDS.
//!
//! They load into the same builders as dyad's own format: actor records,
//! agents and discards into an [`ActorDictionaryBuilder`], verb patterns
//! into a [`VerbDictionaryBuilder`]. Nothing here is a parallel type; once
//! built, the coder cannot tell where an entry came from except by its
//! `origin` (`file:line`). Every loader reads a whole file, never panics,
//! and reports each malformed line as a [`DictError`](super::DictError) in the builder.
//!
//! | file | function |
//! |---|---|
//! | actors (`.actors`, `*.actors.txt`) | [`load_tabari_actors`], [`load_petrarch_actors`] |
//! | agents (`.agents`, `*.agents.txt`) | [`load_tabari_agents`], [`load_petrarch_agents`] |
//! | discards | [`load_tabari_discards`], [`load_petrarch_discards`] |
//! | TABARI verbs (`.verbs`) | [`load_tabari_verbs`] (returns [`TimeShift`]s) |
//! | PETRARCH-1/2 verbs | [`load_petrarch_verbs`] (returns [`Transformation`]s) |
//! | any of them, from disk | [`load_actor_file`], [`load_agent_file`], [`load_discard_file`], [`load_verb_file`] |
//!
//! # Semantics chosen, and why
//!
//! **Phrases.** Words are joined by `_` or a space and written in capitals;
//! each word is normalised by the news tokenizer (as in
//! [`phrase_tokens`](crate::dict::phrase_tokens)), so `AL-QAEDA` is `al`
//! `-` `qaeda`, exactly as the text will be. Matching ignores case, as in
//! both programs; the one exception is a phrase that is a single short
//! English function word (`US_`, `IS`, `IT`), which only matches capitals,
//! because otherwise the pronoun "us" would be the United States.
//!
//! **Stems: the two programs differ, so there are two dialects.** TABARI
//! matches every dictionary word as a prefix of a text word unless a `_`
//! follows it: `ARGENTIN` matches "Argentina" and "Argentine",
//! `UNITED_STATES` is exactly "united" then any word starting "states", and
//! in verb patterns `REAL~_PLEASANT` marks a stem that must still be
//! adjacent (TABARI's validation records CONNECT-08 to CONNECT-27 pin these
//! rules). PETRARCH matches whole words only ("Final underscores are no
//! longer needed since PETR does not do stemming", `PETRreader.py`); its
//! dictionaries drop the stems and add plurals instead. Applying TABARI
//! stems to PETRARCH files would be wrong: `Phoenix.Countries.actors.txt`
//! has entries such as `+GHOR` (an Afghan province) that would then match
//! "Ghorbani". So [`Dialect::Tabari`] makes un-terminated words
//! [`PatTok::Prefix`](crate::dict::matcher::PatTok) and
//! [`Dialect::Petrarch`] makes every word exact. [`Dialect::detect`] picks
//! one from the file name and content.
//!
//! **Spaces.** TABARI lets other words come between space-separated words.
//! Verb patterns keep that ([`Elem::Gap`](crate::dict::verbs::Elem) of up to
//! six words); actor, agent and discard phrases are matched as adjacent
//! words, as PETRARCH does, because the phrase matcher has no gaps.
//!
//! **Date restrictions** on actor codes: `[CODE <d]` holds strictly before d,
//! `[CODE >d]` from d on, `[CODE d1-d2]` from d1 to d2 with both days
//! included; dates are `YYMMDD` (00–30 → 20YY) or `YYYYMMDD`. This follows
//! PETRARCH-2's `check_date` for `<` and `>` and its validation records for
//! intervals (DATE-11 expects the upper bound to hold; PETRARCH-2's code
//! would not, Universal-PETRARCH's does). Where intervals overlap, the
//! narrowest wins (DATE-09 to DATE-11: an embedded interval overrides the
//! one around it), then file order. The undated code is the default outside
//! every restriction. Malformed dates (`9008223`, `201005011`, a date with
//! no `<`, `>` or range) are errors rather than PETRARCH's silent
//! truncation.
//!
//! **Records.** A primary phrase starts a record; `+` lines are synonyms;
//! code blocks follow on the phrase line (TABARI) or on their own lines.
//! Consecutive primary phrases with no code between them share the next
//! code block: CountryInfo-generated files list a person's name variants
//! that way (`IVO_JOSIPOVIC_`, `PRESIDENT_JOSIPOVIC_`, `JOSIPOVIC_`, then
//! `[HRVGOV >20120219]`), and PETRARCH-2 would code only the last of them.
//! When a phrase is defined twice, the first definition wins, as in TABARI
//! and as the coder reads phrase values.
//!
//! **Codes** are kept as written but upper-cased (`[pse]` is `PSE`),
//! including the specials `---` (null: the entry codes nothing, see
//! [`is_null_code`]), `###` and `+++`. Verb patterns with a null code are
//! kept, because a longer null pattern must still win over a shorter coding
//! one.
//!
//! **Not supported:** PETRARCH-1's agent `<Combine>` rules (not used by any
//! file here). PETRARCH-2 transformations are returned; the coder applies
//! them through [`crate::coder::nest`].

mod actors;
mod agents;
mod common;
mod discards;
mod pattern;
mod petrarch_verbs;
mod tabari_verbs;
#[cfg(test)]
mod tests;

use std::borrow::Cow;
use std::io;
use std::path::Path;

pub use actors::{load_actors, load_petrarch_actors, load_tabari_actors};
pub use agents::{load_agents, load_petrarch_agents, load_tabari_agents};
pub use discards::{load_discards, load_petrarch_discards, load_tabari_discards};
pub use pattern::{GAP, SKIP};
pub use petrarch_verbs::{load_petrarch_verbs, Transformation};
pub use tabari_verbs::{
    find_time_shift, load_tabari_verbs, Shift, ShiftEffect, TimePattern, TimeShift, TimeShiftMatch,
};

use super::{ActorDictionaryBuilder, VerbDictionaryBuilder};

/// Which program's matching rules a file was written for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Words without a following `_` are stems.
    Tabari,
    /// Whole words only.
    Petrarch,
}

impl Dialect {
    /// Guesses the dialect of a dictionary file: the TABARI extensions
    /// (`.actors`, `.agents`, `.verbs`) and TABARI's `~~FINISH` trailer or
    /// `;` comments mean TABARI; anything else (`.txt`, `#` and `<!-- -->`
    /// comments) PETRARCH.
    pub fn detect(file_name: &str, content: &str) -> Dialect {
        let lower = file_name.to_ascii_lowercase();
        if [".actors", ".agents", ".verbs"]
            .iter()
            .any(|e| lower.ends_with(e))
        {
            return Dialect::Tabari;
        }
        let (mut semi, mut hash) = (0usize, 0usize);
        for line in content.lines().take(2000) {
            if line.starts_with("~~FINISH") {
                return Dialect::Tabari;
            }
            if line.contains(" ;") || line.contains("];") {
                semi += 1;
            }
            if line.starts_with('#') || line.contains(" #") || line.starts_with("<!--") {
                hash += 1;
            }
        }
        if semi > hash {
            Dialect::Tabari
        } else {
            Dialect::Petrarch
        }
    }
}

/// True for the null code `---` (and an empty code): the entry matches but
/// codes nothing.
pub fn is_null_code(code: &str) -> bool {
    code.bytes().all(|b| b == b'-')
}

/// Decodes a dictionary file: UTF-8 when valid, otherwise Latin-1, which is
/// what the older TABARI files (`CAMEO.091003.master.verbs`) are in.
pub fn decode(bytes: &[u8]) -> Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => Cow::Owned(bytes.iter().map(|&b| b as char).collect()),
    }
}

fn read(path: &Path) -> io::Result<(String, String)> {
    let bytes = std::fs::read(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string());
    Ok((name, decode(&bytes).into_owned()))
}

/// Reads an actor file from disk in its detected [`Dialect`]; returns it.
pub fn load_actor_file(b: &mut ActorDictionaryBuilder, path: &Path) -> io::Result<Dialect> {
    let (name, content) = read(path)?;
    let d = Dialect::detect(&name, &content);
    load_actors(b, &name, &content, d);
    Ok(d)
}

/// Reads an agent file from disk in its detected [`Dialect`]; returns it.
pub fn load_agent_file(b: &mut ActorDictionaryBuilder, path: &Path) -> io::Result<Dialect> {
    let (name, content) = read(path)?;
    let d = Dialect::detect(&name, &content);
    load_agents(b, &name, &content, d);
    Ok(d)
}

/// Reads a discard list from disk in its detected [`Dialect`]; returns it.
pub fn load_discard_file(b: &mut ActorDictionaryBuilder, path: &Path) -> io::Result<Dialect> {
    let (name, content) = read(path)?;
    let d = Dialect::detect(&name, &content);
    load_discards(b, &name, &content, d);
    Ok(d)
}

/// What a verb file carries besides patterns.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct VerbFileExtras {
    /// TABARI `<TIME>` entries.
    pub time_shifts: Vec<TimeShift>,
    /// PETRARCH-2 transformations.
    pub transformations: Vec<Transformation>,
}

/// Reads a verb file from disk: PETRARCH if it has `--- NAME ---` blocks,
/// TABARI otherwise.
pub fn load_verb_file(b: &mut VerbDictionaryBuilder, path: &Path) -> io::Result<VerbFileExtras> {
    let (name, content) = read(path)?;
    let mut extras = VerbFileExtras::default();
    if is_petrarch_verbs(&content) {
        extras.transformations = load_petrarch_verbs(b, &name, &content);
    } else {
        extras.time_shifts = load_tabari_verbs(b, &name, &content);
    }
    Ok(extras)
}

/// PETRARCH verb files group verbs in `--- NAME [code] ---` blocks.
fn is_petrarch_verbs(content: &str) -> bool {
    content
        .lines()
        .any(|l| l.starts_with("---") && l.trim_end().ends_with("---") && l.trim().len() > 6)
}
