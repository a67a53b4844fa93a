//! Unit tests of the layout steps on hand-made glyphs.

use super::articles::{is_byline, join, paragraphs};
use super::glyphs::{Glyph, Page};
use super::layout::{layout, rows, segments};
use super::{merge, parse_page, repeated};
use crate::model::import_report::{Report, Status};
use crate::model::ParagraphKind;

/// An A4 page of these glyphs.
fn page(glyphs: Vec<Glyph>) -> Page {
    Page {
        number: 1,
        width: 595.0,
        height: 842.0,
        glyphs,
        rotated: 0,
    }
}

/// A line of glyphs, one per character, `size` points each, starting at `x`.
fn text(out: &mut Vec<Glyph>, s: &str, x: f64, baseline: f64, size: f64) {
    for (i, c) in s.chars().enumerate() {
        out.push(Glyph {
            text: c.to_string(),
            x: x + i as f64 * size,
            baseline,
            width: size,
            size,
            bold: false,
        });
    }
}

/// Body text wrapped at `per_line` characters in a column at `x`, from `y`, indented first
/// line; returns the baseline after it.
fn column_text(out: &mut Vec<Glyph>, s: &str, x: f64, mut y: f64, per_line: usize) -> f64 {
    let chars: Vec<char> = s.chars().collect();
    let mut first = true;
    for chunk in chars.chunks(per_line - 2).take(1).chain(
        chars
            .get(per_line - 2..)
            .unwrap_or_default()
            .chunks(per_line),
    ) {
        let indent = if first { 20.0 } else { 0.0 };
        text(out, &chunk.iter().collect::<String>(), x + indent, y, 10.0);
        y += 16.0;
        first = false;
    }
    y
}

#[test]
fn columns_sharing_baselines_are_read_one_after_the_other() {
    let mut g = Vec::new();
    text(&mut g, "左栏新闻标题", 50.0, 100.0, 18.0);
    text(&mut g, "右栏新闻标题", 300.0, 100.0, 18.0);
    let left = "左栏第一段的文字内容比较长，需要换行好几次才能排完。";
    let right = "右栏第一段的文字内容也比较长，同样需要换行好几次。";
    column_text(&mut g, left, 50.0, 130.0, 20);
    column_text(&mut g, right, 300.0, 130.0, 20);
    text(&mut g, "据《左报》", 150.0, 190.0, 8.0);
    text(&mut g, "据《右报》", 400.0, 190.0, 8.0);
    let page = page(g);
    let parsed = parse_page(&page);
    let titles: Vec<&str> = parsed.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["左栏新闻标题", "右栏新闻标题"]);
    assert_eq!(parsed.articles[0].paragraphs[0].text, left);
    assert_eq!(parsed.articles[0].paragraphs[0].kind, ParagraphKind::Lead);
    assert_eq!(parsed.articles[1].paragraphs[0].text, right);
    assert_eq!(
        parsed.articles[1].source.line.as_deref(),
        Some("据《右报》")
    );
}

#[test]
fn a_full_width_headline_comes_before_the_columns_under_it() {
    let mut g = Vec::new();
    text(&mut g, "通栏大标题横跨两栏", 50.0, 80.0, 24.0);
    column_text(&mut g, "左栏正文，先读这一栏的全部内容。", 50.0, 130.0, 20);
    column_text(&mut g, "右栏正文，后读这一栏。", 300.0, 130.0, 20);
    let l = layout(&page(g));
    let order: Vec<&str> = l.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(order[0], "通栏大标题横跨两栏");
    assert!(order[1].starts_with("左栏"), "{order:?}");
    assert!(order.last().unwrap().starts_with("右栏"), "{order:?}");
}

#[test]
fn rows_group_by_baseline_and_gutters_split_them() {
    let mut g = Vec::new();
    text(&mut g, "甲乙丙", 0.0, 100.0, 10.0);
    text(&mut g, "丁戊", 60.0, 101.0, 10.0);
    text(&mut g, "己", 0.0, 120.0, 10.0);
    let rows = rows(&g);
    assert_eq!(rows.len(), 2);
    let segs = segments(rows[0].clone(), 10.0);
    let texts: Vec<&str> = segs.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["甲乙丙", "丁戊"]);
}

/// TeX prints a space as glue, not as a glyph: a gap between ideographs well over the line's
/// own is a space; the gap an engine leaves between ideographs and figures or Latin words
/// (`到 2028 年`) is not, nor is the even spread of a justified line.
#[test]
fn a_space_printed_as_a_gap_is_read_between_ideographs_only() {
    let mut g = Vec::new();
    text(&mut g, "（记者", 0.0, 50.0, 10.0);
    text(&mut g, "王立）", 33.5, 50.0, 10.0); // a 3.5 pt space
    text(&mut g, "到", 0.0, 70.0, 10.0);
    text(&mut g, "2028", 12.5, 70.0, 5.0); // the scripts spaced 2.5 pt apart
    text(&mut g, "年底", 35.0, 70.0, 10.0);
    for (i, c) in "全市六条线路的隧道".chars().enumerate() {
        // Justified: every glyph 3 pt apart.
        text(&mut g, &c.to_string(), i as f64 * 13.0, 90.0, 10.0);
    }
    let l = layout(&page(g));
    let texts: Vec<&str> = l.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(texts, ["（记者 王立）", "到2028年底", "全市六条线路的隧道"]);
}

#[test]
fn spaces_and_latin_words_survive_and_cjk_joins_tight() {
    let mut g = Vec::new();
    text(&mut g, "本报记者", 0.0, 50.0, 10.0);
    text(&mut g, " ", 40.0, 50.0, 10.0);
    text(&mut g, "张三", 50.0, 50.0, 10.0);
    let l = layout(&page(g));
    assert_eq!(l.lines[0].text, "本报记者 张三");
    assert!(is_byline(&l.lines[0].text));
    assert!(!is_byline("记者在现场看到，工人们正在施工。"));
    assert_eq!(join(["HarmonyOS", "4发布"]), "HarmonyOS 4发布");
    assert_eq!(join(["第一行", "第二行"]), "第一行第二行");
}

#[test]
fn paragraphs_start_at_indents() {
    let mut g = Vec::new();
    let y = column_text(
        &mut g,
        "第一段文字很长很长很长很长很长很长很长很长，还要再长一些才能多排几行。",
        0.0,
        20.0,
        12,
    );
    column_text(&mut g, "第二段。", 0.0, y, 12);
    let l = layout(&page(g));
    let paras = paragraphs(&l.lines);
    assert_eq!(
        paras,
        [
            "第一段文字很长很长很长很长很长很长很长很长，还要再长一些才能多排几行。",
            "第二段。"
        ]
    );
}

#[test]
fn a_paragraph_gap_at_one_height_in_both_columns_does_not_interleave_them() {
    let mut g = Vec::new();
    text(&mut g, "横跨两栏的大标题在这里", 50.0, 80.0, 24.0);
    // Both columns: a paragraph, a wide gap at the same height, another paragraph.
    for (x, col) in [(50.0, "左"), (300.0, "右")] {
        let y = column_text(
            &mut g,
            &format!("{col}栏第一段，文字要足够长才能排成好几行。"),
            x,
            130.0,
            20,
        );
        column_text(
            &mut g,
            &format!("{col}栏第二段，同样排成几行的文字内容。"),
            x,
            y + 20.0,
            20,
        );
    }
    let parsed = parse_page(&page(g));
    let texts: Vec<&str> = parsed.articles[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "左栏第一段，文字要足够长才能排成好几行。",
            "左栏第二段，同样排成几行的文字内容。",
            "右栏第一段，文字要足够长才能排成好几行。",
            "右栏第二段，同样排成几行的文字内容。",
        ]
    );
}

#[test]
fn rotated_glyphs_are_left_out_with_a_warning() {
    let mut g = Vec::new();
    text(&mut g, "标题在这里", 50.0, 80.0, 24.0);
    column_text(&mut g, "正文一段。", 50.0, 130.0, 20);
    let mut p = page(g);
    p.rotated = 12;
    let parsed = parse_page(&p);
    assert_eq!(parsed.articles.len(), 1);
    assert!(parsed.warnings.iter().any(|w| w.contains("12 rotated")));
}

/// Like [`text`], in bold.
fn bold(out: &mut Vec<Glyph>, s: &str, x: f64, baseline: f64, size: f64) {
    let from = out.len();
    text(out, s, x, baseline, size);
    out[from..].iter_mut().for_each(|g| g.bold = true);
}

#[test]
fn bold_body_size_lines_are_headlines_when_nothing_is_larger() {
    let mut g = Vec::new();
    bold(&mut g, "第一条新闻的标题", 50.0, 100.0, 10.0);
    let y = column_text(
        &mut g,
        "第一条新闻的正文，写满一行还多一些字。",
        50.0,
        125.0,
        20,
    );
    bold(&mut g, "第二条新闻的标题", 50.0, y + 15.0, 10.0);
    column_text(&mut g, "第二条新闻的正文。", 50.0, y + 40.0, 20);
    let parsed = parse_page(&page(g));
    let titles: Vec<&str> = parsed.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(titles, ["第一条新闻的标题", "第二条新闻的标题"]);
}

#[test]
fn bold_body_size_lines_under_a_larger_headline_are_subheadings() {
    let mut g = Vec::new();
    text(&mut g, "一条大标题", 50.0, 80.0, 20.0);
    let y = column_text(&mut g, "导语一段，写满一行还多一些字。", 50.0, 120.0, 20);
    bold(&mut g, "一个小标题", 50.0, y + 6.0, 10.0);
    column_text(&mut g, "小标题下的正文。", 50.0, y + 28.0, 20);
    let parsed = parse_page(&page(g));
    assert_eq!(parsed.articles.len(), 1);
    let kinds: Vec<_> = parsed.articles[0]
        .paragraphs
        .iter()
        .map(|p| p.kind)
        .collect();
    assert_eq!(
        kinds,
        [
            ParagraphKind::Lead,
            ParagraphKind::Heading,
            ParagraphKind::Body
        ]
    );
    assert_eq!(parsed.articles[0].paragraphs[1].text, "一个小标题");
}

#[test]
fn page_ranges_read_as_editors_write_them() {
    use super::PageRange;
    let r = |s: &str| s.parse::<PageRange>().map(|r| r.to_string());
    assert_eq!(r("3").unwrap(), "3");
    assert_eq!(r("2-4").unwrap(), "2-4");
    assert_eq!(r(" 2 - ").unwrap(), "2-");
    for bad in ["", "0", "-3", "4-2", "a", "1-b", "1-2-3"] {
        assert!(r(bad).is_err(), "{bad:?}");
    }
    let two_on: PageRange = "2-".parse().unwrap();
    assert!(!two_on.contains(1) && two_on.contains(2) && two_on.contains(99));
}

#[test]
fn pages_repeating_a_stored_digest_are_one_warning() {
    assert_eq!(
        repeated(7, &["digest p2", "digest p3", "digest p4", "digest p9"]),
        "digest p2–p4, p9: 4 pages already imported as digest 7: nothing stored"
    );
    assert_eq!(
        repeated(3, &["digest p5"]),
        "digest p5: page already imported as digest 3: nothing stored"
    );
    let page = |name: &str, status, warning: &str| {
        let report = Report {
            status,
            digest_id: Some(1),
            // A page that repeats a stored digest reports that digest's name.
            name: "d p1".to_owned(),
            date: None,
            format: None,
            articles: Vec::new(),
            furniture: Vec::new(),
            warnings: vec![warning.to_owned()],
            digests: Vec::new(),
            conflicts: Vec::new(),
        };
        (name.to_owned(), report)
    };
    let again = "already imported as digest 1 on 2026-12-04: nothing stored";
    let mut reports = vec![page("d p1", Status::Imported, "low confidence")];
    reports.extend((2..=500).map(|n| page(&format!("d p{n}"), Status::AlreadyImported, again)));
    let merged = merge(reports);
    assert_eq!(
        merged.warnings,
        [
            "d p1: low confidence",
            "d p2–p500: 499 pages already imported as digest 1: nothing stored"
        ]
    );
    assert_eq!(merged.digests.len(), 500);
}

/// A page of one story whose paragraphs stand apart, as re-set dailies print them: the line
/// opening the page ends a paragraph begun on the page before, the line above the folio is a
/// full line of text; both are text, the folio alone is furniture.
#[test]
fn lines_at_the_page_edges_are_text_unless_they_read_as_furniture() {
    let mut g = Vec::new();
    text(&mut g, "的一大优势”。", 60.0, 60.0, 12.0);
    text(&mut g, "新征程上的标题", 60.0, 120.0, 20.0);
    let mut y = 160.0;
    for _ in 0..5 {
        text(
            &mut g,
            "上下同欲者胜新征程上把人民的积极性主动性创造性充分激发出来",
            60.0,
            y,
            12.0,
        );
        y += 18.0;
        text(
            &mut g,
            "中国式现代化就拥有最可靠最深厚最持久的力量源泉。",
            60.0,
            y,
            12.0,
        );
        y += 36.0;
    }
    text(
        &mut g,
        "二〇二一年是开局之年，在带领中国人民向着第一个百年",
        60.0,
        770.0,
        12.0,
    );
    text(&mut g, "第 5 页", 270.0, 815.0, 12.0);
    let layout = layout(&page(g));
    let furniture: Vec<&str> = layout
        .lines
        .iter()
        .filter(|l| l.furniture)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(furniture, ["第 5 页"]);
}

#[test]
fn a_sentence_in_larger_type_than_a_sparse_pages_footer_is_text_not_a_headline() {
    // The last words of a story at the top of a page whose only other text is its footer:
    // the footer's size is the commonest, so the words look large.
    let mut g = Vec::new();
    text(&mut g, "副行长表示。", 50.0, 40.0, 12.0);
    text(&mut g, "第 159 页", 260.0, 820.0, 9.0);
    let parsed = parse_page(&page(g));
    assert!(parsed.articles.iter().all(|a| a.title != "副行长表示。"));
    let a = &parsed.articles[0];
    assert_eq!(a.paragraphs.len(), 1);
    assert_eq!(a.paragraphs[0].text, "副行长表示。");
    assert_ne!(a.paragraphs[0].kind, ParagraphKind::Heading);
}

#[test]
fn a_web_page_printed_to_pdf_reads_as_its_article() {
    let mut g = Vec::new();
    text(
        &mut g,
        "城市书房延长开放时间-江城日报-江城网",
        50.0,
        60.0,
        16.0,
    );
    text(
        &mut g,
        "========================================",
        50.0,
        88.0,
        10.0,
    );
    text(
        &mut g,
        "2024-03-05 09:30江城来源：《江城日报》",
        50.0,
        110.0,
        10.0,
    );
    let line = "市图书馆所属的十二家城市书房自下月起延长开放时间工作日开到九点";
    // Paragraphs stand apart by a wider gap than their lines' (22 points against 15).
    let paragraph = |g: &mut Vec<Glyph>, y: f64, last: &str| {
        for k in 0..4 {
            text(g, line, 50.0, y + 15.0 * k as f64, 10.0);
        }
        text(g, last, 50.0, y + 60.0, 10.0);
        y + 82.0
    };
    let y = paragraph(&mut g, 132.0, "周末开到十点。");
    // A photo's blank, then its caption in body type.
    text(
        &mut g,
        "城市书房内景（江城图书馆供图）",
        50.0,
        y + 200.0,
        10.0,
    );
    let y = paragraph(&mut g, y + 222.0, "读者可在线预约座位。");
    text(&mut g, "夜间服务，读者点赞", 50.0, y, 10.0);
    let y = paragraph(&mut g, y + 22.0, "不少读者表示方便。");
    text(&mut g, "扫一扫分享本页", 50.0, y, 10.0);
    let parsed = parse_page(&page(g));
    assert_eq!(parsed.articles.len(), 1, "{:?}", parsed.articles);
    let a = &parsed.articles[0];
    assert_eq!(a.title, "城市书房延长开放时间");
    assert_eq!(a.source.outlets, ["江城日报"], "{a:?}");
    let kinds: Vec<ParagraphKind> = a.paragraphs.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ParagraphKind::Lead,
            ParagraphKind::Body,
            ParagraphKind::Heading,
            ParagraphKind::Body
        ]
    );
    assert_eq!(a.paragraphs[2].text, "夜间服务，读者点赞");
    for f in [
        "-江城日报-江城网",
        "城市书房内景（江城图书馆供图）",
        "扫一扫分享本页",
    ] {
        assert!(
            parsed.furniture.iter().any(|x| x == f),
            "{f}: {:?}",
            parsed.furniture
        );
    }
    assert!(parsed.furniture.iter().any(|x| x.starts_with("=====")));
}

#[test]
fn a_digest_of_numbered_items_reads_its_columns_though_a_title_reaches_into_the_gutter() {
    let mut g = Vec::new();
    // A masthead in smaller type, as wide as a column: furniture, not an article.
    text(
        &mut g,
        "青岚县政务信息摘编2026年第23期总第311期",
        50.0,
        50.0,
        9.0,
    );
    let item = |g: &mut Vec<Glyph>, title: &[&str], body: &str, x: f64, y: f64| {
        let mut y = y;
        // The title wrapped mid-word is set loosely (as LibreOffice sets bold headlines).
        let step = if title[0].ends_with("时间") {
            24.0
        } else {
            16.0
        };
        for line in title {
            text(g, line, x, y, 10.5);
            y += step;
        }
        column_text(g, body, x, y + 4.0, 20) + 10.0
    };
    let y = item(
        &mut g,
        &["1. 县里召开冬季防火工作会议"],
        "会议部署了今冬明春的森林防火工作，要求各乡镇落实巡山责任，严防野外用火。",
        50.0,
        100.0,
    );
    // A title wrapped onto a second line, its first line (with a comma) ending in the gutter.
    item(
        &mut g,
        &[
            "2. 县人民医院与省级肿瘤医院共建中心，",
            "群众在家门口可约专家",
        ],
        "县人民医院远程会诊中心日前揭牌，患者初诊后可通过视频预约省里的专家会诊。",
        50.0,
        y,
    );
    let y = item(
        &mut g,
        &["3. 快速路全线通车"],
        "青岚至鹭洲快速路日前全线建成通车，县城到市区的车程缩短到三十五分钟左右。快速路沿线设互通立交五处，途经桂溪、杉木两个乡镇，沿线二十多个村的茶叶、柑橘运出去更方便了。",
        265.0,
        116.0,
    );
    item(
        &mut g,
        &["4. 全县中小学期末考试时间", "确定"],
        "县教育局通知，全县中小学本学期期末考试定于一月二十日至二十二日举行。",
        265.0,
        y,
    );
    let parsed = parse_page(&page(g));
    let titles: Vec<&str> = parsed.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "县里召开冬季防火工作会议",
            "县人民医院与省级肿瘤医院共建中心，群众在家门口可约专家",
            "快速路全线通车",
            "全县中小学期末考试时间确定"
        ]
    );
    assert!(parsed.articles[1].paragraphs[0]
        .text
        .starts_with("县人民医院"));
    assert!(
        parsed
            .furniture
            .iter()
            .any(|f| f.starts_with("青岚县政务信息摘编")),
        "{:?}",
        parsed.furniture
    );
}
