//! Everything the annotation panel shows for one article, in one read.

use rusqlite::Connection;
use serde::Serialize;

use crate::model::SuggestionStatus;
use crate::store::{
    article_entities, article_keywords, article_topics, claim_suggestions, claims, notes,
    sentiments,
};
use crate::Result;

pub use crate::store::evidence::Evidence;
pub use crate::store::notes::Note;

/// A claim with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct ClaimView {
    /// The claim.
    #[serde(flatten)]
    pub claim: claims::Claim,
    /// Its evidence, oldest first.
    pub evidence: Vec<Evidence>,
}

/// Everything the annotation panel shows for one article.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Annotations {
    /// The article.
    pub article_id: i64,
    /// The article's keywords: the editor's first, then Galley's, best first.
    pub keywords: Vec<article_keywords::StoredKeyword>,
    /// Suggested and decided topics, best first.
    pub topics: Vec<article_topics::ArticleTopic>,
    /// The article-level sentiment rows (suggested, accepted, rejected).
    pub sentiments: Vec<sentiments::StoredSentiment>,
    /// The claims with their evidence, in text order.
    pub claims: Vec<ClaimView>,
    /// Suggested claims still waiting for the editor.
    pub claim_suggestions: Vec<claim_suggestions::ClaimSuggestionRow>,
    /// The named entities, most mentioned first.
    pub entities: Vec<article_entities::StoredEntity>,
    /// The notes on the article and its claims.
    pub notes: Vec<Note>,
}

/// Reads everything the annotation panel shows for one article.
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
    let notes = notes::list(conn, article_id)?;
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

/// The evidence of a claim, oldest first.
pub fn evidence(conn: &Connection, claim_id: i64) -> Result<Vec<Evidence>> {
    crate::store::evidence::list(conn, claim_id)
}
