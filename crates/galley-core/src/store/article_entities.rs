//! Table `article_entities`: people, organisations and places of an article.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::model::{Origin, SuggestionStatus};
use crate::Result;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StoredEntity {
    pub id: i64,
    pub text: String,
    pub kind: String,
    pub mentions: i64,
    pub source: Origin,
    pub status: SuggestionStatus,
    pub reasons: Vec<String>,
}

pub fn delete_suggested(conn: &Connection, article_id: i64) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM article_entities WHERE article_id = ?1 AND status = 'suggested' AND source = 'auto'",
    )?
    .execute([article_id])?;
    Ok(())
}

/// Stores a suggestion unless an entity with that text and kind is already decided.
pub fn insert_suggested(
    conn: &Connection,
    article_id: i64,
    text: &str,
    kind: &str,
    mentions: i64,
    reasons: &[String],
    now: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO article_entities (article_id, text, kind, mentions, source, status, reasons, created_at)
         VALUES (?1, ?2, ?3, ?4, 'auto', 'suggested', ?5, ?6)
         ON CONFLICT (article_id, text, kind) DO NOTHING",
    )?
    .execute(params![
        article_id,
        text,
        kind,
        mentions,
        serde_json::to_string(reasons)?,
        now
    ])?;
    Ok(())
}

pub fn set_status(conn: &Connection, id: i64, status: SuggestionStatus) -> Result<bool> {
    Ok(conn
        .prepare_cached("UPDATE article_entities SET status = ?2 WHERE id = ?1")?
        .execute(params![id, status])?
        > 0)
}

pub fn list(conn: &Connection, article_id: i64) -> Result<Vec<StoredEntity>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, kind, mentions, source, status, reasons FROM article_entities
         WHERE article_id = ?1 ORDER BY mentions DESC, kind, text",
    )?;
    let rows = stmt.query_map([article_id], |r| {
        let reasons: Option<String> = r.get(6)?;
        Ok(StoredEntity {
            id: r.get(0)?,
            text: r.get(1)?,
            kind: r.get(2)?,
            mentions: r.get(3)?,
            source: r.get(4)?,
            status: r.get(5)?,
            reasons: reasons
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
