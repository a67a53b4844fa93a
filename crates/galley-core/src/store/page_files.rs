//! Table `page_files`: the original file (a PDF) a digest's pages were read from, kept once per
//! distinct file, and the link from `digest_pages` to it.

use rusqlite::{params, Connection, OptionalExtension};

use crate::Result;

/// The media type of a PDF.
pub const PDF: &str = "application/pdf";

/// Stores a file unless the same bytes are stored already; returns its id either way.
pub fn insert_or_get(conn: &Connection, media_type: &str, bytes: &[u8]) -> Result<i64> {
    let sha = crate::text::sha256_hex([bytes]);
    let found = conn
        .prepare_cached("SELECT id FROM page_files WHERE sha256 = ?1")?
        .query_row([&sha], |r| r.get(0))
        .optional()?;
    if let Some(id) = found {
        return Ok(id);
    }
    conn.prepare_cached("INSERT INTO page_files (sha256, media_type, bytes) VALUES (?1, ?2, ?3)")?
        .execute(params![sha, media_type, bytes])?;
    Ok(conn.last_insert_rowid())
}

/// Says which file the pages of a digest are in.
pub fn link_pages(conn: &Connection, digest_id: i64, file_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE digest_pages SET file_id = ?2 WHERE digest_id = ?1")?
        .execute(params![digest_id, file_id])?;
    Ok(())
}

/// A kept original file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageFile {
    /// Its media type (`application/pdf`).
    pub media_type: String,
    /// Its bytes as imported.
    pub bytes: Vec<u8>,
}

/// The file a digest's pages were read from, if it was kept.
pub fn for_digest(conn: &Connection, digest_id: i64) -> Result<Option<PageFile>> {
    Ok(conn
        .prepare_cached(
            "SELECT f.media_type, f.bytes FROM page_files f
             WHERE f.id = (SELECT file_id FROM digest_pages WHERE digest_id = ?1
                           AND file_id IS NOT NULL LIMIT 1)",
        )?
        .query_row([digest_id], |r| {
            Ok(PageFile {
                media_type: r.get(0)?,
                bytes: r.get(1)?,
            })
        })
        .optional()?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PageSize;
    use crate::store::page_boxes;

    #[test]
    fn a_file_is_kept_once_and_found_through_each_digest_of_its_pages() {
        let store = crate::Store::open_in_memory().unwrap();
        let conn = store.conn();
        conn.execute_batch(
            "INSERT INTO digests (id, name, content_hash, imported_at)
             VALUES (1, 'a p1', 'h1', 'now'), (2, 'a p2', 'h2', 'now'), (3, 'b', 'h3', 'now');",
        )
        .unwrap();
        for (digest, page) in [(1, 1), (2, 2)] {
            let size = PageSize {
                number: page,
                width: 595.0,
                height: 842.0,
            };
            page_boxes::insert_page(conn, digest, &size).unwrap();
        }
        let first = insert_or_get(conn, PDF, b"%PDF-1.7 one").unwrap();
        let again = insert_or_get(conn, PDF, b"%PDF-1.7 one").unwrap();
        assert_eq!(first, again);
        link_pages(conn, 1, first).unwrap();
        link_pages(conn, 2, again).unwrap();
        for digest in [1, 2] {
            let file = for_digest(conn, digest).unwrap().unwrap();
            assert_eq!(file.bytes, b"%PDF-1.7 one");
            assert_eq!(file.media_type, PDF);
        }
        assert_eq!(for_digest(conn, 3).unwrap(), None);
        let kept: i64 = conn
            .query_row("SELECT count(*) FROM page_files", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, 1);
    }
}
