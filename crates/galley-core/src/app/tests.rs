//! The façade end to end on an in-memory workspace: what every front end relies on.

use super::export::Target;
use super::import::{ImportOptions, Source};
use super::language::Scope;
use super::review::{BulkDecision, Evidence, SuggestionKind, Verdict};
use super::*;
use crate::edit::Edit;
use crate::export::{Format, Request};

fn sample() -> Workspace {
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.act_as("编辑甲");
    let outcome = ws.load_sample().unwrap();
    assert!(outcome.suggest_error.is_none(), "{outcome:?}");
    ws
}

#[test]
fn changes_need_someone_acting() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let err = ws.load_sample().unwrap_err();
    assert_eq!(err.code(), "no_user");
    assert!(ws.info().unwrap().empty, "nothing stored without a name");
}

#[test]
fn the_sample_imports_with_suggestions_and_is_listed() {
    let ws = sample();
    let listing = ws.listing().unwrap();
    assert_eq!(listing.len(), 1);
    assert_eq!(listing[0].articles.len(), 5);
    let first = listing[0].articles[0].id;
    let view = ws.annotations(first).unwrap();
    assert!(!view.topics.is_empty(), "topics drafted on import");
    assert!(!view.sentiments.is_empty(), "sentiment drafted on import");
    assert!(!ws.info().unwrap().empty);
}

#[test]
fn a_dry_run_stores_nothing_and_needs_no_name() {
    let mut ws = Workspace::open_in_memory().unwrap();
    let opts = ImportOptions {
        dry_run: true,
        ..ImportOptions::default()
    };
    let out = ws.import(&[Source::Sample], &opts, |_, _| {}).unwrap();
    assert_eq!(out[0].report.as_ref().unwrap().articles.len(), 5);
    assert!(ws.info().unwrap().empty);
}

#[test]
fn import_reports_progress_per_input_and_failures_per_input() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.md"), "# 标题一\n\n正文第一段。\n").unwrap();
    std::fs::write(dir.path().join("b.md"), "# 标题二\n\n正文第二段。\n").unwrap();
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.act_as("tester");
    let sources = [
        Source::Path(dir.path().to_owned()),
        Source::Path(dir.path().join("missing.txt")),
    ];
    let mut steps = Vec::new();
    let out = ws
        .import(&sources, &ImportOptions::default(), |p, _| {
            steps.push((p.stage, p.done, p.total))
        })
        .unwrap();
    assert_eq!(out.len(), 3);
    assert_eq!(out.iter().filter(|o| o.error.is_some()).count(), 1);
    use super::progress::Stage::{Import, Suggest};
    assert_eq!(
        steps,
        vec![
            (Import, 2, 3),
            (Import, 3, 3),
            (Suggest, 1, 2),
            (Suggest, 2, 2)
        ],
        "after the failed path, each file; then the suggestions of each stored digest"
    );
    assert_eq!(ws.digests().unwrap().len(), 2);
}

#[test]
fn an_empty_folder_is_a_failed_input() {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.act_as("tester");
    let out = ws
        .import(
            &[Source::Path(dir.path().to_owned())],
            &ImportOptions::default(),
            |_, _| {},
        )
        .unwrap();
    assert_eq!(out[0].error.as_ref().unwrap().code(), "nothing_to_import");
}

#[test]
fn browse_searches_with_the_segmenter() {
    let mut ws = sample();
    let filter = browse::ArticleFilter {
        text: Some("氢气".into()),
        ..Default::default()
    };
    let page = ws.browse(&filter, 0, 50).unwrap();
    assert_eq!(page.total, 1, "{page:?}");
    assert!(page.items[0].title.contains("氢"));
}

#[test]
fn fixes_and_annotations_share_one_undo_history() {
    let mut ws = sample();
    let a = ws.listing().unwrap()[0].articles[0].id;
    ws.fix(&Edit::SetTitle {
        article_id: a,
        title: "新标题".into(),
    })
    .unwrap();
    ws.annotate(&crate::annotate::Annotation::AddNote {
        article_id: a,
        body: "核对数据".into(),
    })
    .unwrap();
    assert_eq!(ws.annotations(a).unwrap().notes.len(), 1);
    ws.undo().unwrap();
    assert!(ws.annotations(a).unwrap().notes.is_empty());
    ws.undo().unwrap();
    assert_ne!(ws.article(a).unwrap().title, "新标题");
    ws.redo().unwrap();
    assert_eq!(ws.article(a).unwrap().title, "新标题");
    let history = ws.history(Some(a), 10, false).unwrap();
    assert!(history
        .iter()
        .all(|r| r.before.is_none() && r.after.is_none()));
    assert!(history.iter().any(|r| r.actor == "编辑甲"));
}

#[test]
fn bulk_accept_takes_only_what_scores_high_enough() {
    let mut ws = sample();
    let digest = ws.digests().unwrap()[0].id;
    let decision = BulkDecision {
        kind: SuggestionKind::Topic,
        accept: true,
        digest_id: Some(digest),
        article_id: None,
        min_score: Some(0.5),
        code: None,
    };
    let done = ws.decide_all(&decision).unwrap();
    assert!(!done.is_empty());
    assert!(done.iter().all(|d| d.score.unwrap() >= 0.5));
    for d in &done {
        let topics = ws.annotations(d.article_id).unwrap().topics;
        let t = topics.iter().find(|t| t.code == d.what).unwrap();
        assert_eq!(t.status, "accepted");
    }
    // Nothing left to accept at that score: a second run decides nothing.
    assert!(ws.decide_all(&decision).unwrap().is_empty());
}

#[test]
fn a_verdict_with_evidence_reaches_the_queue() {
    let mut ws = sample();
    let digest = ws.digests().unwrap()[0].id;
    let accepted = ws
        .decide_all(&BulkDecision {
            kind: SuggestionKind::Claim,
            accept: true,
            digest_id: Some(digest),
            article_id: None,
            min_score: None,
            code: None,
        })
        .unwrap();
    assert!(!accepted.is_empty());
    let queue = ws.review_queue(&Default::default(), 500).unwrap();
    assert_eq!(queue.len(), accepted.len());
    let claim = queue[0].claim_id;
    let verdict = Verdict {
        status: crate::model::ClaimStatus::Verified,
        rating: None,
        evidence: Some(Evidence {
            url: Some("https://example.org/report".into()),
            quote: None,
            note: Some("官方数据".into()),
        }),
    };
    assert_eq!(ws.review(claim, &verdict).unwrap().len(), 2);
    let queue = ws.review_queue(&Default::default(), 500).unwrap();
    assert_eq!(
        queue.len(),
        accepted.len() - 1,
        "a verified claim leaves the queue"
    );
    let article = ws.store().conn();
    let rating: String = article
        .query_row("SELECT rating FROM claims WHERE id = ?1", [claim], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(rating, "属实", "the status implies the rating");
}

#[test]
fn export_to_a_stream_and_a_folder() {
    let mut ws = sample();
    let mut out = Vec::new();
    ws.export(&Request::new(Format::Json), Target::Stream(&mut out))
        .unwrap();
    assert!(String::from_utf8(out).unwrap().contains("galley.export/1"));
    let dir = tempfile::tempdir().unwrap();
    let files = ws
        .export(&Request::new(Format::Csv), Target::Path(dir.path()))
        .unwrap();
    assert_eq!(files.len(), 2);
    let err = ws
        .export(&Request::new(Format::Json), Target::Folder(dir.path()))
        .unwrap_err();
    assert_eq!(err.code(), "write_failed");
    ws.suggest(Scope::Digest(ws.digests().unwrap()[0].id))
        .unwrap();
}

#[test]
fn words_change_the_segmenter() {
    let mut ws = sample();
    let before = ws.segmenter().unwrap();
    let change = ws.add_word("车路云", Some("nz")).unwrap();
    assert_eq!(change.word, "车路云");
    let after = ws.segmenter().unwrap();
    assert!(!Arc::ptr_eq(&before, &after), "rebuilt with the new word");
    assert_eq!(ws.words().unwrap().len(), 1);
    ws.remove_word("车路云").unwrap();
    assert!(ws.words().unwrap().is_empty());
}

#[test]
fn a_remembered_profile_is_recalled_on_the_next_open() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    {
        let mut ws = Workspace::open(&db).unwrap();
        ws.sign_in("审核乙", crate::model::Role::Reviewer).unwrap();
        ws.remember_profile();
    }
    let mut ws = Workspace::open(&db).unwrap();
    assert!(ws.recall_profile().unwrap());
    assert_eq!(ws.actor().unwrap(), "审核乙");
    assert_eq!(
        ws.user().unwrap().unwrap().role,
        crate::model::Role::Reviewer
    );
}

#[test]
fn accounts_sign_in_with_argon2_and_sessions_end_when_disabled() {
    use crate::model::Role;
    let mut ws = Workspace::open_in_memory().unwrap();
    let admin = ws
        .ensure_admin()
        .unwrap()
        .expect("first start makes an admin");
    assert_eq!(admin.person.role, Role::Admin);
    assert!(ws.ensure_admin().unwrap().is_none(), "only once");
    let hash = crate::store::people::account(ws.store().conn(), "admin")
        .unwrap()
        .unwrap()
        .password_hash
        .unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(!hash.contains(&admin.password));

    ws.enforce_roles();
    let session = ws.sign_in_with_password("admin", &admin.password).unwrap();
    let editor = ws.add_user("编辑甲", Role::Editor).unwrap();
    ws.set_password("编辑甲", Some("长长的新密码12345"))
        .unwrap();
    assert_eq!(
        ws.sign_in_with_password("编辑甲", &editor.password)
            .unwrap_err()
            .code(),
        "sign_in_failed",
        "the one-time password is gone"
    );
    let s = ws
        .sign_in_with_password("编辑甲", "长长的新密码12345")
        .unwrap();
    assert_eq!(ws.resume(&s.token).unwrap().person.name, "编辑甲");
    assert_eq!(
        ws.users().unwrap_err().code(),
        "forbidden",
        "an editor manages no accounts"
    );
    ws.resume(&session.token).unwrap();
    ws.set_disabled("编辑甲", true).unwrap();
    assert_eq!(ws.resume(&s.token).unwrap_err().code(), "not_signed_in");
    assert_eq!(
        ws.sign_in_with_password("编辑甲", "长长的新密码12345")
            .unwrap_err()
            .code(),
        "sign_in_failed"
    );
    assert_eq!(
        ws.sign_in_with_password("nobody", "whatever-password")
            .unwrap_err()
            .to_string(),
        ws.sign_in_with_password("admin", "wrong-password!")
            .unwrap_err()
            .to_string(),
        "the same words whatever went wrong"
    );
}

#[test]
fn roles_decide_what_a_person_may_do_when_enforced() {
    use crate::annotate::Annotation;
    use crate::model::{ClaimStatus, Role};
    let mut ws = sample();
    ws.enforce_roles();
    ws.sign_in("审核乙", Role::Reviewer).unwrap();
    let article = ws.listing().unwrap()[0].articles[0].id;
    let err = ws
        .fix(&Edit::SetTitle {
            article_id: article,
            title: "改".into(),
        })
        .unwrap_err();
    assert_eq!(err.code(), "forbidden");
    assert_eq!(
        ws.annotate(&Annotation::AddNote {
            article_id: article,
            body: "x".into()
        })
        .unwrap_err()
        .code(),
        "forbidden"
    );
    ws.sign_in("编辑甲", Role::Editor).unwrap();
    let claim = ws
        .decide_all(&BulkDecision {
            kind: SuggestionKind::Claim,
            accept: true,
            digest_id: None,
            article_id: Some(article),
            min_score: None,
            code: None,
        })
        .unwrap();
    assert!(!claim.is_empty());
    let queue = ws.review_queue(&Default::default(), 10).unwrap();
    let verdict = Verdict {
        status: ClaimStatus::Verified,
        rating: None,
        evidence: None,
    };
    assert_eq!(
        ws.review(queue[0].claim_id, &verdict).unwrap_err().code(),
        "forbidden",
        "editors do not give verdicts"
    );
    ws.sign_in("审核乙", Role::Reviewer).unwrap();
    ws.review(queue[0].claim_id, &verdict).unwrap();
    ws.sign_in("读者", Role::ReadOnly).unwrap();
    assert!(ws.browse(&Default::default(), 0, 10).unwrap().total > 0);
    assert_eq!(ws.undo().unwrap_err().code(), "forbidden");
}

/// The digest's structure and where each claim sits: what a move changes and undo restores.
fn structure(
    ws: &Workspace,
    digest: i64,
) -> (
    crate::store::digest_snapshot::DigestSnapshot,
    Vec<(i64, i64, i64)>,
) {
    let snap = crate::store::digest_snapshot::capture(ws.store().conn(), digest).unwrap();
    let claims = ws
        .store()
        .conn()
        .prepare("SELECT id, article_id, paragraph_id FROM claims ORDER BY id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    (snap, claims)
}

fn paragraph_ids(ws: &Workspace, article: i64) -> Vec<i64> {
    ws.article(article)
        .unwrap()
        .paragraphs
        .iter()
        .map(|p| p.id)
        .collect()
}

/// Moves paragraph `p` of `from` to `to` at `j`, checks the order, undoes and checks that
/// everything is back.
fn move_and_undo(ws: &mut Workspace, digest: i64, (from, p): (i64, i64), (to, j): (i64, usize)) {
    let before = structure(ws, digest);
    let mut want_to: Vec<i64> = paragraph_ids(ws, to)
        .into_iter()
        .filter(|&q| q != p)
        .collect();
    want_to.insert(j, p);
    let want_from: Vec<i64> = paragraph_ids(ws, from)
        .into_iter()
        .filter(|&q| q != p)
        .collect();
    let edit = Edit::MoveParagraph {
        paragraph_id: p,
        to_article: to,
        position: Some(j as i64),
    };
    ws.fix(&edit).unwrap_or_else(|e| panic!("{edit:?}: {e}"));
    assert_eq!(paragraph_ids(ws, to), want_to, "{edit:?}");
    if from != to {
        assert_eq!(paragraph_ids(ws, from), want_from, "{edit:?}");
    }
    ws.undo().unwrap();
    assert_eq!(structure(ws, digest), before, "undo of {edit:?}");
}

#[test]
fn every_paragraph_moves_to_every_position_and_back() {
    let mut ws = sample();
    let listing = ws.listing().unwrap();
    let digest = listing[0].digest.id;
    let articles: Vec<i64> = listing[0].articles.iter().map(|a| a.id).collect();
    let mut moves = 0;
    for (k, &from) in articles.iter().enumerate() {
        let next = articles[(k + 1) % articles.len()];
        for p in paragraph_ids(&ws, from) {
            for j in 0..paragraph_ids(&ws, from).len() {
                move_and_undo(&mut ws, digest, (from, p), (from, j));
                moves += 1;
            }
            if next != from {
                for j in 0..=paragraph_ids(&ws, next).len() {
                    move_and_undo(&mut ws, digest, (from, p), (next, j));
                    moves += 1;
                }
            }
        }
    }
    assert!(moves > 100, "{moves} moves");
}

#[test]
fn each_person_undoes_their_own_changes_and_not_over_someone_elses() {
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.sign_in("甲", Role::Editor).unwrap();
    ws.load_sample().unwrap();
    let digest = ws.digests().unwrap()[0].id;
    let ids: Vec<i64> = ws
        .store()
        .articles(digest)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let title = |ws: &Workspace, id| ws.article(id).unwrap().title;
    let original = title(&ws, ids[0]);
    let set = |id, t: &str| Edit::SetTitle {
        article_id: id,
        title: t.into(),
    };
    ws.fix(&set(ids[0], "甲改的标题")).unwrap();
    ws.sign_in("乙", Role::Editor).unwrap();
    ws.fix(&set(ids[1], "乙改的标题")).unwrap();

    // 甲's undo undoes 甲's change, not 乙's later one… but 乙 changed the same digest's
    // structure since: refused, with who and which change.
    ws.sign_in("甲", Role::Editor).unwrap();
    let err = ws.undo().unwrap_err();
    assert_eq!(err.code(), "conflict");
    assert!(
        err.to_string().contains("乙 changed the same digest"),
        "{err}"
    );
    assert_eq!(title(&ws, ids[1]), "乙改的标题");

    // Once 乙 undoes theirs, 甲 may undo; neither touched the other's change.
    ws.sign_in("乙", Role::Editor).unwrap();
    ws.undo().unwrap();
    assert_eq!(
        title(&ws, ids[1]),
        ws.store().article(ids[1]).unwrap().title
    );
    ws.sign_in("甲", Role::Editor).unwrap();
    ws.undo().unwrap();
    assert_eq!(title(&ws, ids[0]), original);
    // 甲 has nothing more to undo; 乙's redo is still 乙's.
    assert_eq!(ws.undo().unwrap_err().code(), "nothing_to_do");
    ws.sign_in("乙", Role::Editor).unwrap();
    ws.redo().unwrap();
    assert_eq!(title(&ws, ids[1]), "乙改的标题");
}

#[test]
fn a_change_made_from_a_stale_view_is_refused_saying_who_changed_what() {
    use crate::annotate::Annotation;
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.sign_in("甲", Role::Editor).unwrap();
    ws.load_sample().unwrap();
    let id = ws.listing().unwrap()[0].articles[0].id;
    let seen = ws.article(id).unwrap().version;
    // 乙 renames the article 甲 has open.
    ws.sign_in("乙", Role::Editor).unwrap();
    ws.fix_from(
        &Edit::SetTitle {
            article_id: id,
            title: "乙的标题".into(),
        },
        Some(seen),
    )
    .unwrap();
    let now = ws.article(id).unwrap().version;
    assert!(now > seen);
    // 甲's change, made from the old view, is refused and changes nothing.
    ws.sign_in("甲", Role::Editor).unwrap();
    let mine = Edit::SetTitle {
        article_id: id,
        title: "甲的标题".into(),
    };
    let err = ws.fix_from(&mine, Some(seen)).unwrap_err();
    assert_eq!(err.code(), "stale");
    assert!(err.to_string().contains("last by 乙 (set_title)"), "{err}");
    assert_eq!(ws.article(id).unwrap().title, "乙的标题");
    let note = Annotation::AddNote {
        article_id: id,
        body: "甲的笔记".into(),
    };
    assert_eq!(
        ws.annotate_from(&note, Some(seen)).unwrap_err().code(),
        "stale"
    );
    assert!(ws.annotations(id).unwrap().notes.is_empty());
    // From the current view (or keeping theirs and choosing "keep mine"), it goes through.
    ws.annotate_from(&note, Some(now)).unwrap();
    ws.fix_from(&mine, None).unwrap();
    assert_eq!(ws.article(id).unwrap().title, "甲的标题");
    // An undo moves the version on too.
    let before = ws.article(id).unwrap().version;
    ws.undo().unwrap();
    assert!(ws.article(id).unwrap().version > before);
}

#[test]
fn a_claim_is_assigned_to_a_reviewer_and_the_queue_says_who_is_on_it() {
    use crate::annotate::Annotation;
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.sign_in("审核乙", Role::Reviewer).unwrap();
    ws.sign_in("编辑甲", Role::Editor).unwrap();
    ws.load_sample().unwrap();
    let id = ws.listing().unwrap()[0].articles[0].id;
    let suggestion = ws.annotations(id).unwrap().claim_suggestions[0].id;
    ws.annotate(&Annotation::AcceptClaim {
        suggestion_id: suggestion,
    })
    .unwrap();
    let claim = ws.review_queue(&Default::default(), 10).unwrap()[0].claim_id;
    let assign = |to: Option<&str>| Annotation::AssignClaim {
        claim_id: claim,
        reviewer: to.map(str::to_owned),
    };
    ws.annotate(&assign(Some("审核乙"))).unwrap();
    let item = |ws: &Workspace| {
        ws.review_queue(&Default::default(), 10)
            .unwrap()
            .into_iter()
            .find(|q| q.claim_id == claim)
            .unwrap()
    };
    assert_eq!(item(&ws).assigned_to.as_deref(), Some("审核乙"));
    let err = ws.annotate(&assign(Some("无名氏"))).unwrap_err();
    assert_eq!(err.code(), "invalid_input");
    assert!(err.to_string().contains("nobody called 无名氏"), "{err}");
    // The reviewer gives it back, and takes it again with undo.
    ws.sign_in("审核乙", Role::Reviewer).unwrap();
    ws.annotate(&assign(None)).unwrap();
    assert_eq!(item(&ws).assigned_to, None);
    ws.undo().unwrap();
    assert_eq!(item(&ws).assigned_to.as_deref(), Some("审核乙"));
}

#[test]
fn agreement_compares_each_persons_own_labels_and_undo_takes_one_back() {
    use crate::annotate::Annotation;
    use crate::model::JudgementKind;
    use crate::model::SentimentLabel::{Negative, Neutral, Positive};
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.sign_in("甲", Role::Editor).unwrap();
    ws.load_sample().unwrap();
    let digest = ws.digests().unwrap()[0].id;
    let ids: Vec<i64> = ws
        .store()
        .articles(digest)
        .unwrap()
        .iter()
        .map(|a| a.id)
        .collect();
    let label = |ws: &mut Workspace, id, label| {
        ws.annotate(&Annotation::SetSentiment {
            article_id: id,
            label,
        })
        .unwrap();
    };
    for (id, l) in ids.iter().zip([Positive, Negative, Neutral, Positive]) {
        label(&mut ws, *id, l);
    }
    ws.annotate(&Annotation::AddTopic {
        article_id: ids[0],
        code: "medtop:04000000".into(),
    })
    .unwrap();
    ws.sign_in("乙", Role::Editor).unwrap();
    for (id, l) in ids.iter().zip([Positive, Negative, Positive]) {
        label(&mut ws, *id, l);
    }
    ws.annotate(&Annotation::AddTopic {
        article_id: ids[0],
        code: "medtop:04000000".into(),
    })
    .unwrap();

    let report = ws.agreement(Some(digest)).unwrap();
    let sentiment = &report.labels[0];
    assert_eq!(sentiment.kind, JudgementKind::Sentiment);
    assert_eq!((sentiment.items, sentiment.raters.len()), (3, 2));
    let pair = &sentiment.pairs[0];
    assert_eq!(
        (pair.a.as_str(), pair.b.as_str(), pair.items),
        ("乙", "甲", 3)
    );
    assert!((pair.observed - 2.0 / 3.0).abs() < 1e-9);
    // 甲: +,−,0; 乙: +,−,+: p_e = (1·2 + 1·1 + 1·0)/9 = 1/3, κ = (2/3 − 1/3)/(2/3) = 0.5.
    assert!((pair.cohen.unwrap() - 0.5).abs() < 1e-9, "{pair:?}");
    let economy = &report.labels[1];
    assert_eq!(
        (economy.label.as_str(), economy.items, economy.fleiss),
        ("medtop:04000000", 1, None)
    );

    // 乙 takes back the last label: the third article is no longer labelled twice.
    ws.undo().unwrap();
    ws.undo().unwrap();
    assert_eq!(ws.agreement(None).unwrap().labels[0].items, 2);
    assert_eq!(ws.agreement(Some(9999)).unwrap_err().code(), "not_found");
}
