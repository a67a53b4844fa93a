//! Assembling articles from the classified units: runs of body paragraphs ("pieces") are
//! chained across columns by lexical cohesion (jieba words weighted by their rarity on the
//! page), and titles are matched to chains by cohesion and position (a title prints above
//! its body, possibly with another article's lead in between, or right below the body
//! and its source line).

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use jieba_rs::Jieba;

use crate::model::{ArticleDraft, ParagraphDraft, ParagraphKind, ParsedDigest, Source};
use crate::text::is_sentence_end;

use super::blocks::{Unit, UnitKind};
use super::lines::dateline;

/// Lowest cosine similarity for attaching a body piece without a source line to a later one.
const MERGE_MIN: f64 = 0.12;
/// Below this an article's confidence is flagged with a warning.
const LOW_CONFIDENCE: f64 = 0.6;

/// A run of body paragraphs (and the cross-heads between them) printed together.
#[derive(Debug, Default)]
struct Piece {
    /// Unit indices: paragraphs and interior headings.
    items: Vec<usize>,
    source: Option<usize>,
    /// A headline printed right before the piece that turned out to be a cross-head.
    lead_heading: Option<usize>,
}

impl Piece {
    fn first(&self) -> usize {
        self.items[0]
    }
    fn last(&self) -> usize {
        self.source
            .unwrap_or(*self.items.last().expect("pieces are never empty"))
    }
}

type Bag = FxHashMap<String, f64>;

/// Content words of a text: jieba's search-mode cut, words of two or more characters,
/// Latin words lower-cased, numbers and a few function words dropped.
pub fn words(jieba: &Jieba, text: &str) -> Bag {
    let mut bag = Bag::default();
    let stop = stop_words();
    // Without HMM: new words matter less here than speed, and dictionary words carry cohesion.
    for t in jieba.cut_for_search(text, false) {
        let w = t.word.trim();
        if w.chars().nth(1).is_none() || !w.chars().any(char::is_alphabetic) || stop.contains(w) {
            continue;
        }
        if w.bytes().any(|b| b.is_ascii_uppercase()) {
            *bag.entry(w.to_lowercase()).or_default() += 1.0;
        } else if let Some(n) = bag.get_mut(w) {
            *n += 1.0;
        } else {
            bag.insert(w.to_owned(), 1.0);
        }
    }
    bag
}

fn stop_words() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| STOP.iter().copied().collect())
}

const STOP: &[&str] = &[
    "我们", "他们", "你们", "这个", "那个", "这些", "那些", "一个", "没有", "表示", "认为", "进行",
    "已经", "可以", "以及", "其中", "因为", "所以", "但是", "同时", "此外", "通过", "相关", "记者",
    "日前", "近日", "目前", "一些", "就是", "还是", "如果", "由于", "对于", "不过", "然而", "之后",
    "之前", "以来", "方面", "这样", "如何", "什么", "为了", "能够", "其他", "今年", "去年", "指出",
    "介绍", "据悉", "还有", "也是", "他说", "一直", "不少", "很多", "更多", "非常", "之一",
];

fn cosine(a: &Bag, b: &Bag, idf: &dyn Fn(&str) -> f64) -> f64 {
    let (small, big) = if a.len() < b.len() { (a, b) } else { (b, a) };
    let mut dot = 0.0;
    for (w, x) in small {
        if let Some(y) = big.get(w) {
            let i = idf(w);
            dot += x * y * i * i;
        }
    }
    let norm = |v: &Bag| {
        v.iter()
            .map(|(w, x)| (x * idf(w)).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let d = norm(a) * norm(b);
    if d == 0.0 {
        0.0
    } else {
        dot / d
    }
}

/// Share of a title's word weight found in a body.
fn coverage(title: &Bag, body: &Bag, idf: &dyn Fn(&str) -> f64) -> f64 {
    let total: f64 = title.keys().map(|w| idf(w)).sum();
    if total == 0.0 {
        return 0.0;
    }
    title
        .keys()
        .filter(|w| body.contains_key(*w))
        .map(|w| idf(w))
        .sum::<f64>()
        / total
}

fn add(into: &mut Bag, from: &Bag) {
    for (w, x) in from {
        *into.entry(w.clone()).or_default() += x;
    }
}

struct Chain {
    pieces: Vec<usize>,
    bag: Bag,
    /// Cohesion margins of the pieces attached by cohesion: (best score, runner-up, first line).
    merges: Vec<(f64, f64, usize)>,
}

/// Builds the articles of a page from its units.
pub fn articles(units: &[Unit], jieba: &Jieba) -> ParsedDigest {
    let mut parsed = ParsedDigest::default();
    let in_flow = |i: usize| {
        !matches!(
            units[i].kind,
            UnitKind::Furniture | UnitKind::PullQuote { .. }
        )
    };
    let next_in_flow = |i: usize| (i + 1..units.len()).find(|&j| in_flow(j));

    // 1. Pieces, and headlines that may be titles.
    let mut pieces: Vec<Piece> = Vec::new();
    let mut titles: Vec<usize> = Vec::new();
    let mut cur: Option<Piece> = None;
    let mut quotes: Vec<usize> = Vec::new();
    for (i, u) in units.iter().enumerate() {
        match &u.kind {
            UnitKind::Furniture => parsed.furniture.push(u.text.clone()),
            UnitKind::PullQuote { .. } => quotes.push(i),
            UnitKind::Source(_) => match cur.take() {
                Some(mut p) => {
                    p.source = Some(i);
                    pieces.push(p);
                }
                None => match pieces.last_mut() {
                    Some(p)
                        if p.source.is_none() && titles.last().is_none_or(|&t| t < p.first()) =>
                    {
                        p.source = Some(i)
                    }
                    _ => parsed.warnings.push(format!(
                        "line {}: source {:?} follows no body text",
                        u.first_line, u.text
                    )),
                },
            },
            UnitKind::Headline { strong } => {
                let heading = !strong
                    && cur.as_ref().is_some_and(|p| {
                        let last = *p.items.last().expect("non-empty");
                        next_in_flow(i).is_some_and(|j| {
                            units[j].kind == UnitKind::Para
                                && !column_change(&units[last], &units[j])
                        }) && units[last].kind == UnitKind::Para
                    });
                if heading {
                    cur.as_mut().expect("checked").items.push(i);
                } else {
                    pieces.extend(cur.take());
                    titles.push(i);
                }
            }
            UnitKind::Para => {
                if let Some(p) = cur.as_mut() {
                    let last = *p.items.last().expect("non-empty");
                    if units[last].kind == UnitKind::Para && column_change(&units[last], u) {
                        pieces.extend(cur.take());
                    }
                }
                cur.get_or_insert_with(Piece::default).items.push(i);
            }
        }
    }
    pieces.extend(cur.take());
    if pieces.is_empty() {
        return parsed;
    }

    // 2. Words, segmented once per piece and per title.
    let piece_bags: Vec<Bag> = pieces
        .iter()
        .map(|p| {
            let text: Vec<&str> = p.items.iter().map(|&i| units[i].text.as_str()).collect();
            words(jieba, &text.join("\n"))
        })
        .collect();
    let title_bags: Vec<Bag> = titles
        .iter()
        .map(|&t| words(jieba, &units[t].text))
        .collect();
    let mut df: HashMap<&str, f64> = HashMap::new();
    for bag in &piece_bags {
        for w in bag.keys() {
            *df.entry(w.as_str()).or_default() += 1.0;
        }
    }
    let n = pieces.len() as f64;
    let idf = |w: &str| {
        ((n + 1.0) / (df.get(w).copied().unwrap_or(0.0) + 0.5))
            .ln()
            .max(0.05)
    };

    // 3. Chains: a piece without a source line goes on in a later piece, chosen by cohesion.
    let mut chains: Vec<Option<Chain>> = pieces
        .iter()
        .enumerate()
        .map(|(i, _)| {
            Some(Chain {
                pieces: vec![i],
                bag: piece_bags[i].clone(),
                merges: Vec::new(),
            })
        })
        .collect();
    for h in (0..pieces.len()).rev() {
        if pieces[h].source.is_some() || chains[h].is_none() {
            continue;
        }
        let mut scored: Vec<(f64, usize)> = (h + 1..pieces.len())
            .filter_map(|c| chains[c].as_ref().map(|ch| (c, ch)))
            .map(|(c, ch)| {
                let mut s = cosine(&piece_bags[h], &ch.bag, &idf);
                // A piece opening with a cross-head continues an article from elsewhere.
                if headline_right_before(units, &titles, pieces[c].first(), &in_flow).is_some() {
                    s += 0.05;
                }
                (s, c)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let Some(&(best, c)) = scored.first() else {
            continue;
        };
        if best < MERGE_MIN {
            continue;
        }
        let second = scored.get(1).map_or(0.0, |s| s.0);
        let own = chains[h].take().expect("checked");
        let target = chains[c].take().expect("checked");
        let mut bag = own.bag;
        add(&mut bag, &target.bag);
        let mut merged = Chain {
            pieces: own.pieces,
            bag,
            merges: own.merges,
        };
        merged.pieces.extend(target.pieces);
        merged.merges.extend(target.merges);
        merged
            .merges
            .push((best, second, units[pieces[c].first()].first_line));
        chains[h] = Some(merged);
    }
    let chains: Vec<Chain> = chains.into_iter().flatten().collect();

    // 4. Titles to chains, best pairs first.
    let mut pairs: Vec<(f64, f64, usize, usize)> = Vec::new(); // score, cohesion, title, chain
    for (ti, &t) in titles.iter().enumerate() {
        for (ci, ch) in chains.iter().enumerate() {
            let first = pieces[ch.pieces[0]].first();
            let last = pieces[*ch.pieces.last().expect("non-empty")].last();
            let bonus = if t < first {
                let between = pieces
                    .iter()
                    .filter(|p| p.first() > t && p.first() < first)
                    .count();
                match between {
                    0 => 0.25,
                    1 => 0.1,
                    2 => 0.0,
                    _ => continue,
                }
            } else if t > last && (last + 1..t).all(|j| !in_flow(j)) {
                if pieces[*ch.pieces.last().expect("non-empty")]
                    .source
                    .is_some()
                {
                    0.25
                } else {
                    0.1
                }
            } else {
                continue;
            };
            let cohesion = coverage(&title_bags[ti], &ch.bag, &idf);
            let strong = matches!(units[t].kind, UnitKind::Headline { strong: true });
            let score = cohesion + bonus + if strong { 0.05 } else { 0.0 };
            if score >= 0.2 {
                pairs.push((score, cohesion, ti, ci));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut title_of: Vec<Option<(usize, f64)>> = vec![None; chains.len()];
    let mut used = vec![false; titles.len()];
    for &(_, cohesion, ti, ci) in &pairs {
        if used[ti] || title_of[ci].is_some() {
            continue;
        }
        used[ti] = true;
        title_of[ci] = Some((titles[ti], cohesion));
    }
    // Headlines left over: a cross-head opening the piece after them, else a warning.
    for (ti, &t) in titles.iter().enumerate() {
        if used[ti] {
            continue;
        }
        let next = next_in_flow(t);
        match pieces.iter_mut().find(|p| Some(p.first()) == next) {
            Some(p) if p.lead_heading.is_none() => p.lead_heading = Some(t),
            _ => parsed.warnings.push(format!(
                "line {}: headline {:?} matches no article; left out",
                units[t].first_line, units[t].text
            )),
        }
    }

    // 5. Drafts.
    let mut drafts: Vec<(usize, ArticleDraft)> = Vec::new();
    let mut chain_of_unit: HashMap<usize, usize> = HashMap::new();
    for (ci, ch) in chains.iter().enumerate() {
        let mut paragraphs = Vec::new();
        for &pi in &ch.pieces {
            let p = &pieces[pi];
            for &i in p.lead_heading.iter().chain(&p.items) {
                chain_of_unit.insert(i, ci);
                let kind = if units[i].kind == UnitKind::Para {
                    if paragraphs.is_empty() {
                        ParagraphKind::Lead
                    } else {
                        ParagraphKind::Body
                    }
                } else {
                    ParagraphKind::Heading
                };
                paragraphs.push(ParagraphDraft {
                    kind,
                    text: units[i].text.clone(),
                });
            }
        }
        let mut warnings = Vec::new();
        let source = match pieces[*ch.pieces.last().expect("non-empty")]
            .source
            .map(|s| &units[s].kind)
        {
            Some(UnitKind::Source(s)) => s.clone(),
            _ => match paragraphs
                .iter()
                .find(|p| p.kind != ParagraphKind::Heading)
                .and_then(|p| dateline(&p.text))
            {
                Some((line, outlet)) => Source {
                    line: Some(line),
                    outlets: vec![outlet],
                },
                None => {
                    warnings.push("no source line".to_owned());
                    Source::default()
                }
            },
        };
        let (title, title_score) = match title_of[ci] {
            Some((t, cohesion)) => {
                if cohesion < 0.3 {
                    warnings.push(format!(
                        "title {:?} (line {}) shares few words with the body (cohesion {cohesion:.2}): placed by position",
                        units[t].text, units[t].first_line
                    ));
                }
                (units[t].text.clone(), cohesion)
            }
            None => {
                warnings.push("no title found: titled by its first sentence".to_owned());
                let first = paragraphs
                    .iter()
                    .find(|p| p.kind != ParagraphKind::Heading)
                    .map_or("", |p| p.text.as_str());
                (first_sentence(first), 0.0)
            }
        };
        let mut merge_conf: f64 = 1.0;
        for &(best, second, line) in &ch.merges {
            let margin = ((best - second) / best).clamp(0.0, 1.0);
            let c = (best / 0.15).min(1.0) * (0.5 + margin / 2.0);
            if c < 0.6 {
                warnings.push(format!(
                    "body text from line {line} joined to this article by weak cohesion ({best:.2}, next best {second:.2})"
                ));
            }
            merge_conf = merge_conf.min(c);
        }
        let has_source = source.line.is_some();
        let confidence = 0.2
            + 0.35 * (title_score * 1.25).min(1.0)
            + 0.2 * if has_source { 1.0 } else { 0.0 }
            + 0.25 * merge_conf;
        let confidence = (confidence * 100.0).round() / 100.0;
        if confidence < LOW_CONFIDENCE {
            warnings.push(format!(
                "low confidence ({confidence:.2}): check title, source and paragraphs"
            ));
        }
        let first_line = units[pieces[ch.pieces[0]].first()].first_line;
        drafts.push((
            first_line,
            ArticleDraft {
                title,
                source,
                paragraphs,
                pull_quotes: Vec::new(),
                confidence,
                warnings,
            },
        ));
    }

    // 6. Pull quotes go to the article printing the text they repeat.
    for &q in &quotes {
        let UnitKind::PullQuote { target_line } = units[q].kind else {
            continue;
        };
        let target = units
            .iter()
            .enumerate()
            .find(|(_, u)| {
                u.kind == UnitKind::Para
                    && u.first_line <= target_line
                    && target_line <= u.last_line
            })
            .and_then(|(i, _)| chain_of_unit.get(&i));
        match target {
            Some(&ci) => drafts[ci].1.pull_quotes.push(units[q].text.clone()),
            None => parsed.warnings.push(format!(
                "line {}: pull quote {:?} repeats no article's body; left out",
                units[q].first_line, units[q].text
            )),
        }
    }
    drafts.sort_by_key(|(line, _)| *line);
    parsed.articles = drafts.into_iter().map(|(_, a)| a).collect();
    parsed
}

/// Two paragraphs from different body texts set in clearly different column widths.
fn column_change(a: &Unit, b: &Unit) -> bool {
    match (a.col, b.col) {
        (Some(x), Some(y)) if a.group != b.group => x.min(y) * 5 < x.max(y) * 4,
        _ => false,
    }
}

fn headline_right_before(
    units: &[Unit],
    titles: &[usize],
    first: usize,
    in_flow: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let prev = (0..first).rev().find(|&j| in_flow(j))?;
    (titles.contains(&prev) && matches!(units[prev].kind, UnitKind::Headline { strong: false }))
        .then_some(prev)
}

fn first_sentence(text: &str) -> String {
    let s = text
        .split_inclusive(|c: char| is_sentence_end(c) || c == '，')
        .next()
        .unwrap_or_default();
    s.trim_end_matches(|c: char| is_sentence_end(c) || c == '，')
        .chars()
        .take(40)
        .collect()
}
