//! The window's verbs on the command line: search, annotate, review, accept and reject, as a
//! desk scripts them (JSON out, exit codes), and a quiet end when the reader closes the pipe.

mod common;

use common::{stderr, Env, SAMPLE};
use serde_json::Value;

fn json(env: &Env, args: &[&str]) -> Value {
    serde_json::from_str(&env.ok_text(args)).unwrap()
}

/// The sample imported with its suggestions; returns the article ids in page order.
fn sample(env: &Env) -> Vec<i64> {
    env.ok(&["import", SAMPLE]);
    let listing = json(env, &["list", "--json"]);
    listing[0]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}

#[test]
fn search_finds_articles_by_their_words() {
    let env = Env::new();
    sample(&env);
    let page = json(&env, &["search", "氢气", "管道", "--json"]);
    assert_eq!(page["total"], 1);
    assert!(page["items"][0]["title"].as_str().unwrap().contains("氢"));
    assert!(page["terms"].as_array().unwrap().len() >= 2);
    let text = env.ok_text(&["search", "--review-state", "new"]);
    assert!(text.starts_with("5 matching article(s)"), "{text}");
    let none = env.ok_text(&["search", "不存在的词语组合"]);
    assert!(none.starts_with("0 matching"), "{none}");
    let bad = env.galley(&["search", "--review-state", "done"]);
    assert_eq!(bad.status.code(), Some(2), "a usage error");
}

#[test]
fn annotate_topics_sentiment_claims_notes_and_state() {
    let env = Env::new();
    let ids = sample(&env);
    let a = ids[0].to_string();
    env.ok(&["annotate", "topic", &a, "desk:energy"]);
    env.ok(&["annotate", "sentiment", &a, "positive"]);
    env.ok(&["annotate", "claim", &a, "2023北京智源大会"]);
    env.ok(&["annotate", "note", &a, "请核对会议名称"]);
    env.ok(&["annotate", "state", &a, "annotated"]);
    let export = json(&env, &["export"]);
    let article = &export["digests"][0]["articles"][0];
    assert_eq!(article["review_state"], "annotated");
    let accepted: Vec<&str> = article["topics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| t["status"] == "accepted")
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    assert!(accepted.contains(&"desk:energy"), "{accepted:?}");
    assert_eq!(article["claims"][0]["text"], "2023北京智源大会");
    assert_eq!(article["notes"][0]["body"], "请核对会议名称");
    env.ok(&["annotate", "remove-topic", &a, "desk:energy"]);

    let missing = env.galley(&["annotate", "claim", &a, "这句话不在文章里"]);
    assert_eq!(missing.status.code(), Some(1));
    assert_eq!(stderr(&missing).lines().count(), 1, "{}", stderr(&missing));
    // Every annotation is undoable, newest first.
    let undo = env.ok_text(&["undo"]);
    assert!(undo.starts_with("undo"), "{undo}");
}

#[test]
fn accept_in_bulk_then_review_the_claims() {
    let env = Env::new();
    sample(&env);
    let accepted = json(
        &env,
        &[
            "accept",
            "topic",
            "--digest",
            "1",
            "--min-score",
            "0.5",
            "--json",
        ],
    );
    let accepted = accepted.as_array().unwrap();
    assert!(!accepted.is_empty());
    assert!(accepted.iter().all(|d| d["score"].as_f64().unwrap() >= 0.5));

    let claims = json(&env, &["accept", "claim", "--digest", "1", "--json"]);
    let n = claims.as_array().unwrap().len();
    assert!(n > 5, "the sample has many check-worthy sentences: {n}");
    let queue = json(&env, &["review", "queue", "--json"]);
    assert_eq!(queue.as_array().unwrap().len(), n);
    let claim = queue[0]["claim_id"].as_i64().unwrap().to_string();
    env.ok(&[
        "review",
        "verdict",
        &claim,
        "verified",
        "--url",
        "https://example.org/a",
        "--note",
        "官方",
    ]);
    let queue = json(&env, &["review", "queue", "--json"]);
    assert_eq!(queue.as_array().unwrap().len(), n - 1);
    let verified = json(&env, &["review", "queue", "--status", "verified", "--json"]);
    assert_eq!(verified[0]["rating"], "属实");
    assert_eq!(verified[0]["evidence"][0]["url"], "https://example.org/a");
}

#[test]
fn reject_one_suggestion_by_id() {
    let env = Env::new();
    let ids = sample(&env);
    let show = json(
        &env,
        &["suggest", "--article", &ids[1].to_string(), "--json"],
    );
    assert!(show["articles"][0]["claims"].as_array().is_some());
    let text = env.ok_text(&["reject", "claim", "--article", &ids[1].to_string()]);
    assert!(text.contains("suggestion(s) rejected"), "{text}");
    let again = env.ok_text(&["accept", "claim", "--article", &ids[1].to_string()]);
    assert!(again.starts_with("0 suggestion(s) accepted"), "{again}");
    let bad = env.galley(&["accept", "claim", "999999"]);
    assert_eq!(bad.status.code(), Some(1));
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::process::{Command, Stdio};
    let env = Env::new();
    sample(&env);
    for args in [
        &["export"][..],
        &["list"],
        &["search", "氢气"],
        &["import", "--dry-run", "--json", SAMPLE],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
            .args(args)
            .env("GALLEY_DB", env.db())
            .env("GALLEY_USER", "tester")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Hang up before the first line, as `| head -c0` does.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "galley {args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "galley {args:?}: {err}");
    }
}

#[test]
fn backup_copies_the_database_while_in_use() {
    let env = Env::new();
    sample(&env);
    let copy = env.path("copy.db");
    env.ok(&["backup", copy.to_str().unwrap()]);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(["--db", copy.to_str().unwrap(), "list", "--json"])
        .output()
        .unwrap();
    let listing: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(listing[0]["articles"].as_array().unwrap().len(), 5);
}

#[test]
fn accounts_for_a_team_server() {
    let env = Env::new();
    let added = env.ok_text(&["user", "add", "编辑甲", "--role", "editor"]);
    assert!(
        added.starts_with("编辑甲 (editor): one-time password "),
        "{added}"
    );
    env.ok(&["user", "add", "读者", "--role", "read_only"]);
    env.ok(&["user", "disable", "读者"]);
    let list = env.ok_text(&["user", "list"]);
    assert_eq!(list, "编辑甲\teditor\n读者\tread_only (disabled)\n");
    let bad = env.galley(&["user", "add", "x", "--role", "boss"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn learning_counts_the_desks_topic_decisions_and_can_be_switched_off() {
    let env = Env::new();
    let ids = sample(&env);
    let a = ids[0].to_string();
    env.ok(&["annotate", "topic", &a, "desk:energy"]);
    let status = json(&env, &["learning", "--json"]);
    assert_eq!(status["enabled"], true);
    let energy = status["topics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "desk:energy")
        .unwrap()
        .clone();
    assert_eq!(
        (energy["positives"].as_i64(), energy["negatives"].as_i64()),
        (Some(1), Some(0))
    );
    // Undone, the decision is taken back out.
    env.ok(&["undo"]);
    let status = json(&env, &["learning", "--json"]);
    assert!(status["topics"].as_array().unwrap().is_empty(), "{status}");
    env.ok(&["annotate", "topic", &a, "desk:energy"]);
    let model = env.path("model.json");
    env.ok(&["learning", "export", model.to_str().unwrap()]);
    let model: Value = serde_json::from_slice(&std::fs::read(&model).unwrap()).unwrap();
    assert_eq!(model["topics"][0]["topic"]["code"], "desk:energy");
    assert!(
        model["topics"][0]["words"].as_array().unwrap().len() > 20,
        "{model}"
    );
    assert_eq!(
        model["claims"]["classes"],
        serde_json::json!(["no", "claim"])
    );
    let off = env.ok_text(&["learning", "off"]);
    assert!(
        off.starts_with("learning from the desk's decisions: off"),
        "{off}"
    );
    let retrained = env.galley(&["learning", "retrain"]);
    assert!(retrained.status.success());
    assert_eq!(json(&env, &["learning", "--json"])["enabled"], false);
}

#[test]
fn agreement_between_two_editors_who_labelled_the_same_articles() {
    let env = Env::new();
    let ids = sample(&env);
    let none = env.ok_text(&["agreement"]);
    assert!(
        none.starts_with("no article has been labelled by two"),
        "{none}"
    );
    let labels = [
        ("甲", ["positive", "negative", "neutral"]),
        ("乙", ["positive", "negative", "positive"]),
    ];
    for (who, tones) in labels {
        for (id, tone) in ids.iter().zip(tones) {
            env.ok(&[
                "--user",
                who,
                "annotate",
                "sentiment",
                &id.to_string(),
                tone,
            ]);
        }
        env.ok(&[
            "--user",
            who,
            "annotate",
            "topic",
            &ids[0].to_string(),
            "desk:energy",
        ]);
    }
    let text = env.ok_text(&["agreement"]);
    assert!(
        text.starts_with("sentiment: 3 articles labelled by 2 people, agreement 0.667, Fleiss κ"),
        "{text}"
    );
    assert!(text.contains("Cohen κ 0.500"), "{text}");
    assert!(text.contains("topic desk:energy"), "{text}");
    assert!(text.contains("undefined (one label only)"), "{text}");
    let report = json(&env, &["agreement", "--json"]);
    assert_eq!(report["labels"][0]["pairs"][0]["items"], 3);
    let missing = env.galley(&["agreement", "--digest", "999"]);
    assert_eq!(missing.status.code(), Some(1));
}
