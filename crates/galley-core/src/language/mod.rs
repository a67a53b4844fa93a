//! Language tools built on jieba-rs. One [`Jieba`] is built per process and shared.
//!
//! One file per concern: the user dictionary, keywords, topics, sentiment (with [`subjectivity`],
//! whether a sentence takes a side), sentences, claims,
//! numbers, entities, and [`suggest`], which runs them all over an article or a digest and
//! stores the results as suggestions for the editor to accept or reject.

pub mod claim_model;
pub mod claims;
pub mod desk_learning;
pub mod desk_model;
pub mod dictionary;
pub mod emoticons;
pub mod entities;
pub mod eval;
pub mod keywords;
pub mod learning;
pub mod linear;
pub mod numbers;
pub mod script;
pub mod segmented;
pub mod sentences;
pub mod sentiment;
pub mod subjectivity;
pub mod suggest;
pub mod textrank;
pub mod topic_model;
pub mod topics;

use std::borrow::Cow;
use std::sync::OnceLock;

use jieba_rs::Jieba;

/// Loads everything the analysers build on first use (the shipped models, the IDF table, the
/// script converter, the cue words), several at a time on all cores; returns when all are
/// loaded. Call it off the UI thread when a window or a server starts, and when a draft of
/// suggestions starts: the first article then does not wait for them. Calling it again,
/// or analysing while it runs, is harmless (each is built once and waited for).
pub fn warm_up() {
    // Heaviest first, so the threads finish about together.
    let loads: [fn(); 8] = [
        topic_model::warm_up,
        script::warm_up,
        keywords::warm_up,
        sentiment::warm_up,
        subjectivity::warm_up,
        claim_model::warm_up,
        claims::warm_up,
        entities::warm_up,
    ];
    crate::parallel::map(&loads, |load| load());
}

/// Builds the segmenter with its default dictionary (about 150 ms: build it once, off the UI thread).
pub fn segmenter() -> Jieba {
    Jieba::new()
}

/// A process-wide segmenter with the default dictionary only (no user terms), built on first
/// use. For tests, tools and read-only analysis; the app keeps its own with the user dictionary.
pub fn shared_segmenter() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(segmenter)
}

/// `text` in lower case, borrowed when it has no capitals: ideographs and lower-case ASCII,
/// most of what the analysers read, are passed over without looking up case tables.
pub fn lower(text: &str) -> Cow<'_, str> {
    if text.chars().all(caseless) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.to_lowercase())
    }
}

/// Whether lower-casing leaves `c` as it is, decided without the case tables for ideographs,
/// CJK punctuation and ASCII (other characters are looked up).
pub(crate) fn caseless(c: char) -> bool {
    match c {
        '\u{0}'..='\u{7F}' => !c.is_ascii_uppercase(),
        '\u{2E80}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{3FFFF}' => true,
        _ => !c.is_uppercase() && c.to_lowercase().eq(std::iter::once(c)),
    }
}

/// Index of `byte` (a char boundary of `text`) in code points.
pub fn cp_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

pub use crate::text::search_tokens;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lower_case_is_borrowed_unless_something_changes() {
        for t in [
            "我国首次试验取得成功。",
            "openai 2026",
            "吉𠮷😀：",
            "ａｂｃ",
        ] {
            assert!(matches!(lower(t), Cow::Borrowed(_)), "{t}");
        }
        for t in ["OpenAI公司", "ＧＤＰ增长", "Ἀθῆναι", "ÉTÉ"] {
            assert_eq!(lower(t), t.to_lowercase());
            assert!(matches!(lower(t), Cow::Owned(_)), "{t}");
        }
    }

    #[test]
    fn search_tokens_drop_punctuation_and_keep_words() {
        let jieba = segmenter();
        let t = search_tokens(&jieba, "我国首次高压力纯氢管道试验成功，OpenAI公司！");
        let words: Vec<&str> = t.split(' ').collect();
        assert!(words.contains(&"管道"), "{t}");
        assert!(words.contains(&"openai"), "{t}");
        assert!(!t.contains('，') && !t.contains('！'), "{t}");
    }
}
