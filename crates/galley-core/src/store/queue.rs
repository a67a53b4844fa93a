//! The reviewers' queue as stored: claims in some statuses, across digests, oldest first,
//! with their article, digest, paragraph and evidence.

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};
use serde::Serialize;

use crate::model::ClaimStatus;
use crate::store::evidence::{self, Evidence};
use crate::Result;

/// A claim waiting for a verdict, with what the reviewer needs to judge it.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct QueueItem {
    /// The claim.
    pub claim_id: i64,
    /// Its article.
    pub article_id: i64,
    /// The article's title.
    pub article_title: String,
    /// The name of the article's digest.
    pub digest_name: String,
    /// The text of the claim's paragraph.
    pub paragraph_text: String,
    /// Code points into `paragraph_text`.
    pub start: i64,
    /// The code point just past the claim.
    pub end: i64,
    /// The claim's text.
    pub text: String,
    /// Where the claim is in fact-checking.
    pub status: ClaimStatus,
    /// The ClaimReview textual rating, if given.
    pub rating: Option<String>,
    /// Who gave the last verdict, if anyone.
    pub reviewer: Option<String>,
    /// Who the claim is assigned to, if anyone.
    pub assigned_to: Option<String>,
    /// The article's version when the queue was read: a verdict sent with it is refused
    /// (`stale`) if someone changed the article since.
    pub version: i64,
    /// Numeric consistency findings (an array of `{check, status, detail}`, or null).
    pub consistency: serde_json::Value,
    /// The evidence so far, oldest first.
    pub evidence: Vec<Evidence>,
}

/// Claims in one of `statuses`, of one digest or all, oldest first; at most `limit` (1 to 5000).
pub fn claims(
    conn: &Connection,
    statuses: &[ClaimStatus],
    digest_id: Option<i64>,
    limit: i64,
) -> Result<Vec<QueueItem>> {
    let mut args: Vec<Value> = statuses
        .iter()
        .map(|s| Value::Text(s.as_str().into()))
        .collect();
    let mut wheres = vec![format!(
        "c.status IN ({})",
        vec!["?"; statuses.len()].join(", ")
    )];
    if let Some(d) = digest_id {
        wheres.push("a.digest_id = ?".to_owned());
        args.push(Value::Integer(d));
    }
    args.push(Value::Integer(limit.clamp(1, 5000)));
    let sql = format!(
        "SELECT c.id, c.article_id, a.title, d.name, p.text, c.start, c.end, c.text, c.status, c.rating, c.reviewer, c.consistency,
                c.assigned_to, a.version
         FROM claims c JOIN articles a ON a.id = c.article_id JOIN digests d ON d.id = a.digest_id
         JOIN paragraphs p ON p.id = c.paragraph_id
         WHERE {} ORDER BY c.created_at, c.id LIMIT ?",
        wheres.join(" AND ")
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut items: Vec<QueueItem> = stmt
        .query_map(params_from_iter(args.iter()), |r| {
            let consistency: Option<String> = r.get(11)?;
            Ok(QueueItem {
                claim_id: r.get(0)?,
                article_id: r.get(1)?,
                article_title: r.get(2)?,
                digest_name: r.get(3)?,
                paragraph_text: r.get(4)?,
                start: r.get(5)?,
                end: r.get(6)?,
                text: r.get(7)?,
                status: r.get(8)?,
                rating: r.get(9)?,
                reviewer: r.get(10)?,
                assigned_to: r.get(12)?,
                version: r.get(13)?,
                consistency: consistency
                    .and_then(|c| serde_json::from_str(&c).ok())
                    .unwrap_or(serde_json::Value::Null),
                evidence: Vec::new(),
            })
        })?
        .collect::<Result<_, _>>()?;
    for item in &mut items {
        item.evidence = evidence::list(conn, item.claim_id)?;
    }
    Ok(items)
}
