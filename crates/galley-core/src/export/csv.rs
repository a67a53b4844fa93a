//! CSV: `articles.csv` (one row per article) and `claims.csv` (one row per claim), written with
//! the `csv` crate. UTF-8 with a byte order mark by default so Excel and WPS show Chinese. Each
//! row is a `Serialize` struct written by [`RowWriter`], the only writer: every cell a
//! spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab, carriage return or
//! line feed) gets a leading `'`, whatever its column. Quotes, commas and newlines inside cells are quoted
//! (RFC 4180) and read back unchanged.

mod cells;

use std::io::Write;

use rusqlite::Connection;
use serde::Serialize;

pub use self::cells::{columns, neutralise, RowWriter};
use super::{CsvTable, Filter, FullArticle, Selection};
use crate::model::{ClaimStatus, Digest, SuggestionStatus};
use crate::{Error, Result};

/// The UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// One row of `articles.csv`; the field names are the columns.
#[derive(Debug, Default, Serialize)]
pub struct ArticleRow {
    digest_id: i64,
    digest: String,
    digest_date: Option<String>,
    article_id: i64,
    position: i64,
    title: String,
    source: Option<String>,
    outlets: String,
    topics: String,
    topic_labels: String,
    suggested_topics: String,
    sentiment: Option<String>,
    sentiment_score: Option<String>,
    claims: usize,
    claims_suggested: usize,
    claims_unverified: usize,
    claims_undetermined: usize,
    claims_in_progress: usize,
    claims_verified: usize,
    claims_false: usize,
    claims_not_applicable: usize,
    review_state: String,
    confidence: Option<String>,
    updated_at: String,
}

/// One row of `claims.csv`; the field names are the columns.
#[derive(Debug, Default, Serialize)]
pub struct ClaimRow {
    digest_id: i64,
    article_id: i64,
    article_title: String,
    /// Empty for a suggested sentence no editor has decided on yet.
    claim_id: Option<i64>,
    paragraph: i64,
    start: i64,
    end: i64,
    sentence: String,
    status: String,
    rating: Option<String>,
    rating_value: Option<i64>,
    reviewer: Option<String>,
    reviewed_at: Option<String>,
    evidence: String,
    evidence_count: usize,
    updated_at: String,
    /// How check-worthy Galley scored it (suggested sentences, and claims made of them).
    score: Option<String>,
    /// Why Galley suggested it.
    reasons: String,
}

/// The columns of `articles.csv`.
pub fn article_columns() -> Vec<&'static str> {
    columns::<ArticleRow>()
}

/// The columns of `claims.csv`.
pub fn claim_columns() -> Vec<&'static str> {
    columns::<ClaimRow>()
}

fn csv_err(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => super::io(io),
        other => Error::Invalid(format!("CSV: {other:?}")),
    }
}

/// Writes one table.
pub fn write(
    conn: &Connection,
    sel: &Selection,
    filter: &Filter,
    table: CsvTable,
    bom: bool,
    w: &mut dyn Write,
) -> Result<()> {
    if bom {
        w.write_all(BOM).map_err(super::io)?;
    }
    let mut out = RowWriter::new(w);
    match table {
        CsvTable::Articles => out.header::<ArticleRow>(),
        CsvTable::Claims => out.header::<ClaimRow>(),
    }
    .map_err(csv_err)?;
    for (d, ids) in &sel.digests {
        sel.for_each_article(conn, ids, filter, |a| {
            match table {
                CsvTable::Articles => out.row(&article_row(d, &a)).map_err(csv_err)?,
                CsvTable::Claims => {
                    for row in claim_rows(d, &a) {
                        out.row(&row).map_err(csv_err)?;
                    }
                }
            }
            Ok(())
        })?;
    }
    out.flush().map_err(super::io)?;
    Ok(())
}

fn codes<'a>(topics: impl Iterator<Item = &'a str>) -> String {
    topics.collect::<Vec<_>>().join("; ")
}

fn article_row(d: &Digest, f: &FullArticle) -> ArticleRow {
    let a = &f.article;
    let n = &f.annotations;
    let with = |s: SuggestionStatus| n.topics.iter().filter(move |t| t.status == s);
    let count = |s: ClaimStatus| n.claims.iter().filter(|c| c.status == s).count();
    ArticleRow {
        digest_id: d.id,
        digest: d.name.clone(),
        digest_date: d.date.as_ref().map(ToString::to_string),
        article_id: a.id,
        position: a.position + 1,
        title: a.title.clone(),
        source: a.source.line.clone(),
        outlets: a.source.outlets.join("; "),
        topics: codes(with(SuggestionStatus::Accepted).map(|t| t.code.as_str())),
        topic_labels: codes(with(SuggestionStatus::Accepted).map(|t| t.label_zh.as_str())),
        suggested_topics: codes(with(SuggestionStatus::Suggested).map(|t| t.code.as_str())),
        sentiment: n.sentiment.as_ref().map(|s| s.label.to_string()),
        sentiment_score: n.sentiment.as_ref().map(|s| format!("{:.2}", s.score)),
        claims: n.claims.len(),
        claims_suggested: count(ClaimStatus::Suggested) + n.suggested_claims.len(),
        claims_unverified: count(ClaimStatus::Unverified),
        claims_undetermined: count(ClaimStatus::Undetermined),
        claims_in_progress: count(ClaimStatus::InProgress),
        claims_verified: count(ClaimStatus::Verified),
        claims_false: count(ClaimStatus::False),
        claims_not_applicable: count(ClaimStatus::NotApplicable),
        review_state: a.review_state.as_str().to_owned(),
        confidence: a.confidence.map(|c| format!("{c:.2}")),
        updated_at: a.updated_at.clone(),
    }
}

/// The claims of an article, then the sentences suggested and not yet decided (status
/// `suggested`, no claim id).
fn claim_rows(d: &Digest, f: &FullArticle) -> Vec<ClaimRow> {
    let a = &f.article;
    let claims = f.annotations.claims.iter().map(|c| ClaimRow {
        claim_id: Some(c.id),
        status: c.status.to_string(),
        rating: c.rating.clone(),
        rating_value: c.rating_value,
        reviewer: c.reviewer.clone(),
        reviewed_at: c.reviewed_at.clone(),
        evidence: evidence_cell(c),
        evidence_count: c.evidence.len(),
        updated_at: c.updated_at.clone(),
        score: c.score.map(|s| format!("{s:.2}")),
        reasons: c.reasons.join("; "),
        ..span_row(d, a, c.paragraph, c.start, c.end, &c.text)
    });
    let suggested = f.annotations.suggested_claims.iter().map(|c| ClaimRow {
        status: ClaimStatus::Suggested.to_string(),
        score: Some(format!("{:.2}", c.score)),
        reasons: c.reasons.join("; "),
        ..span_row(d, a, c.paragraph, c.start, c.end, &c.text)
    });
    claims.chain(suggested).collect()
}

/// The columns every row of `claims.csv` has: where the sentence is.
fn span_row(
    d: &Digest,
    a: &crate::model::Article,
    paragraph: usize,
    start: i64,
    end: i64,
    text: &str,
) -> ClaimRow {
    ClaimRow {
        digest_id: d.id,
        article_id: a.id,
        article_title: a.title.clone(),
        paragraph: paragraph as i64 + 1,
        start,
        end,
        sentence: text.to_owned(),
        ..ClaimRow::default()
    }
}

/// A claim's evidence in one cell: `url | quote | note`, one line each.
fn evidence_cell(c: &crate::model::document::ClaimOut) -> String {
    c.evidence
        .iter()
        .map(|e| {
            [&e.url, &e.quote, &e.note]
                .into_iter()
                .flatten()
                .cloned()
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests;
