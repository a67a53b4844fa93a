//! Tables `digest_pages` and `page_boxes`: where each piece of a digest read from a PDF was on
//! its page.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::model::{BoxRole, PageBox, PageSize};
use crate::Result;

/// Records a page of a digest and its size.
pub fn insert_page(conn: &Connection, digest_id: i64, p: &PageSize) -> Result<()> {
    conn.prepare_cached(
        "INSERT OR REPLACE INTO digest_pages (digest_id, page, width, height)
         VALUES (?1, ?2, ?3, ?4)",
    )?
    .execute(params![digest_id, p.number, p.width, p.height])?;
    Ok(())
}

/// What a new box belongs to.
#[derive(Debug, Clone, Copy, Default)]
pub struct Owner {
    /// The article (titles, pull quotes, source lines).
    pub article_id: Option<i64>,
    /// The paragraph.
    pub paragraph_id: Option<i64>,
    /// The piece of furniture.
    pub furniture_id: Option<i64>,
}

/// Records a box.
pub fn insert(
    conn: &Connection,
    digest_id: i64,
    place: &PageBox,
    role: BoxRole,
    owner: Owner,
) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO page_boxes (digest_id, page, x0, y0, x1, y1, role, article_id,
             paragraph_id, furniture_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
        digest_id,
        place.page,
        place.x0,
        place.y0,
        place.x1,
        place.y1,
        role,
        owner.article_id,
        owner.paragraph_id,
        owner.furniture_id
    ])?;
    Ok(conn.last_insert_rowid())
}

/// A stored box, with the article it belongs to now (a paragraph's through the paragraph);
/// owners deleted since read as `None`.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StoredBox {
    /// The box's id.
    pub id: i64,
    /// Where it is.
    #[serde(flatten)]
    pub place: PageBox,
    /// What it held when imported.
    pub role: BoxRole,
    /// The article it belongs to now, if any (furniture has none).
    pub article_id: Option<i64>,
    /// The paragraph, for a paragraph's box.
    pub paragraph_id: Option<i64>,
    /// The piece of furniture, for furniture.
    pub furniture_id: Option<i64>,
}

/// The pages of a digest, in order.
pub fn pages(conn: &Connection, digest_id: i64) -> Result<Vec<PageSize>> {
    let mut stmt = conn.prepare_cached(
        "SELECT page, width, height FROM digest_pages WHERE digest_id = ?1 ORDER BY page",
    )?;
    let rows = stmt.query_map([digest_id], |r| {
        Ok(PageSize {
            number: r.get(0)?,
            width: r.get(1)?,
            height: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The boxes of a digest, page by page, top to bottom.
pub fn list(conn: &Connection, digest_id: i64) -> Result<Vec<StoredBox>> {
    let mut stmt = conn.prepare_cached(
        "SELECT b.id, b.page, b.x0, b.y0, b.x1, b.y1, b.role,
                CASE WHEN b.paragraph_id IS NULL THEN a.id ELSE p.article_id END, p.id, f.id
         FROM page_boxes b
         LEFT JOIN paragraphs p ON p.id = b.paragraph_id
         LEFT JOIN articles a ON a.id = b.article_id
         LEFT JOIN furniture f ON f.id = b.furniture_id
         WHERE b.digest_id = ?1 ORDER BY b.page, b.y0, b.x0, b.id",
    )?;
    let rows = stmt.query_map([digest_id], |r| {
        Ok(StoredBox {
            id: r.get(0)?,
            place: PageBox {
                page: r.get(1)?,
                x0: r.get(2)?,
                y0: r.get(3)?,
                x1: r.get(4)?,
                y1: r.get(5)?,
            },
            role: r.get(6)?,
            article_id: r.get(7)?,
            paragraph_id: r.get(8)?,
            furniture_id: r.get(9)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// What a box holds and belongs to: the part of a box a fix-up changes, and its undo restores.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct BoxOwnerRow {
    /// The box's id.
    pub id: i64,
    /// What it holds.
    pub role: BoxRole,
    /// The article (titles, pull quotes, source lines).
    pub article_id: Option<i64>,
    /// The paragraph.
    pub paragraph_id: Option<i64>,
    /// The piece of furniture.
    pub furniture_id: Option<i64>,
}

/// The owners of a digest's boxes, by box id.
pub fn owners(conn: &Connection, digest_id: i64) -> Result<Vec<BoxOwnerRow>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, role, article_id, paragraph_id, furniture_id FROM page_boxes
         WHERE digest_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([digest_id], |r| {
        Ok(BoxOwnerRow {
            id: r.get(0)?,
            role: r.get(1)?,
            article_id: r.get(2)?,
            paragraph_id: r.get(3)?,
            furniture_id: r.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Puts owners read by [`owners`] back.
pub fn restore_owners(conn: &Connection, rows: &[BoxOwnerRow]) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE page_boxes SET role = ?2, article_id = ?3, paragraph_id = ?4, furniture_id = ?5
         WHERE id = ?1",
    )?;
    for b in rows {
        stmt.execute(params![
            b.id,
            b.role,
            b.article_id,
            b.paragraph_id,
            b.furniture_id
        ])?;
    }
    Ok(())
}

/// Gives the boxes of a paragraph that stopped being one (became a title, pull quote or
/// furniture) their new role and owner.
pub fn reassign_paragraph(
    conn: &Connection,
    paragraph_id: i64,
    role: BoxRole,
    owner: Owner,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE page_boxes SET role = ?2, article_id = ?3, paragraph_id = ?4, furniture_id = ?5
         WHERE paragraph_id = ?1",
    )?
    .execute(params![
        paragraph_id,
        role,
        owner.article_id,
        owner.paragraph_id,
        owner.furniture_id
    ])?;
    Ok(())
}

/// The ids of the boxes of an article's title.
pub fn title_boxes(conn: &Connection, article_id: i64) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM page_boxes WHERE article_id = ?1 AND role = 'title' ORDER BY id",
    )?;
    let rows = stmt.query_map([article_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Makes boxes hold a paragraph.
pub fn make_paragraph_boxes(conn: &Connection, ids: &[i64], paragraph_id: i64) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "UPDATE page_boxes SET role = 'paragraph', article_id = NULL, paragraph_id = ?2,
             furniture_id = NULL WHERE id = ?1",
    )?;
    for id in ids {
        stmt.execute(params![id, paragraph_id])?;
    }
    Ok(())
}
