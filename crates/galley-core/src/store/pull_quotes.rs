//! Table `pull_quotes`: passages printed again in large type, kept apart from the body.

use rusqlite::{params, Connection};

use crate::model::PullQuote;
use crate::Result;

/// Stores a pull quote; returns its id.
pub fn insert(conn: &Connection, article_id: i64, position: i64, text: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO pull_quotes (article_id, position, text) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![article_id, position, text])?;
    Ok(conn.last_insert_rowid())
}

/// The pull quotes of an article, in order.
pub fn list(conn: &Connection, article_id: i64) -> Result<Vec<PullQuote>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text FROM pull_quotes WHERE article_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([article_id], |r| {
        Ok(PullQuote {
            id: r.get(0)?,
            text: r.get(1)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Appends `from`'s pull quotes to `into`'s (which has `into_count` of them).
pub fn move_all(conn: &Connection, into: i64, from: i64, into_count: i64) -> Result<()> {
    // Through positions far out of the way, so UNIQUE (article, position) holds row by row.
    conn.prepare_cached(
        "UPDATE pull_quotes SET article_id = ?1, position = position + ?3 + 100000 WHERE article_id = ?2",
    )?
    .execute(params![into, from, into_count])?;
    conn.prepare_cached(
        "UPDATE pull_quotes SET position = position - 100000 WHERE article_id = ?1 AND position >= 100000",
    )?
    .execute([into])?;
    Ok(())
}
