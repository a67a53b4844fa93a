//! The structure of one digest (articles, outlets, paragraphs, pull quotes, furniture) as a value,
//! and putting a digest back into a recorded structure. Undo and redo of fix-ups restore these.
//!
//! Restoring keeps row ids, so claims and other annotations that point at paragraphs stay
//! attached to the same text.

use jieba_rs::Jieba;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::model::{ParagraphKind, ReviewState};
use crate::store::furniture::{self, Furniture};
use crate::store::page_boxes::{self, BoxOwnerRow};
use crate::store::search;
use crate::Result;

/// A digest's structure as stored: its articles, outlets, paragraphs, pull quotes and furniture.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DigestSnapshot {
    /// The digest.
    pub digest_id: i64,
    /// Its articles.
    pub articles: Vec<ArticleRow>,
    /// The outlets of its articles.
    pub outlets: Vec<OutletRow>,
    /// The paragraphs of its articles.
    pub paragraphs: Vec<ParagraphRow>,
    /// The pull quotes of its articles.
    pub pull_quotes: Vec<PullQuoteRow>,
    /// Its page furniture.
    pub furniture: Vec<Furniture>,
    /// What each box on its pages holds (empty for digests not read from a PDF, and in
    /// entries recorded before boxes were kept).
    #[serde(default)]
    pub boxes: Vec<BoxOwnerRow>,
}

/// A row of `articles`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleRow {
    /// The article's row id.
    pub id: i64,
    /// Its place in the digest.
    pub position: i64,
    /// The title as printed.
    pub title: String,
    /// The attribution line as printed, if any.
    pub source_line: Option<String>,
    /// 0..=1: how sure the importer was that the article is whole and correct.
    pub confidence: Option<f64>,
    /// Where the article is in the editorial workflow.
    pub review_state: ReviewState,
    /// When the article last changed (RFC 3339, UTC).
    pub updated_at: String,
}

/// A row of `article_outlets`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutletRow {
    /// The article.
    pub article_id: i64,
    /// The outlet's place in the source line.
    pub position: i64,
    /// The outlet's name.
    pub name: String,
}

/// A row of `paragraphs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParagraphRow {
    /// The paragraph's row id.
    pub id: i64,
    /// The article.
    pub article_id: i64,
    /// Its place in the article.
    pub position: i64,
    /// Whether it is a lead, body text or a heading.
    pub kind: ParagraphKind,
    /// The paragraph's text.
    pub text: String,
}

/// A row of `pull_quotes`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PullQuoteRow {
    /// The pull quote's row id.
    pub id: i64,
    /// The article.
    pub article_id: i64,
    /// Its place among the article's pull quotes.
    pub position: i64,
    /// The quoted text.
    pub text: String,
}

/// Reads a digest's structure.
pub fn capture(conn: &Connection, digest_id: i64) -> Result<DigestSnapshot> {
    let articles = conn
        .prepare_cached(
            "SELECT id, position, title, source_line, confidence, review_state, updated_at
             FROM articles WHERE digest_id = ?1 ORDER BY position",
        )?
        .query_map([digest_id], |r| {
            Ok(ArticleRow {
                id: r.get(0)?,
                position: r.get(1)?,
                title: r.get(2)?,
                source_line: r.get(3)?,
                confidence: r.get(4)?,
                review_state: r.get(5)?,
                updated_at: r.get(6)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let outlets = conn
        .prepare_cached(
            "SELECT o.article_id, o.position, o.name FROM article_outlets o
             JOIN articles a ON a.id = o.article_id WHERE a.digest_id = ?1
             ORDER BY o.article_id, o.position",
        )?
        .query_map([digest_id], |r| {
            Ok(OutletRow {
                article_id: r.get(0)?,
                position: r.get(1)?,
                name: r.get(2)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let paragraphs = conn
        .prepare_cached(
            "SELECT p.id, p.article_id, p.position, p.kind, p.text FROM paragraphs p
             JOIN articles a ON a.id = p.article_id WHERE a.digest_id = ?1
             ORDER BY p.article_id, p.position",
        )?
        .query_map([digest_id], |r| {
            Ok(ParagraphRow {
                id: r.get(0)?,
                article_id: r.get(1)?,
                position: r.get(2)?,
                kind: r.get(3)?,
                text: r.get(4)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    let pull_quotes = conn
        .prepare_cached(
            "SELECT q.id, q.article_id, q.position, q.text FROM pull_quotes q
             JOIN articles a ON a.id = q.article_id WHERE a.digest_id = ?1
             ORDER BY q.article_id, q.position",
        )?
        .query_map([digest_id], |r| {
            Ok(PullQuoteRow {
                id: r.get(0)?,
                article_id: r.get(1)?,
                position: r.get(2)?,
                text: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(DigestSnapshot {
        digest_id,
        articles,
        outlets,
        paragraphs,
        pull_quotes,
        furniture: furniture::list(conn, digest_id)?,
        boxes: page_boxes::owners(conn, digest_id)?,
    })
}

/// The articles of `to` whose title or paragraphs differ from those in `from`.
pub fn changed_articles(from: &DigestSnapshot, to: &DigestSnapshot) -> Vec<i64> {
    let content = |snap: &DigestSnapshot, id: i64| {
        let title = snap
            .articles
            .iter()
            .find(|a| a.id == id)
            .map(|a| a.title.clone());
        let paragraphs: Vec<(i64, String)> = snap
            .paragraphs
            .iter()
            .filter(|p| p.article_id == id)
            .map(|p| (p.id, p.text.clone()))
            .collect();
        (title, paragraphs)
    };
    to.articles
        .iter()
        .map(|a| a.id)
        .filter(|&id| content(from, id) != content(to, id))
        .collect()
}

/// Puts the digest back into `snap`'s structure, keeping ids, and re-indexes its articles.
pub fn restore(conn: &Connection, jieba: &Jieba, snap: &DigestSnapshot) -> Result<()> {
    let d = snap.digest_id;
    // Move every position out of the way so the UNIQUE (parent, position) constraints hold
    // while rows are put back one by one.
    conn.execute(
        "UPDATE articles SET position = -id - 1 WHERE digest_id = ?1",
        [d],
    )?;
    conn.execute(
        "UPDATE paragraphs SET position = -id - 1
         WHERE article_id IN (SELECT id FROM articles WHERE digest_id = ?1)",
        [d],
    )?;
    conn.execute(
        "UPDATE pull_quotes SET position = -id - 1
         WHERE article_id IN (SELECT id FROM articles WHERE digest_id = ?1)",
        [d],
    )?;

    let mut upsert_article = conn.prepare_cached(
        "INSERT INTO articles (id, digest_id, position, title, source_line, confidence, review_state, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (id) DO UPDATE SET position = excluded.position, title = excluded.title,
             source_line = excluded.source_line, confidence = excluded.confidence,
             review_state = excluded.review_state, updated_at = excluded.updated_at",
    )?;
    for a in &snap.articles {
        upsert_article.execute(params![
            a.id,
            d,
            a.position,
            a.title,
            a.source_line,
            a.confidence,
            a.review_state,
            a.updated_at
        ])?;
    }
    let mut upsert_paragraph = conn.prepare_cached(
        "INSERT INTO paragraphs (id, article_id, position, kind, text) VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (id) DO UPDATE SET article_id = excluded.article_id,
             position = excluded.position, kind = excluded.kind, text = excluded.text",
    )?;
    for p in &snap.paragraphs {
        upsert_paragraph.execute(params![p.id, p.article_id, p.position, p.kind, p.text])?;
    }
    let mut upsert_quote = conn.prepare_cached(
        "INSERT INTO pull_quotes (id, article_id, position, text) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (id) DO UPDATE SET article_id = excluded.article_id,
             position = excluded.position, text = excluded.text",
    )?;
    for q in &snap.pull_quotes {
        upsert_quote.execute(params![q.id, q.article_id, q.position, q.text])?;
    }

    // Rows the snapshot does not have were made by the change being reverted.
    let keep = |ids: Vec<i64>| serde_json::to_string(&ids).expect("ids serialise");
    let article_ids = keep(snap.articles.iter().map(|a| a.id).collect());
    conn.execute(
        "DELETE FROM paragraphs WHERE article_id IN (SELECT id FROM articles WHERE digest_id = ?1)
         AND id NOT IN (SELECT value FROM json_each(?2))",
        params![d, keep(snap.paragraphs.iter().map(|p| p.id).collect())],
    )?;
    conn.execute(
        "DELETE FROM pull_quotes WHERE article_id IN (SELECT id FROM articles WHERE digest_id = ?1)
         AND id NOT IN (SELECT value FROM json_each(?2))",
        params![d, keep(snap.pull_quotes.iter().map(|q| q.id).collect())],
    )?;
    conn.execute(
        "DELETE FROM articles WHERE digest_id = ?1 AND id NOT IN (SELECT value FROM json_each(?2))",
        params![d, article_ids],
    )?;

    conn.execute(
        "DELETE FROM article_outlets WHERE article_id IN (SELECT id FROM articles WHERE digest_id = ?1)",
        [d],
    )?;
    let mut outlet = conn.prepare_cached(
        "INSERT INTO article_outlets (article_id, position, name) VALUES (?1, ?2, ?3)",
    )?;
    for o in &snap.outlets {
        outlet.execute(params![o.article_id, o.position, o.name])?;
    }
    conn.execute("DELETE FROM furniture WHERE digest_id = ?1", [d])?;
    let mut furn = conn.prepare_cached(
        "INSERT INTO furniture (id, digest_id, position, text) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for f in &snap.furniture {
        furn.execute(params![f.id, d, f.position, f.text])?;
    }
    // Claims follow their paragraph.
    conn.execute(
        "UPDATE claims SET article_id = (SELECT article_id FROM paragraphs p WHERE p.id = claims.paragraph_id)
         WHERE paragraph_id IN (SELECT p.id FROM paragraphs p JOIN articles a ON a.id = p.article_id
                                WHERE a.digest_id = ?1)",
        [d],
    )?;
    page_boxes::restore_owners(conn, &snap.boxes)?;
    for a in &snap.articles {
        reindex(conn, jieba, a.id)?;
    }
    Ok(())
}

/// Rebuilds the search row of one article from its stored title and paragraphs.
pub fn reindex(conn: &Connection, jieba: &Jieba, article_id: i64) -> Result<()> {
    let mut text: String = conn.query_row(
        "SELECT title FROM articles WHERE id = ?1",
        [article_id],
        |r| r.get(0),
    )?;
    for p in crate::store::paragraphs::list(conn, article_id)? {
        text.push('\n');
        text.push_str(&p.text);
    }
    search::index_article(conn, jieba, article_id, &text)
}
