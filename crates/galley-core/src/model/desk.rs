//! The desk's corrections of the claim and tone models as data: an example learned from and
//! the fitted weights (fitting and use: `language::desk_model`; storage: `store::desk_models`).

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// One decision, ready to learn from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Example {
    /// The decided row (`suggestion:12`, `claim:4`, `sentiment:9`).
    pub key: String,
    /// The class decided on (`claim` / `no`, or a tone).
    pub class: String,
    /// `true`: the text is of `class`; `false`: it is not (a rejected tone).
    pub positive: bool,
    /// The text learned from (a changed text is learned again).
    pub text: String,
    /// The features of the text and their values.
    pub features: Vec<(String, f32)>,
    /// The shipped model's logits for the text, one per class.
    pub base: Vec<f64>,
}

/// The desk's corrections of one model: weights per feature and class.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DeskModel {
    /// The classes, in the order of the weights.
    pub classes: Vec<String>,
    /// How many decisions it learned from.
    pub examples: usize,
    /// Per feature, one weight per class.
    pub weights: HashMap<String, Vec<f64>>,
}
