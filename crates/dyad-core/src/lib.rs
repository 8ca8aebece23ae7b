//! # dyad-core
//!
//! The event-coding pipeline of dyad: news text in, CAMEO/PLOVER events out.
//!
//! ```text
//! documents ─► text ─► analysis ─► dict (actors) ─► coder (events) ─► sinks
//! ```
//!
//! Stages, one module each:
//!
//! * [`text`]: sentence splitting, tokens with byte spans, normalisation.
//! * [`ontology`]: CAMEO event codes, QuadClass schemes, Goldstein weights,
//!   the CAMEO→PLOVER map.
//! * [`dict`]: actor, sector and verb dictionaries (dyad's own format and the
//!   PETRARCH/TABARI formats), compiled into immutable matchers.
//! * [`analysis`]: the clause-analysis seam ([`analysis::ClauseAnalyzer`]).
//! * [`coder`]: turns analysed, actor-tagged sentences into [`event::Event`]s.
//! * [`dates`]: event-date resolution against the publication date.
//! * [`eval`]: readers for the field's validation suites and scoring.
//!
//! Every stage works on byte [`text::Span`]s into the original document text,
//! so each event points back to the words that produced it.

pub mod analysis;
pub mod coder;
pub mod dates;
pub mod dict;
pub mod document;
pub mod eval;
pub mod event;
pub mod input;
pub mod ontology;
pub mod parse;
pub mod text;
