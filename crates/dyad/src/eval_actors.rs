//! `dyad eval-actors`: how often dyad's built-in dictionaries resolve the
//! actors of the PLOVER gold standard to the right country.
//!
//! `dyad eval` scores whole events, so an actor that resolved correctly is
//! invisible when the verb or the clause analysis failed. This command looks
//! at actors only. For every record of a PLOVER GSR file
//! (`PLOVER_GSR_CAMEO.txt`) and every `source`/`target` actor
//! (`{actorText, code}`), it
//!
//! 1. finds `actorText` in the sentence (every occurrence; where it does
//!    not occur as written, its longest leading or trailing run of words
//!    that does, "French warships" → "French"; a `..` in the
//!    or `...` in the actor text is an elision, "people .. in Hong Kong",
//!    and spans the gap);
//! 2. takes the actor mentions the coder finds there
//!    ([`dyad_core::coder::probe::document_mentions`]) that overlap it, and
//!    calls the one overlapping it most the *head*;
//! 3. compares the head with the gold code (rules below) and sorts every
//!    miss by kind.
//!
//! # Comparison rules
//!
//! Only the first three letters of the gold code count (`USAGOV` is `USA`).
//! The gold `IGO` (the GSR writes no IGO sub-codes) matches any mention
//! whose country or code begins with `IGO` (`IGOUNO`, `IGOWSTNAT`). Other
//! transnational gold codes (`NGO`, `IMG`, `ISM`, ...) match the same way, by
//! prefix of the mention's country or code (`NGOHRIAMN`, `IMGMUSALQ`). A
//! state code matches a mention whose country is that code.
//!
//! The GSR's non-ISO codes `JAP`, `ITL` and `VTN` are kept as written, so
//! they are always misses of the gold; they are counted on their own line,
//! with a note when dyad gave the ISO code (`JPN`, `ITA`, `VNM`).
//!
//! # Kinds of miss
//!
//! | kind | meaning |
//! |---|---|
//! | gold typo | the gold code is JAP/ITL/VTN (see above) |
//! | not in dictionary | no mention overlaps the actor text |
//! | wrong country | mentions overlap it, none resolves to the gold country |
//! | wrong country (context) | as above, and the head is a sector word that took the document's last country |
//! | ambiguous | the head is wrong but another overlapping mention is right |
//! | sentence discarded | a discard phrase matched, so the coder looked for no actors |
//! | actor text not in sentence | the GSR's `actorText` does not occur in its `text` |

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context};
use chrono::NaiveDate;
use serde_json::{json, Value};

use dyad_core::coder::mentions::Mention;
use dyad_core::coder::probe::document_mentions;
use dyad_core::dict::ActorDictionary;
use dyad_core::document::Document;

#[derive(clap::Args)]
pub struct EvalActorsArgs {
    /// A PLOVER GSR file (JSON array of records, e.g. PLOVER_GSR_CAMEO.txt).
    pub file: PathBuf,
    /// Print every miss with the mentions dyad found there.
    #[arg(long)]
    pub misses: bool,
    /// Print the summary as one JSON object.
    #[arg(long)]
    pub json: bool,
}

/// The GSR's non-ISO country codes and the ISO codes they stand for.
const GOLD_TYPOS: &[(&str, &str)] = &[("JAP", "JPN"), ("ITL", "ITA"), ("VTN", "VNM")];

/// Gold codes that name a kind of transnational actor rather than a state.
const TRANSNATIONAL: &[&str] = &["IGO", "NGO", "IMG", "ISM", "MNC"];

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Hit,
    GoldTypo,
    NotInDictionary,
    WrongCountry,
    WrongCountryContext,
    Ambiguous,
    Discarded,
    TextNotFound,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Hit => "resolved",
            Kind::GoldTypo => "gold typo (JAP/ITL/VTN)",
            Kind::NotInDictionary => "not in dictionary",
            Kind::WrongCountry => "wrong country",
            Kind::WrongCountryContext => "wrong country (sector took the document context)",
            Kind::Ambiguous => "ambiguous (head mention wrong, another right)",
            Kind::Discarded => "sentence discarded",
            Kind::TextNotFound => "actor text not in sentence",
        }
    }
}

/// One gold actor and what dyad made of it.
struct Judged {
    id: String,
    side: &'static str,
    text: String,
    gold: String,
    kind: Kind,
    /// The overlapping mentions, `CODE "words"`, for the report.
    found: Vec<String>,
    note: String,
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Byte spans of `actor` in `text`: exact occurrences first, else
/// case-insensitive ones. `..` or `...` separates pieces that must follow
/// in order.
fn locate(text: &str, actor: &str) -> Vec<(usize, usize)> {
    let pieces: Vec<String> = actor
        .replace("...", "\u{0}")
        .replace("..", "\u{0}")
        .split('\u{0}')
        .map(collapse)
        .filter(|p| !p.is_empty())
        .collect();
    if pieces.is_empty() {
        return Vec::new();
    }
    let find_all = |hay: &str, lower: bool| -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let needles: Vec<String> = if lower {
            pieces.iter().map(|p| p.to_ascii_lowercase()).collect()
        } else {
            pieces.clone()
        };
        let mut from = 0;
        while let Some(i) = hay[from..].find(&needles[0]) {
            let start = from + i;
            let mut end = start + needles[0].len();
            let mut ok = true;
            for n in &needles[1..] {
                match hay[end..].find(n.as_str()) {
                    Some(j) => end += j + n.len(),
                    None => {
                        ok = false;
                        break;
                    }
                }
            }
            if ok {
                out.push((start, end));
            }
            from = start + needles[0].len().max(1);
        }
        out
    };
    let exact = find_all(text, false);
    if !exact.is_empty() {
        return exact;
    }
    // ASCII lower-casing keeps byte offsets; other text is searched as is.
    let lower = text.to_ascii_lowercase();
    find_all(&lower, true)
}

/// For an actor text that does not occur as written (the GSR sometimes
/// joins words that a coordination separates, "French warships" for "French
/// and Egyptian warships"): the longest run of its leading words that does
/// occur, else the longest run of its trailing words. Runs without a
/// capitalised word are not tried ("forces" alone says nothing).
fn locate_partial(text: &str, actor: &str) -> Option<(String, Vec<(usize, usize)>)> {
    let cleaned = actor
        .replace("...", " ")
        .replace("..", " ")
        .replace('-', " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    for n in (1..words.len()).rev() {
        for run in [&words[..n], &words[words.len() - n..]] {
            if !run.iter().any(|w| w.starts_with(char::is_uppercase)) {
                continue;
            }
            let phrase = run.join(" ");
            let spans = locate(text, &phrase);
            if !spans.is_empty() {
                return Some((phrase, spans));
            }
        }
    }
    None
}

fn prefix3(s: &str) -> String {
    s.chars().take(3).collect::<String>().to_ascii_uppercase()
}

fn resolves_to(m: &Mention, gold3: &str) -> bool {
    if TRANSNATIONAL.contains(&gold3) {
        prefix3(&m.country) == gold3 || prefix3(&m.code) == gold3
    } else {
        prefix3(&m.country) == gold3
    }
}

fn overlap(a: (usize, usize), m: &Mention) -> usize {
    let (s, e) = (a.0.max(m.span.start as usize), a.1.min(m.span.end as usize));
    e.saturating_sub(s)
}

fn judge(
    dict: &ActorDictionary,
    text: &str,
    mentions: &[Mention],
    discarded: bool,
    actor: &str,
    gold: &str,
) -> (Kind, Vec<String>, String) {
    let gold3 = prefix3(gold);
    let mut spans = locate(text, actor);
    let mut partial = String::new();
    if spans.is_empty() {
        match locate_partial(text, actor) {
            Some((phrase, found)) => {
                partial = format!("only {phrase:?} occurs");
                spans = found;
            }
            None => return (Kind::TextNotFound, Vec::new(), String::new()),
        }
    }
    let describe = |m: &Mention| format!("{} {:?}", m.code, m.span.slice(text));
    let typo = GOLD_TYPOS
        .iter()
        .find(|(t, _)| *t == gold3)
        .map(|(_, iso)| *iso);
    // The best occurrence: one whose head resolves, else the first with mentions.
    let mut best: Option<(Kind, Vec<String>, String)> = None;
    for &span in &spans {
        let mut over: Vec<&Mention> = mentions.iter().filter(|m| overlap(span, m) > 0).collect();
        if over.is_empty() {
            continue;
        }
        over.sort_by_key(|m| std::cmp::Reverse(overlap(span, m)));
        let head = over[0];
        let found: Vec<String> = over.iter().map(|m| describe(m)).collect();
        let (kind, note) = if let Some(iso) = typo {
            let right = over.iter().any(|m| prefix3(&m.country) == iso);
            let note = if right {
                format!("dyad gives the ISO code {iso}")
            } else {
                format!("dyad does not give {iso} either")
            };
            (Kind::GoldTypo, note)
        } else if resolves_to(head, &gold3) {
            (Kind::Hit, String::new())
        } else if over.iter().any(|m| resolves_to(m, &gold3)) {
            (Kind::Ambiguous, String::new())
        } else {
            let rule = head.rule.render(dict);
            if rule.contains("document context") {
                (Kind::WrongCountryContext, rule)
            } else {
                (Kind::WrongCountry, rule)
            }
        };
        let better = match &best {
            None => true,
            Some((k, _, _)) => kind < *k,
        };
        if better {
            best = Some((kind, found, note));
        }
    }
    let (kind, found, note) = best.unwrap_or_else(|| {
        let kind = if typo.is_some() {
            Kind::GoldTypo
        } else if discarded {
            Kind::Discarded
        } else {
            Kind::NotInDictionary
        };
        (kind, Vec::new(), String::new())
    });
    let note = match (partial.is_empty(), note.is_empty()) {
        (true, _) => note,
        (false, true) => partial,
        (false, false) => format!("{partial}; {note}"),
    };
    (kind, found, note)
}

pub fn run(args: EvalActorsArgs) -> anyhow::Result<ExitCode> {
    let content = std::fs::read_to_string(&args.file)
        .with_context(|| format!("cannot read {}", args.file.display()))?;
    let name = args
        .file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let records: Vec<Value> = match serde_json::from_str(content.trim_start_matches('\u{feff}')) {
        Ok(Value::Array(v)) => v,
        Ok(_) => bail!(
            "{}: not a JSON array of PLOVER GSR records",
            args.file.display()
        ),
        Err(e) => bail!("{}: not a PLOVER GSR file: {e}", args.file.display()),
    };
    let coder = crate::code::builtin_coder()?;

    let mut judged: Vec<Judged> = Vec::new();
    let mut scored_records = 0;
    for rec in &records {
        let s = |k: &str| rec.get(k).and_then(Value::as_str).unwrap_or("");
        let text = collapse(s("text"));
        if s("event") == "DOCUMENT" || text.is_empty() {
            continue;
        }
        scored_records += 1;
        let doc = Document {
            id: s("id").to_string(),
            text,
            date: NaiveDate::parse_from_str(s("date"), "%Y-%m-%d").ok(),
            title: None,
            url: None,
        };
        let found = document_mentions(&coder, &doc);
        let discarded = found.iter().any(|f| f.discarded);
        let mentions: Vec<Mention> = found.into_iter().flat_map(|f| f.mentions).collect();
        for side in ["source", "target"] {
            let Some(Value::Array(list)) = rec.get(side) else {
                continue;
            };
            for a in list {
                let actor = a.get("actorText").and_then(Value::as_str).unwrap_or("");
                let gold = a.get("code").and_then(Value::as_str).unwrap_or("").trim();
                if gold.is_empty() {
                    continue;
                }
                let (kind, found, note) =
                    judge(coder.actors(), &doc.text, &mentions, discarded, actor, gold);
                judged.push(Judged {
                    id: doc.id.clone(),
                    side,
                    text: actor.to_string(),
                    gold: gold.to_string(),
                    kind,
                    found,
                    note,
                });
            }
        }
    }

    let total = judged.len();
    let hits = judged.iter().filter(|j| j.kind == Kind::Hit).count();
    let typos = judged.iter().filter(|j| j.kind == Kind::GoldTypo).count();
    let mut by_kind: BTreeMap<Kind, usize> = BTreeMap::new();
    for j in &judged {
        *by_kind.entry(j.kind).or_default() += 1;
    }
    let rate = |n: usize, d: usize| if d == 0 { 0.0 } else { n as f64 / d as f64 };
    let mut out = std::io::stdout().lock();
    if args.json {
        let kinds: serde_json::Map<String, Value> = by_kind
            .iter()
            .filter(|(k, _)| **k != Kind::Hit)
            .map(|(k, n)| (k.label().to_string(), json!(n)))
            .collect();
        writeln!(
            out,
            "{}",
            json!({
                "suite": name,
                "records": scored_records,
                "actors": total,
                "resolved": hits,
                "rate": rate(hits, total),
                "rate_without_gold_typos": rate(hits, total - typos),
                "misses": kinds,
            })
        )?;
        return Ok(ExitCode::SUCCESS);
    }
    writeln!(out, "{name}: {scored_records} records, {total} gold actors")?;
    writeln!(
            out,
        "resolved to the gold country: {hits}/{total} ({:.1}%); without the {typos} gold typos: {hits}/{} ({:.1}%)",
        100.0 * rate(hits, total),
        total - typos,
        100.0 * rate(hits, total - typos)
    )?;
    writeln!(out, "misses by kind:")?;
    for (k, n) in by_kind.iter().filter(|(k, _)| **k != Kind::Hit) {
        writeln!(out, "  {n:5}  {}", k.label())?;
    }
    if args.misses {
        for kind in by_kind.keys().filter(|k| **k != Kind::Hit) {
            writeln!(out, "\n{}:", kind.label())?;
            for j in judged.iter().filter(|j| j.kind == *kind) {
                let found = if j.found.is_empty() {
                    "no mention".to_string()
                } else {
                    j.found.join("; ")
                };
                write!(
                    out,
                    "  {} {} {:?} gold {}: {found}",
                    j.id, j.side, j.text, j.gold
                )?;
                if !j.note.is_empty() {
                    write!(out, "  [{}]", j.note)?;
                }
                writeln!(out)?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_handles_case_and_elision() {
        let t = "Hundreds of thousands of people marched in Hong Kong; the UN said.";
        assert_eq!(locate(t, "the UN"), vec![(54, 60)]);
        assert_eq!(locate(t, "hundreds of thousands"), vec![(0, 21)]);
        let span = locate(t, "Hundreds of thousands of people .. in Hong Kong")[0];
        assert_eq!(
            &t[span.0..span.1],
            "Hundreds of thousands of people marched in Hong Kong"
        );
        assert!(locate(t, "Jordan").is_empty());
        let t = "French and Egyptian warships sailed.";
        let (phrase, spans) = locate_partial(t, "French warships").unwrap();
        assert_eq!((phrase.as_str(), spans), ("French", vec![(0, 6)]));
        assert!(locate_partial(t, "Ghanians").is_none());
        let t = "U.S. and Russian negotiators return.";
        assert_eq!(locate(t, "U.S. ... negotiators"), vec![(0, 28)]);
    }
}
