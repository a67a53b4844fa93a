//! Everything the annotation panel shows for one article, in one read.

use rusqlite::Connection;
use serde::Serialize;

use crate::model::SuggestionStatus;
use crate::store::{
    article_entities, article_keywords, article_topics, claim_suggestions, claims, sentiments,
};
use crate::Result;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Evidence {
    pub id: i64,
    pub url: Option<String>,
    pub quote: Option<String>,
    pub note: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

/// A claim with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimView {
    #[serde(flatten)]
    pub claim: claims::Claim,
    pub evidence: Vec<Evidence>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Note {
    pub id: i64,
    pub body: String,
    pub author: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Annotations {
    pub article_id: i64,
    pub keywords: Vec<article_keywords::StoredKeyword>,
    /// Suggested and decided topics, best first.
    pub topics: Vec<article_topics::ArticleTopic>,
    /// The article-level sentiment rows (suggested, accepted, rejected).
    pub sentiments: Vec<sentiments::StoredSentiment>,
    pub claims: Vec<ClaimView>,
    /// Suggested claims still waiting for the editor.
    pub claim_suggestions: Vec<claim_suggestions::ClaimSuggestionRow>,
    pub entities: Vec<article_entities::StoredEntity>,
    pub notes: Vec<Note>,
}

pub fn annotations(conn: &Connection, article_id: i64) -> Result<Annotations> {
    let claims = claims::list(conn, article_id)?
        .into_iter()
        .map(|claim| {
            Ok(ClaimView {
                evidence: evidence(conn, claim.id)?,
                claim,
            })
        })
        .collect::<Result<Vec<_>>>()?;
    let notes = conn
        .prepare_cached(
            "SELECT id, body, author, created_at FROM notes WHERE article_id = ?1 ORDER BY id",
        )?
        .query_map([article_id], |r| {
            Ok(Note {
                id: r.get(0)?,
                body: r.get(1)?,
                author: r.get(2)?,
                created_at: r.get(3)?,
            })
        })?
        .collect::<Result<_, _>>()?;
    Ok(Annotations {
        article_id,
        keywords: article_keywords::list(conn, article_id)?,
        topics: article_topics::list(conn, article_id)?,
        sentiments: sentiments::list(conn, article_id)?
            .into_iter()
            .filter(|s| s.paragraph_id.is_none())
            .collect(),
        claims,
        claim_suggestions: claim_suggestions::list(conn, article_id)?
            .into_iter()
            .filter(|s| s.status == SuggestionStatus::Suggested)
            .collect(),
        entities: article_entities::list(conn, article_id)?,
        notes,
    })
}

pub fn evidence(conn: &Connection, claim_id: i64) -> Result<Vec<Evidence>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, url, quote, note, added_by, added_at FROM evidence WHERE claim_id = ?1 ORDER BY id",
    )?;
    let rows = stmt.query_map([claim_id], |r| {
        Ok(Evidence {
            id: r.get(0)?,
            url: r.get(1)?,
            quote: r.get(2)?,
            note: r.get(3)?,
            added_by: r.get(4)?,
            added_at: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<Result<_, _>>()?)
}
