//! The domain model: what a digest, an article and its parts are.

use serde::{Deserialize, Serialize};

/// The role of a paragraph inside an article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ParagraphKind {
    Lead,
    Body,
    Heading,
}

impl ParagraphKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ParagraphKind::Lead => "lead",
            ParagraphKind::Body => "body",
            ParagraphKind::Heading => "heading",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "lead" => ParagraphKind::Lead,
            "body" => ParagraphKind::Body,
            "heading" => ParagraphKind::Heading,
            _ => return None,
        })
    }
}

/// Where an article is in the editorial workflow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewState {
    New,
    Annotated,
    InReview,
    Approved,
}

impl ReviewState {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewState::New => "new",
            ReviewState::Annotated => "annotated",
            ReviewState::InReview => "in_review",
            ReviewState::Approved => "approved",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "new" => ReviewState::New,
            "annotated" => ReviewState::Annotated,
            "in_review" => ReviewState::InReview,
            "approved" => ReviewState::Approved,
            _ => return None,
        })
    }
}

/// A stored digest: one imported page or issue.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Digest {
    pub id: i64,
    pub name: String,
    /// `YYYY-MM-DD` or `YYYY-MM` when known.
    pub date: Option<String>,
    pub source_file: Option<String>,
    pub content_hash: String,
    pub imported_at: String,
    pub article_count: i64,
}

/// The attribution of an article: the line as printed and the outlets it names.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
