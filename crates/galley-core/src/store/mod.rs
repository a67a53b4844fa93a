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
pub mod desk_models;
pub mod digest_snapshot;
pub mod digest_texts;
pub mod digests;
pub mod evidence;
pub mod export_rows;
pub mod furniture;
pub mod judgements;
pub mod learned;
pub mod notes;
pub mod page_boxes;
pub mod page_files;
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

mod private;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::model::{Article, ArticleSummary, Digest};
use crate::{Error, Result};

/// Prepared statements kept per connection (all the statements of a bulk write fit).
const STATEMENT_CACHE: usize = 256;

/// How long a writer waits for another writer before giving up with [`Error::Locked`].
pub const DEFAULT_BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// Writers of this process waiting for the write lock of a database file, by its path (see
/// [`Store::writers_waiting`]).
static WAITING: LazyLock<Mutex<HashMap<PathBuf, usize>>> = LazyLock::new(Mutex::default);

/// The waiting writers, also after a writer panicked while counting (a count stays right).
fn waiting() -> std::sync::MutexGuard<'static, HashMap<PathBuf, usize>> {
    WAITING.lock().unwrap_or_else(|e| e.into_inner())
}

/// Counts its writer in [`WAITING`] until dropped (the lock taken, or given up).
struct Waiting(Option<PathBuf>);

impl Waiting {
    /// Counts a writer of the database at `path` (none for a database in memory, which no
    /// other connection shares).
    fn start(path: Option<&Path>) -> Waiting {
        if let Some(p) = path {
            *waiting().entry(p.to_owned()).or_default() += 1;
        }
        Waiting(path.map(Path::to_owned))
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        let Some(p) = &self.0 else { return };
        let mut all = waiting();
        if let Some(n) = all.get_mut(p) {
            *n -= 1;
            if *n == 0 {
                all.remove(p);
            }
        }
    }
}

/// The open database: one SQLite connection, and the file it was opened from.
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
    ///
    /// A new database file is created private (0600, and SQLite gives its `-wal` and `-shm`
    /// the same mode), in a folder created 0700 when Galley creates it. A database that cannot
    /// be opened for writing (a read-only file or folder) is opened read-only: reads work and
    /// every change fails with [`Error::ReadOnly`].
    pub fn open(path: &Path) -> Result<Store> {
        let open_err = |reason: String| Error::Open {
            path: path.to_owned(),
            reason,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private::create_dir(dir).map_err(|e| open_err(e.to_string()))?;
        }
        let created = private::create_file(path);
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let opened = Connection::open_with_flags(path, flags)
            .map_err(Error::from)
            .and_then(|conn| Self::init(conn, Some(path.to_owned())));
        match opened {
            Err(e) if read_only(&e) && path.is_file() => Self::open_read_only(path),
            Err(e) => Err(match created {
                Err(c) if !path.exists() => open_err(format!("it cannot be created: {c}")),
                _ => e.at_database(path),
            }),
            ok => ok,
        }
    }

    /// Opens the database at `path` for reading only (SQLite's `immutable` mode when even its
    /// journal cannot be read in place, as in a read-only folder).
    pub fn open_read_only(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let open = |uri: String| {
            let conn = Connection::open_with_flags(uri, flags)?;
            conn.busy_timeout(DEFAULT_BUSY_TIMEOUT)?;
            conn.query_row("PRAGMA schema_version", [], |r| r.get::<_, i64>(0))?;
            Ok::<_, Error>(conn)
        };
        let conn = open(private::uri(path, "mode=ro"))
            .or_else(|_| open(private::uri(path, "immutable=1")))
            .map_err(|e| open_error(&Some(path.to_owned()), e))?;
        if schema::migrations().pending_migrations(&conn)? > 0 {
            return Err(Error::Open {
                path: path.to_owned(),
                reason: "it is read-only and was made by an older Galley: make it writable once \
                         so Galley can bring it up to date"
                    .into(),
            });
        }
        tracing::debug!(?path, "opened database read-only");
        Ok(Store {
            conn,
            path: Some(path.to_owned()),
        })
    }

    /// A private in-memory database, for tests and dry runs.
    pub fn open_in_memory() -> Result<Store> {
        Self::init(Connection::open_in_memory()?, None)
    }

    fn init(mut conn: Connection, path: Option<PathBuf>) -> Result<Store> {
        conn.busy_timeout(DEFAULT_BUSY_TIMEOUT)?;
        // Storing one article's suggestions alone uses more statements than rusqlite's default
        // cache of 16 keeps, and a statement prepared again costs more than it runs.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
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

    /// The database file (`None` in memory).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Sets how long a writer waits for another writer before giving up.
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
        let path = self.path.clone().unwrap_or_default();
        let run = |conn: &mut Connection| {
            let waiting = Waiting::start(self.path.as_deref());
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate);
            drop(waiting);
            let tx = tx?;
            let value = f(&tx)?;
            tx.commit()?;
            Ok(value)
        };
        run(&mut self.conn).map_err(|e: Error| e.at_database(&path))
    }

    /// How many writers of this process are waiting for this database's write lock now. A long
    /// job that writes in short transactions (drafting suggestions) leaves the lock free while
    /// this is not zero, so an editor's save goes first.
    pub fn writers_waiting(&self) -> usize {
        self.path
            .as_ref()
            .and_then(|p| waiting().get(p).copied())
            .unwrap_or(0)
    }

    /// Whether changes to this database fail (it was opened read-only).
    pub fn is_read_only(&self) -> bool {
        self.conn.is_readonly(rusqlite::MAIN_DB).unwrap_or(false)
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

    /// Whether the database holds no digest.
    pub fn is_empty(&self) -> Result<bool> {
        Ok(digests::count(&self.conn)? == 0)
    }

    /// Every stored digest.
    pub fn digests(&self) -> Result<Vec<Digest>> {
        digests::list(&self.conn)
    }

    /// The articles of a digest, in page order.
    pub fn articles(&self, digest_id: i64) -> Result<Vec<ArticleSummary>> {
        articles::list_for_digest(&self.conn, digest_id)
    }

    /// One article with its text.
    pub fn article(&self, id: i64) -> Result<Article> {
        articles::get(&self.conn, id)
    }
}

/// Whether opening failed because the database or its folder cannot be written.
fn read_only(e: &Error) -> bool {
    match e {
        Error::ReadOnly { .. } => true,
        Error::Open { reason, .. } | Error::Migration(reason) => {
            reason.contains("readonly") || reason.contains("read-only")
        }
        Error::Database(e) => matches!(
            e.sqlite_error_code(),
            Some(rusqlite::ffi::ErrorCode::CannotOpen | rusqlite::ffi::ErrorCode::ReadOnly)
        ),
        _ => false,
    }
}

fn open_error(path: &Option<PathBuf>, e: impl Into<Error>) -> Error {
    match e.into() {
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

    #[test]
    fn a_writer_waiting_for_the_lock_is_counted_until_it_has_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.db");
        let mut a = Store::open(&path).unwrap();
        let b = Store::open(&path).unwrap();
        b.conn().execute_batch("BEGIN IMMEDIATE").unwrap();
        assert_eq!(b.writers_waiting(), 0);
        let waiter = std::thread::spawn(move || a.write(|_| Ok(())));
        let started = std::time::Instant::now();
        while b.writers_waiting() == 0 {
            assert!(started.elapsed() < Duration::from_secs(2), "never counted");
            std::thread::yield_now();
        }
        assert_eq!(b.writers_waiting(), 1);
        b.conn().execute_batch("COMMIT").unwrap();
        waiter.join().unwrap().unwrap();
        assert_eq!(b.writers_waiting(), 0, "counted until it had the lock");
        let other = Store::open(&dir.path().join("other.db")).unwrap();
        assert_eq!(other.writers_waiting(), 0);
    }

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[cfg(unix)]
    #[test]
    fn a_new_database_and_its_folder_are_private_an_existing_file_keeps_its_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let before = mode(dir.path());
        let path = dir.path().join("data/galley/galley.db");
        let mut store = Store::open(&path).unwrap();
        store
            .write(|tx| Ok(tx.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1)")?))
            .unwrap();
        assert_eq!(mode(&path), 0o600);
        for side in ["galley.db-wal", "galley.db-shm"] {
            assert_eq!(mode(&path.with_file_name(side)), 0o600, "{side}");
        }
        assert_eq!(mode(&dir.path().join("data")), 0o700);
        assert_eq!(mode(&dir.path().join("data/galley")), 0o700);
        drop(store);
        let shared = dir.path().join("shared.db");
        std::fs::write(&shared, "").unwrap();
        std::fs::set_permissions(&shared, std::fs::Permissions::from_mode(0o640)).unwrap();
        Store::open(&shared).unwrap();
        assert_eq!(mode(&shared), 0o640);
        assert_eq!(
            mode(dir.path()),
            before,
            "an existing folder keeps its mode"
        );
    }

    #[test]
    fn a_full_disk_names_the_database_and_says_what_to_do() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.db");
        let mut store = Store::open(&path).unwrap();
        let pages: i64 = store
            .conn()
            .query_row("PRAGMA page_count", [], |r| r.get(0))
            .unwrap();
        store
            .conn()
            .pragma_update(None, "max_page_count", pages)
            .unwrap();
        let err = store
            .write(|tx| {
                tx.execute_batch(
                    "CREATE TABLE big (x); INSERT INTO big SELECT randomblob(4096)
                     FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
                     WHERE i < 100) SELECT i FROM n);",
                )?;
                Ok(())
            })
            .unwrap_err();
        assert_eq!(err.code(), "disk_full", "{err}");
        let msg = err.to_string();
        assert!(msg.contains(&path.display().to_string()), "{msg}");
        assert!(msg.contains("free some space"), "{msg}");
    }

    #[test]
    fn a_read_only_database_can_be_read_and_refuses_changes_clearly() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("g.db");
        let mut store = Store::open(&path).unwrap();
        store
            .write(|tx| {
                digests::insert(
                    tx,
                    &digests::NewDigest {
                        name: "周报",
                        date: None,
                        source_file: None,
                        content_hash: "h",
                        imported_at: "2024-01-15T08:00:00Z",
                    },
                )
            })
            .unwrap();
        drop(store);
        let mut ro = Store::open_read_only(&path).unwrap();
        assert!(ro.is_read_only());
        assert_eq!(ro.digests().unwrap().len(), 1);
        let err = ro
            .write(|tx| Ok(tx.execute_batch("DELETE FROM digests")?))
            .unwrap_err();
        assert_eq!(err.code(), "database_read_only", "{err}");
        let msg = err.to_string();
        assert!(msg.contains(&path.display().to_string()) && msg.contains("writable"));
        assert!(!msg.contains('\n'));
    }

    /// What a person without write access sees (root writes anyway: there, the parts that need
    /// a non-root user are skipped and say so).
    #[cfg(unix)]
    #[test]
    fn a_mode_0444_file_or_a_read_only_folder_opens_read_only() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("db");
        let path = folder.join("g.db");
        Store::open(&path).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        if std::fs::OpenOptions::new().write(true).open(&path).is_err() {
            let store = Store::open(&path).unwrap();
            assert!(store.is_read_only());
            assert!(store.is_empty().unwrap());
        } else {
            eprintln!("SKIPPED part: this user can write a 0444 file (root)");
        }
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
        if std::fs::File::create(folder.join("probe")).is_err() {
            let store = Store::open(&path).unwrap();
            assert!(store.is_read_only());
            assert!(store.digests().unwrap().is_empty());
        } else {
            eprintln!("SKIPPED part: this user can write a read-only folder (root)");
        }
        std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
}
