//! The document model: one news item, as read from any input format.

use chrono::NaiveDate;

/// A document to code. `text` is the exact text that every span points into.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Document {
    /// Id from the input, or a content hash (see [`Document::content_id`]).
    pub id: String,
    pub text: String,
    /// Publication date, used to resolve relative dates.
    pub date: Option<NaiveDate>,
    pub title: Option<String>,
    pub url: Option<String>,
}

impl Document {
    /// A stable id derived from the text (FNV-1a 64), for inputs without ids.
    pub fn content_id(text: &str) -> String {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in text.as_bytes() {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        format!("{h:016x}")
    }
}
