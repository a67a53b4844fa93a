//! The trained check-worthiness model: a logistic regression (a [`Model`] with classes `0` and
//! `1`) over a sentence's words, adjacent word pairs and the rule score of [`super::claims`].
//!
//! The rules find figures, dates, rankings, relations, sources, questions and hedges; the model
//! learns from labelled sentences how much they count and what else tells a checkable statement
//! from an opinion, a forum call or a writer's own spending. It is trained by
//! `cargo run --release -p galley-core --example train_claims` from the project's own labelled
//! sentences (`assets/language/claims-train/*.tsv`, written for Galley, CC0) and parsed once on
//! first use. Sentences are analysed in Simplified script.

use std::borrow::Cow;
use std::sync::LazyLock;

use jieba_rs::Jieba;

use super::linear::{word_and_pair_keys, Key, Model};
use super::segmented;

const MODEL_TSV: &str = include_str!("../../assets/language/claim-model.tsv");

/// The feature carrying the rule score (raw / 4, clamped).
pub const RULES: &str = "=rules";
/// The feature marking a digit in the sentence (ASCII or full-width: １９１２).
pub const DIGIT: &str = "=digit";

/// The shipped model, parsed on first use.
pub static MODEL: LazyLock<Model> = LazyLock::new(|| Model::parse(MODEL_TSV));

/// Loads the model now (see [`super::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&MODEL);
}

/// The model's features of a sentence (Simplified script) whose rules scored `raw`.
pub fn features(jieba: &Jieba, sentence: &str, raw: f64) -> Vec<(String, f32)> {
    features_of(&segmented::cut(jieba, sentence), sentence, raw)
}

/// [`features`] from the sentence's words (see [`segmented`]).
pub fn features_of(tokens: &[&str], sentence: &str, raw: f64) -> Vec<(String, f32)> {
    let distinct = words_of(tokens);
    let weight = 1.0 / (distinct.len().max(1) as f32).sqrt();
    let mut out: Vec<(String, f32)> = distinct.into_iter().map(|w| (w, weight)).collect();
    out.extend(computed(sentence, raw).map(|(f, x)| (f.to_owned(), x)));
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The computed features: the rule score, and whether the sentence has a digit.
fn computed(sentence: &str, raw: f64) -> impl Iterator<Item = (&'static str, f32)> {
    let rules = (RULES, (raw.clamp(-6.0, 10.0) / 4.0) as f32);
    let digit = sentence
        .chars()
        .any(crate::text::is_numeric)
        .then_some((DIGIT, 1.0));
    std::iter::once(rules).chain(digit)
}

/// [`features_of`] as the model looks them up, by the [`Key`] of each name, none built:
/// computed once for [`probability_keyed`] and, if it is a claim, [`explained_keyed`].
pub fn keys(tokens: &[&str], sentence: &str, raw: f64) -> Vec<(u64, f32)> {
    let mut out = word_and_pair_keys(&model_words(tokens));
    out.extend(computed(sentence, raw).map(|(f, x)| (Key::of(&[f]), x)));
    out
}

/// The distinct words of a sentence (Simplified script) and its adjacent word pairs
/// (`word_word`), lower case, numbers as `0`: what the model and the desk's corrections read.
pub fn words(jieba: &Jieba, sentence: &str) -> Vec<String> {
    words_of(&segmented::cut(jieba, sentence))
}

/// The words the model reads among jieba's: with a letter or digit, lower case, numbers as `0`.
fn model_words<'a>(tokens: &[&'a str]) -> Vec<Cow<'a, str>> {
    tokens
        .iter()
        .map(|t| t.trim())
        .filter(|w| w.chars().any(crate::text::is_alphanumeric))
        .map(|w| {
            if w.chars().all(crate::text::is_numeric) {
                Cow::Borrowed("0")
            } else {
                super::lower(w)
            }
        })
        .collect()
}

/// [`words`] from the sentence's words as jieba cut them.
pub fn words_of(tokens: &[&str]) -> Vec<String> {
    let words = model_words(tokens);
    let pairs = words.windows(2).map(|p| format!("{}_{}", p[0], p[1]));
    let mut out: Vec<String> = pairs.collect();
    out.extend(words.into_iter().map(Cow::into_owned));
    out.sort_unstable();
    out.dedup();
    out
}

/// Probability that a sentence is worth checking, and the words that pushed it up most.
pub fn probability(jieba: &Jieba, sentence: &str, raw: f64) -> (f64, Vec<String>) {
    explained_keyed(&keys(&segmented::cut(jieba, sentence), sentence, raw))
}

/// The probability that a sentence is worth checking, from its [`keys`].
pub fn probability_keyed(features: &[(u64, f32)]) -> f64 {
    MODEL.probability_keyed(features, "1")
}

/// [`probability`] from the sentence's [`keys`].
pub fn explained_keyed(features: &[(u64, f32)]) -> (f64, Vec<String>) {
    MODEL.explain_keyed(features, "1")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::shared_segmenter;

    #[test]
    fn the_model_is_loaded_with_two_classes() {
        assert_eq!(MODEL.codes, ["0", "1"]);
        assert!(MODEL.len() > 500, "{}", MODEL.len());
    }

    #[test]
    fn the_model_reads_claims_without_digits_and_passes_over_forum_calls() {
        use crate::language::claims::score;
        let j = shared_segmenter();
        for s in [
            "朱棣文曾在斯坦福大学当老师。",
            "泰坦尼克号于1912年4月10日展开处女航。",
            "该岛面积约七万平方公里，是全国第二大岛。",
        ] {
            let w = score(j, s, None);
            assert!(w.is_claim(), "{s}: {w:?}");
            assert!(w.reasons[0].starts_with("模型 "), "{w:?}");
        }
        for s in [
            "启动了，下周必上100",
            "花了我55块钱看一个超长的MV",
            "我觉得这部电影真的很好看。",
        ] {
            let w = score(j, s, None);
            assert!(!w.is_claim(), "{s}: {w:?}");
        }
    }

    #[test]
    fn the_model_scores_the_same_from_keys_as_from_names() {
        let j = shared_segmenter();
        for s in [
            "朱棣文曾在斯坦福大学任教2年。",
            "我觉得 iPhone 15 真的很好看！",
            "𠮷野家于2019年在北京开了3家店😀",
        ] {
            let tokens = segmented::cut(j, s);
            let by_name = MODEL.classify(&features_of(&tokens, s, 2.0));
            let by_key = MODEL.classify_keyed(&keys(&tokens, s, 2.0));
            assert_eq!(by_name, by_key, "{s}");
        }
    }

    #[test]
    fn features_carry_the_rule_score_digits_words_and_pairs() {
        let f = features(shared_segmenter(), "朱棣文曾在斯坦福大学任教2年", 3.0);
        let has = |k: &str| f.iter().any(|(x, _)| x == k);
        assert!(has(RULES) && has(DIGIT) && has("曾") && has("0"), "{f:?}");
        assert!(f.iter().any(|(k, _)| k.contains('_')), "{f:?}");
    }
}
