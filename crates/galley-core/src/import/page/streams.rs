//! Two columns extracted line by line in turn. Some extractions print one line of the left
//! column, then one of the right, and so on, with no blank line between. Read in that order no
//! sentence goes on into the next line; read every other line, they do. A block is split into
//! two streams of lines when that reading is clearly better: the junctions between lines of
//! one stream (a word spanning the line break, punctuation only a continuation opens with,
//! see [`junction`]) must confirm at least [`MARGIN`] more sentences than the block as printed.
//! The search prefers lines alternating between the streams, except where a junction says
//! otherwise or a line is as wide as two (a line of each column printed as one), and never
//! puts a numbered item's title inside a sentence.

use jieba_rs::Jieba;

use super::lines::{ends_sentence, item_marker, width, Line};
use super::stitch::junction;

/// How much more the two streams must be confirmed than the block as printed.
const MARGIN: f64 = 2.0;
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

/// The block's lines as two streams (each in printed order, the first holding the block's
/// first line), when reading them apart is clearly better than reading them in turn.
pub fn separate(block: &[Line], jieba: &Jieba) -> Option<(Vec<Line>, Vec<Line>)> {
    let n = block.len();
    if !(MIN_LINES..=MAX_LINES).contains(&n) {
        return None;
    }
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
    if reads_as_printed(block, &pair) {
        return None;
    }
    let as_printed: f64 = (1..n).map(|k| pair(k - 1, k)).sum();
    let merged = merged_lines(block);
    let (_, second) = best_split(n, &pair, &merged)?;
    let score = confirmed(&second, &pair);
    if score < as_printed + MARGIN {
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
    let (a, b) = (stream(false), stream(true));
    (a.len() >= 2 && b.len() >= 2).then_some((a, b))
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

/// Lines wider than the column by more than a few characters: a line of each column printed
/// as one (`…每人每天限约一 一班。`). After one, the next line is again the first column's.
fn merged_lines(block: &[Line]) -> Vec<bool> {
    let mut full: Vec<usize> = block
        .iter()
        .filter(|l| !ends_sentence(&l.text) && item_marker(&l.text).is_none())
        .map(|l| width(&l.text))
        .collect();
    full.sort_unstable();
    let Some(&col) = full.get(full.len() / 2) else {
        return vec![false; block.len()];
    };
    block.iter().map(|l| width(&l.text) > col + 6).collect()
}

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
fn best_split(
    n: usize,
    pair: &dyn Fn(usize, usize) -> f64,
    merged: &[bool],
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
            relax(
                &mut score,
                &mut from,
                k * width + o,
                s + pair(k - 1, k) + stay,
                at,
            );
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
                text: (*t).to_owned(),
                kind: LineKind::Text,
            })
            .collect()
    }

    fn texts(lines: &[Line]) -> Vec<&str> {
        lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn two_columns_printed_line_by_line_in_turn_are_read_apart() {
        let j = Jieba::new();
        let b = block(&[
            "西岭水库扩容工程日前通过验收，库",
            "北湾港至南屿港的集装箱新航线今日首",
            "容由原来的三千万立方米增加到四千",
            "航，每周往返两班，单程约需十八个小",
            "五百万立方米，可满足下游六个乡镇的灌",
            "时。港务部门介绍，新航线投入两艘货",
            "溉用水。",
            "轮。",
        ]);
        let (a, b) = separate(&b, &j).expect("read apart");
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
    fn one_column_stays_as_printed() {
        let j = Jieba::new();
        let b = block(&[
            "西岭水库扩容工程日前通过验收，库",
            "容由原来的三千万立方米增加到四千",
            "五百万立方米，可满足下游六个乡镇的灌",
            "溉用水。工程历时两年，新建了一座",
            "溢洪道，加固了大坝的迎水坡。水库",
            "管理处表示，今年汛期将首次按新库",
            "容调度。",
        ]);
        assert!(separate(&b, &j).is_none());
    }
}
