//! The domain model: what a digest, an article and its parts are, and the closed
//! vocabularies (statuses, labels, ratings) every layer shares.

mod date;
pub mod document;
pub mod import_report;
pub mod vocabulary;
pub mod web_address;

use serde::{Deserialize, Serialize};

pub use date::IssueDate;
pub use vocabulary::{
    ClaimStatus, EntityKind, Origin, ParagraphKind, ParseError, Rating, RatingEntry, ReviewState,
    Role, SentimentLabel, SuggestionStatus, TopicStatus, Vocabulary,
};

/// A stored digest: one imported page or issue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest {
    pub id: i64,
    pub name: String,
    /// `YYYY-MM-DD` or `YYYY-MM` when known.
    pub date: Option<IssueDate>,
    pub source_file: Option<String>,
    pub content_hash: String,
    pub imported_at: String,
    pub article_count: i64,
}

/// The attribution of an article: the line as printed and the outlets it names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(rename = "source")]
pub struct Source {
    pub line: Option<String>,
    pub outlets: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub id: i64,
    pub position: i64,
    pub kind: ParagraphKind,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullQuote {
    pub id: i64,
    pub text: String,
}

/// One line of an article list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub digest_id: i64,
    pub position: i64,
    pub title: String,
    pub source_line: Option<String>,
    pub paragraph_count: i64,
    pub review_state: ReviewState,
    pub confidence: Option<f64>,
}

/// An article with everything needed to read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    pub id: i64,
    pub digest_id: i64,
    pub position: i64,
    pub title: String,
    pub source: Source,
    pub paragraphs: Vec<Paragraph>,
    pub pull_quotes: Vec<PullQuote>,
    pub review_state: ReviewState,
    pub confidence: Option<f64>,
    pub updated_at: String,
}

/// What an importer produces before anything is stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedDigest {
    pub articles: Vec<ArticleDraft>,
    /// Page furniture recognised and set aside (column labels, headers, footers).
    pub furniture: Vec<String>,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleDraft {
    pub title: String,
    pub source: Source,
    pub paragraphs: Vec<ParagraphDraft>,
    pub pull_quotes: Vec<String>,
    /// 0..=1: how sure the importer is that this article is whole and correct.
    pub confidence: f64,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParagraphDraft {
    pub kind: ParagraphKind,
    pub text: String,
}

/// What a fix-up or an annotation change (or its undo/redo) did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The audit log entry that records it.
    pub audit_id: i64,
    pub action: String,
    pub digest_id: i64,
    /// The article to show afterwards (e.g. the new one after a split), if any.
    pub article_id: Option<i64>,
}
