//! Tables `learned_examples`, `learned_topics`, `learned_words` and `settings`, and the search
//! vocabulary (`article_search_vocab`): what the desk's topic decisions taught, counted.

use rusqlite::{params, Connection, OptionalExtension};

use crate::Result;

/// A decided topic of an article, as the article's topics say now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    /// The article.
    pub article_id: i64,
    /// The topic.
    pub topic_id: i64,
    /// Accepted (`true`) or rejected.
    pub positive: bool,
}

/// A decision as it was counted: its label and the words counted with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The decision.
    pub decision: Decision,
    /// The distinct words counted.
    pub words: Vec<String>,
}

/// Every decided topic of every article (accepted or rejected), in article order.
pub fn decisions(conn: &Connection) -> Result<Vec<Decision>> {
    let mut stmt = conn.prepare_cached(
        "SELECT article_id, topic_id, status = 'accepted' FROM article_topics
         WHERE status IN ('accepted', 'rejected') ORDER BY article_id, topic_id",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(Decision {
            article_id: r.get(0)?,
            topic_id: r.get(1)?,
            positive: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Every example counted, in article order.
pub fn examples(conn: &Connection) -> Result<Vec<Example>> {
    let mut stmt = conn.prepare_cached(
        "SELECT article_id, topic_id, positive, words FROM learned_examples
         ORDER BY article_id, topic_id",
    )?;
    let rows = stmt.query_map([], |r| {
        let words: String = r.get(3)?;
        Ok(Example {
            decision: Decision {
                article_id: r.get(0)?,
                topic_id: r.get(1)?,
                positive: r.get(2)?,
            },
            words: serde_json::from_str(&words).unwrap_or_default(),
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Counts an example in (`sign` 1) or takes it back out (`sign` -1), with its words.
pub fn count(conn: &Connection, e: &Example, sign: i64) -> Result<()> {
    let d = &e.decision;
    let (pos, neg) = if d.positive { (sign, 0) } else { (0, sign) };
    conn.prepare_cached(
        "INSERT INTO learned_topics (topic_id, positives, negatives) VALUES (?1, ?2, ?3)
         ON CONFLICT (topic_id) DO UPDATE SET positives = positives + ?2,
             negatives = negatives + ?3",
    )?
    .execute(params![d.topic_id, pos, neg])?;
    let mut word = conn.prepare_cached(
        "INSERT INTO learned_words (topic_id, word, positives, negatives) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT (topic_id, word) DO UPDATE SET positives = positives + ?3,
             negatives = negatives + ?4",
    )?;
    for w in &e.words {
        word.execute(params![d.topic_id, w, pos, neg])?;
    }
    if sign > 0 {
        conn.prepare_cached(
            "INSERT OR REPLACE INTO learned_examples (article_id, topic_id, positive, words)
             VALUES (?1, ?2, ?3, ?4)",
        )?
        .execute(params![
            d.article_id,
            d.topic_id,
            d.positive,
            serde_json::to_string(&e.words)?
        ])?;
    } else {
        conn.prepare_cached(
            "DELETE FROM learned_examples WHERE article_id = ?1 AND topic_id = ?2",
        )?
        .execute(params![d.article_id, d.topic_id])?;
    }
    Ok(())
}

/// Drops the words no example counts any more.
pub fn prune(conn: &Connection) -> Result<()> {
    conn.prepare_cached("DELETE FROM learned_words WHERE positives <= 0 AND negatives <= 0")?
        .execute([])?;
    conn.prepare_cached("DELETE FROM learned_topics WHERE positives <= 0 AND negatives <= 0")?
        .execute([])?;
    Ok(())
}

/// Forgets everything learned (before learning again from scratch).
pub fn clear(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM learned_examples; DELETE FROM learned_words; DELETE FROM learned_topics;",
    )?;
    Ok(())
}

/// Examples per topic: (topic id, positives, negatives).
pub fn topics(conn: &Connection) -> Result<Vec<(i64, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT topic_id, positives, negatives FROM learned_topics ORDER BY topic_id",
    )?;
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The words of a topic counted in at least `min` examples: (word, positives, negatives).
pub fn words(conn: &Connection, topic_id: i64, min: i64) -> Result<Vec<(String, i64, i64)>> {
    let mut stmt = conn.prepare_cached(
        "SELECT word, positives, negatives FROM learned_words
         WHERE topic_id = ?1 AND (positives >= ?2 OR negatives >= ?2) ORDER BY word",
    )?;
    let rows = stmt.query_map(params![topic_id, min], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// In how many articles the search index has `word`.
pub fn articles_with(conn: &Connection, word: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT doc FROM article_search_vocab WHERE term = ?1")?
        .query_row([word], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// How many articles are stored.
pub fn article_count(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT count(*) FROM articles")?
        .query_row([], |r| r.get(0))?)
}

/// A setting's value.
pub fn setting(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .prepare_cached("SELECT value FROM settings WHERE key = ?1")?
        .query_row([key], |r| r.get(0))
        .optional()?)
}

/// Sets a setting.
pub fn set_setting(conn: &Connection, key: &str, value: &str) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT (key) DO UPDATE SET value = ?2",
    )?
    .execute(params![key, value])?;
    Ok(())
}
