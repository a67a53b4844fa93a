//! Pages of our own, made from other real-style Chinese news text: the clean articles
//! (`tests/pages/*.gold.json`) are laid out by a small generator with the artefacts of
//! PDF extraction (hard wraps at 8–22 characters, interleaved columns, a doubled bold
//! headline, titles after their body, sources glued to the last line, pull quotes with
//! stray CJK spaces, blank lines inside sentences, a lead ended by a short line). The
//! generated text is stored beside the gold (`tests/pages/*.txt`, checked to be current;
//! regenerate with `GALLEY_WRITE_PAGES=1`) and parsed without the gold.

mod common;

use common::simulate::{doubled, generate, wrap, Fx, Seg};
use common::Gold;
use galley_core::import::page::reconstruct;

const PAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pages");

fn check(name: &str, layout: &[Seg]) {
    let gold_text = std::fs::read_to_string(format!("{PAGES}/{name}.gold.json")).expect("gold");
    let gold: Gold = serde_json::from_str(&gold_text).expect("gold format");
    let page = generate(&gold, layout);
    let stored = format!("{PAGES}/{name}.txt");
    if std::env::var_os("GALLEY_WRITE_PAGES").is_some() {
        std::fs::write(&stored, &page).expect("write page");
    }
    assert_eq!(
        std::fs::read_to_string(&stored).expect("stored page (GALLEY_WRITE_PAGES=1 writes it)"),
        page,
        "{stored} is stale: regenerate with GALLEY_WRITE_PAGES=1"
    );
    let parsed = reconstruct(&page, common::jieba());
    let s = common::score(&parsed, &gold);
    println!("own page {name}\n{s}");
    for a in &parsed.articles {
        println!("  {:.2} {} {:?}", a.confidence, a.title, a.warnings);
    }
    let n = gold.articles.len();
    let paras: usize = gold.articles.iter().map(|a| a.paragraphs.len()).sum();
    let quotes: usize = gold.articles.iter().map(|a| a.pull_quotes.len()).sum();
    assert!(s.f1 >= 0.995, "{name}: {s}");
    assert_eq!(s.articles, (n, n), "{name}: {s}");
    assert!(s.order_ok, "{name}: {s}");
    assert_eq!(s.titles, (n, n), "{name}: {s}");
    assert!(s.paragraphs.0 + 1 >= paras, "{name}: {s}");
    assert_eq!(s.sources, (n, n), "{name}: {s}");
    assert_eq!(s.pull_quotes, (quotes, quotes), "{name}: {s}");
    assert_eq!(s.pull_quote_leaks, 0, "{name}: {s}");
    assert_eq!(s.furniture.0, s.furniture.1, "{name}: {s}");
}

#[test]
fn energy_transport_page() {
    use Seg::*;
    check(
        "energy-transport",
        &[
            Title(0, 20, false),
            Furniture("■财经观察"),
            Title(1, 30, true),
            Quote(0, 0, 10),
            Body {
                art: 0,
                from: 0,
                to: 1,
                wrap: 12,
                fx: Fx::default(),
            },
            Body {
                art: 1,
                from: 0,
                to: 6,
                wrap: 20,
                fx: Fx {
                    lead_joined: true,
                    col_break: Some(2),
                    ..Fx::default()
                },
            },
            Source(1),
            Body {
                art: 2,
                from: 0,
                to: 3,
                wrap: 18,
                fx: Fx {
                    stray_space: Some(1),
                    glue_source: true,
                    ..Fx::default()
                },
            },
            Title(2, 8, false),
            Body {
                art: 0,
                from: 1,
                to: 7,
                wrap: 19,
                fx: Fx {
                    col_break: Some(3),
                    ..Fx::default()
                },
            },
            Source(0),
        ],
    );
}

#[test]
fn tech_page() {
    use Seg::*;
    check(
        "tech",
        &[
            Furniture("■科技前沿"),
            Title(0, 10, false),
            Body {
                art: 0,
                from: 0,
                to: 3,
                wrap: 22,
                fx: Fx {
                    lead_joined: true,
                    glue_source: true,
                    ..Fx::default()
                },
            },
            Body {
                art: 1,
                from: 0,
                to: 3,
                wrap: 21,
                fx: Fx {
                    col_break: Some(1),
                    ..Fx::default()
                },
            },
            Source(1),
            Title(1, 9, false),
            Title(2, 30, true),
            Body {
                art: 2,
                from: 0,
                to: 2,
                wrap: 13,
                fx: Fx::default(),
            },
            Body {
                art: 3,
                from: 0,
                to: 3,
                wrap: 20,
                fx: Fx {
                    glue_source: true,
                    stray_space: Some(1),
                    ..Fx::default()
                },
            },
            Title(3, 8, false),
            Body {
                art: 2,
                from: 2,
                to: 5,
                wrap: 17,
                fx: Fx {
                    glue_source: true,
                    col_break: Some(3),
                    ..Fx::default()
                },
            },
            Quote(3, 0, 11),
            Furniture("责任编辑：王晓"),
        ],
    );
}

#[test]
fn wrapping_keeps_or_marks_latin_words() {
    let v = "OpenAI公司 OpenAI";
    assert_eq!(wrap("有消息OpenAI公司", 5, v), vec!["有消息Open", "AI公司"]);
    assert_eq!(
        wrap("有消息称OpenAI公司", 5, v),
        vec!["有消息称Op-", "enAI公司"]
    );
    assert_eq!(
        wrap("机构Stone Partners", 5, ""),
        vec!["机构Stone", "Partners"]
    );
    assert_eq!(
        wrap("特斯拉的Autopilot", 5, ""),
        vec!["特斯拉的Au-", "topilot"]
    );
    assert_eq!(doubled("高级别“车路云”"), "高级别高级别““车路云车路云””");
}
