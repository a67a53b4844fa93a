//! The `galley.export/1` document as data: what export writes and the importer reads back.
//! Described field by field in `docs/export-format.md` and by the JSON Schema
//! `docs/galley.export.schema.json`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::{
    ClaimStatus, EntityKind, IssueDate, Origin, ParagraphKind, ReviewState, SentimentLabel, Source,
    SuggestionStatus,
};

/// The document's format name, written as its `schema`.
pub const SCHEMA: &str = "galley.export/1";

/// The whole document, for readers (the importer, tests). Writers stream instead.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(
    title = "galley.export/1",
    description = "The annotated digests exported by Galley (`galley export --format json`). Later versions of galley.export/1 only add properties, so readers must ignore properties they do not know. See docs/export-format.md."
)]
pub struct Document {
    /// Always `galley.export/1`.
    #[schemars(schema_with = "schema_name")]
    pub schema: String,
    /// The exported digests.
    pub digests: Vec<DigestOut>,
}

/// One digest and its articles.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "digest")]
pub struct DigestOut {
    /// The digest's id in the exporting database.
    pub id: i64,
    /// The digest's name.
    #[schemars(length(min = 1))]
    pub name: String,
    /// The issue date, when known.
    pub date: Option<IssueDate>,
    /// The file the digest was imported from, if any.
    pub source_file: Option<String>,
    /// SHA-256 of the imported text.
    #[schemars(length(min = 1))]
    pub content_hash: String,
    /// When the digest was imported (RFC 3339, UTC).
    pub imported_at: String,
    /// The articles, in page order.
    pub articles: Vec<ArticleOut>,
}

/// One article with its text and annotations.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "article")]
pub struct ArticleOut {
    /// The article's id in the exporting database.
    pub id: i64,
    /// The title as printed.
    pub title: String,
    /// The attribution line and the outlets it names.
    pub source: Source,
    /// The paragraphs, in order.
    pub paragraphs: Vec<ParagraphOut>,
    /// The pull quotes, in order.
    pub pull_quotes: Vec<PullQuoteOut>,
    /// The topics of the article.
    #[serde(default)]
    pub topics: Vec<TopicOut>,
    /// The tone of the whole article, if judged.
    #[serde(default)]
    pub sentiment: Option<SentimentOut>,
    /// The claims marked in the article.
    #[serde(default)]
    pub claims: Vec<ClaimOut>,
    /// Where the article is in the editorial workflow.
    pub review_state: ReviewState,
    /// 0..=1: how sure the importer was that the article is whole and correct.
    #[schemars(range(min = 0, max = 1))]
    pub confidence: Option<f64>,
    /// When the article last changed (RFC 3339, UTC).
    pub updated_at: String,
    // Added in the annotation release (additive).
    /// The tone of single sentences.
    #[serde(default)]
    pub sentence_sentiments: Vec<SentenceSentimentOut>,
    /// The notes on the article (not on one claim).
    #[serde(default)]
    pub notes: Vec<NoteOut>,
    /// The named entities of the article.
    #[serde(default)]
    pub entities: Vec<EntityOut>,
    /// SHA-256 (hex) of the article's title and paragraph texts: how imports recognise it.
    #[serde(default)]
    #[schemars(regex(pattern = r"^[0-9a-f]{64}$"))]
    pub content_hash: String,
    /// Sentences Galley found worth checking that no editor has decided on yet (suggestions,
    /// not claims: an accepted one is in `claims`, a rejected one is left out).
    #[serde(default)]
    pub suggested_claims: Vec<SuggestedClaimOut>,
}

/// A check-worthy sentence Galley suggested, not yet decided: a code-point span of a paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "suggested_claim")]
pub struct SuggestedClaimOut {
    /// Index into the article's `paragraphs`.
    pub paragraph: usize,
    /// Code-point offset where the sentence starts in the paragraph.
    #[schemars(range(min = 0))]
    pub start: i64,
    /// Code-point offset just past the sentence.
    #[schemars(range(min = 1))]
    pub end: i64,
    /// The sentence: the paragraph's text in `[start, end)`.
    pub text: String,
    /// Always `suggested`: no editor has accepted or rejected it.
    pub status: SuggestionStatus,
    /// 0..1: how worth checking Galley scored it.
    #[schemars(range(min = 0, max = 1))]
    pub score: f64,
    /// Its place among the article's suggestions, best first from 0.
    pub rank: i64,
    /// Why Galley suggested it.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Numeric consistency findings (`{check, status, detail}` objects).
    #[serde(default)]
    pub consistency: Vec<serde_json::Value>,
}

/// One paragraph of an article.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "paragraph")]
pub struct ParagraphOut {
    /// Whether the paragraph is a lead, body text or a heading.
    pub kind: ParagraphKind,
    /// The paragraph's text.
    pub text: String,
}

/// One pull quote of an article.
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "pullQuote")]
pub struct PullQuoteOut {
    /// The quoted text.
    pub text: String,
}

/// SHA-256 (hex) of an article's title and paragraphs, one per line, each in its
/// [`hash_form`](crate::text::hash_form).
pub fn article_hash<'a>(title: &str, paragraphs: impl IntoIterator<Item = &'a str>) -> String {
    use crate::text::{hash_form, sha256_hex};
    let title = hash_form(title);
    let paragraphs: Vec<_> = paragraphs.into_iter().map(hash_form).collect();
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
    /// The topic's code in the taxonomy.
    #[schemars(length(min = 1))]
    pub code: String,
    /// The topic's Chinese label.
    pub label_zh: String,
    /// The topic's English label.
    pub label_en: String,
    /// `accepted`, `suggested` or `rejected`.
    pub status: SuggestionStatus,
    /// `auto` (suggested by Galley) or `editor`.
    #[schemars(with = "Origin")]
    pub source: String,
    /// How strongly the article matched the topic, for a suggested one.
    pub score: Option<f64>,
    /// Why the topic was suggested.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Who added the topic.
    pub created_by: String,
    /// When the topic was added (RFC 3339, UTC).
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
    /// `suggested` or `accepted` (rejected ones are not exported).
    #[schemars(schema_with = "kept_status")]
    pub status: SuggestionStatus,
    /// `auto` (judged by Galley) or `editor`.
    #[schemars(with = "Origin")]
    pub source: String,
    /// Why Galley judged the tone so.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Who made the judgement.
    pub created_by: String,
    /// When the judgement was made (RFC 3339, UTC).
    pub created_at: String,
}

/// The tone of one sentence: a code-point span of one paragraph.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "sentenceSentiment")]
pub struct SentenceSentimentOut {
    /// Index into the article's `paragraphs`.
    pub paragraph: usize,
    /// Code-point offset where the sentence starts in the paragraph.
    #[schemars(range(min = 0))]
    pub start: Option<i64>,
    /// Code-point offset just past the sentence's end.
    #[schemars(range(min = 0))]
    pub end: Option<i64>,
    /// `positive`, `neutral`, `negative` or `mixed`.
    pub label: SentimentLabel,
    /// -1 (negative) ..= 1 (positive).
    #[schemars(range(min = -1, max = 1))]
    pub score: f64,
    /// `suggested` or `accepted` (rejected ones are not exported).
    #[schemars(schema_with = "kept_status")]
    pub status: SuggestionStatus,
    /// `auto` (judged by Galley) or `editor`.
    #[schemars(with = "Origin")]
    pub source: String,
    /// Who made the judgement.
    pub created_by: String,
    /// When the judgement was made (RFC 3339, UTC).
    pub created_at: String,
}

/// A piece of evidence for a verdict on a claim: a web address, a quote or a note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "evidence")]
pub struct EvidenceOut {
    /// The http(s) address of the source.
    pub url: Option<String>,
    /// A passage quoted from the source.
    pub quote: Option<String>,
    /// The reviewer's note on it.
    pub note: Option<String>,
    /// Who added the evidence.
    pub added_by: String,
    /// When the evidence was added (RFC 3339, UTC).
    pub added_at: String,
}

/// A note left on an article or a claim.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "note")]
pub struct NoteOut {
    /// The note's text.
    pub body: String,
    /// Who wrote the note.
    pub author: String,
    /// When the note was written (RFC 3339, UTC).
    pub created_at: String,
}

/// What the audit log says about a claim.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "history")]
pub struct HistoryOut {
    /// Entries in the audit log for this claim.
    #[schemars(range(min = 0))]
    pub changes: i64,
    /// When the claim was first changed.
    pub first_at: Option<String>,
    /// When the claim was last changed.
    pub last_at: Option<String>,
    /// Who changed the claim last.
    pub last_by: Option<String>,
}

/// A claim: a code-point span `[start, end)` of one paragraph, with its fact-check state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "claim")]
pub struct ClaimOut {
    /// The claim's id in the exporting database.
    pub id: i64,
    /// Index into the article's `paragraphs`.
    pub paragraph: usize,
    /// Code-point offset where the claim starts in the paragraph.
    #[schemars(range(min = 0))]
    pub start: i64,
    /// Code-point offset just past the claim's end.
    #[schemars(range(min = 1))]
    pub end: i64,
    /// The claim's text: the paragraph's text in `[start, end)`.
    #[schemars(length(min = 1))]
    pub text: String,
    /// Where the claim is in fact-checking.
    pub status: ClaimStatus,
    /// The ClaimReview textual rating (e.g. 属实), if given.
    pub rating: Option<String>,
    /// The ClaimReview numeric rating that goes with it.
    pub rating_value: Option<i64>,
    /// Who gave the verdict.
    pub reviewer: Option<String>,
    /// When the verdict was given (RFC 3339, UTC).
    pub reviewed_at: Option<String>,
    /// `auto` (suggested by Galley) or `editor`.
    #[schemars(with = "Origin")]
    pub source: String,
    /// How check-worthy Galley scored the claim, for a suggested one.
    pub score: Option<f64>,
    /// Why Galley suggested the claim.
    #[serde(default)]
    pub reasons: Vec<String>,
    /// Numeric consistency findings (`{check, status, detail}` objects).
    #[serde(default)]
    pub consistency: Vec<serde_json::Value>,
    /// The evidence behind the verdict.
    #[serde(default)]
    pub evidence: Vec<EvidenceOut>,
    /// The notes on the claim.
    #[serde(default)]
    pub notes: Vec<NoteOut>,
    /// What the audit log says about the claim.
    #[serde(default)]
    pub history: HistoryOut,
    /// Who created the claim.
    pub created_by: String,
    /// When the claim was created (RFC 3339, UTC).
    pub created_at: String,
    /// When the claim last changed (RFC 3339, UTC).
    pub updated_at: String,
}

/// People, organisations and places named in the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[schemars(rename = "entity")]
pub struct EntityOut {
    /// The entity's name as written in the article.
    pub text: String,
    /// `person`, `organization`, `place` or `other`.
    pub kind: EntityKind,
    /// How many times the article names it.
    #[schemars(range(min = 0))]
    pub mentions: i64,
    /// `suggested` or `accepted` (rejected ones are not exported).
    #[schemars(schema_with = "kept_status")]
    pub status: SuggestionStatus,
    /// `auto` (found by Galley) or `editor`.
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
