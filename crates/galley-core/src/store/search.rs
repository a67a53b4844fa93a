//! Table `article_search`: FTS5 over jieba tokens of each article's title and text.

use jieba_rs::Jieba;
use rusqlite::{params, Connection};
use serde::Serialize;

use crate::text::search_tokens;
use crate::Result;

/// Replaces the index row of one article.
pub fn index_article(conn: &Connection, jieba: &Jieba, article_id: i64, text: &str) -> Result<()> {
    index_tokens(conn, article_id, &search_tokens(jieba, text))
}

/// Replaces the index row of one article with tokens made by [`search_tokens`].
pub fn index_tokens(conn: &Connection, article_id: i64, tokens: &str) -> Result<()> {
    // The row id is the article id: replacing a row is a lookup, not a scan.
    conn.prepare_cached("DELETE FROM article_search WHERE rowid = ?1")?
        .execute([article_id])?;
    conn.prepare_cached("INSERT INTO article_search (rowid, tokens) VALUES (?1, ?2)")?
        .execute(params![article_id, tokens])?;
    Ok(())
}

/// An article that matches a search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// The article.
    pub article_id: i64,
    /// Its digest.
    pub digest_id: i64,
    /// The article's title.
    pub title: String,
}

/// Articles matching every word of `query` (segmented the same way as the index), best first.
/// A query with no words matches nothing.
pub fn search(conn: &Connection, jieba: &Jieba, query: &str, limit: i64) -> Result<Vec<Hit>> {
    let tokens = search_tokens(jieba, query);
    if tokens.is_empty() {
        return Ok(Vec::new());
    }
    // Each token as an FTS5 string literal: user input never reaches the query syntax.
    let fts_query = tokens
        .split(' ')
        .map(|t| format!("\"{}\"", t.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ");
    let mut stmt = conn.prepare_cached(
        "SELECT s.rowid, a.digest_id, a.title FROM article_search s
         JOIN articles a ON a.id = s.rowid
         WHERE article_search MATCH ?1 ORDER BY rank LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![fts_query, limit], |r| {
        Ok(Hit {
            article_id: r.get(0)?,
            digest_id: r.get(1)?,
            title: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
