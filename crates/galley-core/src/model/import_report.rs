//! What an import did, as data: the input's layout and the report of each file. Defined
//! here, below the layers that read it (the suggestions drafted after an import), and used
//! by `import`.

use serde::{Deserialize, Serialize};

use super::{IssueDate, Source};

/// How an input's text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// Text extracted from a newspaper page (PDF): rebuilt by `import::page`.
    Page,
    /// `#` lines are article titles.
    Markdown,
    /// An array of `{title, body | paragraphs}` objects (or `{articles: [...]}`, or one object).
    Json,
    /// One `{title, body | paragraphs}` object per line.
    Jsonl,
    /// A `galley.export/1` document: digests restored with their annotations.
    GalleyExport,
    /// Label Studio's JSON export of a text project (tasks with annotations).
    LabelStudio,
    /// doccano's JSONL export (`text` with `label` spans or categories).
    Doccano,
    /// A PDF: glyphs and their positions, rebuilt by layout (`import::pdf`), a digest a page.
    Pdf,
}

impl InputFormat {
    /// Whether the input brings its own annotations (a Galley export, Label Studio, doccano):
    /// those are restored, not drafted again.
    pub fn carries_annotations(self) -> bool {
        matches!(
            self,
            InputFormat::GalleyExport | InputFormat::LabelStudio | InputFormat::Doccano
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Imported,
    /// The same text was imported before; nothing was stored.
    AlreadyImported,
    /// `--dry-run`: parsed, nothing stored.
    DryRun,
}

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub status: Status,
    /// The stored digest (the earlier one for `AlreadyImported`; `None` for a dry run).
    pub digest_id: Option<i64>,
    pub name: String,
    pub date: Option<IssueDate>,
    pub format: Option<InputFormat>,
    pub articles: Vec<ArticleReport>,
    pub furniture: Vec<String>,
    pub warnings: Vec<String>,
    /// A Galley export: what happened to each digest (restored, merged, unchanged).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub digests: Vec<DigestOutcome>,
    /// A Galley export merged into digests already stored: values that differ (kept as stored).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    pub id: Option<i64>,
    pub title: String,
    pub paragraphs: usize,
    pub pull_quotes: usize,
    pub source: Source,
    pub confidence: f64,
    pub warnings: Vec<String>,
}

/// What happened to one exported digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestOutcome {
    pub digest_id: i64,
    pub name: String,
    /// `restored` (new), `merged` (something added) or `unchanged`.
    pub outcome: &'static str,
    pub articles_added: usize,
    pub annotations_added: usize,
    pub conflicts: usize,
}

/// A value both the database and the file have, differently: the stored one was kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    pub digest: String,
    pub article: String,
    pub what: String,
    pub stored: String,
    pub incoming: String,
}

impl std::fmt::Display for Conflict {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "conflict in {} / {}: {}: stored {}, file {} (kept the stored value)",
            self.digest, self.article, self.what, self.stored, self.incoming
        )
    }
}
