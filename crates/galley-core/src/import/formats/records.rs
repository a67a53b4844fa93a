//! JSON and JSON Lines digests: objects with a `title` and a `body` or `paragraphs`.
//!
//! ```json
//! {"title": "…", "body": "第一段。\n\n第二段。", "source": "据新华社", "pull_quotes": ["…"]}
//! {"title": "…", "paragraphs": ["…", {"kind": "heading", "text": "…"}, "…"]}
//! ```
//! A JSON file holds an array of such objects, `{"articles": [...]}`, or one object.

use serde_json::Value;

use super::explicit_article;
use crate::import::page::lines::parse_source;
use crate::model::{ArticleDraft, ParagraphDraft, ParagraphKind, ParsedDigest, Source};
use crate::{Error, Result};

/// Reads a JSON digest: an array of articles, `{"articles": [...]}`, or one article.
pub fn parse_json(text: &str) -> Result<ParsedDigest> {
    let value: Value = serde_json::from_str(text).map_err(|e| invalid_json(&e, None))?;
    if value
        .get("schema")
        .and_then(Value::as_str)
        .is_some_and(|s| s.starts_with("galley.export/"))
    {
        return Err(Error::Invalid(
            "this is a Galley export (galley.export/1), not a list of articles: import it as \
             galley-export (detected automatically by `galley import`)"
                .into(),
        ));
    }
    let items: Vec<&Value> = match &value {
        Value::Array(items) => items.iter().collect(),
        Value::Object(o) => match o.get("articles") {
            Some(Value::Array(items)) => items.iter().collect(),
            Some(_) => return Err(Error::Invalid("\"articles\" must be an array".into())),
            None => vec![&value],
        },
        _ => {
            return Err(Error::Invalid(
                "JSON input must be an object or an array of objects".into(),
            ))
        }
    };
    collect(
        items
            .into_iter()
            .enumerate()
            .map(|(i, v)| (format!("item {}", i + 1), v.clone())),
    )
}

/// Reads a JSON Lines digest: one article per line.
pub fn parse_jsonl(text: &str) -> Result<ParsedDigest> {
    let mut items = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let v: Value = serde_json::from_str(line).map_err(|e| invalid_json(&e, Some(i + 1)))?;
        items.push((format!("line {}", i + 1), v));
    }
    collect(items.into_iter())
}

fn invalid_json(e: &serde_json::Error, line: Option<usize>) -> Error {
    let at = match line {
        Some(l) => format!("line {l}, column {}", e.column()),
        None => format!("line {}, column {}", e.line(), e.column()),
    };
    let what = if e.is_eof() {
        "JSON ends too soon (truncated?)".to_owned()
    } else {
        "not valid JSON".to_owned()
    };
    Error::Invalid(format!("{what} at {at}: {e}"))
}

fn collect(items: impl Iterator<Item = (String, Value)>) -> Result<ParsedDigest> {
    let mut parsed = ParsedDigest::default();
    for (where_, v) in items {
        parsed
            .articles
            .push(article(&v).map_err(|msg| Error::Invalid(format!("{where_}: {msg}")))?);
    }
    Ok(parsed)
}

fn article(v: &Value) -> std::result::Result<ArticleDraft, String> {
    let o = v
        .as_object()
        .ok_or("expected an object with \"title\" and \"body\" or \"paragraphs\"")?;
    let title = o
        .get("title")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or("missing \"title\"")?
        .to_owned();
    let mut paragraphs = Vec::new();
    if let Some(lead) = o
        .get("lead")
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        paragraphs.push(ParagraphDraft {
            kind: ParagraphKind::Lead,
            text: lead.to_owned(),
        });
    }
    match (o.get("paragraphs"), o.get("body")) {
        (Some(Value::Array(ps)), _) => {
            for (i, p) in ps.iter().enumerate() {
                paragraphs.push(paragraph(p).map_err(|m| format!("paragraph {}: {m}", i + 1))?);
            }
        }
        (Some(_), _) => return Err("\"paragraphs\" must be an array".into()),
        (None, Some(Value::String(body))) => {
            let split: Vec<&str> = if body.contains("\n\n") {
                body.split("\n\n").collect()
            } else {
                body.lines().collect()
            };
            paragraphs.extend(
                split
                    .into_iter()
                    .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
                    .filter(|p| !p.is_empty())
                    .map(|text| ParagraphDraft {
                        kind: ParagraphKind::Body,
                        text,
                    }),
            );
        }
        (None, Some(_)) => return Err("\"body\" must be a string".into()),
        (None, None) => return Err("needs \"body\" or \"paragraphs\"".into()),
    }
    if paragraphs.is_empty() {
        return Err("has no text".into());
    }
    let source = match o.get("source") {
        None | Some(Value::Null) => Source::default(),
        Some(Value::String(line)) => parse_source(line).unwrap_or_else(|| Source {
            line: Some(line.trim().to_owned()),
            outlets: vec![],
        }),
        Some(Value::Object(s)) => Source {
            line: s.get("line").and_then(Value::as_str).map(str::to_owned),
            outlets: s
                .get("outlets")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(str::to_owned)
                        .collect()
                })
                .unwrap_or_default(),
        },
        Some(_) => return Err("\"source\" must be a string or {line, outlets}".into()),
    };
    let pull_quotes = match o.get("pull_quotes") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(qs)) => qs
            .iter()
            .map(|q| {
                q.as_str()
                    .or_else(|| q.get("text").and_then(Value::as_str))
                    .map(str::to_owned)
            })
            .collect::<Option<Vec<_>>>()
            .ok_or("\"pull_quotes\" must hold strings or {text} objects")?,
        Some(_) => return Err("\"pull_quotes\" must be an array".into()),
    };
    Ok(explicit_article(title, source, paragraphs, pull_quotes))
}

fn paragraph(v: &Value) -> std::result::Result<ParagraphDraft, String> {
    match v {
        Value::String(text) => Ok(ParagraphDraft {
            kind: ParagraphKind::Body,
            text: text.trim().to_owned(),
        }),
        Value::Object(o) => {
            let text = o
                .get("text")
                .and_then(Value::as_str)
                .ok_or("missing \"text\"")?
                .trim()
                .to_owned();
            let kind = match o.get("kind").and_then(Value::as_str) {
                None => ParagraphKind::Body,
                Some(k) => ParagraphKind::parse(k)
                    .ok_or_else(|| format!("unknown kind {k:?} (lead, body, heading)"))?,
            };
            Ok(ParagraphDraft { kind, text })
        }
        _ => Err("must be a string or {kind, text}".into()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_array_object_and_single_article() {
        let arr = r#"[{"title": "标题一", "body": "第一段。\n\n第二段。", "source": "据新华社"},
                      {"title": "标题二", "paragraphs": ["导语。", {"kind": "heading", "text": "小标题"}, "正文。"],
                       "pull_quotes": [{"text": "引语"}], "source": {"line": "综合", "outlets": []}}]"#;
        let p = parse_json(arr).unwrap();
        assert_eq!(p.articles.len(), 2);
        assert_eq!(p.articles[0].paragraphs[0].kind, ParagraphKind::Lead);
        assert_eq!(p.articles[0].paragraphs[1].text, "第二段。");
        assert_eq!(p.articles[0].source.outlets, vec!["新华社"]);
        assert_eq!(p.articles[1].paragraphs[1].kind, ParagraphKind::Heading);
        assert_eq!(p.articles[1].pull_quotes, vec!["引语"]);
        let wrapped = format!(r#"{{"articles": {arr}}}"#);
        assert_eq!(parse_json(&wrapped).unwrap().articles.len(), 2);
        let one = parse_json(r#"{"title": "单篇", "body": "只有一段。"}"#).unwrap();
        assert_eq!(one.articles[0].title, "单篇");
    }

    #[test]
    fn jsonl_one_article_per_line() {
        let p = parse_jsonl(
            "{\"title\": \"一\", \"body\": \"甲。\"}\n\n{\"title\": \"二\", \"body\": \"乙。\"}\n",
        )
        .unwrap();
        assert_eq!(
            p.articles
                .iter()
                .map(|a| a.title.as_str())
                .collect::<Vec<_>>(),
            vec!["一", "二"]
        );
    }

    #[test]
    fn bad_records_say_where_and_what() {
        let err = |r: Result<ParsedDigest>| r.unwrap_err().to_string();
        assert!(err(parse_json(
            r#"[{"title": "一", "body": "甲"}, {"body": "乙"}]"#
        ))
        .contains("item 2: missing \"title\""));
        assert!(
            err(parse_json(r#"[{"title": "一"}]"#)).contains("needs \"body\" or \"paragraphs\"")
        );
        assert!(err(parse_json(r#"[{"title": "一", "body": "甲"#)).contains("truncated"));
        assert!(err(parse_jsonl(
            "{\"title\": \"一\", \"body\": \"甲\"}\n{oops}\n"
        ))
        .contains("line 2"));
        assert!(err(parse_json(
            r#"[{"title": "一", "paragraphs": [{"kind": "aside", "text": "x"}]}]"#
        ))
        .contains("unknown kind"));
        assert!(err(parse_json(
            r#"{"schema": "galley.export/1", "digests": []}"#
        ))
        .contains("galley.export/1"));
    }
}
