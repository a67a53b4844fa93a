//! The one error type of the core. Callers (CLI, desktop commands) match on the variants;
//! [`Error::code`] gives the stable machine-readable code the UI branches on.

use std::path::PathBuf;

/// A result whose error is Galley's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core, each with a message for people.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Read {
        /// The file.
        path: PathBuf,
        /// Why it could not be read.
        #[source]
        source: std::io::Error,
    },
    /// A file could not be written.
    #[error("cannot write {path}: {source}")]
    Write {
        /// The file.
        path: PathBuf,
        /// Why it could not be written.
        #[source]
        source: std::io::Error,
    },
    /// An input has no text.
    #[error("{what} is empty: there is no text to import")]
    Empty {
        /// The input, as messages name it.
        what: String,
    },
    /// An input holds binary data.
    #[error("{what} is not text (binary data at byte {offset}): import text files only")]
    NotText {
        /// The input, as messages name it.
        what: String,
        /// The byte where the binary data starts.
        offset: usize,
    },
    /// An input is not valid in its encoding.
    #[error(
        "{what} cannot be decoded as {encoding}: invalid bytes at byte {offset}; re-save it as \
         UTF-8 or name its encoding (--encoding gbk, big5, utf-16le …)"
    )]
    Undecodable {
        /// The input, as messages name it.
        what: String,
        /// The encoding it was decoded as.
        encoding: String,
        /// The byte of the first invalid sequence.
        offset: usize,
    },
    /// An input is over a size limit.
    #[error("{what} is too large: {detail}")]
    TooLarge {
        /// The input, as messages name it.
        what: String,
        /// Which limit it is over, and by how much.
        detail: String,
    },
    /// A PDF that cannot be read (encrypted, damaged, a scan without text, not a PDF).
    #[error("{what} {reason}")]
    Pdf {
        /// The input, as messages name it.
        what: String,
        /// What is wrong with it, and what to do.
        reason: String,
    },
    /// An input holds nothing that looks like an article.
    #[error("{what} has no articles: nothing that looks like a title and text was found")]
    NoArticles {
        /// The input, as messages name it.
        what: String,
    },
    /// Another program holds the database's lock.
    #[error("the database is locked by another program; try again when it has finished")]
    Locked,
    /// The database cannot be opened.
    #[error("the database at {path} cannot be opened: {reason}")]
    Open {
        /// The database file.
        path: PathBuf,
        /// Why it cannot be opened.
        reason: String,
    },
    /// The database may be read but not changed.
    #[error("{}", read_only_message(path))]
    ReadOnly {
        /// The database file (empty when not yet known).
        path: PathBuf,
    },
    /// The disk holding the database is full.
    #[error("{}", disk_full_message(path))]
    DiskFull {
        /// The database file (empty when not yet known).
        path: PathBuf,
    },
    /// The database's schema cannot be migrated to the current one.
    #[error("the database schema cannot be brought up to date: {0}")]
    Migration(String),
    /// A row asked for by id does not exist.
    #[error("{entity} {id} does not exist")]
    NotFound {
        /// What kind of thing was asked for (e.g. `article`).
        entity: &'static str,
        /// Its id.
        id: i64,
    },
    /// A value a caller gave is not accepted.
    #[error("invalid input: {0}")]
    Invalid(String),
    /// The change contradicts the stored state.
    #[error("{0}")]
    Conflict(String),
    /// The change was made from an older version of the article than the stored one:
    /// someone else changed it in between.
    #[error("{0}")]
    Stale(String),
    /// There is nothing to do; the verb says what (e.g. `undo`).
    #[error("nothing to {0}")]
    NothingTo(&'static str),
    /// A folder holds no importable files.
    #[error("{path} has no files to import (.txt .md .json .jsonl)")]
    NothingToImport {
        /// The folder.
        path: PathBuf,
    },
    /// The change needs a user name and none is set.
    #[error("say who you are first (a name, and in the window a role)")]
    NoUser,
    /// A file of a folder import was left out.
    #[error("{path} {reason}; not imported")]
    Skipped {
        /// The file.
        path: PathBuf,
        /// Why it was left out.
        reason: String,
    },
    /// A path is not a regular file.
    #[error("{path} {reason}")]
    NotAFile {
        /// The path.
        path: PathBuf,
        /// What it is instead.
        reason: String,
    },
    /// The person's role does not allow the action.
    #[error("a person in the role {role} may not {what} here")]
    Forbidden {
        /// The person's role.
        role: &'static str,
        /// The action refused.
        what: String,
    },
    /// Signing in failed.
    #[error("the name or the password is wrong, or the account is disabled")]
    SignInFailed,
    /// The action needs a signed-in person.
    #[error("sign in first")]
    NotSignedIn,
    /// Any other SQLite error.
    #[error("database error: {0}")]
    Database(rusqlite::Error),
    /// A value could not be turned into JSON.
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
            Error::ReadOnly { .. } => "database_read_only",
            Error::DiskFull { .. } => "disk_full",
            Error::Migration(_) => "migration_failed",
            Error::NotFound { .. } => "not_found",
            Error::Invalid(_) => "invalid_input",
            Error::Conflict(_) => "conflict",
            Error::Stale(_) => "stale",
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
