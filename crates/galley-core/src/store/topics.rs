//! Tables `topics` and `topic_terms`: the taxonomy (IPTC Media Topics plus the desk's own) and
//! the words that suggest each topic.

use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use crate::{Error, Result};

/// A topic of the taxonomy.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Topic {
    /// The topic's row id.
    pub id: i64,
    /// The topic's code (e.g. `medtop:13000000`).
    pub code: String,
    /// The broader topic it sits under, if any.
    pub parent_id: Option<i64>,
    /// The topic's Chinese label.
    pub label_zh: String,
    /// The topic's English label.
    pub label_en: String,
    /// When the topic was retired, if it was.
    pub retired_at: Option<String>,
    /// Trigger words and their weights.
    pub terms: Vec<(String, f64)>,
}

const SELECT: &str = "SELECT id, code, parent_id, label_zh, label_en, retired_at FROM topics";

fn from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Topic> {
    Ok(Topic {
        id: r.get(0)?,
        code: r.get(1)?,
        parent_id: r.get(2)?,
        label_zh: r.get(3)?,
        label_en: r.get(4)?,
        retired_at: r.get(5)?,
        terms: Vec::new(),
    })
}

fn terms(conn: &Connection, topic_id: i64) -> Result<Vec<(String, f64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT term, weight FROM topic_terms WHERE topic_id = ?1 ORDER BY weight DESC, term",
    )?;
    let rows = stmt.query_map([topic_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Every topic with its terms (retired ones too), in code order.
pub fn list(conn: &Connection) -> Result<Vec<Topic>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT} ORDER BY code"))?;
    let mut topics: Vec<Topic> = stmt.query_map([], from_row)?.collect::<Result<_, _>>()?;
    for t in &mut topics {
        t.terms = terms(conn, t.id)?;
    }
    Ok(topics)
}

/// One topic with its trigger words.
pub fn get(conn: &Connection, id: i64) -> Result<Topic> {
    let mut t = conn
        .prepare_cached(&format!("{SELECT} WHERE id = ?1"))?
        .query_row([id], from_row)
        .optional()?
        .ok_or(Error::NotFound {
            entity: "topic",
            id,
        })?;
    t.terms = terms(conn, t.id)?;
    Ok(t)
}

/// The topic with this code, with its trigger words, if it exists.
pub fn by_code(conn: &Connection, code: &str) -> Result<Option<Topic>> {
    let t = conn
        .prepare_cached(&format!("{SELECT} WHERE code = ?1"))?
        .query_row([code], from_row)
        .optional()?;
    match t {
        Some(mut t) => {
            t.terms = terms(conn, t.id)?;
            Ok(Some(t))
        }
        None => Ok(None),
    }
}

/// Stores a new topic, without trigger words; returns its id.
pub fn insert(
    conn: &Connection,
    code: &str,
    parent_id: Option<i64>,
    label_zh: &str,
    label_en: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO topics (code, parent_id, label_zh, label_en) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![code, parent_id, label_zh, label_en])?;
    Ok(conn.last_insert_rowid())
}

/// Relabels a topic.
pub fn rename(conn: &Connection, id: i64, label_zh: &str, label_en: &str) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE topics SET label_zh = ?2, label_en = ?3 WHERE id = ?1")?
        .execute(params![id, label_zh, label_en])?;
    if n == 0 {
        return Err(Error::NotFound {
            entity: "topic",
            id,
        });
    }
    Ok(())
}

/// Moves a topic under another (or to the top with `None`).
pub fn set_parent(conn: &Connection, id: i64, parent_id: Option<i64>) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE topics SET parent_id = ?2 WHERE id = ?1")?
        .execute(params![id, parent_id])?;
    if n == 0 {
        return Err(Error::NotFound {
            entity: "topic",
            id,
        });
    }
    Ok(())
}

/// Sets or clears `retired_at`.
pub fn set_retired(conn: &Connection, id: i64, retired_at: Option<&str>) -> Result<()> {
    let n = conn
        .prepare_cached("UPDATE topics SET retired_at = ?2 WHERE id = ?1")?
        .execute(params![id, retired_at])?;
    if n == 0 {
        return Err(Error::NotFound {
            entity: "topic",
            id,
        });
    }
    Ok(())
}

/// Adds a trigger word or changes its weight.
pub fn upsert_term(conn: &Connection, topic_id: i64, term: &str, weight: f64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO topic_terms (topic_id, term, weight) VALUES (?1, ?2, ?3)
         ON CONFLICT (topic_id, term) DO UPDATE SET weight = excluded.weight",
    )?
    .execute(params![topic_id, term, weight])?;
    Ok(())
}

/// Removes a trigger word from a topic; returns whether it had the word.
pub fn delete_term(conn: &Connection, topic_id: i64, term: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("DELETE FROM topic_terms WHERE topic_id = ?1 AND term = ?2")?
        .execute(params![topic_id, term])?
        > 0)
}

/// The id of the topic with this code.
pub fn id_by_code(conn: &Connection, code: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM topics WHERE code = ?1")?
        .query_row([code], |r| r.get(0))
        .optional()?)
}

/// The id of the topic in use (not retired) with this code.
pub fn active_id_by_code(conn: &Connection, code: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT id FROM topics WHERE code = ?1 AND retired_at IS NULL")?
        .query_row([code], |r| r.get(0))
        .optional()?)
}

/// The topic whose code, Chinese label or English label (any case) is `value`; a code first.
pub fn find(conn: &Connection, value: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT id FROM topics WHERE code = ?1 OR label_zh = ?1 OR lower(label_en) = lower(?1)
             ORDER BY code = ?1 DESC LIMIT 1",
        )?
        .query_row([value], |r| r.get(0))
        .optional()?)
}
