//! A CoNLL-U reader: the training and evaluation data of the parser.
//!
//! Only what the tagger and parser learn from is kept: each *syntactic word*
//! with its form, UPOS and XPOS tags, head and relation. Comment lines are skipped;
//! multiword-token range lines (`1-2  don't`) are skipped because their parts
//! follow as ordinary words (UD English EWT splits "don't" into "do" "n't",
//! exactly as dyad's tokenizer does); empty nodes of enhanced graphs (`8.1`)
//! are skipped because the basic tree does not contain them.
//!
//! The reader is strict about the basic tree: a sentence whose word ids do
//! not run 1..n, whose head is not a number in 0..=n, or which has no words
//! is an error naming the line, so a corrupt training file fails loudly
//! rather than training a quietly worse model.

use std::fmt;

/// The seventeen universal part-of-speech tags, in a fixed order: a tag's
/// index here is its class id in the tagger and in the model file.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// The class id of a UPOS tag, if it is one of [`UPOS`].
pub fn upos_id(tag: &str) -> Option<u8> {
    UPOS.iter().position(|&t| t == tag).map(|i| i as u8)
}

/// One sentence of a treebank: parallel vectors, one entry per word.
///
/// Heads are 1-based word ids with 0 for the root, as in CoNLL-U.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreebankSentence {
    /// The `# sent_id` comment, if there was one.
    pub id: String,
    pub forms: Vec<String>,
    pub upos: Vec<u8>,
    /// Language-specific tags (Penn Treebank tags in EWT), `_` if absent.
    pub xpos: Vec<String>,
    pub heads: Vec<u32>,
    pub deprels: Vec<String>,
}

impl TreebankSentence {
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

/// A malformed line in a CoNLL-U file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ConlluError {
    /// The display name of the file.
    pub file: String,
    /// 1-based line number.
    pub line: usize,
    pub message: String,
}

impl fmt::Display for ConlluError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.message)
    }
}

/// Reads every sentence of a CoNLL-U document. `name` is used in errors.
///
/// ```
/// use dyad_core::parse::conllu::read_conllu;
///
/// let text = "# sent_id = s1\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n\
///             1\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n\
///             2\tn't\tnot\tPART\tRB\t_\t3\tadvmod\t_\t_\n\
///             3\tgo\tgo\tVERB\tVB\t_\t0\troot\t_\t_\n\n";
/// let sents = read_conllu("demo.conllu", text).unwrap();
/// assert_eq!(sents[0].forms, ["do", "n't", "go"]);
/// assert_eq!(sents[0].heads, [3, 3, 0]);
/// ```
pub fn read_conllu(name: &str, text: &str) -> Result<Vec<TreebankSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = TreebankSentence::default();
    let mut first_line = 1;
    let err = |line: usize, message: String| ConlluError {
        file: name.to_string(),
        line,
        message,
    };
    for (i, raw) in text.lines().enumerate() {
        let lineno = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.is_empty() {
                finish(&cur).map_err(|m| err(first_line, m))?;
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            if let Some(id) = c.trim().strip_prefix("sent_id") {
                cur.id = id.trim_start().trim_start_matches('=').trim().to_string();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(err(
                lineno,
                format!("expected 10 tab-separated columns, found {}", cols.len()),
            ));
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue; // multiword token range or empty node
        }
        if cur.is_empty() {
            first_line = lineno;
        }
        let id: usize = cols[0]
            .parse()
            .map_err(|_| err(lineno, format!("bad word id {:?}", cols[0])))?;
        if id != cur.len() + 1 {
            return Err(err(
                lineno,
                format!("word id {id} out of sequence (expected {})", cur.len() + 1),
            ));
        }
        let upos = upos_id(cols[3])
            .ok_or_else(|| err(lineno, format!("unknown UPOS tag {:?}", cols[3])))?;
        let head: u32 = cols[6]
            .parse()
            .map_err(|_| err(lineno, format!("bad head {:?}", cols[6])))?;
        cur.forms.push(cols[1].to_string());
        cur.upos.push(upos);
        cur.xpos.push(cols[4].to_string());
        cur.heads.push(head);
        cur.deprels.push(cols[7].to_string());
    }
    if !cur.is_empty() {
        finish(&cur).map_err(|m| err(first_line, m))?;
        out.push(cur);
    }
    Ok(out)
}

/// Checks that every head points inside the sentence.
fn finish(s: &TreebankSentence) -> Result<(), String> {
    let n = s.len() as u32;
    if let Some(i) = s.heads.iter().position(|&h| h > n) {
        return Err(format!(
            "sentence {:?}: word {} has head {} beyond its {n} words",
            s.id,
            i + 1,
            s.heads[i]
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_ranges_empty_nodes_and_comments() {
        let text = "# text = x\n1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n\
                    2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_\n\
                    2.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t2:conj\t_\n\n\
                    1\tYes\tyes\tINTJ\tUH\t_\t0\troot\t_\t_\n";
        let s = read_conllu("t", text).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].forms, ["He", "left"]);
        assert_eq!(s[0].deprels, ["nsubj", "root"]);
        assert_eq!(s[1].upos, [upos_id("INTJ").unwrap()]);
    }

    #[test]
    fn errors_name_the_line() {
        let text =
            "1\tHe\the\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n3\tleft\t_\tVERB\t_\t_\t0\troot\t_\t_\n";
        let e = read_conllu("f.conllu", text).unwrap_err();
        assert_eq!(e.line, 2);
        assert!(e.to_string().starts_with("f.conllu:2:"), "{e}");

        let e = read_conllu("f", "1\tHe\the\tPRONOUN\t_\t_\t0\troot\t_\t_\n").unwrap_err();
        assert!(e.message.contains("UPOS"));

        let e = read_conllu("f", "1\tHe\the\tPRON\t_\t_\t5\troot\t_\t_\n").unwrap_err();
        assert!(e.message.contains("beyond"), "{e}");

        let e = read_conllu("f", "1\tHe\n").unwrap_err();
        assert!(e.message.contains("10 tab-separated"));
    }
}
