//! Tables `desk_examples` and `desk_weights`: the decisions the desk's claim and sentiment
//! corrections learned from, and the weights fitted from them.

use std::collections::HashMap;

use rusqlite::{params, Connection};

use crate::model::desk::{DeskModel, Example};
use crate::model::DeskModelKind;
use crate::Result;

/// A stored example's identity and label, to compare with the decisions as they stand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The decided row.
    pub key: String,
    /// The class decided on.
    pub class: String,
    /// Of the class (`true`) or not.
    pub positive: bool,
    /// The text learned from.
    pub text: String,
}

/// The labels of a kind's examples, by key.
pub fn labels(conn: &Connection, kind: DeskModelKind) -> Result<HashMap<String, Label>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, class, positive, text FROM desk_examples WHERE kind = ?1 ORDER BY key",
    )?;
    let rows = stmt.query_map([kind], |r| {
        Ok(Label {
            key: r.get(0)?,
            class: r.get(1)?,
            positive: r.get(2)?,
            text: r.get(3)?,
        })
    })?;
    rows.map(|l| Ok(l.map(|l| (l.key.clone(), l))?)).collect()
}

/// Every example of a kind, in key order.
pub fn examples(conn: &Connection, kind: DeskModelKind) -> Result<Vec<Example>> {
    let mut stmt = conn.prepare_cached(
        "SELECT key, class, positive, text, features, base FROM desk_examples WHERE kind = ?1
         ORDER BY key",
    )?;
    let rows = stmt.query_map([kind], |r| {
        let features: String = r.get(4)?;
        let base: String = r.get(5)?;
        Ok(Example {
            key: r.get(0)?,
            class: r.get(1)?,
            positive: r.get(2)?,
            text: r.get(3)?,
            features: serde_json::from_str(&features).unwrap_or_default(),
            base: serde_json::from_str(&base).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Stores an example (replacing the one of the same key).
pub fn put(conn: &Connection, kind: DeskModelKind, e: &Example) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO desk_examples (kind, key, class, positive, text, features, base)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        kind,
        e.key,
        e.class,
        e.positive,
        e.text,
        serde_json::to_string(&e.features)?,
        serde_json::to_string(&e.base)?
    ])?;
    Ok(())
}

/// Takes an example out.
pub fn remove(conn: &Connection, kind: DeskModelKind, key: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM desk_examples WHERE kind = ?1 AND key = ?2")?
        .execute(params![kind, key])?;
    Ok(())
}

/// Replaces a kind's weights with a fitted model's.
pub fn save(conn: &Connection, kind: DeskModelKind, m: &DeskModel) -> Result<()> {
    conn.prepare_cached("DELETE FROM desk_weights WHERE kind = ?1")?
        .execute([kind])?;
    let mut insert = conn
        .prepare_cached("INSERT INTO desk_weights (kind, feature, weights) VALUES (?1, ?2, ?3)")?;
    for (feature, w) in &m.weights {
        insert.execute(params![kind, feature, serde_json::to_string(w)?])?;
    }
    Ok(())
}

/// A kind's fitted weights (empty before any decision), with the examples it counts.
pub fn load(conn: &Connection, kind: DeskModelKind, classes: Vec<String>) -> Result<DeskModel> {
    let mut stmt =
        conn.prepare_cached("SELECT feature, weights FROM desk_weights WHERE kind = ?1")?;
    let rows = stmt.query_map([kind], |r| {
        let w: String = r.get(1)?;
        Ok((r.get::<_, String>(0)?, w))
    })?;
    let mut weights = HashMap::new();
    for row in rows {
        let (feature, w) = row?;
        let w: Vec<f64> = serde_json::from_str(&w).unwrap_or_default();
        if w.len() == classes.len() {
            weights.insert(feature, w);
        }
    }
    Ok(DeskModel {
        examples: count(conn, kind)?,
        classes,
        weights,
    })
}

/// How many examples a kind has: (of each class, positive) counts.
pub fn tally(conn: &Connection, kind: DeskModelKind) -> Result<Vec<(String, bool, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT class, positive, count(*) FROM desk_examples WHERE kind = ?1
         GROUP BY class, positive ORDER BY class, positive DESC",
    )?;
    let rows = stmt.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// How many examples a kind has.
fn count(conn: &Connection, kind: DeskModelKind) -> Result<usize> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM desk_examples WHERE kind = ?1")?
        .query_row([kind], |r| r.get::<_, i64>(0))? as usize)
}

/// Forgets every example and weight (before learning again from scratch).
pub fn clear(conn: &Connection) -> Result<()> {
    conn.execute_batch("DELETE FROM desk_examples; DELETE FROM desk_weights;")?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::desk_model::{self, CLAIM, NO};

    fn example(key: &str, class: &str) -> Example {
        Example {
            key: key.into(),
            class: class.into(),
            positive: true,
            text: "下周必涨".into(),
            features: desk_model::weighted(["下周".to_string(), "必".to_string()]),
            base: desk_model::claim_base(0.7),
        }
    }

    #[test]
    fn examples_and_weights_round_trip() {
        let store = crate::store::Store::open_in_memory().unwrap();
        let conn = store.conn();
        let kind = DeskModelKind::Claims;
        put(conn, kind, &example("a", NO)).unwrap();
        put(conn, kind, &example("b", CLAIM)).unwrap();
        put(conn, kind, &example("a", NO)).unwrap();
        let all = examples(conn, kind).unwrap();
        assert_eq!(all, vec![example("a", NO), example("b", CLAIM)]);
        assert_eq!(labels(conn, kind).unwrap()["b"].class, CLAIM);
        let m = desk_model::fit(kind, &all);
        save(conn, kind, &m).unwrap();
        assert_eq!(load(conn, kind, desk_model::classes(kind)).unwrap(), m);
        remove(conn, kind, "a").unwrap();
        assert_eq!(
            tally(conn, kind).unwrap(),
            vec![(CLAIM.to_string(), true, 1)]
        );
        clear(conn).unwrap();
        assert!(examples(conn, kind).unwrap().is_empty());
    }
}
