//! Table `judgements`: each person's own labels of an article (a topic applies or not, the
//! article's tone), as they last decided them. The article's shared topics and sentiment say
//! what the desk settled on; these say who thought what, for agreement between editors.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::model::JudgementKind;
use crate::Result;

/// One person's label of one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Judgement {
    /// The article.
    pub article_id: i64,
    /// Who labelled it.
    pub person: String,
    /// Topic or sentiment.
    pub kind: JudgementKind,
    /// The topic's code; empty for a sentiment.
    pub label: String,
    /// `yes`/`no` for a topic; the sentiment label for a sentiment.
    pub value: String,
}

/// Records (or replaces) `person`'s label of the article.
pub fn record(conn: &Connection, j: &Judgement, at: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO judgements (article_id, person, kind, label, value, at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)
         ON CONFLICT (article_id, person, kind, label)
         DO UPDATE SET value = excluded.value, at = excluded.at",
    )?
    .execute(params![
        j.article_id,
        j.person,
        j.kind,
        j.label,
        j.value,
        at
    ])?;
    Ok(())
}

/// Every label of one kind, by article then person; only the articles of `digest_id` when
/// one is given.
pub fn of_kind(
    conn: &Connection,
    kind: JudgementKind,
    digest_id: Option<i64>,
) -> Result<Vec<Judgement>> {
    let mut stmt = conn.prepare_cached(
        "SELECT j.article_id, j.person, j.kind, j.label, j.value
         FROM judgements j JOIN articles a ON a.id = j.article_id
         WHERE j.kind = ?1 AND (?2 IS NULL OR a.digest_id = ?2)
         ORDER BY j.article_id, j.person, j.label",
    )?;
    let rows = stmt.query_map(params![kind, digest_id], |r| {
        Ok(Judgement {
            article_id: r.get(0)?,
            person: r.get(1)?,
            kind: r.get(2)?,
            label: r.get(3)?,
            value: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<Result<Vec<_>, _>>()?)
}
