//! Accuracy of the shipped sentiment model on labelled TSV files (`pos|neg<TAB>text`), for a
//! range of lexicon weights: how `LEXICON_WEIGHT` was chosen.
//!
//! ```sh
//! cargo run --release -p galley-core --example eval_sentiment -- crates/galley-core/assets/language/sentiment-heldout.tsv crates/galley-core/assets/language/sentiment-news.tsv
//! ```

use galley_core::language::sentiment::{combined_logit, MODEL};

fn main() {
    let jieba = galley_core::language::segmenter();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let rows: Vec<(bool, f32, f32)> = text
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(label, t)| {
                let (_, m, lex) = combined_logit(&jieba, t);
                (label == "pos", m, lex.score)
            })
            .collect();
        for w in [0.0f32, 0.3, 0.6, 1.0, 1.5, 2.0, 3.0] {
            let ok = rows
                .iter()
                .filter(|(y, m, l)| (m + w * l >= 0.0) == *y)
                .count();
            let mark = if (w - MODEL.lexicon_weight).abs() < 1e-6 {
                " (shipped)"
            } else {
                ""
            };
            println!(
                "{path}: lexicon weight {w}: {ok}/{} = {:.4}{mark}",
                rows.len(),
                ok as f64 / rows.len() as f64
            );
        }
    }
}
