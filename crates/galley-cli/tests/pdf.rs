//! `galley import PAGE.pdf`: the page read by layout and stored, one digest a page; a PDF
//! that cannot be read fails in one line and stores nothing.

mod common;

use common::*;

const PDFS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../galley-core/tests/pdf");

fn count(env: &Env, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn import_page_pdf_stores_its_articles() {
    let env = Env::new();
    let page = format!("{PDFS}/three-columns.chromium.pdf");
    let out = env.ok(&["import", "--json", &page]);
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &reports[0];
    assert_eq!(report["format"], "pdf", "{report}");
    assert_eq!(report["status"], "imported", "{report}");
    let titles: Vec<&str> = report["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "云溪茶叶首次直供海外超市",
            "江口港集装箱吞吐量创同期新高",
            "平川县夜市带动餐饮消费回暖",
            "长丰新能源汽车零部件园区开工",
            "石桥镇手工竹编走上直播间",
        ]
    );
    assert_eq!(count(&env, "digests"), 1);
    assert_eq!(count(&env, "articles"), 5);
    assert_eq!(count(&env, "pull_quotes"), 1);
    // The stored article reads back as printed.
    let shown = env.ok_text(&["show", "1"]);
    assert!(shown.contains("据《云溪商报》"), "{shown}");
    assert!(shown.contains("云溪县出产的高山绿茶"), "{shown}");
}

#[test]
fn a_two_page_pdf_is_two_digests() {
    let env = Env::new();
    env.ok(&["import", &format!("{PDFS}/multi/two-pages.pdf")]);
    assert_eq!(count(&env, "digests"), 2);
    assert_eq!(count(&env, "articles"), 7);
}

#[test]
fn an_unreadable_pdf_fails_in_one_line_and_stores_nothing() {
    let env = Env::new();
    for (file, says) in [
        ("bad/scan.pdf", "has no text layer"),
        ("bad/encrypted.pdf", "encrypted"),
        ("bad/truncated.pdf", "damaged"),
        ("bad/html-named.pdf", "is not a PDF"),
    ] {
        let out = env.galley(&["import", &format!("{PDFS}/{file}")]);
        assert_eq!(out.status.code(), Some(1), "{file}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.lines().count(), 1, "{file}: one line: {err}");
        assert!(err.starts_with("galley: ") && err.contains(says), "{err}");
    }
    assert_eq!(count(&env, "digests"), 0);
}
