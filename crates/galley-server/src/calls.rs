//! The calls the UI makes, by the same names as the desktop window's commands, each one line
//! over the façade. The server has already resumed the caller's session, so the façade knows
//! who acts and checks their role.

use galley_core::annotate::queue::QueueFilter;
use galley_core::annotate::Annotation;
use galley_core::edit::Edit;
use galley_core::store::browse::ArticleFilter;
use galley_core::{Error, Result, Workspace};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

#[derive(Deserialize)]
struct Query {
    #[serde(default)]
    filter: ArticleFilter,
    offset: i64,
    limit: i64,
}

#[derive(Deserialize)]
struct Id {
    id: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ArticleId {
    article_id: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct DigestId {
    digest_id: i64,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Agreement {
    #[serde(default)]
    digest_id: Option<i64>,
}

#[derive(Deserialize)]
struct EditArgs {
    edit: Edit,
    /// The version of the article the person saw: a change from a stale view is refused (409).
    #[serde(default)]
    base: Option<i64>,
}

#[derive(Deserialize)]
struct AnnotationArgs {
    annotation: Annotation,
    /// As in [`EditArgs`].
    #[serde(default)]
    base: Option<i64>,
}

#[derive(Deserialize)]
struct QueueArgs {
    #[serde(default)]
    filter: QueueFilter,
}

/// Whether a call changes the workspace (the others only read).
pub fn changes(name: &str) -> bool {
    matches!(name, "apply_edit" | "annotate" | "undo" | "redo")
}

/// Runs the call `name` with its JSON arguments; its result as JSON.
pub fn call(ws: &mut Workspace, name: &str, args: Value) -> Result<Value> {
    match name {
        "app_info" => info(ws),
        "list_digests" => json(ws.digests()?),
        "query_articles" => {
            let q: Query = from(args)?;
            json(ws.browse(&q.filter, q.offset, q.limit)?)
        }
        "get_article" => json(ws.article(from::<Id>(args)?.id)?),
        "article_annotations" => json(ws.annotations(from::<ArticleId>(args)?.article_id)?),
        "page_layout" => json(ws.page_layout(from::<DigestId>(args)?.digest_id)?),
        "article_history" => {
            json(ws.history(Some(from::<ArticleId>(args)?.article_id), 200, false)?)
        }
        "apply_edit" => {
            let a = from::<EditArgs>(args)?;
            json(ws.fix_from(&a.edit, a.base)?)
        }
        "annotate" => {
            let a = from::<AnnotationArgs>(args)?;
            json(ws.annotate_from(&a.annotation, a.base)?)
        }
        "undo" => json(ws.undo()?),
        "redo" => json(ws.redo()?),
        "review_queue" => json(ws.review_queue(&from::<QueueArgs>(args)?.filter, 500)?),
        "agreement" => json(ws.agreement(from::<Agreement>(args)?.digest_id)?),
        "list_topics" => json(ws.topics()?),
        "vocabulary" => json(ws.vocabulary()),
        _ => Err(Error::Invalid(format!(
            "{name} is not a call of the team server"
        ))),
    }
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
