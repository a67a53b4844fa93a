//! Table `paragraphs`: the text of an article, in order, each with its role.

use rusqlite::{params, Connection};

use crate::model::{Paragraph, ParagraphKind};
use crate::Result;

pub fn insert(
    conn: &Connection,
    article_id: i64,
    position: i64,
    kind: ParagraphKind,
    text: &str,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO paragraphs (article_id, position, kind, text) VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![article_id, position, kind.as_str(), text])?;
    Ok(conn.last_insert_rowid())
}

pub fn list(conn: &Connection, article_id: i64) -> Result<Vec<Paragraph>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, position, kind, text FROM paragraphs WHERE article_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([article_id], |r| {
        let kind: String = r.get(2)?;
        Ok(Paragraph {
            id: r.get(0)?,
            position: r.get(1)?,
            kind: ParagraphKind::parse(&kind).ok_or_else(|| {
                rusqlite::Error::FromSqlConversionFailure(
                    2,
                    rusqlite::types::Type::Text,
                    format!("unknown paragraph kind {kind:?}").into(),
                )
            })?,
            text: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
