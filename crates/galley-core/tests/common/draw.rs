//! Pages laid out like the sample with a layout drawn from a seed (`sim_pages.rs` scores
//! them; `calibration.rs` fits the confidence on the development parts): stories from gold
//! pages set by the sample's layout generator ([`super::simulate`]).

use std::path::Path;

use super::simulate::{generate, wrap, Fx, Seg};
use super::{Gold, GoldArticle, Rng};

/// The parts: name, the folders (under `tests/`) their stories come from, seed. The
/// `dev` parts are the development parts; the `test` parts are only measured.
pub const PARTS: [(&str, &[&str], u64); 4] = [
    (
        "dev",
        &["pdf", "pdf/dev2", "pdf/dev3", "pages"],
        0x9E37_79B9_7F4A_7C15,
    ),
    ("test", &["pdf/heldout"], 0x2545_F491_4F6C_DD1D),
    ("dev-long", &["sim/dev"], 0x1234_5678_9ABC_DEF1),
    ("test-long", &["sim/test"], 0x0F1E_2D3C_4B5A_6978),
];

const TESTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests");

/// Pages per part.
const PAGES: usize = 120;

/// The gold articles of every `*.gold.json` in `dirs` (under `tests/`) that read like a news
/// story: a title and at least [`MIN_BODY`] characters of text.
pub fn pool(dirs: &[&str]) -> Vec<GoldArticle> {
    let mut files: Vec<_> = dirs
        .iter()
        .flat_map(|d| std::fs::read_dir(Path::new(TESTS).join(d)).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
        .collect();
    files.sort();
    files
        .iter()
        .flat_map(|f| {
            let gold: Gold = serde_json::from_str(&std::fs::read_to_string(f).unwrap()).unwrap();
            gold.articles
        })
        .filter(|a| !a.title.trim().is_empty() && body_chars(a) >= MIN_BODY)
        .collect()
}

/// Stories shorter than this are items of a list, not what a sample-like page holds.
const MIN_BODY: usize = 60;

fn body_chars(a: &GoldArticle) -> usize {
    a.paragraphs.iter().map(|p| p.text.chars().count()).sum()
}

/// Where a story's title is printed.
#[derive(Clone, Copy, PartialEq)]
enum Place {
    /// Right above its first column.
    Above,
    /// Right after its first column.
    AfterFirst,
    /// After its last column (and its source).
    AfterLast,
    /// At the top of the page, far from its text.
    Top,
}

/// One story's columns (runs of its paragraphs) and how its title and source are printed.
struct Story {
    pieces: Vec<(usize, usize)>,
    place: Place,
    doubled: bool,
    glue_source: bool,
}

fn draw_story(rng: &mut Rng, a: &GoldArticle, top_taken: &mut bool, doubled: bool) -> Story {
    let n = a.paragraphs.len();
    let k = 1 + rng.below(n.min(3));
    let mut cuts: Vec<usize> = Vec::new();
    while cuts.len() + 1 < k {
        let c = 1 + rng.below(n - 1);
        if !cuts.contains(&c) {
            cuts.push(c);
        }
    }
    cuts.sort_unstable();
    let bounds: Vec<usize> = std::iter::once(0).chain(cuts).chain([n]).collect();
    let pieces = bounds.windows(2).map(|w| (w[0], w[1])).collect();
    let place = match rng.below(20) {
        0..=11 => Place::Above,
        12..=14 => Place::AfterFirst,
        15..=17 => Place::AfterLast,
        _ if !*top_taken && !doubled => {
            *top_taken = true;
            Place::Top
        }
        _ => Place::Above,
    };
    Story {
        pieces,
        place,
        doubled,
        glue_source: source_apart(a) && rng.below(3) == 0,
    }
}

/// Whether the story's source line is printed apart from its paragraphs (据…, 综合…), as
/// the sample prints it, rather than leading its first paragraph (本报讯…).
fn source_apart(a: &GoldArticle) -> bool {
    a.source_line
        .as_ref()
        .is_some_and(|s| !a.paragraphs.iter().any(|p| p.text.contains(s.as_str())))
}

/// The artefacts of one column of paragraphs `from..to` of `a` set `w` characters wide.
fn draw_fx(rng: &mut Rng, a: &GoldArticle, from: usize, to: usize, w: usize, glue: bool) -> Fx {
    let long: Vec<usize> = (from..to)
        .filter(|&p| wrap(&a.paragraphs[p].text, w, "").len() >= 4)
        .collect();
    let pick = |rng: &mut Rng| long.get(rng.below(long.len())).copied();
    Fx {
        lead_joined: from == 0 && to >= 2 && rng.below(4) == 0,
        col_break: if rng.below(3) == 0 { pick(rng) } else { None },
        stray_space: if rng.below(5) == 0 { pick(rng) } else { None },
        glue_source: glue,
    }
}

const COLUMNS: [&str; 6] = [
    "■科技快报",
    "■财经观察",
    "■民生速递",
    "■文化视点",
    "■TMT快报",
    "■环球博览",
];
const EDITORS: [&str; 3] = ["责任编辑：李明", "本版编辑：王芳", "责编：赵磊"];

/// A page of `gold`'s stories in a layout drawn from `rng`; the furniture it prints is
/// added to the gold.
fn draw_layout(rng: &mut Rng, gold: &mut Gold) -> Vec<Seg> {
    let n = gold.articles.len();
    let mut top_taken = false;
    let doubled = (rng.below(5) < 3).then(|| rng.below(n));
    let stories: Vec<Story> = (0..n)
        .map(|i| {
            let d = doubled == Some(i) && gold.articles[i].title.chars().count() >= 8;
            draw_story(rng, &gold.articles[i], &mut top_taken, d)
        })
        .collect();
    let mut segs = Vec::new();
    for (i, s) in stories.iter().enumerate() {
        if s.place == Place::Top {
            segs.push(Seg::Title(i, title_width(rng), false));
        }
    }
    if rng.below(10) < 7 {
        let f = COLUMNS[rng.below(COLUMNS.len())];
        gold.furniture.push(f.to_owned());
        segs.insert(rng.below(segs.len() + 1), Seg::Furniture(f));
    }
    lay_columns(rng, gold, &stories, &mut segs);
    if rng.below(2) == 0 {
        let f = EDITORS[rng.below(EDITORS.len())];
        gold.furniture.push(f.to_owned());
        segs.push(Seg::Furniture(f));
    }
    segs
}

fn title_width(rng: &mut Rng) -> usize {
    7 + rng.below(24)
}

/// The stories' columns in an order drawn from `rng` (each story's in its own order, the
/// stories' in turn), with their titles, sources and pull quotes.
fn lay_columns(rng: &mut Rng, gold: &Gold, stories: &[Story], segs: &mut Vec<Seg>) {
    let mut next_piece = vec![0; stories.len()];
    let mut started = 0;
    let mut current: Option<usize> = None;
    let mut quotes: Vec<(usize, usize)> = Vec::new();
    loop {
        let open: Vec<usize> = (0..started)
            .filter(|&i| next_piece[i] < stories[i].pieces.len())
            .collect();
        let go_on = current.filter(|&c| next_piece[c] < stories[c].pieces.len());
        let i = match go_on {
            Some(c) if rng.below(10) < 6 => c,
            _ if started < stories.len() && (open.is_empty() || rng.below(2) == 0) => {
                started += 1;
                started - 1
            }
            _ if !open.is_empty() => open[rng.below(open.len())],
            _ => break,
        };
        current = Some(i);
        lay_piece(rng, gold, stories, i, next_piece[i], segs);
        next_piece[i] += 1;
        if next_piece[i] == 1 {
            quotes.extend((0..gold.articles[i].pull_quotes.len()).map(|q| (i, q)));
        } else if let Some((a, q)) = quotes.pop() {
            segs.push(Seg::Quote(a, q, 9 + rng.below(4)));
        }
    }
    for (a, q) in quotes {
        segs.push(Seg::Quote(a, q, 9 + rng.below(4)));
    }
}

/// Column `k` of story `i`, with the title and source printed around it.
fn lay_piece(
    rng: &mut Rng,
    gold: &Gold,
    stories: &[Story],
    i: usize,
    k: usize,
    segs: &mut Vec<Seg>,
) {
    let s = &stories[i];
    let a = &gold.articles[i];
    let last = k + 1 == s.pieces.len();
    let title = |rng: &mut Rng| Seg::Title(i, title_width(rng), s.doubled);
    if k == 0 && s.place == Place::Above {
        segs.push(title(rng));
    }
    let (from, to) = s.pieces[k];
    let w = 10 + rng.below(13);
    let fx = draw_fx(rng, a, from, to, w, last && s.glue_source);
    segs.push(Seg::Body {
        art: i,
        from,
        to,
        wrap: w,
        fx,
    });
    if last && source_apart(a) && !s.glue_source {
        segs.push(Seg::Source(i));
    }
    if (k == 0 && s.place == Place::AfterFirst) || (last && s.place == Place::AfterLast) {
        segs.push(title(rng));
    }
}

/// `PAGES` pages of 3–5 stories drawn from `pool` with `seed`: each page's label
/// (`NAME-07`), text and gold.
pub fn pages(name: &str, pool: &[GoldArticle], seed: u64) -> Vec<(String, String, Gold)> {
    let mut rng = Rng(seed);
    (0..PAGES)
        .map(|page| {
            let n = 3 + rng.below(3);
            let mut picked: Vec<usize> = Vec::new();
            while picked.len() < n {
                let i = rng.below(pool.len());
                if !picked.contains(&i) {
                    picked.push(i);
                }
            }
            let mut gold = Gold {
                furniture: Vec::new(),
                articles: picked.iter().map(|&i| pool[i].clone()).collect(),
            };
            let layout = draw_layout(&mut rng, &mut gold);
            let text = generate(&gold, &layout);
            (format!("{name}-{page:02}"), text, gold)
        })
        .collect()
}
