//! Saved HTML news pages: the article's main text (Mozilla Readability's
//! algorithm, via `dom_smoothie`), its title, publication date and
//! canonical URL from the page's metadata.

use chrono::NaiveDate;
use dom_query::Document as Html;
use dom_smoothie::{Config, Readability, TextMode};

use dyad_core::coder::parse_doc_date;
use dyad_core::document::Document;
use dyad_core::input::{Diagnostic, Severity};

/// Meta tags that carry a publication date, most specific first. Readability
/// reads `article:published_time` and JSON-LD `datePublished` itself; these
/// are the common others.
const DATE_META: &[&str] = &[
    r#"meta[property="article:published_time"]"#,
    r#"meta[property="og:article:published_time"]"#,
    r#"meta[itemprop="datePublished"]"#,
    r#"meta[name="pubdate"]"#,
    r#"meta[name="publishdate"]"#,
    r#"meta[name="publish-date"]"#,
    r#"meta[name="date"]"#,
    r#"meta[name="dc.date"]"#,
    r#"meta[name="DC.date.issued"]"#,
    r#"meta[name="dcterms.date"]"#,
    r#"meta[property="og:updated_time"]"#,
];

/// Reads one saved page. The document id is the file name without its
/// extensions, as for plain text.
pub fn read_html(
    file: &str,
    html: &str,
    default_date: Option<NaiveDate>,
) -> (Vec<Document>, Vec<Diagnostic>) {
    let diag = |severity, message: String| super::problem(severity, file, None, message);
    let dom = Html::from(html);
    let attr = |sel: &str, name: &str| -> Option<String> {
        dom.select(sel)
            .iter()
            .find_map(|s| s.attr(name).map(|v| v.trim().to_string()))
            .filter(|v| !v.is_empty())
    };
    let url = attr(r#"link[rel="canonical"]"#, "href")
        .or_else(|| attr(r#"meta[property="og:url"]"#, "content"))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let meta_date = DATE_META
        .iter()
        .find_map(|sel| attr(sel, "content"))
        .or_else(|| attr("time[datetime]", "datetime"));
    let meta_title = attr(r#"meta[property="og:title"]"#, "content");

    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let mut diags = Vec::new();
    let article = Readability::new(html, url.as_deref(), Some(cfg)).and_then(|mut r| r.parse());
    let (text, title, published) = match article {
        Ok(a) => (
            a.text_content.to_string(),
            Some(a.title).filter(|t| !t.trim().is_empty()),
            a.published_time,
        ),
        // Too little text for Readability to pick a main block (a short
        // page): fall back to the whole body.
        Err(e) => {
            let body = dom.select("body").formatted_text().to_string();
            if !body.trim().is_empty() {
                diags.push(diag(
                    Severity::Warning,
                    format!("no main article block found ({e}); using the whole page text"),
                ));
            }
            (body, None, None)
        }
    };
    let text = text.trim().to_string();
    if text.is_empty() {
        diags.push(diag(
            Severity::Error,
            "no text found in the HTML page; page skipped".into(),
        ));
        return (Vec::new(), diags);
    }
    let date = match published.or(meta_date) {
        Some(p) => match parse_doc_date(&p) {
            Some(d) => Some(d),
            None => {
                diags.push(diag(
                    Severity::Warning,
                    format!(
                        "unparseable publication date {p:?}; using {}",
                        default_date
                            .map(|d| d.to_string())
                            .unwrap_or_else(|| "no date".into())
                    ),
                ));
                default_date
            }
        },
        None => default_date,
    };
    let stem = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = stem
        .split('.')
        .next()
        .filter(|s| !s.is_empty())
        .unwrap_or(stem);
    let id = if stem.is_empty() || stem == "<stdin>" {
        Document::content_id(&text)
    } else {
        stem.to_string()
    };
    let title = meta_title.or(title).or_else(|| {
        let t = dom.select("title").text().trim().to_string();
        (!t.is_empty()).then_some(t)
    });
    (
        vec![Document {
            id,
            text,
            date,
            title,
            url,
        }],
        diags,
    )
}

/// The text of an HTML fragment (a feed item's content), with paragraph
/// breaks kept so headlines and paragraphs stay separate sentences.
pub fn fragment_text(fragment: &str) -> String {
    Html::from(fragment).formatted_text().trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_page_falls_back_to_body_with_metadata() {
        let page = r#"<!DOCTYPE html><html><head><title>Site | Talks</title>
            <link rel="canonical" href="https://news.example/talks">
            <meta name="date" content="2024-02-26T08:00:00Z"></head>
            <body><p>Azerbaijan supplies crude oil to Israel.</p></body></html>"#;
        let (docs, diags) = read_html("dir/talks.html", page, None);
        assert_eq!(docs.len(), 1, "{diags:?}");
        let d = &docs[0];
        assert_eq!(d.id, "talks");
        assert_eq!(d.text, "Azerbaijan supplies crude oil to Israel.");
        assert_eq!(d.date.unwrap().to_string(), "2024-02-26");
        assert_eq!(d.url.as_deref(), Some("https://news.example/talks"));
        assert_eq!(d.title.as_deref(), Some("Site | Talks"));
    }

    #[test]
    fn empty_page_is_an_error() {
        let (docs, diags) = read_html("e.html", "<html><body> </body></html>", None);
        assert!(docs.is_empty());
        assert_eq!(diags.last().unwrap().severity, Severity::Error);
    }
}
