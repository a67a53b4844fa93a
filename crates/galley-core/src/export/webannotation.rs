//! W3C Web Annotation JSON-LD: an `AnnotationPage` whose items are one annotation per claim
//! (motivation `assessing`), per accepted topic (`classifying`) and per accepted sentiment
//! (`classifying`, article or sentence).
//!
//! A claim's target is its paragraph, `urn:galley:article:{id}:paragraph:{index}` (index from 0
//! into the export's `paragraphs`), selected two ways: a `TextQuoteSelector` (exact text with up
//! to 32 characters of prefix and suffix) and a `TextPositionSelector` whose `start`/`end` count
//! Unicode code points, as the Web Annotation model requires and as Galley stores them.

use std::io::Write;

use rusqlite::Connection;
use serde_json::{json, Value};

use super::annotations::{ClaimOut, SuggestedClaimOut};
use super::{Filter, FullArticle, Selection};
use crate::model::SuggestionStatus;
use crate::Result;

/// The JSON-LD `@context` of a Web Annotation.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";
/// Characters of context on each side of a quote.
pub const CONTEXT_CHARS: usize = 32;

fn article_iri(id: i64) -> String {
    format!("urn:galley:article:{id}")
}

fn paragraph_iri(article: i64, index: usize) -> String {
    format!("urn:galley:article:{article}:paragraph:{index}")
}

/// Selectors for the code-point span `[start, end)` of `text`.
pub fn selectors(text: &str, start: usize, end: usize) -> Value {
    let chars: Vec<char> = text.chars().collect();
    let end = end.min(chars.len());
    let start = start.min(end);
    let exact: String = chars[start..end].iter().collect();
    let prefix: String = chars[start.saturating_sub(CONTEXT_CHARS)..start]
        .iter()
        .collect();
    let suffix: String = chars[end..(end + CONTEXT_CHARS).min(chars.len())]
        .iter()
        .collect();
    json!([
        {"type": "TextQuoteSelector", "exact": exact, "prefix": prefix, "suffix": suffix},
        {"type": "TextPositionSelector", "start": start, "end": end},
    ])
}

fn person(name: &str) -> Value {
    json!({"type": "Person", "name": name})
}

fn generator() -> Value {
    json!({"id": "urn:galley", "type": "Software", "name": "Galley"})
}

/// The text of paragraph `index` of the article (empty if it has no such paragraph).
fn paragraph_text(f: &FullArticle, index: usize) -> &str {
    f.article
        .paragraphs
        .get(index)
        .map(|p| p.text.as_str())
        .unwrap_or("")
}

fn claim(f: &FullArticle, c: &ClaimOut) -> Value {
    let a = &f.article;
    let text = paragraph_text(f, c.paragraph);
    let mut body = vec![json!({
        "type": "TextualBody",
        "purpose": "assessing",
        "value": c.status,
        "format": "text/plain",
    })];
    if let Some(r) = &c.rating {
        body.push(json!({
            "type": "TextualBody", "purpose": "assessing", "value": r, "language": "zh",
            "format": "text/plain",
        }));
    }
    for e in &c.evidence {
        if let Some(url) = e
            .url
            .as_ref()
            .filter(|u| crate::model::web_address::is_web_address(u))
        {
            body.push(json!({"type": "SpecificResource", "source": url, "purpose": "describing"}));
        }
        for t in [&e.quote, &e.note].into_iter().flatten() {
            body.push(json!({
                "type": "TextualBody", "purpose": "commenting", "value": t, "language": "zh",
                "format": "text/plain",
            }));
        }
    }
    for n in &c.notes {
        body.push(json!({
            "type": "TextualBody", "purpose": "commenting", "value": n.body,
            "creator": person(&n.author), "created": n.created_at, "format": "text/plain",
        }));
    }
    json!({
        "id": format!("urn:galley:claim:{}", c.id),
        "type": "Annotation",
        "motivation": "assessing",
        "creator": person(c.reviewer.as_deref().unwrap_or(&c.created_by)),
        "created": c.created_at,
        "modified": c.updated_at,
        "generator": generator(),
        "body": body,
        "target": {
            "type": "SpecificResource",
            "source": paragraph_iri(a.id, c.paragraph),
            "selector": selectors(text, c.start.max(0) as usize, c.end.max(0) as usize),
        },
    })
}

/// A check-worthy sentence Galley suggested and no editor has decided on: highlighted by the
/// software (Galley as creator), tagged `check-worthy` and `suggested`, with its reasons.
fn suggested_claim(f: &FullArticle, c: &SuggestedClaimOut) -> Value {
    let a = &f.article;
    let text = paragraph_text(f, c.paragraph);
    let mut body = vec![
        json!({"type": "TextualBody", "purpose": "tagging", "value": "check-worthy"}),
        json!({"type": "TextualBody", "purpose": "tagging", "value": "suggested"}),
    ];
    body.extend(
        c.reasons
            .iter()
            .map(|r| json!({"type": "TextualBody", "purpose": "describing", "value": r})),
    );
    json!({
        "id": format!("urn:galley:article:{}:suggested-claim:{}", a.id, c.rank),
        "type": "Annotation",
        "motivation": "highlighting",
        "creator": generator(),
        "generator": generator(),
        "body": body,
        "target": {
            "type": "SpecificResource",
            "source": paragraph_iri(a.id, c.paragraph),
            "selector": selectors(text, c.start.max(0) as usize, c.end.max(0) as usize),
        },
    })
}

/// Every annotation of one article.
pub fn annotations(f: &FullArticle) -> Vec<Value> {
    let a = &f.article;
    let n = &f.annotations;
    let mut out: Vec<Value> = n.claims.iter().map(|c| claim(f, c)).collect();
    out.extend(n.suggested_claims.iter().map(|c| suggested_claim(f, c)));
    for t in n
        .topics
        .iter()
        .filter(|t| t.status == SuggestionStatus::Accepted)
    {
        let mut body = vec![
            json!({"type": "TextualBody", "purpose": "classifying", "value": t.code}),
            json!({"type": "TextualBody", "purpose": "tagging", "value": t.label_zh, "language": "zh"}),
            json!({"type": "TextualBody", "purpose": "tagging", "value": t.label_en, "language": "en"}),
        ];
        if let Some(num) = t.code.strip_prefix("medtop:") {
            body.push(json!({
                "type": "SpecificResource",
                "source": format!("http://cv.iptc.org/newscodes/mediatopic/{num}"),
                "purpose": "classifying",
            }));
        }
        out.push(json!({
            "id": format!("urn:galley:article:{}:topic:{}", a.id, t.code),
            "type": "Annotation",
            "motivation": "classifying",
            "creator": person(&t.created_by),
            "created": t.created_at,
            "generator": generator(),
            "body": body,
            "target": {"source": article_iri(a.id)},
        }));
    }
    if let Some(s) = n
        .sentiment
        .as_ref()
        .filter(|s| s.status == SuggestionStatus::Accepted)
    {
        out.push(json!({
            "id": format!("urn:galley:article:{}:sentiment", a.id),
            "type": "Annotation",
            "motivation": "classifying",
            "creator": person(&s.created_by),
            "created": s.created_at,
            "generator": generator(),
            "body": [{"type": "TextualBody", "purpose": "classifying", "value": s.label}],
            "target": {"source": article_iri(a.id)},
        }));
    }
    for (i, s) in n
        .sentence_sentiments
        .iter()
        .filter(|s| s.status == SuggestionStatus::Accepted)
        .enumerate()
    {
        let text = paragraph_text(f, s.paragraph);
        let (start, end) = match (s.start, s.end) {
            (Some(st), Some(en)) => (st.max(0) as usize, en.max(0) as usize),
            _ => (0, text.chars().count()),
        };
        out.push(json!({
            "id": format!("urn:galley:article:{}:sentiment:{i}", a.id),
            "type": "Annotation",
            "motivation": "classifying",
            "creator": person(&s.created_by),
            "created": s.created_at,
            "generator": generator(),
            "body": [{"type": "TextualBody", "purpose": "classifying", "value": s.label}],
            "target": {
                "type": "SpecificResource",
                "source": paragraph_iri(a.id, s.paragraph),
                "selector": selectors(text, start, end),
            },
        }));
    }
    out
}

/// Writes `{"@context": anno.jsonld, "type": "AnnotationPage", "items": [...]}`, one annotation
/// per line as the articles are read.
pub fn write(conn: &Connection, sel: &Selection, filter: &Filter, w: &mut dyn Write) -> Result<()> {
    w.write_all(
        b"{\n\"@context\": \"http://www.w3.org/ns/anno.jsonld\",\n\"type\": \"AnnotationPage\",\n\"items\": [",
    )
    .map_err(super::io)?;
    let mut first = true;
    for (_, ids) in &sel.digests {
        sel.for_each_article(conn, ids, filter, |f| {
            for a in annotations(&f) {
                w.write_all(if first { b"\n  " } else { b",\n  " })
                    .map_err(super::io)?;
                first = false;
                serde_json::to_writer(&mut *w, &a)?;
            }
            Ok(())
        })?;
    }
    w.write_all(b"\n]\n}\n").map_err(super::io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testdata::{annotated_store, TRICKY_PARAGRAPH};
    use super::super::{write as export, Format, Request};
    use super::*;

    #[test]
    fn selectors_count_code_points() {
        let s = selectors(TRICKY_PARAGRAPH, 2, 6);
        assert_eq!(s[0]["exact"], "野家😀说");
        assert_eq!(s[0]["prefix"], "吉𠮷");
        assert!(s[0]["suffix"].as_str().unwrap().starts_with("：\"价格\""));
        assert_eq!(s[1]["start"], 2);
        assert_eq!(s[1]["end"], 6);
    }

    #[test]
    fn claims_topics_and_sentiment_become_annotations() {
        let store = annotated_store();
        let mut buf = Vec::new();
        export(&store, &Request::new(Format::Webannotation), &mut buf).unwrap();
        let v: Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["@context"], CONTEXT);
        assert_eq!(v["type"], "AnnotationPage");
        let items = v["items"].as_array().unwrap();
        let by = |m: &str| items.iter().filter(|a| a["motivation"] == m).count();
        assert_eq!(by("assessing"), 3, "every claim");
        // One accepted topic and one accepted article sentiment.
        assert_eq!(by("classifying"), 2);
        let f = items
            .iter()
            .find(|a| a["body"][0]["value"] == "false")
            .unwrap();
        let sel = &f["target"]["selector"];
        assert_eq!(sel[0]["type"], "TextQuoteSelector");
        assert_eq!(sel[0]["exact"], "野家😀说");
        assert_eq!(sel[1]["type"], "TextPositionSelector");
        assert_eq!(sel[1]["start"], 2);
        assert_eq!(sel[1]["end"], 6);
        assert!(f["target"]["source"]
            .as_str()
            .unwrap()
            .ends_with(":paragraph:0"));
        let topic = items
            .iter()
            .find(|a| a["motivation"] == "classifying" && a["body"][0]["value"] == "desk:energy")
            .unwrap();
        assert_eq!(topic["body"][1]["value"], "能源与氢能");
    }
}
