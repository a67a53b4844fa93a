//! Every annotation of one article (topics, sentiments, claims with their evidence, claim
//! suggestions, entities, notes) as a value, and putting an article back into a recorded state.
//! Undo and redo of annotations restore these.
//!
//! Rows are copied column by column as they are stored, so a column added by a later migration
//! is kept without changes here.

use rusqlite::types::Value as SqlValue;
use rusqlite::{params_from_iter, Connection};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::Result;

/// Tables holding an article's annotations, how their rows are found, and the columns that
/// name a row. Parents first, so rows can be put back in this order (evidence needs its claim).
const TABLES: &[(&str, &str, &[&str])] = &[
    (
        "article_topics",
        "article_id = ?1",
        &["article_id", "topic_id"],
    ),
    ("sentiments", "article_id = ?1", &["id"]),
    ("claims", "article_id = ?1", &["id"]),
    (
        "evidence",
        "claim_id IN (SELECT id FROM claims WHERE article_id = ?1)",
        &["id"],
    ),
    ("claim_suggestions", "article_id = ?1", &["id"]),
    ("article_entities", "article_id = ?1", &["id"]),
    ("notes", "article_id = ?1", &["id"]),
    (
        "judgements",
        "article_id = ?1",
        &["article_id", "person", "kind", "label"],
    ),
];

/// Every annotation row of one article, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleAnnotations {
    /// The article.
    pub article_id: i64,
    /// Table name → its rows as column → value.
    pub tables: Vec<(String, Vec<Map<String, Value>>)>,
}

/// Reads every annotation row of an article.
pub fn capture(conn: &Connection, article_id: i64) -> Result<ArticleAnnotations> {
    let mut tables = Vec::new();
    for (table, cond, _) in TABLES {
        let mut stmt = conn.prepare_cached(&format!(
            "SELECT * FROM {table} WHERE {cond} ORDER BY rowid"
        ))?;
        let names: Vec<String> = stmt.column_names().iter().map(|s| s.to_string()).collect();
        let rows = stmt
            .query_map([article_id], |r| {
                let mut row = Map::new();
                for (i, name) in names.iter().enumerate() {
                    row.insert(name.clone(), to_json(r.get::<_, SqlValue>(i)?));
                }
                Ok(row)
            })?
            .collect::<Result<Vec<_>, _>>()?;
        tables.push((table.to_string(), rows));
    }
    Ok(ArticleAnnotations { article_id, tables })
}

/// Replaces the article's annotations with the recorded ones (same ids).
pub fn restore(conn: &Connection, snap: &ArticleAnnotations) -> Result<()> {
    // Children first when deleting.
    for (table, cond, _) in TABLES.iter().rev() {
        conn.execute(
            &format!("DELETE FROM {table} WHERE {cond}"),
            [snap.article_id],
        )?;
    }
    for (table, rows) in &snap.tables {
        let key = key_columns(table)?;
        for row in rows {
            upsert(conn, table, key, row)?;
        }
    }
    Ok(())
}

/// The rows a change touched, on one side of it: as they were before (rows it changed or
/// removed) or as they are after (rows it changed or added). A pair of these is what the
/// history keeps of an annotation change, instead of two whole [`ArticleAnnotations`].
pub type ChangedRows = ArticleAnnotations;

/// The rows that differ between two states of one article: `(before side, after side)`.
pub fn diff(before: &ArticleAnnotations, after: &ArticleAnnotations) -> (ChangedRows, ChangedRows) {
    let mut old = Vec::new();
    let mut new = Vec::new();
    for (table, _, key) in TABLES {
        let (b, a) = (rows_of(before, table), rows_of(after, table));
        old.push((table.to_string(), missing_from(b, a, key)));
        new.push((table.to_string(), missing_from(a, b, key)));
    }
    let side = |tables| ArticleAnnotations {
        article_id: before.article_id,
        tables: prune(tables),
    };
    (side(old), side(new))
}

/// Takes the article from the state that has the rows `from` to the one that has the rows
/// `to` (the two sides of a [`diff`]): rows only in `from` are deleted, the others written.
pub fn apply_diff(conn: &Connection, from: &ChangedRows, to: &ChangedRows) -> Result<()> {
    // Children first when deleting.
    for (table, _, key) in TABLES.iter().rev() {
        let kept: std::collections::HashSet<Vec<&Value>> =
            rows_of(to, table).iter().map(|r| key_of(r, key)).collect();
        for row in rows_of(from, table) {
            if !kept.contains(&key_of(row, key)) {
                delete_row(conn, table, key, row)?;
            }
        }
    }
    for (table, _, key) in TABLES {
        for row in rows_of(to, table) {
            upsert(conn, table, key, row)?;
        }
    }
    Ok(())
}

fn key_columns(table: &str) -> Result<&'static [&'static str]> {
    TABLES
        .iter()
        .find(|(t, _, _)| *t == table)
        .map(|(_, _, key)| *key)
        .ok_or_else(|| crate::Error::Invalid(format!("{table} holds no annotations")))
}

fn rows_of<'a>(snap: &'a ArticleAnnotations, table: &str) -> &'a [Map<String, Value>] {
    snap.tables
        .iter()
        .find(|(t, _)| t == table)
        .map_or(&[], |(_, rows)| rows.as_slice())
}

/// Rows of `a` that `b` does not have as they are (absent, or with other values).
fn missing_from(
    a: &[Map<String, Value>],
    b: &[Map<String, Value>],
    key: &[&str],
) -> Vec<Map<String, Value>> {
    let keyed: std::collections::HashMap<Vec<&Value>, &Map<String, Value>> =
        b.iter().map(|r| (key_of(r, key), r)).collect();
    a.iter()
        .filter(|r| keyed.get(&key_of(r, key)) != Some(r))
        .cloned()
        .collect()
}

fn key_of<'a>(row: &'a Map<String, Value>, key: &[&str]) -> Vec<&'a Value> {
    key.iter()
        .map(|k| row.get(*k).unwrap_or(&Value::Null))
        .collect()
}

fn prune(tables: Vec<(String, Vec<Map<String, Value>>)>) -> Vec<(String, Vec<Map<String, Value>>)> {
    tables
        .into_iter()
        .filter(|(_, rows)| !rows.is_empty())
        .collect()
}

fn delete_row(
    conn: &Connection,
    table: &str,
    key: &[&str],
    row: &Map<String, Value>,
) -> Result<()> {
    let cond: Vec<String> = key
        .iter()
        .enumerate()
        .map(|(i, k)| format!("\"{k}\" = ?{}", i + 1))
        .collect();
    let values: Vec<SqlValue> = key_of(row, key).into_iter().map(from_json).collect();
    conn.prepare_cached(&format!("DELETE FROM {table} WHERE {}", cond.join(" AND ")))?
        .execute(params_from_iter(values))?;
    Ok(())
}

/// Writes a row as recorded: inserted, or updating the row of the same key in place (not
/// `REPLACE`, which would delete it and its children with it).
fn upsert(conn: &Connection, table: &str, key: &[&str], row: &Map<String, Value>) -> Result<()> {
    let cols: Vec<String> = row.keys().map(|c| format!("\"{c}\"")).collect();
    let slots: Vec<String> = (1..=cols.len()).map(|i| format!("?{i}")).collect();
    let set: Vec<String> = cols.iter().map(|c| format!("{c} = excluded.{c}")).collect();
    let sql = format!(
        "INSERT INTO {table} ({}) VALUES ({}) ON CONFLICT ({}) DO UPDATE SET {}",
        cols.join(", "),
        slots.join(", "),
        key.join(", "),
        set.join(", ")
    );
    let values: Vec<SqlValue> = row.values().map(from_json).collect();
    conn.prepare_cached(&sql)?
        .execute(params_from_iter(values))?;
    Ok(())
}

fn to_json(v: SqlValue) -> Value {
    match v {
        SqlValue::Null => Value::Null,
        SqlValue::Integer(i) => Value::from(i),
        SqlValue::Real(f) => serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number),
        SqlValue::Text(s) => Value::String(s),
        SqlValue::Blob(b) => Value::Array(b.into_iter().map(Value::from).collect()),
    }
}

fn from_json(v: &Value) -> SqlValue {
    match v {
        Value::Null => SqlValue::Null,
        Value::Bool(b) => SqlValue::Integer(*b as i64),
        Value::Number(n) => n.as_i64().map_or_else(
            || SqlValue::Real(n.as_f64().unwrap_or(0.0)),
            SqlValue::Integer,
        ),
        Value::String(s) => SqlValue::Text(s.clone()),
        Value::Array(a) => SqlValue::Blob(
            a.iter()
                .filter_map(|x| x.as_u64())
                .map(|x| x as u8)
                .collect(),
        ),
        Value::Object(_) => SqlValue::Text(v.to_string()),
    }
}
