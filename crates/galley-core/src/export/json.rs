//! The `galley.export/1` JSON document. Later versions add fields; none is removed or renamed.

use std::io::Write;

use serde::Serialize;

use super::{selected_digests, Filter};
use crate::model::{ParagraphKind, ReviewState, Source};
use crate::store::articles;
use crate::{Result, Store};

pub const SCHEMA: &str = "galley.export/1";

#[derive(Debug, Serialize)]
pub struct Document {
    pub schema: &'static str,
    pub digests: Vec<DigestOut>,
}

#[derive(Debug, Serialize)]
pub struct DigestOut {
    pub id: i64,
    pub name: String,
    pub date: Option<String>,
    pub source_file: Option<String>,
    pub content_hash: String,
    pub imported_at: String,
    pub articles: Vec<ArticleOut>,
}

#[derive(Debug, Serialize)]
pub struct ArticleOut {
    pub id: i64,
    pub title: String,
    pub source: Source,
    pub paragraphs: Vec<ParagraphOut>,
    pub pull_quotes: Vec<PullQuoteOut>,
    pub topics: Vec<serde_json::Value>,
    pub sentiment: Option<serde_json::Value>,
    pub claims: Vec<serde_json::Value>,
    pub review_state: ReviewState,
    pub confidence: Option<f64>,
    pub updated_at: String,
}

#[derive(Debug, Serialize)]
pub struct ParagraphOut {
    pub kind: ParagraphKind,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct PullQuoteOut {
    pub text: String,
}

/// Builds the export document.
pub fn document(store: &Store, filter: &Filter) -> Result<Document> {
    let conn = store.conn();
    let mut digests = Vec::new();
    for d in selected_digests(conn, filter)? {
        let mut out = Vec::new();
        for id in articles::ids_for_digest(conn, d.id)? {
            let a = articles::get(conn, id)?;
            out.push(ArticleOut {
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
                topics: Vec::new(),
                sentiment: None,
                claims: Vec::new(),
                review_state: a.review_state,
                confidence: a.confidence,
                updated_at: a.updated_at,
            });
        }
        digests.push(DigestOut {
            id: d.id,
            name: d.name,
            date: d.date,
            source_file: d.source_file,
            content_hash: d.content_hash,
            imported_at: d.imported_at,
            articles: out,
        });
    }
    Ok(Document {
        schema: SCHEMA,
        digests,
    })
}

/// Writes the document as pretty-printed UTF-8 JSON with a final newline.
pub fn write(store: &Store, filter: &Filter, mut w: impl Write) -> Result<()> {
    let doc = document(store, filter)?;
    serde_json::to_writer_pretty(&mut w, &doc)?;
    w.write_all(b"\n")
        .map_err(|e| crate::Error::Serialise(serde_json::Error::io(e)))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::{import, Options};
    use crate::language::segmenter;

    #[test]
    fn exports_the_contract_shape() {
        let mut store = Store::open_in_memory().unwrap();
        let opts = Options {
            actor: "t".into(),
            ..Options::default()
        };
        import(&mut store, &segmenter(), &crate::sample::input(), &opts).unwrap();
        let mut buf = Vec::new();
        write(&store, &Filter::default(), &mut buf).unwrap();
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
        };
        assert_eq!(document(&store, &f).unwrap_err().code(), "not_found");
    }
}
