//! Trains the topic model shipped in `assets/language/topic-model.tsv`.
//!
//! ```sh
//! cargo run --release -p galley-core --example train_topics
//! ```
//!
//! Data: the project's own labelled lines, `assets/language/topics-train/*.tsv`
//! (`code<TAB>title<TAB>body`, written for Galley by seven writers and released under CC0; see
//! the header of each file). Nothing else is read, so the model may be shipped.
//!
//! Split: a fixed SipHash of each line's title sends 1 in 5 to development, used to choose the
//! regularisation C; the final model is refit on every line. The test sets
//! (`topics-test.tsv`: headlines, `topics-test-articles.tsv`: headlines and articles, both
//! written by writers who wrote no training line) are scored once at the end and never used for
//! a choice.
//!
//! Model: multinomial logistic regression (softmax, L2, fitted to convergence with L-BFGS) over
//! the features of `galley_core::language::topic_model::features` seen in at least `MIN_DF`
//! training lines. Weights under `PRUNE` in every topic are dropped from the file.

use std::collections::HashMap;
use std::path::Path;

use galley_core::language::shared_segmenter;
use galley_core::language::topic_model::{features, Model};
use galley_core::language::topics::{suggest, Taxonomy};
use galley_core::Store;

#[path = "common/lbfgs.rs"]
mod lbfgs;
#[path = "common/softmax.rs"]
mod softmax;
use softmax::{choose_and_refit, is_dev, Doc};

const MIN_DF: u32 = 2;
const PRUNE: f64 = 0.02;
/// The regularisation strengths tried on development lines.
const CS: [f64; 6] = [3.0, 10.0, 30.0, 100.0, 300.0, 1000.0];

/// `(code, title, body)` of every labelled line of a file; `code<TAB>text` lines have no body.
fn read_lines(path: &Path) -> Vec<(String, String, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| {
            let mut c = l.split('\t');
            let code = c.next()?.trim().to_owned();
            let title = c.next()?.trim().to_owned();
            let body = c.next().unwrap_or("").trim().to_owned();
            code.starts_with("medtop:").then_some((code, title, body))
        })
        .collect()
}

fn training_lines(assets: &Path) -> Vec<(String, String, String)> {
    let mut files: Vec<_> = std::fs::read_dir(assets.join("topics-train"))
        .expect("topics-train")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    files.iter().flat_map(|f| read_lines(f)).collect()
}

/// Top-1 and top-3 accuracy of a model on labelled lines.
fn score(model: &Model, lines: &[(String, String, String)]) -> (f64, f64) {
    let jieba = shared_segmenter();
    let (mut top1, mut top3) = (0, 0);
    for (code, title, body) in lines {
        let ranked = model.classify(&features(jieba, title, body));
        top1 += usize::from(&ranked[0].code == code);
        top3 += usize::from(ranked.iter().take(3).any(|s| &s.code == code));
    }
    let n = lines.len().max(1) as f64;
    (top1 as f64 / n, top3 as f64 / n)
}

/// Top-1, top-3 and no-topic shares of the taxonomy's trigger words alone (a subject counts as
/// its top-level topic), for comparison.
fn trigger_words(lines: &[(String, String, String)]) -> (f64, f64, f64) {
    let store = Store::open_in_memory().expect("store");
    let tax = Taxonomy::load(store.conn()).expect("taxonomy");
    let top = |code: &str| -> String {
        let t = tax.topics.iter().find(|t| t.code == code).expect("topic");
        let parent = t
            .parent_id
            .and_then(|p| tax.topics.iter().find(|x| x.id == p));
        parent.unwrap_or(t).code.clone()
    };
    let (mut t1, mut t3, mut none) = (0, 0, 0);
    for (code, title, body) in lines {
        let got: Vec<String> = suggest(&tax, title, body, 3)
            .iter()
            .map(|s| top(&s.code))
            .collect();
        t1 += usize::from(got.first() == Some(code));
        t3 += usize::from(got.contains(code));
        none += usize::from(got.is_empty());
    }
    let n = lines.len().max(1) as f64;
    (t1 as f64 / n, t3 as f64 / n, none as f64 / n)
}

fn main() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/language");
    let lines = training_lines(&assets);
    let mut codes: Vec<String> = lines.iter().map(|l| l.0.clone()).collect();
    codes.sort();
    codes.dedup();
    let index: HashMap<&str, usize> = codes
        .iter()
        .enumerate()
        .map(|(i, c)| (c.as_str(), i))
        .collect();
    let jieba = shared_segmenter();
    let docs: Vec<Doc> = lines
        .iter()
        .map(|(code, title, body)| Doc {
            y: index[code.as_str()],
            x: features(jieba, title, body),
            dev: is_dev(title),
        })
        .collect();
    let dev: Vec<(String, String, String)> =
        lines.iter().filter(|l| is_dev(&l.1)).cloned().collect();
    eprintln!(
        "{} lines ({} training, {} development), {} topics",
        docs.len(),
        docs.len() - dev.len(),
        dev.len(),
        codes.len()
    );
    let key = |c: f64, model: &Model, _: &[&Doc]| {
        let (t1, t3) = score(model, &dev);
        eprintln!("C = {c}: development top-1 {t1:.3}, top-3 {t3:.3}");
        t1
    };
    let path = assets.join("topic-model.tsv");
    let model = choose_and_refit(&docs, &codes, (&CS, MIN_DF, PRUNE), key, &path);
    let tsv = model.to_tsv();
    let started = std::time::Instant::now();
    let parsed = Model::parse(&tsv);
    eprintln!(
        "parsed again in {:?} ({} features)",
        started.elapsed(),
        parsed.len()
    );
    for test in ["topics-test.tsv", "topics-test-articles.tsv"] {
        let path = assets.join(test);
        if path.exists() {
            let lines = read_lines(&path);
            let (t1, t3) = score(&model, &lines);
            eprintln!("{test}: top-1 {t1:.3}, top-3 {t3:.3}");
            let (t1, t3, none) = trigger_words(&lines);
            eprintln!("  (trigger words alone: top-1 {t1:.3}, top-3 {t3:.3}, no topic {none:.3})");
        }
    }
}
