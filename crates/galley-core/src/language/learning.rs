//! Learning from the desk's own topic decisions (claims and tones: [`super::desk_learning`],
//! synced in the same pass).
//!
//! Every topic an editor accepts on an article (or adds) is a positive example of that topic,
//! every one rejected a negative example. An example is counted as the distinct words of the
//! article (segmented as the search index segments them) in `learned_words`; [`sync`] keeps
//! the counts equal to the decisions as they stand (after undo, merges and changed minds too)
//! by counting only what changed. The suggester then reads, per topic:
//!
//! - the words that stand out in the accepted articles against all stored articles (a word's
//!   share of the topic's articles over its share of every article, from the search index);
//!   an article with enough of them gets the topic, even one no trigger word names
//!   (a desk's own subject);
//! - the words that stand out in the rejected articles: an article more like those than like
//!   the accepted ones does not get the topic, whatever its trigger words say.
//!
//! The model is the counts: updated within the decision's own pass, in the same SQLite file,
//! rebuilt from scratch by [`retrain`], switched off by [`set_enabled`].

use std::collections::{HashMap, HashSet};

use jieba_rs::Jieba;
use rusqlite::Connection;

use crate::language::{keywords, script};
use crate::store::learned::{self, Decision, Example};
use crate::text::search_tokens;
use crate::Result;

/// A topic is suggested from what it learned once accepted on this many articles.
pub const MIN_POSITIVES: i64 = 5;
/// A topic stops being suggested on articles like those it was rejected on from this many.
pub const MIN_NEGATIVES: i64 = 5;
/// A word is used once it occurs in this many examples of one kind.
const MIN_WORD: i64 = 2;
/// A word is used when its share of the examples is at least this many times its share of all
/// articles.
const LIFT: f64 = 2.0;
/// Words kept per topic and kind, the strongest.
const TOP_WORDS: usize = 400;
/// An article gets a learned topic when its evidence reaches this share of the median
/// evidence of the topic's own examples.
const SHARE_OF_MEDIAN: f64 = 0.4;
/// Reasons name this many of the words found.
const REASON_WORDS: usize = 4;

/// The setting that switches learning on and off.
const SETTING: &str = "learning";

/// Whether the desk's decisions are learned from (on unless switched off).
pub fn enabled(conn: &Connection) -> Result<bool> {
    Ok(learned::setting(conn, SETTING)?.as_deref() != Some("off"))
}

/// Switches learning on or off. Off, nothing is counted and nothing learned is used.
pub fn set_enabled(conn: &Connection, on: bool) -> Result<()> {
    learned::set_setting(conn, SETTING, if on { "on" } else { "off" })
}

/// The words an article is learned from: the distinct search words of its title and text
/// (Simplified script), two characters or more, not stop words or bare numbers.
pub fn features(jieba: &Jieba, text: &str) -> Vec<String> {
    let text = script::to_simplified(text);
    let tokens = search_tokens(jieba, &text);
    let stop = keywords::stop_words();
    let mut seen = HashSet::new();
    tokens
        .split(' ')
        .filter(|w| w.chars().count() >= 2)
        .filter(|w| w.chars().any(crate::text::is_alphabetic) && !stop.contains(*w))
        .filter(|w| seen.insert(*w))
        .map(str::to_owned)
        .collect()
}

/// What a [`sync`] changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Synced {
    /// Decisions counted in.
    pub added: usize,
    /// Decisions taken back out (undone, changed, their article gone).
    pub removed: usize,
}

/// Brings the counts in line with the decisions as they stand; counts only what changed.
/// Call inside a transaction. Does nothing while learning is off.
pub fn sync(conn: &Connection, jieba: &Jieba) -> Result<Synced> {
    if !enabled(conn)? {
        return Ok(Synced::default());
    }
    let decided: HashMap<(i64, i64), bool> = learned::decisions(conn)?
        .into_iter()
        .map(|d| ((d.article_id, d.topic_id), d.positive))
        .collect();
    let mut counted: HashSet<(i64, i64)> = HashSet::new();
    let mut out = Synced::default();
    for e in learned::examples(conn)? {
        let key = (e.decision.article_id, e.decision.topic_id);
        if decided.get(&key) == Some(&e.decision.positive) {
            counted.insert(key);
        } else {
            learned::count(conn, &e, -1)?;
            out.removed += 1;
        }
    }
    let mut texts: HashMap<i64, Vec<String>> = HashMap::new();
    for (&(article_id, topic_id), &positive) in &decided {
        if counted.contains(&(article_id, topic_id)) {
            continue;
        }
        let words = match texts.get(&article_id) {
            Some(w) => w.clone(),
            None => {
                let w = features(jieba, &article_text(conn, article_id)?);
                texts.insert(article_id, w.clone());
                w
            }
        };
        let decision = Decision {
            article_id,
            topic_id,
            positive,
        };
        learned::count(conn, &Example { decision, words }, 1)?;
        out.added += 1;
    }
    learned::prune(conn)?;
    let desk = super::desk_learning::sync(conn, jieba)?;
    out.added += desk.added;
    out.removed += desk.removed;
    Ok(out)
}

/// Forgets the counts and learns again from every decision. Call inside a transaction.
pub fn retrain(conn: &Connection, jieba: &Jieba) -> Result<Synced> {
    learned::clear(conn)?;
    crate::store::desk_models::clear(conn)?;
    sync(conn, jieba)
}

/// An article's title and text, one line each, as learned from and judged.
fn article_text(conn: &Connection, article_id: i64) -> Result<String> {
    let a = crate::store::articles::get(conn, article_id)?;
    Ok(whole_text(&a))
}

/// The title and paragraphs of an article, one per line.
pub fn whole_text(a: &crate::model::Article) -> String {
    std::iter::once(a.title.as_str())
        .chain(a.paragraphs.iter().map(|p| p.text.as_str()))
        .collect::<Vec<_>>()
        .join("\n")
}

/// What one topic learned: its telling words and how much of them makes the topic.
#[derive(Debug, Clone)]
struct Learned {
    topic_id: i64,
    positives: i64,
    negatives: i64,
    /// Word → log of how much more often the topic's accepted articles have it.
    for_it: HashMap<String, f64>,
    /// Word → the same for the articles it was rejected on.
    against: HashMap<String, f64>,
    /// Evidence an article needs to get the topic (0: never from learning alone).
    needs: f64,
    /// Evidence against that vetoes the topic (0: no veto).
    veto: f64,
}

/// What the desk's decisions say about one article and one topic.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// The article is like those the topic was accepted on: suggest it, this strongly (0..1).
    Suggest {
        /// 0..1.
        score: f64,
        /// `学自本台 N 次决定：词、词` (learned from N of this desk's decisions).
        reason: String,
    },
    /// The article is like those the topic was rejected on: do not suggest it.
    Withhold {
        /// `本台在 N 篇类似文章上拒绝过：词、词` (rejected on N similar articles).
        reason: String,
    },
}

/// The learned topics of a database, ready to judge articles.
#[derive(Debug, Clone, Default)]
pub struct Model {
    topics: Vec<Learned>,
}

impl Model {
    /// Reads what was learned (nothing while learning is off).
    pub fn load(conn: &Connection) -> Result<Model> {
        if !enabled(conn)? {
            return Ok(Model::default());
        }
        let total = learned::article_count(conn)?.max(1) as f64;
        let mut df_cache: HashMap<String, f64> = HashMap::new();
        let mut out = Vec::new();
        for (topic_id, positives, negatives) in learned::topics(conn)? {
            if positives < MIN_POSITIVES && negatives < MIN_NEGATIVES {
                continue;
            }
            let mut articles_with = |w: &str| -> Result<f64> {
                if let Some(&n) = df_cache.get(w) {
                    return Ok(n);
                }
                let n = learned::articles_with(conn, w)? as f64;
                df_cache.insert(w.to_owned(), n);
                Ok(n)
            };
            let mut for_it = Vec::new();
            let mut against = Vec::new();
            for (word, pos, neg) in learned::words(conn, topic_id, MIN_WORD)? {
                let df = articles_with(&word)?;
                if positives >= MIN_POSITIVES && pos >= MIN_WORD {
                    if let Some(lift) = lift(pos, positives, df, total) {
                        for_it.push((word.clone(), lift, pos));
                    }
                }
                if negatives >= MIN_NEGATIVES && neg >= MIN_WORD {
                    if let Some(lift) = lift(neg, negatives, df, total) {
                        against.push((word, lift, neg));
                    }
                }
            }
            let mut l = Learned {
                topic_id,
                positives,
                negatives,
                for_it: strongest(for_it),
                against: strongest(against),
                needs: 0.0,
                veto: 0.0,
            };
            l.calibrate(conn)?;
            out.push(l);
        }
        Ok(Model { topics: out })
    }

    /// Whether anything was learned.
    pub fn is_empty(&self) -> bool {
        self.topics.is_empty()
    }

    /// What the desk's decisions say about an article with these [`features`], per topic.
    pub fn judge(&self, words: &[String]) -> Vec<(i64, Verdict)> {
        let words: HashSet<&str> = words.iter().map(String::as_str).collect();
        self.topics
            .iter()
            .filter_map(|l| l.judge(&words).map(|v| (l.topic_id, v)))
            .collect()
    }
}

/// The log of how much more often `n` of `examples` articles have a word than the other stored
/// articles do (`df` of `total` have it, the examples among them), when that is at least
/// [`LIFT`] times.
fn lift(n: i64, examples: i64, df: f64, total: f64) -> Option<f64> {
    let share = (n as f64 + 0.5) / (examples as f64 + 1.0);
    let others = (df - n as f64).max(0.0);
    let base = (others + 0.5) / ((total - examples as f64).max(0.0) + 1.0);
    let lift = share / base;
    (lift >= LIFT).then(|| lift.ln())
}

/// The `TOP_WORDS` strongest words (weight × examples), as a map to their weights.
fn strongest(mut words: Vec<(String, f64, i64)>) -> HashMap<String, f64> {
    words.sort_by(|a, b| (b.1 * b.2 as f64).total_cmp(&(a.1 * a.2 as f64)));
    words.truncate(TOP_WORDS);
    words.into_iter().map(|(w, s, _)| (w, s)).collect()
}

/// Evidence of `words` in a weighted vocabulary, and the words found, strongest first.
fn evidence<'w>(vocab: &HashMap<String, f64>, words: &HashSet<&'w str>) -> (f64, Vec<&'w str>) {
    let mut found: Vec<(&str, f64)> = words
        .iter()
        .filter_map(|w| vocab.get(*w).map(|s| (*w, *s)))
        .collect();
    found.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    (
        found.iter().map(|(_, s)| s).sum(),
        found.into_iter().map(|(w, _)| w).collect(),
    )
}

/// The median of some values (0 for none).
fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

impl Learned {
    /// Sets the evidence needed from the topic's own examples: a share of their median.
    fn calibrate(&mut self, conn: &Connection) -> Result<()> {
        let mut pos = Vec::new();
        let mut neg = Vec::new();
        for e in learned::examples(conn)?
            .into_iter()
            .filter(|e| e.decision.topic_id == self.topic_id)
        {
            let words: HashSet<&str> = e.words.iter().map(String::as_str).collect();
            if e.decision.positive {
                pos.push(evidence(&self.for_it, &words).0);
            } else {
                neg.push(evidence(&self.against, &words).0);
            }
        }
        if !self.for_it.is_empty() {
            self.needs = SHARE_OF_MEDIAN * median(pos);
        }
        if !self.against.is_empty() {
            self.veto = SHARE_OF_MEDIAN * median(neg);
        }
        Ok(())
    }

    fn judge(&self, words: &HashSet<&str>) -> Option<Verdict> {
        let (pro, pro_words) = evidence(&self.for_it, words);
        let (con, con_words) = evidence(&self.against, words);
        let named = |w: Vec<&str>| {
            w.into_iter()
                .take(REASON_WORDS)
                .collect::<Vec<_>>()
                .join("、")
        };
        if self.veto > 0.0 && con >= self.veto && con > pro {
            return Some(Verdict::Withhold {
                reason: format!(
                    "本台在 {} 篇类似文章上拒绝过：{}",
                    self.negatives,
                    named(con_words)
                ),
            });
        }
        if self.needs > 0.0 && pro >= self.needs {
            let score = pro / (pro + self.needs);
            return Some(Verdict::Suggest {
                score: (score * 1000.0).round() / 1000.0,
                reason: format!(
                    "学自本台 {} 次决定：{}",
                    self.positives + self.negatives,
                    named(pro_words)
                ),
            });
        }
        None
    }
}
