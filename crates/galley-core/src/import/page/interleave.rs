//! Two columns printed block by block in turn. Some extractions print a block of the left
//! column, then one of the right, and so on, blank lines between them: a sentence stopping at
//! the end of one block goes on two blocks later (`…为他检查身体、调` / `公交站台能否加装座椅` /
//! `整用药。`), and titles and signatures fall between another story's paragraphs. Where
//! such skips are many and agree with one alternation of the items, the page's items are
//! read as two streams, the one holding the first item, then the other. So are a row of
//! lines each printed as a block of its own and all left open, where a few skips say so (the
//! columns printed a line at a time). (Lines printed in turn inside one block are
//! [`streams`](super::streams)' work.)

use jieba_rs::Jieba;

use super::blocks::{headline_above_body, is_headline, Item};
use super::lines::{ends_sentence, Line};
use super::stitch::junction;

/// How many sentences must go on two items later for a page to be read as two streams.
const MIN_SKIPS: usize = 3;

/// The items as two streams when they were printed in turn (see the module), with the first
/// line of each stretch's second stream; else the items as they are. A row of both columns'
/// headlines printed as one block (`高校毕业生就业服务月启动` / `社区图书角开进地铁站`) with no
/// sentence going on past it starts the columns again: the streams before it, the row, then
/// the streams after it. The second column's headline, printed alone right after the
/// first's, goes before its stream.
pub(super) fn separate(items: Vec<Item>, jieba: &Jieba) -> (Vec<Item>, Vec<usize>) {
    let found = continuations(&items, jieba);
    let Some((from, to)) = region(&found) else {
        return (items, Vec::new());
    };
    let rows = headline_rows(&items, &found, from, to, jieba);
    let mut held = second_head(&items, from);
    let n = items.len();
    let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(n);
    let mut starts = Vec::new();
    let mut take = |range: &mut dyn Iterator<Item = usize>, out: &mut Vec<Item>| {
        out.extend(range.filter_map(|i| slots[i].take()));
    };
    take(&mut (0..from).filter(|&i| Some(i) != held), &mut out);
    let mut lo = from;
    for row in rows.into_iter().chain([to + 1]) {
        take(&mut (lo..row).step_by(2), &mut out);
        let second_at = out.len();
        if let Some(h) = held.take() {
            take(&mut (h..=h), &mut out);
        }
        take(&mut (lo + 1..row).step_by(2), &mut out);
        starts.extend(out.get(second_at).and_then(first_line));
        take(&mut (row..=row.min(to)), &mut out);
        lo = row + 1;
    }
    take(&mut (to + 1..n), &mut out);
    (out, starts)
}

/// The second of two headlines, each a block alone, printed right before the stretch from
/// `from` (the columns' headlines side by side, printed one after the other): the second
/// column's, which goes before its stream.
fn second_head(items: &[Item], from: usize) -> Option<usize> {
    let heads = from.checked_sub(2).map(|i| &items[i..from])?;
    heads.iter().all(is_headline_alone).then_some(from - 1)
}

/// Where in the stretch `from..=to` a block holds a row of two headlines (see [`separate`])
/// with no sentence before it going on after it.
fn headline_rows(
    items: &[Item],
    found: &Continuations,
    from: usize,
    to: usize,
    jieba: &Jieba,
) -> Vec<usize> {
    (from + 2..to)
        .filter(|&r| is_headline_row(&items[r], jieba))
        .filter(|&r| (from..r).all(|i| found.goes_on_to(i).is_none_or(|j| j < r)))
        .collect()
}

/// Fewest letters each headline of a row has.
const MIN_ROW_TITLE: usize = 5;

/// Whether an item is a block of two headlines side by side printed one under the other: a
/// headline alone on two lines, each long enough for a title, no word read across them.
fn is_headline_row(item: &Item, jieba: &Jieba) -> bool {
    let Item::Block(lines) = item else {
        return false;
    };
    let letters = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).count();
    matches!(lines.as_slice(), [a, b]
        if letters(&a.text) >= MIN_ROW_TITLE
            && letters(&b.text) >= MIN_ROW_TITLE
            && junction(jieba, &a.text, &b.text) == 0.0)
        && is_headline_alone(item)
}

/// The first line of an item.
fn first_line(item: &Item) -> Option<usize> {
    match item {
        Item::One(line) => Some(line.no),
        Item::Block(lines) => lines.first().map(|l| l.no),
    }
}

/// Where sentences stopping at the end of an item go on.
#[derive(Default)]
struct Continuations {
    /// Items whose sentence goes on two items later (not in the next).
    skips: Vec<usize>,
    /// Items whose sentence goes on in the next item.
    next: Vec<usize>,
    /// Items whose sentence goes on three items later (not nearer): a third column.
    third: Vec<usize>,
    /// Items stopping mid-sentence whose sentence goes on in none of the next three.
    lost: Vec<usize>,
    /// Items of one line stopping mid-sentence (skipping or lost).
    open_lines: Vec<usize>,
}

impl Continuations {
    /// Where the sentence stopping at the end of item `i` of the stretch printed in turn goes
    /// on (`None` if it stops at no sentence): a sentence left open with no continuation found
    /// goes on two items later, in its own column, as far as anything tells.
    fn goes_on_to(&self, i: usize) -> Option<usize> {
        let after = |at: &[usize], k: usize| at.contains(&i).then_some(i + k);
        after(&self.next, 1)
            .or_else(|| after(&self.skips, 2))
            .or_else(|| after(&self.third, 3))
            .or_else(|| after(&self.lost, 2))
    }
}

/// Where each sentence stopping at an item's end goes on, up to three items later.
fn continuations(items: &[Item], jieba: &Jieba) -> Continuations {
    let mut found = Continuations::default();
    for (i, item) in items.iter().enumerate() {
        let Some(last) = open_end(item) else { continue };
        if matches!(item, Item::Block(lines) if lines.len() == 1) {
            found.open_lines.push(i);
        }
        let goes_on = |k: usize| {
            items
                .get(k)
                .and_then(opening)
                .is_some_and(|first| junction(jieba, &last.text, &first.text) > 0.0)
        };
        if goes_on(i + 1) {
            found.next.push(i);
        } else if goes_on(i + 2) {
            found.skips.push(i);
        } else if goes_on(i + 3) {
            found.third.push(i);
        } else if !is_headline_alone(item) {
            // A headline stops at no sentence: only text left open is lost.
            found.lost.push(i);
        }
    }
    found
}

/// Whether an item is a headline with no text under it in its block.
fn is_headline_alone(item: &Item) -> bool {
    matches!(item, Item::Block(lines) if is_headline(lines) && headline_above_body(lines).is_none())
}

/// The last line of a block stopping mid-sentence (not a letter alone: a name's piece).
fn open_end(item: &Item) -> Option<&Line> {
    let Item::Block(lines) = item else {
        return None;
    };
    let last = lines.last()?;
    let letter_alone = lines.len() == 1 && last.text.trim().chars().count() <= 1;
    (!ends_sentence(&last.text) && !letter_alone).then_some(last)
}

/// The first line of a block (a single line apart, a source or a headline, goes on with no
/// sentence).
fn opening(item: &Item) -> Option<&Line> {
    match item {
        Item::Block(lines) => lines.first(),
        Item::One(_) => None,
    }
}

/// The items printed in turn: from the first skip's item to two past the last one, when
/// skips are many and no sentence in that stretch goes on in the next item (the
/// alternation would break there) or three items later (three columns in turn).
fn region(found: &Continuations) -> Option<(usize, usize)> {
    if found.skips.len() < MIN_SKIPS {
        return lines_in_turn(found);
    }
    let (&first, &last) = (found.skips.first()?, found.skips.last()?);
    // The other column's first block, stopping mid-sentence with no continuation found,
    // opens the stretch (`…用秸秆纤维和植物` before `北岭气象站启用新型测雪雷`).
    let from = match first.checked_sub(1) {
        Some(before) if found.lost.contains(&before) => before,
        _ => first,
    };
    let inside = |at: &[usize], to: usize| at.iter().any(|&i| (from..to).contains(&i));
    let broken = inside(&found.next, last + 2) || inside(&found.third, last + 2);
    if found.skips.len() < MIN_SKIPS || broken {
        return None;
    }
    Some((from, stretch_end(found, last)))
}

/// Fewest lines in a row, each a block of its own stopping mid-sentence, for two columns
/// printed a line at a time in turn.
const MIN_OPEN_LINES: usize = 4;

/// The items printed in turn when the columns were printed a line at a time, each line a
/// block (`…桐川至岚山` / `本报讯…获悉，` / `城际铁路4日开通…设计时速` / `…价格基本平` /
/// `二百公里…`): a row of [`MIN_OPEN_LINES`] such lines or more, none going on in the next,
/// one at least going on two lines later; the stretch ends with the line closing each column.
/// Breaks at word boundaries leave most of them with no word to tell where they go on; lines
/// of one column would go on in the next.
fn lines_in_turn(found: &Continuations) -> Option<(usize, usize)> {
    let open = &found.open_lines;
    let runs = open.chunk_by(|a, b| b == &(a + 1));
    let run = runs
        .filter(|run| run.len() >= MIN_OPEN_LINES)
        .find(|run| run.iter().any(|i| found.skips.contains(i)))?;
    let (from, end) = (run[0], run[run.len() - 1]);
    let inside = |at: &[usize]| at.iter().any(|&i| (from..end + 2).contains(&i));
    if inside(&found.next) || inside(&found.third) {
        return None;
    }
    // The other column's last line closes the stretch, two past the last open one.
    Some((from, end + 2))
}

/// Where the items printed in turn end: two past the last skip, or past later sentences
/// left open with no continuation found (each goes on two items later as far as anything
/// tells), up to a sentence going on in the next item or three items later.
fn stretch_end(found: &Continuations, last_skip: usize) -> usize {
    let stop = found
        .next
        .iter()
        .chain(&found.third)
        .copied()
        .filter(|&i| i > last_skip)
        .min()
        .unwrap_or(usize::MAX);
    found
        .lost
        .iter()
        .copied()
        .filter(|&i| i > last_skip && i + 2 < stop)
        .map(|i| i + 2)
        .fold(last_skip + 2, usize::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(texts: &[&str], first: usize) -> Item {
        Item::Block(super::super::lines::text_lines(texts, first))
    }

    fn texts(items: &[Item]) -> Vec<String> {
        items
            .iter()
            .map(|i| match i {
                Item::One(l) => l.text.clone(),
                Item::Block(ls) => ls.iter().map(|l| l.text.as_str()).collect(),
            })
            .collect()
    }

    #[test]
    fn blocks_of_two_columns_printed_in_turn_are_read_apart() {
        let items = vec![
            block(&["感谢社区医生上门服务", "上个月社区卫生服务中心的刘医生主动上门，为他检查身体、调"], 1),
            block(&["公交站台能否加装座椅"], 4),
            block(&["整用药。此后刘医生每两周来一次，还教会我们测量血"], 6),
            block(&["我家附近的公交站每天早上候车的人很多，站台上却没有一把座椅。有的老人只能坐在台阶上等车，既不安全也不方"], 8),
            block(&["压。在此向社区医生表示感谢。图书馆自习座位一座难求，周末的自习区经常一早就坐满了人，有些座位放着书包却长时间没人使"], 10),
            block(&["便。希望有关部门能在客流较大的站台加装座"], 12),
            block(&["用。建议图书馆实行预约制度。"], 14),
            block(&["椅。"], 16),
        ];
        let (read, start) = separate(items, &jieba_rs::Jieba::new());
        let read = texts(&read);
        assert_eq!(start, vec![4]);
        assert!(read[0].starts_with("感谢"), "{read:?}");
        assert!(read[1].starts_with("整用药"), "{read:?}");
        assert!(read[4].starts_with("公交站台"), "{read:?}");
        assert_eq!(read[7], "椅。");
    }

    /// The first two letters of each item's text.
    fn firsts(items: &[Item]) -> Vec<String> {
        texts(items)
            .iter()
            .map(|t| t.chars().take(2).collect())
            .collect()
    }

    /// Two columns' lines printed in turn, each a block, from line `first` on. Most lines
    /// break between words: one only (`居民步` / `行十分钟`) tells.
    fn lines_in_turn(first: usize) -> Vec<Item> {
        [
            "南湖区图书馆新馆昨天正式开放，馆内设有",
            "东港市今年共新建口袋公园十二个，每个公园",
            "阅览座位八百个，少儿阅读区和自习区",
            "都配有健身器材和休息座椅，周边居民步",
            "都设在二楼，每天开放到晚上九点。",
            "行十分钟即可到达。",
        ]
        .iter()
        .enumerate()
        .map(|(k, line)| block(&[line], first + 2 * k))
        .collect()
    }

    #[test]
    fn two_columns_printed_a_line_at_a_time_are_read_apart() {
        let mut items = lines_in_turn(1);
        items.push(block(&["新馆还设有一间视障阅览室。"], 13));
        let (read, starts) = separate(items, &jieba_rs::Jieba::new());
        assert_eq!(
            firsts(&read),
            ["南湖", "阅览", "都设", "东港", "都配", "行十", "新馆"]
        );
        assert_eq!(starts, vec![3]);
    }

    #[test]
    fn the_second_columns_headline_printed_after_the_first_goes_before_its_stream() {
        let mut items = vec![
            block(&["南湖区图书馆新馆开放"], 1),
            block(&["东港市新建口袋公园十二个"], 3),
        ];
        items.extend(lines_in_turn(5));
        let (read, starts) = separate(items, &jieba_rs::Jieba::new());
        assert_eq!(
            firsts(&read),
            ["南湖", "南湖", "阅览", "都设", "东港", "东港", "都配", "行十"]
        );
        assert_eq!(starts, vec![3]);
    }

    #[test]
    fn lines_of_one_column_each_a_block_stay_as_printed() {
        // Every line goes on in the next: no stretch printed in turn.
        let items = vec![
            block(&["南湖区图书馆新馆昨天正式开放，馆内设有阅"], 1),
            block(&["览座位八百个，少儿阅读区和自习区分开设"], 3),
            block(&["置，每天开放到晚上九点，周末延长一小"], 5),
            block(&["时。新馆还设有一间视障阅览室。"], 7),
        ];
        let (read, starts) = separate(items, &jieba_rs::Jieba::new());
        assert!(starts.is_empty());
        assert!(texts(&read)[1].starts_with("览座位"));
    }

    #[test]
    fn one_column_stays_as_printed() {
        let items = vec![
            block(
                &["东港市首条无人驾驶公交示范线本周一正式开通，线路全长九公里，连接高铁站与科"],
                1,
            ),
            block(&["技园区，沿途设有十一个站点。"], 3),
            block(&["示范线首批投入六辆电动小巴，车上仍配有一名安全员。"], 5),
        ];
        let (read, start) = separate(items, &jieba_rs::Jieba::new());
        assert!(start.is_empty());
        assert!(texts(&read)[1].starts_with("技园区"));
    }

    #[test]
    fn a_row_of_both_columns_headlines_starts_the_streams_again() {
        let items = vec![
            block(
                &["东港市首条无人驾驶公交示范线本周一正式开通，线路全长九公里，连接高铁站与科"],
                1,
            ),
            block(
                &["南湖区十个社区近日设立共享工具箱，居民扫码即可借用电钻、梯"],
                3,
            ),
            block(&["技园区，沿途设有十一个站点。"], 5),
            block(&["子和水管扳手，用完七天内归还。"], 7),
            block(
                &["北岭气象站启用新型测雪雷达", "西川大学研制出可降解手机外壳"],
                9,
            ),
            block(&["北岭气象站新启用的测雪雷达，可以每十分钟更"], 12),
            block(&["西川大学材料学院的研究团队用秸秆纤维和植"], 14),
            block(&["新一次积雪深度，精度达到一厘米。"], 16),
            block(&["物树脂，制成了一种可以自然降解的手机外壳。"], 18),
        ];
        let (read, starts) = separate(items, &jieba_rs::Jieba::new());
        assert_eq!(
            firsts(&read),
            [
                "东港", "技园", "南湖", "子和", "北岭", "北岭", "新一", "西川", "物树"
            ]
        );
        assert_eq!(starts, vec![3, 14]);
    }
}
