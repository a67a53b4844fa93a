//! Table `notes`: the editors' notes on an article or on one of its claims.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::Result;

/// A stored note.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Note {
    /// The note's row id.
    pub id: i64,
    /// The note's text.
    pub body: String,
    /// Who wrote it.
    pub author: String,
    /// When it was written (RFC 3339, UTC).
    pub created_at: String,
}

/// A new note.
pub struct NewNote<'a> {
    /// The article.
    pub article_id: i64,
    /// `None`: a note on the article.
    pub claim_id: Option<i64>,
    /// The note's text.
    pub body: &'a str,
    /// Who wrote it.
    pub author: &'a str,
    /// When it was written (RFC 3339, UTC).
    pub created_at: &'a str,
}

/// Returns how many rows were added (1).
pub fn insert(conn: &Connection, n: &NewNote<'_>) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO notes (article_id, claim_id, body, author, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            n.article_id,
            n.claim_id,
            n.body,
            n.author,
            n.created_at
        ])?)
}

/// The notes of an article (its own and its claims'), oldest first.
pub fn list(conn: &Connection, article_id: i64) -> Result<Vec<Note>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, body, author, created_at FROM notes WHERE article_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([article_id], |r| {
        Ok(Note {
            id: r.get(0)?,
            body: r.get(1)?,
            author: r.get(2)?,
            created_at: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
