//! schema.org ClaimReview JSON-LD: one `ClaimReview` per claim with a verdict (status
//! `verified` or `false`, or a textual rating), in one `@graph`.
//!
//! The rating scale is 1 (false) to 5 (true): `ratingValue` is the claim's `rating_value`, else
//! 5 for `verified`, 1 for `false`, 3 otherwise; `alternateName` is its textual `rating`, else
//! 属实 / 不实 / 待定.

use std::io::Write;

use rusqlite::Connection;
use serde_json::{json, Value};

use super::annotations::ClaimOut;
use super::{Filter, FullArticle, Selection};
use crate::model::{ClaimStatus, Digest, Rating};
use crate::Result;

/// The JSON-LD `@context` of a ClaimReview.
pub const CONTEXT: &str = "https://schema.org";

/// Whether a claim has a verdict to publish.
pub fn has_verdict(c: &ClaimOut) -> bool {
    matches!(c.status, ClaimStatus::Verified | ClaimStatus::False) || c.rating.is_some()
}

fn rating(c: &ClaimOut) -> (i64, String) {
    let (value, name) = match c.status {
        ClaimStatus::Verified => (Rating::True.value(), Rating::True.as_str()),
        ClaimStatus::False => (Rating::False.value(), Rating::False.as_str()),
        _ => (3, "待定"),
    };
    (
        c.rating_value.unwrap_or(value).clamp(1, 5),
        c.rating.clone().unwrap_or_else(|| name.to_owned()),
    )
}

/// The date part of an RFC 3339 time (`2026-11-02T09:00:00Z` → `2026-11-02`).
fn date(t: &str) -> &str {
    t.get(..10).unwrap_or(t)
}

/// One ClaimReview node.
pub fn review(d: &Digest, f: &FullArticle, c: &ClaimOut) -> Value {
    let a = &f.article;
    let (value, name) = rating(c);
    let outlets: Vec<Value> = a
        .source
        .outlets
        .iter()
        .map(|o| json!({"@type": "Organization", "name": o}))
        .collect();
    let mut appearance = json!({
        "@type": "NewsArticle",
        "@id": format!("urn:galley:article:{}", a.id),
        "headline": a.title,
        "inLanguage": "zh",
        "isPartOf": {
            "@type": "Periodical",
            "name": d.name,
        },
    });
    if let Some(date) = &d.date {
        appearance["isPartOf"]["datePublished"] = json!(date);
    }
    if let Some(line) = &a.source.line {
        appearance["creditText"] = json!(line);
    }
    if !outlets.is_empty() {
        appearance["publisher"] = json!(outlets);
    }
    let mut item = json!({
        "@type": "Claim",
        "text": c.text,
        "inLanguage": "zh",
        "appearance": appearance,
    });
    if let Some(first) = outlets.first() {
        item["author"] = first.clone();
    }
    let mut node = json!({
        "@type": "ClaimReview",
        "@id": format!("urn:galley:claim:{}", c.id),
        "claimReviewed": c.text,
        "inLanguage": "zh",
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": value,
            "bestRating": 5,
            "worstRating": 1,
            "alternateName": name,
        },
        "itemReviewed": item,
        "datePublished": date(c.reviewed_at.as_deref().unwrap_or(&c.updated_at)),
    });
    if let Some(r) = &c.reviewer {
        node["author"] = json!({"@type": "Person", "name": r});
    }
    let urls: Vec<&str> = c
        .evidence
        .iter()
        .filter_map(|e| e.url.as_deref())
        .filter(|u| crate::model::web_address::is_web_address(u))
        .collect();
    if !urls.is_empty() {
        node["citation"] = json!(urls);
    }
    node
}

/// Writes `{"@context": "https://schema.org", "@graph": [ClaimReview, ...]}`, one review per
/// line as it is read.
pub fn write(conn: &Connection, sel: &Selection, filter: &Filter, w: &mut dyn Write) -> Result<()> {
    w.write_all(b"{\n\"@context\": \"https://schema.org\",\n\"@graph\": [")
        .map_err(super::io)?;
    let mut first = true;
    for (d, ids) in &sel.digests {
        sel.for_each_article(conn, ids, filter, |f| {
            for c in f.annotations.claims.iter().filter(|c| has_verdict(c)) {
                w.write_all(if first { b"\n  " } else { b",\n  " })
                    .map_err(super::io)?;
                first = false;
                serde_json::to_writer(&mut *w, &review(d, &f, c))?;
            }
            Ok(())
        })?;
    }
    w.write_all(b"\n]\n}\n").map_err(super::io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testdata::annotated_store;
    use super::super::{write as export, Format, Request};
    use super::*;

    #[test]
    fn one_review_per_claim_with_a_verdict() {
        let store = annotated_store();
        let mut buf = Vec::new();
        export(&store, &Request::new(Format::Claimreview), &mut buf).unwrap();
        let v: Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["@context"], CONTEXT);
        let graph = v["@graph"].as_array().unwrap();
        assert_eq!(graph.len(), 2, "the unverified claim has no verdict");
        let t = graph
            .iter()
            .find(|r| r["reviewRating"]["ratingValue"] == 5)
            .unwrap();
        assert_eq!(t["@type"], "ClaimReview");
        assert_eq!(t["reviewRating"]["alternateName"], "属实");
        assert_eq!(t["reviewRating"]["bestRating"], 5);
        assert_eq!(t["reviewRating"]["worstRating"], 1);
        assert_eq!(t["author"]["name"], "李编辑");
        assert_eq!(t["datePublished"], "2026-11-02");
        assert_eq!(t["itemReviewed"]["@type"], "Claim");
        assert_eq!(t["itemReviewed"]["appearance"]["@type"], "NewsArticle");
        assert!(t["itemReviewed"]["appearance"]["headline"].is_string());
        assert_eq!(t["citation"][0], "https://example.org/report");
        let f = graph
            .iter()
            .find(|r| r["reviewRating"]["ratingValue"] == 1)
            .unwrap();
        assert_eq!(f["claimReviewed"], "野家😀说");
        assert_eq!(f["reviewRating"]["alternateName"], "-不实,\"误导\"");
        assert_eq!(f["itemReviewed"]["author"]["name"], "科技日报");
        assert_eq!(
            f["itemReviewed"]["appearance"]["isPartOf"]["datePublished"],
            "2024-01-15"
        );
    }
}
