//! Trains the model of whether a sentence takes a side, shipped in
//! `assets/language/subjectivity-model.tsv` (see `galley_core::language::subjectivity`).
//!
//! ```sh
//! cargo run --release -p galley-core --example train_subjectivity
//! ```
//!
//! Data: the project's own sentiment training files, `assets/language/sentiment-train-*.tsv`
//! (`pos|neg|neu<TAB>text`, written for Galley and released under CC0; see the header of each
//! file): positive and negative lines are the class `tone`, neutral lines the class `neu`.
//!
//! Split: a fixed SipHash of each line sends 1 in 5 to development, used to choose the
//! regularisation C (on the mean of the two classes' recall); the final model is refit on every
//! line. The test sets (`sentiment-*-test*.tsv`) are scored once at the end and never used for a
//! choice; the threshold the label uses is chosen with the other bands by
//! `choose_sentiment_bands` on the development sets.
//!
//! Model: logistic regression (the two-class case of the shared softmax trainer) over
//! `galley_core::language::sentiment::subjectivity_features`: the words and word pairs of the
//! text, its tone punctuation, and what the tone lexicon and the emoticons found.

use std::path::{Path, PathBuf};

use galley_core::language::linear::Model;
use galley_core::language::sentiment::subjectivity_features;
use galley_core::language::subjectivity::{NEUTRAL, TONE};

#[path = "common/lbfgs.rs"]
mod lbfgs;
#[path = "common/softmax.rs"]
mod softmax;
use softmax::{choose_and_refit, is_dev, Doc};

const MIN_DF: u32 = 2;
const PRUNE: f64 = 0.01;
const CS: [f64; 8] = [1.0, 3.0, 10.0, 30.0, 100.0, 300.0, 1000.0, 3000.0];

/// `(class, text)` of every labelled line of a file: 1 for `pos`/`neg`, 0 for `neu`.
fn read_lines(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (label, s) = l.split_once('\t')?;
            let y = match label.trim() {
                "pos" | "neg" => 1,
                "neu" => 0,
                _ => return None,
            };
            Some((y, s.trim().to_owned()))
        })
        .collect()
}

fn doc(jieba: &jieba_rs::Jieba, (y, s): &(usize, String)) -> Doc {
    Doc {
        y: *y,
        x: subjectivity_features(jieba, s),
        dev: is_dev(s),
    }
}

/// The files of the assets directory whose names start with `prefix`, in name order.
fn files(assets: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(assets)
        .expect("assets")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with(prefix) && name.ends_with(".tsv")
        })
        .collect();
    files.sort();
    files
}

/// The share of each class called `tone` (probability ≥ 0.5): (neutral, polar).
fn tone_rates(model: &Model, docs: &[&Doc]) -> (f64, f64) {
    let mut called = [0usize; 2];
    let mut of = [0usize; 2];
    for d in docs {
        let p = model
            .classify(&d.x)
            .into_iter()
            .find(|s| s.code == TONE)
            .map_or(0.0, |s| s.probability);
        of[d.y] += 1;
        called[d.y] += usize::from(p >= 0.5);
    }
    let rate = |y: usize| called[y] as f64 / of[y].max(1) as f64;
    (rate(0), rate(1))
}

fn main() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/language");
    let jieba = galley_core::language::segmenter();
    let docs: Vec<Doc> = files(&assets, "sentiment-train-")
        .iter()
        .flat_map(|f| read_lines(f))
        .map(|l| doc(&jieba, &l))
        .collect();
    let dev = docs.iter().filter(|d| d.dev).count();
    let neutral = docs.iter().filter(|d| d.y == 0).count();
    eprintln!(
        "{} texts ({neutral} neutral; {} training, {} development)",
        docs.len(),
        docs.len() - dev,
        dev
    );
    let codes = [NEUTRAL.to_owned(), TONE.to_owned()];
    let key = |c: f64, model: &Model, dev: &[&Doc]| {
        let (neu, tone) = tone_rates(model, dev);
        let balanced = (1.0 - neu + tone) / 2.0;
        eprintln!("C = {c}: development neutral called tone {neu:.3}, polar called tone {tone:.3}, balanced {balanced:.3}");
        balanced
    };
    let path = assets.join("subjectivity-model.tsv");
    let model = choose_and_refit(&docs, &codes, (&CS, MIN_DF, PRUNE), key, &path);
    for test in files(&assets, "sentiment-")
        .into_iter()
        .filter(|p| p.to_string_lossy().contains("-test"))
    {
        let docs: Vec<Doc> = read_lines(&test).iter().map(|l| doc(&jieba, l)).collect();
        let (neu, tone) = tone_rates(&model, &docs.iter().collect::<Vec<_>>());
        eprintln!(
            "{}: neutral called tone {neu:.3}, polar called tone {tone:.3}",
            test.file_name().unwrap_or_default().to_string_lossy()
        );
    }
}
