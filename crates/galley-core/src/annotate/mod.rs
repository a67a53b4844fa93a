//! The editor's and reviewer's annotations of an article: topics, sentiment, claims as text
//! spans, verdicts with evidence, notes. Each change is one transaction, in the audit log with
//! the article's annotations before and after, and undoable with the fix-ups (one history).

pub mod queue;
pub mod snapshot;
pub mod view;

use jieba_rs::Jieba;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

use crate::edit::Change;
use crate::language::suggest;
use crate::model::{ClaimStatus, Origin, Rating, SentimentLabel};
use crate::store::{audit, claims, now};
use crate::{Error, Result, Store};

/// One annotation change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Annotation {
    /// Accept or reject a suggested topic.
    DecideTopic {
        article_id: i64,
        topic_id: i64,
        accept: bool,
    },
    /// The editor's own topic (accepted at once).
    AddTopic {
        article_id: i64,
        code: String,
    },
    /// Take a topic off the article.
    RemoveTopic {
        article_id: i64,
        topic_id: i64,
    },
    /// Accept or reject a suggested sentiment.
    DecideSentiment {
        sentiment_id: i64,
        accept: bool,
    },
    /// The editor's own judgement of the article's tone.
    SetSentiment {
        article_id: i64,
        label: SentimentLabel,
    },
    AcceptClaim {
        suggestion_id: i64,
    },
    RejectClaim {
        suggestion_id: i64,
    },
    /// A claim the editor marked: code points `[start, end)` of the paragraph's stored text.
    AddClaim {
        paragraph_id: i64,
        start: i64,
        end: i64,
    },
    /// Move a claim's ends (code points).
    AdjustClaim {
        claim_id: i64,
        start: i64,
        end: i64,
    },
    DeleteClaim {
        claim_id: i64,
    },
    /// The reviewer's verdict: a status, and a ClaimReview rating (e.g. 属实).
    SetVerdict {
        claim_id: i64,
        status: ClaimStatus,
        rating: Option<String>,
        rating_value: Option<i64>,
    },
    AddEvidence {
        claim_id: i64,
        url: Option<String>,
        quote: Option<String>,
        note: Option<String>,
    },
    AddNote {
        article_id: i64,
        body: String,
    },
}

impl Annotation {
    pub fn action(&self) -> &'static str {
        match self {
            Annotation::DecideTopic { accept: true, .. } => "topic.accept",
            Annotation::DecideTopic { accept: false, .. } => "topic.reject",
            Annotation::AddTopic { .. } => "topic.add",
            Annotation::RemoveTopic { .. } => "topic.remove",
            Annotation::DecideSentiment { accept: true, .. } => "sentiment.accept",
            Annotation::DecideSentiment { accept: false, .. } => "sentiment.reject",
            Annotation::SetSentiment { .. } => "sentiment.set",
            Annotation::AcceptClaim { .. } => "claim.accept",
            Annotation::RejectClaim { .. } => "claim.reject",
            Annotation::AddClaim { .. } => "claim.add",
            Annotation::AdjustClaim { .. } => "claim.adjust",
            Annotation::DeleteClaim { .. } => "claim.delete",
            Annotation::SetVerdict { .. } => "claim.verdict",
            Annotation::AddEvidence { .. } => "claim.evidence",
            Annotation::AddNote { .. } => "note.add",
        }
    }
}

/// Applies one annotation change in one transaction; bad input changes nothing.
pub fn apply(store: &mut Store, _jieba: &Jieba, actor: &str, a: &Annotation) -> Result<Change> {
    store.write(|tx| {
        let article_id = article_of(tx, a)?;
        let digest_id: i64 = tx.query_row("SELECT digest_id FROM articles WHERE id = ?1", [article_id], |r| r.get(0))?;
        let before = snapshot::capture(tx, article_id)?;
        let last: i64 = tx.query_row("SELECT coalesce(max(id), 0) FROM audit_log", [], |r| r.get(0))?;
        run(tx, actor, a, article_id)?;
        let after = snapshot::capture(tx, article_id)?;
        let at = now();
        tx.execute("UPDATE articles SET updated_at = ?2 WHERE id = ?1", params![article_id, at])?;
        let payload = |s: &snapshot::ArticleAnnotations| {
            serde_json::json!({ "kind": "article_annotations", "change": a, "snapshot": s })
        };
        // The language layer records its own decisions: that entry becomes the undoable one.
        let own: Option<i64> = tx
            .query_row("SELECT id FROM audit_log WHERE id > ?1 ORDER BY id LIMIT 1", [last], |r| r.get(0))
            .optional()?;
        let audit_id = match own {
            Some(id) => {
                audit::make_undoable(tx, id, digest_id, &payload(&before), &payload(&after))?;
                id
            }
            None => audit::record_undoable(
                tx,
                &at,
                &audit::Entry {
                    actor,
                    action: a.action(),
                    entity: "article",
                    entity_id: Some(article_id),
                    article_id: Some(article_id),
                    before: Some(payload(&before)),
                    after: Some(payload(&after)),
                },
                digest_id,
            )?,
        };
        Ok(Change { audit_id, action: a.action().into(), digest_id, article_id: Some(article_id) })
    })
}

fn one(conn: &Connection, sql: &str, id: i64, entity: &'static str) -> Result<i64> {
    conn.query_row(sql, [id], |r| r.get(0))
        .optional()?
        .ok_or(Error::NotFound { entity, id })
}

fn article_of(tx: &Connection, a: &Annotation) -> Result<i64> {
    match a {
        Annotation::DecideTopic { article_id, .. }
        | Annotation::AddTopic { article_id, .. }
        | Annotation::RemoveTopic { article_id, .. }
        | Annotation::SetSentiment { article_id, .. }
        | Annotation::AddNote { article_id, .. } => one(
            tx,
            "SELECT id FROM articles WHERE id = ?1",
            *article_id,
            "article",
        ),
        Annotation::DecideSentiment { sentiment_id, .. } => one(
            tx,
            "SELECT article_id FROM sentiments WHERE id = ?1",
            *sentiment_id,
            "sentiment",
        ),
        Annotation::AcceptClaim { suggestion_id } | Annotation::RejectClaim { suggestion_id } => {
            one(
                tx,
                "SELECT article_id FROM claim_suggestions WHERE id = ?1",
                *suggestion_id,
                "claim suggestion",
            )
        }
        Annotation::AddClaim { paragraph_id, .. } => one(
            tx,
            "SELECT article_id FROM paragraphs WHERE id = ?1",
            *paragraph_id,
            "paragraph",
        ),
        Annotation::AdjustClaim { claim_id, .. }
        | Annotation::DeleteClaim { claim_id }
        | Annotation::SetVerdict { claim_id, .. }
        | Annotation::AddEvidence { claim_id, .. } => one(
            tx,
            "SELECT article_id FROM claims WHERE id = ?1",
            *claim_id,
            "claim",
        ),
    }
}

/// `[start, end)` in code points of `text`, checked.
fn span(text: &str, start: i64, end: i64) -> Result<&str> {
    let len = text.chars().count() as i64;
    if start < 0 || end <= start || end > len {
        return Err(Error::Invalid(format!(
            "span {start}..{end} is not inside the paragraph (0..{len})"
        )));
    }
    let byte = |cp: i64| {
        text.char_indices()
            .nth(cp as usize)
            .map_or(text.len(), |(b, _)| b)
    };
    let s = &text[byte(start)..byte(end)];
    if s.trim().is_empty() {
        return Err(Error::Invalid("a claim cannot be only white space".into()));
    }
    Ok(s)
}

fn paragraph_text(tx: &Connection, paragraph_id: i64) -> Result<String> {
    tx.query_row(
        "SELECT text FROM paragraphs WHERE id = ?1",
        [paragraph_id],
        |r| r.get(0),
    )
    .optional()?
    .ok_or(Error::NotFound {
        entity: "paragraph",
        id: paragraph_id,
    })
}

fn clean(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

fn run(tx: &Connection, actor: &str, a: &Annotation, article_id: i64) -> Result<()> {
    let at = now();
    match a {
        Annotation::DecideTopic {
            article_id,
            topic_id,
            accept,
        } => suggest::decide_topic(tx, actor, *article_id, *topic_id, *accept),
        Annotation::AddTopic { article_id, code } => {
            let topic_id: i64 = tx
                .query_row(
                    "SELECT id FROM topics WHERE code = ?1 AND retired_at IS NULL",
                    [code.trim()],
                    |r| r.get(0),
                )
                .optional()?
                .ok_or_else(|| Error::Invalid(format!("no topic with code {code:?}")))?;
            tx.execute(
                "INSERT INTO article_topics (article_id, topic_id, source, status, created_by, created_at)
                 VALUES (?1, ?2, 'editor', 'accepted', ?3, ?4)
                 ON CONFLICT (article_id, topic_id) DO UPDATE SET status = 'accepted'",
                params![article_id, topic_id, actor, at],
            )?;
            Ok(())
        }
        Annotation::RemoveTopic {
            article_id,
            topic_id,
        } => {
            let n = tx.execute(
                "DELETE FROM article_topics WHERE article_id = ?1 AND topic_id = ?2",
                params![article_id, topic_id],
            )?;
            if n == 0 {
                return Err(Error::NotFound {
                    entity: "topic of the article",
                    id: *topic_id,
                });
            }
            Ok(())
        }
        Annotation::DecideSentiment {
            sentiment_id,
            accept,
        } => suggest::decide_sentiment(tx, actor, *sentiment_id, *accept),
        Annotation::SetSentiment { label, .. } => {
            let score = label.editor_score();
            // The editor's judgement replaces the article-level ones; sentence rows stay.
            tx.execute(
                "DELETE FROM sentiments WHERE article_id = ?1 AND paragraph_id IS NULL",
                [article_id],
            )?;
            tx.execute(
                "INSERT INTO sentiments (article_id, label, score, source, status, created_by, created_at)
                 VALUES (?1, ?2, ?3, 'editor', 'accepted', ?4, ?5)",
                params![article_id, label, score, actor, at],
            )?;
            Ok(())
        }
        Annotation::AcceptClaim { suggestion_id } => {
            suggest::accept_claim(tx, actor, *suggestion_id).map(|_| ())
        }
        Annotation::RejectClaim { suggestion_id } => {
            suggest::reject_claim(tx, actor, *suggestion_id)
        }
        Annotation::AddClaim {
            paragraph_id,
            start,
            end,
        } => {
            let text = paragraph_text(tx, *paragraph_id)?;
            let quote = span(&text, *start, *end)?;
            claims::insert(
                tx,
                &claims::NewClaim {
                    article_id,
                    paragraph_id: *paragraph_id,
                    start: *start,
                    end: *end,
                    text: quote,
                    source: Origin::Editor,
                    status: ClaimStatus::Unverified,
                    score: None,
                    reasons: &[],
                    consistency: None,
                    actor,
                    now: &at,
                },
            )?;
            Ok(())
        }
        Annotation::AdjustClaim {
            claim_id,
            start,
            end,
        } => {
            let paragraph: i64 = tx.query_row(
                "SELECT paragraph_id FROM claims WHERE id = ?1",
                [claim_id],
                |r| r.get(0),
            )?;
            let text = paragraph_text(tx, paragraph)?;
            let quote = span(&text, *start, *end)?;
            tx.execute(
                "UPDATE claims SET start = ?2, end = ?3, text = ?4, updated_at = ?5 WHERE id = ?1",
                params![claim_id, start, end, quote, at],
            )?;
            Ok(())
        }
        Annotation::DeleteClaim { claim_id } => {
            tx.execute(
                "UPDATE claim_suggestions SET claim_id = NULL WHERE claim_id = ?1",
                [claim_id],
            )?;
            tx.execute("DELETE FROM claims WHERE id = ?1", [claim_id])?;
            Ok(())
        }
        Annotation::SetVerdict {
            claim_id,
            status,
            rating,
            rating_value,
        } => {
            if !status.is_verdict() {
                let verdicts: Vec<_> = ClaimStatus::VERDICTS.iter().map(|s| s.as_str()).collect();
                return Err(Error::Invalid(format!(
                    "unknown status {:?} ({})",
                    status.as_str(),
                    verdicts.join(", ")
                )));
            }
            let rating = clean(rating);
            let value = match (&rating, rating_value) {
                (_, Some(v)) if !(0..=5).contains(v) => {
                    return Err(Error::Invalid(format!("a rating value is 0 to 5, not {v}")))
                }
                (_, Some(v)) => Some(*v),
                (Some(r), None) => Rating::parse(r).map(Rating::value),
                (None, None) => None,
            };
            tx.execute(
                "UPDATE claims SET status = ?2, rating = ?3, rating_value = ?4, reviewer = ?5, reviewed_at = ?6,
                        updated_at = ?6 WHERE id = ?1",
                params![claim_id, status, rating, value, actor, at],
            )?;
            Ok(())
        }
        Annotation::AddEvidence {
            claim_id,
            url,
            quote,
            note,
        } => {
            let (url, quote, note) = (clean(url), clean(quote), clean(note));
            if url.is_none() && quote.is_none() && note.is_none() {
                return Err(Error::Invalid(
                    "evidence needs a URL, a quote or a note".into(),
                ));
            }
            if let Some(u) = &url {
                if !(u.starts_with("http://") || u.starts_with("https://")) {
                    return Err(Error::Invalid(format!(
                        "{u:?} is not a web address (http:// or https://)"
                    )));
                }
            }
            tx.execute(
                "INSERT INTO evidence (claim_id, url, quote, note, added_by, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![claim_id, url, quote, note, actor, at],
            )?;
            Ok(())
        }
        Annotation::AddNote { body, .. } => {
            let body = body.trim();
            if body.is_empty() {
                return Err(Error::Invalid("a note cannot be empty".into()));
            }
            tx.execute(
                "INSERT INTO notes (article_id, body, author, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![article_id, body, actor, at],
            )?;
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests;
