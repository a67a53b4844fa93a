//! Linear models over named features, shared by the trained topic and claim models: the file
//! format (`#codes`, `#bias`, then `feature<TAB>weight per class`), parsing, and scoring with
//! the features that weighed most, which become the reasons shown to the editor.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

/// A linear model over named features: one weight per class and feature, softmax over the
/// classes. Features are found by a hash of their name ([`Key`]), so that the suggester can
/// score a sentence without building a string per feature.
pub struct Model {
    /// The classes, in the order of the weights.
    pub codes: Vec<String>,
    bias: Vec<f32>,
    /// Per feature (a row): its name.
    names: Vec<String>,
    /// The weights, `codes.len()` per row.
    rows: Vec<f32>,
    /// The row of each feature, by the [`Key`] of its name.
    by_key: FxHashMap<u64, u32>,
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

/// The hash a feature is found by, fed piece by piece: the pieces of `t:` + word hash as the
/// whole name does, so a feature made of parts is looked up without being built (FNV-1a).
#[derive(Clone, Copy)]
pub struct Key(u64);

impl Key {
    /// The hash of nothing yet.
    pub fn new() -> Key {
        Key(0xcbf2_9ce4_8422_2325)
    }

    /// Appends a piece of the name.
    pub fn push(mut self, piece: &str) -> Key {
        for b in piece.bytes() {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        self
    }

    /// The hash of a name made of these pieces.
    pub fn of(pieces: &[&str]) -> u64 {
        pieces.iter().fold(Key::new(), |k, p| k.push(p)).0
    }

    /// The hash.
    pub fn hash(self) -> u64 {
        self.0
    }
}

impl Default for Key {
    fn default() -> Self {
        Key::new()
    }
}

impl Model {
    /// Parses the model file: `#codes` then `#bias` rows, then `feature<TAB>w1<TAB>w2…`.
    pub fn parse(tsv: &str) -> Model {
        let mut codes = Vec::new();
        let mut bias = Vec::new();
        let mut model = Model::empty();
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
                        model.insert(feature.to_owned(), &w);
                    }
                }
            }
        }
        bias.resize(codes.len(), 0.0);
        model.codes = codes;
        model.bias = bias;
        model
    }

    /// Builds a model from trained weights (for the trainer and tests).
    pub fn from_parts(
        codes: Vec<String>,
        bias: Vec<f32>,
        weights: HashMap<String, Vec<f32>>,
    ) -> Model {
        let mut model = Model::empty();
        let mut features: Vec<(String, Vec<f32>)> = weights.into_iter().collect();
        features.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, w) in features {
            model.insert(name, &w);
        }
        model.codes = codes;
        model.bias = bias;
        model
    }

    fn empty() -> Model {
        Model {
            codes: Vec::new(),
            bias: Vec::new(),
            names: Vec::new(),
            rows: Vec::new(),
            by_key: FxHashMap::default(),
        }
    }

    /// Adds a feature's weights (a name seen again replaces the earlier weights).
    fn insert(&mut self, name: String, w: &[f32]) {
        let key = Key::of(&[&name]);
        if let Some(&row) = self.by_key.get(&key) {
            let k = w.len();
            self.rows[row as usize * k..(row as usize + 1) * k].copy_from_slice(w);
            return;
        }
        self.by_key.insert(key, self.names.len() as u32);
        self.names.push(name);
        self.rows.extend_from_slice(w);
    }

    /// Number of features with weights.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the model has no features (a missing or broken file).
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }

    /// A feature's weights, by the [`Key`] of its name.
    fn row(&self, key: u64) -> Option<usize> {
        self.by_key.get(&key).map(|&r| r as usize)
    }

    fn weights(&self, row: usize) -> &[f32] {
        let k = self.codes.len();
        &self.rows[row * k..(row + 1) * k]
    }

    /// The model file's text for these weights.
    pub fn to_tsv(&self) -> String {
        let mut out = format!("#codes\t{}\n#bias", self.codes.join("\t"));
        for b in &self.bias {
            out.push_str(&format!("\t{}", short(*b)));
        }
        out.push('\n');
        let mut order: Vec<usize> = (0..self.names.len()).collect();
        order.sort_by(|&a, &b| self.names[a].cmp(&self.names[b]));
        for r in order {
            out.push_str(&self.names[r]);
            for w in self.weights(r) {
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
        let keyed: Vec<(u64, f32)> = features.iter().map(|(f, x)| (Key::of(&[f]), *x)).collect();
        self.classify_keyed(&keyed)
    }

    /// [`Model::classify`] for features given by the [`Key`] of their names (each once).
    pub fn classify_keyed(&self, features: &[(u64, f32)]) -> Vec<Scored> {
        let found = self.named(self.rows_of(features));
        let p = self.probabilities(&found);
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

    /// The probability of the class `code` for features given by their [`Key`], and the
    /// features that pushed it up most: [`Model::classify_keyed`]'s figures for that class
    /// alone (the words as when it is among the [`EXPLAINED`] best). 0 and none for a class
    /// the model does not have.
    pub fn explain_keyed(&self, features: &[(u64, f32)], code: &str) -> (f64, Vec<String>) {
        let Some(c) = self.codes.iter().position(|x| x == code) else {
            return (0.0, Vec::new());
        };
        let found = self.named(self.rows_of(features));
        (self.probabilities(&found)[c], strongest(&found, c))
    }

    /// The probability of the class `code` for features given by their [`Key`] (0 for a
    /// class the model does not have), without the words behind it.
    pub fn probability_keyed(&self, features: &[(u64, f32)], code: &str) -> f64 {
        let Some(c) = self.codes.iter().position(|x| x == code) else {
            return 0.0;
        };
        self.probabilities(&self.named(self.rows_of(features)))[c]
    }

    /// The rows of the features the model has, with their values, in the order of the rows:
    /// the sums must not depend on the order the features came in. (The model files list
    /// their features by name, so this is the order of the names too.)
    fn rows_of(&self, features: &[(u64, f32)]) -> Vec<(usize, f32)> {
        let mut rows: Vec<(usize, f32)> = features
            .iter()
            .filter_map(|&(key, x)| self.row(key).map(|r| (r, x)))
            .collect();
        rows.sort_unstable_by_key(|&(r, _)| r);
        rows
    }

    /// Rows with their names and weights.
    fn named(&self, rows: Vec<(usize, f32)>) -> Vec<(&str, &[f32], f32)> {
        rows.into_iter()
            .map(|(r, x)| (self.names[r].as_str(), self.weights(r), x))
            .collect()
    }

    /// Every class's probability given the features found.
    fn probabilities(&self, found: &[(&str, &[f32], f32)]) -> Vec<f64> {
        let mut z: Vec<f64> = self.bias.iter().map(|&b| b as f64).collect();
        for (_, w, x) in found {
            z.iter_mut()
                .zip(w.iter())
                .for_each(|(z, w)| *z += (w * x) as f64);
        }
        softmax(&z)
    }
}

/// The distinct words and adjacent word pairs (`a_b`) of a text by the [`Key`] of their names,
/// each weighted 1/√n (n how many there are): how the claim and subjectivity models read words.
pub fn word_and_pair_keys<S: AsRef<str>>(words: &[S]) -> Vec<(u64, f32)> {
    let mut keys: Vec<u64> = words
        .windows(2)
        .map(|p| Key::of(&[p[0].as_ref(), "_", p[1].as_ref()]))
        .chain(words.iter().map(|w| Key::of(&[w.as_ref()])))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    let weight = 1.0 / (keys.len().max(1) as f32).sqrt();
    keys.into_iter().map(|k| (k, weight)).collect()
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

/// The four distinct features (as shown) that pushed class `c` up most (the first found of
/// equal pushes first).
fn strongest(found: &[(&str, &[f32], f32)], c: usize) -> Vec<String> {
    let mut pushes: Vec<(f32, usize, &str)> = found
        .iter()
        .enumerate()
        .map(|(i, (f, w, x))| (w[c] * x, i, *f))
        .filter(|(v, _, _)| *v > 0.0)
        .collect();
    // The strongest few are ranked first; the rest only when they do not give four words.
    let split = STRONGEST_FIRST.min(pushes.len());
    if split < pushes.len() {
        pushes.select_nth_unstable_by(split, by_push);
    }
    let (first, rest) = pushes.split_at_mut(split);
    first.sort_unstable_by(by_push);
    let mut words: Vec<String> = Vec::new();
    shown_words(first, &mut words);
    if words.len() < 4 {
        rest.sort_unstable_by(by_push);
        shown_words(rest, &mut words);
    }
    words
}

/// How many of the strongest pushes are ranked before the others are looked at.
const STRONGEST_FIRST: usize = 16;

/// Stronger first, then in the order found.
fn by_push(a: &(f32, usize, &str), b: &(f32, usize, &str)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

/// Adds the shown form of each push, in order, to `words` until it has four distinct ones.
fn shown_words(pushes: &[(f32, usize, &str)], words: &mut Vec<String>) {
    for &(_, _, f) in pushes {
        if words.len() == 4 {
            return;
        }
        match shown(f) {
            Some(w) if !words.contains(&w) => words.push(w),
            _ => {}
        }
    }
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
    fn the_strongest_words_are_those_of_a_full_ranking() {
        // The ranking of every push, stable: what `strongest` gives by ranking a few first.
        fn ranked_all(found: &[(&str, &[f32], f32)], c: usize) -> Vec<String> {
            let mut pushes: Vec<(f32, &str)> = found
                .iter()
                .map(|(f, w, x)| (w[c] * x, *f))
                .filter(|(v, _)| *v > 0.0)
                .collect();
            pushes.sort_by(|a, b| b.0.total_cmp(&a.0));
            let mut words: Vec<String> = Vec::new();
            for w in pushes.into_iter().filter_map(|(_, f)| shown(f)) {
                if words.len() < 4 && !words.contains(&w) {
                    words.push(w);
                }
            }
            words
        }
        // Many ties, repeated words and features never shown, in lists short and long.
        let names = [
            "t:湖人",
            "c:湖人",
            "w:季后赛",
            "0",
            "=3",
            "曾_在",
            "b:詹姆",
            "w:勇士",
        ];
        let weights: Vec<[f32; 2]> = (0..12)
            .map(|i| [(i % 4) as f32, (i % 3) as f32 - 1.0])
            .collect();
        for n in [0, 3, 15, 16, 17, 40, 200] {
            let found: Vec<(&str, &[f32], f32)> = (0..n)
                .map(|i| {
                    (
                        names[(i * 7 + i / 5) % names.len()],
                        &weights[(i * 5) % 12][..],
                        1.0,
                    )
                })
                .collect();
            for c in 0..2 {
                assert_eq!(
                    strongest(&found, c),
                    ranked_all(&found, c),
                    "{n} features, class {c}"
                );
            }
        }
        // The strongest twenty show one word: the others are ranked too.
        let (strong, weak) = ([3.0f32], [1.0f32]);
        let mut found: Vec<(&str, &[f32], f32)> = vec![("t:湖人", &strong[..], 1.0); 20];
        found.extend(names.iter().map(|&f| (f, &weak[..], 1.0)));
        assert_eq!(strongest(&found, 0), ["湖人", "季后赛", "曾在", "詹姆"]);
        assert_eq!(strongest(&found, 0), ranked_all(&found, 0));
    }

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

    #[test]
    fn one_class_alone_has_the_figures_it_has_among_all() {
        let weights: HashMap<String, Vec<f32>> = [
            ("a".to_owned(), vec![0.5, -0.25]),
            ("b".to_owned(), vec![-1.0, 2.0]),
            ("c".to_owned(), vec![0.75, 0.125]),
        ]
        .into_iter()
        .collect();
        let model = Model::from_parts(vec!["0".into(), "1".into()], vec![0.1, -0.1], weights);
        // The features in another order than the rows, one the model does not have.
        let keyed: Vec<(u64, f32)> = [("c", 0.5), ("x", 1.0), ("a", 0.25), ("b", 0.75)]
            .iter()
            .map(|(f, x)| (Key::of(&[f]), *x))
            .collect();
        let all = model.classify_keyed(&keyed);
        for code in ["0", "1"] {
            let among = all.iter().find(|s| s.code == code).unwrap();
            let alone = model.explain_keyed(&keyed, code);
            assert_eq!(
                (alone.0, &alone.1),
                (among.probability, &among.words),
                "{code}"
            );
            assert_eq!(model.probability_keyed(&keyed, code), among.probability);
        }
        assert_eq!(model.explain_keyed(&keyed, "2"), (0.0, Vec::new()));
        assert_eq!(model.probability_keyed(&keyed, "2"), 0.0);
    }
}
