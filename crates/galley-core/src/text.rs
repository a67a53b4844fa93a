//! Small text helpers shared by every layer: CJK predicates, the words of the search index,
//! and SHA-256 in hex (how texts are recognised).

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

/// Words for the full-text index: jieba's search-mode cut (short words inside long ones too),
/// lower-cased, punctuation and spaces dropped, joined by single spaces.
pub fn search_tokens(jieba: &Jieba, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 2);
    for token in jieba.cut_for_search(text, true) {
        let w = token.word.trim();
        if w.is_empty() || !w.chars().any(char::is_alphanumeric) {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
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
}
