//! Sentence splitting for Chinese news text, with code-point offsets.
//!
//! A sentence ends at 。！？ (and ! ? …… ；is not an end), after any closing quotes or
//! brackets that follow (“…。”林咏华说。 splits after ”). An ASCII full stop ends a sentence
//! when it stands between CJK text (…的监控.6月8日… — a PDF-extraction slip), but not inside a
//! number (6.3兆帕) or a Latin word (v1.2, e.g.).

use serde::Serialize;

/// One sentence of a paragraph: `[start, end)` in code points of the paragraph text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sentence {
    /// The first code point of the sentence.
    pub start: usize,
    /// The code point just past the sentence.
    pub end: usize,
    /// The sentence's text.
    pub text: String,
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F
        | 0x3000..=0x303F | 0xFF00..=0xFFEF)
}

fn is_closer(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | ')' | '》' | '】' | '"' | '\''
    )
}

fn is_terminal(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

/// Splits `text` into sentences. Whitespace between sentences is not part of either; the
/// offsets always index `text` itself.
pub fn split(text: &str) -> Vec<Sentence> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    let n = chars.len();
    while i < n {
        let c = chars[i];
        let mut end_here = None;
        if is_terminal(c) {
            let mut j = i + 1;
            // "……", "？！"
            while j < n && is_terminal(chars[j]) {
                j += 1;
            }
            while j < n && is_closer(chars[j]) {
                j += 1;
            }
            end_here = Some(j);
        } else if c == '.' && i > 0 && i + 1 < n {
            let prev = chars[i - 1];
            let next = chars[i + 1];
            // Between CJK (or a CJK closer) and CJK or a digit starting a new sentence.
            let prev_cjk = is_cjk(prev) || matches!(prev, '”' | '）' | '》');
            let next_ok = is_cjk(next) || (next.is_ascii_digit() && is_cjk(prev));
            if prev_cjk && next_ok {
                end_here = Some(i + 1);
            }
        }
        if let Some(j) = end_here {
            push(&chars, start, j, &mut out);
            start = j;
            i = j;
        } else {
            i += 1;
        }
    }
    push(&chars, start, n, &mut out);
    out
}

fn push(chars: &[char], mut start: usize, mut end: usize, out: &mut Vec<Sentence>) {
    while start < end && chars[start].is_whitespace() {
        start += 1;
    }
    while end > start && chars[end - 1].is_whitespace() {
        end -= 1;
    }
    if start < end {
        out.push(Sentence {
            start,
            end,
            text: chars[start..end].iter().collect(),
        });
    }
}

/// The code-point `[start, end)` of `text` as a string slice.
pub fn slice_cp(text: &str, start: usize, end: usize) -> &str {
    let mut it = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()));
    let b0 = it.nth(start).unwrap_or(text.len());
    let b1 = if end > start {
        it.nth(end - start - 1).unwrap_or(text.len())
    } else {
        b0
    };
    &text[b0..b1]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(s: &str) -> Vec<String> {
        split(s).into_iter().map(|s| s.text).collect()
    }

    #[test]
    fn quotes_close_with_their_sentence() {
        insta::assert_debug_snapshot!(texts("“所以，数据开源的问题日益受到广泛关注。”林咏华说。它会是趋势吗？是的！"), @r###"
        [
            "“所以，数据开源的问题日益受到广泛关注。”",
            "林咏华说。",
            "它会是趋势吗？",
            "是的！",
        ]
        "###);
    }

    #[test]
    fn ascii_full_stop_between_cjk_splits_but_not_in_numbers() {
        insta::assert_debug_snapshot!(texts("不再需要安全员的监控.6月8日，完成了6.3兆帕测试.今年5月，Waymo v1.2计划扩大。"), @r###"
        [
            "不再需要安全员的监控.",
            "6月8日，完成了6.3兆帕测试.",
            "今年5月，Waymo v1.2计划扩大。",
        ]
        "###);
    }

    #[test]
    fn offsets_are_code_points_even_with_astral_characters() {
        let p = "𠮷野家开业。😀好吃！";
        let s = split(p);
        assert_eq!(s.len(), 2);
        assert_eq!((s[0].start, s[0].end), (0, 6));
        assert_eq!((s[1].start, s[1].end), (6, 10));
        assert_eq!(slice_cp(p, s[1].start, s[1].end), "😀好吃！");
        assert_eq!(slice_cp(p, 0, 1), "𠮷");
    }

    #[test]
    fn trailing_text_without_a_stop_is_a_sentence() {
        assert_eq!(
            texts("第一句。 第二句没有句号"),
            vec!["第一句。", "第二句没有句号"]
        );
    }
}
