//! Fixing a digest's structure, and walking the change history.

use super::accounts::Permission;
use super::Workspace;
use crate::edit::{self, history, Change, Edit};
use crate::store::audit::{self, Record};
use crate::Result;

impl Workspace {
    /// Applies one fix-up (merge, split, move, role, title, source, review state) in one
    /// transaction, audited and undoable. Bad input changes nothing.
    pub fn fix(&mut self, e: &Edit) -> Result<Change> {
        self.fix_from(e, None)
    }

    /// [`Workspace::fix`], refused (code `stale`) when the article it is about changed since
    /// version `base`, the one the person saw.
    pub fn fix_from(&mut self, e: &Edit, base: Option<i64>) -> Result<Change> {
        self.require(Permission::Edit)?;
        let jieba = self.segmenter()?;
        let actor = self.actor()?.to_owned();
        let change = edit::apply_from(&mut self.store, &jieba, &actor, e, base)?;
        // Merges, splits and undone decisions change what the desk taught.
        self.learn();
        self.redraft(&change.touched);
        Ok(change)
    }

    /// Reverts the newest change still done (fix-ups and annotations alike).
    pub fn undo(&mut self) -> Result<Change> {
        self.require_write()?;
        let jieba = self.segmenter()?;
        let actor = self.actor()?.to_owned();
        let change = history::undo(&mut self.store, &jieba, &actor)?;
        // Merges, splits and undone decisions change what the desk taught.
        self.learn();
        self.redraft(&change.touched);
        Ok(change)
    }

    /// Re-applies the change undone last.
    pub fn redo(&mut self) -> Result<Change> {
        self.require_write()?;
        let jieba = self.segmenter()?;
        let actor = self.actor()?.to_owned();
        let change = history::redo(&mut self.store, &jieba, &actor)?;
        // Merges, splits and undone decisions change what the desk taught.
        self.learn();
        self.redraft(&change.touched);
        Ok(change)
    }

    /// Drafts the suggestions of articles whose text changed again, so topics, sentiment and
    /// claims (and the review queue) follow a fixed page. Decisions stay; a failure is logged,
    /// never failing the change that prompted it.
    fn redraft(&mut self, articles: &[i64]) {
        for &id in articles {
            if let Err(e) = self.suggest(super::language::Scope::Article(id)) {
                tracing::warn!(article = id, error = %e, "drafting suggestions again failed");
            }
        }
    }

    /// Editors and reviewers may undo; read-only people may not.
    fn require_write(&self) -> Result<()> {
        self.require(Permission::Edit)
            .or_else(|_| self.require(Permission::Review))
    }

    /// Who changed what, when: newest first, of one article or of everything. With
    /// `states`, each record keeps the states before and after (large); without, they are
    /// left out.
    pub fn history(&self, article: Option<i64>, limit: i64, states: bool) -> Result<Vec<Record>> {
        let conn = self.store.conn();
        let mut records = match article {
            Some(id) => audit::for_article(conn, id, limit)?,
            None => audit::recent(conn, limit)?,
        };
        if !states {
            for r in &mut records {
                r.before = None;
                r.after = None;
            }
        }
        Ok(records)
    }
}
