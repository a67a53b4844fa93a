//! The domain model: what a digest, an article and its parts are, and the closed
//! vocabularies (statuses, labels, ratings) every layer shares.

mod date;
pub mod desk;
pub mod document;
pub mod import_report;
pub mod vocabulary;
pub mod web_address;

use serde::{Deserialize, Serialize};

pub use date::IssueDate;
pub use vocabulary::{
    BoxRole, ClaimStatus, DeskModelKind, EntityKind, JudgementKind, Origin, ParagraphKind,
    ParseError, Rating, RatingEntry, ReviewState, Role, SentimentLabel, SuggestionStatus,
    TopicStatus, Vocabulary,
};

/// A stored digest: one imported page or issue.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
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
    /// Raised by every change to the article: a change based on an older one is refused.
    pub version: i64,
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
    /// The pages the digest was read from (PDF), with their sizes.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub pages: Vec<PageSize>,
    /// Where each title, paragraph, pull quote, source line and piece of furniture was on
    /// its page (PDF).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub boxes: Vec<PlacedBox>,
}

impl ParsedDigest {
    /// Appends another page's digest: its articles after these, its boxes pointing at them.
    pub fn append(&mut self, other: ParsedDigest) {
        let (articles, furniture) = (self.articles.len(), self.furniture.len());
        self.boxes.extend(other.boxes.into_iter().map(|mut b| {
            match &mut b.of {
                BoxOf::Furniture { index } => *index += furniture,
                BoxOf::Title { article }
                | BoxOf::Source { article }
                | BoxOf::Paragraph { article, .. }
                | BoxOf::PullQuote { article, .. } => *article += articles,
            }
            b
        }));
        self.articles.extend(other.articles);
        self.furniture.extend(other.furniture);
        self.pages.extend(other.pages);
    }
}

/// A page's number (from 1) and size in PDF points.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PageSize {
    /// The page number in the file, from 1.
    pub number: u32,
    /// Width in points.
    pub width: f64,
    /// Height in points.
    pub height: f64,
}

/// A rectangle on a page, in PDF points from the page's top-left corner.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PageBox {
    /// The page number in the file, from 1.
    pub page: u32,
    /// Left edge.
    pub x0: f64,
    /// Top edge.
    pub y0: f64,
    /// Right edge.
    pub x1: f64,
    /// Bottom edge.
    pub y1: f64,
}

impl PageBox {
    /// The smallest box holding both (on the page of `self`).
    pub fn union(self, o: PageBox) -> PageBox {
        PageBox {
            page: self.page,
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }
}

/// What a box holds, by its place in the parsed digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum BoxOf {
    /// The title of article `article`.
    Title {
        /// Index into the articles.
        article: usize,
    },
    /// Paragraph `paragraph` of article `article`.
    Paragraph {
        /// Index into the articles.
        article: usize,
        /// Index into its paragraphs.
        paragraph: usize,
    },
    /// Pull quote `index` of article `article`.
    PullQuote {
        /// Index into the articles.
        article: usize,
        /// Index into its pull quotes.
        index: usize,
    },
    /// The source line of article `article`.
    Source {
        /// Index into the articles.
        article: usize,
    },
    /// Furniture `index` of the digest.
    Furniture {
        /// Index into the furniture.
        index: usize,
    },
}

impl BoxOf {
    /// The role stored for it.
    pub fn role(self) -> BoxRole {
        match self {
            BoxOf::Title { .. } => BoxRole::Title,
            BoxOf::Paragraph { .. } => BoxRole::Paragraph,
            BoxOf::PullQuote { .. } => BoxRole::PullQuote,
            BoxOf::Source { .. } => BoxRole::Source,
            BoxOf::Furniture { .. } => BoxRole::Furniture,
        }
    }
}

/// A box and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct PlacedBox {
    /// Where.
    pub place: PageBox,
    /// What.
    pub of: BoxOf,
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
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Change {
    /// The audit log entry that records it.
    pub audit_id: i64,
    /// The audit log's name for what was done (e.g. `split_article`).
    pub action: String,
    /// The digest it was done in.
    pub digest_id: i64,
    /// The article to show afterwards (e.g. the new one after a split), if any.
    pub article_id: Option<i64>,
    /// The articles whose text or structure changed: their suggestions are drafted again.
    #[serde(default)]
    pub touched: Vec<i64>,
}
