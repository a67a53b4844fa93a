//! Tables `articles` and `article_outlets`.

use rusqlite::{params, Connection, OptionalExtension, Row};

use crate::model::{Article, ArticleSummary, ReviewState, Source};
use crate::store::{paragraphs, pull_quotes};
use crate::{Error, Result};

pub struct NewArticle<'a> {
    pub digest_id: i64,
    pub position: i64,
    pub title: &'a str,
    pub source: &'a Source,
    pub confidence: Option<f64>,
    pub now: &'a str,
}

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

pub fn ids_for_digest(conn: &Connection, digest_id: i64) -> Result<Vec<i64>> {
    let mut stmt =
        conn.prepare_cached("SELECT id FROM articles WHERE digest_id = ?1 ORDER BY position")?;
    let rows = stmt.query_map([digest_id], |r| r.get(0))?;
    Ok(rows.collect::<Result<_, _>>()?)
}

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
            "SELECT id, digest_id, position, title, source_line, review_state, confidence, updated_at
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
            ))
        })
        .optional()?
        .ok_or(Error::NotFound {
            entity: "article",
            id,
        })?;
    let (id, digest_id, position, title, line, review_state, confidence, updated_at) = head;
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
    })
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
