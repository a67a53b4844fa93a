//! Table `digests`: one row per imported page or issue.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::model::{Digest, IssueDate};
use crate::Result;

/// A new digest.
pub struct NewDigest<'a> {
    /// The digest's name.
    pub name: &'a str,
    /// The issue date, when known.
    pub date: Option<IssueDate>,
    /// The file it was imported from, if any.
    pub source_file: Option<&'a str>,
    /// SHA-256 of the imported text.
    pub content_hash: &'a str,
    /// When it was imported (RFC 3339, UTC).
    pub imported_at: &'a str,
}

/// Stores a new digest; returns its id.
pub fn insert(conn: &Connection, d: &NewDigest<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO digests (name, issue_date, source_file, content_hash, imported_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![d.name, d.date, d.source_file, d.content_hash, d.imported_at],
    )?;
    Ok(conn.last_insert_rowid())
}

const SELECT: &str =
    "SELECT d.id, d.name, d.issue_date, d.source_file, d.content_hash, d.imported_at,
        (SELECT count(*) FROM articles a WHERE a.digest_id = d.id)
     FROM digests d";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Digest> {
    Ok(Digest {
        id: r.get(0)?,
        name: r.get(1)?,
        // A date stored before dates were checked is read as unknown.
        date: r.get::<_, Option<String>>(2)?.and_then(|d| d.parse().ok()),
        source_file: r.get(3)?,
        content_hash: r.get(4)?,
        imported_at: r.get(5)?,
        article_count: r.get(6)?,
    })
}

/// All digests, newest issue first (then newest import).
pub fn list(conn: &Connection) -> Result<Vec<Digest>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} ORDER BY d.issue_date IS NULL, d.issue_date DESC, d.id DESC"
    ))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// One digest, if it exists.
pub fn get(conn: &Connection, id: i64) -> Result<Option<Digest>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE d.id = ?1"))?;
    Ok(stmt.query_row([id], from_row).optional()?)
}

/// The digest imported from text with this hash, if any.
pub fn find_by_hash(conn: &Connection, hash: &str) -> Result<Option<Digest>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} WHERE d.content_hash = ?1"))?;
    Ok(stmt.query_row([hash], from_row).optional()?)
}

/// How many digests are stored.
pub fn count(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT count(*) FROM digests", [], |r| r.get(0))?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    fn new(hash: &str, date: Option<&'static str>) -> NewDigest<'static> {
        NewDigest {
            name: "page",
            date: date.map(|d| d.parse().unwrap()),
            source_file: Some("page.txt"),
            content_hash: Box::leak(hash.to_owned().into_boxed_str()),
            imported_at: "2026-01-01T00:00:00Z",
        }
    }

    #[test]
    fn insert_get_list_and_find_by_hash() {
        let store = Store::open_in_memory().unwrap();
        let c = store.conn();
        let a = insert(c, &new("h1", Some("2023-05"))).unwrap();
        let b = insert(c, &new("h2", Some("2023-06"))).unwrap();
        let n = insert(c, &new("h3", None)).unwrap();
        let ids: Vec<i64> = list(c).unwrap().iter().map(|d| d.id).collect();
        assert_eq!(ids, vec![b, a, n]);
        assert_eq!(
            get(c, a)
                .unwrap()
                .unwrap()
                .date
                .map(|d| d.to_string())
                .as_deref(),
            Some("2023-05")
        );
        assert_eq!(find_by_hash(c, "h2").unwrap().unwrap().id, b);
        assert!(find_by_hash(c, "nope").unwrap().is_none());
        assert_eq!(count(c).unwrap(), 3);
    }

    #[test]
    fn the_same_content_hash_cannot_be_stored_twice() {
        let store = Store::open_in_memory().unwrap();
        insert(store.conn(), &new("same", None)).unwrap();
        assert!(insert(store.conn(), &new("same", None)).is_err());
    }
}
