//! A clause analyser that reads the dependency tree.
//!
//! [`ParsedAnalyzer`] tags and parses each sentence's tokens with the
//! trained model in [`crate::parse`] (dyad's Treebank-style tokens are the
//! parser's words: both split "n't", "'s" and hyphens) and reads each
//! predicate's clause off the tree ([`ParsedAnalyzer::tree_clauses`], the
//! rules below). What it answers the coder is a *combination* of that
//! reading with the [`super::heuristic`] one, because the two know
//! different things:
//!
//! * The heuristic reading carries the *slot conventions* of pattern
//!   coders, which the validation suites were written for and which are
//!   not syntax: the object is the first actor after the pattern, even
//!   inside a relative clause or a reported clause ("X said Y attacked Z"
//!   codes X → Y for "said"); a pattern's own word gaps and slots decide.
//!   Where the tree reading departs from these conventions it loses on
//!   every suite (`docs/parser.md` has the measurements), so the combined
//!   clause starts from the heuristic one.
//! * The tree knows *where a phrase attaches*, which word order cannot
//!   tell. Two decisions are taken from it:
//!   1. **Subject veto.** A subject the heuristic found locally for a
//!      verb, but which the tree puts inside an object or oblique phrase
//!      (its role, looking up through coordination, apposition and
//!      noun-internal modifiers, is `obj`, `iobj`, `obl` or `nmod`), is not
//!      the subject: "condemned an attack by soldiers in south Ithilen on
//!      Thursday and promised aid" does not make "Ithilen" promise. The
//!      tree's subject replaces it when the tree has it first-hand (the
//!      verb's own `nsubj`, or the one a conjoined verb shares); a subject
//!      the tree would only inherit through a participle or infinitive is
//!      not trusted, and the clause is left without one.
//!   2. **Negation.** A negation the tree attaches to the predicate also
//!      negates it when the heuristic's window (between subject and verb)
//!      does not reach it: "Neither X nor Y boycotted", "rejected an offer
//!      to host".
//!
//!   Everything else (objects, agents, voice, modality, clause bounds) is
//!   the heuristic's: taking any of them from the tree, alone or as a gap
//!   filler, scored lower on at least one suite.
//!
//! The tree's own reading:
//!
//! * **Subject.** The predicate's `nsubj` / `nsubj:pass` / `csubj`. Without
//!   one, a conjoined verb (`conj`) or participial adverbial (`advcl`)
//!   inherits its head's subject; an infinitive (`xcomp`) takes its head's
//!   object if there is one ("urged Iran to stop"), else its head's subject;
//!   a relative clause (`acl:relcl`) or a participle modifying a noun
//!   (`acl`) takes the noun it modifies. A relative pronoun subject ("who")
//!   is replaced by its antecedent, and a personal pronoun in a reported or
//!   subordinate clause by the subject above it ("Estonia said it would").
//!   An event noun's subject is its possessor or an actor modifier
//!   ("Israel's attack", "the Israeli attack"). Two `nsubj` of one verb are
//!   read as one coordinated subject.
//! * **Mentions.** A syntactic argument becomes the actor mention that
//!   contains its head word, else the first mention inside its phrase (not
//!   crossing into a relative clause, appositive or other clause), extended
//!   over the mentions of its `conj` dependents ("Russia, Iran and Turkey").
//! * **Object.** The first actor mention at or after the pattern's target
//!   slot (or after the verb) that lies in the predicate's own clause: the
//!   subtrees of the pattern's words without nested clauses (`ccomp`,
//!   `advcl`, `parataxis`, `acl:relcl`, verbal `conj`) and without the
//!   subtrees of other predicates. A pattern's target slot may reach into a
//!   nested clause ("allowed that +"). Mentions that are the subject or the
//!   agent are skipped.
//! * **Voice and agent.** Passive if the verb has an `aux:pass` or
//!   `nsubj:pass` dependent, or is a past participle modifying a noun with a
//!   "by" agent ("Hamas, backed by Iran"); the agent is an `obl:agent`, or an
//!   `obl` / `nmod` introduced by "by". A verb-dictionary match is tagged as
//!   a verb (an event noun as a noun) before parsing: the dictionary knows
//!   what the tagger, trained on web text, often does not.
//! * **Negation.** A "not", "n't", "never" (or "no", "neither", "nor")
//!   dependent of the verb, of its auxiliaries, or of a verb it completes
//!   (`xcomp`, or `advcl` marked "from"/"to": "did not agree to meet"); an
//!   avoidance verb governing it ("refused to attack", "refrained from
//!   condemning"); "without", "instead of", "rather than" marking it.
//! * **Modality.** The same cues as [`super::heuristic`], found on the tree:
//!   a future auxiliary ("will", "would", "shall") or a governing intention
//!   verb ("plans to", "is expected to") makes it future; a modal ("could",
//!   "might", "may", "should"), "if" / "unless" / "whether" marking the
//!   clause or a clause above it, or a question mark makes it hypothetical.
//! * **Clause bounds.** The span of the predicate's subtree (with its
//!   pattern), which the coder uses to pick the clause's date.
//!
//! Only sentences with both a predicate and an actor mention reach the
//! analyser, but parsing still makes coding an order of magnitude slower
//! than with the heuristic analyser. `docs/parser.md` has both
//! measurements.

use std::cell::RefCell;
use std::ops::Range;

use super::heuristic::{HeuristicAnalyzer, FUTURE_AUX, FUTURE_LEAD};
use super::{Clause, ClauseAnalyzer, Modality, SentenceInput, Voice};
use crate::dict::inflect::VerbForm;
use crate::parse::{Model, Parse, ParseBuf};
use crate::text::TokenKind;

const NEGATORS: &[&str] = &["not", "n't", "never", "no", "neither", "nor", "cannot"];
/// Verbs whose infinitive complement did not happen: "refused to attack".
const AVOIDANCE: &[&str] = &[
    "refuse",
    "refused",
    "refuses",
    "refusing",
    "decline",
    "declined",
    "declines",
    "declining",
    "fail",
    "failed",
    "fails",
    "failing",
    "refrain",
    "refrained",
    "refrains",
    "refraining",
    "abstain",
    "abstained",
    "abstains",
    "abstaining",
    "avoid",
    "avoided",
    "avoids",
    "avoiding",
    "deny",
    "denied",
    "denies",
    "denying",
    "reject",
    "rejected",
    "rejects",
];
const HYPOTHETICAL_AUX: &[&str] = &["could", "might", "may", "should"];
const HYPOTHETICAL_ADV: &[&str] = &["possibly", "perhaps"];
const CONDITIONAL: &[&str] = &["if", "unless", "whether"];
const RELATIVE_PRONOUNS: &[&str] = &["who", "which", "that", "whom", "whose"];
const PERSONAL_PRONOUNS: &[&str] = &["it", "they", "he", "she", "we"];

/// Relations the analyser needs, as the model's label ids.
#[derive(Clone, Copy, Debug)]
struct Rel {
    nsubj: u16,
    nsubj_pass: u16,
    nsubj_outer: u16,
    csubj: u16,
    obj: u16,
    iobj: u16,
    obl: u16,
    obl_agent: u16,
    nmod: u16,
    nmod_poss: u16,
    amod: u16,
    compound: u16,
    case: u16,
    mark: u16,
    aux: u16,
    aux_pass: u16,
    advmod: u16,
    det: u16,
    cc_preconj: u16,
    conj: u16,
    xcomp: u16,
    ccomp: u16,
    advcl: u16,
    acl: u16,
    acl_relcl: u16,
    appos: u16,
    parataxis: u16,
    fixed: u16,
}

impl Rel {
    fn of(model: &Model) -> Rel {
        // A relation the model does not know gets an id no word carries.
        let id = |n: &str| model.label_id(n).unwrap_or(u16::MAX);
        Rel {
            nsubj: id("nsubj"),
            nsubj_pass: id("nsubj:pass"),
            nsubj_outer: id("nsubj:outer"),
            csubj: id("csubj"),
            obj: id("obj"),
            iobj: id("iobj"),
            obl: id("obl"),
            obl_agent: id("obl:agent"),
            nmod: id("nmod"),
            nmod_poss: id("nmod:poss"),
            amod: id("amod"),
            compound: id("compound"),
            case: id("case"),
            mark: id("mark"),
            aux: id("aux"),
            aux_pass: id("aux:pass"),
            advmod: id("advmod"),
            det: id("det"),
            cc_preconj: id("cc:preconj"),
            conj: id("conj"),
            xcomp: id("xcomp"),
            ccomp: id("ccomp"),
            advcl: id("advcl"),
            acl: id("acl"),
            acl_relcl: id("acl:relcl"),
            appos: id("appos"),
            parataxis: id("parataxis"),
            fixed: id("fixed"),
        }
    }
}

/// The parser-backed analyser. Cheap to clone; share one per coder.
#[derive(Clone, Debug)]
pub struct ParsedAnalyzer {
    model: &'static Model,
    rel: Rel,
}

impl Default for ParsedAnalyzer {
    fn default() -> Self {
        ParsedAnalyzer::new()
    }
}

impl ParsedAnalyzer {
    /// An analyser on the built-in model ([`Model::builtin`]), which is
    /// decoded on first use.
    pub fn new() -> ParsedAnalyzer {
        ParsedAnalyzer::with_model(Model::builtin())
    }

    /// An analyser on another model (a freshly trained one, say).
    pub fn with_model(model: &'static Model) -> ParsedAnalyzer {
        ParsedAnalyzer {
            model,
            rel: Rel::of(model),
        }
    }
}

thread_local! {
    // The trait gives the analyser no scratch space, so each thread keeps
    // its own parse buffers: the coder runs one sentence at a time per
    // thread, and a warmed-up buffer parses without allocating.
    static BUF: RefCell<ParseBuf> = RefCell::new(ParseBuf::new());
}

/// One sentence's tree with the queries the rules need.
struct Tree<'a> {
    p: &'a Parse,
    s: &'a SentenceInput<'a>,
    rel: Rel,
}

impl Tree<'_> {
    fn len(&self) -> usize {
        self.p.len()
    }

    fn word(&self, i: usize) -> &str {
        self.s.tokens.norm(i)
    }

    fn label(&self, i: usize) -> u16 {
        self.p.label(i)
    }

    fn head(&self, i: usize) -> Option<usize> {
        self.p.head(i)
    }

    fn children(&self, h: usize) -> impl Iterator<Item = usize> + '_ {
        (0..self.len()).filter(move |&i| self.head(i) == Some(h))
    }

    fn child_with(&self, h: usize, labels: &[u16]) -> Option<usize> {
        self.children(h).find(|&c| labels.contains(&self.label(c)))
    }

    fn has_child_word(&self, h: usize, labels: &[u16], words: &[&str]) -> Option<usize> {
        self.children(h)
            .find(|&c| labels.contains(&self.label(c)) && words.contains(&self.word(c)))
    }

    /// Is `x` inside the subtree of `root`?
    fn dominated_by(&self, mut x: usize, root: usize) -> bool {
        for _ in 0..=self.len() {
            if x == root {
                return true;
            }
            match self.head(x) {
                Some(h) => x = h,
                None => return false,
            }
        }
        false
    }

    /// Does the path from `x` up to `root` (which dominates it) pass
    /// through an edge labelled with one of `stop`, or through another
    /// predicate's anchor?
    fn path_crosses(&self, mut x: usize, root: usize, stop: &[u16], anchors: &[usize]) -> bool {
        for _ in 0..=self.len() {
            if x == root {
                return false;
            }
            if stop.contains(&self.label(x)) || anchors.contains(&x) {
                return true;
            }
            match self.head(x) {
                Some(h) => x = h,
                None => return true,
            }
        }
        true
    }

    /// The span `[min, max + 1)` of the subtree of `root`.
    fn subtree_span(&self, root: usize) -> Range<usize> {
        let (mut lo, mut hi) = (root, root);
        for i in 0..self.len() {
            if self.dominated_by(i, root) {
                lo = lo.min(i);
                hi = hi.max(i);
            }
        }
        lo..hi + 1
    }

    /// Relations that start a new clause or a side phrase: mentions behind
    /// them are not the arguments of the phrase above.
    fn clausal(&self) -> [u16; 7] {
        let r = self.rel;
        [
            r.acl_relcl,
            r.acl,
            r.advcl,
            r.ccomp,
            r.parataxis,
            r.appos,
            r.csubj,
        ]
    }

    fn mention_at(&self, tok: usize) -> Option<usize> {
        self.s.mentions.iter().position(|m| m.contains(&tok))
    }

    /// The actor mention naming the phrase headed by `tok`, extended over
    /// coordinated phrases.
    fn nominal(&self, tok: usize, anchors: &[usize]) -> Option<Range<usize>> {
        let stop = self.clausal();
        let first = self.mention_at(tok).or_else(|| {
            self.s.mentions.iter().position(|m| {
                m.clone().any(|i| {
                    self.dominated_by(i, tok)
                        && !self.path_crosses(i, tok, &stop, anchors)
                        && self.label(i) != self.rel.conj
                })
            })
        })?;
        let mut span = self.s.mentions[first].clone();
        for c in self
            .children(tok)
            .filter(|&c| self.label(c) == self.rel.conj)
        {
            if self.p.upos(c) == "VERB" {
                continue;
            }
            if let Some(j) = self.mention_at(c).or_else(|| {
                self.s
                    .mentions
                    .iter()
                    .position(|m| m.clone().any(|i| self.dominated_by(i, c)))
            }) {
                let m = &self.s.mentions[j];
                span.start = span.start.min(m.start);
                span.end = span.end.max(m.end);
            }
        }
        Some(span)
    }

    /// The subject word of clause head `v`, following control and
    /// coordination upwards. Returns the word and whether it was inherited.
    fn subject_word(&self, v: usize) -> Option<(usize, bool)> {
        let r = self.rel;
        let mut v = v;
        let mut inherited = false;
        for _ in 0..self.len() {
            if let Some(sj) = self.child_with(v, &[r.nsubj, r.nsubj_pass, r.nsubj_outer, r.csubj]) {
                // "Baku, which supplies ...": the antecedent acts.
                if RELATIVE_PRONOUNS.contains(&self.word(sj))
                    && matches!(self.label(v), l if l == r.acl_relcl)
                {
                    return self.head(v).map(|h| (h, true));
                }
                // "Estonia said it would act": a personal pronoun in a
                // reported or subordinate clause stands for the subject of
                // the clause above.
                let l = self.label(v);
                let embedded = l == r.ccomp || l == r.advcl || l == r.conj || l == r.parataxis;
                if PERSONAL_PRONOUNS.contains(&self.word(sj)) && embedded {
                    if let Some(h) = self.head(v) {
                        v = h;
                        inherited = true;
                        continue;
                    }
                }
                return Some((sj, inherited));
            }
            let h = self.head(v)?;
            let l = self.label(v);
            inherited = true;
            if l == r.xcomp {
                // Object control: "urged Iran to stop".
                if let Some(o) = self.child_with(h, &[r.obj, r.iobj]) {
                    return Some((o, true));
                }
                v = h;
            } else if l == r.conj || l == r.advcl && self.s.tokens.norm(v).ends_with("ing") {
                v = h;
            } else if l == r.acl_relcl || l == r.acl {
                return Some((h, true));
            } else {
                return None;
            }
        }
        None
    }

    /// The head word of token span `m`: its word whose head lies outside it.
    fn span_head(&self, m: Range<usize>) -> usize {
        m.clone()
            .find(|&i| self.head(i).is_none_or(|h| !m.contains(&h)))
            .unwrap_or(m.start)
    }

    /// The grammatical role of the phrase whose mention is `m`: the
    /// relation of its head word, looking through coordination,
    /// apposition and flat names to the first conjunct.
    fn role(&self, m: Range<usize>) -> u16 {
        let r = self.rel;
        let mut w = self.span_head(m);
        for _ in 0..self.len() {
            let l = self.label(w);
            let climb = l == r.conj
                || l == r.appos
                || (l == r.nmod || l == r.nmod_poss || l == r.compound || l == r.amod);
            if climb {
                match self.head(w) {
                    Some(h) => w = h,
                    None => return l,
                }
            } else {
                return l;
            }
        }
        self.label(w)
    }

    /// The agent of `v`: an `obl:agent`, or an `obl`/`nmod` with "by".
    fn agent_word(&self, v: usize) -> Option<usize> {
        let r = self.rel;
        self.children(v).find(|&c| {
            let l = self.label(c);
            l == r.obl_agent
                || (l == r.obl || l == r.nmod)
                    && self.has_child_word(c, &[r.case], &["by"]).is_some()
        })
    }
}

impl ClauseAnalyzer for ParsedAnalyzer {
    fn name(&self) -> &'static str {
        "parser"
    }

    fn analyze(&self, s: &SentenceInput<'_>, out: &mut Vec<Clause>) {
        self.with_tree(s, |tree| {
            let mut tree_clauses = Vec::with_capacity(s.predicates.len());
            self.clauses(tree, &mut tree_clauses);
            let mut heuristic = Vec::with_capacity(s.predicates.len());
            HeuristicAnalyzer.analyze(s, &mut heuristic);
            for (h, t) in heuristic.into_iter().zip(tree_clauses) {
                out.push(self.combine(tree, h, t));
            }
        });
    }
}

impl ParsedAnalyzer {
    /// The tree's own reading of each predicate's clause, without the
    /// heuristic conventions [`ClauseAnalyzer::analyze`] combines it with:
    /// for inspecting the parse and for measuring the two apart.
    pub fn tree_clauses(&self, s: &SentenceInput<'_>, out: &mut Vec<Clause>) {
        self.with_tree(s, |tree| self.clauses(tree, out));
    }

    /// Tags and parses the sentence and hands its tree to `f`.
    fn with_tree(&self, s: &SentenceInput<'_>, f: impl FnOnce(&Tree<'_>)) {
        BUF.with(|buf| {
            let mut buf = buf.borrow_mut();
            buf.clear();
            // The verb dictionary's matches are strong evidence the tagger
            // lacks on news text ("Azerbaijan and Kazakhstan supply ..."):
            // a verb predicate's anchor is tagged as a verb, an event
            // noun's as a noun.
            let mut pred = s.predicates.iter().peekable();
            for (i, t) in s.tokens.tokens.iter().enumerate() {
                let word = t.span.slice(s.text);
                while pred.peek().is_some_and(|p| p.anchor < i) {
                    pred.next();
                }
                match pred.peek() {
                    Some(p) if p.anchor == i => {
                        buf.push_with_upos(word, if p.noun { "NOUN" } else { "VERB" })
                    }
                    _ => buf.push(word),
                }
            }
            let p = self.model.parse(&mut buf);
            let tree = Tree {
                p,
                s,
                rel: self.rel,
            };
            f(&tree);
        });
    }
}

impl ParsedAnalyzer {
    /// One predicate's clause from the heuristic reading `h` and the tree's
    /// own reading `t` (see the module docs: the heuristic's slot
    /// conventions, corrected where the tree contradicts them).
    fn combine(&self, tree: &Tree<'_>, h: Clause, t: Clause) -> Clause {
        let r = self.rel;
        let p = &tree.s.predicates[h.predicate];
        let mut c = h;
        // Subject veto: a subject the heuristic found in the clause that the
        // tree puts inside an object or oblique phrase ("condemned an attack
        // by soldiers in south Ithilen on Thursday and promised aid": not
        // "Ithilen") is not the subject. The tree's subject replaces it when
        // the tree is sure of it: its own subject, or one shared by
        // conjoined verbs; subjects the tree inherits further (participles,
        // infinitives) are left out.
        if let Some(hs) = c.subject.clone() {
            let role = tree.role(hs.clone());
            let non_subject = [r.obj, r.iobj, r.obl, r.obl_agent, r.nmod];
            if !p.noun
                && !c.inherited_subject
                && t.subject.as_ref() != Some(&hs)
                && non_subject.contains(&role)
            {
                let sure = !t.inherited_subject || tree.label(p.anchor) == r.conj;
                c.subject = if sure { t.subject } else { None };
                c.inherited_subject = c.subject.is_some() && t.inherited_subject;
            }
        }
        // Negation: a cue the tree links to the predicate across a distance
        // the heuristic's window misses ("Neither X nor Y boycotted",
        // "rejected an offer to host") also negates it.
        if c.negation.is_none() {
            c.negation = t.negation;
        }
        c
    }

    fn clauses(&self, tree: &Tree<'_>, out: &mut Vec<Clause>) {
        let s = tree.s;
        let t = s.tokens;
        let n = t.len();
        let r = self.rel;
        let anchors: Vec<usize> = s.predicates.iter().map(|p| p.anchor).collect();
        let question = (0..n)
            .rev()
            .find(|&i| t.tokens[i].kind == TokenKind::Punct && !matches!(t.norm(i), "\"" | "'"))
            .is_some_and(|i| t.norm(i) == "?");
        for (pi, p) in s.predicates.iter().enumerate() {
            let a = p.anchor;
            let others: Vec<usize> = anchors.iter().copied().filter(|&x| x != a).collect();
            let mut c = Clause {
                predicate: pi,
                ..Clause::default()
            };
            let span = tree.subtree_span(a);
            c.bounds = span.start.min(p.start)..span.end.max(p.end);

            // Voice.
            let participle = matches!(
                p.form,
                VerbForm::PastParticiple | VerbForm::PastOrParticiple
            );
            // A participle modifying a noun is passive only when it has a
            // "by" agent or cannot be a past tense: on news text the tagger
            // often reads "crowds burned" as a reduced relative.
            let reduced_relative = participle
                && tree.label(a) == r.acl
                && (p.form == VerbForm::PastParticiple || tree.agent_word(a).is_some());
            if !p.noun
                && (tree.child_with(a, &[r.aux_pass, r.nsubj_pass]).is_some() || reduced_relative)
            {
                c.voice = Voice::Passive;
            }

            // Subject and agent.
            if p.noun {
                c.subject = tree
                    .children(a)
                    .filter(|&d| {
                        let l = tree.label(d);
                        (l == r.nmod_poss || l == r.amod || l == r.compound) && d < a
                    })
                    .find_map(|d| tree.nominal(d, &others));
                c.agent = tree.agent_word(a).and_then(|d| tree.nominal(d, &others));
            } else {
                if c.voice == Voice::Passive && tree.label(a) == r.acl {
                    // "Hamas, backed by Iran": the noun is the patient.
                    c.subject = tree.head(a).and_then(|h| tree.nominal(h, &others));
                    c.inherited_subject = true;
                } else if let Some((w, inherited)) = tree.subject_word(a) {
                    c.subject = tree.nominal(w, &others);
                    // Two subjects of one verb are a coordination the parser
                    // missed ("Russia, Iran and Turkey" read as two nsubj).
                    if let (Some(span), Some(h)) = (c.subject.as_mut(), tree.head(w)) {
                        let subj = [r.nsubj, r.nsubj_pass];
                        for sib in tree
                            .children(h)
                            .filter(|&x| x != w && subj.contains(&tree.label(x)))
                        {
                            if let Some(o) = tree.nominal(sib, &others) {
                                span.start = span.start.min(o.start);
                                span.end = span.end.max(o.end);
                            }
                        }
                    }
                    c.inherited_subject = inherited && c.subject.is_some();
                }
                if c.voice == Voice::Passive {
                    c.agent = tree.agent_word(a).and_then(|d| tree.nominal(d, &others));
                }
            }

            // Object: the first mention of the predicate's own clause at or
            // after the target slot.
            let from = p.target_at.unwrap_or(p.anchor + 1);
            // Every word of the pattern heads part of the predicate's
            // clause: "suggested * apply" reaches into its complement.
            let roots: Vec<usize> = (p.start..p.end).chain([a]).collect();
            let stop = [
                r.ccomp,
                r.advcl,
                r.parataxis,
                r.acl_relcl,
                r.csubj,
                r.nsubj,
                r.nsubj_pass,
            ];
            let taken = |m: &Range<usize>| {
                [&c.subject, &c.agent].iter().any(|x| {
                    x.as_ref()
                        .is_some_and(|x| x.start <= m.start && m.end <= x.end)
                })
            };
            c.object = s
                .mentions
                .iter()
                .enumerate()
                .filter(|&(_, m)| m.start >= from && !taken(m))
                .find(|&(_, m)| {
                    m.clone().any(|i| {
                        roots.iter().any(|&root| {
                            tree.dominated_by(i, root)
                                // The pattern's target slot overrides clause
                                // boundaries: its author put it there.
                                && (p.target_at.is_some()
                                    || !tree.path_crosses(i, root, &stop, &others))
                        }) && !(tree.label(i) == r.conj
                            && tree.head(i) == Some(a)
                            && tree.p.upos(i) == "VERB")
                    })
                })
                .and_then(|(_, m)| {
                    // Report the whole coordination the mention heads.
                    let head = m
                        .clone()
                        .find(|&i| tree.head(i).is_none_or(|h| !m.contains(&h)))
                        .unwrap_or(m.start);
                    tree.nominal(head, &others)
                        .filter(|x| x.start <= m.start && m.end <= x.end)
                        .or(Some(m.clone()))
                });

            // Negation: on the verb, its auxiliaries, or a verb it
            // completes; avoidance verbs; "without".
            let neg_at = |v: usize| {
                tree.has_child_word(v, &[r.advmod, r.det, r.cc_preconj, r.aux], NEGATORS)
                    .map(|i| i..i + 1)
            };
            c.negation = neg_at(a);
            let mut v = a;
            let mut governors = Vec::new();
            // "refrained from condemning": an adverbial clause marked "from"
            // completes its verb as an infinitive does.
            let completes = |v: usize| {
                tree.label(v) == r.xcomp
                    || tree.label(v) == r.advcl
                        && tree.has_child_word(v, &[r.mark], &["from", "to"]).is_some()
            };
            while completes(v) || tree.label(v) == r.conj && governors.is_empty() {
                let Some(h) = tree.head(v) else { break };
                if completes(v) {
                    governors.push(h);
                }
                v = h;
                if governors.len() > 3 {
                    break;
                }
            }
            for &g in &governors {
                if c.negation.is_none() {
                    c.negation =
                        neg_at(g).or_else(|| AVOIDANCE.contains(&tree.word(g)).then_some(g..g + 1));
                }
            }
            if c.negation.is_none() {
                c.negation = tree
                    .children(a)
                    .find(|&m| {
                        (tree.label(m) == r.mark || tree.label(m) == r.case)
                            && (tree.word(m) == "without"
                                || matches!(tree.word(m), "instead" | "rather")
                                || tree
                                    .has_child_word(m, &[r.fixed], &["of", "than"])
                                    .is_some()
                                    && matches!(tree.word(m), "instead" | "rather"))
                    })
                    .map(|m| m..m + 1);
            }

            // Modality.
            for &v in std::iter::once(&a).chain(&governors) {
                if let Some(x) = tree.has_child_word(v, &[r.aux], HYPOTHETICAL_AUX) {
                    c.modality = Modality::Hypothetical;
                    c.modality_cue = Some(x..x + 1);
                    break;
                }
                if let Some(x) = tree.has_child_word(v, &[r.advmod], HYPOTHETICAL_ADV) {
                    c.modality = Modality::Hypothetical;
                    c.modality_cue = Some(x..x + 1);
                    break;
                }
                if c.modality == Modality::Actual {
                    if let Some(x) = tree.has_child_word(v, &[r.aux], FUTURE_AUX.words()) {
                        c.modality = Modality::Future;
                        c.modality_cue = Some(x..x + 1);
                    }
                }
            }
            if c.modality == Modality::Actual {
                if let Some(&g) = governors
                    .iter()
                    .find(|&&g| FUTURE_LEAD.contains(&tree.word(g)))
                {
                    c.modality = Modality::Future;
                    c.modality_cue = Some(g..g + 1);
                }
            }
            // "if Israel attacks", also when the condition governs a clause
            // above the predicate.
            let mut v = a;
            for _ in 0..4 {
                if let Some(x) = tree.has_child_word(v, &[r.mark], CONDITIONAL) {
                    c.modality = Modality::Hypothetical;
                    c.modality_cue = Some(x..x + 1);
                    break;
                }
                let l = tree.label(v);
                if !(l == r.xcomp || l == r.conj || l == r.ccomp) {
                    break;
                }
                match tree.head(v) {
                    Some(h) => v = h,
                    None => break,
                }
            }
            if question {
                c.modality = Modality::Hypothetical;
            }
            out.push(c);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Predicate;
    use crate::text::{tokenize, Span, TokenBuf};

    /// Analyses `text` with predicates at the given token indices (all
    /// single-token verb patterns) and mentions at the given token ranges.
    fn analyze_with(
        tree_only: bool,
        text: &str,
        preds: &[(usize, VerbForm)],
        mentions: &[Range<usize>],
    ) -> (TokenBuf, Vec<Clause>) {
        let mut t = TokenBuf::new();
        tokenize(text, Span::new(0, text.len()), &mut t);
        let predicates: Vec<Predicate> = preds
            .iter()
            .map(|&(i, form)| Predicate {
                start: i,
                end: i + 1,
                anchor: i,
                form,
                noun: false,
                target_at: None,
            })
            .collect();
        let input = SentenceInput {
            text,
            tokens: &t,
            predicates: &predicates,
            mentions,
        };
        let mut out = Vec::new();
        if tree_only {
            ParsedAnalyzer::new().tree_clauses(&input, &mut out);
        } else {
            ParsedAnalyzer::new().analyze(&input, &mut out);
        }
        (t, out)
    }

    /// [`analyze_with`] through the combined analyser.
    fn analyze(
        text: &str,
        preds: &[(usize, VerbForm)],
        mentions: &[Range<usize>],
    ) -> (TokenBuf, Vec<Clause>) {
        analyze_with(false, text, preds, mentions)
    }

    /// [`analyze_with`] on the tree alone.
    fn tree(
        text: &str,
        preds: &[(usize, VerbForm)],
        mentions: &[Range<usize>],
    ) -> (TokenBuf, Vec<Clause>) {
        analyze_with(true, text, preds, mentions)
    }

    #[test]
    fn subject_and_object_from_the_tree() {
        // Tokens: 0 Azerbaijan 1 sells 2 oil 3 to 4 Israel 5 .
        let (_, c) = analyze(
            "Azerbaijan sells oil to Israel.",
            &[(1, VerbForm::Third)],
            &[0..1, 4..5],
        );
        assert_eq!(c[0].subject, Some(0..1));
        assert_eq!(c[0].object, Some(4..5));
        assert_eq!(c[0].voice, Voice::Active);
        assert_eq!(c[0].negation, None);
    }

    #[test]
    fn reported_clause_subject_is_not_the_speaker() {
        // 0 Iran 1 said 2 Israel 3 attacked 4 Syria 5 .
        let (_, c) = analyze(
            "Iran said Israel attacked Syria.",
            &[(3, VerbForm::PastOrParticiple)],
            &[0..1, 2..3, 4..5],
        );
        assert_eq!(c[0].subject, Some(2..3));
        assert_eq!(c[0].object, Some(4..5));
    }

    #[test]
    fn passive_with_agent() {
        // 0 Activists 1 were 2 detained 3 by 4 police 5 .
        let (_, c) = analyze(
            "Activists were detained by police.",
            &[(2, VerbForm::PastOrParticiple)],
            &[0..1, 4..5],
        );
        assert_eq!(c[0].voice, Voice::Passive);
        assert_eq!(c[0].subject, Some(0..1));
        assert_eq!(c[0].agent, Some(4..5));
    }

    #[test]
    fn negation_and_modality() {
        // 0 Russia 1 did 2 n't 3 attack 4 Ukraine 5 .
        let (_, c) = analyze(
            "Russia didn't attack Ukraine.",
            &[(3, VerbForm::Base)],
            &[0..1, 4..5],
        );
        assert_eq!(c[0].negation, Some(2..3));
        // 0 Russia 1 will 2 meet 3 Ukraine 4 .
        let (_, c) = analyze(
            "Russia will meet Ukraine.",
            &[(2, VerbForm::Base)],
            &[0..1, 3..4],
        );
        assert_eq!(c[0].modality, Modality::Future);
        assert_eq!(c[0].modality_cue, Some(1..2));
        // 0 Russia 1 refused 2 to 3 meet 4 Ukraine 5 .
        let (_, c) = tree(
            "Russia refused to meet Ukraine.",
            &[(3, VerbForm::Base)],
            &[0..1, 4..5],
        );
        assert_eq!(c[0].negation, Some(1..2));
        assert_eq!(c[0].subject, Some(0..1));
        assert!(c[0].inherited_subject);
        let (_, c) = analyze(
            "Russia refused to meet Ukraine.",
            &[(3, VerbForm::Base)],
            &[0..1, 4..5],
        );
        assert_eq!(c[0].negation, Some(1..2));
        assert_eq!(c[0].subject, Some(0..1));
        // 0 If 1 Israel 2 attacks 3 Iran 4 , 5 ...
        let (_, c) = analyze(
            "If Israel attacks Iran, oil prices will rise.",
            &[(2, VerbForm::Third)],
            &[1..2, 3..4],
        );
        assert_eq!(c[0].modality, Modality::Hypothetical);
    }

    #[test]
    fn coordinated_subjects_are_one_span() {
        // 0 Russia 1 , 2 Iran 3 and 4 Turkey 5 condemned 6 Israel 7 .
        let (_, c) = analyze(
            "Russia, Iran and Turkey condemned Israel.",
            &[(5, VerbForm::PastOrParticiple)],
            &[0..1, 2..3, 4..5, 6..7],
        );
        assert_eq!(c[0].subject, Some(0..5));
        assert_eq!(c[0].object, Some(6..7));
    }

    #[test]
    fn subject_inside_an_oblique_is_vetoed() {
        // 0 The 1 Calenardhon 2 government 3 condemned 4 an 5 attack 6 by
        // 7 Osgiliath 8 soldiers 9 in 10 south 11 Ithilen 12 on 13 Thursday
        // 14 and 15 promised 16 aid 17 to 18 the 19 affected 20 Ithilen
        // 21 villages 22 .
        let text = "The Calenardhon government condemned an attack by Osgiliath soldiers \
                    in south Ithilen on Thursday and promised aid to the affected Ithilen villages.";
        let preds = [
            (3, VerbForm::PastOrParticiple),
            (15, VerbForm::PastOrParticiple),
        ];
        let mentions = [1..3, 7..9, 11..12, 20..21];
        // Word order alone takes "Ithilen" as the subject of "promised"...
        let mut t = TokenBuf::new();
        tokenize(text, Span::new(0, text.len()), &mut t);
        let predicates: Vec<Predicate> = preds
            .iter()
            .map(|&(i, form)| Predicate {
                start: i,
                end: i + 1,
                anchor: i,
                form,
                noun: false,
                target_at: None,
            })
            .collect();
        let input = SentenceInput {
            text,
            tokens: &t,
            predicates: &predicates,
            mentions: &mentions,
        };
        let mut h = Vec::new();
        HeuristicAnalyzer.analyze(&input, &mut h);
        assert_eq!(h[1].subject, Some(11..12));
        // ... which the tree puts inside the object of "condemned": the
        // conjoined verb shares the subject of the first.
        let (_, c) = analyze(text, &preds, &mentions);
        assert_eq!(c[1].subject, Some(1..3));
        assert_eq!(c[1].object, Some(20..21));
        assert_eq!(c[0].subject, Some(1..3));
    }
}
