//! The `galley.export/1` document as data: what export writes and the importer reads back.
//! Described field by field in `docs/export-format.md` and by the JSON Schema
//! `docs/galley.export.schema.json`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    ClaimStatus, EntityKind, IssueDate, Origin, ParagraphKind, ReviewState, SentimentLabel, Source,
    SuggestionStatus,
};

pub const SCHEMA: &str = "galley.export/1";

/// The whole document, for readers (the importer, tests). Writers stream instead.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "galley.export/1",
    description = "The annotated digests exported by Galley (`galley export --format json`). Later versions of galley.export/1 only add properties, so readers must ignore properties they do not know. See docs/export-format.md."
)]
pub struct Document {
    #[schemars(schema_with = "schema_name")]
    pub schema: String,
    pub digests: Vec<DigestOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "digest")]
pub struct DigestOut {
    pub id: i64,
    #[schemars(length(min = 1))]
    pub name: String,
    pub date: Option<IssueDate>,
    pub source_file: Option<String>,
    #[schemars(length(min = 1))]
    pub content_hash: String,
    pub imported_at: String,
    pub articles: Vec<ArticleOut>,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "article")]
pub struct ArticleOut {
    pub id: i64,
    pub title: String,
    pub source: Source,
    pub paragraphs: Vec<ParagraphOut>,
    pub pull_quotes: Vec<PullQuoteOut>,
    #[serde(default)]
    pub topics: Vec<TopicOut>,
    #[serde(default)]
    pub sentiment: Option<SentimentOut>,
    #[serde(default)]
    pub claims: Vec<ClaimOut>,
    pub review_state: ReviewState,
    #[schemars(range(min = 0, max = 1))]
    pub confidence: Option<f64>,
    pub updated_at: String,
    // Added in the annotation release (additive).
    #[serde(default)]
    pub sentence_sentiments: Vec<SentenceSentimentOut>,
    #[serde(default)]
    pub notes: Vec<NoteOut>,
    #[serde(default)]
    pub entities: Vec<EntityOut>,
    /// SHA-256 (hex) of the article's title and paragraph texts: how imports recognise it.
    #[serde(default)]
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub content_hash: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "paragraph")]
pub struct ParagraphOut {
    pub kind: ParagraphKind,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "pullQuote")]
pub struct PullQuoteOut {
    pub text: String,
}

/// SHA-256 (hex) of an article's title and paragraphs, one per line, each in its
/// [`hash_form`](crate::text::hash_form).
pub fn article_hash<'a>(title: &str, paragraphs: impl IntoIterator<Item = &'a str>) -> String {
    use crate::text::{hash_form, sha256_hex};
    let title = hash_form(title);
    let paragraphs: Vec<String> = paragraphs.into_iter().map(hash_form).collect();
    let lines = paragraphs.iter().flat_map(|p| {
        [
            &b"
"[..],
            p.trim().as_bytes(),
        ]
    });
    sha256_hex(std::iter::once(title.trim().as_bytes()).chain(lines))
}

/// A topic of an article: the taxonomy code and labels, and the editor's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "topic")]
pub struct TopicOut {
    #[schemars(length(min = 1))]
    pub code: String,
    pub label_zh: String,
    pub label_en: String,
    /// `accepted`, `suggested` or `rejected`.
    pub status: SuggestionStatus,
    /// `auto` (suggested by Galley) or `editor`.
    #[schemars(with = "Origin")]
    pub source: String,
    pub score: Option<f64>,
    #[serde(default)]
    pub reasons: Vec<String>,
    pub created_by: String,
    pub created_at: String,
}

/// The tone of the whole article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "sentiment")]
pub struct SentimentOut {
    /// `positive`, `neutral`, `negative` or `mixed`.
    pub label: SentimentLabel,
    /// -1 (negative) ..= 1 (positive).
    #[schemars(range(min = -1, max = 1))]
    pub score: f64,
    #[schemars(schema_with = "kept_status")]
    pub status: SuggestionStatus,
    #[schemars(with = "Origin")]
    pub source: String,
    #[serde(default)]
    pub reasons: Vec<String>,
    pub created_by: String,
    pub created_at: String,
}

/// The tone of one sentence: a code-point span of one paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "sentenceSentiment")]
pub struct SentenceSentimentOut {
    /// Index into the article's `paragraphs`.
    pub paragraph: usize,
    #[schemars(range(min = 0))]
    pub start: Option<i64>,
    #[schemars(range(min = 0))]
    pub end: Option<i64>,
    pub label: SentimentLabel,
    #[schemars(range(min = -1, max = 1))]
    pub score: f64,
    #[schemars(schema_with = "kept_status")]
    pub status: SuggestionStatus,
    #[schemars(with = "Origin")]
    pub source: String,
    pub created_by: String,
    pub created_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "evidence")]
pub struct EvidenceOut {
    pub url: Option<String>,
    pub quote: Option<String>,
    pub note: Option<String>,
    pub added_by: String,
    pub added_at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "note")]
pub struct NoteOut {
    pub body: String,
    pub author: String,
    pub created_at: String,
}

/// What the audit log says about a claim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "history")]
pub struct HistoryOut {
    /// Entries in the audit log for this claim.
    #[schemars(range(min = 0))]
    pub changes: i64,
    pub first_at: Option<String>,
    pub last_at: Option<String>,
    pub last_by: Option<String>,
}

/// A claim: a code-point span `[start, end)` of one paragraph, with its fact-check state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "claim")]
pub struct ClaimOut {
    pub id: i64,
    /// Index into the article's `paragraphs`.
    pub paragraph: usize,
    #[schemars(range(min = 0))]
    pub start: i64,
    #[schemars(range(min = 1))]
    pub end: i64,
    #[schemars(length(min = 1))]
    pub text: String,
    pub status: ClaimStatus,
    pub rating: Option<String>,
    pub rating_value: Option<i64>,
    pub reviewer: Option<String>,
    pub reviewed_at: Option<String>,
    #[schemars(with = "Origin")]
    pub source: String,
    pub score: Option<f64>,
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Numeric consistency findings (`{check, status, detail}` objects).
    #[serde(default)]
    pub consistency: Vec<serde_json::Value>,
    #[serde(default)]
    pub evidence: Vec<EvidenceOut>,
    #[serde(default)]
    pub notes: Vec<NoteOut>,
    #[serde(default)]
    pub history: HistoryOut,
    pub created_by: String,
    pub created_at: String,
    pub updated_at: String,
}

/// People, organisations and places named in the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "entity")]
pub struct EntityOut {
    pub text: String,
    /// `person`, `organization`, `place` or `other`.
    pub kind: EntityKind,
    #[schemars(range(min = 0))]
    pub mentions: i64,
    #[schemars(schema_with = "kept_status")]
    pub status: SuggestionStatus,
    #[schemars(with = "Origin")]
    pub source: String,
}

/// `schema`: always `galley.export/1`.
fn schema_name(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
    schemars::schema::SchemaObject {
        const_value: Some(SCHEMA.into()),
        ..Default::default()
    }
    .into()
}

/// The status of an exported sentiment or entity: rejected ones are not exported.
fn kept_status(_: &mut schemars::gen::SchemaGenerator) -> schemars::schema::Schema {
    schemars::schema::SchemaObject {
        instance_type: Some(schemars::schema::InstanceType::String.into()),
        enum_values: Some(
            [SuggestionStatus::Suggested, SuggestionStatus::Accepted]
                .iter()
                .map(|s| s.as_str().into())
                .collect(),
        ),
        ..Default::default()
    }
    .into()
}

/// The `$id` of the JSON Schema.
pub const SCHEMA_ID: &str = "https://galley.invalid/schema/galley.export-1.json";

/// The JSON Schema (draft 2020-12) of the document, generated from these types; committed
/// as `docs/galley.export.schema.json` (a test fails when that file is stale).
pub fn json_schema() -> serde_json::Value {
    let mut settings = schemars::gen::SchemaSettings::draft2019_09();
    settings.meta_schema = Some("https://json-schema.org/draft/2020-12/schema".to_owned());
    settings.definitions_path = "#/$defs/".to_owned();
    let root = settings.into_generator().into_root_schema_for::<Document>();
    let mut v = serde_json::to_value(root).expect("a schema is JSON");
    let o = v.as_object_mut().expect("a schema is an object");
    o.insert("$id".to_owned(), SCHEMA_ID.into());
    if let Some(defs) = o.remove("definitions") {
        o.insert("$defs".to_owned(), defs);
    }
    // Every field is written, `null` where it has no value: all are required but those read
    // with a default (added to galley.export/1 later, absent from older files); of those,
    // some were always written and stay required.
    let always_written: &[(&str, &[&str])] = &[
        ("article", &["topics", "sentiment", "claims"]),
        (
            "claim",
            &["reasons", "consistency", "evidence", "notes", "history"],
        ),
    ];
    require_fields(&mut v, always_written);
    // Evidence is a URL, a quote or a note: at least one of them.
    v["$defs"]["evidence"]["anyOf"] = serde_json::json!([
        { "properties": { "url": { "type": "string" } } },
        { "properties": { "quote": { "type": "string" } } },
        { "properties": { "note": { "type": "string" } } }
    ]);
    v
}

/// Sets `required` of every object schema (the root and each of `$defs`) to its properties
/// without a `default`, plus the `also` fields of the named definitions; then drops the
/// defaults (they only mark fields that older files may lack).
fn require_fields(schema: &mut serde_json::Value, also: &[(&str, &[&str])]) {
    fn require(object: &mut serde_json::Value, also: &[&str]) {
        let Some(props) = object
            .get_mut("properties")
            .and_then(serde_json::Value::as_object_mut)
        else {
            return;
        };
        let mut required: Vec<String> = Vec::new();
        for (name, prop) in props.iter_mut() {
            let defaulted = prop
                .as_object_mut()
                .and_then(|p| p.remove("default"))
                .is_some();
            if !defaulted || also.contains(&name.as_str()) {
                required.push(name.clone());
            }
        }
        required.sort();
        object["required"] = required.into();
    }
    require(schema, &[]);
    if let Some(defs) = schema
        .get_mut("$defs")
        .and_then(serde_json::Value::as_object_mut)
    {
        for (name, def) in defs.iter_mut() {
            let extra = also
                .iter()
                .find(|(d, _)| d == name)
                .map_or(&[][..], |(_, f)| f);
            require(def, extra);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `docs/galley.export.schema.json` is generated: `UPDATE_SCHEMA=1 cargo test -p
    /// galley-core json_schema` rewrites it from the types.
    #[test]
    fn the_committed_json_schema_is_generated_from_the_types() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/galley.export.schema.json"
        );
        let generated = json_schema();
        let text = serde_json::to_string_pretty(&generated).unwrap() + "\n";
        if std::env::var_os("UPDATE_SCHEMA").is_some() {
            std::fs::write(path, &text).unwrap();
        }
        let committed: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        assert!(
            committed == generated,
            "docs/galley.export.schema.json differs from the schema generated from \
             model::document; run `UPDATE_SCHEMA=1 cargo test -p galley-core json_schema` \
             to rewrite it, and commit it"
        );
    }
}
