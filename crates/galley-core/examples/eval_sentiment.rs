//! Accuracy of the shipped sentiment model on labelled TSV files (`pos|neg<TAB>text`), with the
//! shipped lexicon weights and a range of news-tone weights around them, and the model's load
//! time. With `SHOW_WRONG=1` it also prints the lines it gets wrong, with their log-odds.
//!
//! ```sh
//! cargo run --release -p galley-core --example eval_sentiment -- crates/galley-core/assets/language/sentiment-heldout.tsv crates/galley-core/assets/language/sentiment-news-test.tsv
//! ```

use std::time::Instant;

use galley_core::language::sentiment::{
    analyse_sentence, combined_logit, lexicon_parts_text, MODEL,
};

fn main() {
    let t = Instant::now();
    let n = MODEL.len();
    println!(
        "model: {n} weights, parsed in {:.1} ms; lexicon weights: review words {}, news tone words {}",
        t.elapsed().as_secs_f64() * 1e3,
        MODEL.lexicon_weight,
        MODEL.news_weight
    );
    let jieba = galley_core::language::segmenter();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        // Throughput of the per-sentence analysis (one thread), after a warm-up pass.
        let lines: Vec<&str> = text
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(_, t)| t)
            .collect();
        let bytes: usize = lines.iter().map(|t| t.len()).sum();
        for t in &lines {
            std::hint::black_box(analyse_sentence(&jieba, t));
        }
        let t0 = Instant::now();
        for t in &lines {
            std::hint::black_box(analyse_sentence(&jieba, t));
        }
        println!(
            "{path}: analyse_sentence {:.1} MiB/s",
            bytes as f64 / t0.elapsed().as_secs_f64() / (1024.0 * 1024.0)
        );
        // (label, combined log-odds, model + review-word part, news part)
        let rows: Vec<(bool, f32, f32, f32)> = text
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .map(|(label, t)| {
                let (z, _, _) = combined_logit(&jieba, t);
                let (_, news) = lexicon_parts_text(&jieba, &t.to_lowercase());
                (label == "pos", z, z - MODEL.news_weight * news, news)
            })
            .collect();
        let ok = rows.iter().filter(|(y, z, _, _)| (*z >= 0.0) == *y).count();
        if std::env::var_os("SHOW_WRONG").is_some() {
            for ((y, z, _, _), t) in rows.iter().zip(&lines) {
                if (*z >= 0.0) != *y {
                    println!("  wrong: {} {z:+.2} {t}", if *y { "pos" } else { "neg" });
                }
            }
        }
        println!(
            "{path}: {ok}/{} = {:.4} (shipped)",
            rows.len(),
            ok as f64 / rows.len() as f64
        );
        for w in [0.0f32, 0.5, 1.0, 2.0, 3.0] {
            let ok = rows
                .iter()
                .filter(|(y, _, rest, news)| (rest + w * news >= 0.0) == *y)
                .count();
            println!(
                "  news tone weight {w}: {ok}/{} = {:.4}",
                rows.len(),
                ok as f64 / rows.len() as f64
            );
        }
    }
}
