//! PDF pages read by layout: each page of a PDF becomes one digest.
//!
//! The steps, one module each:
//! 1. [`glyphs`]: every glyph with its position, size and text (via `pdf-extract`; bold
//!    fonts and the text of CID fonts without a ToUnicode map from [`fonts`] and [`cid`];
//!    radicals that a font's map put for ideographs mended by [`unify`]), and the page size;
//!    refuses non-PDFs, damaged and encrypted files and pages with no text layer;
//! 2. [`layout`]: glyphs → lines (by baseline, cut at gutters) → tables and captions set
//!    aside ([`figures`]) → columns and reading order (XY cut: full-width bands top to
//!    bottom, columns left to right), furniture by position;
//! 3. [`articles`]: lines → blocks → roles (headline by size, source, byline, pull quote,
//!    furniture) → the same [`ParsedDigest`] the text importers produce;
//! 4. [`continued`]: when the pages make one digest, an article running over a page break
//!    read as one.

pub mod articles;
pub mod cid;
pub mod continued;
pub mod figures;
pub mod fonts;
pub mod glyphs;
pub mod layout;
pub mod unify;

use jieba_rs::Jieba;

use super::{content_hash, file_stem, Input, Options, Prepared};
use crate::model::import_report::{DigestOutcome, InputFormat, Report, Status};
use crate::model::ParsedDigest;
use crate::{Error, Result, Store};

pub use glyphs::{Glyph, Page};

/// Whether an input is to be read as a PDF: asked for, named `.pdf`, or starting `%PDF-`.
pub fn is_pdf(input: &Input<'_>, opts: &Options) -> bool {
    match opts.format {
        Some(f) => f == InputFormat::Pdf,
        None => {
            input
                .source_file
                .as_deref()
                .and_then(InputFormat::from_file_name)
                == Some(InputFormat::Pdf)
                || input.bytes.starts_with(b"%PDF-")
        }
    }
}

/// Rebuilds one page into articles.
pub fn parse_page(page: &Page) -> ParsedDigest {
    let mut layout = layout::layout(page);
    let texts: Vec<&str> = layout.lines.iter().map(|l| l.text.as_str()).collect();
    let contents = crate::import::contents::lines(&texts);
    let warning = crate::import::contents::warning(&contents, &texts);
    for (l, _) in layout.lines.iter_mut().zip(contents).filter(|(_, c)| *c) {
        l.furniture = true;
    }
    let mut parsed = articles::articles(&layout, page.number);
    if let Some(w) = warning {
        // A page that is all contents has no headline to miss.
        parsed.warnings.retain(|w| w != articles::NO_HEADLINE);
        parsed.warnings.push(w);
    }
    crate::import::page::number_items(&mut parsed);
    crate::import::page::site_names(&mut parsed);
    parsed.pages.push(crate::model::PageSize {
        number: page.number,
        width: page.width,
        height: page.height,
    });
    if page.rotated > 0 {
        parsed.warnings.push(format!(
            "{} rotated or vertical characters left out: only horizontal text is read",
            page.rotated
        ));
    }
    parsed
}

/// The page's text in reading order, one line per line: what the digest's hash is taken of.
pub fn page_text(page: &Page) -> String {
    let layout = layout::layout(page);
    let mut text = String::new();
    for l in &layout.lines {
        text.push_str(&l.text);
        text.push('\n');
    }
    text
}

/// Which pages of a PDF to import: `3`, `2-4`, or `2-` (to the last); pages count from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageRange {
    /// The first page imported.
    pub first: u32,
    /// The last page imported; `None`: to the end.
    pub last: Option<u32>,
}

impl PageRange {
    /// Whether page `n` (from 1) is in the range.
    pub fn contains(self, n: u32) -> bool {
        n >= self.first && self.last.is_none_or(|last| n <= last)
    }
}

impl std::str::FromStr for PageRange {
    type Err = Error;

    fn from_str(s: &str) -> Result<PageRange> {
        let bad = || {
            Error::Invalid(format!(
                "pages {s:?}: give a page or a range of pages from 1, such as 3, 2-4 or 2-"
            ))
        };
        let page = |t: &str| t.trim().parse::<u32>().ok().filter(|&n| n >= 1);
        let (first, last) = match s.split_once('-') {
            Some((a, b)) if b.trim().is_empty() => (page(a).ok_or_else(bad)?, None),
            Some((a, b)) => (page(a).ok_or_else(bad)?, Some(page(b).ok_or_else(bad)?)),
            None => {
                let n = page(s).ok_or_else(bad)?;
                (n, Some(n))
            }
        };
        match last.is_some_and(|l| l < first) {
            true => Err(bad()),
            false => Ok(PageRange { first, last }),
        }
    }
}

impl std::fmt::Display for PageRange {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.last {
            Some(l) if l == self.first => write!(f, "{l}"),
            Some(l) => write!(f, "{}-{l}", self.first),
            None => write!(f, "{}-", self.first),
        }
    }
}

/// Reads a PDF and rebuilds each page (of `opts.pages`, if given) as a digest, or all of them
/// as one with `opts.one_digest` (no database access). The first page's digest carries the
/// others in `pages`.
pub fn prepare(jieba: &Jieba, input: &Input<'_>, opts: &Options) -> Result<Prepared> {
    let mut first = prepare_digests(jieba, input, opts)?;
    let original: std::sync::Arc<[u8]> = std::sync::Arc::from(input.bytes);
    first.original = Some(original.clone());
    for page in &mut first.pages {
        page.original = Some(original.clone());
    }
    Ok(first)
}

/// The digests of the file, without the file itself.
fn prepare_digests(jieba: &Jieba, input: &Input<'_>, opts: &Options) -> Result<Prepared> {
    let read = glyphs::read_pages(input.bytes, &input.what, opts.pages)?;
    let stem = opts
        .name
        .clone()
        .or_else(|| input.source_file.as_deref().map(file_stem))
        .unwrap_or_else(|| input.what.clone());
    let selected: Vec<&Page> = read.pages.iter().filter(|p| !p.glyphs.is_empty()).collect();
    if opts.one_digest {
        return prepare_whole(jieba, &selected, stem, input, opts);
    }
    let many = read.count > 1;
    let mut prepared = Vec::new();
    for page in selected {
        let name = match many {
            true => format!("{stem} p{}", page.number),
            false => stem.clone(),
        };
        let what = match many {
            true => format!("{} page {}", input.what, page.number),
            false => input.what.clone(),
        };
        match prepare_page(jieba, page, &what, name, input, opts) {
            Ok(p) => prepared.push(p),
            // A page with no articles (an advertisement, a blank back page) is skipped.
            Err(Error::NoArticles { .. }) if many => {}
            Err(e) => return Err(e),
        }
    }
    let mut prepared = prepared.into_iter();
    let mut first = prepared.next().ok_or_else(|| Error::NoArticles {
        what: input.what.clone(),
    })?;
    first.pages = prepared.collect();
    Ok(first)
}

/// The chosen pages as one digest: their articles in page order.
fn prepare_whole(
    jieba: &Jieba,
    pages: &[&Page],
    name: String,
    input: &Input<'_>,
    opts: &Options,
) -> Result<Prepared> {
    let mut parsed = ParsedDigest::default();
    let mut text = String::new();
    for page in pages {
        let mut one = parse_page(page);
        let n = page.number;
        let warnings = std::mem::take(&mut one.warnings);
        parsed
            .warnings
            .extend(warnings.into_iter().map(|w| format!("page {n}: {w}")));
        continued::append(&mut parsed, one);
        text.push_str(&page_text(page));
    }
    let date = super::issue_date(input, opts);
    let (parsed, tokens, report) =
        super::finish_parsed(jieba, parsed, &input.what, name, date, InputFormat::Pdf)?;
    Ok(prepared(
        report,
        content_hash(&text),
        &input.what,
        input,
        parsed,
        tokens,
    ))
}

/// One page as a prepared digest.
fn prepare_page(
    jieba: &Jieba,
    page: &Page,
    what: &str,
    name: String,
    input: &Input<'_>,
    opts: &Options,
) -> Result<Prepared> {
    let date = super::issue_date(input, opts);
    let (parsed, tokens, report) =
        super::finish_parsed(jieba, parse_page(page), what, name, date, InputFormat::Pdf)?;
    let hash = content_hash(&page_text(page));
    Ok(prepared(report, hash, what, input, parsed, tokens))
}

fn prepared(
    report: Report,
    hash: String,
    what: &str,
    input: &Input<'_>,
    parsed: ParsedDigest,
    tokens: Vec<String>,
) -> Prepared {
    Prepared {
        report,
        hash,
        what: what.to_owned(),
        source_file: input.source_file.clone(),
        parsed,
        tokens,
        labels: None,
        galley_export: None,
        pages: Vec::new(),
        original: None,
        source_text: None,
    }
}

/// Stores each page of a multi-page PDF as its own digest (each in its own transaction) and
/// returns one report: the first stored digest, all articles, and one line per page digest.
pub fn commit_pages(
    store: &mut Store,
    jieba: &Jieba,
    mut first: Prepared,
    opts: &Options,
) -> Result<Report> {
    let rest = std::mem::take(&mut first.pages);
    let mut reports = Vec::new();
    for page in std::iter::once(first).chain(rest) {
        let name = page.report.name.clone();
        reports.push((name, super::commit(store, jieba, page, opts)?));
    }
    Ok(merge(reports))
}

/// One report for the pages of one file, each given with the page's own name (a page that
/// repeats a stored digest reports that digest's name).
fn merge(pages: Vec<(String, Report)>) -> Report {
    let (names, reports): (Vec<String>, Vec<Report>) = pages.into_iter().unzip();
    let stored = |r: &Report| r.status == Status::Imported;
    let status = if reports.iter().any(stored) {
        Status::Imported
    } else {
        reports.first().map_or(Status::DryRun, |r| r.status)
    };
    let digest_id = reports
        .iter()
        .find(|r| stored(r))
        .or(reports.first())
        .and_then(|r| r.digest_id);
    let mut out = Report {
        status,
        digest_id,
        ..reports[0].clone()
    };
    // Page digests are named `NAME pN`: the file's report is named `NAME`.
    out.name = match out.name.rsplit_once(" p") {
        Some((stem, _)) => stem.to_owned(),
        None => out.name,
    };
    out.articles.clear();
    out.furniture.clear();
    out.warnings.clear();
    // Pages that repeat a digest already stored: one line per digest, not one per page.
    let mut repeats: Vec<(i64, Vec<&str>)> = Vec::new();
    for (page, r) in names.iter().zip(&reports) {
        out.articles.extend(r.articles.iter().cloned());
        out.furniture.extend(r.furniture.iter().cloned());
        match (r.status, r.digest_id) {
            (Status::AlreadyImported, Some(id)) => add_repeat(&mut repeats, id, page),
            _ => out
                .warnings
                .extend(r.warnings.iter().map(|w| format!("{page}: {w}"))),
        }
        if let Some(id) = r.digest_id {
            out.digests.push(DigestOutcome {
                digest_id: id,
                name: r.name.clone(),
                outcome: if stored(r) { "imported" } else { "unchanged" },
                articles_added: if stored(r) { r.articles.len() } else { 0 },
                annotations_added: 0,
                conflicts: 0,
            });
        }
    }
    out.warnings
        .extend(repeats.iter().map(|(id, pages)| repeated(*id, pages)));
    out
}

/// Notes that `page` repeats the stored digest `digest_id`.
fn add_repeat<'a>(repeats: &mut Vec<(i64, Vec<&'a str>)>, digest_id: i64, page: &'a str) {
    match repeats.iter_mut().find(|(d, _)| *d == digest_id) {
        Some((_, pages)) => pages.push(page),
        None => repeats.push((digest_id, vec![page])),
    }
}

/// `NAME p2, p4–p500: already imported as digest 7: nothing stored` for the pages (named
/// `NAME pN`) that repeat one stored digest.
fn repeated(digest_id: i64, pages: &[&str]) -> String {
    let number = |name: &str| {
        name.rsplit_once(" p")
            .and_then(|(_, n)| n.parse::<u32>().ok())
    };
    let numbers: Option<Vec<u32>> = pages.iter().map(|p| number(p)).collect();
    let listed = match (numbers, pages.first()) {
        (Some(numbers), Some(first)) if pages.len() > 1 => {
            let stem = first.rsplit_once(" p").map_or("", |(stem, _)| stem);
            format!("{stem} {}", ranges(&numbers))
        }
        _ => pages.join(", "),
    };
    let what = if pages.len() > 1 {
        format!("{} pages", pages.len())
    } else {
        "page".to_owned()
    };
    format!("{listed}: {what} already imported as digest {digest_id}: nothing stored")
}

/// Page numbers as an editor writes them: `p2, p4–p500`.
fn ranges(numbers: &[u32]) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &n in numbers {
        match runs.last_mut() {
            Some((_, end)) if n == *end + 1 => *end = n,
            _ => runs.push((n, n)),
        }
    }
    let run = |&(a, b): &(u32, u32)| {
        if a == b {
            format!("p{a}")
        } else {
            format!("p{a}–p{b}")
        }
    };
    runs.iter().map(run).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests;
