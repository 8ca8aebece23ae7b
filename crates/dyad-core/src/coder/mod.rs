//! The coder: sentences in, events out.
//!
//! For each sentence the coder
//!
//! 1. tokenises it ([`crate::text`]);
//! 2. finds actor mentions ([`mentions`]) and verb-pattern matches
//!    ([`crate::dict::verbs`]);
//! 3. asks the [`ClauseAnalyzer`] for each predicate's subject, object,
//!    agent, voice, negation and modality;
//! 4. emits one event per (source actor, target actor) pair: the subject is
//!    the source and the object the target, swapped for passives with a `by`
//!    agent; coordinated actors give one event each;
//! 5. applies the record rules: a refused or negated act of cooperation or
//!    yielding takes CAMEO's rejection code ([`refusal`]), other negated
//!    acts and hypothetical and question clauses emit nothing; announced
//!    actions take CAMEO's intent/threat codes
//!    ([`intent`]) and `mode: "future"`; one event per (source, target,
//!    code) per sentence; no event from an actor to itself unless both have
//!    sectors and they differ.
//!
//! A [`Coder`] is immutable and shared across threads; per-thread buffers
//! live in a [`Scratch`].

pub mod agentless;
pub mod intent;
pub mod mentions;
pub mod nest;
pub mod probe;
pub mod refusal;

#[cfg(test)]
mod construction_tests;

use std::borrow::Cow;
use std::collections::HashSet;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::analysis::heuristic::HeuristicAnalyzer;
use crate::analysis::{Clause, ClauseAnalyzer, Modality, Predicate, SentenceInput, Voice};
use crate::dict::inflect::VerbForm;
use crate::dict::matcher::{Candidates, JointVocab, PhraseMatch};
use crate::dict::verbs::VerbMatch;
use crate::dict::{ActorDictionary, DictError, VerbDictionary};
use crate::document::Document;
use crate::event::{Event, Evidence};
use crate::ontology::{self, QuadScheme};
use crate::text::{split_sentences, tokenize, Span, TokenBuf};
use mentions::{find_mentions, DocContext, Mention};

/// Options for a [`Coder`].
#[derive(Clone, Debug)]
pub struct CoderOptions {
    /// QuadClass scheme. By default, GDELT's.
    pub quad_scheme: QuadScheme,
    /// Keep only the first event per (date, source, target, code) in a
    /// document, as PETRARCH's one-a-day filter does. By default, disabled.
    pub one_a_day: bool,
    /// Print each sentence's mentions, predicates and clauses to stderr
    /// (`dyad code --explain`). By default, disabled.
    pub explain: bool,
    /// Give a sector word with no country ("the police") the document's
    /// country, as dyad's own dictionaries expect. PETRARCH codes such actors
    /// `---COP`; [`Coder`]s on PETRARCH/TABARI dictionaries turn this off.
    /// By default, enabled.
    pub context_countries: bool,
    /// Apply CAMEO's modality rules: announced actions take intent and
    /// threat codes (03x, 13x) and `mode: "future"`; hypotheticals and
    /// questions code nothing. PETRARCH and TABARI have no such rules, and
    /// their validation suites expect the plain code ("is about to restore
    /// ties" is 064), so [`Coder`]s on their dictionaries turn this off.
    /// By default, enabled.
    pub modality: bool,
    /// TABARI dating, with the `<TIME>` phrases of the verb dictionary:
    /// the first one in a sentence dates all its events that many days from
    /// the publication date (`###` discards the sentence, `+++` codes
    /// nothing from it); a sentence without one takes the publication date.
    /// dyad's own date expressions are not read (TABARI's suites date "on
    /// Thursday" by the story date). `Some` of an empty list is TABARI with
    /// `SET: TIME SHIFT = FALSE`. The phrases' word ids must come from this
    /// coder's verb dictionary. By default, `None`: dates come from
    /// [`crate::dates`].
    pub time_shifts: Option<Arc<Vec<crate::dict::compat::TimeShift>>>,
    /// PETRARCH-2 transformations of the verb dictionary, compiled against
    /// it ([`nest`]): an event reported by another ("the US said ISIL
    /// attacked Iraq") becomes one event (the US accuses ISIL). By default,
    /// none.
    pub nest_rules: Option<Arc<Vec<nest::NestRule>>>,
    /// Emit an event only when both its source and its target are known
    /// (PETRARCH's `require_dyad`). When off, a coded predicate with a
    /// source but no target still yields an event, the target coded `---`
    /// with empty text and no span ("crowds burned down its embassy" is
    /// `--- 222` from the crowds' actor), except for CAMEO 01x statements,
    /// which need someone they concern. By default, enabled.
    pub require_dyad: bool,
    /// Honour TABARI's discard (`###`) and complex (`+++`) codes: a sentence
    /// that names an actor or uses a verb coded so codes nothing. PETRARCH
    /// reads `###` as an ordinary code (its discards have a file of their
    /// own), so this is for TABARI dictionaries. By default, disabled.
    pub reject_codes: bool,
    /// A sentence with fewer words than this codes nothing: headlines,
    /// captions and datelines rarely state a whole event (TABARI `SET:
    /// MINIMUM WORDS`, 8 by default there). Words are tokens that begin with
    /// a letter or digit ("Gondor's" is one word). By default, 0: every
    /// sentence is coded.
    pub min_words: usize,
    /// Keep only the events of the first clause in a sentence that codes any
    /// (TABARI `SET: CODE BY SENTENCE`). By default, disabled: every clause
    /// codes (TABARI's `CODE BY CLAUSE` and `CODE ALL` both read so here).
    pub code_by_sentence: bool,
    /// An agent with no country in reach ("the police said") is an actor of
    /// unknown country, `---COP`, as PETRARCH codes it. TABARI leaves such
    /// agents uncoded unless `SET: CONVERT AGENT = TRUE`. By default,
    /// enabled.
    pub lone_sectors: bool,
    /// The source for a clause whose target is known but whose source is
    /// not (TABARI `DEFAULT: SOURCE [code]`): a news service's own country,
    /// say. By default, none.
    pub default_source: Option<DefaultActor>,
    /// The target for a clause whose source is known but whose target is
    /// not (TABARI `DEFAULT: TARGET [code]`). By default, none.
    pub default_target: Option<DefaultActor>,
    /// TABARI's one verb per clause: in each part of the sentence between
    /// coordinating conjunctions that join two verb phrases ("condemned the
    /// attack and promised aid"), only the first verb with a code codes;
    /// the verbs after it ("abandoned efforts to stop an anti-Gondor
    /// parade") are read as part of its phrase, not as events of their own.
    /// A verb whose pattern has a null code (`---`) or a subordinate one
    /// (ending in `?`, as TABARI's "said" is `023?`) leaves the clause to
    /// the next verb. By default, disabled: every predicate codes.
    pub first_verb_per_clause: bool,
    /// A sentence with at least this many verbs is too complex to code
    /// reliably and codes nothing (TABARI `COMPLEX: VERBS[n]`). Verbs are
    /// the verb-dictionary matches read as verbs (not nouns after a
    /// determiner, "the promised aid", nor names or adjectives) whose
    /// pattern has a code: a null-coded word (`---`) is not counted. By default,
    /// `None`: no limit.
    pub complex_verbs: Option<usize>,
}

/// A default actor ([`CoderOptions::default_source`],
/// [`CoderOptions::default_target`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DefaultActor {
    /// The actor code, e.g. `AZE` or `AZEGOV`.
    pub code: String,
    /// Use the default as soon as no actor stands on the verb's own side
    /// (before it for a source, after it for a target; TABARI's `PRIOR` and
    /// `AFTER`), before any rule looks elsewhere. Without it, the default
    /// only fills a slot the other rules leave empty: a compound subject
    /// with no object still acts on itself ("Bree and Arnor restored
    /// ties").
    pub first: bool,
}

impl Default for CoderOptions {
    fn default() -> Self {
        CoderOptions {
            quad_scheme: QuadScheme::Gdelt,
            one_a_day: false,
            explain: false,
            context_countries: true,
            modality: true,
            time_shifts: None,
            nest_rules: None,
            require_dyad: true,
            reject_codes: false,
            min_words: 0,
            code_by_sentence: false,
            lone_sectors: true,
            default_source: None,
            default_target: None,
            first_verb_per_clause: false,
            complex_verbs: None,
        }
    }
}

/// A passive clause's pattern and the actors it places
/// ([`Coder::passive_reading`]).
struct PassiveReading {
    pattern: u32,
    subject: Option<std::ops::Range<usize>>,
    agent: Option<std::ops::Range<usize>>,
}

/// Per-thread buffers, reused across documents.
#[derive(Default)]
pub struct Scratch {
    sentences: Vec<Span>,
    tokens: TokenBuf,
    actor_c: Candidates,
    sector_c: Candidates,
    discard_c: Candidates,
    verb_c: Candidates,
    hits: Vec<PhraseMatch>,
    mentions: Vec<Mention>,
    verb_matches: Vec<VerbMatch>,
    predicate_at: Vec<bool>,
    predicates: Vec<Predicate>,
    clauses: Vec<Clause>,
    dates: Vec<crate::dates::DateMention>,
    /// The mentions' token ranges, for the clause analyser.
    ranges: Vec<std::ops::Range<usize>>,
}

/// The result of coding one document.
#[derive(Clone, Debug, Default)]
pub struct CodedDocument {
    pub sentences: usize,
    pub events: Vec<Event>,
    /// Problems in the text worth telling the user (impossible dates).
    pub warnings: Vec<String>,
}

/// An immutable, thread-shareable event coder.
#[derive(Clone)]
pub struct Coder {
    actors: Arc<ActorDictionary>,
    verbs: Arc<VerbDictionary>,
    analyzer: Arc<dyn ClauseAnalyzer>,
    options: CoderOptions,
    /// The sector, discard, verb and actor vocabularies in one table
    /// ([`JointVocab`]); `None` when one of them has stems.
    joint: Option<Arc<JointVocab<4>>>,
}

const DETERMINERS: &[&str] = &[
    "a", "an", "the", "this", "that", "its", "their", "his", "her", "our", "any", "no", "such",
    "these", "those",
];

/// A "-" at `i - 1` touches the tokens on both sides of it.
fn hyphen_before(t: &TokenBuf, i: usize) -> bool {
    i >= 2
        && t.norm(i - 1) == "-"
        && t.tokens[i - 2].span.end == t.tokens[i - 1].span.start
        && t.tokens[i - 1].span.end == t.tokens[i].span.start
}

/// Token `i` is the second half of a hyphenated compound: a "-" touches it
/// and the word before.
fn hyphen_joined(t: &TokenBuf, i: usize) -> bool {
    hyphen_before(t, i) && t.tokens[i - 2].kind == crate::text::TokenKind::Word
}

/// Token `i` follows a hyphenated compound written in lower case
/// ("10-month-old", "cross-border", "anti-government"), with no space
/// around its hyphens. A capitalised first part is a name ("Al-Shabab").
fn after_hyphenated_modifier(t: &TokenBuf, i: usize) -> bool {
    if i < 3 || t.tokens[i - 1].kind != crate::text::TokenKind::Word || !hyphen_before(t, i - 1) {
        return false;
    }
    let mut first = i - 3;
    while hyphen_before(t, first) {
        first -= 2;
    }
    !t.tokens[first].capitalized
}

/// A number or quantifier: a participle after it ("the two exiled
/// dissidents", "several detained activists") modifies the noun that
/// follows.
fn is_quantity(w: &str) -> bool {
    (w.bytes().any(|b| b.is_ascii_digit()) && w.bytes().all(|b| b.is_ascii_digit() || b == b','))
        || matches!(
            w,
            "two"
                | "three"
                | "four"
                | "five"
                | "six"
                | "seven"
                | "eight"
                | "nine"
                | "ten"
                | "dozen"
                | "hundred"
                | "thousand"
                | "several"
                | "many"
                | "few"
                | "both"
        )
}

/// Prepositions after which a participle is an adjective.
const PARTICIPLE_PREPOSITIONS: &[&str] = &[
    "with", "of", "for", "from", "against", "among", "about", "on", "at", "into",
];

/// Prepositions after which a bare or -s verb form is a noun.
const NOUN_PREPOSITIONS: &[&str] = &[
    "with", "of", "for", "from", "against", "among", "about", "on", "at", "into", "in", "after",
    "before", "during", "over", "despite", "amid", "without", "by", "under",
];

/// Degree adverbs: the word after one is not a verb.
const INTENSIFIERS: &[&str] = &[
    "very",
    "too",
    "so",
    "quite",
    "extremely",
    "rather",
    "fairly",
];

impl Coder {
    pub fn new(
        actors: Arc<ActorDictionary>,
        verbs: Arc<VerbDictionary>,
        analyzer: Arc<dyn ClauseAnalyzer>,
        options: CoderOptions,
    ) -> Coder {
        let joint = JointVocab::new([
            actors.sectors.vocab(),
            actors.discards.vocab(),
            verbs.vocab(),
            actors.actors.vocab(),
        ])
        .map(Arc::new);
        Coder {
            actors,
            verbs,
            analyzer,
            options,
            joint,
        }
    }

    /// A coder on dyad's built-in dictionaries and the heuristic analyser.
    /// Errors in the built-in dictionaries are returned (tests keep them at
    /// zero).
    pub fn builtin() -> Result<Coder, Vec<DictError>> {
        let (actors, mut errors) = ActorDictionary::builtin();
        let (verbs, verrors) = VerbDictionary::builtin();
        errors.extend(verrors);
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Coder::new(
            Arc::new(actors),
            Arc::new(verbs),
            Arc::new(HeuristicAnalyzer),
            CoderOptions::default(),
        ))
    }

    /// The same coder with other options.
    pub fn with_options(mut self, options: CoderOptions) -> Coder {
        self.options = options;
        self
    }

    /// The same coder with another clause analyser.
    pub fn with_analyzer(mut self, analyzer: Arc<dyn ClauseAnalyzer>) -> Coder {
        self.analyzer = analyzer;
        self
    }

    pub fn actors(&self) -> &ActorDictionary {
        &self.actors
    }

    pub fn verbs(&self) -> &VerbDictionary {
        &self.verbs
    }

    pub fn options(&self) -> &CoderOptions {
        &self.options
    }

    /// Codes a whole document.
    pub fn code_document(&self, doc: &Document, s: &mut Scratch) -> CodedDocument {
        let mut out = CodedDocument::default();
        let mut ctx = DocContext::default();
        split_sentences(&doc.text, &mut s.sentences);
        out.sentences = s.sentences.len();
        let sentences = std::mem::take(&mut s.sentences);
        for (si, &sent) in sentences.iter().enumerate() {
            self.code_sentence(
                doc,
                si,
                sent,
                &mut ctx,
                s,
                &mut out.events,
                &mut out.warnings,
            );
        }
        s.sentences = sentences;
        if self.options.one_a_day {
            let mut seen = HashSet::new();
            out.events.retain(|e| {
                seen.insert((
                    e.date.clone(),
                    e.source.clone(),
                    e.target.clone(),
                    e.cameo.clone(),
                ))
            });
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn code_sentence(
        &self,
        doc: &Document,
        si: usize,
        sent: Span,
        ctx: &mut DocContext,
        s: &mut Scratch,
        events: &mut Vec<Event>,
        warnings: &mut Vec<String>,
    ) {
        let text = doc.text.as_str();
        tokenize(text, sent, &mut s.tokens);
        let t = &s.tokens;
        if t.is_empty() {
            return;
        }
        if self.options.min_words > 0 {
            let words = (0..t.len())
                .filter(|&i| t.norm(i).chars().next().is_some_and(char::is_alphanumeric))
                .count();
            if words < self.options.min_words {
                return;
            }
        }
        let cands = [
            &mut s.sector_c,
            &mut s.discard_c,
            &mut s.verb_c,
            &mut s.actor_c,
        ];
        match &self.joint {
            Some(j) => j.fill(t, cands),
            None => {
                let [sector_c, discard_c, verb_c, actor_c] = cands;
                sector_c.fill(self.actors.sectors.vocab(), t);
                discard_c.fill(self.actors.discards.vocab(), t);
                verb_c.fill(self.verbs.vocab(), t);
                actor_c.fill(self.actors.actors.vocab(), t);
            }
        }
        // Discarded sentences (sports, weather...) code nothing.
        if self.actors.discards.phrase_count() > 0 {
            self.actors.discards.find_all(&s.discard_c, &mut s.hits);
        } else {
            s.hits.clear();
        }
        if !s.hits.is_empty() {
            return;
        }
        // TABARI time phrases: a shift in days, or a sentence to skip.
        let mut shifted = None;
        let shifts = self
            .options
            .time_shifts
            .as_deref()
            .map_or(&[][..], |v| &v[..]);
        if let Some(m) = crate::dict::compat::find_time_shift(shifts, &s.verb_c) {
            use crate::dict::compat::ShiftEffect;
            match m.shift.effect() {
                ShiftEffect::Discard | ShiftEffect::Complex => return,
                ShiftEffect::Days(d) => {
                    shifted = doc
                        .date
                        .and_then(|dd| dd.checked_add_signed(chrono::Duration::days(d.into())))
                        .map(|date| crate::dates::ResolvedDate {
                            date,
                            precision: crate::dates::Precision::Day,
                        })
                }
                ShiftEffect::None => {}
            }
        }
        self.verbs.find_all(&s.verb_c, &mut s.verb_matches);
        s.predicate_at.clear();
        s.predicate_at.resize(t.len(), false);
        for m in &s.verb_matches {
            if !self.verbs.pattern(m.pattern).noun {
                s.predicate_at[m.anchor] = true;
            }
        }
        find_mentions(
            &self.actors,
            t,
            &s.actor_c,
            &s.sector_c,
            doc.date,
            ctx,
            &s.predicate_at,
            self.options.context_countries,
            &mut s.hits,
            &mut s.mentions,
        );
        s.predicates.clear();
        let mut last_end = 0;
        // A headline ("Russia Attacks Ukraine") capitalises its verbs.
        let (words, caps) = t.tokens.iter().fold((0, 0), |(w, c), tok| {
            let word = tok.kind == crate::text::TokenKind::Word;
            (w + word as usize, c + (word && tok.capitalized) as usize)
        });
        let title_case = caps * 2 > words;
        for m in &s.verb_matches {
            let p = self.verbs.pattern(m.pattern);
            // A verb pattern on a word used as a noun ("a protest") is not a
            // predicate; nor is a match inside an actor name or an earlier match.
            if !p.noun && m.anchor > 0 && DETERMINERS.contains(&t.norm(m.anchor - 1)) {
                continue;
            }
            // Nor is one after a degree adverb ("very close to the border"):
            // that word is an adjective or adverb.
            if !p.noun && m.anchor > 0 && INTENSIFIERS.contains(&t.norm(m.anchor - 1)) {
                continue;
            }
            // Nor is a capitalised word inside a sentence that is not in
            // title case ("unfurling \"Free Tibet\" banners"): a name or a
            // quoted slogan.
            if !p.noun
                && m.anchor > 0
                && t.tokens[m.anchor].capitalized
                && !t.tokens[m.anchor].all_caps
                && !matches!(t.norm(m.anchor - 1), ":" | "--" | ";")
                && !title_case
            {
                continue;
            }
            // Nor is a participle right after a preposition ("met with
            // exiled dissidents", "the release of detained activists"): it
            // modifies the noun that follows.
            if !p.noun
                && m.anchor > 0
                && m.anchor == m.start
                && matches!(
                    m.form,
                    VerbForm::PastParticiple | VerbForm::PastOrParticiple
                )
                && (PARTICIPLE_PREPOSITIONS.contains(&t.norm(m.anchor - 1))
                    || is_quantity(t.norm(m.anchor - 1)))
            {
                continue;
            }
            // Nor is a bare or -s form right after a preposition ("advised
            // against travel to", "after attacks on"): a preposition takes a
            // noun or a gerund, never a finite verb.
            if !p.noun
                && m.anchor > 0
                && m.anchor == m.start
                && matches!(m.form, VerbForm::Base | VerbForm::Third)
                && NOUN_PREPOSITIONS.contains(&t.norm(m.anchor - 1))
            {
                continue;
            }
            // Nor is a bare or -s form right after a lower-case hyphenated
            // modifier ("the 10-month-old conflict", "a cross-border
            // attack"): such compounds stand before nouns.
            if !p.noun
                && m.anchor == m.start
                && matches!(m.form, VerbForm::Base | VerbForm::Third)
                && after_hyphenated_modifier(t, m.anchor)
            {
                continue;
            }
            // Nor is a participle joined to the word before it by a hyphen
            // ("government-held", "Saudi-led", "Qaeda-linked"): the compound
            // is an adjective.
            if !p.noun
                && m.anchor == m.start
                && matches!(
                    m.form,
                    VerbForm::PastParticiple | VerbForm::PastOrParticiple
                )
                && hyphen_joined(t, m.anchor)
            {
                continue;
            }
            if s.mentions.iter().any(|mm| mm.tokens.contains(&m.anchor)) || m.anchor < last_end {
                continue;
            }
            last_end = m.end;
            s.predicates.push(Predicate {
                start: m.start,
                end: m.end,
                anchor: m.anchor,
                form: m.form,
                noun: p.noun,
                target_at: m.target_at,
            });
        }
        // TABARI's discard (`###`) and complex (`+++`) codes: a sentence that
        // names such an actor ("Nasgul", a sports team) or uses such a verb
        // ("blasted" in sports reports) is not coded at all, whichever
        // event the code would have been part of.
        let rejects = |code: &str| code.split('/').any(is_reject_code);
        if self.options.reject_codes
            && (s.mentions.iter().any(|m| rejects(&m.code))
                || s.predicates.iter().any(|p| {
                    s.verb_matches
                        .iter()
                        .filter(|m| m.anchor == p.anchor)
                        .any(|m| rejects(&self.verbs.pattern(m.pattern).code))
                }))
        {
            return;
        }
        if !self.options.lone_sectors {
            s.mentions
                .retain(|m| m.country != "---" || m.sector.is_empty());
        }
        if let Some(n) = self.options.complex_verbs {
            let verbs = s
                .predicates
                .iter()
                .filter(|p| {
                    !p.noun && !is_null_code(predicate_code(&self.verbs, &s.verb_matches, p))
                })
                .count();
            if verbs >= n {
                return;
            }
        }
        if self.options.first_verb_per_clause {
            // Later verbs of a clause are words of its first one: drop them
            // before the analysis, so they do not end its object early.
            let clause_of = verb_clauses(t, &s.predicates);
            let mut claimed: Vec<usize> = Vec::new();
            let (verbs, matches) = (&self.verbs, &s.verb_matches);
            let mut i = 0;
            s.predicates.retain(|p| {
                let clause = clause_of[i];
                i += 1;
                if claimed.contains(&clause) {
                    return false;
                }
                let code = predicate_code(verbs, matches, p);
                let coded = !is_null_code(code) && !code.ends_with('?');
                if coded {
                    claimed.push(clause);
                }
                true
            });
        }
        if s.predicates.is_empty() || s.mentions.is_empty() {
            return;
        }
        // Reused across sentences (put back at the end).
        let mut ranges = std::mem::take(&mut s.ranges);
        ranges.clear();
        ranges.extend(s.mentions.iter().map(|m| m.tokens.clone()));
        s.clauses.clear();
        let input = SentenceInput {
            text,
            tokens: t,
            predicates: &s.predicates,
            mentions: &ranges,
        };
        self.analyzer.analyze(&input, &mut s.clauses);

        if self.options.explain {
            self.explain(text, si, t, &s.mentions, &s.predicates, &s.clauses);
        }
        // Dates: future clauses resolve "3 March" forwards.
        let clauses = &s.clauses;
        let future = |i: usize| {
            clauses
                .iter()
                .any(|c| c.modality == Modality::Future && c.bounds.contains(&i))
        };
        crate::dates::find_dates(t, doc.date, &future, &mut s.dates);
        for d in &s.dates {
            if d.resolved.is_none() && !d.future {
                let span = Span::new(
                    t.tokens[d.tokens.start].span.start as usize,
                    t.tokens[d.tokens.end - 1].span.end as usize,
                );
                warnings.push(format!(
                    "document {}: impossible date {:?} at byte {}; the publication date is used",
                    doc.id,
                    span.slice(text),
                    span.start
                ));
            }
        }

        let rewrites = self.nest_rewrites(t, s);
        if self.options.explain {
            let rules = self
                .options
                .nest_rules
                .as_deref()
                .map_or(&[][..], |r| &r[..]);
            for (o, i, w) in &rewrites {
                let why = match w.rule {
                    Some(r) => format!("{} at {}", rules[r].text, rules[r].origin),
                    None => "the governing verb takes the act".to_string(),
                };
                eprintln!(
                    "  nested: predicate {o} reports predicate {i} -> {} ({why})",
                    w.code
                );
            }
        }
        let mut seen: HashSet<(String, String, String)> = HashSet::new();
        let first_event = events.len();
        // Targetless events wait for the end of the sentence: an actor that
        // acts on a named target elsewhere in it ("police opened fire on
        // protesters, arresting 12") is not left without one.
        let mut targetless: Vec<Event> = Vec::new();
        for (ci, c) in s.clauses.iter().enumerate() {
            if self.options.code_by_sentence && events.len() > first_event {
                break;
            }
            if rewrites.iter().any(|(outer, _, _)| *outer == ci) {
                continue;
            }
            let rewrite = rewrites
                .iter()
                .find(|(_, inner, _)| *inner == ci)
                .map(|(_, _, w)| w);
            let p = &s.predicates[c.predicate];
            let vm = s
                .verb_matches
                .iter()
                .find(|m| m.anchor == p.anchor)
                .expect("every predicate comes from a verb match");
            let mut pat = self.verbs.pattern(vm.pattern);
            let (mut subject, mut agent) = (c.subject.clone(), c.agent.clone());
            if c.voice == Voice::Passive {
                if let Some(pm) = self.passive_reading(t, s, c, &ranges, pat.literal_len) {
                    pat = self.verbs.pattern(pm.pattern);
                    subject = subject.or(pm.subject);
                    agent = agent.or(pm.agent);
                    if self.options.explain {
                        eprintln!(
                            "  passive: predicate {:?} reads {:?} ({})",
                            p.start..p.end,
                            pat.text,
                            pat.origin
                        );
                    }
                }
            }
            // A negation the pattern itself spells out ("has not urged",
            // "refused to meet") is what the pattern codes, not a reason to
            // drop it.
            let negated = c
                .negation
                .as_ref()
                .is_some_and(|n| !(vm.start <= n.start && n.end <= vm.end));
            // What a directive asks of its addressee ("pressured by Congress
            // to help Iran") has not happened, under any dictionary.
            let asked_for = c.modality == Modality::Hypothetical
                && c.modality_cue.as_ref().is_some_and(|r| {
                    let w = t.norm(r.start);
                    crate::analysis::heuristic::DIRECTIVES.contains(&w)
                        || crate::analysis::heuristic::AIMS.contains(&w)
                });
            // A nested rule codes the wish or claim itself ("wants Putin to
            // attack" is an appeal), whatever the inner clause's modality.
            let unreal = asked_for || self.options.modality && c.modality == Modality::Hypothetical;
            // A refused act of cooperation or yielding ("would not provide
            // support", "refused to lift the curfew") is CAMEO's rejection
            // of it ([`refusal`]); every other negated act codes nothing.
            let rejection = if negated && !unreal {
                self.rejection(t, &s.predicates, &ranges, c, pat)
            } else {
                None
            };
            if negated && rejection.is_none() || unreal && rewrite.is_none() {
                continue;
            }
            if self.options.explain {
                if let Some(r) = &rejection {
                    eprintln!(
                        "  refused: predicate {:?} {:?} {} -> {} (negated by {:?})",
                        p.start..p.end,
                        t.norm(p.anchor),
                        r.act,
                        r.code,
                        r.cue
                    );
                }
            }
            let describe = |c: &Clause, t: &TokenBuf| match &rejection {
                Some(r) => format!("{}; {}", describe(c, t), r.describe()),
                None => describe(c, t),
            };
            // "killed in a car bombing": an attack with no named attacker
            // has a null source (coder::agentless).
            let unnamed = agentless::victim(t, c, p, &pat.code);
            let (src_span, tgt_span, passive) = match (c.voice, &agent) {
                (Voice::Passive, Some(agent)) => (Some(agent.clone()), subject.clone(), true),
                (Voice::Passive, None) if unnamed.is_some() => (None, unnamed.clone(), true),
                (Voice::Passive, None) => continue,
                _ => (
                    c.subject
                        .clone()
                        .or_else(|| if p.noun { c.agent.clone() } else { None }),
                    c.object.clone(),
                    false,
                ),
            };
            // Actor slots the pattern itself places ($, +, %) override the
            // clause analysis: "+ WAS * DEAD IN $" puts the source after
            // the verb and the target before it.
            let group_from = |at: usize| -> Option<std::ops::Range<usize>> {
                if at <= p.anchor {
                    // A slot before the verb: an actor inside it, else the
                    // one ending just before it ("Fornost and Gondor
                    // welcomed", `% *`).
                    let idx = ranges
                        .iter()
                        .position(|r| r.start >= at && r.end <= p.anchor)
                        .or_else(|| ranges.iter().rposition(|r| r.end <= at && r.end + 3 >= at))?;
                    return Some(crate::analysis::heuristic::coordinated_group_containing(
                        t, &ranges, idx,
                    ));
                }
                let idx = ranges
                    .iter()
                    .position(|r| r.start >= at && r.start <= at + 8)?;
                Some(crate::analysis::heuristic::coordinated_group(
                    t, &ranges, idx,
                ))
            };
            if let Some(group) = vm.compound_at.and_then(group_from) {
                let members: Vec<Mention> = s
                    .mentions
                    .iter()
                    .filter(|m| m.tokens.start >= group.start && m.tokens.end <= group.end)
                    .flat_map(Mention::expand)
                    .collect();
                if members.len() >= 2 && !is_null_code(&pat.code) {
                    let verb_span = Span::new(
                        t.tokens[p.start].span.start as usize,
                        t.tokens[p.end - 1].span.end as usize,
                    );
                    let clause_desc =
                        format!("{}; compound actor acts on itself (%)", describe(c, t));
                    // Each ordered pair, with the paired code too (`[044:045]`);
                    // a refusal has no paired code.
                    let codes: Vec<&str> = match &rejection {
                        Some(r) => vec![r.code],
                        None => std::iter::once(&pat.code)
                            .chain(pat.paired_code.iter().filter(|c| !is_null_code(c)))
                            .map(String::as_str)
                            .collect(),
                    };
                    for code in codes {
                        for a in &members {
                            for b in &members {
                                if a.code != b.code
                                    && seen.insert((
                                        a.code.clone(),
                                        b.code.clone(),
                                        code.to_string(),
                                    ))
                                {
                                    events.push(self.event(
                                        doc,
                                        si,
                                        sent,
                                        a,
                                        b,
                                        code,
                                        None,
                                        verb_span,
                                        pat,
                                        &clause_desc,
                                    ));
                                }
                            }
                        }
                    }
                    continue;
                }
            }
            let (mut src_span, mut tgt_span) = (src_span, tgt_span);
            if let Some(at) = vm.target_at.filter(|&at| at < p.anchor && !passive) {
                if let Some(g) = group_from(at) {
                    // The target sits before the verb; the source is the
                    // subject if that is another actor, else the object.
                    let overlaps = |r: &std::ops::Range<usize>| r.start < g.end && g.start < r.end;
                    src_span = match &c.subject {
                        Some(sub) if !overlaps(sub) => Some(sub.clone()),
                        _ => c.object.clone(),
                    };
                    tgt_span = Some(g);
                }
            }
            if let Some(at) = vm.source_at.filter(|&at| at > p.anchor) {
                src_span = group_from(at).or(src_span);
            }
            // "Russia, Iran and Turkey will meet", "the two countries signed
            // a deal": with no object, the members of a compound subject act
            // on each other, in the roots where that reading holds.
            if let (Some(sub), None, false) = (&src_span, &tgt_span, passive) {
                let mutual_root = matches!(
                    pat.code.get(..2),
                    Some("03" | "04" | "05" | "06" | "07" | "08" | "19")
                );
                // Not for an inherited subject: "will meet in Zurich to
                // discuss" codes the meeting once. A default target takes
                // the slot instead if it comes first (TABARI `AFTER`), or if
                // the subject is one actor, which cannot act on itself.
                let default_instead = self.options.default_target.as_ref().is_some_and(|d| {
                    d.first
                        || s.mentions
                            .iter()
                            .filter(|m| m.tokens.start >= sub.start && m.tokens.end <= sub.end)
                            .flat_map(Mention::expand)
                            .count()
                            < 2
                });
                if mutual_root
                    && !p.noun
                    && !c.inherited_subject
                    && !is_null_code(&pat.code)
                    && !default_instead
                {
                    tgt_span = Some(sub.clone());
                }
            }
            if let Some(w) = rewrite {
                (src_span, tgt_span) = (Some(w.source.clone()), Some(w.target.clone()));
            }
            // An empty source takes the default actor, if there is one, in
            // a clause with a target of its own.
            let (src_default, tgt_default) = (
                self.options.default_source.as_ref(),
                self.options.default_target.as_ref(),
            );
            if src_span.is_none()
                && (src_default.is_none() || tgt_span.is_none())
                && unnamed.is_none()
            {
                continue;
            }
            // The forward code (unless null: `---` patterns exist to block
            // shorter ones) and any paired reverse event.
            let forward = if passive {
                pat.passive_code.as_ref().unwrap_or(&pat.code)
            } else {
                &pat.code
            };
            let forward = rewrite.map_or(forward.as_str(), |w| &w.code);
            // A refusal codes its rejection alone: no paired reverse event
            // ("refused to meet" is not met in return) and no intent code
            // ("will not provide aid" is refused now).
            let forward = rejection.as_ref().map_or(forward, |r| r.code);
            // Borrowed from the pattern: most clauses make no event.
            let mut codes: Vec<(Cow<'_, str>, bool)> = Vec::with_capacity(2);
            if !is_null_code(forward) {
                codes.push((Cow::Borrowed(forward), false));
            }
            if let Some(pc) = pat
                .paired_code
                .as_ref()
                .filter(|c| !is_null_code(c) && rewrite.is_none() && rejection.is_none())
            {
                codes.push((Cow::Borrowed(pc), true));
            }
            // The date expression nearest the predicate inside its clause
            // (under TABARI time shifts, the sentence's shift). One that
            // refers to after publication ("next month", "in the coming
            // weeks") makes the event an announced one, as a future clause
            // does.
            let (date, future_date) = if self.options.time_shifts.is_some() {
                (shifted, false)
            } else {
                s.dates
                    .iter()
                    .filter(|d| {
                        d.tokens.start >= c.bounds.start && d.tokens.end <= c.bounds.end.max(p.end)
                    })
                    .filter(|d| (d.resolved.is_some() || d.future) && (p.noun || !d.possessive))
                    .min_by_key(|d| d.tokens.start.abs_diff(p.anchor))
                    .map_or((None, false), |d| (d.resolved, d.future))
            };
            let mut mode = None;
            if self.options.modality
                && rejection.is_none()
                && (c.modality == Modality::Future || future_date)
            {
                for (code, _) in codes.iter_mut() {
                    if let Some(fc) = intent::future_code(code) {
                        *code = Cow::Borrowed(fc);
                    }
                }
                mode = Some("future");
            }
            // A mutual pair ("will meet", `[036:036]`) holds whatever the
            // modality; the other side of a complementary one (visiting and
            // hosting, `[042:043]`) only once the act is real: "prepared to
            // attend the Beijing Olympics" hosts nothing yet.
            if c.modality != Modality::Actual && codes.len() == 2 && codes[0].0 != codes[1].0 {
                codes.pop();
            }
            let verb_span = Span::new(
                t.tokens[p.start].span.start as usize,
                t.tokens[p.end - 1].span.end as usize,
            );
            // Described only if an event is made (most clauses make none).
            let mut clause_desc: Option<String> = None;
            // The mentions inside `r`, compound ones expanded; the others
            // are borrowed, not cloned ([`Mention::expand`] would copy them).
            let within = |r: &std::ops::Range<usize>| -> Vec<Cow<'_, Mention>> {
                let mut v = Vec::new();
                for m in s
                    .mentions
                    .iter()
                    .filter(|m| m.tokens.start >= r.start && m.tokens.end <= r.end)
                {
                    if m.code.contains('/') {
                        v.extend(m.expand().into_iter().map(Cow::Owned));
                    } else {
                        v.push(Cow::Borrowed(m));
                    }
                }
                v
            };
            let sources = match (&src_span, src_default) {
                (Some(r), _) => within(r),
                (None, Some(d)) => vec![Cow::Owned(default_mention(d, "source", verb_span))],
                (None, None) if unnamed.is_some() => vec![Cow::Owned(Mention::absent())],
                (None, None) => Vec::new(),
            };
            let mut targets = tgt_span.as_ref().map(&within).unwrap_or_default();
            // Whether the event waits for the end of the sentence (below).
            let mut deferred = false;
            if targets.is_empty() {
                if let Some(d) = tgt_default.filter(|_| tgt_span.is_none()) {
                    // An empty target takes the default actor.
                    targets.push(Cow::Owned(default_mention(d, "target", verb_span)));
                } else if !self.options.require_dyad {
                    targets.push(Cow::Owned(Mention::absent()));
                    // A statement with no one it is addressed to or about
                    // (CAMEO 01x: "the agency said on Thursday") says only
                    // that someone spoke: not an event.
                    codes.retain(|(code, _)| !code.starts_with("01"));
                } else if tgt_span.is_none()
                    && !p.noun
                    && !codes.is_empty()
                    && codes.iter().all(|(c, _)| self.verbs.allows_targetless(c))
                {
                    // No recipient named: CAMEO codes the event with a null
                    // target where the dictionary allows it for the code
                    // ("protesters rallied", "the minister resigned").
                    targets.push(Cow::Owned(Mention::absent()));
                    deferred = true;
                } else {
                    continue;
                }
            }
            for src in &sources {
                for tgt in &targets {
                    // No event from an actor to itself unless the sectors differ:
                    // AZEREL→AZEGOV and AZECOP→AZE are dyads, AZE→AZE is not.
                    // (Requiring both sectors scored lower on the PETR2 and
                    // PLOVER gold standards, whose coders code state→own-sector
                    // events.)
                    if src.code == tgt.code
                        || src.country == tgt.country && src.sector == tgt.sector
                    {
                        continue;
                    }
                    // A plain statement (010) by a state's organ about its
                    // own country ("the Canadian government announced bans
                    // on travel to Canada") is addressed to no one else: not
                    // an event. One with a stance (018 "expressed sorrow for
                    // the shootings in South Carolina") still is.
                    let to_itself = src.country == tgt.country
                        && (src.sector.is_empty() || tgt.sector.is_empty());
                    // A targetless event has no reverse.
                    let codes = codes.iter().filter(|(code, reversed)| {
                        !(*reversed && deferred || to_itself && code == "010")
                    });
                    for (code, reversed) in codes {
                        let (a, b) = if *reversed { (tgt, src) } else { (src, tgt) };
                        if !seen.insert((a.code.clone(), b.code.clone(), code.to_string())) {
                            continue;
                        }
                        let mut ev = self.event(
                            doc,
                            si,
                            sent,
                            a,
                            b,
                            code,
                            mode,
                            verb_span,
                            pat,
                            clause_desc.get_or_insert_with(|| describe(c, t)),
                        );
                        if let Some(r) = date {
                            ev.date = r.format();
                            ev.date_source = "text";
                        }
                        if deferred {
                            targetless.push(ev);
                        } else {
                            events.push(ev);
                        }
                    }
                }
            }
        }
        for mut ev in targetless {
            let elsewhere = events[first_event..]
                .iter()
                .position(|e| e.source == ev.source && e.evidence.target_span.is_some());
            // A domestic act by an actor that acts on a named target in the
            // same sentence is aimed there too: "students staged
            // demonstrations to demand reforms by the government" protest
            // against the government.
            if let Some(k) = elsewhere.filter(|_| self.verbs.acts_at_home(&ev.cameo)) {
                let o = &events[first_event + k];
                let known = events[first_event..]
                    .iter()
                    .any(|e| e.source == ev.source && e.target == o.target && e.cameo == ev.cameo);
                if !known {
                    ev.target = o.target.clone();
                    ev.target_country = o.target_country.clone();
                    ev.target_sector = o.target_sector.clone();
                    ev.target_text = o.target_text.clone();
                    ev.evidence.target_span = o.evidence.target_span;
                    ev.evidence.target_rule =
                        format!("the target of the actor's other act ({})", o.cameo);
                    events.push(ev);
                }
                continue;
            }
            let acts_elsewhere = elsewhere.is_some();
            // An actor of no known country ("a protester") acting on no one
            // says too little to be an event.
            let placed = !ev.source_country.starts_with("---");
            if placed && !acts_elsewhere {
                if self.verbs.acts_at_home(&ev.cameo) {
                    self.act_at_home(&mut ev);
                }
                events.push(ev);
            }
        }
        s.ranges = ranges;
    }

    /// Gives a targetless domestic event ([`VerbDictionary::acts_at_home`])
    /// its source's own country as target, as CAMEO codes domestic protest
    /// and repression: the state's own organs (government, military,
    /// police, courts, legislature, named office-holders) act on the
    /// country, anyone else (students, strikers, the opposition, "Iraqi
    /// Kurds") acts on its government. Events of a non-state source (an IGO,
    /// a transnational group) keep target `---`.
    fn act_at_home(&self, ev: &mut Event) {
        use crate::dict::actors::EntityKind;
        let country = ev.source_country.as_str();
        let is_state = self
            .actors
            .entities
            .iter()
            .any(|e| e.kind == EntityKind::State && e.code == country);
        if !is_state {
            return;
        }
        let state_organ = matches!(
            ev.source_sector.as_str(),
            "GOV" | "MIL" | "COP" | "JUD" | "LEG" | "SPY" | "ELI"
        );
        let sector = if state_organ { "" } else { "GOV" };
        ev.target = format!("{country}{sector}");
        ev.target_country = country.to_string();
        ev.target_sector = sector.to_string();
        ev.evidence.target_rule = format!(
            "domestic: a targetless {} acts on the source's own {}",
            ev.cameo,
            if state_organ { "country" } else { "government" }
        );
    }

    /// The rejection a negated clause codes ([`refusal`]): its cue must
    /// refuse ("not", "refused to", not "without"), and must negate this
    /// predicate itself, not one governing it: in "would not give
    /// permission to Russia to help Israel" the permission is refused, not
    /// the help, and in "would not allow Iran to send weapons" no act of
    /// Iran's is refused. `None` when the act has no rejection counterpart.
    fn rejection(
        &self,
        t: &TokenBuf,
        predicates: &[Predicate],
        mentions: &[std::ops::Range<usize>],
        c: &Clause,
        pat: &crate::dict::verbs::VerbPattern,
    ) -> Option<Refusal> {
        let cue = c.negation.as_ref()?;
        if !refusal::refuses(t.norm(cue.start)) {
            return None;
        }
        // Another predicate between the cue and this one (the cue's own
        // "refused to" aside) is the act refused; an actor between them is
        // the subject of an infinitive the negated verb governs.
        let p = &predicates[c.predicate];
        if predicates
            .iter()
            .any(|q| q != p && q.end > cue.end + 1 && q.start < p.start)
            || mentions
                .iter()
                .any(|r| r.start >= cue.end && r.end <= p.start)
        {
            return None;
        }
        let act = match (c.voice, &c.agent) {
            (Voice::Passive, Some(_)) => pat.passive_code.as_ref().unwrap_or(&pat.code),
            _ => &pat.code,
        };
        Some(Refusal {
            code: refusal::rejection_code(act)?,
            act: act.clone(),
            cue: cue.clone().map(|i| t.norm(i)).collect::<Vec<_>>().join(" "),
        })
    }

    /// Nested events ([`nest`]): (outer clause, inner clause, rewrite) for
    /// each predicate that reports the next one and fits a rule.
    /// A passive clause read with a longer pattern of its verb
    /// ([`VerbDictionary::passive_match`], PETRARCH-2 dictionaries): the
    /// pattern's object words in the subject ("evidence against Russia was
    /// presented by the US"), its subject words in the `by` phrase
    /// ("demolished by a Ukrainian protestor"). Where the clause analysis
    /// found no subject or agent, the actor at, just before or after those
    /// words is taken.
    fn passive_reading(
        &self,
        t: &TokenBuf,
        s: &Scratch,
        c: &Clause,
        ranges: &[std::ops::Range<usize>],
        than: u16,
    ) -> Option<PassiveReading> {
        let p = &s.predicates[c.predicate];
        let before = c.bounds.start.min(p.start)..p.start;
        let after = p.end..c.bounds.end.max(p.end);
        let pm =
            self.verbs
                .passive_match(&s.verb_c, p.anchor, before.clone(), after.clone(), than)?;
        // The actor holding the word, ending at it ("Ukrainian protestor"),
        // or the first one after it ("evidence against Russia").
        let actor_at = |w: usize, from: usize, until: usize| {
            ranges
                .iter()
                .position(|r| r.start >= from && r.start <= w && w <= r.end && r.end <= until)
                .or_else(|| ranges.iter().position(|r| r.start > w && r.end <= until))
                .map(|idx| crate::analysis::heuristic::coordinated_group(t, ranges, idx))
        };
        let subject = pm
            .object_word
            .and_then(|w| actor_at(w, before.start, p.start));
        // The agent needs its "by".
        let agent = pm.subject_word.and_then(|w| {
            let by = (after.start..w).find(|&j| t.norm(j) == "by")?;
            actor_at(w, by + 1, after.end)
        });
        Some(PassiveReading {
            pattern: pm.pattern,
            subject,
            agent,
        })
    }

    fn nest_rewrites(&self, t: &TokenBuf, s: &Scratch) -> Vec<(usize, usize, nest::Rewrite)> {
        let Some(rules) = self.options.nest_rules.as_deref().filter(|r| !r.is_empty()) else {
            return Vec::new();
        };
        let reading = |ci: usize| -> Option<nest::Reading<'_>> {
            let c = &s.clauses[ci];
            let p = &s.predicates[c.predicate];
            let vm = s.verb_matches.iter().find(|m| m.anchor == p.anchor)?;
            let pat = self.verbs.pattern(vm.pattern);
            let (source, target) = match (c.voice, &c.agent) {
                (Voice::Passive, Some(a)) => (Some(a.clone()), c.subject.clone()),
                (Voice::Passive, None) => (None, c.subject.clone()),
                _ => (c.subject.clone(), c.object.clone()),
            };
            Some(nest::Reading {
                code: &pat.code,
                word: t.norm(p.anchor),
                source,
                target,
                inherited: c.inherited_subject,
            })
        };
        let codes = |r: &std::ops::Range<usize>| -> Vec<String> {
            s.mentions
                .iter()
                .filter(|m| m.tokens.start >= r.start && m.tokens.end <= r.end)
                .flat_map(Mention::expand)
                .map(|m| m.code)
                .collect()
        };
        let mut out = Vec::new();
        for oi in 0..s.clauses.len().saturating_sub(1) {
            let (o, i) = (&s.clauses[oi], &s.clauses[oi + 1]);
            let (op, ip) = (&s.predicates[o.predicate], &s.predicates[i.predicate]);
            // The inner predicate follows the outer one closely, in the same
            // sentence part, and neither is negated.
            let near = ip.start >= op.end
                && ip.start <= op.end + 8
                && (op.end..ip.start).all(|k| !matches!(t.norm(k), ";" | ":" | "."));
            if !near || op.noun || ip.noun || o.negation.is_some() || i.negation.is_some() {
                continue;
            }
            // The inner one's object may be the outer one's ("wants Putin to
            // attack"): then that is the inner source.
            let (Some(outer), Some(mut inner)) = (reading(oi), reading(oi + 1)) else {
                continue;
            };
            if let Some(obj) = o.object.as_ref().filter(|r| r.end <= ip.start) {
                if i.inherited_subject {
                    inner.source = Some(obj.clone());
                    inner.inherited = false;
                }
            }
            if let Some(w) = nest::rewrite(rules, &outer, &inner, &codes) {
                out.push((oi, oi + 1, w.clone()));
                // Verbs conjoined with the inner one share its subject and
                // are reported too: "claimed that ISIL had attacked Iraq and
                // taken Mosul" is one claim. A conjunct no rule fits is
                // coded as that claim.
                for ci in oi + 2..s.clauses.len() {
                    let (c, p) = (&s.clauses[ci], &s.predicates[s.clauses[ci].predicate]);
                    let conjoined = !p.noun
                        && c.inherited_subject
                        && c.subject == i.subject
                        && c.negation.is_none()
                        && p.start > 0
                        && t.norm(p.start - 1) == "and";
                    if !conjoined {
                        break;
                    }
                    let own =
                        reading(ci).and_then(|conj| nest::rewrite(rules, &outer, &conj, &codes));
                    out.push((oi, ci, own.unwrap_or_else(|| w.clone())));
                }
            } else if ip.start > 0 && t.norm(ip.start - 1) == "to" {
                // No rule: a verb of wishing, appealing, demanding or
                // threatening takes the act of its infinitive ("wants to
                // help Israel" 033, "asks Obama to help Iran" 023), aimed
                // at the infinitive's target or, when the infinitive has a
                // subject of its own, at that addressee.
                let Some(code) = intent::governed_code(outer.code, inner.code) else {
                    continue;
                };
                let target = if inner.inherited {
                    inner.target.clone()
                } else {
                    inner.source.clone()
                };
                if let (Some(source), Some(target)) = (outer.source.clone(), target) {
                    out.push((
                        oi,
                        oi + 1,
                        nest::Rewrite {
                            source,
                            target,
                            code,
                            rule: None,
                        },
                    ));
                }
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        doc: &Document,
        si: usize,
        sent: Span,
        src: &Mention,
        tgt: &Mention,
        code: &str,
        mode: Option<&'static str>,
        verb_span: Span,
        pat: &crate::dict::verbs::VerbPattern,
        clause: &str,
    ) -> Event {
        let text = doc.text.as_str();
        let ec = ontology::event_code(code);
        let root = ec
            .map(|e| e.root.clone())
            .unwrap_or_else(|| code.chars().take(2).collect());
        let quad = self
            .options
            .quad_scheme
            .quad_class(code)
            .or_else(|| self.options.quad_scheme.quad_class(&root))
            .unwrap_or(0);
        let doc_date = doc.date.map(crate::dates::iso_day).unwrap_or_default();
        Event {
            doc_id: doc.id.clone(),
            doc_date: doc_date.clone(),
            sentence_index: si as u32,
            sentence_span: sent,
            date: doc_date,
            date_source: "document",
            source: src.code.clone(),
            source_country: src.country.clone(),
            source_sector: src.sector.clone(),
            source_text: src.span.slice(text).to_string(),
            target: tgt.code.clone(),
            target_country: tgt.country.clone(),
            target_sector: tgt.sector.clone(),
            target_text: tgt.span.slice(text).to_string(),
            cameo: code.to_string(),
            root,
            quad_class: quad,
            goldstein: ec.map(|e| e.goldstein).unwrap_or(0.0),
            plover: ec.and_then(|e| e.plover.clone()),
            verb_text: verb_span.slice(text).to_string(),
            mode,
            evidence: Evidence {
                verb_span,
                source_span: (!src.is_absent()).then_some(src.span),
                target_span: (!tgt.is_absent()).then_some(tgt.span),
                rule: [pat.code.as_str(), " ", &pat.text, " (", &pat.origin, ")"].concat(),
                source_rule: src.rule.render(&self.actors),
                target_rule: tgt.rule.render(&self.actors),
                clause: clause.to_string(),
            },
        }
    }
}

impl Coder {
    fn explain(
        &self,
        text: &str,
        si: usize,
        t: &TokenBuf,
        mentions: &[Mention],
        predicates: &[Predicate],
        clauses: &[Clause],
    ) {
        let words = |r: &std::ops::Range<usize>| {
            r.clone()
                .map(|i| t.tokens[i].span.slice(text))
                .collect::<Vec<_>>()
                .join(" ")
        };
        eprintln!("[explain] sentence {si}");
        for m in mentions {
            eprintln!(
                "  mention {:?} {:?} -> {} ({})",
                m.tokens,
                words(&m.tokens),
                m.code,
                m.rule.render(&self.actors)
            );
        }
        for (p, c) in predicates.iter().zip(clauses) {
            let opt = |r: &Option<std::ops::Range<usize>>| {
                r.as_ref().map(&words).unwrap_or_else(|| "-".into())
            };
            eprintln!(
                "  predicate {:?} {:?}: subject {:?}{} object {:?} agent {:?} {:?} negation {:?} {:?}",
                p.start..p.end,
                words(&(p.start..p.end)),
                opt(&c.subject),
                if c.inherited_subject { " (inherited)" } else { "" },
                opt(&c.object),
                opt(&c.agent),
                c.voice,
                opt(&c.negation),
                c.modality
            );
        }
    }
}

/// A negated act coded as its rejection ([`Coder::rejection`]).
struct Refusal {
    /// The rejection code (12x).
    code: &'static str,
    /// The code of the act refused.
    act: String,
    /// The negation cue ("not", "refused").
    cue: String,
}

impl Refusal {
    /// For the evidence's clause description.
    fn describe(&self) -> String {
        format!(
            "refused ({}): {} becomes rejection {}",
            self.cue, self.act, self.code
        )
    }
}

/// A default actor as a mention at the verb, for a slot no actor filled.
fn default_mention(d: &DefaultActor, role: &str, at: Span) -> Mention {
    let country = d.code.get(..3).unwrap_or(&d.code).to_string();
    Mention {
        tokens: 0..0,
        span: at,
        code: d.code.clone(),
        country,
        sector: d.code.get(3..6).unwrap_or("").to_string(),
        rule: format!("default {role}").into(),
    }
}

/// For each predicate, the number of its verb clause
/// ([`CoderOptions::first_verb_per_clause`]): a new clause begins at `;` and
/// at a coordinating conjunction with a predicate on each side that
/// follows the conjunction before any further one ("condemned the attack
/// and promised aid", "urged Bree to stand down and Gondor asked him"). A
/// conjunction with no verb before it since the last boundary joins actors
/// ("Gondor and Osgiliath renewed ties"), not clauses.
fn verb_clauses(t: &TokenBuf, predicates: &[Predicate]) -> Vec<usize> {
    let is_conj = |i: usize| matches!(t.norm(i), "and" | "but" | "or" | "while" | "whereas");
    let mut out = Vec::with_capacity(predicates.len());
    let mut clause = 0;
    let mut verb_since_boundary = false;
    let mut next_pred = 0;
    for i in 0..t.len() {
        while next_pred < predicates.len() && predicates[next_pred].anchor == i {
            out.push(clause);
            verb_since_boundary = true;
            next_pred += 1;
        }
        let boundary = t.norm(i) == ";"
            || is_conj(i) && verb_since_boundary && {
                // A verb after the conjunction before the next one.
                let until = (i + 1..t.len()).find(|&k| is_conj(k)).unwrap_or(t.len());
                predicates.iter().any(|p| p.anchor > i && p.anchor < until)
            };
        if boundary {
            clause += 1;
            verb_since_boundary = false;
        }
    }
    out.resize(predicates.len(), clause);
    out
}

/// The code of the pattern a predicate came from (empty if none did).
fn predicate_code<'v>(verbs: &'v VerbDictionary, matches: &[VerbMatch], p: &Predicate) -> &'v str {
    matches
        .iter()
        .find(|m| m.anchor == p.anchor)
        .map_or("", |m| verbs.pattern(m.pattern).code.as_str())
}

/// TABARI's discard (`###`) and complex (`+++`) codes.
fn is_reject_code(code: &str) -> bool {
    matches!(code, "###" | "+++")
}

/// PETRARCH/TABARI's null codes: a pattern that matches but codes nothing.
fn is_null_code(code: &str) -> bool {
    code.is_empty() || code.chars().all(|c| c == '-')
}

fn describe(c: &Clause, t: &TokenBuf) -> String {
    // Written piece by piece: this runs for most events, and formatting
    // `{:?}` and lowercasing the result cost more than the rest of it.
    let mut out = String::with_capacity(64);
    out.push_str(match c.voice {
        Voice::Active => "active",
        Voice::Passive => "passive",
    });
    if c.modality != Modality::Actual {
        out.push_str(match c.modality {
            Modality::Actual => "; actual (",
            Modality::Future => "; future (",
            Modality::Hypothetical => "; hypothetical (",
        });
        if let Some(r) = &c.modality_cue {
            for (k, i) in r.clone().enumerate() {
                if k > 0 {
                    out.push(' ');
                }
                // Norms are lower case already, bar a few special foldings.
                out.push_str(&t.norm(i).to_lowercase());
            }
        }
        out.push(')');
    }
    if c.inherited_subject {
        out.push_str("; subject inherited from governing clause");
    }
    out
}

/// Parses `YYYY-MM-DD`, `YYYYMMDD`, or an ISO timestamp's date part.
pub fn parse_doc_date(s: &str) -> Option<NaiveDate> {
    let s = s.trim();
    let head = s.get(..10).unwrap_or(s);
    NaiveDate::parse_from_str(head, "%Y-%m-%d")
        .ok()
        .or_else(|| NaiveDate::parse_from_str(s.get(..8).unwrap_or(s), "%Y%m%d").ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The events `coder` codes from `text`, published 2024-02-26.
    pub(super) fn events(coder: &Coder, text: &str) -> Vec<Event> {
        let doc = Document {
            id: "t".into(),
            text: text.into(),
            date: NaiveDate::from_ymd_opt(2024, 2, 26),
            ..Document::default()
        };
        coder.code_document(&doc, &mut Scratch::default()).events
    }

    /// The clause evidence names voice, modality with its cue words, and an
    /// inherited subject, as `{:?}` lowercased would; and a state's phrase
    /// role as `{:?}` writes it.
    #[test]
    fn clause_and_role_evidence_spell_their_names() {
        let text = "Gondor will not sign";
        let mut t = TokenBuf::new();
        tokenize(text, Span::new(0, text.len()), &mut t);
        let mut c = Clause::default();
        assert_eq!(describe(&c, &t), "active");
        c.voice = Voice::Passive;
        c.inherited_subject = true;
        assert_eq!(
            describe(&c, &t),
            "passive; subject inherited from governing clause"
        );
        c.voice = Voice::Active;
        c.inherited_subject = false;
        c.modality = Modality::Future;
        c.modality_cue = Some(1..3);
        assert_eq!(describe(&c, &t), "active; future (will not)");
        c.modality = Modality::Hypothetical;
        c.modality_cue = None;
        assert_eq!(describe(&c, &t), "active; hypothetical ()");
        use crate::dict::actors::PhraseRole;
        for role in [
            PhraseRole::Name,
            PhraseRole::Adjective,
            PhraseRole::Capital,
            PhraseRole::Seat,
            PhraseRole::Weak,
        ] {
            assert_eq!(role.name(), format!("{role:?}"));
        }
    }

    /// `coder`'s events for `text` as "SOURCE TARGET CODE" lines.
    fn triples(coder: &Coder, text: &str) -> Vec<String> {
        events(coder, text)
            .iter()
            .map(|e| format!("{} {} {}", e.source, e.target, e.cameo))
            .collect()
    }

    pub(super) fn codes(text: &str) -> Vec<String> {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        events(&coder, text)
            .iter()
            .map(|e| format!("{} {} {} {}", e.source, e.target, e.cameo, e.verb_text))
            .collect()
    }

    /// A PETRARCH-2 dictionary's transformations code the wish, not the
    /// act wished for: "wants Putin to attack" is an appeal to Putin, "wants
    /// to attack" a threat; with no rule, the wish takes the act's intent
    /// code. Its gaps do not run into the infinitive.
    #[test]
    fn petrarch2_wishes_are_appeals_and_threats() {
        const VERBS: &str = "\
--- DEMAND [100] ---
WANT [030]
- * ATTACK [138]
--- ATTACK [190] ---
ATTACK
--- ASK [020] ---
ASK
--- HELP [070] ---
HELP
~ a (_ b ATTACK) WANT = a b 138
~ a (b . ATTACK) WANT = a b 021
";
        let coded = petrarch2_coder(VERBS);
        assert_eq!(
            coded("Russia wants Iran to attack Israel."),
            ["RUS IRN 021"]
        );
        assert_eq!(coded("Russia wants to attack Israel."), ["RUS ISR 138"]);
        // Without a rule, the wish or appeal takes the act it governs.
        assert_eq!(coded("Russia wants to help Syria."), ["RUS SYR 033"]);
        assert_eq!(coded("Russia asked Iran to help Syria."), ["RUS IRN 023"]);
    }

    /// A coder with dyad's built-in actors and a PETRARCH-2 verb file
    /// (bounded gaps, `~` transformations, no intent codes for future
    /// clauses); it codes a text to
    /// "SOURCE TARGET CODE" lines.
    fn petrarch2_coder(verbs: &str) -> impl Fn(&str) -> Vec<String> {
        let mut b = crate::dict::verbs::VerbDictionaryBuilder::new();
        let (n, irr) = crate::dict::builtin::IRREGULAR;
        b.load_irregular(n, irr);
        let trs = crate::dict::compat::load_petrarch_verbs(&mut b, "v.txt", verbs);
        let verbs = b.build();
        let rules = trs
            .iter()
            .map(|t| nest::NestRule::compile(t, &verbs).expect("rule compiles"))
            .collect();
        let builtin = Coder::builtin().expect("built-in dictionaries load");
        let coder = Coder::new(
            builtin.actors.clone(),
            Arc::new(verbs),
            Arc::new(HeuristicAnalyzer),
            CoderOptions {
                nest_rules: Some(Arc::new(rules)),
                // As `dyad eval` codes with compatibility verb files.
                modality: false,
                ..CoderOptions::default()
            },
        );
        move |text: &str| triples(&coder, text)
    }

    /// UniversalPetrarch reads a PETRARCH-2 pattern in the passive from the
    /// verb's dependents: object words in the subject, subject words in the
    /// `by` phrase.
    #[test]
    fn petrarch2_patterns_read_in_the_passive() {
        const VERBS: &str = "\
--- PRESENT [---] ---
PRESENT
- * EVIDENCE [1124]
--- DEMOLISH [1712] ---
DEMOLISH
- PROTESTOR * [145]
--- RELEASE [080] ---
RELEASE
- * CIVILIANS [0841]
";
        let rule = "~ a (a b ATTACK) SAY = a b 015\n";
        let coded = petrarch2_coder(&format!("{VERBS}{rule}"));
        assert_eq!(
            coded("Evidence against Russia was presented by the US."),
            ["USA RUS 1124"]
        );
        assert_eq!(
            coded("The Russian embassy was demolished by a Ukrainian protestor."),
            ["UKRCVL RUSGOV 145"]
        );
        assert_eq!(
            coded("The civilians held in Moscow were released yesterday by Putin."),
            ["RUSGOV RUSCVL 0841"]
        );
        // Without the word, the verb's own code.
        assert_eq!(
            coded("The Russian embassy was demolished by Ukraine."),
            ["UKR RUSGOV 1712"]
        );
        // PETRARCH-1 files are surface patterns.
        let surface = petrarch2_coder(VERBS);
        assert!(surface("Evidence against Russia was presented by the US.").is_empty());
    }

    /// PETRARCH agents stack ("exiled leaders of Egypt's Muslim
    /// Brotherhood" is EGY + OPP + MUS); dyad's own sectors do not.
    #[test]
    fn petrarch_agents_stack() {
        use crate::dict::compat::{load_petrarch_actors, load_petrarch_agents};
        let mut ab = crate::dict::ActorDictionaryBuilder::new();
        load_petrarch_actors(&mut ab, "a.txt", "EGYPT_ [EGY]\nQATAR_ [QAT]\n");
        load_petrarch_agents(
            &mut ab,
            "g.txt",
            "EXILED_LEADER [~OPP]\nMUSLIM_BROTHERHOOD [~MUS]\nPOLICE_ [~COP]\n",
        );
        let builtin = Coder::builtin().expect("built-in dictionaries load");
        let coder = Coder::new(
            Arc::new(ab.build()),
            builtin.verbs.clone(),
            Arc::new(HeuristicAnalyzer),
            CoderOptions::default(),
        );
        let coded = |text: &str| triples(&coder, text);
        assert_eq!(
            coded("Qatar expelled exiled leaders of Egypt's Muslim Brotherhood."),
            ["QAT EGYOPPMUS 174"]
        );
        // One agent, or the same one twice, codes once.
        assert_eq!(
            coded("Qatar expelled exiled leaders of Egypt."),
            ["QAT EGYOPP 174"]
        );
        // dyad's own sectors: the head's code alone.
        let got = codes("Qatar expelled exiled leaders of Egypt's Muslim Brotherhood.");
        assert!(got.iter().all(|e| !e.contains("OPPMUS")), "{got:?}");
    }

    /// A hyphenated modifier stands before a noun.
    #[test]
    fn a_verb_form_after_a_hyphenated_modifier_is_a_noun() {
        const VERBS: &str = "\
--- FIGHT [190] ---
CONFLICT
CLASH
--- BACK [051] ---
ENDORSE
BACK
";
        let coded = petrarch2_coder(VERBS);
        assert_eq!(
            coded("Ukraine endorsed a deal with France despite the 10-month-old conflict with Russia."),
            ["UKR FRA 051"]
        );
        let got = coded("Ukraine endorsed a deal despite a cross-border clash with Russia.");
        assert!(got.iter().all(|e| !e.ends_with("190")), "{got:?}");
        // A capitalised compound is a name.
        assert_eq!(coded("Al-Shabab clash with Kenya."), ["SOMREB KEN 190"]);
        // A participle joined by a hyphen makes an adjective.
        let got = coded("Russian-backed rebels clashed with Ukraine.");
        assert!(got.iter().all(|e| !e.ends_with("051")), "{got:?}");
        assert!(got.iter().any(|e| e.ends_with("UKR 190")), "{got:?}");
    }

    /// "[042:043]": a visit is hosted only once it happens; a mutual pair
    /// ("[036:036]") stands for a planned meeting too. A preposition slot of
    /// a pattern is no infinitive's "to".
    #[test]
    fn petrarch2_pairs_and_infinitive_to() {
        const VERBS: &str = "\
--- ATTEND [042:043] ---
ATTEND
VISIT
- * SUMMIT (IN ^) (ON) [042:043]
--- MEET [036:036] ---
MEET
--- PREPARE [030] ---
PREPARE
--- ARRIVE [040] ---
COME {COMING COMES CAME } [---]
- * (TO) [040]
--- ASK [020] ---
ASK
~ a (b . ATTEND) ASK = a b 020
";
        let coded = petrarch2_coder(VERBS);
        assert_eq!(
            coded("Russia visited Israel."),
            ["RUS ISR 042", "ISR RUS 043"]
        );
        assert_eq!(coded("Russia will visit Israel."), ["RUS ISR 042"]);
        // The summit's place, inside the pattern, is the target; the topic
        // after it is not.
        assert_eq!(
            coded("Russia will attend a summit in Israel on the unrest in Iran."),
            ["RUS ISR 042"]
        );
        assert_eq!(
            coded("Russia will meet Israel."),
            ["RUS ISR 036", "ISR RUS 036"]
        );
        assert_eq!(coded("Russia came to Israel."), ["RUS ISR 040"]);
        assert_eq!(
            coded("The news came as Israel prepared to attend the Moscow talks."),
            ["ISR RUSGOV 042"]
        );
    }

    /// Acts conjoined in a reported clause are one claim: the rule for the
    /// first act codes the claim, and a conjunct no rule fits is not coded
    /// as an act of its own. "that" after the verb of claiming opens the
    /// reported clause; it is no relative pronoun.
    #[test]
    fn petrarch2_a_claim_covers_its_conjoined_acts() {
        const VERBS: &str = "\
--- CLAIM [010] ---
CLAIM
--- ATTACK [190] ---
ATTACK
--- SEIZE [192] ---
SEIZE
TAKE
~ a (b . ATTACK) CLAIM = a b 112
";
        let coded = petrarch2_coder(VERBS);
        assert_eq!(
            coded("Russia claimed that Ukraine had attacked Belarus and seized Minsk."),
            ["RUS UKR 112"]
        );
        // Outside a claim the conjunct is an act, with the shared subject.
        assert_eq!(
            coded("Ukraine attacked Belarus and seized Minsk."),
            ["UKR BLR 190", "UKR BLRGOV 192"]
        );
    }

    /// A participle after a number or quantifier modifies the noun after it.
    #[test]
    fn a_participle_after_a_number_is_an_adjective() {
        assert_eq!(
            codes("Azerbaijan released two detained Armenian soldiers."),
            ["AZE ARMMIL 0841 released"]
        );
        assert_eq!(
            codes("Russia welcomed 15 jailed Ukrainian activists."),
            ["RUS UKRCVL 051 welcomed"]
        );
    }

    /// The rules of mentions are kept as dictionary ids and built into text
    /// only for events ([`mentions::MentionRule::render`]); the text names
    /// each entry and rule as it always did.
    #[test]
    fn evidence_spells_out_the_mention_rules() {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        let events = events(
            &coder,
            "President Ilham Aliyev met Turkish police officers in Ankara. \
             He criticized Israel.",
        );
        let rules: Vec<(&str, &str)> = events
            .iter()
            .map(|e| {
                (
                    e.evidence.source_rule.as_str(),
                    e.evidence.target_rule.as_str(),
                )
            })
            .collect();
        assert_eq!(rules.len(), 3, "{rules:?}");
        let (aliyev, turkish_police) = rules[0];
        assert!(
            aliyev.starts_with("person Ilham Aliyev (full name; people.dyad:"),
            "{aliyev}"
        );
        assert!(
            turkish_police.starts_with("Türkiye Adjective (states.dyad:")
                && turkish_police.contains(") + sector COP (sectors.dyad:"),
            "{turkish_police}"
        );
        let (he, israel) = rules[2];
        assert!(
            he.starts_with("pronoun: Ilham Aliyev named earlier (people.dyad:"),
            "{he}"
        );
        assert!(israel.starts_with("Israel Name (states.dyad:"), "{israel}");
    }

    #[test]
    fn the_act_a_directive_asks_for_is_not_coded() {
        assert_eq!(
            codes("Russia urged Iran to attack Israel."),
            vec!["RUS IRN 020 urged".to_string()]
        );
        assert_eq!(
            codes("The United States called on Turkey to help Ukraine."),
            vec!["USA TUR 020 called on".to_string()]
        );
        // The subject's own intention is still an (intended) event.
        let own = codes("Israel plans to sell drones to Azerbaijan.");
        assert_eq!(own.len(), 1, "{own:?}");
    }

    #[test]
    fn a_word_after_a_degree_adverb_is_not_a_verb() {
        assert_eq!(
            codes("Russian forces moved very close to the border with Ukraine."),
            Vec::<String>::new()
        );
        let closing = codes("Russia will close the border with Ukraine.");
        assert_eq!(closing.len(), 1, "{closing:?}");
        assert!(closing[0].ends_with("close the border with"), "{closing:?}");
    }

    #[test]
    fn the_actor_questioned_sits_in_the_embedded_question() {
        let got =
            codes("Turkey has begun to question whether it has a future with the European Union.");
        assert!(
            got.iter().any(|e| e.starts_with("TUR IGOEUREEC 11")),
            "{got:?}"
        );
    }

    #[test]
    fn without_require_dyad_an_event_may_lack_its_target() {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        let run = |coder: &Coder, text: &str| -> Vec<String> {
            events(coder, text)
                .iter()
                .map(|e| {
                    format!(
                        "{} {} {} {:?}",
                        e.source, e.target, e.root, e.evidence.target_span
                    )
                })
                .collect()
        };
        let text = "Turkish police detained dozens of people. The Turkish foreign ministry said on Thursday.";
        assert!(run(&coder, text).is_empty(), "{:?}", run(&coder, text));
        let open = coder.clone().with_options(CoderOptions {
            require_dyad: false,
            ..coder.options().clone()
        });
        // The arrest is coded with target `---` and no target span; the
        // bare statement is not an event even so.
        assert_eq!(run(&open, text), vec!["TURCOP --- 17 None".to_string()]);
    }

    #[test]
    fn a_country_adjective_shares_the_sector_of_its_coordinate() {
        let got = codes("US and British activists protested against Israel.");
        assert!(
            got.iter().any(|e| e.starts_with("USACVL ISR 141")),
            "{got:?}"
        );
        assert!(
            got.iter().any(|e| e.starts_with("GBRCVL ISR 141")),
            "{got:?}"
        );
        // A country name is not an adjective: "Russia and Iranian forces".
        let got = codes("Russia and Iranian forces attacked Ukraine.");
        assert!(got.iter().any(|e| e.starts_with("RUS UKR 19")), "{got:?}");
    }

    #[test]
    fn a_participle_after_a_preposition_modifies_its_noun() {
        let got = codes("Azerbaijan met with detained activists from Turkey.");
        assert!(got.iter().all(|e| e.contains(" 04")), "{got:?}");
        assert!(
            got.iter().any(|e| e.starts_with("AZE TURCVL 040")),
            "{got:?}"
        );
    }

    #[test]
    fn a_capitalised_word_inside_a_sentence_is_not_a_verb() {
        let got =
            codes("Activists from Turkey unfurled \"Free Tibet\" banners outside China's embassy.");
        assert!(got.iter().all(|e| !e.contains(" 08")), "{got:?}");
        // Headlines capitalise their verbs.
        assert_eq!(
            codes("Russia Attacks Ukraine"),
            vec!["RUS UKR 190 Attacks".to_string()]
        );
    }

    #[test]
    fn a_rejection_with_no_named_target_is_coded_targetless() {
        let got = codes("Iraq's government rejected the proposal.");
        assert_eq!(got.len(), 1, "{got:?}");
        assert!(got[0].starts_with("IRQGOV --- 12"), "{got:?}");
        // The same actor acting on a named target elsewhere in the sentence
        // is not left without one.
        let got = codes("Iraq's government accused Iran of meddling and rejected the proposal.");
        assert!(got.iter().all(|e| !e.contains(" --- ")), "{got:?}");
        // Roots the dictionary does not list need a target: a visit to no
        // named place is not an event.
        assert_eq!(
            codes("Ilham Aliyev arrived on Friday."),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_noun_event_object_leaves_the_target_search_open() {
        let got = codes("Israel endorsed an association agreement with the European Union.");
        assert!(
            got.iter().any(|e| e.starts_with("ISR IGOEUREEC 051")),
            "{got:?}"
        );
    }

    #[test]
    fn what_a_directive_asks_for_is_not_coded_under_any_dictionary() {
        let coder = Coder::builtin().expect("built-in dictionaries load");
        let plain = coder.clone().with_options(CoderOptions {
            modality: false,
            ..coder.options().clone()
        });
        let got: Vec<String> = events(&plain, "Turkey was pressured by Russia to attack Ukraine.")
            .iter()
            .map(|e| format!("{} {} {}", e.source, e.target, e.root))
            .collect();
        assert!(got.iter().all(|e| e != "TUR UKR 19"), "{got:?}");
    }

    #[test]
    fn a_title_of_a_place_takes_its_country() {
        let got = codes("Israel released the mayor of the West Bank town of Nablus.");
        assert!(got.iter().any(|e| e.starts_with("ISR PSEGOV")), "{got:?}");
    }

    #[test]
    fn an_infinitive_after_an_aim_noun_is_not_an_act() {
        let got = codes("Iraq and Syria met to discuss efforts to attack the Islamic State.");
        assert!(got.iter().all(|e| !e.contains(" 19")), "{got:?}");
        // The verb "plans" is the subject's own intention.
        let got = codes("Israel plans to sell drones to Azerbaijan.");
        assert_eq!(got.len(), 1, "{got:?}");
    }
}
