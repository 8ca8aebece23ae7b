//! Verb dictionaries: patterns that trigger events.
//!
//! A [`VerbPattern`] is anchored on one word, the verb (or, for nominal
//! events, the noun). Elements after the anchor (`post`) and before it
//! (`pre`, used by PETRARCH/TABARI patterns) are literal words, gaps, and
//! actor slots. The dictionary indexes patterns by every inflected form of
//! their anchor, so matching a sentence costs one hash lookup per token plus
//! the patterns of the anchors present.
//!
//! Among patterns that match at one anchor, the one with the most literal
//! words wins ("meet with" over "meet", "impose ... sanctions on" over
//! "impose"), and the earliest-defined breaks ties.

use std::ops::Range;

use super::inflect::{add_s, Inflector, VerbForm};
use super::matcher::{Candidates, FxMap, PatTok, Vocab};
use super::native::strip_comment;
use super::{phrase_tokens, DictError};

/// One element of a pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Elem {
    /// Any one token whose candidate ids include one of these.
    Words(Vec<u32>),
    /// Up to this many arbitrary tokens.
    Gap(u8),
    /// The target actor sits here (one or more tokens, up to eight).
    Target,
    /// The source actor sits here (compat patterns).
    Source,
    /// A compound actor sits here, and its members act on each other
    /// (TABARI's `%`: "Gondor and Osgiliath postponed their meeting").
    Compound,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerbPattern {
    /// CAMEO code, as written (may be a non-CAMEO code in compat files).
    pub code: String,
    /// Code to use when the verb is passive, if different.
    pub passive_code: Option<String>,
    /// A paired event's code (TABARI/PETRARCH `[A:B]`): when the pattern
    /// fires, the target also does B to the source ("left for" is a visit
    /// one way and a hosted visit the other).
    pub paired_code: Option<String>,
    /// A nominal-event pattern ("attack on").
    pub noun: bool,
    pub pre: Vec<Elem>,
    pub post: Vec<Elem>,
    /// The pattern as written, for `evidence.rule`.
    pub text: String,
    /// `file:line`.
    pub origin: String,
    /// Literal words, including the anchor: the tie-breaker.
    pub literal_len: u16,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct AnchorEntry {
    pattern: u32,
    form: VerbForm,
}

/// A pattern matched in a sentence (token indices).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct VerbMatch {
    pub pattern: u32,
    pub anchor: usize,
    pub form: VerbForm,
    /// First and one-past-last token of the matched words.
    pub start: usize,
    pub end: usize,
    /// Where a `+` slot began, if the pattern has one.
    pub target_at: Option<usize>,
    /// Where a `$` slot began, if the pattern has one.
    pub source_at: Option<usize>,
    /// Where a `%` slot began, if the pattern has one.
    pub compound_at: Option<usize>,
}

/// A pattern read in the passive ([`VerbDictionary::passive_match`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PassiveMatch {
    pub pattern: u32,
    /// The last of the pattern's object words, in the clause's subject.
    pub object_word: Option<usize>,
    /// The last of the pattern's subject words, in the `by` phrase.
    pub subject_word: Option<usize>,
}

/// Finds the literal words of `elems`, in order, within `range` (slots and
/// gaps are ignored): `Some(None)` if there are none, `Some(Some(last))` if
/// all occur, `None` if one is missing.
fn words_within(elems: &[Elem], c: &Candidates, range: Range<usize>) -> Option<Option<usize>> {
    let mut at = range.start;
    let mut last = None;
    for e in elems {
        if let Elem::Words(ids) = e {
            let found = (at..range.end).find(|&j| c.at(j).iter().any(|x| ids.contains(x)))?;
            last = Some(found);
            at = found + 1;
        }
    }
    Some(last)
}

/// An anchor's pattern, with what matching checks first copied out of the
/// [`VerbPattern`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct CompiledEntry {
    pattern: u32,
    form: VerbForm,
    literal_len: u16,
    /// The pattern's literal-word requirements in
    /// [`VerbDictionary::required`]: `required[req.0..req.1]`.
    req: (u32, u32),
    /// Bit `id % 128` of every id the pattern requires outright (groups of
    /// one): a pattern whose bits are not all among the sentence's is
    /// rejected without reading its requirements.
    sig: u128,
}

/// What a clause-bounded gap may not cover: PETRARCH-2 matches a pattern
/// within its verb's phrase, so a gap never runs into another clause.
#[derive(Clone, Debug, Default)]
struct ClauseBounds {
    /// The id of "to": with a verb after it, an infinitive ("wants Putin to
    /// attack", "agreed to lift the sanctions").
    to: u32,
    /// Per vocabulary id, whether it anchors a verb pattern in its base form.
    base_verb: Vec<bool>,
    /// Ids of words that open a clause of their own: relative pronouns
    /// ("the conflict that ... has ignited with"), modals and negation ("said
    /// he would not provide support").
    openers: Vec<u32>,
    /// Per vocabulary id, whether it anchors a verb pattern in a finite or
    /// participle form ("enjoyed", "supports").
    finite_verb: Vec<bool>,
    /// Ids of words after which such a form modifies a noun ("the
    /// detained activists").
    modifier_cues: Vec<u32>,
}

impl ClauseBounds {
    /// Whether token `j` is a verb of the dictionary in a finite form that
    /// heads a clause of its own: "said such a step enjoyed support" is SAY
    /// plus a reported clause, not `SAY * SUPPORT`. After a determiner,
    /// preposition or hyphen the form modifies a noun instead.
    fn finite_at(&self, c: &Candidates, j: usize) -> bool {
        j > 0
            && c.at(j)
                .iter()
                .any(|&id| self.finite_verb.get(id as usize).copied().unwrap_or(false))
            && !c.at(j - 1).iter().any(|id| self.modifier_cues.contains(id))
    }

    /// Whether token `j` is an infinitive's "to": a verb of the dictionary
    /// follows it.
    fn infinitive_at(&self, c: &Candidates, j: usize) -> bool {
        j + 1 < c.len()
            && c.at(j).contains(&self.to)
            && c.at(j + 1)
                .iter()
                .any(|&id| self.base_verb.get(id as usize).copied().unwrap_or(false))
    }
}

/// Words after which a gap would be inside another clause.
const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "will", "would", "could", "should", "can", "may",
    "might", "must", "not", "n't",
];

/// Words after which a participle modifies a noun rather than heads a clause.
const MODIFIER_CUES: &[&str] = &[
    "a", "an", "the", "this", "its", "their", "his", "her", "our", "any", "no", "-", "of", "with",
    "by", "for", "from", "newly", "recently", "widely", "well",
];

#[derive(Clone, Debug, Default)]
pub struct VerbDictionary {
    vocab: Vocab,
    /// Per vocabulary id, its range in `entries` (empty if no pattern is
    /// anchored on it).
    anchor_index: Vec<(u32, u32)>,
    /// Every anchor's entries, longest pattern first.
    entries: Vec<CompiledEntry>,
    /// Literal-word requirements of every pattern, as groups: a count `n`,
    /// then `n` ids of which one must occur in the sentence.
    required: Vec<u32>,
    pub patterns: Vec<VerbPattern>,
    /// CAMEO code prefixes whose events stand without a target ("protesters
    /// rallied", "the general resigned"): the coder emits them with target
    /// `---` when the clause names no recipient. Empty: every event needs a
    /// target.
    targetless: Vec<String>,
    /// With clause-bounded gaps (PETRARCH-2 dictionaries), what ends a gap.
    bounds: Option<ClauseBounds>,
    /// Prefixes of [`Self::targetless`] codes whose targetless events act on
    /// their source's own country ("students demonstrated", "the president
    /// imposed a curfew"). Empty: a targetless event keeps target `---`.
    domestic: Vec<String>,
}

impl VerbDictionary {
    /// dyad's built-in verb dictionary.
    pub fn builtin() -> (VerbDictionary, Vec<DictError>) {
        let mut b = VerbDictionaryBuilder::new();
        let (irr_name, irr) = super::builtin::IRREGULAR;
        b.load_irregular(irr_name, irr);
        for (name, content) in super::builtin::VERBS {
            b.add_native(name, content);
        }
        let errors = b.errors().to_vec();
        (b.build(), errors)
    }

    pub fn vocab(&self) -> &Vocab {
        &self.vocab
    }

    pub fn pattern(&self, id: u32) -> &VerbPattern {
        &self.patterns[id as usize]
    }

    /// Whether an event with this CAMEO code may have no target (a
    /// `targetless` line of the native format, or
    /// [`VerbDictionaryBuilder::allow_targetless`]).
    pub fn allows_targetless(&self, code: &str) -> bool {
        self.targetless.iter().any(|p| code.starts_with(p.as_str()))
    }

    /// Whether an event with this CAMEO code that names no target acts on
    /// its source's own country (a `domestic` line of the native format, or
    /// [`VerbDictionaryBuilder::allow_domestic`]).
    pub fn acts_at_home(&self, code: &str) -> bool {
        self.domestic.iter().any(|p| code.starts_with(p.as_str()))
    }

    /// A passive clause's reading of its verb's patterns, for PETRARCH-2
    /// dictionaries only (UniversalPetrarch matches a pattern against the
    /// verb's dependents, not the word order). In "evidence against Russia
    /// was presented by the US" the object words of `- * EVIDENCE` stand in
    /// the subject; in "was demolished by a Ukrainian protestor" the subject
    /// words of `- PROTESTOR *` stand in the `by` phrase.
    ///
    /// Tries the patterns of the participle at `anchor` whose object words
    /// occur, in order, in `subject` and whose subject words occur in
    /// `agent`, and returns the one with most literal words if it has more
    /// than `than`.
    pub fn passive_match(
        &self,
        cands: &Candidates,
        anchor: usize,
        subject: Range<usize>,
        agent: Range<usize>,
        than: u16,
    ) -> Option<PassiveMatch> {
        self.bounds.as_ref()?;
        let mut best: Option<(u16, PassiveMatch)> = None;
        for &id in cands.at(anchor) {
            let Some(&(from, to)) = self.anchor_index.get(id as usize) else {
                continue;
            };
            for ae in &self.entries[from as usize..to as usize] {
                let longer = best.as_ref().map_or(than, |(len, _)| *len);
                if ae.literal_len <= longer
                    || !matches!(
                        ae.form,
                        VerbForm::PastParticiple | VerbForm::PastOrParticiple
                    )
                {
                    continue;
                }
                let p = &self.patterns[ae.pattern as usize];
                if p.noun {
                    continue;
                }
                let (Some(object_word), Some(subject_word)) = (
                    words_within(&p.post, cands, subject.clone()),
                    words_within(&p.pre, cands, agent.clone()),
                ) else {
                    continue;
                };
                best = Some((
                    ae.literal_len,
                    PassiveMatch {
                        pattern: ae.pattern,
                        object_word,
                        subject_word,
                    },
                ));
            }
        }
        best.map(|(_, m)| m)
    }

    /// Every anchor position's best pattern, in sentence order.
    pub fn find_all(&self, cands: &Candidates, out: &mut Vec<VerbMatch>) {
        out.clear();
        // Every id in the sentence, as a bit set over the vocabulary, so a
        // pattern whose literal words are absent is rejected without walking
        // its gaps.
        let mut present = vec![0u64; self.vocab.id_count().div_ceil(64)];
        let mut sentence_sig = 0u128;
        // Also touch each id's first anchor entry: the loads are
        // independent, so their cache misses overlap here instead of
        // stalling the anchor loop below one at a time (perf: the first
        // entry's load was a fifth of this function's time).
        let mut touched = 0u64;
        for i in 0..cands.len() {
            for &id in cands.at(i) {
                if let Some(w) = present.get_mut(id as usize / 64) {
                    *w |= 1 << (id % 64);
                }
                sentence_sig |= 1 << (id % 128);
                if let Some(&(from, _)) = self.anchor_index.get(id as usize) {
                    touched ^= self.entries.get(from as usize).map_or(0, |e| e.sig as u64);
                }
            }
        }
        std::hint::black_box(touched);
        let has = |id: u32| {
            present
                .get(id as usize / 64)
                .is_some_and(|w| w & (1 << (id % 64)) != 0)
        };
        let possible = |req: (u32, u32)| {
            let mut r = &self.required[req.0 as usize..req.1 as usize];
            while let Some((&n, rest)) = r.split_first() {
                let (group, tail) = rest.split_at(n as usize);
                if !group.iter().any(|&id| has(id)) {
                    return false;
                }
                r = tail;
            }
            true
        };
        // Infinitive markers that gaps may not cover.
        let mut barriers: Vec<usize> = Vec::new();
        if let Some(b) = &self.bounds {
            for j in 0..cands.len() {
                let here = cands.at(j);
                if here.iter().any(|id| b.openers.contains(id)) {
                    barriers.push(j);
                } else if b.infinitive_at(cands, j) {
                    barriers.extend([j, j + 1]);
                } else if b.finite_at(cands, j) {
                    barriers.push(j);
                }
            }
        }
        for i in 0..cands.len() {
            let mut best: Option<(u16, VerbMatch)> = None;
            for &id in cands.at(i) {
                let Some(&(from, to)) = self.anchor_index.get(id as usize) else {
                    continue;
                };
                // Entries are sorted longest pattern first, so the first
                // match at this candidate id is its best.
                for ae in &self.entries[from as usize..to as usize] {
                    if best.as_ref().is_some_and(|(len, _)| *len >= ae.literal_len) {
                        break;
                    }
                    if ae.sig & !sentence_sig != 0 || !possible(ae.req) {
                        continue;
                    }
                    let p = &self.patterns[ae.pattern as usize];
                    let mut slots = Slots::default();
                    let Some(end) = match_forward(&p.post, cands, &barriers, i + 1, &mut slots)
                    else {
                        continue;
                    };
                    // A pattern that ends on an infinitive's "to" has taken
                    // it for a preposition: "came as he prepared to attend"
                    // is not `COME * (TO)`.
                    if let Some(b) = &self.bounds {
                        if end > i + 1 && b.infinitive_at(cands, end - 1) {
                            continue;
                        }
                    }
                    let Some(start) = match_backward(&p.pre, cands, i, &mut slots) else {
                        continue;
                    };
                    let m = VerbMatch {
                        pattern: ae.pattern,
                        anchor: i,
                        form: ae.form,
                        start,
                        end,
                        target_at: slots.target,
                        source_at: slots.source,
                        compound_at: slots.compound,
                    };
                    best = Some((p.literal_len, m));
                }
            }
            if let Some((_, m)) = best {
                out.push(m);
            }
        }
    }
}

#[derive(Default)]
struct Slots {
    target: Option<usize>,
    source: Option<usize>,
    compound: Option<usize>,
}

impl Slots {
    fn set(&mut self, elem: &Elem, at: usize) {
        match elem {
            Elem::Target => self.target = Some(at),
            Elem::Source => self.source = Some(at),
            Elem::Compound => self.compound = Some(at),
            Elem::Words(_) | Elem::Gap(_) => {}
        }
    }
}

/// Matches `elems` from `pos`; returns their end. No gap covers a position
/// in `barriers`.
fn match_forward(
    elems: &[Elem],
    c: &Candidates,
    barriers: &[usize],
    pos: usize,
    slots: &mut Slots,
) -> Option<usize> {
    let Some((first, rest)) = elems.split_first() else {
        return Some(pos);
    };
    match first {
        Elem::Words(ids) => {
            if pos < c.len() && c.at(pos).iter().any(|x| ids.contains(x)) {
                match_forward(rest, c, barriers, pos + 1, slots)
            } else {
                None
            }
        }
        Elem::Gap(n) => (0..=*n as usize).find_map(|k| {
            if pos + k <= c.len() && !barriers.iter().any(|&b| b >= pos && b < pos + k) {
                match_forward(rest, c, barriers, pos + k, slots)
            } else {
                None
            }
        }),
        Elem::Target | Elem::Source | Elem::Compound => {
            let min = if rest.is_empty() { 0 } else { 1 };
            for k in min..=8 {
                if pos + k > c.len() {
                    break;
                }
                if let Some(end) = match_forward(rest, c, barriers, pos + k, slots) {
                    slots.set(first, pos);
                    return Some(end);
                }
            }
            None
        }
    }
}

/// Matches `elems` so that they end just before `pos`; returns their start.
fn match_backward(elems: &[Elem], c: &Candidates, pos: usize, slots: &mut Slots) -> Option<usize> {
    let Some((last, rest)) = elems.split_last() else {
        return Some(pos);
    };
    match last {
        Elem::Words(ids) => {
            if pos > 0 && c.at(pos - 1).iter().any(|x| ids.contains(x)) {
                match_backward(rest, c, pos - 1, slots)
            } else {
                None
            }
        }
        Elem::Gap(n) => (0..=*n as usize).find_map(|k| {
            if k <= pos {
                match_backward(rest, c, pos - k, slots)
            } else {
                None
            }
        }),
        Elem::Target | Elem::Source | Elem::Compound => {
            let min = if rest.is_empty() { 0 } else { 1 };
            for k in min..=8 {
                if k > pos {
                    break;
                }
                if let Some(start) = match_backward(rest, c, pos - k, slots) {
                    slots.set(last, if k == 0 { pos } else { pos - k });
                    return Some(start);
                }
            }
            None
        }
    }
}

/// Builds a [`VerbDictionary`].
#[derive(Default)]
pub struct VerbDictionaryBuilder {
    vocab: Vocab,
    anchors: FxMap<u32, Vec<AnchorEntry>>,
    patterns: Vec<VerbPattern>,
    inflector: Inflector,
    errors: Vec<DictError>,
    targetless: Vec<String>,
    bounded_gaps: bool,
    domestic: Vec<String>,
}

impl VerbDictionaryBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn errors(&self) -> &[DictError] {
        &self.errors
    }

    pub fn push_error(&mut self, e: DictError) {
        self.errors.push(e);
    }

    pub fn inflector(&self) -> &Inflector {
        &self.inflector
    }

    pub fn load_irregular(&mut self, file: &str, content: &str) {
        let (inf, errors) = Inflector::from_table(file, content);
        self.inflector = inf;
        self.errors.extend(errors);
    }

    /// Lets events whose code starts with `prefix` ("14", "0871") stand
    /// without a target. By default, no code may: an event needs a target.
    /// Keeps pattern gaps inside the verb's clause: a gap does not cover an
    /// infinitive's "to" ("wants Putin to attack Iran" is WANT with an
    /// infinitive clause, not `WANT * ATTACK`), a modal, a negation or a
    /// relative pronoun ("said he would not provide support"). PETRARCH-2 matches patterns
    /// against the parse tree, where that holds; TABARI's patterns are
    /// surface patterns and may cross.
    pub fn bound_gaps_at_infinitives(&mut self) {
        self.bounded_gaps = true;
    }

    pub fn allow_targetless(&mut self, prefix: &str) {
        if !self.targetless.iter().any(|p| p == prefix) {
            self.targetless.push(prefix.to_string());
        }
    }

    /// Lets events whose code starts with `prefix` stand without a named
    /// target and then act on their source's own country, as CAMEO codes
    /// domestic protest and repression ("students marched" is a protest
    /// against their own government; "the president imposed a curfew" acts
    /// on his own country). Implies [`Self::allow_targetless`]. By default,
    /// no code does: a targetless event has target `---`.
    pub fn allow_domestic(&mut self, prefix: &str) {
        self.allow_targetless(prefix);
        if !self.domestic.iter().any(|p| p == prefix) {
            self.domestic.push(prefix.to_string());
        }
    }

    /// Interns a literal token for use in [`Elem::Words`].
    pub fn intern(&mut self, tok: &PatTok) -> u32 {
        self.vocab.intern(tok)
    }

    /// Adds a pattern anchored on each of `anchor_forms`.
    pub fn add_pattern(&mut self, anchor_forms: &[(PatTok, VerbForm)], pattern: VerbPattern) {
        let id = self.patterns.len() as u32;
        self.patterns.push(pattern);
        for (tok, form) in anchor_forms {
            let tid = self.vocab.intern(tok);
            let list = self.anchors.entry(tid).or_default();
            if !list.iter().any(|e| e.pattern == id) {
                list.push(AnchorEntry {
                    pattern: id,
                    form: *form,
                });
            }
        }
    }

    /// Reads dyad's native verb format (see `docs/dictionaries.md`).
    pub fn add_native(&mut self, file: &str, content: &str) {
        for (i, raw) in content.lines().enumerate() {
            let lineno = i + 1;
            if raw.trim_start().starts_with("##") {
                continue;
            }
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            if let Err(m) = self.add_native_line(file, lineno, line) {
                self.errors.push(DictError::new(file, lineno, m));
            }
        }
    }

    fn add_native_line(&mut self, file: &str, lineno: usize, line: &str) -> Result<(), String> {
        // `targetless 14 | 0871`: codes whose events need no target;
        // `domestic 14 | 172`: such codes acting on the source's country.
        let directive = [("targetless ", false), ("domestic ", true)]
            .into_iter()
            .find_map(|(d, home)| line.strip_prefix(d).map(|rest| (rest, home)));
        if let Some((rest, home)) = directive {
            for c in rest.split('|').map(str::trim) {
                let root_or_code =
                    (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit());
                if !root_or_code || crate::ontology::event_code(c).is_none() {
                    return Err(format!("{c:?} is not a CAMEO event code"));
                }
                if home {
                    self.allow_domestic(c);
                } else {
                    self.allow_targetless(c);
                }
            }
            return Ok(());
        }
        let (noun, rest) = match line.strip_prefix("noun ") {
            Some(r) => (true, r.trim_start()),
            None => (false, line),
        };
        let (codes, patterns) = rest
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("expected `CODE pattern`, found {line:?}"))?;
        // CODE[:PASSIVE][/PAIRED]
        let (codes_main, paired) = match codes.split_once('/') {
            Some((a, p)) => (a, Some(p.to_string())),
            None => (codes, None),
        };
        let (code, passive) = match codes_main.split_once(':') {
            Some((a, p)) => (a, Some(p.to_string())),
            None => (codes_main, None),
        };
        let valid = |c: &str| (2..=4).contains(&c.len()) && c.bytes().all(|b| b.is_ascii_digit());
        if !valid(code)
            || passive.as_deref().is_some_and(|p| !valid(p))
            || paired.as_deref().is_some_and(|p| !valid(p))
        {
            return Err(format!("bad CAMEO code {codes:?}"));
        }
        for c in std::iter::once(code)
            .chain(passive.as_deref())
            .chain(paired.as_deref())
        {
            if crate::ontology::event_code(c).is_none() {
                return Err(format!("{c} is not a CAMEO event code"));
            }
        }
        for pat in patterns.split('|') {
            let pat = pat.trim();
            if pat.is_empty() {
                return Err("empty pattern".into());
            }
            self.add_native_pattern(
                file,
                lineno,
                code,
                passive.clone(),
                paired.clone(),
                noun,
                pat,
            )?;
        }
        Ok(())
    }

    #[allow(clippy::too_many_arguments)]
    fn add_native_pattern(
        &mut self,
        file: &str,
        lineno: usize,
        code: &str,
        passive: Option<String>,
        paired: Option<String>,
        noun: bool,
        pat: &str,
    ) -> Result<(), String> {
        let mut words = pat.split_whitespace();
        let head = words.next().ok_or("empty pattern")?.to_lowercase();
        if matches!(head.as_str(), "..." | "+" | "$") {
            return Err(format!("pattern {pat:?} must start with a word"));
        }
        let mut post = Vec::new();
        let mut literal_len = 1u16;
        for w in words {
            match w {
                "..." => post.push(Elem::Gap(4)),
                "+" => post.push(Elem::Target),
                _ => {
                    for (norm, _) in phrase_tokens(w) {
                        let id = self.vocab.intern(&PatTok::Exact(norm));
                        post.push(Elem::Words(vec![id]));
                        literal_len += 1;
                    }
                }
            }
        }
        let anchor: Vec<(PatTok, VerbForm)> = if noun {
            let mut v = vec![(PatTok::Exact(head.clone()), VerbForm::Noun)];
            let pl = add_s(&head);
            if pl != head {
                v.push((PatTok::Exact(pl), VerbForm::Noun));
            }
            v
        } else {
            self.inflector
                .forms(&head)
                .all()
                .into_iter()
                .map(|(s, f)| (PatTok::Exact(s), f))
                .collect()
        };
        let pattern = VerbPattern {
            code: code.to_string(),
            passive_code: passive,
            paired_code: paired,
            noun,
            pre: Vec::new(),
            post,
            text: pat.to_string(),
            origin: format!("{file}:{lineno}"),
            literal_len,
        };
        self.add_pattern(&anchor, pattern);
        Ok(())
    }

    pub fn build(mut self) -> VerbDictionary {
        // Longest pattern first (stable: among equals, the earliest defined),
        // so matching can stop at the first pattern that fits.
        for list in self.anchors.values_mut() {
            list.sort_by_key(|e| std::cmp::Reverse(self.patterns[e.pattern as usize].literal_len));
        }
        // Each pattern's literal-word requirements, post then pre, as the
        // order of the check does not change its answer.
        let mut required = Vec::new();
        let mut req_of = Vec::with_capacity(self.patterns.len());
        for p in &self.patterns {
            let from = required.len() as u32;
            let mut sig = 0u128;
            for e in p.post.iter().chain(&p.pre) {
                if let Elem::Words(ids) = e {
                    required.push(ids.len() as u32);
                    required.extend_from_slice(ids);
                    if let [id] = ids.as_slice() {
                        sig |= 1 << (id % 128);
                    }
                }
            }
            req_of.push(((from, required.len() as u32), sig));
        }
        let mut anchor_index = vec![(0u32, 0u32); self.vocab.id_count()];
        let mut entries = Vec::new();
        let mut ids: Vec<u32> = self.anchors.keys().copied().collect();
        ids.sort_unstable();
        for id in ids {
            let from = entries.len() as u32;
            for e in &self.anchors[&id] {
                entries.push(CompiledEntry {
                    pattern: e.pattern,
                    form: e.form,
                    literal_len: self.patterns[e.pattern as usize].literal_len,
                    req: req_of[e.pattern as usize].0,
                    sig: req_of[e.pattern as usize].1,
                });
            }
            if let Some(slot) = anchor_index.get_mut(id as usize) {
                *slot = (from, entries.len() as u32);
            }
        }
        let bounds = if self.bounded_gaps {
            let to = self.vocab.intern(&PatTok::Exact("to".into()));
            let openers = CLAUSE_OPENERS
                .iter()
                .map(|w| self.vocab.intern(&PatTok::Exact(w.to_string())))
                .collect();
            let modifier_cues = MODIFIER_CUES
                .iter()
                .map(|w| self.vocab.intern(&PatTok::Exact(w.to_string())))
                .collect();
            let mut base_verb = vec![false; self.vocab.id_count()];
            let mut finite_verb = vec![false; self.vocab.id_count()];
            for (id, &(from, until)) in anchor_index.iter().enumerate() {
                let verbs = entries[from as usize..until as usize]
                    .iter()
                    .filter(|e| !self.patterns[e.pattern as usize].noun);
                for e in verbs {
                    match e.form {
                        VerbForm::Base => base_verb[id] = true,
                        VerbForm::Third | VerbForm::Past | VerbForm::PastOrParticiple => {
                            finite_verb[id] = true
                        }
                        _ => {}
                    }
                }
            }
            Some(ClauseBounds {
                to,
                base_verb,
                openers,
                finite_verb,
                modifier_cues,
            })
        } else {
            None
        };
        VerbDictionary {
            vocab: self.vocab,
            anchor_index,
            bounds,
            entries,
            required,
            patterns: self.patterns,
            targetless: self.targetless,
            domestic: self.domestic,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{tokenize, Span, TokenBuf};

    fn run(d: &VerbDictionary, s: &str) -> Vec<(String, String)> {
        let mut t = TokenBuf::new();
        tokenize(s, Span::new(0, s.len()), &mut t);
        let mut c = Candidates::default();
        c.fill(d.vocab(), &t);
        let mut out = vec![];
        d.find_all(&c, &mut out);
        out.iter()
            .map(|m| {
                let words: Vec<&str> = (m.start..m.end).map(|i| t.norm(i)).collect();
                (d.pattern(m.pattern).code.clone(), words.join(" "))
            })
            .collect()
    }

    fn dict(src: &str) -> VerbDictionary {
        let mut b = VerbDictionaryBuilder::new();
        b.load_irregular("irr", "meet met met\n");
        b.add_native("v.dyad", src);
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        b.build()
    }

    #[test]
    fn longest_pattern_wins_and_irregulars_inflect() {
        let d = dict("## 04\n040 meet\n041 meet with\n");
        assert_eq!(
            run(&d, "Aliyev met with Herzog"),
            vec![("041".into(), "met with".into())]
        );
        assert_eq!(
            run(&d, "Aliyev met Herzog"),
            vec![("040".into(), "met".into())]
        );
    }

    #[test]
    fn gaps_and_target_slots() {
        let d =
            dict("163 impose ... sanctions on\n1123 accuse + of aggression\nnoun 190 attack on\n");
        assert_eq!(
            run(&d, "the EU imposed new sanctions on Iran")[0].1,
            "imposed new sanctions on"
        );
        assert_eq!(
            run(&d, "Baku accused Yerevan of aggression")[0].1,
            "accused yerevan of aggression"
        );
        assert_eq!(
            run(&d, "the Israeli attacks on the flotilla")[0].1,
            "attacks on"
        );
    }

    /// With clause-bounded gaps a gap stops at an infinitive ("to" followed
    /// by a verb of the dictionary) and at words that open a clause. Without
    /// them (TABARI) it crosses.
    #[test]
    fn bounded_gaps_stop_at_infinitives_and_finite_verbs() {
        let src = "030 want\n138 want ... attack\n163 agree ... sanctions\n\
                   085 lift ... sanctions\n190 attack\n036 promise to meet\n";
        let mut b = VerbDictionaryBuilder::new();
        b.add_native("v.dyad", src);
        b.bound_gaps_at_infinitives();
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        let bounded = b.build();
        let open = dict(src);
        let s = "Obama wants Putin to attack Iran";
        assert_eq!(
            run(&open, s)[0],
            ("138".into(), "wants putin to attack".into())
        );
        assert_eq!(
            run(&bounded, s),
            [
                ("030".into(), "wants".into()),
                ("190".into(), "attack".into())
            ]
        );
        let s = "Obama agreed to lift the sanctions";
        assert_eq!(run(&open, s)[0].0, "163");
        assert_eq!(
            run(&bounded, s),
            [("085".into(), "lift the sanctions".into())]
        );
        // A "to" before a noun is no infinitive.
        assert_eq!(run(&bounded, "Obama agreed to new sanctions")[0].0, "163");
        // Nor does a gap run past a modal, a negation or a relative pronoun.
        let src = "010 tell\n051 tell ... support\n060 provide ... support\n";
        let mut b = VerbDictionaryBuilder::new();
        b.add_native("v.dyad", src);
        b.bound_gaps_at_infinitives();
        let bounded = b.build();
        let s = "Obama tells him he will not support";
        assert_eq!(run(&dict(src), s)[0].1, "tells him he will not support");
        assert_eq!(run(&bounded, s), [("010".into(), "tells".into())]);
        assert_eq!(
            run(&bounded, "Obama tells him he would not provide support"),
            [
                ("010".into(), "tells".into()),
                ("060".into(), "provide support".into())
            ]
        );
        // Nor past a finite verb of the dictionary, which heads a reported
        // clause; after a determiner or preposition it is a participle that
        // modifies a noun.
        let src = "010 claim\n051 claim ... support\n030 enjoy\n173 detain\n";
        let mut b = VerbDictionaryBuilder::new();
        b.add_native("v.dyad", src);
        b.bound_gaps_at_infinitives();
        let bounded = b.build();
        let s = "Washington claimed the step enjoyed support";
        assert_eq!(
            run(&bounded, s),
            [
                ("010".into(), "claimed".into()),
                ("030".into(), "enjoyed".into())
            ]
        );
        assert_eq!(
            run(
                &bounded,
                "Washington claimed the detained men deserve support"
            )[0]
            .0,
            "051"
        );
    }

    #[test]
    fn paired_codes() {
        let d = dict("042/043 visit\n");
        let p = &d.patterns[0];
        assert_eq!(
            (p.code.as_str(), p.paired_code.as_deref()),
            ("042", Some("043"))
        );
    }

    #[test]
    fn bad_lines_are_reported() {
        let mut b = VerbDictionaryBuilder::new();
        b.add_native("v.dyad", "999 frobnicate\n04x meet\n040\n040 meet | \n");
        let lines: Vec<usize> = b.errors().iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 2, 3, 4]);
    }

    #[test]
    fn targetless_lines_name_codes_that_need_no_target() {
        let mut b = VerbDictionaryBuilder::new();
        b.add_native("t.dyad", "targetless 13 | 0871\n130 threaten\n");
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        let d = b.build();
        assert!(d.allows_targetless("138") && d.allows_targetless("0871"));
        assert!(!d.allows_targetless("087") && !d.allows_targetless("190"));
        assert!(!d.acts_at_home("138"), "targetless alone keeps `---`");
        let mut b = VerbDictionaryBuilder::new();
        b.add_native("t.dyad", "domestic 14 | 1723\n");
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        let d = b.build();
        assert!(d.allows_targetless("141") && d.acts_at_home("141"));
        assert!(d.acts_at_home("1723") && !d.acts_at_home("172"));
        let mut b = VerbDictionaryBuilder::new();
        b.add_native("t.dyad", "targetless 13 | 99\n");
        assert_eq!(b.errors().len(), 1, "99 is no CAMEO code");
        assert_eq!(b.errors()[0].line, 1);
    }
}
