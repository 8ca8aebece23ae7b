//! Event output formats: JSON Lines (the contract), TSV and a readable table.

use std::io::{self, Write};

use dyad_core::event::Event;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One JSON object per event, the contract in DESIGN.md.
    Jsonl,
    /// The same columns, tab-separated, with a header line.
    Tsv,
    /// A readable table (the default on a terminal).
    Table,
}

pub fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

/// Writes events in one format; call [`EventWriter::finish`] at the end.
pub struct EventWriter<W: Write> {
    out: W,
    format: Format,
    wrote_header: bool,
}

pub(crate) fn clip(s: &str, n: usize) -> String {
    let s = s.replace(['\n', '\t'], " ");
    if s.chars().count() <= n {
        s
    } else {
        let mut c: String = s.chars().take(n.saturating_sub(1)).collect();
        c.push('…');
        c
    }
}

impl<W: Write> EventWriter<W> {
    pub fn new(out: W, format: Format) -> Self {
        EventWriter {
            out,
            format,
            wrote_header: false,
        }
    }

    pub fn write(&mut self, e: &Event) -> io::Result<()> {
        match self.format {
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, e).map_err(io::Error::other)?;
                self.out.write_all(b"\n")
            }
            Format::Tsv => {
                if !self.wrote_header {
                    writeln!(self.out, "{}", Event::TSV_HEADER)?;
                    self.wrote_header = true;
                }
                writeln!(self.out, "{}", e.to_tsv())
            }
            Format::Table => {
                if !self.wrote_header {
                    writeln!(
                        self.out,
                        "{:<10} {:<12} {:<10} {:<12} {:<5} {:<2} {:<10} {:<22} {:<28} target text",
                        "date",
                        "doc",
                        "source",
                        "target",
                        "cameo",
                        "q",
                        "plover",
                        "verb",
                        "source text"
                    )?;
                    self.wrote_header = true;
                }
                writeln!(
                    self.out,
                    "{:<10} {:<12} {:<10} {:<12} {:<5} {:<2} {:<10} {:<22} {:<28} {}",
                    e.date,
                    clip(&e.doc_id, 12),
                    e.source,
                    e.target,
                    e.cameo,
                    e.quad_class,
                    e.plover.as_deref().unwrap_or("-"),
                    clip(&e.verb_text, 22),
                    clip(&e.source_text, 28),
                    clip(&e.target_text, 40)
                )
            }
        }
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}
