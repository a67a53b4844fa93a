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
    #[error("{what} is not text (binary data at byte {offset}): import text files only")]
    NotText { what: String, offset: usize },
    #[error(
        "{what} cannot be decoded as {encoding}: invalid bytes at byte {offset}; re-save it as \
         UTF-8 or name its encoding (--encoding gbk, big5, utf-16le …)"
    )]
    Undecodable {
        what: String,
        encoding: String,
        offset: usize,
    },
    #[error("{what} is too large: {detail}")]
    TooLarge { what: String, detail: String },
    #[error("{what} has no articles: nothing that looks like a title and text was found")]
    NoArticles { what: String },
    #[error("the database is locked by another program; try again when it has finished")]
    Locked,
    #[error("the database at {path} cannot be opened: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error("{}", read_only_message(path))]
    ReadOnly { path: PathBuf },
    #[error("{}", disk_full_message(path))]
    DiskFull { path: PathBuf },
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
    #[error("a person in the role {role} may not {what} here")]
    Forbidden { role: &'static str, what: String },
    #[error("the name or the password is wrong, or the account is disabled")]
    SignInFailed,
    #[error("sign in first")]
    NotSignedIn,
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
            Error::TooLarge { .. } => "too_large",
            Error::Locked => "database_locked",
            Error::Open { .. } => "database_open_failed",
            Error::ReadOnly { .. } => "database_read_only",
            Error::DiskFull { .. } => "disk_full",
            Error::Migration(_) => "migration_failed",
            Error::NotFound { .. } => "not_found",
            Error::Invalid(_) => "invalid_input",
            Error::Conflict(_) => "conflict",
            Error::NothingTo(_) => "nothing_to_do",
            Error::NothingToImport { .. } => "nothing_to_import",
            Error::NoUser => "no_user",
            Error::Skipped { .. } => "skipped",
            Error::NotAFile { .. } => "not_a_file",
            Error::Forbidden { .. } => "forbidden",
            Error::SignInFailed => "sign_in_failed",
            Error::NotSignedIn => "not_signed_in",
            Error::Database(_) => "database_error",
            Error::Serialise(_) => "serialise_failed",
        }
    }
}

impl Error {
    /// The same error naming the database file where it is about the database as a whole (a
    /// read-only or full database is reported with its file).
    pub fn at_database(self, db: &std::path::Path) -> Error {
        match self {
            Error::ReadOnly { path } if path.as_os_str().is_empty() => Error::ReadOnly {
                path: db.to_owned(),
            },
            Error::DiskFull { path } if path.as_os_str().is_empty() => Error::DiskFull {
                path: db.to_owned(),
            },
            other => other,
        }
    }
}

fn which_database(path: &std::path::Path) -> String {
    if path.as_os_str().is_empty() {
        "the database".to_owned()
    } else {
        format!("the database {}", path.display())
    }
}

fn read_only_message(path: &std::path::Path) -> String {
    format!(
        "{} is read-only: it can be read but not changed; make the file and its folder writable \
         (or copy it to a writable place) to change it",
        which_database(path)
    )
}

fn disk_full_message(path: &std::path::Path) -> String {
    format!(
        "the disk holding {} is full: nothing was saved; free some space there and try again",
        which_database(path)
    )
}

/// A constraint failure as a sentence for people: which field and what it accepts, never SQL.
fn constraint_message(sql_message: &str) -> String {
    let (kind, detail) = sql_message
        .split_once(" constraint failed: ")
        .unwrap_or(("", sql_message));
    // The column: the first name in the detail, without its table (`claims.status`).
    let field = |d: &str| {
        d.trim_start_matches("length(")
            .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
            .next()
            .and_then(|name| name.rsplit('.').next())
            .unwrap_or("")
            .replace('_', " ")
    };
    match kind {
        "CHECK" if detail.contains(" IN (") => {
            let accepted: Vec<&str> = detail.split('\'').skip(1).step_by(2).collect();
            format!(
                "this {} is not accepted: it must be one of {}",
                field(detail),
                accepted.join(", ")
            )
        }
        "CHECK" if detail.starts_with("length(") => {
            format!("the {} cannot be empty", field(detail))
        }
        "CHECK" => format!("the {} is out of range", field(detail)),
        "NOT NULL" => format!("the {} is missing", field(detail)),
        "UNIQUE" => format!("this {} already exists", field(detail)),
        "FOREIGN KEY" => {
            "it refers to something that does not exist (deleted meanwhile?)".to_owned()
        }
        _ => "the value is not accepted".to_owned(),
    }
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match e.sqlite_error_code() {
            Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => Error::Locked,
            Some(ErrorCode::ReadOnly) => Error::ReadOnly {
                path: PathBuf::new(),
            },
            Some(ErrorCode::DiskFull) => Error::DiskFull {
                path: PathBuf::new(),
            },
            Some(ErrorCode::ConstraintViolation) => {
                let msg = match &e {
                    rusqlite::Error::SqliteFailure(_, Some(m)) => m.as_str(),
                    _ => "",
                };
                Error::Invalid(constraint_message(msg))
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn constraint_failures_read_as_sentences_without_sql() {
        let c = rusqlite::Connection::open_in_memory().unwrap();
        c.execute_batch(
            "CREATE TABLE claims (status TEXT CHECK (status IN ('unverified', 'verified')),
                                  name TEXT UNIQUE CHECK (length(name) > 0),
                                  score REAL CHECK (score >= -1 AND score <= 1))",
        )
        .unwrap();
        let fail = |sql: &str| Error::from(c.execute(sql, []).unwrap_err()).to_string();
        let status = fail("INSERT INTO claims (status) VALUES ('probably')");
        assert_eq!(
            status,
            "invalid input: this status is not accepted: it must be one of unverified, verified"
        );
        assert!(fail("INSERT INTO claims (name) VALUES ('')").contains("name cannot be empty"));
        assert!(fail("INSERT INTO claims (score) VALUES (7)").contains("score is out of range"));
        c.execute("INSERT INTO claims (name) VALUES ('a')", [])
            .unwrap();
        let unique = fail("INSERT INTO claims (name) VALUES ('a')");
        assert!(unique.contains("already exists"), "{unique}");
        for msg in [status, unique] {
            assert!(
                !msg.contains("CHECK") && !msg.contains("constraint") && !msg.contains(" IN (")
            );
        }
    }
}
