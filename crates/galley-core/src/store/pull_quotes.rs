//! Table `pull_quotes`: passages printed again in large type, kept apart from the body.

use rusqlite::{params, Connection};

use crate::model::PullQuote;
use crate::Result;

pub fn insert(conn: &Connection, article_id: i64, position: i64, text: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO pull_quotes (article_id, position, text) VALUES (?1, ?2, ?3)",
    )?
    .execute(params![article_id, position, text])?;
    Ok(conn.last_insert_rowid())
}

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
