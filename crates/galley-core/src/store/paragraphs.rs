//! Table `paragraphs`: the text of an article, in order, each with its role.

use rusqlite::{params, Connection, OptionalExtension};

use crate::model::{Paragraph, ParagraphKind};
use crate::Result;

/// Stores a paragraph; returns its id.
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

/// The paragraphs of an article, in order.
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

/// The article of a paragraph and its position there.
pub fn place(conn: &Connection, id: i64) -> Result<Option<(i64, i64)>> {
    Ok(conn
        .prepare_cached("SELECT article_id, position FROM paragraphs WHERE id = ?1")?
        .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The text of a paragraph, if it exists.
pub fn text(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT text FROM paragraphs WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// The kind of a paragraph, if it exists.
pub fn kind(conn: &Connection, id: i64) -> Result<Option<ParagraphKind>> {
    Ok(conn
        .prepare_cached("SELECT kind FROM paragraphs WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Sets the kind of a paragraph.
pub fn set_kind(conn: &Connection, id: i64, kind: ParagraphKind) -> Result<()> {
    conn.prepare_cached("UPDATE paragraphs SET kind = ?2 WHERE id = ?1")?
        .execute(params![id, kind])?;
    Ok(())
}

/// An article's paragraph ids in order.
pub fn ids(conn: &Connection, article_id: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM paragraphs WHERE article_id = ?1 ORDER BY position")?;
    let ids = stmt.query_map([article_id], |r| r.get(0))?;
    Ok(ids.collect::<Result<_, _>>()?)
}

/// An article's paragraph ids and texts in order.
pub fn texts(conn: &Connection, article_id: i64) -> Result<Vec<(i64, String)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, text FROM paragraphs WHERE article_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([article_id], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// Makes `ids` the paragraphs of `article_id`, in that order; claims follow their paragraph.
///
/// Every paragraph of the article and every one of `ids` first goes to a parked position
/// (`-id - 1`, unique and out of the way), so UNIQUE (article, position) holds row by row. A
/// paragraph of the article missing from `ids` stays parked until the caller places it
/// elsewhere (a move or a split places it next).
pub fn place_all(conn: &Connection, article_id: i64, ids: &[i64]) -> Result<()> {
    conn.prepare_cached("UPDATE paragraphs SET position = -id - 1 WHERE article_id = ?1")?
        .execute([article_id])?;
    let mut park = conn.prepare_cached("UPDATE paragraphs SET position = -id - 1 WHERE id = ?1")?;
    for id in ids {
        park.execute([id])?;
    }
    let mut set =
        conn.prepare_cached("UPDATE paragraphs SET article_id = ?2, position = ?3 WHERE id = ?1")?;
    for (i, id) in ids.iter().enumerate() {
        set.execute(params![id, article_id, i as i64])?;
    }
    crate::store::claims::follow_paragraphs(conn, article_id)
}

/// Replaces a paragraph's text (only for a paragraph without claims: their offsets point into
/// the text).
pub fn set_text(conn: &Connection, id: i64, text: &str) -> Result<()> {
    conn.prepare_cached("UPDATE paragraphs SET text = ?2 WHERE id = ?1")?
        .execute(params![id, text])?;
    Ok(())
}

/// Deletes a paragraph; its claims go with it.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM paragraphs WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}
