//! Tone marks of social-media writing: the bracketed emoticon codes microblogs render as
//! pictures (`[哈哈]`, `[泪]`, `[怒]`), Unicode emoji (😂 😭 👍) and written laughter or crying
//! (哈哈哈, 呜呜). A post quoted in a digest often says its tone only through them: `北京的亲友们啊
//! [泪][泪]` has no tone word at all.
//!
//! The tables are written for Galley from the platforms' public emoticon sets, with the tone
//! a reader takes from each mark. Marks used as often in irony as literally (`[微笑]`, `[doge]`,
//! 🙃), and those without a tone (`[思考]`, `[吃瓜]`), are left out: they decide nothing.

/// Bracketed emoticon codes (as typed, lower-cased) and their tone in [-1, 1].
const CODES: &[(&str, f32)] = &[
    // Positive.
    ("哈哈", 1.0),
    ("嘻嘻", 1.0),
    ("笑哈哈", 1.0),
    ("偷笑", 0.8),
    ("太开心", 1.0),
    ("开心", 1.0),
    ("爱你", 1.0),
    ("心", 0.8),
    ("好爱哦", 1.0),
    ("好喜欢", 1.0),
    ("亲亲", 0.8),
    ("抱抱", 0.6),
    ("可爱", 0.8),
    ("鼓掌", 1.0),
    ("赞", 1.0),
    ("赞啊", 1.0),
    ("good", 1.0),
    ("ok", 0.5),
    ("耶", 0.8),
    ("威武", 1.0),
    ("给力", 1.0),
    ("强", 0.8),
    ("握手", 0.5),
    ("干杯", 0.8),
    ("花心", 0.8),
    ("色", 0.6),
    ("馋嘴", 0.6),
    ("酷", 0.6),
    ("得意地笑", 0.8),
    ("笑cry", 0.6),
    ("憧憬", 0.8),
    ("害羞", 0.5),
    ("挤眼", 0.4),
    ("坏笑", 0.4),
    ("鲜花", 0.6),
    ("礼物", 0.5),
    ("蛋糕", 0.5),
    ("给你小心心", 1.0),
    ("春暖花开", 0.5),
    ("玩去啦", 0.6),
    ("羞嗒嗒", 0.5),
    // Negative.
    ("泪", -1.0),
    ("泪流满面", -1.0),
    ("悲伤", -1.0),
    ("伤心", -1.0),
    ("心碎", -1.0),
    ("失望", -1.0),
    ("委屈", -0.8),
    ("可怜", -0.6),
    ("怒", -1.0),
    ("怒骂", -1.0),
    ("抓狂", -1.0),
    ("崩溃", -1.0),
    ("衰", -1.0),
    ("鄙视", -1.0),
    ("吐", -1.0),
    ("弱", -0.8),
    ("no", -0.6),
    ("不要", -0.6),
    ("草泥马", -1.0),
    ("汗", -0.6),
    ("晕", -0.6),
    ("黑线", -0.6),
    ("白眼", -0.8),
    ("哼", -0.6),
    ("左哼哼", -0.6),
    ("右哼哼", -0.6),
    ("生病", -0.8),
    ("感冒", -0.6),
    ("闭嘴", -0.5),
    ("打脸", -0.6),
    ("允悲", -0.6),
    ("囧", -0.5),
    ("费解", -0.4),
    ("挖鼻", -0.3),
    ("哈欠", -0.3),
    ("蜡烛", -0.8),
    ("摊手", -0.3),
];

/// Unicode emoji (the base character; skin tones and variation selectors are separate
/// characters and carry nothing) and their tone.
const EMOJI: &[(char, f32)] = &[
    // Positive.
    ('😀', 0.8),
    ('😃', 0.8),
    ('😄', 0.8),
    ('😁', 0.8),
    ('😆', 0.8),
    ('😊', 0.8),
    ('☺', 0.6),
    ('🙂', 0.4),
    ('😇', 0.6),
    ('😍', 1.0),
    ('🥰', 1.0),
    ('😘', 0.8),
    ('😻', 0.8),
    ('😋', 0.8),
    ('😎', 0.6),
    ('🤩', 1.0),
    ('🥳', 1.0),
    ('🤗', 0.6),
    ('😂', 0.6),
    ('🤣', 0.6),
    ('👍', 1.0),
    ('👏', 1.0),
    ('🙌', 0.8),
    ('💪', 0.8),
    ('👌', 0.6),
    ('✌', 0.6),
    ('🎉', 1.0),
    ('🎊', 1.0),
    ('❤', 1.0),
    ('💕', 1.0),
    ('💖', 1.0),
    ('💗', 1.0),
    ('💓', 1.0),
    ('💞', 1.0),
    ('😽', 0.6),
    ('💯', 1.0),
    ('🌹', 0.6),
    // Negative.
    ('😭', -1.0),
    ('😢', -1.0),
    ('😿', -0.8),
    ('😞', -1.0),
    ('😔', -0.8),
    ('😟', -0.8),
    ('😩', -1.0),
    ('😫', -1.0),
    ('😖', -0.8),
    ('😣', -0.8),
    ('😥', -0.6),
    ('😓', -0.6),
    ('😰', -0.8),
    ('😨', -0.8),
    ('😱', -0.6),
    ('😤', -0.8),
    ('😠', -1.0),
    ('😡', -1.0),
    ('🤬', -1.0),
    ('👎', -1.0),
    ('💔', -1.0),
    ('🤮', -1.0),
    ('🤢', -1.0),
    ('😒', -0.8),
    ('🙄', -0.8),
    ('😑', -0.3),
    ('😪', -0.4),
    ('🤦', -0.6),
    ('💩', -0.8),
    ('🤡', -0.6),
];

/// Written laughter and crying: a run of at least two of the character.
const RUNS: &[(char, f32)] = &[('哈', 0.6), ('嘿', 0.4), ('呜', -0.6)];

/// The longest emoticon code looked for, in characters.
const LONGEST_CODE: usize = 6;

/// One tone mark found in a text.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    /// The mark as an editor reads it in a reason: `[泪]`, `😭`, `哈哈`.
    pub shown: String,
    /// Its tone in [-1, 1].
    pub tone: f32,
}

/// The distinct tone marks of a lower-cased text, in order of first appearance (a mark
/// repeated, `[泪][泪][泪]`, counts once).
pub fn marks(lower: &str) -> Vec<Mark> {
    let mut found: Vec<Mark> = Vec::new();
    let chars: Vec<char> = lower.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let (mark, used) = mark_at(&chars, i);
        if let Some(m) = mark {
            if !found.iter().any(|f| f.shown == m.shown) {
                found.push(m);
            }
        }
        i += used;
    }
    found
}

/// The mark starting at `chars[i]`, if any, and how many characters to move on.
fn mark_at(chars: &[char], i: usize) -> (Option<Mark>, usize) {
    let c = chars[i];
    if c == '[' {
        if let Some((m, used)) = code_at(chars, i) {
            return (Some(m), used);
        }
    }
    if let Some(&(_, tone)) = EMOJI.iter().find(|(e, _)| *e == c) {
        return (Some(mark(c.to_string(), tone)), 1);
    }
    if let Some(&(_, tone)) = RUNS.iter().find(|(r, _)| *r == c) {
        let run = chars[i..].iter().take_while(|&&x| x == c).count();
        if run >= 2 {
            return (Some(mark(c.to_string().repeat(2), tone)), run);
        }
    }
    (None, 1)
}

/// A bracketed code `[名]` starting at `chars[i]` (the `[`), with its length in characters.
fn code_at(chars: &[char], i: usize) -> Option<(Mark, usize)> {
    let close = chars[i + 1..]
        .iter()
        .take(LONGEST_CODE + 1)
        .position(|&c| c == ']')?;
    let code: String = chars[i + 1..i + 1 + close].iter().collect();
    let &(_, tone) = CODES.iter().find(|(k, _)| *k == code)?;
    (tone != 0.0).then(|| (mark(format!("[{code}]"), tone), close + 2))
}

fn mark(shown: String, tone: f32) -> Mark {
    Mark { shown, tone }
}

/// The summed tone of the marks.
pub fn tone(marks: &[Mark]) -> f32 {
    marks.iter().map(|m| m.tone).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        marks(&text.to_lowercase())
            .into_iter()
            .map(|m| m.shown)
            .collect()
    }

    #[test]
    fn codes_emoji_and_runs_are_found_once_each() {
        assert_eq!(
            shown("北京的亲友们啊[泪][泪][泪]，哈哈哈哈 好吧[GOOD]👍🏻👍"),
            ["[泪]", "哈哈", "[good]", "👍"]
        );
    }

    #[test]
    fn unknown_or_toneless_codes_and_single_characters_are_not_marks() {
        assert!(shown("[思考][吃瓜][微笑] 哈，[未知表情] [泪 水]").is_empty());
        assert!(shown("根据[1]所述，数组a[i]的值").is_empty());
    }

    #[test]
    fn the_tone_sums_the_marks() {
        let m = marks("[哈哈]😭");
        assert_eq!(m.len(), 2);
        assert!((tone(&m) - 0.0).abs() < 1e-6);
        assert!(tone(&marks("[怒]气死了😡")) <= -2.0);
    }
}
