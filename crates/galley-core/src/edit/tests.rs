use super::history::{redo, undo};
use super::snapshot::capture;
use super::*;
use crate::language::segmenter;
use crate::model::Source;
use crate::store::{articles, digests, paragraphs, search};
use std::sync::OnceLock;

fn jieba() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(segmenter)
}

/// A digest with articles A (3 paragraphs), B (2) and C (1); returns (digest, [A, B, C]).
fn fixture(store: &mut Store) -> (i64, Vec<i64>) {
    store
        .write(|tx| {
            let hash = format!("h{}", digests::count(tx)?);
            let d = digests::insert(
                tx,
                &digests::NewDigest {
                    name: "page",
                    date: None,
                    source_file: None,
                    content_hash: &hash,
                    imported_at: "t",
                },
            )?;
            let mut ids = Vec::new();
            let texts: [(&str, &[&str], Option<&str>); 3] = [
                (
                    "氢能管道试验",
                    &[
                        "氢气管道试验成功。",
                        "压力达到6.3兆帕。",
                        "专家表示前景广阔。",
                    ],
                    Some("据科创板日报"),
                ),
                (
                    "显示面板营收",
                    &["OLED面板营收下降。", "预计同比降7%。"],
                    None,
                ),
                ("特斯拉超级计算机", &["Dojo或在7月投产。"], Some("综合")),
            ];
            for (i, (title, paras, source)) in texts.iter().enumerate() {
                let source = Source {
                    line: source.map(str::to_owned),
                    outlets: vec![],
                };
                let a = articles::insert(
                    tx,
                    &articles::NewArticle {
                        digest_id: d,
                        position: i as i64,
                        title,
                        source: &source,
                        confidence: Some(0.9),
                        now: "t",
                    },
                )?;
                for (j, p) in paras.iter().enumerate() {
                    let kind = if j == 0 {
                        ParagraphKind::Lead
                    } else {
                        ParagraphKind::Body
                    };
                    paragraphs::insert(tx, a, j as i64, kind, p)?;
                }
                snapshot::reindex(tx, jieba(), a)?;
                ids.push(a);
            }
            Ok((d, ids))
        })
        .unwrap()
}

fn texts(store: &Store, article: i64) -> Vec<String> {
    store
        .article(article)
        .unwrap()
        .paragraphs
        .into_iter()
        .map(|p| p.text)
        .collect()
}

fn titles(store: &Store, digest: i64) -> Vec<String> {
    store
        .articles(digest)
        .unwrap()
        .into_iter()
        .map(|a| a.title)
        .collect()
}

fn audit_count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

/// Applies `edit`, then checks that undo gives back exactly the structure before it and redo
/// exactly the structure after it.
fn apply_undo_redo(store: &mut Store, edit: Edit) -> Change {
    let digest = super::digest_of(store.conn(), &edit).unwrap();
    let before = capture(store.conn(), digest).unwrap();
    let change = apply(store, jieba(), "ed", &edit).unwrap();
    let after = capture(store.conn(), digest).unwrap();
    assert_ne!(before, after, "{edit:?} changed something");
    undo(store, jieba(), "ed").unwrap();
    assert_eq!(
        capture(store.conn(), digest).unwrap(),
        before,
        "undo of {edit:?}"
    );
    redo(store, jieba(), "ed").unwrap();
    assert_eq!(
        capture(store.conn(), digest).unwrap(),
        after,
        "redo of {edit:?}"
    );
    change
}

#[test]
fn merge_appends_paragraphs_and_removes_the_other_article() {
    let mut store = Store::open_in_memory().unwrap();
    let (d, ids) = fixture(&mut store);
    let change = apply_undo_redo(
        &mut store,
        Edit::Merge {
            into: ids[0],
            from: ids[1],
        },
    );
    assert_eq!(change.article_id, Some(ids[0]));
    assert_eq!(titles(&store, d), vec!["氢能管道试验", "特斯拉超级计算机"]);
    assert_eq!(texts(&store, ids[0]).len(), 5);
    assert_eq!(texts(&store, ids[0])[3], "OLED面板营收下降。");
    let positions: Vec<i64> = store
        .articles(d)
        .unwrap()
        .iter()
        .map(|a| a.position)
        .collect();
    assert_eq!(positions, vec![0, 1]);
    // The search index follows the text.
    let hits = search::search(store.conn(), jieba(), "面板", 10).unwrap();
    assert_eq!(
        hits.iter().map(|h| h.article_id).collect::<Vec<_>>(),
        vec![ids[0]]
    );
    let log = audit::recent(store.conn(), 1).unwrap();
    assert_eq!(log[0].action, "redo");
}

#[test]
fn split_starts_a_new_article_after_the_old_one() {
    let mut store = Store::open_in_memory().unwrap();
    let (d, ids) = fixture(&mut store);
    let p = store.article(ids[0]).unwrap().paragraphs[1].id;
    let change = apply_undo_redo(
        &mut store,
        Edit::Split {
            paragraph_id: p,
            title: Some("  压力 数据 ".into()),
        },
    );
    let new = change.article_id.unwrap();
    assert_eq!(
        titles(&store, d),
        vec![
            "氢能管道试验",
            "压力 数据",
            "显示面板营收",
            "特斯拉超级计算机"
        ]
    );
    assert_eq!(texts(&store, ids[0]), vec!["氢气管道试验成功。"]);
    let moved = store.article(new).unwrap();
    assert_eq!(moved.paragraphs[0].id, p, "paragraph ids are kept");
    assert_eq!(moved.paragraphs[0].kind, ParagraphKind::Lead);
    assert_eq!(moved.paragraphs.len(), 2);

    // Undoing the split shows the article the paragraphs went back to.
    let u = undo(&mut store, jieba(), "ed").unwrap();
    assert_eq!(u.article_id, Some(ids[0]));
    redo(&mut store, jieba(), "ed").unwrap();

    // Without a title, the first sentence of the new article's first paragraph.
    let q = store.article(ids[1]).unwrap().paragraphs[1].id;
    let c = apply(
        &mut store,
        jieba(),
        "ed",
        &Edit::Split {
            paragraph_id: q,
            title: None,
        },
    )
    .unwrap();
    assert_eq!(
        store.article(c.article_id.unwrap()).unwrap().title,
        "预计同比降7%"
    );
}

#[test]
fn move_paragraph_between_and_within_articles() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, ids) = fixture(&mut store);
    let p = store.article(ids[0]).unwrap().paragraphs[2].id;
    apply_undo_redo(
        &mut store,
        Edit::MoveParagraph {
            paragraph_id: p,
            to_article: ids[2],
            position: Some(0),
        },
    );
    assert_eq!(
        texts(&store, ids[2]),
        vec!["专家表示前景广阔。", "Dojo或在7月投产。"]
    );
    assert_eq!(texts(&store, ids[0]).len(), 2);
    let q = store.article(ids[1]).unwrap().paragraphs[1].id;
    apply_undo_redo(
        &mut store,
        Edit::MoveParagraph {
            paragraph_id: q,
            to_article: ids[1],
            position: Some(0),
        },
    );
    assert_eq!(
        texts(&store, ids[1]),
        vec!["预计同比降7%。", "OLED面板营收下降。"]
    );
    let err = apply(
        &mut store,
        jieba(),
        "ed",
        &Edit::MoveParagraph {
            paragraph_id: q,
            to_article: ids[0],
            position: Some(9),
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}

#[test]
fn roles_pull_quote_and_furniture_leave_the_body_and_come_back_on_undo() {
    let mut store = Store::open_in_memory().unwrap();
    let (d, ids) = fixture(&mut store);
    let paras = store.article(ids[0]).unwrap().paragraphs;
    apply_undo_redo(
        &mut store,
        Edit::SetRole {
            paragraph_id: paras[1].id,
            role: Role::Heading,
        },
    );
    assert_eq!(
        store.article(ids[0]).unwrap().paragraphs[1].kind,
        ParagraphKind::Heading
    );
    apply_undo_redo(
        &mut store,
        Edit::SetRole {
            paragraph_id: paras[2].id,
            role: Role::PullQuote,
        },
    );
    let a = store.article(ids[0]).unwrap();
    assert_eq!(a.pull_quotes[0].text, "专家表示前景广阔。");
    assert_eq!(a.paragraphs.len(), 2);
    apply_undo_redo(
        &mut store,
        Edit::SetRole {
            paragraph_id: paras[0].id,
            role: Role::Furniture,
        },
    );
    assert_eq!(
        furniture::list(store.conn(), d).unwrap()[0].text,
        "氢气管道试验成功。"
    );
    assert_eq!(store.article(ids[0]).unwrap().paragraphs[0].position, 0);
}

#[test]
fn titles_and_sources() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, ids) = fixture(&mut store);
    apply_undo_redo(
        &mut store,
        Edit::SetTitle {
            article_id: ids[1],
            title: "今年全球OLED面板营收预计同比降7%".into(),
        },
    );
    assert_eq!(
        store.article(ids[1]).unwrap().title,
        "今年全球OLED面板营收预计同比降7%"
    );
    apply_undo_redo(
        &mut store,
        Edit::SetSource {
            article_id: ids[1],
            line: Some("综合《每日经济新闻》《中国科技信息》".into()),
        },
    );
    assert_eq!(
        store.article(ids[1]).unwrap().source.outlets,
        vec!["每日经济新闻", "中国科技信息"]
    );
    apply_undo_redo(
        &mut store,
        Edit::SetSource {
            article_id: ids[1],
            line: Some("据科创板日报".into()),
        },
    );
    assert_eq!(
        store.article(ids[1]).unwrap().source.outlets,
        vec!["科创板日报"]
    );
    apply_undo_redo(
        &mut store,
        Edit::SetSource {
            article_id: ids[1],
            line: None,
        },
    );
    assert_eq!(store.article(ids[1]).unwrap().source, Source::default());
}

#[test]
fn bad_edits_are_refused_and_change_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let (d, ids) = fixture(&mut store);
    let (_, other) = fixture(&mut store);
    let first = store.article(ids[0]).unwrap().paragraphs[0].id;
    let before = capture(store.conn(), d).unwrap();
    let log = audit_count(&store);
    let cases = [
        (
            Edit::Merge {
                into: ids[0],
                from: ids[0],
            },
            "invalid_input",
        ),
        (
            Edit::Merge {
                into: ids[0],
                from: other[0],
            },
            "invalid_input",
        ),
        (
            Edit::Merge {
                into: ids[0],
                from: 999,
            },
            "not_found",
        ),
        (
            Edit::Split {
                paragraph_id: first,
                title: None,
            },
            "invalid_input",
        ),
        (
            Edit::Split {
                paragraph_id: 999,
                title: None,
            },
            "not_found",
        ),
        (
            Edit::MoveParagraph {
                paragraph_id: first,
                to_article: other[1],
                position: None,
            },
            "invalid_input",
        ),
        (
            Edit::SetTitle {
                article_id: ids[0],
                title: "   ".into(),
            },
            "invalid_input",
        ),
        (
            Edit::SetTitle {
                article_id: ids[0],
                title: "长".repeat(201),
            },
            "invalid_input",
        ),
        (
            Edit::SetSource {
                article_id: 999,
                line: None,
            },
            "not_found",
        ),
    ];
    for (edit, code) in cases {
        let err = apply(&mut store, jieba(), "ed", &edit).unwrap_err();
        assert_eq!(err.code(), code, "{edit:?}: {err}");
    }
    assert_eq!(capture(store.conn(), d).unwrap(), before);
    assert_eq!(audit_count(&store), log);
}

#[test]
fn annotations_are_protected_and_claims_follow_their_paragraph() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, ids) = fixture(&mut store);
    let c = store.conn();
    c.execute(
        "INSERT INTO topics (code, label_zh, label_en) VALUES ('test:edit-guard', '测试', 'test')",
        [],
    )
    .unwrap();
    c.execute(
        "INSERT INTO article_topics (article_id, topic_id, source, status, created_by, created_at)
         VALUES (?1, (SELECT id FROM topics WHERE code = 'test:edit-guard'), 'editor', 'accepted', 'ed', 't')",
        [ids[1]],
    )
    .unwrap();
    let err = apply(
        &mut store,
        jieba(),
        "ed",
        &Edit::Merge {
            into: ids[0],
            from: ids[1],
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "conflict");

    // A claim on C's paragraph moves with it when C is merged into A, and back on undo.
    let p = store.article(ids[2]).unwrap().paragraphs[0].id;
    store
        .conn()
        .execute(
            "INSERT INTO claims (article_id, paragraph_id, start, end, text, source, created_by, created_at, updated_at)
             VALUES (?1, ?2, 0, 4, 'Dojo', 'editor', 'ed', 't', 't')",
            [ids[2], p],
        )
        .unwrap();
    let claim_article = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT article_id FROM claims", [], |r| r.get(0))
            .unwrap()
    };
    apply(
        &mut store,
        jieba(),
        "ed",
        &Edit::Merge {
            into: ids[0],
            from: ids[2],
        },
    )
    .unwrap();
    assert_eq!(claim_article(&store), ids[0]);
    undo(&mut store, jieba(), "ed").unwrap();
    assert_eq!(claim_article(&store), ids[2]);
    // A paragraph with a claim cannot become furniture (the claim would be lost).
    let err = apply(
        &mut store,
        jieba(),
        "ed",
        &Edit::SetRole {
            paragraph_id: p,
            role: Role::Furniture,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "conflict");
}

#[test]
fn history_is_linear_and_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("g.db");
    let mut store = Store::open(&path).unwrap();
    let (d, ids) = fixture(&mut store);
    assert_eq!(
        undo(&mut store, jieba(), "ed").unwrap_err().code(),
        "nothing_to_do"
    );
    apply(
        &mut store,
        jieba(),
        "ed",
        &Edit::SetTitle {
            article_id: ids[0],
            title: "一".into(),
        },
    )
    .unwrap();
    apply(
        &mut store,
        jieba(),
        "ed",
        &Edit::SetTitle {
            article_id: ids[0],
            title: "二".into(),
        },
    )
    .unwrap();
    drop(store);

    let mut store = Store::open(&path).unwrap();
    let title = |s: &Store| s.article(ids[0]).unwrap().title;
    undo(&mut store, jieba(), "ed").unwrap();
    assert_eq!(title(&store), "一");
    undo(&mut store, jieba(), "ed").unwrap();
    assert_eq!(title(&store), "氢能管道试验");
    assert_eq!(
        undo(&mut store, jieba(), "ed").unwrap_err().code(),
        "nothing_to_do"
    );
    let r = redo(&mut store, jieba(), "ed").unwrap();
    assert_eq!(r.action, "redo set_title");
    assert_eq!(title(&store), "一");
    // A new change drops what could still be redone ("二").
    apply(
        &mut store,
        jieba(),
        "ed",
        &Edit::SetTitle {
            article_id: ids[0],
            title: "三".into(),
        },
    )
    .unwrap();
    assert_eq!(
        redo(&mut store, jieba(), "ed").unwrap_err().code(),
        "nothing_to_do"
    );
    undo(&mut store, jieba(), "ed").unwrap();
    assert_eq!(title(&store), "一");
    assert_eq!(titles(&store, d).len(), 3);
    let history = audit::for_article(store.conn(), ids[0], 50).unwrap();
    assert!(history.iter().all(|h| h.actor == "ed"));
    assert_eq!(history.len(), 7);
}

#[test]
fn review_state_moves_and_is_undoable() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, ids) = fixture(&mut store);
    let state = |s: &Store| s.article(ids[0]).unwrap().review_state;
    for next in [
        ReviewState::Annotated,
        ReviewState::InReview,
        ReviewState::Approved,
        ReviewState::Annotated,
    ] {
        apply_undo_redo(
            &mut store,
            Edit::SetReviewState {
                article_id: ids[0],
                state: next,
            },
        );
        assert_eq!(state(&store), next);
    }
    let err = apply(
        &mut store,
        jieba(),
        "ed",
        &Edit::SetReviewState {
            article_id: ids[0],
            state: ReviewState::Annotated,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
}
