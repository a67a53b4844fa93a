//! Two columns extracted line by line in turn. Some extractions print one line of the left
//! column, then one of the right, and so on, with no blank line between. Read in that order no
//! sentence goes on into the next line; read every other line, they do. A block is split into
//! two streams of lines when that reading is clearly better: the junctions between lines of
//! one stream (a word spanning the line break, punctuation only a continuation opens with,
//! see [`junction`]) must confirm at least `MARGIN` more sentences than the block as printed.
//! The search prefers lines alternating between the streams, except where a junction says
//! otherwise or a line is as wide as two (a line of each column printed as one), and never
//! puts a numbered item's title inside a sentence. A line as wide as two whose space leaves a
//! column's width before it is read as two lines, one of each column (`…运输能力由三千万
//! 分流改造日前全部完工…`): its halves go to different streams.

use std::borrow::Cow;

use jieba_rs::Jieba;

use super::lines::{ends_sentence, item_marker, strip_cjk_spaces, width, Line};
use super::stitch::junction;

/// How much more the two streams must be confirmed than the block as printed.
const MARGIN: f64 = 2.0;
/// The same right under a row of two headlines (each printed on its own), where two
/// columns' bodies are to be expected.
const EXPECTED_MARGIN: f64 = 1.0;
/// What each change from one stream to the other earns while searching: lines printed in
/// turn alternate between the columns unless a junction says otherwise (a column that ran out
/// or two lines printed as one). Not counted when the reading is judged against [`MARGIN`].
const SWITCH_GAIN: f64 = 0.3;
/// How far back the other stream's last line may be.
const LOOKBACK: usize = 12;
/// A block whose first [`SAMPLE`] lines ending mid-sentence go on into the next this often
/// reads right as it is: the search is skipped.
const READS_AS_PRINTED: f64 = 0.4;
/// How many lines ending mid-sentence that look takes.
const SAMPLE: usize = 12;
/// Blocks shorter than this are left as printed: too little to tell.
const MIN_LINES: usize = 6;
/// Blocks longer than this are left as printed (the search is quadratic in the lines).
const MAX_LINES: usize = 400;
/// How far the first half of a line cut in two may be from the column's width, at least:
/// justified Chinese lines differ by a few characters' width (punctuation set narrow or full).
const CUT_SLACK: usize = 4;
/// The same as a share of the column's width, for wide columns: 1 in ...
const CUT_SLACK_SHARE: usize = 8;
/// How much wider than the column a line must be to be cut in two (two characters: a line
/// of one column may run one over, with a closing mark kept off the next line's start).
const CUT_MIN_EXCESS: usize = 4;

/// A block read as two streams.
pub struct Streams {
    /// The stream holding the block's first line, in printed order.
    pub first: Vec<Line>,
    /// The other stream, in printed order.
    pub second: Vec<Line>,
    /// The lines cut in two, a half in each stream: line number and the first half's text.
    pub cut: Vec<(usize, String)>,
}

/// The lines cut in two by [`separate`]: line number → the first half's text.
pub type Halves = std::collections::HashMap<usize, String>;

/// Whether two lines of one stream were printed apart: another line, or the other half of a
/// line cut in two, stood between them.
pub fn printed_apart(a: &Line, b: &Line, halves: &Halves) -> bool {
    let first_half = |l: &Line| halves.get(&l.no).is_some_and(|t| *t == l.text);
    let second_half = |l: &Line| halves.get(&l.no).is_some_and(|t| *t != l.text);
    b.no > a.no + 1 || (b.no == a.no + 1 && (first_half(a) || second_half(b)))
}

/// The block's lines as two streams, when reading them apart is clearly better than reading
/// them in turn. `raw` holds the page's lines as extracted (line `no` at `no - 1`), spaces
/// and all. `expected` (the block stands right under a row of two headlines, so two
/// columns' bodies are to be expected) asks for less evidence (`EXPECTED_MARGIN`).
pub fn separate(block: &[Line], raw: &[&str], jieba: &Jieba, expected: bool) -> Option<Streams> {
    if !(MIN_LINES..=MAX_LINES).contains(&block.len()) {
        return None;
    }
    let (block, halves) = cut_merged(block, raw);
    let n = block.len();
    let pair = |p: usize, q: usize| -> f64 {
        if item_marker(&block[q].text).is_some() {
            // A numbered item opens after a finished sentence, never inside one or right
            // under another item's title.
            return if ends_sentence(&block[p].text) {
                0.0
            } else {
                -1.0
            };
        }
        if ends_sentence(&block[p].text) {
            0.0
        } else {
            junction(jieba, &block[p].text, &block[q].text)
        }
    };
    if reads_as_printed(&block, &pair) {
        return None;
    }
    let as_printed: f64 = (1..n).map(|k| pair(k - 1, k)).sum();
    let merged = merged_lines(&block);
    let (_, second) = best_split(n, &pair, &merged, &halves)?;
    let score = confirmed(&second, &pair);
    let margin = if expected { EXPECTED_MARGIN } else { MARGIN };
    if score < as_printed + margin {
        return None;
    }
    let stream = |which: bool| -> Vec<Line> {
        block
            .iter()
            .zip(&second)
            .filter(|(_, &s)| s == which)
            .map(|(l, _)| l.clone())
            .collect()
    };
    let (first, second) = (stream(false), stream(true));
    let cut = block
        .iter()
        .zip(&halves)
        .skip(1)
        .zip(block.iter())
        .filter(|((_, &h), _)| h)
        .map(|(_, left)| (left.no, left.text.clone()))
        .collect();
    (first.len() >= 2 && second.len() >= 2).then_some(Streams { first, second, cut })
}

/// Whether the block's first lines ending mid-sentence go on into the next line often
/// enough that the block reads right as printed (a cheap look before the search).
fn reads_as_printed(block: &[Line], pair: &dyn Fn(usize, usize) -> f64) -> bool {
    let open: Vec<usize> = (0..block.len() - 1)
        .filter(|&k| !ends_sentence(&block[k].text))
        .take(SAMPLE)
        .collect();
    let confirmed: f64 = open.iter().map(|&k| pair(k, k + 1).max(0.0)).sum();
    confirmed >= READS_AS_PRINTED * open.len() as f64
}

/// The column's width: the width most of the lines a sentence goes on from share (within
/// [`CUT_SLACK`]; between widths as shared, the narrower), the median of those. A headline or
/// a signature in the block is narrower than the column; lines of both columns printed as one
/// are twice as wide, and are not taken for the column where at least as many lines are half
/// as wide.
fn column_width(block: &[Line]) -> Option<usize> {
    let mut full: Vec<usize> = block
        .iter()
        .filter(|l| !ends_sentence(&l.text) && item_marker(&l.text).is_none())
        .map(|l| width(&l.text))
        .collect();
    full.sort_unstable();
    let near = |w: usize| full.iter().filter(|&&x| x.abs_diff(w) <= CUT_SLACK).count();
    let mode = full
        .iter()
        .copied()
        .filter(|&w| near(w / 2) < near(w))
        .max_by_key(|&w| (near(w), std::cmp::Reverse(w)))?;
    let shared: Vec<usize> = full
        .iter()
        .copied()
        .filter(|x| x.abs_diff(mode) <= CUT_SLACK)
        .collect();
    shared.get(shared.len() / 2).copied()
}

/// Whether a line is wider than the column by more than a few characters.
fn is_merged(line: &Line, col: usize) -> bool {
    width(&line.text) > col + 6
}

/// Lines wider than the column by more than a few characters: a line of each column printed
/// as one (`…每人每天限约一 一班。`). After one, the next line is again the first column's.
fn merged_lines(block: &[Line]) -> Vec<bool> {
    match column_width(block) {
        Some(col) => block.iter().map(|l| is_merged(l, col)).collect(),
        None => vec![false; block.len()],
    }
}

/// The block with each line as wide as two that a space (as extracted, before the repairs
/// took it out) cuts into a line of each column read as those two lines, and for each line
/// whether it is the second half of such a cut.
fn cut_merged<'a>(block: &'a [Line], raw: &[&str]) -> (Cow<'a, [Line]>, Vec<bool>) {
    let col = column_width(block);
    let cuts: Vec<Option<(String, String)>> = block
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let raw_line = raw.get(line.no.wrapping_sub(1))?;
            let c = col?;
            let wide = width(&line.text) >= c + CUT_MIN_EXCESS;
            wide.then(|| cut_line(line, raw_line, c))
                .flatten()
                .or_else(|| (i == 0).then(|| headline_row(line, raw_line, c)).flatten())
        })
        .collect();
    if cuts.iter().all(Option::is_none) {
        return (Cow::Borrowed(block), vec![false; block.len()]);
    }
    let mut lines = Vec::with_capacity(block.len() + cuts.len());
    let mut halves = Vec::with_capacity(block.len() + cuts.len());
    for (line, cut) in block.iter().zip(cuts) {
        match cut {
            Some((left, right)) => {
                let half = |text: String| Line {
                    text,
                    ..line.clone()
                };
                lines.push(half(left));
                lines.push(half(right));
                halves.extend([false, true]);
            }
            None => {
                lines.push(line.clone());
                halves.push(false);
            }
        }
    }
    (Cow::Owned(lines), halves)
}

/// A repaired line of each column printed as one, cut in two at the space between them in
/// the line as extracted (`raw`): the two halves, repaired, when they make up the line.
fn cut_line(line: &Line, raw: &str, col: usize) -> Option<(String, String)> {
    let (left, right) = raw
        .char_indices()
        .filter(|&(i, c)| c == ' ' && i > 0 && i + 1 < raw.len())
        .filter(|&(i, _)| !raw[i + 1..].starts_with(' ') && !raw[..i].ends_with(' '))
        .map(|(i, _)| (strip_cjk_spaces(&raw[..i]), strip_cjk_spaces(&raw[i + 1..])))
        .filter_map(|(l, r)| Some((cut_offset(&l, &r, col)?, l, r)))
        .min_by_key(|(off, _, _)| *off)
        .map(|(_, l, r)| (l, r))?;
    // The repairs took the space out, or kept it (`…/run 历，…`).
    let whole = line.text.len() <= left.len() + right.len() + 1;
    (whole && line.text.starts_with(&left) && line.text.ends_with(&right)).then_some((left, right))
}

/// How far a cut into `left` and `right` is from a column's width (a full first line, or a
/// paragraph's last line or a headline and a full second one); `None` beyond [`CUT_SLACK`].
fn cut_offset(left: &str, right: &str, col: usize) -> Option<usize> {
    let full = width(left).abs_diff(col);
    let after_end =
        (ends_sentence(left) || is_headline_like(left, col)).then(|| width(right).abs_diff(col));
    let off = after_end.map_or(full, |a| a.min(full));
    (off <= CUT_SLACK.max(col / CUT_SLACK_SHARE)).then_some(off)
}

/// Two headlines side by side printed as one line (`一季度三个港区吞吐量均有增 冷链仓库启用光伏
/// 屋顶`, the first wrapped in its narrow column): cut at the one space whose halves each read
/// as a headline, so each goes on in its own column.
fn headline_row(line: &Line, raw: &str, col: usize) -> Option<(String, String)> {
    let mut rows = raw
        .char_indices()
        .filter(|&(i, c)| c == ' ' && i > 0 && !raw[..i].ends_with(' '))
        .map(|(i, _)| {
            (
                strip_cjk_spaces(&raw[..i]),
                strip_cjk_spaces(raw[i..].trim_start()),
            )
        })
        .filter(|(l, r)| is_headline_like(l, col) && is_headline_like(r, col))
        .filter(|(l, _)| super::lines::dateline(l).is_none());
    let (left, right) = rows.next()?;
    let whole = line.text.len() <= left.len() + right.len() + 1;
    (rows.next().is_none() && whole && line.text.starts_with(&left) && line.text.ends_with(&right))
        .then_some((left, right))
}

/// Whether the first half of a line cut in two may be a headline printed beside a column's
/// line (`小区快递柜收费应当公开透明 我家对面的工地…`): narrower than the column, long enough
/// for a title and without a mark a sentence has inside it.
fn is_headline_like(text: &str, col: usize) -> bool {
    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
    let marks = text
        .chars()
        .any(|c| matches!(c, '，' | '。' | '；' | '、' | '：' | ',' | ';'));
    letters >= MIN_HEADLINE_LETTERS && width(text) + CUT_SLACK < col && !marks
}

/// Fewest letters a headline half of a line cut in two has.
const MIN_HEADLINE_LETTERS: usize = 6;

/// How much the junctions of a reading as two streams confirm it.
fn confirmed(second: &[bool], pair: &dyn Fn(usize, usize) -> f64) -> f64 {
    let mut last: [Option<usize>; 2] = [None, None];
    let mut total = 0.0;
    for (k, &s) in second.iter().enumerate() {
        if let Some(p) = last[usize::from(s)] {
            total += pair(p, k);
        }
        last[usize::from(s)] = Some(k);
    }
    total
}

/// The best reading of `n` lines as two streams: its score and, for each line, whether it
/// is in the second stream. Dynamic programming over (line, last line of the other stream).
/// A line that is the second half of a line cut in two (`halves`) goes to the other stream.
fn best_split(
    n: usize,
    pair: &dyn Fn(usize, usize) -> f64,
    merged: &[bool],
    halves: &[bool],
) -> Option<(f64, Vec<bool>)> {
    // state (k, o): line k was just placed; o = 1 + the last line of the other stream, or 0.
    let width = n + 1;
    let mut score = vec![f64::NEG_INFINITY; n * width];
    let mut from = vec![usize::MAX; n * width];
    score[0] = 0.0;
    for k in 1..n {
        // The other stream's last line is recent: the columns are printed in turn.
        for o in std::iter::once(0).chain(k.saturating_sub(LOOKBACK).max(1)..k) {
            let at = (k - 1) * width + o;
            let s = score[at];
            if s == f64::NEG_INFINITY {
                continue;
            }
            // Lines alternate, except after two lines printed as one.
            let (stay, switch) = match merged[k - 1] {
                true => (SWITCH_GAIN, 0.0),
                false => (0.0, SWITCH_GAIN),
            };
            // Line k goes on in the stream of line k - 1.
            if !halves[k] {
                relax(
                    &mut score,
                    &mut from,
                    k * width + o,
                    s + pair(k - 1, k) + stay,
                    at,
                );
            }
            // Line k goes to the other stream, whose last line becomes k - 1.
            let cont = if o == 0 { 0.0 } else { pair(o - 1, k) };
            relax(&mut score, &mut from, k * width + k, s + cont + switch, at);
        }
    }
    let last = n - 1;
    let (o, &best) = score[last * width..(last + 1) * width]
        .iter()
        .enumerate()
        .max_by(|a, b| a.1.total_cmp(b.1))?;
    Some((best, streams(n, width, &from, last * width + o)))
}

/// Keeps the better way into a state.
fn relax(score: &mut [f64], from: &mut [usize], to: usize, s: f64, at: usize) {
    if s > score[to] {
        score[to] = s;
        from[to] = at;
    }
}

/// Walks the chosen states back: which lines are in the second stream.
fn streams(n: usize, width: usize, from: &[usize], end: usize) -> Vec<bool> {
    let mut switched = vec![false; n];
    let mut at = end;
    while at / width > 0 {
        let prev = from[at];
        switched[at / width] = at % width == at / width;
        at = prev;
    }
    // A line is in the second stream when an odd number of switches precede it.
    let mut second = vec![false; n];
    let mut odd = false;
    for k in 0..n {
        odd ^= switched[k];
        second[k] = odd;
    }
    second
}

#[cfg(test)]
mod tests {
    use super::super::lines::LineKind;
    use super::*;

    fn block(texts: &[&str]) -> Vec<Line> {
        texts
            .iter()
            .enumerate()
            .map(|(i, t)| Line {
                no: i + 1,
                text: strip_cjk_spaces(t),
                kind: LineKind::Text,
            })
            .collect()
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    /// The two streams of lines extracted as `raw`, which must be read apart.
    fn read_apart(raw: &[&str], j: &Jieba) -> (Vec<Line>, Vec<Line>) {
        let s = separate(&block(raw), raw, j, false).expect("read apart");
        (s.first, s.second)
    }

    /// Two columns of a short story each, printed a line of each in turn.
    const IN_TURN: [&str; 8] = [
        "西岭水库扩容工程日前通过验收，库",
        "北湾港至南屿港的集装箱新航线今日首",
        "容由原来的三千万立方米增加到四千",
        "航，每周往返两班，单程约需十八个小",
        "五百万立方米，可满足下游六个乡镇的灌",
        "时。港务部门介绍，新航线投入两艘货",
        "溉用水。",
        "轮。",
    ];

    #[test]
    fn two_columns_printed_line_by_line_in_turn_are_read_apart() {
        let j = Jieba::new();
        let (a, b) = read_apart(&IN_TURN, &j);
        assert_eq!(
            texts(&a),
            [
                "西岭水库扩容工程日前通过验收，库",
                "容由原来的三千万立方米增加到四千",
                "五百万立方米，可满足下游六个乡镇的灌",
                "溉用水。",
            ]
        );
        assert_eq!(texts(&b)[0], "北湾港至南屿港的集装箱新航线今日首");
    }

    #[test]
    fn two_headlines_printed_side_by_side_on_the_first_line_go_each_to_its_column() {
        let j = Jieba::new();
        let raw: Vec<&str> = std::iter::once("西岭水库扩容工程通过验收 南屿港新航线今日首航")
            .chain(IN_TURN)
            .collect();
        let (a, b) = read_apart(&raw, &j);
        assert_eq!(
            texts(&a)[..2],
            [
                "西岭水库扩容工程通过验收",
                "西岭水库扩容工程日前通过验收，库"
            ]
        );
        assert_eq!(
            texts(&b)[..2],
            ["南屿港新航线今日首航", "北湾港至南屿港的集装箱新航线今日首"]
        );
        // A dateline set off by its space is no headline.
        let raw = ["新华社北京3月5日电 为期一个月的毕业生服务"];
        let one = block(&raw);
        let (lines, halves) = cut_merged(&one, &raw);
        assert_eq!(lines.len(), 1, "{halves:?}");
    }

    #[test]
    fn a_line_of_each_column_printed_as_one_is_cut_at_the_space_between_them() {
        let j = Jieba::new();
        // Two columns of 17 characters; where both have a line at one height the extraction
        // prints them as one line with a space between.
        let raw = [
            "新华社南州五月二日电，沿江大桥的主",
            "本报讯（记者 田野）东湖公园的湿地",
            "体工程今天合龙，大桥全长四千八百米 修复工程近日完工，新种植的芦苇和菖",
            "，建成后两岸通行时间将由一个小时缩",
            "蒲已经成片，水质由四类提升到三类。",
            "短到十分钟。 公园管理处表示，今年夏季将开放两条",
            "大桥采用双塔斜拉结构，主跨八百八十 新的观鸟步道，并在周末安排讲解员带",
            "米，设计使用寿命一百年。",
            "领游客参观。",
        ];
        let (a, b) = read_apart(&raw, &j);
        assert_eq!(
            texts(&a),
            [
                "新华社南州五月二日电，沿江大桥的主",
                "体工程今天合龙，大桥全长四千八百米",
                "，建成后两岸通行时间将由一个小时缩",
                "短到十分钟。",
                "大桥采用双塔斜拉结构，主跨八百八十",
                "米，设计使用寿命一百年。",
            ]
        );
        assert_eq!(
            texts(&b),
            [
                "本报讯（记者 田野）东湖公园的湿地",
                "修复工程近日完工，新种植的芦苇和菖",
                "蒲已经成片，水质由四类提升到三类。",
                "公园管理处表示，今年夏季将开放两条",
                "新的观鸟步道，并在周末安排讲解员带",
                "领游客参观。",
            ]
        );
    }

    #[test]
    fn a_cut_is_made_where_the_repairs_kept_the_space_too() {
        // Between a Latin word and a Chinese one the repaired line keeps the space
        // (`…/run 历…`); the cut still falls there, and each half is as extracted.
        let raw = "项目代码托管在github.com/run 历年版本均可下载，";
        let line = block(&[raw]).remove(0);
        assert_eq!(line.text, raw, "the repairs kept the space");
        let col = width("项目代码托管在github.com/run");
        assert_eq!(
            cut_line(&line, raw, col),
            Some((
                "项目代码托管在github.com/run".to_owned(),
                "历年版本均可下载，".to_owned()
            ))
        );
        // A space far from the column's width cuts nothing.
        assert_eq!(cut_line(&line, raw, col + 10), None);
        // Nor does a raw line the repaired one is not made of.
        let other = Line {
            text: "另一行文字".to_owned(),
            ..line.clone()
        };
        assert_eq!(cut_line(&other, raw, col), None);
    }

    #[test]
    fn a_justified_line_a_few_characters_wider_than_the_column_is_still_cut() {
        // Justified Chinese lines of one column differ in width with their punctuation: the
        // column reads 41 wide, this line's first half is 46 (two full-width commas).
        let raw = "日设立了社区图书角，乘客扫码即可借阅，在任意一 千余场。";
        let line = block(&[raw]).remove(0);
        assert_eq!(width("日设立了社区图书角，乘客扫码即可借阅，在任意一"), 46);
        assert_eq!(
            cut_line(&line, raw, 41),
            Some((
                "日设立了社区图书角，乘客扫码即可借阅，在任意一".to_owned(),
                "千余场。".to_owned()
            ))
        );
        // In a narrow column five characters' width is too far off to be the column's.
        let raw = "社区图书角开进地铁 站了";
        let line = block(&[raw]).remove(0);
        assert_eq!(cut_line(&line, raw, width("社区图书角开进地铁") - 5), None);
    }

    #[test]
    fn a_headline_printed_beside_a_columns_line_is_cut_off_it() {
        let raw = "河滨公园夜间照明延长 公园管理处表示，沿线的路灯从本周起延长照明";
        let line = block(&[raw]).remove(0);
        let col = width("公园管理处表示，沿线的路灯从本周起延长照明");
        assert_eq!(
            cut_line(&line, raw, col),
            Some((
                "河滨公园夜间照明延长".to_owned(),
                "公园管理处表示，沿线的路灯从本周起延长照明".to_owned()
            ))
        );
        // A short piece of a sentence is no headline.
        let raw = "管理处表示，路灯 公园管理处表示，沿线的路灯从本周起延长照明";
        let line = block(&[raw]).remove(0);
        assert_eq!(cut_line(&line, raw, col), None);
    }

    #[test]
    fn the_column_is_as_wide_as_most_of_its_lines_whatever_stands_beside_them() {
        // A headline and a signature narrower than the column, two lines of each column
        // printed as one twice as wide: the column is the width the body's lines share.
        let lines = block(&[
            "夜间施工噪声何时能管住",
            "小区快递柜收费应当公开透明 我家对面的工地近一个月来经常在夜里十一点以",
            "我们多次向工地反映，情况没有明显改善。希望",
            "营企业在柜体醒目位置公示收费规则，并提前告知居",
            "——读者 陈晓",
        ]);
        let body = [lines[2].text.as_str(), lines[3].text.as_str()].map(width);
        assert_eq!(body, [42, 46]);
        assert!(column_width(&lines).is_some_and(|c| (42..=46).contains(&c)));
        // Lines printed as one outnumbering single ones are still not the column.
        let lines = block(&[
            "我家附近的东湖路公交站每天早上候车的人很",
            "多，其中不少是去医院看病的老人，但站台上没有一 卫生服务中心的刘医生主动上门，为他检查身体、调",
            "便。希望有关部门能在客流较大的站台加装几把座 压。在此向社区医生表示感谢后再说一遍好不好呢",
            "有的老人只能坐在台阶上等车，既不安全也不方",
        ]);
        assert_eq!(column_width(&lines), Some(42));
    }

    #[test]
    fn the_halves_of_a_cut_line_stand_between_the_lines_of_each_column() {
        let line = |no: usize, text: &str| Line {
            no,
            text: text.to_owned(),
            kind: LineKind::Text,
        };
        let halves: Halves = [(3, "左栏第三行".to_owned())].into_iter().collect();
        let (above, left, right, below) = (
            line(2, "左栏第二行"),
            line(3, "左栏第三行"),
            line(3, "右栏第三行"),
            line(4, "左栏第四行"),
        );
        assert!(!printed_apart(&above, &left, &halves));
        assert!(
            printed_apart(&left, &below, &halves),
            "the right half was between"
        );
        assert!(
            printed_apart(&above, &right, &halves),
            "the left half was between"
        );
        assert!(!printed_apart(&right, &below, &halves));
        assert!(printed_apart(&above, &below, &Halves::new()));
    }

    #[test]
    fn under_two_headlines_less_evidence_reads_two_columns_apart() {
        let j = Jieba::new();
        // One word (每|天) reads across a junction of one stream, none as printed: too little
        // for a block anywhere, enough right under a row of two headlines.
        let raw = [
            "社区食堂自下月起延长供餐时间，",
            "十六路公交车本周起调整线路，",
            "早餐提前到六点半开始供应。",
            "新增两个站点，首末班时间不变，",
            "老人凭卡就餐可享受八折优惠，每",
            "高峰时段发车间隔缩短到八分钟。",
            "天限量供应三百份。",
        ];
        assert!(separate(&block(&raw), &raw, &j, false).is_none());
        let s = separate(&block(&raw), &raw, &j, true).expect("read apart");
        assert_eq!(texts(&s.first), [raw[0], raw[2], raw[4], raw[6]]);
        assert_eq!(texts(&s.second), [raw[1], raw[3], raw[5]]);
    }

    #[test]
    fn one_column_stays_as_printed() {
        let j = Jieba::new();
        let raw = [
            "西岭水库扩容工程日前通过验收，库",
            "容由原来的三千万立方米增加到四千",
            "五百万立方米，可满足下游六个乡镇的灌",
            "溉用水。工程历时两年，新建了一座",
            "溢洪道，加固了大坝的迎水坡。水库",
            "管理处表示，今年汛期将首次按新库",
            "容调度。",
        ];
        assert!(separate(&block(&raw), &raw, &j, false).is_none());
    }
}
