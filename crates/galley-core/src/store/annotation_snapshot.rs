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

/// Tables holding an article's annotations, and how their rows are found. Parents first, so
/// rows can be put back in this order (evidence needs its claim).
const TABLES: &[(&str, &str)] = &[
    ("article_topics", "article_id = ?1"),
    ("sentiments", "article_id = ?1"),
    ("claims", "article_id = ?1"),
    (
        "evidence",
        "claim_id IN (SELECT id FROM claims WHERE article_id = ?1)",
    ),
    ("claim_suggestions", "article_id = ?1"),
    ("article_entities", "article_id = ?1"),
    ("notes", "article_id = ?1"),
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleAnnotations {
    pub article_id: i64,
    /// Table name → its rows as column → value.
    pub tables: Vec<(String, Vec<Map<String, Value>>)>,
}

pub fn capture(conn: &Connection, article_id: i64) -> Result<ArticleAnnotations> {
    let mut tables = Vec::new();
    for (table, cond) in TABLES {
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
    for (table, cond) in TABLES.iter().rev() {
        conn.execute(
            &format!("DELETE FROM {table} WHERE {cond}"),
            [snap.article_id],
        )?;
    }
    for (table, rows) in &snap.tables {
        for row in rows {
            let cols: Vec<&String> = row.keys().collect();
            let sql = format!(
                "INSERT INTO {table} ({}) VALUES ({})",
                cols.iter()
                    .map(|c| format!("\"{c}\""))
                    .collect::<Vec<_>>()
                    .join(", "),
                (1..=cols.len())
                    .map(|i| format!("?{i}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let values: Vec<SqlValue> = row.values().map(from_json).collect();
            conn.prepare_cached(&sql)?
                .execute(params_from_iter(values))?;
        }
    }
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
