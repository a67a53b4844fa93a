//! The CSV tables read back with the `csv` crate and opened in LibreOffice.

use super::super::testdata::{annotated_store, TRICKY_TITLE};
use super::super::{write as export, Format, Request};
use super::*;

fn export_csv(table: CsvTable, bom: bool) -> Vec<u8> {
    export_store(&annotated_store(), table, bom)
}

fn export_store(store: &crate::Store, table: CsvTable, bom: bool) -> Vec<u8> {
    let mut buf = Vec::new();
    let req = Request {
        table,
        bom,
        ..Request::new(Format::Csv)
    };
    export(store, &req, &mut buf).unwrap();
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
    assert_eq!(header.iter().collect::<Vec<_>>(), article_columns());
    assert!(rows.len() > 2);
    let col = |name: &str| article_columns().iter().position(|c| *c == name).unwrap();
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
    assert_eq!(header.iter().collect::<Vec<_>>(), claim_columns());
    let col = |name: &str| claim_columns().iter().position(|c| *c == name).unwrap();
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

/// What a hostile file puts in a cell for a spreadsheet to run.
const PAYLOADS: &[&str] = &[
    "=HYPERLINK(\"http://x\",\"点我\")",
    "=1+1",
    "=cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
    "\n=1+1",
];

/// The annotated store with a payload in every text column the CSV tables show, timestamps
/// included (as an old database or a hand-edited one could hold them).
fn payload_store() -> crate::Store {
    let store = annotated_store();
    let p = |i: usize| PAYLOADS[i % PAYLOADS.len()];
    let sets: &[(&str, &str)] = &[
        ("digests", "name"),
        ("articles", "title"),
        ("articles", "source_line"),
        ("articles", "updated_at"),
        ("article_outlets", "name"),
        ("topics", "code"),
        ("topics", "label_zh"),
        ("claims", "text"),
        ("claims", "rating"),
        ("claims", "reviewer"),
        ("claims", "reviewed_at"),
        ("claims", "updated_at"),
        ("evidence", "url"),
        ("evidence", "quote"),
        ("evidence", "note"),
    ];
    for (i, (table, column)) in sets.iter().enumerate() {
        // Unique per row where the column is UNIQUE (topic codes).
        let unique = if *column == "code" { " || rowid" } else { "" };
        let sql = format!("UPDATE {table} SET {column} = ?1{unique}");
        store.conn().execute(&sql, [p(i)]).unwrap();
    }
    store
}

/// The `soffice` program, or `None` (the caller skips) outside CI; in CI it must be there.
fn soffice() -> Option<&'static str> {
    let found = std::process::Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
        panic!(
            "soffice (LibreOffice) is missing in CI: scripts/setup.sh installs libreoffice-calc"
        );
    }
    found.then_some("soffice")
}

/// Opens a CSV file in LibreOffice (UTF-8, comma, double quote) and returns it as flat ODF XML.
fn open_in_libreoffice(soffice: &str, dir: &std::path::Path, csv: &std::path::Path) -> String {
    let profile = dir.join("profile");
    let out = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args([
            "--headless",
            "--infilter=CSV:44,34,76",
            "--convert-to",
            "fods",
        ])
        .arg("--outdir")
        .arg(dir)
        .arg(csv)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::read_to_string(csv.with_extension("fods")).unwrap()
}

#[test]
fn libreoffice_finds_no_formula_in_any_cell() {
    let Some(soffice) = soffice() else {
        eprintln!("SKIPPED: soffice (LibreOffice) is not installed; scripts/setup.sh installs it");
        return;
    };
    let store = payload_store();
    let dir = tempfile::tempdir().unwrap();
    for (table, name) in [
        (CsvTable::Articles, "articles"),
        (CsvTable::Claims, "claims"),
    ] {
        let bytes = export_store(&store, table, true);
        // Every text column holds a payload, and each is written inert.
        let (header, rows) = read(&bytes);
        assert!(!rows.is_empty(), "{name}: no rows");
        let payloads = header
            .iter()
            .enumerate()
            .filter(|(i, _)| rows.iter().any(|r| r[*i].starts_with('\'')))
            .map(|(_, h)| h)
            .collect::<Vec<_>>();
        assert!(
            payloads.len() >= 7,
            "{name}: only {payloads:?} carry a payload"
        );
        assert!(payloads.contains(&"updated_at"), "{name}: {payloads:?}");
        let path = dir.path().join(format!("{name}.csv"));
        std::fs::write(&path, &bytes).unwrap();
        let xml = open_in_libreoffice(soffice, dir.path(), &path);
        assert!(
            xml.contains("HYPERLINK"),
            "{name}: LibreOffice did not read the file"
        );
        let formulas: Vec<&str> = xml
            .match_indices("table:formula=")
            .map(|(i, _)| &xml[i..xml.len().min(i + 80)])
            .collect();
        assert!(formulas.is_empty(), "{name}: formula cells {formulas:#?}");
    }
}
