//! Blocks and their roles: repaired lines grouped by blank lines, then classified as
//! furniture, source, headline (title or cross-head), pull quote or body text; blank
//! lines inside a sentence (column breaks) are undone and body text is cut into
//! paragraphs.

use std::collections::HashSet;

use jieba_rs::Jieba;

use crate::model::Source;

use super::lines::{
    ends_sentence, ends_with_address, is_byline, join, width, Line, LineKind, Vocab,
};
use super::{interleave, stitch, streams};

/// What a piece of the page is.
#[derive(Debug, Clone, PartialEq)]
pub enum UnitKind {
    /// Column labels, page headers and footers.
    Furniture,
    /// A source attribution.
    Source(Source),
    /// A short unpunctuated block: an article title or a section heading.
    /// `strong`: a doubled bold headline or one wrapped over several lines.
    Headline {
        /// Whether it is a doubled bold headline or wraps over several lines.
        strong: bool,
    },
    /// A passage repeating a sentence printed elsewhere; `target_line` is the first line
    /// of the text it repeats.
    PullQuote {
        /// The first line of the repeated text.
        target_line: usize,
    },
    /// A paragraph of body text.
    Para,
}

/// One piece of the page in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    /// What the piece is.
    pub kind: UnitKind,
    /// The piece's text, its lines joined.
    pub text: String,
    /// The 1-based input line it starts on.
    pub first_line: usize,
    /// The 1-based input line it ends on.
    pub last_line: usize,
    /// For paragraphs: the column width (display units) of the text they come from.
    pub col: Option<usize>,
    /// For paragraphs: which body text (blocks joined across column breaks) they come from.
    pub group: usize,
    /// For paragraphs: how many times their text goes on across a blank line or a line set
    /// aside (a column break guessed inside a sentence) with nothing at the junction saying
    /// so (no word spanning it, no punctuation only a continuation opens with).
    pub breaks: usize,
    /// Whether the unit opens a column read apart from another printed in turn with it (see
    /// [`streams`]): it does not go on from the unit before it.
    pub new_column: bool,
    /// For headlines: their lines as printed (one line for a title joined from parallel
    /// halves); empty for other units.
    pub title_lines: Vec<String>,
}

/// A line standing alone (furniture, a source, a doubled headline) or a block of text lines.
pub(super) enum Item {
    /// A line standing alone.
    One(Line),
    /// Text lines between blank lines.
    Block(Vec<Line>),
}

/// Groups, classifies and joins the repaired lines (`raw`: the page's lines as extracted).
pub fn units(lines: Vec<Line>, raw: &[&str], vocab: &Vocab, jieba: &Jieba) -> Vec<Unit> {
    let (items, mut column_starts, halves) = separate_streams(group(lines), raw, jieba);
    let (items, second_column) = interleave::separate(items, jieba);
    column_starts.extend(second_column);
    let items = part_leading_quotes(items);
    let quotes = pull_quotes(&items);
    let (items, quotes) = stitch_columns(items, quotes, jieba);
    let mut b = UnitBuilder {
        vocab,
        jieba,
        halves: &halves,
        out: Vec::new(),
        text: Vec::new(),
        group_no: 0,
        pending: Vec::new(),
        in_byline: false,
        above_credit: false,
        above_byline: false,
        credited_page: false,
    };
    let credits: Vec<Option<String>> = (0..items.len()).map(|i| credit_after(&items, i)).collect();
    let bylines: Vec<bool> = items.iter().map(is_byline_item).collect();
    b.credited_page = credited_titles(&items, &credits) >= CREDITED_TITLES;
    for (i, item) in items.into_iter().enumerate() {
        match item {
            Item::One(line) => b.line(&line),
            Item::Block(mut block) => {
                b.above_credit = credits[i].is_some();
                b.above_byline = byline_after(&bylines, i);
                if let Some(k) = credits[i].as_deref().and_then(|names| {
                    name_under_title(&block, names, jieba).or_else(|| {
                        b.credited_page
                            .then(|| surname_under_title(&block, names, jieba))
                            .flatten()
                    })
                }) {
                    // `最大变化是消费观念的改变` / `陶多多` / `《人民日报》（…）`.
                    let name = block.split_off(k);
                    // A writer's name under it: a title, as over a byline.
                    b.above_byline = true;
                    b.block(block, None);
                    b.byline(&name);
                    continue;
                }
                let notice = notice_start(&block).map(|k| block.split_off(k));
                let quote = quotes.get(&i).copied();
                if quote.is_none() {
                    // A cross-head printed inside a block starts a block of its own.
                    while let Some(k) = heading_inside(&block) {
                        let rest = block.split_off(k);
                        b.block(std::mem::replace(&mut block, rest), None);
                    }
                }
                if !block.is_empty() {
                    b.block(block, quote);
                }
                if let Some(notice) = notice {
                    b.notice(&notice);
                }
            }
        }
    }
    b.flush();
    for u in &mut b.out {
        u.new_column = column_starts.contains(&u.first_line);
    }
    b.out
}

/// The units of a page as they are built, item by item.
struct UnitBuilder<'a> {
    vocab: &'a Vocab,
    jieba: &'a Jieba,
    /// The lines cut in two, a half in each column.
    halves: &'a streams::Halves,
    out: Vec<Unit>,
    /// Body text being built: lines of blocks joined across column breaks.
    text: Vec<Line>,
    group_no: usize,
    /// Out-of-flow units met inside a sentence, placed after it.
    pending: Vec<Unit>,
    /// Whether a byline was the last thing met (its names may follow as blocks of their own).
    in_byline: bool,
    /// Whether the block being placed is right above a credit: a source line, a byline or a
    /// dateline (what prints under a title).
    above_credit: bool,
    /// Whether that credit is a byline (`本报记者`) or a writer's name.
    above_byline: bool,
    /// Whether the page's titles stand over credits: at least [`CREDITED_TITLES`] blocks do.
    credited_page: bool,
}

/// How many blocks over credits make a page whose titles are credited.
const CREDITED_TITLES: usize = 3;

impl UnitBuilder<'_> {
    /// Whether body text is open, its sentence not yet ended.
    fn open_sentence(&self) -> bool {
        !self.text.is_empty()
    }

    /// Closes the body text being built into paragraphs, then places the units held back.
    fn flush(&mut self) {
        if !self.text.is_empty() {
            self.group_no += 1;
            self.out.extend(paragraphs(
                &self.text,
                (self.vocab, self.jieba, self.halves),
                self.group_no,
            ));
            self.text.clear();
        }
        self.out.append(&mut self.pending);
    }

    /// A single line: furniture (held back inside an open sentence), a source line or a
    /// doubled headline (both closing the body text).
    fn line(&mut self, line: &Line) {
        let (kind, keep_open) = match &line.kind {
            LineKind::Furniture => (UnitKind::Furniture, true),
            LineKind::Source(s) => (UnitKind::Source(s.clone()), false),
            LineKind::Doubled => (UnitKind::Headline { strong: true }, false),
            LineKind::Text | LineKind::Blank => return,
        };
        self.in_byline = kind == UnitKind::Furniture && is_byline(&line.text);
        let title_lines = match kind {
            UnitKind::Headline { .. } => vec![line.text.clone()],
            _ => Vec::new(),
        };
        let unit = Unit {
            kind,
            text: line.text.clone(),
            first_line: line.no,
            last_line: line.no,
            col: None,
            group: 0,
            breaks: 0,
            new_column: false,
            title_lines,
        };
        if keep_open && self.open_sentence() {
            self.pending.push(unit);
        } else {
            self.flush();
            self.out.push(unit);
        }
    }

    /// Sets a block aside if it is a piece of a credit: a byline's names printed one by one
    /// after it (`本报记者` / `程` / `龙`), a letter or a name printed apart from its line, a
    /// writer's place or name under a letter. Returns whether it was.
    fn credit_piece(&mut self, block: &[Line]) -> bool {
        let in_byline = std::mem::take(&mut self.in_byline);
        let credit = !self.open_sentence() && is_credit_alone(block, self.jieba);
        if !(credit || (in_byline && is_name_piece(block))) {
            return false;
        }
        self.in_byline = true;
        let unit = self.block_unit(block, UnitKind::Furniture);
        if self.open_sentence() {
            self.pending.push(unit);
        } else {
            self.out.push(unit);
        }
        true
    }

    /// A writer's name under a title, set aside as a byline (names printed apart after it
    /// are too).
    fn byline(&mut self, lines: &[Line]) {
        let unit = self.block_unit(lines, UnitKind::Furniture);
        self.out.push(unit);
        self.in_byline = true;
    }

    /// A website's notice (see [`notice_start`]): set aside with the furniture, after the text
    /// before it.
    fn notice(&mut self, lines: &[Line]) {
        self.flush();
        let unit = self.block_unit(lines, UnitKind::Furniture);
        self.out.push(unit);
    }

    /// A block of lines: a pull quote (`quote` is the line it repeats), a headline, or
    /// body text, which goes on across the block's end until a sentence ends.
    fn block(&mut self, block: Vec<Line>, quote: Option<usize>) {
        if self.credit_piece(&block) {
            return;
        }
        let wordless = !block
            .iter()
            .any(|l| l.text.chars().any(char::is_alphanumeric));
        if wordless && !(self.open_sentence() && goes_on_a_figure(&block)) {
            // Stray punctuation or rules: set aside with the furniture, not lost.
            let unit = self.block_unit(&block, UnitKind::Furniture);
            if self.open_sentence() {
                self.pending.push(unit);
            } else {
                self.out.push(unit);
            }
            return;
        }
        if !self.open_sentence() && is_contact_line(&block) {
            let unit = self.block_unit(&block, UnitKind::Furniture);
            self.out.push(unit);
            return;
        }
        if self.open_sentence() && opens_item(&block) {
            // A numbered item starts afresh, whatever the text before it left open.
            self.flush();
        }
        let open_sentence = self.open_sentence();
        if let Some(target_line) = quote {
            let unit = self.block_unit(&block, UnitKind::PullQuote { target_line });
            if open_sentence {
                self.pending.push(unit);
            } else {
                self.out.push(unit);
            }
            return;
        }
        if open_sentence && is_address_line(&block) {
            // No sentence goes on into `报修网址：https://…`: another column's line, held
            // back until the open sentence ends.
            self.group_no += 1;
            let units = paragraphs(&block, (self.vocab, self.jieba, self.halves), self.group_no);
            self.pending.extend(units);
            return;
        }
        if let Some(source) = web_source(&block).filter(|_| !open_sentence && block.len() > 1) {
            self.flush();
            let unit = self.block_unit(&block, UnitKind::Source(source));
            self.out.push(unit);
            return;
        }
        if !open_sentence && is_dateline_alone(&block) {
            // `新华社北京10月19日电` set apart from its lead's first words: the lead goes on.
            self.flush();
            self.text.extend(block);
            return;
        }
        // A title wrapped over two lines above a credit is one title, not a headline over
        // its body (`先进人物图片损毁` / `影响公益宣传功能（身边事）` / `《人民日报》…`).
        // Over a writer's name, a title may be as short as a poem's (`黔灵山`).
        let named_short = self.above_byline && is_short_title(&block);
        let title_over_credit = self.above_credit && (is_title_above_credit(&block) || named_short);
        if !open_sentence && !title_over_credit {
            if let Some(k) = headline_above_body(&block) {
                let body = block[k..].to_vec();
                self.flush();
                let strong = self.wrap_marks_title(k);
                let unit = self.block_unit(&block[..k], UnitKind::Headline { strong });
                self.out.push(unit);
                // The rest is body text: it opens no other headline.
                self.text.extend(body);
                if super::lines::lines_end_sentence(&self.text) {
                    self.flush();
                }
                return;
            }
        }
        let titled = is_headline(&block) || title_over_credit || is_numbered_title_block(&block);
        // A title over a byline is a title even after text that stops mid-sentence: no
        // sentence goes on into a byline. (A source line may close another column's text.)
        if titled && (!open_sentence || (title_over_credit && self.above_byline)) {
            self.flush();
            let mut unit = self.block_unit(
                &block,
                UnitKind::Headline {
                    // A headline over a credit is a story's title, never a cross-head.
                    strong: block.len() > 1 || self.above_credit,
                },
            );
            if title_over_credit {
                self.join_parallel_title(&mut unit);
            }
            self.out.push(unit);
            return;
        }
        if !open_sentence {
            self.flush();
        }
        self.text.extend(block);
        if super::lines::lines_end_sentence(&self.text) || closes_credit(&self.text) {
            self.flush();
        }
    }

    /// A title printed in two parallel halves of the same length, one over the other
    /// (`中国科技` / `活力奔涌`), perhaps with the byline's pieces between them (`展世界艺术画卷`
    /// / `本报记者` / `建文化交流平台` / `曹玲娟`): the first half, just placed, joins the
    /// second, a space between them as the PDF path reads them.
    fn join_parallel_title(&mut self, second: &mut Unit) {
        let Some(at) = self.out.iter().rposition(|u| u.kind != UnitKind::Furniture) else {
            return;
        };
        let first = &self.out[at];
        let half = |u: &Unit| u.text.chars().count();
        let parallel = matches!(first.kind, UnitKind::Headline { .. })
            && (4..=MAX_TITLE_HALF).contains(&half(first))
            && half(first) == half(second)
            && second.first_line - first.last_line <= MAX_HALVES_APART
            && first.first_line == first.last_line
            && second.first_line == second.last_line;
        if parallel {
            let first = self.out.remove(at);
            second.text = format!("{} {}", first.text, second.text);
            second.first_line = first.first_line;
            second.title_lines = vec![second.text.clone()];
        }
    }

    /// Whether a headline of `lines` lines printed right above its body is a story's title by
    /// its wrapping alone: not on a page whose titles stand over credits (a reprint's bylines
    /// and edition lines), where a headline glued to body text with no credit between is a
    /// section's heading however it wraps (`老盛的“舍得”——` / `“两山白茶贷”助力茶产业绿色环保发展`
    /// / `“茶圣陆羽…`).
    fn wrap_marks_title(&self, lines: usize) -> bool {
        lines > 1 && !self.credited_page
    }

    /// A block's lines joined into one unit of the given kind.
    fn block_unit(&self, block: &[Line], kind: UnitKind) -> Unit {
        let strs: Vec<&str> = block.iter().map(|l| l.text.as_str()).collect();
        let title_lines = match kind {
            UnitKind::Headline { .. } => strs.iter().map(|s| s.trim().to_owned()).collect(),
            _ => Vec::new(),
        };
        Unit {
            title_lines,
            kind,
            text: join(&strs, self.vocab),
            first_line: block[0].no,
            last_line: block[block.len() - 1].no,
            col: None,
            group: 0,
            breaks: 0,
            new_column: false,
        }
    }
}

/// Splits each block printing two columns line by line in turn into its two columns (see
/// [`streams`]).
/// Also returns the first line of each second column found and the lines cut in two.
fn separate_streams(
    items: Vec<Item>,
    raw: &[&str],
    jieba: &Jieba,
) -> (Vec<Item>, HashSet<usize>, streams::Halves) {
    let mut out = Vec::with_capacity(items.len());
    let mut starts = HashSet::new();
    let mut halves = streams::Halves::new();
    // Whether each of the two items before was a headline printed on its own.
    let mut titles = [false, false];
    for item in items {
        let title = matches!(&item, Item::Block(lines) if is_headline(lines));
        let expected = titles == [true, true];
        titles = [titles[1], title];
        match item {
            Item::Block(lines) => match streams::separate(&lines, raw, jieba, expected) {
                Some(s) => {
                    starts.insert(s.second[0].no);
                    halves.extend(s.cut);
                    out.extend(in_reading_order(s.first, s.second).map(Item::Block));
                }
                None => out.extend(cut_at_items(lines).into_iter().map(Item::Block)),
            },
            one => out.push(one),
        }
    }
    (out, starts, halves)
}

/// Two streams of a block cut at their items' titles (see [`cut_at_items`]), the first
/// stream's, then the second's; an item of the first printed after the whole second stream
/// (the next row's title, the block's last line) comes after it.
fn in_reading_order(first: Vec<Line>, second: Vec<Line>) -> impl Iterator<Item = Vec<Line>> {
    let end = second.last().map_or(0, |l| l.no);
    let (before, after): (Vec<_>, Vec<_>) = cut_at_items(first)
        .into_iter()
        .enumerate()
        .partition(|(k, part)| *k == 0 || part[0].no < end);
    let strip = |parts: Vec<(usize, Vec<Line>)>| parts.into_iter().map(|(_, p)| p);
    strip(before)
        .chain(cut_at_items(second))
        .chain(strip(after))
}

/// A block cut before each numbered item's title inside it (`2. 第二食堂推出八元午餐套餐`):
/// an item starts afresh even where no blank line sets it apart.
fn cut_at_items(lines: Vec<Line>) -> Vec<Vec<Line>> {
    let mut out: Vec<Vec<Line>> = Vec::new();
    for line in lines {
        let opens = super::lines::item_marker(&line.text).is_some()
            && is_headline(std::slice::from_ref(&line));
        match out.last_mut() {
            Some(block) if !opens => block.push(line),
            _ => out.push(vec![line]),
        }
    }
    out
}

/// Joins each block stopping mid-sentence with the later block that goes on with it, where
/// the junction says so (see [`stitch`]); pull quotes keep their place and their index.
fn stitch_columns(
    items: Vec<Item>,
    quotes: std::collections::HashMap<usize, usize>,
    jieba: &Jieba,
) -> (Vec<Item>, std::collections::HashMap<usize, usize>) {
    let blocks: Vec<stitch::Block<'_>> = items
        .iter()
        .enumerate()
        .filter(|(i, _)| !quotes.contains_key(i))
        .filter_map(|(i, item)| match item {
            Item::Block(lines) => Some(stitch::Block {
                item: i,
                lines,
                may_continue: headline_above_body(lines).is_none() && !is_address_line(lines),
                headline: is_headline(lines) && headline_above_body(lines).is_none(),
            }),
            Item::One(_) => None,
        })
        .collect();
    let links: std::collections::HashMap<usize, usize> =
        stitch::links(&blocks, jieba).into_iter().collect();
    if links.is_empty() {
        return (items, quotes);
    }
    let moved: std::collections::HashSet<usize> = links.values().copied().collect();
    let mut slots: Vec<Option<Item>> = items.into_iter().map(Some).collect();
    let mut out = Vec::with_capacity(slots.len());
    let mut new_quotes = std::collections::HashMap::new();
    for i in 0..slots.len() {
        if moved.contains(&i) {
            continue;
        }
        let Some(mut item) = slots[i].take() else {
            continue;
        };
        let mut at = i;
        while let (Some(&next), Item::Block(lines)) = (links.get(&at), &mut item) {
            if let Some(Item::Block(more)) = slots[next].take() {
                lines.extend(more);
            }
            at = next;
        }
        if let Some(&q) = quotes.get(&i) {
            new_quotes.insert(out.len(), q);
        }
        out.push(item);
        if at != i {
            // The source line closing the block the sentence went on in closes this story.
            out.extend(take_source(&mut slots, at + 1));
        }
    }
    (out, new_quotes)
}

/// The source line at `i` of the items, taken out.
fn take_source(slots: &mut [Option<Item>], i: usize) -> Option<Item> {
    let slot = slots.get_mut(i)?;
    match slot {
        Some(Item::One(line)) if matches!(line.kind, LineKind::Source(_)) => slot.take(),
        _ => None,
    }
}

/// Splits the lines into single lines and blocks of text lines between blank lines.
fn group(lines: Vec<Line>) -> Vec<Item> {
    let mut items = Vec::new();
    let mut block: Vec<Line> = Vec::new();
    for line in lines {
        match line.kind {
            LineKind::Text => block.push(line),
            LineKind::Blank => {
                if !block.is_empty() {
                    items.push(Item::Block(std::mem::take(&mut block)));
                }
            }
            _ => {
                if !block.is_empty() {
                    items.push(Item::Block(std::mem::take(&mut block)));
                }
                items.push(Item::One(line));
            }
        }
    }
    if !block.is_empty() {
        items.push(Item::Block(block));
    }
    items
}

/// Longest headline, in characters.
const MAX_HEADLINE: usize = 40;

/// A lone sign that a figure's line break left on a line of its own (`增长12` / `%`): it goes
/// on with the open sentence.
fn goes_on_a_figure(block: &[Line]) -> bool {
    matches!(block, [line] if line.text.chars().count() <= 2
        && line.text.chars().all(|c| matches!(c, '%' | '％' | '‰' | '℃' | '°' | '+' | '＋')))
}

/// A short block of at most three short lines without sentence punctuation.
pub fn is_headline(block: &[Line]) -> bool {
    if block.is_empty() || block.len() > 3 || block.iter().any(|l| width(&l.text) > 52) {
        return false;
    }
    let text: String = block.iter().map(|l| l.text.as_str()).collect();
    let n = text.chars().count();
    let cjk = text
        .chars()
        .filter(|&c| crate::text::is_cjk(c) && c.is_alphabetic())
        .count();
    (4..=MAX_HEADLINE).contains(&n)
        && cjk >= 2
        && !text.contains(['。', '；', ','])
        && (!text.contains('，') || is_comma_title(block, &text))
        && !ends_sentence(&text)
        && !text.ends_with(['、', '：', ':', '（', '《', '“', '‘', '-'])
        && !text.starts_with(['，', '。', '、', '”', '’', '）', '》', '；', '：'])
        // `本报讯（记者 赵一鸣）老城区十四条街巷的雨污`: a lead's first line, not a headline.
        && super::lines::dateline(&text).is_none()
        && !is_notice_or_aside(&text)
}

/// A title in two clauses wrapped over lines of its own (`县人民医院与省肿瘤医院共建远程` /
/// `会诊中心，群众在家门口可约省级` / `专家`): one comma, and a last line clearly shorter
/// than the first, where it ends. A piece of body text cut off by a column break runs to
/// the column's end, and one line is too little to tell.
fn is_comma_title(block: &[Line], text: &str) -> bool {
    let (Some(first), Some(last)) = (block.first(), block.last()) else {
        return false;
    };
    block.len() >= 2
        && text.matches('，').count() == 1
        && !text.ends_with('，')
        && width(&last.text) * 4 <= width(&first.text) * 3
}

/// Text no title is: an address (`dzlx@example.cn移动端：…`) or an aside wholly in brackets
/// (`（刘张烨参与采写）`).
fn is_notice_or_aside(text: &str) -> bool {
    super::lines::contains_address(text) || bracketed(text)
}

/// A line of contact details on its own, no sentence, its address inside it
/// (`dzlx@example.cn移动端：晨报客户端“帮你问”`): set aside with the furniture. A line ending
/// with its address (`详情：https://…`) ends a paragraph as before.
fn is_contact_line(block: &[Line]) -> bool {
    matches!(block, [line] if super::lines::contains_address(&line.text)
        && !super::lines::ends_with_address(&line.text)
        && !line.text.contains(['。', '！', '？', '；']))
}

/// Most letters of the label before an address on a line of its own (`报修网址：`).
const MAX_ADDRESS_LABEL: usize = 8;

/// Most lines an address on lines of its own wraps onto.
const MAX_ADDRESS_LINES: usize = 3;

/// A web address on a line of its own under a short label (`报修网址：https://…`,
/// `摊位预约：www.…`): a line no sentence goes on into, whatever a word read across the
/// junction says (`…11月30日` + `报修网址` reads 日报).
fn is_address_line(block: &[Line]) -> bool {
    // The address may wrap onto lines of its own (`视频：www.xichuan.ed-` / `u.cn/v/88`).
    let goes_on = |l: &Line| super::lines::goes_on_with_address(&l.text);
    if block.is_empty() || block.len() > MAX_ADDRESS_LINES || !block[1..].iter().all(goes_on) {
        return false;
    }
    let text: String = block.iter().map(|l| l.text.trim()).collect();
    let Some((label, _)) = text.split_once(['：', ':']) else {
        return false;
    };
    // A label in words (`报修网址`), not an address's own scheme (`https`).
    super::lines::ends_with_address(&text)
        && (1..=MAX_ADDRESS_LABEL).contains(&label.chars().count())
        && label.chars().any(crate::text::is_cjk)
        && !label.contains(['。', '，', '！', '？', '；'])
}

/// Whether the text is wholly in one pair of brackets.
fn bracketed(text: &str) -> bool {
    text.trim()
        .strip_prefix(['（', '('])
        .is_some_and(first_bracket_closes_at_end)
}

/// Whether the bracket just opened before `inner` closes at its very end.
fn first_bracket_closes_at_end(inner: &str) -> bool {
    let mut depth = 1;
    for (k, c) in inner.char_indices() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            return k + c.len_utf8() == inner.len();
        }
    }
    false
}

/// A headline printed right above its body with no blank line between: the first one or two
/// lines of the block form a headline and the last of them is short against the body lines
/// (a body line that short would end a sentence). The number of headline lines: two or three
/// when the later lines are short too (a headline wrapped in a narrow column: `江口港集装箱吞吐量` /
/// `创同期新高`, `杉木乡一万六千` / `亩油茶林进入盛` / `产期`; a body's first line is full).
pub(super) fn headline_above_body(block: &[Line]) -> Option<usize> {
    plain_headline_above_body(block).or_else(|| numbered_head_above_body(block))
}

/// [`headline_above_body`] for any headline: short against the body lines.
fn plain_headline_above_body(block: &[Line]) -> Option<usize> {
    (1..=3.min(block.len().saturating_sub(1))).rev().find(|&k| {
        let body = block[k..].iter().map(|l| width(&l.text)).max().unwrap_or(0);
        // A column of a few characters tells a headline from an indented line by nothing.
        if body < MIN_BODY_WIDTH {
            return false;
        }
        let last = &block[k - 1].text;
        // A line opening with a comma or a closing mark goes on from the one above it.
        let continued = goes_on(&block[k].text);
        !continued
            && is_headline(&block[..k])
            && width(last) * 4 < body * 3
            && !ends_sentence(last)
            && (block[k..]
                .iter()
                .any(|l| l.text.contains(['，', '。', '；', ',']))
                || block[..k].iter().all(|l| width(&l.text) < body))
    })
}

/// A numbered item's title right above its body (`5. 桂溪镇茶叶合作社拿到首笔出口订单` /
/// `桂溪镇云雾茶专业合作社日前与一家外贸公司签`): its marker says a title may open the block,
/// so the title need only stop short of the body's full lines, and one wrapped onto a second
/// line may hold a comma (`4. 县人民医院与省肿瘤医院共建远程会诊中` / `心，群众在家门口可约
/// 省级专家`): its first line about full (a letter kept with the comma it carries may leave
/// it short), its second short, neither ending a sentence.
fn numbered_head_above_body(block: &[Line]) -> Option<usize> {
    let (_, first) = super::lines::item_marker(&block.first()?.text)?;
    if block.len() < 2 || goes_on(&block[1].text) {
        return None;
    }
    let body = |k: usize| block[k..].iter().map(|l| width(&l.text)).max().unwrap_or(0);
    let two = body(2);
    let wrapped = block.len() > 2
        && two >= MIN_BODY_WIDTH
        && !goes_on(&block[2].text)
        && width(&block[0].text) * 4 >= two * 3
        && width(&block[1].text) * 4 < two * 3
        && width(&block[1].text) < width(&block[0].text)
        && is_numbered_title(&format!("{first}{}", block[1].text));
    if wrapped {
        return Some(2);
    }
    let one = body(1);
    (one >= MIN_BODY_WIDTH && width(&block[0].text) < one && is_headline(&block[..1])).then_some(1)
}

/// A block of at most three lines that is a numbered item's title and nothing else
/// (`4. 县人民医院与省肿瘤医院共建远程会诊中心，` / `群众在家门口可约省级专家`): it may hold
/// one comma, which a headline without the marker may not.
fn is_numbered_title_block(block: &[Line]) -> bool {
    let Some((_, first)) = block
        .first()
        .and_then(|l| super::lines::item_marker(&l.text))
    else {
        return false;
    };
    let rest: String = block[1..].iter().map(|l| l.text.as_str()).collect();
    let text = format!("{first}{rest}");
    block.len() <= 3
        && text.matches(['，', ',']).count() <= 1
        && text.chars().filter(|&c| crate::text::is_cjk(c)).count() >= 2
        && is_numbered_title(&text)
}

/// A numbered item's title after its marker, wrapped: a headline that may hold commas.
fn is_numbered_title(text: &str) -> bool {
    let n = text.chars().count();
    (4..=MAX_HEADLINE).contains(&n)
        && !text.contains(['。', '；', '！', '？'])
        && !ends_sentence(text)
        && !text.ends_with(['，', ',', '、', '：', ':', '（', '《', '“', '‘', '-'])
        && super::lines::dateline(text).is_none()
        && !is_notice_or_aside(text)
}

/// Whether the items after `i` are a credit (see [`is_credit`]), past rules and at most two
/// letters of a name printed apart (`洪` / `勇`); then the letters passed. A rule right under
/// the block underlines it as a title does (`标题` / `=====`), whatever follows.
fn credit_after(items: &[Item], i: usize) -> Option<String> {
    let mut names = String::new();
    for (k, item) in items.iter().skip(i + 1).take(4).enumerate() {
        if is_credit(item) {
            return Some(names);
        }
        match item {
            Item::Block(block) if is_name_piece(block) && names.chars().count() < 4 => {
                names.extend(block[0].text.chars().filter(|c| !c.is_whitespace()));
            }
            Item::One(line)
                if line.kind == LineKind::Furniture && super::lines::is_rule(&line.text) =>
            {
                if k == 0 {
                    return Some(names);
                }
            }
            _ => return None,
        }
    }
    None
}

/// Where the writer's name under a title starts in the title's block: its last line, with
/// `names` (letters printed apart after it), reads as a personal name, and the lines above it
/// read as a title.
fn name_under_title(block: &[Line], names: &str, jieba: &Jieba) -> Option<usize> {
    let (k, last) = line_under_title(block)?;
    let name = format!("{last}{names}");
    let title = &block[..k];
    // Letters printed apart one by one under a title (`朱` / `柚`) are a name's, whatever the
    // segmenter reads; so is a name followed by another writer's (`张成虎` / `高睿凯`).
    let spaced = !names.is_empty() && last.chars().count() <= 2 && names.chars().count() <= 2;
    let writer = is_personal_name(&name, jieba)
        || is_personal_name(&last, jieba)
        || spaced
        || (names.is_empty() && is_institution(&last));
    (writer && (is_headline(title) || is_title_above_credit(title))).then_some(k)
}

/// The last line of a block of two or more (where a writer's name under a title would be)
/// and its letters without spaces.
fn line_under_title(block: &[Line]) -> Option<(usize, String)> {
    let k = block.len().checked_sub(1).filter(|&k| k > 0)?;
    let letters = block[k]
        .text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    Some((k, letters))
}

/// On a page whose titles stand over credits, a writer's name under a title that the
/// segmenter does not know as one (`黔灵山` / `干海兵` / `《人民日报》…`): two to four
/// letters opening with a family name, not a word of the dictionary.
fn surname_under_title(block: &[Line], names: &str, jieba: &Jieba) -> Option<usize> {
    let (k, last) = line_under_title(block)?;
    let name = format!("{last}{names}");
    let letters = name.chars().count();
    let named = (2..=4).contains(&letters)
        && name
            .chars()
            .all(|c| crate::text::is_cjk(c) && c.is_alphabetic())
        && opens_with_family_name(&name)
        && !jieba.has_word(&name);
    let title = &block[..k];
    (named && (is_headline(title) || is_title_above_credit(title) || is_short_title(title)))
        .then_some(k)
}

/// A title of two or three letters on one line (`黔灵山`, `乡愁`), as poems and essays have.
fn is_short_title(block: &[Line]) -> bool {
    matches!(block, [line] if (2..=3).contains(&line.text.trim().chars().count())
        && line.text.trim().chars().all(|c| crate::text::is_cjk(c) && c.is_alphabetic()))
}

/// Common Chinese family names of one letter.
const FAMILY_NAMES: &str = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董\
    袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙\
    史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧\
    耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁\
    蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应\
    臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝干";

/// Family names of two letters.
const DOUBLE_FAMILY_NAMES: [&str; 8] = [
    "欧阳", "司马", "诸葛", "上官", "东方", "慕容", "司徒", "皇甫",
];

/// Whether a name opens with a family name (a two-letter one leaves at least one letter).
fn opens_with_family_name(name: &str) -> bool {
    let double = DOUBLE_FAMILY_NAMES
        .iter()
        .any(|f| name.starts_with(f) && name.chars().count() > 2);
    double
        || name
            .chars()
            .next()
            .is_some_and(|c| FAMILY_NAMES.contains(c))
}

/// An institution writing under its name (`中共中央党史和文献研究院`): six letters or more
/// ending as one does (a title wrapped leaves a short end).
fn is_institution(s: &str) -> bool {
    const ENDS: [&str; 12] = [
        "研究院",
        "研究所",
        "研究会",
        "研究中心",
        "编辑部",
        "委员会",
        "办公室",
        "评论员",
        "学会",
        "协会",
        "大学",
        "学院",
    ];
    s.chars().count() >= 6
        && s.chars()
            .all(|c| crate::text::is_cjk(c) && c.is_alphabetic())
        && ENDS.iter().any(|e| s.ends_with(e))
}

/// A personal name as a byline prints it: two to four letters the segmenter reads as a
/// name (`王忠云`, `陶多多`), or a foreign one joined by `·` (`玛丽娜·拉古什`).
fn is_personal_name(s: &str, jieba: &Jieba) -> bool {
    let letters = s.chars().filter(|&c| c != '·').count();
    // `nr` a name, `nrfg` / `nrt` names the dictionary knows (`张成` of `张成虎`).
    let named = || {
        jieba
            .tag(s, true)
            .first()
            .is_some_and(|t| t.tag.starts_with("nr"))
    };
    let all_letters = s
        .chars()
        .all(|c| crate::text::is_cjk(c) && c.is_alphabetic() || c == '·');
    let fits = if s.contains('·') {
        (3..=12).contains(&letters)
    } else {
        (2..=4).contains(&letters)
    };
    all_letters && fits && named()
}

/// How many blocks read as titles over a credit (a source line closing a story's body does
/// not count: the body's last block ends a sentence).
fn credited_titles(items: &[Item], credits: &[Option<String>]) -> usize {
    items
        .iter()
        .zip(credits)
        .filter(|(item, credit)| {
            credit.is_some() && matches!(item, Item::Block(block) if is_title_above_credit(block))
        })
        .count()
}

/// Whether an item is a byline on a line of its own (`本报记者`).
fn is_byline_item(item: &Item) -> bool {
    matches!(item, Item::One(line) if line.kind == LineKind::Furniture && is_byline(&line.text))
}

/// Whether the item after `i` is a byline (see [`is_byline_item`]).
fn byline_after(bylines: &[bool], i: usize) -> bool {
    bylines.get(i + 1).copied().unwrap_or(false)
}

/// Whether an item is what prints under a title: a source line, a byline, a dateline alone.
fn is_credit(item: &Item) -> bool {
    match item {
        Item::One(line) => match &line.kind {
            LineKind::Source(_) => true,
            LineKind::Furniture => is_byline(&line.text),
            _ => false,
        },
        Item::Block(block) => is_dateline_alone(block) || web_source(block).is_some(),
    }
}

/// A web page's date, place and source printed over a few lines (`2022-05-26 14:27` / `北京`
/// / `来源：澎湃新闻`): the source, read as one line.
fn web_source(block: &[Line]) -> Option<Source> {
    if block.len() > 3 {
        return None;
    }
    let text = block
        .iter()
        .map(|l| l.text.trim())
        .collect::<Vec<_>>()
        .join(" ");
    super::lines::web_dated_source(&text)
}

/// A piece of a byline's name on a line of its own: one to four letters (`程`, `潘俊强`).
fn is_name_piece(block: &[Line]) -> bool {
    let [line] = block else { return false };
    let text: String = line.text.chars().filter(|c| !c.is_whitespace()).collect();
    (1..=4).contains(&text.chars().count())
        && text
            .chars()
            .all(|c| crate::text::is_cjk(c) && c.is_alphabetic() || c == '·')
}

/// Longest half of a title printed in two parallel halves, in characters.
const MAX_TITLE_HALF: usize = 12;
/// How many lines the halves of such a title may be apart (a byline's pieces between them).
const MAX_HALVES_APART: usize = 4;

/// Longest title over a credit, in characters: a reprint's titles carry their column's name
/// (`…（深入学习贯彻习近平新时代中国特色社会主义思想·学习《…》第一卷专家谈）`).
const MAX_TITLE_OVER_CREDIT: usize = 80;

/// A title over a credit may have commas or an exclamation inside (`久久为功，“APEC蓝”成为
/// “北京蓝”`, `博物馆奇妙游！这个党支部…`): one or two lines of a headline's length that end
/// no sentence and no clause.
fn is_title_above_credit(block: &[Line]) -> bool {
    let text: String = block.iter().map(|l| l.text.trim()).collect();
    let n = text.chars().count();
    block.len() <= 4
        && (4..=MAX_TITLE_OVER_CREDIT).contains(&n)
        && !text.contains(['。', '；'])
        && !ends_sentence(&text)
        && !text.ends_with(['，', '、', '：', ':', ','])
        && text.matches(['，', ',', '！', '？']).count() <= 2
        && !is_notice_or_aside(&text)
}

/// A block standing for nothing but a credit's piece: one letter printed apart (`赵` / `政`,
/// an editor's name spaced out and broken over lines), a personal name (`刘国华`) or a
/// writer's place (`江苏南京市`) on a line of its own. No text is a letter or a name alone.
fn is_credit_alone(block: &[Line], jieba: &Jieba) -> bool {
    let [line] = block else { return false };
    let text = line.text.trim();
    if is_bracketed_credit(text) {
        return true;
    }
    let letters = text.chars().count();
    let alphabetic = text
        .chars()
        .all(|c| crate::text::is_cjk(c) && c.is_alphabetic());
    let place = (3..=8).contains(&letters) && text.ends_with(['省', '市', '县', '区', '州', '镇']);
    alphabetic && (letters == 1 || place || is_personal_name(text, jieba))
}

/// An aside in brackets on a line of its own after a story's last sentence: a contributor's
/// credit or the writer's affiliation (`（刘张烨参与采写）`, `（作者单位：厦门大学）`).
fn is_bracketed_credit(text: &str) -> bool {
    text.chars().count() <= 40 && bracketed(text) && !text.contains(['。', '；', '，'])
}

/// A block that is nothing but a dateline (`新华社北京10月19日电`, `本报讯（记者 李四）`).
fn is_dateline_alone(block: &[Line]) -> bool {
    let text: String = block.iter().map(|l| l.text.trim()).collect();
    super::lines::dateline(&text)
        .is_some_and(|(line, _)| line.chars().count() == text.chars().count())
}

/// Whether body text ends with a credit in brackets after its last sentence
/// (`…的篇章。（新华社北京10月19日电 记者赵超、王雨萧）`): nothing goes on after it.
fn closes_credit(text: &[Line]) -> bool {
    let joined: String = text.iter().map(|l| l.text.trim()).collect();
    let Some(end) = joined.rfind(crate::text::is_sentence_end) else {
        return false;
    };
    let tail = joined[end..]
        .trim_start_matches(crate::text::is_sentence_end)
        .trim_start_matches(['”', '’', '」']);
    // The bracket opened first is the one closing the text.
    bracketed(tail)
}

/// Where a cross-head printed inside a block of body text starts (`…观看视频。` /
/// `隧道施工只能在夜间进行` / `由于白天线路正常运营，基站`): a line after one that ends a
/// sentence, that reads as a headline and falls clearly short of the column (a line the
/// layout wrapped fills it; one ending a paragraph ends a sentence), last in the block or
/// right above more body text. Not the block's first line ([`headline_above_body`] reads it).
fn heading_inside(block: &[Line]) -> Option<usize> {
    let col = block.iter().map(|l| width(&l.text)).max().unwrap_or(0);
    if col < MIN_BODY_WIDTH || block.len() < 2 {
        return None;
    }
    (1..block.len()).find(|&k| {
        let line = &block[k];
        ends_sentence(&block[k - 1].text)
            && width(&line.text) * 4 < col * 3
            && is_headline(std::slice::from_ref(line))
            && !is_byline(&line.text)
            && super::lines::dateline(&line.text).is_none()
            && line.text.matches(['（', '(']).count() == line.text.matches(['）', ')']).count()
            && (k + 1 == block.len() || headline_above_body(&block[k..]) == Some(1))
    })
}

/// Where a website's notice printed under its article (`本文仅代表作者观点…`, see
/// [`is_site_notice`](super::lines::is_site_notice)) starts in a block: the first line, after
/// one that ends a sentence or a bracket (or the block's first), from which the lines make
/// the notice. Only the block's last lines are read, as many as a notice can fill.
fn notice_start(block: &[Line]) -> Option<usize> {
    let after_end = |l: &Line| ends_sentence(&l.text) || l.text.trim_end().ends_with(['）', ')']);
    let mut start = None;
    let mut rest = String::new();
    for k in (0..block.len()).rev() {
        rest.insert_str(0, block[k].text.trim());
        if rest.chars().count() > super::lines::NOTICE_CHARS {
            break;
        }
        if (k == 0 || after_end(&block[k - 1])) && super::lines::is_site_notice(&rest) {
            start = Some(k);
        }
    }
    start
}

/// Whether a block opens a numbered item: its first line is a marker and a headline
/// (`2. 食堂推出低价套餐`) or the block is a numbered headline above its body.
fn opens_item(block: &[Line]) -> bool {
    super::lines::item_marker(&block[0].text).is_some()
        && (is_headline(&block[..1]) || headline_above_body(block).is_some())
}

/// The narrowest body text (display width) a headline is told apart from by its length.
const MIN_BODY_WIDTH: usize = 16;

/// Text used to find repeated passages: no whitespace, no quotation marks.
fn normalize(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '“' | '”' | '‘' | '’' | '"' | '\'' | '「' | '」' | '『' | '』'
                )
        })
        .collect()
}

/// Shortest pull quote, in characters (`今年的订单已经排到了秋天。`).
const MIN_PULL_QUOTE: usize = 10;

/// A pull quote printed right above a paragraph with no blank line between
/// (`今年的订单已经排到了秋天。` / `过去，云溪茶叶大多经中间商`): a block's first line that is a
/// whole sentence printed again elsewhere on the page, where its text goes on, becomes a
/// block of its own, for [`pull_quotes`] to find.
fn part_leading_quotes(items: Vec<Item>) -> Vec<Item> {
    let all: String = items
        .iter()
        .filter_map(|item| match item {
            Item::Block(lines) => {
                Some(lines.iter().map(|l| normalize(&l.text)).collect::<String>())
            }
            Item::One(_) => None,
        })
        .collect();
    let mut out = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Item::Block(mut lines)
                if lines.len() > 1 && is_repeated_sentence(&lines[0].text, &all) =>
            {
                let rest = lines.split_off(1);
                out.push(Item::Block(lines));
                out.push(Item::Block(rest));
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether a line is a whole sentence (of pull-quote length) whose text the page prints
/// twice: here, and inside another passage.
fn is_repeated_sentence(line: &str, all: &str) -> bool {
    let own = normalize(line);
    let n = own.chars().count();
    // One sentence: no sentence ends before its own end.
    let inner = own.trim_end_matches(['。', '！', '？']);
    ends_sentence(line)
        && !inner.contains(['。', '！', '？'])
        && (MIN_PULL_QUOTE..=MAX_PULL_QUOTE).contains(&n)
        && memchr::memmem::find_iter(all.as_bytes(), own.as_bytes()).count() >= 2
}

/// Longest pull quote, in characters: a sentence or two set large. A longer passage printed
/// twice is the text itself printed twice (a story reprinted on another page), not a quote.
const MAX_PULL_QUOTE: usize = 160;

/// Blocks that repeat, sentence by sentence, text printed elsewhere on the page: item index →
/// first line of the block holding the repeated text.
fn pull_quotes(items: &[Item]) -> std::collections::HashMap<usize, usize> {
    let mut all = String::new();
    let mut spans: Vec<(usize, usize, usize, usize)> = Vec::new(); // item, start, end, first line
    for (i, item) in items.iter().enumerate() {
        if let Item::Block(b) = item {
            let start = all.len();
            for l in b {
                all.push_str(&normalize(&l.text));
            }
            spans.push((i, start, all.len(), b[0].no));
        }
    }
    let mut found = std::collections::HashMap::new();
    for &(i, start, end, _) in &spans {
        let own = &all[start..end];
        let n = own.chars().count();
        if !(MIN_PULL_QUOTE..=MAX_PULL_QUOTE).contains(&n) || !own.contains(['。', '！', '？']) {
            continue;
        }
        let sentences: Vec<&str> = own
            .split_inclusive(['。', '！', '？'])
            .filter(|s| s.chars().count() >= 6)
            .collect();
        if sentences.is_empty() {
            continue;
        }
        let mut target: Option<usize> = None;
        let mut all_found = true;
        for s in &sentences {
            let hit = memchr::memmem::find_iter(all.as_bytes(), s.as_bytes())
                .find(|&at| at + s.len() <= start || at >= end);
            match hit {
                Some(at) => {
                    if target.is_none() {
                        target = spans
                            .iter()
                            .find(|&&(_, s0, e0, _)| at >= s0 && at < e0)
                            .map(|&(j, _, _, line)| (j, line))
                            .filter(|&(j, _)| !found.contains_key(&j))
                            .map(|(_, line)| line);
                    }
                }
                None => {
                    all_found = false;
                    break;
                }
            }
        }
        if let (true, Some(line)) = (all_found, target) {
            found.insert(i, line);
        }
    }
    found
}

/// Whether a line opens with a mark that only closes or goes on with what came before it.
fn goes_on(line: &str) -> bool {
    line.starts_with([
        '，', '。', '、', '；', '：', '”', '’', '）', '》', ',', '！', '？',
    ])
}

/// The width of the open lines around line `i` (within `lo..=hi`, at least two) when they
/// are all one width: a column set with as many letters on every full line, no punctuation
/// squeezed, where a line one letter short tells. Squeezed punctuation makes full lines
/// differ by a letter.
fn fixed_width(
    lines: &[Line],
    widths: &[usize],
    (lo, hi): (usize, usize),
    i: usize,
) -> Option<usize> {
    let full: Vec<usize> = (lo..=hi)
        .filter(|&j| j != i && !ends_sentence(&lines[j].text))
        .map(|j| widths[j])
        .collect();
    (full.len() >= 2 && full.iter().all(|&w| w == full[0])).then(|| full[0])
}

/// Whether a line's start explains why the line above it fell one character short of the
/// column while its paragraph went on: its first letter could not end a line (an opening
/// mark, `“我…`) or could not leave the mark after it (`好。…`), so the layout moved both
/// down. A line starting otherwise would have taken its first letter up.
fn kept_off(next: &str) -> bool {
    let mut chars = next.chars();
    let (Some(first), second) = (chars.next(), chars.next()) else {
        return true;
    };
    let opening = |c: char| "“‘《（(「『〈【".contains(c);
    let closing = |c: char| goes_on(c.encode_utf8(&mut [0; 4]));
    !crate::text::is_cjk(first) || opening(first) || second.is_some_and(closing)
}

/// Whether a character may go on a web address broken over two lines.
fn is_url_char(c: char) -> bool {
    c.is_ascii_graphic()
}

/// Cuts body text into paragraphs: one per block, and a short line ending a sentence
/// (shorter than the column around it) ends a paragraph even without a blank line.
fn paragraphs(
    lines: &[Line],
    (vocab, jieba, halves): (&Vocab, &Jieba, &streams::Halves),
    group: usize,
) -> Vec<Unit> {
    let widths: Vec<usize> = lines.iter().map(|l| width(&l.text)).collect();
    let mut cuts = Vec::new();
    for i in 0..lines.len().saturating_sub(1) {
        // A line opening with a closing mark goes on from the one above it
        // (`挂号、叫车了。` / `”七十二岁的刘桂芳`).
        if !ends_sentence(&lines[i].text) || goes_on(&lines[i + 1].text) {
            continue;
        }
        // A web address ends its paragraph however long its line (`报名链接：https://…/run` /
        // `视频：www.…`), unless the next line goes on with the address itself.
        if ends_with_address(&lines[i].text) && !lines[i + 1].text.starts_with(is_url_char) {
            cuts.push(i + 1);
            continue;
        }
        let lo = i.saturating_sub(2);
        let hi = (i + 3).min(lines.len() - 1);
        let around = (lo..=hi)
            .filter(|&j| j != i)
            .map(|j| widths[j])
            .max()
            .unwrap_or(0);
        // Shorter than the column by two characters or more: a line wrapped by the layout
        // falls short by one at most (a closing mark kept off the next line's start, or
        // punctuation squeezed). By one where every full line around is as wide and nothing
        // on the next line kept its first letter off.
        let one_short = fixed_width(lines, &widths, (lo, hi), i)
            .is_some_and(|w| widths[i] + 2 <= w)
            && !kept_off(&lines[i + 1].text);
        if widths[i] * 4 < around * 3 || widths[i] + 4 <= around || one_short {
            cuts.push(i + 1);
        }
    }
    cuts.push(lines.len());
    let mut para_ends = vec![false; lines.len()];
    for &c in &cuts {
        para_ends[c - 1] = true;
    }
    let col = (0..lines.len())
        .filter(|&i| !para_ends[i])
        .map(|i| widths[i])
        .max();
    let mut out = Vec::new();
    let mut start = 0;
    for end in cuts {
        let strs: Vec<&str> = lines[start..end].iter().map(|l| l.text.as_str()).collect();
        out.push(Unit {
            kind: UnitKind::Para,
            text: join(&strs, vocab),
            first_line: lines[start].no,
            last_line: lines[end - 1].no,
            col,
            group,
            breaks: lines[start..end]
                .windows(2)
                .filter(|w| {
                    streams::printed_apart(&w[0], &w[1], halves)
                        && stitch::junction(jieba, &w[0].text, &w[1].text) == 0.0
                })
                .count(),
            new_column: false,
            title_lines: Vec::new(),
        });
        start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::lines::repair;
    use super::*;

    fn page(text: &str) -> Vec<Unit> {
        let lines = repair(text);
        let vocab = Vocab::from_lines(lines.iter().map(|l| l.text.as_str()));
        static JIEBA: std::sync::OnceLock<Jieba> = std::sync::OnceLock::new();
        let raw = super::super::lines::raw_lines(text);
        units(lines, &raw, &vocab, JIEBA.get_or_init(Jieba::new))
    }

    /// The headlines' texts, in order.
    fn headlines(units: &[Unit]) -> Vec<&str> {
        units
            .iter()
            .filter(|u| matches!(u.kind, UnitKind::Headline { .. }))
            .map(|u| u.text.as_str())
            .collect()
    }

    #[test]
    fn two_columns_in_turn_under_two_numbered_titles_are_read_apart() {
        let u = page(concat!(
            "1. 社区食堂延长供餐时间\n\n",
            "3. 十六路公交调整线路\n\n",
            "社区食堂自下月起延长供餐时间，\n",
            "十六路公交车本周起调整线路，\n",
            "早餐提前到六点半开始供应。\n",
            "新增两个站点，首末班时间不变，\n",
            "老人凭卡就餐可享受八折优惠，每\n",
            "高峰时段发车间隔缩短到八分钟。\n",
            "天限量供应三百份。\n",
            "2. 老年大学开设书法班\n\n",
            "老年大学本学期新开两个书法班，每班限招三十人。\n",
        ));
        let texts: Vec<&str> = u.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "1. 社区食堂延长供餐时间",
                "3. 十六路公交调整线路",
                "社区食堂自下月起延长供餐时间，早餐提前到六点半开始供应。",
                "老人凭卡就餐可享受八折优惠，每天限量供应三百份。",
                "十六路公交车本周起调整线路，新增两个站点，首末班时间不变，高峰时段发车间隔缩短到八分钟。",
                "2. 老年大学开设书法班",
                "老年大学本学期新开两个书法班，每班限招三十人。",
            ]
        );
    }

    #[test]
    fn an_item_printed_after_both_streams_follows_them() {
        let line = |no: usize, text: &str| Line {
            no,
            text: text.to_owned(),
            kind: super::super::lines::LineKind::Text,
        };
        let first = vec![line(1, "甲一"), line(3, "甲二。"), line(5, "2. 乙项标题")];
        let second = vec![line(2, "丙一"), line(4, "丙二。")];
        let read: Vec<Vec<usize>> = in_reading_order(first, second)
            .map(|part| part.iter().map(|l| l.no).collect())
            .collect();
        assert_eq!(read, [vec![1, 3], vec![2, 4], vec![5]]);
    }

    #[test]
    fn the_source_closing_a_sentences_continuation_goes_with_it() {
        let u = page(concat!(
            "北岭气象站新启用的测雪雷达，可以每十分钟更\n\n",
            "西川大学材料学院的研究团队用秸秆纤维和植物\n",
            "树脂，制成了一种可以自然降解的手机外壳。\n\n",
            "新一次积雪深度，精度达到一厘米。\n",
            "据《北岭日报》\n",
        ));
        let texts: Vec<&str> = u.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "北岭气象站新启用的测雪雷达，可以每十分钟更新一次积雪深度，精度达到一厘米。",
                "据《北岭日报》",
                "西川大学材料学院的研究团队用秸秆纤维和植物树脂，制成了一种可以自然降解的手机外壳。",
            ]
        );
        assert!(matches!(u[1].kind, UnitKind::Source(_)));
    }

    #[test]
    fn a_sentence_goes_on_in_the_block_that_continues_it_past_another_columns_block() {
        let u = page(concat!(
            "北岭气象站新启用的测雪雷达，可以每十分钟更\n\n",
            "西川大学材料学院的研究团队用秸秆纤维和植物\n",
            "树脂，制成了一种可以自然降解的手机外壳。\n\n",
            "新一次积雪深度，精度达到一厘米。\n",
        ));
        let texts: Vec<&str> = u.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "北岭气象站新启用的测雪雷达，可以每十分钟更新一次积雪深度，精度达到一厘米。",
                "西川大学材料学院的研究团队用秸秆纤维和植物树脂，制成了一种可以自然降解的手机外壳。",
            ]
        );
        assert_eq!(
            u[0].breaks, 0,
            "a break the junction confirms is not a guess"
        );
    }

    #[test]
    fn a_numbered_title_inside_a_block_starts_its_own() {
        let u = page(concat!(
            "5. 化学实验楼完成安全改造\n",
            "2. 第二食堂推出八元午餐套餐\n",
            "第二食堂每天中午推出八元套餐，含两荤一素和\n",
            "例汤，每天限量五百份。\n",
        ));
        let kinds: Vec<(&UnitKind, &str)> = u.iter().map(|u| (&u.kind, u.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (
                    &UnitKind::Headline { strong: false },
                    "5. 化学实验楼完成安全改造"
                ),
                (
                    &UnitKind::Headline { strong: false },
                    "2. 第二食堂推出八元午餐套餐"
                ),
                (
                    &UnitKind::Para,
                    "第二食堂每天中午推出八元套餐，含两荤一素和例汤，每天限量五百份。"
                ),
            ]
        );
    }

    #[test]
    fn without_evidence_a_sentence_goes_on_in_the_next_block() {
        let u = page("今年县里牵头成立合作社，统一检\n\n测和包装，省去了多道环节。\n");
        assert_eq!(u.len(), 1);
        assert_eq!(
            u[0].text,
            "今年县里牵头成立合作社，统一检测和包装，省去了多道环节。"
        );
        let u = page("今年县里牵头成立合作社，\n\n统一检测和包装，省去了多道环节。\n");
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].breaks, 1, "a break nothing confirms is a guess");
    }

    #[test]
    fn a_blank_line_inside_a_sentence_is_a_column_break() {
        let u = page(
            "日前，工业和信息化部副部长在国务\n\n院新闻办公室举行的吹风会上表示，将\n启动试点。\n",
        );
        assert_eq!(u.len(), 1);
        assert_eq!(
            u[0].text,
            "日前，工业和信息化部副部长在国务院新闻办公室举行的吹风会上表示，将启动试点。"
        );
    }

    #[test]
    fn a_short_line_ending_a_sentence_ends_a_paragraph() {
        let u = page("L3级自动驾驶正渐行渐近。\n日前，工业和信息化部副部长辛国斌在国务\n院新闻办公室举行的政策例行吹风会上表示，将\n启动智能网联汽车准入和上路通行试点。\n");
        let texts: Vec<&str> = u.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(texts[0], "L3级自动驾驶正渐行渐近。");
        assert_eq!(u.len(), 2);
    }

    #[test]
    fn a_headline_right_above_a_wider_body_is_a_headline() {
        let u = page("青石县建成首座山区光伏水泵站\n青石县北部山区的首座光伏水泵站日前投入使用，附近三个村的两千多亩梯田告别了靠天浇水的日子。\n");
        assert_eq!(u[0].kind, UnitKind::Headline { strong: false });
        assert_eq!(u[0].text, "青石县建成首座山区光伏水泵站");
        assert_eq!(u.len(), 2);
        // In a column of a few characters a short first line tells nothing.
        let u = page("前言\n我们在此\n记录本年\n的工作。\n");
        assert!(u.iter().all(|u| u.kind == UnitKind::Para), "{u:?}");
    }

    #[test]
    fn a_headline_wrapped_in_a_narrow_column_is_read_whole() {
        let u = page("江口港集装箱吞吐量\n创同期新高\n江口港一季度完成集装箱吞\n吐量八十六万标准箱，同比增长百\n分之十四，创历史同期新高。\n");
        assert_eq!(u[0].kind, UnitKind::Headline { strong: true });
        assert_eq!(u[0].text, "江口港集装箱吞吐量创同期新高");
        // Wrapped over three lines.
        let u = page(
            "岚山镇三千亩茶园
全部通过有机认
证
眼下正是冬季管护的时节，
岚山镇各村的茶农忙着给茶树
施肥、修剪。
",
        );
        assert_eq!(u[0].kind, UnitKind::Headline { strong: true });
        assert_eq!(u[0].text, "岚山镇三千亩茶园全部通过有机认证");
        assert!(u[1].text.starts_with("眼下正是"), "{u:?}");
        // A short line the next goes on from (a comma opening it) is body text, not a
        // headline's second line.
        let u = page("松岭村试行积分超市\n松岭村近日开设积分超市\n，村民每次正确分类投放垃圾，都可以获得积分。\n");
        assert_eq!(u[0].text, "松岭村试行积分超市");
        assert_eq!(u[1].kind, UnitKind::Para);
    }

    #[test]
    fn a_line_opening_with_a_closing_quote_goes_on_with_the_paragraph() {
        let u = page("“以前只会接电话，现在能自己\n挂号、叫车了。\n”七十二岁的刘桂芳\n在社区课堂上学会了用手机预约\n门诊。\n");
        assert_eq!(u.len(), 1, "{u:?}");
        assert!(u[0]
            .text
            .ends_with("叫车了。”七十二岁的刘桂芳在社区课堂上学会了用手机预约门诊。"));
    }

    #[test]
    fn a_line_ending_with_a_web_address_ends_its_paragraph_however_long() {
        let u = page("体育部主办的冬季跑步打卡活动即日起报名，活\n动持续到明年一月底，前一百名获赠水壶。\n报名链接：https://sports.xichuan.edu.cn/run\n视频：www.xichuan.edu.cn/v/88\n");
        let texts: Vec<&str> = u.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts[1..],
            [
                "报名链接：https://sports.xichuan.edu.cn/run",
                "视频：www.xichuan.edu.cn/v/88"
            ]
        );
        // An address broken over two lines is one.
        let u = page("详情请见学校网站，报名截止到本月底。\n报名链接：https://sports.xichuan.edu.cn/\nrun/winter-2026\n");
        assert!(
            u.iter().any(|u| u.text.ends_with("cn/run/winter-2026")),
            "{:?}",
            u.iter().map(|u| &u.text).collect::<Vec<_>>()
        );
    }

    #[test]
    fn no_sentence_goes_on_into_an_address_on_a_line_of_its_own() {
        // `11月30日` + `报修网址` reads 日报 across the junction: no evidence for a line that
        // is an address under its label, printed here from the column beside.
        let u = page(concat!(
            "柳湾街道居民篮球联赛十月中旬开赛，历时一\n",
            "个半月、共有八个社区参加的比赛已于11月30日\n\n",
            "报修网址：https://gr.liuwanjd.cn/baoxiu\n\n",
            "落幕，来自八个社区的队伍参赛，向阳社区队以68比\n",
            "61战胜桂花里队夺冠。\n",
        ));
        let texts: Vec<&str> = u.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "柳湾街道居民篮球联赛十月中旬开赛，历时一个半月、共有八个社区参加的比赛已于11月30日落幕，来自八个社区的队伍参赛，向阳社区队以68比61战胜桂花里队夺冠。",
                "报修网址：https://gr.liuwanjd.cn/baoxiu",
            ]
        );
        assert!(is_address_line(&repair(
            "摊位预约：www.liuwanjd.cn/jiaohuan"
        )));
        assert!(!is_address_line(&repair(
            "详情请登录学校网站查询：www.xichuan.edu.cn"
        )));
        assert!(!is_address_line(&repair("报修网址")));
        assert!(is_address_line(&repair("视频：www.xichuan.ed-\nu.cn/v/88")));
        assert!(!is_address_line(&repair(
            "视频：www.xichuan.edu.cn\n老年人课堂"
        )));
        assert!(!is_address_line(&repair("https://gr.liuwanjd.cn/baoxiu")));
    }

    #[test]
    fn a_sentence_ending_one_letter_short_of_the_column_ends_its_paragraph_unless_the_next_line_explains_it(
    ) {
        let texts =
            |text: &str| -> Vec<String> { page(text).into_iter().map(|u| u.text).collect() };
        // `来` would have fitted on the line above had the paragraph gone on.
        let u = texts("来自十二个国家的二十名留学生参加了本学期中\n文演讲比赛决赛，题目是我眼中的西川古城。\n来自肯尼亚的安娜讲述了她在社区做志愿者的经\n历，获得一等奖。\n");
        assert_eq!(
            u,
            [
                "来自十二个国家的二十名留学生参加了本学期中文演讲比赛决赛，题目是我眼中的西川古城。",
                "来自肯尼亚的安娜讲述了她在社区做志愿者的经历，获得一等奖。"
            ]
        );
        // An opening quote cannot end a line: the layout moved it down with the letter after it.
        let u = texts("来自十二个国家的二十名留学生参加了本学期中\n文演讲比赛决赛，题目是我眼中的西川古城。\n“西川古城”是今年的题目，由学生会拟定并公\n布。\n");
        assert_eq!(u.len(), 1, "{u:?}");
        // So could a letter that may not leave the mark after it (`好。`), or a Latin word.
        let u = texts("来自十二个国家的二十名留学生参加了本学期中\n文演讲比赛决赛，题目是我眼中的西川古城。\n好。今年的题目由学生会拟定并公布在网站上\n。\n");
        assert_eq!(u.len(), 1, "{u:?}");
        let u = texts("来自十二个国家的二十名留学生参加了本学期中\n文演讲比赛决赛，题目是我眼中的西川古城。\nOpenAI的题目由学生会拟定并公布在网站上\n。\n");
        assert_eq!(u.len(), 1, "{u:?}");
    }

    #[test]
    fn a_full_line_ending_a_sentence_does_not_end_a_paragraph() {
        let u = page("首先，这将有助于提高自动驾驶技术的标准化。\n其次，这将有助于消除不同地区和制造商之间\n的互操作性问题。\n");
        assert_eq!(u.len(), 1);
    }

    #[test]
    fn a_site_notice_under_the_last_paragraph_is_furniture_the_paragraph_is_not() {
        let u = page("江口港本周开始试运行自动化码头，设计年吞吐能力为一百二十万标\n准箱。\n特别声明\n本文由作者在江口号上传并发布，仅代表作者本人观点，不代表本\n平台立场。\n");
        let kinds: Vec<&UnitKind> = u.iter().map(|x| &x.kind).collect();
        assert_eq!(kinds.last(), Some(&&UnitKind::Furniture), "{u:?}");
        assert!(u.last().unwrap().text.starts_with("特别声明"), "{u:?}");
        assert!(
            u.iter()
                .any(|x| x.kind != UnitKind::Furniture && x.text.contains("一百二十万标准箱")),
            "{u:?}"
        );
    }

    #[test]
    fn headlines_sources_and_furniture() {
        let u = page("数据开源为AI发展“推波助澜”\n■TMT快报\n\n我国首次高压力\n纯氢管道试验成功\n\n正文在这里，很长很长。\n\n据《科技日报》\n");
        assert_eq!(u[0].kind, UnitKind::Headline { strong: false });
        assert_eq!(u[1].kind, UnitKind::Furniture);
        assert_eq!(u[2].kind, UnitKind::Headline { strong: true });
        assert_eq!(u[2].text, "我国首次高压力纯氢管道试验成功");
        assert_eq!(u[3].kind, UnitKind::Para);
        assert!(matches!(u[4].kind, UnitKind::Source(_)));
    }

    #[test]
    fn a_statistic_sentence_is_body_not_a_source() {
        let u = page("据统计，今年前五个月全国新增\n光伏装机容量同比增长了三成。\n");
        assert_eq!(u.len(), 1);
        assert_eq!(u[0].kind, UnitKind::Para);
    }

    #[test]
    fn finds_pull_quotes_repeating_body_text() {
        let body = "林咏华表示，大模型是\nAI未来发展的重要方向，其研究和应用将逐步\n成为AI发展的关键方向。\n";
        let quote =
            "大模型是AI未来发展\n的重要方向，其研究和应用\n将逐步成为AI发展的关键\n方向。\n";
        let u = page(&format!("{quote}\n{body}"));
        assert!(
            matches!(u[0].kind, UnitKind::PullQuote { target_line: 6 }),
            "{u:?}"
        );
        assert_eq!(u[1].kind, UnitKind::Para);
        // A paragraph that repeats nothing is no pull quote.
        let u = page(
            "这是一段普通的正文，没有任何重复的内容。\n\n这是另一段普通的正文，同样没有重复。\n",
        );
        assert!(u.iter().all(|u| u.kind == UnitKind::Para));
    }

    #[test]
    fn a_pull_quote_inside_a_sentence_break_does_not_split_it() {
        let text = "开源社区是推动开源发展的重要基石，开源的最\n\n“Linux系统的成功很大程度上得\n益于开源社区。”\n\n初发源点，就是来自于社区开发者。Linux系统的成功很大程度上得益于开源社区。\n";
        let u = page(text);
        let paras: Vec<&Unit> = u.iter().filter(|u| u.kind == UnitKind::Para).collect();
        assert_eq!(paras.len(), 1);
        assert!(paras[0]
            .text
            .starts_with("开源社区是推动开源发展的重要基石，开源的最初发源点"));
        assert!(u
            .iter()
            .any(|u| matches!(u.kind, UnitKind::PullQuote { .. })));
    }

    fn block(texts: &[&str]) -> Vec<Line> {
        super::super::lines::text_lines(texts, 1)
    }

    #[test]
    fn a_short_headline_line_after_a_finished_sentence_is_a_cross_head() {
        let b = block(&[
            "海川市地铁运营公司宣布，全市六条地铁线路的隧道",
            "和站台已实现信号全覆盖，乘客也能流畅观看视频。",
            "隧道施工只能在夜间进行",
            "由于白天线路正常运营，基站和漏缆的安装只能在每",
            "天凌晨一点到四点之间完成。",
        ]);
        assert_eq!(heading_inside(&b), Some(2));
        let credit = block(&[
            "必将谱写中国式现代化更加绚丽的篇章，团结奋进。",
            "（新华社北京10月19日电",
        ]);
        assert_eq!(
            heading_inside(&credit),
            None,
            "a credit in brackets is no heading"
        );
        let wrapped = block(&[
            "海川市地铁运营公司宣布，全市六条地铁线路的隧道",
            "和站台已实现信号全覆盖，乘客也能流畅观看视频，",
            "比改造前快了二十倍",
        ]);
        assert_eq!(
            heading_inside(&wrapped),
            None,
            "after a clause, not a sentence"
        );
    }

    #[test]
    fn a_credit_in_brackets_after_the_last_sentence_closes_the_text() {
        assert!(closes_credit(&block(&[
            "凝心聚力、团结奋进，必将谱写更加绚丽的篇章。",
            "（新华社北京10月19日电",
            "记者赵超、王雨萧）",
        ])));
        assert!(!closes_credit(&block(&[
            "开创崭新局面。（新华社北京10月19日电"
        ])));
        assert!(!closes_credit(&block(&[
            "总量超过（按现价计算）一百三十万亿元（初步核算）"
        ])));
    }

    #[test]
    fn a_contributors_credit_a_charts_source_and_an_address_are_no_titles() {
        let units = page(
            "河湾村的果园今年第一次用上了滴灌设备，果农算了一笔账，\n\
             每亩地一年能省下两百多元水费。\n\
             \n\
             （林小雨参与采写）\n\
             \n\
             《晨报》（2026年3月2日 第 05 版）\n\
             \n\
             数据来源：河湾村村委会\n\
             \n\
             读者热线lianxi@example.cn移动端：晨报客户端“帮你问”\n\
             \n\
             图书馆夜间开放延长到十点\n\
             本报记者 周 岚\n\
             \n\
             市图书馆从下周一起把夜间开放时间延长到晚上十点，自习区座位增加一百个。\n",
        );
        let titles = headlines(&units);
        assert_eq!(titles, ["图书馆夜间开放延长到十点"], "{units:#?}");
        let furniture: Vec<&str> = units
            .iter()
            .filter(|u| u.kind == UnitKind::Furniture)
            .map(|u| u.text.as_str())
            .collect();
        assert!(furniture.contains(&"（林小雨参与采写）"), "{furniture:?}");
        assert!(
            furniture.contains(&"数据来源：河湾村村委会"),
            "{furniture:?}"
        );
        assert!(
            furniture.iter().any(|f| f.contains("lianxi@")),
            "{furniture:?}"
        );
        assert!(is_notice_or_aside(
            "读者热线lianxi@example.cn移动端：晨报客户端“帮你问”"
        ));
        assert!(!is_notice_or_aside("（受权发布）国务院关于…的通知"));
        assert!(is_bracketed_credit("（作者单位：厦门大学）"));
    }

    #[test]
    fn a_title_over_a_byline_is_a_title_after_text_stopping_mid_sentence() {
        let units = page(
            "征集读者线索，欢迎提供建议。\n\
             移动端：晨报客户端“帮你问”\n\
             \n\
             社区食堂为何一到周末就关门\n\
             本报记者\n\
             \n\
             周\n\
             \n\
             岚\n\
             \n\
             《晨报》（2026年3月2日 第 05 版）\n\
             \n\
             家住城东的刘阿姨反映，社区食堂平日供应午餐和晚餐，一到周末就关门。\n",
        );
        let titles = headlines(&units);
        assert_eq!(titles, ["社区食堂为何一到周末就关门"], "{units:#?}");
    }

    #[test]
    fn a_title_wrapped_over_a_source_line_is_one_title() {
        let units = page(
            "市民反映的路灯问题已经解决。\n\
             \n\
             街心花园座椅破损\n\
             影响老人休息（身边事）\n\
             《晨报》（2026年3月2日 第 05 版）\n\
             \n\
             笔者前些天去街心花园散步，发现园内十几把座椅都有不同程度的破损，\n\
             希望有关部门尽快修好。\n",
        );
        let titles = headlines(&units);
        assert_eq!(
            titles,
            ["街心花园座椅破损影响老人休息（身边事）"],
            "{units:#?}"
        );
    }

    #[test]
    fn a_title_in_two_parallel_halves_is_one_title() {
        let titles = |text: &str| -> Vec<String> {
            headlines(&page(text))
                .into_iter()
                .map(str::to_owned)
                .collect()
        };
        let source = "《晨报》（2026年3月2日 第 07 版）";
        let lead = "本届读书节共举办讲座、展览和读书会六十余场，吸引市民十多万人次参与。";
        assert_eq!(
            titles(&format!(
                "城市书房\n\n点亮夜读\n\n林小雨\n{source}\n\n{lead}\n"
            )),
            ["城市书房 点亮夜读"]
        );
        assert_eq!(
            titles(&format!(
                "办好全民读书节\n本报记者\n\n建好城市书房网\n\n林小雨\n\n{source}\n\n{lead}\n"
            )),
            ["办好全民读书节 建好城市书房网"]
        );
        // Halves of different lengths: a headline, then a title.
        assert_eq!(
            titles(&format!(
                "城市书房建设\n\n点亮夜读\n\n林小雨\n{source}\n\n{lead}\n"
            ))
            .len(),
            2
        );
    }

    #[test]
    fn on_a_page_of_credited_titles_a_heading_glued_to_its_text_is_a_section() {
        let story = |title: &str, name: &str| {
            format!(
                "{title}\n本报记者\n\n{name}\n\n《晨报》（2026年3月2日 第 06 版）\n\n\
                 这是{title}的导语，交代了事情的来龙去脉。\n\n"
            )
        };
        let mut text = story("河湾村果园用上滴灌", "林小雨");
        text.push_str(
            "老周的“账本”——\n\
             一台滴灌机省下三成水费\n\
             “以前浇一遍园子要两天，现在打开阀门就行。”果农周建新一边说，一边带记者看新装的管道。\n\
             他算了一笔账，一年能省下两百多元。\n\n",
        );
        text.push_str(&story("城东社区食堂周末开门", "周岚"));
        text.push_str(&story("老城区街巷完成雨污分流", "赵一鸣"));
        let units = page(&text);
        let kinds: Vec<(&str, bool)> = units
            .iter()
            .filter_map(|u| match u.kind {
                UnitKind::Headline { strong } => Some((u.text.as_str(), strong)),
                _ => None,
            })
            .collect();
        assert!(
            kinds.contains(&("老周的“账本”——一台滴灌机省下三成水费", false)),
            "{kinds:?}"
        );
        assert!(kinds.contains(&("河湾村果园用上滴灌", true)), "{kinds:?}");
    }

    #[test]
    fn on_a_page_of_credited_titles_a_name_the_segmenter_misses_is_the_writers() {
        let story = |title: &str, name: &str, body: &str| {
            format!("{title}\n{name}\n《晨报》（2026年3月2日 第 08 版）\n\n{body}\n\n")
        };
        let mut text = story(
            "河湾村果园用上滴灌",
            "林小雨",
            "果园今年用上了滴灌设备，一年能省下两百多元水费。",
        );
        text.push_str(&story(
            "城东社区食堂周末开门",
            "周岚",
            "社区食堂从本周起周末也供应午餐。",
        ));
        text.push_str(&story(
            "老城区街巷完成雨污分流",
            "赵一鸣",
            "老城区十四条街巷完成了雨污分流改造。",
        ));
        text.push_str(&story(
            "湖畔",
            "干海兵",
            "湖水半掩着城市的灯火，\n白鹭在水边站成一行。",
        ));
        let units = page(&text);
        let titles = headlines(&units);
        assert!(titles.contains(&"湖畔"), "{titles:?}");
        assert!(
            units
                .iter()
                .any(|u| u.kind == UnitKind::Furniture && u.text == "干海兵"),
            "{units:#?}"
        );
        assert!(opens_with_family_name("欧阳明") && !opens_with_family_name("外壳"));
    }

    #[test]
    fn a_writers_name_under_a_title_is_told_from_a_title_wrapped() {
        let jieba = Jieba::new();
        let named = block(&["最大变化是消费观念的改变", "陶多多"]);
        assert_eq!(name_under_title(&named, "", &jieba), Some(1));
        let spaced = block(&["服务消费潜力巨大（专家点评）", "洪"]);
        assert_eq!(name_under_title(&spaced, "勇", &jieba), Some(1));
        let wrapped = block(&["西川大学研制出可降解手机", "外壳"]);
        assert_eq!(name_under_title(&wrapped, "", &jieba), None);
        let apart = block(&["在上海，能看到演艺的未来", "朱"]);
        assert_eq!(
            name_under_title(&apart, "柚", &jieba),
            Some(1),
            "letters printed apart"
        );
        let two = block(&[
            "构建同科技创新相适应的科技金融体制（专",
            "题深思）",
            "张成虎",
        ]);
        assert_eq!(
            name_under_title(&two, "高睿凯", &jieba),
            Some(2),
            "two writers"
        );
        let wrapped = block(&["中共中央总书记电贺当选中国", "国民党主席"]);
        assert_eq!(name_under_title(&wrapped, "", &jieba), None);
        assert!(is_personal_name("玛丽娜·拉古什", &jieba));
    }

    #[test]
    fn a_dateline_set_apart_opens_the_lead() {
        let u = page(concat!(
            "新华社城东3月1日电\n\n",
            "河西镇十二条农村公路近日\n\n",
            "完成提档升级改造，总里程四十六公里，沿线八个行政村的\n",
            "村民出行时间平均缩短二十分钟。\n",
        ));
        let texts: Vec<(&UnitKind, &str)> = u.iter().map(|u| (&u.kind, u.text.as_str())).collect();
        assert_eq!(
            texts,
            [(
                &UnitKind::Para,
                "新华社城东3月1日电河西镇十二条农村公路近日完成提档升级改造，总里程四十六公里，沿线八个行政村的村民出行时间平均缩短二十分钟。"
            )]
        );
    }

    #[test]
    fn a_web_prints_title_over_rules_and_its_date_and_source_line() {
        let u = page(concat!(
            "百年接力，党旗映照清华园\n",
            "==============================\n",
            "==============================\n\n",
            "2021-05-31 来源：《光明日报》\n",
            "四月十九日，清华师生强有力的口号声在操场上回荡，经久不息。当天中午\n",
            "起，全校各级党组织及时组织学习，校园里掀起学习热潮。\n",
        ));
        let kinds: Vec<(&UnitKind, &str)> = u.iter().map(|u| (&u.kind, u.text.as_str())).collect();
        assert_eq!(
            kinds[0],
            (
                &UnitKind::Headline { strong: true },
                "百年接力，党旗映照清华园"
            )
        );
        assert!(matches!(kinds[3].0, UnitKind::Source(s) if s.outlets == ["光明日报"]));
        assert_eq!(kinds[4].0, &UnitKind::Para);
    }

    #[test]
    fn a_title_over_a_credit_may_exclaim_inside_but_not_end_a_sentence() {
        assert!(is_title_above_credit(&block(&[
            "博物馆奇妙游！这个党支部用特殊方式感知博物馆"
        ])));
        assert!(!is_title_above_credit(&block(&[
            "大家都说：“真是太好了！”"
        ])));
        assert!(!is_title_above_credit(&block(&["村民们纷纷点赞。"])));
    }

    #[test]
    fn a_letter_a_name_or_a_place_alone_is_a_credits_piece() {
        let jieba = Jieba::new();
        for piece in ["赵", "王忠云", "江苏南京市"] {
            assert!(is_credit_alone(&block(&[piece]), &jieba), "{piece}");
        }
        for text in ["设施升级", "外壳", "达。", "赵 政 说"] {
            assert!(!is_credit_alone(&block(&[text]), &jieba), "{text}");
        }
    }

    #[test]
    fn an_institution_under_a_long_title_is_its_writer() {
        let jieba = Jieba::new();
        let b = block(&[
            "新时代新征程推动民政事业高质量发展的根",
            "本遵循",
            "中共中央党史和文献研究院",
        ]);
        assert_eq!(name_under_title(&b, "", &jieba), Some(2));
        let wrapped = block(&["我国首个量子计算", "研究院"]);
        assert_eq!(name_under_title(&wrapped, "", &jieba), None);
        let long = block(&[
            "要学“对不对”，也学“美不美”（中国道",
            "路中国梦·青春为中国式现代化挺膺担当",
            "）",
        ]);
        assert!(is_title_above_credit(&long));
    }

    #[test]
    fn a_web_prints_wide_title_underlined_and_its_source_over_three_lines() {
        let u = page(concat!(
            "博物馆奇妙游！这个党支部用特殊方式感知“大学校的力量”，西安交大党委组织部开展主题\n",
            "党日活动\n",
            "==============================\n\n",
            "2022-05-26 14:27\n",
            "北京\n",
            "来源：澎湃新闻·澎湃号·政务\n\n",
            "“博物馆的力量”是一种什么力量？是润物无声的熏陶，是跨越时空的对答，让我们知来处，明去处。\n",
        ));
        let kinds: Vec<&UnitKind> = u.iter().map(|u| &u.kind).collect();
        assert!(
            matches!(kinds[0], UnitKind::Headline { strong: true }),
            "{kinds:?}"
        );
        assert!(
            matches!(kinds[2], UnitKind::Source(s) if s.outlets == ["澎湃新闻·澎湃号·政务"]),
            "{kinds:?}"
        );
        assert_eq!(kinds[3], &UnitKind::Para);
    }

    #[test]
    fn a_long_passage_printed_twice_is_no_pull_quote() {
        let sentence = "城东新区首座智慧公园日前建成开放，园内设有十二处环境监测点，市民扫码即可查看实时空气指数。";
        let long = sentence.repeat(4);
        let text = format!("{long}\n\n第 3 页\n\n{long}\n");
        assert!(!page(&text)
            .iter()
            .any(|u| matches!(u.kind, UnitKind::PullQuote { .. })));
        let short = format!("{long}\n\n{sentence}\n");
        assert!(page(&short)
            .iter()
            .any(|u| matches!(u.kind, UnitKind::PullQuote { .. })));
    }

    #[test]
    fn a_line_opening_with_a_dateline_is_no_headline() {
        assert!(!is_headline(&block(&[
            "本报讯（记者 赵一鸣）老城区十四条街巷的雨污"
        ])));
        assert!(is_headline(&block(&["老城区十四条街巷完成雨污分流"])));
    }

    #[test]
    fn a_title_in_two_clauses_wrapped_short_is_a_headline_a_cut_off_text_is_not() {
        assert!(is_headline(&block(&[
            "县人民医院与省肿瘤医院共建远程",
            "会诊中心，群众在家门口可约省级",
            "专家",
        ])));
        // Text a column break cut off runs to the column's end; one line tells too little.
        assert!(!is_headline(&block(&[
            "乡农办测算，错峰销售",
            "后每斤柑橘平均能多卖"
        ])));
        assert!(!is_headline(&block(&["冷库投入使用，柑橘错峰销售"])));
        assert!(!is_headline(&block(&[
            "乡农办测算，错峰销售",
            "后每斤，柑橘"
        ])));
    }
}
