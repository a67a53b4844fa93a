//! Linear models over named features, shared by the trained topic and claim models: the file
//! format (`#codes`, `#bias`, then `feature<TAB>weight per class`), parsing, and scoring with
//! the features that weighed most, which become the reasons shown to the editor.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

/// A linear model over named features: one weight per class and feature, softmax over the
/// classes.
pub struct Model {
    /// The classes, in the order of the weights.
    pub codes: Vec<String>,
    bias: Vec<f32>,
    /// Per feature: its weights, `codes.len()` of them.
    weights: FxHashMap<String, Vec<f32>>,
}

/// One class's probability and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// The class (a topic code, or `1` / `0`).
    pub code: String,
    /// Probability under the model (the classes sum to 1).
    pub probability: f64,
    /// The features that pushed this class up most, strongest first (prefixes dropped).
    pub words: Vec<String>,
}

impl Model {
    /// Parses the model file: `#codes` then `#bias` rows, then `feature<TAB>w1<TAB>w2…`.
    pub fn parse(tsv: &str) -> Model {
        let mut codes = Vec::new();
        let mut bias = Vec::new();
        let mut weights = FxHashMap::default();
        for line in tsv.lines() {
            let mut cells = line.split('\t');
            let Some(head) = cells.next() else { continue };
            match head {
                "#codes" => codes = cells.map(str::to_owned).collect(),
                "#bias" => bias = cells.filter_map(|c| c.parse().ok()).collect(),
                _ if head.starts_with('#') || head.is_empty() => {}
                feature => {
                    let w: Vec<f32> = cells.map(|c| c.parse().unwrap_or(0.0)).collect();
                    if w.len() == codes.len() {
                        weights.insert(feature.to_owned(), w);
                    }
                }
            }
        }
        bias.resize(codes.len(), 0.0);
        Model {
            codes,
            bias,
            weights,
        }
    }

    /// Builds a model from trained weights (for the trainer and tests).
    pub fn from_parts(
        codes: Vec<String>,
        bias: Vec<f32>,
        weights: HashMap<String, Vec<f32>>,
    ) -> Model {
        Model {
            codes,
            bias,
            weights: weights.into_iter().collect(),
        }
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.weights.len()
    }

    /// Whether the model has no features (a missing or broken file).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The model file's text for these weights.
    pub fn to_tsv(&self) -> String {
        let mut out = format!("#codes\t{}\n#bias", self.codes.join("\t"));
        for b in &self.bias {
            out.push_str(&format!("\t{}", short(*b)));
        }
        out.push('\n');
        let mut keys: Vec<&String> = self.weights.keys().collect();
        keys.sort();
        for k in keys {
            out.push_str(k);
            for w in &self.weights[k] {
                out.push('\t');
                out.push_str(&short(*w));
            }
            out.push('\n');
        }
        out
    }

    /// Every class's probability for these features, best first; the [`EXPLAINED`] best come
    /// with the features that pushed them up most.
    pub fn classify(&self, features: &[(String, f32)]) -> Vec<Scored> {
        let mut z: Vec<f64> = self.bias.iter().map(|&b| b as f64).collect();
        let found: Vec<(&str, &[f32], f32)> = features
            .iter()
            .filter_map(|(f, x)| self.weights.get(f).map(|w| (f.as_str(), w.as_slice(), *x)))
            .collect();
        for (_, w, x) in &found {
            z.iter_mut()
                .zip(w.iter())
                .for_each(|(z, w)| *z += (w * x) as f64);
        }
        let p = softmax(&z);
        let mut order: Vec<usize> = (0..p.len()).collect();
        order.sort_by(|&a, &b| p[b].total_cmp(&p[a]));
        order
            .iter()
            .enumerate()
            .map(|(rank, &c)| Scored {
                code: self.codes[c].clone(),
                probability: p[c],
                words: if rank < EXPLAINED {
                    strongest(&found, c)
                } else {
                    Vec::new()
                },
            })
            .collect()
    }
}

/// How many of the best classes [`Model::classify`] explains.
pub const EXPLAINED: usize = 3;

/// A feature as the editor reads it: without its one-letter prefix (`t:` title, `c:` letters),
/// a word pair as the two words (`曾_在` → 曾在); none for a number (`0`), a pair with one, or a
/// computed feature (`=rules`).
pub(crate) fn shown(feature: &str) -> Option<String> {
    let word = match feature.split_once(':') {
        Some((p, w)) if p.len() == 1 && !w.is_empty() => w,
        _ => feature,
    };
    let parts: Vec<&str> = word.split('_').filter(|p| !p.is_empty()).collect();
    let plain = !word.starts_with('=') && !parts.is_empty() && !parts.contains(&"0");
    plain.then(|| parts.concat())
}

/// Probabilities from scores.
pub fn softmax(z: &[f64]) -> Vec<f64> {
    let m = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let e: Vec<f64> = z.iter().map(|v| (v - m).exp()).collect();
    let s: f64 = e.iter().sum();
    e.into_iter().map(|v| v / s).collect()
}

/// The four distinct features (as shown) that pushed class `c` up most.
fn strongest(found: &[(&str, &[f32], f32)], c: usize) -> Vec<String> {
    let mut pushes: Vec<(f32, &str)> = found
        .iter()
        .map(|(f, w, x)| (w[c] * x, *f))
        .filter(|(v, _)| *v > 0.0)
        .collect();
    pushes.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut words: Vec<String> = Vec::new();
    for w in pushes.into_iter().filter_map(|(_, f)| shown(f)) {
        if !words.contains(&w) {
            words.push(w);
        }
        if words.len() == 4 {
            break;
        }
    }
    words
}

/// `模型 0.82：篮球、季后赛`: a model's probability and the words behind it (`模型 0.02` alone
/// when no word pushed it up).
pub fn reason(probability: f64, words: &[String]) -> String {
    if words.is_empty() {
        format!("模型 {probability:.2}")
    } else {
        format!("模型 {probability:.2}：{}", words.join("、"))
    }
}

/// Four decimals: the model file stays small.
fn short(x: f32) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_show_words_as_an_editor_reads_them() {
        assert_eq!(shown("t:湖人").as_deref(), Some("湖人"));
        assert_eq!(shown("c:詹姆").as_deref(), Some("詹姆"));
        assert_eq!(shown("曾_在").as_deref(), Some("曾在"));
        assert_eq!(shown("0"), None);
        assert_eq!(shown("0_年"), None);
        assert_eq!(shown("=rules"), None);
        assert_eq!(
            reason(0.914, &["湖人".into(), "季后赛".into()]),
            "模型 0.91：湖人、季后赛"
        );
        assert_eq!(reason(0.02, &[]), "模型 0.02");
    }

    #[test]
    fn only_the_best_classes_are_explained_and_probabilities_sum_to_one() {
        let weights = (0..5)
            .map(|i| {
                (
                    format!("w{i}"),
                    (0..5).map(|c| if c == i { 1.0 } else { 0.0 }).collect(),
                )
            })
            .collect();
        let codes = (0..5).map(|c| c.to_string()).collect();
        let model = Model::from_parts(codes, vec![0.0; 5], weights);
        let x: Vec<(String, f32)> = (0..5).map(|i| (format!("w{i}"), i as f32)).collect();
        let s = model.classify(&x);
        assert_eq!(s[0].code, "4");
        assert!((s.iter().map(|c| c.probability).sum::<f64>() - 1.0).abs() < 1e-9);
        assert_eq!(s[0].words, ["w4"]);
        assert!(s[EXPLAINED..].iter().all(|c| c.words.is_empty()));
        assert_eq!(Model::parse(&model.to_tsv()).classify(&x), s);
    }
}
