use super::queue::{queue, QueueFilter};
use super::view::annotations;
use super::*;
use crate::edit::history::{redo, undo};
use crate::import::{import, Input, Options};
use crate::language::shared_segmenter;
use crate::model::SuggestionStatus;

fn j() -> &'static Jieba {
    shared_segmenter()
}

/// The sample page, imported and with suggestions drafted.
fn sample() -> (Store, Vec<i64>) {
    let mut store = Store::open_in_memory().unwrap();
    let opts = Options {
        actor: "importer".into(),
        ..Options::default()
    };
    let r = import(&mut store, j(), &crate::sample::input(), &opts).unwrap();
    suggest::suggest_digest_in_store(&mut store, j(), r.digest_id.unwrap(), "galley").unwrap();
    let ids = r.articles.iter().map(|a| a.id.unwrap()).collect();
    (store, ids)
}

fn audit_count(store: &Store) -> i64 {
    store
        .conn()
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn topic_and_sentiment_decisions_are_one_undoable_change_each() {
    let (mut store, ids) = sample();
    let view = annotations(store.conn(), ids[2]).unwrap();
    let top = view.topics.first().expect("a topic is suggested").clone();
    assert_eq!(top.status, SuggestionStatus::Suggested);
    let log = audit_count(&store);
    apply(
        &mut store,
        j(),
        "王编辑",
        &Annotation::DecideTopic {
            article_id: ids[2],
            topic_id: top.topic_id,
            accept: true,
        },
    )
    .unwrap();
    assert_eq!(audit_count(&store), log + 1, "one audit entry per decision");
    let status = |s: &Store| {
        annotations(s.conn(), ids[2])
            .unwrap()
            .topics
            .iter()
            .find(|t| t.topic_id == top.topic_id)
            .unwrap()
            .status
    };
    assert_eq!(status(&store), SuggestionStatus::Accepted);
    undo(&mut store, j(), "王编辑").unwrap();
    assert_eq!(status(&store), SuggestionStatus::Suggested);
    redo(&mut store, j(), "王编辑").unwrap();
    assert_eq!(status(&store), SuggestionStatus::Accepted);

    let sentiment = annotations(store.conn(), ids[2]).unwrap().sentiments[0].clone();
    apply(
        &mut store,
        j(),
        "王编辑",
        &Annotation::DecideSentiment {
            sentiment_id: sentiment.id,
            accept: false,
        },
    )
    .unwrap();
    apply(
        &mut store,
        j(),
        "王编辑",
        &Annotation::SetSentiment {
            article_id: ids[2],
            label: SentimentLabel::Positive,
        },
    )
    .unwrap();
    let now = annotations(store.conn(), ids[2]).unwrap().sentiments;
    assert_eq!(
        (now.len(), now[0].label.as_str(), now[0].source.as_str()),
        (1, "positive", "editor")
    );
    undo(&mut store, j(), "王编辑").unwrap();
    let back = annotations(store.conn(), ids[2]).unwrap().sentiments;
    assert_eq!(
        (back[0].id, back[0].status.as_str()),
        (sentiment.id, "rejected")
    );
    // An unknown label is refused where it is read (the UI's JSON), with the known ones.
    let err = serde_json::from_value::<Annotation>(serde_json::json!(
        {"op": "set_sentiment", "article_id": ids[2], "label": "angry"}
    ))
    .unwrap_err();
    assert!(err.to_string().contains("positive"), "{err}");
    let err: crate::Error = "angry".parse::<SentimentLabel>().unwrap_err().into();
    assert_eq!(err.code(), "invalid_input");
}

#[test]
fn claims_from_selections_use_code_points_and_survive_undo_with_evidence() {
    let mut store = Store::open_in_memory().unwrap();
    let md = "# 𠮷野家😀开新店\n\n😀𠮷野家今天在北京开了第100家店。\n";
    let input = Input {
        what: "a.md".into(),
        source_file: Some("a.md".into()),
        bytes: md.as_bytes(),
    };
    let r = import(
        &mut store,
        j(),
        &input,
        &Options {
            actor: "t".into(),
            ..Options::default()
        },
    )
    .unwrap();
    let article = store.article(r.articles[0].id.unwrap()).unwrap();
    let p = &article.paragraphs[0];
    // 𠮷野家 is code points 1..4 (UTF-16 units 2..6).
    let c = apply(
        &mut store,
        j(),
        "ed",
        &Annotation::AddClaim {
            paragraph_id: p.id,
            start: 1,
            end: 4,
        },
    )
    .unwrap();
    let view = annotations(store.conn(), article.id).unwrap();
    assert_eq!(view.claims[0].claim.text, "𠮷野家");
    assert_eq!(
        (
            view.claims[0].claim.status.as_str(),
            view.claims[0].claim.source.as_str()
        ),
        ("unverified", "editor")
    );
    assert_eq!(c.article_id, Some(article.id));
    let claim = view.claims[0].claim.id;
    apply(
        &mut store,
        j(),
        "ed",
        &Annotation::AdjustClaim {
            claim_id: claim,
            start: 0,
            end: 17,
        },
    )
    .unwrap();
    assert_eq!(
        annotations(store.conn(), article.id).unwrap().claims[0]
            .claim
            .text,
        "😀𠮷野家今天在北京开了第100家店"
    );
    for (start, end) in [(5, 5), (-1, 3), (0, 99)] {
        let err = apply(
            &mut store,
            j(),
            "ed",
            &Annotation::AddClaim {
                paragraph_id: p.id,
                start,
                end,
            },
        )
        .unwrap_err();
        assert_eq!(err.code(), "invalid_input", "{start}..{end}");
    }

    // The reviewer's verdict with evidence; the queue empties; undo brings it all back.
    assert_eq!(
        queue(store.conn(), &QueueFilter::default(), 100)
            .unwrap()
            .len(),
        1
    );
    apply(
        &mut store,
        j(),
        "审核员",
        &Annotation::AddEvidence {
            claim_id: claim,
            url: Some("https://example.org/a".into()),
            quote: Some("第100家店".into()),
            note: None,
        },
    )
    .unwrap();
    let err = apply(
        &mut store,
        j(),
        "审核员",
        &Annotation::AddEvidence {
            claim_id: claim,
            url: Some("javascript:alert(1)".into()),
            quote: None,
            note: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    for url in [
        "data:text/html,<script>alert(1)</script>",
        "JAVASCRIPT:alert(1)",
        "https://",
    ] {
        let err = apply(
            &mut store,
            j(),
            "审核员",
            &Annotation::AddEvidence {
                claim_id: claim,
                url: Some(url.into()),
                quote: Some("引文".into()),
                note: None,
            },
        )
        .unwrap_err();
        assert!(
            err.to_string().contains("only http:// and https://"),
            "{err}"
        );
    }
    apply(
        &mut store,
        j(),
        "审核员",
        &Annotation::SetVerdict {
            claim_id: claim,
            status: ClaimStatus::Verified,
            rating: Some("属实".into()),
            rating_value: None,
        },
    )
    .unwrap();
    let v = &annotations(store.conn(), article.id).unwrap().claims[0];
    assert_eq!(
        (
            v.claim.status.as_str(),
            v.claim.rating.as_deref(),
            v.claim.rating_value,
            v.claim.reviewer.as_deref()
        ),
        ("verified", Some("属实"), Some(5), Some("审核员"))
    );
    assert_eq!(v.evidence.len(), 1);
    assert!(queue(store.conn(), &QueueFilter::default(), 100)
        .unwrap()
        .is_empty());
    assert_eq!(
        queue(
            store.conn(),
            &QueueFilter {
                status: Some(ClaimStatus::Verified),
                ..Default::default()
            },
            100
        )
        .unwrap()
        .len(),
        1
    );
    apply(
        &mut store,
        j(),
        "ed",
        &Annotation::DeleteClaim { claim_id: claim },
    )
    .unwrap();
    assert!(annotations(store.conn(), article.id)
        .unwrap()
        .claims
        .is_empty());
    undo(&mut store, j(), "ed").unwrap();
    let back = &annotations(store.conn(), article.id).unwrap().claims[0];
    assert_eq!(
        (
            back.claim.id,
            back.claim.status.as_str(),
            back.evidence.len()
        ),
        (claim, "verified", 1)
    );
    let err = apply(
        &mut store,
        j(),
        "ed",
        &Annotation::SetVerdict {
            claim_id: claim,
            status: ClaimStatus::Suggested,
            rating: None,
            rating_value: None,
        },
    )
    .unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    let err: crate::Error = "probably".parse::<ClaimStatus>().unwrap_err().into();
    assert_eq!(err.code(), "invalid_input");
}

#[test]
fn accepting_a_suggested_claim_makes_a_span_of_the_stored_paragraph() {
    let (mut store, ids) = sample();
    let view = annotations(store.conn(), ids[3]).unwrap();
    let s = view
        .claim_suggestions
        .first()
        .expect("claims are suggested")
        .clone();
    apply(
        &mut store,
        j(),
        "ed",
        &Annotation::AcceptClaim {
            suggestion_id: s.id,
        },
    )
    .unwrap();
    let view = annotations(store.conn(), ids[3]).unwrap();
    let claim = &view
        .claims
        .iter()
        .find(|c| c.claim.text == s.text)
        .unwrap()
        .claim;
    let para = store
        .article(ids[3])
        .unwrap()
        .paragraphs
        .into_iter()
        .find(|p| p.id == claim.paragraph_id)
        .unwrap();
    let quoted: String = para
        .text
        .chars()
        .skip(claim.start as usize)
        .take((claim.end - claim.start) as usize)
        .collect();
    assert_eq!(quoted, claim.text);
    assert!(
        !view.claim_suggestions.iter().any(|x| x.id == s.id),
        "no longer pending"
    );
    let queued = queue(store.conn(), &QueueFilter::default(), 100).unwrap();
    assert_eq!(queued[0].claim_id, claim.id);
    assert_eq!(queued[0].paragraph_text, para.text);
    undo(&mut store, j(), "ed").unwrap();
    let view = annotations(store.conn(), ids[3]).unwrap();
    assert!(view.claims.is_empty() && view.claim_suggestions.iter().any(|x| x.id == s.id));
}

#[test]
fn notes_topics_of_ones_own_and_one_history_with_fix_ups() {
    let (mut store, ids) = sample();
    apply(
        &mut store,
        j(),
        "ed",
        &Annotation::AddNote {
            article_id: ids[0],
            body: "  请核对数据来源  ".into(),
        },
    )
    .unwrap();
    assert_eq!(
        annotations(store.conn(), ids[0]).unwrap().notes[0].body,
        "请核对数据来源"
    );
    assert_eq!(
        apply(
            &mut store,
            j(),
            "ed",
            &Annotation::AddNote {
                article_id: ids[0],
                body: " ".into()
            }
        )
        .unwrap_err()
        .code(),
        "invalid_input"
    );
    let code: String = store
        .conn()
        .query_row(
            "SELECT code FROM topics WHERE parent_id IS NULL ORDER BY id LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    apply(
        &mut store,
        j(),
        "ed",
        &Annotation::AddTopic {
            article_id: ids[0],
            code: code.clone(),
        },
    )
    .unwrap();
    assert!(annotations(store.conn(), ids[0])
        .unwrap()
        .topics
        .iter()
        .any(|t| t.code == code && t.status == SuggestionStatus::Accepted));
    assert_eq!(
        apply(
            &mut store,
            j(),
            "ed",
            &Annotation::AddTopic {
                article_id: ids[0],
                code: "nope".into()
            }
        )
        .unwrap_err()
        .code(),
        "invalid_input"
    );
    // A fix-up and an annotation in one line of history.
    crate::edit::apply(
        &mut store,
        j(),
        "ed",
        &crate::edit::Edit::SetTitle {
            article_id: ids[0],
            title: "新标题".into(),
        },
    )
    .unwrap();
    undo(&mut store, j(), "ed").unwrap();
    assert_eq!(
        store.article(ids[0]).unwrap().title,
        "数据开源为AI发展“推波助澜”"
    );
    undo(&mut store, j(), "ed").unwrap();
    assert!(!annotations(store.conn(), ids[0])
        .unwrap()
        .topics
        .iter()
        .any(|t| t.code == code && t.source == Origin::Editor));
    undo(&mut store, j(), "ed").unwrap();
    assert!(annotations(store.conn(), ids[0]).unwrap().notes.is_empty());
    assert_eq!(
        apply(
            &mut store,
            j(),
            "ed",
            &Annotation::AddNote {
                article_id: 999,
                body: "x".into()
            }
        )
        .unwrap_err()
        .code(),
        "not_found"
    );
}

/// Bytes the history keeps for the latest change (its states before and after).
fn last_entry_bytes(store: &Store) -> i64 {
    store
        .conn()
        .query_row(
            "SELECT length(coalesce(before, '')) + length(coalesce(after, '')) FROM audit_log
             WHERE undo_state IS NOT NULL ORDER BY id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn a_save_keeps_what_changed_not_the_whole_article() {
    let (mut store, ids) = sample();
    // The article with the most annotations: the whole of it is far more than a change.
    let article = *ids
        .iter()
        .max_by_key(|&&a| {
            serde_json::to_string(&snapshot::capture(store.conn(), a).unwrap())
                .unwrap()
                .len()
        })
        .unwrap();
    let whole = serde_json::to_string(&snapshot::capture(store.conn(), article).unwrap()).unwrap();
    let view = annotations(store.conn(), article).unwrap();
    let topic = view.topics[0].topic_id;
    let para = store.article(article).unwrap().paragraphs[0].clone();
    let len = para.text.chars().count() as i64;
    let changes = [
        Annotation::DecideTopic {
            article_id: article,
            topic_id: topic,
            accept: true,
        },
        Annotation::AddClaim {
            paragraph_id: para.id,
            start: 0,
            end: len.min(12),
        },
        Annotation::AddNote {
            article_id: article,
            body: "核对数据".into(),
        },
    ];
    let mut total = 0;
    for a in &changes {
        let before = snapshot::capture(store.conn(), article).unwrap();
        apply(&mut store, j(), "王编辑", a).unwrap();
        let after = snapshot::capture(store.conn(), article).unwrap();
        let bytes = last_entry_bytes(&store);
        eprintln!(
            "{}: {bytes} bytes (whole article: {} bytes)",
            a.action(),
            whole.len()
        );
        assert!(bytes < 1024, "{} kept {bytes} bytes", a.action());
        total += bytes;
        // Undo and redo stay exact.
        undo(&mut store, j(), "王编辑").unwrap();
        assert_eq!(
            snapshot::capture(store.conn(), article).unwrap(),
            before,
            "undo {a:?}"
        );
        redo(&mut store, j(), "王编辑").unwrap();
        assert_eq!(
            snapshot::capture(store.conn(), article).unwrap(),
            after,
            "redo {a:?}"
        );
    }
    assert!(
        total < whole.len() as i64,
        "{total} bytes for three saves, {} for the article",
        whole.len()
    );
}
