//! Input formats besides PDF-extracted pages: Markdown, JSON and JSON Lines. Each turns text
//! into the same [`ParsedDigest`] the page reconstruction produces.

pub mod markdown;
pub mod records;

use serde::{Deserialize, Serialize};

use crate::model::{ArticleDraft, ParagraphDraft, ParagraphKind, ParsedDigest, Source};
use crate::Result;

/// How an input's text is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum InputFormat {
    /// Text extracted from a newspaper page (PDF): rebuilt by [`super::page`].
    Page,
    /// `#` lines are article titles.
    Markdown,
    /// An array of `{title, body | paragraphs}` objects (or `{articles: [...]}`, or one object).
    Json,
    /// One `{title, body | paragraphs}` object per line.
    Jsonl,
}

impl InputFormat {
    pub fn parse(s: &str) -> Option<InputFormat> {
        Some(match s {
            "page" | "text" | "txt" => InputFormat::Page,
            "markdown" | "md" => InputFormat::Markdown,
            "json" => InputFormat::Json,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            _ => return None,
        })
    }

    /// From a file name's extension, if it says.
    pub fn from_file_name(name: &str) -> Option<InputFormat> {
        let ext = std::path::Path::new(name)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        Some(match ext.as_str() {
            "md" | "markdown" => InputFormat::Markdown,
            "json" => InputFormat::Json,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "txt" | "text" => InputFormat::Page,
            _ => return None,
        })
    }

    /// From the text itself: JSON starts with `{` or `[`; Markdown has `#` title lines.
    pub fn sniff(text: &str) -> InputFormat {
        let t = text.trim_start();
        if t.starts_with('[') {
            return InputFormat::Json;
        }
        if t.starts_with('{') {
            let mut lines = t.lines().map(str::trim).filter(|l| !l.is_empty());
            let all_objects = lines.all(|l| l.starts_with('{') && l.ends_with('}'));
            return if all_objects
                && t.trim_end()
                    .lines()
                    .filter(|l| !l.trim().is_empty())
                    .count()
                    > 1
            {
                InputFormat::Jsonl
            } else {
                InputFormat::Json
            };
        }
        if text.lines().any(markdown::is_title_line) {
            return InputFormat::Markdown;
        }
        InputFormat::Page
    }
}

/// Parses text already known not to be a page.
pub fn parse(format: InputFormat, text: &str) -> Result<ParsedDigest> {
    match format {
        InputFormat::Markdown => Ok(markdown::parse(text)),
        InputFormat::Json => records::parse_json(text),
        InputFormat::Jsonl => records::parse_jsonl(text),
        InputFormat::Page => unreachable!("pages are rebuilt by import::page"),
    }
}

/// An article whose structure the input states outright: the first body paragraph is the lead.
fn explicit_article(
    title: String,
    source: Source,
    mut paragraphs: Vec<ParagraphDraft>,
    pull_quotes: Vec<String>,
) -> ArticleDraft {
    if !paragraphs.iter().any(|p| p.kind == ParagraphKind::Lead) {
        if let Some(first) = paragraphs
            .iter_mut()
            .find(|p| p.kind == ParagraphKind::Body)
        {
            first.kind = ParagraphKind::Lead;
        }
    }
    let mut warnings = Vec::new();
    if source.line.is_none() {
        warnings.push("no source line".to_owned());
    }
    ArticleDraft {
        title,
        source,
        paragraphs,
        pull_quotes,
        confidence: 1.0,
        warnings,
    }
}
