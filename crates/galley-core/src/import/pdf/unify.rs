//! Radicals back to ideographs. A CJK font draws a radical and the ideograph of the same
//! shape with one glyph; a PDF's ToUnicode map that was built from the font's cmap may name
//! the radical (`⾸` U+2F38, `⻓` U+2ED3) where the text had the ideograph (`首`, `长`).
//! Chromium's Type 3 fonts from Noto CJK do this. Only radical code points are changed; full-
//! width punctuation and letters are left as printed.

use unicode_normalization::UnicodeNormalization;

/// CJK Radicals Supplement forms that stand for a whole character in running text, with
/// their equivalent ideographs (Unicode's EquivalentUnifiedIdeograph data).
const SUPPLEMENT: &[(char, char)] = &[
    ('⺁', '厂'),
    ('⺌', '小'),
    ('⺍', '小'),
    ('⺟', '母'),
    ('⺠', '民'),
    ('⺩', '王'),
    ('⺬', '示'),
    ('⺼', '月'),
    ('⻁', '虎'),
    ('⻄', '西'),
    ('⻅', '见'),
    ('⻆', '角'),
    ('⻉', '贝'),
    ('⻊', '足'),
    ('⻋', '车'),
    ('⻑', '長'),
    ('⻓', '长'),
    ('⻔', '门'),
    ('⻗', '雨'),
    ('⻘', '青'),
    ('⻙', '韦'),
    ('⻚', '页'),
    ('⻛', '风'),
    ('⻜', '飞'),
    ('⻝', '食'),
    ('⻢', '马'),
    ('⻣', '骨'),
    ('⻤', '鬼'),
    ('⻥', '鱼'),
    ('⻦', '鸟'),
    ('⻧', '卤'),
    ('⻨', '麦'),
    ('⻩', '黄'),
    ('⻪', '黾'),
    ('⻫', '斉'),
    ('⻬', '齐'),
    ('⻭', '歯'),
    ('⻮', '齿'),
    ('⻯', '竜'),
    ('⻰', '龙'),
    ('⻱', '龜'),
    ('⻲', '亀'),
    ('⻳', '龟'),
];

/// A glyph's text with radicals replaced by their ideographs: the Kangxi Radicals block
/// (U+2F00–U+2FD5) by its compatibility mapping, the supplement by [`SUPPLEMENT`].
pub fn unify(text: &str) -> String {
    text.chars().map(ideograph).collect()
}

fn ideograph(c: char) -> char {
    match c {
        '\u{2F00}'..='\u{2FD5}' => c.nfkc().next().unwrap_or(c),
        '\u{2E80}'..='\u{2EF3}' => SUPPLEMENT
            .iter()
            .find(|(r, _)| *r == c)
            .map_or(c, |(_, i)| *i),
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::unify;

    #[test]
    fn radicals_become_ideographs_and_nothing_else_changes() {
        assert_eq!(unify("⾸次"), "首次");
        assert_eq!(unify("江⼝港创同期新⾼"), "江口港创同期新高");
        assert_eq!(unify("⻓丰新能源汽⻋"), "长丰新能源汽车");
        assert_eq!(unify("（来源：⽯桥融媒）"), "（来源：石桥融媒）");
        assert_eq!(unify("，。：“”ＡＢ１"), "，。：“”ＡＢ１");
    }
}
