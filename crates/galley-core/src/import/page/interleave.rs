//! Two columns printed block by block in turn. Some extractions print a block of the left
//! column, then one of the right, and so on, blank lines between them: a sentence stopping at
//! the end of one block goes on two blocks later (`…为他检查身体、调` / `公交站台能否加装座椅` /
//! `整用药。`), and titles and signatures fall between another story's paragraphs. Where
//! such skips are many and agree with one alternation of the items, the page's items are
//! read as two streams, the one holding the first item, then the other. (Lines printed in turn
//! inside one block are [`streams`](super::streams)' work.)

use jieba_rs::Jieba;

use super::blocks::{headline_above_body, is_headline, Item};
use super::lines::{ends_sentence, Line};
use super::stitch::junction;

/// How many sentences must go on two items later for a page to be read as two streams.
const MIN_SKIPS: usize = 3;

/// The items as two streams when they were printed in turn (see the module), with the first
/// line of the second stream; else the items as they are.
pub(super) fn separate(items: Vec<Item>, jieba: &Jieba) -> (Vec<Item>, Option<usize>) {
    let Some((from, to)) = region(&continuations(&items, jieba)) else {
        return (items, None);
    };
    let mut first = Vec::new();
    let mut second = Vec::new();
    let mut rest = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        match i {
            i if i < from => first.push(item),
            i if i <= to && (i - from) % 2 == 1 => second.push(item),
            i if i <= to => first.push(item),
            _ => rest.push(item),
        }
    }
    let start = second.iter().find_map(first_line);
    first.append(&mut second);
    first.append(&mut rest);
    (first, start)
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
}

/// Where each sentence stopping at an item's end goes on, up to three items later.
fn continuations(items: &[Item], jieba: &Jieba) -> Continuations {
    let mut found = Continuations::default();
    for (i, item) in items.iter().enumerate() {
        let Some(last) = open_end(item) else { continue };
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
        assert_eq!(start, Some(4));
        assert!(read[0].starts_with("感谢"), "{read:?}");
        assert!(read[1].starts_with("整用药"), "{read:?}");
        assert!(read[4].starts_with("公交站台"), "{read:?}");
        assert_eq!(read[7], "椅。");
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
        assert_eq!(start, None);
        assert!(texts(&read)[1].starts_with("技园区"));
    }
}
