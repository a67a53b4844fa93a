//! Table `evidence`: what a reviewer found for or against a claim (a URL, a quote, a note).

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::Result;

/// A stored piece of evidence for a verdict on a claim.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Evidence {
    /// The evidence's row id.
    pub id: i64,
    /// The http(s) address of the source.
    pub url: Option<String>,
    /// A passage quoted from the source.
    pub quote: Option<String>,
    /// The reviewer's note on it.
    pub note: Option<String>,
    /// Who added it.
    pub added_by: String,
    /// When it was added (RFC 3339, UTC).
    pub added_at: String,
}

/// A new piece of evidence.
pub struct NewEvidence<'a> {
    /// The claim.
    pub claim_id: i64,
    /// The http(s) address of the source.
    pub url: Option<&'a str>,
    /// A passage quoted from the source.
    pub quote: Option<&'a str>,
    /// The reviewer's note on it.
    pub note: Option<&'a str>,
    /// Who added it.
    pub added_by: &'a str,
    /// When it was added (RFC 3339, UTC).
    pub added_at: &'a str,
}

/// Returns how many rows were added (1).
pub fn insert(conn: &Connection, e: &NewEvidence<'_>) -> Result<usize> {
    Ok(conn
        .prepare_cached(
            "INSERT INTO evidence (claim_id, url, quote, note, added_by, added_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![
            e.claim_id, e.url, e.quote, e.note, e.added_by, e.added_at
        ])?)
}

/// The evidence of a claim, oldest first.
pub fn list(conn: &Connection, claim_id: i64) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, url, quote, note, added_by, added_at FROM evidence WHERE claim_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([claim_id], |r| {
        Ok(Evidence {
            id: r.get(0)?,
            url: r.get(1)?,
            quote: r.get(2)?,
            note: r.get(3)?,
            added_by: r.get(4)?,
            added_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
