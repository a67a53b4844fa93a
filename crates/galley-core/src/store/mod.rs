//! The SQLite store: one connection, WAL, foreign keys on, migrations at open.
//!
//! Every SQL statement of the crate is here (tests aside; `tests/layering.rs` checks it). One
//! module per table; reads across tables are in a module named for what they read
//! (`browse`, `queue`, `export_rows`, `digest_snapshot`, `annotation_snapshot`). Functions take
//! a `&Connection` so the same functions work inside a transaction (a `Transaction` derefs to
//! `Connection`).

pub mod annotation_snapshot;
pub mod article_entities;
pub mod article_keywords;
pub mod article_topics;
pub mod articles;
pub mod audit;
pub mod browse;
pub mod claim_suggestions;
pub mod claims;
pub mod digest_snapshot;
pub mod digests;
pub mod evidence;
pub mod export_rows;
pub mod furniture;
pub mod notes;
pub mod paragraphs;
pub mod pending_suggestions;
pub mod people;
pub mod pull_quotes;
pub mod queue;
pub mod schema;
pub mod search;
pub mod sentiments;
pub mod sessions;
pub mod topics;
pub mod user_terms;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::model::{Article, ArticleSummary, Digest};
use crate::{Error, Result};

/// How long a writer waits for another writer before giving up with [`Error::Locked`].
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(3);

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::Open {
                path: path.to_owned(),
                reason: e.to_string(),
            })?;
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(|e| Error::Open {
            path: path.to_owned(),
            reason: e.to_string(),
        })?;
        Self::init(conn, Some(path.to_owned()))
    }

    /// A private in-memory database, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        conn.busy_timeout(DEFAULT_BUSY_TIMEOUT)?;
        // journal_mode returns a row; a file that is not a database fails here.
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| open_error(&path, e))?;
        tracing::debug!(?path, %mode, "opened database");
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(|e| match Error::from(e) {
                Error::Database(e) => open_error(&path, e),
                other => other,
            })?;
        Ok(Store { conn, path })
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<()> {
        Ok(self.conn.busy_timeout(timeout)?)
    }

    /// Read access for queries.
    pub fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction (taken at once, so a concurrent writer is
    /// reported before any work is done); commits on `Ok`, rolls back on `Err`.
    pub fn write<T>(&mut self, f: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = f(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Copies the whole database to `dest` while it stays in use (SQLite's online backup),
    /// written to a temporary file beside `dest` and renamed into place.
    pub fn backup(&self, dest: &Path) -> Result<()> {
        let dir = dest
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let werr = |source| Error::Write {
            path: dest.to_owned(),
            source,
        };
        let tmp = tempfile::NamedTempFile::new_in(dir).map_err(werr)?;
        {
            let mut to = Connection::open(tmp.path())?;
            let backup = rusqlite::backup::Backup::new(&self.conn, &mut to)?;
            backup.run_to_completion(256, Duration::from_millis(5), None)?;
        }
        tmp.persist(dest).map_err(|e| werr(e.error))?;
        Ok(())
    }

    pub fn is_empty(&self) -> Result<bool> {
        Ok(digests::count(&self.conn)? == 0)
    }

    pub fn digests(&self) -> Result<Vec<Digest>> {
        digests::list(&self.conn)
    }

    pub fn articles(&self, digest_id: i64) -> Result<Vec<ArticleSummary>> {
        articles::list_for_digest(&self.conn, digest_id)
    }

    pub fn article(&self, id: i64) -> Result<Article> {
        articles::get(&self.conn, id)
    }
}

fn open_error(path: &Option<PathBuf>, e: rusqlite::Error) -> Error {
    match Error::from(e) {
        Error::Database(e) => Error::Open {
            path: path.clone().unwrap_or_else(|| PathBuf::from(":memory:")),
            reason: e.to_string(),
        },
        other => other,
    }
}

/// The current time as RFC 3339 UTC with second precision, the format of every stored time.
pub fn now() -> String {
    let now = time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .expect("0 is a valid nanosecond");
    now.format(&time::format_description::well_known::Rfc3339)
        .expect("UTC time formats as RFC 3339")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opens_file_database_in_wal_with_foreign_keys() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("nested/galley.db");
        let store = Store::open(&path).unwrap();
        let mode: String = store
            .conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap();
        assert_eq!(mode, "wal");
        let fk: i64 = store
            .conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap();
        assert_eq!(fk, 1);
        assert!(store.is_empty().unwrap());
        drop(store);
        // Reopening an up-to-date database is a no-op.
        Store::open(&path).unwrap();
    }

    #[test]
    fn a_file_that_is_not_a_database_is_a_clear_open_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("notes.txt");
        std::fs::write(&path, "this is not a database, just some text ".repeat(50)).unwrap();
        let err = Store::open(&path).unwrap_err();
        assert_eq!(err.code(), "database_open_failed", "{err}");
    }

    #[test]
    fn a_failed_write_changes_nothing() {
        let mut store = Store::open_in_memory().unwrap();
        let err = store
            .write(|tx| {
                tx.execute(
                    "INSERT INTO digests (name, content_hash, imported_at) VALUES ('x', 'h', 'now')",
                    [],
                )?;
                Err::<(), _>(Error::Invalid("stop".into()))
            })
            .unwrap_err();
        assert_eq!(err.code(), "invalid_input");
        assert!(store.is_empty().unwrap());
    }

    #[test]
    fn a_second_writer_gets_locked_not_a_generic_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.db");
        let mut a = Store::open(&path).unwrap();
        let b = Store::open(&path).unwrap();
        b.set_busy_timeout(Duration::from_millis(50)).unwrap();
        b.conn().execute_batch("BEGIN IMMEDIATE").unwrap();
        a.set_busy_timeout(Duration::from_millis(50)).unwrap();
        let err = a.write(|_| Ok(())).unwrap_err();
        assert!(matches!(err, Error::Locked), "{err:?}");
    }
}
