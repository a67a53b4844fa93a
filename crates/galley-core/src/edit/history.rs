//! Undo and redo, read from the audit log so they survive a restart.
//!
//! History is one line: undo reverts the newest change still done, redo re-applies the change
//! undone last, and a new change drops whatever could still be redone.

use jieba_rs::Jieba;
use serde_json::{json, Value};

use super::snapshot::{self, DigestSnapshot};
use super::{Change, Edit};
use crate::store::annotation_snapshot::{self as annotations, ArticleAnnotations};
use crate::store::{audit, now};
use crate::{Error, Result, Store};

/// What an undoable audit entry keeps on each side.
pub(super) fn payload(snapshot: &DigestSnapshot, edit: &Edit) -> Value {
    json!({ "kind": "digest_structure", "edit": edit, "snapshot": snapshot })
}

/// The state an undoable entry can put back: a digest's structure (fix-ups) or an article's
/// annotations.
enum Target {
    Digest(DigestSnapshot),
    Article(ArticleAnnotations),
}

fn target_of(record: &audit::Record, side: &Option<Value>) -> Result<Target> {
    let value = side.as_ref().ok_or_else(|| cannot(record))?;
    let snap = value["snapshot"].clone();
    match value["kind"].as_str() {
        Some("digest_structure") => Ok(Target::Digest(serde_json::from_value(snap)?)),
        Some("article_annotations") => Ok(Target::Article(serde_json::from_value(snap)?)),
        _ => Err(cannot(record)),
    }
}

fn cannot(record: &audit::Record) -> Error {
    Error::Conflict(format!("change {} cannot be reverted", record.id))
}

/// Reverts the newest change still done. [`Error::NothingTo`] when there is none.
pub fn undo(store: &mut Store, jieba: &Jieba, actor: &str) -> Result<Change> {
    revert(store, jieba, actor, Direction::Undo)
}

/// Re-applies the change undone last. [`Error::NothingTo`] when there is none.
pub fn redo(store: &mut Store, jieba: &Jieba, actor: &str) -> Result<Change> {
    revert(store, jieba, actor, Direction::Redo)
}

#[derive(Clone, Copy)]
enum Direction {
    Undo,
    Redo,
}

fn revert(store: &mut Store, jieba: &Jieba, actor: &str, dir: Direction) -> Result<Change> {
    store.write(|tx| {
        let (record, name) = match dir {
            Direction::Undo => (audit::next_undo(tx)?, "undo"),
            Direction::Redo => (audit::next_redo(tx)?, "redo"),
        };
        let record = record.ok_or(Error::NothingTo(name))?;
        let (target, state) = match dir {
            Direction::Undo => (target_of(&record, &record.before)?, "undone"),
            Direction::Redo => (target_of(&record, &record.after)?, "done"),
        };
        let target = match target {
            Target::Digest(d) => d,
            Target::Article(a) => {
                let current = annotations::capture(tx, a.article_id)?;
                annotations::restore(tx, &a)?;
                audit::set_undo_state(tx, record.id, state)?;
                let entry = audit::Entry {
                    actor,
                    action: name,
                    entity: "audit_log",
                    entity_id: Some(record.id),
                    article_id: Some(a.article_id),
                    before: Some(json!({ "kind": "article_annotations", "of": record.action, "snapshot": current })),
                    after: Some(json!({ "kind": "article_annotations", "of": record.action, "snapshot": a })),
                };
                let audit_id = audit::record_reversal(tx, &now(), &entry, record.id)?;
                let digest_id = record.digest_id.unwrap_or_default();
                return Ok(Change {
                    audit_id,
                    action: format!("{name} {}", record.action),
                    digest_id,
                    article_id: Some(a.article_id),
                });
            }
        };
        let current = snapshot::capture(tx, target.digest_id)?;
        // The article to show afterwards: the recorded one if it still exists, else the one
        // that now holds its first paragraph (undoing a split shows the article it came from).
        let first_paragraph = record.article_id.and_then(|a| {
            current
                .paragraphs
                .iter()
                .find(|p| p.article_id == a)
                .map(|p| p.id)
        });
        snapshot::restore(tx, jieba, &target)?;
        audit::set_undo_state(tx, record.id, state)?;
        let article_id = record
            .article_id
            .filter(|id| target.articles.iter().any(|a| a.id == *id))
            .or_else(|| {
                let p = first_paragraph?;
                target
                    .paragraphs
                    .iter()
                    .find(|q| q.id == p)
                    .map(|q| q.article_id)
            })
            .or_else(|| target.articles.first().map(|a| a.id));
        let entry = audit::Entry {
            actor,
            action: name,
            entity: "audit_log",
            entity_id: Some(record.id),
            article_id,
            before: Some(
                json!({ "kind": "digest_structure", "of": record.action, "snapshot": current }),
            ),
            after: Some(
                json!({ "kind": "digest_structure", "of": record.action, "snapshot": target }),
            ),
        };
        let audit_id = audit::record_reversal(tx, &now(), &entry, record.id)?;
        Ok(Change {
            audit_id,
            action: format!("{name} {}", record.action),
            digest_id: target.digest_id,
            article_id,
        })
    })
}
