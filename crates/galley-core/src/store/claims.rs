//! Table `claims`: spans of a paragraph under fact-check, with code-point offsets.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::model::{ClaimStatus, Origin};
use crate::{Error, Result};

/// A stored claim: a code-point span `[start, end)` of one paragraph, with its fact-check state.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Claim {
    /// The claim's row id.
    pub id: i64,
    /// The article.
    pub article_id: i64,
    /// The paragraph.
    pub paragraph_id: i64,
    /// The first code point of the claim in the paragraph's text.
    pub start: i64,
    /// The code point just past the claim.
    pub end: i64,
    /// The claim's text.
    pub text: String,
    /// Who marked it: Galley or an editor.
    pub source: Origin,
    /// Where the claim is in fact-checking.
    pub status: ClaimStatus,
    /// How check-worthy Galley scored it, for a suggested one.
    pub score: Option<f64>,
    /// Why Galley suggested it.
    pub reasons: Vec<String>,
    /// Numeric consistency findings (an array of `{check, status, detail}`), if any.
    pub consistency: Option<serde_json::Value>,
    /// The reviewer's ClaimReview rating (e.g. 属实) and its numeric value.
    pub rating: Option<String>,
    /// The numeric value of the rating.
    pub rating_value: Option<i64>,
    /// Who gave the verdict.
    pub reviewer: Option<String>,
    /// When the verdict was given (RFC 3339, UTC).
    pub reviewed_at: Option<String>,
}

/// A new claim.
pub struct NewClaim<'a> {
    /// The article.
    pub article_id: i64,
    /// The paragraph.
    pub paragraph_id: i64,
    /// The first code point of the claim in the paragraph's text.
    pub start: i64,
    /// The code point just past the claim.
    pub end: i64,
    /// The claim's text.
    pub text: &'a str,
    /// Who marked it: Galley or an editor.
    pub source: Origin,
    /// Its fact-check status to start with.
    pub status: ClaimStatus,
    /// How check-worthy Galley scored it, for a suggested one.
    pub score: Option<f64>,
    /// Why Galley suggested it.
    pub reasons: &'a [String],
    /// Numeric consistency findings, if any.
    pub consistency: Option<&'a serde_json::Value>,
    /// Who created it.
    pub actor: &'a str,
    /// When it was created (RFC 3339, UTC).
    pub now: &'a str,
}

/// Stores a new claim; returns its id.
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

/// One claim.
pub fn get(conn: &Connection, id: i64) -> Result<Claim> {
    conn.prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            entity: "claim",
            id,
        })
}

/// The claims of an article, in text order.
pub fn list(conn: &Connection, article_id: i64) -> Result<Vec<Claim>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE article_id = ?1 ORDER BY paragraph_id, start"
    ))?;
    let rows = stmt.query_map([article_id], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// A claim with every stored column, as an importer restores it.
pub struct ClaimRow<'a> {
    /// The article.
    pub article_id: i64,
    /// The paragraph.
    pub paragraph_id: i64,
    /// The first code point of the claim in the paragraph's text.
    pub start: i64,
    /// The code point just past the claim.
    pub end: i64,
    /// The claim's text.
    pub text: &'a str,
    /// `auto` or `editor`.
    pub source: &'a str,
    /// Where the claim is in fact-checking.
    pub status: ClaimStatus,
    /// How check-worthy Galley scored it, if scored.
    pub score: Option<f64>,
    /// Stored as NULL when empty.
    pub reasons: &'a [String],
    /// The ClaimReview textual rating, if given.
    pub rating: Option<&'a str>,
    /// The numeric value of the rating.
    pub rating_value: Option<i64>,
    /// Who gave the verdict.
    pub reviewer: Option<&'a str>,
    /// When the verdict was given (RFC 3339, UTC).
    pub reviewed_at: Option<&'a str>,
    /// Stored as NULL when empty.
    pub consistency: &'a [serde_json::Value],
    /// Who created it.
    pub created_by: &'a str,
    /// When it was created (RFC 3339, UTC).
    pub created_at: &'a str,
    /// When it last changed (RFC 3339, UTC).
    pub updated_at: &'a str,
}

/// Stores a claim with every column given; returns its id.
pub fn insert_row(conn: &Connection, c: &ClaimRow<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO claims (article_id, paragraph_id, start, end, text, source, status,
                             score, reasons, rating, rating_value, reviewer, reviewed_at,
                             consistency, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)",
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
        json_or_null(c.reasons)?,
        c.rating,
        c.rating_value,
        c.reviewer,
        c.reviewed_at,
        json_or_null(c.consistency)?,
        c.created_by,
        c.created_at,
        c.updated_at
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The article of a claim, if the claim exists.
pub fn article_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT article_id FROM claims WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The paragraph of a claim.
pub fn paragraph_of(conn: &Connection, id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT paragraph_id FROM claims WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// Moves a claim's ends (code points) and stores the text they now hold.
pub fn set_span(
    conn: &Connection,
    id: i64,
    start: i64,
    end: i64,
    text: &str,
    now: &str,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE claims SET start = ?2, end = ?3, text = ?4, updated_at = ?5 WHERE id = ?1",
    )?
    .execute(params![id, start, end, text, now])?;
    Ok(())
}

/// The reviewer's verdict on a claim.
pub struct Verdict<'a> {
    /// The claim's new status.
    pub status: ClaimStatus,
    /// The ClaimReview textual rating, if any.
    pub rating: Option<&'a str>,
    /// The numeric value of the rating.
    pub rating_value: Option<i64>,
    /// Who gave the verdict.
    pub reviewer: &'a str,
    /// When the verdict was given (RFC 3339, UTC).
    pub at: &'a str,
}

/// Records a verdict on a claim.
pub fn set_verdict(conn: &Connection, id: i64, v: &Verdict<'_>) -> Result<()> {
    conn.prepare_cached(
        "UPDATE claims SET status = ?2, rating = ?3, rating_value = ?4, reviewer = ?5, reviewed_at = ?6,
                updated_at = ?6 WHERE id = ?1",
    )?
    .execute(params![id, v.status, v.rating, v.rating_value, v.reviewer, v.at])?;
    Ok(())
}

/// Assigns a claim to a person for review, or to nobody.
pub fn assign(conn: &Connection, id: i64, to: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE claims SET assigned_to = ?2 WHERE id = ?1")?
        .execute(rusqlite::params![id, to])?;
    Ok(())
}

/// Deletes a claim; its evidence and notes go with it.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM claims WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// How many claims a paragraph has.
pub fn count_for_paragraph(conn: &Connection, paragraph_id: i64) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM claims WHERE paragraph_id = ?1")?
        .query_row([paragraph_id], |r| r.get(0))?)
}

/// Claims follow their paragraphs into `article_id`.
pub fn follow_paragraphs(conn: &Connection, article_id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE claims SET article_id = ?1 WHERE paragraph_id IN (SELECT id FROM paragraphs WHERE article_id = ?1)",
    )?
    .execute([article_id])?;
    Ok(())
}

/// A JSON list, or NULL when empty.
fn json_or_null<T: serde::Serialize>(v: &[T]) -> Result<Option<String>> {
    Ok(if v.is_empty() {
        None
    } else {
        Some(serde_json::to_string(v)?)
    })
}

/// Every claim an editor marked by hand: (id, quoted text), in id order.
pub fn marked_by_editor(conn: &Connection) -> Result<Vec<(i64, String)>> {
    let mut stmt =
        conn.prepare_cached("SELECT id, text FROM claims WHERE source = 'editor' ORDER BY id")?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
