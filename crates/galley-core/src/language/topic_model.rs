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

use std::borrow::Cow;
use std::sync::LazyLock;

use jieba_rs::Jieba;
use rustc_hash::FxHashMap;

use super::keywords::stop_words;
pub use super::linear::{softmax, Key, Model, Scored};
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

/// Loads the model now (see [`super::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&MODEL);
}

/// The words of a text that count: lower case, no punctuation, digits, spaces or stop words.
pub fn words(jieba: &Jieba, text: &str) -> Vec<String> {
    counted(segmented::cut(jieba, text).into_iter())
        .map(Cow::into_owned)
        .collect()
}

/// The words that count among jieba's words of a text (see [`words`]).
fn counted<'a>(
    tokens: impl Iterator<Item = &'a str> + 'a,
) -> impl Iterator<Item = Cow<'a, str>> + 'a {
    let stop = stop_words();
    tokens
        .map(|w| super::lower(w.trim()))
        .filter(|w| w.chars().any(crate::text::is_alphabetic))
        .filter(move |w| !stop.contains(w.as_ref()))
}

/// Hands each pair of adjacent letters (lower case) within each run of letters to `count`, as
/// the pieces of its name: 湖人，詹姆斯 gives 湖人, 詹姆 and 姆斯, not 人詹.
fn letter_pairs(text: &str, count: &mut impl FnMut(&[&str], bool)) {
    let mut previous: Option<char> = None;
    let (mut a, mut b) = ([0u8; 4], [0u8; 4]);
    let mut step = |c: char| {
        if !crate::text::is_alphabetic(c) {
            previous = None;
            return;
        }
        if let Some(p) = previous {
            count(&[CHARS, p.encode_utf8(&mut a), c.encode_utf8(&mut b)], true);
        }
        previous = Some(c);
    };
    // Lower case a character at a time, as `str::to_lowercase` does but for a final sigma,
    // which only a whole text can tell.
    if text.contains('Σ') {
        super::lower(text).chars().for_each(step);
        return;
    }
    for c in text.chars() {
        if super::caseless(c) {
            step(c);
        } else {
            c.to_lowercase().for_each(&mut step);
        }
    }
}

/// Hands every feature occurrence of an article to `count`, as the pieces of its name and
/// whether it is a letter pair: one definition for the trainer's names and the model's keys.
fn each_feature(
    title_words: &[&str],
    body_words: &[&str],
    title: &str,
    body: &str,
    count: &mut impl FnMut(&[&str], bool),
) {
    for w in counted(title_words.iter().copied()) {
        count(&[TITLE, &w], false);
        count(&[&w], false);
    }
    for w in counted(body_words.iter().copied()) {
        count(&[&w], false);
    }
    for part in [title, body] {
        letter_pairs(part, count);
    }
}

/// The features from their counts: 1 + ln n each (letter pairs at [`CHARS_WEIGHT`]), the
/// vector L2-normalised, in the order of their keys (the sum must not depend on hash order).
fn weighted<K: Ord>(counts: FxHashMap<K, (f32, bool)>) -> Vec<(K, f32)> {
    let mut out: Vec<(K, f32)> = counts
        .into_iter()
        .map(|(k, (n, pair))| {
            let scale = if pair { CHARS_WEIGHT } else { 1.0 };
            (k, scale * (1.0 + n.ln()))
        })
        .collect();
    out.sort_unstable_by(|a, b| a.0.cmp(&b.0)); // the keys are distinct
    let norm = out.iter().map(|(_, v)| v * v).sum::<f32>().sqrt().max(1e-6);
    out.iter_mut().for_each(|(_, v)| *v /= norm);
    out
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
    tallied((title_words, body_words), title, body, |pieces| {
        pieces.concat()
    })
}

/// [`features_of`] as the model looks them up: by the [`Key`] of each name, none built.
fn keyed_features(
    title_words: &[&str],
    body_words: &[&str],
    title: &str,
    body: &str,
) -> Vec<(u64, f32)> {
    tallied((title_words, body_words), title, body, Key::of)
}

/// The weighted features of an article, each named by `key` from its pieces.
fn tallied<K: Ord + std::hash::Hash>(
    (title_words, body_words): (&[&str], &[&str]),
    title: &str,
    body: &str,
    key: impl Fn(&[&str]) -> K,
) -> Vec<(K, f32)> {
    let mut counts: FxHashMap<K, (f32, bool)> = FxHashMap::default();
    each_feature(title_words, body_words, title, body, &mut |pieces, pair| {
        counts.entry(key(pieces)).or_insert((0.0, pair)).0 += 1.0;
    });
    weighted(counts)
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
    MODEL.classify_keyed(&keyed_features(title_words, body_words, title, body))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::shared_segmenter;

    #[test]
    fn letter_pairs_lower_case_as_the_whole_text_would() {
        let pairs = |text: &str| {
            let mut out = Vec::new();
            letter_pairs(text, &mut |p: &[&str], _| out.push(p.concat()));
            out
        };
        let whole = |text: &str| {
            let lower: Vec<char> = text.to_lowercase().chars().collect();
            let mut out = Vec::new();
            for w in lower.windows(2) {
                if w.iter().all(|&c| c.is_alphabetic()) {
                    out.push(format!("{CHARS}{}{}", w[0], w[1]));
                }
            }
            out
        };
        for text in [
            "湖人NBA季后赛",
            "İstanbul 开幕",
            "ΟΔΟΣ 希腊",
            "Ǆemal，ABC！湖人",
        ] {
            assert_eq!(pairs(text), whole(text), "{text}");
        }
    }

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
    fn the_model_scores_the_same_from_keys_as_from_names() {
        let j = shared_segmenter();
        for (t, b) in [
            ("湖人加时险胜勇士", "詹姆斯砍下三双，湖人晋级。湖人主场。"),
            ("𠮷野家 iPhone 新品😀", "Apple 发布 iPhone，售价 5999 元。"),
        ] {
            let (tw, bw) = (segmented::cut(j, t), segmented::cut(j, b));
            let by_name = MODEL.classify(&features_of(&tw, &bw, t, b));
            let by_key = MODEL.classify_keyed(&keyed_features(&tw, &bw, t, b));
            assert_eq!(by_name.len(), by_key.len());
            for (x, y) in by_name.iter().zip(&by_key) {
                assert_eq!((&x.code, &x.words), (&y.code, &y.words), "{t}");
                assert!((x.probability - y.probability).abs() < 1e-5, "{t}");
            }
        }
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
