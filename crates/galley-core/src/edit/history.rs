//! Undo and redo, read from the audit log so they survive a restart.
//!
//! Each person has a history of their own: undo reverts the newest change of theirs still done,
//! redo re-applies the one they undid last, and a new change of theirs drops what they could
//! still redo. An undo or redo over someone else's later change to the same digest structure
//! or article is refused with the reason.

use jieba_rs::Jieba;
use serde_json::{json, Value};

use super::snapshot::{self, DigestSnapshot};
use super::{Change, Edit};
use crate::store::annotation_snapshot::{self as annotations, ArticleAnnotations, ChangedRows};
use crate::store::{audit, now};
use crate::{Error, Result, Store};

/// What an undoable audit entry keeps on each side.
pub(super) fn payload(snapshot: &DigestSnapshot, edit: &Edit) -> Value {
    json!({ "kind": "digest_structure", "edit": edit, "snapshot": snapshot })
}

/// The state an undoable entry can put back: a digest's structure (fix-ups), an article's
/// annotations (entries written before changes were recorded as rows), or the rows an
/// annotation change touched (`from` as they are now, `to` as they are to be).
enum Target {
    Digest(DigestSnapshot),
    Article(ArticleAnnotations),
    Rows { from: ChangedRows, to: ChangedRows },
}

/// The state to go back to (undo: the `before` side) or forward to (redo: `after`).
fn target_of(record: &audit::Record, dir: Direction) -> Result<Target> {
    let (this, other) = match dir {
        Direction::Undo => (&record.before, &record.after),
        Direction::Redo => (&record.after, &record.before),
    };
    let value = this.as_ref().ok_or_else(|| cannot(record))?;
    let snap = value["snapshot"].clone();
    match value["kind"].as_str() {
        Some("digest_structure") => Ok(Target::Digest(serde_json::from_value(snap)?)),
        Some("article_annotations") => Ok(Target::Article(serde_json::from_value(snap)?)),
        Some("article_annotation_changes") => {
            let other = other.as_ref().ok_or_else(|| cannot(record))?;
            Ok(Target::Rows {
                from: serde_json::from_value(other["rows"].clone())?,
                to: serde_json::from_value(value["rows"].clone())?,
            })
        }
        _ => Err(cannot(record)),
    }
}

/// In a shared workspace each person undoes their own changes, and not over someone else's
/// later change to the same thing: that would silently throw their work away.
fn refuse_if_changed_since(
    tx: &rusqlite::Connection,
    record: &audit::Record,
    name: &str,
) -> Result<()> {
    let since = audit::last_reversal(tx, record.id)?.unwrap_or(record.id);
    match audit::changed_since(tx, record, since)? {
        None => Ok(()),
        Some((who, id)) => Err(Error::Conflict(format!(
            "cannot {name} {} (change {}): {who} changed the same {} since (change {id})",
            record.action,
            record.id,
            if record.before.as_ref().and_then(|b| b["kind"].as_str()) == Some("digest_structure") {
                "digest"
            } else {
                "article"
            }
        ))),
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
            Direction::Undo => (audit::next_undo(tx, actor)?, "undo"),
            Direction::Redo => (audit::next_redo(tx, actor)?, "redo"),
        };
        let record = record.ok_or(Error::NothingTo(name))?;
        refuse_if_changed_since(tx, &record, name)?;
        let state = match dir {
            Direction::Undo => "undone",
            Direction::Redo => "done",
        };
        let target = match target_of(&record, dir)? {
            Target::Digest(d) => d,
            Target::Article(a) => {
                let current = annotations::capture(tx, a.article_id)?;
                annotations::restore(tx, &a)?;
                return revert_annotations(tx, actor, (&record, name, state), (current, a));
            }
            Target::Rows { from, to } => {
                annotations::apply_diff(tx, &from, &to)?;
                return revert_annotations(tx, actor, (&record, name, state), (from, to));
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
        crate::store::articles::bump_digest(tx, target.digest_id)?;
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
            touched: snapshot::changed_articles(&current, &target),
        })
    })
}

/// Records the undo or redo of an annotation change, whose rows went from `from` to `to`.
fn revert_annotations(
    tx: &rusqlite::Connection,
    actor: &str,
    (record, name, state): (&audit::Record, &str, &str),
    (from, to): (ArticleAnnotations, ArticleAnnotations),
) -> Result<Change> {
    audit::set_undo_state(tx, record.id, state)?;
    let article_id = to.article_id;
    crate::store::articles::touch(tx, article_id, &now())?;
    // Whole snapshots (entries of before changes were rows) are recorded as their difference.
    let (from, to) = annotations::diff(&from, &to);
    let side =
        |rows| json!({ "kind": "article_annotation_changes", "of": record.action, "rows": rows });
    let entry = audit::Entry {
        actor,
        action: name,
        entity: "audit_log",
        entity_id: Some(record.id),
        article_id: Some(article_id),
        before: Some(side(from)),
        after: Some(side(to)),
    };
    let audit_id = audit::record_reversal(tx, &now(), &entry, record.id)?;
    Ok(Change {
        audit_id,
        action: format!("{name} {}", record.action),
        digest_id: record.digest_id.unwrap_or_default(),
        article_id: Some(article_id),
        touched: Vec::new(),
    })
}
