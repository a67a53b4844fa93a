//! Steps 5–7: lines in reading order → blocks → roles → articles.
//!
//! - [`blocks`]: consecutive lines of one column, one size and no wide gap;
//! - [`role`]: a block's role from its size, weight and text: headline (clearly larger than
//!   the body text, or bold on a page with no larger type, and finishing no sentence), larger
//!   or bold type inside an article (a pull quote if the article repeats it, else a
//!   subheading, or body text if it ends `。`), a source line, a byline, furniture, or body text;
//! - [`paragraphs`]: body lines cut where a line is indented, the one before ends short, or a
//!   wide gap sets a line off; a one-line paragraph of a short unpunctuated line is a
//!   subheading;
//! - [`articles`]: an article starts at each headline; its blocks fill it in.

use crate::import::page::lines::{
    credit_awaits_name, dateline, is_furniture, is_signature, is_site_notice, item_marker,
    parse_source,
};
use crate::model::{
    ArticleDraft, BoxOf, PageBox, ParagraphDraft, ParagraphKind, ParsedDigest, PlacedBox, Source,
};

use super::layout::{Layout, Line};

/// A headline is at least this much larger than the body text.
pub const HEADLINE: f64 = 1.3;
/// Larger type inside an article (pull quotes, subheadings) starts here.
const LARGER: f64 = 1.08;

/// Lines that belong together.
#[derive(Debug, Clone)]
pub struct Block {
    /// Its lines, top to bottom.
    pub lines: Vec<Line>,
}

impl Block {
    /// The type size of its first line.
    pub fn size(&self) -> f64 {
        self.lines.first().map_or(0.0, |l| l.size)
    }

    /// The lines joined (CJK without spaces, Latin words with one).
    pub fn text(&self) -> String {
        join(self.lines.iter().map(|l| l.text.as_str()))
    }

    /// Where the block is on page `page` (its lines are all in one column).
    pub fn place(&self, page: u32) -> PageBox {
        boxes(&self.lines, page)[0]
    }
}

/// The box of one line on page `page`.
fn line_box(l: &Line, page: u32) -> PageBox {
    PageBox {
        page,
        x0: l.x0,
        y0: l.top(),
        x1: l.x1,
        y1: l.bottom(),
    }
}

/// The boxes of some lines in reading order: one per run of lines in one column (a paragraph
/// continued in the next column has two).
pub fn boxes(lines: &[Line], page: u32) -> Vec<PageBox> {
    let mut out: Vec<(usize, PageBox)> = Vec::new();
    for l in lines {
        let b = line_box(l, page);
        match out.last_mut() {
            Some((region, acc)) if *region == l.region => *acc = acc.union(b),
            _ => out.push((l.region, b)),
        }
    }
    out.into_iter().map(|(_, b)| b).collect()
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// The headline that starts an article.
    Headline,
    /// Larger type inside an article.
    Larger,
    /// A source line (据《…》, 综合…), with the outlets it names.
    Source(Source),
    /// A byline (本报记者 …).
    Byline,
    /// Page furniture: running heads, page numbers, edition labels.
    Furniture,
    /// Body text.
    Body,
}

/// Joins line texts: no space between CJK, one between Latin words.
pub fn join<'a>(lines: impl IntoIterator<Item = &'a str>) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.trim();
        let latin = out.ends_with(|c: char| c.is_ascii_alphanumeric())
            && l.starts_with(|c: char| c.is_ascii_alphanumeric());
        // A credit's name on the next line (`…电（记者` / `汪海）…`) is set off by a space.
        let name = l.starts_with(crate::text::is_cjk) && credit_awaits_name(&out);
        if latin || name {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// Consecutive lines of one column and one size, with no gap much wider than the page's
/// leading for that size between them ([`Leading::max_gap`](super::layout::Leading::max_gap)). Lines already marked as furniture stand alone.
pub fn blocks(layout: &Layout) -> Vec<Block> {
    let heads = numbered_heads(&layout.lines);
    let mut out: Vec<Block> = Vec::new();
    for (i, l) in layout.lines.iter().enumerate() {
        // A numbered item's title is a block of its own, of one line or two, however
        // loosely its lines are set (a band cut may fall between them).
        let prev = i.checked_sub(1).map(|j| heads[j]);
        match (heads[i], out.last_mut()) {
            (Some(h), Some(b)) if prev == Some(Some(h)) => {
                b.lines.push(l.clone());
                continue;
            }
            _ if prev.is_some_and(|p| p != heads[i]) => {
                out.push(Block {
                    lines: vec![l.clone()],
                });
                continue;
            }
            _ => {}
        }
        let joins = out.last().and_then(|b| b.lines.last()).is_some_and(|p| {
            !p.furniture
                && !l.furniture
                && p.region == l.region
                && (p.size - l.size).abs() < 0.06 * l.size
                && p.bold == l.bold
                && l.top() - p.bottom() < layout.leading.max_gap(l.size)
                && !signs_off(p, l)
        });
        match out.last_mut() {
            Some(b) if joins => b.lines.push(l.clone()),
            _ => out.push(Block {
                lines: vec![l.clone()],
            }),
        }
    }
    out
}

/// For each line, the numbered item title it belongs to (the index of the title's first
/// line), if any: a line of its own ([`is_numbered_head`]) or wrapped onto a second
/// ([`is_wrapped_numbered_head`]) that the next line does not go on with.
fn numbered_heads(lines: &[Line]) -> Vec<Option<usize>> {
    let mut heads = vec![None; lines.len()];
    for (i, l) in lines.iter().enumerate() {
        if heads[i].is_some() {
            continue;
        }
        let wrapped = lines.get(i + 1).is_some_and(|rest| {
            is_wrapped_numbered_head(l, rest) && starts_anew(rest, lines.get(i + 2))
        });
        if wrapped {
            heads[i] = Some(i);
            heads[i + 1] = Some(i);
        } else if is_numbered_head(l) {
            heads[i] = Some(i);
        }
    }
    heads
}

/// A numbered item's title wrapped onto a second line, in the type it is printed in
/// (`4. 县人民医院与省肿瘤医院共建远程会诊中心，` / `群众在家门口可约省级专家`): an item
/// marker, no mark ending a sentence, a second line right under the first, starting where
/// it starts, stopping well short of the column and ending with no mark (`心，群众在家门口
/// 可约省级专家` when the first line stopped at `…会诊中`).
pub fn is_wrapped_numbered_head(first: &Line, rest: &Line) -> bool {
    let (a, b) = (first.text.trim(), rest.text.trim());
    item_marker(a).is_some()
        && item_marker(b).is_none()
        && !a.contains(['。', '；', '！', '？'])
        && !b.contains(['。', '；', '！', '？'])
        && !b.ends_with(['，', '、', '：'])
        && a.chars().count() + b.chars().count() <= 60
        && (rest.x0 - first.x0).abs() < 0.5 * first.size
        && !first.furniture
        && !rest.furniture
        && (first.size - rest.size).abs() < 0.06 * first.size
        && rest.top() > first.bottom()
        && rest.top() - first.bottom() < 1.6 * first.size
        && first.column.1 - rest.x1 > 2.0 * rest.size
}

/// Whether the line after a title's last line starts something new: another column, an
/// indented paragraph, smaller type, or nothing.
fn starts_anew(last: &Line, next: Option<&Line>) -> bool {
    next.is_none_or(|n| {
        n.region != last.region
            || n.x0 - n.column.0 > 0.5 * n.size
            || n.size < 0.97 * last.size
            || n.furniture
    })
}

/// Whether `l` signs the text `p` ends (a reader's letter: `……加装几把座椅。` / `——读者 王芳`):
/// a block of its own however close it is set.
fn signs_off(p: &Line, l: &Line) -> bool {
    is_signature(&l.text) && crate::import::page::lines::ends_sentence(&p.text)
}

/// `本报记者 张三`, `记者 李四 王五`, `通讯员 …`: a short line naming reporters.
pub fn is_byline(text: &str) -> bool {
    let t = text.trim();
    t.chars().count() <= 24
        && ["本报记者", "记者", "本报通讯员", "通讯员", "文/", "文／"]
            .iter()
            .any(|p| t.starts_with(p))
        && !t.contains(['。', '，', '；'])
}

/// How a page marks its headlines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Headlines {
    /// In larger type: bold body-size lines are subheadings.
    Larger,
    /// Only in bold (no larger type on the page): bold body-size lines are headlines.
    Bold,
}

impl Headlines {
    /// How this page marks them: by size when it has larger type, else by weight.
    pub fn of(layout: &Layout) -> Headlines {
        let big = HEADLINE * layout.body_size;
        match layout.lines.iter().any(|l| !l.furniture && l.size >= big) {
            true => Headlines::Larger,
            false => Headlines::Bold,
        }
    }
}

/// A short bold line of body size that does not end a sentence: a subheading or, on a page
/// without larger type, a headline.
fn is_bold_head(block: &Block, text: &str) -> bool {
    block.lines.iter().all(|l| l.bold)
        && text.chars().count() <= 40
        && !text.ends_with(['。', '！', '？', '；'])
}

/// A numbered item's title on a line of its own (`1. 图书馆延长期末开放时间`): an item marker,
/// short, no sentence punctuation, and stopping well short of its column. Set apart from the
/// lines around it whatever its type: a newsletter may print it in body type.
pub fn is_numbered_head(l: &Line) -> bool {
    let text = l.text.trim();
    item_marker(text).is_some()
        && text.chars().count() <= 40
        && !text.contains(['，', '。', '；', '！', '？'])
        && l.column.1 - l.x1 > 2.0 * l.size
}

/// The role of a block, from its size against the body text, its weight and its text.
pub fn role(block: &Block, body_size: f64, headlines: Headlines) -> Role {
    let text = block.text();
    if block.lines.iter().all(|l| l.furniture) || is_furniture(&text) || is_site_notice(&text) {
        return Role::Furniture;
    }
    // A headline finishes no sentence: larger type ending `。` is a pull quote, or body
    // text on a page too short to tell its body size (`军表示。` over a page's footer).
    if block.size() >= HEADLINE * body_size && !text.trim_end().ends_with('。') {
        return Role::Headline;
    }
    if let Some(source) = parse_source(&text) {
        return Role::Source(source);
    }
    if block.lines.len() == 1 && is_signature(&text) {
        // A reader's letter signed on a line of its own (`——读者 王芳`): its source.
        return Role::Source(Source {
            line: Some(text.trim().to_owned()),
            outlets: Vec::new(),
        });
    }
    if is_byline(&text) {
        return Role::Byline;
    }
    if block.size() >= LARGER * body_size {
        return Role::Larger;
    }
    let numbered = match block.lines.as_slice() {
        [one] => is_numbered_head(one),
        [first, rest] => is_wrapped_numbered_head(first, rest),
        _ => false,
    };
    match (numbered || is_bold_head(block, &text), headlines) {
        (true, Headlines::Bold) => Role::Headline,
        (true, Headlines::Larger) => Role::Larger,
        (false, _) => Role::Body,
    }
}

/// Body lines cut into paragraphs: a new one starts at a line indented by more than half an
/// em from its column's left edge, after a line that ends a sentence more than two ems short
/// of the column's right edge, or after a wider gap than the lines' usual one below a line
/// that ends a sentence or stops short (a page whose paragraphs stand apart).
pub fn paragraphs(lines: &[Line]) -> Vec<String> {
    paragraph_runs(lines).into_iter().map(|(t, _)| t).collect()
}

/// [`paragraphs`] with the lines each was made of (a range of `lines`).
pub fn paragraph_runs(lines: &[Line]) -> Vec<(String, std::ops::Range<usize>)> {
    let mut paras: Vec<(Vec<&str>, std::ops::Range<usize>)> = Vec::new();
    let mut prev: Option<&Line> = None;
    let usual = median_gap(lines);
    for (i, l) in lines.iter().enumerate() {
        let indented = l.x0 - l.column.0 > 0.5 * l.size;
        let after_short = prev.is_some_and(|p| {
            let short = |right: f64| right - p.x1 > 2.0 * p.size;
            let ends = p
                .text
                .trim_end()
                .ends_with(['。', '！', '？', '”', '」', '.']);
            // A line short of the next one's column and set off by a wider gap than the
            // lines' usual one: a subheading of a page whose paragraphs stand apart
            // (`铭记历史，汲取信仰的力量`, cut into a band of its own).
            let set_off = usual.is_some_and(|u| l.top() - p.bottom() > 1.3 * u + 0.1 * l.size);
            // A finished sentence and a wide gap end a paragraph however full its last line.
            short(p.column.1) && ends || set_off && (ends || short(p.column.1.max(l.column.1)))
        });
        match paras.last_mut() {
            Some((p, r)) if !indented && !after_short => {
                p.push(&l.text);
                r.end = i + 1;
            }
            _ => paras.push((vec![&l.text], i..i + 1)),
        }
        prev = Some(l);
    }
    paras.into_iter().map(|(p, r)| (join(p), r)).collect()
}

/// A paragraph of one short line in body type that ends with no mark at all: a subheading
/// (`铭记历史，汲取信仰的力量`), which text after it never goes on. A web address under its
/// label (`摊位预约：www.liuwanjd.cn/jiaohuan`) is none.
fn is_subheading(l: &Line, right: f64) -> bool {
    let text = l.text.trim();
    let unmarked = text
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() && !c.is_ascii_digit() || c == '》');
    text.chars().count() <= 30
        && right - l.x1 > 2.0 * l.size
        && unmarked
        && !crate::import::page::lines::ends_with_address(text)
}

/// The median gap between a line and the next (`None` under three gaps).
fn median_gap(lines: &[Line]) -> Option<f64> {
    let mut gaps: Vec<f64> = lines
        .windows(2)
        .map(|w| w[1].top() - w[0].bottom())
        .collect();
    if gaps.len() < 3 {
        return None;
    }
    gaps.sort_by(f64::total_cmp);
    Some(gaps[gaps.len() / 2])
}

/// An article being filled in.
#[derive(Default)]
struct Draft {
    title: String,
    title_box: Option<PageBox>,
    source: Source,
    source_box: Option<PageBox>,
    body: Vec<Line>,
    /// Larger-type blocks: pull quotes or subheadings, decided when the article is whole.
    larger: Vec<(usize, String, PageBox)>,
    warnings: Vec<String>,
}

/// Walks the blocks of page `page` in reading order: each headline opens an article, the
/// rest fill it. Every block's box is kept with what it became.
pub fn articles(layout: &Layout, page: u32) -> ParsedDigest {
    let mut out = ParsedDigest::default();
    let mut current: Option<Draft> = None;
    let headlines = Headlines::of(layout);
    let blocks: Vec<(Block, Role)> = blocks(layout)
        .into_iter()
        .map(|b| {
            let r = role(&b, layout.body_size, headlines);
            (b, r)
        })
        .collect();
    // A page that prints no source line anywhere does not lack one in each article.
    let expected = blocks.iter().any(|(_, r)| matches!(r, Role::Source(_)));
    for (block, role) in blocks {
        match role {
            Role::Furniture | Role::Byline => {
                let index = out.furniture.len();
                out.boxes.push(PlacedBox {
                    place: block.place(page),
                    of: BoxOf::Furniture { index },
                });
                out.furniture.push(block.text());
            }
            Role::Headline => {
                if let Some(d) = current.take() {
                    push(&mut out, d, page, expected);
                }
                current = Some(Draft {
                    title: block.text(),
                    title_box: Some(block.place(page)),
                    ..Draft::default()
                });
            }
            role => {
                let d = current.get_or_insert_with(untitled);
                match role {
                    Role::Source(s) if d.source.line.is_none() => {
                        d.source = s;
                        d.source_box = Some(block.place(page));
                    }
                    Role::Larger => d
                        .larger
                        .push((d.body.len(), block.text(), block.place(page))),
                    _ => d.body.extend(block.lines),
                }
            }
        }
    }
    if let Some(d) = current.take() {
        push(&mut out, d, page, expected);
    }
    if out.articles.is_empty() {
        out.warnings.push(NO_HEADLINE.into());
    }
    out
}

/// Adds a finished article and its boxes (an empty draft adds nothing).
fn push(out: &mut ParsedDigest, d: Draft, page: u32, sources_expected: bool) {
    let article = out.articles.len();
    if let Some((a, boxes)) = finish(d, page, sources_expected) {
        out.articles.push(a);
        out.boxes
            .extend(boxes.into_iter().map(|(of, place)| PlacedBox {
                place,
                of: of(article),
            }));
    }
}

/// The warning of a headline with nothing under it on its page.
pub const NO_TEXT: &str = "a headline with no text under it";

/// What [`NO_TEXT`] costs an article's confidence.
pub const NO_TEXT_COST: f64 = 0.4;

/// What a missing source line costs an article's confidence where sources are printed.
pub const NO_SOURCE_COST: f64 = 0.2;

/// The warning of a page with no article.
pub const NO_HEADLINE: &str = "no headline found on the page";

/// The warning of text before a page's first headline.
pub const CONTINUED: &str = "text before the first headline: continued from another page?";

/// Text before the first headline (continued from another page).
fn untitled() -> Draft {
    Draft {
        warnings: vec![CONTINUED.into()],
        ..Draft::default()
    }
}

/// Characters that count when comparing a pull quote with the body.
fn bare(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"“”\"'‘’「」『』".contains(*c))
        .collect()
}

/// What a box of an article holds, once the article's index is known.
type Of = Box<dyn Fn(usize) -> BoxOf>;

/// The finished article: paragraphs cut, larger type sorted into pull quotes (repeated in the
/// body) and subheadings, the first paragraph the lead; with the boxes of its pieces.
fn finish(
    d: Draft,
    page: u32,
    sources_expected: bool,
) -> Option<(ArticleDraft, Vec<(Of, PageBox)>)> {
    let mut pieces: Vec<(usize, ParagraphDraft, PageBox)> = Vec::new();
    let body_text = bare(&join(d.body.iter().map(|l| l.text.as_str())));
    let mut pull_quotes = Vec::new();
    let mut boxes: Vec<(Of, PageBox)> = Vec::new();
    for (at, text, place) in d.larger {
        if !bare(&text).is_empty() && body_text.contains(&bare(&text)) {
            let index = pull_quotes.len();
            boxes.push((
                Box::new(move |article| BoxOf::PullQuote { article, index }),
                place,
            ));
            pull_quotes.push(text);
        } else {
            // A subheading finishes no sentence; larger text that does is body text.
            let kind = match text.trim_end().ends_with('。') {
                true => ParagraphKind::Body,
                false => ParagraphKind::Heading,
            };
            pieces.push((at, para(kind, text), place));
        }
    }
    let mut paragraphs: Vec<(ParagraphDraft, Vec<PageBox>)> = Vec::new();
    let lines = &d.body;
    let right = lines.iter().map(|l| l.column.1).fold(f64::MIN, f64::max);
    let body = |from: usize, to: usize| {
        paragraph_runs(&lines[from..to])
            .into_iter()
            .map(move |(t, r)| {
                let run = &lines[from + r.start..from + r.end];
                let kind = match run {
                    [one] if is_subheading(one, right) => ParagraphKind::Heading,
                    _ => ParagraphKind::Body,
                };
                (para(kind, t), self::boxes(run, page))
            })
    };
    let mut start = 0;
    for (at, heading, place) in pieces {
        paragraphs.extend(body(start, at));
        paragraphs.push((heading, vec![place]));
        start = at;
    }
    paragraphs.extend(body(start, lines.len()));
    if paragraphs.is_empty() && d.title.is_empty() {
        return None;
    }
    if let Some((first, _)) = paragraphs
        .iter_mut()
        .find(|(p, _)| p.kind == ParagraphKind::Body)
    {
        first.kind = ParagraphKind::Lead;
    }
    for (paragraph, (_, places)) in paragraphs.iter().enumerate() {
        for &place in places {
            boxes.push((
                Box::new(move |article| BoxOf::Paragraph { article, paragraph }),
                place,
            ));
        }
    }
    if let Some(place) = d.title_box {
        boxes.push((Box::new(|article| BoxOf::Title { article }), place));
    }
    if let Some(place) = d.source_box {
        boxes.push((Box::new(|article| BoxOf::Source { article }), place));
    }
    let paragraphs: Vec<ParagraphDraft> = paragraphs.into_iter().map(|(p, _)| p).collect();
    let mut warnings = d.warnings;
    let mut confidence: f64 = if warnings.is_empty() { 0.9 } else { 0.4 };
    let source = d
        .source
        .line
        .is_some()
        .then_some(d.source)
        .or_else(|| dateline_source(&paragraphs));
    let source = source.unwrap_or_default();
    if source.line.is_none() && sources_expected {
        warnings.push(crate::import::formats::NO_SOURCE.into());
        confidence -= NO_SOURCE_COST;
    }
    if paragraphs.is_empty() {
        warnings.push(NO_TEXT.into());
        confidence -= NO_TEXT_COST;
    }
    let title = if d.title.is_empty() {
        paragraphs
            .first()
            .map(|p| p.text.chars().take(20).collect::<String>() + "…")
            .unwrap_or_default()
    } else {
        d.title
    };
    let article = ArticleDraft {
        title,
        source,
        paragraphs,
        pull_quotes,
        confidence: confidence.max(0.1),
        warnings,
    };
    Some((article, boxes))
}

/// Without a source line, the dateline opening the lead names the source (`新华社北京6月25日电`,
/// `本报讯`), as on the text path.
fn dateline_source(paragraphs: &[ParagraphDraft]) -> Option<Source> {
    let lead = paragraphs
        .iter()
        .find(|p| p.kind != ParagraphKind::Heading)?;
    let (line, outlet) = dateline(&lead.text)?;
    Some(Source {
        line: Some(line),
        outlets: vec![outlet],
    })
}

fn para(kind: ParagraphKind, text: String) -> ParagraphDraft {
    ParagraphDraft { kind, text }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str) -> Line {
        Line {
            text: text.to_owned(),
            x0: 50.0,
            x1: 150.0,
            baseline: 100.0,
            size: 10.0,
            bold: false,
            region: 0,
            column: (50.0, 250.0),
            furniture: false,
        }
    }

    #[test]
    fn a_short_unmarked_line_is_a_subheading_but_an_address_under_its_label_is_not() {
        assert!(is_subheading(&line("隧道施工只能在夜间进行"), 250.0));
        assert!(!is_subheading(
            &line("摊位预约：www.liuwanjd.cn/jiaohuan"),
            250.0
        ));
        assert!(!is_subheading(
            &line("预约入口：https://ym.liuwanjd.cn"),
            250.0
        ));
    }
}
