//! Small text helpers shared by every layer: CJK predicates, the words of the search index,
//! and SHA-256 in hex (how texts are recognised).

use std::borrow::Cow;

use jieba_rs::Jieba;

/// CJK ideographs (all planes), CJK punctuation and full-width forms.
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3000..=0x303F   // CJK symbols and punctuation
        | 0x3400..=0x4DBF // Extension A
        | 0x4E00..=0x9FFF // Unified ideographs
        | 0xF900..=0xFAFF // Compatibility ideographs
        | 0xFF00..=0xFFEF // Full-width forms
        | 0x20000..=0x3FFFF // Extensions B..H (𠮷 lives here)
    ) || is_cjk_quote(c)
}

/// Curly quotes as used in Chinese text.
pub fn is_cjk_quote(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '‘' | '’' | '《' | '》' | '「' | '」' | '『' | '』'
    )
}

/// Sentence-final punctuation in Chinese text.
pub fn is_sentence_end(c: char) -> bool {
    matches!(c, '。' | '！' | '？' | '!' | '?' | '…')
}

/// Number of Unicode scalar values (code points) in `s`: the unit of stored offsets.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// [`char::is_alphanumeric`], answered without the Unicode tables for ASCII, for the
/// ideographs of the basic CJK block (all of them letters) and for Chinese punctuation, which
/// are most of Galley's text.
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        ('\u{4E00}'..='\u{9FFF}').contains(&c) || (!is_cjk_punctuation(c) && c.is_alphanumeric())
    }
}

/// The punctuation of Chinese text (dashes, quotes and the ellipsis; the ideographic comma,
/// full stop and brackets; the full-width comma, colon, semicolon, marks and parentheses):
/// neither letters nor digits, answered without the Unicode tables.
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c,
        '\u{2010}'..='\u{2027}'
        | '\u{3001}'..='\u{3002}'
        | '\u{3008}'..='\u{301B}'
        | '！' | '（' | '）' | '，' | '：' | '；' | '？')
}

/// [`char::is_alphabetic`], answered as quickly as [`is_alphanumeric`].
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        ('\u{4E00}'..='\u{9FFF}').contains(&c) || (!is_cjk_punctuation(c) && c.is_alphabetic())
    }
}

/// [`char::is_numeric`], answered without the Unicode tables for ASCII and for the ideographs
/// of the basic CJK block (none of them numeric: 七 and 萬 are letters to Unicode).
pub fn is_numeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        !('\u{4E00}'..='\u{9FFF}').contains(&c) && !is_cjk_punctuation(c) && c.is_numeric()
    }
}

/// Characters that change nothing a reader sees: zero-width space, non-joiner and joiner
/// (U+200B..U+200D), word joiner (U+2060), and the byte order mark / zero-width no-break space
/// (U+FEFF).
pub fn is_zero_width(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

/// The form of a text that content hashes are taken of: NFC, without zero-width characters, so
/// the same words typed or copied differently hash alike. For hashing only; stored text stays as
/// written.
pub fn hash_form(s: &str) -> Cow<'_, str> {
    use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};
    // Most text is in NFC already and has no zero-width character: then it is its own form.
    // ASCII and the basic CJK block are starters whose own quick-check answer is yes, so the
    // check reads past them without the tables. A starter can still compose with a mark after
    // it (e + U+0301), but every such mark answers "maybe" itself and stays in the checked
    // stream, which then takes the full NFC path; and taking out a starter can only make the
    // check answer "maybe" or "no" where it would have said yes, never the other way round.
    let looked_up = s
        .chars()
        .filter(|c| !c.is_ascii() && !('\u{4E00}'..='\u{9FFF}').contains(c));
    if !s.contains(is_zero_width) && is_nfc_quick(looked_up) == IsNormalized::Yes {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.chars().filter(|c| !is_zero_width(*c)).nfc().collect())
}

/// A code-point span `[start, end)` of `s` widened to whole grapheme clusters (user-perceived
/// characters), so it neither starts nor ends inside a combining sequence or an emoji sequence.
/// Offsets past the end are cut to the end.
pub fn snap_to_graphemes(s: &str, start: usize, end: usize) -> (usize, usize) {
    use unicode_segmentation::UnicodeSegmentation;
    let mut bounds = vec![0];
    let mut at = 0;
    for g in s.graphemes(true) {
        at += g.chars().count();
        bounds.push(at);
    }
    let end = end.min(at);
    let start = bounds
        .iter()
        .rev()
        .find(|b| **b <= start)
        .copied()
        .unwrap_or(0);
    let end = bounds.iter().find(|b| **b >= end).copied().unwrap_or(at);
    (start.min(end), end)
}

/// Words for the full-text index: jieba's search-mode cut (short words inside long ones too),
/// lower-cased, punctuation and spaces dropped, joined by single spaces.
pub fn search_tokens(jieba: &Jieba, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for token in jieba.cut_for_search(text, true) {
        let w = token.word.trim();
        if w.is_empty() || !w.chars().any(is_alphanumeric) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        if w.chars().all(lowercase_as_is) {
            // Most Chinese words: copied whole rather than a character at a time.
            out.push_str(w);
        } else {
            out.extend(w.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

/// Whether a character is its own lower case, told without the Unicode tables for the
/// characters of Chinese text: ideographs, CJK punctuation, ASCII other than capitals.
fn lowercase_as_is(c: char) -> bool {
    matches!(c as u32,
        0x00..=0x40 | 0x5B..=0x7F
        | 0x3000..=0x303F
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x3FFFF
    )
}

/// SHA-256 (lower-case hex) of the parts, hashed one after the other as one byte string.
pub fn sha256_hex<'a>(parts: impl IntoIterator<Item = &'a [u8]>) -> String {
    use sha2::{Digest as _, Sha256};
    let mut h = Sha256::new();
    for part in parts {
        h.update(part);
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_said_to_be_their_own_lower_case_are() {
        for c in (0..0x4_0000)
            .filter_map(char::from_u32)
            .filter(|&c| lowercase_as_is(c))
        {
            assert!(c.to_lowercase().eq([c]), "U+{:04X}", c as u32);
        }
        assert!(!lowercase_as_is('A') && !lowercase_as_is('Ａ') && !lowercase_as_is('Ä'));
    }

    #[test]
    fn search_tokens_are_lower_case_words() {
        let j = Jieba::new();
        assert_eq!(
            search_tokens(&j, "Ａ股和NBA的𠮷野家，"),
            "ａ 股 和 nba 的 𠮷 野家"
        );
    }

    #[test]
    fn the_quick_letter_tests_agree_with_the_standard_ones() {
        for c in (0..0x3_0000).filter_map(char::from_u32) {
            assert_eq!(
                is_alphanumeric(c),
                c.is_alphanumeric(),
                "U+{:04X}",
                c as u32
            );
            assert_eq!(is_alphabetic(c), c.is_alphabetic(), "U+{:04X}", c as u32);
            assert_eq!(is_numeric(c), c.is_numeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn recognises_cjk_including_supplementary_planes() {
        assert!(is_cjk('中'));
        assert!(is_cjk('𠮷'));
        assert!(is_cjk('，'));
        assert!(is_cjk('“'));
        assert!(!is_cjk('A'));
        assert!(!is_cjk('7'));
        assert!(!is_cjk('😀'));
    }

    #[test]
    fn counts_code_points_not_bytes_or_utf16_units() {
        assert_eq!(char_len("𠮷野家😀"), 4);
        assert_eq!("𠮷野家😀".encode_utf16().count(), 6);
    }

    #[test]
    fn hash_form_is_nfc_whatever_the_quick_check_skips() {
        use unicode_normalization::UnicodeNormalization;
        let texts = [
            "e\u{301}中文",
            "中\u{301}",
            "a\u{323}\u{302}",
            "a\u{302}中\u{323}",
            "Å中文\u{212B}",
            "\u{F900}豈",
            "한\u{1100}\u{1161}국",
            "𠮷野家😀 Café",
        ];
        for t in texts {
            assert_eq!(hash_form(t), t.nfc().collect::<String>(), "{t:?}");
        }
    }

    #[test]
    fn hash_form_is_nfc_without_zero_width_characters() {
        assert_eq!(hash_form("氢\u{200B}能\u{FEFF}"), "氢能");
        assert_eq!(hash_form("a\u{200C}b\u{200D}c\u{2060}"), "abc");
        assert_eq!(hash_form("e\u{301}"), "\u{E9}");
        assert_eq!(hash_form("\u{E9}"), "\u{E9}");
    }

    #[test]
    fn spans_snap_to_grapheme_boundaries() {
        // "e" + combining acute at 1..3, "家" at 3, a family emoji (ZWJ sequence) at 4..9.
        let s = "xe\u{301}家👨\u{200D}👩\u{200D}👧";
        assert_eq!(snap_to_graphemes(s, 2, 3), (1, 3), "a lone combining mark");
        assert_eq!(snap_to_graphemes(s, 0, 2), (0, 3), "ends inside é");
        assert_eq!(snap_to_graphemes(s, 3, 4), (3, 4));
        assert_eq!(snap_to_graphemes(s, 5, 7), (4, 9), "inside the emoji");
        assert_eq!(snap_to_graphemes(s, 3, 99), (3, 9));
    }
}
