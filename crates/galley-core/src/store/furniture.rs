//! Table `furniture`: page furniture (column labels, headers, footers) set aside from articles.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::Result;

/// A piece of page furniture set aside from a digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Furniture {
    /// The row id.
    pub id: i64,
    /// Its place among the digest's furniture.
    pub position: i64,
    /// The text as printed.
    pub text: String,
}

/// Stores a piece of a digest's furniture; returns its id.
pub fn insert(conn: &Connection, digest_id: i64, position: i64, text: &str) -> Result<i64> {
    conn.prepare_cached("INSERT INTO furniture (digest_id, position, text) VALUES (?1, ?2, ?3)")?
        .execute(params![digest_id, position, text])?;
    Ok(conn.last_insert_rowid())
}

/// A digest's furniture, in order.
pub fn list(conn: &Connection, digest_id: i64) -> Result<Vec<Furniture>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, position, text FROM furniture WHERE digest_id = ?1 ORDER BY position, id",
    )?;
    let rows = stmt.query_map([digest_id], |r| {
        Ok(Furniture {
            id: r.get(0)?,
            position: r.get(1)?,
            text: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
