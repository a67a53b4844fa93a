//! PDF pages read by layout: each page of a PDF becomes one digest.
//!
//! The steps, one module each:
//! 1. [`glyphs`]: every glyph with its position, size and text (via `pdf-extract`; radicals
//!    that a font's map put for ideographs mended by [`unify`]), and the page size; refuses
//!    non-PDFs, damaged and encrypted files and pages with no text layer;
//! 2. [`layout`]: glyphs → lines (by baseline, cut at gutters) → columns and reading order
//!    (XY cut: full-width bands top to bottom, columns left to right), furniture by position;
//! 3. [`articles`]: lines → blocks → roles (headline by size, source, byline, pull quote,
//!    furniture) → the same [`ParsedDigest`] the text importers produce.

pub mod articles;
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
    let mut parsed = articles::articles(&layout::layout(page));
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

/// Reads a PDF and rebuilds each page as a digest (no database access). The first page's
/// digest carries the others in `pages`.
pub fn prepare(jieba: &Jieba, input: &Input<'_>, opts: &Options) -> Result<Prepared> {
    let pages = glyphs::read(input.bytes, &input.what)?;
    let stem = opts
        .name
        .clone()
        .or_else(|| input.source_file.as_deref().map(file_stem))
        .unwrap_or_else(|| input.what.clone());
    let many = pages.len() > 1;
    let mut prepared = Vec::new();
    for page in pages.iter().filter(|p| !p.glyphs.is_empty()) {
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
    Ok(Prepared {
        report,
        hash: content_hash(&page_text(page)),
        what: what.to_owned(),
        source_file: input.source_file.clone(),
        parsed,
        tokens,
        labels: None,
        galley_export: None,
        pages: Vec::new(),
    })
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
        reports.push(super::commit(store, jieba, page, opts)?);
    }
    Ok(merge(reports))
}

/// One report for the pages of one file.
fn merge(reports: Vec<Report>) -> Report {
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
    for r in &reports {
        out.articles.extend(r.articles.iter().cloned());
        out.furniture.extend(r.furniture.iter().cloned());
        out.warnings
            .extend(r.warnings.iter().map(|w| format!("{}: {w}", r.name)));
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
    out
}

#[cfg(test)]
mod tests;
