//! Table `article_topics`: topics of an article, suggested (source `auto`) or set by an editor.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::model::{Origin, SuggestionStatus};
use crate::Result;

/// A topic of an article, with the topic's code and labels.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ArticleTopic {
    /// The article.
    pub article_id: i64,
    /// The topic.
    pub topic_id: i64,
    /// The topic's code in the taxonomy.
    pub code: String,
    /// The topic's Chinese label.
    pub label_zh: String,
    /// The topic's English label.
    pub label_en: String,
    /// Who added it: Galley or an editor.
    pub source: Origin,
    /// The editor's decision on it.
    pub status: SuggestionStatus,
    /// How strongly the article matched the topic, for a suggested one.
    pub score: Option<f64>,
    /// Why the topic was suggested.
    pub reasons: Vec<String>,
    /// Whether the topic has been retired from the taxonomy.
    pub retired: bool,
}

/// Drops the pending suggestions of an article (decided rows stay).
pub fn delete_suggested(conn: &Connection, article_id: i64) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM article_topics WHERE article_id = ?1 AND status = 'suggested' AND source = 'auto'",
    )?
    .execute([article_id])?;
    Ok(())
}

/// Inserts a suggestion unless the editor already decided on that topic. Returns whether it was stored.
pub fn insert_suggested(
    conn: &Connection,
    article_id: i64,
    topic_id: i64,
    score: f64,
    reasons: &[String],
    actor: &str,
    now: &str,
) -> Result<bool> {
    let n = conn
        .prepare_cached(
            "INSERT INTO article_topics (article_id, topic_id, source, status, score, reasons, created_by, created_at)
             VALUES (?1, ?2, 'auto', 'suggested', ?3, ?4, ?5, ?6)
             ON CONFLICT (article_id, topic_id) DO NOTHING",
        )?
        .execute(params![
            article_id,
            topic_id,
            score,
            serde_json::to_string(reasons)?,
            actor,
            now
        ])?;
    Ok(n > 0)
}

/// The topic of an article, if the article has it.
pub fn get(conn: &Connection, article_id: i64, topic_id: i64) -> Result<Option<ArticleTopic>> {
    Ok(conn
        .prepare_cached(&format!(
            "{SELECT} WHERE at.article_id = ?1 AND at.topic_id = ?2"
        ))?
        .query_row(params![article_id, topic_id], from_row)
        .optional()?)
}

/// Sets the status of a topic of an article; returns whether the article has the topic.
pub fn set_status(
    conn: &Connection,
    article_id: i64,
    topic_id: i64,
    status: SuggestionStatus,
) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "UPDATE article_topics SET status = ?3 WHERE article_id = ?1 AND topic_id = ?2",
        )?
        .execute(params![article_id, topic_id, status])?
        > 0)
}

const SELECT: &str = "SELECT at.article_id, at.topic_id, t.code, t.label_zh, t.label_en, at.source,
        at.status, at.score, at.reasons, t.retired_at IS NOT NULL
        FROM article_topics at JOIN topics t ON t.id = at.topic_id";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleTopic> {
    let reasons: Option<String> = r.get(8)?;
    Ok(ArticleTopic {
        article_id: r.get(0)?,
        topic_id: r.get(1)?,
        code: r.get(2)?,
        label_zh: r.get(3)?,
        label_en: r.get(4)?,
        source: r.get(5)?,
        status: r.get(6)?,
        score: r.get(7)?,
        reasons: reasons
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default(),
        retired: r.get(9)?,
    })
}

/// Topics of an article, best score first.
pub fn list(conn: &Connection, article_id: i64) -> Result<Vec<ArticleTopic>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE at.article_id = ?1 ORDER BY at.score DESC NULLS LAST, t.code"
    ))?;
    let rows = stmt.query_map([article_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A topic of an article with every stored column, as an importer writes it.
pub struct TopicRow<'a> {
    /// The article.
    pub article_id: i64,
    /// The topic.
    pub topic_id: i64,
    /// `auto` or `editor`.
    pub source: &'a str,
    /// The editor's decision on it.
    pub status: SuggestionStatus,
    /// How strongly the article matched the topic, if scored.
    pub score: Option<f64>,
    /// Stored as NULL when empty.
    pub reasons: &'a [String],
    /// Who added it.
    pub created_by: &'a str,
    /// When it was added (RFC 3339, UTC).
    pub created_at: &'a str,
}

/// Adds the topic unless the article has it already; returns how many rows were added.
pub fn insert(conn: &Connection, t: &TopicRow<'_>) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO article_topics (article_id, topic_id, source, status, score, reasons,
                                         created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING",
        )?
        .execute(params![
            t.article_id,
            t.topic_id,
            t.source,
            t.status,
            t.score,
            if t.reasons.is_empty() {
                None
            } else {
                Some(serde_json::to_string(t.reasons)?)
            },
            t.created_by,
            t.created_at
        ])?)
}

/// The editor's own topic: accepted, whether it was suggested before or not.
pub fn accept_editor(
    conn: &Connection,
    article_id: i64,
    topic_id: i64,
    actor: &str,
    now: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO article_topics (article_id, topic_id, source, status, created_by, created_at)
         VALUES (?1, ?2, 'editor', 'accepted', ?3, ?4)
         ON CONFLICT (article_id, topic_id) DO UPDATE SET status = 'accepted'",
    )?
    .execute(params![article_id, topic_id, actor, now])?;
    Ok(())
}

/// Takes a topic off an article; whether it had it.
pub fn delete(conn: &Connection, article_id: i64, topic_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM article_topics WHERE article_id = ?1 AND topic_id = ?2")?
        .execute(params![article_id, topic_id])?
        > 0)
}
