//! Verb-pattern syntax shared by the TABARI and PETRARCH verb loaders:
//! parsing, synset and alternative expansion, and conversion to [`Elem`]s
//! around the verb anchor.
//!
//! A pattern is a sequence of items joined by connectors:
//!
//! | written | meaning |
//! |---|---|
//! | `WORD` | a word; a stem in the TABARI dialect |
//! | `WORD_` | the word ends here (never a stem) |
//! | `WORD~` | explicitly a stem (TABARI `REAL~_PLEASANT`) |
//! | `_` | the next item follows immediately |
//! | space | up to [`GAP`] words may come between |
//! | `*` | the verb |
//! | `$` `+` | source and target actor |
//! | `%` | a compound actor holding source and target; read as the source |
//! | `^` | skip a phrase: up to [`SKIP`] words |
//! | `&NAME` | any member of synset NAME |
//! | `{ A \| B_C }` | any of the alternatives (TABARI) |
//! | `{A B}` | a noun phrase, head last: adjacent words (PETRARCH-2) |
//! | `(P A)` | a prepositional phrase: P, then its object (PETRARCH-2) |
//!
//! Alternatives and synsets whose members are single tokens become one
//! [`Elem::Words`]; longer members are expanded into separate patterns.

use std::collections::{HashMap, HashSet};

use super::common::{Line, PhraseTok, RawWord};
use super::Dialect;
use crate::dict::inflect::{add_s, Inflector, VerbForm};
use crate::dict::matcher::PatTok;
use crate::dict::verbs::{Elem, VerbDictionaryBuilder};
use crate::dict::DictError;

/// Words allowed between two pattern items joined by a space. TABARI lets
/// them be any distance apart within the clause; six covers a determiner,
/// adjectives and a short name without reaching into the next clause.
/// Not yet tuned against the validation records.
pub const GAP: u8 = 6;
/// Words a `^` may skip.
pub const SKIP: u8 = 6;
/// Most concrete patterns one dictionary line may expand into.
const MAX_EXPANSIONS: usize = 512;
/// Deepest synset nesting (a cycle would otherwise never end).
const MAX_DEPTH: usize = 8;

/// How an item joins the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Sep {
    Adj,
    Gap,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Node {
    Word {
        text: String,
        stem: bool,
        /// Also match the regular plural (PETRARCH synset members).
        plural: bool,
    },
    Verb,
    Source,
    Target,
    Compound,
    Skip,
    Syn(String),
    Alt(Vec<Seq>),
}

/// Items with the connector before each (the first one's is ignored).
pub(crate) type Seq = Vec<(Sep, Node)>;

/// One concrete item after expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Atom {
    /// One token matching any of these.
    Words(Vec<PatTok>),
    Verb,
    Source,
    /// TABARI's `%`: a compound actor whose members act on each other.
    Compound,
    Target,
    Skip,
}

pub(crate) type Concrete = Vec<(Sep, Atom)>;

/// Parses pattern text (no leading `-`, no code) into a [`Seq`].
pub(crate) fn parse(text: &str, dialect: Dialect, names: &HashSet<String>) -> Result<Seq, String> {
    let mut p = Parser {
        s: text,
        i: 0,
        dialect,
        names,
    };
    let seq = p.seq(None)?;
    Ok(seq)
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
    dialect: Dialect,
    names: &'a HashSet<String>,
}

const STOP: &[u8] = b"_~=*$+%^{}()|";

impl Parser<'_> {
    fn peek(&self) -> Option<u8> {
        self.s.as_bytes().get(self.i).copied()
    }

    fn seq(&mut self, close: Option<u8>) -> Result<Seq, String> {
        let mut out: Seq = Vec::new();
        let mut pending: Option<Sep> = None;
        loop {
            let Some(c) = self.peek() else {
                if let Some(cl) = close {
                    return Err(format!("missing `{}` in {:?}", cl as char, self.s));
                }
                return Ok(out);
            };
            if c.is_ascii_whitespace() {
                pending = Some(Sep::Gap);
                self.i += 1;
                continue;
            }
            let node = match c {
                b'_' => {
                    if pending != Some(Sep::Gap) {
                        pending = Some(Sep::Adj);
                    }
                    self.i += 1;
                    continue;
                }
                b'}' | b'|' if close == Some(b'}') => return Ok(out),
                b')' if close == Some(b')') => return Ok(out),
                // `*~_` (TABARI): the verb is already a stem.
                b'~' if matches!(out.last(), Some((_, Node::Verb))) => {
                    self.i += 1;
                    continue;
                }
                b'}' | b')' | b'|' | b'~' | b'=' => {
                    return Err(format!("unexpected `{}` in {:?}", c as char, self.s));
                }
                b'*' | b'$' | b'+' | b'%' | b'^' => {
                    self.i += 1;
                    match c {
                        b'*' => Node::Verb,
                        b'$' => Node::Source,
                        b'+' => Node::Target,
                        b'%' => Node::Compound,
                        _ => Node::Skip,
                    }
                }
                b'&' => self.synset()?,
                b'{' => {
                    self.i += 1;
                    let mut alts = Vec::new();
                    loop {
                        alts.push(self.seq(Some(b'}'))?);
                        let c = self.peek();
                        self.i += 1;
                        if c == Some(b'}') {
                            break;
                        }
                    }
                    if alts.len() > 1 {
                        Node::Alt(alts)
                    } else {
                        // A PETRARCH-2 noun phrase: its words are adjacent.
                        let mut inner = alts.pop().unwrap_or_default();
                        for item in inner.iter_mut() {
                            item.0 = Sep::Adj;
                        }
                        flatten(&mut out, pending.take(), inner);
                        continue;
                    }
                }
                b'(' => {
                    self.i += 1;
                    let inner = self.seq(Some(b')'))?;
                    self.i += 1;
                    flatten(&mut out, pending.take(), inner);
                    continue;
                }
                _ => self.word(),
            };
            out.push((pending.take().unwrap_or(Sep::Adj), node));
        }
    }

    fn word(&mut self) -> Node {
        let b = self.s.as_bytes();
        let start = self.i;
        while self.i < b.len() && !b[self.i].is_ascii_whitespace() && !STOP.contains(&b[self.i]) {
            self.i += 1;
        }
        let text = self.s[start..self.i].to_string();
        let stem = match self.peek() {
            Some(b'~') => {
                self.i += 1;
                true
            }
            // TABARI's `MOUSE=`, `BAN=`: the word ends here.
            Some(b'=') => {
                self.i += 1;
                false
            }
            Some(b'_') => false,
            _ => self.dialect == Dialect::Tabari,
        };
        Node::Word {
            text,
            stem,
            plural: false,
        }
    }

    /// `&NAME`: the longest defined synset name that the text starts with,
    /// ending at a `_` or at the end (`&TIETYPES_RELATIONS` is synset
    /// TIETYPES then RELATIONS; `&FIGHT_OF_WORDS` is one synset).
    fn synset(&mut self) -> Result<Node, String> {
        let b = self.s.as_bytes();
        let start = self.i + 1;
        let mut end = start;
        while end < b.len() && (b[end].is_ascii_alphanumeric() || b[end] == b'_') {
            end += 1;
        }
        let full = self.s[start..end].to_ascii_uppercase();
        let mut cut = full.len();
        loop {
            let cand = full[..cut].trim_end_matches('_');
            if !cand.is_empty() && self.names.contains(cand) {
                self.i = start + cand.len();
                return Ok(Node::Syn(cand.to_string()));
            }
            match full[..cut].rfind('_') {
                Some(k) => cut = k,
                None => return Err(format!("undefined synset &{full}")),
            }
        }
    }
}

/// Same length, connectors and kinds of atom (words may differ).
fn same_shape(a: &Concrete, b: &Concrete) -> bool {
    a.len() == b.len()
        && a.iter()
            .zip(b)
            .enumerate()
            .all(|(k, ((sa, xa), (sb, xb)))| {
                (k == 0 || sa == sb)
                    && match (xa, xb) {
                        (Atom::Words(_), Atom::Words(_)) => true,
                        _ => xa == xb,
                    }
            })
}

/// Appends a bracketed group's items, the first joined by `sep`.
fn flatten(out: &mut Seq, sep: Option<Sep>, inner: Seq) {
    for (k, (s, n)) in inner.into_iter().enumerate() {
        out.push((if k == 0 { sep.unwrap_or(Sep::Adj) } else { s }, n));
    }
}

/// Expands parsed patterns into concrete ones, resolving synsets (cached).
pub(crate) struct Expander {
    synsets: HashMap<String, Vec<Seq>>,
    cache: HashMap<String, Vec<Concrete>>,
    pub tok: PhraseTok,
}

impl Expander {
    pub fn new(synsets: HashMap<String, Vec<Seq>>) -> Expander {
        Expander {
            synsets,
            cache: HashMap::new(),
            tok: PhraseTok::default(),
        }
    }

    pub fn expand(&mut self, seq: &Seq) -> Result<Vec<Concrete>, String> {
        self.seq(seq, 0)
    }

    fn seq(&mut self, seq: &Seq, depth: usize) -> Result<Vec<Concrete>, String> {
        let mut acc: Vec<Concrete> = vec![Vec::new()];
        for (sep, node) in seq {
            let alts = self.node(node, depth)?;
            if acc.len() * alts.len() > MAX_EXPANSIONS {
                return Err(format!(
                    "pattern expands to more than {MAX_EXPANSIONS} alternatives"
                ));
            }
            let mut next = Vec::with_capacity(acc.len() * alts.len());
            for a in &acc {
                for alt in &alts {
                    let mut c = a.clone();
                    for (k, (s, atom)) in alt.iter().enumerate() {
                        c.push((if k == 0 { *sep } else { *s }, atom.clone()));
                    }
                    next.push(c);
                }
            }
            acc = next;
        }
        Ok(acc)
    }

    fn node(&mut self, node: &Node, depth: usize) -> Result<Vec<Concrete>, String> {
        let one = |a: Atom| Ok(vec![vec![(Sep::Adj, a)]]);
        match node {
            Node::Word { text, stem, plural } => Ok(vec![self.word(text, *stem, *plural)]),
            Node::Verb => one(Atom::Verb),
            Node::Source => one(Atom::Source),
            Node::Compound => one(Atom::Compound),
            Node::Target => one(Atom::Target),
            Node::Skip => one(Atom::Skip),
            Node::Syn(name) => {
                if let Some(c) = self.cache.get(name) {
                    return Ok(c.clone());
                }
                if depth >= MAX_DEPTH {
                    return Err(format!("synset &{name} nests too deeply (a cycle?)"));
                }
                let members = self
                    .synsets
                    .get(name)
                    .cloned()
                    .ok_or_else(|| format!("undefined synset &{name}"))?;
                let out = self.alt(&members, depth + 1)?;
                self.cache.insert(name.clone(), out.clone());
                Ok(out)
            }
            Node::Alt(alts) => self.alt(alts, depth),
        }
    }

    /// Alternatives, merged position by position when they have the same
    /// shape (length, connectors, slots): all single tokens become one
    /// [`Atom::Words`], and so do the first words of all two-word members,
    /// and so on. Without this `&AIRCRAFT FIRING &WEAPON *` in CAMEO.2.0.txt
    /// would expand into 3,920 patterns; merged it is a handful. The price is
    /// that cross combinations no member lists also match ("chemical
    /// missile" from "chemical weapon" and "ballistic missile"), which is
    /// harmless for synsets, whose members are interchangeable by design.
    fn alt(&mut self, alts: &[Seq], depth: usize) -> Result<Vec<Concrete>, String> {
        let mut out: Vec<Concrete> = Vec::new();
        for a in alts {
            for c in self.seq(a, depth)? {
                if c.is_empty() {
                    continue;
                }
                match out.iter_mut().find(|o| same_shape(o, &c)) {
                    Some(o) => {
                        for ((_, into), (_, from)) in o.iter_mut().zip(&c) {
                            if let (Atom::Words(into), Atom::Words(from)) = (into, from) {
                                for w in from {
                                    if !into.contains(w) {
                                        into.push(w.clone());
                                    }
                                }
                            }
                        }
                    }
                    None => out.push(c),
                }
            }
        }
        if out.is_empty() {
            return Err("alternatives with no words".into());
        }
        Ok(out)
    }

    fn word(&mut self, text: &str, stem: bool, plural: bool) -> Concrete {
        let mut toks = Vec::new();
        self.tok.push_word(RawWord { text, stem }, &mut toks);
        let n = toks.len();
        toks.into_iter()
            .enumerate()
            .map(|(k, t)| {
                let mut alts = vec![t];
                if plural && k + 1 == n {
                    if let PatTok::Exact(w) = &alts[0] {
                        if w.chars().last().is_some_and(char::is_alphabetic) {
                            alts.push(PatTok::Exact(add_s(w)));
                        }
                    }
                }
                (Sep::Adj, Atom::Words(alts))
            })
            .collect()
    }
}

/// A verb root: the anchor word's forms plus any words of a multi-word verb
/// before (`RE_+ARREST`) and after (`CORDON_OFF`) it.
#[derive(Clone, Debug)]
pub(crate) struct Root {
    pub pre: Concrete,
    pub pre_sep: Sep,
    pub anchor: Vec<(PatTok, VerbForm)>,
    pub post_sep: Sep,
    pub post: Concrete,
}

impl Root {
    pub fn same_tails(&self, o: &Root) -> bool {
        self.pre == o.pre
            && self.post == o.post
            && (self.pre.is_empty() || self.pre_sep == o.pre_sep)
            && (self.post.is_empty() || self.post_sep == o.post_sep)
    }
}

/// Merges roots with identical tails, so each shape yields one pattern.
pub(crate) fn group_roots(roots: &[Root]) -> Vec<Root> {
    let mut out: Vec<Root> = Vec::new();
    for r in roots {
        match out.iter_mut().find(|g| g.same_tails(r)) {
            Some(g) => {
                for a in &r.anchor {
                    if !g.anchor.contains(a) {
                        g.anchor.push(a.clone());
                    }
                }
            }
            None => out.push(r.clone()),
        }
    }
    out
}

/// The pre and post elements and literal length of `pattern` (which holds
/// exactly one [`Atom::Verb`]) with `root` in place of the verb.
pub(crate) fn assemble(
    b: &mut VerbDictionaryBuilder,
    pattern: &Concrete,
    root: &Root,
) -> Result<(Vec<Elem>, Vec<Elem>, u16), String> {
    let verbs = pattern.iter().filter(|(_, a)| *a == Atom::Verb).count();
    if verbs != 1 {
        return Err(if verbs == 0 {
            "pattern has no `*` (verb position)".into()
        } else {
            "pattern has more than one `*`".into()
        });
    }
    // Items in text order; `None` is the anchor.
    let mut items: Vec<(Sep, Option<&Atom>)> = Vec::new();
    for (sep, atom) in pattern {
        if *atom != Atom::Verb {
            items.push((*sep, Some(atom)));
            continue;
        }
        let mut sep = *sep;
        for (k, (s, a)) in root.pre.iter().enumerate() {
            items.push((if k == 0 { sep } else { *s }, Some(a)));
        }
        if !root.pre.is_empty() {
            sep = root.pre_sep;
        }
        items.push((sep, None));
        for (k, (s, a)) in root.post.iter().enumerate() {
            items.push((if k == 0 { root.post_sep } else { *s }, Some(a)));
        }
    }
    // A following pattern item joins the root's last word, not the anchor,
    // which `items` already reflects because its own separator is kept.
    let at = items.iter().position(|(_, a)| a.is_none()).unwrap_or(0);
    let slotty = |a: Option<&Atom>| {
        matches!(
            a,
            Some(Atom::Source | Atom::Target | Atom::Compound | Atom::Skip)
        )
    };
    let gap_before = |i: usize| {
        i > 0 && items[i].0 == Sep::Gap && !slotty(items[i - 1].1) && !slotty(items[i].1)
    };
    let mut literal = 1u16;
    let mut elem = |b: &mut VerbDictionaryBuilder, a: &Atom| match a {
        Atom::Words(ws) => {
            literal += 1;
            let mut ids: Vec<u32> = ws.iter().map(|w| b.intern(w)).collect();
            ids.sort_unstable();
            ids.dedup();
            Elem::Words(ids)
        }
        Atom::Source => Elem::Source,
        Atom::Compound => Elem::Compound,
        Atom::Target => Elem::Target,
        Atom::Skip => Elem::Gap(SKIP),
        // The single verb was replaced by the anchor above; this arm is
        // never taken, and an empty gap would be harmless if it were.
        Atom::Verb => Elem::Gap(0),
    };
    let (mut pre, mut post) = (Vec::new(), Vec::new());
    for (i, (_, atom)) in items.iter().enumerate() {
        let side = if i <= at { &mut pre } else { &mut post };
        if gap_before(i) {
            side.push(Elem::Gap(GAP));
        }
        if let Some(a) = atom {
            side.push(elem(b, a));
        }
    }
    Ok((pre, post, literal))
}

/// The form a word has by its ending alone (for stems and listed forms of
/// verbs the inflector does not know).
fn shape(word: &str) -> VerbForm {
    if word.len() > 5 && word.ends_with("ing") {
        VerbForm::Gerund
    } else if word.len() > 4 && word.ends_with("ed") {
        VerbForm::PastOrParticiple
    } else {
        VerbForm::Base
    }
}

/// Anchors for one verb word (normalised). A stem (TABARI) matches every
/// word it begins; its regular inflections that keep the stem are added as
/// exact forms too, so "abused" under stem `abus` is known to be a
/// participle (the exact form is a candidate before the stem, and wins).
pub(crate) fn anchor_forms(word: &str, stem: bool, inf: &Inflector) -> Vec<(PatTok, VerbForm)> {
    if !stem {
        return vec![(PatTok::Exact(word.to_string()), shape(word))];
    }
    let mut out = vec![(PatTok::Prefix(word.to_string()), shape(word))];
    if shape(word) == VerbForm::Base {
        for (f, form) in inf.forms(word).all() {
            if f != word && f.starts_with(word) {
                out.push((PatTok::Exact(f), form));
            }
        }
    }
    out
}

/// The form of `form`, a listed form of `lemma`.
pub(crate) fn label_form(lemma: &str, form: &str, inf: &Inflector) -> VerbForm {
    if form == lemma {
        return VerbForm::Base;
    }
    if let Some((_, f)) = inf.forms(lemma).all().into_iter().find(|(s, _)| s == form) {
        return f;
    }
    if form.ends_with("ing") {
        VerbForm::Gerund
    } else if form.ends_with('s') {
        VerbForm::Third
    } else {
        VerbForm::PastOrParticiple
    }
}

/// Parses `[code]` or `[forward:reverse]` of a verb pattern. The second
/// code is a *paired event* from the target back to the source: TABARI's and
/// PETRARCH's validation records code "X left for Y" (`LEFT [032:033]`) as
/// X→Y 032 plus Y→X 033. `[:reverse]` (CAMEO.2.0.txt) codes only the paired
/// event: its forward code is the null code `---`.
pub(crate) fn verb_codes(body: &str) -> Result<(String, Option<String>), String> {
    let (a, p) = match body.split_once(':') {
        Some((a, p)) => (a, Some(p)),
        None => (body, None),
    };
    let code = if a.trim().is_empty() && p.is_some_and(|p| !p.trim().is_empty()) {
        "---".to_string()
    } else {
        super::common::normalize_code(a)?
    };
    let passive = match p.map(str::trim) {
        Some(p) if !p.is_empty() => Some(super::common::normalize_code(p)?),
        _ => None,
    };
    Ok((code, passive))
}

/// One `&NAME` definition.
pub(crate) struct SynsetDef {
    pub line: usize,
    /// Without `&` and without a trailing `_`.
    pub name: String,
    /// The name ended in `_`: members get no plurals.
    pub no_plural: bool,
    /// Members as written, with their lines.
    pub members: Vec<(usize, String)>,
}

/// Synset definitions (`&NAME` then `+member` lines) found in a verb file.
pub(crate) struct SynsetDefs {
    pub names: HashSet<String>,
    pub defs: Vec<SynsetDef>,
    /// Per line of the file: part of a synset definition.
    pub is_synset_line: Vec<bool>,
}

/// First pass over a verb file: synsets may be used before they are
/// defined (PETRARCH), so collect them all first. A `+` line belongs to a
/// synset only if it follows the `&NAME` line or another member; elsewhere
/// it is a PETRARCH multi-word verb (`+CORDON_OFF`).
pub(crate) fn collect_synsets(
    lines: &[Line<'_>],
    file_name: &str,
    errors: &mut Vec<DictError>,
) -> SynsetDefs {
    let mut out = SynsetDefs {
        names: HashSet::new(),
        defs: Vec::new(),
        is_synset_line: vec![false; lines.len()],
    };
    let mut open = false;
    for (i, line) in lines.iter().enumerate() {
        let t: &str = &line.text;
        if let Some(name) = t.strip_prefix('&') {
            out.is_synset_line[i] = true;
            let name = name.trim().to_ascii_uppercase();
            if name.is_empty() || !name.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'_') {
                errors.push(DictError::new(
                    file_name,
                    line.no,
                    format!("bad synset name {t:?}"),
                ));
                open = false;
                continue;
            }
            let no_plural = name.ends_with('_');
            let name = name.trim_end_matches('_').to_string();
            out.names.insert(name.clone());
            out.defs.push(SynsetDef {
                line: line.no,
                name,
                no_plural,
                members: Vec::new(),
            });
            open = true;
            continue;
        }
        if open {
            if let Some(m) = t.strip_prefix('+') {
                out.is_synset_line[i] = true;
                if let Some(d) = out.defs.last_mut() {
                    d.members.push((line.no, m.trim().to_string()));
                }
                continue;
            }
        }
        open = false;
    }
    out
}

/// Parses every synset's members. In the PETRARCH dialect a member's words
/// are adjacent, and its last word also matches its plural unless the member
/// or the synset name ends in `_`. A later definition of a name replaces an
/// earlier one (PETRARCH).
pub(crate) fn parse_synsets(
    defs: &SynsetDefs,
    dialect: Dialect,
    file_name: &str,
    errors: &mut Vec<DictError>,
) -> HashMap<String, Vec<Seq>> {
    let mut out = HashMap::new();
    for SynsetDef {
        line,
        name,
        no_plural,
        members,
    } in &defs.defs
    {
        let mut seqs = Vec::new();
        for (ml, m) in members {
            match parse(m, dialect, &defs.names) {
                Ok(mut seq) => {
                    // PETRARCH: "The phrases are interpreted as requiring
                    // consecutive words; the words can be separated with
                    // either spaces or underscores".
                    if dialect == Dialect::Petrarch {
                        for item in seq.iter_mut() {
                            item.0 = Sep::Adj;
                        }
                    }
                    if seq.iter().any(|(_, n)| *n == Node::Verb) {
                        errors.push(DictError::new(
                            file_name,
                            *ml,
                            format!("synset member {m:?} contains `*`"),
                        ));
                        continue;
                    }
                    if dialect == Dialect::Petrarch && !no_plural && !m.ends_with('_') {
                        if let Some((_, Node::Word { plural, .. })) = seq.last_mut() {
                            *plural = true;
                        }
                    }
                    seqs.push(seq);
                }
                Err(e) => errors.push(DictError::new(file_name, *ml, e)),
            }
        }
        if seqs.is_empty() {
            errors.push(DictError::new(
                file_name,
                *line,
                format!("synset &{name} has no members"),
            ));
        }
        out.insert(name.clone(), seqs);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &[&str]) -> HashSet<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    fn w(t: &str, stem: bool) -> Node {
        Node::Word {
            text: t.into(),
            stem,
            plural: false,
        }
    }

    #[test]
    fn connectors_and_stems() {
        let n = names(&[]);
        let s = parse("NOTED_WOULD NOW *", Dialect::Tabari, &n).unwrap();
        assert_eq!(
            s,
            vec![
                (Sep::Adj, w("NOTED", false)),
                (Sep::Adj, w("WOULD", true)),
                (Sep::Gap, w("NOW", true)),
                (Sep::Gap, Node::Verb)
            ]
        );
        let s = parse("IN_ * REAL~_PLEASANT", Dialect::Tabari, &n).unwrap();
        assert_eq!(
            s,
            vec![
                (Sep::Adj, w("IN", false)),
                (Sep::Gap, Node::Verb),
                (Sep::Gap, w("REAL", true)),
                (Sep::Adj, w("PLEASANT", true))
            ]
        );
        let s = parse("IN *", Dialect::Petrarch, &n).unwrap();
        assert_eq!(s[0].1, w("IN", false));
    }

    #[test]
    fn groups_and_synsets() {
        let n = names(&["TIETYPES", "FIGHT_OF_WORDS", "FIGHT"]);
        let s = parse("* NEW_&TIETYPES_RELATIONS", Dialect::Petrarch, &n).unwrap();
        assert_eq!(s[2], (Sep::Adj, Node::Syn("TIETYPES".into())));
        assert_eq!(s[3], (Sep::Adj, w("RELATIONS", false)));
        let s = parse("* &FIGHT_GAMES &FIGHT_OF_WORDS", Dialect::Petrarch, &n).unwrap();
        assert_eq!(s[1].1, Node::Syn("FIGHT".into()));
        assert_eq!(s[3].1, Node::Syn("FIGHT_OF_WORDS".into()));
        let s = parse("* POLICE (TO BORDER) {RELIEF AID}", Dialect::Petrarch, &n).unwrap();
        let seps: Vec<Sep> = s.iter().map(|x| x.0).collect();
        assert_eq!(
            seps,
            vec![Sep::Adj, Sep::Gap, Sep::Gap, Sep::Gap, Sep::Gap, Sep::Adj]
        );
        let s = parse(
            "DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS",
            Dialect::Tabari,
            &n,
        )
        .unwrap();
        assert!(matches!(&s[1], (Sep::Adj, Node::Alt(a)) if a.len() == 2));
        assert_eq!(s[2], (Sep::Adj, w("CONVENTIONS", true)));
        assert!(parse("* &NOPE", Dialect::Tabari, &n).is_err());
        assert!(parse("* { A | B", Dialect::Tabari, &n).is_err());
        assert!(parse("* A)", Dialect::Tabari, &n).is_err());
    }

    #[test]
    fn expansion_merges_single_tokens() {
        let n = names(&["NEG"]);
        let mut syn = HashMap::new();
        syn.insert(
            "NEG".to_string(),
            vec![
                parse("WON'T", Dialect::Petrarch, &n).unwrap(),
                parse("REALLY_DID_NOT", Dialect::Petrarch, &n).unwrap(),
                parse("NEVER", Dialect::Petrarch, &n).unwrap(),
            ],
        );
        let mut e = Expander::new(syn);
        let s = parse("&NEG *", Dialect::Petrarch, &n).unwrap();
        let c = e.expand(&s).unwrap();
        // "wo n't" has two tokens, "really did not" three, "never" one:
        // three shapes, each one concrete pattern.
        assert_eq!(c.len(), 3);
        assert_eq!(c[0].len(), 3, "wo n't, then the verb");
        assert_eq!(c[2][0].1, Atom::Words(vec![PatTok::Exact("never".into())]));
        // Same-shape members merge position by position; PETRARCH members
        // are adjacent words and get plurals unless they end in `_`.
        let src = "&W\n+NUCLEAR WEAPON\n+BALLISTIC_MISSILE\n+ROCKET_\n";
        let lines: Vec<Line<'_>> = super::super::common::Lines::new(src).collect();
        let mut errs = Vec::new();
        let defs = collect_synsets(&lines, "t", &mut errs);
        let syn = parse_synsets(&defs, Dialect::Petrarch, "t", &mut errs);
        assert!(errs.is_empty(), "{errs:?}");
        let mut e = Expander::new(syn);
        let c = e
            .expand(&parse("* &W", Dialect::Petrarch, &defs.names).unwrap())
            .unwrap();
        assert_eq!(c.len(), 2);
        let ex = |w: &str| PatTok::Exact(w.into());
        assert_eq!(c[0][1].1, Atom::Words(vec![ex("nuclear"), ex("ballistic")]));
        assert_eq!(
            c[0][2].1,
            Atom::Words(vec![
                ex("weapon"),
                ex("weapons"),
                ex("missile"),
                ex("missiles")
            ])
        );
        assert_eq!(c[1][1].1, Atom::Words(vec![ex("rocket")]));
    }
}
