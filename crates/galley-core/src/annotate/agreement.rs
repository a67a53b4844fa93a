//! Agreement between people who labelled the same articles.
//!
//! Every topic or sentiment decision a person makes is also kept as *their* label of the
//! article (`store::judgements`), apart from the article's shared state, which says what the
//! desk settled on. From those labels: per sentiment and per topic, Fleiss' κ over every
//! article labelled by two or more people (the variant that allows a different number of
//! raters per article), and Cohen's κ for every pair of people over the articles both
//! labelled. A person who decided any topic of an article has labelled its topics: a topic
//! they did not accept counts as "no" from them.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;
use serde::Serialize;

use super::Annotation;
use crate::model::JudgementKind;
use crate::store::judgements::{self, Judgement};
use crate::store::{sentiments, topics};
use crate::Result;

/// Agreement over one label: the sentiment, or one topic (applies or not).
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct LabelAgreement {
    /// `sentiment` or `topic`.
    pub kind: JudgementKind,
    /// The topic's code; empty for the sentiment.
    pub label: String,
    /// The topic's name in Chinese and in English; empty for the sentiment.
    pub name: (String, String),
    /// Articles labelled by two or more people.
    pub items: usize,
    /// Everyone who labelled one of them.
    pub raters: Vec<String>,
    /// The share of agreeing pairs of labels, over all those articles.
    pub observed: f64,
    /// Fleiss' κ; `None` when every label was the same (κ is undefined).
    pub fleiss: Option<f64>,
    /// Cohen's κ for each pair of people who labelled the same articles.
    pub pairs: Vec<PairAgreement>,
}

/// Two people's agreement on one label.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct PairAgreement {
    /// One person.
    pub a: String,
    /// The other.
    pub b: String,
    /// Articles both labelled.
    pub items: usize,
    /// The share of those articles where they agree.
    pub observed: f64,
    /// Cohen's κ; `None` when both always gave one and the same label.
    pub cohen: Option<f64>,
}

/// The agreement report: the sentiment first, then every topic someone said applies.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Agreement {
    /// One entry per label with at least one doubly labelled article.
    pub labels: Vec<LabelAgreement>,
}

/// Keeps `actor`'s own label when the annotation decides a topic or the sentiment.
pub(crate) fn record(
    tx: &Connection,
    actor: &str,
    a: &Annotation,
    article_id: i64,
    at: &str,
) -> Result<()> {
    let Some((kind, label, value)) = judgement_of(tx, a)? else {
        return Ok(());
    };
    let j = Judgement {
        article_id,
        person: actor.to_owned(),
        kind,
        label,
        value,
    };
    judgements::record(tx, &j, at)
}

/// What the annotation says about the article, as `(kind, label, value)`.
fn judgement_of(
    tx: &Connection,
    a: &Annotation,
) -> Result<Option<(JudgementKind, String, String)>> {
    let topic = |id: i64, yes: bool| -> Result<_> {
        let value = if yes { "yes" } else { "no" };
        Ok(Some((
            JudgementKind::Topic,
            topics::get(tx, id)?.code,
            value.to_owned(),
        )))
    };
    let sentiment = |label: &str| Some((JudgementKind::Sentiment, String::new(), label.to_owned()));
    match a {
        Annotation::DecideTopic {
            topic_id, accept, ..
        } => topic(*topic_id, *accept),
        Annotation::RemoveTopic { topic_id, .. } => topic(*topic_id, false),
        Annotation::AddTopic { code, .. } => Ok(Some((
            JudgementKind::Topic,
            code.trim().to_owned(),
            "yes".to_owned(),
        ))),
        Annotation::SetSentiment { label, .. } => Ok(sentiment(label.as_str())),
        Annotation::DecideSentiment {
            sentiment_id,
            accept: true,
        } => Ok(sentiments::head(tx, *sentiment_id)?.and_then(|(_, l, _)| sentiment(l.as_str()))),
        _ => Ok(None),
    }
}

/// Measures agreement over every article, or over one digest's.
pub fn measure(conn: &Connection, digest_id: Option<i64>) -> Result<Agreement> {
    let mut labels = Vec::new();
    let sentiment = judgements::of_kind(conn, JudgementKind::Sentiment, digest_id)?;
    labels.extend(agreement(
        JudgementKind::Sentiment,
        "",
        &ratings_of(&sentiment),
    ));
    let topic = judgements::of_kind(conn, JudgementKind::Topic, digest_id)?;
    for (code, ratings) in topic_ratings(&topic) {
        let Some(mut a) = agreement(JudgementKind::Topic, &code, &ratings) else {
            continue;
        };
        if let Some(t) = topics::by_code(conn, &code)? {
            a.name = (t.label_zh, t.label_en);
        }
        labels.push(a);
    }
    Ok(Agreement { labels })
}

/// Article → person → value.
type Ratings = BTreeMap<i64, BTreeMap<String, String>>;

fn ratings_of(js: &[Judgement]) -> Ratings {
    let mut r = Ratings::new();
    for j in js {
        r.entry(j.article_id)
            .or_default()
            .insert(j.person.clone(), j.value.clone());
    }
    r
}

/// Per topic said to apply by someone: every topic labeller of the article says yes or no.
fn topic_ratings(js: &[Judgement]) -> BTreeMap<String, Ratings> {
    let mut raters: BTreeMap<i64, BTreeSet<&str>> = BTreeMap::new();
    let mut yes: BTreeMap<&str, BTreeSet<(i64, &str)>> = BTreeMap::new();
    for j in js {
        raters.entry(j.article_id).or_default().insert(&j.person);
        if j.value == "yes" {
            yes.entry(&j.label)
                .or_default()
                .insert((j.article_id, &j.person));
        }
    }
    yes.iter()
        .map(|(code, said)| {
            let ratings = raters
                .iter()
                .map(|(&article, people)| {
                    let values = people
                        .iter()
                        .map(|&p| {
                            let v = if said.contains(&(article, p)) {
                                "yes"
                            } else {
                                "no"
                            };
                            (p.to_owned(), v.to_owned())
                        })
                        .collect();
                    (article, values)
                })
                .collect();
            (code.to_string(), ratings)
        })
        .collect()
}

/// The agreement on one label, if two people labelled one article.
fn agreement(kind: JudgementKind, label: &str, ratings: &Ratings) -> Option<LabelAgreement> {
    let shared: Vec<&BTreeMap<String, String>> = ratings
        .values()
        .filter(|people| people.len() >= 2)
        .collect();
    if shared.is_empty() {
        return None;
    }
    let raters: BTreeSet<&String> = shared.iter().flat_map(|p| p.keys()).collect();
    let counts: Vec<BTreeMap<&str, usize>> = shared.iter().map(|p| tally(p.values())).collect();
    let (observed, fleiss) = fleiss(&counts);
    Some(LabelAgreement {
        kind,
        label: label.to_owned(),
        name: Default::default(),
        items: shared.len(),
        raters: raters.iter().map(|r| r.to_string()).collect(),
        observed,
        fleiss,
        pairs: pairs(&raters, &shared),
    })
}

fn tally<'a>(values: impl Iterator<Item = &'a String>) -> BTreeMap<&'a str, usize> {
    let mut t = BTreeMap::new();
    for v in values {
        *t.entry(v.as_str()).or_default() += 1;
    }
    t
}

/// Fleiss' κ from each article's count of each label: `(observed agreement, κ)`.
pub fn fleiss(counts: &[BTreeMap<&str, usize>]) -> (f64, Option<f64>) {
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    let mut ratings = 0usize;
    let mut agreement = 0.0;
    for item in counts {
        let n: usize = item.values().sum();
        let pairs: usize = item.values().map(|&c| c * c.saturating_sub(1)).sum();
        agreement += pairs as f64 / (n * (n - 1)) as f64;
        ratings += n;
        for (&label, &c) in item {
            *totals.entry(label).or_default() += c;
        }
    }
    let observed = agreement / counts.len() as f64;
    let expected: f64 = totals
        .values()
        .map(|&c| (c as f64 / ratings as f64).powi(2))
        .sum();
    (observed, kappa(observed, expected))
}

/// Cohen's κ of two people's labels of the same articles: `(observed agreement, κ)`.
pub fn cohen(both: &[(&str, &str)]) -> (f64, Option<f64>) {
    let n = both.len() as f64;
    let same = both.iter().filter(|(a, b)| a == b).count() as f64;
    let mut a: BTreeMap<&str, f64> = BTreeMap::new();
    let mut b: BTreeMap<&str, f64> = BTreeMap::new();
    for (x, y) in both {
        *a.entry(x).or_default() += 1.0;
        *b.entry(y).or_default() += 1.0;
    }
    let expected: f64 = a
        .iter()
        .map(|(label, ca)| ca / n * b.get(label).copied().unwrap_or(0.0) / n)
        .sum();
    let observed = same / n;
    (observed, kappa(observed, expected))
}

fn kappa(observed: f64, expected: f64) -> Option<f64> {
    (expected < 1.0 - 1e-12).then(|| (observed - expected) / (1.0 - expected))
}

/// Cohen's κ for every pair of people with an article in common.
fn pairs(raters: &BTreeSet<&String>, shared: &[&BTreeMap<String, String>]) -> Vec<PairAgreement> {
    let people: Vec<&String> = raters.iter().copied().collect();
    let mut out = Vec::new();
    for (i, a) in people.iter().enumerate() {
        for b in &people[i + 1..] {
            let both: Vec<(&str, &str)> = shared
                .iter()
                .filter_map(|p| Some((p.get(*a)?.as_str(), p.get(*b)?.as_str())))
                .collect();
            if both.is_empty() {
                continue;
            }
            let (observed, cohen) = cohen(&both);
            out.push(PairAgreement {
                a: a.to_string(),
                b: b.to_string(),
                items: both.len(),
                observed,
                cohen,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(counts: &[usize]) -> BTreeMap<&'static str, usize> {
        const LABELS: [&str; 5] = ["1", "2", "3", "4", "5"];
        LABELS
            .iter()
            .copied()
            .zip(counts.iter().copied())
            .filter(|(_, c)| *c > 0)
            .collect()
    }

    /// The worked example of Fleiss (1971) as Wikipedia gives it: 10 subjects, 14 raters,
    /// 5 categories; P̄ = 0.378, κ = 0.210.
    #[test]
    fn fleiss_kappa_of_the_textbook_example() {
        let table = [
            [0, 0, 0, 0, 14],
            [0, 2, 6, 4, 2],
            [0, 0, 3, 5, 6],
            [0, 3, 9, 2, 0],
            [2, 2, 8, 1, 1],
            [7, 7, 0, 0, 0],
            [3, 2, 6, 3, 0],
            [2, 5, 3, 2, 2],
            [6, 5, 2, 1, 0],
            [0, 2, 2, 3, 7],
        ];
        let counts: Vec<_> = table.iter().map(|r| item(r)).collect();
        let (observed, k) = fleiss(&counts);
        assert!((observed - 0.378).abs() < 0.001, "{observed}");
        assert!((k.unwrap() - 0.210).abs() < 0.001, "{k:?}");
    }

    /// Cohen's κ of Wikipedia's example: 50 proposals, yes/yes 20, yes/no 5, no/yes 10,
    /// no/no 15: p_o = 0.7, κ = 0.4.
    #[test]
    fn cohen_kappa_of_the_textbook_example() {
        let mut both = Vec::new();
        both.extend(std::iter::repeat_n(("yes", "yes"), 20));
        both.extend(std::iter::repeat_n(("yes", "no"), 5));
        both.extend(std::iter::repeat_n(("no", "yes"), 10));
        both.extend(std::iter::repeat_n(("no", "no"), 15));
        let (observed, k) = cohen(&both);
        assert!((observed - 0.7).abs() < 1e-9);
        assert!((k.unwrap() - 0.4).abs() < 1e-9, "{k:?}");
    }

    #[test]
    fn kappa_is_undefined_when_everyone_gives_one_label() {
        assert_eq!(cohen(&[("yes", "yes"), ("yes", "yes")]), (1.0, None));
        let counts = vec![item(&[2]), item(&[3])];
        assert_eq!(fleiss(&counts), (1.0, None));
    }

    #[test]
    fn a_topic_not_accepted_by_a_labeller_of_the_article_is_a_no() {
        let j = |article_id, person: &str, label: &str, value: &str| Judgement {
            article_id,
            person: person.into(),
            kind: JudgementKind::Topic,
            label: label.into(),
            value: value.into(),
        };
        let js = [
            j(1, "甲", "economy", "yes"),
            j(1, "乙", "politics", "yes"),
            j(2, "甲", "economy", "yes"),
            j(2, "乙", "economy", "yes"),
        ];
        let by_topic = topic_ratings(&js);
        let economy = &by_topic["economy"];
        assert_eq!(economy[&1]["乙"], "no");
        assert_eq!(economy[&2]["乙"], "yes");
        let a = agreement(JudgementKind::Topic, "economy", economy).unwrap();
        assert_eq!((a.items, a.observed), (2, 0.5));
        assert_eq!(a.pairs.len(), 1);
        assert_eq!(a.pairs[0].observed, 0.5);
    }
}
