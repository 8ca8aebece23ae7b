//! The clause-analysis seam.
//!
//! The coder asks one question of each sentence: for each predicate, what is
//! its clause, its subject span, its object and agent spans, its voice, and
//! is it negated or only intended, hypothetical or asked about? A
//! [`ClauseAnalyzer`] answers. [`heuristic::HeuristicAnalyzer`] answers from
//! token patterns alone; a trained dependency parser can later answer the
//! same question behind the same trait, and the coder will not notice.
//!
//! The coder supplies the *candidate predicates* (verb-dictionary matches) and
//! the *nominal spans* (actor mentions): an analyser decides how they relate.

pub mod heuristic;
pub mod parsed;

use std::ops::Range;

use crate::dict::inflect::VerbForm;
use crate::text::TokenBuf;

/// A candidate predicate: a verb-dictionary match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Predicate {
    /// Tokens of the matched pattern.
    pub start: usize,
    pub end: usize,
    /// The verb (or event noun) itself.
    pub anchor: usize,
    pub form: VerbForm,
    /// A nominal event ("the attack on").
    pub noun: bool,
    /// Where the pattern says the target begins (`+`), if it does.
    pub target_at: Option<usize>,
}

/// What an analyser sees of one sentence.
#[derive(Clone, Copy, Debug)]
pub struct SentenceInput<'a> {
    pub text: &'a str,
    pub tokens: &'a TokenBuf,
    /// Sorted by `anchor`.
    pub predicates: &'a [Predicate],
    /// Token ranges of actor mentions, sorted and disjoint.
    pub mentions: &'a [Range<usize>],
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Voice {
    #[default]
    Active,
    Passive,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Modality {
    /// Reported as happening or having happened.
    #[default]
    Actual,
    /// Announced, planned or intended ("will meet", "plans to sign").
    Future,
    /// Possible, conditional or asked about ("could", "if", "?"): no event.
    Hypothetical,
}

/// The analysis of one predicate's clause.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Clause {
    /// Index into [`SentenceInput::predicates`].
    pub predicate: usize,
    /// Token range of the clause.
    pub bounds: Range<usize>,
    /// The grammatical subject (possibly coordinated actors).
    pub subject: Option<Range<usize>>,
    /// Direct object, or the first actor after the predicate.
    pub object: Option<Range<usize>>,
    /// The `by` agent of a passive verb or an event noun.
    pub agent: Option<Range<usize>>,
    pub voice: Voice,
    /// The word(s) that negate the predicate, if any ("not", "refused to").
    pub negation: Option<Range<usize>>,
    pub modality: Modality,
    /// The cue for a non-actual modality ("will", "plans to", "if").
    pub modality_cue: Option<Range<usize>>,
    /// The subject was inherited from a governing clause (relative clause,
    /// participle, infinitive or conjoined verb) rather than found locally.
    pub inherited_subject: bool,
}

/// Answers the coder's questions about a sentence's clauses.
pub trait ClauseAnalyzer: Send + Sync {
    /// A short name for `--analyzer` and evidence.
    fn name(&self) -> &'static str;
    /// Pushes one [`Clause`] per predicate (same order) onto `out`.
    fn analyze(&self, sentence: &SentenceInput<'_>, out: &mut Vec<Clause>);
}
