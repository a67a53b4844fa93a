//! Input formats besides PDF-extracted pages: Markdown, JSON and JSON Lines. Each turns text
//! into the same [`ParsedDigest`] the page reconstruction produces. The interchange formats
//! also carry annotations: a Galley export (restored by [`galley_export`]), Label Studio's JSON
//! export and doccano's JSONL (their labels stored by [`annotated`]).

pub mod annotated;
pub mod doccano;
pub mod galley_export;
pub mod label_studio;
pub mod markdown;
pub mod records;

use crate::model::{ArticleDraft, ParagraphDraft, ParagraphKind, ParsedDigest, Source};
use crate::Result;

pub use crate::model::import_report::InputFormat;

impl InputFormat {
    /// The format with this name (as `--format` takes it, with a few aliases).
    pub fn parse(s: &str) -> Option<InputFormat> {
        Some(match s {
            "page" | "text" | "txt" => InputFormat::Page,
            "markdown" | "md" => InputFormat::Markdown,
            "json" => InputFormat::Json,
            "jsonl" | "ndjson" => InputFormat::Jsonl,
            "galley-export" | "galley_export" | "galley" => InputFormat::GalleyExport,
            "label-studio" | "label_studio" | "labelstudio" => InputFormat::LabelStudio,
            "doccano" => InputFormat::Doccano,
            "pdf" => InputFormat::Pdf,
            _ => return None,
        })
    }

    /// Whether this format carries annotations to store with the articles.
    pub fn is_annotated(self) -> bool {
        matches!(
            self,
            InputFormat::GalleyExport | InputFormat::LabelStudio | InputFormat::Doccano
        )
    }

    /// Tells the interchange formats apart from plain JSON / JSON Lines by their content: a
    /// `schema: galley.export/…` object, Label Studio tasks (`data` + `annotations`), doccano
    /// records (`text` + `label`).
    pub fn refine(self, text: &str) -> InputFormat {
        match self {
            InputFormat::Json => {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(text) else {
                    return self;
                };
                if galley_export::looks_like(&v) {
                    InputFormat::GalleyExport
                } else if label_studio::looks_like(&v) {
                    InputFormat::LabelStudio
                } else if doccano::looks_like(&v) {
                    InputFormat::Doccano
                } else {
                    self
                }
            }
            InputFormat::Jsonl if doccano::sniff(text) => InputFormat::Doccano,
            other => other,
        }
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
            "pdf" => InputFormat::Pdf,
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
    let mut parsed = parse_as(format, text)?;
    sources_expected(&mut parsed);
    Ok(parsed)
}

/// "no source line" only where sources were expected: a file none of whose articles names
/// a source gets no such warning on each of them.
fn sources_expected(parsed: &mut ParsedDigest) {
    if parsed.articles.iter().all(|a| a.source.line.is_none()) {
        for a in &mut parsed.articles {
            a.warnings.retain(|w| w != NO_SOURCE);
        }
    }
}

/// The warning of an article without a source line where its digest's others have one.
pub const NO_SOURCE: &str = "no source line";

fn parse_as(format: InputFormat, text: &str) -> Result<ParsedDigest> {
    match format {
        InputFormat::Markdown => Ok(markdown::parse(text)),
        InputFormat::Json => records::parse_json(text),
        InputFormat::Jsonl => records::parse_jsonl(text),
        InputFormat::LabelStudio => label_studio::parse(text).map(|(p, _)| p),
        InputFormat::Doccano => doccano::parse(text).map(|(p, _)| p),
        InputFormat::Page => unreachable!("pages are rebuilt by import::page"),
        InputFormat::GalleyExport => unreachable!("exports are restored by galley_export"),
        InputFormat::Pdf => unreachable!("PDFs are read by import::pdf"),
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
        warnings.push(NO_SOURCE.to_owned());
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

#[cfg(test)]
mod source_tests {
    use super::*;

    #[test]
    fn records_without_any_source_are_not_each_warned() {
        let none = "{\"title\": \"甲\", \"body\": \"一段。\"}\n{\"title\": \"乙\", \"body\": \"二段。\"}\n";
        let p = parse(InputFormat::Jsonl, none).unwrap();
        assert!(p.articles.iter().all(|a| a.warnings.is_empty()), "{p:?}");
        let some = "{\"title\": \"甲\", \"body\": \"一段。\", \"source\": \"据新华社\"}\n\
                    {\"title\": \"乙\", \"body\": \"二段。\"}\n";
        let p = parse(InputFormat::Jsonl, some).unwrap();
        assert_eq!(p.articles[1].warnings, [NO_SOURCE]);
    }
}
