//! `galley suggest`, `galley dict` and `galley topics` as a user runs them.

mod common;

use common::*;

impl Env {
    fn count(&self, sql: &str) -> i64 {
        let c = rusqlite::Connection::open(self.db()).unwrap();
        c.query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

#[test]
fn suggest_json_has_the_documented_shape_and_stores_suggestions_only() {
    let env = Env::new();
    env.ok_text(&["import", SAMPLE]);
    let out = env.ok_text(&["suggest", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let articles = v["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5, "{out}");
    for a in articles {
        let mut keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "claims",
                "entities",
                "id",
                "keywords",
                "sentiment",
                "title",
                "topics"
            ],
            "{a}"
        );
        assert!(a["keywords"]
            .as_array()
            .unwrap()
            .iter()
            .all(|k| k.is_string()));
        let s = &a["sentiment"];
        assert!(
            ["positive", "neutral", "negative", "mixed"].contains(&s["label"].as_str().unwrap())
        );
        assert!(s["score"].as_f64().unwrap().abs() <= 1.0);
        assert!(s["reasons"].is_array());
        let topics = a["topics"].as_array().unwrap();
        assert!(!topics.is_empty());
        for t in topics {
            for k in ["code", "label_zh", "label_en", "score", "reasons"] {
                assert!(t.get(k).is_some(), "topic without {k}: {t}");
            }
        }
        let scores: Vec<f64> = topics
            .iter()
            .map(|t| t["score"].as_f64().unwrap())
            .collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "topics not ranked: {scores:?}"
        );
        let claims = a["claims"].as_array().unwrap();
        for c in claims {
            for k in [
                "text",
                "score",
                "reasons",
                "paragraph",
                "start",
                "end",
                "consistency",
            ] {
                assert!(c.get(k).is_some(), "claim without {k}: {c}");
            }
            assert!(c["end"].as_u64().unwrap() > c["start"].as_u64().unwrap());
        }
        let scores: Vec<f64> = claims
            .iter()
            .map(|c| c["score"].as_f64().unwrap())
            .collect();
        assert!(
            scores.windows(2).all(|w| w[0] >= w[1]),
            "claims not ranked: {scores:?}"
        );
    }
    // The hydrogen article's top topic, and the OLED conversions checked.
    let h = articles
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("纯氢"))
        .unwrap();
    assert_eq!(h["topics"][0]["code"], "desk:energy");
    assert!(
        out.contains("currency_rate") && out.contains("7.18"),
        "{out}"
    );
    // Stored as suggestions; nothing accepted, no claims made.
    assert_eq!(env.count("SELECT count(*) FROM claims"), 0);
    assert!(env.count("SELECT count(*) FROM claim_suggestions WHERE status = 'suggested'") > 10);
    assert_eq!(
        env.count("SELECT count(*) FROM article_topics WHERE status != 'suggested'"),
        0
    );
    // One article only; running again replaces pending suggestions rather than piling up.
    let before = env.count("SELECT count(*) FROM claim_suggestions");
    let one = env.ok_text(&["suggest", "--article", "1", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(v["articles"].as_array().unwrap().len(), 1);
    assert_eq!(env.count("SELECT count(*) FROM claim_suggestions"), before);
}

#[test]
fn suggest_text_output_and_errors() {
    let env = Env::new();
    env.ok_text(&["import", SAMPLE]);
    let out = env.ok_text(&["suggest", "--digest", "1"]);
    assert!(
        out.contains("topic") && out.contains("claim") && out.contains("sentiment:"),
        "{out}"
    );
    let o = env.galley(&["suggest", "--article", "999"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("article 999 does not exist"));
    let o = env.galley(&["suggest", "--digest", "42"]);
    assert_eq!(o.status.code(), Some(1));
    let o = env.galley(&["suggest", "--article", "1", "--digest", "1"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn dictionary_words_are_stored_applied_and_audited() {
    let env = Env::new();
    env.ok_text(&["import", SAMPLE]);
    let out = env.ok_text(&["dict", "add", "萝卜快跑", "--tag", "nz"]);
    assert!(out.contains("re-segmented 1 article"), "{out}");
    assert!(env
        .ok_text(&["dict", "list"])
        .contains("萝卜快跑\tnz\ttester"));
    let o = env.galley(&["dict", "add", "萝卜快跑"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        env.count("SELECT count(*) FROM audit_log WHERE action = 'dictionary.add'"),
        1
    );
    // The word is an entity of the article now.
    let out = env.ok_text(&["suggest", "--json"]);
    assert!(out.contains("\"萝卜快跑\""), "{out}");
    env.ok_text(&["dict", "remove", "萝卜快跑"]);
    assert_eq!(env.ok_text(&["dict", "list"]), "");
}

#[test]
fn topics_can_be_listed_added_renamed_moved_and_retired() {
    let env = Env::new();
    let list = env.ok_text(&["topics", "list"]);
    assert!(
        list.contains("medtop:13000000\t科学与技术\tscience and technology"),
        "{list}"
    );
    assert!(
        list.contains("  desk:artificial-intelligence\t人工智能"),
        "{list}"
    );
    env.ok_text(&[
        "topics",
        "add",
        "desk:quantum",
        "--zh",
        "量子",
        "--en",
        "quantum",
        "--parent",
        "medtop:13000000",
        "--term",
        "量子:3",
    ]);
    env.ok_text(&[
        "topics",
        "rename",
        "desk:quantum",
        "--zh",
        "量子科技",
        "--en",
        "quantum technology",
    ]);
    env.ok_text(&[
        "topics",
        "move",
        "desk:quantum",
        "--parent",
        "medtop:04000000",
    ]);
    let out = env.ok_text(&["topics", "retire", "desk:quantum"]);
    assert!(out.contains("(retired)"), "{out}");
    let v: serde_json::Value =
        serde_json::from_str(&env.ok_text(&["topics", "list", "--json"])).unwrap();
    let q = v
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "desk:quantum")
        .unwrap();
    assert_eq!(q["label_zh"], "量子科技");
    assert!(q["retired_at"].is_string());
    assert_eq!(
        env.count("SELECT count(*) FROM audit_log WHERE entity = 'topic'"),
        4
    );
    let o = env.galley(&[
        "topics",
        "move",
        "medtop:04000000",
        "--parent",
        "desk:quantum",
    ]);
    assert_eq!(o.status.code(), Some(1));
}
