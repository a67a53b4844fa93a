//! Table `sentiments`: the tone of an article (paragraph NULL) and of its sentences
//! (paragraph and code-point span).

use std::collections::HashMap;

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::model::{Origin, SentimentLabel, SuggestionStatus};
use crate::Result;

/// A stored judgement of the tone of an article or a sentence.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StoredSentiment {
    /// The row id.
    pub id: i64,
    /// The paragraph of a sentence; `None` for the whole article.
    pub paragraph_id: Option<i64>,
    /// The first code point of the sentence in the paragraph's text.
    pub start: Option<i64>,
    /// The code point just past the sentence.
    pub end: Option<i64>,
    /// The tone.
    pub label: SentimentLabel,
    /// -1 (negative) ..= 1 (positive).
    pub score: f64,
    /// Who judged: Galley or an editor.
    pub source: Origin,
    /// The editor's decision on it.
    pub status: SuggestionStatus,
    /// What decided the tone.
    pub reasons: Vec<String>,
}

/// A new sentiment suggestion.
pub struct NewSentiment<'a> {
    /// The article.
    pub article_id: i64,
    /// The paragraph of a sentence; `None` for the whole article.
    pub paragraph_id: Option<i64>,
    /// The sentence's code points `(start, end)` in the paragraph's text.
    pub span: Option<(usize, usize)>,
    /// The tone.
    pub label: SentimentLabel,
    /// -1 (negative) ..= 1 (positive).
    pub score: f64,
    /// What decided the tone.
    pub reasons: &'a [String],
    /// Who drafted it.
    pub actor: &'a str,
    /// When it was drafted (RFC 3339, UTC).
    pub now: &'a str,
}

/// Drops the pending automatic suggestions of an article (decided rows stay).
pub fn delete_suggested(conn: &Connection, article_id: i64) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM sentiments WHERE article_id = ?1 AND status = 'suggested' AND source = 'auto'",
    )?
    .execute([article_id])?;
    Ok(())
}

/// Stores a suggestion as `auto` and `suggested`; returns its id.
pub fn insert_suggested(conn: &Connection, s: &NewSentiment<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO sentiments (article_id, paragraph_id, start, end, label, score, source, status,
                                 reasons, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'auto', 'suggested', ?7, ?8, ?9)",
    )?
    .execute(params![
        s.article_id,
        s.paragraph_id,
        s.span.map(|x| x.0 as i64),
        s.span.map(|x| x.1 as i64),
        s.label,
        s.score.clamp(-1.0, 1.0),
        serde_json::to_string(s.reasons)?,
        s.actor,
        s.now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Whether the article-level sentiment was already decided by an editor.
pub fn article_decided(conn: &Connection, article_id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT count(*) FROM sentiments WHERE article_id = ?1 AND paragraph_id IS NULL
         AND status != 'suggested'",
        [article_id],
        |r| r.get::<_, i64>(0),
    )? > 0)
}

/// Sets a sentiment's status; returns whether the row exists.
pub fn set_status(conn: &Connection, id: i64, status: SuggestionStatus) -> Result<bool> {
    Ok(conn
        .prepare_cached("UPDATE sentiments SET status = ?2 WHERE id = ?1")?
        .execute(params![id, status])?
        > 0)
}

/// Article-level row first, then sentences in order.
pub fn list(conn: &Connection, article_id: i64) -> Result<Vec<StoredSentiment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.paragraph_id, s.start, s.end, s.label, s.score, s.source, s.status, s.reasons
         FROM sentiments s LEFT JOIN paragraphs p ON p.id = s.paragraph_id
         WHERE s.article_id = ?1
         ORDER BY s.paragraph_id IS NOT NULL, p.position, s.start, s.id",
    )?;
    let rows = stmt.query_map([article_id], |r| {
        let reasons: Option<String> = r.get(8)?;
        Ok(StoredSentiment {
            id: r.get(0)?,
            paragraph_id: r.get(1)?,
            start: r.get(2)?,
            end: r.get(3)?,
            label: r.get(4)?,
            score: r.get(5)?,
            source: r.get(6)?,
            status: r.get(7)?,
            reasons: reasons
                .and_then(|s| serde_json::from_str(&s).ok())
                .unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A sentiment row with every stored column, as the editor or an importer writes it.
pub struct SentimentRow<'a> {
    /// The article.
    pub article_id: i64,
    /// `None`: the whole article.
    pub paragraph_id: Option<i64>,
    /// The first code point of the sentence in the paragraph's text.
    pub start: Option<i64>,
    /// The code point just past the sentence.
    pub end: Option<i64>,
    /// The tone.
    pub label: SentimentLabel,
    /// -1 (negative) ..= 1 (positive); clamped when stored.
    pub score: f64,
    /// `auto` or `editor`.
    pub source: &'a str,
    /// The editor's decision on it.
    pub status: SuggestionStatus,
    /// Stored as NULL when empty.
    pub reasons: &'a [String],
    /// Who made the judgement.
    pub created_by: &'a str,
    /// When it was made (RFC 3339, UTC).
    pub created_at: &'a str,
}

/// Stores a sentiment row; returns how many rows were added (1).
pub fn insert(conn: &Connection, s: &SentimentRow<'_>) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO sentiments (article_id, paragraph_id, start, end, label, score, source,
                                     status, reasons, created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        )?
        .execute(params![
            s.article_id,
            s.paragraph_id,
            s.start,
            s.end,
            s.label,
            s.score.clamp(-1.0, 1.0),
            s.source,
            s.status,
            json_or_null(s.reasons)?,
            s.created_by,
            s.created_at
        ])?)
}

/// Deletes the article-level rows (the sentence rows stay).
pub fn delete_article_level(conn: &Connection, article_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM sentiments WHERE article_id = ?1 AND paragraph_id IS NULL")?
        .execute([article_id])?;
    Ok(())
}

/// The article, label and status of one sentiment row.
pub fn head(conn: &Connection, id: i64) -> Result<Option<(i64, SentimentLabel, SuggestionStatus)>> {
    Ok(conn
        .prepare_cached("SELECT article_id, label, status FROM sentiments WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .optional()?)
}

/// A JSON list, or NULL when empty.
fn json_or_null<T: serde::Serialize>(v: &[T]) -> Result<Option<String>> {
    Ok(if v.is_empty() {
        None
    } else {
        Some(serde_json::to_string(v)?)
    })
}

/// A decided tone: accepted (the text is of `label`) or rejected (it is not).
#[derive(Debug, Clone, PartialEq)]
pub struct DecidedSentiment {
    /// The row id.
    pub id: i64,
    /// The article.
    pub article_id: i64,
    /// For a sentence: its text as the paragraph has it now (`None` for the whole article,
    /// or when the paragraph is gone).
    pub sentence: Option<String>,
    /// Whether the row is about one sentence.
    pub of_sentence: bool,
    /// The tone decided on.
    pub label: SentimentLabel,
    /// Accepted (`true`) or rejected.
    pub accepted: bool,
}

/// Every accepted or rejected tone, of articles and sentences, in id order, with the
/// sentence's current text.
pub fn decided_all(conn: &Connection) -> Result<Vec<DecidedSentiment>> {
    let mut stmt = conn.prepare_cached(
        "SELECT s.id, s.article_id, s.paragraph_id IS NOT NULL, p.text, s.start, s.end, s.label,
                s.status = 'accepted'
         FROM sentiments s LEFT JOIN paragraphs p ON p.id = s.paragraph_id
         WHERE s.status IN ('accepted', 'rejected') ORDER BY s.id",
    )?;
    let rows = stmt.query_map([], |r| {
        let text: Option<String> = r.get(3)?;
        let start: Option<i64> = r.get(4)?;
        let end: Option<i64> = r.get(5)?;
        let sentence = match (text, start, end) {
            (Some(t), Some(s), Some(e)) => Some(
                t.chars()
                    .skip(s.max(0) as usize)
                    .take((e - s).max(0) as usize)
                    .collect(),
            ),
            _ => None,
        };
        Ok(DecidedSentiment {
            id: r.get(0)?,
            article_id: r.get(1)?,
            of_sentence: r.get(2)?,
            sentence,
            label: r.get(6)?,
            accepted: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The body (paragraphs that are not headings, one a line) of every article whose tone was
/// decided, by article: the text its decision is learned from.
pub fn decided_article_bodies(conn: &Connection) -> Result<HashMap<i64, String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT p.article_id, p.text FROM paragraphs p
         WHERE p.kind != 'heading' AND p.article_id IN (
             SELECT article_id FROM sentiments
             WHERE paragraph_id IS NULL AND status IN ('accepted', 'rejected'))
         ORDER BY p.article_id, p.position",
    )?;
    let mut out: HashMap<i64, String> = HashMap::new();
    let rows = stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))?;
    for row in rows {
        let (article, text) = row?;
        let body = out.entry(article).or_default();
        if !body.is_empty() {
            body.push('\n');
        }
        body.push_str(&text);
    }
    Ok(out)
}
