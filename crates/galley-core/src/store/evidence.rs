//! Table `evidence`: what a reviewer found for or against a claim (a URL, a quote, a note).

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::Result;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub id: i64,
    pub url: Option<String>,
    pub quote: Option<String>,
    pub note: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

pub struct NewEvidence<'a> {
    pub claim_id: i64,
    pub url: Option<&'a str>,
    pub quote: Option<&'a str>,
    pub note: Option<&'a str>,
    pub added_by: &'a str,
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
