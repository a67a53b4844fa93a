//! Captions and tables in a page's text: what the text must not take in. A caption is
//! known by its wording (`图为…`, `表：…`, `…摄`, `（资料图）`); a table by its rows, several
//! lines of short fields spaced apart (`东港区 41.2 增长12%`), or by its cells, a run of very
//! short lines with figures among them (pdftotext gives one cell a line for some engines).
//! Both go to the page furniture. The PDF path ([`crate::import::pdf::figures`]) reads the
//! same wording with the geometry.

use super::lines::ends_sentence;

/// Whether a line reads as a photo's or a table's caption.
pub fn caption_words(text: &str) -> bool {
    let text = text.trim();
    let opens = [
        "图为",
        "图：",
        "图:",
        "表：",
        "表:",
        "上图：",
        "下图：",
        "左图：",
        "右图：",
        "上图为",
        "下图为",
        "图片：",
    ];
    let numbered = |mark: char| {
        let mut c = text.chars();
        c.next() == Some(mark)
            && c.next().is_some_and(|d| d.is_ascii_digit())
            && text.chars().count() <= 60
    };
    // `…孙雨桐 摄`, `（新华社记者 张三 摄）`: a photographer's credit, never `进行拍摄`.
    let credit = text.ends_with(" 摄") || text.ends_with(" 摄）") || text.ends_with(" 摄)");
    let closes = ["（资料图）", "(资料图)", "（资料图片）", "供图", "供图）"];
    opens.iter().any(|o| text.starts_with(o))
        || numbered('图')
        || numbered('表')
        || credit
        || closes.iter().any(|c| text.ends_with(c))
}

/// Longest field of a table row, in characters.
const FIELD_CHARS: usize = 12;
/// Fewest rows of a table read from spaced rows.
const ROWS: usize = 3;
/// Fewest lines of a table read one cell a line.
const CELLS: usize = 6;
/// Longest cell read one a line, in characters.
const CELL_CHARS: usize = 8;

/// For each line of the page (trimmed), whether it is part of a table.
pub fn table_lines(raw: &[&str]) -> Vec<bool> {
    let mut out = vec![false; raw.len()];
    mark_runs(raw, &mut out, (ROWS, false), |l| fields(l).is_some());
    mark_runs(raw, &mut out, (CELLS, false), is_cell);
    // Rows and cells printed a block each.
    mark_runs(raw, &mut out, (CELLS, true), |l| {
        fields(l).is_some() || is_cell(l)
    });
    out
}

/// Marks each run of at least `min` lines that `fits`, a quarter of them or more with a
/// figure in them. With `across_blanks`, blank lines go on a run without counting in it: a
/// table whose rows and cells pdftotext printed as blocks of their own (`品种` / `均价 较上周`
/// / `大白菜 1.2` / `持平` …).
fn mark_runs(
    raw: &[&str],
    out: &mut [bool],
    (min, across_blanks): (usize, bool),
    fits: impl Fn(&str) -> bool,
) {
    let blank = |l: &str| across_blanks && l.trim().is_empty();
    let mut start = 0;
    while start < raw.len() {
        let mut end = start;
        let mut run = Vec::new();
        while end < raw.len() && (blank(raw[end]) || fits(raw[end])) {
            if !blank(raw[end]) {
                run.push(end);
            }
            end += 1;
        }
        let figures = run
            .iter()
            .filter(|&&k| raw[k].chars().any(|c| c.is_ascii_digit()))
            .count();
        if run.len() >= min && figures * 4 >= run.len() {
            run.iter().for_each(|&k| out[k] = true);
        }
        start = end.max(start + 1);
    }
}

/// The fields of a table row: two to eight short fields spaced apart, no clause or sentence,
/// and not a byline (`本报记者 周敏 通讯员 何川` under a title spaced out by the typesetter,
/// `海 川市 地 铁全 线 开 通` / `5G 信号`, is no table).
fn fields(line: &str) -> Option<usize> {
    let fields: Vec<&str> = line.split_whitespace().collect();
    let short = fields.iter().all(|f| f.chars().count() <= FIELD_CHARS);
    let row = short && (2..=8).contains(&fields.len()) && plain(line);
    (row && !super::lines::is_byline(line.trim())).then_some(fields.len())
}

/// A table cell alone on its line: very short, plain.
fn is_cell(line: &str) -> bool {
    let n = line.chars().filter(|c| !c.is_whitespace()).count();
    (1..=CELL_CHARS).contains(&n) && plain(line)
}

/// No sentence end, clause mark or quotation in it.
fn plain(line: &str) -> bool {
    !line.is_empty()
        && !ends_sentence(line)
        && !line.contains(['，', '。', '；', '：', '、', '“', '”', '《', '》'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_are_known_by_their_wording() {
        assert!(caption_words(
            "图为试运行首日的自动化码头。本报记者 孙雨桐 摄"
        ));
        assert!(caption_words(
            "长丰物流园冷链仓库屋顶新装的光伏板。（资料图）"
        ));
        assert!(caption_words("表：一季度各港区集装箱吞吐量"));
        assert!(caption_words("图2 新码头的远程操控台"));
        assert!(!caption_words("记者在现场看到，工人们正在进行拍摄"));
        assert!(!caption_words("图书馆推出电子书一键续借"));
        assert!(!caption_words("表演者来自十二个国家"));
    }

    #[test]
    fn tables_are_spaced_rows_or_runs_of_cells() {
        let page = [
            "其中南港区增幅最大。",
            "港区 万标准箱 同比",
            "东港区 41.2 增长12%",
            "西港区 28.7 增长9%",
            "",
            "港区",
            "万标准箱",
            "同比",
            "东港区",
            "41.2",
            "增长 12%",
            "",
            "记者 林晓岚 通讯员 陈晨",
            "2026 年 3 月 6 日 星期五",
        ];
        let t = table_lines(&page);
        let marked: Vec<usize> = (0..page.len()).filter(|&i| t[i]).collect();
        assert_eq!(marked, [1, 2, 3, 5, 6, 7, 8, 9, 10]);
    }

    #[test]
    fn a_table_printed_row_by_row_in_blocks_of_its_own_is_a_table() {
        let page = [
            "目。",
            "",
            "品种",
            "",
            "均价 较上周",
            "",
            "大白菜 1.2",
            "",
            "持平",
            "",
            "白萝卜 1.5",
            "",
            "涨 0.1",
            "",
            "中小学调整冬季作息时间",
        ];
        let t = table_lines(&page);
        let marked: Vec<usize> = (0..page.len()).filter(|&i| t[i]).collect();
        assert_eq!(marked, [2, 4, 6, 8, 10, 12]);
        // One-line blocks of a shredded column, no figures among them: no table.
        let page = [
            "外壳",
            "",
            "达",
            "",
            "增长",
            "",
            "冷链仓库",
            "",
            "启用光伏",
            "",
            "屋顶",
        ];
        assert!(table_lines(&page).iter().all(|t| !t));
    }

    #[test]
    fn short_lines_of_a_narrow_column_are_no_table() {
        let page = [
            "增长",
            "冷链仓库",
            "启用光伏",
            "屋顶铺设",
            "了一万二",
            "千平方米",
        ];
        assert!(table_lines(&page).iter().all(|t| !t));
    }

    #[test]
    fn a_title_spaced_out_over_a_byline_is_no_table() {
        let page = [
            "海 川市 地 铁全 线 开 通",
            "5G 信号",
            "本报记者 周敏 通讯员 何川",
        ];
        assert_eq!(table_lines(&page), [false, false, false]);
        let table = [
            "港区 万标准箱 同比",
            "东港区 41.2 增长12%",
            "西港区 28.7 增长9%",
        ];
        assert_eq!(table_lines(&table), [true, true, true]);
    }
}
