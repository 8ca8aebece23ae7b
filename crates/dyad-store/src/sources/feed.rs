//! RSS and Atom feeds: one document per item, with the item's own link,
//! title and date. Item content is HTML more often than not, and becomes
//! text with paragraph breaks kept.

use chrono::NaiveDate;

use dyad_core::document::Document;
use dyad_core::input::{Diagnostic, Severity};

use super::html::fragment_text;

/// Reads a feed file. Items without any text are reported and skipped.
pub fn read_feed(
    file: &str,
    bytes: &[u8],
    default_date: Option<NaiveDate>,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let diag = |severity, message: String| super::problem(severity, file, None, message);
    // feed-rs invents ids (a hash of the link, or a random UUID) for items
    // without one; a random id would make the same item a new document on
    // every ingest, so dyad assigns ids itself.
    let parser = feed_rs::parser::Builder::new()
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = match parser.parse(bytes) {
        Ok(f) => f,
        Err(e) => {
            return (
                Vec::new(),
                vec![diag(
                    Severity::Error,
                    format!("not a readable RSS or Atom feed ({e}); file skipped"),
                )],
            )
        }
    };
    let mut docs = Vec::new();
    let mut diags = Vec::new();
    for (i, entry) in feed.entries.iter().enumerate() {
        let title = entry
            .title
            .as_ref()
            .map(|t| t.content.trim().to_string())
            .filter(|t| !t.is_empty());
        let url = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or_else(|| entry.links.first())
            .map(|l| l.href.trim().to_string())
            .filter(|h| !h.is_empty());
        let body = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let text = if body.contains('<') {
            fragment_text(&body)
        } else {
            body.trim().to_string()
        };
        let name = title.clone().unwrap_or_else(|| format!("item {}", i + 1));
        if text.is_empty() {
            diags.push(diag(
                Severity::Warning,
                format!("feed item {} ({name:?}) has no text; skipped", i + 1),
            ));
            continue;
        }
        let date = entry
            .published
            .or(entry.updated)
            .map(|t| t.date_naive())
            .or(default_date);
        let id = if !entry.id.trim().is_empty() {
            entry.id.trim().to_string()
        } else if let Some(u) = &url {
            u.clone()
        } else {
            Document::content_id(&text)
        };
        docs.push(Document {
            id,
            text,
            date,
            title,
            url,
        });
    }
    if feed.entries.is_empty() {
        diags.push(diag(Severity::Warning, "feed has no items".into()));
    }
    (docs, diags)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_become_documents() {
        let rss = br#"<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wire</title><link>https://wire.example/</link>
<item><title>Oil</title><link>https://wire.example/oil</link><guid>oil-1</guid>
<pubDate>Mon, 26 Feb 2024 10:00:00 GMT</pubDate>
<description>&lt;p&gt;Azerbaijan supplies crude oil to Israel.&lt;/p&gt;&lt;p&gt;More later&lt;/p&gt;</description></item>
<item><title>Empty</title></item>
</channel></rss>"#;
        let (docs, diags) = read_feed("f.rss", rss, None);
        assert_eq!(docs.len(), 1);
        let d = &docs[0];
        assert_eq!(d.id, "oil-1");
        assert_eq!(d.url.as_deref(), Some("https://wire.example/oil"));
        assert_eq!(d.date.unwrap().to_string(), "2024-02-26");
        assert!(d
            .text
            .starts_with("Azerbaijan supplies crude oil to Israel."));
        assert!(d.text.contains("\n"), "paragraphs stay apart: {:?}", d.text);
        assert_eq!(diags.len(), 1);
        assert!(diags[0].message.contains("no text"));
    }

    #[test]
    fn atom_without_ids_gets_stable_ids() {
        let atom = br#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
<entry><title>A</title><link href="https://a.example/1"/><updated>2024-03-01T00:00:00Z</updated>
<content type="text">Israel and Azerbaijan signed an agreement.</content></entry></feed>"#;
        let (a, _) = read_feed("f.atom", atom, None);
        let (b, _) = read_feed("f.atom", atom, None);
        assert_eq!(a[0].id, "https://a.example/1");
        assert_eq!(a, b);
    }

    #[test]
    fn garbage_is_an_error() {
        let (docs, diags) = read_feed("f.rss", b"<rss><channel><item>", None);
        assert!(docs.is_empty());
        assert_eq!(diags[0].severity, Severity::Error);
    }
}
