//! The trained topic model: a multinomial logistic regression over the IPTC top-level topics.
//!
//! Features ([`features`]) are the article's jieba words (Simplified script, lower case, stop
//! words and punctuation dropped), each weighted 1 + ln n for n mentions, the title's words
//! again as `t:` features, so a headline alone is enough, and pairs of adjacent letters (lower
//! case, within a run of letters) as `c:` features at half weight (names and words jieba cuts
//! apart: 湖人, 詹姆斯); the vector is L2-normalised. The
//! model (`assets/language/topic-model.tsv`) is trained by
//! `cargo run --release -p galley-core --example train_topics` from the project's own labelled
//! lines (`assets/language/topics-train/*.tsv`, written for Galley, CC0) and parsed once, off
//! the UI thread, on first use.
//!
//! [`classify`] gives every topic its probability and the words that weighed most for it; the
//! suggester combines that with the taxonomy's trigger words and what the desk taught.

use std::sync::LazyLock;

use jieba_rs::Jieba;
use rustc_hash::FxHashMap;

use super::keywords::stop_words;
pub use super::linear::{softmax, Model, Scored};
use super::segmented;

const MODEL_TSV: &str = include_str!("../../assets/language/topic-model.tsv");

/// Prefix of the features made from the title.
pub const TITLE: &str = "t:";
/// Prefix of the character pairs (they cover names and words jieba does not know).
pub const CHARS: &str = "c:";
/// Weight of a character pair against a word.
const CHARS_WEIGHT: f32 = 0.5;

/// The shipped model, parsed on first use.
pub static MODEL: LazyLock<Model> = LazyLock::new(|| Model::parse(MODEL_TSV));

/// The words of a text that count: lower case, no punctuation, digits, spaces or stop words.
pub fn words(jieba: &Jieba, text: &str) -> Vec<String> {
    counted(segmented::cut(jieba, text).into_iter()).collect()
}

/// The words that count among jieba's words of a text (see [`words`]).
fn counted<'a>(tokens: impl Iterator<Item = &'a str> + 'a) -> impl Iterator<Item = String> + 'a {
    let stop = stop_words();
    tokens
        .map(|w| super::lower(w.trim()).into_owned())
        .filter(|w| w.chars().any(char::is_alphabetic))
        .filter(move |w| !stop.contains(w.as_str()))
}

/// Counts the pairs of adjacent letters (lower case) within each run of letters: 湖人，詹姆斯
/// gives 湖人, 詹姆 and 姆斯, not 人詹.
fn letter_pairs(text: &str, counts: &mut FxHashMap<String, f32>) {
    let mut key = String::with_capacity(CHARS.len() + 8);
    let mut previous: Option<char> = None;
    for c in super::lower(text).chars() {
        if !c.is_alphabetic() {
            previous = None;
            continue;
        }
        if let Some(p) = previous {
            key.clear();
            key.push_str(CHARS);
            key.push(p);
            key.push(c);
            match counts.get_mut(key.as_str()) {
                Some(n) => *n += 1.0,
                None => {
                    counts.insert(key.clone(), 1.0);
                }
            }
        }
        previous = Some(c);
    }
}

/// The model's features of an article (title and body in Simplified script).
pub fn features(jieba: &Jieba, title: &str, body: &str) -> Vec<(String, f32)> {
    let title_words = segmented::cut(jieba, title);
    let body_words = segmented::cut(jieba, body);
    features_of(&title_words, &body_words, title, body)
}

/// [`features`] from jieba's words of the title and of the body (see [`segmented`]).
pub fn features_of(
    title_words: &[&str],
    body_words: &[&str],
    title: &str,
    body: &str,
) -> Vec<(String, f32)> {
    let mut counts: FxHashMap<String, f32> = FxHashMap::default();
    for w in counted(title_words.iter().copied()) {
        *counts.entry(format!("{TITLE}{w}")).or_default() += 1.0;
        *counts.entry(w).or_default() += 1.0;
    }
    for w in counted(body_words.iter().copied()) {
        *counts.entry(w).or_default() += 1.0;
    }
    for part in [title, body] {
        letter_pairs(part, &mut counts);
    }
    let mut out: Vec<(String, f32)> = counts
        .into_iter()
        .map(|(k, n)| {
            let scale = if k.starts_with(CHARS) {
                CHARS_WEIGHT
            } else {
                1.0
            };
            (k, scale * (1.0 + n.ln()))
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0)); // first: the sum below must not depend on hash order
    let norm = out.iter().map(|(_, v)| v * v).sum::<f32>().sqrt().max(1e-6);
    out.iter_mut().for_each(|(_, v)| *v /= norm);
    out
}

/// The shipped model's topics for an article, best first.
pub fn classify(jieba: &Jieba, title: &str, body: &str) -> Vec<Scored> {
    MODEL.classify(&features(jieba, title, body))
}

/// [`classify`] from jieba's words of the title and of the body.
pub fn classify_of(
    title_words: &[&str],
    body_words: &[&str],
    title: &str,
    body: &str,
) -> Vec<Scored> {
    MODEL.classify(&features_of(title_words, body_words, title, body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::shared_segmenter;

    #[test]
    fn the_model_is_loaded_and_compact() {
        assert_eq!(MODEL.codes.len(), 17, "{:?}", MODEL.codes);
        assert!(MODEL.len() > 1000, "{} features", MODEL.len());
        assert!(MODEL_TSV.len() < 8_000_000, "{} bytes", MODEL_TSV.len());
    }

    #[test]
    fn the_model_file_round_trips() {
        let again = Model::parse(&MODEL.to_tsv());
        assert_eq!(again.codes, MODEL.codes);
        assert_eq!(again.len(), MODEL.len());
    }

    #[test]
    fn features_count_title_words_twice_and_are_normalised() {
        let f = features(
            shared_segmenter(),
            "湖人加时险胜勇士",
            "詹姆斯砍下三双，湖人晋级。",
        );
        let norm: f32 = f.iter().map(|(_, v)| v * v).sum();
        assert!((norm - 1.0).abs() < 1e-4);
        assert!(f.iter().any(|(k, _)| k == "t:勇士"), "{f:?}");
        assert!(f.iter().any(|(k, _)| k == "c:湖人"), "{f:?}");
        assert!(
            !f.iter().any(|(k, _)| k == "c:双湖"),
            "pairs stop at punctuation: {f:?}"
        );
        assert!(!f.iter().any(|(k, _)| k == "，" || k == "的"), "{f:?}");
    }

    #[test]
    fn context_decides_between_homographs() {
        let j = shared_segmenter();
        let top = |t: &str, b: &str| classify(j, t, b)[0].code.clone();
        assert_eq!(
            top(
                "火箭主场击败湖人",
                "火箭队后卫全场拿下32分，球队取得三连胜。"
            ),
            "medtop:15000000"
        );
        assert_eq!(
            top(
                "长征火箭成功发射三颗卫星",
                "火箭在酒泉卫星发射中心升空，卫星顺利进入预定轨道。"
            ),
            "medtop:13000000"
        );
    }

    #[test]
    fn every_topic_gets_a_probability_and_reasons_name_words() {
        let s = classify(shared_segmenter(), "央行下调存款准备金率", "");
        assert_eq!(s.len(), 17);
        let total: f64 = s.iter().map(|x| x.probability).sum();
        assert!((total - 1.0).abs() < 1e-9);
        assert_eq!(s[0].code, "medtop:04000000");
        assert!(!s[0].words.is_empty());
    }
}
