//! The `galley.export/1` document as data: what export writes and the importer reads back.
//! Described field by field in `docs/export-format.md` and by the JSON Schema
//! `docs/galley.export.schema.json`.

use serde::{Deserialize, Serialize};

use super::{
    ClaimStatus, EntityKind, IssueDate, ParagraphKind, ReviewState, SentimentLabel, Source,
    SuggestionStatus,
};

pub const SCHEMA: &str = "galley.export/1";

/// The whole document, for readers (the importer, tests). Writers stream instead.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Document {
    pub schema: String,
    pub digests: Vec<DigestOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DigestOut {
    pub id: i64,
    pub name: String,
    pub date: Option<IssueDate>,
    pub source_file: Option<String>,
    pub content_hash: String,
    pub imported_at: String,
    pub articles: Vec<ArticleOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ArticleOut {
    pub id: i64,
    pub title: String,
    pub source: Source,
    pub paragraphs: Vec<ParagraphOut>,
    pub pull_quotes: Vec<PullQuoteOut>,
    #[serde(default)]
    pub topics: Vec<TopicOut>,
    #[serde(default)]
    pub sentiment: Option<SentimentOut>,
    #[serde(default)]
    pub claims: Vec<ClaimOut>,
    pub review_state: ReviewState,
    pub confidence: Option<f64>,
    pub updated_at: String,
    // Added in the annotation release (additive).
    #[serde(default)]
    pub sentence_sentiments: Vec<SentenceSentimentOut>,
    #[serde(default)]
    pub notes: Vec<NoteOut>,
    #[serde(default)]
    pub entities: Vec<EntityOut>,
    /// SHA-256 (hex) of the article's title and paragraph texts: how imports recognise it.
    #[serde(default)]
    pub content_hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ParagraphOut {
    pub kind: ParagraphKind,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PullQuoteOut {
    pub text: String,
}

/// SHA-256 (hex) of an article's title and paragraphs, one per line, each in its
/// [`hash_form`](crate::text::hash_form).
pub fn article_hash<'a>(title: &str, paragraphs: impl IntoIterator<Item = &'a str>) -> String {
    use crate::text::hash_form;
    use sha2::{Digest as _, Sha256};
    let mut h = Sha256::new();
    h.update(hash_form(title).trim().as_bytes());
    for p in paragraphs {
        h.update(b"\n");
        h.update(hash_form(p).trim().as_bytes());
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// A topic of an article: the taxonomy code and labels, and the editor's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TopicOut {
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    /// `accepted`, `suggested` or `rejected`.
    pub status: SuggestionStatus,
    /// `auto` (suggested by Galley) or `editor`.
    pub source: String,
    pub score: Option<f64>,
    #[serde(default)]
    pub reasons: Vec<String>,
    pub created_by: String,
    pub created_at: String,
}

/// The tone of the whole article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentimentOut {
    /// `positive`, `neutral`, `negative` or `mixed`.
    pub label: SentimentLabel,
    /// -1 (negative) ..= 1 (positive).
    pub score: f64,
    pub status: SuggestionStatus,
    pub source: String,
    #[serde(default)]
    pub reasons: Vec<String>,
    pub created_by: String,
    pub created_at: String,
}

/// The tone of one sentence: a code-point span of one paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceSentimentOut {
    /// Index into the article's `paragraphs`.
    pub paragraph: usize,
    pub start: Option<i64>,
    pub end: Option<i64>,
    pub label: SentimentLabel,
    pub score: f64,
    pub status: SuggestionStatus,
    pub source: String,
    pub created_by: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceOut {
    pub url: Option<String>,
    pub quote: Option<String>,
    pub note: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NoteOut {
    pub body: String,
    pub author: String,
    pub created_at: String,
}

/// What the audit log says about a claim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HistoryOut {
    /// Entries in the audit log for this claim.
    pub changes: i64,
    pub first_at: Option<String>,
    pub last_at: Option<String>,
    pub last_by: Option<String>,
}

/// A claim: a code-point span `[start, end)` of one paragraph, with its fact-check state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimOut {
    pub id: i64,
    /// Index into the article's `paragraphs`.
    pub paragraph: usize,
    pub start: i64,
    pub end: i64,
    pub text: String,
    pub status: ClaimStatus,
    pub rating: Option<String>,
    pub rating_value: Option<i64>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
    pub source: String,
    pub score: Option<f64>,
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Numeric consistency findings (`{check, status, detail}` objects).
    #[serde(default)]
    pub consistency: Vec<serde_json::Value>,
    #[serde(default)]
    pub evidence: Vec<EvidenceOut>,
    #[serde(default)]
    pub notes: Vec<NoteOut>,
    #[serde(default)]
    pub history: HistoryOut,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

/// People, organisations and places named in the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityOut {
    pub text: String,
    /// `person`, `organization`, `place` or `other`.
    pub kind: EntityKind,
    pub mentions: i64,
    pub status: SuggestionStatus,
    pub source: String,
}
