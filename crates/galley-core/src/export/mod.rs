//! Export: the annotated digests as files other people open. One module per format.
//!
//! Every format takes the same [`Filter`] and streams: articles are read from the database one
//! at a time and written as they are read, so memory does not grow with the export.
//! [`write()`] writes one stream, [`to_file`] a file and [`to_folder`] a CSV folder, atomically.
//! This is the API the desktop export dialog calls.

/// The annotation rows every format reads (loaded in the store).
pub use crate::store::export_rows as annotations;
pub mod claimreview;
pub mod csv;
pub mod json;
pub mod markdown;
pub mod webannotation;

use std::cell::{Cell, RefCell};
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::{Article, ClaimStatus, Digest, IssueDate, ReviewState};
use crate::{Error, Result, Store};

/// What to export. Every criterion narrows; an empty one does not.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(default)]
pub struct Filter {
    /// Only these digests (all when empty).
    pub digest_ids: Vec<i64>,
    /// Digests whose issue date is on or after this (`YYYY-MM-DD` or `YYYY-MM`). A digest dated
    /// only by month counts from the first to the last day of that month. Undated digests are
    /// left out when a date bound is given.
    pub date_from: Option<IssueDate>,
    /// Digests whose issue date is on or before this.
    pub date_to: Option<IssueDate>,
    /// Articles with one of these topic codes accepted (a top-level code also matches its
    /// second-level topics: `medtop:13000000` matches `desk:space`).
    pub topics: Vec<String>,
    /// Articles in one of these review states.
    pub review_states: Vec<ReviewState>,
    /// Articles with at least one claim in one of these statuses; only those claims are
    /// exported.
    pub claim_statuses: Vec<ClaimStatus>,
}

impl Filter {
    /// Whether anything beyond the digest list narrows the export.
    pub fn narrows_articles(&self) -> bool {
        !self.topics.is_empty() || !self.review_states.is_empty() || !self.claim_statuses.is_empty()
    }

    /// Whether the filter selects everything.
    pub fn is_empty(&self) -> bool {
        self.digest_ids.is_empty()
            && self.date_from.is_none()
            && self.date_to.is_none()
            && !self.narrows_articles()
    }
}

/// The output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    /// The `galley.export/1` JSON document.
    Json,
    /// `articles.csv` and `claims.csv`.
    Csv,
    /// schema.org ClaimReview JSON-LD, one per claim with a verdict.
    Claimreview,
    /// W3C Web Annotation JSON-LD: claims, topics, sentiment.
    Webannotation,
    /// A readable annotated digest.
    Markdown,
}

impl Format {
    /// Every format, in the order menus list them.
    pub const ALL: [Format; 5] = [
        Format::Json,
        Format::Csv,
        Format::Claimreview,
        Format::Webannotation,
        Format::Markdown,
    ];

    /// The format with this name, any case (`web-annotation` and `md` also accepted).
    pub fn parse(s: &str) -> Option<Format> {
        Some(match s.to_ascii_lowercase().as_str() {
            "json" => Format::Json,
            "csv" => Format::Csv,
            "claimreview" => Format::Claimreview,
            "webannotation" | "web-annotation" => Format::Webannotation,
            "markdown" | "md" => Format::Markdown,
            _ => return None,
        })
    }

    /// The format's name, as `parse` reads it.
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Claimreview => "claimreview",
            Format::Webannotation => "webannotation",
            Format::Markdown => "markdown",
        }
    }

    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Json => "json",
            Format::Csv => "csv",
            Format::Claimreview | Format::Webannotation => "jsonld",
            Format::Markdown => "md",
        }
    }
}

/// Which CSV file.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum CsvTable {
    /// One row per article.
    #[default]
    Articles,
    /// One row per claim.
    Claims,
}

impl CsvTable {
    /// The table's file name.
    pub fn file_name(self) -> &'static str {
        match self {
            CsvTable::Articles => "articles.csv",
            CsvTable::Claims => "claims.csv",
        }
    }
}

/// One export request, as the CLI and the desktop dialog build it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Request {
    /// The output format.
    pub format: Format,
    /// Which digests, articles and claims to export; default: all.
    #[serde(default)]
    pub filter: Filter,
    /// CSV only: which table when writing one stream or one file.
    #[serde(default)]
    pub table: CsvTable,
    /// CSV only: start with a UTF-8 byte order mark so Excel and WPS read Chinese (default on).
    #[serde(default = "yes")]
    pub bom: bool,
}

fn yes() -> bool {
    true
}

impl Request {
    /// A request for every article in this format, with the CSV defaults.
    pub fn new(format: Format) -> Request {
        Request {
            format,
            filter: Filter::default(),
            table: CsvTable::Articles,
            bom: true,
        }
    }
}

/// Hears, as an export goes, how many articles have been written and how many there are.
pub type Tally<'a> = &'a mut dyn FnMut(usize, usize);

/// Writes the export to one stream (for CSV, the table `req.table`).
pub fn write(store: &Store, req: &Request, w: &mut dyn Write) -> Result<()> {
    write_reporting(store, req, w, &mut |_, _| {})
}

/// [`write()`], telling `tally` of each article written.
pub fn write_reporting(
    store: &Store,
    req: &Request,
    w: &mut dyn Write,
    tally: Tally<'_>,
) -> Result<()> {
    let sel = select(store.conn(), &req.filter)?;
    let total = sel.article_count();
    let mut progress = |n| tally(n, total);
    let sel = sel.reporting(&mut progress);
    write_selection(store, req, &sel, req.table, w)
}

fn write_selection(
    store: &Store,
    req: &Request,
    sel: &Selection,
    table: CsvTable,
    w: &mut dyn Write,
) -> Result<()> {
    let conn = store.conn();
    match req.format {
        Format::Json => json::write(conn, sel, &req.filter, w),
        Format::Csv => csv::write(conn, sel, &req.filter, table, req.bom, w),
        Format::Claimreview => claimreview::write(conn, sel, &req.filter, w),
        Format::Webannotation => webannotation::write(conn, sel, &req.filter, w),
        Format::Markdown => markdown::write(conn, sel, &req.filter, w),
    }
}

/// Writes the export to the file `path` atomically (a temporary file beside it, renamed into
/// place: a failed export leaves nothing behind). Returns the file written.
pub fn to_file(
    store: &Store,
    req: &Request,
    path: &Path,
    tally: Tally<'_>,
) -> Result<Vec<PathBuf>> {
    if path.is_dir() {
        return Err(write_error(
            path,
            std::io::ErrorKind::IsADirectory,
            format!(
                "is a folder; only CSV writes a folder (give a file for {})",
                req.format.as_str()
            ),
        ));
    }
    let sel = select(store.conn(), &req.filter)?;
    let total = sel.article_count();
    let mut progress = |n| tally(n, total);
    let sel = sel.reporting(&mut progress);
    write_atomically(path, |w| write_selection(store, req, &sel, req.table, w))?;
    Ok(vec![path.to_owned()])
}

/// Writes a CSV export into the existing folder `path`: `articles.csv` and `claims.csv`, each
/// atomically. Returns the files written.
/// Each table reads every article, so the tally counts each article twice.
pub fn to_folder(
    store: &Store,
    req: &Request,
    path: &Path,
    tally: Tally<'_>,
) -> Result<Vec<PathBuf>> {
    if req.format != Format::Csv {
        return Err(write_error(
            path,
            std::io::ErrorKind::IsADirectory,
            format!(
                "is a folder; only CSV writes a folder (give a file for {})",
                req.format.as_str()
            ),
        ));
    }
    if !path.is_dir() {
        return Err(write_error(
            path,
            std::io::ErrorKind::NotFound,
            "no such folder".into(),
        ));
    }
    let sel = select(store.conn(), &req.filter)?;
    let total = 2 * sel.article_count();
    let mut progress = |n| tally(n, total);
    let sel = sel.reporting(&mut progress);
    let mut written = Vec::new();
    for table in [CsvTable::Articles, CsvTable::Claims] {
        let file = path.join(table.file_name());
        write_atomically(&file, |w| write_selection(store, req, &sel, table, w))?;
        written.push(file);
    }
    Ok(written)
}

fn write_error(path: &Path, kind: std::io::ErrorKind, msg: String) -> Error {
    Error::Write {
        path: path.to_owned(),
        source: std::io::Error::new(kind, msg),
    }
}

/// Writes to a temporary file beside `path`, then renames it into place.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<()>,
) -> Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // The temporary file's name is noise in a message about `path`.
    let werr = |e: std::io::Error| {
        let msg = e.to_string();
        let msg = msg.split(" at path ").next().unwrap_or(&msg).to_owned();
        Error::Write {
            path: path.to_owned(),
            source: std::io::Error::new(e.kind(), msg),
        }
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(werr)?;
    {
        let mut buf = std::io::BufWriter::with_capacity(256 * 1024, tmp.as_file_mut());
        write(&mut buf)?;
        buf.flush().map_err(werr)?;
    }
    // A temporary file is private (0600), and so is a new export; one that replaces a file
    // keeps that file's mode.
    #[cfg(unix)]
    if let Ok(meta) = std::fs::metadata(path) {
        use std::os::unix::fs::PermissionsExt;
        let mode = meta.permissions().mode() & 0o777;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(mode))
            .map_err(werr)?;
    }
    tmp.persist(path).map_err(|e| werr(e.error))?;
    Ok(())
}

/// The digests to export, each with the ids of its matching articles in order, and who hears
/// of each article written.
pub struct Selection<'p> {
    /// Each digest with the ids of its matching articles.
    pub digests: Vec<(Digest, Vec<i64>)>,
    written: Cell<usize>,
    progress: RefCell<Option<&'p mut dyn FnMut(usize)>>,
}

impl std::fmt::Debug for Selection<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Selection")
            .field("digests", &self.digests)
            .finish_non_exhaustive()
    }
}

impl<'p> Selection<'p> {
    fn new(digests: Vec<(Digest, Vec<i64>)>) -> Selection<'p> {
        Selection {
            digests,
            written: Cell::new(0),
            progress: RefCell::new(None),
        }
    }

    /// How many articles are selected.
    pub fn article_count(&self) -> usize {
        self.digests.iter().map(|(_, a)| a.len()).sum()
    }

    /// The same selection, telling `progress` how many articles have been written so far.
    pub fn reporting<'q>(self, progress: &'q mut dyn FnMut(usize)) -> Selection<'q> {
        Selection {
            digests: self.digests,
            written: Cell::new(0),
            progress: RefCell::new(Some(progress)),
        }
    }

    /// Counts one article written.
    pub(crate) fn tick(&self) {
        let n = self.written.get() + 1;
        self.written.set(n);
        if let Some(f) = self.progress.borrow_mut().as_mut() {
            f(n);
        }
    }

    /// Calls `f` for each article of `ids` in order, reading them a batch at a time, and
    /// counts each as written once `f` returns.
    pub fn for_each_article(
        &self,
        conn: &rusqlite::Connection,
        ids: &[i64],
        filter: &Filter,
        mut f: impl FnMut(FullArticle) -> Result<()>,
    ) -> Result<()> {
        for chunk in ids.chunks(annotations::BATCH) {
            for a in load_articles(conn, chunk, filter)? {
                f(a)?;
                self.tick();
            }
        }
        Ok(())
    }
}

/// Checks the filter and finds what it selects, before anything is written. A filter that
/// matches nothing is an error ([`Error::NothingTo`]); an unknown digest is [`Error::NotFound`].
pub fn select<'p>(conn: &rusqlite::Connection, filter: &Filter) -> Result<Selection<'p>> {
    let from = filter.date_from.map(IssueDate::first_day);
    let to = filter.date_to.map(IssueDate::last_day);
    for code in &filter.topics {
        if crate::store::topics::by_code(conn, code)?.is_none() {
            return Err(Error::Invalid(format!("unknown topic code {code:?}")));
        }
    }

    let all = crate::store::digests::list(conn)?;
    for id in &filter.digest_ids {
        if !all.iter().any(|d| d.id == *id) {
            return Err(Error::NotFound {
                entity: "digest",
                id: *id,
            });
        }
    }
    let criteria = annotations::ArticleCriteria {
        review_states: &filter.review_states,
        topics: &filter.topics,
        claim_statuses: &filter.claim_statuses,
    };

    let mut digests = Vec::new();
    for d in all {
        if !filter.digest_ids.is_empty() && !filter.digest_ids.contains(&d.id) {
            continue;
        }
        if from.is_some() || to.is_some() {
            let Some(date) = d.date else {
                continue;
            };
            let (lo, hi) = (date.first_day(), date.last_day());
            if from.as_ref().is_some_and(|f| hi < *f) || to.as_ref().is_some_and(|t| lo > *t) {
                continue;
            }
        }
        let ids = annotations::article_ids(conn, d.id, &criteria)?;
        if ids.is_empty() && (filter.narrows_articles() || from.is_some() || to.is_some()) {
            continue;
        }
        digests.push((d, ids));
    }
    let sel = Selection::new(digests);
    if !filter.is_empty() && sel.article_count() == 0 {
        return Err(Error::NothingTo(
            "export: no article matches the filter (check --digest, --from/--to, --topic, --review-state, --claim-status)",
        ));
    }
    Ok(sel)
}

/// An article with its annotations, as every format reads it.
#[derive(Debug, Clone)]
pub struct FullArticle {
    /// The article and its text.
    pub article: Article,
    /// Its annotations.
    pub annotations: annotations::Annotations,
}

/// Reads one article and its annotations (claims narrowed by the filter's statuses).
pub fn load_article(conn: &rusqlite::Connection, id: i64, filter: &Filter) -> Result<FullArticle> {
    load_articles(conn, &[id], filter)?
        .pop()
        .ok_or(Error::NotFound {
            entity: "article",
            id,
        })
}

/// Reads up to [`annotations::BATCH`] articles with their annotations, in the order given.
pub fn load_articles(
    conn: &rusqlite::Connection,
    ids: &[i64],
    filter: &Filter,
) -> Result<Vec<FullArticle>> {
    let articles = annotations::articles_many(conn, ids)?;
    let keys: Vec<(i64, &[crate::model::Paragraph])> = articles
        .iter()
        .map(|a| (a.id, a.paragraphs.as_slice()))
        .collect();
    let notes = annotations::load_many(conn, &keys, &filter.claim_statuses)?;
    Ok(articles
        .into_iter()
        .zip(notes)
        .map(|(article, annotations)| FullArticle {
            article,
            annotations,
        })
        .collect())
}

/// Maps an I/O error while writing a stream.
pub(crate) fn io(e: std::io::Error) -> Error {
    Error::Serialise(serde_json::Error::io(e))
}

#[cfg(test)]
pub(crate) mod testdata;

#[cfg(test)]
mod tests;
