//! The last step of the text path: each article's confidence becomes the probability that it
//! is right (its title exact and its text whole), from what the rules found (their own
//! confidence) and what the finished page tells: how many of the page's articles the rules
//! doubt, how long the article is beside the others, whether one of its paragraphs reads
//! closer to another article than to its own or one of another's reads closer to it, how
//! much of its title its text repeats, whether it lacks the source line most stories on the
//! page have, how alike it and its closest neighbour read.
//!
//! The weights are a logistic regression fitted on the project's development pages only
//! (the first, second and third development sets and the simulated development parts;
//! never the held-out or simulated test parts) by Newton's method, its weight decay chosen on
//! development pages left out of the fit, a wrong article's error weighing more than a right
//! one's so that most wrong articles are flagged: `cargo test -p galley-core --release --test
//! calibration -- --ignored --nocapture` fits them again and prints them.

use rustc_hash::FxHashMap;

use crate::model::vocabulary::LOW_CONFIDENCE;
use crate::model::{ArticleDraft, ParsedDigest};

use super::assign::NO_TITLE;

/// How many numbers describe an article (the first is a constant 1).
pub const FEATURES: usize = 14;

/// The fitted weights, in the order of [`evidence`]'s numbers.
const WEIGHTS: [f64; FEATURES] = [
    -8.739, 4.756, 0.119, -1.622, 0.175, 0.200, -1.619, 1.063, -1.705, -7.867, 13.140, -2.203,
    -1.008, -3.812,
];

/// Paragraphs shorter than this (letters) are not weighed against the other articles: a
/// line of a few words tells nothing about the story it belongs to.
const MIN_WEIGHED: usize = 25;

/// The letters of the longest development article the weights were fitted on (800): a
/// longer article's length says no more than that. Its weight is large, and a real daily's
/// story of 3,000 letters would otherwise be called right whatever else the page says (two
/// stories read as one are long).
const LONGEST_FITTED: f64 = 800.0;
/// Where [`evidence`] puts its letters.
#[cfg(test)]
const LETTERS: usize = 10;

/// Where [`evidence`] puts the share of the page's articles the rules flag.
const PAGE_FLAGGED: usize = 3;
/// Where it puts the paragraphs that read closer to another article.
const STRAY: usize = 6;
/// Where it puts the other articles' paragraphs that read closer to this one.
const CLAIMED: usize = 11;
/// Where it puts its share of the page's sourced articles when it has no source line.
#[cfg(test)]
const UNSOURCED: usize = 12;
/// Where it puts how alike it and the article most like it read.
#[cfg(test)]
const TWIN: usize = 13;

/// The start of the warning the rules give a flagged article (replaced by this step's).
const LOW_PREFIX: &str = "low confidence (";

/// The numbers the calibration weighs for each article of a page read by the rules, in
/// order: 1, the rules' confidence, whether the rules flag it, the share of the page's
/// articles the rules flag, its length against the page's mean (at most 3), the log of the
/// page's article count, its paragraphs that read closer to another article (0, ½ or 1 for
/// two or more), how much closer to its own its least-fitting paragraph reads (ratio, at
/// most 2, halved), the share of its title's letter pairs its text repeats, its paragraphs
/// (at most 12, by twelfths), the log of its letters (at most `LONGEST_FITTED`, by
/// sevenths), the other articles'
/// paragraphs that read closer to it than to their own (0, ½ or 1 for two or more: a part of
/// its story printed elsewhere), its share of the page's articles with no source line when
/// it has none (a story cut in two leaves one half without the line), and how alike it and
/// the article most like it read (cosine of their letter pairs, by thirtieths, at most 1: a
/// story cut at a cross-head reads like its other half).
pub fn evidence(parsed: &ParsedDigest) -> Vec<[f64; FEATURES]> {
    let articles = &parsed.articles;
    let n = articles.len();
    let flagged = |a: &ArticleDraft| a.confidence < LOW_CONFIDENCE;
    let page_low = articles.iter().filter(|a| flagged(a)).count() as f64 / n.max(1) as f64;
    let lengths: Vec<usize> = articles.iter().map(letters).collect();
    let mean = lengths.iter().sum::<usize>() as f64 / n.max(1) as f64;
    let page = Page::new(articles);
    let fits: Vec<Fit> = (0..n).map(|i| page.fit(i)).collect();
    let sourced =
        articles.iter().filter(|a| a.source.line.is_some()).count() as f64 / n.max(1) as f64;
    let claimed = claimed(&fits, n);
    articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let fit = &fits[i];
            let len = lengths[i] as f64;
            [
                1.0,
                a.confidence,
                f64::from(u8::from(flagged(a))),
                page_low,
                (len / mean.max(1.0)).min(3.0),
                (n as f64).ln(),
                f64::from(fit.stray.min(2)) / 2.0,
                fit.worst.min(2.0) / 2.0,
                page.title_covered(i),
                a.paragraphs.len().min(12) as f64 / 12.0,
                (1.0 + len.min(LONGEST_FITTED)).ln() / 7.0,
                f64::from(claimed[i].min(2)) / 2.0,
                if a.source.line.is_none() {
                    sourced
                } else {
                    0.0
                },
                (page.twin(i) * 30.0).min(1.0),
            ]
        })
        .collect()
}

/// For each article, how many of the other articles' paragraphs read closer to it than to
/// their own.
fn claimed(fits: &[Fit], n: usize) -> Vec<u8> {
    let mut claimed = vec![0u8; n];
    for &o in fits.iter().flat_map(|f| &f.toward) {
        claimed[o] = claimed[o].saturating_add(1);
    }
    claimed
}

/// Sets each article's confidence to the probability that it is right ([`evidence`] weighed
/// by the fitted weights), two decimals. An article without a title found stays flagged.
/// A flagged article says why.
pub fn calibrate(parsed: &mut ParsedDigest) {
    let evidence = evidence(parsed);
    for (a, x) in parsed.articles.iter_mut().zip(&evidence) {
        let mut p = probability(&WEIGHTS, x);
        if a.warnings.iter().any(|w| w == NO_TITLE) {
            p = p.min(LOW_CONFIDENCE - 0.1);
        }
        a.confidence = (p * 100.0).round() / 100.0;
        a.warnings.retain(|w| !w.starts_with(LOW_PREFIX));
        if a.confidence < LOW_CONFIDENCE {
            a.warnings.push(flag_warning(a.confidence, x));
        }
    }
}

/// The logistic function of the weighted evidence.
pub fn probability(weights: &[f64; FEATURES], x: &[f64; FEATURES]) -> f64 {
    let z: f64 = weights.iter().zip(x).map(|(w, v)| w * v).sum();
    1.0 / (1.0 + (-z).exp())
}

/// The warning of a flagged article, naming what the page told beyond the rules' own
/// warnings: a paragraph closer to another article, or a page the rules doubt throughout.
fn flag_warning(confidence: f64, x: &[f64; FEATURES]) -> String {
    let why = if x[STRAY] > 0.0 {
        "a paragraph reads closer to another article than to this one; "
    } else if x[CLAIMED] > 0.0 {
        "a paragraph of another article reads closer to this one; "
    } else if x[PAGE_FLAGGED] >= 0.5 {
        "most of the page's articles are uncertain; "
    } else {
        ""
    };
    format!("{LOW_PREFIX}{confidence:.2}): {why}check title, source and paragraphs")
}

/// Letters of an article's text.
fn letters(a: &ArticleDraft) -> usize {
    a.paragraphs.iter().map(|p| p.text.chars().count()).sum()
}

/// Counts of adjacent ideograph pairs.
type Pairs = FxHashMap<(char, char), u32>;

/// Whether `c` is an ideograph (of any plane), answered without the Unicode tables for the
/// basic CJK block (all of it letters), where nearly every letter of a page is.
fn ideograph(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || (crate::text::is_cjk(c) && c.is_alphabetic())
}

/// Adds the adjacent ideograph pairs of `text` to `into` (every plane's: 𠮷 counts).
fn add_pairs(into: &mut Pairs, text: &str) {
    let mut prev: Option<char> = None;
    for c in text.chars() {
        let this = ideograph(c).then_some(c);
        if let (Some(a), Some(b)) = (prev, this) {
            *into.entry((a, b)).or_default() += 1;
        }
        prev = this;
    }
}

/// The adjacent ideograph pairs of `texts` together.
fn pairs_of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Pairs {
    let mut p = Pairs::default();
    for t in texts {
        add_pairs(&mut p, t);
    }
    p
}

/// How a paragraph-by-paragraph reading of one article fits it: the paragraphs that read
/// closer to another article, and the least ratio of a paragraph's likeness to its own
/// article over its likeness to the closest other one.
struct Fit {
    stray: u8,
    worst: f64,
    /// The article each stray paragraph reads closest to.
    toward: Vec<usize>,
}

/// The letter pairs of a page's articles (each paragraph's, the title's and the whole
/// article's), weighed by how few articles hold them.
struct Page<'a> {
    articles: &'a [ArticleDraft],
    paragraphs: Vec<Vec<Pairs>>,
    titles: Vec<Pairs>,
    docs: Vec<Pairs>,
    /// The length of each article's pairs weighed by rarity (see [`Page::norm`]).
    norms: Vec<f64>,
    idf: FxHashMap<(char, char), f64>,
    /// For each pair, the articles holding it and how often.
    holders: FxHashMap<(char, char), Vec<(usize, u32)>>,
}

impl<'a> Page<'a> {
    fn new(articles: &'a [ArticleDraft]) -> Self {
        let paragraphs: Vec<Vec<Pairs>> = articles
            .iter()
            .map(|a| {
                a.paragraphs
                    .iter()
                    .map(|p| pairs_of([p.text.as_str()]))
                    .collect()
            })
            .collect();
        let titles: Vec<Pairs> = articles
            .iter()
            .map(|a| pairs_of([a.title.as_str()]))
            .collect();
        let docs: Vec<Pairs> = paragraphs
            .iter()
            .zip(&titles)
            .map(|(ps, t)| sum(ps, t))
            .collect();
        let idf = idf(&docs);
        let mut holders: FxHashMap<(char, char), Vec<(usize, u32)>> = FxHashMap::default();
        for (o, d) in docs.iter().enumerate() {
            for (k, &v) in d {
                holders.entry(*k).or_default().push((o, v));
            }
        }
        let mut page = Page {
            articles,
            paragraphs,
            titles,
            docs,
            norms: Vec::new(),
            idf,
            holders,
        };
        page.norms = page.docs.iter().map(|d| page.norm(d)).collect();
        page
    }

    fn idf(&self, k: &(char, char)) -> f64 {
        self.idf
            .get(k)
            .copied()
            .unwrap_or_else(|| unseen_idf(self.docs.len()))
    }

    /// The length of a set of pairs, each weighed by its rarity on the page.
    fn norm(&self, p: &Pairs) -> f64 {
        p.iter()
            .map(|(k, &v)| (f64::from(v) * self.idf(k)).powi(2))
            .sum::<f64>()
            .sqrt()
    }

    /// Cosine likeness of `a` (of length `na`, [`Page::norm`]) to each article, each pair
    /// weighed by its rarity on the page.
    fn cosines(&self, a: &Pairs, na: f64) -> Vec<f64> {
        let mut shared = vec![0.0; self.docs.len()];
        for (k, &v) in a {
            let w = self.idf(k).powi(2);
            for &(o, u) in self.holders.get(k).map_or(&[][..], Vec::as_slice) {
                shared[o] += f64::from(v.min(u)) * w;
            }
        }
        shared
            .iter()
            .zip(&self.norms)
            .map(|(&s, &nb)| ratio(s, na, nb))
            .collect()
    }

    /// Cosine likeness of paragraph `j` of article `i` to the rest of the article (its
    /// other paragraphs and its title). The rest's length is the article's less what the
    /// paragraph's pairs add to it, so only the paragraph's pairs are read.
    fn cosine_to_rest(&self, i: usize, j: usize, na: f64) -> f64 {
        let (own, doc) = (&self.paragraphs[i][j], &self.docs[i]);
        let (mut shared, mut taken) = (0.0, 0.0);
        for (k, &v) in own {
            let (all, w) = (doc[k], self.idf(k).powi(2));
            let rest = all - v.min(all);
            shared += f64::from(v.min(rest)) * w;
            taken += (f64::from(all).powi(2) - f64::from(rest).powi(2)) * w;
        }
        let nb = (self.norms[i].powi(2) - taken).max(0.0).sqrt();
        ratio(shared, na, nb)
    }

    /// How article `i`'s paragraphs fit it (see [`Fit`]); a ratio of 5 when none is long
    /// enough to weigh.
    fn fit(&self, i: usize) -> Fit {
        let a = &self.articles[i];
        let mut fit = Fit {
            stray: 0,
            worst: 5.0,
            toward: Vec::new(),
        };
        for (j, p) in a.paragraphs.iter().enumerate() {
            if p.text.chars().count() < MIN_WEIGHED {
                continue;
            }
            let na = self.norm(&self.paragraphs[i][j]);
            let own = self.cosine_to_rest(i, j, na);
            let (closest, other) = closest_other(i, &self.cosines(&self.paragraphs[i][j], na));
            fit.worst = fit.worst.min(own / (other + 1e-3));
            if other > own {
                fit.stray = fit.stray.saturating_add(1);
                fit.toward.push(closest);
            }
        }
        fit
    }

    /// How alike article `i` and the article most like it on the page read (cosine).
    fn twin(&self, i: usize) -> f64 {
        closest_other(i, &self.cosines(&self.docs[i], self.norms[i])).1
    }

    /// The share of article `i`'s title's distinct letter pairs its text holds.
    fn title_covered(&self, i: usize) -> f64 {
        let title = &self.titles[i];
        let held = title
            .keys()
            .filter(|k| self.paragraphs[i].iter().any(|p| p.contains_key(k)))
            .count();
        held as f64 / title.len().max(1) as f64
    }
}

/// The article other than `i` with the greatest likeness (`i` and 0 when none is above 0).
fn closest_other(i: usize, likeness: &[f64]) -> (usize, f64) {
    likeness
        .iter()
        .copied()
        .enumerate()
        .filter(|&(o, _)| o != i)
        .fold((i, 0.0), |best, x| if x.1 > best.1 { x } else { best })
}

/// A cosine from the shared weight and the two lengths (0 when either is empty).
fn ratio(shared: f64, na: f64, nb: f64) -> f64 {
    if na > 0.0 && nb > 0.0 {
        shared / (na * nb)
    } else {
        0.0
    }
}

/// The pairs of an article's paragraphs and title together.
fn sum(paragraphs: &[Pairs], title: &Pairs) -> Pairs {
    let mut all = title.clone();
    for p in paragraphs {
        for (k, &v) in p {
            *all.entry(*k).or_default() += v;
        }
    }
    all
}

/// Each pair's rarity among `docs`: the log of the articles over those holding it (smoothed).
fn idf(docs: &[Pairs]) -> FxHashMap<(char, char), f64> {
    let mut df: FxHashMap<(char, char), u32> = FxHashMap::default();
    for d in docs {
        for k in d.keys() {
            *df.entry(*k).or_default() += 1;
        }
    }
    let n = docs.len() as f64;
    df.into_iter()
        .map(|(k, df)| (k, ((n + 1.0) / (f64::from(df) + 0.5)).ln()))
        .collect()
}

/// The rarity of a pair no article holds.
fn unseen_idf(docs: usize) -> f64 {
    ((docs as f64 + 1.0) / 0.5).ln()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ParagraphDraft, ParagraphKind};

    fn article(title: &str, paragraphs: &[&str], confidence: f64) -> ArticleDraft {
        ArticleDraft {
            title: title.into(),
            source: Default::default(),
            paragraphs: paragraphs
                .iter()
                .map(|t| ParagraphDraft {
                    kind: ParagraphKind::Body,
                    text: (*t).into(),
                })
                .collect(),
            pull_quotes: Vec::new(),
            confidence,
            warnings: Vec::new(),
        }
    }

    const PARK: &str = "南湖公园新建的儿童游乐场本周六开放，游乐场设有滑梯、秋千和攀爬架，公园管理处提醒家长看护好孩子。";
    const PARK_MORE: &str =
        "南湖公园管理处介绍，儿童游乐场的地面铺设了软质材料，滑梯和秋千每天开园前都要检查一遍。";
    const MARKET: &str =
        "城西菜市场完成改造重新营业，市场内新增了冷链摊位和电子秤，摊主们说顾客比改造前多了不少。";
    const MARKET_MORE: &str =
        "城西菜市场的摊主介绍，改造后的市场通风更好，冷链摊位让鲜肉和水产保存得更久。";

    const LIBRARY: &str =
        "区图书馆从下周起周末延长开放两小时，读者可以在自助借还机上办理借书和还书。";

    fn page(park: &[&str]) -> ParsedDigest {
        ParsedDigest {
            articles: vec![
                article("南湖公园儿童游乐场周六开放", park, 0.9),
                article("城西菜市场改造后重新营业", &[MARKET, MARKET_MORE], 0.9),
            ],
            ..ParsedDigest::default()
        }
    }

    #[test]
    fn a_paragraph_closer_to_another_article_lowers_the_confidence() {
        let whole = evidence(&page(&[PARK, PARK_MORE]));
        let spliced = evidence(&page(&[PARK, MARKET_MORE]));
        assert_eq!(
            whole[0][STRAY], 0.0,
            "each paragraph reads closest to its own article"
        );
        assert!(
            spliced[0][STRAY] > 0.0,
            "the market's paragraph reads closer to the market"
        );
        assert!(probability(&WEIGHTS, &spliced[0]) < probability(&WEIGHTS, &whole[0]));
        assert!(whole[0][8] > 0.5, "the title's pairs are in its text");
    }

    #[test]
    fn an_article_longer_than_any_fitted_on_weighs_its_length_as_the_longest() {
        let long = |times: usize| {
            let p = PARK.repeat(times);
            evidence(&page(&[p.as_str()]))[0][LETTERS]
        };
        assert!(
            long(5) < long(20),
            "up to the longest fitted, longer reads longer"
        );
        assert_eq!(long(20), long(200), "beyond it, length says no more");
    }

    #[test]
    fn the_confidence_is_a_probability_and_a_flagged_article_says_why() {
        let mut p = page(&[PARK, MARKET_MORE]);
        p.articles[0].confidence = 0.4;
        p.articles[0]
            .warnings
            .push(format!("{LOW_PREFIX}0.40): check"));
        p.articles[1].warnings.push(NO_TITLE.to_owned());
        calibrate(&mut p);
        for a in &p.articles {
            assert!((0.0..=1.0).contains(&a.confidence));
        }
        let low = |a: &ArticleDraft| {
            a.warnings
                .iter()
                .filter(|w| w.starts_with(LOW_PREFIX))
                .count()
        };
        assert!(p.articles[0].confidence < LOW_CONFIDENCE);
        assert_eq!(
            low(&p.articles[0]),
            1,
            "the rules' warning is replaced, not repeated"
        );
        assert!(p.articles[0]
            .warnings
            .iter()
            .any(|w| w.contains("closer to another article")));
        assert!(
            p.articles[1].confidence < LOW_CONFIDENCE,
            "an untitled article stays flagged"
        );
    }

    #[test]
    fn the_article_a_paragraph_strayed_from_is_doubted_too() {
        // The park's second paragraph printed under the market's title: the park's article
        // lacks it, the market's holds it.
        let three = |park: &[&str], market: &[&str]| ParsedDigest {
            articles: vec![
                article("南湖公园儿童游乐场周六开放", park, 0.9),
                article("城西菜市场改造后重新营业", market, 0.9),
                article("区图书馆延长周末开放时间", &[LIBRARY], 0.9),
            ],
            ..ParsedDigest::default()
        };
        let mut p = three(&[PARK], &[MARKET, PARK_MORE, MARKET_MORE]);
        let split = evidence(&p);
        let whole = evidence(&three(&[PARK, PARK_MORE], &[MARKET, MARKET_MORE]));
        assert_eq!(
            split[0][CLAIMED], 0.5,
            "one of the market's paragraphs reads like the park"
        );
        assert_eq!(split[1][CLAIMED], 0.0);
        assert_eq!(whole[0][CLAIMED], 0.0);
        assert!(probability(&WEIGHTS, &split[0]) < probability(&WEIGHTS, &whole[0]));
        calibrate(&mut p);
        assert!(
            p.articles[0].confidence < LOW_CONFIDENCE,
            "{:?}",
            p.articles[0]
        );
        assert!(p.articles[0]
            .warnings
            .iter()
            .any(|w| w.contains("of another article reads closer to this one")));
    }

    #[test]
    fn a_story_without_its_source_line_on_a_page_of_sourced_stories_is_doubted() {
        let mut p = page(&[PARK, PARK_MORE]);
        p.articles[1].source.line = Some("据《城西日报》".into());
        let x = evidence(&p);
        assert_eq!(
            x[0][UNSOURCED], 0.5,
            "half the page's articles have a source line"
        );
        assert_eq!(x[1][UNSOURCED], 0.0, "this one has its own");
        p.articles[0].source.line = Some("据《南湖晚报》".into());
        assert!(probability(&WEIGHTS, &evidence(&p)[0]) > probability(&WEIGHTS, &x[0]));
    }

    /// The cosine of two sets of pairs read directly (what [`Page`] works out faster).
    fn direct_cosine(page: &Page<'_>, a: &Pairs, b: &Pairs) -> f64 {
        let shared: f64 = a
            .iter()
            .filter_map(|(k, &v)| b.get(k).map(|&u| f64::from(v.min(u)) * page.idf(k).powi(2)))
            .sum();
        ratio(shared, page.norm(a), page.norm(b))
    }

    #[test]
    fn a_paragraph_weighs_against_its_articles_rest_and_the_others_as_read_directly() {
        let parsed = ParsedDigest {
            articles: vec![
                article("南湖公园儿童游乐场周六开放", &[PARK, PARK_MORE, PARK], 0.9),
                article("城西菜市场改造后重新营业", &[MARKET, MARKET_MORE], 0.9),
                article("𠮷野家开门了", &["𠮷野家今天开门了，公园旁边。"], 0.9),
            ],
            ..ParsedDigest::default()
        };
        let page = Page::new(&parsed.articles);
        for (i, a) in parsed.articles.iter().enumerate() {
            for j in 0..a.paragraphs.len() {
                let own = pairs_of([a.paragraphs[j].text.as_str()]);
                let rest = pairs_of(
                    a.paragraphs
                        .iter()
                        .enumerate()
                        .filter(|&(k, _)| k != j)
                        .map(|(_, p)| p.text.as_str())
                        .chain([a.title.as_str()]),
                );
                let na = page.norm(&own);
                let fast = page.cosine_to_rest(i, j, na);
                assert!(
                    (fast - direct_cosine(&page, &own, &rest)).abs() < 1e-12,
                    "{i} {j}"
                );
                let all = page.cosines(&own, na);
                for (o, &c) in all.iter().enumerate() {
                    let direct = direct_cosine(&page, &own, &page.docs[o]);
                    assert!((c - direct).abs() < 1e-12, "{i} {j} against {o}");
                }
            }
        }
    }

    #[test]
    fn two_halves_of_one_story_read_alike() {
        let halves = ParsedDigest {
            articles: vec![
                article("南湖公园儿童游乐场周六开放", &[PARK], 0.9),
                article("地面铺设软质材料", &[PARK_MORE], 0.9),
                article("城西菜市场改造后重新营业", &[MARKET, MARKET_MORE], 0.9),
            ],
            ..ParsedDigest::default()
        };
        let x = evidence(&halves);
        let apart = evidence(&page(&[PARK, PARK_MORE]));
        assert!(
            x[1][TWIN] > apart[0][TWIN],
            "{} vs {}",
            x[1][TWIN],
            apart[0][TWIN]
        );
        assert!(
            x[2][TWIN] < x[1][TWIN],
            "the market reads like neither half"
        );
    }

    #[test]
    fn ideographs_of_every_plane_pair_and_punctuation_does_not() {
        let p = pairs_of(["𠮷野家，开门了"]);
        assert!(p.contains_key(&('𠮷', '野')));
        assert!(!p.keys().any(|&(a, b)| a == '，' || b == '，'));
    }

    #[test]
    fn an_empty_page_has_no_evidence() {
        assert!(evidence(&ParsedDigest::default()).is_empty());
    }
}
