//! A fast clause analyser from token patterns, with no parser.
//!
//! Rules, in the order the coder relies on them:
//!
//! * **Clause start.** Scanning left from a predicate, a clause starts after
//!   `;`, `:`, a reporting verb ("said", "told", "added", with an optional
//!   "that"), a complementiser or subordinator ("that", "while", "but",
//!   "because", "although", "whereas"), a relative pronoun ("which", "who"),
//!   or "according to ... ,". So in "X said Y attacked Z" the clause of
//!   "attacked" starts at Y.
//! * **Subject.** The leftmost actor mention in the clause before the verb,
//!   with coordinated mentions ("Russia, Iran and Turkey") joined into one
//!   span. Relative clauses ("Baku, which supplies ..."), participles
//!   ("..., killing"), infinitives ("to meet") and conjoined verbs ("and
//!   vowed") with no local subject inherit the subject of the clause they
//!   hang from.
//! * **Object.** The first actor mention after the pattern (or at its `+`
//!   slot) before the clause ends. A passive verb's `by` phrase is its agent.
//! * **Voice.** A past participle after a form of "be" or "get" (adverbs
//!   allowed between) is passive.
//! * **Negation.** "not", "n't", "never", "no", and avoidance verbs ("refused
//!   to", "declined to", "refrained from", "failed to", "abstained from",
//!   "stopped short of"), plus "without", "instead of", "rather than" and "let
//!   alone" between the subject and the verb.
//! * **Modality.** "will", "would", "shall", "'ll", "plans to", "is expected
//!   to", "intends to", "is set to", "aims to", "is willing to" ... make the
//!   predicate future; "could", "might", "may", "if", "unless", "whether" and
//!   a question mark make it hypothetical.

use std::ops::Range;

use super::{Clause, ClauseAnalyzer, Modality, SentenceInput, Voice};
use crate::dict::inflect::VerbForm;
use crate::text::{TokenBuf, TokenKind, WordList};

/// The token-pattern analyser. Stateless; share one everywhere.
#[derive(Clone, Copy, Debug, Default)]
pub struct HeuristicAnalyzer;

const REPORTING: &WordList = &WordList::new(&[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "noted",
    "notes",
    "announced",
    "announces",
    "claimed",
    "claims",
    "reported",
    "reports",
    "wrote",
    "writes",
    "insisted",
    "insists",
    "argued",
    "argues",
    "warned",
    "warns",
    "declared",
    "declares",
    "confirmed",
    "confirms",
    "alleged",
    "alleges",
    "explained",
    "believes",
    "believed",
    "thinks",
    "thought",
    "suggested",
    "acknowledged",
    "admitted",
    "denied",
    "denies",
    "stressed",
    "emphasized",
    "emphasised",
    "underlined",
    "asserted",
    "recalled",
    "revealed",
    "indicated",
    "showed",
    "show",
    "shows",
]);
const SUBORDINATORS: &WordList = &WordList::new(&[
    "that", "while", "but", "because", "although", "though", "whereas", "since", "as", "after",
    "before", "when", "until", "unless", "if", "whether", "once",
]);
/// Verbs whose complement can be an embedded question: "questioned whether".
const DOUBTING: &WordList = &WordList::new(&[
    "question",
    "questions",
    "questioned",
    "questioning",
    "doubt",
    "doubts",
    "doubted",
    "doubting",
    "wonder",
    "wonders",
    "wondered",
    "wondering",
]);
const RELATIVES: &WordList = &WordList::new(&["which", "who", "whom", "whose", "where"]);
const BE: &WordList = &WordList::new(&[
    "be", "is", "are", "was", "were", "been", "being", "'s", "'re", "am", "get", "gets", "got",
    "gotten", "getting",
]);
const NEGATORS: &WordList = &WordList::new(&[
    "not", "n't", "never", "no", "neither", "nor", "without", "nobody", "none", "cannot",
]);
/// Verbs whose complement did not happen: "refused to attack".
const AVOIDANCE: &WordList = &WordList::new(&[
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
    "ruled",
]);
/// Verbs that direct someone else to act ("urged Iran to attack"): the act
/// in their infinitive is asked for, not done.
/// Nouns whose infinitive names an aim, not an act: "efforts to counter".
pub(crate) const AIMS: &WordList = &WordList::new(&[
    "effort",
    "efforts",
    "attempt",
    "attempts",
    "bid",
    "bids",
    "plan",
    "plans",
    "proposal",
    "proposals",
    "ways",
    "measures",
    "steps",
    "strategy",
]);
pub(crate) const DIRECTIVES: &WordList = &WordList::new(&[
    "urge",
    "urges",
    "urged",
    "urging",
    "ask",
    "asks",
    "asked",
    "asking",
    "press",
    "presses",
    "pressed",
    "pressing",
    "pressure",
    "pressures",
    "pressured",
    "pressuring",
    "push",
    "pushes",
    "pushed",
    "pushing",
    "encourage",
    "encourages",
    "encouraged",
    "encouraging",
    "invite",
    "invites",
    "invited",
    "inviting",
    "request",
    "requests",
    "requested",
    "requesting",
    "want",
    "wants",
    "wanted",
    "wanting",
    "wish",
    "wishes",
    "wished",
    "advise",
    "advises",
    "advised",
    "advising",
    "order",
    "orders",
    "ordered",
    "ordering",
    "instruct",
    "instructs",
    "instructed",
    "instructing",
    "implore",
    "implored",
    "beg",
    "begged",
    "exhort",
    "exhorted",
    "demand",
    "demands",
    "demanded",
    "demanding",
]);

pub(super) const FUTURE_AUX: &WordList =
    &WordList::new(&["will", "would", "shall", "'ll", "wo", "gonna"]);
pub(super) const FUTURE_LEAD: &WordList = &WordList::new(&[
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "intending",
    "expect",
    "expected",
    "set",
    "due",
    "aim",
    "aims",
    "aimed",
    "aiming",
    "hope",
    "hopes",
    "hoped",
    "hoping",
    "want",
    "wants",
    "wanted",
    "seek",
    "seeks",
    "sought",
    "seeking",
    "willing",
    "ready",
    "prepared",
    "preparing",
    "going",
    "poised",
    "scheduled",
    "likely",
    "about",
    "pledge",
    "pledged",
    "pledges",
    "promise",
    "promised",
    "promises",
    "vow",
    "vowed",
    "vows",
    "offer",
    "offered",
    "offers",
    "agree",
    "agreed",
    "agrees",
    "threaten",
    "threatened",
    "threatens",
    "decide",
    "decided",
    "decides",
    "try",
    "tried",
    "tries",
    "trying",
    "attempt",
    "attempted",
    "signal",
    "signalled",
    "signaled",
    "signals",
    "call",
    "called",
    "urge",
    "urged",
    "ask",
    "asked",
    "demand",
    "demanded",
    "appeal",
    "appealed",
    "invite",
    "invited",
    "eager",
    "keen",
    "determined",
]);
const HYPOTHETICAL: &WordList = &WordList::new(&[
    "could", "might", "may", "if", "unless", "whether", "should", "would-be", "possibly", "perhaps",
]);
const ADVERBS: &WordList = &WordList::new(&[
    "also",
    "already",
    "reportedly",
    "allegedly",
    "later",
    "then",
    "again",
    "directly",
    "openly",
    "publicly",
    "repeatedly",
    "recently",
    "just",
    "still",
    "formally",
    "officially",
    "jointly",
    "quickly",
    "strongly",
    "firmly",
    "sharply",
    "briefly",
    "finally",
    "previously",
    "subsequently",
    "immediately",
    "now",
    "even",
    "ever",
    "further",
    "once",
]);

/// Words between two coordinated actors: "Russia, Iran and Turkey". A
/// comma plus "the" is an appositive ("SOCAR, the state oil company"), not
/// a coordination.
fn is_coordinator(gap: &[&str]) -> bool {
    matches!(
        gap,
        [","] | ["and"] | ["or"] | [",", "and"] | ["&"] | ["and", "the"] | [",", "and", "the"]
    )
}

const DETERMINERS: &WordList = &WordList::new(&[
    "the", "a", "an", "its", "their", "his", "her", "this", "that", "these", "those", "all",
    "some", "both", "several", "many", "more", "other", "new", "our",
]);

/// Words after which a gerund is still a verb of the clause ("keep
/// supplying", "after meeting", "began shelling").
const GERUND_GOVERNORS: &WordList = &WordList::new(&[
    "and",
    "or",
    "but",
    "while",
    "after",
    "before",
    "by",
    "without",
    "of",
    "for",
    "in",
    "on",
    "from",
    "since",
    "when",
    "keep",
    "keeps",
    "kept",
    "keeping",
    "continue",
    "continues",
    "continued",
    "stop",
    "stops",
    "stopped",
    "start",
    "starts",
    "started",
    "begin",
    "began",
    "begins",
    "begun",
    "resume",
    "resumed",
    "resumes",
    "finish",
    "finished",
    "avoid",
    "avoided",
    "deny",
    "denied",
    "denies",
    "admit",
    "admitted",
    "consider",
    "considered",
    "risk",
    "risked",
    "accuse",
    "accused",
    "not",
    "n't",
    "also",
    "then",
    "still",
    "even",
    "just",
    "now",
    "again",
    "of",
]);

const PREPOSITIONS: &WordList = &WordList::new(&[
    "at",
    "in",
    "on",
    "from",
    "for",
    "near",
    "across",
    "inside",
    "outside",
    "under",
    "after",
    "before",
    "during",
    "about",
    "against",
    "of",
    "by",
    "over",
    "than",
    "into",
    "toward",
    "towards",
    "within",
    "without",
    "between",
    "among",
    "amid",
    "despite",
    "via",
    "behind",
    "beside",
    "like",
    "upon",
    "throughout",
]);

/// Heads of a partitive or group phrase ("thousands of protesters", "one of
/// the soldiers", "a group of Moroccan diplomats"): the actor after their
/// "of" is who acts, so it is not the object of a preposition.
const PARTITIVES: &WordList = &WordList::new(&[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozen",
    "dozens",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "tens",
    "scores",
    "number",
    "some",
    "many",
    "most",
    "all",
    "several",
    "few",
    "none",
    "each",
    "half",
    "third",
    "majority",
    "group",
    "groups",
    "band",
    "member",
    "members",
    "crowd",
    "crowds",
    "contingent",
    "batch",
    "unit",
    "units",
    "supporters",
    "followers",
    "loyalists",
]);

/// Whether the mention starting at `start` is the object of a preposition
/// ("at the United Nations", "in Gaza"). The actor of a partitive ("dozens
/// of protesters", "120 of the soldiers") is not.
fn after_preposition(t: &TokenBuf, start: usize) -> bool {
    let mut i = start;
    while i > 0 && matches!(norm(t, i - 1), "the" | "a" | "an") {
        i -= 1;
    }
    if i > 1
        && norm(t, i - 1) == "of"
        && (is(t, i - 2, PARTITIVES) || t.tokens[i - 2].kind == TokenKind::Number)
        && !appositive_head(t, i - 2)
    {
        return false;
    }
    i > 0 && PREPOSITIONS.contains(&norm(t, i - 1))
}

/// Whether the partitive head at `head` opens an appositive (", a member of
/// Hamas jailed last year"): it describes the actor before the comma.
fn appositive_head(t: &TokenBuf, head: usize) -> bool {
    let mut i = head;
    // Over the quantity's own words: "a", "some 200", "tens of thousands of".
    while i > 0
        && (matches!(
            norm(t, i - 1),
            "a" | "an" | "the" | "some" | "about" | "nearly" | "almost" | "around" | "of"
        ) || is(t, i - 1, PARTITIVES)
            || t.tokens[i - 1].kind == TokenKind::Number)
    {
        i -= 1;
    }
    i > 0 && matches!(norm(t, i - 1), "," | "(")
}

/// The span of mention `idx` together with the mentions coordinated after
/// it ("Gondor and Osgiliath"), as the subject and object rules see it.
pub fn coordinated_group(t: &TokenBuf, mentions: &[Range<usize>], idx: usize) -> Range<usize> {
    HeuristicAnalyzer::coordinate(t, mentions, idx, t.len())
}

/// The coordinated group that mention `idx` belongs to, wherever in the
/// group it stands ("Russia and Iran said": Iran's group starts at Russia).
pub fn coordinated_group_containing(
    t: &TokenBuf,
    mentions: &[Range<usize>],
    idx: usize,
) -> Range<usize> {
    (0..=idx)
        .map(|j| coordinated_group(t, mentions, j))
        .find(|g| g.start <= mentions[idx].start && g.end >= mentions[idx].end)
        .unwrap_or_else(|| mentions[idx].clone())
}

/// Whether the mention `next` is coordinated with a mention ending at
/// `prev_end`. Beyond the plain coordinators, a conjunction may be followed
/// by a few modifiers ("Fornost and the evil awful Gondor"), and a comma plus
/// modifiers counts when the list goes on after `next` ("Mordor, the awful
/// Fornost, and good Gondor"), which tells it from an appositive.
fn coordinated(t: &TokenBuf, prev_end: usize, next: &Range<usize>) -> bool {
    let gap: Vec<&str> = (prev_end..next.start).map(|i| norm(t, i)).collect();
    if is_coordinator(&gap) {
        return true;
    }
    let lead = gap
        .iter()
        .take_while(|w| matches!(**w, "," | "and" | "or"))
        .count();
    if lead == 0 || lead > 2 || gap.len() - lead > 3 {
        return false;
    }
    let modifiers_ok = (prev_end + lead..next.start).all(|i| {
        let w = norm(t, i);
        // Verb forms ("and accused Baku") end the list.
        let verbish = w.ends_with("ed") || w.ends_with("ing");
        t.tokens[i].kind == TokenKind::Word
            && !t.tokens[i].capitalized
            && !verbish
            && !PREPOSITIONS.contains(&w)
            && !is(t, i, REPORTING)
            && !is(t, i, SUBORDINATORS)
            && !is(t, i, RELATIVES)
            && !BE.contains(&w)
    });
    let has_conjunction = gap[..lead].iter().any(|w| *w != ",");
    let list_goes_on = next.end < t.len() && matches!(norm(t, next.end), "," | "and" | "or");
    modifiers_ok && (has_conjunction || list_goes_on)
}

/// A verb of saying that takes a clause, not an addressee ("said", not
/// "told").
fn says(t: &TokenBuf, i: usize) -> bool {
    is(t, i, REPORTING) && !matches!(norm(t, i), "told" | "tells" | "tell")
}

fn norm(t: &TokenBuf, i: usize) -> &str {
    t.norm(i)
}

fn is(t: &TokenBuf, i: usize, set: &WordList) -> bool {
    set.has(t, i)
}

impl HeuristicAnalyzer {
    /// First token of the clause containing token `at`.
    fn clause_start(&self, t: &TokenBuf, at: usize, mentions: &[Range<usize>]) -> usize {
        let in_mention = |i: usize| mentions.iter().any(|m| m.contains(&i));
        let mut i = at;
        while i > 0 {
            let j = i - 1;
            let w = norm(t, j);
            // A closed parenthesis before the verb is an aside inside the
            // clause ("The Homeland Union (Conservatives) began", "workers
            // of the union (SSS) stopped work"): step over it whole.
            if w == ")" {
                if let Some(open) = (0..j).rev().find(|&k| norm(t, k) == "(") {
                    i = open;
                    continue;
                }
            }
            if w == ";"
                || w == ":"
                || w == "("
                || w == "\"" && j + 1 < at && t.tokens[j + 1].capitalized
            {
                return i;
            }
            if !in_mention(j)
                && (is(t, j, SUBORDINATORS) || is(t, j, RELATIVES) || is(t, j, REPORTING))
            {
                // "according to" and "as well as" are not clause starts.
                return i;
            }
            if w == "to" && j > 0 && norm(t, j - 1) == "according" {
                // "According to Iraqi officials, X ...": the clause starts after
                // the comma that closes the attribution.
                return (i..at)
                    .find(|&k| norm(t, k) == ",")
                    .map(|k| k + 1)
                    .unwrap_or(i);
            }
            i = j;
        }
        0
    }

    /// Extends mention `m` rightwards over coordinated mentions.
    fn coordinate(
        t: &TokenBuf,
        mentions: &[Range<usize>],
        idx: usize,
        limit: usize,
    ) -> Range<usize> {
        let mut span = mentions[idx].clone();
        let mut k = idx + 1;
        while k < mentions.len() && mentions[k].end <= limit {
            // "detained activists, rights groups said": the attribution's
            // subject is not coordinated with the object.
            // ("Russia and Iran said" is a coordinated subject.)
            let attributed = mentions[k].end < t.len()
                && is(t, mentions[k].end, REPORTING)
                && (span.end..mentions[k].start).all(|i| norm(t, i) != "and");
            if !coordinated(t, span.end, &mentions[k]) || attributed {
                break;
            }
            span.end = mentions[k].end;
            k += 1;
        }
        span
    }

    /// Extends mention `m` leftwards over mentions coordinated with it.
    fn coordinate_left(
        t: &TokenBuf,
        mentions: &[Range<usize>],
        idx: usize,
    ) -> (usize, Range<usize>) {
        let mut first = idx;
        while first > 0 {
            if !coordinated(t, mentions[first - 1].end, &mentions[first]) {
                break;
            }
            first -= 1;
        }
        (first, mentions[first].start..mentions[idx].end)
    }

    /// The end of any appositives after a mention ending at `end`:
    /// "SOCAR, the Azerbaijani state oil company,".
    fn skip_appositives(t: &TokenBuf, mentions: &[Range<usize>], mut end: usize) -> usize {
        while let Some(m) = mentions
            .iter()
            .find(|m| m.start > end && m.start <= end + 3)
        {
            let gap: Vec<&str> = (end..m.start).map(|i| norm(t, i)).collect();
            if !matches!(
                gap.as_slice(),
                [",", "the"] | [",", "a"] | [",", "an"] | ["("] | ["(", "the"] | [",", "its"]
            ) {
                break;
            }
            end = m.end;
        }
        end
    }

    fn subject_in(
        &self,
        t: &TokenBuf,
        mentions: &[Range<usize>],
        from: usize,
        to: usize,
    ) -> Option<Range<usize>> {
        // The object of a preposition is not a subject: "At the United
        // Nations, Azerbaijan voted ...", "Together with Kazakhstan, Baku ..."
        // keeps Kazakhstan only through coordination with the subject.
        let first = mentions
            .iter()
            .position(|m| m.start >= from && m.end <= to && !after_preposition(t, m.start))?;
        Some(Self::coordinate(t, mentions, first, to))
    }

    fn object_after(
        &self,
        t: &TokenBuf,
        mentions: &[Range<usize>],
        from: usize,
        stop: usize,
    ) -> Option<Range<usize>> {
        let idx = mentions
            .iter()
            .position(|m| m.start >= from && m.start < stop)?;
        Some(Self::coordinate(t, mentions, idx, t.len()))
    }

    /// Where the object search stops: the end of the clause.
    fn clause_end(
        &self,
        t: &TokenBuf,
        mentions: &[Range<usize>],
        from: usize,
        next_anchor: usize,
    ) -> usize {
        let mut i = from;
        while i < t.len() && i < next_anchor {
            let w = norm(t, i);
            if w == ";"
                || (t.tokens[i].kind == TokenKind::Punct && (w == "." || w == "?" || w == "!"))
            {
                return i;
            }
            // A closing attribution (", killing 12 people, Syrian state media
            // reported"): its speaker is no object of the clause before it.
            if w == ","
                && mentions.iter().any(|m| {
                    m.start > i
                        && m.start <= i + 2
                        && (i + 1..m.start).all(|k| matches!(norm(t, k), "the" | "a" | "an"))
                        && m.end < t.len()
                        && says(t, m.end)
                })
            {
                return i;
            }
            if w == ","
                && i + 1 < t.len()
                && (is(t, i + 1, RELATIVES)
                    || is(t, i + 1, REPORTING)
                    || matches!(norm(t, i + 1), "and" | "but" | "or" | "yet" | "while"))
            {
                return i;
            }
            if is(t, i, REPORTING) || (is(t, i, SUBORDINATORS) && w != "that" && w != "as") {
                return i;
            }
            // An infinitival purpose clause ("to discuss the South
            // Caucasus") has its own object.
            if i > from
                && w == "to"
                && i + 1 < t.len()
                && t.tokens[i + 1].kind == TokenKind::Word
                && !t.tokens[i + 1].capitalized
                && !DETERMINERS.contains(&norm(t, i + 1))
            {
                return i;
            }
            i += 1;
        }
        i
    }

    fn voice(&self, t: &TokenBuf, anchor: usize, form: VerbForm) -> Voice {
        if !matches!(form, VerbForm::PastParticiple | VerbForm::PastOrParticiple) {
            return Voice::Active;
        }
        // "There were 10 Russian soldiers killed in Ukraine": after an
        // existential "there is/was", the participle describes its noun.
        let mut j = anchor;
        for _ in 0..8 {
            if j < 2 {
                break;
            }
            j -= 1;
            if matches!(norm(t, j), "," | ";" | ":" | "that" | "which" | "who") {
                break;
            }
            if is(t, j, BE) && norm(t, j - 1) == "there" {
                return Voice::Passive;
            }
        }
        let mut i = anchor;
        for _ in 0..3 {
            if i == 0 {
                break;
            }
            i -= 1;
            if is(t, i, BE) {
                // "has been detained" is passive; "has detained" is not.
                return Voice::Passive;
            }
            if !is(t, i, ADVERBS) && !is(t, i, NEGATORS) && !t.norm(i).ends_with("ly") {
                break;
            }
        }
        Voice::Active
    }
}

impl ClauseAnalyzer for HeuristicAnalyzer {
    fn name(&self) -> &'static str {
        "heuristic"
    }

    fn analyze(&self, s: &SentenceInput<'_>, out: &mut Vec<Clause>) {
        let t = s.tokens;
        let n = t.len();
        let question = (0..n)
            .rev()
            .find(|&i| {
                t.tokens[i].kind == TokenKind::Punct && norm(t, i) != "\"" && norm(t, i) != "'"
            })
            .is_some_and(|i| norm(t, i) == "?");
        let mut prev: Option<Clause> = None;
        for (pi, p) in s.predicates.iter().enumerate() {
            let start = self.clause_start(t, p.start, s.mentions);
            let mut next_anchor = s.predicates.get(pi + 1).map(|q| q.start).unwrap_or(n);
            // "endorsed an association agreement with the EU": a noun event
            // that is the verb's object leaves the object search open.
            if let Some(q) = s.predicates.get(pi + 1).filter(|q| {
                !p.noun
                    && q.noun
                    && q.start > p.end
                    && q.start <= p.end + 3
                    && (p.end..q.start).all(|i| {
                        t.tokens[i].kind == TokenKind::Word
                            && !t.tokens[i].capitalized
                            && !is(t, i, SUBORDINATORS)
                            && !PREPOSITIONS.contains(&norm(t, i))
                    })
            }) {
                next_anchor = s
                    .predicates
                    .get(pi + 2)
                    .map(|r| r.start)
                    .unwrap_or(n)
                    .max(q.end);
            }
            let end = self.clause_end(t, s.mentions, p.end, next_anchor.max(p.end));
            let mut c = Clause {
                predicate: pi,
                bounds: start..end.max(p.end),
                ..Clause::default()
            };
            c.voice = if p.noun {
                Voice::Active
            } else {
                self.voice(t, p.anchor, p.form)
            };

            // Subject.
            if p.noun {
                // "the Israeli attack", "Israel's attack": a mention ending at
                // most two tokens before the noun.
                if let Some(idx) = s
                    .mentions
                    .iter()
                    .rposition(|m| m.end <= p.start && m.end + 2 >= p.start && m.start >= start)
                {
                    let gap_ok = (s.mentions[idx].end..p.start).all(|i| {
                        matches!(norm(t, i), "'s" | "'" | "-" | "led" | "backed")
                            || !t.tokens[i].capitalized && t.tokens[i].kind == TokenKind::Word
                    });
                    if gap_ok {
                        c.subject = Some(Self::coordinate_left(t, s.mentions, idx).1);
                    }
                }
            } else {
                // Mentions the previous predicate took as its object are not
                // this one's subject ("X sells Y drones, and Z signed ...").
                // A verb of saying has no such object: "Israel said it
                // would sell" reports a clause whose subject is "it".
                let after_prev_object = prev
                    .as_ref()
                    .filter(|pc| !says(t, s.predicates[pc.predicate].anchor))
                    .and_then(|pc| pc.object.as_ref())
                    .map(|o| Self::skip_appositives(t, s.mentions, o.end))
                    .filter(|&e| e <= p.start)
                    .unwrap_or(0);
                c.subject = self.subject_in(t, s.mentions, start.max(after_prev_object), p.start);
                // An infinitive's subject found before the governing verb
                // ("Obama wants to attack") is that verb's, inherited.
                if p.start > 0 && norm(t, p.start - 1) == "to" {
                    if let (Some(subj), Some(pc)) = (&c.subject, &prev) {
                        let governing = &s.predicates[pc.predicate];
                        if subj.end <= governing.start && governing.end < p.start {
                            c.inherited_subject = true;
                        }
                    }
                }
                if c.subject.is_none() {
                    // Relative clause, participle, infinitive, conjoined verb:
                    // inherit from the governing clause.
                    let before = if start > 0 { norm(t, start - 1) } else { "" };
                    let lead = if p.start > 0 {
                        norm(t, p.start - 1)
                    } else {
                        ""
                    };
                    // "that" right after a verb ("claimed that ISIL had
                    // attacked Iraq and taken Mosul") opens a complement
                    // clause, not a relative one.
                    let complement = before == "that"
                        && start >= 2
                        && s.predicates.iter().any(|q| !q.noun && q.end == start - 1);
                    let relative = RELATIVES.contains(&before) || before == "that" && !complement;
                    if relative {
                        // Antecedent: the mention just before the pronoun.
                        if let Some(idx) = s
                            .mentions
                            .iter()
                            .rposition(|m| m.end + 2 >= start && m.end < start)
                        {
                            c.subject = Some(Self::coordinate_left(t, s.mentions, idx).1);
                            c.inherited_subject = true;
                        }
                    } else if lead == "and"
                        || lead == "to"
                        || lead == ","
                            && matches!(
                                p.form,
                                VerbForm::Gerund
                                    | VerbForm::PastParticiple
                                    | VerbForm::PastOrParticiple
                            )
                        || lead == "then"
                    {
                        // A participle right after a noun ("a resolution
                        // demanding a ceasefire") modifies that noun, so only
                        // ", killing" / "and vowed" / "to meet" inherit.
                        if let Some(pc) = &prev {
                            c.subject = pc.subject.clone();
                            c.inherited_subject = true;
                        }
                    }
                }
            }

            // "a resolution demanding a ceasefire": a participle right after
            // a common noun modifies that noun, which is not an actor.
            if !p.noun && p.form == VerbForm::Gerund && p.start > 0 {
                let prev = &t.tokens[p.start - 1];
                let w = norm(t, p.start - 1);
                let modifier = prev.kind == TokenKind::Word
                    && !prev.capitalized
                    && !BE.contains(&w)
                    && !ADVERBS.contains(&w)
                    && !w.ends_with("ly")
                    && !GERUND_GOVERNORS.contains(&w)
                    && !s.mentions.iter().any(|m| m.end == p.start);
                if modifier {
                    c.subject = None;
                    c.inherited_subject = false;
                }
            }

            // Object / target, and the passive agent.
            let search_from = p.target_at.unwrap_or(p.end);
            let by = (p.end..end.min(n)).find(|&i| norm(t, i) == "by");
            if c.voice == Voice::Passive || p.noun {
                if let Some(b) = by {
                    c.agent = s
                        .mentions
                        .iter()
                        .find(|m| m.start == b + 1 || m.start == b + 2 && norm(t, b + 1) == "the")
                        .cloned();
                }
            }
            c.object = self.object_after(t, s.mentions, search_from, end.max(p.end));
            // "Kenya said two Somali soldiers were wounded": an actor right
            // after a bare verb of saying that a verb follows is the
            // subject of the reported clause, not the addressee.
            if says(t, p.anchor) && p.end == p.anchor + 1 {
                let verb_next = c.object.as_ref().is_some_and(|o| {
                    o.start <= p.end + 2
                        && o.end < n
                        && (is(t, o.end, BE) && norm(t, o.end) != "'s"
                            || is(t, o.end, FUTURE_AUX)
                            || is(t, o.end, HYPOTHETICAL)
                            || matches!(norm(t, o.end), "has" | "have" | "had" | "did")
                            || s.predicates.iter().any(|q| q.start == o.end && !q.noun))
                });
                if verb_next {
                    c.object = None;
                }
            }
            // "sells Azerbaijan drones", "engaged Filipino peacekeepers in a
            // firefight in the Golan": the target sits inside the pattern's
            // gap, before any place after a preposition.
            let located = c
                .object
                .as_ref()
                .is_some_and(|o| o.start >= p.end && after_preposition(t, o.start));
            if c.object.is_none() && p.target_at.is_none() && p.end > p.anchor + 1 {
                c.object = self.object_after(t, s.mentions, p.anchor + 1, p.end);
            } else if located && p.target_at.is_none() && p.end > p.anchor + 1 {
                // An actor inside the pattern beats one after it ("attend a
                // summit in Switzerland on the unrest in Iran"), unless it
                // only modifies the pattern's last noun ("military
                // exercises").
                let last_is_noun = !PREPOSITIONS.contains(&norm(t, p.end - 1));
                if let Some(g) = self
                    .object_after(t, s.mentions, p.anchor + 1, p.end)
                    .filter(|g| g.end + 1 < p.end || !last_is_noun)
                {
                    c.object = Some(g);
                }
            }
            // "Israel said Iran attacked": what follows a verb of saying is
            // the reported clause's subject, not the statement's target. A
            // pattern that ends in a preposition ("announced a suspension of
            // air links with") has taken its object itself.
            let prepositional = p.end > p.anchor + 1
                && matches!(
                    norm(t, p.end - 1),
                    "with" | "to" | "against" | "on" | "for" | "from" | "into" | "at"
                );
            if !p.noun && says(t, p.anchor) && p.target_at.is_none() && !prepositional {
                if let Some(o) = &c.object {
                    let reported = s.predicates.get(pi + 1).is_some_and(|q| q.start >= o.end);
                    let adjacent = (p.end..o.start).all(|i| matches!(norm(t, i), "that" | ","))
                        || o.start <= p.end + 4 && (p.end..o.start).any(|i| norm(t, i) == "that");
                    if reported && adjacent {
                        c.object = None;
                    }
                }
            }
            // "began to question whether he had a future with the Orcs": a
            // verb of doubting has the embedded question as its complement,
            // and the actor questioned sits inside it.
            if c.object.is_none()
                && !p.noun
                && end < n
                && norm(t, end) == "whether"
                && (p.end..end).all(|i| t.tokens[i].kind == TokenKind::Word)
                && (p.start..p.end).any(|i| is(t, i, DOUBTING))
            {
                let stop = self.clause_end(t, s.mentions, end + 1, n);
                c.object = self.object_after(t, s.mentions, end + 1, stop);
            }
            if c.object.is_some() && c.object == c.agent {
                c.object =
                    self.object_after(t, s.mentions, c.agent.as_ref().unwrap().end, end.max(p.end));
            }

            // Negation and modality: cues between the subject (or clause
            // start) and the predicate.
            let cue_from = c
                .subject
                .as_ref()
                .filter(|r| r.end <= p.start)
                .map(|r| r.end)
                .unwrap_or(start)
                .max(start);
            for i in cue_from..p.anchor.max(cue_from) {
                let w = norm(t, i);
                if c.negation.is_none()
                    && (NEGATORS.contains(&w)
                        || AVOIDANCE.contains(&w)
                            && i + 1 < n
                            && matches!(norm(t, i + 1), "to" | "from" | "of"))
                {
                    c.negation = Some(i..i + 1);
                }
                if w == "instead"
                    || w == "rather"
                    || w == "let" && i + 1 < n && norm(t, i + 1) == "alone"
                    || w == "short" && i + 1 < n && norm(t, i + 1) == "of"
                {
                    c.negation.get_or_insert(i..i + 1);
                }
                if HYPOTHETICAL.contains(&w) {
                    c.modality = Modality::Hypothetical;
                    c.modality_cue = Some(i..i + 1);
                } else if c.modality == Modality::Actual
                    && (FUTURE_AUX.contains(&w)
                        || FUTURE_LEAD.contains(&w)
                            && i + 1 < n
                            && norm(t, i + 1) == "to"
                            && i + 2 <= p.anchor)
                {
                    c.modality = Modality::Future;
                    c.modality_cue = Some(i..i + 1);
                }
            }
            // A hypothetical or conditional clause start ("if Israel attacks").
            // "urged Iran to attack Israel", "called on Turkey to help":
            // the infinitive is what the directive asks for, not an act.
            if !p.noun && p.start > 0 && norm(t, p.start - 1) == "to" {
                let to = p.start - 1;
                if let Some(addressee) = s
                    .mentions
                    .iter()
                    .rposition(|m| m.end <= to && m.end + 1 >= to)
                {
                    let m = &s.mentions[addressee];
                    let before = m.start.saturating_sub(2)..m.start;
                    let directive = before.clone().rev().find(|&i| {
                        is(t, i, DIRECTIVES)
                            || norm(t, i) == "on"
                                && i > 0
                                && matches!(norm(t, i - 1), "called" | "calls" | "call" | "calling")
                    });
                    if let Some(d) = directive {
                        c.modality = Modality::Hypothetical;
                        c.modality_cue = Some(d..d + 1);
                    }
                }
            }
            // "to discuss efforts to counter Islamic State": an aim.
            // The aim word is a noun after a determiner or a verb ("cancel
            // plans to sell"), not the verb of "Greece plans to impose".
            let aim_noun = |k: usize| {
                k > 0 && {
                    let w = norm(t, k - 1);
                    t.tokens[k - 1].kind == TokenKind::Word
                        && !t.tokens[k - 1].capitalized
                        && !ADVERBS.contains(&w)
                        && !w.ends_with("ly")
                        && !BE.contains(&w)
                        && !FUTURE_AUX.contains(&w)
                        && !s.mentions.iter().any(|m| m.end == k)
                }
            };
            if !p.noun
                && p.start >= 2
                && norm(t, p.start - 1) == "to"
                && is(t, p.start - 2, AIMS)
                && aim_noun(p.start - 2)
            {
                c.modality = Modality::Hypothetical;
                c.modality_cue = Some(p.start - 2..p.start - 1);
            }
            if start > 0 && matches!(norm(t, start - 1), "if" | "unless" | "whether") {
                c.modality = Modality::Hypothetical;
                c.modality_cue = Some(start - 1..start);
            }
            if question {
                c.modality = Modality::Hypothetical;
            }
            prev = Some(c.clone());
            out.push(c);
        }
    }
}
