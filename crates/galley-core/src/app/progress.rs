//! How far a long verb (an import, a suggestion pass, an export) has come, for a front end's
//! progress bar: each verb takes a sink and calls it after every step.

use serde::Serialize;

/// What a long verb is doing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Reading and storing inputs, one digest each.
    Import,
    /// Drafting suggestions, a digest at a time.
    Suggest,
    /// Writing an export, counted in articles.
    Export,
}

/// Progress of a long verb, given to the caller's sink after each step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Progress<'a> {
    /// What is being done.
    pub stage: Stage,
    /// Steps of this stage done so far.
    pub done: usize,
    /// Steps of this stage in all.
    pub total: usize,
    /// What the last step was about (a file or digest name; empty for an export).
    pub item: &'a str,
}
