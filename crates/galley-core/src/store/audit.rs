//! Table `audit_log`: every change, with who, when, and the state before and after.
//!
//! Undoable entries also carry `undo_state`: `done`, `undone`, or `dropped` (undone and then
//! replaced by a newer change, so it can no longer be redone).

use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;

use crate::Result;

/// A change to record in the audit log.
pub struct Entry<'a> {
    /// Who made the change.
    pub actor: &'a str,
    /// What was done (e.g. `claim.accept`).
    pub action: &'a str,
    /// What kind of thing changed (e.g. `claim`).
    pub entity: &'a str,
    /// The row that changed, if one did.
    pub entity_id: Option<i64>,
    /// The article the change concerns, if any.
    pub article_id: Option<i64>,
    /// The state before the change.
    pub before: Option<serde_json::Value>,
    /// The state after the change.
    pub after: Option<serde_json::Value>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Record {
    /// The entry's row id.
    pub id: i64,
    /// When the change was made (RFC 3339, UTC).
    pub at: String,
    /// Who made the change.
    pub actor: String,
    /// What was done (e.g. `claim.accept`).
    pub action: String,
    /// What kind of thing changed (e.g. `claim`).
    pub entity: String,
    /// The row that changed, if one did.
    pub entity_id: Option<i64>,
    /// The article the change concerns, if any.
    pub article_id: Option<i64>,
    /// The digest of an undoable change.
    pub digest_id: Option<i64>,
    /// `done`, `undone` or `dropped` for an undoable change; `None` otherwise.
    pub undo_state: Option<String>,
    /// For an undo or a redo: the entry it reverts.
    pub reverts: Option<i64>,
    /// The state before the change.
    pub before: Option<serde_json::Value>,
    /// The state after the change.
    pub after: Option<serde_json::Value>,
}

/// Records a change that cannot be undone (an import, an undo itself).
pub fn record(conn: &Connection, at: &str, e: &Entry<'_>) -> Result<i64> {
    insert(conn, at, e, None, None, None)
}

/// Records a change of `digest_id` that can be undone; drops whatever could be redone.
pub fn record_undoable(conn: &Connection, at: &str, e: &Entry<'_>, digest_id: i64) -> Result<i64> {
    drop_redos(conn, e.actor)?;
    insert(conn, at, e, Some(digest_id), Some("done"), None)
}

/// Turns an entry already written (by the language layer's decisions) into an undoable change
/// of `digest_id` with the given states; drops whatever could be redone.
pub fn make_undoable(
    conn: &Connection,
    id: i64,
    digest_id: i64,
    before: &serde_json::Value,
    after: &serde_json::Value,
) -> Result<()> {
    let actor: String = conn.query_row("SELECT actor FROM audit_log WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    drop_redos(conn, &actor)?;
    conn.execute(
        "UPDATE audit_log SET digest_id = ?2, undo_state = 'done', before = ?3, after = ?4 WHERE id = ?1",
        params![id, digest_id, before.to_string(), after.to_string()],
    )?;
    Ok(())
}

/// A new change by `actor` drops what that person could still redo (each person has a
/// history of their own).
fn drop_redos(conn: &Connection, actor: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE audit_log SET undo_state = 'dropped' WHERE undo_state = 'undone' AND actor = ?1",
    )?
    .execute([actor])?;
    Ok(())
}

/// Records an undo or redo of entry `reverts`.
pub fn record_reversal(conn: &Connection, at: &str, e: &Entry<'_>, reverts: i64) -> Result<i64> {
    insert(conn, at, e, None, None, Some(reverts))
}

fn insert(
    conn: &Connection,
    at: &str,
    e: &Entry<'_>,
    digest_id: Option<i64>,
    undo_state: Option<&str>,
    reverts: Option<i64>,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO audit_log (at, actor, action, entity, entity_id, article_id, before, after,
                                digest_id, undo_state, reverts)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
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
        digest_id,
        undo_state,
        reverts,
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Sets an undoable entry's `undo_state` (`done`, `undone` or `dropped`).
pub fn set_undo_state(conn: &Connection, id: i64, state: &str) -> Result<()> {
    conn.execute(
        "UPDATE audit_log SET undo_state = ?2 WHERE id = ?1",
        params![id, state],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT id, at, actor, action, entity, entity_id, article_id, digest_id,
        undo_state, reverts, before, after FROM audit_log";

fn from_row(r: &Row<'_>) -> rusqlite::Result<Record> {
    let json = |s: Option<String>| s.and_then(|s| serde_json::from_str(&s).ok());
    Ok(Record {
        id: r.get(0)?,
        at: r.get(1)?,
        actor: r.get(2)?,
        action: r.get(3)?,
        entity: r.get(4)?,
        entity_id: r.get(5)?,
        article_id: r.get(6)?,
        digest_id: r.get(7)?,
        undo_state: r.get(8)?,
        reverts: r.get(9)?,
        before: json(r.get(10)?),
        after: json(r.get(11)?),
    })
}

/// The most recent entries first.
pub fn recent(conn: &Connection, limit: i64) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY id DESC LIMIT ?1"))?;
    let rows = stmt.query_map([limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The change an undo would revert: the newest one still done.
pub fn next_undo(conn: &Connection, actor: &str) -> Result<Option<Record>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE undo_state = 'done' AND actor = ?1 ORDER BY id DESC LIMIT 1"
    ))?;
    Ok(stmt.query_row([actor], from_row).optional()?)
}

/// The change a redo would re-apply: the oldest one undone (undo walks backwards).
pub fn next_redo(conn: &Connection, actor: &str) -> Result<Option<Record>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE undo_state = 'undone' AND actor = ?1 ORDER BY id ASC LIMIT 1"
    ))?;
    Ok(stmt.query_row([actor], from_row).optional()?)
}

/// Someone else's change, after entry `since`, to what `record` changed (its digest's
/// structure, or for an annotation change its article): (their name, the entry's id).
pub fn changed_since(
    conn: &Connection,
    record: &Record,
    since: i64,
) -> Result<Option<(String, i64)>> {
    let article = match record.before.as_ref().and_then(|b| b["kind"].as_str()) {
        Some("digest_structure") => None,
        _ => record.article_id,
    };
    Ok(conn
        .prepare_cached(
            "SELECT l.actor, l.id FROM audit_log l LEFT JOIN audit_log o ON o.id = l.reverts
             WHERE l.id > ?1 AND l.actor <> ?2
               AND coalesce(l.digest_id, o.digest_id) = ?3
               AND (?4 IS NULL OR coalesce(l.article_id, o.article_id) = ?4)
               AND coalesce(l.undo_state, 'done') <> 'undone'
               AND NOT (l.reverts IS NOT NULL AND o.undo_state = 'undone')
             ORDER BY l.id DESC LIMIT 1",
        )?
        .query_row(
            params![since, record.actor, record.digest_id, article],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Refuses a change based on version `base` of an article changed since: says who changed it
/// last and how.
pub fn ensure_current(conn: &Connection, article_id: i64, base: i64) -> Result<()> {
    let now = crate::store::articles::version(conn, article_id)?;
    if now == base {
        return Ok(());
    }
    let last = for_article(conn, article_id, 1)?.into_iter().next();
    let by = last
        .map(|r| format!(": last by {} ({})", r.actor, r.action))
        .unwrap_or_default();
    Err(crate::Error::Stale(format!(
        "article {article_id} was changed since you opened it (version {base}, now {now}){by}"
    )))
}

/// The latest undo or redo of entry `id`, if any.
pub fn last_reversal(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT max(id) FROM audit_log WHERE reverts = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// Changes that touched an article, newest first.
pub fn for_article(conn: &Connection, article_id: i64, limit: i64) -> Result<Vec<Record>> {
    let mut stmt = conn.prepare_cached(&format!(
        "{SELECT} WHERE article_id = ?1 ORDER BY id DESC LIMIT ?2"
    ))?;
    let rows = stmt.query_map(params![article_id, limit], from_row)?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The id of the latest entry (0 when the log is empty).
pub fn last_id(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| {
            r.get(0)
        })?,
    )
}

/// The first entry recorded after `id`, if any.
pub fn first_after(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row(
            "SELECT id FROM audit_log WHERE id > ?1 ORDER BY id LIMIT 1",
            [id],
            |r| r.get(0),
        )
        .optional()?)
}
