//! Table `sessions`: who is signed in to a shared workspace. Only a hash of each token is kept,
//! so a copy of the database signs nobody in.

use rusqlite::{params, Connection, OptionalExtension};

use crate::Result;

/// A live session: whose it is and the token its changes must echo (CSRF protection).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionRow {
    /// The person signed in.
    pub name: String,
    /// The anti-forgery token of the session.
    pub csrf: String,
}

/// Stores a new session.
pub fn insert(
    conn: &Connection,
    token_hash: &str,
    name: &str,
    csrf: &str,
    now: &str,
    expires_at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO sessions (token_hash, name, csrf, created_at, expires_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![token_hash, name, csrf, now, expires_at],
    )?;
    Ok(())
}

/// The session with this token hash, unless it has expired by `now`.
pub fn get(conn: &Connection, token_hash: &str, now: &str) -> Result<Option<SessionRow>> {
    Ok(conn
        .prepare_cached(
            "SELECT name, csrf FROM sessions WHERE token_hash = ?1 AND expires_at > ?2",
        )?
        .query_row(params![token_hash, now], |r| {
            Ok(SessionRow {
                name: r.get(0)?,
                csrf: r.get(1)?,
            })
        })
        .optional()?)
}

/// Ends one session.
pub fn delete(conn: &Connection, token_hash: &str) -> Result<()> {
    conn.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
    Ok(())
}

/// Ends every session of a person (disabled, or a new password).
pub fn delete_for(conn: &Connection, name: &str) -> Result<()> {
    conn.execute("DELETE FROM sessions WHERE name = ?1", [name])?;
    Ok(())
}
