//! Whether a sentence takes a side at all: a logistic regression (a [`Model`] with classes
//! `neu` and `tone`) over the sentence's words, adjacent word pairs, its tone punctuation and
//! what the tone-word lexicon and the emoticons found.
//!
//! The polarity model of [`super::sentiment`] is trained on texts that are either positive or
//! negative, so how far its score is from zero says little about whether a text is neutral:
//! a plain notice can score high and a film comment that makes its verdict without a tone word
//! can score low. This model is trained apart, on the same polar texts against neutral ones
//! (notices, routine news, questions, plans, plot summaries, written for Galley), so that a
//! sentence is shown neutral because it reads neutral, and its side comes from the polarity
//! model. It is trained by `cargo run --release -p galley-core --example train_subjectivity`
//! and parsed once on first use.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::linear::{word_and_pair_keys, Key, Model};

const MODEL_TSV: &str = include_str!("../../assets/language/subjectivity-model.tsv");

/// The shipped model, parsed on first use.
pub static MODEL: LazyLock<Model> = LazyLock::new(|| Model::parse(MODEL_TSV));

/// Loads the model now (see [`super::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&MODEL);
}

/// The class of texts that take a side.
pub const TONE: &str = "tone";
/// The class of neutral texts.
pub const NEUTRAL: &str = "neu";

/// What the tone rules found in a sentence, as the model reads it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Found {
    /// The magnitude of the lexicon's score.
    pub lexicon: f32,
    /// How many tone words the lexicon found.
    pub words: usize,
    /// How many emoticons were found.
    pub marks: usize,
}

/// The feature carrying the lexicon's score magnitude (clamped to 3, over 3).
pub const LEXICON: &str = "=lexicon";
/// The feature carrying the number of tone words found (clamped to 3, over 3).
pub const WORDS: &str = "=words";
/// The feature carrying the number of emoticons (clamped to 3, over 3).
pub const MARKS: &str = "=marks";

/// Punctuation that carries tone, read as words.
const TONE_MARKS: &[&str] = &["!", "！", "?", "？", "…", "……", "~", "～"];

/// The words the model reads among jieba's (of the lower-cased text): with a letter or digit,
/// numbers as `0`, and tone punctuation.
fn model_words<'a>(tokens: &[&'a str]) -> Vec<Cow<'a, str>> {
    tokens
        .iter()
        .map(|t| t.trim())
        .filter(|w| w.chars().any(crate::text::is_alphanumeric) || TONE_MARKS.contains(w))
        .map(|w| {
            if w.chars().all(|c| crate::text::is_numeric(c) || c == '.') {
                Cow::Borrowed("0")
            } else {
                Cow::Borrowed(w)
            }
        })
        .collect()
}

/// The computed features of what the rules found.
fn computed(found: Found) -> [(&'static str, f32); 3] {
    let share = |x: f32| x.min(3.0) / 3.0;
    [
        (LEXICON, share(found.lexicon)),
        (WORDS, share(found.words as f32)),
        (MARKS, share(found.marks as f32)),
    ]
}

/// The model's features of a sentence's tokens (of the lower-cased text) with what the rules
/// found: the distinct words and word pairs (`a_b`), each weighted 1/√n, and the computed
/// features. For the trainer; [`probability`] looks the same features up without naming them.
pub fn features(tokens: &[&str], found: Found) -> Vec<(String, f32)> {
    let words = model_words(tokens);
    let mut names: Vec<String> = words
        .windows(2)
        .map(|p| format!("{}_{}", p[0], p[1]))
        .chain(words.iter().map(|w| w.to_string()))
        .collect();
    names.sort_unstable();
    names.dedup();
    let weight = 1.0 / (names.len().max(1) as f32).sqrt();
    let mut out: Vec<(String, f32)> = names.into_iter().map(|w| (w, weight)).collect();
    out.extend(computed(found).map(|(f, x)| (f.to_owned(), x)));
    out
}

/// [`features`] by the [`Key`] of each name, none built.
fn keyed_features(tokens: &[&str], found: Found) -> Vec<(u64, f32)> {
    let mut out = word_and_pair_keys(&model_words(tokens));
    out.extend(computed(found).map(|(f, x)| (Key::of(&[f]), x)));
    out
}

/// The probability that a sentence takes a side, from its tokens (of the lower-cased text)
/// and what the rules found.
pub fn probability(tokens: &[&str], found: Found) -> f64 {
    MODEL.probability_keyed(&keyed_features(tokens, found), TONE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::shared_segmenter;

    fn p(text: &str) -> f64 {
        let lower = text.to_lowercase();
        let tokens: Vec<&str> = shared_segmenter()
            .cut(&lower, false)
            .iter()
            .map(|t| t.word)
            .collect();
        probability(&tokens, Found::default())
    }

    #[test]
    fn the_model_is_loaded_with_two_classes() {
        assert_eq!(MODEL.codes, [NEUTRAL, TONE]);
        assert!(MODEL.len() > 500, "{}", MODEL.len());
    }

    #[test]
    fn a_notice_reads_neutral_and_a_verdict_without_tone_words_does_not() {
        let notice = p("公司将于3月18日召开2025年年度股东大会，审议利润分配方案。");
        let verdict = p("两个小时坐下来，我只记住了片尾那首歌，钱算是白花了。");
        assert!(notice < 0.5, "{notice}");
        assert!(verdict > 0.5, "{verdict}");
    }

    #[test]
    fn the_keyed_features_are_the_named_ones() {
        let tokens = ["股价", "又", "跌", "了", "！", "12.5"];
        let named = features(&tokens, Found::default());
        let keyed = keyed_features(&tokens, Found::default());
        assert_eq!(named.len(), keyed.len());
        for (name, x) in &named {
            let k = Key::of(&[name]);
            assert!(keyed.iter().any(|(kk, xx)| *kk == k && xx == x), "{name}");
        }
    }
}
