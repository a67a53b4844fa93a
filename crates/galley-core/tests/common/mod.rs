//! Scoring a reconstructed page against a gold segmentation.

#![allow(dead_code)]

pub mod draw;
pub mod sets;
pub mod simulate;

use std::collections::HashMap;
use std::sync::OnceLock;

use galley_core::model::{ParagraphKind, ParsedDigest};
use jieba_rs::Jieba;
use serde::Deserialize;

pub fn jieba() -> &'static Jieba {
    static J: OnceLock<Jieba> = OnceLock::new();
    J.get_or_init(galley_core::language::segmenter)
}

/// A gold page in the simple format of `tests/pages/*.gold.json`.
#[derive(Debug, Clone, Deserialize)]
pub struct Gold {
    #[serde(default)]
    pub furniture: Vec<String>,
    pub articles: Vec<GoldArticle>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldArticle {
    pub title: String,
    pub source_line: Option<String>,
    #[serde(default)]
    pub outlets: Vec<String>,
    pub paragraphs: Vec<GoldParagraph>,
    #[serde(default)]
    pub pull_quotes: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
pub struct GoldParagraph {
    pub kind: ParagraphKind,
    pub text: String,
}

#[derive(Debug, Default)]
pub struct Scores {
    pub articles: (usize, usize),
    pub f1: f64,
    pub titles: (usize, usize),
    pub paragraphs: (usize, usize),
    pub sources: (usize, usize),
    pub pull_quotes: (usize, usize),
    /// Pull quotes whose text shows up in bodies more often than in the gold bodies.
    pub pull_quote_leaks: usize,
    pub furniture: (usize, usize),
    pub order_ok: bool,
    pub misses: Vec<String>,
    /// Per article found, in page order: (its confidence, whether it is right: paired with a
    /// gold article, the same title, and body F1 of the pair at least [`RIGHT_F1`]).
    pub judged: Vec<(f64, bool)>,
    /// Characters of the gold (titles, bodies, sources, pull quotes, furniture; whitespace
    /// aside) found nowhere in the output, and how many the gold has.
    pub lost: (usize, usize),
    /// Characters of the output beyond the gold's count of them.
    pub duplicated: usize,
}

/// An article is right from this body F1 with its gold article (and the same title).
pub const RIGHT_F1: f64 = 0.95;

/// Every character of a digest's text (whitespace aside), counted.
fn chars<'a>(texts: impl Iterator<Item = &'a str>) -> HashMap<char, usize> {
    let mut m = HashMap::new();
    for t in texts {
        for c in t.chars().filter(|c| !c.is_whitespace()) {
            *m.entry(c).or_default() += 1;
        }
    }
    m
}

/// A source line, unless it is the dateline opening the lead (`新华社北京3月5日电…`): then its
/// characters are printed once, in the lead.
fn printed_apart<'a>(source: Option<&'a str>, lead: &str) -> Option<&'a str> {
    source.filter(|s| !lead.starts_with(s))
}

/// Every character the import put out: titles, sources, paragraphs, pull quotes, furniture.
fn output_chars(parsed: &ParsedDigest) -> HashMap<char, usize> {
    chars(
        parsed
            .articles
            .iter()
            .flat_map(|a| {
                let lead = a.paragraphs.first().map_or("", |p| p.text.as_str());
                std::iter::once(a.title.as_str())
                    .chain(printed_apart(a.source.line.as_deref(), lead))
                    .chain(a.paragraphs.iter().map(|p| p.text.as_str()))
                    .chain(a.pull_quotes.iter().map(String::as_str))
            })
            .chain(parsed.furniture.iter().map(String::as_str)),
    )
}

/// The gold's characters missing from the output, in gold order (for the report).
fn lost_chars(parsed: &ParsedDigest, gold: &Gold) -> String {
    let mut have = output_chars(parsed);
    let mut out = String::new();
    for a in &gold.articles {
        for t in std::iter::once(&a.title).chain(a.paragraphs.iter().map(|p| &p.text)) {
            for c in t.chars().filter(|c| !c.is_whitespace()) {
                match have.get_mut(&c) {
                    Some(n) if *n > 0 => *n -= 1,
                    _ => out.push(c),
                }
            }
        }
    }
    out
}

/// Gold characters missing from the output, the gold's total, and output characters extra.
fn lost_and_duplicated(parsed: &ParsedDigest, gold: &Gold) -> ((usize, usize), usize) {
    let g = chars(
        gold.articles
            .iter()
            .flat_map(|a| {
                let lead = a.paragraphs.first().map_or("", |p| p.text.as_str());
                std::iter::once(a.title.as_str())
                    .chain(printed_apart(a.source_line.as_deref(), lead))
                    .chain(a.paragraphs.iter().map(|p| p.text.as_str()))
                    .chain(a.pull_quotes.iter().map(String::as_str))
            })
            .chain(gold.furniture.iter().map(String::as_str)),
    );
    let o = output_chars(parsed);
    let lost = g
        .iter()
        .map(|(c, n)| n.saturating_sub(o.get(c).copied().unwrap_or(0)))
        .sum();
    let extra = o
        .iter()
        .map(|(c, n)| n.saturating_sub(g.get(c).copied().unwrap_or(0)))
        .sum();
    ((lost, g.values().sum()), extra)
}

impl std::fmt::Display for Scores {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(
            f,
            "articles     {}/{} (order {})",
            self.articles.0,
            self.articles.1,
            if self.order_ok { "ok" } else { "WRONG" }
        )?;
        writeln!(f, "body F1      {:.4}", self.f1)?;
        writeln!(f, "titles       {}/{}", self.titles.0, self.titles.1)?;
        writeln!(
            f,
            "paragraphs   {}/{}",
            self.paragraphs.0, self.paragraphs.1
        )?;
        writeln!(f, "sources      {}/{}", self.sources.0, self.sources.1)?;
        writeln!(
            f,
            "pull quotes  {}/{} (left in a body: {})",
            self.pull_quotes.0, self.pull_quotes.1, self.pull_quote_leaks
        )?;
        writeln!(f, "furniture    {}/{}", self.furniture.0, self.furniture.1)?;
        write!(
            f,
            "characters   {} of {} lost, {} extra",
            self.lost.0, self.lost.1, self.duplicated
        )?;
        for m in &self.misses {
            write!(f, "\n  miss: {m}")?;
        }
        Ok(())
    }
}

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn bigrams(s: &str) -> HashMap<(char, char), usize> {
    let c: Vec<char> = norm(s).chars().collect();
    let mut m = HashMap::new();
    for w in c.windows(2) {
        *m.entry((w[0], w[1])).or_default() += 1;
    }
    m
}

fn overlap(a: &HashMap<(char, char), usize>, b: &HashMap<(char, char), usize>) -> usize {
    a.iter()
        .map(|(k, x)| (*x).min(b.get(k).copied().unwrap_or(0)))
        .sum()
}

/// Scores `parsed` against `gold`: articles are paired one to one by body overlap.
pub fn score(parsed: &ParsedDigest, gold: &Gold) -> Scores {
    let body = |ps: &mut dyn Iterator<Item = &str>| ps.collect::<Vec<_>>().join("");
    let gold_bodies: Vec<_> = gold
        .articles
        .iter()
        .map(|g| bigrams(&body(&mut g.paragraphs.iter().map(|p| p.text.as_str()))))
        .collect();
    let pred_bodies: Vec<_> = parsed
        .articles
        .iter()
        .map(|a| bigrams(&body(&mut a.paragraphs.iter().map(|p| p.text.as_str()))))
        .collect();
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in gold_bodies.iter().enumerate() {
        for (pi, p) in pred_bodies.iter().enumerate() {
            pairs.push((overlap(g, p), gi, pi));
        }
    }
    pairs.sort_by_key(|p| std::cmp::Reverse(p.0));
    let mut pred_of: Vec<Option<usize>> = vec![None; gold.articles.len()];
    let mut used = vec![false; parsed.articles.len()];
    let mut pair_f1 = vec![(None, 0.0); parsed.articles.len()];
    let mut tp = 0;
    let size = |b: &HashMap<(char, char), usize>| b.values().sum::<usize>();
    for (o, gi, pi) in pairs {
        if o == 0 || pred_of[gi].is_some() || used[pi] {
            continue;
        }
        pred_of[gi] = Some(pi);
        used[pi] = true;
        tp += o;
        let f1 = 2.0 * o as f64 / (size(&gold_bodies[gi]) + size(&pred_bodies[pi])).max(1) as f64;
        pair_f1[pi] = (Some(gi), f1);
    }
    let total = |m: &Vec<HashMap<(char, char), usize>>| {
        m.iter().map(|b| b.values().sum::<usize>()).sum::<usize>()
    };
    let (gt, pt) = (total(&gold_bodies), total(&pred_bodies));
    let (p, r) = (tp as f64 / pt.max(1) as f64, tp as f64 / gt.max(1) as f64);
    let mut s = Scores {
        articles: (parsed.articles.len(), gold.articles.len()),
        f1: if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        },
        ..Scores::default()
    };
    s.judged = parsed
        .articles
        .iter()
        .zip(&pair_f1)
        .map(|(a, (gi, f1))| {
            let right = gi.is_some_and(|g| gold.articles[g].title == a.title) && *f1 >= RIGHT_F1;
            (a.confidence, right)
        })
        .collect();
    (s.lost, s.duplicated) = lost_and_duplicated(parsed, gold);
    if s.lost.0 > 0 {
        s.misses
            .push(format!("characters lost: {}", lost_chars(parsed, gold)));
    }
    let order: Vec<usize> = pred_of.iter().flatten().copied().collect();
    s.order_ok = order.windows(2).all(|w| w[0] < w[1]) && order.len() == parsed.articles.len();
    let all_bodies: String = parsed
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(|p| norm(&p.text)))
        .collect();
    let gold_all_bodies: String = gold
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(|p| norm(&p.text)))
        .collect();
    for (gi, g) in gold.articles.iter().enumerate() {
        let a = pred_of[gi].map(|pi| &parsed.articles[pi]);
        s.titles.1 += 1;
        if a.is_some_and(|a| a.title == g.title) {
            s.titles.0 += 1;
        } else {
            s.misses.push(format!(
                "title {:?}, got {:?}",
                g.title,
                a.map(|a| &a.title)
            ));
        }
        s.sources.1 += 1;
        if a.is_some_and(|a| a.source.line == g.source_line && a.source.outlets == g.outlets) {
            s.sources.0 += 1;
        } else {
            s.misses.push(format!(
                "source {:?} {:?}, got {:?}",
                g.source_line,
                g.outlets,
                a.map(|a| &a.source)
            ));
        }
        for gp in &g.paragraphs {
            s.paragraphs.1 += 1;
            if a.is_some_and(|a| {
                a.paragraphs
                    .iter()
                    .any(|p| p.kind == gp.kind && p.text == gp.text)
            }) {
                s.paragraphs.0 += 1;
            } else {
                let got = a.and_then(|a| {
                    a.paragraphs.iter().find(|p| {
                        let head: String = gp.text.chars().take(8).collect();
                        p.text.contains(&head)
                    })
                });
                s.misses.push(format!(
                    "paragraph {:?} {:?}\n        got {:?}",
                    gp.kind, gp.text, got
                ));
            }
        }
        for q in &g.pull_quotes {
            s.pull_quotes.1 += 1;
            if a.is_some_and(|a| a.pull_quotes.contains(q)) {
                s.pull_quotes.0 += 1;
            } else {
                s.misses.push(format!("pull quote {q:?}"));
            }
            let nq = norm(q);
            if all_bodies.matches(&nq).count() > gold_all_bodies.matches(&nq).count() {
                s.pull_quote_leaks += 1;
                s.misses.push(format!("pull quote left in a body: {q:?}"));
            }
        }
    }
    for f in &gold.furniture {
        s.furniture.1 += 1;
        if parsed.furniture.iter().any(|p| norm(p) == norm(f)) {
            s.furniture.0 += 1;
        } else {
            s.misses.push(format!("furniture {f:?}"));
        }
    }
    s
}

/// How well low confidence marks the wrong articles: (wrong ones flagged, wrong ones), (right
/// ones flagged, right ones), an article being flagged below `low`.
pub fn calibration(judged: &[(f64, bool)], low: f64) -> ((usize, usize), (usize, usize)) {
    let count = |right: bool| {
        let of: Vec<_> = judged.iter().filter(|j| j.1 == right).collect();
        (of.iter().filter(|j| j.0 < low).count(), of.len())
    };
    (count(false), count(true))
}

/// A small deterministic generator (xorshift), so every run makes the same test data.
pub struct Rng(pub u64);

impl Rng {
    /// A number below `n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n.max(1) as u64) as usize
    }
}
