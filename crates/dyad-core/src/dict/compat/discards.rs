//! Discard lists: phrases that stop coding of a sentence, or with a leading
//! `+` of the whole story.
//!
//! ```text
//! BASEBALL            <- sentence-level
//! +WORLD_CUP          <- story-level
//! ```
//!
//! TABARI discards are stems like its actors (`BASEBALL` also discards
//! "baseballs"); PETRARCH discards are whole words.

use super::common::{Lines, PhraseTok};
use super::Dialect;
use crate::dict::actors::{ActorDictionaryBuilder, Discard};
use crate::dict::DictError;

/// Longest discard phrase accepted, in tokens. Real entries are names and
/// short phrases ("AFRICAN NATIONS CUP"); a longer line is almost certainly
/// a record from some other file.
const MAX_TOKENS: usize = 16;

/// Loads a TABARI discard list (stems).
pub fn load_tabari_discards(b: &mut ActorDictionaryBuilder, file_name: &str, content: &str) {
    load_discards(b, file_name, content, Dialect::Tabari);
}

/// Loads a PETRARCH discard list (whole words).
pub fn load_petrarch_discards(b: &mut ActorDictionaryBuilder, file_name: &str, content: &str) {
    load_discards(b, file_name, content, Dialect::Petrarch);
}

/// Loads a discard list in either dialect into `b`.
pub fn load_discards(
    b: &mut ActorDictionaryBuilder,
    file_name: &str,
    content: &str,
    dialect: Dialect,
) {
    let mut tok = PhraseTok::default();
    for line in Lines::new(content) {
        let t: &str = &line.text;
        let err = |m: String| DictError::new(file_name, line.no, m);
        // Lines of some other table (tabari/discards.txt is one) have tab
        // separated fields, or runs of tabs for empty cells; a discard
        // phrase has none (a tab inside its comment is fine).
        if t.contains('\t') || line.raw.matches('\t').count() >= 3 {
            b.push_error(err(
                "tab-separated record: a discard line is one phrase".into()
            ));
            continue;
        }
        if t.contains('[') || t.contains(']') {
            b.push_error(err(format!("discard phrases take no code: {t:?}")));
            continue;
        }
        let (story, phrase) = match t.strip_prefix('+') {
            Some(p) => (true, p.trim()),
            None => (false, t),
        };
        let toks = tok.phrase(phrase, dialect);
        if toks.is_empty() {
            b.push_error(err("empty discard phrase".into()));
            continue;
        }
        if toks.len() > MAX_TOKENS {
            b.push_error(err(format!(
                "discard phrase of {} tokens (at most {MAX_TOKENS}): {t:?}",
                toks.len()
            )));
            continue;
        }
        b.add_discard(&toks, Discard { story });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dict::matcher::Candidates;
    use crate::dict::ActorDictionary;
    use crate::text::{tokenize, Span, TokenBuf};

    fn found(d: &ActorDictionary, text: &str) -> Vec<bool> {
        let mut t = TokenBuf::new();
        tokenize(text, Span::new(0, text.len()), &mut t);
        let mut c = Candidates::default();
        c.fill(d.discards.vocab(), &t);
        let mut out = Vec::new();
        d.discards.find_all(&c, &mut out);
        out.iter()
            .map(|m| d.discards.values(m.node)[0].story)
            .collect()
    }

    #[test]
    fn story_and_sentence_discards() {
        let src = "# head\nMONTHS LATER\n+World Golf Championships   # pas\n+ ESPN2\nAFRICAN NATIONS CUP   # ab ;AB 13 JUN 2005\n";
        let mut b = ActorDictionaryBuilder::new();
        load_petrarch_discards(&mut b, "d.txt", src);
        assert!(b.errors().is_empty(), "{:?}", b.errors());
        let d = b.build();
        assert_eq!(found(&d, "Two months later, he left."), vec![false]);
        assert_eq!(found(&d, "at the World Golf Championships"), vec![true]);
        assert_eq!(found(&d, "on ESPN2 tonight"), vec![true]);
        assert!(
            found(&d, "the African Nations").is_empty(),
            "partial phrase"
        );
    }

    #[test]
    fn tabari_discards_are_stems() {
        let mut b = ActorDictionaryBuilder::new();
        load_tabari_discards(&mut b, "d.txt", "BASEBALL\nBASKETBALL_\n");
        let d = b.build();
        assert_eq!(found(&d, "baseballs and basketballs"), vec![false]);
    }

    #[test]
    fn records_and_codes_are_not_phrases() {
        let src = "\t2\t1995\t#VALUE!\t99\tAGO\nA [B]\n+\n";
        let mut b = ActorDictionaryBuilder::new();
        load_petrarch_discards(&mut b, "d.txt", src);
        let lines: Vec<usize> = b.errors().iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 2, 3], "{:?}", b.errors());
    }
}
