//! Import: bytes → text → articles → one transaction in the store.

pub mod clean;
pub mod contents;
pub mod decode;
pub mod files;
pub mod formats;
pub mod page;
pub mod pdf;
mod stream;

use std::path::Path;

use jieba_rs::Jieba;

use crate::model::{IssueDate, ParsedDigest};
pub use files::{collect_files, Found};
pub use formats::InputFormat;
pub use stream::{import_stream, WAITING_BYTES};

use crate::store::{articles, audit, digests, furniture, paragraphs, pull_quotes, search};
use crate::{Error, Result, Store};

/// One input to import: a file's bytes and how to name it.
pub struct Input<'a> {
    /// How the input is named in messages (a path, or `stdin`).
    pub what: String,
    /// The file it came from, stored with the digest.
    pub source_file: Option<String>,
    /// The raw bytes, in whatever encoding.
    pub bytes: &'a [u8],
}

/// How to import one input.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Digest name; default: the file name without extension.
    pub name: Option<String>,
    /// Issue date (`YYYY-MM-DD` or `YYYY-MM`); default: found in the file name.
    pub date: Option<IssueDate>,
    /// Encoding label overriding detection.
    pub encoding: Option<String>,
    /// Parse and report, store nothing.
    pub dry_run: bool,
    /// Who is importing (goes to the audit log).
    pub actor: String,
    /// Layout of the input; default: from the file extension, else sniffed from the text.
    pub format: Option<InputFormat>,
    /// Mark a new digest of articles (not one that brought its own annotations) as waiting
    /// for its suggestions, in the transaction that stores it.
    pub suggest: bool,
    /// PDF only: the pages to import (default: all).
    pub pages: Option<pdf::PageRange>,
    /// PDF only: one digest for the whole file (or the chosen pages), not one per page.
    pub one_digest: bool,
}

/// Largest input accepted (one digest page is a few tens of KB).
pub const MAX_INPUT_BYTES: usize = 64 * 1024 * 1024;
/// Longest line accepted in page and Markdown text (a page line is a few dozen characters).
pub const MAX_LINE_CHARS: usize = 20_000;
/// File extensions imported from a folder.
pub const EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "json", "jsonl", "ndjson", "pdf",
];

pub use crate::model::import_report::{ArticleReport, Report, Status};

/// Reads and imports one file.
pub fn import_file(
    store: &mut Store,
    jieba: &Jieba,
    path: &Path,
    opts: &Options,
) -> Result<Report> {
    let bytes = files::read(path)?;
    let source_file = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let input = Input {
        what: path.display().to_string(),
        source_file,
        bytes: &bytes,
    };
    import(store, jieba, &input, opts)
}

/// Decodes, parses and stores one input as one digest, all in one transaction.
pub fn import(
    store: &mut Store,
    jieba: &Jieba,
    input: &Input<'_>,
    opts: &Options,
) -> Result<Report> {
    commit(store, jieba, prepare(jieba, input, opts)?, opts)
}

/// An input owned, for [`import_stream`].
pub struct OwnedInput {
    /// How the input is named in messages (a path, or `stdin`).
    pub what: String,
    /// The file it came from, stored with the digest.
    pub source_file: Option<String>,
    /// The raw bytes, in whatever encoding.
    pub bytes: Vec<u8>,
}

impl OwnedInput {
    /// Reads a file to import (a regular file of at most [`MAX_INPUT_BYTES`]).
    pub fn read(path: &Path) -> Result<OwnedInput> {
        let bytes = files::read(path)?;
        Ok(OwnedInput {
            what: path.display().to_string(),
            source_file: path.file_name().map(|n| n.to_string_lossy().into_owned()),
            bytes,
        })
    }

    /// The input, borrowed.
    pub fn as_input(&self) -> Input<'_> {
        Input {
            what: self.what.clone(),
            source_file: self.source_file.clone(),
            bytes: &self.bytes,
        }
    }
}

/// An input decoded and rebuilt into articles, with its search tokens: all the work that
/// needs no database.
pub struct Prepared {
    report: Report,
    hash: String,
    what: String,
    source_file: Option<String>,
    parsed: ParsedDigest,
    tokens: Vec<String>,
    /// Annotations that came with the articles (Label Studio, doccano), one per article.
    labels: Option<Vec<formats::annotated::Labels>>,
    /// A Galley export is restored as a whole by [`formats::galley_export`].
    galley_export: Option<String>,
    /// A PDF's further pages, each its own digest (see [`pdf::commit_pages`]).
    pages: Vec<Prepared>,
    /// The file as read, kept for the page view (PDFs only).
    original: Option<std::sync::Arc<[u8]>>,
    /// The page text as decoded, kept for the page view (page text only).
    source_text: Option<String>,
}

/// Decodes and parses one input (no database access).
pub fn prepare(jieba: &Jieba, input: &Input<'_>, opts: &Options) -> Result<Prepared> {
    if input.bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            what: input.what.clone(),
            detail: format!(
                "{} bytes; at most {MAX_INPUT_BYTES} bytes are imported at once",
                input.bytes.len()
            ),
        });
    }
    if pdf::is_pdf(input, opts) {
        return pdf::prepare(jieba, input, opts);
    }
    let decode::Decoded { text, warnings } =
        decode::decode(input.bytes, &input.what, opts.encoding.as_deref())?;
    let mut prepared = prepare_text(jieba, input, opts, text)?;
    prepared.report.warnings.splice(0..0, warnings);
    Ok(prepared)
}

/// Parses decoded text in its format (detected unless given).
fn prepare_text(
    jieba: &Jieba,
    input: &Input<'_>,
    opts: &Options,
    text: String,
) -> Result<Prepared> {
    let format = opts
        .format
        .or_else(|| {
            input
                .source_file
                .as_deref()
                .and_then(InputFormat::from_file_name)
        })
        .unwrap_or_else(|| InputFormat::sniff(&text))
        .refine(&text);
    if format == InputFormat::GalleyExport {
        return Ok(Prepared {
            report: empty_report(String::new(), None, format),
            hash: String::new(),
            what: input.what.clone(),
            source_file: input.source_file.clone(),
            parsed: ParsedDigest::default(),
            tokens: Vec::new(),
            labels: None,
            galley_export: Some(text),
            pages: Vec::new(),
            original: None,
            source_text: None,
        });
    }
    if matches!(format, InputFormat::Page | InputFormat::Markdown) {
        check_line_lengths(&text, &input.what)?;
    }
    let hash = content_hash(&text);
    let name = opts
        .name
        .clone()
        .or_else(|| input.source_file.as_deref().map(file_stem))
        .unwrap_or_else(|| input.what.clone());
    let date = issue_date(input, opts);
    let (parsed, labels) = match format {
        InputFormat::Page => (parse(&text, jieba), None),
        InputFormat::LabelStudio => {
            let (p, l) = formats::label_studio::parse(&text)?;
            (p, Some(l))
        }
        InputFormat::Doccano => {
            let (p, l) = formats::doccano::parse(&text)?;
            (p, Some(l))
        }
        other => (formats::parse(other, &text)?, None),
    };
    let (parsed, tokens, report) = finish_parsed(jieba, parsed, &input.what, name, date, format)?;
    Ok(Prepared {
        report,
        hash,
        what: input.what.clone(),
        source_file: input.source_file.clone(),
        parsed,
        tokens,
        labels,
        galley_export: None,
        pages: Vec::new(),
        original: None,
        source_text: (format == InputFormat::Page).then_some(text),
    })
}

/// Stores a prepared input as one digest in one transaction, unless the same text is already
/// stored (then says so) or this is a dry run.
pub fn commit(
    store: &mut Store,
    jieba: &Jieba,
    prepared: Prepared,
    opts: &Options,
) -> Result<Report> {
    if !prepared.pages.is_empty() {
        return pdf::commit_pages(store, jieba, prepared, opts);
    }
    let Prepared {
        mut report,
        hash,
        what,
        source_file,
        parsed,
        tokens,
        labels,
        galley_export,
        pages: _,
        original,
        source_text,
    } = prepared;
    if let Some(text) = galley_export {
        let input = Input {
            what,
            source_file,
            bytes: text.as_bytes(),
        };
        return formats::galley_export::import(store, jieba, &text, &input, opts);
    }
    if opts.dry_run {
        return Ok(report);
    }
    if let Some(existing) = digests::find_by_hash(store.conn(), &hash)? {
        return Ok(Report {
            status: Status::AlreadyImported,
            digest_id: Some(existing.id),
            name: existing.name,
            date: existing.date,
            format: report.format,
            articles: Vec::new(),
            furniture: Vec::new(),
            warnings: vec![format!(
                "already imported as digest {} on {}: nothing stored",
                existing.id, existing.imported_at
            )],
            digests: Vec::new(),
            conflicts: Vec::new(),
        });
    }
    let stored = Stored {
        report: &report,
        source_file: source_file.as_deref(),
        hash: &hash,
        parsed: &parsed,
        tokens: &tokens,
        original: original.as_deref(),
        source_text: source_text.as_deref(),
    };
    let (digest_id, ids, label_warnings) = store.write(|tx| {
        let (digest_id, ids) = store_parsed(tx, &stored, opts)?;
        if opts.suggest && labels.is_none() {
            crate::store::pending_suggestions::mark(tx, digest_id, &crate::store::now())?;
        }
        let mut warnings = Vec::new();
        if let Some(labels) = &labels {
            let now = crate::store::now();
            for (i, (id, l)) in ids.iter().zip(labels).enumerate() {
                let where_ = format!("article {}", i + 1);
                warnings.extend(formats::annotated::store(
                    tx,
                    *id,
                    l,
                    &opts.actor,
                    &now,
                    &where_,
                )?);
            }
        }
        Ok((digest_id, ids, warnings))
    })?;
    report.warnings.extend(label_warnings);
    report.status = Status::Imported;
    report.digest_id = Some(digest_id);
    for (a, id) in report.articles.iter_mut().zip(ids) {
        a.id = Some(id);
    }
    Ok(report)
}

/// The issue date: as given, else found in the file's name.
fn issue_date(input: &Input<'_>, opts: &Options) -> Option<IssueDate> {
    opts.date.or_else(|| {
        input
            .source_file
            .as_deref()
            .and_then(date_in_name)?
            .parse()
            .ok()
    })
}

/// The steps every parsed input ends with: it must hold an article; its text and name are
/// cleaned, each article's words tokenised for search, and the report written.
fn finish_parsed(
    jieba: &Jieba,
    parsed: ParsedDigest,
    what: &str,
    mut name: String,
    date: Option<IssueDate>,
    format: InputFormat,
) -> Result<(ParsedDigest, Vec<String>, Report)> {
    if parsed.articles.is_empty() {
        return Err(Error::NoArticles {
            what: what.to_owned(),
        });
    }
    let mut parsed = clean::finish(parsed, what)?;
    if clean::name(&mut name) {
        parsed
            .warnings
            .push("control characters removed from the digest name".into());
    }
    let tokens = crate::parallel::map(&parsed.articles, |a| {
        let mut text = a.title.clone();
        for p in &a.paragraphs {
            text.push('\n');
            text.push_str(&p.text);
        }
        crate::language::search_tokens(jieba, &text)
    });
    let mut report = empty_report(name, date, format);
    report.articles = parsed.articles.iter().map(article_report).collect();
    report.furniture = parsed.furniture.clone();
    report.warnings = parsed.warnings.clone();
    Ok((parsed, tokens, report))
}

/// An article as the report lists it before it is stored.
fn article_report(a: &crate::model::ArticleDraft) -> ArticleReport {
    ArticleReport {
        id: None,
        title: a.title.clone(),
        paragraphs: a.paragraphs.len(),
        pull_quotes: a.pull_quotes.len(),
        source: a.source.clone(),
        // As stored (see `store_parsed`).
        confidence: a.confidence.clamp(0.0, 1.0),
        warnings: a.warnings.clone(),
    }
}

fn empty_report(name: String, date: Option<IssueDate>, format: InputFormat) -> Report {
    Report {
        status: Status::DryRun,
        digest_id: None,
        name,
        date,
        format: Some(format),
        articles: Vec::new(),
        furniture: Vec::new(),
        warnings: Vec::new(),
        digests: Vec::new(),
        conflicts: Vec::new(),
    }
}

/// Turns page text into articles (see [`page::reconstruct`]).
pub fn parse(text: &str, jieba: &Jieba) -> ParsedDigest {
    page::reconstruct(text, jieba)
}

struct Stored<'a> {
    report: &'a Report,
    source_file: Option<&'a str>,
    hash: &'a str,
    parsed: &'a ParsedDigest,
    tokens: &'a [String],
    original: Option<&'a [u8]>,
    source_text: Option<&'a str>,
}

/// The ids a parsed digest's pieces were stored under, by their places in it.
struct StoredIds<'a> {
    articles: &'a [i64],
    paragraphs: &'a [Vec<i64>],
    furniture: &'a [i64],
}

/// Stores the pages and boxes of a digest read from a PDF (nothing for other inputs). A box
/// whose piece was not stored (cleaned away) is left out.
fn store_boxes(
    tx: &rusqlite::Connection,
    digest_id: i64,
    parsed: &ParsedDigest,
    ids: &StoredIds<'_>,
) -> Result<()> {
    use crate::model::BoxOf;
    use crate::store::page_boxes::{self, Owner};
    for p in &parsed.pages {
        page_boxes::insert_page(tx, digest_id, p)?;
    }
    for b in &parsed.boxes {
        let article = |i: usize| ids.articles.get(i).copied();
        let owner = match b.of {
            BoxOf::Title { article: a }
            | BoxOf::Source { article: a }
            | BoxOf::PullQuote { article: a, .. } => Owner {
                article_id: article(a),
                ..Owner::default()
            },
            BoxOf::Paragraph {
                article: a,
                paragraph,
            } => Owner {
                article_id: article(a),
                paragraph_id: ids
                    .paragraphs
                    .get(a)
                    .and_then(|p| p.get(paragraph))
                    .copied(),
                ..Owner::default()
            },
            BoxOf::Furniture { index } => Owner {
                furniture_id: ids.furniture.get(index).copied(),
                ..Owner::default()
            },
        };
        if owner.article_id.is_some() || owner.furniture_id.is_some() {
            page_boxes::insert(tx, digest_id, &b.place, b.of.role(), owner)?;
        }
    }
    Ok(())
}

/// Keeps the PDF a digest's pages were read from, for the page view to draw.
fn keep_original(
    tx: &rusqlite::Connection,
    digest_id: i64,
    parsed: &ParsedDigest,
    original: Option<&[u8]>,
) -> Result<()> {
    use crate::store::page_files;
    let Some(bytes) = original.filter(|_| !parsed.pages.is_empty()) else {
        return Ok(());
    };
    let file = page_files::insert_or_get(tx, page_files::PDF, bytes)?;
    page_files::link_pages(tx, digest_id, file)
}

fn store_parsed(
    tx: &rusqlite::Connection,
    s: &Stored<'_>,
    opts: &Options,
) -> Result<(i64, Vec<i64>)> {
    let Stored {
        report,
        source_file,
        hash,
        parsed,
        tokens,
        original,
        source_text,
    } = *s;
    let now = crate::store::now();
    let digest_id = digests::insert(
        tx,
        &digests::NewDigest {
            name: &report.name,
            date: report.date,
            source_file,
            content_hash: hash,
            imported_at: &now,
        },
    )?;
    let mut ids = Vec::with_capacity(parsed.articles.len());
    let mut paragraph_ids = Vec::with_capacity(parsed.articles.len());
    for (pos, a) in parsed.articles.iter().enumerate() {
        let id = articles::insert(
            tx,
            &articles::NewArticle {
                digest_id,
                position: pos as i64,
                title: &a.title,
                source: &a.source,
                confidence: Some(a.confidence.clamp(0.0, 1.0)),
                now: &now,
            },
        )?;
        let mut pids = Vec::with_capacity(a.paragraphs.len());
        for (i, p) in a.paragraphs.iter().enumerate() {
            pids.push(paragraphs::insert(tx, id, i as i64, p.kind, &p.text)?);
        }
        for (i, q) in a.pull_quotes.iter().enumerate() {
            pull_quotes::insert(tx, id, i as i64, q)?;
        }
        search::index_tokens(tx, id, &tokens[pos])?;
        ids.push(id);
        paragraph_ids.push(pids);
    }
    let mut furniture_ids = Vec::with_capacity(parsed.furniture.len());
    for (i, f) in parsed.furniture.iter().enumerate() {
        furniture_ids.push(furniture::insert(tx, digest_id, i as i64, f)?);
    }
    let stored = StoredIds {
        articles: &ids,
        paragraphs: &paragraph_ids,
        furniture: &furniture_ids,
    };
    store_boxes(tx, digest_id, parsed, &stored)?;
    keep_original(tx, digest_id, parsed, original)?;
    if let Some(text) = source_text {
        crate::store::digest_texts::insert(tx, digest_id, text)?;
    }
    audit::record(
        tx,
        &now,
        &audit::Entry {
            actor: &opts.actor,
            action: "import",
            entity: "digest",
            entity_id: Some(digest_id),
            article_id: None,
            before: None,
            after: Some(serde_json::json!({
                "name": report.name,
                "source_file": source_file,
                "articles": ids.len(),
                "content_hash": hash,
            })),
        },
    )?;
    Ok((digest_id, ids))
}

/// A page line of tens of thousands of characters is not a page: refuse it before parsing.
fn check_line_lengths(text: &str, what: &str) -> Result<()> {
    for (i, line) in text.lines().enumerate() {
        // Bytes bound characters from above: count only long lines.
        if line.len() > MAX_LINE_CHARS && line.chars().count() > MAX_LINE_CHARS {
            return Err(Error::TooLarge {
                what: what.to_owned(),
                detail: format!(
                    "line {} has {} characters; a page line has at most {MAX_LINE_CHARS}",
                    i + 1,
                    line.chars().count()
                ),
            });
        }
    }
    Ok(())
}

/// SHA-256 of the decoded text, so one page in two encodings is one digest; taken of the
/// text's [`hash_form`](crate::text::hash_form), so a zero-width space or another Unicode
/// normalisation does not make it a new one.
pub fn content_hash(text: &str) -> String {
    crate::text::sha256_hex([crate::text::hash_form(text).trim().as_bytes()])
}

fn file_stem(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| name.to_owned())
}

/// The first `YYYY-MM-DD` or `YYYY-MM` in a file name (`tmt-digest-2023-06.txt` → `2023-06`),
/// else the first date written `YYYYMMDD` (`rmrb_20251020.pdf` → `2025-10-20`).
pub fn date_in_name(name: &str) -> Option<String> {
    dashed_date(name).or_else(|| compact_date(name))
}

/// Eight digits standing alone that make a date from 1900 to 2099: `20251020`.
fn compact_date(name: &str) -> Option<String> {
    let b = name.as_bytes();
    (0..b.len().saturating_sub(7)).find_map(|i| {
        let alone =
            (i == 0 || !b[i - 1].is_ascii_digit()) && !b.get(i + 8).is_some_and(u8::is_ascii_digit);
        let d = b.get(i..i + 8)?;
        if !alone || !d.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let (y, m, day) = (&name[i..i + 4], &name[i + 4..i + 6], &name[i + 6..i + 8]);
        let ok = matches!(&y[..2], "19" | "20")
            && (1..=12).contains(&m.parse::<u32>().ok()?)
            && (1..=31).contains(&day.parse::<u32>().ok()?);
        ok.then(|| format!("{y}-{m}-{day}"))
    })
}

/// The first `YYYY-MM-DD` or `YYYY-MM`.
fn dashed_date(name: &str) -> Option<String> {
    let b = name.as_bytes();
    let digits = |s: &[u8]| s.iter().all(u8::is_ascii_digit);
    (0..b.len().saturating_sub(6)).find_map(|i| {
        let ym = b.get(i..i + 7)?;
        if i > 0 && b[i - 1].is_ascii_digit()
            || !digits(&ym[..4])
            || ym[4] != b'-'
            || !digits(&ym[5..7])
        {
            return None;
        }
        let month: u32 = name[i + 5..i + 7].parse().ok()?;
        if !(1..=12).contains(&month) || b.get(i + 7).is_some_and(u8::is_ascii_digit) {
            return None;
        }
        match b.get(i + 7..i + 10) {
            Some([b'-', d1, d2])
                if d1.is_ascii_digit()
                    && d2.is_ascii_digit()
                    && !b.get(i + 10).is_some_and(u8::is_ascii_digit) =>
            {
                Some(name[i..i + 10].to_owned())
            }
            _ => Some(name[i..i + 7].to_owned()),
        }
    })
}

#[cfg(test)]
mod tests;
