//! The `galley.export/1` JSON document. Later versions add fields; none is removed or renamed.
//! Described field by field in `docs/export-format.md` and by the JSON Schema
//! `docs/galley.export.schema.json`.
//!
//! The document is streamed: each article is read, serialised and dropped before the next.

use std::cell::RefCell;
use std::io::Write;

use rusqlite::Connection;
use serde::ser::{Error as _, SerializeMap, SerializeSeq};
use serde::{Serialize, Serializer};

use super::annotations::BATCH;
use super::{load_articles, Filter, FullArticle, Selection};
use crate::model::Digest;
use crate::{Error, Result};
/// The JSON Schema of the document (also in `docs/galley.export.schema.json`).
pub const JSON_SCHEMA: &str = include_str!("../../../../docs/galley.export.schema.json");

pub use crate::model::document::{
    article_hash, ArticleOut, DigestOut, Document, ParagraphOut, PullQuoteOut, SCHEMA,
};

impl From<FullArticle> for ArticleOut {
    fn from(f: FullArticle) -> ArticleOut {
        let a = f.article;
        let content_hash = article_hash(&a.title, a.paragraphs.iter().map(|p| p.text.as_str()));
        ArticleOut {
            id: a.id,
            title: a.title,
            source: a.source,
            paragraphs: a
                .paragraphs
                .into_iter()
                .map(|p| ParagraphOut {
                    kind: p.kind,
                    text: p.text,
                })
                .collect(),
            pull_quotes: a
                .pull_quotes
                .into_iter()
                .map(|q| PullQuoteOut { text: q.text })
                .collect(),
            topics: f.annotations.topics,
            sentiment: f.annotations.sentiment,
            claims: f.annotations.claims,
            review_state: a.review_state,
            confidence: a.confidence,
            updated_at: a.updated_at,
            sentence_sentiments: f.annotations.sentence_sentiments,
            notes: f.annotations.notes,
            entities: f.annotations.entities,
            content_hash,
            suggested_claims: f.annotations.suggested_claims,
        }
    }
}

/// Serialises the selection lazily; the first database error is kept in `error`.
struct Stream<'a> {
    conn: &'a Connection,
    digests: &'a [(Digest, Vec<i64>)],
    /// Counts an article written.
    tick: &'a dyn Fn(),
    filter: &'a Filter,
    error: RefCell<Option<Error>>,
}

struct Digests<'a>(&'a Stream<'a>);
struct OneDigest<'a>(&'a Stream<'a>, &'a Digest, &'a [i64]);
struct Articles<'a>(&'a Stream<'a>, &'a [i64]);

impl Serialize for Stream<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("schema", SCHEMA)?;
        m.serialize_entry("digests", &Digests(self))?;
        m.end()
    }
}

impl Serialize for Digests<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.0.digests.len()))?;
        for (d, ids) in self.0.digests {
            seq.serialize_element(&OneDigest(self.0, d, ids))?;
        }
        seq.end()
    }
}

impl Serialize for OneDigest<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let d = self.1;
        let mut m = s.serialize_map(Some(7))?;
        m.serialize_entry("id", &d.id)?;
        m.serialize_entry("name", &d.name)?;
        m.serialize_entry("date", &d.date)?;
        m.serialize_entry("source_file", &d.source_file)?;
        m.serialize_entry("content_hash", &d.content_hash)?;
        m.serialize_entry("imported_at", &d.imported_at)?;
        m.serialize_entry("articles", &Articles(self.0, self.2))?;
        m.end()
    }
}

impl Serialize for Articles<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(Some(self.1.len()))?;
        for chunk in self.1.chunks(BATCH) {
            match load_articles(self.0.conn, chunk, self.0.filter) {
                Ok(list) => {
                    for a in list {
                        seq.serialize_element(&ArticleOut::from(a))?;
                        (self.0.tick)();
                    }
                }
                Err(e) => {
                    let msg = e.to_string();
                    *self.0.error.borrow_mut() = Some(e);
                    return Err(S::Error::custom(msg));
                }
            }
        }
        seq.end()
    }
}

/// Writes the document as pretty-printed UTF-8 JSON with a final newline, article by article.
pub fn write(conn: &Connection, sel: &Selection, filter: &Filter, w: &mut dyn Write) -> Result<()> {
    let tick = || sel.tick();
    let stream = Stream {
        conn,
        digests: &sel.digests,
        tick: &tick,
        filter,
        error: RefCell::new(None),
    };
    let res = serde_json::to_writer_pretty(&mut *w, &stream);
    if let Some(e) = stream.error.into_inner() {
        return Err(e);
    }
    res?;
    w.write_all(b"\n").map_err(super::io)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testdata::{annotated_store, tricky_article};
    use super::super::{select, write as export, Format, Request};
    use super::*;
    use crate::import::{import, Options};
    use crate::language::segmenter;
    use crate::model::{ClaimStatus, IssueDate, ReviewState};
    use crate::Store;

    fn export_json(store: &Store, filter: Filter) -> serde_json::Value {
        let mut buf = Vec::new();
        let req = Request {
            filter,
            ..Request::new(Format::Json)
        };
        export(store, &req, &mut buf).unwrap();
        serde_json::from_slice(&buf).unwrap()
    }

    #[test]
    fn exports_the_contract_shape() {
        let mut store = Store::open_in_memory().unwrap();
        let opts = Options {
            actor: "t".into(),
            ..Options::default()
        };
        import(&mut store, &segmenter(), &crate::sample::input(), &opts).unwrap();
        let mut buf = Vec::new();
        export(&store, &Request::new(Format::Json), &mut buf).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&buf).unwrap();
        assert_eq!(v["schema"], "galley.export/1");
        let d = &v["digests"][0];
        for key in ["id", "name", "source_file", "imported_at", "articles"] {
            assert!(d.get(key).is_some(), "digest has {key}");
        }
        let a = &d["articles"][0];
        for key in [
            "id",
            "title",
            "source",
            "paragraphs",
            "pull_quotes",
            "topics",
            "sentiment",
            "claims",
        ] {
            assert!(a.get(key).is_some(), "article has {key}");
        }
        assert!(a["source"]["outlets"].is_array());
        assert!(a["source"].get("line").is_some());
        assert!(a["paragraphs"][0]["kind"].is_string());
        assert!(a["paragraphs"][0]["text"].is_string());
        assert!(a["sentiment"].is_null());
        // Chinese is written as itself, not as \u escapes.
        assert!(String::from_utf8(buf).unwrap().contains("智源"));
    }

    #[test]
    fn an_unknown_digest_filter_is_not_found() {
        let store = Store::open_in_memory().unwrap();
        let f = Filter {
            digest_ids: vec![9],
            ..Filter::default()
        };
        assert_eq!(select(store.conn(), &f).unwrap_err().code(), "not_found");
    }

    #[test]
    fn annotations_are_exported() {
        let store = annotated_store();
        let v = export_json(&store, Filter::default());
        let sample = v["digests"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == 1)
            .unwrap();
        let a = &sample["articles"][0];
        assert_eq!(a["review_state"], "approved");
        assert_eq!(a["topics"][0]["code"], "desk:energy");
        assert_eq!(a["topics"][0]["label_zh"], "能源与氢能");
        assert_eq!(a["topics"][0]["status"], "accepted");
        assert_eq!(a["topics"][1]["status"], "suggested");
        assert_eq!(a["sentiment"]["label"], "positive");
        assert_eq!(a["sentiment"]["created_by"], "editor-a");
        let c = &a["claims"][0];
        assert_eq!(c["status"], "verified");
        assert_eq!(c["rating"], "属实");
        assert_eq!(c["rating_value"], 5);
        assert_eq!(c["reviewer"], "李编辑");
        assert_eq!(c["paragraph"], 0);
        assert_eq!(c["evidence"][0]["url"], "https://example.org/report");
        assert_eq!(c["notes"][0]["body"], "已电话核实");
        assert_eq!(c["history"]["changes"], 1);
        assert_eq!(a["notes"][0]["body"], "整篇可用");
        // The claim's text is exactly its code-point span of the paragraph.
        let p: Vec<char> = a["paragraphs"][0]["text"]
            .as_str()
            .unwrap()
            .chars()
            .collect();
        let (s, e) = (
            c["start"].as_u64().unwrap() as usize,
            c["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            p[s..e].iter().collect::<String>(),
            c["text"].as_str().unwrap()
        );

        let tricky = tricky_article(&store);
        let t = v["digests"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|d| d["articles"].as_array().unwrap())
            .find(|a| a["id"] == tricky)
            .unwrap();
        let claim = t["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["status"] == "false")
            .unwrap();
        assert_eq!(claim["text"], "野家😀说");
        assert_eq!(claim["start"], 2);
        assert_eq!(claim["end"], 6);
        assert_eq!(t["sentence_sentiments"][0]["label"], "negative");
    }

    #[test]
    fn filters_narrow_articles_and_claims() {
        let store = annotated_store();
        let only_false = export_json(
            &store,
            Filter {
                claim_statuses: vec![ClaimStatus::False],
                ..Filter::default()
            },
        );
        let digests = only_false["digests"].as_array().unwrap();
        assert_eq!(digests.len(), 1);
        let claims = digests[0]["articles"][0]["claims"].as_array().unwrap();
        assert_eq!(claims.len(), 1, "the unverified claim is filtered out");

        let approved = export_json(
            &store,
            Filter {
                review_states: vec![ReviewState::Approved],
                ..Filter::default()
            },
        );
        assert_eq!(
            approved["digests"][0]["articles"].as_array().unwrap().len(),
            1
        );
        assert_eq!(approved["digests"][0]["id"], 1);

        // A top-level code matches its second-level topics.
        let energy = export_json(
            &store,
            Filter {
                topics: vec!["medtop:04000000".into()],
                ..Filter::default()
            },
        );
        assert_eq!(
            energy["digests"][0]["articles"].as_array().unwrap().len(),
            1
        );

        let dated = export_json(
            &store,
            Filter {
                date_from: Some("2024-01".parse().unwrap()),
                date_to: Some("2024-01-31".parse().unwrap()),
                ..Filter::default()
            },
        );
        assert_eq!(dated["digests"].as_array().unwrap().len(), 1);
        assert_eq!(dated["digests"][0]["name"], "tricky");

        let june = export_json(
            &store,
            Filter {
                date_from: Some("2023-06-10".parse().unwrap()),
                date_to: Some("2023-06-10".parse().unwrap()),
                ..Filter::default()
            },
        );
        assert_eq!(
            june["digests"][0]["date"], "2023-06",
            "month-dated digest overlaps"
        );

        let none = select(
            store.conn(),
            &Filter {
                date_from: Some("2030-01".parse().unwrap()),
                ..Filter::default()
            },
        )
        .unwrap_err();
        assert_eq!(none.code(), "nothing_to_do");
        // Unknown statuses and dates are refused where they are read.
        let bad: Error = "true".parse::<ClaimStatus>().unwrap_err().into();
        assert_eq!(bad.code(), "invalid_input");
        let bad: Error = "June".parse::<IssueDate>().unwrap_err().into();
        assert_eq!(bad.code(), "invalid_input");
        assert!(bad.to_string().contains("YYYY-MM"), "{bad}");
        assert!("2023-13-45".parse::<IssueDate>().is_err());
    }

    #[test]
    fn every_export_validates_against_the_json_schema() {
        let schema: serde_json::Value = serde_json::from_str(JSON_SCHEMA).unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        let empty = export_json(&Store::open_in_memory().unwrap(), Filter::default());
        let store = annotated_store();
        for filter in [
            Filter::default(),
            Filter {
                claim_statuses: vec![ClaimStatus::Verified],
                ..Filter::default()
            },
            Filter {
                review_states: vec![ReviewState::InReview],
                ..Filter::default()
            },
        ] {
            let doc = export_json(&store, filter);
            let errors: Vec<String> = validator.iter_errors(&doc).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{errors:#?}");
        }
        assert!(validator.is_valid(&empty));
        // The schema really constrains: a wrong claim status fails.
        let mut doc = export_json(&store, Filter::default());
        doc["digests"][0]["articles"][0]["claims"][0]["status"] = "true".into();
        assert!(!validator.is_valid(&doc));
        let mut doc = export_json(&store, Filter::default());
        doc["digests"][0]["articles"][0]
            .as_object_mut()
            .unwrap()
            .remove("review_state");
        assert!(!validator.is_valid(&doc));
    }

    #[test]
    fn the_document_reads_back_into_the_typed_model() {
        let store = annotated_store();
        let mut buf = Vec::new();
        export(&store, &Request::new(Format::Json), &mut buf).unwrap();
        let doc: Document = serde_json::from_slice(&buf).unwrap();
        assert_eq!(doc.schema, SCHEMA);
        let n: usize = doc.digests.iter().map(|d| d.articles.len()).sum();
        assert!(n > 2);
        assert!(doc
            .digests
            .iter()
            .all(|d| d.articles.iter().all(|a| a.content_hash.len() == 64)));
    }
}
