//! The store's error type.
//!
//! Library errors say what went wrong and where (the database path, the
//! file being read). Bad *records* are not errors: they are
//! [`Diagnostic`](dyad_core::input::Diagnostic)s, collected while the rest of
//! the batch goes on.

use std::path::PathBuf;

/// Everything that can stop a store operation.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite refused an operation.
    #[error("database {path}: {source}")]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    /// The file is not a dyad store, or was written by a newer dyad.
    #[error("database {path}: {message}")]
    Schema { path: PathBuf, message: String },
    /// The store holds a value this version of dyad cannot read back.
    #[error("database {path}: {message}")]
    Corrupt { path: PathBuf, message: String },
    /// Reading an input or writing an export failed.
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// Writing Parquet failed.
    #[error("{path}: {message}")]
    Parquet { path: PathBuf, message: String },
    /// A worker thread of the ingest pipeline panicked.
    #[error("ingest pipeline: {0}")]
    Pipeline(String),
}

impl StoreError {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> StoreError {
        StoreError::Io {
            path: path.into(),
            source,
        }
    }

    /// True when the error is a broken pipe on an output stream (the reader
    /// went away, as `head` does); the CLI treats that as success.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, StoreError::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

/// Attaches the database path to rusqlite errors.
pub(crate) trait SqlContext<T> {
    fn at(self, path: &std::path::Path) -> Result<T, StoreError>;
}

impl<T> SqlContext<T> for Result<T, rusqlite::Error> {
    fn at(self, path: &std::path::Path) -> Result<T, StoreError> {
        self.map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        })
    }
}
