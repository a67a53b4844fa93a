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
fn pages_chooses_the_pages_and_one_digest_keeps_a_file_together() {
    let two = format!("{PDFS}/multi/two-pages.pdf");
    let page_articles = |env: &Env| -> Vec<(String, i64)> {
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        let mut q = conn
            .prepare("SELECT d.name, count(a.id) FROM digests d JOIN articles a ON a.digest_id = d.id GROUP BY d.id ORDER BY d.id")
            .unwrap();
        q.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let env = Env::new();
    env.ok(&["import", "--pages", "2", &two]);
    let second = page_articles(&env);
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].0, "two-pages p2");

    // The whole file as one digest: every page's articles, in page order.
    let whole = Env::new();
    let out = whole.ok(&["import", "--one-digest", "--json", &two]);
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reports[0]["name"], "two-pages");
    assert_eq!(page_articles(&whole), [("two-pages".to_owned(), 7)]);

    // The first page alone, then the rest: the two digests of a plain import.
    let split = Env::new();
    split.ok(&["import", "--pages", "1", &two]);
    split.ok(&["import", "--pages", "2-", &two]);
    let plain = Env::new();
    plain.ok(&["import", &two]);
    assert_eq!(page_articles(&split), page_articles(&plain));
    assert_eq!(page_articles(&plain).len(), 2);
    assert_eq!(page_articles(&plain)[1], second[0]);

    // Pages that are not there, or not a range: one line, nothing stored.
    for (range, says) in [
        ("3", "has 2 pages: there is no page 3"),
        ("2-1", "such as 3, 2-4 or 2-"),
        ("0", "such as 3"),
    ] {
        let env = Env::new();
        let out = env.galley(&["import", "--pages", range, &two]);
        assert_eq!(out.status.code(), Some(1), "{range}");
        let err = stderr(&out);
        assert!(err.contains(says), "{range}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(!env.db().exists() || count(&env, "digests") == 0);
    }
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
