//! Reader for dyad's own block format (see `docs/dictionaries.md`).
//!
//! ```text
//! state AZE  Azerbaijan        <- header: kind, code, free label
//!   name: Azerbaijan | Republic of Azerbaijan
//! ```
//!
//! This module only splits a file into blocks; `actors` and `verbs` give the
//! keys their meaning.

use super::DictError;

/// One `key: value | value` line of a block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub key: String,
    pub values: Vec<String>,
    pub line: usize,
}

/// A header line and its indented entries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    pub kind: String,
    /// The second word of the header (a code), or empty.
    pub code: String,
    /// The rest of the header line.
    pub label: String,
    pub line: usize,
    pub entries: Vec<Entry>,
}

impl Block {
    pub fn values<'a>(&'a self, key: &'a str) -> impl Iterator<Item = (&'a str, usize)> + 'a {
        self.entries
            .iter()
            .filter(move |e| e.key == key)
            .flat_map(|e| e.values.iter().map(move |v| (v.as_str(), e.line)))
    }
}

/// Removes a `#` comment (a `#` at the start or after whitespace).
pub fn strip_comment(line: &str) -> &str {
    let b = line.as_bytes();
    for i in 0..b.len() {
        if b[i] == b'#' && (i == 0 || b[i - 1].is_ascii_whitespace()) {
            return &line[..i];
        }
    }
    line
}

/// Splits `content` into blocks. Bad lines are reported and skipped.
pub fn parse_blocks(file: &str, content: &str) -> (Vec<Block>, Vec<DictError>) {
    let mut blocks: Vec<Block> = Vec::new();
    let mut errors = Vec::new();
    for (i, raw) in content.lines().enumerate() {
        let lineno = i + 1;
        let line = strip_comment(raw);
        if line.trim().is_empty() {
            continue;
        }
        let indented = line.starts_with(' ') || line.starts_with('\t');
        if !indented {
            let mut parts = line.split_whitespace();
            let kind = parts.next().unwrap_or_default().to_string();
            let rest = line.trim()[kind.len()..].trim();
            let (code, label) = match rest.split_once(char::is_whitespace) {
                Some((c, l)) => (c.trim().to_string(), l.trim().to_string()),
                None => (rest.to_string(), String::new()),
            };
            blocks.push(Block {
                kind,
                code,
                label,
                line: lineno,
                entries: Vec::new(),
            });
            continue;
        }
        let Some(block) = blocks.last_mut() else {
            errors.push(DictError::new(
                file,
                lineno,
                "indented line before any block header",
            ));
            continue;
        };
        let Some((key, value)) = line.trim().split_once(':') else {
            errors.push(DictError::new(
                file,
                lineno,
                format!("expected `key: value`, found {:?}", line.trim()),
            ));
            continue;
        };
        let values: Vec<String> = value
            .split(" | ")
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            errors.push(DictError::new(
                file,
                lineno,
                format!("key {:?} has no value", key.trim()),
            ));
            continue;
        }
        block.entries.push(Entry {
            key: key.trim().to_string(),
            values,
            line: lineno,
        });
    }
    (blocks, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_errors() {
        let src = "# c\nstate AZE  Azerbaijan\n  name: Azerbaijan | Azerbaijan Republic # x\n  adj Azeri\n\n  capital: Baku\n";
        let (b, e) = parse_blocks("t.dyad", src);
        assert_eq!(b.len(), 1);
        assert_eq!(b[0].code, "AZE");
        assert_eq!(b[0].label, "Azerbaijan");
        assert_eq!(b[0].entries.len(), 2);
        assert_eq!(
            b[0].entries[0].values,
            vec!["Azerbaijan", "Azerbaijan Republic"]
        );
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].line, 4);
        assert_eq!(
            e[0].to_string(),
            "t.dyad:4: expected `key: value`, found \"adj Azeri\""
        );
    }

    #[test]
    fn hash_inside_word_is_not_a_comment() {
        assert_eq!(strip_comment("name: C# lang # c"), "name: C# lang ");
    }
}
