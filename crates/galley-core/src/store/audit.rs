//! Table `audit_log`: every change, with who, when, and the state before and after.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::Result;

pub struct Entry<'a> {
    pub actor: &'a str,
    pub action: &'a str,
    pub entity: &'a str,
    pub entity_id: Option<i64>,
    pub article_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub entity: String,
    pub entity_id: Option<i64>,
    pub article_id: Option<i64>,
    pub before: Option<serde_json::Value>,
    pub after: Option<serde_json::Value>,
}

pub fn record(conn: &Connection, at: &str, e: &Entry<'_>) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, article_id, before, after)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        at,
        e.actor,
        e.action,
        e.entity,
        e.entity_id,
        e.article_id,
        e.before.as_ref().map(|v| v.to_string()),
        e.after.as_ref().map(|v| v.to_string()),
    ])?;
    Ok(conn.last_insert_rowid())
}

/// The most recent entries first.
pub fn recent(conn: &Connection, limit: i64) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, at, actor, action, entity, entity_id, article_id, before, after
         FROM audit_log ORDER BY id DESC LIMIT ?1",
    )?;
    let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    let rows = stmt.query_map([limit], |r| {
        Ok(Record {
            id: r.get(0)?,
            at: r.get(1)?,
            actor: r.get(2)?,
            action: r.get(3)?,
            entity: r.get(4)?,
            entity_id: r.get(5)?,
            article_id: r.get(6)?,
            before: json(r.get(7)?),
            after: json(r.get(8)?),
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
