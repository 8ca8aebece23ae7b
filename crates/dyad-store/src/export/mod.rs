//! Exports: the store's deduplicated events in the formats other tools read.
//!
//! * [`parquet`]: Hive-partitioned Parquet (`year=2024/month=2/part-0.parquet`),
//!   snappy-compressed, readable as-is by DuckDB, Spark, Trino and pandas.
//!   The meeting point for scale-out (README, "Scale-out").
//! * [`gdelt`]: GDELT 2.0's 61-column event TSV.
//! * [`plover`]: PLOVER JSON records, one per line.
//!
//! Every export takes an [`EventFilter`](crate::EventFilter), so a subset
//! (one dyad, one year) exports as easily as the whole store. Events come
//! in date order.
//!
//! Dates coarser than a day (`"2024-01"`, `"2020"`) are written as the
//! first day of their period wherever a format demands a full date, with
//! the precision in a field of its own where the format has room for one.

pub mod gdelt;
pub mod parquet;
pub mod plover;

use std::io;

/// Replaces tabs and line breaks so a value fits in one TSV cell.
pub(crate) fn cell(s: &str) -> std::borrow::Cow<'_, str> {
    if s.contains(['\t', '\n', '\r']) {
        std::borrow::Cow::Owned(s.replace(['\t', '\n', '\r'], " "))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

pub(crate) fn io_err(path: &str, e: io::Error) -> crate::StoreError {
    crate::StoreError::io(path, e)
}
