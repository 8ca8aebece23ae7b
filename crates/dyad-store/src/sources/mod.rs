//! Inputs for `dyad ingest`: which files to read and how to turn each into
//! documents.
//!
//! ```text
//! paths ─► collect (walk directories) ─► InputFile ─► read ─► Chunk::Docs / Chunk::Problem
//! ```
//!
//! Formats are those of `dyad code` (plain text, JSON Lines, PETRARCH XML,
//! read by [`dyad_core::input`]) plus saved HTML news pages ([`html`]) and
//! RSS/Atom feeds ([`feed`]), each optionally gzip-compressed (`.gz`).
//!
//! JSON Lines are streamed in blocks, so a file of any size is read in
//! bounded memory and a progress bar moves while it is read. Other formats
//! are read whole (one page, one feed, one XML file).
//!
//! Bad input never stops the run: an unreadable file, a corrupt `.gz`, a
//! malformed record each become a [`Diagnostic`] with the file and line,
//! and every document read before (and, for records, after) it is kept. A
//! `.gz` that breaks off mid-stream keeps every complete JSON line or XML
//! record before the break.

pub mod feed;
pub mod html;

use std::fs::File;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use flate2::read::MultiGzDecoder;

use dyad_core::document::Document;
use dyad_core::input::{read_documents, Diagnostic, InputFormat, Severity};

use crate::model::SourcedDocument;

/// An input format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    Text,
    Jsonl,
    /// PETRARCH-style `<Sentence>` XML.
    Xml,
    /// A saved HTML page.
    Html,
    /// RSS 0.9x/1.0/2.0 or Atom.
    Feed,
}

impl InputKind {
    /// From a file name, ignoring a `.gz` suffix. `None` for an extension
    /// dyad does not read; `.xml` is [`InputKind::Xml`] until its content
    /// says it is a feed.
    pub fn from_name(name: &str) -> Option<InputKind> {
        let lower = name.to_ascii_lowercase();
        let lower = lower.strip_suffix(".gz").unwrap_or(&lower);
        let ext = lower.rsplit_once('.').map(|(_, e)| e)?;
        Some(match ext {
            "txt" | "text" => InputKind::Text,
            "jsonl" | "ndjson" | "json" => InputKind::Jsonl,
            "xml" => InputKind::Xml,
            "html" | "htm" | "xhtml" => InputKind::Html,
            "rss" | "atom" => InputKind::Feed,
            _ => return None,
        })
    }

    /// From the first bytes of the content.
    pub fn sniff(head: &str) -> InputKind {
        let t = head.trim_start_matches('\u{feff}').trim_start();
        if t.starts_with('{') {
            return InputKind::Jsonl;
        }
        if t.starts_with('<') {
            let lower = t.get(..t.len().min(2048)).unwrap_or(t).to_ascii_lowercase();
            if lower.contains("<rss") || lower.contains("<feed") || lower.contains("<rdf:rdf") {
                return InputKind::Feed;
            }
            if lower.contains("<!doctype html") || lower.contains("<html") {
                return InputKind::Html;
            }
            return InputKind::Xml;
        }
        InputKind::Text
    }
}

/// One file to read (`-` is standard input).
#[derive(Clone, Debug)]
pub struct InputFile {
    pub path: PathBuf,
    /// The name used in diagnostics and `documents.origin`.
    pub name: String,
    /// Bytes on disk (compressed size for `.gz`); 0 for standard input.
    pub size: u64,
    pub gz: bool,
    /// `None`: decide from the content.
    pub kind: Option<InputKind>,
}

impl InputFile {
    fn new(path: PathBuf, forced: Option<InputKind>) -> InputFile {
        let name = path.display().to_string();
        let stdin = name == "-";
        let size = if stdin {
            0
        } else {
            std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0)
        };
        InputFile {
            gz: name.to_ascii_lowercase().ends_with(".gz"),
            kind: forced.or_else(|| {
                if stdin {
                    None
                } else {
                    InputFile::kind_of(&name)
                }
            }),
            name: if stdin { "<stdin>".into() } else { name },
            path,
            size,
        }
    }

    /// Explicit files of unknown extension are plain text, as for
    /// `dyad code`; `.xml` is sniffed (PETRARCH XML or a feed).
    fn kind_of(name: &str) -> Option<InputKind> {
        match InputKind::from_name(name) {
            Some(InputKind::Xml) => None,
            Some(k) => Some(k),
            None => Some(InputKind::Text),
        }
    }
}

/// Expands directories (recursively, in name order, skipping hidden
/// entries and files whose extension dyad does not read) into files.
/// `forced` overrides format detection for every file.
pub fn collect(paths: &[PathBuf], forced: Option<InputKind>) -> (Vec<InputFile>, Vec<Diagnostic>) {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let paths: Vec<PathBuf> = if paths.is_empty() {
        vec![PathBuf::from("-")]
    } else {
        paths.to_vec()
    };
    for p in &paths {
        if p.as_os_str() == "-" {
            files.push(InputFile::new(p.clone(), forced));
            continue;
        }
        match std::fs::metadata(p) {
            Ok(m) if m.is_dir() => {
                let mut skipped = 0usize;
                walk(p, forced, &mut files, &mut skipped, &mut diags);
                if skipped > 0 {
                    diags.push(Diagnostic {
                        severity: Severity::Warning,
                        file: p.display().to_string(),
                        line: None,
                        message: format!(
                            "skipped {skipped} file(s) that are not news inputs (.txt .jsonl .ndjson .json .xml .html .htm .rss .atom, optionally .gz)"
                        ),
                    });
                }
            }
            Ok(_) => files.push(InputFile::new(p.clone(), forced)),
            Err(e) => diags.push(Diagnostic {
                severity: Severity::Error,
                file: p.display().to_string(),
                line: None,
                message: format!("cannot read: {e}"),
            }),
        }
    }
    (files, diags)
}

fn walk(
    dir: &Path,
    forced: Option<InputKind>,
    files: &mut Vec<InputFile>,
    skipped: &mut usize,
    diags: &mut Vec<Diagnostic>,
) {
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            diags.push(Diagnostic {
                severity: Severity::Error,
                file: dir.display().to_string(),
                line: None,
                message: format!("cannot list directory: {e}"),
            });
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for e in entries {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = e.path();
        // Symbolic links to files are followed; to directories they are
        // not, so a link cycle cannot loop.
        let is_dir = e.file_type().map(|t| t.is_dir()).unwrap_or(false);
        if is_dir {
            walk(&path, forced, files, skipped, diags);
        } else if path.is_file() {
            if forced.is_some() || InputKind::from_name(&name).is_some() {
                files.push(InputFile::new(path, forced));
            } else {
                *skipped += 1;
            }
        }
    }
}

/// What [`read`] hands over.
#[derive(Debug)]
pub enum Chunk {
    /// Documents, and how many input bytes (on disk) were consumed since
    /// the previous chunk.
    Docs(Vec<SourcedDocument>, u64),
    Problem(Diagnostic),
}

/// Options for [`read`].
#[derive(Clone, Debug)]
pub struct ReadOptions {
    /// Publication date for texts and records without one. By default,
    /// none.
    pub default_date: Option<NaiveDate>,
    /// Documents per [`Chunk::Docs`]. By default, 256.
    pub chunk_docs: usize,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            default_date: None,
            chunk_docs: 256,
        }
    }
}

/// Counts the bytes read from the underlying file, so progress can be
/// measured in bytes on disk for compressed input too.
struct Counting<R> {
    inner: R,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// Reads one input file, handing documents and problems to `sink` as they
/// come. `sink` returns `false` to stop early.
pub fn read(file: &InputFile, opts: &ReadOptions, sink: &mut dyn FnMut(Chunk) -> bool) {
    let raw: Box<dyn Read> = if file.path.as_os_str() == "-" {
        Box::new(io::stdin().lock())
    } else {
        match File::open(&file.path) {
            Ok(f) => Box::new(f),
            Err(e) => {
                sink(Chunk::Problem(problem(
                    Severity::Error,
                    &file.name,
                    None,
                    format!("cannot read: {e}"),
                )));
                return;
            }
        }
    };
    let count = std::sync::Arc::new(std::sync::atomic::AtomicU64::new(0));
    let counted = Counting {
        inner: raw,
        count: count.clone(),
    };
    let mut reader: Box<dyn Read> = if file.gz {
        Box::new(MultiGzDecoder::new(io::BufReader::with_capacity(
            1 << 16,
            counted,
        )))
    } else {
        Box::new(counted)
    };
    let mut r = FileReader {
        file,
        opts,
        count,
        reported: 0,
        sink,
    };
    // Sniff from the first block when the name does not decide.
    let mut head = Vec::with_capacity(1 << 16);
    let head_err = fill(&mut reader, &mut head, 1 << 16).err();
    let kind = file
        .kind
        .unwrap_or_else(|| InputKind::sniff(&String::from_utf8_lossy(&head)));
    match kind {
        InputKind::Jsonl => r.jsonl(head, head_err, reader),
        _ => r.whole(kind, head, head_err, reader),
    }
}

/// Reads until `buf` holds `want` bytes or the input ends.
fn fill(reader: &mut dyn Read, buf: &mut Vec<u8>, want: usize) -> io::Result<()> {
    let mut tmp = [0u8; 1 << 16];
    while buf.len() < want {
        let room = (want - buf.len()).min(tmp.len());
        let n = match reader.read(&mut tmp[..room]) {
            Ok(0) => return Ok(()),
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        buf.extend_from_slice(&tmp[..n]);
    }
    Ok(())
}

fn problem(severity: Severity, file: &str, line: Option<usize>, message: String) -> Diagnostic {
    Diagnostic {
        severity,
        file: file.to_string(),
        line,
        message,
    }
}

fn read_error_message(file: &InputFile, e: &io::Error) -> String {
    if file.gz {
        format!("corrupt or truncated gzip data ({e})")
    } else {
        format!("read error ({e})")
    }
}

struct FileReader<'a> {
    file: &'a InputFile,
    opts: &'a ReadOptions,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
    reported: u64,
    sink: &'a mut dyn FnMut(Chunk) -> bool,
}

impl FileReader<'_> {
    fn consumed(&mut self) -> u64 {
        let now = self.count.load(std::sync::atomic::Ordering::Relaxed);
        let d = now - self.reported;
        self.reported = now;
        d
    }

    fn emit_docs(&mut self, docs: Vec<Document>) -> bool {
        let origin = self.file.name.clone();
        let file_source = format!("file:{}", file_label(&self.file.name));
        let mut docs = docs.into_iter().peekable();
        if docs.peek().is_none() {
            let bytes = self.consumed();
            return bytes == 0 || (self.sink)(Chunk::Docs(Vec::new(), bytes));
        }
        let mut batch = Vec::with_capacity(self.opts.chunk_docs);
        while let Some(doc) = docs.next() {
            let source = doc
                .url
                .as_deref()
                .and_then(url_host)
                .unwrap_or_else(|| file_source.clone());
            batch.push(SourcedDocument {
                doc,
                source,
                origin: origin.clone(),
            });
            if batch.len() >= self.opts.chunk_docs || docs.peek().is_none() {
                let bytes = if docs.peek().is_none() {
                    self.consumed()
                } else {
                    0
                };
                if !(self.sink)(Chunk::Docs(std::mem::take(&mut batch), bytes)) {
                    return false;
                }
            }
        }
        true
    }

    fn emit_problem(&mut self, d: Diagnostic) -> bool {
        (self.sink)(Chunk::Problem(d))
    }

    /// Text of `bytes`, replacing invalid UTF-8 with a warning naming the
    /// first bad line (once per file).
    fn text(&mut self, bytes: Vec<u8>, first_line: usize, warned: &mut bool) -> Option<String> {
        match String::from_utf8(bytes) {
            Ok(s) => Some(s),
            Err(e) => {
                let valid = e.utf8_error().valid_up_to();
                let bytes = e.into_bytes();
                if !*warned {
                    *warned = true;
                    let line = first_line + bytes[..valid].iter().filter(|&&b| b == b'\n').count();
                    let d = problem(
                        Severity::Warning,
                        &self.file.name,
                        Some(line),
                        "invalid UTF-8; invalid bytes replaced with U+FFFD (reported once per file)"
                            .into(),
                    );
                    if !self.emit_problem(d) {
                        return None;
                    }
                }
                Some(String::from_utf8_lossy(&bytes).into_owned())
            }
        }
    }

    /// JSON Lines in 4 MiB blocks cut at line ends.
    fn jsonl(&mut self, mut buf: Vec<u8>, mut err: Option<io::Error>, mut reader: Box<dyn Read>) {
        const BLOCK: usize = 4 << 20;
        let mut line = 1usize; // line number of buf[0]
        let mut warned = false;
        let mut any = false;
        loop {
            if err.is_none() {
                err = fill(&mut reader, &mut buf, BLOCK).err();
            }
            let at_end = err.is_some() || buf.len() < BLOCK;
            // Process complete lines; at a clean end, the last line too.
            let cut = if at_end && err.is_none() {
                buf.len()
            } else {
                match buf.iter().rposition(|&b| b == b'\n') {
                    Some(i) => i + 1,
                    None if at_end => 0,
                    // A line longer than a block: read on.
                    None => {
                        if buf.len() > 256 << 20 {
                            let d = problem(
                                Severity::Error,
                                &self.file.name,
                                Some(line),
                                "line longer than 256 MiB; rest of file skipped".into(),
                            );
                            self.emit_problem(d);
                            return;
                        }
                        let more = buf.len() + BLOCK;
                        err = fill(&mut reader, &mut buf, more).err();
                        continue;
                    }
                }
            };
            let rest = buf.split_off(cut);
            let block = std::mem::replace(&mut buf, rest);
            let lines_in_block = block.iter().filter(|&&b| b == b'\n').count();
            let Some(text) = self.text(block, line, &mut warned) else {
                return;
            };
            if !text.trim().is_empty() {
                any = true;
                let (docs, diags) = read_documents(
                    &self.file.name,
                    &text,
                    InputFormat::Jsonl,
                    self.opts.default_date,
                );
                for mut d in diags {
                    d.line = d.line.map(|l| l + line - 1);
                    if !self.emit_problem(d) {
                        return;
                    }
                }
                if !self.emit_docs(docs) {
                    return;
                }
            }
            line += lines_in_block;
            if let Some(e) = err.take() {
                let lost = if buf.is_empty() {
                    String::new()
                } else {
                    " (an incomplete line is lost)".into()
                };
                let d = problem(
                    Severity::Error,
                    &self.file.name,
                    Some(line),
                    format!(
                        "{}; the rest of the file is skipped{lost}",
                        read_error_message(self.file, &e)
                    ),
                );
                self.emit_problem(d);
                self.emit_docs(Vec::new());
                return;
            }
            if at_end {
                break;
            }
        }
        if !any {
            let d = problem(
                Severity::Error,
                &self.file.name,
                None,
                "input is empty: no documents to code".into(),
            );
            self.emit_problem(d);
        }
        self.emit_docs(Vec::new());
    }

    /// Formats read whole: text, PETRARCH XML, HTML, feeds.
    fn whole(
        &mut self,
        kind: InputKind,
        mut buf: Vec<u8>,
        mut err: Option<io::Error>,
        mut reader: Box<dyn Read>,
    ) {
        if err.is_none() {
            err = reader.read_to_end(&mut buf).err();
        }
        let mut warned = false;
        if let Some(e) = &err {
            let line = buf.iter().filter(|&&b| b == b'\n').count() + 1;
            // XML records before the break are complete and kept; a
            // truncated text, page or feed is not a document.
            let keep = kind == InputKind::Xml;
            let what = if keep {
                "records before it are kept, the rest of the file is skipped"
            } else {
                "the file is skipped"
            };
            let d = problem(
                Severity::Error,
                &self.file.name,
                Some(line),
                format!("{}; {what}", read_error_message(self.file, e)),
            );
            if !self.emit_problem(d) || !keep {
                self.emit_docs(Vec::new());
                return;
            }
        }
        let date = self.opts.default_date;
        let (docs, diags) = match kind {
            InputKind::Feed => feed::read_feed(&self.file.name, &buf, date),
            _ => {
                let Some(text) = self.text(buf, 1, &mut warned) else {
                    return;
                };
                match kind {
                    InputKind::Html => html::read_html(&self.file.name, &text, date),
                    InputKind::Xml => {
                        read_documents(&self.file.name, &text, InputFormat::PetrarchXml, date)
                    }
                    _ => read_documents(&self.file.name, &text, InputFormat::Text, date),
                }
            }
        };
        for d in diags {
            if !self.emit_problem(d) {
                return;
            }
        }
        self.emit_docs(docs);
    }
}

/// The file name without directories and compression/format extensions.
fn file_label(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// The host of an absolute http(s) URL, lower-cased, without `www.` and
/// port: the outlet, for counting sources.
pub fn url_host(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_from_names_and_content() {
        assert_eq!(InputKind::from_name("a/b.JSONL.gz"), Some(InputKind::Jsonl));
        assert_eq!(InputKind::from_name("page.htm"), Some(InputKind::Html));
        assert_eq!(InputKind::from_name("dyad.sqlite"), None);
        assert_eq!(InputKind::from_name("README"), None);
        assert_eq!(InputKind::sniff("  {\"text\":1}"), InputKind::Jsonl);
        assert_eq!(
            InputKind::sniff("<?xml version=\"1.0\"?>\n<rss version=\"2.0\">"),
            InputKind::Feed
        );
        assert_eq!(InputKind::sniff("<!DOCTYPE html><html>"), InputKind::Html);
        assert_eq!(InputKind::sniff("<Sentences><Sentence"), InputKind::Xml);
        assert_eq!(InputKind::sniff("The minister said."), InputKind::Text);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            url_host("https://www.VOAnews.com/a/x.html").as_deref(),
            Some("voanews.com")
        );
        assert_eq!(
            url_host("http://user@news.example:8080?x").as_deref(),
            Some("news.example")
        );
        assert_eq!(url_host("not a url"), None);
    }
}
