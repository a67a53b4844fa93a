//! Traditional and Simplified Chinese. Text is analysed in Simplified script (converted with
//! OpenCC's dictionaries through `ferrous-opencc`), and stored and shown as written: the
//! analysis maps what it found back to the original text by position.
//!
//! Conversion keeps positions when it keeps the number of characters, which it does for
//! nearly all text (OpenCC converts character for character and phrase for phrase of the same
//! length); a paragraph whose length would change is analysed as written.

use std::borrow::Cow;
use std::sync::LazyLock;

use ferrous_opencc::config::BuiltinConfig;
use ferrous_opencc::OpenCC;
use rustc_hash::FxHashSet;

/// The Traditional to Simplified converter, built once (its dictionaries are compiled in).
static T2S: LazyLock<Option<OpenCC>> = LazyLock::new(|| {
    OpenCC::from_config(BuiltinConfig::T2s)
        .map_err(|e| tracing::warn!(%e, "no Traditional to Simplified conversion"))
        .ok()
});

/// The characters the converter changes when they stand alone. A text with none of them is
/// Simplified (or shared by both scripts) and is analysed as written without converting it,
/// which is most of what a mainland desk imports.
static CHANGING: LazyLock<FxHashSet<char>> = LazyLock::new(|| {
    let Some(t2s) = T2S.as_ref() else {
        return FxHashSet::default();
    };
    let candidates: Vec<char> = ('\u{80}'..='\u{FFFF}')
        .chain('\u{20000}'..='\u{2FA1F}')
        .filter(|c| !c.is_whitespace())
        .collect();
    // One character a line: no phrase of the dictionaries spans a line break.
    let lines: String = candidates.iter().flat_map(|&c| [c, '\n']).collect();
    let converted = t2s.convert(&lines);
    candidates
        .iter()
        .zip(converted.split('\n'))
        .filter(|(c, line)| line.chars().ne(std::iter::once(**c)))
        .map(|(c, _)| *c)
        .collect()
});

/// Builds the converter now (it takes a moment), off the thread that needs it first (see
/// [`super::warm_up`]).
pub(crate) fn warm_up() {
    LazyLock::force(&CHANGING);
}

/// `text` in Simplified script with the same number of characters, each at the same place;
/// borrowed when nothing changes (Simplified text, or a conversion that would move characters).
pub fn to_simplified(text: &str) -> Cow<'_, str> {
    if text.is_ascii() || !text.chars().any(|c| CHANGING.contains(&c)) {
        return Cow::Borrowed(text);
    }
    let Some(t2s) = T2S.as_ref() else {
        return Cow::Borrowed(text);
    };
    let converted = t2s.convert(text);
    if converted == text || converted.chars().count() != text.chars().count() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(converted)
    }
}

/// The characters of `original` at `[start, end)` (code points): what a span found in the
/// converted text covers in the text as written.
pub fn slice(original: &str, start: usize, end: usize) -> String {
    original
        .chars()
        .skip(start)
        .take(end.saturating_sub(start))
        .collect()
}

/// The text as written at the first place `word` occurs in `converted` (the same text in
/// Simplified script); `word` itself when it does not occur there.
pub fn as_written(original: &str, converted: &str, word: &str) -> String {
    if original.len() == converted.len() && original == converted {
        return word.to_owned();
    }
    match converted.find(word) {
        Some(byte) => {
            let start = converted[..byte].chars().count();
            slice(original, start, start + word.chars().count())
        }
        None => word.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traditional_text_is_converted_in_place() {
        let t = "據《科技日報》報道，台積電營收創歷史新高，兩千名員工參與。";
        let s = to_simplified(t);
        assert_eq!(
            s,
            "据《科技日报》报道，台积电营收创历史新高，两千名员工参与。"
        );
        assert_eq!(s.chars().count(), t.chars().count());
        assert_eq!(as_written(t, &s, "营收"), "營收");
        assert_eq!(slice(t, 1, 7), "《科技日報》");
    }

    #[test]
    fn simplified_and_mixed_text_is_borrowed_or_converted_alone() {
        let s = "我国首次高压力纯氢管道试验取得成功。";
        assert!(matches!(to_simplified(s), Cow::Borrowed(_)));
        assert!(matches!(to_simplified("GDP 5%"), Cow::Borrowed(_)));
        // Supplementary-plane characters and emoji keep their places.
        let t = "吉𠮷野家😀說：價格上漲";
        let c = to_simplified(t);
        assert_eq!(c, "吉𠮷野家😀说：价格上涨");
        assert_eq!(as_written(t, &c, "上涨"), "上漲");
    }

    #[test]
    fn the_characters_that_change_are_traditional_ones() {
        for c in ['據', '報', '價', '漲', '兩', '萬'] {
            assert!(CHANGING.contains(&c), "{c}");
        }
        for c in ['据', '报', '价', '涨', '两', '万', '的', '𠮷', '。', 'é'] {
            assert!(!CHANGING.contains(&c), "{c}");
        }
        assert!(CHANGING.len() > 2_000, "{}", CHANGING.len());
    }
}
