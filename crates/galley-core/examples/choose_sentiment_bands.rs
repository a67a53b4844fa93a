//! Chooses where the tone labels fall ([`Bands`]): how strong a sentence's score must be to be
//! polar, and below what score a sentence with no tone word is neutral; and how much an
//! emoticon weighs ([`EMOTICON_WEIGHT`]). The label an editor sees is scored on four
//! development sets written for the choice, never trained on: `sentiment-polar-dev.tsv`
//! (clearly positive or negative texts), `sentiment-neutral-dev.tsv` (neutral texts),
//! `sentiment-posts-dev.tsv` (social-media and forum posts, both) and
//! `sentiment-company-dev.tsv` (company and market news, both). The issue's targets are
//! polar texts labelled with their side ≥ 0.80 and neutral texts neutral ≥ 0.60. Of the choices
//! keeping [`NEUTRAL_FLOOR`] of the neutral texts of each set neutral (a margin over the
//! target: the development texts are cleaner than real ones), the one labelling the most polar
//! texts right (the mean over the three sets with polar texts) is kept (see [`choose`]). The test sets are scored by
//! `galley eval`, never here.
//!
//! ```sh
//! cargo run --release -p galley-core --example choose_sentiment_bands
//! ```

use galley_core::language::emoticons;
use galley_core::language::sentences;
use galley_core::language::sentiment::{
    combined_logit, in_band, tone_probability, Bands, Label, BANDS, EMOTICON_WEIGHT, SCORE_SCALE,
};

/// The share of neutral development texts that must stay neutral.
const NEUTRAL_FLOOR: f64 = 0.8;
/// The bands and emoticon weights tried.
const TONE: [f64; 12] = [
    0.3, 0.4, 0.5, 0.6, 0.7, 0.75, 0.8, 0.85, 0.9, 0.93, 0.96, 0.98,
];
const STRONG: [f64; 6] = [0.4, 0.5, 0.6, 0.7, 0.8, 1.01];
const WEIGHTS: [f32; 5] = [0.5, 1.0, 1.5, 2.0, 3.0];

/// What the label of a sentence is computed from under each choice.
struct Scored {
    /// The log-odds without the emoticons.
    base: f32,
    /// The emoticons' summed tone.
    marks: f32,
    /// How likely the sentence is to take a side.
    tone: f64,
}

/// One choice tried.
#[derive(Clone, Copy)]
struct Choice {
    bands: Bands,
    weight: f32,
}

impl Choice {
    fn label(self, s: &Scored) -> (Label, f64) {
        let z = s.base + self.weight * s.marks;
        let score = (z as f64 / SCORE_SCALE).tanh();
        let label = self.bands.sentence(score, s.tone);
        (label, in_band(score, label))
    }
}

/// A labelled text's sentences as the shipped model reads them.
struct Example {
    gold: Label,
    sentences: Vec<Scored>,
}

fn scored(jieba: &jieba_rs::Jieba, text: &str) -> Scored {
    let (z, _, _) = combined_logit(jieba, text);
    let marks = emoticons::marks(&text.to_lowercase());
    let tone = emoticons::tone(&marks);
    Scored {
        base: z - EMOTICON_WEIGHT * tone,
        marks: tone,
        tone: tone_probability(jieba, text),
    }
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
                .map(|s| scored(jieba, &s.text))
                .collect(),
        })
        .collect()
}

/// The label an editor sees for the text under this choice (as `sentiment::aggregate`).
fn shown(choice: Choice, e: &Example) -> Label {
    if e.sentences.is_empty() {
        return Label::Neutral;
    }
    let labelled: Vec<(Label, f64)> = e.sentences.iter().map(|s| choice.label(s)).collect();
    let count = |l: Label| labelled.iter().filter(|x| x.0 == l).count();
    let mean = labelled.iter().map(|s| s.1).sum::<f64>() / labelled.len() as f64;
    choice
        .bands
        .article(count(Label::Positive), count(Label::Negative), mean)
}

/// The share of examples (of those `which` keeps) whose shown label is their gold label.
fn rate(choice: Choice, examples: &[Example], which: impl Fn(Label) -> bool) -> f64 {
    let kept: Vec<&Example> = examples.iter().filter(|e| which(e.gold)).collect();
    let right = kept.iter().filter(|e| shown(choice, e) == e.gold).count();
    right as f64 / kept.len().max(1) as f64
}

fn polar(l: Label) -> bool {
    matches!(l, Label::Positive | Label::Negative)
}

fn neutral(l: Label) -> bool {
    l == Label::Neutral
}

/// (polar right: the mean over the sets with polar texts; neutral right: the lowest over the
/// sets with neutral texts).
fn rates(choice: Choice, sets: &[Vec<Example>; 4]) -> (f64, f64) {
    let [polar_dev, neutral_dev, posts, company] = sets;
    let p = [polar_dev, posts, company]
        .iter()
        .map(|set| rate(choice, set, polar))
        .sum::<f64>()
        / 3.0;
    let n = [neutral_dev, posts, company]
        .iter()
        .map(|set| rate(choice, set, neutral))
        .fold(f64::MAX, f64::min);
    (p, n)
}

/// Of the choices keeping [`NEUTRAL_FLOOR`], the one labelling the most polar texts right; on a
/// tie, the one keeping the most neutral texts neutral, then the lightest emoticon weight.
fn choose(tried: Vec<(Choice, f64, f64)>) -> Option<(Choice, f64, f64)> {
    tried
        .into_iter()
        .filter(|t| t.2 >= NEUTRAL_FLOOR)
        .max_by(|x, y| {
            x.1.total_cmp(&y.1)
                .then(x.2.total_cmp(&y.2))
                .then(y.0.weight.total_cmp(&x.0.weight))
        })
}

fn main() {
    let jieba = galley_core::language::segmenter();
    let sets = [
        read(&jieba, "sentiment-polar-dev.tsv"),
        read(&jieba, "sentiment-neutral-dev.tsv"),
        read(&jieba, "sentiment-posts-dev.tsv"),
        read(&jieba, "sentiment-company-dev.tsv"),
    ];
    println!(
        "{} polar, {} neutral, {} posts and {} company-news development texts",
        sets[0].len(),
        sets[1].len(),
        sets[2].len(),
        sets[3].len()
    );
    let shipped = Choice {
        bands: BANDS,
        weight: EMOTICON_WEIGHT,
    };
    let (a, n) = rates(shipped, &sets);
    println!(
        "shipped tone {:.2} strong {:.2} emoticon {:.1}: polar right {a:.3}, neutral right {n:.3}",
        BANDS.tone, BANDS.strong, EMOTICON_WEIGHT
    );
    let mut tried = Vec::new();
    for p in TONE {
        for q in STRONG {
            for weight in WEIGHTS {
                let choice = Choice {
                    bands: Bands { tone: p, strong: q },
                    weight,
                };
                let (a, b) = rates(choice, &sets);
                println!(
                    "tone {p:.2} strong {q:.2} emoticon {weight:.1}: polar right {a:.3}, neutral right {b:.3}"
                );
                tried.push((choice, a, b));
            }
        }
    }
    // A choice that only ties the shipped one is no reason to change it.
    let (c, a, n) = match choose(tried) {
        Some(best) if (best.1, best.2) != (a, n) => best,
        _ => (shipped, a, n),
    };
    println!(
        "chosen: tone {:.2} strong {:.2} emoticon {:.1} (polar right {a:.3}, neutral right {n:.3})",
        c.bands.tone, c.bands.strong, c.weight
    );
    for (name, choice) in [("shipped", shipped), ("chosen", c)] {
        let each: Vec<String> = sets
            .iter()
            .zip(["polar", "neutral", "posts", "company"])
            .map(|(set, set_name)| {
                let p = rate(choice, set, polar);
                let n = rate(choice, set, neutral);
                format!("{set_name} {p:.3}/{n:.3}")
            })
            .collect();
        println!("{name}, polar/neutral right per set: {}", each.join(", "));
    }
}
