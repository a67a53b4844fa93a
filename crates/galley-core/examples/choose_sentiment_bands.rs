//! Chooses where the tone labels fall ([`Bands`]): how strong a sentence's score must be to be
//! polar, and below what score a sentence with no tone word is neutral. The label an editor
//! sees is scored on two development sets written for the choice, never trained on:
//! `sentiment-polar-dev.tsv` (clearly positive or negative texts) and
//! `sentiment-neutral-dev.tsv` (neutral texts). The issue's targets are polar texts labelled
//! with their side ≥ 0.80 and neutral texts neutral ≥ 0.60; the bands kept label the most
//! polar texts right while keeping [`NEUTRAL_FLOOR`] of the neutral ones neutral (a margin
//! over the target: the development texts are cleaner than real ones). The test sets are
//! scored by `galley eval`, never here.
//!
//! ```sh
//! cargo run --release -p galley-core --example choose_sentiment_bands
//! ```

use galley_core::language::sentences;
use galley_core::language::sentiment::{
    analyse_sentence, has_tone_words, Bands, Label, Sentiment, BANDS,
};

/// The share of neutral development texts that must stay neutral.
const NEUTRAL_FLOOR: f64 = 0.8;
/// The bands tried.
const POLAR: [f64; 6] = [0.15, 0.2, 0.25, 0.3, 0.35, 0.45];
const PLAIN: [f64; 6] = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7];

/// A labelled text's sentences as the shipped model reads them: (score, tone words found).
struct Example {
    gold: Label,
    sentences: Vec<(f64, bool)>,
}

fn read(jieba: &jieba_rs::Jieba, name: &str) -> Vec<Example> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/assets/language/").to_owned() + name;
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t'))
        .map(|(label, text)| Example {
            gold: match label {
                "pos" => Label::Positive,
                "neg" => Label::Negative,
                "neu" => Label::Neutral,
                other => panic!("{name}: label {other}"),
            },
            sentences: text
                .lines()
                .flat_map(sentences::split)
                .map(|s| analyse_sentence(jieba, &s.text))
                .map(|s: Sentiment| (s.score, has_tone_words(&s)))
                .collect(),
        })
        .collect()
}

/// The label an editor sees for the text under these bands (as `sentiment::aggregate`).
fn shown(bands: Bands, e: &Example) -> Label {
    if e.sentences.is_empty() {
        return Label::Neutral;
    }
    let labels: Vec<Label> = e
        .sentences
        .iter()
        .map(|&(score, words)| bands.sentence(score, words))
        .collect();
    let count = |l: Label| labels.iter().filter(|&&x| x == l).count();
    let mean = e.sentences.iter().map(|s| s.0).sum::<f64>() / e.sentences.len() as f64;
    bands.article(count(Label::Positive), count(Label::Negative), mean)
}

/// The share of examples whose shown label is their gold label.
fn rate(bands: Bands, examples: &[Example]) -> f64 {
    let right = examples
        .iter()
        .filter(|e| shown(bands, e) == e.gold)
        .count();
    right as f64 / examples.len().max(1) as f64
}

fn main() {
    let jieba = galley_core::language::segmenter();
    let polar = read(&jieba, "sentiment-polar-dev.tsv");
    let neutral = read(&jieba, "sentiment-neutral-dev.tsv");
    println!(
        "{} polar and {} neutral development texts",
        polar.len(),
        neutral.len()
    );
    let shipped = (BANDS, rate(BANDS, &polar), rate(BANDS, &neutral));
    println!(
        "shipped polar {:.2} plain {:.2}: polar right {:.3}, neutral right {:.3}",
        BANDS.polar, BANDS.plain, shipped.1, shipped.2
    );
    let mut tried = Vec::new();
    for p in POLAR {
        for q in PLAIN {
            let bands = Bands { polar: p, plain: q };
            let (a, b) = (rate(bands, &polar), rate(bands, &neutral));
            println!("polar {p:.2} plain {q:.2}: polar right {a:.3}, neutral right {b:.3}");
            tried.push((bands, a, b));
        }
    }
    let (b, a, n) = tried
        .into_iter()
        .filter(|t| t.2 >= NEUTRAL_FLOOR)
        .max_by(|x, y| x.1.total_cmp(&y.1).then(x.2.total_cmp(&y.2)))
        .unwrap_or(shipped);
    println!(
        "chosen: polar {:.2} plain {:.2} (polar right {a:.3}, neutral right {n:.3})",
        b.polar, b.plain
    );
}
