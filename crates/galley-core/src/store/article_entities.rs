//! Table `article_entities`: people, organisations and places of an article.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::model::{EntityKind, Origin, SuggestionStatus};
use crate::Result;

/// A stored named entity of an article.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StoredEntity {
    /// The entity's row id.
    pub id: i64,
    /// The name as written.
    pub text: String,
    /// What kind of thing it names.
    pub kind: EntityKind,
    /// How many times the article names it.
    pub mentions: i64,
    /// Who found it: Galley or an editor.
    pub source: Origin,
    /// The editor's decision on it.
    pub status: SuggestionStatus,
    /// Why Galley found it.
    pub reasons: Vec<String>,
}

/// Drops the pending automatic suggestions of an article (decided rows stay).
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

/// Sets an entity's status; returns whether the entity exists.
pub fn set_status(conn: &Connection, id: i64, status: SuggestionStatus) -> Result<bool> {
    Ok(conn
        .prepare_cached("UPDATE article_entities SET status = ?2 WHERE id = ?1")?
        .execute(params![id, status])?
        > 0)
}

/// The entities of an article, most mentioned first.
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

/// An entity with every stored column, as an importer writes it.
pub struct EntityRow<'a> {
    /// The article.
    pub article_id: i64,
    /// The name as written.
    pub text: &'a str,
    /// What kind of thing it names.
    pub kind: EntityKind,
    /// How many times the article names it.
    pub mentions: i64,
    /// `auto` or `editor`.
    pub source: &'a str,
    /// The editor's decision on it.
    pub status: SuggestionStatus,
    /// When it was found (RFC 3339, UTC).
    pub created_at: &'a str,
}

/// Adds the entity unless the article has it already; returns how many rows were added.
pub fn insert(conn: &Connection, e: &EntityRow<'_>) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO article_entities (article_id, text, kind, mentions, source, status, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            e.article_id,
            e.text,
            e.kind,
            e.mentions,
            e.source,
            e.status,
            e.created_at
        ])?)
}

/// One more mention of an entity: added with one mention, or counted.
pub fn add_mention(conn: &Connection, e: &EntityRow<'_>) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO article_entities (article_id, text, kind, mentions, source, status, created_at)
         VALUES (?1, ?2, ?3, 1, ?4, ?5, ?6)
         ON CONFLICT (article_id, text, kind) DO UPDATE SET mentions = mentions + 1",
    )?
    .execute(params![e.article_id, e.text, e.kind, e.source, e.status, e.created_at])?;
    Ok(())
}

/// The article, text and status of one entity.
pub fn head(conn: &Connection, id: i64) -> Result<Option<(i64, String, SuggestionStatus)>> {
    Ok(conn
        .prepare_cached("SELECT article_id, text, status FROM article_entities WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}
