//! Multinomial logistic regression (softmax, L2, fitted with L-BFGS) over named features, for
//! the trainers of the topic and claim models (`train_topics`, `train_claims`): shared by `#[path]`.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};
use std::path::Path;

use galley_core::language::linear::{softmax, Model};

use super::lbfgs::lbfgs;

/// Whether a line goes to development (1 in 5), by a SipHash of its text with fixed zero keys:
/// stable across runs and machines.
pub fn is_dev(text: &str) -> bool {
    #[allow(deprecated)]
    let mut h = std::hash::SipHasher::new();
    text.hash(&mut h);
    h.finish().is_multiple_of(5)
}

/// One labelled example: class index, features, and whether it is held for development.
pub struct Doc {
    pub y: usize,
    pub x: Vec<(String, f32)>,
    pub dev: bool,
}

/// A fitted model over the vocabulary: weights `[feature][topic]` and biases.
pub struct Fit {
    pub w: Vec<f64>,
    pub b: Vec<f64>,
}

pub fn fit(docs: &[&Doc], vocab: &HashMap<String, usize>, k: usize, c: f64) -> Fit {
    let rows: Vec<(usize, Vec<(usize, f64)>)> = docs
        .iter()
        .map(|d| {
            let ix =
                d.x.iter()
                    .filter_map(|(f, v)| vocab.get(f).map(|&i| (i, *v as f64)))
                    .collect();
            (d.y, ix)
        })
        .collect();
    let nw = vocab.len() * k;
    let f_and_g = |x: &[f64], g: &mut [f64]| -> f64 {
        g.iter_mut().for_each(|v| *v = 0.0);
        let mut loss = 0.0;
        let mut z = vec![0.0; k];
        for (y, ix) in &rows {
            z.copy_from_slice(&x[nw..]);
            for &(i, v) in ix {
                for (t, zt) in z.iter_mut().enumerate() {
                    *zt += x[i * k + t] * v;
                }
            }
            let p = softmax(&z);
            loss -= p[*y].max(1e-300).ln();
            for t in 0..k {
                let d = p[t] - if t == *y { 1.0 } else { 0.0 };
                for &(i, v) in ix {
                    g[i * k + t] += d * v;
                }
                g[nw + t] += d;
            }
        }
        for i in 0..nw {
            loss += x[i] * x[i] / (2.0 * c);
            g[i] += x[i] / c;
        }
        loss
    };
    let mut x = vec![0.0f64; nw + k];
    lbfgs(&mut x, f_and_g, 500);
    Fit {
        w: x[..nw].to_vec(),
        b: x[nw..].to_vec(),
    }
}

pub fn to_model(fit: &Fit, vocab: &HashMap<String, usize>, codes: &[String], prune: f64) -> Model {
    let k = codes.len();
    let weights = vocab
        .iter()
        .filter_map(|(f, &i)| {
            let w = &fit.w[i * k..(i + 1) * k];
            w.iter()
                .any(|v| v.abs() >= prune)
                .then(|| (f.clone(), w.iter().map(|&v| v as f32).collect()))
        })
        .collect();
    Model::from_parts(
        codes.to_vec(),
        fit.b.iter().map(|&v| v as f32).collect(),
        weights,
    )
}

pub fn vocabulary(docs: &[&Doc], min_df: u32) -> HashMap<String, usize> {
    let mut df: HashMap<&str, u32> = HashMap::new();
    for d in docs {
        for (f, _) in &d.x {
            *df.entry(f).or_default() += 1;
        }
    }
    let mut keys: Vec<&str> = df
        .into_iter()
        .filter(|(_, n)| *n >= min_df)
        .map(|(f, _)| f)
        .collect();
    keys.sort();
    keys.into_iter()
        .enumerate()
        .map(|(i, f)| (f.to_owned(), i))
        .collect()
}

/// For each C of `cs`, fits on the training documents and scores the model on the development
/// ones with `key` (which prints its figures); refits on every document with the best C, writes
/// the model file to `path` and says what was chosen.
pub fn choose_and_refit(
    docs: &[Doc],
    codes: &[String],
    (cs, min_df, prune): (&[f64], u32, f64),
    key: impl Fn(f64, &Model, &[&Doc]) -> f64,
    path: &Path,
) -> Model {
    let train: Vec<&Doc> = docs.iter().filter(|d| !d.dev).collect();
    let dev: Vec<&Doc> = docs.iter().filter(|d| d.dev).collect();
    let vocab = vocabulary(&train, min_df);
    let mut best = (f64::NEG_INFINITY, cs[0]);
    for &c in cs {
        let model = to_model(&fit(&train, &vocab, codes.len(), c), &vocab, codes, prune);
        let k = key(c, &model, &dev);
        if k > best.0 {
            best = (k, c);
        }
    }
    let all: Vec<&Doc> = docs.iter().collect();
    let vocab = vocabulary(&all, min_df);
    let model = to_model(
        &fit(&all, &vocab, codes.len(), best.1),
        &vocab,
        codes,
        prune,
    );
    let tsv = model.to_tsv();
    std::fs::write(path, &tsv).expect("write model");
    eprintln!(
        "chosen C = {}; {} features, {} bytes",
        best.1,
        model.len(),
        tsv.len()
    );
    model
}
