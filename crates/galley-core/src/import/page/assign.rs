//! Assembling articles from the classified units: runs of body paragraphs ("pieces") are
//! chained across columns by lexical cohesion (jieba words weighted by their rarity on the
//! page), and titles are matched to chains by cohesion and position (a title prints above
//! its body, possibly with another article's lead in between, or right below the body
//! and its source line).

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use jieba_rs::Jieba;

use crate::model::vocabulary::LOW_CONFIDENCE;
use crate::model::{ArticleDraft, ParagraphDraft, ParagraphKind, ParsedDigest, Source};
use crate::text::is_sentence_end;

use super::blocks::{Unit, UnitKind};
use super::lines::{dateline, item_marker};

/// Lowest cosine similarity for attaching a body piece without a source line to a later one.
const MERGE_MIN: f64 = 0.12;
/// Lowest cosine similarity for such an attachment when it is [`CLEAR_AHEAD`] times the
/// runner-up's or more.
const MERGE_WEAK: f64 = 0.06;
/// Lowest cosine similarity for attaching untitled text to the one titled story on the
/// page that can take it (the others closed by their source lines), when it is
/// [`CLEAR_AHEAD`] times the runner-up's or more.
const ONLY_OPEN_MIN: f64 = 0.03;
/// How many times the runner-up's cohesion a weak attachment must have.
const CLEAR_AHEAD: f64 = 4.0;
/// Fewest letters of each of the two pieces a weak attachment joins.
const LONG_PIECE: usize = 150;

/// A run of body paragraphs (and the cross-heads between them) printed together.
#[derive(Debug, Default)]
struct Piece {
    /// Unit indices: paragraphs and interior headings.
    items: Vec<usize>,
    source: Option<usize>,
    /// A source line printed right under the piece's own: that of another story whose
    /// paragraphs the piece holds in turn with its own (two columns ending side by side),
    /// given to that story once the piece is parted, else set aside.
    second_source: Option<usize>,
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

/// Words with their counts (shared keys: the steps add the words of units together often).
type Bag = FxHashMap<Rc<str>, f64>;

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
            *bag.entry(w.to_lowercase().into()).or_default() += 1.0;
        } else if let Some(n) = bag.get_mut(w) {
            *n += 1.0;
        } else {
            bag.insert(w.into(), 1.0);
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

/// The warning of an article no headline was found for.
pub const NO_TITLE: &str = "no title found: titled by its first sentence";

/// Builds the articles of a page from its units.
pub fn articles(units: &[Unit], jieba: &Jieba) -> ParsedDigest {
    let joined = join_titles_wrapped_in_turn(units);
    let units = joined.as_deref().unwrap_or(units);
    let split = split_side_by_side_titles(units, jieba);
    let units = split.as_deref().unwrap_or(units);
    let mut parsed = ParsedDigest::default();
    let Layout {
        mut pieces,
        mut titles,
        quotes,
    } = layout(units, &mut parsed);
    if pieces.is_empty() {
        return parsed;
    }
    let uw = UnitWords::new(units, jieba);
    titles_after_their_text(&uw, &mut pieces, &mut titles);
    let title_bags: Vec<Bag> = titles.iter().map(|&t| uw.of(t).clone()).collect();
    split_under_stacked_titles(&uw, &mut pieces, &titles, &title_bags);
    split_for_titles_apart(&uw, &mut pieces, &titles, &title_bags);
    split_for_open_stories(&uw, &mut pieces, &titles);
    for p in &mut pieces {
        if let Some(s) = p.second_source.take() {
            set_aside_source(&units[s], &mut parsed);
        }
    }
    let piece_bags = piece_words(&uw, &pieces);
    let rarity = Rarity::new(&piece_bags);
    let idf = |w: &str| rarity.of(w);
    let titled = Titled {
        titles: &titles,
        bags: &title_bags,
    };
    let mut chains = chain_pieces(units, &pieces, &titled, &piece_bags, &idf);
    let (mut title_of, mut used) =
        match_titles(units, (&pieces, &piece_bags), &titled, &chains, &idf);
    let rested = title_rests(units, &titled, &chains, &title_of, &mut used, &idf, jieba);
    let units = rested.as_deref().unwrap_or(units);
    place_leftover_headlines(units, &mut pieces, &titles, &used, &mut parsed);
    if pieces.iter().any(|p| p.source.is_some()) {
        join_untitled_rests(units, &pieces, &mut chains, &mut title_of, &uw, &idf);
    }
    let (mut drafts, chain_of_unit) = drafts(units, &pieces, &chains, &title_of);
    attach_pull_quotes(units, &quotes, &chain_of_unit, &mut drafts, &mut parsed);
    drafts.sort_by_key(|(line, _)| *line);
    parsed.articles = drafts.into_iter().map(|(_, a)| a).collect();
    parsed
}

/// Least width (display units) of a wrapped title's first line in
/// [`join_titles_wrapped_in_turn`].
const MIN_WRAPPED_WIDTH: usize = 12;

/// Step 0a: the headlines of two columns side by side, each wrapped over two lines and
/// printed line by line in turn (`老旧小区加装电梯今年完工` / `前11个月全市社会消费品` /
/// `三百余部` / `零售总额增长6.8%`), are joined into the two titles they are: four one-line
/// headlines stacked over text, the first two as wide as a column's full line (about the same
/// width), each of the last two shorter than the line it ends. `None` when none is joined.
fn join_titles_wrapped_in_turn(units: &[Unit]) -> Option<Vec<Unit>> {
    let flow: Vec<usize> = (0..units.len()).filter(|&i| in_flow(units, i)).collect();
    let headline = |i: usize| {
        matches!(units[i].kind, UnitKind::Headline { .. })
            && units[i].title_lines.len() <= 1
            && item_marker(&units[i].text).is_none()
    };
    let is_headline =
        |k: Option<&usize>| k.is_some_and(|&i| matches!(units[i].kind, UnitKind::Headline { .. }));
    let mut joins: Vec<[usize; 4]> = Vec::new();
    let mut k = 0;
    while k + 4 <= flow.len() {
        let four = [flow[k], flow[k + 1], flow[k + 2], flow[k + 3]];
        // Text (or a byline) follows them; a masthead may be above them.
        if !is_headline(flow.get(k + 4))
            && four.iter().all(|&i| headline(i))
            && wrapped_in_turn(units, four)
        {
            joins.push(four);
            k += 4;
        } else {
            k += 1;
        }
    }
    if joins.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(units.len());
    for (i, u) in units.iter().enumerate() {
        match joins.iter().find(|j| j.contains(&i)) {
            Some(&[a, b, c, d]) if i == a || i == b => {
                let end = if i == a { c } else { d };
                let lines = [u.text.clone(), units[end].text.clone()];
                out.push(Unit {
                    kind: UnitKind::Headline { strong: true },
                    text: joined_title(&lines),
                    last_line: units[end].last_line,
                    title_lines: lines.to_vec(),
                    ..u.clone()
                });
            }
            Some(_) => {}
            None => out.push(u.clone()),
        }
    }
    Some(out)
}

/// Whether four stacked one-line headlines are two titles wrapped in turn: the first two
/// full and alike, each of the last two shorter than its first line.
fn wrapped_in_turn(units: &[Unit], [a, b, c, d]: [usize; 4]) -> bool {
    let w = |i: usize| super::lines::width(&units[i].text);
    let (wa, wb) = (w(a), w(b));
    wa.min(wb) >= MIN_WRAPPED_WIDTH
        && wa.min(wb) * 5 >= wa.max(wb) * 4
        && w(c) * 4 < wa * 3
        && w(d) * 4 < wb * 3
}

/// Step 0: a headline of two lines that are two titles, those of columns side by side printed
/// one under the other (`高校毕业生就业服务月启动` / `社区图书角开进地铁站`), is two headlines:
/// each line reads as a whole title (no word wraps across them) and the text under them
/// splits into a part telling one line's story and a part telling the other's (at a finished
/// paragraph, or paragraph by paragraph where the columns were printed in turn), or each
/// opens with an item's number. So is a headline of four lines, two such titles each wrapped
/// over two lines (`老年人智能手机` / `课堂走进社区` / `海川市地铁全线` / `开通5G信号`). `None` when
/// no headline is split.
fn split_side_by_side_titles(units: &[Unit], jieba: &Jieba) -> Option<Vec<Unit>> {
    let pairs: Vec<usize> = (0..units.len())
        .filter(|&i| title_halves(&units[i], jieba).is_some() || is_numbered_pair(&units[i]))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    let Layout { pieces, titles, .. } = layout(units, &mut ParsedDigest::default());
    let uw = UnitWords::new(units, jieba);
    let bags = piece_words(&uw, &pieces);
    let rarity = Rarity::new(&bags);
    let idf = |w: &str| rarity.of(w);
    let split: Vec<usize> = pairs
        .into_iter()
        .filter(|&t| is_numbered_pair(&units[t]) || told_apart(&uw, &pieces, &titles, t, &idf))
        .collect();
    if split.is_empty() {
        return None;
    }
    let mut out = Vec::with_capacity(units.len() + split.len());
    for (i, u) in units.iter().enumerate() {
        if !split.contains(&i) {
            out.push(u.clone());
            continue;
        }
        let halves = match title_halves(u, jieba) {
            Some((a, b)) if !is_numbered_pair(u) => vec![a, b],
            _ => u.title_lines.chunks(1).collect(),
        };
        out.extend(halves.into_iter().map(|lines| Unit {
            text: joined_title(lines),
            title_lines: lines.to_vec(),
            ..u.clone()
        }));
    }
    Some(out)
}

/// A headline's lines as the lines of two titles, when they may be: two lines, or four read as
/// two titles of two lines each (columns side by side wrap their headlines alike); each half
/// long enough for a title, and no word read across the line between them (a title wrapped
/// mid-word is one title).
fn title_halves<'u>(u: &'u Unit, jieba: &Jieba) -> Option<(&'u [String], &'u [String])> {
    let lines = &u.title_lines;
    if !matches!(u.kind, UnitKind::Headline { .. }) || !matches!(lines.len(), 2 | 4) {
        return None;
    }
    let (a, b) = lines.split_at(lines.len() / 2);
    let letters = |h: &[String]| {
        h.iter()
            .flat_map(|l| l.chars())
            .filter(|c| c.is_alphanumeric())
            .count()
    };
    let apart = super::stitch::junction(jieba, &a[a.len() - 1], &b[0]) == 0.0;
    (letters(a) >= MIN_SIDE_TITLE && letters(b) >= MIN_SIDE_TITLE && apart).then_some((a, b))
}

/// A title's lines as one line: a space only between two Latin letters or digits.
fn joined_title(lines: &[String]) -> String {
    let mut out = String::new();
    for l in lines {
        let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
        if latin(out.chars().last()) && latin(l.chars().next()) {
            out.push(' ');
        }
        out.push_str(l);
    }
    out
}

/// How much of a line's words the story under it names for the line to be that story's title
/// in [`Run::splits_two_titles`] (a title names its story in its own words too: `开进地铁站`
/// over `在地铁车站设立`).
const SIDE_TELLS: f64 = 0.3;

/// Fewest letters each line of a headline has for the two to be titles of their own.
const MIN_SIDE_TITLE: usize = 5;

/// Whether a headline is printed on two lines each opening with an item's number (`5. 化学实验楼
/// 完成安全改造` / `2. 第二食堂推出八元午餐套餐`): two items' titles, whatever the text says.
fn is_numbered_pair(u: &Unit) -> bool {
    matches!(u.kind, UnitKind::Headline { .. })
        && matches!(u.title_lines.as_slice(), [a, b] if item_marker(a).is_some() && item_marker(b).is_some())
}

/// Whether the paragraphs under headline `t` (up to the next title) split into a part telling
/// its first title's story and one telling its second's, either way round, or tell them in
/// turn paragraph by paragraph ([`Run::interleaved`]).
fn told_apart(
    uw: &UnitWords<'_>,
    pieces: &[Piece],
    titles: &[usize],
    t: usize,
    idf: &dyn Fn(&str) -> f64,
) -> bool {
    let (units, jieba) = (uw.units, uw.jieba);
    let next_title = titles
        .iter()
        .copied()
        .find(|&x| x > t)
        .unwrap_or(usize::MAX);
    let under: Vec<&Piece> = pieces
        .iter()
        .filter(|p| p.first() > t && p.first() < next_title)
        .collect();
    let (items, breaks) = items_and_breaks(&under);
    let Some((a, b)) = title_halves(&units[t], jieba) else {
        return false;
    };
    let halves = [
        words(jieba, &joined_title(a)),
        words(jieba, &joined_title(b)),
    ];
    let run = Run::new(uw, (&items, &breaks), halves.iter().collect(), idf);
    (1..items.len()).any(|k| run.boundary(k) && run.splits_two_titles(k))
        || run.interleaved().is_some()
}

/// Whether the unit before `i` in the reading flow is a title candidate.
fn under_title(units: &[Unit], titles: &[usize], i: usize) -> bool {
    let before = (0..i).rev().find(|&j| in_flow(units, j));
    before.is_some_and(|j| titles.last() == Some(&j))
}

/// Whether a unit is part of the reading flow (not furniture, not a pull quote).
fn in_flow(units: &[Unit], i: usize) -> bool {
    !matches!(
        units[i].kind,
        UnitKind::Furniture | UnitKind::PullQuote { .. }
    )
}

/// The next unit after `i` in the reading flow.
fn next_in_flow(units: &[Unit], i: usize) -> Option<usize> {
    (i + 1..units.len()).find(|&j| in_flow(units, j))
}

/// Step 1's result: the pieces of body text, the headlines that may be titles and the
/// pull quotes, all as unit indices.
struct Layout {
    pieces: Vec<Piece>,
    titles: Vec<usize>,
    quotes: Vec<usize>,
}

/// A source line no article can take goes to the furniture, with a warning: nothing the page
/// prints is lost.
fn set_aside_source(u: &Unit, parsed: &mut ParsedDigest) {
    parsed.warnings.push(format!(
        "line {}: source {:?} closes no body text; set aside",
        u.first_line, u.text
    ));
    parsed.furniture.push(u.text.clone());
}

/// Step 1: cuts the units into pieces (runs of body paragraphs closed by a source line
/// or a column change), keeps headlines that may be titles and notes the pull quotes.
/// Furniture and stray source lines go to `parsed`.
fn layout(units: &[Unit], parsed: &mut ParsedDigest) -> Layout {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut titles: Vec<usize> = Vec::new();
    let mut cur: Option<Piece> = None;
    let mut quotes: Vec<usize> = Vec::new();
    let mut heading_source: Option<usize> = None;
    let mut numbered_titles = false;
    for (i, u) in units.iter().enumerate() {
        match &u.kind {
            UnitKind::Furniture => parsed.furniture.push(u.text.clone()),
            UnitKind::PullQuote { .. } => quotes.push(i),
            // A source right under a title (no body text yet) opens that title's story.
            UnitKind::Source(_) if cur.is_none() && under_title(units, &titles, i) => {
                if let Some(earlier) = heading_source.replace(i) {
                    set_aside_source(&units[earlier], parsed);
                }
            }
            UnitKind::Source(_) => match cur.take() {
                Some(mut p) => {
                    // The line closing the body is its source; one printed under the title
                    // as well is kept aside.
                    if let Some(under_title) = p.source.replace(i) {
                        set_aside_source(&units[under_title], parsed);
                    }
                    pieces.push(p);
                }
                None => match pieces.last_mut() {
                    Some(p) if titles.last().is_none_or(|&t| t < p.first()) => {
                        if p.source.is_none() {
                            p.source = Some(i);
                        } else if p.source == Some(i - 1) && p.second_source.is_none() {
                            p.second_source = Some(i);
                        } else {
                            set_aside_source(u, parsed);
                        }
                    }
                    _ => set_aside_source(u, parsed),
                },
            },
            UnitKind::Headline { strong } => {
                // Numbered headlines are siblings: after a numbered title, the next number
                // opens the next item, not a section of the same article.
                let numbered = item_marker(&u.text).is_some();
                let next_item = numbered && numbered_titles;
                if !strong && !next_item && is_cross_head(units, cur.as_ref(), i) {
                    cur.as_mut().expect("checked").items.push(i);
                } else {
                    pieces.extend(cur.take());
                    titles.push(i);
                    numbered_titles |= numbered;
                }
            }
            UnitKind::Para => {
                if let Some(p) = cur.as_mut() {
                    let last = *p.items.last().expect("non-empty");
                    // A dateline (本报讯…, 新华社…电) opens the lead of another article.
                    let opens_article = super::lines::dateline(&u.text).is_some();
                    if units[last].kind == UnitKind::Para
                        && (column_change(&units[last], u) || u.new_column || opens_article)
                    {
                        pieces.extend(cur.take());
                    }
                }
                cur.get_or_insert_with(|| Piece {
                    source: heading_source.take(),
                    ..Piece::default()
                })
                .items
                .push(i);
            }
        }
    }
    pieces.extend(cur.take());
    if let Some(unused) = heading_source {
        set_aside_source(&units[unused], parsed);
    }
    Layout {
        pieces,
        titles,
        quotes,
    }
}

/// A weak headline `i` inside the piece being built, between two paragraphs of the same
/// column width: a cross-head of that body text, not a title. Two stacked ones are too
/// (`领航定向` / `驾驭发展全局创造新的历史伟业`), a section's label and its heading.
fn is_cross_head(units: &[Unit], cur: Option<&Piece>, i: usize) -> bool {
    let weak = |j: usize| units[j].kind == UnitKind::Headline { strong: false };
    // A headline opening a column read apart from the one before it heads that column.
    !units[i].new_column
        && cur.is_some_and(|p| {
            let headings = p.items.iter().rev().take_while(|&&j| weak(j)).count();
            let Some(&last) = p.items.iter().rev().nth(headings) else {
                return false;
            };
            let next = next_in_flow(units, i).and_then(|j| {
                if weak(j) && headings == 0 {
                    next_in_flow(units, j)
                } else {
                    Some(j)
                }
            });
            // A headline over a lead opening with a dateline (本报讯…, 新华社…电) is that
            // story's title: a dateline opens a story, never a section.
            headings <= 1
                && !opens_untitled(units, p)
                && units[last].kind == UnitKind::Para
                && next.is_some_and(|j| {
                    units[j].kind == UnitKind::Para
                        && !column_change(&units[last], &units[j])
                        && dateline(&units[j].text).is_none()
                })
        })
}

/// Whether piece `p` opens a story printed with no headline over it: its first paragraph
/// opens with a dateline (本报讯…, 新华社…电), which opens a story, and no headline or source
/// line is printed over it. A headline inside such a piece is its title printed out of place
/// (pdftotext's order), not one of its sections: a story's sections come under its title.
/// (A piece first on the page with no headline over it was tried too: its cross-heads are
/// as often real, the title printed elsewhere.)
fn opens_untitled(units: &[Unit], p: &Piece) -> bool {
    let first = p.first();
    p.source.is_none() && !after_headline(units, first) && dateline(&units[first].text).is_some()
}

/// The words of each unit of a page ([`words`]), segmented once, when first asked for: the
/// steps ask for the words of the same pieces again as they cut them.
struct UnitWords<'a> {
    jieba: &'a Jieba,
    units: &'a [Unit],
    bags: Vec<std::cell::OnceCell<Bag>>,
}

impl<'a> UnitWords<'a> {
    fn new(units: &'a [Unit], jieba: &'a Jieba) -> Self {
        let bags = (0..units.len())
            .map(|_| std::cell::OnceCell::new())
            .collect();
        UnitWords { jieba, units, bags }
    }

    /// The words of unit `i`.
    fn of(&self, i: usize) -> &Bag {
        self.bags[i].get_or_init(|| words(self.jieba, &self.units[i].text))
    }

    /// The words of units `items` together (jieba cuts no word across two units' texts).
    fn of_all(&self, items: &[usize]) -> Bag {
        let mut bag = Bag::default();
        for &i in items {
            add(&mut bag, self.of(i));
        }
        bag
    }
}

/// Step 2: the words of each piece.
fn piece_words(uw: &UnitWords<'_>, pieces: &[Piece]) -> Vec<Bag> {
    pieces.iter().map(|p| uw.of_all(&p.items)).collect()
}

/// Step 1b: headlines printed one under the other with nothing between (the headlines of
/// columns side by side), then one run of body text: where the text splits at finished
/// paragraphs into parts that each tell one headline's story, each part is a piece. Without a
/// source line between the stories, they were one.
fn split_under_stacked_titles(
    uw: &UnitWords<'_>,
    pieces: &mut Vec<Piece>,
    titles: &[usize],
    title_bags: &[Bag],
) {
    let units = uw.units;
    let bags = piece_words(uw, pieces);
    let rarity = Rarity::new(&bags);
    let idf = |w: &str| rarity.of(w);
    let mut out = Vec::with_capacity(pieces.len() + 2);
    let mut rest = std::mem::take(pieces).into_iter().peekable();
    while let Some(piece) = rest.next() {
        let stack = stacked_titles(units, titles, piece.first());
        if stack.len() < 2 {
            out.push(piece);
            continue;
        }
        // The stories under the stack: this piece and those going on after it with no title
        // between, up to the first that ends on a source line.
        let mut group = vec![piece];
        while let Some(next) = rest.next_if(|p| {
            let last = group.last().expect("non-empty");
            last.source.is_none() && !titles.iter().any(|&t| t > last.last() && t < p.first())
        }) {
            group.push(next);
        }
        let (items, breaks) = items_and_breaks(&group.iter().collect::<Vec<_>>());
        let headlines = stack.iter().map(|&t| &title_bags[t]).collect();
        let run = Run::new(uw, (&items, &breaks), headlines, &idf);
        if let Some(second) = run.interleaved() {
            out.extend(part(group, &second));
            continue;
        }
        let all: Vec<usize> = (0..stack.len()).collect();
        let mut cuts = Vec::new();
        run.cuts(&all, 0, items.len(), &mut cuts);
        out.extend(recut(group, cuts));
    }
    *pieces = out;
}

/// Step 1a: a weak headline read as a cross-head (inside a piece, between paragraphs of one
/// width) that is a title: of the story after it, when the texts around it share nothing
/// and it names the text after it ([`title_between_stories`]); of the text before it,
/// printed under it, when that text holds its words and the text after it does not (a
/// story's first column, then its title, then another story's column:
/// `…依法任免了一批国家机关工作人员。` / `县人大常委会召开第二十九次会议` / `中心运行首周…`;
/// [`title_after_text`]); of the text before and after it, in text no headline is printed
/// over, when both hold its words ([`title_under_its_lead`]); two stacked, in text no
/// headline is printed over, the titles of the texts before and after them
/// ([`stacked_titles_between_stories`]); of a story printed inside another, the text around
/// it going on with the text before it ([`title_inside_another_story`]: the story around it
/// keeps both sides). A cross-head names what follows it and goes on with its story. The
/// piece is cut around the headline, which becomes a title; for a title printed under its
/// text, also before the paragraphs that hold its words, if those before them hold few.
fn titles_after_their_text(uw: &UnitWords<'_>, pieces: &mut Vec<Piece>, titles: &mut Vec<usize>) {
    let bags = piece_words(uw, pieces);
    let rarity = Rarity::new(&bags);
    let idf = |w: &str| rarity.of(w);
    let mut out = Vec::with_capacity(pieces.len());
    for mut p in std::mem::take(pieces) {
        loop {
            if let Some(k) = title_between_stories(uw, &p, &idf) {
                let (title, after) = cut_at_headline(&mut p, k);
                titles.push(title);
                out.push(std::mem::replace(&mut p, after));
                continue;
            }
            if let Some((k, back)) = title_inside_another_story(uw, &p, &idf) {
                // The story printed around the headline keeps its text on both sides.
                let (title, mut run) = cut_at_headline(&mut p, k);
                titles.push(title);
                p.items.extend(run.items.split_off(back - k - 1));
                p.source = run.source.take();
                p.second_source = run.second_source.take();
                out.push(std::mem::replace(&mut p, run));
                continue;
            }
            if let Some(k) = stacked_titles_between_stories(uw, &p, &idf) {
                let (second, after) = cut_at_headline(&mut p, k + 1);
                titles.push(p.items.pop().expect("the first headline"));
                titles.push(second);
                out.push(std::mem::replace(&mut p, after));
                continue;
            }
            if let Some(k) = title_under_its_lead(uw, &p, titles, &idf) {
                let (title, after) = cut_at_headline(&mut p, k);
                titles.push(title);
                out.push(std::mem::replace(&mut p, after));
                continue;
            }
            let Some(k) = title_after_text(uw, &p, &idf) else {
                break;
            };
            let (title, after) = cut_at_headline(&mut p, k);
            titles.push(title);
            if let Some(cut) = cut_for_title(uw, &p, uw.of(title), &idf) {
                let own = p.items.split_off(cut);
                out.push(std::mem::replace(
                    &mut p,
                    Piece {
                        items: own,
                        ..Piece::default()
                    },
                ));
            }
            out.push(std::mem::replace(&mut p, after));
        }
        out.push(p);
    }
    titles.sort_unstable();
    *pieces = out;
}

/// Cuts piece `p` at its item `k`, a headline: `p` keeps the items before it, the headline
/// and the piece of the items after it (with the source lines closing `p`) are returned.
fn cut_at_headline(p: &mut Piece, k: usize) -> (usize, Piece) {
    let after = Piece {
        items: p.items.split_off(k + 1),
        source: p.source.take(),
        second_source: p.second_source.take(),
        lead_heading: None,
    };
    (p.items.pop().expect("the headline"), after)
}

/// Most cohesion of two texts that share nothing but a common word or two (see
/// [`title_between_stories`]); two sections of one story share more.
const NOTHING_SHARED: f64 = 0.02;

/// The paragraphs of `items` from place `from` up to the next heading.
fn paragraphs_from<'i>(units: &[Unit], items: &'i [usize], from: usize) -> &'i [usize] {
    let rest = &items[from..];
    let end = rest
        .iter()
        .position(|&i| units[i].kind != UnitKind::Para)
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The place in piece `p` of a weak headline between two texts that share no words, whose
/// words the text after it holds (a quarter of them will do: a title may say its story in
/// other words) and the text before it does not: the title of the story
/// after it, printed between two stories set in columns of one width (a cross-head goes on
/// with the story it stands in).
fn title_between_stories(
    uw: &UnitWords<'_>,
    p: &Piece,
    idf: &dyn Fn(&str) -> f64,
) -> Option<usize> {
    let units = uw.units;
    let heading = |i: usize| units[i].kind != UnitKind::Para;
    (1..p.items.len().saturating_sub(1)).find(|&k| {
        let h = p.items[k];
        let (before, after) = (&p.items[..k], paragraphs_from(units, &p.items, k + 1));
        // After a cross-head, the next headline is most likely another one of the story.
        if units[h].kind != (UnitKind::Headline { strong: false })
            || before.iter().any(|&i| heading(i))
            || before.is_empty()
            || after.is_empty()
            || !ends_its_sentence(&units[before[before.len() - 1]].text)
        {
            return false;
        }
        // The title printed right above the piece is the text before's too.
        let mut before = uw.of_all(before);
        let above = (0..p.first()).rev().find(|&j| in_flow(units, j));
        if let Some(t) = above.filter(|&t| matches!(units[t].kind, UnitKind::Headline { .. })) {
            add(&mut before, uw.of(t));
        }
        let after = uw.of_all(after);
        cosine(&before, &after, idf) <= NOTHING_SHARED
            && coverage(uw.of(h), &after, idf) >= HARDLY
            && coverage(uw.of(h), &before, idf) < APART_TITLE_BEFORE_MAX
    })
}

/// The places in piece `p` of a weak headline between two texts that share no words, the
/// text after it one run of paragraphs that holds its words, and of the paragraph after that
/// run, from which on the text goes on with the text before the headline (sharing its
/// words, none of the headline's): another story's title and text printed inside a story
/// (`…沿海海面有七到八级大风。` / `两所学校入选全国文明校园` / `近日公布的新一届全国文明校园名单中…`
/// / `气象台提醒市民注意防寒保暖…`).
fn title_inside_another_story(
    uw: &UnitWords<'_>,
    p: &Piece,
    idf: &dyn Fn(&str) -> f64,
) -> Option<(usize, usize)> {
    let units = uw.units;
    let para = |i: usize| units[i].kind == UnitKind::Para;
    (1..p.items.len().saturating_sub(2)).find_map(|k| {
        let h = p.items[k];
        let before = &p.items[..k];
        if units[h].kind != (UnitKind::Headline { strong: false })
            || !before.iter().all(|&i| para(i))
            || !ends_its_sentence(&units[before[k - 1]].text)
        {
            return None;
        }
        // The title printed right above the piece is the text before's too.
        let mut before = uw.of_all(before);
        let above = (0..p.first()).rev().find(|&j| in_flow(units, j));
        if let Some(t) = above.filter(|&t| matches!(units[t].kind, UnitKind::Headline { .. })) {
            add(&mut before, uw.of(t));
        }
        let back = (k + 2..p.items.len()).find(|&m| {
            let (run, rest) = (&p.items[k + 1..m], paragraphs_from(units, &p.items, m));
            let (run, rest) = (uw.of_all(run), uw.of_all(rest));
            para(p.items[m])
                && !rest.is_empty()
                && ends_its_sentence(&units[p.items[m - 1]].text)
                && cosine(&before, &run, idf) <= NOTHING_SHARED
                && cosine(&run, &rest, idf) <= NOTHING_SHARED
                && cosine(&before, &rest, idf) >= MERGE_WEAK
                && coverage(uw.of(h), &run, idf) >= REST_MIN
                && coverage(uw.of(h), &rest, idf) < APART_TITLE_BEFORE_MAX
        })?;
        (p.items[k + 1..back].iter().all(|&i| para(i))
            && coverage(uw.of(h), &before, idf) < APART_TITLE_BEFORE_MAX)
            .then_some((k, back))
    })
}

/// The place in piece `p`, text no headline is printed over, of two weak headlines stacked
/// between two texts that share no words, the first naming the text before them, the second
/// the text after (a quarter of its words will do: a title may say its story in other words,
/// 茶叶 / 出口 over 绿茶 / 发往中亚): the titles of two stories, the first printed under its text
/// (`…也可以捐给社区爱心屋。` / `旧物交换市集本周六举行` / `一季度三个港区吞吐量均有增长` /
/// `江口港务集团发布的数据显示…`). A section's label and heading go on with their story, and
/// come under its title.
fn stacked_titles_between_stories(
    uw: &UnitWords<'_>,
    p: &Piece,
    idf: &dyn Fn(&str) -> f64,
) -> Option<usize> {
    let units = uw.units;
    let weak = |i: usize| units[i].kind == UnitKind::Headline { strong: false };
    if after_headline(units, p.first()) {
        return None;
    }
    (1..p.items.len().saturating_sub(2)).find(|&k| {
        let (first, second) = (p.items[k], p.items[k + 1]);
        let (before, after) = (&p.items[..k], paragraphs_from(units, &p.items, k + 2));
        if !(weak(first) && weak(second))
            || after.is_empty()
            || before.iter().any(|&i| units[i].kind != UnitKind::Para)
            || !ends_its_sentence(&units[before[before.len() - 1]].text)
        {
            return false;
        }
        let (before, after) = (uw.of_all(before), uw.of_all(after));
        cosine(&before, &after, idf) <= NOTHING_SHARED
            && coverage(uw.of(first), &before, idf) >= REST_MIN
            && coverage(uw.of(second), &after, idf) >= HARDLY
    })
}

/// The place in piece `p`, text no headline is printed over, of a weak headline whose words
/// the text before it holds (as a lead names its story) and the text after it holds too: the
/// story's title, printed under its lead (`石门县农技推广站12月起开办冬季培训班…` /
/// `县农技站开办冬季培训班` / `培训班设在各乡镇文化站…`), where no title printed elsewhere
/// names the text; a cross-head names the section under it, not the lead. The piece is cut
/// at it; the title heads the two parts, which chain back together as the lead and the rest
/// of one story.
fn title_under_its_lead(
    uw: &UnitWords<'_>,
    p: &Piece,
    titles: &[usize],
    idf: &dyn Fn(&str) -> f64,
) -> Option<usize> {
    let units = uw.units;
    // A title printed elsewhere that names the text is the story's, the headline a
    // cross-head after all.
    let text = uw.of_all(&p.items);
    if after_headline(units, p.first())
        || titles
            .iter()
            .any(|&t| coverage(uw.of(t), &text, idf) >= HARDLY)
    {
        return None;
    }
    (1..p.items.len().saturating_sub(1)).find(|&k| {
        let (before, after) = (&p.items[..k], paragraphs_from(units, &p.items, k + 1));
        let h = p.items[k];
        units[h].kind == UnitKind::Headline { strong: false }
            && before.iter().all(|&i| units[i].kind == UnitKind::Para)
            && !after.is_empty()
            && ends_its_sentence(&units[before[k - 1]].text)
            && coverage(uw.of(h), &uw.of_all(before), idf) >= APART_TITLE_MIN
            && coverage(uw.of(h), &uw.of_all(after), idf) >= APART_TITLE_BEFORE_MAX
    })
}

/// The place in piece `p` of a weak headline that is the title of the text before it (see
/// [`titles_after_their_text`]).
fn title_after_text(uw: &UnitWords<'_>, p: &Piece, idf: &dyn Fn(&str) -> f64) -> Option<usize> {
    let units = uw.units;
    (1..p.items.len().saturating_sub(1)).find(|&k| {
        let (before, after) = (&p.items[..k], &p.items[k + 1..]);
        let h = p.items[k];
        units[h].kind == UnitKind::Headline { strong: false }
            && units[before[k - 1]].kind == UnitKind::Para
            && units[after[0]].kind == UnitKind::Para
            && ends_its_sentence(&units[before[k - 1]].text)
            && coverage(uw.of(h), &uw.of_all(before), idf) >= APART_TITLE_MIN
            && coverage(uw.of(h), &uw.of_all(after), idf) < APART_TITLE_BEFORE_MAX
    })
}

/// Least share of a title's words the paragraphs split off for it hold (see
/// [`split_for_titles_apart`]).
const APART_TITLE_MIN: f64 = 0.6;
/// Most share of that title's words the paragraphs before them may hold.
const APART_TITLE_BEFORE_MAX: f64 = 0.2;

/// Step 1c: a title with no text right under it (stacked over another title, or over a
/// source line), its story printed elsewhere at the end of another piece (the columns
/// of a numbered digest read across: `7. 县图书馆调整冬季开放时间` over `3. 冬季征兵报名启动`,
/// its text `自12月8日起，县图书馆…` after item 4's): the piece is cut before the finished
/// paragraphs that hold most of the title's words where those before hold few.
fn split_for_titles_apart(
    uw: &UnitWords<'_>,
    pieces: &mut Vec<Piece>,
    titles: &[usize],
    title_bags: &[Bag],
) {
    let units = uw.units;
    let bags = piece_words(uw, pieces);
    let rarity = Rarity::new(&bags);
    let idf = |w: &str| rarity.of(w);
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    for (ti, &t) in titles.iter().enumerate() {
        let heads_text =
            next_in_flow(units, t).is_some_and(|j| pieces.iter().any(|p| p.first() == j));
        if heads_text {
            continue;
        }
        // The text under the stack the title heads is that of stacked titles (see
        // [`split_under_stacked_titles`]).
        let under_stack = |p: &Piece| {
            p.first() > t && (t + 1..p.first()).all(|j| !in_flow(units, j) || titles.contains(&j))
        };
        let cut = pieces.iter().enumerate().find_map(|(pi, p)| {
            // Only a piece holding the title's words may hold its text.
            if under_stack(p) || coverage(&title_bags[ti], &bags[pi], &idf) < APART_TITLE_MIN {
                return None;
            }
            Some((pi, cut_for_title(uw, p, &title_bags[ti], &idf)?))
        });
        cuts.extend(cut);
    }
    cuts.sort_unstable();
    cuts.dedup();
    cut_pieces(pieces, &cuts);
}

/// Cuts piece `pi` before its item `k` for each `(pi, k)` of `cuts` (sorted); the last part
/// of a piece keeps the source lines closing it, which close its last story.
fn cut_pieces(pieces: &mut Vec<Piece>, cuts: &[(usize, usize)]) {
    // Cut from the last place back, so the places before stay where they were.
    for &(pi, k) in cuts.iter().rev() {
        let p = &mut pieces[pi];
        let rest = Piece {
            items: p.items.split_off(k),
            source: p.source.take(),
            second_source: p.second_source.take(),
            lead_heading: None,
        };
        pieces.insert(pi + 1, rest);
    }
}

/// Step 1d: a piece under a title, closed by a source line, whose last finished paragraphs
/// share words with an earlier piece no source line closed and none with the paragraphs
/// above them, which share none with that piece: two stories' texts, the first one's rest
/// printed after the second one's lead with its source line (`南屏区今年新建的12处公共充电站…`
/// / `北岭气象站启用新型测雪雷达` / `北岭气象站新启用的测雪雷达…` / `充电站夜间十一点…` /
/// `据《桐川晚报》`). The piece is cut before them and they keep the source line; step 3 then
/// weighs them against every story, as any piece.
fn split_for_open_stories(uw: &UnitWords<'_>, pieces: &mut Vec<Piece>, titles: &[usize]) {
    let bags = piece_words(uw, pieces);
    let rarity = Rarity::new(&bags);
    let idf = |w: &str| rarity.of(w);
    let cuts: Vec<(usize, usize)> = (0..pieces.len())
        .filter(|&pi| pieces[pi].source.is_some())
        .filter_map(|pi| {
            let title = (0..pieces[pi].first())
                .rev()
                .find(|&j| in_flow(uw.units, j))
                .filter(|j| titles.contains(j))?;
            // An open story holding the title's words is the piece's own, its title printed
            // after its first column.
            let open: Vec<&Bag> = (0..pi)
                .filter(|&q| pieces[q].source.is_none())
                .filter(|&q| coverage(uw.of(title), &bags[q], &idf) < APART_TITLE_BEFORE_MAX)
                .map(|q| &bags[q])
                .collect();
            Some((pi, cut_for_open_story(uw, &pieces[pi], &open, &idf)?))
        })
        .collect();
    cut_pieces(pieces, &cuts);
}

/// Where piece `p` splits for one of the `open` stories (see [`split_for_open_stories`]):
/// before the first finished paragraph from which on the text shares words with an open
/// story (at least weak cohesion) and none with the text above it, which shares none with
/// that story.
fn cut_for_open_story(
    uw: &UnitWords<'_>,
    p: &Piece,
    open: &[&Bag],
    idf: &dyn Fn(&str) -> f64,
) -> Option<usize> {
    let units = uw.units;
    (1..p.items.len()).find(|&k| {
        let (before, after) = p.items.split_at(k);
        let last = &units[before[before.len() - 1]];
        if !(last.kind == UnitKind::Para
            && units[after[0]].kind == UnitKind::Para
            && ends_its_sentence(&last.text))
        {
            return false;
        }
        let (head, tail) = (uw.of_all(before), uw.of_all(after));
        let nothing = |a: &Bag, b: &Bag| cosine(a, b, idf) <= 0.0;
        nothing(&tail, &head)
            && open
                .iter()
                .any(|story| cosine(&tail, story, idf) >= MERGE_WEAK && nothing(&head, story))
    })
}

/// Where a piece splits for a title printed apart from its text: before the last paragraph
/// from which on the paragraphs hold the title's words and before which they do not, after
/// a finished sentence.
fn cut_for_title(
    uw: &UnitWords<'_>,
    p: &Piece,
    title: &Bag,
    idf: &dyn Fn(&str) -> f64,
) -> Option<usize> {
    let units = uw.units;
    let bag = |items: &[usize]| uw.of_all(items);
    (1..p.items.len()).rev().find(|&k| {
        let (before, after) = p.items.split_at(k);
        let last = &units[before[before.len() - 1]];
        last.kind == UnitKind::Para
            && units[after[0]].kind == UnitKind::Para
            && ends_its_sentence(&last.text)
            && coverage(title, &bag(after), idf) >= APART_TITLE_MIN
            && coverage(title, &bag(before), idf) < APART_TITLE_BEFORE_MAX
    })
}

/// The pieces of a run whose paragraphs two stacked headlines' stories share in turn (see
/// [`Run::interleaved`]) as one piece per story, paragraphs in printed order; the source line
/// stays with the story of the paragraph it followed.
fn part(group: Vec<Piece>, second: &[bool]) -> [Piece; 2] {
    let mut parts = [Piece::default(), Piece::default()];
    let mut k = 0;
    for p in group {
        for item in p.items {
            parts[usize::from(second[k])].items.push(item);
            k += 1;
        }
        if p.source.is_some() {
            parts[usize::from(second[k - 1])].source = p.source;
        }
        // The source printed under it closes the other story, if that has none.
        if let Some(s) = p.second_source {
            let other = &mut parts[usize::from(!second[k - 1])];
            match other.source {
                None if !other.items.is_empty() => other.source = Some(s),
                _ => parts[usize::from(second[k - 1])].second_source = Some(s),
            }
        }
    }
    parts.sort_by_key(Piece::first);
    parts
}

/// Pieces cut again: at their own ends and before each of the item positions `cuts` (counted
/// over all their items); the source line stays with the last item it followed.
fn recut(group: Vec<Piece>, mut cuts: Vec<usize>) -> Vec<Piece> {
    let mut at = 0;
    for p in &group[..group.len() - 1] {
        at += p.items.len();
        cuts.push(at);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut bounds = cuts.into_iter().peekable();
    let mut k = 0;
    let mut current = Piece::default();
    for p in group {
        let source = p.source;
        for item in p.items {
            if bounds.next_if_eq(&k).is_some() && !current.items.is_empty() {
                out.push(std::mem::take(&mut current));
            }
            current.items.push(item);
            k += 1;
        }
        current.source = source;
        current.second_source = p.second_source;
    }
    out.push(current);
    // A second source line goes to the story before the last, if that one has none.
    if let [.., before, last] = out.as_mut_slice() {
        if before.source.is_none() && last.second_source.is_some() {
            before.source = last.second_source.take();
        }
    }
    out
}

/// The title candidates (as positions in `titles`, at most four) printed right before unit
/// `first`, one under the other with nothing else in the flow between.
fn stacked_titles(units: &[Unit], titles: &[usize], first: usize) -> Vec<usize> {
    let mut stack = Vec::new();
    let mut at = first;
    while let Some(before) = (0..at).rev().find(|&j| in_flow(units, j)) {
        match titles.iter().position(|&t| t == before) {
            Some(t) if stack.len() < 4 => stack.push(t),
            _ => break,
        }
        at = before;
    }
    stack.reverse();
    stack
}

/// A run of body text under stacked headlines, with each paragraph's words.
struct Run<'a> {
    units: &'a [Unit],
    items: &'a [usize],
    /// Where the pieces of the run ended (item positions): breaks the layout already saw.
    breaks: &'a [usize],
    paragraphs: Vec<&'a Bag>,
    headlines: Vec<&'a Bag>,
    idf: &'a dyn Fn(&str) -> f64,
}

/// The items of pieces in order, and where each piece ended among them.
fn items_and_breaks(pieces: &[&Piece]) -> (Vec<usize>, Vec<usize>) {
    let items = pieces
        .iter()
        .flat_map(|p| p.items.iter().copied())
        .collect();
    let breaks = pieces
        .iter()
        .scan(0, |at, p| {
            *at += p.items.len();
            Some(*at)
        })
        .collect();
    (items, breaks)
}

impl<'a> Run<'a> {
    /// The run of paragraphs `items` (with the breaks the layout saw) under `headlines`.
    fn new(
        uw: &'a UnitWords<'a>,
        (items, breaks): (&'a [usize], &'a [usize]),
        headlines: Vec<&'a Bag>,
        idf: &'a dyn Fn(&str) -> f64,
    ) -> Self {
        Run {
            units: uw.units,
            items,
            breaks,
            paragraphs: items.iter().map(|&i| uw.of(i)).collect(),
            headlines,
            idf,
        }
    }

    /// The cuts splitting paragraphs `lo..hi` among the `open` headlines (indexes into
    /// `headlines`): the best cut between two of them, then each side among the headlines
    /// left to it.
    fn cuts(&self, open: &[usize], lo: usize, hi: usize, out: &mut Vec<usize>) {
        if open.len() < 2 || hi - lo < 2 {
            return;
        }
        let Some((k, x, y)) = self.best_cut(open, lo, hi) else {
            return;
        };
        out.push(k);
        let front: Vec<usize> = open.iter().copied().filter(|&h| h != y).collect();
        let back: Vec<usize> = open.iter().copied().filter(|&h| h != x).collect();
        self.cuts(&front, lo, k, out);
        self.cuts(&back, k, hi, out);
    }

    /// The paragraph boundary in `lo..hi` (after a finished sentence or an address) with one
    /// headline's words mostly before it and hardly after, and another's the other way round:
    /// (boundary, headline before, headline after).
    fn best_cut(&self, open: &[usize], lo: usize, hi: usize) -> Option<(usize, usize, usize)> {
        let mut best: Option<(f64, (usize, usize, usize))> = None;
        for k in lo + 1..hi {
            if !self.boundary(k) {
                continue;
            }
            let (front, back) = (self.words(lo, k), self.words(k, hi));
            for &x in open {
                for &y in open.iter().filter(|&&y| y != x) {
                    let Some(score) = self.score(x, y, &front, &back, k) else {
                        continue;
                    };
                    if best.is_none_or(|b| score > b.0) {
                        best = Some((score, (k, x, y)));
                    }
                }
            }
        }
        best.map(|(_, cut)| cut)
    }

    /// Whether a story may end before paragraph `k`: a finished paragraph, then another.
    fn boundary(&self, k: usize) -> bool {
        let (end, next) = (&self.units[self.items[k - 1]], &self.units[self.items[k]]);
        let finished = ends_its_sentence(&end.text) || super::lines::ends_with_address(&end.text);
        end.kind == UnitKind::Para && next.kind == UnitKind::Para && finished
    }

    /// How well headline `x` tells the text before paragraph `k` and `y` the text after;
    /// `None` unless each mostly holds its own headline's words and hardly the other's.
    /// Between boundaries as good, a break the layout saw wins, then the one whose next
    /// paragraph names the second headline: a lead says what its headline says.
    fn score(&self, x: usize, y: usize, front: &Bag, back: &Bag, k: usize) -> Option<f64> {
        let cover = |h: usize, bag: &Bag| coverage(self.headlines[h], bag, self.idf);
        let (fx, by) = (cover(x, front), cover(y, back));
        let crossed = cover(x, back).max(cover(y, front));
        // A break the layout saw already is likelier than one inside a piece.
        let seen = if self.breaks.contains(&k) { 0.5 } else { 0.0 };
        tell_apart(fx, by, crossed).then(|| fx + by + cover(y, self.paragraphs[k]) / 2.0 + seen)
    }

    /// Two columns printed block by block in turn under two stacked headlines: no single cut
    /// tells the stories apart, but their paragraphs do one by one (`第二食堂…` / `化学实验楼…` /
    /// `学院要求…实验室…` / `后勤处…套餐…`). A paragraph naming one headline's words and not the
    /// other's tells that story; one naming neither goes with the story whose paragraphs and
    /// headline it shares clearly more words with, else with the paragraph before it (the
    /// first must go somewhere: a lead says what its headline says). A story may change only
    /// after a finished paragraph. For each paragraph, whether it tells the second headline's
    /// story, when each story holds its headline's words and hardly the other's.
    fn interleaved(&self) -> Option<Vec<bool>> {
        let [a, b] = self.headlines[..] else {
            return None;
        };
        let named: Vec<Option<bool>> = self.paragraphs.iter().map(|p| self.names(p)).collect();
        let stories = [false, true].map(|which| {
            let mut bag = self.words_where(|k| named[k] == Some(which));
            add(&mut bag, [a, b][usize::from(which)]);
            bag
        });
        let mut second = Vec::with_capacity(self.paragraphs.len());
        let mut last = None;
        for (k, p) in self.paragraphs.iter().enumerate() {
            let this = named[k].or_else(|| self.closer(p, &stories)).or(last)?;
            if k > 0 && last != Some(this) && !self.boundary(k) {
                return None;
            }
            second.push(this);
            last = Some(this);
        }
        let switches = second.windows(2).filter(|w| w[0] != w[1]).count();
        let story = |which: bool| self.words_where(|k| second[k] == which);
        let (front, back) = (story(false), story(true));
        let cover = |h: &Bag, bag: &Bag| coverage(h, bag, self.idf);
        let crossed = cover(a, &back).max(cover(b, &front));
        let apart = tell_apart(cover(a, &front), cover(b, &back), crossed);
        (switches >= 2 && apart).then_some(second)
    }

    /// Which of two headlines a paragraph names: some words of one and none of the other.
    fn names(&self, p: &Bag) -> Option<bool> {
        let (ca, cb) = (
            coverage(self.headlines[0], p, self.idf),
            coverage(self.headlines[1], p, self.idf),
        );
        (ca.min(cb) < NONE && ca.max(cb) >= FAINT).then_some(cb > ca)
    }

    /// Which of two stories a paragraph shares clearly more words with, if any.
    fn closer(&self, p: &Bag, stories: &[Bag; 2]) -> Option<bool> {
        let [x, y] = stories.each_ref().map(|s| cosine(p, s, self.idf));
        (x.max(y) > 0.0 && x.min(y) < x.max(y) * CLEARLY_CLOSER).then_some(y > x)
    }

    /// The words of the paragraphs whose positions `keep` holds.
    fn words_where(&self, keep: impl Fn(usize) -> bool) -> Bag {
        let mut bag = Bag::default();
        for (_, p) in self.paragraphs.iter().enumerate().filter(|(k, _)| keep(*k)) {
            add(&mut bag, p);
        }
        bag
    }

    /// Whether the run's two headlines tell the paragraphs before `k` and those after apart:
    /// one names something of the part before it and nothing after, the other the reverse.
    /// (A title wrapped over two lines names its one story throughout.)
    fn splits_two_titles(&self, k: usize) -> bool {
        let (front, back) = (self.words(0, k), self.words(k, self.items.len()));
        let cover = |h: usize, bag: &Bag| coverage(self.headlines[h], bag, self.idf);
        let tells = |x: usize, y: usize| {
            cover(x, &front) >= SIDE_TELLS
                && cover(y, &back) >= SIDE_TELLS
                && cover(x, &back) < HARDLY
                && cover(y, &front) < HARDLY
        };
        tells(0, 1) || tells(1, 0)
    }

    /// The words of paragraphs `lo..hi`.
    fn words(&self, lo: usize, hi: usize) -> Bag {
        let mut bag = Bag::default();
        for p in &self.paragraphs[lo..hi] {
            add(&mut bag, p);
        }
        bag
    }
}

/// Whether two headlines tell two texts apart, from how much each names of its own text
/// (`own_x`, `own_y`) and the most either names of the other's (`crossed`): each names its
/// own mostly and the other's hardly, or, a headline in words of its own (`平川县夜市带动餐饮
/// 消费回暖` over `滨河夜市开业`) telling its story faintly, none of either's words cross over.
fn tell_apart(own_x: f64, own_y: f64, crossed: f64) -> bool {
    let clear = own_x.max(own_y) >= CLEAR && own_x.min(own_y) >= FAINT && crossed < NONE;
    own_x >= TELLS && own_y >= TELLS && crossed < HARDLY || clear
}

/// Step 2: how much each word tells pieces apart, from in how many of the pieces it
/// occurs (worked out once for every word of the page: the steps ask it of the same words
/// many times).
struct Rarity<'a> {
    known: FxHashMap<&'a str, f64>,
    unseen: f64,
}

impl<'a> Rarity<'a> {
    fn new(piece_bags: &'a [Bag]) -> Self {
        let n = piece_bags.len();
        let mut df: FxHashMap<&str, f64> = FxHashMap::default();
        for bag in piece_bags {
            for w in bag.keys() {
                *df.entry(&**w).or_default() += 1.0;
            }
        }
        let idf = |df: f64| ((n as f64 + 1.0) / (df + 0.5)).ln().max(0.05);
        let known = df.into_iter().map(|(w, d)| (w, idf(d))).collect();
        Rarity {
            known,
            unseen: idf(0.0),
        }
    }

    /// The rarity of word `w`.
    fn of(&self, w: &str) -> f64 {
        self.known.get(w).copied().unwrap_or(self.unseen)
    }
}

/// Step 3: chains of pieces. A piece without a source line goes on in a later piece,
/// chosen by cohesion; pieces are taken from the last so chains grow backwards.
fn chain_pieces(
    units: &[Unit],
    pieces: &[Piece],
    titled: &Titled<'_>,
    piece_bags: &[Bag],
    idf: &dyn Fn(&str) -> f64,
) -> Vec<Chain> {
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
        let scored = continuation_scores(units, pieces, titled, piece_bags, &chains, h, idf);
        let Some(&(best, c)) = scored.first() else {
            continue;
        };
        let second = scored.get(1).map_or(0.0, |s| s.0);
        // Weak cohesion will do between long texts when nothing else comes near it: short
        // ones share too few words for a low figure to tell.
        let long = |p: &Piece| {
            p.items
                .iter()
                .map(|&i| units[i].text.chars().count())
                .sum::<usize>()
                >= LONG_PIECE
        };
        let clear = best >= MERGE_WEAK
            && second * CLEAR_AHEAD <= best
            && long(&pieces[h])
            && long(&pieces[c]);
        if best < MERGE_MIN && !clear {
            continue;
        }
        let own = chains[h].take().expect("checked");
        let target = chains[c].take().expect("checked");
        let line = units[pieces[c].first()].first_line;
        chains[h] = Some(join_chains(own, target, (best, second, line)));
    }
    chains.into_iter().flatten().collect()
}

/// Step 3: how well each later chain continues piece `h`, best first.
fn continuation_scores(
    units: &[Unit],
    pieces: &[Piece],
    titled: &Titled<'_>,
    piece_bags: &[Bag],
    chains: &[Option<Chain>],
    h: usize,
    idf: &dyn Fn(&str) -> f64,
) -> Vec<(f64, usize)> {
    let bag = &piece_bags[h];
    let mut scored: Vec<(f64, usize)> = (h + 1..pieces.len())
        .filter_map(|c| chains[c].as_ref().map(|ch| (c, ch)))
        // A piece opening with a dateline (本报讯…, 新华社…电) opens its own article.
        .filter(|&(c, _)| !opens_with_dateline(units, &pieces[c]))
        // Two pieces that each tell the story of a different headline are two articles.
        .filter(|&(c, _)| !titled.apart(bag, &piece_bags[c], idf))
        .map(|(c, ch)| {
            let mut s = cosine(bag, &ch.bag, idf);
            // A piece opening with a cross-head continues an article from elsewhere.
            if headline_right_before(units, titled.titles, pieces[c].first()).is_some() {
                s += 0.05;
            }
            (s, c)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    scored
}

/// The page's title candidates with their words.
struct Titled<'a> {
    titles: &'a [usize],
    bags: &'a [Bag],
}

/// A headline's words mostly found in a piece (by weight): the piece tells its story.
const TELLS: f64 = 0.5;
/// A headline's words hardly found in a piece: the piece tells another story.
const HARDLY: f64 = 0.25;
/// Least share of its words a headline in words of its own names of its story.
const FAINT: f64 = 0.15;
/// Least share the other headline names of its own story when nothing crosses over.
const CLEAR: f64 = 0.4;
/// Below this share a headline names nothing of a text.
const NONE: f64 = 0.05;
/// A paragraph goes with a story by its words when its cohesion with the other is below
/// this share of it.
const CLEARLY_CLOSER: f64 = 0.5;

impl Titled<'_> {
    /// Whether two pieces tell the stories of two different headlines: each has a headline
    /// whose words it mostly holds and the other hardly does. Headlines printed side by side
    /// over two columns, then the two bodies (a newsletter's `2. …` and `5. …`), are two
    /// articles even where no source line ends the first body.
    fn apart(&self, a: &Bag, b: &Bag, idf: &dyn Fn(&str) -> f64) -> bool {
        let tells = |own: &Bag, other: &Bag| {
            self.bags
                .iter()
                .any(|t| coverage(t, own, idf) >= TELLS && coverage(t, other, idf) < HARDLY)
        };
        tells(a, b) && tells(b, a)
    }
}

/// Whether a piece's first paragraph opens with a dateline: the lead of an article.
fn opens_with_dateline(units: &[Unit], piece: &Piece) -> bool {
    units[piece.first()].kind == UnitKind::Para
        && super::lines::dateline(&units[piece.first()].text).is_some()
}

/// Step 3: `target` continues `own`; `merge` is the cohesion margin of the join.
fn join_chains(own: Chain, target: Chain, merge: (f64, f64, usize)) -> Chain {
    let mut bag = own.bag;
    add(&mut bag, &target.bag);
    let mut merged = Chain {
        pieces: own.pieces,
        bag,
        merges: own.merges,
    };
    merged.pieces.extend(target.pieces);
    merged.merges.extend(target.merges);
    merged.merges.push(merge);
    merged
}

/// Step 4: titles to chains, best-scoring pairs first. Returns for each chain its title
/// (unit index) and the title's cohesion with the body, and for each title whether it
/// was used.
fn match_titles(
    units: &[Unit],
    (pieces, piece_bags): (&[Piece], &[Bag]),
    titled: &Titled<'_>,
    chains: &[Chain],
    idf: &dyn Fn(&str) -> f64,
) -> (Vec<Option<(usize, f64)>>, Vec<bool>) {
    let (titles, title_bags) = (titled.titles, titled.bags);
    let mut pairs: Vec<(f64, f64, usize, usize)> = Vec::new(); // score, cohesion, title, chain
    for (ti, &t) in titles.iter().enumerate() {
        for (ci, ch) in chains.iter().enumerate() {
            let Some(bonus) = position_bonus(units, pieces, ch, t) else {
                continue;
            };
            if !names_the_lead(pieces, piece_bags, ch, t, &title_bags[ti], idf) {
                continue;
            }
            let cohesion = coverage(&title_bags[ti], &ch.bag, idf);
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
    match_far_titles(title_bags, chains, idf, &mut title_of, &mut used, titles);
    (title_of, used)
}

/// Least share of a leftover headline's words its story holds for it to end the title above
/// it (see [`title_rests`]).
const REST_MIN: f64 = 0.5;

/// Step 4c: a headline no story took, printed right under a story's one-line title and
/// shorter than it, its words in that story (`白鹭湾跨海大桥` / `北主塔封顶`, a title wrapped
/// over two lines printed apart): the rest of that title, joined to it. `None` when no title
/// is joined; `used` marks the rests taken.
fn title_rests(
    units: &[Unit],
    titled: &Titled<'_>,
    chains: &[Chain],
    title_of: &[Option<(usize, f64)>],
    used: &mut [bool],
    idf: &dyn Fn(&str) -> f64,
    jieba: &Jieba,
) -> Option<Vec<Unit>> {
    let (titles, title_bags) = (titled.titles, titled.bags);
    let mut joined: Option<Vec<Unit>> = None;
    for (ri, &r) in titles.iter().enumerate() {
        let Some(t) = (0..r).rev().find(|&j| in_flow(units, j)) else {
            continue;
        };
        let Some(ci) = title_of.iter().position(|x| x.is_some_and(|(u, _)| u == t)) else {
            continue;
        };
        if used[ri] || !is_rest_of(&units[t], &units[r]) {
            continue;
        }
        if coverage(&title_bags[ri], &chains[ci].bag, idf) < REST_MIN {
            continue;
        }
        // Text right under the rest is told by the whole title: the line above names it too
        // (else the two are the titles of two stories, `公积金贷款最高额度上调至` over
        // `年货节提前一个月开幕` and its text).
        let under = next_in_flow(units, r).filter(|&j| units[j].kind == UnitKind::Para);
        let ti = titles
            .iter()
            .position(|&x| x == t)
            .expect("a matched title");
        let names = |j: usize| coverage(&title_bags[ti], &words(jieba, &units[j].text), idf);
        if under.is_some_and(|j| names(j) < REST_MIN) {
            continue;
        }
        used[ri] = true;
        let out = joined.get_or_insert_with(|| units.to_vec());
        let lines = [out[t].text.clone(), units[r].text.clone()];
        out[t].text = joined_title(&lines);
        out[t].title_lines = lines.to_vec();
        out[t].last_line = units[r].last_line;
    }
    joined
}

/// Whether headline `rest` may end the one-line title `title` printed right above it: one
/// line, unnumbered, shorter, the two no longer than a headline.
fn is_rest_of(title: &Unit, rest: &Unit) -> bool {
    use super::lines::width;
    matches!(rest.kind, UnitKind::Headline { .. })
        && title.title_lines.len() <= 1
        && rest.title_lines.len() <= 1
        && item_marker(&rest.text).is_none()
        && width(&rest.text) < width(&title.text)
        && title.text.chars().count() + rest.text.chars().count() <= MAX_TITLE
}

/// Longest title joined from two headlines, in characters.
const MAX_TITLE: usize = 40;

/// Least cohesion for a title printed far from its body (see [`match_far_titles`]).
const FAR_TITLE_MIN: f64 = 0.6;

/// Step 4b: a title no chain took and a chain left untitled, printed too far apart for
/// position to pair them (a column's title stacked under a headline spanning the page, its
/// story in the last column), are paired when the title's words are mostly the body's.
fn match_far_titles(
    title_bags: &[Bag],
    chains: &[Chain],
    idf: &dyn Fn(&str) -> f64,
    title_of: &mut [Option<(usize, f64)>],
    used: &mut [bool],
    titles: &[usize],
) {
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for ti in (0..titles.len()).filter(|&ti| !used[ti]) {
        for ci in (0..chains.len()).filter(|&ci| title_of[ci].is_none()) {
            let cohesion = coverage(&title_bags[ti], &chains[ci].bag, idf);
            if cohesion >= FAR_TITLE_MIN {
                pairs.push((cohesion, ti, ci));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0));
    for (cohesion, ti, ci) in pairs {
        if used[ti] || title_of[ci].is_some() {
            continue;
        }
        used[ti] = true;
        title_of[ci] = Some((titles[ti], cohesion));
    }
}

/// The score a numbered title gets from the text printed right under it.
const NUMBERED_RIGHT_ABOVE: f64 = 0.75;

/// Step 4: the score a title `t` gets from where it is printed relative to a chain: above
/// its body (more if nothing is in between), right below it (more after a source line), or
/// right above one of its later pieces when no headline is printed over its first (its
/// lead printed before it, a title printed after its first column: nothing from position,
/// its words decide; under a headline, one inside is a cross-head); `None` where it cannot
/// be the chain's title.
fn position_bonus(units: &[Unit], pieces: &[Piece], ch: &Chain, t: usize) -> Option<f64> {
    let first = pieces[ch.pieces[0]].first();
    let last_piece = &pieces[*ch.pieces.last().expect("non-empty")];
    let last = last_piece.last();
    if t < first {
        let between = pieces
            .iter()
            .filter(|p| p.first() > t && p.first() < first)
            .count();
        match between {
            // A numbered item's title heads the text printed under it: the marker says
            // where the item starts.
            0 if item_marker(&units[t].text).is_some() => Some(NUMBERED_RIGHT_ABOVE),
            0 => Some(0.25),
            1 => Some(0.1),
            2 => Some(0.0),
            _ => None,
        }
    } else if t > last && (last + 1..t).all(|j| !in_flow(units, j)) {
        Some(if last_piece.source.is_some() {
            0.25
        } else {
            0.1
        })
    } else if !after_headline(units, first)
        && ch.pieces[1..]
            .iter()
            .any(|&p| next_in_flow(units, t) == Some(pieces[p].first()))
    {
        // Printed over the chain's second column, its lead printed before it.
        Some(0.0)
    } else {
        None
    }
}

/// Whether title `t`, if printed inside chain `ch` (after its lead), names the text printed
/// before it ([`HARDLY`] or more of its words): a title names its whole story, a cross-head
/// the section under it.
fn names_the_lead(
    pieces: &[Piece],
    piece_bags: &[Bag],
    ch: &Chain,
    t: usize,
    title: &Bag,
    idf: &dyn Fn(&str) -> f64,
) -> bool {
    let last = pieces[*ch.pieces.last().expect("non-empty")].last();
    if t < pieces[ch.pieces[0]].first() || t > last {
        return true;
    }
    let mut lead = Bag::default();
    for &p in ch.pieces.iter().filter(|&&p| pieces[p].first() < t) {
        add(&mut lead, &piece_bags[p]);
    }
    coverage(title, &lead, idf) >= HARDLY
}

/// Whether the unit before `i` in the reading flow is a headline.
fn after_headline(units: &[Unit], i: usize) -> bool {
    (0..i)
        .rev()
        .find(|&j| in_flow(units, j))
        .is_some_and(|j| matches!(units[j].kind, UnitKind::Headline { .. }))
}

/// Step 4: headlines left over open the piece after them as a cross-head, else are kept with
/// the page's furniture (nothing read is lost: the editor finds it there) with a warning.
fn place_leftover_headlines(
    units: &[Unit],
    pieces: &mut [Piece],
    titles: &[usize],
    used: &[bool],
    parsed: &mut ParsedDigest,
) {
    for (ti, &t) in titles.iter().enumerate() {
        if used[ti] {
            continue;
        }
        let next = next_in_flow(units, t);
        match pieces.iter_mut().find(|p| Some(p.first()) == next) {
            Some(p) if p.lead_heading.is_none() => p.lead_heading = Some(t),
            _ => {
                parsed.warnings.push(format!(
                    "line {}: headline {:?} matches no article; kept with the page furniture",
                    units[t].first_line, units[t].text
                ));
                parsed.furniture.push(units[t].text.clone());
            }
        }
    }
}

/// Step 4d, on a page that prints source lines: text no title was found for, printed right
/// after a titled story no source line closed yet, nothing between them but that story's
/// title (printed after its first column: lead / `出租车运价调整举行听证` / the rest) or
/// furniture, goes on with that story, too short to be told by its words; so on until a
/// source line closes it; unless it reads clearly closer to another titled story
/// ([`Laid::closer_elsewhere`]). Then untitled text joins the titled story it reads clearly
/// closest to, where that story can take it ([`Laid::closest_story`]); a word or two in
/// common is enough when it is the only story on the page left open. Each join is weighed
/// by the two texts' cohesion, as any join is.
fn join_untitled_rests(
    units: &[Unit],
    pieces: &[Piece],
    chains: &mut Vec<Chain>,
    title_of: &mut Vec<Option<(usize, f64)>>,
    uw: &UnitWords<'_>,
    idf: &dyn Fn(&str) -> f64,
) {
    let beside = |laid: &Laid<'_>, u: usize| {
        let t = laid.story_before(u).or_else(|| laid.story_after(u))?;
        (!laid.closer_elsewhere(u, t, uw, idf)).then_some(t)
    };
    join_each(units, pieces, chains, title_of, uw, idf, beside);
    let closest = |laid: &Laid<'_>, u: usize| laid.closest_story(u, uw, idf);
    join_each(units, pieces, chains, title_of, uw, idf, closest);
}

/// Joins untitled chains to the titled stories `find` gives them (as the stories stand
/// after each join) until it gives none.
fn join_each(
    units: &[Unit],
    pieces: &[Piece],
    chains: &mut Vec<Chain>,
    title_of: &mut Vec<Option<(usize, f64)>>,
    uw: &UnitWords<'_>,
    idf: &dyn Fn(&str) -> f64,
    find: impl Fn(&Laid<'_>, usize) -> Option<usize>,
) {
    loop {
        let laid = Laid {
            units,
            pieces,
            chains,
            title_of,
        };
        let found = (0..chains.len()).find_map(|u| Some((u, find(&laid, u)?)));
        let Some((u, t)) = found else {
            break;
        };
        join_untitled(units, pieces, chains, title_of, (u, t), uw, idf);
    }
}

/// Joins the untitled chain `u` to the titled story `t`, in printed order; the title is
/// weighed again against the whole story's words.
fn join_untitled(
    units: &[Unit],
    pieces: &[Piece],
    chains: &mut Vec<Chain>,
    title_of: &mut Vec<Option<(usize, f64)>>,
    (u, t): (usize, usize),
    uw: &UnitWords<'_>,
    idf: &dyn Fn(&str) -> f64,
) {
    let rest = chains.remove(u);
    title_of.remove(u);
    let t = if t > u { t - 1 } else { t };
    let cohesion = cosine(&chains[t].bag, &rest.bag, idf);
    let story = &mut chains[t];
    let rest_first = rest.pieces[0];
    let line = units[pieces[rest_first.max(story.pieces[0])].first()].first_line;
    if rest_first < story.pieces[0] {
        story.pieces.splice(0..0, rest.pieces);
    } else {
        story.pieces.extend(rest.pieces);
    }
    add(&mut story.bag, &rest.bag);
    story.merges.extend(rest.merges);
    story.merges.push((cohesion, 0.0, line));
    if let Some((title, _)) = title_of[t] {
        title_of[t] = Some((title, coverage(uw.of(title), &story.bag, idf)));
    }
}

/// Step 4d: the page's stories as laid out so far, to find the titled story an untitled
/// chain goes with.
struct Laid<'a> {
    units: &'a [Unit],
    pieces: &'a [Piece],
    chains: &'a [Chain],
    title_of: &'a [Option<(usize, f64)>],
}

impl Laid<'_> {
    /// The titled story, open (no source line closes it), printed right before the untitled
    /// chain `u`, nothing between them but its title (printed between its lead and the rest)
    /// or furniture (see [`join_untitled_rests`]).
    fn story_before(&self, u: usize) -> Option<usize> {
        let p = self.chains[u].pieces[0];
        let piece = &self.pieces[p];
        if self.title_of[u].is_some()
            || p == 0
            || piece.lead_heading.is_some()
            || opens_with_dateline(self.units, piece)
        {
            return None;
        }
        let t = self
            .chains
            .iter()
            .position(|c| c.pieces.last() == Some(&(p - 1)))?;
        let (title, _) = self.title_of[t]?;
        let before = &self.pieces[p - 1];
        (before.source.is_none() && self.apart(before.last(), piece.first(), Some(title)))
            .then_some(t)
    }

    /// The titled story whose text goes on right after the untitled chain `u`, which no
    /// source line closes, nothing between them (no headline: its title is printed after
    /// it, `…` / `据《农民日报》` / `青年农场主把草莓种进了“空中花园”`): `u` is its beginning.
    fn story_after(&self, u: usize) -> Option<usize> {
        let last = *self.chains[u].pieces.last()?;
        if self.title_of[u].is_some() || self.pieces[last].source.is_some() {
            return None;
        }
        let t = self.chains.iter().position(|c| c.pieces[0] == last + 1)?;
        let next = &self.pieces[last + 1];
        let joins = self.title_of[t].is_some()
            && next.lead_heading.is_none()
            && !opens_with_dateline(self.units, next)
            && self.apart(self.pieces[last].last(), next.first(), None);
        joins.then_some(t)
    }

    /// Whether the untitled chain `u` reads clearly closer to another titled story than to
    /// story `t` beside it (twice as close, and cohesive): it is that story's
    /// text, printed apart from it (`记者从市住房和城乡建设局了解到…加装电梯…` right before
    /// another story titled below it).
    fn closer_elsewhere(
        &self,
        u: usize,
        t: usize,
        uw: &UnitWords<'_>,
        idf: &dyn Fn(&str) -> f64,
    ) -> bool {
        let own = self.likeness(u, t, uw, idf);
        let other = (0..self.chains.len())
            .filter(|&c| c != u && c != t && self.title_of[c].is_some())
            .map(|c| self.likeness(u, c, uw, idf))
            .fold(0.0, f64::max);
        other >= MERGE_MIN && other > 2.0 * own
    }

    /// The titled story the untitled chain `u` reads clearly closest to, title and text
    /// (cohesive and twice as close as to any other, or weakly cohesive and
    /// [`CLEAR_AHEAD`] times as close: a short closing paragraph shares a word or two with
    /// its story and none with the others), that it can belong to: a story still
    /// open after it (no source line closes it) when `u` is printed after it, a story `u`
    /// can begin (no source line closes `u`) when printed before.
    fn closest_story(
        &self,
        u: usize,
        uw: &UnitWords<'_>,
        idf: &dyn Fn(&str) -> f64,
    ) -> Option<usize> {
        if self.title_of[u].is_some() {
            return None;
        }
        let closed = |c: usize| {
            let last = *self.chains[c].pieces.last().expect("non-empty");
            self.pieces[last].source.is_some()
        };
        let mut scores: Vec<(f64, usize)> = (0..self.chains.len())
            .filter(|&c| c != u && self.title_of[c].is_some())
            .map(|c| (self.likeness(u, c, uw, idf), c))
            .collect();
        scores.sort_by(|a, b| b.0.total_cmp(&a.0));
        let (best, c) = *scores.first()?;
        let second = scores.get(1).map_or(0.0, |s| s.0);
        let fits = |c: usize| {
            let before = self.chains[u].pieces[0] < self.chains[c].pieces[0];
            if before {
                !closed(u)
            } else {
                !closed(c)
            }
        };
        // The one story that can take the text, the others closed by their source lines.
        let only = scores.iter().filter(|s| fits(s.1)).count() == 1;
        let clear = (best >= MERGE_MIN && best > 2.0 * second)
            || (best >= MERGE_WEAK && best >= CLEAR_AHEAD * second)
            || (only && best >= ONLY_OPEN_MIN && best >= CLEAR_AHEAD * second);
        (clear && fits(c)).then_some(c)
    }

    /// How like titled story `c`, title and text, the chain `u` reads.
    fn likeness(&self, u: usize, c: usize, uw: &UnitWords<'_>, idf: &dyn Fn(&str) -> f64) -> f64 {
        let mut story = self.chains[c].bag.clone();
        if let Some((title, _)) = self.title_of[c] {
            add(&mut story, uw.of(title));
        }
        cosine(&self.chains[u].bag, &story, idf)
    }

    /// Whether nothing but furniture, pull quotes and the `title` stands between units `a`
    /// and `b`.
    fn apart(&self, a: usize, b: usize, title: Option<usize>) -> bool {
        (a + 1..b).all(|k| {
            Some(k) == title
                || matches!(
                    self.units[k].kind,
                    UnitKind::Furniture | UnitKind::PullQuote { .. }
                )
        })
    }
}

/// Step 5: one draft per chain, keyed by its first line, and the chain each unit went to.
fn drafts(
    units: &[Unit],
    pieces: &[Piece],
    chains: &[Chain],
    title_of: &[Option<(usize, f64)>],
) -> (Vec<(usize, ArticleDraft)>, HashMap<usize, usize>) {
    let mut drafts: Vec<(usize, ArticleDraft)> = Vec::new();
    let mut chain_of_unit: HashMap<usize, usize> = HashMap::new();
    // A page that prints no source line anywhere does not lack one in each article.
    let expected = units.iter().any(|u| matches!(u.kind, UnitKind::Source(_)));
    for (ci, ch) in chains.iter().enumerate() {
        let paragraphs = chain_paragraphs(units, pieces, ch, |i| {
            chain_of_unit.insert(i, ci);
        });
        let mut warnings = Vec::new();
        let source = article_source(units, pieces, ch, &paragraphs, expected, &mut warnings);
        let (title, title_score) = article_title(units, title_of[ci], &paragraphs, &mut warnings);
        let merge_conf = merge_confidence(ch, &mut warnings);
        let (broken, why) = broken_text(units, pieces, ch, &paragraphs);
        let mut confidence =
            confidence(title_score, source.line.is_some() || !expected, merge_conf) - broken;
        if let Some(why) = headline_before_body(&paragraphs) {
            confidence = confidence.min(LOW_CONFIDENCE - 0.05);
            warnings.push(why);
        }
        let confidence = (confidence.max(0.0) * 100.0).round() / 100.0;
        if confidence < LOW_CONFIDENCE {
            // Said only where it matters: most column breaks are read right.
            warnings.extend(why);
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
    (drafts, chain_of_unit)
}

/// Step 5: a chain's paragraphs in order: the first body paragraph is the lead, headlines
/// inside are headings. `placed` is told each unit taken.
fn chain_paragraphs(
    units: &[Unit],
    pieces: &[Piece],
    ch: &Chain,
    mut placed: impl FnMut(usize),
) -> Vec<ParagraphDraft> {
    let mut paragraphs = Vec::new();
    for &pi in &ch.pieces {
        let p = &pieces[pi];
        for &i in p.lead_heading.iter().chain(&p.items) {
            placed(i);
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
    paragraphs
}

/// Step 5: the source line closing the chain, else the dateline of its first paragraph,
/// else none (with a warning where the page prints source lines).
fn article_source(
    units: &[Unit],
    pieces: &[Piece],
    ch: &Chain,
    paragraphs: &[ParagraphDraft],
    expected: bool,
    warnings: &mut Vec<String>,
) -> Source {
    match pieces[*ch.pieces.last().expect("non-empty")]
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
                if expected {
                    warnings.push(crate::import::formats::NO_SOURCE.to_owned());
                }
                Source::default()
            }
        },
    }
}

/// Step 5: the matched title and its cohesion, else the first sentence and 0 (with a
/// warning); a title sharing few words with the body is flagged.
fn article_title(
    units: &[Unit],
    title: Option<(usize, f64)>,
    paragraphs: &[ParagraphDraft],
    warnings: &mut Vec<String>,
) -> (String, f64) {
    match title {
        Some((t, cohesion)) => {
            if cohesion < WEAK_TITLE {
                warnings.push(format!(
                    "title {:?} (line {}) shares few words with the body (cohesion {cohesion:.2}): placed by position",
                    units[t].text, units[t].first_line
                ));
            }
            (units[t].text.clone(), cohesion)
        }
        None => {
            warnings.push(NO_TITLE.to_owned());
            let first = paragraphs
                .iter()
                .find(|p| p.kind != ParagraphKind::Heading)
                .map_or("", |p| p.text.as_str());
            (first_sentence(first), 0.0)
        }
    }
}

/// Step 5: the confidence in the chain's weakest join (1 without joins); weak joins are
/// flagged.
fn merge_confidence(ch: &Chain, warnings: &mut Vec<String>) -> f64 {
    let mut merge_conf: f64 = 1.0;
    for &(best, second, line) in &ch.merges {
        // A join on no shared word at all (by position alone) has no margin: without this,
        // 0 / 0 made the confidence NaN, which neither flagged nor lowered it.
        let margin = if best > 0.0 {
            ((best - second) / best).clamp(0.0, 1.0)
        } else {
            0.0
        };
        let c = (best / 0.15).min(1.0) * (0.5 + margin / 2.0);
        if c < 0.6 {
            warnings.push(format!(
                "body text from line {line} joined to this article by weak cohesion ({best:.2}, next best {second:.2})"
            ));
        }
        merge_conf = merge_conf.min(c);
    }
    merge_conf
}

/// How much less sure the text of an article makes the importer, and why: each sentence
/// carried on across a column break it guessed (nothing at the junction confirming it), and each paragraph that stops without ending
/// its sentence, is a place where text from elsewhere may have been spliced in or cut off.
fn broken_text(
    units: &[Unit],
    pieces: &[Piece],
    ch: &Chain,
    paragraphs: &[ParagraphDraft],
) -> (f64, Vec<String>) {
    let mut warnings = Vec::new();
    let breaks: usize = ch
        .pieces
        .iter()
        .flat_map(|&pi| pieces[pi].items.iter())
        .map(|&i| units[i].breaks)
        .sum();
    let unfinished = paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Heading && !ends_its_sentence(&p.text))
        .count();
    if breaks > 0 {
        warnings.push(format!(
            "{breaks} sentence(s) carried on across a column break: check the paragraphs"
        ));
    }
    if unfinished > 0 {
        warnings.push(format!(
            "{unfinished} paragraph(s) stop mid-sentence: check for text cut off or spliced in"
        ));
    }
    (
        BREAK_COST * breaks as f64 + UNFINISHED_COST * unfinished as f64,
        warnings,
    )
}

/// A cross-head before any body text: no cross-head opens an article, so it is most likely
/// the headline of a neighbouring story (whose text may be here too) or the title's own
/// second line. On the own corpus's text path, 20 of 66 wrong articles opened with one and
/// none of the right ones did (the sample's cross-heads all follow a paragraph).
fn headline_before_body(paragraphs: &[ParagraphDraft]) -> Option<String> {
    let first = paragraphs.first()?;
    (first.kind == ParagraphKind::Heading && paragraphs.len() > 1).then(|| {
        format!(
            "the body opens with a headline ({:?}): check whether it belongs to another article",
            first.text
        )
    })
}

/// Whether a paragraph's text ends its sentence, a closing credit after it aside
/// (`……全部完工。（完）`, `……三万余户。（记者 张三）`).
fn ends_its_sentence(text: &str) -> bool {
    let text = text.trim_end();
    let before_credit = text
        .strip_suffix(['）', ')'])
        .and_then(|t| t.rfind(['（', '(']).map(|i| &t[..i]));
    super::lines::ends_sentence(text) || before_credit.is_some_and(super::lines::ends_sentence)
}

/// Below this cohesion with its body a title was placed by position alone, and the article
/// is flagged: on the own corpus six of seven such articles were wrong.
const WEAK_TITLE: f64 = 0.3;

/// What each guessed column break inside a sentence costs an article's confidence: nothing
/// at the junction confirmed it, so the sentence may well go on elsewhere.
const BREAK_COST: f64 = 0.15;
/// What each paragraph stopping mid-sentence costs.
const UNFINISHED_COST: f64 = 0.12;

/// Step 5: an article's confidence from its title's cohesion, its source line and its
/// weakest join, rounded to two decimals.
fn confidence(title_score: f64, has_source: bool, merge_conf: f64) -> f64 {
    let mut confidence = 0.2
        + 0.35 * (title_score * 1.25).min(1.0)
        + 0.2 * if has_source { 1.0 } else { 0.0 }
        + 0.25 * merge_conf;
    if title_score <= 0.0 {
        // No title was found (the first sentence stands in): always flagged.
        confidence = confidence.min(LOW_CONFIDENCE - 0.1);
    } else if title_score < WEAK_TITLE {
        // A title placed by position alone (few words shared with the body): flagged too.
        confidence = confidence.min(LOW_CONFIDENCE - 0.05);
    }
    (confidence * 100.0).round() / 100.0
}

/// Step 6: pull quotes go to the article printing the text they repeat, else to the
/// furniture with a warning.
fn attach_pull_quotes(
    units: &[Unit],
    quotes: &[usize],
    chain_of_unit: &HashMap<usize, usize>,
    drafts: &mut [(usize, ArticleDraft)],
    parsed: &mut ParsedDigest,
) {
    for &q in quotes {
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
            None => {
                parsed.warnings.push(format!(
                    "line {}: pull quote {:?} repeats no article's body; set aside",
                    units[q].first_line, units[q].text
                ));
                parsed.furniture.push(units[q].text.clone());
            }
        }
    }
}

/// Two paragraphs from different body texts set in clearly different column widths.
fn column_change(a: &Unit, b: &Unit) -> bool {
    match (a.col, b.col) {
        (Some(x), Some(y)) if a.group != b.group => x.min(y) * 5 < x.max(y) * 4,
        _ => false,
    }
}

/// The headline printed right before unit `first`, if it is a weak one that may be a title.
fn headline_right_before(units: &[Unit], titles: &[usize], first: usize) -> Option<usize> {
    let prev = (0..first).rev().find(|&j| in_flow(units, j))?;
    (titles.contains(&prev) && matches!(units[prev].kind, UnitKind::Headline { strong: false }))
        .then_some(prev)
}

/// The first sentence (or clause) of a text, at most 40 characters: a title of last resort.
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

#[cfg(test)]
mod tests {
    use super::{
        confidence, ends_its_sentence, headline_before_body, merge_confidence,
        split_side_by_side_titles, Bag, Chain, Unit, UnitKind, LOW_CONFIDENCE, WEAK_TITLE,
    };
    use crate::model::{ParagraphDraft, ParagraphKind};

    fn unit(kind: UnitKind, lines: &[&str], first_line: usize) -> Unit {
        Unit {
            title_lines: match kind {
                UnitKind::Headline { .. } => lines.iter().map(|l| l.to_string()).collect(),
                _ => Vec::new(),
            },
            kind,
            text: lines.concat(),
            first_line,
            last_line: first_line + lines.len() - 1,
            col: None,
            group: 0,
            breaks: 0,
            new_column: false,
        }
    }

    #[test]
    fn a_headline_of_two_numbered_titles_is_two_headlines_whatever_the_text_says() {
        let head = UnitKind::Headline { strong: true };
        let units = [
            unit(
                head.clone(),
                &["2. 南湖公园新建儿童游乐场", "4. 城西菜市场完成改造"],
                1,
            ),
            unit(UnitKind::Para, &["摊主们昨天回到了翻新后的市场。"], 3),
        ];
        let split = split_side_by_side_titles(&units, &jieba_rs::Jieba::new()).expect("split");
        let texts: Vec<&str> = split.iter().map(|u| u.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "2. 南湖公园新建儿童游乐场",
                "4. 城西菜市场完成改造",
                "摊主们昨天回到了翻新后的市场。"
            ]
        );
        let wrapped = [
            unit(
                head,
                &["南湖公园新建的儿童游乐场", "本周六正式对市民开放"],
                1,
            ),
            unit(UnitKind::Para, &["游乐场设有滑梯、秋千和沙坑。"], 3),
        ];
        assert!(split_side_by_side_titles(&wrapped, &jieba_rs::Jieba::new()).is_none());
    }

    #[test]
    fn a_body_opening_with_a_headline_is_flagged_and_a_cross_head_inside_is_not() {
        let p = |kind, text: &str| ParagraphDraft {
            kind,
            text: text.to_owned(),
        };
        let stray = [
            p(ParagraphKind::Heading, "老城区完成雨污分流改造"),
            p(ParagraphKind::Lead, "沿江货运铁路扩能改造工程4日完工。"),
        ];
        assert!(headline_before_body(&stray).is_some_and(|w| w.contains("老城区")));
        let inside = [
            p(
                ParagraphKind::Lead,
                "记者从国家能源局获悉，装机容量稳居全球首位。",
            ),
            p(ParagraphKind::Heading, "深远海开发提速"),
            p(ParagraphKind::Body, "海上风电正加速向深远海迈进。"),
        ];
        assert_eq!(headline_before_body(&inside), None);
        assert_eq!(headline_before_body(&stray[..1]), None);
    }

    #[test]
    fn a_title_placed_by_position_alone_is_flagged() {
        // Source line, no weak join: sure of everything but a title sharing few words.
        assert!(confidence(WEAK_TITLE, true, 1.0) >= LOW_CONFIDENCE);
        assert!(confidence(WEAK_TITLE - 0.01, true, 1.0) < LOW_CONFIDENCE);
        assert!(confidence(0.0, true, 1.0) < LOW_CONFIDENCE);
    }

    #[test]
    fn a_closing_credit_does_not_leave_a_sentence_open() {
        assert!(ends_its_sentence("工程近日全部完工。"));
        assert!(ends_its_sentence("工程近日全部完工。（完）"));
        assert!(ends_its_sentence("惠及居民三万余户。（记者 张三）"));
        assert!(!ends_its_sentence("工程近日全部"));
        assert!(!ends_its_sentence("由县水利局（县政府下属）"));
    }

    #[test]
    fn a_join_on_no_shared_word_is_flagged() {
        let chain = |merges| Chain {
            pieces: vec![0, 1],
            bag: Bag::default(),
            merges,
        };
        let mut warnings = Vec::new();
        assert_eq!(
            merge_confidence(&chain(vec![(0.0, 0.0, 7)]), &mut warnings),
            0.0
        );
        assert!(warnings[0].contains("line 7"), "{warnings:?}");
        let mut warnings = Vec::new();
        assert_eq!(
            merge_confidence(&chain(vec![(0.3, 0.0, 7)]), &mut warnings),
            1.0
        );
        assert!(warnings.is_empty());
    }
}
