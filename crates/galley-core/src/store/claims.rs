//! Table `claims`: spans of a paragraph under fact-check, with code-point offsets.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::model::{ClaimStatus, Origin};
use crate::{Error, Result};

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    pub id: i64,
    pub article_id: i64,
    pub paragraph_id: i64,
    pub start: i64,
    pub end: i64,
    pub text: String,
    pub source: Origin,
    pub status: ClaimStatus,
    pub score: Option<f64>,
    pub reasons: Vec<String>,
    pub consistency: Option<serde_json::Value>,
    /// The reviewer's ClaimReview rating (e.g. 属实) and its numeric value.
    pub rating: Option<String>,
    pub rating_value: Option<i64>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
}

pub struct NewClaim<'a> {
    pub article_id: i64,
    pub paragraph_id: i64,
    pub start: i64,
    pub end: i64,
    pub text: &'a str,
    pub source: Origin,
    pub status: ClaimStatus,
    pub score: Option<f64>,
    pub reasons: &'a [String],
    pub consistency: Option<&'a serde_json::Value>,
    pub actor: &'a str,
    pub now: &'a str,
}

pub fn insert(conn: &Connection, c: &NewClaim<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO claims (article_id, paragraph_id, start, end, text, source, status, score,
                             reasons, consistency, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?12)",
    )?
    .execute(params![
        c.article_id,
        c.paragraph_id,
        c.start,
        c.end,
        c.text,
        c.source,
        c.status,
        c.score,
        serde_json::to_string(c.reasons)?,
        c.consistency.map(|v| v.to_string()),
        c.actor,
        c.now
    ])?;
    Ok(conn.last_insert_rowid())
}

const SELECT: &str = "SELECT id, article_id, paragraph_id, start, end, text, source, status, score,
        reasons, consistency, rating, rating_value, reviewer, reviewed_at FROM claims";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Claim> {
    let reasons: Option<String> = r.get(9)?;
    let consistency: Option<String> = r.get(10)?;
    Ok(Claim {
        id: r.get(0)?,
        article_id: r.get(1)?,
        paragraph_id: r.get(2)?,
        start: r.get(3)?,
        end: r.get(4)?,
        text: r.get(5)?,
        source: r.get(6)?,
        status: r.get(7)?,
        score: r.get(8)?,
        reasons: reasons
            .and_then(|s| serde_json::from_str(&s).ok())
            .unwrap_or_default(),
        consistency: consistency.and_then(|s| serde_json::from_str(&s).ok()),
        rating: r.get(11)?,
        rating_value: r.get(12)?,
        reviewer: r.get(13)?,
        reviewed_at: r.get(14)?,
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Claim> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            entity: "claim",
            id,
        })
}

pub fn list(conn: &Connection, article_id: i64) -> Result<Vec<Claim>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE article_id = ?1 ORDER BY paragraph_id, start"
    ))?;
    let rows = stmt.query_map([article_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}
