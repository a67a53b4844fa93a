//! Pages laid out like the sample from gold articles: the artefacts of PDF extraction (hard
//! wraps, interleaved columns, a doubled bold headline, titles after their body, sources
//! glued to the last line, pull quotes with stray CJK spaces, blank lines inside sentences,
//! a lead ended by a short line), for `own_pages.rs` (two fixed layouts) and `sim_pages.rs`
//! (layouts drawn at random).

use super::{Gold, GoldArticle};

/// One piece of the layout, in extraction order.
pub enum Seg {
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
pub struct Fx {
    /// The (one-line) lead runs straight into the next paragraph, no blank line.
    pub lead_joined: bool,
    /// A column break (blank line) inside this paragraph of the article.
    pub col_break: Option<usize>,
    /// A stray space between two CJK characters in this paragraph.
    pub stray_space: Option<usize>,
    /// The source glued after a space to the last line.
    pub glue_source: bool,
}

fn wide(c: char) -> bool {
    !c.is_ascii()
}

/// Hard-wraps `text` at `n` full-width characters. A Latin word cut at the line end is
/// hyphenated between lower-case letters, split plainly if the page writes it elsewhere,
/// otherwise moved to the next line. Closing punctuation never starts a line.
pub fn wrap(text: &str, n: usize, vocab: &str) -> Vec<String> {
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
pub fn doubled(title: &str) -> String {
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

pub fn generate(gold: &Gold, layout: &[Seg]) -> String {
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

pub fn source(a: &GoldArticle) -> String {
    a.source_line
        .clone()
        .expect("own pages give every article a source")
}
