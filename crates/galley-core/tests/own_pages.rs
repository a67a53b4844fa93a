//! Pages of our own, made from other real-style Chinese news text: the clean articles
//! (`tests/pages/*.gold.json`) are laid out by a small generator with the artefacts of
//! PDF extraction (hard wraps at 8–22 characters, interleaved columns, a doubled bold
//! headline, titles after their body, sources glued to the last line, pull quotes with
//! stray CJK spaces, blank lines inside sentences, a lead ended by a short line). The
//! generated text is stored beside the gold (`tests/pages/*.txt`, checked to be current;
//! regenerate with `GALLEY_WRITE_PAGES=1`) and parsed without the gold.

mod common;

use common::{Gold, GoldArticle};
use galley_core::import::page::reconstruct;

const PAGES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pages");

/// One piece of the layout, in extraction order.
enum Seg {
    Furniture(&'static str),
    /// Article, wrap width (characters), doubled glyph runs.
    Title(usize, usize, bool),
    /// Article, its paragraphs `from..to`, wrap width, and artefacts.
    Body {
        art: usize,
        from: usize,
        to: usize,
        wrap: usize,
        fx: Fx,
    },
    /// A source on its own line.
    Source(usize),
    /// Article, pull quote index, wrap width.
    Quote(usize, usize, usize),
}

#[derive(Default, Clone, Copy)]
struct Fx {
    /// The (one-line) lead runs straight into the next paragraph, no blank line.
    lead_joined: bool,
    /// A column break (blank line) inside this paragraph of the article.
    col_break: Option<usize>,
    /// A stray space between two CJK characters in this paragraph.
    stray_space: Option<usize>,
    /// The source glued after a space to the last line.
    glue_source: bool,
}

fn wide(c: char) -> bool {
    !c.is_ascii()
}

/// Hard-wraps `text` at `n` full-width characters. A Latin word cut at the line end is
/// hyphenated between lower-case letters, split plainly if the page writes it elsewhere,
/// otherwise moved to the next line. Closing punctuation never starts a line.
fn wrap(text: &str, n: usize, vocab: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut lines = Vec::new();
    let mut start = 0;
    while start < chars.len() {
        let mut w = 0;
        let mut end = start;
        while end < chars.len() && w + if wide(chars[end]) { 2 } else { 1 } <= 2 * n {
            w += if wide(chars[end]) { 2 } else { 1 };
            end += 1;
        }
        while end < chars.len() && "，。、；：？！”’）》".contains(chars[end]) {
            end += 1;
        }
        let mut line: String = chars[start..end].iter().collect();
        let mut next = end;
        if end < chars.len()
            && chars[end - 1].is_ascii_alphanumeric()
            && chars[end].is_ascii_alphanumeric()
        {
            let ws = (0..end)
                .rev()
                .take_while(|&i| chars[i].is_ascii_alphanumeric())
                .last()
                .unwrap_or(end);
            let we = (end..chars.len())
                .take_while(|&i| chars[i].is_ascii_alphanumeric())
                .last()
                .unwrap_or(end)
                + 1;
            let word: String = chars[ws..we].iter().collect();
            if chars[end - 1].is_ascii_lowercase()
                && chars[end].is_ascii_lowercase()
                && end - ws >= 2
            {
                line.push('-');
            } else if vocab.matches(&word).count() < 2 && ws > start {
                line = chars[start..ws].iter().collect();
                next = ws;
            }
        }
        while next < chars.len() && chars[next] == ' ' {
            next += 1;
        }
        lines.push(line.trim_end().to_owned());
        start = next;
    }
    lines
}

/// A bold headline as extracted: each run of glyphs printed twice.
fn doubled(title: &str) -> String {
    let mut out = String::new();
    let mut run = String::new();
    for c in title.chars() {
        if "“”‘’《》".contains(c) {
            out.push_str(&run.repeat(2));
            run.clear();
            out.push_str(&c.to_string().repeat(2));
        } else {
            run.push(c);
            if run.chars().count() == 6 {
                out.push_str(&run.repeat(2));
                run.clear();
            }
        }
    }
    out.push_str(&run.repeat(2));
    out
}

fn stray_space(line: &str) -> String {
    let c: Vec<char> = line.chars().collect();
    let mut out = String::new();
    let mut added = 0;
    for (i, ch) in c.iter().enumerate() {
        out.push(*ch);
        if added < 2
            && i >= 3
            && i + 1 < c.len()
            && wide(*ch)
            && wide(c[i + 1])
            && ch.is_alphabetic()
            && c[i + 1].is_alphabetic()
        {
            out.push(' ');
            added += 1;
        }
    }
    out
}

fn generate(gold: &Gold, layout: &[Seg]) -> String {
    let vocab: String = gold
        .articles
        .iter()
        .flat_map(|a| {
            a.paragraphs
                .iter()
                .map(|p| p.text.clone())
                .chain([a.title.clone()])
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut blocks: Vec<Vec<String>> = Vec::new();
    for seg in layout {
        match seg {
            Seg::Furniture(f) => blocks.push(vec![(*f).to_owned()]),
            Seg::Title(a, w, d) => {
                let t = &gold.articles[*a].title;
                blocks.push(if *d {
                    vec![doubled(t)]
                } else {
                    wrap(t, *w, &vocab)
                });
            }
            Seg::Source(a) => blocks.push(vec![source(&gold.articles[*a])]),
            Seg::Quote(a, q, w) => {
                let mut lines = wrap(&gold.articles[*a].pull_quotes[*q], *w, &vocab);
                lines[0] = stray_space(&lines[0]);
                blocks.push(lines);
            }
            Seg::Body {
                art,
                from,
                to,
                wrap: w,
                fx,
            } => {
                let a = &gold.articles[*art];
                for p in *from..*to {
                    let mut lines = wrap(&a.paragraphs[p].text, *w, &vocab);
                    if fx.stray_space == Some(p) && lines.len() > 1 {
                        lines[1] = stray_space(&lines[1]);
                    }
                    if p + 1 == *to && fx.glue_source {
                        let last = lines.pop().expect("non-empty");
                        lines.push(format!("{last} {}", source(a)));
                    }
                    if fx.lead_joined && p == 1 && *from == 0 {
                        blocks.last_mut().expect("lead").extend(lines);
                        continue;
                    }
                    if fx.col_break == Some(p) {
                        let mut k = lines.len() / 2;
                        while k + 1 < lines.len() && lines[k - 1].ends_with(['。', '”', '？']) {
                            k += 1;
                        }
                        let rest = lines.split_off(k);
                        blocks.push(lines);
                        blocks.push(rest);
                        continue;
                    }
                    blocks.push(lines);
                }
            }
        }
    }
    let mut out: Vec<String> = Vec::new();
    for (i, b) in blocks.iter().enumerate() {
        let furniture_follows = blocks
            .get(i + 1)
            .is_some_and(|n| n.len() == 1 && n[0].starts_with('■'));
        out.extend(b.iter().cloned());
        if !furniture_follows {
            out.push(String::new());
        }
    }
    out.join("\n")
}

fn source(a: &GoldArticle) -> String {
    a.source_line
        .clone()
        .expect("own pages give every article a source")
}

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
