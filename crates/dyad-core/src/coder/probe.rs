//! The actor mentions the coder sees, without coding events.
//!
//! [`document_mentions`] runs the first stages of
//! [`Coder::code_document`](super::Coder::code_document) (sentences, tokens,
//! actor/sector/verb candidates, [`find_mentions`]) and stops before clause
//! analysis. It exists to measure actor resolution on its own
//! (`dyad eval-actors`): an event can be missed because the verb or the
//! clause was wrong even when both actors were found, and the two deserve
//! separate figures.
//!
//! It mirrors the coder's calling sequence rather than sharing it, because
//! the coder interleaves mention finding with predicate selection in one
//! function. If that sequence changes (for example, what counts as a
//! predicate when noun-phrase merging asks `predicate_at`), this file must
//! follow; the unit test below pins the two together on one sentence.

use crate::dict::matcher::{Candidates, PhraseMatch};
use crate::dict::verbs::VerbMatch;
use crate::document::Document;
use crate::text::{split_sentences, tokenize, Span, TokenBuf};

use super::mentions::{find_mentions, DocContext, Mention};
use super::Coder;

/// The mentions found in one sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentenceMentions {
    /// Byte span of the sentence in the document text.
    pub sentence: Span,
    /// True when a discard phrase matched: the coder codes nothing here and
    /// looks for no mentions, so `mentions` is empty.
    pub discarded: bool,
    /// Mentions in text order; their spans are byte offsets into the
    /// document text.
    pub mentions: Vec<Mention>,
}

/// The actor mentions the coder finds in each sentence of `doc`, with the
/// document context (last country, people already named) carried from one
/// sentence to the next as the coder carries it.
pub fn document_mentions(coder: &Coder, doc: &Document) -> Vec<SentenceMentions> {
    let actors = coder.actors();
    let verbs = coder.verbs();
    let text = doc.text.as_str();
    let mut sentences = Vec::new();
    split_sentences(text, &mut sentences);
    let mut ctx = DocContext::default();
    let mut tokens = TokenBuf::new();
    let (mut actor_c, mut sector_c, mut verb_c) = (
        Candidates::default(),
        Candidates::default(),
        Candidates::default(),
    );
    let mut hits: Vec<PhraseMatch> = Vec::new();
    let mut verb_matches: Vec<VerbMatch> = Vec::new();
    let mut out = Vec::with_capacity(sentences.len());
    for &sent in &sentences {
        tokenize(text, sent, &mut tokens);
        let mut found = SentenceMentions {
            sentence: sent,
            discarded: false,
            mentions: Vec::new(),
        };
        if tokens.is_empty() {
            out.push(found);
            continue;
        }
        actor_c.fill(actors.discards.vocab(), &tokens);
        actors.discards.find_all(&actor_c, &mut hits);
        if !hits.is_empty() {
            found.discarded = true;
            out.push(found);
            continue;
        }
        sector_c.fill(actors.sectors.vocab(), &tokens);
        verb_c.fill(verbs.vocab(), &tokens);
        verbs.find_all(&verb_c, &mut verb_matches);
        let mut predicate_at = vec![false; tokens.len()];
        for m in &verb_matches {
            if !verbs.pattern(m.pattern).noun {
                predicate_at[m.anchor] = true;
            }
        }
        actor_c.fill(actors.actors.vocab(), &tokens);
        find_mentions(
            actors,
            &tokens,
            &actor_c,
            &sector_c,
            doc.date,
            &mut ctx,
            &predicate_at,
            coder.options().context_countries,
            &mut hits,
            &mut found.mentions,
        );
        out.push(found);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_finds_the_actors_the_coder_codes() {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        let doc = Document {
            id: "probe".into(),
            text: "Azerbaijani President Ilham Aliyev met Israeli President Isaac Herzog in Baku."
                .into(),
            date: chrono::NaiveDate::from_ymd_opt(2024, 2, 16),
            ..Document::default()
        };
        let found = document_mentions(&coder, &doc);
        assert_eq!(found.len(), 1);
        let codes: Vec<&str> = found[0].mentions.iter().map(|m| m.code.as_str()).collect();
        let events = coder.code_document(&doc, &mut super::super::Scratch::default());
        for e in &events.events {
            assert!(
                codes.contains(&e.source.as_str()),
                "{codes:?} lacks {}",
                e.source
            );
            assert!(
                codes.contains(&e.target.as_str()),
                "{codes:?} lacks {}",
                e.target
            );
        }
        assert!(
            codes.contains(&"AZEGOV") && codes.contains(&"ISRGOV"),
            "{codes:?}"
        );
        for m in &found[0].mentions {
            assert!(!m.span.slice(&doc.text).is_empty());
        }
    }
}
