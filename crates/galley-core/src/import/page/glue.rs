//! Spaces a typesetter put between Chinese and Latin text. XeLaTeX's `xeCJK` and some
//! office suites set a thin gap between an ideograph and a Latin word (`免费 Wi-Fi 服务`,
//! `开通 5G 信号`), and extraction prints it as a space the writer never typed. A writer who
//! spaces Latin words does so here and there (`未来 AI发展`); the typesetter does it
//! everywhere. So on a page where (nearly) every ideograph next to a Latin word has a space
//! between them, those spaces are the typesetter's and are removed; anywhere else they are
//! kept as printed.

use std::borrow::Cow;

use crate::text::is_cjk;

/// Fewest spaced meetings of an ideograph and a Latin word for a page to be read as spaced
/// by its typesetter: one or two may be the writer's own.
const MIN_SPACED: usize = 3;
/// How many spaced meetings each unspaced one must be outweighed by (a heading set in
/// another font may lose its gaps).
const SPACED_PER_TIGHT: usize = 4;

/// The page's text with the typesetter's spaces between ideographs and Latin words removed,
/// when the page has them (see the module); else the text as it is.
pub fn unglued(text: &str) -> Cow<'_, str> {
    let (spaced, tight) = meetings(text);
    if spaced < MIN_SPACED || spaced < SPACED_PER_TIGHT * tight {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.lines().map(unglue_line).collect::<Vec<_>>().join("\n"))
}

/// An ideograph (not a punctuation mark).
fn is_ideograph(c: char) -> bool {
    is_cjk(c) && c.is_alphabetic()
}

/// A character of a Latin word as typeset (letters, figures, and the marks inside words).
fn is_latin(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '+' | '&' | '_')
}

/// The Latin words of a line with at least one letter (a figure alone is spaced by the
/// extraction too, and is handled with the other figures), as character ranges.
fn latin_words(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_latin(chars[i]) {
            i += 1;
        }
        let mut end = i;
        while end > start + 1 && !chars[end - 1].is_ascii_alphanumeric() {
            end -= 1;
        }
        if chars[start..end].iter().any(char::is_ascii_alphabetic) {
            out.push((start, end));
        }
    }
    out
}

/// What stands next to a Latin word on one side: an ideograph right beside it (tight), one
/// past a single space (spaced), or something else.
#[derive(PartialEq)]
enum Side {
    Tight,
    Spaced,
    Other,
}

/// The side of a word ending (or starting) next to `at`, looking in `step`'s direction.
fn side(chars: &[char], at: Option<usize>, step: isize) -> Side {
    let get = |k: Option<usize>| k.and_then(|k| chars.get(k)).copied();
    let Some(c) = get(at) else {
        return Side::Other;
    };
    if is_ideograph(c) {
        return Side::Tight;
    }
    let beyond = at.and_then(|k| k.checked_add_signed(step));
    if c == ' ' && get(beyond).is_some_and(is_ideograph) {
        return Side::Spaced;
    }
    Side::Other
}

/// Both sides of each Latin word of a line: (before, after).
fn sides(chars: &[char]) -> Vec<((usize, usize), Side, Side)> {
    latin_words(chars)
        .into_iter()
        .map(|(s, e)| {
            let before = side(chars, s.checked_sub(1), -1);
            let after = side(chars, Some(e), 1);
            ((s, e), before, after)
        })
        .collect()
}

/// How often on the page an ideograph meets a Latin word across a space, and right beside it.
fn meetings(text: &str) -> (usize, usize) {
    let mut spaced = 0;
    let mut tight = 0;
    for line in text.lines() {
        let chars: Vec<char> = line.trim().chars().collect();
        for (_, before, after) in sides(&chars) {
            for s in [before, after] {
                match s {
                    Side::Spaced => spaced += 1,
                    Side::Tight => tight += 1,
                    Side::Other => {}
                }
            }
        }
    }
    (spaced, tight)
}

/// A line without the single spaces between its Latin words and the ideographs beside them.
fn unglue_line(line: &str) -> String {
    let chars: Vec<char> = line.chars().collect();
    let mut drop = vec![false; chars.len()];
    for ((s, e), before, after) in sides(&chars) {
        if before == Side::Spaced {
            drop[s - 1] = true;
        }
        if after == Side::Spaced {
            drop[e] = true;
        }
    }
    chars
        .iter()
        .zip(&drop)
        .filter(|(_, &d)| !d)
        .map(|(c, _)| c)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_spaced_by_its_typesetter_loses_the_spaces() {
        let page = "海川市地铁全线开通5G 信号\n\n已实现 5G 信号全覆盖，\n将提供免费 Wi-Fi 服务。";
        assert_eq!(
            unglued(page),
            "海川市地铁全线开通5G信号\n\n已实现5G信号全覆盖，\n将提供免费Wi-Fi服务。"
        );
    }

    #[test]
    fn a_writers_own_spaces_stay() {
        let page = "未来 AI发展离不开英伟达 GPU的支持，\nOpenAI 发布了新模型。";
        assert_eq!(unglued(page), page);
    }

    #[test]
    fn figures_and_punctuation_are_not_latin_words() {
        assert!(latin_words(&"增长 5.2% ，共 3 月".chars().collect::<Vec<_>>()).is_empty());
        let chars: Vec<char> = "用 Wi-Fi. 上网".chars().collect();
        let words = latin_words(&chars);
        assert_eq!(words, vec![(2, 7)]);
    }
}
