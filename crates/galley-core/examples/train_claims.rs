//! Trains the check-worthiness model shipped in `assets/language/claim-model.tsv`.
//!
//! ```sh
//! cargo run --release -p galley-core --example train_claims
//! ```
//!
//! Data: the project's own labelled sentences, `assets/language/claims-train/*.tsv`
//! (`1|0<TAB>sentence`, written for Galley and released under CC0; see the header of each file).
//! Sentences in Traditional script are converted to Simplified for analysis, as at run time.
//!
//! Split: a fixed SipHash of each sentence sends 1 in 5 to development, used to choose the
//! regularisation C; the final model is refit on every line. The test sets (`claims-test.tsv`,
//! `claims-test2.tsv`, written by writers who wrote no training line) are scored once at the end
//! and never used for a choice.
//!
//! Model: logistic regression (the two-class case of the shared softmax trainer) over
//! `galley_core::language::claim_model::features`: the sentence's words and word pairs and the
//! score of the rules in `language::claims`.

use std::path::Path;

use galley_core::language::claim_model::features;
use galley_core::language::linear::Model;
use galley_core::language::{claims, script, shared_segmenter};

#[path = "common/lbfgs.rs"]
mod lbfgs;
#[path = "common/softmax.rs"]
mod softmax;
use softmax::{choose_and_refit, is_dev, Doc};

const MIN_DF: u32 = 2;
const PRUNE: f64 = 0.01;
const CS: [f64; 6] = [1.0, 3.0, 10.0, 30.0, 100.0, 300.0];

/// `(label, sentence in Simplified script)` of every labelled line of a file.
fn read_lines(path: &Path) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (label, s) = l.split_once('\t')?;
            let y = match label.trim() {
                "1" => 1,
                "0" => 0,
                _ => return None,
            };
            Some((y, script::to_simplified(s.trim()).into_owned()))
        })
        .collect()
}

fn doc((y, s): &(usize, String)) -> Doc {
    let raw = claims::rules(s, None).raw;
    Doc {
        y: *y,
        x: features(shared_segmenter(), s, raw),
        dev: is_dev(s),
    }
}

/// Recall on claims and the share of non-claims flagged.
fn score(model: &Model, docs: &[&Doc]) -> (f64, f64) {
    let (mut tp, mut pos, mut fp, mut neg) = (0, 0, 0, 0);
    for d in docs {
        let p = model
            .classify(&d.x)
            .into_iter()
            .find(|s| s.code == "1")
            .map_or(0.0, |s| s.probability);
        let flagged = p >= claims::MODEL_THRESHOLD;
        if d.y == 1 {
            pos += 1;
            tp += usize::from(flagged);
        } else {
            neg += 1;
            fp += usize::from(flagged);
        }
    }
    (tp as f64 / pos.max(1) as f64, fp as f64 / neg.max(1) as f64)
}

fn main() {
    let assets = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/language");
    let mut files: Vec<_> = std::fs::read_dir(assets.join("claims-train"))
        .expect("claims-train")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let docs: Vec<Doc> = files
        .iter()
        .flat_map(|f| read_lines(f))
        .map(|l| doc(&l))
        .collect();
    let dev = docs.iter().filter(|d| d.dev).count();
    eprintln!(
        "{} sentences ({} training, {} development)",
        docs.len(),
        docs.len() - dev,
        dev
    );
    let codes = ["0".to_owned(), "1".to_owned()];
    let key = |c: f64, model: &Model, dev: &[&Doc]| {
        let (recall, flagged) = score(model, dev);
        eprintln!("C = {c}: development recall {recall:.3}, non-claims flagged {flagged:.3}");
        recall - flagged
    };
    let path = assets.join("claim-model.tsv");
    let model = choose_and_refit(&docs, &codes, (&CS, MIN_DF, PRUNE), key, &path);
    for test in ["claims-test.tsv", "claims-test2.tsv"] {
        let path = assets.join(test);
        if path.exists() {
            let lines = read_lines(&path);
            let docs: Vec<Doc> = lines.iter().map(doc).collect();
            let (recall, flagged) = score(&model, &docs.iter().collect::<Vec<_>>());
            eprintln!("{test}: recall {recall:.3}, non-claims flagged {flagged:.3}");
            let rules = |y: usize| {
                let of: Vec<_> = lines.iter().filter(|l| l.0 == y).collect();
                let hit = of
                    .iter()
                    .filter(|l| claims::rules(&l.1, None).is_claim())
                    .count();
                hit as f64 / of.len().max(1) as f64
            };
            eprintln!(
                "  (the rules alone: recall {:.3}, non-claims flagged {:.3})",
                rules(1),
                rules(0)
            );
        }
    }
}
