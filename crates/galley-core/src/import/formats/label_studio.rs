//! Label Studio's JSON export of a text project: an array of tasks.
//!
//! ```json
//! [{"id": 1, "data": {"text": "…", "title": "…"},
//!   "annotations": [{"result": [
//!     {"from_name": "sentiment", "type": "choices", "value": {"choices": ["Positive"]}},
//!     {"from_name": "label", "type": "labels",
//!      "value": {"start": 3, "end": 8, "text": "野家😀说", "labels": ["Claim"]}}]}],
//!   "predictions": []}]
//! ```
//! Each task's text becomes an article; `choices` become topics or sentiment, `labels` spans
//! become claims, sentence sentiment or entities (see [`super::annotated`]). The latest
//! annotation that was not cancelled is used; a task with none uses its latest prediction, stored
//! as suggestions.
//!
//! Offsets: Label Studio's web UI counts `start`/`end` in UTF-16 code units (JavaScript string
//! indices), so 𠮷 and most emoji count two; they are mapped to Galley's code points. Each span
//! also records its `text`: when the offsets only reproduce it as code points (exports made by
//! scripts or fixed versions), they are read as code points.

use serde::Deserialize;
use serde_json::{Map, Value};

use super::annotated::{self, Labels, OffsetUnit, RawSpan};
use crate::model::ParsedDigest;
use crate::{Error, Result};

/// Whether a JSON value looks like a Label Studio export.
pub fn looks_like(v: &Value) -> bool {
    let tasks: Vec<&Value> = match v {
        Value::Array(a) => a.iter().take(3).collect(),
        Value::Object(_) => vec![v],
        _ => return false,
    };
    !tasks.is_empty()
        && tasks.iter().all(|t| {
            t.get("data").is_some_and(Value::is_object)
                && (t.get("annotations").is_some_and(Value::is_array)
                    || t.get("predictions").is_some_and(Value::is_array)
                    || t.get("completions").is_some_and(Value::is_array))
        })
}

/// The export: an array of tasks, or one task.
#[derive(Deserialize)]
#[serde(untagged)]
enum Export {
    Many(Vec<Task>),
    One(Box<Task>),
}

/// One task: its data (the text and maybe a title) and what people or models labelled.
#[derive(Deserialize)]
struct Task {
    id: Option<Value>,
    data: Map<String, Value>,
    #[serde(default)]
    annotations: Vec<Annotation>,
    /// Older exports call the annotations completions.
    #[serde(default)]
    completions: Vec<Annotation>,
    #[serde(default)]
    predictions: Vec<Annotation>,
}

#[derive(Deserialize)]
struct Annotation {
    #[serde(default)]
    was_cancelled: bool,
    #[serde(default)]
    result: Vec<Item>,
}

/// One result: a control's choices, taxonomy paths, or a labelled span.
#[derive(Deserialize)]
struct Item {
    #[serde(default)]
    from_name: String,
    #[serde(rename = "type", default)]
    kind: String,
    #[serde(default)]
    value: ItemValue,
}

#[derive(Deserialize, Default)]
struct ItemValue {
    #[serde(default)]
    choices: Vec<String>,
    #[serde(default)]
    taxonomy: Vec<Vec<String>>,
    start: Option<u64>,
    end: Option<u64>,
    text: Option<String>,
    #[serde(default)]
    labels: Vec<String>,
}

/// Reads a Label Studio export: one article per task, with its labels.
pub fn parse(text: &str) -> Result<(ParsedDigest, Vec<Labels>)> {
    let export: Export = serde_json::from_str(text).map_err(|e| {
        Error::Invalid(format!(
            "not a Label Studio export (an array of tasks with \"data\"): {e}"
        ))
    })?;
    let tasks = match export {
        Export::Many(tasks) => tasks,
        Export::One(task) => vec![*task],
    };
    let mut parsed = ParsedDigest::default();
    let mut all = Vec::new();
    for (i, task) in tasks.iter().enumerate() {
        let where_ = match &task.id {
            Some(id) => format!("task {id}"),
            None => format!("task {}", i + 1),
        };
        let (body, title) = task_text(&task.data, &where_)?;
        let (chosen, by_people) = chosen(task);
        let (choices, spans) = results(chosen, &where_, &mut parsed.warnings);
        let Some((draft, mapped)) = annotated::article(
            title,
            body,
            &spans,
            OffsetUnit::Utf16,
            &where_,
            &mut parsed.warnings,
        ) else {
            continue;
        };
        parsed.articles.push(draft);
        all.push(Labels {
            choices,
            spans: mapped,
            by_people,
        });
    }
    Ok((parsed, all))
}

/// The task's text (`text`, `content`, `body`, else its first string) and title, if any.
fn task_text<'a>(data: &'a Map<String, Value>, where_: &str) -> Result<(&'a str, Option<&'a str>)> {
    let body = ["text", "content", "body"]
        .iter()
        .find_map(|k| data.get(*k).and_then(Value::as_str))
        .or_else(|| data.values().find_map(Value::as_str))
        .ok_or_else(|| Error::Invalid(format!("{where_}: no text in \"data\"")))?;
    let title = ["title", "headline"]
        .iter()
        .find_map(|k| data.get(*k).and_then(Value::as_str))
        .or_else(|| {
            data.get("meta")
                .and_then(|m| m.get("title"))
                .and_then(Value::as_str)
        });
    Ok((body, title))
}

/// The latest annotation not cancelled (by people), else the latest prediction (a model's).
fn chosen(task: &Task) -> (Option<&Annotation>, bool) {
    fn latest(list: &[Annotation]) -> Option<&Annotation> {
        list.iter().rev().find(|a| !a.was_cancelled)
    }
    match latest(&task.annotations).or_else(|| latest(&task.completions)) {
        Some(a) => (Some(a), true),
        None => (latest(&task.predictions), false),
    }
}

/// The choices (control, choice) and labelled spans of an annotation.
fn results(
    chosen: Option<&Annotation>,
    where_: &str,
    warnings: &mut Vec<String>,
) -> (Vec<(String, String)>, Vec<RawSpan>) {
    let mut choices = Vec::new();
    let mut spans = Vec::new();
    for r in chosen.map(|a| a.result.as_slice()).unwrap_or_default() {
        let v = &r.value;
        match r.kind.as_str() {
            "choices" | "taxonomy" => {
                // Taxonomy values are paths: the leaf is the choice.
                let leaves = v.taxonomy.iter().filter_map(|p| p.last());
                for c in v.choices.iter().chain(leaves) {
                    choices.push((r.from_name.clone(), c.clone()));
                }
            }
            "labels" | "hypertextlabels" => {
                let (Some(start), Some(end)) = (v.start, v.end) else {
                    warnings.push(format!(
                        "{where_}: a labels result without numeric start/end; skipped"
                    ));
                    continue;
                };
                spans.extend(v.labels.iter().map(|label| RawSpan {
                    start: start as usize,
                    end: end as usize,
                    label: label.clone(),
                    text: v.text.clone(),
                }));
            }
            "" => {}
            other => warnings.push(format!("{where_}: {other:?} results are not imported")),
        }
    }
    (choices, spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tasks_become_articles_with_utf16_offsets_mapped() {
        // 野家😀说 starts at UTF-16 unit 3 (吉 1 + 𠮷 2) and ends at 8 (😀 counts 2).
        let export = r#"[{"id": 7, "data": {"text": "吉𠮷野家😀说：价格上涨。", "title": "标题"},
            "annotations": [{"was_cancelled": false, "result": [
              {"from_name": "sentiment", "to_name": "text", "type": "choices",
               "value": {"choices": ["Negative"]}},
              {"from_name": "topic", "to_name": "text", "type": "choices",
               "value": {"choices": ["desk:energy"]}},
              {"from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": 3, "end": 8, "text": "野家😀说", "labels": ["Claim"]}}]}]}]"#;
        let v: Value = serde_json::from_str(export).unwrap();
        assert!(looks_like(&v));
        let (p, labels) = parse(export).unwrap();
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.articles[0].title, "标题");
        let span = &labels[0].spans[0];
        let chars: Vec<char> = p.articles[0].paragraphs[0].text.chars().collect();
        assert_eq!((span.start, span.end), (2, 6));
        assert_eq!(
            chars[span.start..span.end].iter().collect::<String>(),
            "野家😀说"
        );
        assert_eq!(labels[0].choices.len(), 2);
        assert!(labels[0].by_people);
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    #[test]
    fn spans_inside_a_combining_sequence_are_widened_to_whole_characters() {
        let export = r#"[{"data": {"text": "说Cafe\u0301很好。", "title": "标题"},
            "annotations": [{"result": [{"from_name": "label", "to_name": "text",
              "type": "labels", "value": {"start": 5, "end": 8, "labels": ["Claim"]}}]}]}]"#;
        let (p, labels) = parse(export).unwrap();
        let chars: Vec<char> = p.articles[0].paragraphs[0].text.chars().collect();
        let span = &labels[0].spans[0];
        assert_eq!(
            chars[span.start..span.end].iter().collect::<String>(),
            "e\u{301}很好"
        );
    }
}
