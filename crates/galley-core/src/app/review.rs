//! Annotating articles, deciding on suggestions and giving verdicts on claims.

use serde::{Deserialize, Serialize};

use super::accounts::Permission;
use super::Workspace;
use crate::annotate::{self, Annotation};
use crate::edit::Change;
use crate::model::{ClaimStatus, Rating};
use crate::Result;

/// A reviewer's verdict on one claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The verification status (`verified`, `false`, …).
    pub status: ClaimStatus,
    /// The ClaimReview rating (属实 …); default: the one the status implies, if any.
    pub rating: Option<String>,
    /// Evidence to add with the verdict.
    pub evidence: Option<Evidence>,
}

/// Evidence for a verdict: a source address, a quote from it, a note.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// An http(s) address.
    pub url: Option<String>,
    /// What the source says.
    pub quote: Option<String>,
    /// The reviewer's note.
    pub note: Option<String>,
}

/// Which kind of suggestion a decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SuggestionKind {
    /// A suggested topic of an article.
    Topic,
    /// A suggested article sentiment.
    Sentiment,
    /// A suggested check-worthy claim.
    Claim,
}

/// Decide on every pending suggestion of one kind in a scope, above a score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BulkDecision {
    /// The kind of suggestion.
    pub kind: SuggestionKind,
    /// Accept (or reject) them.
    pub accept: bool,
    /// Only this digest's articles (default: every digest).
    pub digest_id: Option<i64>,
    /// Only this article.
    pub article_id: Option<i64>,
    /// Only suggestions scored at least this.
    pub min_score: Option<f64>,
    /// Topics only: only this topic code.
    pub code: Option<String>,
}

/// One pending suggestion found for a bulk decision.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decided {
    /// The article.
    pub article_id: i64,
    /// What was decided on (a topic code, a sentiment label, a claim's text).
    pub what: String,
    /// Its score.
    pub score: Option<f64>,
    /// The change recorded.
    pub change: Change,
}

impl Workspace {
    /// Applies one annotation change (topics, sentiment, claims, verdicts, evidence, notes)
    /// in one transaction, audited and undoable with the fix-ups.
    pub fn annotate(&mut self, a: &Annotation) -> Result<Change> {
        self.annotate_from(a, None)
    }

    /// [`Workspace::annotate`], refused (code `stale`) when the article changed since version
    /// `base`, the one the person saw: a change from a stale view never overwrites another's.
    pub fn annotate_from(&mut self, a: &Annotation, base: Option<i64>) -> Result<Change> {
        match a {
            Annotation::SetVerdict { .. } | Annotation::AddEvidence { .. } => {
                self.require(Permission::Review)?
            }
            // Editors hand claims to reviewers; reviewers take them.
            Annotation::AssignClaim { .. } => self
                .require(Permission::Edit)
                .or_else(|_| self.require(Permission::Review))?,
            _ => self.require(Permission::Edit)?,
        }
        let jieba = self.segmenter()?;
        let actor = self.actor()?.to_owned();
        let change = annotate::apply_from(&mut self.store, &jieba, &actor, a, base)?;
        if teaches(a) && !self.learning_deferred {
            self.learn();
        }
        Ok(change)
    }

    /// Gives a claim a verdict, with evidence if any. Returns the changes recorded.
    pub fn review(&mut self, claim_id: i64, v: &Verdict) -> Result<Vec<Change>> {
        let rating =
            (v.rating.clone()).or_else(|| v.status.default_rating().map(|r| r.as_str().to_owned()));
        let rating_value = rating.as_deref().and_then(Rating::parse).map(Rating::value);
        let mut changes = vec![self.annotate(&Annotation::SetVerdict {
            claim_id,
            status: v.status,
            rating,
            rating_value,
        })?];
        if let Some(e) = &v.evidence {
            changes.push(self.annotate(&Annotation::AddEvidence {
                claim_id,
                url: e.url.clone(),
                quote: e.quote.clone(),
                note: e.note.clone(),
            })?);
        }
        Ok(changes)
    }

    /// Accepts or rejects one suggestion: a topic (of `article_id`), a sentiment or a claim.
    pub fn decide(
        &mut self,
        kind: SuggestionKind,
        id: i64,
        article_id: Option<i64>,
        accept: bool,
    ) -> Result<Change> {
        let a = match kind {
            SuggestionKind::Topic => Annotation::DecideTopic {
                article_id: article_id.ok_or_else(|| {
                    crate::Error::Invalid("a topic decision names its article".into())
                })?,
                topic_id: id,
                accept,
            },
            SuggestionKind::Sentiment => Annotation::DecideSentiment {
                sentiment_id: id,
                accept,
            },
            SuggestionKind::Claim if accept => Annotation::AcceptClaim { suggestion_id: id },
            SuggestionKind::Claim => Annotation::RejectClaim { suggestion_id: id },
        };
        self.annotate(&a)
    }

    /// Decides on every pending suggestion matching `d` (e.g. accept every suggested topic
    /// scored 0.8 or more in a digest). Each decision is recorded and undoable on its own.
    pub fn decide_all(&mut self, d: &BulkDecision) -> Result<Vec<Decided>> {
        // Learned from once, after the last decision, not after each.
        self.learning_deferred = true;
        let done = self.decide_each(d);
        self.learning_deferred = false;
        self.learn();
        done
    }

    /// The decisions of [`Workspace::decide_all`], one by one.
    fn decide_each(&mut self, d: &BulkDecision) -> Result<Vec<Decided>> {
        let mut done = Vec::new();
        for article_id in self.scope(d.digest_id, d.article_id)? {
            for (id, what, score) in self.pending(d, article_id)? {
                let change = self.decide(d.kind, id, Some(article_id), d.accept)?;
                done.push(Decided {
                    article_id,
                    what,
                    score,
                    change,
                });
            }
        }
        Ok(done)
    }

    /// The articles of a scope: one article, one digest's, or every one.
    fn scope(&self, digest: Option<i64>, article: Option<i64>) -> Result<Vec<i64>> {
        if let Some(id) = article {
            return Ok(vec![self.store.article(id)?.id]);
        }
        let digests = match digest {
            Some(d) => vec![d],
            None => self.store.digests()?.iter().map(|d| d.id).collect(),
        };
        let mut ids = Vec::new();
        for d in digests {
            if !self.store.digests()?.iter().any(|x| x.id == d) {
                return Err(crate::Error::NotFound {
                    entity: "digest",
                    id: d,
                });
            }
            ids.extend(self.store.articles(d)?.iter().map(|a| a.id));
        }
        Ok(ids)
    }

    /// The pending suggestions of one article that `d` decides: (id, what, score).
    fn pending(
        &self,
        d: &BulkDecision,
        article_id: i64,
    ) -> Result<Vec<(i64, String, Option<f64>)>> {
        let view = self.annotations(article_id)?;
        let above = |s: Option<f64>| d.min_score.is_none_or(|m| s.is_some_and(|s| s >= m));
        Ok(match d.kind {
            SuggestionKind::Topic => view
                .topics
                .into_iter()
                .filter(|t| t.status == "suggested" && above(t.score))
                .filter(|t| d.code.as_deref().is_none_or(|c| c == t.code))
                .map(|t| (t.topic_id, t.code, t.score))
                .collect(),
            SuggestionKind::Sentiment => view
                .sentiments
                .into_iter()
                .filter(|s| s.status == "suggested" && above(Some(s.score.abs())))
                .map(|s| (s.id, s.label.to_string(), Some(s.score)))
                .collect(),
            SuggestionKind::Claim => view
                .claim_suggestions
                .into_iter()
                .filter(|c| above(Some(c.score)))
                .map(|c| (c.id, c.text, Some(c.score)))
                .collect(),
        })
    }
}

/// Where a quoted passage stands in an article: a paragraph and code points in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Span {
    /// The paragraph.
    pub paragraph_id: i64,
    /// First code point.
    pub start: i64,
    /// One past the last code point.
    pub end: i64,
}

impl Workspace {
    /// The first place `text` stands in one of the article's paragraphs, in code points, so a
    /// script can mark a claim by quoting it.
    pub fn find_span(&self, article_id: i64, text: &str) -> Result<Span> {
        let article = self.store.article(article_id)?;
        article
            .paragraphs
            .iter()
            .find_map(|p| {
                let byte = p.text.find(text).filter(|_| !text.is_empty())?;
                let start = p.text[..byte].chars().count() as i64;
                Some(Span {
                    paragraph_id: p.id,
                    start,
                    end: start + text.chars().count() as i64,
                })
            })
            .ok_or_else(|| {
                crate::Error::Invalid(format!(
                    "article {article_id} has no paragraph with {text:?}"
                ))
            })
    }

    /// The id of the topic with this code.
    pub fn topic_id(&self, code: &str) -> Result<i64> {
        crate::store::topics::by_code(self.store.conn(), code)?
            .map(|t| t.id)
            .ok_or_else(|| crate::Error::Invalid(format!("no topic has the code {code:?}")))
    }
}

/// Whether an annotation is a decision the suggester learns from (topics, tones, claims).
fn teaches(a: &Annotation) -> bool {
    matches!(
        a,
        Annotation::DecideTopic { .. }
            | Annotation::AddTopic { .. }
            | Annotation::RemoveTopic { .. }
            | Annotation::DecideSentiment { .. }
            | Annotation::SetSentiment { .. }
            | Annotation::AcceptClaim { .. }
            | Annotation::RejectClaim { .. }
            | Annotation::AddClaim { .. }
            | Annotation::AdjustClaim { .. }
            | Annotation::DeleteClaim { .. }
    )
}
