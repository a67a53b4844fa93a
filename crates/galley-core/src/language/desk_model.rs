//! The desk's own corrections to the shipped claim and sentiment models.
//!
//! Every decision on a claim or a tone is an [`Example`]: the text's features, the class the
//! desk chose (or, for a rejected tone, the class it is not), and the shipped model's logits
//! for the text (its *base*). A [`DeskModel`] is a softmax regression on top of that base:
//! `logits = base + W·x`. The weights start at zero and are fitted by [`fit`] (stochastic
//! gradient descent with an L2 penalty on each touched weight), so with no decisions nothing
//! changes, a few decisions move only the words they share, and twenty rejections of one kind
//! of sentence outweigh what the shipped model thought of it.
//!
//! Fitting is deterministic (examples in key order, a fixed number of epochs for a given set)
//! and fast: the features are interned once and the weights are a flat array, so a desk with a
//! thousand decisions is fitted again in milliseconds after each one. Storage is in
//! [`crate::store::desk_models`]; when to learn is in [`super::learning`].

use std::collections::HashMap;

pub use crate::model::desk::{DeskModel, Example};
use crate::model::{DeskModelKind, SentimentLabel};

/// A desk model is used once it learned from this many decisions.
pub const MIN_EXAMPLES: usize = 5;
/// Learning rate of the first epoch (it decays as 1 / (1 + epoch / 4)).
const RATE: f64 = 0.5;
/// The L2 penalty on a weight each time an example touches it.
const L2: f64 = 0.002;
/// Epochs over the examples: at most, at least, and the work they may take (feature values
/// × classes × epochs), so a large desk is fitted again in a few tens of milliseconds.
const MAX_EPOCHS: usize = 40;
const MIN_EPOCHS: usize = 6;
const WORK: usize = 4_000_000;
/// A correction shows as a reason from this shift of the chosen class's logit.
pub const SHOWN_SHIFT: f64 = 0.5;
/// Reasons name this many words.
const REASON_WORDS: usize = 4;
/// The logit a tone's own label gets in the base (the shipped model's decision, as a prior).
pub const TONE_BASE: f64 = 2.0;

/// The classes of a kind of model, in the order of its weights.
pub fn classes(kind: DeskModelKind) -> Vec<String> {
    match kind {
        DeskModelKind::Claims => vec![NO.into(), CLAIM.into()],
        DeskModelKind::Sentiment => SentimentLabel::NAMES
            .iter()
            .map(|s| s.to_string())
            .collect(),
    }
}

/// The class of a sentence not worth checking.
pub const NO: &str = "no";
/// The class of a sentence worth checking.
pub const CLAIM: &str = "claim";

/// The base of a claim: the shipped model's probability as logits over (no, claim).
pub fn claim_base(probability: f64) -> Vec<f64> {
    let p = probability.clamp(1e-4, 1.0 - 1e-4);
    vec![0.0, (p / (1.0 - p)).ln()]
}

/// The base of a tone: the shipped label gets [`TONE_BASE`], the others nothing.
pub fn tone_base(label: SentimentLabel) -> Vec<f64> {
    SentimentLabel::ALL
        .iter()
        .map(|l| if *l == label { TONE_BASE } else { 0.0 })
        .collect()
}

/// What the desk's corrections make of one text.
#[derive(Debug, Clone, PartialEq)]
pub struct Corrected {
    /// Probabilities per class after the correction.
    pub probabilities: Vec<f64>,
    /// The class with the highest probability.
    pub best: usize,
    /// How much the correction moved each class's logit.
    pub shift: Vec<f64>,
    /// The words that moved `best` up most, as shown to the editor.
    pub words: Vec<String>,
}

impl DeskModel {
    /// Whether it learned from enough decisions to be used.
    pub fn is_usable(&self) -> bool {
        self.examples >= MIN_EXAMPLES && !self.weights.is_empty()
    }

    /// Corrects the shipped model's logits `base` for a text with these features; `shown`
    /// turns a feature into the word a reason names (`None`: not shown).
    pub fn correct(
        &self,
        base: &[f64],
        features: &[(String, f32)],
        shown: fn(&str) -> Option<String>,
    ) -> Corrected {
        let n = self.classes.len();
        let mut shift = vec![0.0; n];
        let mut found = Vec::new();
        for (f, x) in features {
            if let Some(w) = self.weights.get(f) {
                for (s, wk) in shift.iter_mut().zip(w) {
                    *s += wk * *x as f64;
                }
                found.push((f.as_str(), w, *x as f64));
            }
        }
        let z: Vec<f64> = base.iter().zip(&shift).map(|(b, s)| b + s).collect();
        let probabilities = super::linear::softmax(&z);
        let best = argmax(&probabilities);
        let words = pushing(&found, best, shown);
        Corrected {
            probabilities,
            best,
            shift,
            words,
        }
    }

    /// `学自本台 37 次决定：词、词`: the reason a correction shows.
    pub fn reason(&self, words: &[String]) -> String {
        if words.is_empty() {
            format!("学自本台 {} 次决定", self.examples)
        } else {
            format!("学自本台 {} 次决定：{}", self.examples, words.join("、"))
        }
    }
}

/// The index of the largest value (the first of equals).
fn argmax(v: &[f64]) -> usize {
    let mut best = 0;
    for (i, x) in v.iter().enumerate() {
        if *x > v[best] {
            best = i;
        }
    }
    best
}

/// The shown words that pushed class `c` up against the other classes most.
fn pushing(
    found: &[(&str, &Vec<f64>, f64)],
    c: usize,
    shown: fn(&str) -> Option<String>,
) -> Vec<String> {
    let mut pushes: Vec<(f64, String)> = found
        .iter()
        .filter_map(|(f, w, x)| {
            let others = (w.iter().sum::<f64>() - w[c]) / (w.len() - 1).max(1) as f64;
            let push = (w[c] - others) * x;
            let word = shown(f)?;
            (push > 0.05).then_some((push, word))
        })
        .collect();
    pushes.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut out: Vec<String> = Vec::new();
    for (_, w) in pushes {
        if !out.contains(&w) {
            out.push(w);
        }
        if out.len() == REASON_WORDS {
            break;
        }
    }
    out
}

/// An example with its features interned.
struct Interned<'e> {
    example: &'e Example,
    class: usize,
    features: Vec<(usize, f64)>,
}

/// Fits the desk's corrections from its examples (any order: they are sorted by key).
pub fn fit(kind: DeskModelKind, examples: &[Example]) -> DeskModel {
    let classes = classes(kind);
    let n = classes.len();
    let mut names: Vec<&str> = Vec::new();
    let mut index: HashMap<&str, usize> = HashMap::new();
    let mut sorted: Vec<&Example> = examples.iter().collect();
    sorted.sort_by(|a, b| a.key.cmp(&b.key));
    let interned: Vec<Interned> = sorted
        .into_iter()
        .filter_map(|e| {
            let class = classes.iter().position(|c| *c == e.class)?;
            let features = e
                .features
                .iter()
                .map(|(f, x)| {
                    let i = *index.entry(f.as_str()).or_insert_with(|| {
                        names.push(f.as_str());
                        names.len() - 1
                    });
                    (i, *x as f64)
                })
                .collect();
            (e.base.len() == n).then_some(Interned {
                example: e,
                class,
                features,
            })
        })
        .collect();
    let weights = descend(&interned, names.len(), n);
    DeskModel {
        examples: interned.len(),
        weights: names
            .iter()
            .enumerate()
            .filter(|(i, _)| weights[i * n..(i + 1) * n].iter().any(|w| w.abs() > 1e-4))
            .map(|(i, f)| (f.to_string(), round(&weights[i * n..(i + 1) * n])))
            .collect(),
        classes,
    }
}

/// Weights to six decimals: the stored model stays small and reads back the same.
fn round(w: &[f64]) -> Vec<f64> {
    w.iter().map(|x| (x * 1e6).round() / 1e6).collect()
}

/// How many epochs a set of examples gets.
fn epochs(examples: &[Interned], classes: usize) -> usize {
    let size: usize = examples.iter().map(|e| e.features.len()).sum::<usize>() * classes;
    (WORK / size.max(1)).clamp(MIN_EPOCHS, MAX_EPOCHS)
}

/// Stochastic gradient descent over the examples: a flat array of `features × classes`.
fn descend(examples: &[Interned], features: usize, n: usize) -> Vec<f64> {
    let mut w = vec![0.0; features * n];
    for epoch in 0..epochs(examples, n) {
        let rate = RATE / (1.0 + epoch as f64 / 4.0);
        for e in examples {
            let g = gradient(e, &w, n);
            for &(i, x) in &e.features {
                for k in 0..n {
                    let wk = &mut w[i * n + k];
                    *wk -= rate * (g[k] * x + L2 * *wk);
                }
            }
        }
    }
    w
}

/// The gradient of the example's loss with respect to the logits. A positive example of class
/// c: p − onehot(c). A negative one (not c): the gradient of −ln(1 − p_c).
fn gradient(e: &Interned, w: &[f64], n: usize) -> Vec<f64> {
    let mut z = e.example.base.clone();
    for &(i, x) in &e.features {
        for (k, zk) in z.iter_mut().enumerate() {
            *zk += w[i * n + k] * x;
        }
    }
    let p = super::linear::softmax(&z);
    let c = e.class;
    if e.example.positive {
        (0..n)
            .map(|k| p[k] - if k == c { 1.0 } else { 0.0 })
            .collect()
    } else {
        let rest = (1.0 - p[c]).max(1e-9);
        (0..n)
            .map(|k| if k == c { p[c] } else { -p[c] * p[k] / rest })
            .collect()
    }
}

/// A text's features as the desk model reads them: each distinct one, valued 1/√n.
pub fn weighted(features: impl IntoIterator<Item = String>) -> Vec<(String, f32)> {
    let mut distinct: Vec<String> = features.into_iter().collect();
    distinct.sort();
    distinct.dedup();
    let x = 1.0 / (distinct.len().max(1) as f32).sqrt();
    distinct.into_iter().map(|f| (f, x)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHOWN: fn(&str) -> Option<String> = super::super::linear::shown;

    fn example(key: &str, class: &str, positive: bool, words: &[&str], base: Vec<f64>) -> Example {
        Example {
            key: key.into(),
            class: class.into(),
            positive,
            text: words.concat(),
            features: weighted(words.iter().map(|w| w.to_string())),
            base,
        }
    }

    #[test]
    fn no_decisions_change_nothing() {
        let m = fit(DeskModelKind::Claims, &[]);
        assert!(!m.is_usable());
        let c = m.correct(&claim_base(0.8), &weighted(["下周".to_string()]), SHOWN);
        assert_eq!(c.best, 1);
        assert!((c.probabilities[1] - 0.8).abs() < 1e-9, "{c:?}");
        assert!(c.words.is_empty());
    }

    #[test]
    fn twenty_rejections_of_one_pattern_turn_it_down_and_leave_others_alone() {
        let mut ex = Vec::new();
        for i in 0..20 {
            let stock = format!("股{i}");
            let words = ["下周", "必", "涨", &stock, "兄弟们"];
            ex.push(example(
                &format!("s:{i:02}"),
                NO,
                true,
                &words,
                claim_base(0.8),
            ));
        }
        let m = fit(DeskModelKind::Claims, &ex);
        assert!(m.is_usable());
        let new = weighted(["下周", "必", "涨", "股99", "兄弟们"].map(String::from));
        let c = m.correct(&claim_base(0.8), &new, SHOWN);
        assert_eq!(m.classes[c.best], NO, "{c:?}");
        assert!(c.words.contains(&"必".to_string()), "{c:?}");
        assert!(m.reason(&c.words).starts_with("学自本台 20 次决定："));
        let other = weighted(["公司", "营收", "增长", "亿元"].map(String::from));
        let c = m.correct(&claim_base(0.8), &other, SHOWN);
        assert!((c.probabilities[1] - 0.8).abs() < 1e-9, "{c:?}");
    }

    #[test]
    fn corrected_tones_are_learned_and_a_rejected_one_is_pushed_away() {
        let mut ex = Vec::new();
        for i in 0..20 {
            let firm = format!("公司{i}");
            let words = ["裁员", "宣布", "员工", &firm];
            let base = tone_base(SentimentLabel::Neutral);
            ex.push(example(
                &format!("t:{i:02}"),
                "negative",
                true,
                &words,
                base,
            ));
        }
        for i in 0..8 {
            let words = ["发布会", "新品", "亮相"];
            let base = tone_base(SentimentLabel::Positive);
            ex.push(example(
                &format!("u:{i:02}"),
                "positive",
                false,
                &words,
                base,
            ));
        }
        let m = fit(DeskModelKind::Sentiment, &ex);
        let neg = SentimentLabel::ALL
            .iter()
            .position(|l| *l == SentimentLabel::Negative)
            .unwrap();
        let c = m.correct(
            &tone_base(SentimentLabel::Neutral),
            &weighted(["裁员", "宣布", "员工", "某厂"].map(String::from)),
            SHOWN,
        );
        assert_eq!(c.best, neg, "{c:?}");
        assert!(c.shift[neg] > SHOWN_SHIFT, "{c:?}");
        let c = m.correct(
            &tone_base(SentimentLabel::Positive),
            &weighted(["发布会", "新品", "亮相"].map(String::from)),
            SHOWN,
        );
        assert_ne!(m.classes[c.best], "positive", "{c:?}");
    }

    #[test]
    fn fitting_is_deterministic_whatever_the_order() {
        let a = example("a", CLAIM, true, &["据", "统计"], claim_base(0.3));
        let b = example("b", NO, true, &["我", "觉得"], claim_base(0.6));
        let one = fit(DeskModelKind::Claims, &[a.clone(), b.clone()]);
        let two = fit(DeskModelKind::Claims, &[b, a]);
        assert_eq!(one, two);
    }
}
