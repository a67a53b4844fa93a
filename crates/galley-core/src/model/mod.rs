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
    /// The digest's row id.
    pub id: i64,
    /// The digest's name: given at import, or the file name without extension.
    pub name: String,
    /// `YYYY-MM-DD` or `YYYY-MM` when known.
    pub date: Option<IssueDate>,
    /// The file the digest was imported from, if it came from one.
    pub source_file: Option<String>,
    /// SHA-256 of the imported text, which keeps one page from being imported twice.
    pub content_hash: String,
    /// When the digest was imported (RFC 3339, UTC).
    pub imported_at: String,
    /// How many articles the digest holds.
    pub article_count: i64,
}

/// The attribution of an article: the line as printed and the outlets it names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[schemars(rename = "source")]
pub struct Source {
    /// The attribution line as printed, if the article has one.
    pub line: Option<String>,
    /// The outlets the line names, in order.
    pub outlets: Vec<String>,
}

/// A stored paragraph of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The paragraph's row id.
    pub id: i64,
    /// The paragraph's place in its article.
    pub position: i64,
    /// Whether the paragraph is a lead, body text or a heading.
    pub kind: ParagraphKind,
    /// The paragraph's text.
    pub text: String,
}

/// A stored pull quote of an article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PullQuote {
    /// The pull quote's row id.
    pub id: i64,
    /// The quoted text.
    pub text: String,
}

/// One line of an article list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSummary {
    /// The article's row id.
    pub id: i64,
    /// The digest the article belongs to.
    pub digest_id: i64,
    /// The article's place in its digest.
    pub position: i64,
    /// The article's title as printed.
    pub title: String,
    /// The attribution line as printed, if any.
    pub source_line: Option<String>,
    /// How many paragraphs the article has.
    pub paragraph_count: i64,
    /// Where the article is in the editorial workflow.
    pub review_state: ReviewState,
    /// 0..=1: how sure the importer was that the article is whole and correct.
    pub confidence: Option<f64>,
}

/// An article with everything needed to read it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Article {
    /// The article's row id.
    pub id: i64,
    /// The digest the article belongs to.
    pub digest_id: i64,
    /// The article's place in its digest.
    pub position: i64,
    /// The article's title as printed.
    pub title: String,
    /// The attribution line and the outlets it names.
    pub source: Source,
    /// The paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
    /// The pull quotes, in order.
    pub pull_quotes: Vec<PullQuote>,
    /// Where the article is in the editorial workflow.
    pub review_state: ReviewState,
    /// 0..=1: how sure the importer was that the article is whole and correct.
    pub confidence: Option<f64>,
    /// When the article last changed (RFC 3339, UTC).
    pub updated_at: String,
}

/// What an importer produces before anything is stored.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ParsedDigest {
    /// The articles found, in page order.
    pub articles: Vec<ArticleDraft>,
    /// Page furniture recognised and set aside (column labels, headers, footers).
    pub furniture: Vec<String>,
    /// What the importer noticed about the page as a whole.
    pub warnings: Vec<String>,
}

/// An article as an importer found it, before it is stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleDraft {
    /// The title as printed.
    pub title: String,
    /// The attribution line and the outlets it names.
    pub source: Source,
    /// The paragraphs, in order.
    pub paragraphs: Vec<ParagraphDraft>,
    /// The pull quotes, in order.
    pub pull_quotes: Vec<String>,
    /// 0..=1: how sure the importer is that this article is whole and correct.
    pub confidence: f64,
    /// What the importer noticed about this article.
    pub warnings: Vec<String>,
}

/// A paragraph as an importer found it, before it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ParagraphDraft {
    /// Whether the paragraph is a lead, body text or a heading.
    pub kind: ParagraphKind,
    /// The paragraph's text.
    pub text: String,
}

/// What a fix-up or an annotation change (or its undo/redo) did.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// The audit log entry that records it.
    pub audit_id: i64,
    /// The audit log's name for what was done (e.g. `split_article`).
    pub action: String,
    /// The digest it was done in.
    pub digest_id: i64,
    /// The article to show afterwards (e.g. the new one after a split), if any.
    pub article_id: Option<i64>,
}
