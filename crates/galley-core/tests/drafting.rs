//! Drafting suggestions holds the writer only for short writes, and a draft an import did not
//! finish (killed between storing a digest and drafting it) is completed later.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use galley_core::app::import::{ImportOptions, Source};
use galley_core::edit::{self, Edit};
use galley_core::import::{self, Input, Options};
use galley_core::language::{shared_segmenter, suggest};
use galley_core::{Store, Workspace};

/// A Markdown digest of `articles` articles of five short paragraphs each.
fn markdown(articles: usize, seed: usize) -> String {
    let words = [
        "氢能", "管道", "试验", "成功", "压力", "达到", "兆帕", "专家", "前景", "营收",
    ];
    let mut s = String::new();
    for a in 0..articles {
        s.push_str(&format!(
            "# 第{a}篇 {}报道\n\n",
            words[(a + seed) % words.len()]
        ));
        for p in 0..5 {
            let w: String = (0..12)
                .map(|i| words[(a * 7 + p * 3 + i + seed) % words.len()])
                .collect();
            s.push_str(&format!(
                "{w}，同比增长{}%。公司表示前景广阔。\n\n",
                (a + p) % 90 + 1
            ));
        }
    }
    s
}

fn count(store: &Store, sql: &str) -> i64 {
    store.conn().query_row(sql, [], |r| r.get(0)).unwrap()
}

/// Stores a digest as an import killed before its draft leaves it: stored and marked pending.
fn store_undrafted(store: &mut Store, text: &str, name: &str) -> i64 {
    let opts = Options {
        actor: "importer".into(),
        name: Some(name.into()),
        suggest: true,
        ..Options::default()
    };
    let input = Input {
        what: name.into(),
        source_file: None,
        bytes: text.as_bytes(),
    };
    import::import(store, shared_segmenter(), &input, &opts)
        .unwrap()
        .digest_id
        .unwrap()
}

#[test]
fn another_connection_writes_while_a_large_digest_is_drafted() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.db");
    let mut store = Store::open(&path).unwrap();
    let digest = store_undrafted(&mut store, &markdown(400, 0), "big");
    let ids: Vec<i64> = store
        .articles(digest)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let done = Arc::new(AtomicBool::new(false));
    let drafting = {
        let done = done.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            suggest::draft_digest(&mut store, shared_segmenter(), digest, "galley").unwrap();
            done.store(true, Ordering::SeqCst);
            started.elapsed()
        })
    };
    let mut other = Store::open(&path).unwrap();
    other.set_busy_timeout(Duration::from_millis(2000)).unwrap();
    let mut edits_while_drafting = 0;
    let mut longest = Duration::ZERO;
    for (i, &id) in ids.iter().enumerate().step_by(7) {
        if done.load(Ordering::SeqCst) {
            break;
        }
        let edit = Edit::SetTitle {
            article_id: id,
            title: format!("改过的标题{i}"),
        };
        let asked = Instant::now();
        edit::apply(&mut other, shared_segmenter(), "编辑乙", &edit)
            .unwrap_or_else(|e| panic!("edit {i} while drafting: {e}"));
        longest = longest.max(asked.elapsed());
        edits_while_drafting += 1;
        std::thread::sleep(Duration::from_millis(20));
    }
    let took = drafting.join().unwrap();
    eprintln!(
        "{edits_while_drafting} edits during a draft of {took:?}; the longest took {longest:?}"
    );
    assert!(
        edits_while_drafting > 0,
        "the draft ({took:?}) ended before any edit"
    );
    // Every article has its suggestions, those edited meanwhile too (analysed again).
    let drafted = count(
        &other,
        "SELECT count(DISTINCT article_id) FROM article_keywords",
    );
    assert_eq!(
        drafted as usize,
        ids.len(),
        "{edits_while_drafting} edits during {took:?}"
    );
    assert_eq!(count(&other, "SELECT count(*) FROM pending_suggestions"), 0);
}

#[test]
fn a_digest_left_without_suggestions_gets_them_on_the_next_import() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.db");
    let folder = dir.path().join("in");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.md"), markdown(3, 1)).unwrap();
    std::fs::write(dir.path().join("b.md"), markdown(3, 2)).unwrap();
    let mut store = Store::open(&path).unwrap();
    let a = store_undrafted(&mut store, &markdown(3, 1), "a");
    let b = store_undrafted(&mut store, &markdown(3, 2), "b");
    drop(store);
    let drafted = |ws: &Workspace, d: i64| {
        let sql = format!(
            "SELECT count(*) FROM article_keywords WHERE article_id IN
             (SELECT id FROM articles WHERE digest_id = {d})"
        );
        count(ws.store(), &sql) > 0
    };
    let mut ws = Workspace::open(&path).unwrap();
    ws.act_as("编辑甲");
    assert!(!drafted(&ws, a) && !drafted(&ws, b));
    // Importing the same file again: already imported, and its draft is completed.
    let out = ws
        .import(
            &[Source::Path(folder.join("a.md"))],
            &ImportOptions::default(),
            |_, _| {},
        )
        .unwrap();
    assert_eq!(
        out[0].report.as_ref().unwrap().digest_id,
        Some(a),
        "{out:?}"
    );
    assert!(out[0].suggest_error.is_none(), "{out:?}");
    assert!(drafted(&ws, a));
    // Any import also completes what another interrupted import left (here: b).
    assert!(
        drafted(&ws, b),
        "the import drafted the other pending digest too"
    );
    assert_eq!(
        count(ws.store(), "SELECT count(*) FROM pending_suggestions"),
        0
    );
    // --no-suggest marks nothing.
    let opts = ImportOptions {
        no_suggest: true,
        ..ImportOptions::default()
    };
    ws.import(&[Source::Path(dir.path().join("b.md"))], &opts, |_, _| {})
        .unwrap();
    assert_eq!(
        count(ws.store(), "SELECT count(*) FROM pending_suggestions"),
        0
    );
}
