//! Actor mentions: from dictionary hits to coded noun phrases.
//!
//! 1. *Atoms* are dictionary hits: actor phrases ("Azerbaijani", "Baku"),
//!    sector words ("police", "President"), and surnames of people already
//!    named or introduced by a title ("President Aliyev").
//! 2. Atoms that sit in one noun phrase are *merged*: "Israel 's President
//!    Isaac Herzog", "Foreign Minister of Azerbaijan", "Turkish pro-Palestinian
//!    activists". Capitalised words after a title join the phrase as a name.
//! 3. A merged phrase gets one *code*: a person's dated code; else an
//!    organisation's code; else a country code plus the last sector
//!    (`TUR` + `CVL` = `TURCVL`; PETRARCH agents stack, so an earlier one
//!    comes first: `EGY` + `OPP` + `MUS`); a sector with no country takes the
//!    document's most recent country, and says so in its rule.
//!
//! Each mention records the rule that produced its code, for `evidence`,
//! as a [`MentionRule`]: dictionary ids, turned into text only for the
//! mentions an event or `--explain` shows.

use std::ops::Range;

use chrono::NaiveDate;

use crate::dict::actors::{
    ActorDictionary, ActorPhrase, EntityId, EntityKind, PhraseRole, Placement,
};
use crate::dict::matcher::{Candidates, PhraseMatch};
use crate::text::{Span, TokenBuf, TokenKind};

/// A coded actor mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    pub tokens: Range<usize>,
    pub span: Span,
    pub code: String,
    pub country: String,
    pub sector: String,
    /// How the code was found (dictionary entries and rules); see
    /// [`MentionRule::render`].
    pub rule: MentionRule,
}

/// How a mention's code was found. Most mentions never reach an event, so
/// the rule keeps dictionary ids and builds its text only when asked
/// ([`MentionRule::render`]); formatting it for every mention of every
/// sentence was about 5% of coding time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MentionRule {
    /// Text built when the mention was (rare rules).
    Text(String),
    /// `person LABEL (VIA; ORIGIN)`.
    Person { entity: EntityId, via: &'static str },
    /// `pronoun: LABEL named earlier (ORIGIN)`.
    Pronoun(EntityId),
    /// A phrase coded by its head, then `+ sector CODE (ORIGIN)` for the
    /// sector phrase (a node of [`ActorDictionary::sectors`]) if one
    /// completed the code.
    Phrase {
        head: PhraseHead,
        sector: Option<u32>,
        /// An earlier sector phrase whose code stacks before `sector`'s
        /// ([`SectorPhrase::stacks`](crate::dict::actors::SectorPhrase)).
        stacked: Option<u32>,
    },
    /// `WHAT (SPEAKER'S RULE)`: "it"/"they" as the speaker of a reporting
    /// verb.
    Speaker {
        what: &'static str,
        speaker: Box<MentionRule>,
    },
    /// `RULE (compound actor)`: one member of a compound actor.
    Compound(Box<MentionRule>),
    /// A rule, then more text ([`MentionRule::then`]).
    Then(Box<MentionRule>, String),
}

/// What gave a phrase its code (see [`MentionRule::Phrase`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhraseHead {
    /// `LABEL (ORIGIN)`: an organisation.
    Org(EntityId),
    /// `LABEL ROLE (ORIGIN)`: a state, by the role of the phrase naming it.
    State(EntityId, PhraseRole),
    /// `LABEL as a place (ORIGIN)`.
    Place(EntityId),
    /// `"its": C, the first state named in WHICH sentence`.
    Possessor {
        word: &'static str,
        country: String,
        which: &'static str,
    },
    /// `country C from document context`.
    Context(String),
    /// `country C named in the sentence`.
    SentenceCountry(String),
    /// `no country in phrase or context`.
    NoCountry,
}

impl From<String> for MentionRule {
    fn from(s: String) -> MentionRule {
        MentionRule::Text(s)
    }
}

impl MentionRule {
    /// This rule followed by `text` (which brings its own leading space or
    /// separator).
    pub fn then(self, text: String) -> MentionRule {
        MentionRule::Then(Box::new(self), text)
    }

    /// The rule as text, naming the dictionary entries of `dict` (the
    /// dictionary the mention was found with).
    pub fn render(&self, dict: &ActorDictionary) -> String {
        // Room for a typical rule ("Azerbaijan Name (dyad actors.toml:12) +
        // sector GOV (...)"), so the pieces are not copied again as the
        // string grows.
        let mut out = String::with_capacity(128);
        self.render_into(dict, &mut out);
        out
    }

    fn render_into(&self, dict: &ActorDictionary, out: &mut String) {
        use std::fmt::Write;
        match self {
            MentionRule::Text(s) => out.push_str(s),
            // Plain pieces are pushed rather than formatted: this runs for
            // both actors of every event, and `write!` cost several times
            // as much.
            MentionRule::Person { entity, via } => {
                let e = dict.entity(*entity);
                for piece in ["person ", &e.label, " (", via, "; ", &e.origin, ")"] {
                    out.push_str(piece);
                }
            }
            MentionRule::Pronoun(entity) => {
                let e = dict.entity(*entity);
                for piece in ["pronoun: ", &e.label, " named earlier (", &e.origin, ")"] {
                    out.push_str(piece);
                }
            }
            MentionRule::Phrase {
                head,
                sector,
                stacked,
            } => {
                let _ = match head {
                    PhraseHead::Org(id) => {
                        let e = dict.entity(*id);
                        for piece in [e.label.as_str(), " (", &e.origin, ")"] {
                            out.push_str(piece);
                        }
                        Ok(())
                    }
                    PhraseHead::State(id, role) => {
                        let e = dict.entity(*id);
                        for piece in [e.label.as_str(), " ", role.name(), " (", &e.origin, ")"] {
                            out.push_str(piece);
                        }
                        Ok(())
                    }
                    PhraseHead::Place(id) => {
                        let e = dict.entity(*id);
                        for piece in [e.label.as_str(), " as a place (", &e.origin, ")"] {
                            out.push_str(piece);
                        }
                        Ok(())
                    }
                    PhraseHead::Possessor {
                        word,
                        country,
                        which,
                    } => write!(
                        out,
                        "{word:?}: {country}, the first state named in {which} sentence"
                    ),
                    PhraseHead::Context(c) => write!(out, "country {c} from document context"),
                    PhraseHead::SentenceCountry(c) => {
                        write!(out, "country {c} named in the sentence")
                    }
                    PhraseHead::NoCountry => write!(out, "no country in phrase or context"),
                };
                for node in [stacked, sector].into_iter().flatten() {
                    if let Some(v) = dict.sectors.values(*node).first() {
                        for piece in [" + sector ", &v.code, " (", &v.origin, ")"] {
                            out.push_str(piece);
                        }
                    }
                }
            }
            MentionRule::Speaker { what, speaker } => {
                out.push_str(what);
                out.push_str(" (");
                speaker.render_into(dict, out);
                out.push(')');
            }
            MentionRule::Compound(rule) => {
                rule.render_into(dict, out);
                out.push_str(" (compound actor)");
            }
            MentionRule::Then(rule, text) => {
                rule.render_into(dict, out);
                out.push_str(text);
            }
        }
    }
}

impl Mention {
    /// The missing target of an event coded without a dyad: code and
    /// country `---`, no sector, no words. Used when
    /// [`super::CoderOptions::require_dyad`] is off, and for codes the verb
    /// dictionary lets stand without a target
    /// ([`crate::dict::VerbDictionary::allows_targetless`]).
    pub fn absent() -> Mention {
        Mention {
            tokens: 0..0,
            span: Span::new(0, 0),
            code: "---".to_string(),
            country: "---".to_string(),
            sector: String::new(),
            rule: "no actor found".to_string().into(),
        }
    }

    /// Whether this is [`Mention::absent`].
    pub fn is_absent(&self) -> bool {
        self.tokens.is_empty() && self.code == "---"
    }

    /// A compound actor (`FRO/BIL/SAM` in PETRARCH dictionaries: one phrase
    /// naming several actors) as one mention per code; any other mention as
    /// itself.
    pub fn expand(&self) -> Vec<Mention> {
        if !self.code.contains('/') {
            return vec![self.clone()];
        }
        self.code
            .split('/')
            .filter(|c| !c.is_empty())
            .map(|c| Mention {
                code: c.to_string(),
                country: c.get(..3).unwrap_or(c).to_string(),
                sector: c.get(3..6).unwrap_or("").to_string(),
                rule: MentionRule::Compound(Box::new(self.rule.clone())),
                ..self.clone()
            })
            .collect()
    }
}

/// What a document has established so far: its countries and people.
#[derive(Clone, Debug, Default)]
pub struct DocContext {
    pub last_country: Option<String>,
    pub people: Vec<EntityId>,
    /// States named so far, most recent last, each once.
    pub countries: Vec<String>,
    /// The person named most recently, for "he" and "she".
    pub last_person: Option<EntityId>,
    /// The first state the current sentence named, and the first one the
    /// last sentence that named any did: what "its"/"their" points to.
    pub sentence_first: Option<String>,
    pub previous_first: Option<String>,
}

impl DocContext {
    /// Records a state named in the text. Copies `code` only where it
    /// changes something: most mentions repeat the state named last.
    pub fn note_country(&mut self, code: &str) {
        if self.sentence_first.is_none() {
            self.sentence_first = Some(code.to_string());
        }
        if self.countries.last().map(String::as_str) != Some(code) {
            // Each state is listed once: move it to the end, or add it.
            match self.countries.iter().position(|c| c == code) {
                Some(p) => {
                    let c = self.countries.remove(p);
                    self.countries.push(c);
                }
                None => self.countries.push(code.to_string()),
            }
        }
        match &mut self.last_country {
            Some(last) if last != code => {
                last.clear();
                last.push_str(code);
            }
            Some(_) => {}
            None => self.last_country = Some(code.to_string()),
        }
    }
}

/// Atoms borrow their phrases from the dictionary: most never become a
/// mention, and cloning a phrase's strings for each was measurable.
#[derive(Clone, Debug)]
enum AtomKind<'d> {
    Actor(&'d ActorPhrase),
    Sector {
        code: &'d str,
        placement: Placement,
        /// The phrase's node in [`ActorDictionary::sectors`].
        node: u32,
    },
    Person {
        entity: EntityId,
        via: &'static str,
    },
    /// A capital or state named as a location ("in Baku"): it gives a
    /// country to a bare sector ("police in Baku") but is no actor itself.
    Place(&'d ActorPhrase),
}

#[derive(Clone, Debug)]
struct Atom<'d> {
    start: usize,
    end: usize,
    kind: AtomKind<'d>,
}

/// Words that may sit between two atoms of one noun phrase.
const JOINERS: &[&str] = &["'s", "'", "of", "the", "-", "for"];
/// Words that end a noun phrase even inside a short gap.
const BREAKERS: &[&str] = &[
    "and", "or", "but", "said", "says", "to", "in", "on", "at", "with", "by", "that", "which",
    "who", "from", "against", "over", "after", "as", "is", "are", "was", "were", "has", "have",
    "had", "will", "would", "not", "n't", "a", "an",
];
/// Capitalised words that are not given names: before "Aliyev" or "Jordan"
/// they say nothing about which person or place is meant.
const NOT_GIVEN_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "on",
    "in",
    "at",
    "by",
    "for",
    "from",
    "to",
    "of",
    "with",
    "and",
    "but",
    "or",
    "as",
    "when",
    "while",
    "after",
    "before",
    "since",
    "then",
    "meanwhile",
    "however",
    "also",
    "still",
    "later",
    "earlier",
    "today",
    "yesterday",
    "last",
    "next",
    "this",
    "that",
    "both",
    "neighbouring",
    "neighboring",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "but",
    "if",
    "where",
    "why",
    "how",
    "what",
    "who",
    "said",
    "says",
];

/// Surnames that are also everyday words or common first names: they
/// resolve only after a title or a full-name mention.
const COMMON_WORD_SURNAMES: &[&str] = &[
    "may", "brown", "king", "rice", "bush", "key", "white", "black", "green", "young", "long",
    "little", "power", "church", "wolf", "hill", "cook", "baker", "smith", "ward", "bell", "lord",
    "best", "hope", "love", "grant", "reid", "said", "ali", "ahmed", "mohammed", "muhammad",
    "khan", "lee", "kim", "park", "moon", "yoon", "wang", "li", "zhang", "chen", "liu",
];

/// Prepositions after which a capital city is a place.
const LOCATIVE: &[&str] = &[
    "in",
    "at",
    "near",
    "outside",
    "across",
    "around",
    "inside",
    "throughout",
];
/// Name particles that continue a capitalised name ("Mohammed bin Salman").
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "de", "da", "van", "von", "der", "abu", "abdel", "-", ".",
];
const US_STATE_CUES: &[&str] = &[
    "gov",
    "gov.",
    "governor",
    "senator",
    "sen",
    "sen.",
    "state",
    "legislature",
    "bulldogs",
    "tech",
];

fn weak_name_ok(t: &TokenBuf, m: &PhraseMatch) -> bool {
    // "Michael Jordan", "Atlanta, Georgia", "Georgia's governor".
    if m.start > 0 {
        let p = &t.tokens[m.start - 1];
        if p.kind == TokenKind::Word
            && p.capitalized
            && !NOT_GIVEN_NAMES.contains(&t.norm(m.start - 1))
        {
            return false;
        }
        if t.norm(m.start - 1) == "," && m.start >= 2 && t.tokens[m.start - 2].capitalized {
            return false;
        }
    }
    let mut k = m.end;
    if k < t.len() && t.norm(k) == "'s" {
        k += 1;
    }
    if k < t.len()
        && (US_STATE_CUES.contains(&t.norm(k))
            || t.tokens[k].kind == TokenKind::Word && t.tokens[k].capitalized && k == m.end)
    {
        return false;
    }
    true
}

/// A state, or a compat-dictionary entry coded as a bare country.
fn state_like(dict: &ActorDictionary, id: EntityId) -> bool {
    let e = dict.entity(id);
    e.kind == EntityKind::State
        || e.kind == EntityKind::Other
            && e.code.len() == 3
            && e.code.bytes().all(|b| b.is_ascii_uppercase())
}

fn pro_anti_modifier(t: &TokenBuf, start: usize) -> bool {
    start >= 2 && t.norm(start - 1) == "-" && matches!(t.norm(start - 2), "pro" | "anti" | "non")
}

/// Finds and codes the actor mentions of one sentence. With `use_context`,
/// a sector without a country ("the police") takes the document's most recent
/// country, else the sentence's first; without it (PETRARCH's behaviour), it
/// codes as `---` plus the sector.
#[allow(clippy::too_many_arguments)]
pub fn find_mentions(
    dict: &ActorDictionary,
    t: &TokenBuf,
    actor_c: &Candidates,
    sector_c: &Candidates,
    date: Option<NaiveDate>,
    ctx: &mut DocContext,
    predicate_at: &[bool],
    use_context: bool,
    hits: &mut Vec<PhraseMatch>,
    out: &mut Vec<Mention>,
) {
    out.clear();
    if let Some(c) = ctx.sentence_first.take() {
        ctx.previous_first = Some(c);
    }
    let mut atoms: Vec<Atom> = Vec::new();
    dict.actors.find_all(actor_c, hits);
    for m in hits.iter() {
        // A phrase several entities share ("President Bush"): the one
        // holding a dated role on the date, else the first defined.
        let values = dict.actors.values(m.node);
        let dated = date.filter(|_| values.len() > 1).and_then(|d| {
            values
                .iter()
                .find(|v| dict.entity(v.entity).roles.iter().any(|r| r.holds_on(d)))
        });
        let Some(v) = dated.or(values.first()) else {
            continue;
        };
        if v.role == PhraseRole::Weak && !weak_name_ok(t, m) {
            continue;
        }
        if v.role == PhraseRole::Adjective && pro_anti_modifier(t, m.start) {
            continue;
        }
        // "protests in Baku": a capital after a locative preposition is a
        // place, not the government it can stand for.
        let place =
            v.role == PhraseRole::Capital && m.start > 0 && LOCATIVE.contains(&t.norm(m.start - 1));
        atoms.push(Atom {
            start: m.start,
            end: m.end,
            kind: if place {
                AtomKind::Place(v)
            } else {
                AtomKind::Actor(v)
            },
        });
    }
    dict.sectors.find_all(sector_c, hits);
    for m in hits.iter() {
        if atoms
            .iter()
            .any(|a| a.start < m.end && m.start < a.end && a.end - a.start >= m.end - m.start)
        {
            continue;
        }
        // "military-ruled Myanmar", "a government-held district": a sector
        // word in a hyphenated modifier names no actor.
        if m.end + 1 < t.len()
            && t.norm(m.end) == "-"
            && t.tokens[m.end + 1].kind == TokenKind::Word
            && !t.tokens[m.end + 1].capitalized
        {
            continue;
        }
        atoms.retain(|a| !(a.start < m.end && m.start < a.end));
        let Some(v) = dict.sectors.values(m.node).first() else {
            continue;
        };
        atoms.push(Atom {
            start: m.start,
            end: m.end,
            kind: AtomKind::Sector {
                code: &v.code,
                placement: v.placement,
                node: m.node,
            },
        });
    }
    atoms.sort_by_key(|a| a.start);

    // Surnames: "President Aliyev", or "Aliyev" once Ilham Aliyev is known.
    let covered = |atoms: &[Atom], i: usize| atoms.iter().any(|a| a.start <= i && i < a.end);
    for i in 0..t.len() {
        let tok = &t.tokens[i];
        if tok.kind != TokenKind::Word || !tok.capitalized || covered(&atoms, i) {
            continue;
        }
        let Some(ids) = dict.surnames.get(t.norm(i)) else {
            continue;
        };
        let after_title = atoms
            .iter()
            .any(|a| a.end == i && matches!(a.kind, AtomKind::Sector { .. }));
        // A different given name right before it: "Ali Aliyev" is not Ilham Aliyev.
        let other_given = i > 0
            && t.tokens[i - 1].kind == TokenKind::Word
            && t.tokens[i - 1].capitalized
            && !covered(&atoms, i - 1)
            && !NOT_GIVEN_NAMES.contains(&t.norm(i - 1));
        if other_given {
            continue;
        }
        let known = ids.iter().copied().find(|id| ctx.people.contains(id));
        let pick = match known {
            Some(id) => Some((id, "surname of a person named earlier in the document")),
            None if after_title => {
                let in_office = ids.iter().copied().find(|&id| {
                    let e = dict.entity(id);
                    date.is_none_or(|d| e.roles.iter().any(|r| r.holds_on(d)))
                });
                in_office.map(|id| (id, "title + surname of an office-holder"))
            }
            None => {
                // "Herzog said": the only office-holder of that name on the
                // event date, unless the surname is also a common word.
                let mut holders = ids.iter().copied().filter(|&id| {
                    let e = dict.entity(id);
                    date.is_some_and(|d| e.roles.iter().any(|r| r.holds_on(d)))
                });
                match (holders.next(), holders.next()) {
                    (Some(id), None) if !COMMON_WORD_SURNAMES.contains(&t.norm(i)) => Some((
                        id,
                        "surname of the only office-holder of that name on this date",
                    )),
                    _ => None,
                }
            }
        };
        if let Some((entity, via)) = pick {
            atoms.push(Atom {
                start: i,
                end: i + 1,
                kind: AtomKind::Person { entity, via },
            });
            atoms.sort_by_key(|a| a.start);
        }
    }

    // Merge atoms into noun phrases.
    let mut groups: Vec<(usize, usize, Vec<Atom>)> = Vec::new();
    // Sectors of the last "sector in PLACE" group, which carry over to
    // places coordinated with it: "lawmakers in Arnor and Gondor".
    let mut located_sectors: Option<Vec<Atom>> = None;
    for a in atoms {
        if let Some((_, gend, members)) = groups.last_mut() {
            // The tokens between the group and this atom (empty if none).
            let gap = *gend..a.start.max(*gend);
            let last = members.last().expect("groups are never empty");
            // "Israeli defence firms", "Turkish pro-Palestinian activists":
            // a few words may separate a country adjective from its head.
            let left_modifier =
                matches!(&last.kind, AtomKind::Actor(p) if p.role == PhraseRole::Adjective);
            // "police in Baku", "students from Gaza": a bare sector takes
            // the country of the place that follows it.
            let bare_sector = members
                .iter()
                .all(|m| matches!(m.kind, AtomKind::Sector { .. }));
            let place_like = matches!(&a.kind, AtomKind::Place(_))
                || matches!(&a.kind, AtomKind::Actor(p) if state_like(dict, p.entity));
            // "dissidents from military-ruled Myanmar": a few lower-case
            // modifiers may follow the preposition.
            let located = bare_sector
                && place_like
                && !gap.is_empty()
                && gap.len() <= 4
                && matches!(t.norm(gap.start), "in" | "from" | "of")
                && (gap.start + 1..gap.end).all(|i| {
                    (t.tokens[i].kind == TokenKind::Word && !t.tokens[i].capitalized
                        || t.norm(i) == "-")
                        && !BREAKERS.contains(&t.norm(i))
                        && (t.norm(i - 1) == "-" || !predicate_at.get(i).copied().unwrap_or(false))
                });
            // "Dagolath's first deputy prime minister": a possessive, then a
            // few modifiers, then a title.
            let possessive_title = matches!(a.kind, AtomKind::Sector { .. })
                && !gap.is_empty()
                && t.norm(gap.start) == "'s"
                && gap.len() <= 5
                && (gap.start + 1..gap.end).all(|i| {
                    t.tokens[i].kind == TokenKind::Word
                        && !t.tokens[i].capitalized
                        && (t.norm(i) == "and" || !BREAKERS.contains(&t.norm(i)))
                        && !predicate_at.get(i).copied().unwrap_or(false)
                });
            let joinable = located
                || possessive_title
                || gap.clone().all(|i| JOINERS.contains(&t.norm(i)))
                || (left_modifier
                    && gap.len() <= 3
                    && gap.clone().all(|i| {
                        (t.tokens[i].kind == TokenKind::Word || t.norm(i) == "-")
                            && !BREAKERS.contains(&t.norm(i))
                            && !predicate_at.get(i).copied().unwrap_or(false)
                    })
                    && !matches!(a.kind, AtomKind::Actor(p) if p.role != PhraseRole::Adjective && dict.entity(p.entity).kind == EntityKind::State && !gap.is_empty()));
            if joinable {
                if located {
                    located_sectors = Some(members.clone());
                }
                *gend = a.end;
                members.push(a);
                continue;
            }
            let coordinated = match gap.len() {
                1 => matches!(t.norm(gap.start), "and" | "," | "or"),
                2 => t.norm(gap.start) == "," && t.norm(gap.start + 1) == "and",
                _ => false,
            };
            if let (Some(sectors), true, true) = (&located_sectors, coordinated, place_like) {
                let mut members = sectors.clone();
                let (start, end) = (a.start, a.end);
                members.push(a);
                groups.push((start, end, members));
                continue;
            }
        }
        located_sectors = None;
        groups.push((a.start, a.end, vec![a]));
    }

    // "Elchin Mammadov, a former representative of a religious authority,":
    // a name no dictionary knows, with an appositive that names a sector,
    // is an actor of that sector; the phrase takes in the name, so the
    // name is where the subject is found.
    for gi in 0..groups.len() {
        let (gstart, _, members) = &groups[gi];
        if !members
            .iter()
            .all(|m| matches!(m.kind, AtomKind::Sector { .. }))
        {
            continue;
        }
        let Some(comma) = (gstart.saturating_sub(7)..*gstart)
            .rev()
            .find(|&i| t.norm(i) == ",")
        else {
            continue;
        };
        let opener = comma + 1 < *gstart && matches!(t.norm(comma + 1), "a" | "an" | "the");
        let mut name_start = comma;
        while name_start > 0
            && comma - name_start < 4
            && t.tokens[name_start - 1].kind == TokenKind::Word
            && t.tokens[name_start - 1].capitalized
        {
            name_start -= 1;
        }
        let prev_end = if gi > 0 { groups[gi - 1].1 } else { 0 };
        let bare_name = name_start < comma
            && name_start >= prev_end
            && (name_start == 0 || !t.tokens[name_start - 1].capitalized);
        if opener && bare_name {
            groups[gi].0 = name_start;
        }
    }

    // The first country the sentence names, for bare sectors when the
    // document has not named one yet.
    let sentence_country: Option<String> =
        groups
            .iter()
            .flat_map(|g| g.2.iter())
            .find_map(|a| match &a.kind {
                AtomKind::Actor(p) | AtomKind::Place(p) if state_like(dict, p.entity) => {
                    Some(dict.entity(p.entity).code.clone())
                }
                AtomKind::Person { entity, .. } => dict.entity(*entity).country.clone(),
                _ => None,
            });
    // In-document reference, resolved before this sentence's own mentions
    // update the context: "he"/"she" is the person named last, "the two
    // countries" the two states named last, "the country" the last state.
    let mut references: Vec<Mention> = Vec::new();
    let covered_now = |i: usize| groups.iter().any(|g| g.0 <= i && i < g.1);
    let span_of = |a: usize, b: usize| {
        Span::new(
            t.tokens[a].span.start as usize,
            t.tokens[b - 1].span.end as usize,
        )
    };
    for i in 0..t.len() {
        // Every reference below starts with one of these words; testing the
        // word first spares the coverage scan for the others.
        if !matches!(t.norm_bytes(i), b"he" | b"she" | b"the" | b"both") || covered_now(i) {
            continue;
        }
        let w = t.norm(i);
        if matches!(w, "he" | "she") {
            if let Some(id) = ctx.last_person {
                let e = dict.entity(id);
                let code = e.code_at(date);
                let country = person_country(e, &code);
                let sector = code.get(3..6).unwrap_or("").to_string();
                references.push(Mention {
                    tokens: i..i + 1,
                    span: span_of(i, i + 1),
                    code,
                    country,
                    sector,
                    rule: MentionRule::Pronoun(id),
                });
            }
            continue;
        }
        let next = |k: usize| if i + k < t.len() { t.norm(i + k) } else { "" };
        let two = (w == "the"
            && next(1) == "two"
            && matches!(
                next(2),
                "countries" | "nations" | "states" | "neighbours" | "neighbors"
            ))
            || (w == "both" && matches!(next(1), "countries" | "nations" | "states"));
        if two && ctx.countries.len() >= 2 {
            let len = if w == "both" { 2 } else { 3 };
            let pair = &ctx.countries[ctx.countries.len() - 2..];
            references.push(Mention {
                tokens: i..i + len,
                span: span_of(i, i + len),
                code: format!("{}/{}", pair[0], pair[1]),
                country: pair[0].clone(),
                sector: String::new(),
                rule: format!(
                    "\"the two countries\": the two states named last ({} and {})",
                    pair[0], pair[1]
                )
                .into(),
            });
            continue;
        }
        if w == "the" && next(1) == "country" {
            if let Some(c) = ctx.last_country.clone() {
                references.push(Mention {
                    tokens: i..i + 2,
                    span: span_of(i, i + 2),
                    code: c.clone(),
                    country: c.clone(),
                    sector: String::new(),
                    rule: format!("\"the country\": {c}, the state named last").into(),
                });
            }
        }
    }
    out.extend(references);
    for (gstart, mut gend, members) in groups {
        // Capitalised names after a title join the phrase.
        if matches!(
            members.last().map(|a| &a.kind),
            Some(AtomKind::Sector { .. })
        ) {
            while gend < t.len() {
                let tok = &t.tokens[gend];
                let w = t.norm(gend);
                let name_word = tok.kind == TokenKind::Word && tok.capitalized;
                let particle = NAME_PARTICLES.contains(&w)
                    && gend + 1 < t.len()
                    && t.tokens[gend + 1].capitalized;
                if name_word || particle {
                    gend += 1;
                } else {
                    break;
                }
            }
        }
        if let Some(m) = code_group(
            dict,
            t,
            gstart,
            gend,
            &members,
            date,
            ctx,
            use_context,
            sentence_country.as_deref(),
        ) {
            out.push(m);
        }
    }
    out.sort_by_key(|m| m.tokens.start);
    distribute_sectors(t, out);
    speaker_pronouns(dict, t, out);
}

/// "US and British activists", "Azerbaijani and Turkish officials": a
/// country adjective coordinated with an adjective + sector phrase shares
/// its sector.
fn distribute_sectors(t: &TokenBuf, out: &mut [Mention]) {
    for i in (0..out.len().saturating_sub(1)).rev() {
        let (a, b) = (&out[i], &out[i + 1]);
        let joined = b.tokens.start == a.tokens.end + 1
            && matches!(t.norm(a.tokens.end), "and" | "or" | ",");
        let first = &t.tokens[a.tokens.start];
        let w = t.norm(a.tokens.start);
        let adjective_like = first.all_caps
            || ["an", "ish", "ese", "i", "ic", "ch"]
                .iter()
                .any(|s| w.ends_with(s));
        if joined
            && a.tokens.len() == 1
            && adjective_like
            && a.sector.is_empty()
            && a.code == a.country
            && b.tokens.len() >= 2
            && !b.sector.is_empty()
            && b.code == format!("{}{}", b.country, b.sector)
        {
            let sector = b.sector.clone();
            let a = &mut out[i];
            a.code = format!("{}{}", a.country, sector);
            let rule = std::mem::replace(&mut a.rule, MentionRule::Text(String::new()));
            a.rule = rule.then(format!(" + sector {sector} of the coordinated phrase"));
            a.sector = sector;
        }
    }
}

/// Verbs that report what their subject says, thinks or intends.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "say",
    "announced",
    "announces",
    "added",
    "adds",
    "stated",
    "states",
    "warned",
    "warns",
    "claimed",
    "claims",
    "insisted",
    "insists",
    "argued",
    "argues",
    "noted",
    "notes",
    "confirmed",
    "confirms",
    "declared",
    "declares",
    "vowed",
    "vows",
    "pledged",
    "pledges",
    "promised",
    "promises",
    "threatened",
    "threatens",
    "believes",
    "believed",
    "thinks",
    "thought",
    "admitted",
    "admits",
    "acknowledged",
    "acknowledges",
    "denied",
    "denies",
    "explained",
    "replied",
    "indicated",
    "indicates",
    "signalled",
    "signaled",
    "suggested",
    "reported",
    "hopes",
    "hoped",
    "expects",
    "expected",
    "feared",
    "fears",
    "decided",
    "decides",
    "agreed",
    "agrees",
];

/// "Israel said it would sell drones", "Russia and Iran said they had
/// agreed", "Annan announced that he will withdraw": `it`/`they`/`he`/`she`
/// as the subject of a clause reported by a verb of saying (`said it`,
/// `said that it`, `said on Monday that they`) is the speaker, the mention
/// (or coordinated mentions, for `they`) just before that verb. `he`/`she`
/// needs a speaker that names a person (a known person, a phrase with a
/// sector such as "the minister", or a PETRARCH/TABARI entry with dated
/// codes), and then overrides the person named in
/// an earlier sentence: the speaker of the same sentence is the nearer
/// antecedent.
fn speaker_pronouns(dict: &ActorDictionary, t: &TokenBuf, out: &mut Vec<Mention>) {
    let mut found: Vec<Mention> = Vec::new();
    let mut replaced: Vec<usize> = Vec::new();
    for i in 1..t.len() {
        let personal = matches!(t.norm_bytes(i), b"he" | b"she");
        if !(personal || matches!(t.norm_bytes(i), b"it" | b"they")) {
            continue;
        }
        // An earlier sentence's person may already stand for "he"; any
        // other mention here is final.
        let earlier = out.iter().position(|m| m.tokens.contains(&i));
        if earlier.is_some_and(|k| !personal || !matches!(out[k].rule, MentionRule::Pronoun(_))) {
            continue;
        }
        let w = t.norm(i);
        // Back over "that" and a short adverbial to the reporting verb.
        let mut v = i - 1;
        if t.norm(v) == "that" {
            let lim = v.saturating_sub(4);
            while v > lim && !REPORTING.contains(&t.norm(v)) {
                v -= 1;
            }
        } else if !REPORTING.contains(&t.norm(v)) {
            // "said today it", "said on Monday they": a short adverbial of
            // plain words, naming no actor, between the verb and pronoun.
            let lim = v.saturating_sub(3);
            let mut u = v;
            while u > lim
                && !REPORTING.contains(&t.norm(u))
                && t.tokens[u].kind == TokenKind::Word
                && !out.iter().any(|m| m.tokens.contains(&u))
            {
                u -= 1;
            }
            if REPORTING.contains(&t.norm(u)) {
                v = u;
            }
        }
        if !REPORTING.contains(&t.norm(v)) {
            continue;
        }
        // The speaker ends at most three words before the verb ("Israel on
        // Monday said"), with no comma in between.
        let Some(k) = out.iter().rposition(|m| m.tokens.end <= v) else {
            continue;
        };
        let speaker = &out[k];
        if v - speaker.tokens.end > 3 || (speaker.tokens.end..v).any(|j| t.norm(j) == ",") {
            continue;
        }
        let names_person = match &speaker.rule {
            MentionRule::Person { .. } | MentionRule::Pronoun(_) => true,
            MentionRule::Phrase {
                sector: Some(_), ..
            } => true,
            // PETRARCH/TABARI files date the codes of office-holders
            // ("BARACK_OBAMA [USAGOV 090120-170120]"); states and
            // organisations there have one undated code.
            MentionRule::Phrase {
                head: PhraseHead::Org(id),
                sector: None,
                ..
            } => {
                let e = dict.entity(*id);
                e.kind == EntityKind::Other && !e.roles.is_empty()
            }
            _ => false,
        };
        if personal && !names_person {
            continue;
        }
        let (code, rule) = if w == "they" {
            let ranges: Vec<Range<usize>> = out.iter().map(|m| m.tokens.clone()).collect();
            let group = crate::analysis::heuristic::coordinated_group_containing(t, &ranges, k);
            let codes: Vec<String> = out
                .iter()
                .filter(|m| m.tokens.start >= group.start && m.tokens.end <= group.end)
                .flat_map(Mention::expand)
                .map(|m| m.code)
                .collect();
            (
                codes.join("/"),
                "\"they\": the speakers of the reporting verb",
            )
        } else if personal {
            (
                speaker.code.clone(),
                "\"he\"/\"she\": the speaker of the reporting verb",
            )
        } else {
            (
                speaker.code.clone(),
                "\"it\": the speaker of the reporting verb",
            )
        };
        replaced.extend(earlier);
        found.push(Mention {
            tokens: i..i + 1,
            span: t.tokens[i].span,
            code,
            country: speaker.country.clone(),
            sector: speaker.sector.clone(),
            rule: MentionRule::Speaker {
                what: rule,
                speaker: Box::new(speaker.rule.clone()),
            },
        });
    }
    if !found.is_empty() {
        for k in replaced.into_iter().rev() {
            out.remove(k);
        }
        out.extend(found);
        out.sort_by_key(|m| m.tokens.start);
    }
}

/// The country of a person coded `code`: the organisation's own code for
/// an IGO role (Kofi Annan as UN secretary-general is `IGOUNO`, as a
/// mention of the UN is), else the person's home country.
fn person_country(e: &crate::dict::actors::Entity, code: &str) -> String {
    if code.starts_with("IGO") {
        return code.to_string();
    }
    e.country
        .clone()
        .unwrap_or_else(|| code.chars().take(3).collect())
}

/// "its"/"their" just before a phrase.
fn possessor(t: &TokenBuf, start: usize) -> Option<&'static str> {
    match t.norm(start.checked_sub(1)?) {
        "its" => Some("its"),
        "their" => Some("their"),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn code_group(
    dict: &ActorDictionary,
    t: &TokenBuf,
    start: usize,
    end: usize,
    members: &[Atom],
    date: Option<NaiveDate>,
    ctx: &mut DocContext,
    use_context: bool,
    sentence_country: Option<&str>,
) -> Option<Mention> {
    let span = Span::new(
        t.tokens[start].span.start as usize,
        t.tokens[end - 1].span.end as usize,
    );
    let sector = members.iter().rev().find_map(|a| match &a.kind {
        AtomKind::Sector {
            code,
            placement,
            node,
            ..
        } => Some((*code, *placement, *node)),
        _ => None,
    });

    // A person decides everything.
    for a in members {
        let (entity, via) = match &a.kind {
            AtomKind::Person { entity, via } => (*entity, *via),
            AtomKind::Actor(p) if dict.entity(p.entity).kind == EntityKind::Person => {
                (p.entity, "full name")
            }
            _ => continue,
        };
        let e = dict.entity(entity);
        if !ctx.people.contains(&entity) {
            ctx.people.push(entity);
        }
        let code = e.code_at(date);
        let country = person_country(e, &code);
        ctx.note_country(&country);
        ctx.last_person = Some(entity);
        let sector = code.get(3..6).unwrap_or("").to_string();
        return Some(Mention {
            tokens: start..end,
            span,
            code,
            country,
            sector,
            rule: MentionRule::Person { entity, via },
        });
    }

    // Else the head organisation, or a state.
    let org = members.iter().find_map(|a| match &a.kind {
        AtomKind::Actor(p)
            if matches!(
                dict.entity(p.entity).kind,
                EntityKind::Org | EntityKind::Group | EntityKind::Company | EntityKind::Other
            ) =>
        {
            Some(p)
        }
        _ => None,
    });
    let state = members.iter().find_map(|a| match &a.kind {
        AtomKind::Actor(p) if dict.entity(p.entity).kind == EntityKind::State => Some(p),
        _ => None,
    });
    // A place gives its country to a sector ("police in Baku"); alone it is
    // only context for later sentences.
    let place = members.iter().find_map(|a| match &a.kind {
        AtomKind::Place(p) => Some(p.entity),
        _ => None,
    });
    if let (Some(id), None) = (place, &sector) {
        ctx.note_country(&dict.entity(id).code);
        return None;
    }
    let head;
    let (mut code, country) = if let Some(p) = org {
        let e = dict.entity(p.entity);
        let code = p.code.clone().unwrap_or_else(|| e.code_at(date));
        head = PhraseHead::Org(p.entity);
        let country = e.country.clone().unwrap_or_else(|| {
            if code.starts_with("IGO") || code.len() <= 3 {
                code.clone()
            } else {
                code[..3].to_string()
            }
        });
        (code, country)
    } else if let Some(p) = state {
        let e = dict.entity(p.entity);
        let code = p.code.clone().unwrap_or_else(|| e.code_at(date));
        head = PhraseHead::State(p.entity, p.role);
        ctx.note_country(&e.code);
        (code, e.code.clone())
    } else if let Some(id) = place {
        let e = dict.entity(id);
        head = PhraseHead::Place(id);
        ctx.note_country(&e.code);
        (e.code.clone(), e.code.clone())
    } else if let (true, Some((c, which))) = (
        use_context,
        possessor(t, start).and_then(|_| {
            // Groups are coded in order, so `sentence_first` is a state
            // named before this phrase in its sentence.
            ctx.sentence_first
                .clone()
                .map(|c| (c, "this"))
                .or_else(|| ctx.previous_first.clone().map(|c| (c, "the previous")))
        }),
    ) {
        head = PhraseHead::Possessor {
            word: possessor(t, start).unwrap_or_default(),
            country: c.clone(),
            which,
        };
        (c.clone(), c)
    } else if let (true, Some(c)) = (use_context, &ctx.last_country) {
        head = PhraseHead::Context(c.clone());
        (c.clone(), c.clone())
    } else if let (true, Some(c)) = (use_context, sentence_country) {
        head = PhraseHead::SentenceCountry(c.to_string());
        (c.to_string(), c.to_string())
    } else {
        // PETRARCH's convention for an agent with no country: `---GOV`.
        head = PhraseHead::NoCountry;
        ("---".to_string(), "---".to_string())
    };
    let mut sector_rule = None;
    let mut stacked = None;
    let org_like = org.is_some() && !code.starts_with(&country) || code.starts_with("IGO");
    if let Some((scode, placement, node)) = sector {
        if code.len() == 3 && !org_like {
            // PETRARCH agents stack: an earlier suffix agent of the phrase
            // comes first ("exiled leaders of Egypt's Muslim Brotherhood",
            // EGY + OPP + MUS).
            let stacks = |n: u32| dict.sectors.values(n).first().is_some_and(|v| v.stacks);
            if placement == Placement::Suffix && stacks(node) {
                stacked = members.iter().find_map(|a| match &a.kind {
                    AtomKind::Sector {
                        code: c,
                        placement: Placement::Suffix,
                        node: n,
                    } if *n != node
                        && c.trim_matches('~') != scode.trim_matches('~')
                        && stacks(*n) =>
                    {
                        Some((*c, *n))
                    }
                    _ => None,
                });
                if let Some((c, _)) = stacked {
                    code.push_str(c.trim_matches('~'));
                }
            }
            match placement {
                Placement::Suffix => code.push_str(scode.trim_matches('~')),
                Placement::Prefix => code = format!("{}{code}", scode.trim_matches('~')),
            }
            sector_rule = Some(node);
        }
    }
    let sector = if code.len() >= 6 && code.starts_with(&country) {
        code[3..6].to_string()
    } else {
        String::new()
    };
    Some(Mention {
        tokens: start..end,
        span,
        code,
        country,
        sector,
        rule: MentionRule::Phrase {
            head,
            sector: sector_rule,
            stacked: stacked.filter(|_| sector_rule.is_some()).map(|(_, n)| n),
        },
    })
}
