//! Dictionaries: actors, sectors (agents), verbs and discards.
//!
//! Two families of formats load into the same types:
//!
//! * dyad's own block format (`native`, documented in `docs/dictionaries.md`),
//!   shipped in `data/` and compiled into the binary;
//! * the PETRARCH/TABARI formats (`compat`), so users keep their dictionaries.
//!
//! Loading never stops at the first bad line: each loader returns what it
//! could read plus a list of [`DictError`]s naming file and line. A
//! dictionary is then compiled once into immutable matchers
//! ([`matcher::PhraseMatcher`], [`verbs::VerbDictionary`]) that threads share.

pub mod actors;
pub mod compat;
pub mod inflect;
pub mod matcher;
pub mod native;
pub mod verbs;

use std::fmt;

pub use actors::{ActorDictionary, ActorDictionaryBuilder};
pub use verbs::{VerbDictionary, VerbDictionaryBuilder};

/// A problem in a dictionary file, with its location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DictError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

impl DictError {
    pub fn new(file: &str, line: usize, message: impl Into<String>) -> DictError {
        DictError {
            file: file.to_string(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for DictError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

impl std::error::Error for DictError {}

/// dyad's built-in dictionaries, compiled into the binary.
pub mod builtin {
    /// `(file name, content)` of each built-in actor file.
    pub const ACTORS: &[(&str, &str)] = &[
        ("states.dyad", include_str!("../../data/actors/states.dyad")),
        ("orgs.dyad", include_str!("../../data/actors/orgs.dyad")),
        ("people.dyad", include_str!("../../data/actors/people.dyad")),
    ];
    pub const SECTORS: &[(&str, &str)] = &[(
        "sectors.dyad",
        include_str!("../../data/actors/sectors.dyad"),
    )];
    pub const VERBS: &[(&str, &str)] =
        &[("cameo.dyad", include_str!("../../data/verbs/cameo.dyad"))];
    pub const IRREGULAR: (&str, &str) = (
        "irregular.dyad",
        include_str!("../../data/verbs/irregular.dyad"),
    );
}

/// Tokenises a dictionary phrase with the same tokenizer as news text, so a
/// phrase and the text it should match normalise identically.
pub fn phrase_tokens(phrase: &str) -> Vec<(String, bool)> {
    use crate::text::{tokenize, Span, TokenBuf};
    let mut buf = TokenBuf::new();
    tokenize(phrase, Span::new(0, phrase.len()), &mut buf);
    (0..buf.len())
        .map(|i| (buf.norm(i).to_string(), buf.tokens[i].all_caps))
        .collect()
}
