//! PETRARCH-1 and PETRARCH-2 verb dictionaries (`CAMEO.2.0.txt`,
//! `PETR.Validate.verbs.txt`).
//!
//! ```text
//! &CURRENCY                    <- synset; members get regular plurals
//! +DOLLAR                         unless the name or member ends in `_`
//! --- GRANT [070] ---          <- block: verbs sharing patterns, default code
//! GRANT                        <- verb: regular forms generated
//! GIVE {GAVE GIVEN GIVING}     <- verb with all its other forms listed
//! +CORDON_OFF {+CORDONED_OFF}  <- multi-word verb, `+` marks the verb word
//! CLARIFY [040]                <- verb with its own code
//! - * &CURRENCY [903]          <- PETRARCH-1 pattern (TABARI-like)
//! - * (TO BORDER) {RELIEF AID} [154]   <- PETRARCH-2 pattern
//! ~ a (a b ATTACK) SAY = a b 015       <- transformation
//! ```
//!
//! Words are whole words (no stems). A block's patterns apply to every verb
//! of the block; each verb also gets a pattern of its own with its code.
//! Regular forms come from the builder's [`Inflector`](crate::dict::inflect::Inflector)
//! (load the irregular table first), which also labels listed forms.
//! Transformations are returned for the coder to compile and apply
//! ([`crate::coder::nest`]).

use std::collections::HashSet;

use super::common::{split_brackets, Line, Lines, PhraseTok};
use super::pattern::{
    assemble, collect_synsets, group_roots, label_form, parse, parse_synsets, verb_codes, Atom,
    Concrete, Expander, Node, Root, Sep, Seq,
};
use super::Dialect;
use crate::dict::inflect::VerbForm;
use crate::dict::matcher::PatTok;
use crate::dict::verbs::{Elem, VerbDictionaryBuilder, VerbPattern};
use crate::dict::DictError;

/// A PETRARCH-2 verb transformation (`~ a (a b ATTACK) SAY = a b 015`): an
/// event nested in a reported one rewritten into a single event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Transformation {
    /// Left of `=`: the nested structure to look for.
    pub pattern: String,
    /// Right of `=`: the event it becomes.
    pub result: String,
    pub origin: String,
}

struct Block {
    code: String,
    passive: Option<String>,
    roots: Vec<Root>,
    patterns: Vec<(usize, String)>,
    /// Each verb's own pattern, added after the block's patterns: as in
    /// PETRARCH, a verb's code applies only when none of its patterns match.
    bare: Vec<(Vec<(PatTok, VerbForm)>, VerbPattern)>,
}

/// Loads a PETRARCH verb file into `b` and returns its transformations.
/// Malformed lines become [`DictError`]s in `b`.
pub fn load_petrarch_verbs(
    b: &mut VerbDictionaryBuilder,
    file_name: &str,
    content: &str,
) -> Vec<Transformation> {
    let lines: Vec<Line<'_>> = Lines::new(content).collect();
    let mut errors = Vec::new();
    // Transformations mark a PETRARCH-2 dictionary (CAMEO.2.0).
    let petrarch2 = lines.iter().any(|l| l.text.starts_with('~'));
    let defs = collect_synsets(&lines, file_name, &mut errors);
    let synsets = parse_synsets(&defs, Dialect::Petrarch, file_name, &mut errors);
    let mut cx = Cx {
        file: file_name,
        exp: Expander::new(synsets),
        names: defs.names.clone(),
        errors,
        tok: PhraseTok::default(),
        explicit: HashSet::new(),
        plurals: petrarch2,
    };
    // Words listed as verbs in their own right ("MET" beside "MEET"): an
    // inflection generated for another verb does not claim them.
    for (i, line) in lines.iter().enumerate() {
        let t: &str = &line.text;
        if defs.is_synset_line[i] || t.starts_with(['-', '~', '<', '{']) {
            continue;
        }
        if let Some(w) = t.split(['{', '[', '#']).next().map(str::trim) {
            if !w.is_empty() && !w.contains([' ', '_', '+']) {
                cx.explicit.insert(w.to_lowercase());
            }
        }
    }
    let mut block: Option<Block> = None;
    let mut out = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if defs.is_synset_line[i] {
            continue;
        }
        let t: &str = &line.text;
        if t.starts_with("---") {
            if let Some(bl) = block.take() {
                cx.flush(b, bl);
            }
            match block_header(t) {
                Ok(((code, passive), extra)) => {
                    if let Some(m) = extra {
                        cx.err(line.no, m);
                    }
                    block = Some(Block {
                        code,
                        passive,
                        roots: Vec::new(),
                        patterns: Vec::new(),
                        bare: Vec::new(),
                    })
                }
                Err(m) => cx.err(line.no, m),
            }
        } else if t.starts_with('-') || t.starts_with("* ") && t.contains('[') {
            // A pattern line; `* (TO QUESTION) [110]` in UniversalPetrarch's
            // validation dictionary has lost its leading `-`, and a line
            // starting with the verb slot cannot be a verb.
            match block.as_mut() {
                Some(bl) => bl.patterns.push((line.no, t.to_string())),
                None => cx.err(line.no, "pattern outside a `--- NAME ---` block"),
            }
        } else if let Some(tr) = t.strip_prefix('~') {
            match tr.split_once('=') {
                Some((l, r)) if !l.trim().is_empty() && !r.trim().is_empty() => {
                    out.push(Transformation {
                        pattern: l.trim().to_string(),
                        result: r.trim().to_string(),
                        origin: format!("{file_name}:{}", line.no),
                    })
                }
                _ => cx.err(
                    line.no,
                    format!("transformation needs `pattern = result`: {t:?}"),
                ),
            }
        } else if t.starts_with('<') {
            cx.err(line.no, format!("unknown section {t:?}"));
        } else {
            match block.as_mut() {
                Some(bl) => {
                    if let Err(m) = cx.verb(b, bl, line.no, t) {
                        cx.err(line.no, m);
                    }
                }
                None => cx.err(
                    line.no,
                    format!("verb {t:?} outside a `--- NAME ---` block"),
                ),
            }
        }
    }
    if let Some(bl) = block.take() {
        cx.flush(b, bl);
    }
    // PETRARCH-2 matches its patterns within the verb's phrase of a parse
    // tree: a gap there never spans an infinitive clause. PETRARCH-1 and
    // TABARI patterns are matched on the surface and may.
    if petrarch2 {
        b.bound_gaps_at_infinitives();
    }
    for e in cx.errors {
        b.push_error(e);
    }
    out
}

type Codes = (String, Option<String>);

/// `--- NAME [CODE] ---` → the block's default codes (`---` if none). A
/// header with two codes keeps the first, as PETRARCH does, and reports the
/// rest, so the block's verbs and patterns still load.
fn block_header(t: &str) -> Result<(Codes, Option<String>), String> {
    let dash_or_space = |c: char| c == '-' || c.is_whitespace();
    let inner = t
        .trim_start_matches(dash_or_space)
        .trim_end_matches(dash_or_space);
    let (name, blocks) = split_brackets(inner)?;
    if name.is_empty() {
        return Err(format!("block header without a name: {t:?}"));
    }
    match blocks.as_slice() {
        [] => Ok((("---".into(), None), None)),
        [c] => Ok((verb_codes(c)?, None)),
        [c, ..] => Ok((
            verb_codes(c)?,
            Some(format!(
                "block header with more than one code, first kept: {t:?}"
            )),
        )),
    }
}

struct Cx<'a> {
    file: &'a str,
    exp: Expander,
    names: HashSet<String>,
    errors: Vec<DictError>,
    tok: PhraseTok,
    /// Single-word verbs the file lists, lowercased.
    explicit: HashSet<String>,
    /// Pattern words also match their regular plural (see [`plural_words`]).
    plurals: bool,
}

impl Cx<'_> {
    fn err(&mut self, line: usize, m: impl Into<String>) {
        self.errors.push(DictError::new(self.file, line, m));
    }

    /// Splits a (multi-word) verb into the words before the verb word, the
    /// verb word's first token, and the words after. `RE_+ARREST`,
    /// `+CORDON_OFF`, or a single word. A multi-word verb without `+`
    /// (`LASH OUT`, left over from TABARI) takes its first word as the verb,
    /// as TABARI did.
    fn split_verb(&mut self, phrase: &str) -> Result<(Concrete, String, Concrete), String> {
        let words: Vec<&str> = phrase
            .split(|c: char| c == '_' || c.is_whitespace())
            .filter(|w| !w.is_empty())
            .collect();
        for w in &words {
            let bare = w.strip_prefix('+').unwrap_or(w);
            if bare.contains('+') {
                return Err(format!("`+` goes before the verb word: {phrase:?}"));
            }
            if !bare.starts_with(char::is_alphanumeric)
                || bare.contains(['*', '$', '&', '(', ')', '{', '}'])
            {
                return Err(format!(
                    "{phrase:?} is not a verb (a pattern line needs a leading `-`)"
                ));
            }
        }
        let marked: Vec<usize> = (0..words.len())
            .filter(|&i| words[i].starts_with('+'))
            .collect();
        let at = match marked.as_slice() {
            [i] => *i,
            [] if words.is_empty() => return Err("empty verb".into()),
            [] => 0,
            _ => return Err(format!("more than one `+` in verb {phrase:?}")),
        };
        let mut pre = Vec::new();
        let mut post = Vec::new();
        let mut anchor = None;
        for (i, w) in words.iter().enumerate() {
            let w = w.trim_start_matches('+');
            for (k, (norm, _)) in self.tok.norms(w).into_iter().enumerate() {
                let atom = (Sep::Adj, Atom::Words(vec![PatTok::Exact(norm.clone())]));
                if i < at {
                    pre.push(atom);
                } else if i == at && k == 0 {
                    anchor = Some(norm);
                } else {
                    post.push(atom);
                }
            }
        }
        let anchor = anchor.ok_or_else(|| format!("verb word of {phrase:?} has no letters"))?;
        Ok((pre, anchor, post))
    }

    /// A verb line: adds its own pattern and its roots to the block.
    fn verb(
        &mut self,
        b: &mut VerbDictionaryBuilder,
        bl: &mut Block,
        line: usize,
        t: &str,
    ) -> Result<(), String> {
        // `VERB {FORMS} [CODE]`, or (CAMEO.verbpatterns) `VERB [CODE] {FORMS}`.
        let (text, listed) = match t.split_once('{') {
            Some((head, rest)) => {
                let (forms, after) = rest
                    .split_once('}')
                    .ok_or_else(|| format!("missing `}}` in {t:?}"))?;
                (format!("{head} {after}"), Some(forms))
            }
            None => (t.to_string(), None),
        };
        let (phrase, blocks) = split_brackets(&text)?;
        let (code, passive) = match blocks.as_slice() {
            [] => (bl.code.clone(), bl.passive.clone()),
            [c] => verb_codes(c)?,
            _ => return Err(format!("verb with more than one code: {t:?}")),
        };
        let (pre, lemma, post) = self.split_verb(phrase)?;
        let root = |anchor: Vec<(PatTok, VerbForm)>, pre: Concrete, post: Concrete| Root {
            pre,
            pre_sep: Sep::Adj,
            anchor,
            post_sep: Sep::Adj,
            post,
        };
        let mut roots = Vec::new();
        match listed {
            None => {
                let forms = b.inflector().forms(&lemma).all();
                let anchor = forms
                    .into_iter()
                    .filter(|(f, _)| *f == lemma || !self.explicit.contains(f))
                    .map(|(f, v)| (PatTok::Exact(f), v))
                    .collect();
                roots.push(root(anchor, pre, post));
            }
            Some(list) => {
                roots.push(root(
                    vec![(PatTok::Exact(lemma.clone()), VerbForm::Base)],
                    pre.clone(),
                    post.clone(),
                ));
                // Forms are separated by spaces, sometimes also commas.
                for f in list
                    .split(|c: char| c == ',' || c.is_whitespace())
                    .filter(|f| !f.is_empty())
                {
                    let (fpre, fw, fpost) = if f.contains('_') || f.contains('+') {
                        self.split_verb(f)?
                    } else {
                        (pre.clone(), self.split_verb(f)?.1, post.clone())
                    };
                    let form = label_form(&lemma, &fw, b.inflector());
                    roots.push(root(vec![(PatTok::Exact(fw), form)], fpre, fpost));
                }
            }
        }
        let groups = group_roots(&roots);
        let bare: Concrete = vec![(Sep::Adj, Atom::Verb)];
        let origin = format!("{}:{line}", self.file);
        for g in &groups {
            let (pre, post, literal_len) = assemble(b, &bare, g)?;
            let (pre, post) = plain_compounds(pre, post);
            bl.bare.push((
                g.anchor.clone(),
                VerbPattern {
                    code: code.clone(),
                    passive_code: None,
                    paired_code: passive.clone(),
                    noun: false,
                    pre,
                    post,
                    text: t.to_string(),
                    origin: origin.clone(),
                    literal_len,
                },
            ));
        }
        bl.roots.extend(roots);
        Ok(())
    }

    fn flush(&mut self, b: &mut VerbDictionaryBuilder, bl: Block) {
        let groups = group_roots(&bl.roots);
        // A block that lists the same pattern twice with different codes
        // (CAMEO.2.0's ALLOW block has `- * &TREATY` as 031, then 057):
        // PETRARCH-2 keeps the last.
        let key = |text: &str| -> String {
            let body = text.strip_prefix('-').unwrap_or(text);
            let pat = body.split('[').next().unwrap_or(body);
            pat.split_whitespace().collect::<Vec<_>>().join(" ")
        };
        let mut last: std::collections::HashMap<String, usize> = Default::default();
        for (i, (_, text)) in bl.patterns.iter().enumerate() {
            last.insert(key(text), i);
        }
        for (i, (line, text)) in bl.patterns.iter().enumerate() {
            if last.get(&key(text)) != Some(&i) {
                continue;
            }
            if let Err(m) = self.pattern(b, &groups, *line, text) {
                self.err(*line, m);
            }
        }
        for (anchor, p) in bl.bare {
            b.add_pattern(&anchor, p);
        }
    }

    fn pattern(
        &mut self,
        b: &mut VerbDictionaryBuilder,
        groups: &[Root],
        line: usize,
        text: &str,
    ) -> Result<(), String> {
        let body = text.strip_prefix('-').unwrap_or(text);
        let (pat, blocks) = split_brackets(body)?;
        let [code] = blocks.as_slice() else {
            return Err(format!("pattern needs exactly one [code]: {text:?}"));
        };
        let (code, passive) = verb_codes(code)?;
        let mut seq = parse(pat, Dialect::Petrarch, &self.names)?;
        if self.plurals {
            plural_words(&mut seq);
        }
        if !seq.iter().any(|(_, n)| *n == Node::Verb) {
            return Err(format!("pattern has no `*` (verb position): {text:?}"));
        }
        let concretes = self.exp.expand(&seq)?;
        let origin = format!("{}:{line}", self.file);
        for c in &concretes {
            for g in groups {
                let (pre, post, literal_len) = assemble(b, c, g)?;
                let (pre, post) = plain_compounds(pre, post);
                b.add_pattern(
                    &g.anchor,
                    VerbPattern {
                        code: code.clone(),
                        passive_code: None,
                        paired_code: passive.clone(),
                        noun: false,
                        pre,
                        post,
                        text: text.to_string(),
                        origin: origin.clone(),
                        literal_len,
                    },
                );
            }
        }
        Ok(())
    }
}

/// A PETRARCH-2 dictionary (one with `~` transformations, CAMEO.2.0) is
/// matched by UniversalPetrarch against lemmas, so its pattern noun
/// "ASSURANCE" also fits "received assurances from". PETRARCH-1 files match
/// plain words exactly; only their synset members take plurals (the PETR
/// unit test SYNSET-21b checks that "RESOLUTION" does not fit "resolutions").
fn plural_words(seq: &mut Seq) {
    for i in 0..seq.len() {
        // Only a phrase's last word inflects: "peace talks", not "peaces talk".
        let head = !matches!(seq.get(i + 1), Some((Sep::Adj, Node::Word { .. })));
        match &mut seq[i].1 {
            Node::Word { text, stem, plural }
                if head && !*stem && text.len() > 2 && !text.ends_with(['S', 's']) =>
            {
                *plural = true;
            }
            Node::Alt(alts) => alts.iter_mut().for_each(plural_words),
            _ => {}
        }
    }
}

/// PETRARCH reads TABARI's `%` its own way. Before the verb it keeps the
/// compound meaning ("The Philippines and France agree" codes PHL→FRA and
/// FRA→PHL, COMPOUND-38 to -41 in its unit tests); after the verb it is an
/// ordinary target ("agrees with the Philippines and France", COMPOUND-42).
fn plain_compounds(pre: Vec<Elem>, post: Vec<Elem>) -> (Vec<Elem>, Vec<Elem>) {
    let post = post
        .into_iter()
        .map(|e| if e == Elem::Compound { Elem::Target } else { e })
        .collect();
    (pre, post)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::matcher::Candidates;
    use crate::dict::verbs::VerbDictionary;
    use crate::text::{tokenize, Span, TokenBuf};

    fn load(src: &str) -> (VerbDictionary, Vec<DictError>, Vec<Transformation>) {
        let mut b = VerbDictionaryBuilder::new();
        // A fixed table, so the labels below do not follow edits of dyad's.
        b.load_irregular("irr", "give gave given\n");
        let tr = load_petrarch_verbs(&mut b, "v.txt", src);
        let errors = b.errors().to_vec();
        (b.build(), errors, tr)
    }

    fn run(d: &VerbDictionary, s: &str) -> Vec<(String, String, VerbForm)> {
        let mut t = TokenBuf::new();
        tokenize(s, Span::new(0, s.len()), &mut t);
        let mut c = Candidates::default();
        c.fill(d.vocab(), &t);
        let mut out = Vec::new();
        d.find_all(&c, &mut out);
        out.iter()
            .map(|m| {
                let w: Vec<&str> = (m.start..m.end).map(|i| t.norm(i)).collect();
                (d.pattern(m.pattern).code.clone(), w.join(" "), m.form)
            })
            .collect()
    }

    const SRC: &str = "\
&CURRENCY
+DOLLAR
+SWISS FRANC
+YEN_

--- GRANT [070] ---
GRANT
GIVE {GAVE GIVEN GIVING}  # jw
CONTRIBUTE [071]
+HAND_OVER {+HANDED_OVER, +HANDS_OVER}
RE_+ALLOCATE
- * &CURRENCY [903]
- * (TO {REFUGEE CAMPS}) [0233]
- $ * (BY +) [:072]

--- SEIZE ---
SEIZE
~ a (a b ATTACK) SAY = a b 015
";

    #[test]
    fn blocks_forms_and_codes() {
        let (d, errors, tr) = load(SRC);
        assert!(errors.is_empty(), "{errors:?}");
        let r = |s| run(&d, s);
        assert_eq!(r("Tokyo granted aid")[0].0, "070");
        assert_eq!(r("Tokyo contributed aid")[0].0, "071");
        // Listed forms only ("gives" is not listed), labelled by the
        // irregular table where it knows the verb, else by their ending.
        assert_eq!(r("Tokyo gave aid")[0].2, VerbForm::Past);
        assert_eq!(r("aid was given")[0].2, VerbForm::PastParticiple);
        assert!(r("Tokyo gives aid").is_empty());
        assert_eq!(r("Kabul handed over")[0].2, VerbForm::PastOrParticiple);
        assert_eq!(
            r("Tokyo gave dollars")[0],
            ("903".into(), "gave dollars".into(), VerbForm::Past)
        );
        assert_eq!(r("Tokyo granted Swiss francs")[0].0, "903");
        assert_eq!(r("Tokyo gave yen")[0].0, "903");
        assert_eq!(r("Tokyo gave yens")[0].0, "070", "YEN_ has no plural");
        assert_eq!(
            r("Tokyo gave tents to the refugee camps")[0].1,
            "gave tents to the refugee camps"
        );
        // Multi-word verbs: the `+` word inflects, the tail follows it.
        assert_eq!(r("Kabul handed over the town")[0].1, "handed over");
        assert_eq!(r("they re allocated funds")[0].1, "re allocated");
        assert!(r("they allocated funds").is_empty());
        // `[:072]` codes only passives; a block without a code is null.
        let p = d
            .patterns
            .iter()
            .find(|p| p.text.contains("[:072]"))
            .unwrap();
        assert_eq!(
            (p.code.as_str(), p.paired_code.as_deref()),
            ("---", Some("072"))
        );
        assert_eq!(r("Iraq seized it")[0].0, "---");
        assert_eq!(tr.len(), 1);
        assert_eq!(
            (tr[0].pattern.as_str(), tr[0].result.as_str()),
            ("a (a b ATTACK) SAY", "a b 015")
        );
    }

    #[test]
    fn petrarch2_pattern_words_take_plurals() {
        let block =
            "--- RECEIVE [---] ---\nRECEIVE\n- * ASSURANCE [:030]\n- * {PEACE TALKS} [043]\n";
        // With transformations (a PETRARCH-2 file) the last word of a plain
        // pattern word also fits its plural; words ending in -s are left.
        let (d, errors, _) = load(&format!("{block}~ a (a b ATTACK) SAY = a b 015\n"));
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            run(&d, "they received assurances")[0].1,
            "received assurances"
        );
        assert_eq!(
            run(&d, "they received assurance")[0].1,
            "received assurance"
        );
        assert_eq!(run(&d, "they received peace talks")[0].0, "043");
        assert_eq!(run(&d, "they received peaces talks")[0].0, "---");
        assert_eq!(run(&d, "they received peace talk")[0].0, "---");
        // A PETRARCH-1 file matches plain words exactly.
        let (d, _, _) = load(block);
        assert_eq!(run(&d, "they received assurances")[0].1, "received");
    }

    #[test]
    fn malformed_lines() {
        let src = "GRANT\n- * AID [070]\n--- B [1] [2] ---\nB\n- * C\n- * &NONE [3]\n+X_Y_+Z\nA_+B+ [4]\n* (TO) [5]\n~ nothing\n<TAG>\nD {E\n";
        let (d, errors, _) = load(src);
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        // 1 verb and 2 pattern outside a block; 3 two codes (first kept);
        // 7 two `+`; 8 `+` after the word (9, a pattern that lost its `-`,
        // is read as a pattern); 10 transformation without `=`; 11 unknown tag; 12 unclosed `{`;
        // 5 no code and 6 undefined synset, reported when the block ends.
        assert_eq!(lines, vec![1, 2, 3, 7, 8, 10, 11, 12, 5, 6], "{errors:?}");
        assert_eq!(run(&d, "they b")[0].0, "1");
    }
}
