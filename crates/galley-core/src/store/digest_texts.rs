//! Table `digest_texts`: the text a digest was read from, as decoded, for the page view.

use rusqlite::{params, Connection, OptionalExtension};

use crate::Result;

/// Keeps the text a digest was read from.
pub fn insert(conn: &Connection, digest_id: i64, text: &str) -> Result<()> {
    conn.prepare_cached("INSERT OR REPLACE INTO digest_texts (digest_id, text) VALUES (?1, ?2)")?
        .execute(params![digest_id, text])?;
    Ok(())
}

/// The text a digest was read from, if kept.
pub fn get(conn: &Connection, digest_id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT text FROM digest_texts WHERE digest_id = ?1")?
        .query_row([digest_id], |r| r.get(0))
        .optional()?)
}
