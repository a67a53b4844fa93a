//! Table `user_terms`: the editors' own dictionary words, applied to segmentation.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::Result;

/// A word of the user dictionary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserTerm {
    /// The row id.
    pub id: i64,
    /// The word.
    pub word: String,
    /// POS tag: nr person, nt organisation, ns place, nz other name, n noun …
    pub tag: Option<String>,
    /// Its frequency for the segmenter, if given.
    pub freq: Option<i64>,
    /// Who added it.
    pub added_by: String,
    /// When it was added (RFC 3339, UTC).
    pub added_at: String,
}

/// Stores a word; returns its id.
pub fn insert(
    conn: &Connection,
    word: &str,
    tag: Option<&str>,
    freq: Option<i64>,
    actor: &str,
    now: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO user_terms (word, tag, freq, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![word, tag, freq, actor, now])?;
    Ok(conn.last_insert_rowid())
}

/// Removes a word; returns whether it was there.
pub fn delete(conn: &Connection, word: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM user_terms WHERE word = ?1")?
        .execute([word])?
        > 0)
}

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<UserTerm> {
    Ok(UserTerm {
        id: r.get(0)?,
        word: r.get(1)?,
        tag: r.get(2)?,
        freq: r.get(3)?,
        added_by: r.get(4)?,
        added_at: r.get(5)?,
    })
}

/// The dictionary entry for a word, if there is one.
pub fn get(conn: &Connection, word: &str) -> Result<Option<UserTerm>> {
    Ok(conn
        .prepare_cached(
            "SELECT id, word, tag, freq, added_by, added_at FROM user_terms WHERE word = ?1",
        )?
        .query_row([word], from_row)
        .optional()?)
}

/// Every word of the user dictionary, in order.
pub fn list(conn: &Connection) -> Result<Vec<UserTerm>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, word, tag, freq, added_by, added_at FROM user_terms ORDER BY word",
    )?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Articles whose title or text contains `word`.
pub fn articles_containing(conn: &Connection, word: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id FROM articles a WHERE instr(a.title, ?1) > 0
         UNION SELECT p.article_id FROM paragraphs p WHERE instr(p.text, ?1) > 0
         ORDER BY 1",
    )?;
    let rows = stmt.query_map([word], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}
