//! CSV: `articles.csv` (one row per article) and `claims.csv` (one row per claim), written with
//! the `csv` crate. UTF-8 with a byte order mark by default so Excel and WPS show Chinese; text
//! cells that a spreadsheet would run as a formula (starting with `=`, `+`, `-`, `@`, tab or
//! carriage return) get a leading `'`. Quotes, commas and newlines inside cells are quoted
//! (RFC 4180) and read back unchanged.

use std::io::Write;

use rusqlite::Connection;

use super::{for_each_article, CsvTable, Filter, FullArticle, Selection};
use crate::model::{ClaimStatus, Digest, SuggestionStatus};
use crate::{Error, Result};

/// The UTF-8 byte order mark.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

pub const ARTICLE_COLUMNS: &[&str] = &[
    "digest_id",
    "digest",
    "digest_date",
    "article_id",
    "position",
    "title",
    "source",
    "outlets",
    "topics",
    "topic_labels",
    "suggested_topics",
    "sentiment",
    "sentiment_score",
    "claims",
    "claims_suggested",
    "claims_unverified",
    "claims_undetermined",
    "claims_in_progress",
    "claims_verified",
    "claims_false",
    "claims_not_applicable",
    "review_state",
    "confidence",
    "updated_at",
];

pub const CLAIM_COLUMNS: &[&str] = &[
    "digest_id",
    "article_id",
    "article_title",
    "claim_id",
    "paragraph",
    "start",
    "end",
    "sentence",
    "status",
    "rating",
    "rating_value",
    "reviewer",
    "reviewed_at",
    "evidence",
    "evidence_count",
    "updated_at",
];

/// A text cell a spreadsheet would not evaluate: `=1+1` → `'=1+1`.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_owned(),
    }
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
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    let header = match table {
        CsvTable::Articles => ARTICLE_COLUMNS,
        CsvTable::Claims => CLAIM_COLUMNS,
    };
    out.write_record(header).map_err(csv_err)?;
    for (d, ids) in &sel.digests {
        for_each_article(conn, ids, filter, |a| {
            match table {
                CsvTable::Articles => out.write_record(article_row(d, &a)).map_err(csv_err)?,
                CsvTable::Claims => {
                    for row in claim_rows(d, &a) {
                        out.write_record(row).map_err(csv_err)?;
                    }
                }
            }
            Ok(())
        })?;
    }
    out.flush().map_err(super::io)?;
    Ok(())
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn article_row(d: &Digest, f: &FullArticle) -> Vec<String> {
    let a = &f.article;
    let n = &f.annotations;
    let accepted: Vec<_> = n
        .topics
        .iter()
        .filter(|t| t.status == SuggestionStatus::Accepted)
        .collect();
    let suggested: Vec<_> = n
        .topics
        .iter()
        .filter(|t| t.status == SuggestionStatus::Suggested)
        .collect();
    let mut row = vec![
        d.id.to_string(),
        neutralise(&d.name),
        neutralise(&opt(&d.date)),
        a.id.to_string(),
        (a.position + 1).to_string(),
        neutralise(&a.title),
        neutralise(&opt(&a.source.line)),
        neutralise(&a.source.outlets.join("; ")),
        neutralise(
            &accepted
                .iter()
                .map(|t| t.code.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        neutralise(
            &accepted
                .iter()
                .map(|t| t.label_zh.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        neutralise(
            &suggested
                .iter()
                .map(|t| t.code.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        n.sentiment
            .as_ref()
            .map(|s| s.label.to_string())
            .unwrap_or_default(),
        // A number we format ourselves (possibly negative): not a formula.
        n.sentiment
            .as_ref()
            .map(|s| format!("{:.2}", s.score))
            .unwrap_or_default(),
        n.claims.len().to_string(),
    ];
    for status in ClaimStatus::ALL {
        row.push(
            n.claims
                .iter()
                .filter(|c| c.status == *status)
                .count()
                .to_string(),
        );
    }
    row.push(a.review_state.as_str().to_owned());
    row.push(a.confidence.map(|c| format!("{c:.2}")).unwrap_or_default());
    row.push(a.updated_at.clone());
    row
}

fn claim_rows(d: &Digest, f: &FullArticle) -> Vec<Vec<String>> {
    let a = &f.article;
    f.annotations
        .claims
        .iter()
        .map(|c| {
            let evidence = c
                .evidence
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
                .join("\n");
            vec![
                d.id.to_string(),
                a.id.to_string(),
                neutralise(&a.title),
                c.id.to_string(),
                (c.paragraph + 1).to_string(),
                c.start.to_string(),
                c.end.to_string(),
                neutralise(&c.text),
                c.status.to_string(),
                neutralise(&opt(&c.rating)),
                opt(&c.rating_value),
                neutralise(&opt(&c.reviewer)),
                opt(&c.reviewed_at),
                neutralise(&evidence),
                c.evidence.len().to_string(),
                c.updated_at.clone(),
            ]
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::testdata::{annotated_store, TRICKY_TITLE};
    use super::super::{write as export, Format, Request};
    use super::*;

    fn export_csv(table: CsvTable, bom: bool) -> Vec<u8> {
        let store = annotated_store();
        let mut buf = Vec::new();
        let req = Request {
            table,
            bom,
            ..Request::new(Format::Csv)
        };
        export(&store, &req, &mut buf).unwrap();
        buf
    }

    fn read(bytes: &[u8]) -> (csv::StringRecord, Vec<csv::StringRecord>) {
        let body = bytes.strip_prefix(BOM).unwrap_or(bytes);
        let mut r = csv::Reader::from_reader(body);
        let header = r.headers().unwrap().clone();
        let rows = r.records().map(|r| r.unwrap()).collect();
        (header, rows)
    }

    #[test]
    fn neutralises_formula_cells() {
        assert_eq!(neutralise("=1+1"), "'=1+1");
        assert_eq!(neutralise("+86 10"), "'+86 10");
        assert_eq!(neutralise("-2+3"), "'-2+3");
        assert_eq!(neutralise("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(neutralise("\tx"), "'\tx");
        assert_eq!(neutralise("\rx"), "'\rx");
        assert_eq!(neutralise("氢能 = 未来"), "氢能 = 未来");
        assert_eq!(neutralise(""), "");
    }

    #[test]
    fn articles_csv_reads_back_with_the_csv_crate() {
        let bytes = export_csv(CsvTable::Articles, true);
        assert!(bytes.starts_with(BOM));
        let (header, rows) = read(&bytes);
        assert_eq!(header.iter().collect::<Vec<_>>(), ARTICLE_COLUMNS);
        assert!(rows.len() > 2);
        let col = |name: &str| ARTICLE_COLUMNS.iter().position(|c| *c == name).unwrap();
        let approved = rows
            .iter()
            .find(|r| &r[col("review_state")] == "approved")
            .unwrap();
        assert_eq!(&approved[col("topics")], "desk:energy");
        assert_eq!(&approved[col("topic_labels")], "能源与氢能");
        assert_eq!(&approved[col("suggested_topics")], "medtop:13000000");
        assert_eq!(&approved[col("sentiment")], "positive");
        assert_eq!(&approved[col("claims_verified")], "1");
        let tricky = rows
            .iter()
            .find(|r| r[col("title")].contains("HYPERLINK"))
            .unwrap();
        assert_eq!(&tricky[col("title")], format!("'{TRICKY_TITLE}"));
        assert_eq!(&tricky[col("claims_false")], "1");
        assert_eq!(&tricky[col("claims_unverified")], "1");
        assert_eq!(&tricky[col("claims")], "2");
        assert_eq!(&tricky[col("digest_date")], "2024-01-15");
        assert_eq!(&tricky[col("source")], "据《科技日报》");
    }

    #[test]
    fn claims_csv_round_trips_quotes_commas_newlines() {
        let bytes = export_csv(CsvTable::Claims, false);
        assert!(!bytes.starts_with(BOM));
        let (header, rows) = read(&bytes);
        assert_eq!(header.iter().collect::<Vec<_>>(), CLAIM_COLUMNS);
        let col = |name: &str| CLAIM_COLUMNS.iter().position(|c| *c == name).unwrap();
        let f = rows.iter().find(|r| &r[col("status")] == "false").unwrap();
        assert_eq!(&f[col("sentence")], "野家😀说");
        assert_eq!(&f[col("start")], "2");
        assert_eq!(&f[col("end")], "6");
        assert_eq!(&f[col("rating")], "'-不实,\"误导\"");
        assert_eq!(&f[col("reviewer")], "'@王编辑");
        assert_eq!(&f[col("evidence")], "'+1 是假的 | 见\n原文");
        let v = rows
            .iter()
            .find(|r| &r[col("status")] == "verified")
            .unwrap();
        assert_eq!(&v[col("rating")], "属实");
        assert_eq!(&v[col("evidence")], "https://example.org/report | 官方通报");
        assert_eq!(&v[col("reviewer")], "李编辑");
    }
}
