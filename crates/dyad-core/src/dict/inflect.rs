//! English verb and noun inflection for dictionary patterns.
//!
//! Patterns name a lemma ("meet"); the loader expands it to every form news
//! uses ("meets", "met", "meeting"), remembering which form each is, because
//! the coder needs to know a past participle (passive voice, perfect) from a
//! gerund or a finite form. Irregular verbs come from a table
//! (`data/verbs/irregular.dyad`); everything else follows the rules below.

use std::collections::HashMap;

use super::native::strip_comment;
use super::DictError;

/// Which form of a verb a text token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum VerbForm {
    Base,
    Third,
    Past,
    PastParticiple,
    /// Both simple past and past participle ("signed", "met").
    PastOrParticiple,
    Gerund,
    /// A noun pattern's head (singular or plural).
    Noun,
}

/// The forms of one lemma.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Forms {
    pub base: String,
    pub third: Vec<String>,
    pub past: Vec<String>,
    pub participle: Vec<String>,
    pub gerund: Vec<String>,
}

impl Forms {
    /// Every (form string, form kind), with past = participle merged.
    pub fn all(&self) -> Vec<(String, VerbForm)> {
        let mut out = vec![(self.base.clone(), VerbForm::Base)];
        out.extend(self.third.iter().map(|s| (s.clone(), VerbForm::Third)));
        for p in &self.past {
            if self.participle.contains(p) {
                out.push((p.clone(), VerbForm::PastOrParticiple));
            } else {
                out.push((p.clone(), VerbForm::Past));
            }
        }
        for p in &self.participle {
            if !self.past.contains(p) {
                out.push((p.clone(), VerbForm::PastParticiple));
            }
        }
        out.extend(self.gerund.iter().map(|s| (s.clone(), VerbForm::Gerund)));
        out.dedup();
        out
    }
}

/// Irregular verbs, plus regular verbs whose final consonant doubles against
/// the short-word rule ("expel → expelled", "commit → committed").
#[derive(Clone, Debug, Default)]
pub struct Inflector {
    irregular: HashMap<String, Forms>,
}

const DOUBLING: &[&str] = &[
    "admit", "commit", "submit", "permit", "omit", "emit", "transmit", "remit", "acquit", "regret",
    "abet", "expel", "compel", "propel", "repel", "dispel", "patrol", "control", "rebel", "refer",
    "prefer", "confer", "defer", "deter", "transfer", "occur", "recur", "incur", "equip",
    "outstrip", "embed", "kidnap", "worship", "extol", "enrol", "instil", "annul",
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Short consonant–vowel–consonant verbs double the final consonant
/// ("ban → banned", "stop → stopping"), except after w, x, y.
fn doubles(w: &str) -> bool {
    if DOUBLING.contains(&w) {
        return true;
    }
    let b = w.as_bytes();
    let n = b.len();
    if !(3..=4).contains(&n) || !w.is_ascii() {
        return false;
    }
    let (c1, v, c2) = (b[n - 3], b[n - 2], b[n - 1]);
    let vowels_before = b[..n - 2].iter().filter(|c| is_vowel(**c)).count();
    !is_vowel(c1)
        && is_vowel(v)
        && !is_vowel(c2)
        && !matches!(c2, b'w' | b'x' | b'y')
        && vowels_before == 0
}

/// "-s" form of a verb or plural of a noun.
pub fn add_s(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if n == 0 {
        return String::new();
    }
    if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
    {
        return format!("{w}es");
    }
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        return format!("{}ies", &w[..n - 1]);
    }
    if n >= 2 && b[n - 1] == b'o' && !is_vowel(b[n - 2]) {
        return format!("{w}es");
    }
    format!("{w}s")
}

fn add_ed(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if w.ends_with('e') {
        return format!("{w}d");
    }
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        return format!("{}ied", &w[..n - 1]);
    }
    if doubles(w) {
        return format!("{w}{}ed", &w[n - 1..]);
    }
    format!("{w}ed")
}

fn add_ing(w: &str) -> String {
    let n = w.len();
    if w.ends_with("ie") {
        return format!("{}ying", &w[..n - 2]);
    }
    if w.ends_with('e') && !w.ends_with("ee") && !w.ends_with("ye") && !w.ends_with("oe") && n > 2 {
        return format!("{}ing", &w[..n - 1]);
    }
    if doubles(w) {
        return format!("{w}{}ing", &w[n - 1..]);
    }
    format!("{w}ing")
}

impl Inflector {
    /// Reads the irregular table: `lemma past participle [3sg] [gerund]`,
    /// each field possibly `a|b`.
    pub fn from_table(file: &str, content: &str) -> (Inflector, Vec<DictError>) {
        let mut inf = Inflector::default();
        let mut errors = Vec::new();
        for (i, raw) in content.lines().enumerate() {
            let line = strip_comment(raw).trim();
            if line.is_empty() {
                continue;
            }
            let f: Vec<&str> = line.split_whitespace().collect();
            if f.len() < 3 || f.len() > 5 {
                errors.push(DictError::new(
                    file,
                    i + 1,
                    format!("expected `lemma past participle [3sg] [gerund]`, found {line:?}"),
                ));
                continue;
            }
            let alts = |s: &str| s.split('|').map(|x| x.to_lowercase()).collect::<Vec<_>>();
            let base = f[0].to_lowercase();
            let third = f
                .get(3)
                .map(|s| alts(s))
                .unwrap_or_else(|| vec![add_s(&base)]);
            let gerund = f
                .get(4)
                .map(|s| alts(s))
                .unwrap_or_else(|| vec![add_ing(&base)]);
            let forms = Forms {
                base: base.clone(),
                third,
                past: alts(f[1]),
                participle: alts(f[2]),
                gerund,
            };
            inf.irregular.insert(base, forms);
        }
        (inf, errors)
    }

    pub fn is_irregular(&self, lemma: &str) -> bool {
        self.irregular.contains_key(lemma)
    }

    /// All forms of a lemma (normalised, lower case).
    pub fn forms(&self, lemma: &str) -> Forms {
        if let Some(f) = self.irregular.get(lemma) {
            return f.clone();
        }
        let ed = add_ed(lemma);
        Forms {
            base: lemma.to_string(),
            third: vec![add_s(lemma)],
            past: vec![ed.clone()],
            participle: vec![ed],
            gerund: vec![add_ing(lemma)],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn regular_rules() {
        let inf = Inflector::default();
        let f = inf.forms("ban");
        assert_eq!(
            (
                f.third[0].as_str(),
                f.past[0].as_str(),
                f.gerund[0].as_str()
            ),
            ("bans", "banned", "banning")
        );
        let f = inf.forms("visit");
        assert_eq!(
            (f.past[0].as_str(), f.gerund[0].as_str()),
            ("visited", "visiting")
        );
        let f = inf.forms("deny");
        assert_eq!(
            (
                f.third[0].as_str(),
                f.past[0].as_str(),
                f.gerund[0].as_str()
            ),
            ("denies", "denied", "denying")
        );
        let f = inf.forms("condemn");
        assert_eq!(f.past[0], "condemned");
        let f = inf.forms("expel");
        assert_eq!(f.past[0], "expelled");
        let f = inf.forms("stage");
        assert_eq!(
            (f.past[0].as_str(), f.gerund[0].as_str()),
            ("staged", "staging")
        );
        let f = inf.forms("agree");
        assert_eq!(
            (f.past[0].as_str(), f.gerund[0].as_str()),
            ("agreed", "agreeing")
        );
        let f = inf.forms("approach");
        assert_eq!(f.third[0], "approaches");
        let f = inf.forms("veto");
        assert_eq!(f.third[0], "vetoes");
        assert_eq!(inf.forms("tie").gerund[0], "tying");
    }

    #[test]
    fn irregular_table() {
        let (inf, errs) = Inflector::from_table(
            "irr",
            "meet met met\nstrike struck struck|stricken\nbad line\n",
        );
        assert_eq!(errs.len(), 1);
        assert_eq!(errs[0].line, 3);
        let all = inf.forms("strike").all();
        assert!(all.contains(&("struck".to_string(), VerbForm::PastOrParticiple)));
        assert!(all.contains(&("stricken".to_string(), VerbForm::PastParticiple)));
        assert!(all.contains(&("striking".to_string(), VerbForm::Gerund)));
        assert_eq!(
            inf.forms("meet").all()[0],
            ("meet".to_string(), VerbForm::Base)
        );
    }
}
