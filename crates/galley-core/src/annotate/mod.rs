//! The editor's and reviewer's annotations of an article: topics, sentiment, claims as text
//! spans, verdicts with evidence, notes. Each change is one transaction, in the audit log with
//! the article's annotations before and after, and undoable with the fix-ups (one history).

pub mod agreement;
pub mod queue;
/// An article's annotations before and after a change (read and restored in the store).
pub use crate::store::annotation_snapshot as snapshot;
pub mod view;

use jieba_rs::Jieba;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::language::suggest;
use crate::model::{Change, ClaimStatus, Origin, Rating, SentimentLabel, SuggestionStatus};
use crate::store::{
    article_topics, articles, audit, claim_suggestions, claims, evidence, notes, now, paragraphs,
    sentiments, topics,
};
use crate::{Error, Result, Store};

/// One annotation change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Annotation {
    /// Accept or reject a suggested topic.
    DecideTopic {
        /// The article.
        article_id: i64,
        /// The topic.
        topic_id: i64,
        /// Accept (`true`) or reject (`false`).
        accept: bool,
    },
    /// The editor's own topic (accepted at once).
    AddTopic {
        /// The article.
        article_id: i64,
        /// The topic's code in the taxonomy.
        code: String,
    },
    /// Take a topic off the article.
    RemoveTopic {
        /// The article.
        article_id: i64,
        /// The topic.
        topic_id: i64,
    },
    /// Accept or reject a suggested sentiment.
    DecideSentiment {
        /// The sentiment row.
        sentiment_id: i64,
        /// Accept (`true`) or reject (`false`).
        accept: bool,
    },
    /// The editor's own judgement of the article's tone.
    SetSentiment {
        /// The article.
        article_id: i64,
        /// The tone.
        label: SentimentLabel,
    },
    /// Make a suggested claim a claim.
    AcceptClaim {
        /// The claim suggestion.
        suggestion_id: i64,
    },
    /// Turn a suggested claim down.
    RejectClaim {
        /// The claim suggestion.
        suggestion_id: i64,
    },
    /// A claim the editor marked: code points `[start, end)` of the paragraph's stored text.
    AddClaim {
        /// The paragraph.
        paragraph_id: i64,
        /// The first code point of the claim.
        start: i64,
        /// The code point just past the claim.
        end: i64,
    },
    /// Move a claim's ends (code points).
    AdjustClaim {
        /// The claim.
        claim_id: i64,
        /// The new first code point.
        start: i64,
        /// The new end, just past the last code point.
        end: i64,
    },
    /// Delete a claim.
    DeleteClaim {
        /// The claim.
        claim_id: i64,
    },
    /// The reviewer's verdict: a status, and a ClaimReview rating (e.g. 属实).
    SetVerdict {
        /// The claim.
        claim_id: i64,
        /// The claim's new status.
        status: ClaimStatus,
        /// The ClaimReview textual rating, if any.
        rating: Option<String>,
        /// Its numeric value, if any.
        rating_value: Option<i64>,
    },
    /// Assigns a claim to a person of this workspace for review (`None`: to nobody).
    AssignClaim {
        /// The claim.
        claim_id: i64,
        /// The person's name.
        reviewer: Option<String>,
    },
    /// Evidence for a claim's verdict: a web address, a quote or a note.
    AddEvidence {
        /// The claim.
        claim_id: i64,
        /// The http(s) address of the source.
        url: Option<String>,
        /// A passage quoted from the source.
        quote: Option<String>,
        /// The reviewer's note on it.
        note: Option<String>,
    },
    /// A note on the article.
    AddNote {
        /// The article.
        article_id: i64,
        /// The note's text.
        body: String,
    },
}

impl Annotation {
    /// The audit log's name for the change (e.g. `topic.accept`).
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
            Annotation::AssignClaim { .. } => "claim.assign",
            Annotation::AddNote { .. } => "note.add",
        }
    }
}

/// Applies one annotation change in one transaction; bad input changes nothing.
pub fn apply(store: &mut Store, jieba: &Jieba, actor: &str, a: &Annotation) -> Result<Change> {
    apply_from(store, jieba, actor, a, None)
}

/// [`apply`], refused with [`crate::Error::Stale`] when the article has changed since version
/// `base` (the one the person saw).
pub fn apply_from(
    store: &mut Store,
    _jieba: &Jieba,
    actor: &str,
    a: &Annotation,
    base: Option<i64>,
) -> Result<Change> {
    store.write(|tx| {
        let article_id = article_of(tx, a)?;
        if let Some(base) = base {
            audit::ensure_current(tx, article_id, base)?;
        }
        let digest_id = articles::digest_of(tx, article_id)?.ok_or(Error::NotFound {
            entity: "article",
            id: article_id,
        })?;
        let before = snapshot::capture(tx, article_id)?;
        let last = audit::last_id(tx)?;
        run(tx, actor, a, article_id)?;
        agreement::record(tx, actor, a, article_id, &now())?;
        let after = snapshot::capture(tx, article_id)?;
        let at = now();
        articles::touch(tx, article_id, &at)?;
        // The history keeps the rows the change touched, on each side: not whole snapshots.
        let (old, new) = snapshot::diff(&before, &after);
        let payload = |rows: &snapshot::ChangedRows| {
            serde_json::json!({ "kind": "article_annotation_changes", "change": a, "rows": rows })
        };
        // The language layer records its own decisions: that entry becomes the undoable one.
        let own = audit::first_after(tx, last)?;
        let audit_id = match own {
            Some(id) => {
                audit::make_undoable(tx, id, digest_id, &payload(&old), &payload(&new))?;
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
                    before: Some(payload(&old)),
                    after: Some(payload(&new)),
                },
                digest_id,
            )?,
        };
        Ok(Change {
            audit_id,
            action: a.action().into(),
            digest_id,
            article_id: Some(article_id),
            touched: Vec::new(),
        })
    })
}

fn found(id: Option<i64>, entity: &'static str, of: i64) -> Result<i64> {
    id.ok_or(Error::NotFound { entity, id: of })
}

fn article_of(tx: &Connection, a: &Annotation) -> Result<i64> {
    match a {
        Annotation::DecideTopic { article_id, .. }
        | Annotation::AddTopic { article_id, .. }
        | Annotation::RemoveTopic { article_id, .. }
        | Annotation::SetSentiment { article_id, .. }
        | Annotation::AddNote { article_id, .. } => found(
            articles::exists(tx, *article_id)?.then_some(*article_id),
            "article",
            *article_id,
        ),
        Annotation::DecideSentiment { sentiment_id, .. } => found(
            sentiments::head(tx, *sentiment_id)?.map(|h| h.0),
            "sentiment",
            *sentiment_id,
        ),
        Annotation::AcceptClaim { suggestion_id } | Annotation::RejectClaim { suggestion_id } => {
            found(
                claim_suggestions::article_of(tx, *suggestion_id)?,
                "claim suggestion",
                *suggestion_id,
            )
        }
        Annotation::AddClaim { paragraph_id, .. } => found(
            paragraphs::place(tx, *paragraph_id)?.map(|p| p.0),
            "paragraph",
            *paragraph_id,
        ),
        Annotation::AdjustClaim { claim_id, .. }
        | Annotation::DeleteClaim { claim_id }
        | Annotation::SetVerdict { claim_id, .. }
        | Annotation::AssignClaim { claim_id, .. }
        | Annotation::AddEvidence { claim_id, .. } => {
            found(claims::article_of(tx, *claim_id)?, "claim", *claim_id)
        }
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
    paragraphs::text(tx, paragraph_id)?.ok_or(Error::NotFound {
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
    let step = Step {
        tx,
        actor,
        at: now(),
        article_id,
    };
    match a {
        Annotation::DecideTopic {
            article_id,
            topic_id,
            accept,
        } => suggest::decide_topic(tx, actor, *article_id, *topic_id, *accept),
        Annotation::AddTopic { code, .. } => step.add_topic(code),
        Annotation::RemoveTopic { topic_id, .. } => step.remove_topic(*topic_id),
        Annotation::DecideSentiment {
            sentiment_id,
            accept,
        } => suggest::decide_sentiment(tx, actor, *sentiment_id, *accept),
        Annotation::SetSentiment { label, .. } => step.set_sentiment(*label),
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
        } => step.add_claim(*paragraph_id, *start, *end),
        Annotation::AdjustClaim {
            claim_id,
            start,
            end,
        } => step.adjust_claim(*claim_id, *start, *end),
        Annotation::DeleteClaim { claim_id } => {
            claim_suggestions::unlink_claim(tx, *claim_id)?;
            claims::delete(tx, *claim_id)
        }
        Annotation::SetVerdict {
            claim_id,
            status,
            rating,
            rating_value,
        } => step.set_verdict(*claim_id, *status, rating, *rating_value),
        Annotation::AddEvidence {
            claim_id,
            url,
            quote,
            note,
        } => step.add_evidence(*claim_id, [url, quote, note]),
        Annotation::AddNote { body, .. } => step.add_note(body),
        Annotation::AssignClaim { claim_id, reviewer } => {
            assign(tx, *claim_id, reviewer.as_deref())
        }
    }
}

/// Assigns a claim to a person known to the workspace, or to nobody.
fn assign(tx: &Connection, claim_id: i64, reviewer: Option<&str>) -> Result<()> {
    let reviewer = reviewer.map(str::trim).filter(|r| !r.is_empty());
    if let Some(name) = reviewer {
        if crate::store::people::get(tx, name)?.is_none() {
            return Err(Error::Invalid(format!(
                "nobody called {name} works in this workspace"
            )));
        }
    }
    claims::assign(tx, claim_id, reviewer)
}

/// One annotation change being applied: where, by whom, when.
struct Step<'a> {
    tx: &'a Connection,
    actor: &'a str,
    at: String,
    article_id: i64,
}

impl Step<'_> {
    /// The editor's own topic, accepted at once.
    fn add_topic(&self, code: &str) -> Result<()> {
        let topic_id = topics::active_id_by_code(self.tx, code.trim())?
            .ok_or_else(|| Error::Invalid(format!("no topic with code {code:?}")))?;
        article_topics::accept_editor(self.tx, self.article_id, topic_id, self.actor, &self.at)
    }

    fn remove_topic(&self, topic_id: i64) -> Result<()> {
        match article_topics::delete(self.tx, self.article_id, topic_id)? {
            true => Ok(()),
            false => Err(Error::NotFound {
                entity: "topic of the article",
                id: topic_id,
            }),
        }
    }

    /// The editor's judgement replaces the article-level sentiments; sentence rows stay.
    fn set_sentiment(&self, label: SentimentLabel) -> Result<()> {
        sentiments::delete_article_level(self.tx, self.article_id)?;
        sentiments::insert(
            self.tx,
            &sentiments::SentimentRow {
                article_id: self.article_id,
                paragraph_id: None,
                start: None,
                end: None,
                label,
                score: label.editor_score(),
                source: Origin::Editor.as_str(),
                status: SuggestionStatus::Accepted,
                reasons: &[],
                created_by: self.actor,
                created_at: &self.at,
            },
        )?;
        Ok(())
    }

    /// A claim the editor marked: code points `[start, end)` of the paragraph.
    fn add_claim(&self, paragraph_id: i64, start: i64, end: i64) -> Result<()> {
        let text = paragraph_text(self.tx, paragraph_id)?;
        let quote = span(&text, start, end)?;
        claims::insert(
            self.tx,
            &claims::NewClaim {
                article_id: self.article_id,
                paragraph_id,
                start,
                end,
                text: quote,
                source: Origin::Editor,
                status: ClaimStatus::Unverified,
                score: None,
                reasons: &[],
                consistency: None,
                actor: self.actor,
                now: &self.at,
            },
        )?;
        Ok(())
    }

    fn adjust_claim(&self, claim_id: i64, start: i64, end: i64) -> Result<()> {
        let paragraph = claims::paragraph_of(self.tx, claim_id)?;
        let text = paragraph_text(self.tx, paragraph)?;
        let quote = span(&text, start, end)?;
        claims::set_span(self.tx, claim_id, start, end, quote, &self.at)
    }

    /// The reviewer's verdict: a verdict status, and a rating whose value is given or known.
    fn set_verdict(
        &self,
        claim_id: i64,
        status: ClaimStatus,
        rating: &Option<String>,
        rating_value: Option<i64>,
    ) -> Result<()> {
        if !status.is_verdict() {
            let verdicts: Vec<_> = ClaimStatus::VERDICTS.iter().map(|s| s.as_str()).collect();
            return Err(Error::Invalid(format!(
                "unknown status {:?} ({})",
                status.as_str(),
                verdicts.join(", ")
            )));
        }
        let rating = clean(rating);
        let value = rating_value_of(rating.as_deref(), rating_value)?;
        claims::set_verdict(
            self.tx,
            claim_id,
            &claims::Verdict {
                status,
                rating: rating.as_deref(),
                rating_value: value,
                reviewer: self.actor,
                at: &self.at,
            },
        )
    }

    /// Evidence: an http(s) address, a quote, a note; at least one of them.
    fn add_evidence(&self, claim_id: i64, [url, quote, note]: [&Option<String>; 3]) -> Result<()> {
        let (url, quote, note) = (clean(url), clean(quote), clean(note));
        if url.is_none() && quote.is_none() && note.is_none() {
            return Err(Error::Invalid(
                "evidence needs a URL, a quote or a note".into(),
            ));
        }
        if let Some(u) = &url {
            crate::model::web_address::check_web_address(u)?;
        }
        evidence::insert(
            self.tx,
            &evidence::NewEvidence {
                claim_id,
                url: url.as_deref(),
                quote: quote.as_deref(),
                note: note.as_deref(),
                added_by: self.actor,
                added_at: &self.at,
            },
        )?;
        Ok(())
    }

    fn add_note(&self, body: &str) -> Result<()> {
        let body = body.trim();
        if body.is_empty() {
            return Err(Error::Invalid("a note cannot be empty".into()));
        }
        notes::insert(
            self.tx,
            &notes::NewNote {
                article_id: self.article_id,
                claim_id: None,
                body,
                author: self.actor,
                created_at: &self.at,
            },
        )?;
        Ok(())
    }
}

/// The numeric rating: the one given (0 to 5), else the one a known rating has.
fn rating_value_of(rating: Option<&str>, given: Option<i64>) -> Result<Option<i64>> {
    match given {
        Some(v) if !(0..=5).contains(&v) => {
            Err(Error::Invalid(format!("a rating value is 0 to 5, not {v}")))
        }
        Some(v) => Ok(Some(v)),
        None => Ok(rating.and_then(Rating::parse).map(Rating::value)),
    }
}

#[cfg(test)]
mod tests;
