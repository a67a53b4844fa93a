//! Table `claim_suggestions`: check-worthy sentences awaiting the editor's decision.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::model::SuggestionStatus;
use crate::{Error, Result};

/// A stored claim suggestion: a sentence Galley found worth checking.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ClaimSuggestionRow {
    /// The suggestion's row id.
    pub id: i64,
    /// The article.
    pub article_id: i64,
    /// The paragraph.
    pub paragraph_id: i64,
    /// The first code point of the sentence in the paragraph's text.
    pub start: i64,
    /// The code point just past the sentence.
    pub end: i64,
    /// The sentence's text.
    pub text: String,
    /// Its place among the article's suggestions, best first from 0.
    pub rank: i64,
    /// 0..1: how worth checking the sentence is.
    pub score: f64,
    /// Why it is worth checking.
    pub reasons: Vec<String>,
    /// Numeric consistency findings (an array of `{check, status, detail}`).
    pub consistency: serde_json::Value,
    /// The editor's decision on it.
    pub status: SuggestionStatus,
    /// The claim made of it, once accepted.
    pub claim_id: Option<i64>,
}

/// A new claim suggestion.
pub struct NewClaimSuggestion<'a> {
    /// The article.
    pub article_id: i64,
    /// The paragraph.
    pub paragraph_id: i64,
    /// The first code point of the sentence in the paragraph's text.
    pub start: usize,
    /// The code point just past the sentence.
    pub end: usize,
    /// The sentence's text.
    pub text: &'a str,
    /// Its place among the article's suggestions, best first from 0.
    pub rank: usize,
    /// 0..1: how worth checking the sentence is.
    pub score: f64,
    /// Why it is worth checking.
    pub reasons: &'a [String],
    /// Numeric consistency findings (an array of `{check, status, detail}`).
    pub consistency: &'a serde_json::Value,
    /// Who drafted it.
    pub actor: &'a str,
    /// When it was drafted (RFC 3339, UTC).
    pub now: &'a str,
}

/// Drops the undecided suggestions of an article.
pub fn delete_suggested(conn: &Connection, article_id: i64) -> Result<()> {
    conn.prepare_cached(
        "DELETE FROM claim_suggestions WHERE article_id = ?1 AND status = 'suggested'",
    )?
    .execute([article_id])?;
    Ok(())
}

/// Whether the editor already decided on this exact span.
pub fn decided(conn: &Connection, paragraph_id: i64, start: usize, end: usize) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT 1 FROM claim_suggestions WHERE paragraph_id = ?1 AND start = ?2 AND end = ?3
             AND status != 'suggested'",
        )?
        .query_row(params![paragraph_id, start as i64, end as i64], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Stores a new suggestion as `suggested`; returns its id.
pub fn insert(conn: &Connection, c: &NewClaimSuggestion<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO claim_suggestions (article_id, paragraph_id, start, end, text, rank, score,
             reasons, consistency, status, created_by, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 'suggested', ?10, ?11)",
    )?
    .execute(params![
        c.article_id,
        c.paragraph_id,
        c.start as i64,
        c.end as i64,
        c.text,
        c.rank as i64,
        c.score,
        serde_json::to_string(c.reasons)?,
        c.consistency.to_string(),
        c.actor,
        c.now
    ])?;
    Ok(conn.last_insert_rowid())
}

const SELECT: &str = "SELECT id, article_id, paragraph_id, start, end, text, rank, score, reasons,
        consistency, status, claim_id FROM claim_suggestions";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ClaimSuggestionRow> {
    let reasons: String = r.get(8)?;
    let consistency: String = r.get(9)?;
    Ok(ClaimSuggestionRow {
        id: r.get(0)?,
        article_id: r.get(1)?,
        paragraph_id: r.get(2)?,
        start: r.get(3)?,
        end: r.get(4)?,
        text: r.get(5)?,
        rank: r.get(6)?,
        score: r.get(7)?,
        reasons: serde_json::from_str(&reasons).unwrap_or_default(),
        consistency: serde_json::from_str(&consistency).unwrap_or(serde_json::Value::Null),
        status: r.get(10)?,
        claim_id: r.get(11)?,
    })
}

/// One claim suggestion.
pub fn get(conn: &Connection, id: i64) -> Result<ClaimSuggestionRow> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            entity: "claim suggestion",
            id,
        })
}

/// Suggestions of an article, best first.
pub fn list(conn: &Connection, article_id: i64) -> Result<Vec<ClaimSuggestionRow>> {
    let mut stmt =
        conn.prepare_cached(&format!("{SELECT} WHERE article_id = ?1 ORDER BY rank, id"))?;
    let rows = stmt.query_map([article_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Records the editor's decision on a suggestion (and the claim made of it, if any).
pub fn decide(
    conn: &Connection,
    id: i64,
    status: SuggestionStatus,
    claim_id: Option<i64>,
    actor: &str,
    now: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE claim_suggestions SET status = ?2, claim_id = ?3, decided_by = ?4, decided_at = ?5
         WHERE id = ?1",
    )?
    .execute(params![id, status, claim_id, actor, now])?;
    Ok(())
}

/// The article of a claim suggestion, if it exists.
pub fn article_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT article_id FROM claim_suggestions WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Forgets the claim a suggestion became (before the claim is deleted).
pub fn unlink_claim(conn: &Connection, claim_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE claim_suggestions SET claim_id = NULL WHERE claim_id = ?1")?
        .execute([claim_id])?;
    Ok(())
}

/// Every decided suggestion: (id, sentence, accepted), in id order (what the desk taught). An
/// accepted one whose claim was deleted since is left out: the editor thought again.
pub fn decided_all(conn: &Connection) -> Result<Vec<(i64, String, bool)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text, status = 'accepted' FROM claim_suggestions
         WHERE status = 'rejected' OR (status = 'accepted' AND claim_id IS NOT NULL)
         ORDER BY id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
