//! Tables `articles` and `article_outlets`.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::model::{Article, ArticleSummary, ReviewState, Source};
use crate::store::{paragraphs, pull_quotes};
use crate::{Error, Result};

/// A new article, without its paragraphs.
pub struct NewArticle<'a> {
    /// The digest it belongs to.
    pub digest_id: i64,
    /// Its place in the digest.
    pub position: i64,
    /// The title as printed.
    pub title: &'a str,
    /// The attribution line and the outlets it names.
    pub source: &'a Source,
    /// 0..=1: how sure the importer is that the article is whole and correct.
    pub confidence: Option<f64>,
    /// The time stored as the last change (RFC 3339, UTC).
    pub now: &'a str,
}

/// Stores a new article and its outlets; returns its id.
pub fn insert(conn: &Connection, a: &NewArticle<'_>) -> Result<i64> {
    conn.execute(
        "INSERT INTO articles (digest_id, position, title, source_line, confidence, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            a.digest_id,
            a.position,
            a.title,
            a.source.line,
            a.confidence,
            a.now
        ],
    )?;
    let id = conn.last_insert_rowid();
    let mut stmt = conn.prepare_cached(
        "INSERT INTO article_outlets (article_id, position, name) VALUES (?1, ?2, ?3)",
    )?;
    for (i, outlet) in a.source.outlets.iter().enumerate() {
        stmt.execute(params![id, i as i64, outlet])?;
    }
    Ok(id)
}

fn review_state(r: &Row<'_>, idx: usize) -> rusqlite::Result<ReviewState> {
    let s: String = r.get(idx)?;
    ReviewState::parse(&s).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            idx,
            rusqlite::types::Type::Text,
            format!("unknown review state {s:?}").into(),
        )
    })
}

/// The articles of a digest, in page order.
pub fn list_for_digest(conn: &Connection, digest_id: i64) -> Result<Vec<ArticleSummary>> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.digest_id, a.position, a.title, a.source_line, a.review_state, a.confidence,
                (SELECT count(*) FROM paragraphs p WHERE p.article_id = a.id)
         FROM articles a WHERE a.digest_id = ?1 ORDER BY a.position",
    )?;
    let rows = stmt.query_map([digest_id], |r| {
        Ok(ArticleSummary {
            id: r.get(0)?,
            digest_id: r.get(1)?,
            position: r.get(2)?,
            title: r.get(3)?,
            source_line: r.get(4)?,
            review_state: review_state(r, 5)?,
            confidence: r.get(6)?,
            paragraph_count: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The ids of a digest's articles, in page order.
pub fn ids_for_digest(conn: &Connection, digest_id: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM articles WHERE digest_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([digest_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The outlets an article's source line names, in order.
pub fn outlets(conn: &Connection, article_id: i64) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT name FROM article_outlets WHERE article_id = ?1 ORDER BY position",
    )?;
    let rows = stmt.query_map([article_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

/// The whole article: text, source, pull quotes.
pub fn get(conn: &Connection, id: i64) -> Result<Article> {
    let head = conn
        .prepare_cached(
            "SELECT id, digest_id, position, title, source_line, review_state, confidence, updated_at,
                    version
             FROM articles WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, Option<String>>(4)?,
                review_state(r, 5)?,
                r.get::<_, Option<f64>>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, i64>(8)?,
            ))
        })
        .optional()?
        .ok_or(Error::NotFound {
            entity: "article",
            id,
        })?;
    let (id, digest_id, position, title, line, review_state, confidence, updated_at, version) =
        head;
    Ok(Article {
        id,
        digest_id,
        position,
        title,
        source: Source {
            line,
            outlets: outlets(conn, id)?,
        },
        paragraphs: paragraphs::list(conn, id)?,
        pull_quotes: pull_quotes::list(conn, id)?,
        review_state,
        confidence,
        updated_at,
        version,
    })
}

/// The digest of an article, if the article exists.
pub fn digest_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT digest_id FROM articles WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?)
}

/// Whether the article exists.
pub fn exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?
        .query_row([id], |_| Ok(()))
        .optional()?
        .is_some())
}

/// Sets the time of the article's last change and raises its version.
pub fn touch(conn: &Connection, id: i64, now: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE articles SET updated_at = ?2, version = version + 1 WHERE id = ?1",
    )?
    .execute(params![id, now])?;
    Ok(())
}

/// Raises the version of every article of a digest (its structure was put back by an undo).
pub fn bump_digest(conn: &Connection, digest_id: i64) -> Result<()> {
    conn.prepare_cached("UPDATE articles SET version = version + 1 WHERE digest_id = ?1")?
        .execute([digest_id])?;
    Ok(())
}

/// The article's version: raised by every change to it.
pub fn version(conn: &Connection, id: i64) -> Result<i64> {
    conn.prepare_cached("SELECT version FROM articles WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound {
            entity: "article",
            id,
        })
}

/// Sets the article's title.
pub fn set_title(conn: &Connection, id: i64, title: &str) -> Result<()> {
    conn.prepare_cached("UPDATE articles SET title = ?2 WHERE id = ?1")?
        .execute(params![id, title])?;
    Ok(())
}

/// The article's title.
pub fn title(conn: &Connection, id: i64) -> Result<String> {
    Ok(conn
        .prepare_cached("SELECT title FROM articles WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// Where the article is in the editorial workflow.
pub fn state_of(conn: &Connection, id: i64) -> Result<ReviewState> {
    Ok(conn
        .prepare_cached("SELECT review_state FROM articles WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// Moves the article to another review state.
pub fn set_review_state(conn: &Connection, id: i64, state: ReviewState) -> Result<()> {
    conn.prepare_cached("UPDATE articles SET review_state = ?2 WHERE id = ?1")?
        .execute(params![id, state])?;
    Ok(())
}

/// Sets the review state and the time of the last change (as restored from an export).
pub fn restore_state(
    conn: &Connection,
    id: i64,
    state: ReviewState,
    updated_at: &str,
) -> Result<()> {
    conn.prepare_cached("UPDATE articles SET review_state = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![id, state, updated_at])?;
    Ok(())
}

/// A new article that was given annotations becomes `annotated`.
pub fn mark_annotated_if_new(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached(
        "UPDATE articles SET review_state = 'annotated' WHERE id = ?1 AND review_state = 'new'",
    )?
    .execute([id])?;
    Ok(())
}

/// The article's source line, if any.
pub fn source_line(conn: &Connection, id: i64) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT source_line FROM articles WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?)
}

/// Sets or clears the article's source line.
pub fn set_source_line(conn: &Connection, id: i64, line: Option<&str>) -> Result<()> {
    conn.prepare_cached("UPDATE articles SET source_line = ?2 WHERE id = ?1")?
        .execute(params![id, line])?;
    Ok(())
}

/// Replaces the outlets named by an article's source line.
pub fn set_outlets(conn: &Connection, id: i64, outlets: &[String]) -> Result<()> {
    conn.prepare_cached("DELETE FROM article_outlets WHERE article_id = ?1")?
        .execute([id])?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO article_outlets (article_id, position, name) VALUES (?1, ?2, ?3)",
    )?;
    for (i, o) in outlets.iter().enumerate() {
        insert.execute(params![id, i as i64, o])?;
    }
    Ok(())
}

/// Gives `from`'s outlets to `into`.
pub fn move_outlets(conn: &Connection, into: i64, from: i64) -> Result<()> {
    conn.prepare_cached("UPDATE article_outlets SET article_id = ?1 WHERE article_id = ?2")?
        .execute(params![into, from])?;
    Ok(())
}

/// Deletes the article; its paragraphs and annotations go with it.
pub fn delete(conn: &Connection, id: i64) -> Result<()> {
    conn.prepare_cached("DELETE FROM articles WHERE id = ?1")?
        .execute([id])?;
    Ok(())
}

/// Puts a digest's articles in this order (positions 0, 1, …).
pub fn set_order(conn: &Connection, digest_id: i64, order: &[i64]) -> Result<()> {
    // Out of the way first, so UNIQUE (digest, position) holds row by row.
    conn.prepare_cached("UPDATE articles SET position = -id - 1 WHERE digest_id = ?1")?
        .execute([digest_id])?;
    let mut set = conn.prepare_cached("UPDATE articles SET position = ?2 WHERE id = ?1")?;
    for (i, id) in order.iter().enumerate() {
        set.execute(params![id, i as i64])?;
    }
    Ok(())
}

/// Whether an article has decided topics or sentiment, or notes (suggestions are drafted again
/// and do not count).
pub fn has_annotations(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM article_topics WHERE article_id = ?1 AND status <> 'suggested')
             OR EXISTS (SELECT 1 FROM sentiments WHERE article_id = ?1 AND status <> 'suggested')
             OR EXISTS (SELECT 1 FROM notes WHERE article_id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParagraphKind;
    use crate::store::digests;
    use crate::Store;

    #[test]
    fn insert_and_read_back_a_whole_article() {
        let store = Store::open_in_memory().unwrap();
        let c = store.conn();
        let d = digests::insert(
            c,
            &digests::NewDigest {
                name: "d",
                date: None,
                source_file: None,
                content_hash: "h",
                imported_at: "t",
            },
        )
        .unwrap();
        let source = Source {
            line: Some("综合《每日经济新闻》《中国科技信息》".into()),
            outlets: vec!["每日经济新闻".into(), "中国科技信息".into()],
        };
        let id = insert(
            c,
            &NewArticle {
                digest_id: d,
                position: 0,
                title: "标题",
                source: &source,
                confidence: Some(0.9),
                now: "t",
            },
        )
        .unwrap();
        paragraphs::insert(c, id, 0, ParagraphKind::Lead, "导语𠮷。").unwrap();
        paragraphs::insert(c, id, 1, ParagraphKind::Body, "正文😀。").unwrap();
        pull_quotes::insert(c, id, 0, "引语").unwrap();

        let a = get(c, id).unwrap();
        assert_eq!(a.title, "标题");
        assert_eq!(a.source, source);
        assert_eq!(a.paragraphs.len(), 2);
        assert_eq!(a.paragraphs[0].text, "导语𠮷。");
        assert_eq!(a.paragraphs[1].kind, ParagraphKind::Body);
        assert_eq!(a.pull_quotes[0].text, "引语");
        assert_eq!(a.review_state, ReviewState::New);

        let list = list_for_digest(c, d).unwrap();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].paragraph_count, 2);
    }

    #[test]
    fn a_missing_article_is_not_found() {
        let store = Store::open_in_memory().unwrap();
        let err = get(store.conn(), 42).unwrap_err();
        assert!(matches!(
            err,
            Error::NotFound {
                entity: "article",
                id: 42
            }
        ));
    }
}
