//! Actor and sector dictionaries.
//!
//! An [`Entity`] is a state, organisation, group, company or person, with a
//! base CAMEO code and optional dated roles. Phrases ("Azerbaijan", "Azeri",
//! "Baku", "Ilham Aliyev") point at entities; sector phrases ("police",
//! "activists") carry agent codes that the coder joins to a country code.
//! Both compile into [`PhraseMatcher`]s.
//!
//! Date semantics: a role `FROM..TO` holds on both end days. A person on a
//! date outside every role codes as their country + `ELI`; any other entity
//! falls back to its base code.

use chrono::NaiveDate;

use super::matcher::{FxMap, PatTok, PhraseMatcher, PhraseMatcherBuilder};
use super::native::{parse_blocks, Block};
use super::{phrase_tokens, DictError};

pub type EntityId = u32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EntityKind {
    State,
    Org,
    Group,
    Company,
    Person,
    /// An entry from a PETRARCH/TABARI actor file.
    Other,
}

/// A code that holds between two dates (inclusive; open ends allowed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DatedCode {
    pub code: String,
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

impl DatedCode {
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date <= t)
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entity {
    pub kind: EntityKind,
    pub label: String,
    /// Base code: the state code, IGO code, or a compat entry's default code.
    pub code: String,
    /// Home country (alpha-3) where there is one.
    pub country: Option<String>,
    pub roles: Vec<DatedCode>,
    /// Normalised first and last name words, for people.
    pub given: Option<String>,
    pub surname: Option<String>,
    /// `file:line` of the entity's definition.
    pub origin: String,
}

impl Entity {
    /// The entity's code on `date` (the base code when no date is known and
    /// the entity has no open-ended current role).
    pub fn code_at(&self, date: Option<NaiveDate>) -> String {
        if self.roles.is_empty() {
            return self.code.clone();
        }
        match date {
            Some(d) => {
                if let Some(r) = self.roles.iter().find(|r| r.holds_on(d)) {
                    return r.code.clone();
                }
            }
            None => {
                if let Some(r) = self.roles.iter().find(|r| r.to.is_none()) {
                    return r.code.clone();
                }
            }
        }
        match (self.kind, &self.country) {
            (EntityKind::Person, Some(c)) => format!("{c}ELI"),
            _ => self.code.clone(),
        }
    }
}

/// What a phrase says about its entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PhraseRole {
    Name,
    Adjective,
    /// Capital city as metonym for the government.
    Capital,
    /// Seat of power as metonym.
    Seat,
    /// Ambiguous name, accepted only where context allows.
    Weak,
}

impl PhraseRole {
    /// The role's name as `{:?}` writes it ("Name", "Capital"), without
    /// the formatting machinery: every event's evidence names one.
    pub fn name(self) -> &'static str {
        match self {
            PhraseRole::Name => "Name",
            PhraseRole::Adjective => "Adjective",
            PhraseRole::Capital => "Capital",
            PhraseRole::Seat => "Seat",
            PhraseRole::Weak => "Weak",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActorPhrase {
    pub entity: EntityId,
    pub role: PhraseRole,
    /// A full code that replaces the entity's code for this phrase.
    pub code: Option<String>,
}

/// Where an agent code goes relative to the country code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Placement {
    /// `~GOV`: AZE + GOV = AZEGOV.
    Suffix,
    /// `NGO~`: NGO + AZE = NGOAZE.
    Prefix,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SectorPhrase {
    pub code: String,
    pub placement: Placement,
    pub origin: String,
    /// PETRARCH agent codes stack: "exiled leaders of Egypt's Muslim
    /// Brotherhood" is EGY + OPP + MUS. dyad's own sectors do not: the head's
    /// sector codes the phrase.
    pub stacks: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Discard {
    /// Discard the whole story, not just the sentence.
    pub story: bool,
}

/// Compiled actor, sector and discard dictionaries.
#[derive(Clone, Debug, Default)]
pub struct ActorDictionary {
    pub entities: Vec<Entity>,
    pub actors: PhraseMatcher<ActorPhrase>,
    pub sectors: PhraseMatcher<SectorPhrase>,
    pub discards: PhraseMatcher<Discard>,
    /// People by normalised surname, for "President Aliyev" and later "Aliyev".
    pub surnames: FxMap<String, Vec<EntityId>>,
}

impl ActorDictionary {
    /// dyad's built-in dictionaries.
    pub fn builtin() -> (ActorDictionary, Vec<DictError>) {
        let mut b = ActorDictionaryBuilder::new();
        for (name, content) in super::builtin::ACTORS {
            b.add_native_actors(name, content);
        }
        for (name, content) in super::builtin::SECTORS {
            b.add_native_sectors(name, content);
        }
        let errors = b.errors().to_vec();
        (b.build(), errors)
    }

    pub fn entity(&self, id: EntityId) -> &Entity {
        &self.entities[id as usize]
    }
}

/// Builds an [`ActorDictionary`] from any mix of formats.
#[derive(Default)]
pub struct ActorDictionaryBuilder {
    entities: Vec<Entity>,
    actors: PhraseMatcherBuilder<ActorPhrase>,
    sectors: PhraseMatcherBuilder<SectorPhrase>,
    discards: PhraseMatcherBuilder<Discard>,
    errors: Vec<DictError>,
}

/// Converts a written phrase to pattern tokens: short all-capital words
/// ("US", "UN", "NATO") become acronyms that only match capitals.
pub fn native_phrase(phrase: &str) -> Vec<PatTok> {
    phrase_tokens(phrase)
        .into_iter()
        .map(|(norm, caps)| {
            let letters = norm.chars().filter(|c| c.is_alphabetic()).count();
            if caps && (2..=5).contains(&letters) {
                PatTok::Caps(norm)
            } else {
                PatTok::Exact(norm)
            }
        })
        .collect()
}

fn is_roman(w: &str) -> bool {
    !w.is_empty() && w.len() <= 4 && w.chars().all(|c| matches!(c, 'i' | 'v' | 'x'))
}

fn parse_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

fn split_override(v: &str) -> (&str, Option<String>) {
    match v.split_once("=>") {
        Some((p, c)) => (p.trim(), Some(c.trim().to_string())),
        None => (v.trim(), None),
    }
}

impl ActorDictionaryBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn errors(&self) -> &[DictError] {
        &self.errors
    }

    pub fn push_error(&mut self, e: DictError) {
        self.errors.push(e);
    }

    pub fn add_entity(&mut self, e: Entity) -> EntityId {
        self.entities.push(e);
        (self.entities.len() - 1) as EntityId
    }

    pub fn entity_mut(&mut self, id: EntityId) -> &mut Entity {
        &mut self.entities[id as usize]
    }

    pub fn add_actor_phrase(&mut self, phrase: &[PatTok], value: ActorPhrase) {
        self.actors.add(phrase, value);
    }

    pub fn add_sector_phrase(&mut self, phrase: &[PatTok], value: SectorPhrase) {
        self.sectors.add(phrase, value);
    }

    pub fn add_discard(&mut self, phrase: &[PatTok], value: Discard) {
        self.discards.add(phrase, value);
    }

    /// Reads a native actor file (`state`, `org`, `group`, `company`,
    /// `person` blocks).
    pub fn add_native_actors(&mut self, file: &str, content: &str) {
        let (blocks, errors) = parse_blocks(file, content);
        self.errors.extend(errors);
        for b in &blocks {
            self.add_native_block(file, b);
        }
    }

    fn add_native_block(&mut self, file: &str, b: &Block) {
        let kind = match b.kind.as_str() {
            "state" => EntityKind::State,
            "org" => EntityKind::Org,
            "group" => EntityKind::Group,
            "company" => EntityKind::Company,
            "person" => EntityKind::Person,
            other => {
                self.errors.push(DictError::new(file, b.line, format!("unknown block kind {other:?} (expected state, org, group, company or person)")));
                return;
            }
        };
        let origin = format!("{file}:{}", b.line);
        let country = b.values("country").next().map(|(v, _)| v.to_string());
        let (code, label) = if kind == EntityKind::Person {
            (
                country
                    .clone()
                    .map(|c| format!("{c}ELI"))
                    .unwrap_or_default(),
                format!("{} {}", b.code, b.label).trim().to_string(),
            )
        } else {
            (b.code.clone(), b.label.clone())
        };
        if kind != EntityKind::Person
            && (code.len() < 3
                || !code
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()))
        {
            self.errors.push(DictError::new(
                file,
                b.line,
                format!("bad actor code {code:?}"),
            ));
            return;
        }
        if kind == EntityKind::Person && country.is_none() {
            self.errors
                .push(DictError::new(file, b.line, "person without `country:`"));
            return;
        }
        let mut roles = Vec::new();
        for (v, line) in b.values("role") {
            match parse_role(v) {
                Ok(r) => roles.push(r),
                Err(m) => self.errors.push(DictError::new(file, line, m)),
            }
        }
        let mut given = None;
        let mut surname = None;
        if kind == EntityKind::Person {
            if let Some((s, _)) = b.values("surname").next() {
                surname = phrase_tokens(s).last().map(|t| t.0.clone());
            }
            if let Some((first, _)) = b.values("name").next() {
                let toks = phrase_tokens(first);
                given = toks.first().map(|t| t.0.clone());
                if surname.is_none() {
                    // Regnal numbers ("Abdullah II") are not surnames.
                    surname = toks
                        .iter()
                        .rev()
                        .find(|t| t.0.chars().any(char::is_alphabetic) && !is_roman(&t.0))
                        .map(|t| t.0.clone());
                }
            }
        }
        let gov = format!("{code}GOV");
        let id = self.add_entity(Entity {
            kind,
            label,
            code: code.clone(),
            country,
            roles,
            given,
            surname,
            origin,
        });
        for e in &b.entries {
            let role = match e.key.as_str() {
                "name" => PhraseRole::Name,
                "adj" => PhraseRole::Adjective,
                "capital" => PhraseRole::Capital,
                "seat" => PhraseRole::Seat,
                "weak" => PhraseRole::Weak,
                "country" | "role" | "surname" => continue,
                other => {
                    self.errors.push(DictError::new(
                        file,
                        e.line,
                        format!("unknown key {other:?}"),
                    ));
                    continue;
                }
            };
            for v in &e.values {
                let (phrase, over) = split_override(v);
                let code = match (role, over) {
                    (_, Some(c)) => Some(c),
                    (PhraseRole::Capital | PhraseRole::Seat, None)
                        if kind != EntityKind::Person =>
                    {
                        Some(gov.clone())
                    }
                    _ => None,
                };
                let toks = native_phrase(phrase);
                if toks.is_empty() {
                    self.errors
                        .push(DictError::new(file, e.line, format!("empty phrase {v:?}")));
                    continue;
                }
                self.actors.add(
                    &toks,
                    ActorPhrase {
                        entity: id,
                        role,
                        code,
                    },
                );
            }
        }
    }

    /// Reads a native sector file (`sector CODE label` blocks with `word:`).
    pub fn add_native_sectors(&mut self, file: &str, content: &str) {
        let (blocks, errors) = parse_blocks(file, content);
        self.errors.extend(errors);
        for b in &blocks {
            if b.kind != "sector" {
                self.errors.push(DictError::new(
                    file,
                    b.line,
                    format!("expected a `sector` block, found {:?}", b.kind),
                ));
                continue;
            }
            for (v, line) in b.values("word") {
                let (phrase, over) = split_override(v);
                let code = over.unwrap_or_else(|| b.code.clone());
                let mut toks = native_phrase(phrase);
                let Some(last) = toks.last().cloned() else {
                    self.errors
                        .push(DictError::new(file, line, format!("empty phrase {v:?}")));
                    continue;
                };
                let value = SectorPhrase {
                    code: code.clone(),
                    placement: Placement::Suffix,
                    origin: format!("{file}:{line}"),
                    stacks: false,
                };
                self.sectors.add(&toks, value.clone());
                if let PatTok::Exact(w) = last {
                    let plural = super::inflect::add_s(&w);
                    if plural != w && w.chars().last().is_some_and(char::is_alphabetic) {
                        *toks.last_mut().unwrap() = PatTok::Exact(plural);
                        self.sectors.add(&toks, value);
                    }
                }
            }
        }
    }

    pub fn build(self) -> ActorDictionary {
        let mut surnames: FxMap<String, Vec<EntityId>> = FxMap::default();
        for (i, e) in self.entities.iter().enumerate() {
            if let Some(s) = &e.surname {
                surnames.entry(s.clone()).or_default().push(i as EntityId);
            }
        }
        ActorDictionary {
            entities: self.entities,
            actors: self.actors.build(),
            sectors: self.sectors.build(),
            discards: self.discards.build(),
            surnames,
        }
    }
}

fn parse_role(v: &str) -> Result<DatedCode, String> {
    let mut parts = v.split_whitespace();
    let code = parts.next().ok_or("empty role")?.to_string();
    let range = parts.next().unwrap_or("..");
    if parts.next().is_some() {
        return Err(format!("role {v:?}: expected `CODE FROM..TO`"));
    }
    let Some((a, b)) = range.split_once("..") else {
        return Err(format!("role {v:?}: date range must be FROM..TO"));
    };
    let from = if a.is_empty() {
        None
    } else {
        Some(parse_date(a).ok_or(format!("role {v:?}: bad date {a:?} (want YYYY-MM-DD)"))?)
    };
    let to = if b.is_empty() {
        None
    } else {
        Some(parse_date(b).ok_or(format!("role {v:?}: bad date {b:?} (want YYYY-MM-DD)"))?)
    };
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            return Err(format!("role {v:?}: starts after it ends"));
        }
    }
    Ok(DatedCode { code, from, to })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEOPLE: &str =
        "person  Ilham Aliyev\n  country: AZE\n  name: Ilham Aliyev\n  role: AZEGOV 2003-10-31..\n";

    #[test]
    fn dated_roles_and_eli_fallback() {
        let mut b = ActorDictionaryBuilder::new();
        b.add_native_actors("p.dyad", PEOPLE);
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        let d = b.build();
        let e = &d.entities[0];
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(e.code_at(day("2024-02-16")), "AZEGOV");
        assert_eq!(e.code_at(day("2003-10-31")), "AZEGOV");
        assert_eq!(e.code_at(day("2003-10-30")), "AZEELI");
        assert_eq!(e.code_at(None), "AZEGOV");
        assert_eq!(e.surname.as_deref(), Some("aliyev"));
        assert_eq!(e.given.as_deref(), Some("ilham"));
    }

    #[test]
    fn bad_roles_are_reported_with_lines() {
        let mut b = ActorDictionaryBuilder::new();
        b.add_native_actors("p.dyad", "person X Y\n  country: AZE\n  name: X Y\n  role: AZEGOV 2003-13-01..\n  role: AZEGOV 2010-01-01..2009-01-01\n  colour: red\n");
        let lines: Vec<usize> = b.errors().iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![4, 5, 6]);
    }

    #[test]
    fn capitals_code_as_government_and_overrides_win() {
        let mut b = ActorDictionaryBuilder::new();
        b.add_native_actors("s.dyad", "state USA  United States\n  name: United States | US\n  capital: Washington\n  seat: the Pentagon => USAMIL\n");
        let d = b.build();
        assert_eq!(d.actors.phrase_count(), 4);
        let codes: Vec<Option<String>> = (0..d.actors.node_count() as u32)
            .flat_map(|n| {
                d.actors
                    .values(n)
                    .iter()
                    .map(|p| p.code.clone())
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(codes.contains(&Some("USAGOV".into())));
        assert!(codes.contains(&Some("USAMIL".into())));
    }
}
