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

use serde_json::Value;

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

/// Reads a Label Studio JSON export: one article per task, with its labels.
pub fn parse(text: &str) -> Result<(ParsedDigest, Vec<Labels>)> {
    let v: Value = serde_json::from_str(text)
        .map_err(|e| Error::Invalid(format!("Label Studio export is not valid JSON: {e}")))?;
    let tasks = match &v {
        Value::Array(a) => a.iter().collect::<Vec<_>>(),
        Value::Object(_) => vec![&v],
        _ => {
            return Err(Error::Invalid(
                "a Label Studio export is an array of tasks".into(),
            ))
        }
    };
    let mut parsed = ParsedDigest::default();
    let mut all = Vec::new();
    for (i, task) in tasks.iter().enumerate() {
        let where_ = match task.get("id") {
            Some(id) => format!("task {id}"),
            None => format!("task {}", i + 1),
        };
        let data = task
            .get("data")
            .and_then(Value::as_object)
            .ok_or_else(|| Error::Invalid(format!("{where_}: no \"data\" object")))?;
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

        let pick = |key: &str| -> Option<&Value> {
            task.get(key)?.as_array()?.iter().rev().find(|a| {
                !a.get("was_cancelled")
                    .and_then(Value::as_bool)
                    .unwrap_or(false)
            })
        };
        let (chosen, by_people) = match pick("annotations").or_else(|| pick("completions")) {
            Some(a) => (Some(a), true),
            None => (pick("predictions"), false),
        };
        let mut choices = Vec::new();
        let mut spans = Vec::new();
        if let Some(result) = chosen
            .and_then(|a| a.get("result"))
            .and_then(Value::as_array)
        {
            for r in result {
                let control = r
                    .get("from_name")
                    .and_then(Value::as_str)
                    .unwrap_or("")
                    .to_owned();
                let value = r.get("value").cloned().unwrap_or(Value::Null);
                let strings = |key: &str| -> Vec<String> {
                    value
                        .get(key)
                        .and_then(Value::as_array)
                        .map(|a| {
                            a.iter()
                                .filter_map(Value::as_str)
                                .map(str::to_owned)
                                .collect()
                        })
                        .unwrap_or_default()
                };
                match r.get("type").and_then(Value::as_str).unwrap_or("") {
                    "choices" | "taxonomy" => {
                        for c in strings("choices") {
                            choices.push((control.clone(), c));
                        }
                        // Taxonomy values are paths: the leaf is the choice.
                        if let Some(paths) = value.get("taxonomy").and_then(Value::as_array) {
                            for p in paths {
                                if let Some(leaf) =
                                    p.as_array().and_then(|p| p.last()).and_then(Value::as_str)
                                {
                                    choices.push((control.clone(), leaf.to_owned()));
                                }
                            }
                        }
                    }
                    "labels" | "hypertextlabels" => {
                        let (Some(start), Some(end)) = (
                            value.get("start").and_then(Value::as_u64),
                            value.get("end").and_then(Value::as_u64),
                        ) else {
                            parsed.warnings.push(format!(
                                "{where_}: a labels result without numeric start/end; skipped"
                            ));
                            continue;
                        };
                        let text = value.get("text").and_then(Value::as_str).map(str::to_owned);
                        for label in strings("labels") {
                            spans.push(RawSpan {
                                start: start as usize,
                                end: end as usize,
                                label,
                                text: text.clone(),
                            });
                        }
                    }
                    "" => {}
                    other => parsed
                        .warnings
                        .push(format!("{where_}: {other:?} results are not imported")),
                }
            }
        }
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
