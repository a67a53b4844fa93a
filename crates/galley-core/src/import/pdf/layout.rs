//! Steps 2–4: glyphs → lines → columns and reading order, on geometry alone.
//!
//! - [`rows`]: glyphs sharing a baseline;
//! - [`segments`]: a row cut at wide horizontal gaps (column gutters) into lines;
//! - [`xy_cut`]: the page cut recursively, first at vertical whitespace rivers (columns, left
//!   to right), else at wide horizontal gaps (bands, top to bottom), so a full-width headline
//!   above columns comes first and each column is read whole before the next;
//! - [`furniture_bands`]: a lone short line alone at the very top or bottom of the page.

use super::articles::HEADLINE;
use super::glyphs::{Glyph, Page};
use crate::import::page::lines::{is_furniture, is_rule, is_web_control};

/// One line of text in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// The line's text.
    pub text: String,
    /// Left edge, in points.
    pub x0: f64,
    /// Right edge, in points.
    pub x1: f64,
    /// Baseline, in points from the top of the page.
    pub baseline: f64,
    /// Font size (median of its glyphs), points.
    pub size: f64,
    /// Most of its glyphs are bold.
    pub bold: bool,
    /// The column (leaf region of the XY cut) the line is in, in reading order.
    pub region: usize,
    /// Left and right edges of the column the line sits in.
    pub column: (f64, f64),
    /// Set aside as page furniture by position.
    pub furniture: bool,
}

impl Line {
    /// Top of the line's type, in points from the top of the page.
    pub fn top(&self) -> f64 {
        self.baseline - 0.88 * self.size
    }

    /// Bottom of the line's type (its descenders), in points from the top.
    pub fn bottom(&self) -> f64 {
        self.baseline + 0.12 * self.size
    }
}

/// A page's lines in reading order, with the body text size.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The lines in reading order.
    pub lines: Vec<Line>,
    /// The most common glyph size: the body text.
    pub body_size: f64,
    /// The usual white space between two lines of each type size.
    pub leading: Leading,
}

/// The usual white space between two lines of one type size, measured on the page: each
/// style has its own leading (LibreOffice sets a headline's far looser than Chromium does).
#[derive(Debug, Clone, Default)]
pub struct Leading {
    /// (size, median gap) for each size seen on two lines one above the other.
    pub by_size: Vec<(f64, f64)>,
    /// The most common type size: the body text's.
    pub body_size: f64,
}

impl Leading {
    /// Measures the gap between each line and the next line below it in its column (the
    /// nearest one it overlaps horizontally) when that line has the same size and is less
    /// than 1.6 ems away; the median per size.
    pub fn measure(lines: &[Line], body_size: f64) -> Leading {
        let mut gaps: Vec<(f64, Vec<f64>)> = Vec::new();
        for a in lines {
            let below = lines
                .iter()
                .filter(|b| b.baseline > a.baseline + 0.5 * a.size)
                .filter(|b| b.x0 < a.x1 && a.x0 < b.x1)
                .min_by(|b, c| b.baseline.total_cmp(&c.baseline));
            let Some(gap) = below
                .filter(|b| same_size(a.size, b.size))
                .map(|b| b.top() - a.bottom())
                .filter(|g| *g < 1.6 * a.size)
            else {
                continue;
            };
            match gaps.iter_mut().find(|(s, _)| same_size(*s, a.size)) {
                Some((_, v)) => v.push(gap),
                None => gaps.push((a.size, vec![gap])),
            }
        }
        let by_size = gaps
            .into_iter()
            .map(|(size, mut v)| {
                v.sort_by(f64::total_cmp);
                (size, v[v.len() / 2].max(0.0))
            })
            .collect();
        Leading { by_size, body_size }
    }

    /// The usual gap for lines of `size` (the body's, scaled, if the size was never seen
    /// twice).
    pub fn gap(&self, size: f64) -> f64 {
        let of = |s: f64| {
            self.by_size
                .iter()
                .find(|(x, _)| same_size(*x, s))
                .map(|(_, g)| *g)
        };
        of(size).unwrap_or_else(|| {
            of(self.body_size).unwrap_or(0.5 * self.body_size) * size / self.body_size.max(1.0)
        })
    }

    /// The widest gap still inside one block of lines of `size`: its leading plus half an em.
    pub fn max_gap(&self, size: f64) -> f64 {
        self.gap(size) + 0.5 * size
    }
}

/// Two sizes within 6% of each other are one type size.
pub fn same_size(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.06 * a.max(b)
}

/// Lays out one page: lines in reading order.
pub fn layout(page: &Page) -> Layout {
    let body_size = body_size(&page.glyphs);
    let lines: Vec<Line> = rows(&page.glyphs)
        .into_iter()
        .flat_map(|row| segments(row, body_size))
        .filter(|l| !l.text.is_empty())
        .map(|mut l| {
            // A rule drawn in characters (`=====`) and a web page's buttons are no text,
            // wherever they stand.
            l.furniture = is_rule(&l.text) || is_web_control(&l.text);
            l
        })
        .collect();
    let leading = Leading::measure(&lines, body_size);
    let lines = super::figures::set_aside(lines, body_size);
    let mut lines = furniture_bands(lines, page.height, body_size);
    let (furniture, text): (Vec<Line>, Vec<Line>) = lines.drain(..).partition(|l| l.furniture);
    let bounds = edges(&text, body_size);
    let mut ordered = Vec::new();
    let gaps = Gaps {
        gutter: 0.8 * body_size,
        leading: &leading,
    };
    for (region, mut leaf) in xy_cut(text, bounds, gaps).into_iter().enumerate() {
        leaf.sort_by(|a, b| {
            a.baseline
                .total_cmp(&b.baseline)
                .then(a.x0.total_cmp(&b.x0))
        });
        for l in &mut leaf {
            l.region = region;
        }
        ordered.extend(leaf);
    }
    // Furniture keeps its place at the top or bottom of the page.
    let (top, bottom): (Vec<Line>, Vec<Line>) = furniture
        .into_iter()
        .partition(|l| l.baseline < page.height / 2.0);
    let lines = top.into_iter().chain(ordered).chain(bottom).collect();
    Layout {
        lines,
        body_size,
        leading,
    }
}

/// The most common glyph size, by glyph count (sizes rounded to a quarter point).
pub fn body_size(glyphs: &[Glyph]) -> f64 {
    let mut counts: std::collections::BTreeMap<i64, usize> = Default::default();
    for g in glyphs {
        *counts.entry((g.size * 4.0).round() as i64).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|&(size, n)| (n, -size))
        .map_or(10.0, |(size, _)| size as f64 / 4.0)
}

/// Glyphs grouped by baseline: sorted top to bottom, a glyph joins the row when its baseline
/// is within a third of the smaller size of the row's first glyph.
pub fn rows(glyphs: &[Glyph]) -> Vec<Vec<Glyph>> {
    let mut sorted: Vec<&Glyph> = glyphs.iter().collect();
    sorted.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
    let mut rows: Vec<Vec<Glyph>> = Vec::new();
    for g in sorted {
        match rows.last_mut() {
            Some(row) if (g.baseline - row[0].baseline).abs() < 0.33 * g.size.min(row[0].size) => {
                row.push(g.clone())
            }
            _ => rows.push(vec![g.clone()]),
        }
    }
    rows
}

/// A row cut into lines wherever the gap between two glyphs is at least a narrow gutter (0.8
/// body-size ems; justified CJK text spaces its glyphs far less, and a space between words is
/// a glyph of its own): columns that share baselines are told apart here.
pub fn segments(mut row: Vec<Glyph>, body_size: f64) -> Vec<Line> {
    row.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut out: Vec<Vec<Glyph>> = Vec::new();
    for g in row {
        match out.last_mut() {
            Some(seg)
                if g.x - seg.last().map_or(g.x, Glyph::right_at_most)
                    < 0.8 * body_size.max(g.size * 0.5) =>
            {
                seg.push(g)
            }
            _ => out.push(vec![g]),
        }
    }
    out.into_iter().map(|seg| line_of(&seg)).collect()
}

/// A line from its glyphs (in x order): text with a space where words are apart (see
/// [`apart`]).
fn line_of(glyphs: &[Glyph]) -> Line {
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    let usual = usual_gap(glyphs);
    for g in glyphs {
        if let Some(p) = prev {
            let gap = g.x - p.right();
            let spaced = text.ends_with(' ') || g.text == " ";
            if !spaced && apart(p, g, usual) {
                text.push(' ');
            }
            if g.text == " " && text.ends_with(' ') {
                continue;
            }
            // A doubled glyph (a fake-bold overprint) is printed once.
            if gap < -0.5 * p.width && g.text == p.text {
                continue;
            }
        }
        text.push_str(&g.text);
        prev = Some(g);
    }
    let text = text.trim().to_owned();
    let glyphs: Vec<&Glyph> = glyphs.iter().filter(|g| g.text != " ").collect();
    let bold = 2 * glyphs.iter().filter(|g| g.bold).count() > glyphs.len();
    let mut sizes: Vec<f64> = glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    Line {
        text,
        x0: glyphs.first().map_or(0.0, |g| g.x),
        x1: glyphs
            .iter()
            .map(|g| g.right_at_most())
            .fold(f64::MIN, f64::max),
        baseline: glyphs.iter().map(|g| g.baseline).sum::<f64>() / glyphs.len().max(1) as f64,
        size: sizes.get(sizes.len() / 2).copied().unwrap_or(0.0),
        bold,
        region: 0,
        column: (0.0, 0.0),
        furniture: false,
    }
}

/// The median gap between neighbouring glyphs of a line (what justification put between
/// them), space glyphs left out.
fn usual_gap(glyphs: &[Glyph]) -> f64 {
    let printed: Vec<&Glyph> = glyphs.iter().filter(|g| g.text != " ").collect();
    let mut gaps: Vec<f64> = printed.windows(2).map(|w| w[1].x - w[0].right()).collect();
    gaps.sort_by(f64::total_cmp);
    gaps.get(gaps.len() / 2).copied().unwrap_or(0.0)
}

/// Whether two neighbouring glyphs print a space between them that is not a glyph (TeX sets
/// spaces as glue): Latin words a fifth of an em apart, or ideographs a quarter of an em apart
/// and a fifth of an em more than the line's usual gap (`记者 林晓岚` set with a space;
/// justified text spreads its glyphs evenly). Between an ideograph and a Latin letter or
/// figure the gap is the engine's spacing of the two scripts (`到 2028 年`), not a space.
fn apart(p: &Glyph, g: &Glyph, usual: f64) -> bool {
    let gap = g.x - p.right();
    let em = g.size.min(p.size);
    let latin = |s: &str| s.chars().all(|c| c.is_ascii_graphic());
    match (latin(&p.text), latin(&g.text)) {
        (true, true) => gap > 0.2 * em,
        (false, false) => gap > 0.25 * em && gap > usual + 0.2 * em,
        _ => false,
    }
}

/// Left and right edges of a set of lines.
fn extent(lines: &[Line]) -> (f64, f64) {
    let x0 = lines.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
    let x1 = lines.iter().map(|l| l.x1).fold(f64::MIN, f64::max);
    (x0, x1)
}

/// Marks as furniture a line of body size or smaller in the top or bottom tenth of the page
/// that is short and a clear gap (1.2 ems) away from all other text, or reads like furniture
/// (`■栏目`, `第 3 版`, `编辑：… 投稿邮箱：…`): running heads, folios and colophons. A line
/// as wide as most lines of body text is not short, nor one ending a sentence or a clause:
/// it is the last line of a page whose paragraphs stand apart, or the first of the next.
pub fn furniture_bands(mut lines: Vec<Line>, page_height: f64, body_size: f64) -> Vec<Line> {
    let band = page_height * 0.1;
    let gap = 1.2 * body_size;
    let measure = body_measure(&lines, body_size);
    let spans: Vec<(f64, f64)> = lines.iter().map(|l| (l.top(), l.bottom())).collect();
    for (i, l) in lines.iter_mut().enumerate() {
        let small = l.size <= body_size * 1.05;
        let full = measure.is_some_and(|m| l.x1 - l.x0 >= FULL_MEASURE * m);
        // A clause mark inside (`牢记使命，感悟实践的真理`) makes a line text, a subheading.
        // A line in smaller type than the body's is no body line, however wide (a masthead
        // naming the issue: `青岚县政务信息摘编 2026年第23期（总第311期）`).
        let smaller = l.size < 0.95 * body_size;
        let short = l.text.chars().count() <= 30
            && (!full || smaller)
            && !ends_clause(&l.text)
            && !l.text.contains(['，', '；']);
        let alone = spans
            .iter()
            .enumerate()
            .all(|(j, t)| j == i || t.0 > l.bottom() + gap || t.1 < l.top() - gap);
        let in_band = l.bottom() < band || l.top() > page_height - band;
        // A colophon (`编辑：… 投稿邮箱：…`) may be long; a line that reads like furniture is.
        l.furniture |= small && in_band && ((short && alone) || is_furniture(&l.text));
    }
    lines
}

/// Whether a line ends as only text does, with a sentence's or a clause's mark (`…的一大优势”。`
/// at the top of a page, the end of a paragraph begun on the page before): running heads and
/// folios do not.
fn ends_clause(text: &str) -> bool {
    text.trim_end().ends_with([
        '。', '！', '？', '；', '，', '、', '：', '”', '」', '…', '—',
    ])
}

/// A line this share of the body text's usual width or wider is a full line of text.
const FULL_MEASURE: f64 = 0.85;

/// The usual width of a line of body text: the median width of the body-size lines at least
/// ten characters long (`None` with fewer than five).
fn body_measure(lines: &[Line], body_size: f64) -> Option<f64> {
    let mut widths: Vec<f64> = lines
        .iter()
        .filter(|l| same_size(l.size, body_size) && l.text.chars().count() >= 10)
        .map(|l| l.x1 - l.x0)
        .collect();
    if widths.len() < 5 {
        return None;
    }
    widths.sort_by(f64::total_cmp);
    Some(widths[widths.len() / 2])
}

/// Gaps in the projection of `spans` (intervals) at least `min` wide: the cut positions.
fn gaps(spans: Vec<(f64, f64)>, min: f64) -> Vec<f64> {
    gap_spans(spans, min)
        .into_iter()
        .map(|(a, b)| (a + b) / 2.0)
        .collect()
}

/// Gaps in the projection of `spans` (intervals) at least `min` wide, edge to edge.
fn gap_spans(mut spans: Vec<(f64, f64)>, min: f64) -> Vec<(f64, f64)> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    let mut end = f64::MIN;
    for (a, b) in spans {
        if end > f64::MIN && a - end >= min {
            out.push((end, a));
        }
        end = end.max(b);
    }
    out
}

/// Fewest lines each side of a river between columns (see [`rivers`]).
const RIVER_LINES: usize = 3;

/// Most lines that may reach into a river between columns: this share of the region's
/// lines, and two at least.
const INTRUDERS: f64 = 0.1;

/// The rivers between columns that a few lines reach into: a title a little wider than its
/// column (`4. 县人民医院与省肿瘤医院共建远程会诊中心，` ending in the gutter) leaves no clean
/// gap, yet the lines keep one a gutter wide that only a few of them enter and none crosses
/// from one side to the other (a headline over both columns would).
fn rivers(lines: &[Line], gaps: Gaps<'_>) -> Vec<f64> {
    let most = ((INTRUDERS * lines.len() as f64) as usize).max(2);
    let mut xs: Vec<f64> = lines.iter().flat_map(|l| [l.x0, l.x1]).collect();
    xs.sort_by(f64::total_cmp);
    xs.dedup();
    let entering = |a: f64, b: f64| lines.iter().filter(|l| l.x0 < b && l.x1 > a).count();
    let mut spans = Vec::new();
    let mut open: Option<f64> = None;
    for w in xs.windows(2) {
        match (entering(w[0], w[1]) <= most, open) {
            (true, None) => open = Some(w[0]),
            (false, Some(a)) => {
                spans.push((a, w[0]));
                open = None;
            }
            _ => {}
        }
    }
    spans
        .into_iter()
        .filter(|&(a, b)| b - a >= gaps.gutter)
        .filter(|&(a, b)| !lines.iter().any(|l| l.x0 < a && l.x1 > b))
        .filter(|&(a, b)| {
            let left = lines.iter().filter(|l| l.x0 < a).count();
            let right = lines.iter().filter(|l| l.x0 >= b).count();
            left >= RIVER_LINES && right >= RIVER_LINES
        })
        .map(|(a, b)| (a + b) / 2.0)
        .collect()
}

/// Splits `lines` at the cut positions along one axis (`key` gives a line's position).
fn split_at(lines: Vec<Line>, cuts: &[f64], key: impl Fn(&Line) -> f64) -> Vec<Vec<Line>> {
    let mut parts: Vec<Vec<Line>> = vec![Vec::new(); cuts.len() + 1];
    for l in lines {
        let i = cuts.iter().filter(|&&c| key(&l) > c).count();
        parts[i].push(l);
    }
    parts.retain(|p| !p.is_empty());
    parts
}

/// The smallest gaps the XY cut cuts at.
#[derive(Debug, Clone, Copy)]
pub struct Gaps<'a> {
    /// A vertical river at least this wide separates columns.
    pub gutter: f64,
    /// A horizontal gap wider than the leading of the lines around it separates bands.
    pub leading: &'a Leading,
}

/// The recursive XY cut. A vertical river (a gap in the lines' x projection at least a
/// gutter wide) splits the region into columns, read left to right; failing that, one
/// horizontal gap (`band_cut`) splits it into two bands, read top to bottom. Cutting at
/// one gap at a time lets each band find its own columns, so a gap that happens to fall at
/// the same height in every column does not interleave them. Leaves are
/// returned in reading order, each line knowing its column's edges.
pub fn xy_cut(mut lines: Vec<Line>, column: (f64, f64), gaps: Gaps<'_>) -> Vec<Vec<Line>> {
    if lines.len() > 1 {
        let x_cuts = self::gaps(lines.iter().map(|l| (l.x0, l.x1)).collect(), gaps.gutter);
        if !x_cuts.is_empty() {
            return columns(lines, &x_cuts, gaps);
        }
        if let Some(cut) = band_cut(&lines, gaps) {
            return split_at(lines, &[cut], Line::top)
                .into_iter()
                .flat_map(|part| {
                    let bounds = band_column(&part, column, gaps.leading.body_size);
                    xy_cut(part, bounds, gaps)
                })
                .collect();
        }
        let x_cuts = rivers(&lines, gaps);
        if !x_cuts.is_empty() {
            return columns(lines, &x_cuts, gaps);
        }
    }
    for l in &mut lines {
        l.column = column;
    }
    vec![lines]
}

/// The region cut into columns at `x_cuts` (a line goes by where it starts), each cut on.
fn columns(lines: Vec<Line>, x_cuts: &[f64], gaps: Gaps<'_>) -> Vec<Vec<Line>> {
    split_at(lines, x_cuts, |l| l.x0)
        .into_iter()
        .flat_map(|part| {
            let bounds = edges(&part, gaps.leading.body_size);
            xy_cut(part, bounds, gaps)
        })
        .collect()
}

/// The column edges of a band: the region's, unless the band's body lines keep to less than
/// half of its width (a band left with one column's text when the other column's ends
/// higher, or holds only a table or a picture set aside): then the band's own.
fn band_column(part: &[Line], column: (f64, f64), body_size: f64) -> (f64, f64) {
    let own = edges(part, body_size);
    if own.1 - own.0 < 0.55 * (column.1 - column.0) {
        own
    } else {
        column
    }
}

/// Where to cut a region that has no columns into two bands, among the horizontal gaps wider
/// than the leading around them:
/// 1. the widest gap right above a headline (an article boundary);
/// 2. else the gap under the region's opening lines of other than body size (a headline and
///    byline spanning sub-columns), when the lines below it have columns;
/// 3. else the widest gap.
fn band_cut(lines: &[Line], gaps: Gaps<'_>) -> Option<f64> {
    let body = gaps.leading.body_size;
    let candidates = band_gaps(lines, gaps.leading);
    let widest = |it: &mut dyn Iterator<Item = &(f64, f64, bool)>| {
        it.max_by(|a, b| a.0.total_cmp(&b.0)).map(|c| c.1)
    };
    if let Some(at) = widest(&mut candidates.iter().filter(|c| c.2)) {
        return Some(at);
    }
    let mut sorted: Vec<&Line> = lines.iter().collect();
    sorted.sort_by(|a, b| a.top().total_cmp(&b.top()));
    let first_body = sorted.iter().position(|l| same_size(l.size, body))?;
    if first_body > 0 {
        let under_head = (sorted[first_body - 1].bottom(), sorted[first_body].top());
        let rest: Vec<(f64, f64)> = sorted[first_body..].iter().map(|l| (l.x0, l.x1)).collect();
        let head_cut = candidates
            .iter()
            .find(|c| c.1 > under_head.0 && c.1 < under_head.1);
        if let Some(c) = head_cut.filter(|_| !self::gaps(rest, gaps.gutter).is_empty()) {
            return Some(c.1);
        }
    }
    widest(&mut candidates.iter())
}

/// The horizontal gaps wider than the leading of the lines around them: (width, middle,
/// whether a headline starts under it).
fn band_gaps(lines: &[Line], leading: &Leading) -> Vec<(f64, f64, bool)> {
    let mut spans: Vec<(f64, f64, f64)> = lines
        .iter()
        .map(|l| (l.top(), l.bottom(), l.size))
        .collect();
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut out = Vec::new();
    // The lowest bottom so far, and the size of the line it belongs to.
    let mut end: Option<(f64, f64)> = None;
    for (top, bottom, size) in spans {
        if let Some((above, above_size)) = end {
            let gap = top - above;
            // Lines of one size must be further apart than their leading; between two sizes
            // (a headline over its byline or body) the tighter leading decides.
            if gap >= leading.max_gap(size).min(leading.max_gap(above_size)) {
                let headline = size >= HEADLINE * leading.body_size;
                out.push((gap, (top + above) / 2.0, headline));
            }
        }
        if end.is_none_or(|(e, _)| bottom > e) {
            end = Some((bottom, size));
        }
    }
    out
}

/// A column's left and right edges: those of its body-size lines (a running head, a
/// headline or a byline may start elsewhere), else of all its lines.
pub fn edges(lines: &[Line], body_size: f64) -> (f64, f64) {
    let body: Vec<Line> = lines
        .iter()
        .filter(|l| same_size(l.size, body_size))
        .cloned()
        .collect();
    match body.is_empty() {
        true => extent(lines),
        false => extent(&body),
    }
}
