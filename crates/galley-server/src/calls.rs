//! The calls the UI makes, by the same names as the desktop window's commands, each one line
//! over the façade. The server has already resumed the caller's session, so the façade knows
//! who acts and checks their role. [`CALLS`] is the one list: the server dispatches from it and
//! the OpenAPI document ([`crate::openapi`]) describes it.

use galley_core::annotate::agreement::Agreement;
use galley_core::annotate::queue::{QueueFilter, QueueItem};
use galley_core::annotate::view::Annotations;
use galley_core::annotate::Annotation;
use galley_core::app::{Info, PageLayout};
use galley_core::edit::Edit;
use galley_core::model::{Article, Change, Digest, Vocabulary};
use galley_core::store::audit::Record;
use galley_core::store::browse::{ArticleFilter, ArticlePage};
use galley_core::store::topics::Topic;
use galley_core::{Error, Result, Workspace};
use schemars::gen::SchemaGenerator;
use schemars::schema::Schema;
use schemars::JsonSchema;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A page of the list: `limit` articles from `offset`, of those the filter keeps.
#[derive(Deserialize, JsonSchema)]
struct Query {
    #[serde(default)]
    filter: ArticleFilter,
    offset: i64,
    limit: i64,
}

/// An article.
#[derive(Deserialize, JsonSchema)]
struct Id {
    id: i64,
}

/// An article.
#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct ArticleId {
    article_id: i64,
}

/// A digest.
#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct DigestId {
    digest_id: i64,
}

/// Of one digest, or of every article.
#[derive(Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
struct AgreementArgs {
    #[serde(default)]
    digest_id: Option<i64>,
}

/// No arguments.
#[derive(Deserialize, JsonSchema)]
struct NoArgs {}

/// A fix-up, and the version of the article it was made from.
#[derive(Deserialize, JsonSchema)]
struct EditArgs {
    edit: Edit,
    /// The version of the article the person saw: a change from a stale view is refused (409).
    #[serde(default)]
    base: Option<i64>,
}

/// An annotation, and the version of the article it was made from.
#[derive(Deserialize, JsonSchema)]
struct AnnotationArgs {
    annotation: Annotation,
    /// As in [`EditArgs`].
    #[serde(default)]
    base: Option<i64>,
}

/// Which claims of the review queue.
#[derive(Deserialize, JsonSchema)]
struct QueueArgs {
    #[serde(default)]
    filter: QueueFilter,
}

/// One call of the API.
pub struct Call {
    /// Its name: `POST /api/v1/call/NAME`.
    pub name: &'static str,
    /// What it does.
    pub summary: &'static str,
    /// Whether it changes the workspace (the others only read).
    pub changes: bool,
    run: fn(&mut Workspace, Value) -> Result<Value>,
    /// The schema of its arguments (a JSON object).
    pub args: fn(&mut SchemaGenerator) -> Schema,
    /// The schema of its result.
    pub result: fn(&mut SchemaGenerator) -> Schema,
}

fn schema<T: JsonSchema>(g: &mut SchemaGenerator) -> Schema {
    g.subschema_for::<T>()
}

/// Every call of the team server.
pub const CALLS: &[Call] = &[
    Call {
        name: "app_info",
        summary: "The workspace: its version, file name and who is signed in.",
        changes: false,
        run: |ws, _| info(ws),
        args: schema::<NoArgs>,
        result: schema::<Info>,
    },
    Call {
        name: "list_digests",
        summary: "Every digest, newest first.",
        changes: false,
        run: |ws, _| json(ws.digests()?),
        args: schema::<NoArgs>,
        result: schema::<Vec<Digest>>,
    },
    Call {
        name: "query_articles",
        summary: "One page of the article list, filtered and searched (jieba tokens).",
        changes: false,
        run: |ws, args| {
            let q: Query = from(args)?;
            json(ws.browse(&q.filter, q.offset, q.limit)?)
        },
        args: schema::<Query>,
        result: schema::<ArticlePage>,
    },
    Call {
        name: "get_article",
        summary: "One article with its paragraphs, pull quotes, source and version.",
        changes: false,
        run: |ws, args| json(ws.article(from::<Id>(args)?.id)?),
        args: schema::<Id>,
        result: schema::<Article>,
    },
    Call {
        name: "article_annotations",
        summary: "An article's topics, sentiment, claims, suggestions, entities and notes.",
        changes: false,
        run: |ws, args| json(ws.annotations(from::<ArticleId>(args)?.article_id)?),
        args: schema::<ArticleId>,
        result: schema::<Annotations>,
    },
    Call {
        name: "page_layout",
        summary: "A digest's pages and the box of every block, or its original lines.",
        changes: false,
        run: |ws, args| json(ws.page_layout(from::<DigestId>(args)?.digest_id)?),
        args: schema::<DigestId>,
        result: schema::<PageLayout>,
    },
    Call {
        name: "article_history",
        summary: "Who changed what in an article, newest first.",
        changes: false,
        run: |ws, args| json(ws.history(Some(from::<ArticleId>(args)?.article_id), 200, false)?),
        args: schema::<ArticleId>,
        result: schema::<Vec<Record>>,
    },
    Call {
        name: "apply_edit",
        summary:
            "A fix-up of the structure (editors); 409 `stale` when made from an older version.",
        changes: true,
        run: |ws, args| {
            let a = from::<EditArgs>(args)?;
            json(ws.fix_from(&a.edit, a.base)?)
        },
        args: schema::<EditArgs>,
        result: schema::<Change>,
    },
    Call {
        name: "annotate",
        summary: "An annotation or a verdict; 409 `stale` when made from an older version.",
        changes: true,
        run: |ws, args| {
            let a = from::<AnnotationArgs>(args)?;
            json(ws.annotate_from(&a.annotation, a.base)?)
        },
        args: schema::<AnnotationArgs>,
        result: schema::<Change>,
    },
    Call {
        name: "undo",
        summary: "Undoes the caller's own last change (refused over someone else's later one).",
        changes: true,
        run: |ws, _| json(ws.undo()?),
        args: schema::<NoArgs>,
        result: schema::<Change>,
    },
    Call {
        name: "redo",
        summary: "Redoes the caller's own last undone change.",
        changes: true,
        run: |ws, _| json(ws.redo()?),
        args: schema::<NoArgs>,
        result: schema::<Change>,
    },
    Call {
        name: "review_queue",
        summary: "Claims waiting for a verdict, with who is on each.",
        changes: false,
        run: |ws, args| json(ws.review_queue(&from::<QueueArgs>(args)?.filter, 500)?),
        args: schema::<QueueArgs>,
        result: schema::<Vec<QueueItem>>,
    },
    Call {
        name: "agreement",
        summary: "Fleiss' and Cohen's κ between people who labelled the same articles.",
        changes: false,
        run: |ws, args| json(ws.agreement(from::<AgreementArgs>(args)?.digest_id)?),
        args: schema::<AgreementArgs>,
        result: schema::<Agreement>,
    },
    Call {
        name: "list_topics",
        summary: "The topic taxonomy (IPTC Media Topics and the desk's own).",
        changes: false,
        run: |ws, _| json(ws.topics()?),
        args: schema::<NoArgs>,
        result: schema::<Vec<Topic>>,
    },
    Call {
        name: "vocabulary",
        summary: "The domain's words (statuses, ratings, labels, roles) for menus.",
        changes: false,
        run: |ws, _| json(ws.vocabulary()),
        args: schema::<NoArgs>,
        result: schema::<Vocabulary>,
    },
];

/// The call named `name`.
pub fn find(name: &str) -> Result<&'static Call> {
    CALLS
        .iter()
        .find(|c| c.name == name)
        .ok_or_else(|| Error::Invalid(format!("{name} is not a call of the team server")))
}

/// Whether the call `name` changes the workspace (the others only read).
pub fn changes(name: &str) -> bool {
    find(name).is_ok_and(|c| c.changes)
}

/// Runs the call `name` with its JSON arguments; its result as JSON.
pub fn call(ws: &mut Workspace, name: &str, args: Value) -> Result<Value> {
    (find(name)?.run)(ws, args)
}

/// The workspace's info, naming the database file but not where it is on the server.
fn info(ws: &Workspace) -> Result<Value> {
    let mut info = ws.info()?;
    info.db_path = std::path::Path::new(&info.db_path)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut v = serde_json::to_value(info)?;
    v["sample_if_empty"] = Value::Bool(false);
    v["team"] = Value::Bool(true);
    Ok(v)
}

fn from<T: DeserializeOwned>(args: Value) -> Result<T> {
    serde_json::from_value(args).map_err(|e| Error::Invalid(format!("bad arguments: {e}")))
}

fn json<T: Serialize>(value: T) -> Result<Value> {
    Ok(serde_json::to_value(value)?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use galley_core::app::import::{ImportOptions, Source};
    use galley_core::model::Role;

    #[test]
    fn the_page_layout_of_a_pdf_digest_is_a_call() {
        let mut ws = Workspace::open_in_memory().unwrap();
        ws.sign_in("编辑甲", Role::Editor).unwrap();
        let pdf = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../galley-core/tests/pdf/two-columns.lo.pdf");
        let out = ws
            .import(&[Source::Path(pdf)], &ImportOptions::default(), |_, _| {})
            .unwrap();
        let digest = out[0].report.as_ref().unwrap().digest_id.unwrap();
        let layout = call(
            &mut ws,
            "page_layout",
            serde_json::json!({"digestId": digest}),
        )
        .unwrap();
        assert_eq!(layout["pages"].as_array().unwrap().len(), 1);
        let first = &layout["boxes"][0];
        for key in ["page", "x0", "y0", "x1", "y1", "role", "article_id"] {
            assert!(first.get(key).is_some(), "{key} in {first}");
        }
        assert!(!changes("page_layout"));
    }
}
