//! doccano's JSONL export: one object per line with a `text` and its labels.
//!
//! ```json
//! {"id": 1, "text": "…", "label": [[3, 7, "CLAIM"], [0, 2, "PER"]]}
//! {"id": 2, "text": "…", "label": ["positive", "desk:energy"]}
//! {"id": 3, "text": "…", "entities": [{"start_offset": 3, "end_offset": 7, "label": "ORG"}]}
//! ```
//! Sequence labels (`[start, end, label]` or `entities`) become claims, sentence sentiment or
//! entities; category labels (strings in `label`, or `cats`) become topics or sentiment (see
//! [`super::annotated`]). Labels are taken as the editors' (accepted).
//!
//! Offsets: doccano exports offsets as Python string indices (code points), Galley's own unit,
//! and they are read that way. Spans that only fit as UTF-16 code units (counted by doccano's
//! JavaScript front end) are read as UTF-16, and the report says so.

use serde_json::Value;

use super::annotated::{self, Labels, OffsetUnit, RawSpan};
use crate::model::ParsedDigest;
use crate::{Error, Result};

/// Whether one JSON object looks like a doccano record (a `text` and labels, no `title`).
pub fn looks_like(v: &Value) -> bool {
    v.get("text").is_some_and(Value::is_string)
        && (v.get("label").is_some()
            || v.get("labels").is_some()
            || v.get("entities").is_some()
            || v.get("cats").is_some())
        && v.get("body").is_none()
        && v.get("paragraphs").is_none()
}

/// Whether a whole text is doccano JSONL (its first record looks like one).
pub fn sniff(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .and_then(|l| serde_json::from_str::<Value>(l).ok())
        .is_some_and(|v| looks_like(&v))
}

/// Reads a doccano JSONL export: one article per record, with its labels.
pub fn parse(text: &str) -> Result<(ParsedDigest, Vec<Labels>)> {
    let mut parsed = ParsedDigest::default();
    let mut all = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line)
            .map_err(|e| Error::Invalid(format!("line {}: not valid JSON: {e}", i + 1)))?;
        let where_ = match v.get("id") {
            Some(id) => format!("line {} (id {id})", i + 1),
            None => format!("line {}", i + 1),
        };
        let body = v
            .get("text")
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Invalid(format!("{where_}: no \"text\"")))?;
        let title = v.get("title").and_then(Value::as_str);
        let mut spans = Vec::new();
        let mut choices = Vec::new();
        let labels = v.get("label").or_else(|| v.get("labels"));
        for item in labels.and_then(Value::as_array).into_iter().flatten() {
            match item {
                Value::String(s) => choices.push((String::new(), s.clone())),
                Value::Array(a) if a.len() >= 3 => {
                    let (Some(s), Some(e), Some(l)) = (a[0].as_u64(), a[1].as_u64(), a[2].as_str())
                    else {
                        parsed.warnings.push(format!(
                            "{where_}: label {item} is not [start, end, label]; skipped"
                        ));
                        continue;
                    };
                    spans.push(RawSpan {
                        start: s as usize,
                        end: e as usize,
                        label: l.to_owned(),
                        text: None,
                    });
                }
                other => parsed.warnings.push(format!(
                    "{where_}: label {other} is not understood; skipped"
                )),
            }
        }
        for e in v
            .get("entities")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let (Some(s), Some(en), Some(l)) = (
                e.get("start_offset").and_then(Value::as_u64),
                e.get("end_offset").and_then(Value::as_u64),
                e.get("label").and_then(Value::as_str),
            ) else {
                parsed
                    .warnings
                    .push(format!("{where_}: entity {e} is incomplete; skipped"));
                continue;
            };
            spans.push(RawSpan {
                start: s as usize,
                end: en as usize,
                label: l.to_owned(),
                text: None,
            });
        }
        if let Some(cats) = v.get("cats").and_then(Value::as_object) {
            for (k, val) in cats {
                if val.as_f64().unwrap_or(0.0) >= 0.5 || val.as_bool() == Some(true) {
                    choices.push((String::new(), k.clone()));
                }
            }
        }
        let Some((draft, mapped)) = annotated::article(
            title,
            body,
            &spans,
            OffsetUnit::CodePoint,
            &where_,
            &mut parsed.warnings,
        ) else {
            continue;
        };
        parsed.articles.push(draft);
        all.push(Labels {
            choices,
            spans: mapped,
            by_people: true,
        });
    }
    Ok((parsed, all))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn records_become_articles_with_code_point_offsets() {
        // 野家😀说 is code points 2..6 of the text (𠮷 and 😀 count one each).
        let jsonl = concat!(
            r#"{"id": 1, "text": "吉𠮷野家😀说：价格上涨。", "label": [[2, 6, "CLAIM"], [0, 2, "PER"]]}"#,
            "\n",
            r#"{"id": 2, "text": "第二篇。", "label": ["positive"]}"#,
            "\n"
        );
        assert!(sniff(jsonl));
        let (p, labels) = parse(jsonl).unwrap();
        assert_eq!(p.articles.len(), 2);
        let para: Vec<char> = p.articles[0].paragraphs[0].text.chars().collect();
        let claim = &labels[0].spans[0];
        assert_eq!((claim.start, claim.end), (2, 6));
        assert_eq!(
            para[claim.start..claim.end].iter().collect::<String>(),
            "野家😀说"
        );
        let person = &labels[0].spans[1];
        assert_eq!(
            para[person.start..person.end].iter().collect::<String>(),
            "吉𠮷"
        );
        assert_eq!(
            labels[1].choices,
            vec![(String::new(), "positive".to_owned())]
        );
        assert!(p.warnings.is_empty(), "{:?}", p.warnings);
    }

    #[test]
    fn utf16_offsets_are_recognised_when_code_points_do_not_fit() {
        // [3, 8] ends past the text's 6 code points: only UTF-16 code units fit.
        let jsonl = r#"{"text": "吉𠮷野家😀说", "label": [[3, 8, "CLAIM"]]}"#;
        let (p, labels) = parse(jsonl).unwrap();
        let para: Vec<char> = p.articles[0].paragraphs[0].text.chars().collect();
        let s = &labels[0].spans[0];
        assert_eq!(para[s.start..s.end].iter().collect::<String>(), "野家😀说");
        assert!(
            p.warnings.iter().any(|w| w.contains("UTF-16")),
            "{:?}",
            p.warnings
        );
    }

    #[test]
    fn spans_inside_a_combining_sequence_are_widened_to_whole_characters() {
        // "Cafe\u{301}" is 5 code points: the acute accent (4) combines with the e (3).
        let jsonl = concat!(
            r#"{"text": "Cafe\u0301 说价格上涨。", "label": [[4, 5, "CLAIM"], [0, 4, "ORG"]]}"#,
            "\n"
        );
        let (p, labels) = parse(jsonl).unwrap();
        let para: Vec<char> = p.articles[0].paragraphs[0].text.chars().collect();
        let text = |s: &annotated::Span| para[s.start..s.end].iter().collect::<String>();
        assert_eq!(
            text(&labels[0].spans[0]),
            "e\u{301}",
            "not a lone combining mark"
        );
        assert_eq!(text(&labels[0].spans[1]), "Cafe\u{301}");
        assert!(
            p.warnings.iter().any(|w| w.contains("widened")),
            "{:?}",
            p.warnings
        );
    }
}
