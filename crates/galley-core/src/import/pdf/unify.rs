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
/// (U+2F00–U+2FD5) by its compatibility mapping, the supplement by `SUPPLEMENT`.
pub fn unify(text: &str) -> String {
    text.chars().map(ideograph).collect()
}

/// Whether a glyph's text names a Kangxi radical: its compatibility mapping is the
/// traditional form (`⼾` → `戶`), which a Simplified Chinese font draws as `户`.
pub fn is_kangxi(text: &str) -> bool {
    text.chars().any(|c| ('\u{2F00}'..='\u{2FD5}').contains(&c))
}

/// On a page in Simplified Chinese, the ideographs read from Kangxi radicals (the glyphs at
/// `radicals`) in their simplified form: the font drew `户`, not `戶`. A page is taken to be
/// Simplified when at most one in a hundred of its other ideographs has a simplified form.
pub fn simplify_radicals(texts: &mut [String], radicals: &[usize]) {
    if radicals.is_empty() {
        return;
    }
    let mut seen: std::collections::HashMap<char, bool> = std::collections::HashMap::new();
    let mut traditional = 0usize;
    let mut ideographs = 0usize;
    for (i, t) in texts.iter().enumerate() {
        if radicals.binary_search(&i).is_ok() {
            continue;
        }
        for c in t
            .chars()
            .filter(|&c| crate::text::is_cjk(c) && c.is_alphabetic())
        {
            ideographs += 1;
            let changes = *seen.entry(c).or_insert_with(|| {
                let s = c.to_string();
                crate::language::script::to_simplified(&s) != s
            });
            traditional += usize::from(changes);
        }
    }
    if traditional * 100 > ideographs {
        return;
    }
    for &i in radicals {
        if let Some(t) = texts.get_mut(i) {
            *t = crate::language::script::to_simplified(t).into_owned();
        }
    }
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

    #[test]
    fn radicals_on_a_simplified_page_come_out_simplified() {
        let page = |s: &str| -> Vec<String> { s.chars().map(|c| c.to_string()).collect() };
        let radicals = |texts: &[String], raw: &str| -> Vec<usize> {
            raw.chars()
                .enumerate()
                .filter(|(_, c)| super::is_kangxi(&c.to_string()))
                .map(|(i, _)| i)
                .take(texts.len())
                .collect()
        };
        let raw = "深入田间地头指导农⼾选种施肥";
        let mut texts = page(&unify(raw));
        let at = radicals(&texts, raw);
        super::simplify_radicals(&mut texts, &at);
        assert_eq!(texts.concat(), "深入田间地头指导农户选种施肥");
        // A page in traditional script keeps the traditional form.
        let raw = "深入田間地頭指導農⼾選種施肥";
        let mut texts = page(&unify(raw));
        let at = radicals(&texts, raw);
        super::simplify_radicals(&mut texts, &at);
        assert_eq!(texts.concat(), "深入田間地頭指導農戶選種施肥");
    }
}
