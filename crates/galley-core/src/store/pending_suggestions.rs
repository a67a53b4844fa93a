//! Table `pending_suggestions`: digests whose first draft of suggestions is still to be written.

use rusqlite::{params, Connection};

use crate::Result;

/// Marks a digest as waiting for its suggestions (in the transaction that stores it).
pub fn mark(conn: &Connection, digest_id: i64, now: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO pending_suggestions (digest_id, since) VALUES (?1, ?2)
         ON CONFLICT (digest_id) DO NOTHING",
    )?
    .execute(params![digest_id, now])?;
    Ok(())
}

/// The digest's suggestions are drafted.
pub fn clear(conn: &Connection, digest_id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM pending_suggestions WHERE digest_id = ?1")?
        .execute([digest_id])?;
    Ok(())
}

/// Whether the digest still waits for its suggestions.
pub fn is_pending(conn: &Connection, digest_id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM pending_suggestions WHERE digest_id = ?1")?
        .query_row([digest_id], |r| r.get::<_, i64>(0))?
        > 0)
}

/// Every digest still waiting, oldest mark first.
pub fn list(conn: &Connection) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT digest_id FROM pending_suggestions ORDER BY since, digest_id")?;
    let ids = stmt.query_map([], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}
