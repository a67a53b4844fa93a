//! Steps 5–7: lines in reading order → blocks → roles → articles.
//!
//! - [`blocks`]: consecutive lines of one column, one size and no wide gap;
//! - [`role`]: a block's role from its size, weight and text: headline (clearly larger than
//!   the body text, or bold on a page with no larger type), larger or bold type inside an
//!   article (a pull quote if the article repeats it, else a subheading), a source line, a
//!   byline, furniture, or body text;
//! - [`paragraphs`]: body lines cut where a line is indented or the one before ends short;
//! - [`articles`]: an article starts at each headline; its blocks fill it in.

use crate::import::page::lines::{is_furniture, parse_source};
use crate::model::{ArticleDraft, ParagraphDraft, ParagraphKind, ParsedDigest, Source};

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
        if out.ends_with(|c: char| c.is_ascii_alphanumeric())
            && l.starts_with(|c: char| c.is_ascii_alphanumeric())
        {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// Consecutive lines of one column and one size, with no gap much wider than the page's
/// leading for that size between them ([`Leading::max_gap`](super::layout::Leading::max_gap)). Lines already marked as furniture stand alone.
pub fn blocks(layout: &Layout) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for l in &layout.lines {
        let joins = out.last().and_then(|b| b.lines.last()).is_some_and(|p| {
            !p.furniture
                && !l.furniture
                && p.region == l.region
                && (p.size - l.size).abs() < 0.06 * l.size
                && p.bold == l.bold
                && l.top() - p.bottom() < layout.leading.max_gap(l.size)
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

/// The role of a block, from its size against the body text, its weight and its text.
pub fn role(block: &Block, body_size: f64, headlines: Headlines) -> Role {
    let text = block.text();
    if block.lines.iter().all(|l| l.furniture) || is_furniture(&text) {
        return Role::Furniture;
    }
    if block.size() >= HEADLINE * body_size {
        return Role::Headline;
    }
    if let Some(source) = parse_source(&text) {
        return Role::Source(source);
    }
    if is_byline(&text) {
        return Role::Byline;
    }
    if block.size() >= LARGER * body_size {
        return Role::Larger;
    }
    match (is_bold_head(block, &text), headlines) {
        (true, Headlines::Bold) => Role::Headline,
        (true, Headlines::Larger) => Role::Larger,
        (false, _) => Role::Body,
    }
}

/// Body lines cut into paragraphs: a new one starts at a line indented by more than half an
/// em from its column's left edge, or after a line that ends a sentence more than two ems
/// short of the column's right edge.
pub fn paragraphs(lines: &[Line]) -> Vec<String> {
    let mut paras: Vec<Vec<&str>> = Vec::new();
    let mut prev: Option<&Line> = None;
    for l in lines {
        let indented = l.x0 - l.column.0 > 0.5 * l.size;
        let after_short = prev.is_some_and(|p| {
            p.column.1 - p.x1 > 2.0 * p.size
                && p.text
                    .trim_end()
                    .ends_with(['。', '！', '？', '”', '」', '.'])
        });
        match paras.last_mut() {
            Some(p) if !indented && !after_short => p.push(&l.text),
            _ => paras.push(vec![&l.text]),
        }
        prev = Some(l);
    }
    paras.into_iter().map(join).collect()
}

/// An article being filled in.
#[derive(Default)]
struct Draft {
    title: String,
    source: Source,
    body: Vec<Line>,
    /// Larger-type blocks: pull quotes or subheadings, decided when the article is whole.
    larger: Vec<(usize, String)>,
    warnings: Vec<String>,
}

/// Walks the blocks in reading order: each headline opens an article, the rest fill it.
pub fn articles(layout: &Layout) -> ParsedDigest {
    let mut out = ParsedDigest::default();
    let mut current: Option<Draft> = None;
    let headlines = Headlines::of(layout);
    for block in blocks(layout) {
        match role(&block, layout.body_size, headlines) {
            Role::Furniture | Role::Byline => out.furniture.push(block.text()),
            Role::Headline => {
                let title = block.text();
                if let Some(d) = current.take() {
                    out.articles.extend(finish(d));
                }
                current = Some(Draft {
                    title,
                    ..Draft::default()
                });
            }
            role => {
                let d = current.get_or_insert_with(untitled);
                match role {
                    Role::Source(s) if d.source.line.is_none() => d.source = s,
                    Role::Larger => d.larger.push((d.body.len(), block.text())),
                    _ => d.body.extend(block.lines),
                }
            }
        }
    }
    if let Some(d) = current.take() {
        out.articles.extend(finish(d));
    }
    if out.articles.is_empty() {
        out.warnings.push("no headline found on the page".into());
    }
    out
}

/// Text before the first headline (continued from another page).
fn untitled() -> Draft {
    Draft {
        warnings: vec!["text before the first headline: continued from another page?".into()],
        ..Draft::default()
    }
}

/// Characters that count when comparing a pull quote with the body.
fn bare(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !"“”\"'‘’「」『』".contains(*c))
        .collect()
}

/// The finished article: paragraphs cut, larger type sorted into pull quotes (repeated in the
/// body) and subheadings, the first paragraph the lead.
fn finish(d: Draft) -> Option<ArticleDraft> {
    let mut pieces: Vec<(usize, ParagraphDraft)> = Vec::new();
    let body_text = bare(&join(d.body.iter().map(|l| l.text.as_str())));
    let mut pull_quotes = Vec::new();
    for (at, text) in d.larger {
        if !bare(&text).is_empty() && body_text.contains(&bare(&text)) {
            pull_quotes.push(text);
        } else {
            pieces.push((at, para(ParagraphKind::Heading, text)));
        }
    }
    let body = |lines: &[Line]| {
        self::paragraphs(lines)
            .into_iter()
            .map(|t| para(ParagraphKind::Body, t))
    };
    let mut paragraphs = Vec::new();
    let mut start = 0;
    for (at, heading) in pieces {
        paragraphs.extend(body(&d.body[start..at]));
        paragraphs.push(heading);
        start = at;
    }
    paragraphs.extend(body(&d.body[start..]));
    if paragraphs.is_empty() && d.title.is_empty() {
        return None;
    }
    if let Some(first) = paragraphs
        .iter_mut()
        .find(|p| p.kind == ParagraphKind::Body)
    {
        first.kind = ParagraphKind::Lead;
    }
    let mut warnings = d.warnings;
    let mut confidence: f64 = if warnings.is_empty() { 0.9 } else { 0.4 };
    if d.source.line.is_none() {
        warnings.push("no source line".into());
        confidence -= 0.2;
    }
    if paragraphs.is_empty() {
        warnings.push("a headline with no text under it".into());
        confidence -= 0.4;
    }
    let title = if d.title.is_empty() {
        paragraphs
            .first()
            .map(|p| p.text.chars().take(20).collect::<String>() + "…")
            .unwrap_or_default()
    } else {
        d.title
    };
    Some(ArticleDraft {
        title,
        source: d.source,
        paragraphs,
        pull_quotes,
        confidence: confidence.max(0.1),
        warnings,
    })
}

fn para(kind: ParagraphKind, text: String) -> ParagraphDraft {
    ParagraphDraft { kind, text }
}
