//! A table of contents (`人民日报文章目录` / `1. 确保…` / `2. 中共中央…` …): a run of numbered
//! one-line entries with no text under any of them. Its entries are headlines of articles
//! printed elsewhere, not articles; both the text path and the PDF path keep them with the
//! page furniture, with one warning.
//!
//! A run qualifies when at least [`MIN_ENTRIES`] numbered entries follow each other with
//! their numbers going up by one, no line between them holds a `。`, and the numbered entries
//! hold most of the run's text; and when it says it is a table of contents: a heading naming
//! one (`目录`, `本期导读`) right above it, at least [`MANY_ENTRIES`] entries, or nothing else
//! on the page but its furniture. A list a sentence introduces (`部署了四项重点工作：`) is
//! part of its article, and a newsletter's numbered items have their text under each title,
//! so neither forms such a run.

use super::page::lines::{is_furniture, item_marker};

/// The fewest numbered entries that make a table of contents.
pub const MIN_ENTRIES: usize = 4;

/// The fewest numbered entries that make a table of contents without a heading naming it.
pub const MANY_ENTRIES: usize = 8;

/// Words of a heading over a table of contents.
const HEADINGS: [&str; 8] = [
    "目录",
    "目次",
    "要目",
    "导读",
    "本期",
    "索引",
    "内容提要",
    "contents",
];

/// The longest a numbered entry may be, in characters.
const ENTRY_CHARS: usize = 100;

/// The longest a line between entries (a heading, the rest of a wrapped entry) may be.
const BETWEEN_CHARS: usize = 60;

/// A line right after the last entry (no blank line between) this short (in characters) is
/// the end of a wrapped entry (a name list `本版责编：陈` / `凌`), kept with it.
const TAIL_CHARS: usize = 4;

/// The lines (trimmed; an empty one is blank) that belong to a table of contents.
pub fn lines(texts: &[&str]) -> Vec<bool> {
    let mut marks = vec![false; texts.len()];
    let mut start = 0;
    while start < texts.len() {
        let end = (start..texts.len())
            .find(|&i| !entry_like(texts[i]))
            .unwrap_or(texts.len());
        for run in contents_in(texts, start, end) {
            for i in run.filter(|&i| !texts[i].is_empty()) {
                marks[i] = true;
            }
        }
        start = end + 1;
    }
    marks
}

/// The warning for a page whose table of contents was set aside (`None` if it has none).
pub fn warning(marks: &[bool], texts: &[&str]) -> Option<String> {
    let entries = marks
        .iter()
        .zip(texts)
        .filter(|(m, t)| **m && entry_number(t).is_some())
        .count();
    (entries > 0).then(|| {
        format!(
            "a table of contents ({entries} entries) kept with the page furniture, not as articles"
        )
    })
}

/// A line that may stand in a table of contents: blank, or short and finishing no sentence.
fn entry_like(text: &str) -> bool {
    let most = match entry_number(text) {
        Some(_) => ENTRY_CHARS,
        None => BETWEEN_CHARS,
    };
    text.chars().count() <= most && !text.contains('。')
}

/// The number of a numbered entry (`31. 图片报道` → 31, `67. 2025年…` → 67, `④ …` → 4).
/// Unlike a list item in running text, an entry may begin with a digit: the numbers going
/// up by one tell entries from decimals.
fn entry_number(text: &str) -> Option<u32> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let rest = text[digits..].strip_prefix(['.', '．', '、']);
    if rest.is_some_and(|r| (1..=3).contains(&digits) && !r.trim().is_empty()) {
        return text[..digits].parse().ok();
    }
    let (marker, rest) = item_marker(text)?;
    let first = marker.chars().next()?;
    let digits: String = marker.chars().filter(char::is_ascii_digit).collect();
    match digits.parse().ok() {
        Some(n) if !rest.is_empty() => Some(n),
        _ => ('①'..='⑳')
            .contains(&first)
            .then(|| first as u32 - '①' as u32 + 1),
    }
}

/// The tables of contents inside the run of entry-like lines `start..end`: each from the
/// heading naming it (if any) to its last entry and the short lines wrapping it.
fn contents_in(texts: &[&str], start: usize, end: usize) -> Vec<std::ops::Range<usize>> {
    let numbered: Vec<(usize, u32)> = (start..end)
        .filter_map(|i| entry_number(texts[i]).map(|n| (i, n)))
        .collect();
    let chars = |i: usize| texts[i].chars().count();
    let mut found: Vec<std::ops::Range<usize>> = Vec::new();
    for (first, last) in sequences(&numbered) {
        let from = found.last().map_or(start, |r| r.end);
        let heading = (from..first)
            .rev()
            .filter(|&i| !texts[i].is_empty())
            .take(2)
            .find(|&i| names_contents(texts[i]));
        let tail = (last + 1..end)
            .take_while(|&i| !texts[i].is_empty() && chars(i) <= TAIL_CHARS)
            .last()
            .map_or(last + 1, |i| i + 1);
        let entries: Vec<usize> = numbered
            .iter()
            .map(|&(i, _)| i)
            .filter(|i| (first..=last).contains(i))
            .collect();
        let mostly_entries = 3 * entries.iter().map(|&i| chars(i)).sum::<usize>()
            >= 2 * (first..tail).map(chars).sum::<usize>();
        let says_so =
            heading.is_some() || entries.len() >= MANY_ENTRIES || fills_page(texts, first..tail);
        if mostly_entries && says_so && !introduced(texts, first) {
            found.push(heading.unwrap_or(first)..tail);
        }
    }
    found
}

/// A heading that names a table of contents (`人民日报文章目录`, `本期导读`).
fn names_contents(text: &str) -> bool {
    let lower = text.to_lowercase();
    text.chars().count() <= 20 && HEADINGS.iter().any(|h| lower.contains(h))
}

/// Whether the lines of `run` are all the page holds besides its furniture.
fn fills_page(texts: &[&str], run: std::ops::Range<usize>) -> bool {
    texts
        .iter()
        .enumerate()
        .all(|(i, t)| run.contains(&i) || t.is_empty() || is_furniture(t))
}

/// Whether the text right before line `first` introduces a list (`部署了四项重点工作：`).
fn introduced(texts: &[&str], first: usize) -> bool {
    texts[..first]
        .iter()
        .rev()
        .find(|t| !t.is_empty())
        .is_some_and(|t| t.trim_end().ends_with(['：', ':']))
}

/// The first and last line of each stretch of at least [`MIN_ENTRIES`] entries numbered one
/// after another (`n`, `n + 1`, …).
fn sequences(numbered: &[(usize, u32)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for k in 1..=numbered.len() {
        if k < numbered.len() && numbered[k].1 == numbered[k - 1].1 + 1 {
            continue;
        }
        if k - from >= MIN_ENTRIES {
            out.push((numbered[from].0, numbered[k - 1].0));
        }
        from = k;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn marked(page: &str) -> Vec<&str> {
        let texts: Vec<&str> = page.lines().map(str::trim).collect();
        let marks = lines(&texts);
        texts
            .iter()
            .zip(marks)
            .filter(|(_, m)| *m)
            .map(|(t, _)| *t)
            .collect()
    }

    #[test]
    fn a_numbered_list_of_headlines_with_its_heading_is_a_table_of_contents() {
        let page = "本期目录\n1. 城市书房延长开放时间\n2. 春季植树活动周末举行\n\n3. 新能源公交线路开通\n\
                    4. 本版编辑：李\n明\n\n城市书房延长开放时间\n市图书馆所属的十二家城市书房自下月起延长开放时间。";
        assert_eq!(
            marked(page),
            [
                "本期目录",
                "1. 城市书房延长开放时间",
                "2. 春季植树活动周末举行",
                "3. 新能源公交线路开通",
                "4. 本版编辑：李",
                "明"
            ]
        );
        let texts: Vec<&str> = page.lines().collect();
        let warning = warning(&lines(&texts), &texts).unwrap();
        assert!(warning.contains("4 entries"), "{warning}");
    }

    #[test]
    fn numbered_items_with_their_text_are_not_contents() {
        let page = "1. 城市书房延长开放时间\n市图书馆所属的十二家城市书房自下月起\n延长开放时间。\n\
                    2. 春季植树活动周末举行\n本周六上午，志愿者将在滨河公园种下\n三百棵树苗。\n\
                    3. 新能源公交线路开通\n新线路连接高铁站与大学城。\n4. 社区食堂开业\n老人用餐可享八折。";
        assert!(marked(page).is_empty());
    }

    #[test]
    fn numbered_items_with_unfinished_wrapped_lines_are_not_contents() {
        // Hard-wrapped bodies: most lines finish no sentence, but the text is not the entries'.
        let page = "1. 城市书房延长开放\n市图书馆所属的十二家城市书房自下月起\n延长开放时间，周末开到晚上十点\n\
                    2. 植树活动周末举行\n本周六上午，志愿者将在滨河公园种下\n三百棵树苗并挂上认养牌\n\
                    3. 公交新线开通\n新线路连接高铁站与大学城，全程\n二十四分钟\n\
                    4. 社区食堂开业\n老人用餐可享八折，每天供应\n两荤两素";
        assert!(marked(page).is_empty());
    }

    #[test]
    fn a_list_inside_an_article_is_not_contents() {
        let page = "会议部署了四项重点工作：\n1. 加强组织领导\n2. 完善工作机制\n3. 强化督促检查\n\
                    4. 营造良好氛围\n会议要求各地抓好落实。";
        assert!(marked(page).is_empty());
        // Without a heading naming it, four entries among other text are not enough.
        let page = "城市书房延长开放时间\n1. 城市书房\n2. 植树活动\n3. 公交新线\n4. 社区食堂\n\
                    市图书馆所属的十二家城市书房自下月起延长开放时间。";
        assert!(marked(page).is_empty());
    }

    #[test]
    fn a_page_of_entries_alone_or_many_entries_are_contents() {
        let page = "95. 车担飞上天\n96. 图片报道\n97. 黔灵山\n98. 我心中的两条江\n第 4 页";
        assert_eq!(marked(page).len(), 4);
        let many: String = (1..=8)
            .map(|n| format!("{n}. 第{n}条新闻的标题\n"))
            .collect();
        let page =
            format!("两会速递\n{many}\n两会速递\n市图书馆所属的城市书房自下月起延长开放时间。");
        let marks = marked(&page);
        assert_eq!(marks.len(), 8, "{marks:?}");
    }

    #[test]
    fn three_entries_or_numbers_out_of_order_are_not_contents() {
        assert!(marked("1. 甲乙丙丁\n2. 戊己庚辛\n3. 壬癸子丑").is_empty());
        assert!(marked("1. 甲乙丙丁\n3. 戊己庚辛\n2. 壬癸子丑\n5. 寅卯辰巳").is_empty());
    }

    #[test]
    fn entries_are_numbered_and_not_bare_numbers() {
        assert_eq!(entry_number("1.5亿元投入"), Some(1));
        assert_eq!(entry_number("67. 2025年陶瓷博览会开幕"), Some(67));
        assert_eq!(entry_number("12."), None);
        assert_eq!(entry_number("31. 图片报道"), Some(31));
        assert_eq!(entry_number("③ 公交新线"), Some(3));
    }
}
