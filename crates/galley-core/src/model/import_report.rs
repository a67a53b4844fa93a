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

/// What an import did with a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// The file's digest was stored.
    Imported,
    /// The same text was imported before; nothing was stored.
    AlreadyImported,
    /// `--dry-run`: parsed, nothing stored.
    DryRun,
}

/// The report of one imported file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// What the import did.
    pub status: Status,
    /// The stored digest (the earlier one for `AlreadyImported`; `None` for a dry run).
    pub digest_id: Option<i64>,
    /// The digest's name.
    pub name: String,
    /// The issue date, when known.
    pub date: Option<IssueDate>,
    /// How the input was laid out.
    pub format: Option<InputFormat>,
    /// What was found of each article.
    pub articles: Vec<ArticleReport>,
    /// Page furniture recognised and set aside.
    pub furniture: Vec<String>,
    /// What the importer noticed about the file as a whole.
    pub warnings: Vec<String>,
    /// A Galley export: what happened to each digest (restored, merged, unchanged).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub digests: Vec<DigestOutcome>,
    /// A Galley export merged into digests already stored: values that differ (kept as stored).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

/// What an import found of one article.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleReport {
    /// The stored article (`None` when nothing was stored).
    pub id: Option<i64>,
    /// The title as found.
    pub title: String,
    /// How many paragraphs were found.
    pub paragraphs: usize,
    /// How many pull quotes were found.
    pub pull_quotes: usize,
    /// The attribution line and the outlets it names.
    pub source: Source,
    /// 0..=1: how sure the importer is that the article is whole and correct.
    pub confidence: f64,
    /// What the importer noticed about this article.
    pub warnings: Vec<String>,
}

/// What happened to one exported digest.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DigestOutcome {
    /// The stored digest.
    pub digest_id: i64,
    /// The digest's name.
    pub name: String,
    /// `restored` (new), `merged` (something added) or `unchanged`.
    pub outcome: &'static str,
    /// How many articles were added.
    pub articles_added: usize,
    /// How many annotations were added.
    pub annotations_added: usize,
    /// How many values differed (kept as stored).
    pub conflicts: usize,
}

/// A value both the database and the file have, differently: the stored one was kept.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Conflict {
    /// The digest's name.
    pub digest: String,
    /// The article's title (empty for a value of the digest).
    pub article: String,
    /// What differs (e.g. `topic <code>`).
    pub what: String,
    /// The stored value, which was kept.
    pub stored: String,
    /// The file's value, which was dropped.
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
