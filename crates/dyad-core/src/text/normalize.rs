//! Normalisation of token text for dictionary matching.
//!
//! [`normalize_into`] turns the original spelling of a token into the key that
//! dictionaries are matched against. The tokenizer calls it once per token,
//! writing into the [`TokenBuf`](super::TokenBuf) arena; the dictionary
//! loaders must call it on their entries too, so both sides agree.
//!
//! Rules, and why:
//!
//! * Lowercase: news capitalises by position (headlines, sentence starts), not
//!   by meaning, so matching is case-blind. Case survives on the token itself
//!   ([`Token::capitalized`](super::Token), `all_caps`) for the stages that
//!   want it.
//! * Unicode NFKD, then drop combining marks: the same place is spelt
//!   "Türkiye", "Turkiye" and (after compatibility mapping) "Ｔürkiye" in
//!   different feeds, and wire copy is inconsistent about diacritics. Folding
//!   them away costs a few false merges we have not seen matter.
//! * Letters that NFKD leaves alone get explicit folds: ı/İ → i, ø → o,
//!   æ → ae, œ → oe, ß → ss, đ/ð → d, ł → l, þ → th, ħ → h, ŧ → t.
//! * Typography is folded: curly and modifier apostrophes, acute accents and
//!   backticks (’ ‘ ʼ ´ `) become `'`; curly and low double quotes and
//!   guillemets (“ ” „ ‟ « ») become `"`; every dash and the minus sign
//!   (‐ ‑ ‒ – — ― −) become `-`.
//! * Soft hyphens and zero-width joiners vanish: scraped text hides them
//!   inside words ("Pales\u{AD}tinian").
//!
//! Speed: pure-ASCII input (most English news) takes a fast path that copies
//! and lowercases in place; only non-ASCII words pay for per-char
//! decomposition. Nothing allocates beyond growing the caller's buffer.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Appends the normalised form of `word` to `out` (see the module docs for
/// the rules).
///
/// ```
/// use dyad_core::text::normalize_into;
///
/// let mut out = String::new();
/// normalize_into("Türkiye’s", &mut out);
/// assert_eq!(out, "turkiye's");
/// ```
pub fn normalize_into(word: &str, out: &mut String) {
    // ASCII fast path, one pass: lowercase byte by byte; a non-ASCII byte or
    // a '`' (rare) sends the whole word through the char path instead.
    let start = out.len();
    out.reserve(word.len());
    for &b in word.as_bytes() {
        if b >= 0x80 || b == b'`' {
            out.truncate(start);
            normalize_chars(word, out);
            return;
        }
        out.push(char::from(b.to_ascii_lowercase()));
    }
}

/// The general path: correct for any input, and the reference the ASCII fast
/// path is tested against.
fn normalize_chars(word: &str, out: &mut String) {
    for c in word.chars() {
        if let Some(folded) = fold(c) {
            out.push_str(folded);
        } else if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            decompose_compatible(c, |d| push_decomposed(d, out));
        }
    }
}

/// Pushes one character of a compatibility decomposition: combining marks and
/// invisible joiners are dropped, the rest lowercased and folded.
fn push_decomposed(d: char, out: &mut String) {
    if is_combining_mark(d) || is_invisible(d) {
        return;
    }
    if let Some(folded) = fold(d) {
        out.push_str(folded);
        return;
    }
    for l in d.to_lowercase() {
        if is_combining_mark(l) {
            continue;
        }
        match fold(l) {
            Some(folded) => out.push_str(folded),
            None => out.push(l),
        }
    }
}

/// Characters that carry no letter and are dropped from normalised forms.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{200C}' | '\u{200D}')
}

/// Explicit folds for characters that lowercase + NFKD do not handle the way
/// matching needs. Both cases of each letter are listed, so the lookup works
/// before or after lowercasing.
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        '`' | '\u{00B4}' | '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => "-",
        'ı' | 'İ' => "i",
        'ø' | 'Ø' => "o",
        'æ' | 'Æ' => "ae",
        'œ' | 'Œ' => "oe",
        'ß' | 'ẞ' => "ss",
        'đ' | 'Đ' | 'ð' | 'Ð' => "d",
        'ł' | 'Ł' => "l",
        'þ' | 'Þ' => "th",
        'ħ' | 'Ħ' => "h",
        'ŧ' | 'Ŧ' => "t",
        _ => return None,
    })
}

/// True for the dash characters that [`normalize_into`] folds to `-`.
pub(super) fn is_dash(c: char) -> bool {
    fold(c) == Some("-") || c == '-'
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn norm(s: &str) -> String {
        let mut out = String::new();
        normalize_into(s, &mut out);
        out
    }

    #[test]
    fn lowercases_ascii() {
        assert_eq!(norm("NATO"), "nato");
        assert_eq!(norm("al-Qaeda"), "al-qaeda");
        assert_eq!(norm("U.S."), "u.s.");
        assert_eq!(norm("3.5%"), "3.5%");
    }

    #[test]
    fn appends_without_clearing() {
        let mut out = String::from("x|");
        normalize_into("Iraq", &mut out);
        normalize_into("|Türkiye", &mut out);
        assert_eq!(out, "x|iraq|turkiye");
    }

    #[test]
    fn strips_diacritics() {
        assert_eq!(norm("Türkiye"), "turkiye");
        assert_eq!(norm("vis-à-vis"), "vis-a-vis");
        assert_eq!(norm("Côte d'Ivoire"), "cote d'ivoire");
        assert_eq!(norm("São Tomé"), "sao tome");
        assert_eq!(norm("Erdoğan"), "erdogan");
        assert_eq!(norm("Ahmed al-Šarīf"), "ahmed al-sarif");
        // Combining mark written separately.
        assert_eq!(norm("Be\u{301}la"), "bela");
    }

    #[test]
    fn folds_letters_nfkd_keeps() {
        assert_eq!(norm("Diyarbakır"), "diyarbakir");
        assert_eq!(norm("İstanbul"), "istanbul");
        assert_eq!(norm("Støre"), "store");
        assert_eq!(norm("ÆTHELRED"), "aethelred");
        assert_eq!(norm("Œuvre"), "oeuvre");
        assert_eq!(norm("Straße"), "strasse");
        assert_eq!(norm("ẞ"), "ss");
        assert_eq!(norm("Đukanović"), "dukanovic");
        assert_eq!(norm("Łódź"), "lodz");
        assert_eq!(norm("Þórshöfn"), "thorshofn");
    }

    #[test]
    fn folds_quotes_and_dashes() {
        assert_eq!(norm("Israel’s"), "israel's");
        assert_eq!(norm("‘ʼ´`"), "''''");
        assert_eq!(norm("“„”‟"), "\"\"\"\"");
        assert_eq!(norm("‐‑‒–—―−"), "-------");
        assert_eq!(norm("don`t"), "don't");
    }

    #[test]
    fn compatibility_forms() {
        assert_eq!(norm("ＮＡＴＯ"), "nato");
        assert_eq!(norm("…"), "...");
        assert_eq!(norm("ﬁre"), "fire");
        assert_eq!(norm("²"), "2");
    }

    #[test]
    fn drops_invisibles() {
        assert_eq!(norm("Pales\u{AD}tinian"), "palestinian");
        assert_eq!(norm("a\u{200D}b\u{200C}c"), "abc");
    }

    #[test]
    fn leaves_other_scripts_readable() {
        assert_eq!(norm("Москва"), "москва");
        assert_eq!(norm("ΑΘΗΝΑ"), "αθηνα");
        // Arabic vowel marks are combining and go; letters stay.
        assert_eq!(norm("بَغْدَاد"), "بغداد");
    }

    #[test]
    fn is_dash_matches_fold() {
        for c in ['-', '‐', '‑', '‒', '–', '—', '―', '−'] {
            assert!(is_dash(c), "{c:?}");
        }
        assert!(!is_dash('_'));
        assert!(!is_dash('~'));
    }

    proptest! {
        /// The ASCII fast path must agree with the general char path.
        #[test]
        fn ascii_fast_path_matches_char_path(s in "[ -~]{0,40}") {
            let mut fast = String::new();
            normalize_into(&s, &mut fast);
            let mut slow = String::new();
            normalize_chars(&s, &mut slow);
            prop_assert_eq!(fast, slow);
        }

        /// Normalising twice changes nothing more: dictionary entries and
        /// tokens may each be normalised once or twice along the way.
        #[test]
        fn idempotent(s in "\\PC{0,24}") {
            let once = norm(&s);
            prop_assert_eq!(norm(&once), once.clone());
        }
    }
}
