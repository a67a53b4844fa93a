//! The one error type of the core. Callers (CLI, desktop commands) match on the variants;
//! [`Error::code`] gives the stable machine-readable code the UI branches on.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{what} is empty: there is no text to import")]
    Empty { what: String },
    #[error("{what} is not text (binary data at byte {offset})")]
    NotText { what: String, offset: usize },
    #[error("{what} cannot be decoded as {encoding}: invalid bytes at byte {offset}")]
    Undecodable {
        what: String,
        encoding: String,
        offset: usize,
    },
    #[error("{what} is too large: {detail}")]
    TooLarge { what: String, detail: String },
    #[error("{what} {reason}")]
    Pdf { what: String, reason: String },
    #[error("{what} has no articles: nothing that looks like a title and text was found")]
    NoArticles { what: String },
    #[error("the database is locked by another program; try again when it has finished")]
    Locked,
    #[error("the database at {path} cannot be opened: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error("the database schema cannot be brought up to date: {0}")]
    Migration(String),
    #[error("{entity} {id} does not exist")]
    NotFound { entity: &'static str, id: i64 },
    #[error("invalid input: {0}")]
    Invalid(String),
    #[error("{0}")]
    Conflict(String),
    #[error("nothing to {0}")]
    NothingTo(&'static str),
    #[error("{path} has no files to import (.txt .md .json .jsonl)")]
    NothingToImport { path: PathBuf },
    #[error("say who you are first (a name, and in the window a role)")]
    NoUser,
    #[error("{path} {reason}; not imported")]
    Skipped { path: PathBuf, reason: String },
    #[error("{path} {reason}")]
    NotAFile { path: PathBuf, reason: String },
    #[error("database error: {0}")]
    Database(rusqlite::Error),
    #[error("cannot serialise: {0}")]
    Serialise(#[from] serde_json::Error),
}

impl Error {
    /// A stable code for the UI and scripts; never changes once published.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Read { .. } => "read_failed",
            Error::Write { .. } => "write_failed",
            Error::Empty { .. } => "empty_input",
            Error::NotText { .. } => "not_text",
            Error::Undecodable { .. } => "undecodable",
            Error::NoArticles { .. } => "no_articles",
            Error::Pdf { .. } => "unreadable_pdf",
            Error::TooLarge { .. } => "too_large",
            Error::Locked => "database_locked",
            Error::Open { .. } => "database_open_failed",
            Error::Migration(_) => "migration_failed",
            Error::NotFound { .. } => "not_found",
            Error::Invalid(_) => "invalid_input",
            Error::Conflict(_) => "conflict",
            Error::NothingTo(_) => "nothing_to_do",
            Error::NothingToImport { .. } => "nothing_to_import",
            Error::NoUser => "no_user",
            Error::Skipped { .. } => "skipped",
            Error::NotAFile { .. } => "not_a_file",
            Error::Database(_) => "database_error",
            Error::Serialise(_) => "serialise_failed",
        }
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Locked,
            _ => Error::Database(e),
        }
    }
}

impl From<rusqlite_migration::Error> for Error {
    fn from(e: rusqlite_migration::Error) -> Self {
        match e {
            rusqlite_migration::Error::RusqliteError { err, .. } => Error::from(err),
            other => Error::Migration(other.to_string()),
        }
    }
}

/// Front ends receive an error as `{code, message}`.
impl serde::Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Error", 2)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("message", &self.to_string())?;
        st.end()
    }
}
