//! Sentences carried across interleaved columns. Extracted text often prints a column's
//! blocks between another column's: a block that stops mid-sentence goes on in a later
//! block, not always the next one. The continuation is found at the junction itself: a word
//! that spans it (`每十分钟更` + `新一次` reads 更新), or a block opening on punctuation that
//! only continues a sentence (`，`, `。`, `”`). Only such evidence moves a block; without
//! it a sentence goes on in the next block, as before, except where columns printed a line
//! at a time show their turn: there it goes on as many blocks later as the sentences around
//! it do (`in_turn`).

use std::collections::{HashMap, HashSet};

use jieba_rs::Jieba;

use super::lines::{ends_sentence, lines_end_sentence, width, Line};

/// How many later blocks are looked at for a sentence's continuation.
const WINDOW: usize = 8;
/// How many earlier blocks are: extraction sometimes prints a column's next block first.
const WINDOW_BACK: usize = 4;
/// What each block further away costs a continuation: the nearest evidence wins.
const DISTANCE_COST: f64 = 0.05;
/// What looking back costs on top: reading order is right more often than not.
const BACK_COST: f64 = 0.2;
/// Characters each side of a junction given to the segmenter.
const JUNCTION_CHARS: usize = 4;

/// A block of the page: its item index and its lines.
pub struct Block<'a> {
    /// Index among the page's items.
    pub item: usize,
    /// The block's lines.
    pub lines: &'a [Line],
    /// Whether the block may continue another one (not a pull quote, not a headline
    /// standing above its body).
    pub may_continue: bool,
    /// Whether the block is a headline with no text under it: a headline wrapped over two
    /// lines may go on in a later block whose first line is the rest of it (`北岭气象站启用新型
    /// 测雪雷` … `达`, `图书馆推出电子` … `书“一键续借”` over its lead).
    pub headline: bool,
}

/// Continuations found by evidence: pairs of item indices (block stopping mid-sentence,
/// block going on with it), each block at most once on each side, never in a circle.
pub fn links(blocks: &[Block<'_>], jieba: &Jieba) -> Vec<(usize, usize)> {
    let mut scored = candidates(blocks, jieba);
    let at: HashMap<usize, usize> = blocks
        .iter()
        .enumerate()
        .map(|(k, b)| (b.item, k))
        .collect();
    favour_the_turn(&mut scored, &at);
    let mut next = chosen(&mut scored);
    carry_on_in_turn(blocks, &at, &mut next);
    let mut out: Vec<(usize, usize)> = next.into_iter().collect();
    out.sort_unstable();
    out
}

/// The columns' turn, where the evidence shows one, settles a junction two blocks read
/// alike (`…十五个小` goes on in `区试点…` three blocks later, not in `小区加装…` two later):
/// candidates going on as many blocks later as those chosen around them earn [`TURN_BONUS`].
fn favour_the_turn(scored: &mut [(f64, usize, usize)], at: &HashMap<usize, usize>) {
    let turns = turns(at, &chosen(scored));
    for (score, a, b) in scored.iter_mut() {
        let turn = at[b].checked_sub(at[a]);
        if turn.is_some() && turn == agreed_turn(&turns, at[a]) {
            *score += TURN_BONUS;
        }
    }
}

/// Adds the continuations [`in_turn`] finds; each round's show the turn to the blocks next
/// to them, until no block is left that the turn reaches.
fn carry_on_in_turn(
    blocks: &[Block<'_>],
    at: &HashMap<usize, usize>,
    next: &mut HashMap<usize, usize>,
) {
    for _ in 0..blocks.len() {
        let mut taken_to: HashSet<usize> = next.values().copied().collect();
        let mut added = false;
        for (a, b) in in_turn(blocks, &turns(at, next), next) {
            if !taken_to.contains(&b) && !leads_to(next, b, a) {
                next.insert(a, b);
                taken_to.insert(b);
                added = true;
            }
        }
        if !added {
            break;
        }
    }
}

/// The best-scored candidates, each block at most once on each side, never in a circle.
fn chosen(scored: &mut [(f64, usize, usize)]) -> HashMap<usize, usize> {
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut next: HashMap<usize, usize> = HashMap::new();
    let mut taken_to = HashSet::new();
    for &(_, a, b) in scored.iter() {
        if next.contains_key(&a) || taken_to.contains(&b) || leads_to(&next, b, a) {
            continue;
        }
        next.insert(a, b);
        taken_to.insert(b);
    }
    next
}

/// Each forward continuation as (position of its block among the blocks, blocks later).
fn turns(at: &HashMap<usize, usize>, found: &HashMap<usize, usize>) -> Vec<(usize, usize)> {
    found
        .iter()
        .filter_map(|(a, b)| Some((at[a], at[b].checked_sub(at[a])?)))
        .collect()
}

/// What a continuation earns for going on as many blocks later as those around it: more
/// than a block's distance, less than a word's evidence.
const TURN_BONUS: f64 = 0.1;

/// How far around a block the continuations found by evidence are looked at for the
/// columns' turn.
const TURN_REACH: usize = 4;
/// How many of them must agree on the turn.
const TURN_AGREEING: usize = 2;

/// Continuations of blocks printed in turn with no evidence at their own junction. Where
/// three columns are printed a line at a time (`临江市住建局日前公布老旧` / `去年，临江市已在
/// 十五个小` / `本报讯 临江市体育中心的暑` / `小区加装电梯…`), the sentences around a block go on
/// as many blocks later as there are columns; a block left open with nothing at its junction
/// goes on that many blocks later too, where most of the continuations found around it agree
/// on one such turn (of two blocks or more), the block there is free, and its lines fit the
/// column.
fn in_turn(
    blocks: &[Block<'_>],
    turns: &[(usize, usize)],
    found: &HashMap<usize, usize>,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (k, a) in blocks.iter().enumerate() {
        if a.lines.is_empty() {
            continue;
        }
        if found.contains_key(&a.item) || lines_end_sentence(a.lines) || is_letter_alone(a.lines) {
            continue;
        }
        let Some(turn) = agreed_turn(turns, k) else {
            continue;
        };
        let Some(b) = blocks.get(k + turn) else {
            continue;
        };
        let fits = b.may_continue
            && fits_column(b.lines, column_width(a.lines))
            && brackets_agree(a.lines, b.lines);
        if fits {
            out.push((a.item, b.item));
        }
    }
    out
}

/// The turn (in blocks) most continuations found around block `k` agree on, if at least
/// [`TURN_AGREEING`] do, it is two blocks or more, and no other turn is as common.
fn agreed_turn(turns: &[(usize, usize)], k: usize) -> Option<usize> {
    let mut counts: HashMap<usize, usize> = HashMap::new();
    for &(from, turn) in turns {
        if from.abs_diff(k) <= TURN_REACH && from != k {
            *counts.entry(turn).or_default() += 1;
        }
    }
    let (&turn, &n) = counts
        .iter()
        .max_by_key(|&(t, n)| (*n, std::cmp::Reverse(*t)))?;
    let tied = counts.values().filter(|&&m| m == n).count() > 1;
    (turn >= 2 && n >= TURN_AGREEING && !tied).then_some(turn)
}

/// Whether following the links from `from` reaches `to` (a link `to → from` would close a
/// circle, and a circle of blocks has no place on the page).
fn leads_to(next: &HashMap<usize, usize>, from: usize, to: usize) -> bool {
    let mut at = from;
    while let Some(&n) = next.get(&at) {
        if n == to {
            return true;
        }
        at = n;
    }
    from == to
}

/// Every (score, from, to) pair with evidence at its junction, within the window.
fn candidates(blocks: &[Block<'_>], jieba: &Jieba) -> Vec<(f64, usize, usize)> {
    let mut out = Vec::new();
    let leads = leads(blocks);
    for (i, a) in blocks.iter().enumerate() {
        let Some(last) = a.lines.last() else { continue };
        // A letter alone is a name's piece printed apart (`王` / `观`), no sentence.
        if lines_end_sentence(a.lines) || is_letter_alone(a.lines) {
            continue;
        }
        let col = column_width(a.lines);
        let open = |b: &&Block<'_>| b.may_continue || a.headline;
        let later = blocks[i + 1..]
            .iter()
            .filter(open)
            .take(WINDOW)
            .enumerate()
            .map(|(rank, b)| (DISTANCE_COST * rank as f64, b));
        let earlier = blocks[..i]
            .iter()
            .rev()
            .filter(open)
            .take(WINDOW_BACK)
            .enumerate()
            .map(|(rank, b)| (BACK_COST + DISTANCE_COST * rank as f64, b));
        for (cost, b) in later.chain(earlier) {
            let as_text = b.may_continue && fits_column(b.lines, col);
            // A letter alone printed before a headline is a name's piece set apart, not the
            // headline's end (`周` / `敏` … `服务跟上`).
            let rest = &b.lines[0].text;
            let as_title = a.headline
                && !ended_short(a.lines)
                && is_rest_of_headline(rest)
                && (b.item > a.item || rest.chars().count() > 1);
            // A headline's words never go on in the lead of another headline's story.
            let as_text =
                as_text && !(a.headline && leads.get(&b.item).is_some_and(|&h| h != a.item));
            if !(as_text || as_title) || !brackets_agree(a.lines, b.lines) {
                continue;
            }
            let evidence = if !a.headline {
                junction(jieba, &last.text, &b.lines[0].text)
            } else {
                title_junction(jieba, &last.text, rest)
            };
            if evidence > 0.0 {
                out.push((evidence - cost, a.item, b.item));
            }
        }
    }
    out
}

/// The blocks printed right under a headline with no text under it (its story's leads),
/// each with that headline.
fn leads(blocks: &[Block<'_>]) -> HashMap<usize, usize> {
    blocks
        .windows(2)
        .filter(|w| w[0].headline && w[0].item + 1 == w[1].item)
        .map(|w| (w[1].item, w[0].item))
        .collect()
}

/// Most letters the rest of a wrapped headline has on its line.
const MAX_HEADLINE_REST: usize = 12;

/// Whether a line may be the rest of a headline wrapped over two lines: short, with no
/// sentence in it (`达`, `书“一键续借”`).
fn is_rest_of_headline(line: &str) -> bool {
    let n = line.chars().filter(|c| c.is_alphanumeric()).count();
    (1..=MAX_HEADLINE_REST).contains(&n)
        && !ends_sentence(line)
        && !line.contains(['，', '。', '；', '：', ',', ';'])
}

/// Whether a headline wrapped over lines of its own ended on its last: a last line at most
/// half as wide as its first (a line is filled before the next begins), as
/// `公积金贷款最高额度上调至八十万` / `元` did; no rest printed apart goes on from it.
fn ended_short(lines: &[Line]) -> bool {
    match lines {
        [first, .., last] => {
            2 * super::lines::width(&last.text) <= super::lines::width(&first.text)
        }
        _ => false,
    }
}

/// Whether a block is one letter on a line of its own.
fn is_letter_alone(lines: &[Line]) -> bool {
    matches!(lines, [line] if line.text.trim().chars().count() == 1)
}

/// Whether a block may go on with the sentence another stopped in, as far as brackets tell:
/// a bracket the sentence left open (`（新华社北京10月19日电`) closes before it ends, and one
/// the continuation closes was opened by it (`王雨萧）` goes on from no sentence without `（`).
fn brackets_agree(a: &[Line], b: &[Line]) -> bool {
    let open = unclosed(
        a.iter()
            .flat_map(|l| l.text.chars())
            .collect::<String>()
            .as_str(),
    );
    let closes = closed_first(b.iter().flat_map(|l| l.text.chars()));
    (open > 0) == closes
}

/// How many round brackets the last sentence of `text` leaves open.
fn unclosed(text: &str) -> i32 {
    let tail = text
        .rfind(crate::text::is_sentence_end)
        .map_or(text, |k| &text[k..]);
    tail.chars().fold(0, |n, c| match c {
        '（' | '(' => n + 1,
        '）' | ')' => (n - 1).max(0),
        _ => n,
    })
}

/// Whether a text closes a round bracket it did not open before its first sentence ends.
fn closed_first(chars: impl Iterator<Item = char>) -> bool {
    let mut depth = 0;
    for c in chars {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' if depth == 0 => return true,
            '）' | ')' => depth -= 1,
            c if crate::text::is_sentence_end(c) => return false,
            _ => {}
        }
    }
    false
}

/// The width of the column a block is set in: its widest line, a line opening a paragraph
/// (under a finished sentence) with its indent of two letters.
fn column_width(lines: &[Line]) -> usize {
    let indent = |k: usize| {
        if k > 0 && ends_sentence(&lines[k - 1].text) {
            PARAGRAPH_INDENT
        } else {
            0
        }
    };
    (0..lines.len())
        .map(|k| width(&lines[k].text) + indent(k))
        .max()
        .unwrap_or(0)
}

/// A paragraph's first line is indented by two letters (four display units).
const PARAGRAPH_INDENT: usize = 4;

/// Whether a block can be set in a column `col` wide: no line wider, and a block of several
/// lines fills it, within [`WIDTH_SLACK`].
/// Its last line, if short, ends a sentence: a line the layout wrapped fills the column, so
/// a short one that stops mid-sentence (`程`, a name of a byline set apart) goes on nothing.
fn fits_column(lines: &[Line], col: usize) -> bool {
    let own = column_width(lines);
    let last = lines.last().map_or("", |l| l.text.as_str());
    own <= col + WIDTH_SLACK
        && (lines.len() < 2 || own + WIDTH_SLACK >= col)
        && (ends_sentence(last) || width(last) + WIDTH_SLACK >= col)
}

/// How much lines of one column differ in display width: punctuation set half width lets
/// a line hold two more characters (four display units) than its neighbour.
const WIDTH_SLACK: usize = 4;

/// Evidence that `next` goes on with the sentence `line` stopped in: 1.0 for punctuation
/// that only continues a sentence or for a word spanning the junction (more for a longer
/// word, less likely read by chance), else 0. A numbered item (`5. 居民篮球联赛…`) goes on
/// with no sentence, whatever figures the segmenter reads across (`11月30` + `5.`).
pub fn junction(jieba: &Jieba, line: &str, next: &str) -> f64 {
    if super::lines::item_marker(next)
        .is_some_and(|(m, _)| m.starts_with(|c: char| c.is_ascii_digit()))
    {
        return 0.0;
    }
    if next.starts_with([
        '，', '。', '、', '；', '：', '！', '？', '”', '’', '）', '》',
    ]) {
        return if line.ends_with(['，', '、', '；', '：', '“', '（', '《']) {
            0.0
        } else {
            1.0
        };
    }
    if figure_and_unit(line, next) {
        return 1.0;
    }
    match spanned_word(jieba, line, next) {
        0 | 1 => 0.0,
        2 => 1.0,
        _ => 1.3,
    }
}

/// [`junction`] for a headline whose rest may be printed apart: a word read across the
/// junction that is two words of the dictionary cut there (`…全国文明校园` + `社区医院…` read
/// 校园社区) says nothing, for two headlines side by side join so by chance.
fn title_junction(jieba: &Jieba, line: &str, next: &str) -> f64 {
    match spanned(jieba, line, next) {
        Some((word, cut)) if !two_words(jieba, &word, cut) => junction(jieba, line, next),
        Some(_) => 0.0,
        None => junction(jieba, line, next),
    }
}

/// Whether `word` cut at byte `cut` is two words of the dictionary of two letters or more.
fn two_words(jieba: &Jieba, word: &str, cut: usize) -> bool {
    let (a, b) = word.split_at(cut);
    [a, b]
        .iter()
        .all(|w| w.chars().nth(1).is_some() && jieba.has_word(w))
}

/// What a figure cut off at a line's end goes on with: a date's, a time's or a measure's
/// unit, or a score's `比` (`联赛11月30` + `日落幕`, `以68` + `比61战胜`).
const UNITS: &str = "日月年时分秒号元万亿个人名家次天岁米吨亩件辆台座条所位种项场倍斤户度比%％";

/// Whether `line` stops on an Arabic figure and `next` opens with its unit: the segmenter
/// reads no word across `30|日`, yet no sentence opens on `日落幕`.
fn figure_and_unit(line: &str, next: &str) -> bool {
    line.ends_with(|c: char| c.is_ascii_digit()) && next.starts_with(|c: char| UNITS.contains(c))
}

/// The length in letters of the word the segmenter reads across the junction of the end of
/// `line` and the start of `next` (0 if none).
fn spanned_word(jieba: &Jieba, line: &str, next: &str) -> usize {
    spanned(jieba, line, next).map_or(0, |(word, _)| {
        word.chars().filter(|c| c.is_alphanumeric()).count()
    })
}

/// The word the segmenter reads across the junction of the end of `line` and the start of
/// `next`, with the byte where the junction cuts it.
fn spanned(jieba: &Jieba, line: &str, next: &str) -> Option<(String, usize)> {
    let tail: String = {
        let mut t: Vec<char> = line.chars().rev().take(JUNCTION_CHARS).collect();
        t.reverse();
        t.into_iter().collect()
    };
    let head: String = next.chars().take(JUNCTION_CHARS).collect();
    let (Some(l), Some(n)) = (tail.chars().last(), head.chars().next()) else {
        return None;
    };
    if !l.is_alphanumeric() || !n.is_alphanumeric() {
        return None;
    }
    let joined = format!("{tail}{head}");
    let boundary = tail.len();
    let mut at = 0;
    for token in jieba.cut(&joined, false) {
        let end = at + token.word.len();
        if at < boundary && end > boundary {
            return Some((token.word.to_owned(), boundary - at));
        }
        at = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jieba() -> Jieba {
        Jieba::new()
    }

    #[test]
    fn a_figure_cut_from_its_unit_is_evidence() {
        let j = jieba();
        assert_eq!(
            junction(&j, "历时一个半月的联赛11月30", "日落幕，来自八个社区"),
            1.0
        );
        assert_eq!(
            junction(&j, "向阳社区队以68", "比61战胜桂花里队夺冠。"),
            1.0
        );
        assert_eq!(
            junction(&j, "报名时间为12月10日至20", "社区食堂推出周末亲子厨房"),
            0.0
        );
    }

    #[test]
    fn a_word_across_the_junction_is_evidence() {
        let j = jieba();
        assert_eq!(junction(&j, "可以每十分钟更", "新一次积雪深度"), 1.0);
        assert_eq!(junction(&j, "北岭气象站启用新型测雪雷", "达"), 1.0);
        assert_eq!(junction(&j, "可以每十分钟更", "西川大学材料学院"), 0.0);
    }

    #[test]
    fn two_words_read_as_one_across_a_headline_are_no_evidence() {
        let j = jieba();
        // The segmenter reads 校园社区 across the junction of two headlines.
        assert!(junction(&j, "两所学校入选全国文明校园", "社区医院开设夜间门诊") > 0.0);
        assert_eq!(
            title_junction(&j, "两所学校入选全国文明校园", "社区医院开设夜间门诊"),
            0.0
        );
        assert_eq!(title_junction(&j, "北岭气象站启用新型测雪雷", "达"), 1.0);
        assert!(title_junction(&j, "图书馆推出电子", "书“一键续借”") > 0.0);
    }

    #[test]
    fn no_sentence_goes_on_into_a_numbered_item() {
        let j = jieba();
        assert_eq!(
            junction(&j, "柳湾街道居民篮球联赛11月30", "5. 居民篮球联赛决出冠军"),
            0.0
        );
        assert_eq!(junction(&j, "柳湾街道居民篮球联赛11月30", "日落幕"), 1.0);
        assert!(junction(&j, "今年营收达到12", "3亿元") > 0.0);
    }

    #[test]
    fn punctuation_opening_a_block_continues_a_sentence() {
        let j = jieba();
        assert_eq!(
            junction(&j, "团队正在与两家配件厂商洽谈试产", "。团队"),
            1.0
        );
        assert_eq!(junction(&j, "他说，", "。"), 0.0);
    }

    fn lines(texts: &[&str], first: usize) -> Vec<Line> {
        super::super::lines::text_lines(texts, first)
    }

    /// Blocks of the page in order, each free to continue another.
    fn blocks<'a>(parts: &[&'a [Line]]) -> Vec<Block<'a>> {
        parts
            .iter()
            .enumerate()
            .map(|(item, lines)| Block {
                item,
                lines,
                may_continue: true,
                headline: false,
            })
            .collect()
    }

    #[test]
    fn an_interleaved_continuation_is_found_past_another_columns_block() {
        let a = lines(&["北岭气象站新启用的测雪雷达，可以每十分钟更"], 1);
        let other = lines(
            &[
                "西川大学材料学院的研究团队用秸秆纤维和植物",
                "树脂，制成了一种可以自然降解的手机外壳。",
            ],
            3,
        );
        let cont = lines(&["新一次积雪深度，精度达到一厘米。"], 6);
        let blocks = blocks(&[&a, &other, &cont]);
        assert_eq!(links(&blocks, &jieba()), vec![(0, 2)]);
    }

    /// Three columns printed a line at a time, each line a block of its own.
    fn three_columns_in_turn() -> Vec<Vec<Line>> {
        [
            "东坡水库今年的蓄水量比去年",
            "老街的石板路翻修工程下周开",
            "少年宫的暑期书法班本周开始报",
            "同期多了两成，下游八个村的",
            "工，施工期间每天上午九点前",
            "名，今年共开设十二个班，每班",
            "灌溉用水都有了保障。",
            "禁止货车通行。",
            "不超过二十人。",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| lines(&[t], 2 * i + 1))
        .collect()
    }

    #[test]
    fn columns_printed_in_turn_go_on_in_turn_where_nothing_at_the_junction_tells() {
        let parts = three_columns_in_turn();
        let refs: Vec<&[Line]> = parts.iter().map(Vec::as_slice).collect();
        let found = links(&blocks(&refs), &jieba());
        // `去年同期`, `开工` and `报名` are read across their junctions, three blocks apart;
        // nothing is read across `村的`+`灌溉`, `九点前`+`禁止` or `每班`+`不超过`: they go
        // on in the columns' turn, three blocks later, not in the next block.
        for pair in [(0, 3), (1, 4), (2, 5), (3, 6), (4, 7), (5, 8)] {
            assert!(found.contains(&pair), "{pair:?} in {found:?}");
        }
    }

    #[test]
    fn the_turn_settles_a_junction_two_blocks_read_alike() {
        let parts: Vec<Vec<Line>> = [
            "临江市住建局日前公布老旧",
            "去年，临江市已在十五个小",
            "本报讯临江市体育中心的暑",
            "小区加装电梯三年计划，到2028",
            "区试点加装电梯六十二部。家住",
            "期少儿游泳公益培训本周开始报",
            "年底，全市符合条件的六层以下",
            "三楼的退休教师郑淑华说，电梯",
            "名，今年共开设四十个班，每班",
        ]
        .iter()
        .enumerate()
        .map(|(i, t)| lines(&[t], 2 * i + 1))
        .collect();
        let refs: Vec<&[Line]> = parts.iter().map(Vec::as_slice).collect();
        let blocks = blocks(&refs);
        let j = jieba();
        // `小`+`小区` two blocks later and `小`+`区试点` three later both read 小区 across the
        // junction: on evidence alone the nearer wins.
        assert_eq!(chosen(&mut candidates(&blocks, &j)).get(&1), Some(&3));
        // The columns' turn (`暑`+`期`, `报`+`名`: three blocks) decides, and `老旧` goes on
        // in its turn in `小区加装…`.
        let found = links(&blocks, &j);
        for pair in [(0, 3), (1, 4), (2, 5), (5, 8)] {
            assert!(found.contains(&pair), "{pair:?} in {found:?}");
        }
    }

    #[test]
    fn one_continuation_in_turn_shows_no_turn() {
        let a = lines(&["北岭气象站新启用的测雪雷达，可以每十分钟更"], 1);
        let other = lines(&["西川大学材料学院的研究团队用秸秆纤维和植物"], 3);
        let third = lines(&["东坡水库今年的蓄水量比去年"], 5);
        let cont = lines(&["新一次积雪深度，精度达到一厘米。"], 7);
        let blocks = blocks(&[&a, &other, &third, &cont]);
        // Only the evidence links: `植物` and `去年` stop with nothing shown after them.
        assert_eq!(links(&blocks, &jieba()), vec![(0, 3)]);
    }

    #[test]
    fn a_letter_alone_continues_nothing() {
        // `王` / `观`: a writer's name printed apart; `观者` reads across the junction.
        let letter = lines(&["观"], 1);
        let later = lines(&["者"], 9);
        let blocks = blocks(&[&letter, &later]);
        assert!(junction(&jieba(), "观", "者") > 0.0);
        assert!(links(&blocks, &jieba()).is_empty());
    }

    #[test]
    fn an_open_bracket_closes_before_the_sentence_ends() {
        let credit = lines(&["（新华社北京10月19日电"], 1);
        let names = lines(&["记者赵超、王雨萧）"], 2);
        let lead = lines(&["文，祝贺其当选，指出两党推动交流合作。"], 3);
        assert!(brackets_agree(&credit, &names));
        assert!(
            !brackets_agree(&credit, &lead),
            "电文 spans the junction, yet no bracket closes"
        );
        let sentence = lines(&["中共中央总书记19日致电郑丽"], 4);
        assert!(brackets_agree(&sentence, &lead));
        assert!(
            !brackets_agree(&sentence, &names),
            "a bracket closed that was never opened"
        );
    }

    #[test]
    fn a_block_ending_short_and_mid_sentence_continues_nothing() {
        let column = 2 * 20;
        assert!(
            !fits_column(&lines(&["程"], 1), column),
            "a byline's name set apart"
        );
        assert!(
            fits_column(&lines(&["达。"], 1), column),
            "a sentence's last word"
        );
        let full = "这种外壳在土壤中约十八个月可分解大半，强度";
        assert!(
            fits_column(&lines(&[full], 1), column),
            "a column's last line, full"
        );
    }
}
