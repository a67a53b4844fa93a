//! Steps 2–4: glyphs → lines → columns and reading order, on geometry alone.
//!
//! - [`rows`]: glyphs sharing a baseline;
//! - [`segments`]: a row cut at wide horizontal gaps (column gutters) into lines;
//! - [`xy_cut`]: the page cut recursively, first at vertical whitespace rivers (columns, left
//!   to right), else at wide horizontal gaps (bands, top to bottom), so a full-width headline
//!   above columns comes first and each column is read whole before the next;
//! - [`furniture_bands`]: a lone short line alone at the very top or bottom of the page.

use super::glyphs::{Glyph, Page};

/// One line of text in one column.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    pub x0: f64,
    pub x1: f64,
    pub baseline: f64,
    /// Font size (median of its glyphs), points.
    pub size: f64,
    /// The column (leaf region of the XY cut) the line is in, in reading order.
    pub region: usize,
    /// Left and right edges of the column the line sits in.
    pub column: (f64, f64),
    /// Set aside as page furniture by position.
    pub furniture: bool,
}

impl Line {
    pub fn top(&self) -> f64 {
        self.baseline - 0.88 * self.size
    }

    pub fn bottom(&self) -> f64 {
        self.baseline + 0.12 * self.size
    }
}

/// A page's lines in reading order, with the body text size.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub lines: Vec<Line>,
    /// The most common glyph size: the body text.
    pub body_size: f64,
    /// The usual white space between two body lines (points).
    pub line_gap: f64,
}

/// Lays out one page: lines in reading order.
pub fn layout(page: &Page) -> Layout {
    let body_size = body_size(&page.glyphs);
    let lines: Vec<Line> = rows(&page.glyphs)
        .into_iter()
        .flat_map(|row| segments(row, body_size))
        .filter(|l| !l.text.is_empty())
        .collect();
    let line_gap = line_gap(&lines, body_size);
    let mut lines = furniture_bands(lines, page.height, body_size);
    let (furniture, text): (Vec<Line>, Vec<Line>) = lines.drain(..).partition(|l| l.furniture);
    let bounds = extent(&text);
    let mut ordered = Vec::new();
    let gaps = Gaps {
        gutter: 0.8 * body_size,
        band: line_gap + 0.5 * body_size,
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
        line_gap,
    }
}

/// The usual white space between a body line and the next one below it in its column (the
/// median), so that gaps can be judged against the page's own leading.
pub fn line_gap(lines: &[Line], body_size: f64) -> f64 {
    let body: Vec<&Line> = lines
        .iter()
        .filter(|l| (l.size - body_size).abs() < 0.06 * body_size)
        .collect();
    let mut gaps: Vec<f64> = body
        .iter()
        .filter_map(|a| {
            body.iter()
                .filter(|b| b.baseline > a.baseline + 0.5 * body_size)
                .filter(|b| b.x0 < a.x1 && a.x0 < b.x1)
                .map(|b| b.top() - a.bottom())
                .min_by(f64::total_cmp)
        })
        .collect();
    gaps.sort_by(f64::total_cmp);
    gaps.get(gaps.len() / 2)
        .copied()
        .unwrap_or(0.5 * body_size)
        .max(0.0)
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

/// A row cut into lines wherever the gap between two glyphs is wider than a gutter (1.2
/// body-size ems): columns that share baselines are told apart here.
pub fn segments(mut row: Vec<Glyph>, body_size: f64) -> Vec<Line> {
    row.sort_by(|a, b| a.x.total_cmp(&b.x));
    let mut out: Vec<Vec<Glyph>> = Vec::new();
    for g in row {
        match out.last_mut() {
            Some(seg)
                if g.x - seg.last().map_or(g.x, Glyph::right)
                    < 1.2 * body_size.max(g.size * 0.5) =>
            {
                seg.push(g)
            }
            _ => out.push(vec![g]),
        }
    }
    out.into_iter().map(|seg| line_of(&seg)).collect()
}

/// A line from its glyphs (in x order): text with a space only where Latin words are apart.
fn line_of(glyphs: &[Glyph]) -> Line {
    let mut text = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(p) = prev {
            let gap = g.x - p.right();
            let latin = |s: &str| s.chars().all(|c| c.is_ascii_graphic());
            let spaced = text.ends_with(' ') || g.text == " ";
            if gap > 0.2 * g.size.min(p.size) && latin(&p.text) && latin(&g.text) && !spaced {
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
    let mut sizes: Vec<f64> = glyphs.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    Line {
        text,
        x0: glyphs.first().map_or(0.0, |g| g.x),
        x1: glyphs.iter().map(|g| g.right()).fold(f64::MIN, f64::max),
        baseline: glyphs.iter().map(|g| g.baseline).sum::<f64>() / glyphs.len().max(1) as f64,
        size: sizes.get(sizes.len() / 2).copied().unwrap_or(0.0),
        region: 0,
        column: (0.0, 0.0),
        furniture: false,
    }
}

/// Left and right edges of a set of lines.
fn extent(lines: &[Line]) -> (f64, f64) {
    let x0 = lines.iter().map(|l| l.x0).fold(f64::MAX, f64::min);
    let x1 = lines.iter().map(|l| l.x1).fold(f64::MIN, f64::max);
    (x0, x1)
}

/// Marks as furniture a short line of body size or smaller that sits in the top or bottom
/// tenth of the page, a clear gap (1.2 ems) away from all other text (running heads, folios).
pub fn furniture_bands(mut lines: Vec<Line>, page_height: f64, body_size: f64) -> Vec<Line> {
    let band = page_height * 0.1;
    let gap = 1.2 * body_size;
    let spans: Vec<(f64, f64)> = lines.iter().map(|l| (l.top(), l.bottom())).collect();
    for (i, l) in lines.iter_mut().enumerate() {
        let short = l.text.chars().count() <= 30 && l.size <= body_size * 1.05;
        let alone = spans
            .iter()
            .enumerate()
            .all(|(j, t)| j == i || t.0 > l.bottom() + gap || t.1 < l.top() - gap);
        let in_band = l.bottom() < band || l.top() > page_height - band;
        l.furniture = short && alone && in_band;
    }
    lines
}

/// Gaps in the projection of `spans` (intervals) at least `min` wide: the cut positions.
fn gaps(mut spans: Vec<(f64, f64)>, min: f64) -> Vec<f64> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut cuts = Vec::new();
    let mut end = f64::MIN;
    for (a, b) in spans {
        if end > f64::MIN && a - end >= min {
            cuts.push((a + end) / 2.0);
        }
        end = end.max(b);
    }
    cuts
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
pub struct Gaps {
    /// A vertical river at least this wide separates columns.
    pub gutter: f64,
    /// A horizontal gap at least this tall separates bands.
    pub band: f64,
}

/// The recursive XY cut. A vertical river (a gap in the lines' x projection at least a
/// gutter wide) splits the region into columns, read left to right; failing that, the
/// tallest horizontal gap taller than a line gap splits it into two bands, read top to
/// bottom. Cutting at one gap at a time lets each band find its own columns, so a gap that
/// happens to fall at the same height in every column does not interleave them. Leaves are
/// returned in reading order, each line knowing its column's edges.
pub fn xy_cut(mut lines: Vec<Line>, column: (f64, f64), gaps: Gaps) -> Vec<Vec<Line>> {
    if lines.len() > 1 {
        let x_cuts = self::gaps(lines.iter().map(|l| (l.x0, l.x1)).collect(), gaps.gutter);
        if !x_cuts.is_empty() {
            return split_at(lines, &x_cuts, |l| l.x0)
                .into_iter()
                .flat_map(|part| {
                    let bounds = extent(&part);
                    xy_cut(part, bounds, gaps)
                })
                .collect();
        }
        let y_spans = lines.iter().map(|l| (l.top(), l.bottom())).collect();
        if let Some(cut) = widest_gap(y_spans, gaps.band) {
            return split_at(lines, &[cut], Line::top)
                .into_iter()
                .flat_map(|part| xy_cut(part, column, gaps))
                .collect();
        }
    }
    for l in &mut lines {
        l.column = column;
    }
    vec![lines]
}

/// The middle of the widest gap at least `min` wide in the projection of `spans`.
fn widest_gap(mut spans: Vec<(f64, f64)>, min: f64) -> Option<f64> {
    spans.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut best: Option<(f64, f64)> = None;
    let mut end = f64::MIN;
    for (a, b) in spans {
        let gap = a - end;
        if end > f64::MIN && gap >= min && best.is_none_or(|(w, _)| gap > w) {
            best = Some((gap, (a + end) / 2.0));
        }
        end = end.max(b);
    }
    best.map(|(_, at)| at)
}
