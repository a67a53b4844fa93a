//! Table `article_keywords`: an article's keywords, best first.

use rusqlite::{params, Connection};
use serde::Serialize;

use crate::Result;

/// A stored keyword of an article.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct StoredKeyword {
    /// The word.
    pub word: String,
    /// 0..1, the best keyword of the article is 1.
    pub score: f64,
    /// `tfidf`, `textrank` or `tfidf+textrank`.
    pub method: String,
    /// `auto` or `editor`.
    pub source: String,
}

/// Replaces the automatic keywords of an article.
pub fn replace_auto(
    conn: &Connection,
    article_id: i64,
    keywords: &[(String, f64, String)],
    now: &str,
) -> Result<()> {
    conn.prepare_cached("DELETE FROM article_keywords WHERE article_id = ?1 AND source = 'auto'")?
        .execute([article_id])?;
    let next: i64 = conn.query_row(
        "SELECT coalesce(max(position) + 1, 0) FROM article_keywords WHERE article_id = ?1",
        [article_id],
        |r| r.get(0),
    )?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO article_keywords (article_id, position, word, score, method, source, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, 'auto', ?6)",
    )?;
    for (i, (word, score, method)) in keywords.iter().enumerate() {
        stmt.execute(params![
            article_id,
            next + i as i64,
            word,
            score,
            method,
            now
        ])?;
    }
    Ok(())
}

/// The keywords of an article: the editor's first, then Galley's, best first.
pub fn list(conn: &Connection, article_id: i64) -> Result<Vec<StoredKeyword>> {
    let mut stmt = conn.prepare_cached(
        "SELECT word, score, method, source FROM article_keywords WHERE article_id = ?1
         ORDER BY source = 'auto', score DESC, position",
    )?;
    let rows = stmt.query_map([article_id], |r| {
        Ok(StoredKeyword {
            word: r.get(0)?,
            score: r.get(1)?,
            method: r.get(2)?,
            source: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
