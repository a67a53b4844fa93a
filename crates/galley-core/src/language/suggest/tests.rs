//! The whole pass on the seed page (gold articles), with the quality figures printed and
//! asserted, plus the accept/reject flow and code-point offsets.

use super::*;
use crate::language::shared_segmenter as jieba;
use crate::model::Source;
use crate::store::{digests, paragraphs};

const GOLD: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/tmt-digest-2023-06.gold.json"
));
const CLAIMS: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/tmt-digest-2023-06.claims.json"
));

/// Stores the gold articles of the seed page as a digest: (digest id, gold id → article id).
fn seed(store: &mut Store) -> (i64, Vec<(String, i64)>) {
    let gold: serde_json::Value = serde_json::from_str(GOLD).unwrap();
    store
        .write(|tx| {
            let d = digests::insert(
                tx,
                &digests::NewDigest {
                    name: "tmt-digest-2023-06",
                    date: Some("2023-06".parse().unwrap()),
                    source_file: None,
                    content_hash: "gold",
                    imported_at: "2023-06-30T00:00:00Z",
                },
            )?;
            let mut ids = Vec::new();
            for (pos, a) in gold["articles"].as_array().unwrap().iter().enumerate() {
                let id = articles::insert(
                    tx,
                    &articles::NewArticle {
                        digest_id: d,
                        position: pos as i64,
                        title: a["title"].as_str().unwrap(),
                        source: &Source::default(),
                        confidence: Some(1.0),
                        now: "2023-06-30T00:00:00Z",
                    },
                )?;
                for (i, p) in a["paragraphs"].as_array().unwrap().iter().enumerate() {
                    let kind = ParagraphKind::parse(p["kind"].as_str().unwrap()).unwrap();
                    paragraphs::insert(tx, id, i as i64, kind, p["text"].as_str().unwrap())?;
                }
                ids.push((a["id"].as_str().unwrap().to_owned(), id));
            }
            Ok((d, ids))
        })
        .unwrap()
}

fn overlap(a: (usize, usize), b: (usize, usize)) -> usize {
    a.1.min(b.1).saturating_sub(a.0.max(b.0))
}

#[test]
fn seed_page_quality_topics_and_claims() {
    let mut store = Store::open_in_memory().unwrap();
    let (digest, ids) = seed(&mut store);
    let out = suggest_digest_in_store(&mut store, jieba(), digest, "tester").unwrap();
    assert_eq!(out.len(), 5);

    // Topics: the top suggestion of each article.
    let expected = [
        ("ai-open-data", "desk:artificial-intelligence"),
        ("autonomous-driving", "desk:autonomous-vehicles"),
        ("hydrogen-pipeline", "desk:energy"),
        ("oled-revenue", "desk:consumer-electronics"),
        ("tesla-dojo", "desk:computing-semiconductors"),
    ];
    let mut right = 0;
    for (gold_id, code) in expected {
        let id = ids.iter().find(|(g, _)| g == gold_id).unwrap().1;
        let a = out.iter().find(|a| a.id == id).unwrap();
        let top = &a.topics[0];
        println!(
            "topics {gold_id}: {} {} {:.3} {:?}",
            top.code, top.label_zh, top.score, top.reasons
        );
        if top.code == code {
            right += 1;
        }
    }
    println!("seed page topics top-1: {right}/5");

    // Claims against the labelled sentences: a gold sentence is found when a suggested claim
    // overlaps it; a suggestion is right when most of it lies in a must/optional sentence.
    let labels: serde_json::Value = serde_json::from_str(CLAIMS).unwrap();
    let mut gold_spans: Vec<(i64, (usize, usize), String, String)> = Vec::new(); // (paragraph, span, label, text)
    for s in labels["sentences"].as_array().unwrap() {
        let gid = s["article"].as_str().unwrap();
        let id = ids.iter().find(|(g, _)| g == gid).unwrap().1;
        let text = s["sentence"].as_str().unwrap();
        let article = store.article(id).unwrap();
        let (pid, start) = article
            .paragraphs
            .iter()
            .find_map(|p| {
                p.text
                    .find(text)
                    .map(|b| (p.id, p.text[..b].chars().count()))
            })
            .unwrap_or_else(|| panic!("gold sentence not in the paragraphs: {text}"));
        gold_spans.push((
            pid,
            (start, start + text.chars().count()),
            s["label"].as_str().unwrap().to_owned(),
            text.to_owned(),
        ));
    }
    let predicted: Vec<(i64, (usize, usize), &str)> = out
        .iter()
        .flat_map(|a| a.claims.iter())
        .map(|c| (c.paragraph, (c.start, c.end), c.text.as_str()))
        .collect();
    let must: Vec<_> = gold_spans.iter().filter(|g| g.2 == "must").collect();
    let found = must
        .iter()
        .filter(|g| {
            predicted
                .iter()
                .any(|p| p.0 == g.0 && overlap(p.1, g.1) > 0)
        })
        .count();
    let mut correct = 0;
    for p in &predicted {
        let len = p.1 .1 - p.1 .0;
        let ok = gold_spans
            .iter()
            .filter(|g| g.0 == p.0 && g.2 != "no")
            .any(|g| overlap(p.1, g.1) * 2 >= len);
        if ok {
            correct += 1;
        } else {
            println!("  not check-worthy per the labels: {}", p.2);
        }
    }
    for g in &must {
        if !predicted
            .iter()
            .any(|p| p.0 == g.0 && overlap(p.1, g.1) > 0)
        {
            let w = claims::rules(&g.3, None);
            println!("  missed must ({:.1}): {} {:?}", w.raw, g.3, w.reasons);
        }
    }
    let recall = found as f64 / must.len() as f64;
    let precision = correct as f64 / predicted.len() as f64;
    println!(
        "seed page claims: recall(must) {found}/{} = {recall:.3}, precision(must+optional) {correct}/{} = {precision:.3}",
        must.len(),
        predicted.len()
    );
    assert_eq!(right, 5, "topics top-1 must be right for all five articles");
    // Against the project's own labels (assets/tmt-digest-2023-06.claims.json, 27 must,
    // 41 optional, 53 no) the pass measured recall(must) 22/27 = 0.815 and precision
    // 24/25 = 0.960. The recall floor sits just below that: the five missed `must` sentences
    // (辛国斌's announcement, twice; Waymo; the cities' test rules; Tesla's new account) are
    // real misses of the model, not of the labels.
    assert!(recall >= 0.81, "claims recall {recall:.3} < 0.81");
    assert!(precision >= 0.70, "claims precision {precision:.3} < 0.70");

    // The OLED conversions are checked and consistent on the claims that carry them.
    let oled = ids.iter().find(|(g, _)| g == "oled-revenue").unwrap().1;
    let a = out.iter().find(|a| a.id == oled).unwrap();
    let rates: Vec<&numbers::Finding> = a
        .claims
        .iter()
        .flat_map(|c| c.consistency.iter())
        .filter(|f| f.check == "currency_rate")
        .collect();
    assert_eq!(rates.len(), 3, "{rates:#?}");
    assert!(rates
        .iter()
        .all(|f| f.status == numbers::Status::Consistent && f.detail.contains("7.18")));

    // Everything is stored as suggestions, nothing accepted.
    let c = store.conn();
    let n = |sql: &str| -> i64 { c.query_row(sql, [], |r| r.get(0)).unwrap() };
    assert_eq!(n("SELECT count(*) FROM claims"), 0);
    assert_eq!(
        n("SELECT count(*) FROM claim_suggestions WHERE status = 'suggested'"),
        predicted.len() as i64
    );
    assert_eq!(
        n("SELECT count(*) FROM article_topics WHERE status != 'suggested' OR source != 'auto'"),
        0
    );
    assert!(n("SELECT count(*) FROM sentiments WHERE paragraph_id IS NULL") == 5);
    assert!(n("SELECT count(*) FROM article_keywords") >= 25);
    assert!(n("SELECT count(*) FROM article_entities") > 10);
}

#[test]
fn speakers_and_entities_on_the_seed_page() {
    let mut store = Store::open_in_memory().unwrap();
    let (digest, ids) = seed(&mut store);
    let out = suggest_digest_in_store(&mut store, jieba(), digest, "tester").unwrap();
    let ad = ids
        .iter()
        .find(|(g, _)| g == "autonomous-driving")
        .unwrap()
        .1;
    let a = out.iter().find(|a| a.id == ad).unwrap();
    let people: Vec<&str> = a
        .entities
        .iter()
        .filter(|e| e.kind == entities::EntityKind::Person)
        .map(|e| e.text.as_str())
        .collect();
    assert!(people.contains(&"辛国斌"), "{people:?}");
    assert!(people.contains(&"洪勇"), "{people:?}");
    assert!(a
        .claims
        .iter()
        .any(|c| c.reasons.iter().any(|r| r.contains("余承东"))));
}

#[test]
fn accept_and_reject_claims_with_audit_and_code_point_offsets() {
    let mut store = Store::open_in_memory().unwrap();
    let para =
        "𠮷野家😀称，2023年营收增长12%至389亿元。这很好吗？据统计，门店数量从100家增长20%至150家。";
    let article = store
        .write(|tx| {
            let d = digests::insert(
                tx,
                &digests::NewDigest {
                    name: "d",
                    date: None,
                    source_file: None,
                    content_hash: "h",
                    imported_at: "t",
                },
            )?;
            let id = articles::insert(
                tx,
                &articles::NewArticle {
                    digest_id: d,
                    position: 0,
                    title: "𠮷野家营收增长",
                    source: &Source::default(),
                    confidence: None,
                    now: "t",
                },
            )?;
            paragraphs::insert(tx, id, 0, ParagraphKind::Lead, para)?;
            Ok(id)
        })
        .unwrap();
    let s = store
        .write(|tx| suggest_article(tx, jieba(), article, "tester"))
        .unwrap();
    assert_eq!(s.claims.len(), 2, "{:#?}", s.claims);
    let rows = claim_suggestions::list(store.conn(), article).unwrap();
    let first = rows.iter().find(|r| r.text.starts_with('𠮷')).unwrap();
    let second = rows.iter().find(|r| r.text.starts_with("据统计")).unwrap();
    // Code points: 𠮷 and 😀 are one each (two UTF-16 units, four UTF-8 bytes).
    assert_eq!(first.start, 0);
    assert_eq!(
        first.end as usize,
        para.chars().position(|c| c == '。').unwrap() + 1
    );
    let q = para.chars().position(|c| c == '？').unwrap();
    assert_eq!(second.start as usize, q + 1);
    // The stated change is checked against before and after: 100 → 150 is +50%, not 20%.
    let f = second.consistency.as_array().unwrap();
    assert_eq!(f[0]["status"], "inconsistent", "{f:?}");

    let claim = store
        .write(|tx| accept_claim(tx, "editor", first.id))
        .unwrap();
    assert_eq!(claim.status, "unverified");
    assert_eq!((claim.start, claim.end), (first.start, first.end));
    assert_eq!(
        sentences::slice_cp(para, claim.start as usize, claim.end as usize),
        claim.text
    );
    store
        .write(|tx| reject_claim(tx, "editor", second.id))
        .unwrap();
    let err = store
        .write(|tx| accept_claim(tx, "editor", second.id))
        .unwrap_err();
    assert_eq!(err.code(), "conflict");

    let log = audit::for_article(store.conn(), article, 10).unwrap();
    let actions: Vec<&str> = log.iter().map(|r| r.action.as_str()).collect();
    assert_eq!(actions, ["claim.reject", "claim.accept"]);
    assert_eq!(log[1].actor, "editor");

    // Running the pass again keeps the decisions and does not re-suggest decided spans.
    store
        .write(|tx| suggest_article(tx, jieba(), article, "tester"))
        .unwrap();
    let rows = claim_suggestions::list(store.conn(), article).unwrap();
    assert_eq!(rows.len(), 2, "{rows:#?}");
    assert!(rows.iter().all(|r| r.status != "suggested"));
    assert_eq!(claim_store::list(store.conn(), article).unwrap().len(), 1);

    // Topics and sentiment decisions are audited too.
    let t = article_topics::list(store.conn(), article).unwrap();
    if let Some(t) = t.first() {
        store
            .write(|tx| decide_topic(tx, "editor", article, t.topic_id, true))
            .unwrap();
        assert_eq!(
            article_topics::get(store.conn(), article, t.topic_id)
                .unwrap()
                .unwrap()
                .status,
            "accepted"
        );
    }
    let sid = sentiments::list(store.conn(), article).unwrap()[0].id;
    store
        .write(|tx| decide_sentiment(tx, "editor", sid, false))
        .unwrap();
    assert_eq!(
        sentiments::list(store.conn(), article).unwrap()[0].status,
        "rejected"
    );
}

#[test]
fn only_newly_imported_articles_get_drafted() {
    use crate::import::{import, Input, Options};
    let jieba = crate::language::shared_segmenter();
    let mut store = Store::open_in_memory().unwrap();
    let opts = Options {
        actor: "t".into(),
        ..Options::default()
    };
    let count = |s: &Store| -> i64 {
        s.conn()
            .query_row("SELECT count(*) FROM article_topics", [], |r| r.get(0))
            .unwrap()
    };

    let first = import(&mut store, jieba, &crate::sample::input(), &opts).unwrap();
    assert_eq!(
        suggest_imported(&mut store, jieba, &first, "t").unwrap(),
        first.digest_id
    );
    let drafted = count(&store);
    assert!(drafted > 0);

    // The same page again is not stored again, and nothing is drafted again.
    let again = import(&mut store, jieba, &crate::sample::input(), &opts).unwrap();
    assert_eq!(
        suggest_imported(&mut store, jieba, &again, "t").unwrap(),
        None
    );

    // An input that brings its own annotations keeps them as they are.
    let ls = r#"[{"id": 1, "data": {"text": "今天北京的天气很好。"}, "annotations": []}]"#;
    let input = Input {
        what: "ls.json".into(),
        source_file: Some("ls.json".into()),
        bytes: ls.as_bytes(),
    };
    let labelled = import(&mut store, jieba, &input, &opts).unwrap();
    assert_eq!(
        labelled.format,
        Some(crate::import::InputFormat::LabelStudio)
    );
    assert_eq!(
        suggest_imported(&mut store, jieba, &labelled, "t").unwrap(),
        None
    );
    assert_eq!(count(&store), drafted);
}

/// An article of two body paragraphs, not stored.
fn article_of(title: &str, paras: &[&str]) -> Article {
    Article {
        id: 1,
        digest_id: 1,
        position: 0,
        title: title.to_owned(),
        source: Source::default(),
        paragraphs: paras
            .iter()
            .enumerate()
            .map(|(i, t)| crate::model::Paragraph {
                id: i as i64 + 10,
                position: i as i64,
                kind: ParagraphKind::Body,
                text: (*t).to_owned(),
            })
            .collect(),
        pull_quotes: Vec::new(),
        review_state: crate::model::ReviewState::New,
        confidence: None,
        updated_at: String::new(),
        version: 1,
    }
}

#[test]
fn traditional_script_is_analysed_as_simplified_and_given_back_as_written() {
    let traditional = article_of(
        "台積電第二季營收創新高",
        &[
            "據《經濟日報》報道，台積電2023年第二季營收達到4808億元新台幣，較去年同期增長10%。\
             公司董事長劉德音表示，人工智慧需求強勁。",
            "分析師認為，這是兩千年以來最好的季度之一。",
        ],
    );
    let simplified = article_of(
        "台积电第二季营收创新高",
        &[
            "据《经济日报》报道，台积电2023年第二季营收达到4808亿元新台币，较去年同期增长10%。\
             公司董事长刘德音表示，人工智慧需求强劲。",
            "分析师认为，这是两千年以来最好的季度之一。",
        ],
    );
    let store = Store::open_in_memory().unwrap();
    let cx = Context::load(store.conn(), jieba()).unwrap();
    let t = analyse_article(&cx, &traditional);
    let s = analyse_article(&cx, &simplified);
    // The same findings…
    let spans = |a: &ArticleSuggestions| {
        a.claims
            .iter()
            .map(|c| (c.paragraph, c.start, c.end, (c.score * 1000.0) as i64))
            .collect::<Vec<_>>()
    };
    assert!(!s.claims.is_empty());
    assert_eq!(spans(&t), spans(&s));
    let codes =
        |a: &ArticleSuggestions| a.topics.iter().map(|x| x.code.clone()).collect::<Vec<_>>();
    assert_eq!(codes(&t), codes(&s));
    assert_eq!(t.sentiment.label, s.sentiment.label);
    assert_eq!(t.keywords.len(), s.keywords.len());
    assert_eq!(t.entities.len(), s.entities.len());
    // …given back in the article's own script.
    assert_eq!(t.title, traditional.title);
    for c in &t.claims {
        let p = traditional
            .paragraphs
            .iter()
            .find(|p| p.id == c.paragraph)
            .unwrap();
        assert!(p.text.contains(&c.text), "{} not in {}", c.text, p.text);
    }
    let whole = format!(
        "{}\n{}\n{}",
        traditional.title, traditional.paragraphs[0].text, traditional.paragraphs[1].text
    );
    for w in t.keywords.iter().chain(t.entities.iter().map(|e| &e.text)) {
        assert!(
            whole.contains(w.as_str()),
            "{w} is not written in the article"
        );
    }
    assert!(t.keywords.iter().any(|k| k == "新台幣"), "{:?}", t.keywords);
}
