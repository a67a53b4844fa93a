//! TextRank keywords over words already tagged, so that the keywords and the entities read
//! one segmentation of an article instead of cutting it again each. The algorithm is
//! jieba-rs's (`jieba_rs::TextRank`, MIT, as jieba's Python original): candidate words
//! (allowed parts of speech, not stop words, two letters or more) linked when they occur
//! within a window of five words, weighted by how often, ranked by twenty rounds of PageRank.

use rustc_hash::FxHashMap;

use jieba_rs::Tag;

/// Words within this many positions of each other are linked.
const SPAN: usize = 5;
/// PageRank's damping factor.
const DAMPING: f64 = 0.85;
/// Rounds of PageRank.
const ROUNDS: usize = 20;

/// A word ranked by TextRank.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked<'a> {
    /// The word as tagged.
    pub word: &'a str,
    /// Its rank (only the order and the ratios mean anything).
    pub weight: f64,
}

/// The `top_k` best-ranked candidate words of `tags`, best first; `candidate` says which
/// tagged words (by their index in `tags`) may be keywords.
pub fn rank<'a>(
    tags: &[Tag<'a>],
    top_k: usize,
    candidate: impl Fn(usize, &Tag<'a>) -> bool,
) -> Vec<Ranked<'a>> {
    let (words, ids) = candidates(tags, candidate);
    if top_k == 0 || words.is_empty() {
        return Vec::new();
    }
    let graph = Graph::new(words.len(), &links(&ids));
    let ranks = graph.rank();
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by(|&a, &b| ranks[b].total_cmp(&ranks[a]).then(a.cmp(&b)));
    order
        .into_iter()
        .take(top_k)
        .map(|i| Ranked {
            word: words[i],
            weight: ranks[i],
        })
        .collect()
}

/// The distinct candidate words in order of first use, and for each tagged word the index of
/// its candidate (`None` for the others, which keep their place in the window).
fn candidates<'a>(
    tags: &[Tag<'a>],
    candidate: impl Fn(usize, &Tag<'a>) -> bool,
) -> (Vec<&'a str>, Vec<Option<usize>>) {
    let mut index: FxHashMap<&'a str, usize> = FxHashMap::default();
    let mut words = Vec::new();
    let ids = tags
        .iter()
        .enumerate()
        .map(|(i, t)| {
            candidate(i, t).then(|| {
                *index.entry(t.word).or_insert_with(|| {
                    words.push(t.word);
                    words.len() - 1
                })
            })
        })
        .collect();
    (words, ids)
}

/// Each pair of candidates within [`SPAN`] of each other, with how often they are, in order
/// of first meeting.
fn links(ids: &[Option<usize>]) -> Vec<(usize, usize, f64)> {
    let mut at: FxHashMap<(usize, usize), usize> = FxHashMap::default();
    let mut out: Vec<(usize, usize, f64)> = Vec::new();
    for (i, &u) in ids.iter().enumerate() {
        let Some(u) = u else { continue };
        for &v in ids.iter().take(i + SPAN).skip(i + 1).flatten() {
            match at.get(&(u, v)) {
                Some(&k) => out[k].2 += 1.0,
                None => {
                    at.insert((u, v), out.len());
                    out.push((u, v, 1.0));
                }
            }
        }
    }
    out
}

/// The undirected graph of the candidates: each node's neighbours and the share of the
/// neighbour's weight that flows to it.
struct Graph {
    offsets: Vec<usize>,
    to: Vec<usize>,
    share: Vec<f64>,
}

impl Graph {
    fn new(size: usize, edges: &[(usize, usize, f64)]) -> Graph {
        let mut offsets = vec![0usize; size + 1];
        for &(u, v, _) in edges {
            offsets[u + 1] += 1;
            offsets[v + 1] += 1;
        }
        for i in 0..size {
            offsets[i + 1] += offsets[i];
        }
        let mut to = vec![0usize; offsets[size]];
        let mut weight = vec![0.0; offsets[size]];
        let mut next = offsets[..size].to_vec();
        for &(u, v, w) in edges {
            for (a, b) in [(u, v), (v, u)] {
                to[next[a]] = b;
                weight[next[a]] = w;
                next[a] += 1;
            }
        }
        let outflow: Vec<f64> = (0..size)
            .map(|v| weight[offsets[v]..offsets[v + 1]].iter().sum())
            .collect();
        let share = to
            .iter()
            .zip(&weight)
            .map(|(&d, &w)| w / outflow[d])
            .collect();
        Graph { offsets, to, share }
    }

    /// PageRank, each node updated in place in turn.
    fn rank(&self) -> Vec<f64> {
        let n = self.offsets.len() - 1;
        let mut ranks = vec![1.0 / n as f64; n];
        for _ in 0..ROUNDS {
            for i in 0..n {
                let range = self.offsets[i]..self.offsets[i + 1];
                let inflow: f64 = self.to[range.clone()]
                    .iter()
                    .zip(&self.share[range])
                    .map(|(&d, &s)| s * ranks[d])
                    .sum();
                ranks[i] = (1.0 - DAMPING) + DAMPING * inflow;
            }
        }
        ranks
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::language::shared_segmenter;

    /// The same words in the same order as jieba-rs's own TextRank over the same tags.
    #[test]
    fn ranks_as_jieba_rs_does() {
        use jieba_rs::{KeywordExtract, KeywordExtractConfig, TextRank};
        let text = "我国首次高压力纯氢管道试验取得成功。工作人员完成了管道充氢测试和管道爆破测试。\
                    氢能是国家能源体系的重要组成部分，纯氢管道运输是氢能产业的关键。\
                    管道运输企业表示，氢能产业链将带动装备制造和能源企业发展。";
        let j = shared_segmenter();
        let config = KeywordExtractConfig::builder()
            .min_keyword_length(2)
            .use_hmm(false)
            .build();
        let pos = ["n", "vn", "ns", "nt", "nz"];
        let theirs = TextRank::new(5, config).extract_keywords(
            j,
            text,
            6,
            pos.iter().map(|s| s.to_string()).collect(),
        );
        let tags = j.tag(text, false);
        let ours = rank(&tags, 6, |_, t| {
            pos.contains(&t.tag) && t.word.chars().count() >= 2
        });
        let words = |v: Vec<&str>| v.join(" ");
        assert_eq!(
            words(ours.iter().map(|r| r.word).collect()),
            words(theirs.iter().map(|k| k.keyword.as_str()).collect())
        );
        let (best, theirs_best) = (ours[0].weight, theirs[0].weight / 1e10);
        assert!((best - theirs_best).abs() < 1e-9, "{best} {theirs_best}");
    }

    #[test]
    fn no_candidates_no_keywords() {
        let j = shared_segmenter();
        let tags = j.tag("的了吗", false);
        assert!(rank(&tags, 5, |_, t| t.word.chars().count() >= 2).is_empty());
    }
}
