//! What a page prints beside its text and the text must not take in: data tables (their cells
//! a grid of short segments) and the captions of photos and tables (small type under a
//! picture's blank, or worded as one). Both are set aside as furniture, a table row as one
//! line of its cells.

use super::layout::Line;
use crate::import::page::figures::caption_words;
use crate::import::page::lines::{ends_sentence, parse_source};

/// Marks tables and captions as furniture; each table row becomes one line of its cells.
pub fn set_aside(lines: Vec<Line>, body_size: f64) -> Vec<Line> {
    let mut lines = tables(lines, body_size);
    captions(&mut lines, body_size);
    lines
}

/// Longest text of a table cell, in characters.
const CELL_CHARS: usize = 12;
/// Fewest rows of a table (its header included).
const TABLE_ROWS: usize = 3;

/// Whether a line could be a table cell: short, not a sentence, not a clause, not larger
/// than the body text (a row of headlines over narrow columns is none).
fn is_cell(l: &Line, body_size: f64) -> bool {
    l.text.chars().count() <= CELL_CHARS
        && !ends_sentence(&l.text)
        && !l.text.contains(['，', '、'])
        && l.size <= 1.05 * body_size
}

/// Whether a run of cells is spaced like a table's: its cells on average no wider than three
/// times the gaps between them (lines of narrow columns of text fill their columns, and the
/// gutters between them are narrow).
fn spaced_like_cells(lines: &[Line], run: &[usize]) -> bool {
    let width = run.iter().map(|&i| lines[i].x1 - lines[i].x0).sum::<f64>() / run.len() as f64;
    let gaps: Vec<f64> = run
        .windows(2)
        .map(|w| lines[w[1]].x0 - lines[w[0]].x1)
        .collect();
    let gap = gaps.iter().sum::<f64>() / gaps.len().max(1) as f64;
    width <= 3.0 * gap
}

/// The lines (indices) printed on one baseline, top to bottom, left to right.
fn baselines(lines: &[Line]) -> Vec<Vec<usize>> {
    let mut order: Vec<usize> = (0..lines.len()).collect();
    order.sort_by(|&a, &b| lines[a].baseline.total_cmp(&lines[b].baseline));
    let mut rows: Vec<Vec<usize>> = Vec::new();
    for i in order {
        let l = &lines[i];
        match rows.last_mut() {
            Some(row) if (l.baseline - lines[row[0]].baseline).abs() < 0.33 * l.size => row.push(i),
            _ => rows.push(vec![i]),
        }
    }
    for row in &mut rows {
        row.sort_by(|&a, &b| lines[a].x0.total_cmp(&lines[b].x0));
    }
    rows
}

/// The runs of two or more cells side by side on a baseline, each cell within a few ems of
/// the next (columns of text are further apart, and their lines are long).
fn cell_runs(lines: &[Line], row: &[usize], body_size: f64) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    let mut run: Vec<usize> = Vec::new();
    for &i in row {
        let close = run
            .last()
            .is_some_and(|&p| lines[i].x0 - lines[p].x1 < 4.0 * body_size);
        if !is_cell(&lines[i], body_size) || !close {
            if run.len() >= 2 {
                runs.push(std::mem::take(&mut run));
            }
            run.clear();
        }
        if is_cell(&lines[i], body_size) {
            run.push(i);
        }
    }
    if run.len() >= 2 {
        runs.push(run);
    }
    runs.retain(|run| spaced_like_cells(lines, run));
    runs
}

/// A run's horizontal extent.
fn span(lines: &[Line], run: &[usize]) -> (f64, f64) {
    let x0 = run.iter().map(|&i| lines[i].x0).fold(f64::MAX, f64::min);
    let x1 = run.iter().map(|&i| lines[i].x1).fold(f64::MIN, f64::max);
    (x0, x1)
}

/// Whether two runs of cells are rows of one grid: a cell of each starts where one of the
/// other does.
fn aligned(lines: &[Line], a: &[usize], b: &[usize]) -> bool {
    a.iter()
        .any(|&i| b.iter().any(|&j| (lines[i].x0 - lines[j].x0).abs() < 3.0))
}

/// Tables: three or more runs of cells one under the other, aligned, with no other text in
/// their extent between them. Each row is merged into one furniture line.
fn tables(lines: Vec<Line>, body_size: f64) -> Vec<Line> {
    let rows = baselines(&lines);
    let runs: Vec<(usize, Vec<usize>)> = rows
        .iter()
        .enumerate()
        .flat_map(|(r, row)| {
            cell_runs(&lines, row, body_size)
                .into_iter()
                .map(move |run| (r, run))
        })
        .collect();
    let mut in_table = vec![false; runs.len()];
    let mut start = 0;
    while start < runs.len() {
        let mut table = vec![start];
        for next in start + 1..runs.len() {
            let last = *table.last().expect("a table has a row");
            if runs[next].0 != runs[last].0
                && aligned(&lines, &runs[last].1, &runs[next].1)
                && nothing_between(&lines, &rows, &runs[last], &runs[next])
            {
                table.push(next);
            }
        }
        if table.len() >= TABLE_ROWS && has_figures(&lines, &runs, &table) {
            table.iter().for_each(|&t| in_table[t] = true);
        }
        start += 1;
    }
    merge_rows(lines, &runs, &in_table)
}

/// Whether a quarter of a table's cells or more hold a figure (a table of data).
fn has_figures(lines: &[Line], runs: &[(usize, Vec<usize>)], table: &[usize]) -> bool {
    let cells: Vec<&Line> = table
        .iter()
        .flat_map(|&t| runs[t].1.iter().map(|&i| &lines[i]))
        .collect();
    let figures = cells
        .iter()
        .filter(|l| l.text.chars().any(|c| c.is_ascii_digit()))
        .count();
    figures * 4 >= cells.len()
}

/// Whether no line other than cells lies between two runs within their extent.
fn nothing_between(
    lines: &[Line],
    rows: &[Vec<usize>],
    (ra, a): &(usize, Vec<usize>),
    (rb, b): &(usize, Vec<usize>),
) -> bool {
    let (a0, a1) = span(lines, a);
    let (b0, b1) = span(lines, b);
    let (x0, x1) = (a0.min(b0), a1.max(b1));
    rows[ra + 1..*rb]
        .iter()
        .flatten()
        .all(|&i| lines[i].x1 < x0 || lines[i].x0 > x1)
}

/// The lines with each table row's cells merged into one furniture line.
fn merge_rows(lines: Vec<Line>, runs: &[(usize, Vec<usize>)], in_table: &[bool]) -> Vec<Line> {
    let mut merged_into: Vec<Option<usize>> = vec![None; lines.len()];
    for ((_, run), _) in runs.iter().zip(in_table).filter(|(_, &t)| t) {
        for &i in run {
            merged_into[i] = Some(run[0]);
        }
    }
    let mut out: Vec<Line> = Vec::with_capacity(lines.len());
    let mut at: Vec<Option<usize>> = vec![None; lines.len()];
    for (i, l) in lines.into_iter().enumerate() {
        match merged_into[i] {
            Some(first) if first != i => {
                let row: &mut Line =
                    &mut out[at[first].expect("the row's first cell is left of it")];
                row.text.push(' ');
                row.text.push_str(&l.text);
                row.x1 = row.x1.max(l.x1);
            }
            Some(_) => {
                at[i] = Some(out.len());
                out.push(Line {
                    furniture: true,
                    ..l
                });
            }
            None => out.push(l),
        }
    }
    out
}

/// Captions: small type (not a source line or a byline) that is worded as a caption, or that
/// sits under a blank as tall as three lines (a picture) and is no kicker over a headline;
/// in body type (a web page's print), a line both worded as a caption and under a picture.
/// The following lines of a caption in small type go with it, and so do those a caption's
/// text wraps onto (see [`wraps_onto`]).
fn captions(lines: &mut [Line], body_size: f64) {
    for i in 0..lines.len() {
        if lines[i].furniture {
            continue;
        }
        let text = lines[i].text.trim();
        if parse_source(text).is_some() || super::articles::is_byline(text) {
            continue;
        }
        let worded = caption_words(text);
        let small = is_small(&lines[i], body_size);
        if !(small || worded) {
            continue;
        }
        let under_picture =
            blank_above(lines, i) >= 3.0 * body_size && !kicker(lines, i, body_size);
        if !(small && (worded || under_picture) || worded && under_picture) {
            continue;
        }
        lines[i].furniture = true;
        let mut prev = i;
        while let Some(j) = next_below(lines, prev) {
            let l = &lines[j];
            let tight = l.top() - lines[prev].bottom() < 0.8 * l.size;
            let goes_on =
                is_small(l, body_size) || wraps_onto(&lines[prev], l, right_edge(lines, prev));
            if !goes_on || !tight || parse_source(l.text.trim()).is_some() {
                break;
            }
            lines[j].furniture = true;
            prev = j;
        }
    }
}

/// Whether a line's text goes on in the line below: it reaches the right edge of the text
/// around it (within two characters), ends no sentence, and the line below is in the same type.
fn wraps_onto(line: &Line, below: &Line, right_edge: f64) -> bool {
    let full = line.x1 >= right_edge - 2.0 * line.size;
    let same_type = (below.size - line.size).abs() <= 0.05 * line.size;
    let text = line.text.trim_end();
    full && same_type && !ends_sentence(text) && !text.ends_with(['）', ')'])
}

/// The right edge of the text about line `i`: the furthest right any line reaches that shares
/// some of its horizontal extent (the columns are not known yet when captions are looked for;
/// a line spanning several columns only makes the edge further, and a line less likely to
/// reach it).
fn right_edge(lines: &[Line], i: usize) -> f64 {
    lines
        .iter()
        .filter(|l| !l.furniture && overlaps(l, &lines[i]))
        .map(|l| l.x1)
        .fold(lines[i].x1, f64::max)
}

/// Type at most 95 % of the body's.
fn is_small(l: &Line, body_size: f64) -> bool {
    l.size <= 0.95 * body_size
}

/// The line nearest below line `i` that overlaps it horizontally.
fn next_below(lines: &[Line], i: usize) -> Option<usize> {
    let l = &lines[i];
    (0..lines.len())
        .filter(|&j| j != i && lines[j].baseline > l.baseline && overlaps(&lines[j], l))
        .min_by(|&a, &b| lines[a].baseline.total_cmp(&lines[b].baseline))
}

/// The blank between line `i` and the nearest line above it that overlaps it horizontally
/// (the page's top when there is none).
fn blank_above(lines: &[Line], i: usize) -> f64 {
    let l = &lines[i];
    let above = lines
        .iter()
        .filter(|a| a.baseline < l.baseline - 0.5 * l.size && overlaps(a, l))
        .map(Line::bottom)
        .fold(f64::MIN, f64::max);
    if above == f64::MIN {
        0.0
    } else {
        l.top() - above
    }
}

/// Whether line `i` stands right above a headline (a kicker, not a caption).
fn kicker(lines: &[Line], i: usize, body_size: f64) -> bool {
    next_below(lines, i).is_some_and(|j| {
        lines[j].size > 1.15 * body_size && lines[j].top() - lines[i].bottom() < 1.5 * body_size
    })
}

/// Whether two lines share some horizontal extent.
fn overlaps(a: &Line, b: &Line) -> bool {
    a.x0 < b.x1 && b.x0 < a.x1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f64, baseline: f64, size: f64) -> Line {
        Line {
            text: text.into(),
            x0,
            x1: x0 + size * text.chars().count() as f64,
            baseline,
            size,
            bold: false,
            region: 0,
            column: (0.0, 0.0),
            furniture: false,
        }
    }

    #[test]
    fn a_grid_of_short_cells_is_a_table_of_furniture_rows() {
        let mut lines = vec![line(
            "江口港务集团发布的数据显示，一季度全港集装",
            50.0,
            100.0,
            10.0,
        )];
        for (k, row) in [
            ["港区", "万标准箱", "同比"],
            ["东港区", "41.2", "增长12%"],
            ["西港区", "28.7", "增长9%"],
        ]
        .iter()
        .enumerate()
        {
            for (c, cell) in row.iter().enumerate() {
                lines.push(line(
                    cell,
                    50.0 + 45.0 * c as f64,
                    130.0 + 12.0 * k as f64,
                    9.0,
                ));
            }
        }
        // Another column's lines beside the table do not break it.
        lines.push(line(
            "长丰物流园的两座冷链仓库近日在屋顶",
            300.0,
            136.0,
            10.0,
        ));
        let out = set_aside(lines, 10.0);
        let rows: Vec<&str> = out
            .iter()
            .filter(|l| l.furniture)
            .map(|l| l.text.as_str())
            .collect();
        assert_eq!(
            rows,
            [
                "港区 万标准箱 同比",
                "东港区 41.2 增长12%",
                "西港区 28.7 增长9%"
            ]
        );
        assert_eq!(out.iter().filter(|l| !l.furniture).count(), 2);
    }

    #[test]
    fn headlines_and_text_over_four_narrow_columns_are_no_table() {
        let mut lines = Vec::new();
        let heads = [
            [
                "东港市开通首",
                "西川大学研制",
                "南湖区上线社",
                "北岭气象站启",
            ],
            [
                "条无人驾驶公",
                "出可降解手机",
                "区共享工具箱",
                "用新型测雪雷",
            ],
        ];
        for (k, row) in heads.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let (x, y) = (50.0 + 120.0 * c as f64, 100.0 + 22.0 * k as f64);
                lines.push(line(cell, x, y, 17.0));
            }
        }
        for k in 0..4 {
            for c in 0..4 {
                // Body lines of ten characters filling columns 100 pt wide, 20 pt apart.
                let (x, y) = (50.0 + 120.0 * c as f64, 150.0 + 14.0 * k as f64);
                lines.push(line("南湖区十个社区近日设", x, y, 10.0));
            }
        }
        assert!(set_aside(lines, 10.0).iter().all(|l| !l.furniture));
    }

    #[test]
    fn two_rows_of_short_lines_or_sentence_ends_side_by_side_are_no_table() {
        let lines = vec![
            line("有所增长。", 50.0, 100.0, 10.0),
            line("电需求。", 80.0, 100.0, 10.0),
            line("近洋航线。", 50.0, 112.0, 10.0),
            line("天。", 80.0, 112.0, 10.0),
            line("港区", 50.0, 124.0, 10.0),
            line("同比", 80.0, 124.0, 10.0),
        ];
        assert!(set_aside(lines, 10.0).iter().all(|l| !l.furniture));
    }

    #[test]
    fn captions_under_a_picture_or_worded_as_one_are_set_aside() {
        let lines = vec![
            line(
                "江口港第四港区的自动化集装箱码头本周开始试运行",
                50.0,
                100.0,
                10.0,
            ),
            // A picture's blank, then its caption in small type, wrapped over two lines.
            line("试运行首日的自动化码头，远程操控的岸桥", 50.0, 190.0, 8.5),
            line("正在装卸集装箱。", 50.0, 201.0, 8.5),
            line(
                "港务集团介绍，新码头设计年吞吐能力为一百二十万标准箱。",
                50.0,
                220.0,
                10.0,
            ),
            line("据《江口港航报》", 200.0, 240.0, 8.5),
            line("表：一季度各港区集装箱吞吐量", 50.0, 260.0, 8.5),
        ];
        let out = set_aside(lines, 10.0);
        let set: Vec<bool> = out.iter().map(|l| l.furniture).collect();
        assert_eq!(set, [false, true, true, false, false, true]);
    }

    #[test]
    fn a_caption_in_body_type_takes_the_line_it_wraps_onto_and_no_more() {
        // The columns are not known yet (as in a page's layout when captions are looked for).
        let in_column = |text: &str, baseline: f64| line(text, 50.0, baseline, 10.0);
        // A web page's print: body type throughout, a picture's blank above the caption.
        let lines = vec![
            in_column("江口港第四港区的自动化集装箱码头本周开始试运行。", 100.0),
            in_column(
                "图为江口港第四港区自动化码头，远程操控的岸桥正在装卸",
                190.0,
            ),
            in_column("集装箱（江口港务集团供图）", 203.0),
            in_column(
                "港务集团介绍，新码头设计年吞吐能力为一百二十万标准箱。",
                216.0,
            ),
        ];
        let set: Vec<bool> = set_aside(lines, 10.0).iter().map(|l| l.furniture).collect();
        assert_eq!(set, [false, true, true, false]);
        // A caption on one line that does not fill it: the text under it is not taken.
        let lines = vec![
            in_column("江口港第四港区的自动化集装箱码头本周开始试运行。", 100.0),
            in_column("图为江口港第四港区自动化码头", 190.0),
            in_column("港务集团介绍，新码头设计年吞吐能力为一百二十万标", 203.0),
            in_column("准箱。", 216.0),
        ];
        let set: Vec<bool> = set_aside(lines, 10.0).iter().map(|l| l.furniture).collect();
        assert_eq!(set, [false, true, false, false]);
    }

    #[test]
    fn a_small_kicker_over_a_headline_is_no_caption() {
        let lines = vec![
            line("上一篇的最后一行。", 50.0, 100.0, 10.0),
            line("全市春耕备耕", 50.0, 150.0, 9.0),
            line("郊区各乡镇抢抓晴好天气", 50.0, 170.0, 17.0),
        ];
        assert!(set_aside(lines, 10.0).iter().all(|l| !l.furniture));
    }
}
