//! The application façade: the verbs a person performs in Galley, each one call.
//!
//! Every front end (the `galley` command line, the desktop shell, the team server) holds a
//! [`Workspace`] and calls its verbs; none of them orchestrates the layers below itself. A
//! workspace owns the store, the word segmenter (built once, with the desk's own words, and
//! rebuilt when the dictionary changes) and the person acting, whose name every change carries.
//!
//! | verb | module |
//! | --- | --- |
//! | [`Workspace::import`], [`Workspace::load_sample`] | [`import`] |
//! | [`Workspace::fix`], [`Workspace::undo`], [`Workspace::redo`], [`Workspace::history`] | [`fix`] |
//! | [`Workspace::annotate`], [`Workspace::review`], [`Workspace::decide`], [`Workspace::decide_all`] | [`review`] |
//! | [`Workspace::export`] | [`export`] |
//! | [`Workspace::suggest`], [`Workspace::add_word`], [`Workspace::remove_word`] | [`language`] |
//! | [`Workspace::browse`], [`Workspace::listing`], [`Workspace::article`], … | here |

pub mod accounts;
pub mod export;
pub mod fix;
pub mod import;
pub mod language;
pub mod profile;
pub mod progress;
pub mod review;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jieba_rs::Jieba;
use serde::Serialize;

use crate::annotate::queue::{self, QueueFilter, QueueItem};
use crate::annotate::view::{self, Annotations};
use crate::model::{Article, ArticleSummary, Digest};
use crate::store::browse::{self, ArticleFilter, ArticlePage};
use crate::store::people::{self, Person, Role};
use crate::store::topics::Topic;
use crate::{Error, Result, Store};

/// One person's view of one Galley database: the store, the segmenter and who is acting.
pub struct Workspace {
    store: Store,
    segmenter: Option<Arc<Jieba>>,
    actor: Option<String>,
    enforce_roles: bool,
    /// While set, decisions are learned from once at the end (a bulk decision), not each.
    learning_deferred: bool,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("store", &self.store)
            .field("actor", &self.actor)
            .finish()
    }
}

/// What a front end shows about the open workspace.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct Info {
    /// The database file (`:memory:` for a private in-memory one).
    pub db_path: String,
    /// No digest stored yet.
    pub empty: bool,
    /// The person acting, if known to this database.
    pub user: Option<Person>,
    /// Galley's version.
    pub version: &'static str,
}

/// A digest with its articles, one entry of [`Workspace::listing`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Listing {
    /// The digest.
    pub digest: Digest,
    /// Its articles in page order.
    pub articles: Vec<ArticleSummary>,
}

/// A digest's pages and the boxes on them.
#[derive(Debug, Clone, serde::Serialize, schemars::JsonSchema)]
pub struct PageLayout {
    /// The pages, in order, with their sizes in PDF points.
    pub pages: Vec<crate::model::PageSize>,
    /// The boxes, page by page, top to bottom.
    pub boxes: Vec<crate::store::page_boxes::StoredBox>,
    /// For a digest read from page text: its original lines and where each went.
    pub lines: Vec<crate::edit::source_lines::SourceLine>,
}

impl Workspace {
    /// Opens (creating and migrating if needed) the database at `path`.
    pub fn open(path: &Path) -> Result<Workspace> {
        Ok(Workspace::new(Store::open(path)?))
    }

    /// A private in-memory workspace, for tests and dry runs.
    pub fn open_in_memory() -> Result<Workspace> {
        Ok(Workspace::new(Store::open_in_memory()?))
    }

    /// A workspace over an open store, with nobody acting yet.
    pub fn new(store: Store) -> Workspace {
        Workspace {
            store,
            segmenter: None,
            actor: None,
            enforce_roles: false,
            learning_deferred: false,
        }
    }

    /// Acts as `name` from now on (the CLI's `--user`); see [`Workspace::sign_in`] for the
    /// window, which also records the person's role.
    pub fn act_as(&mut self, name: &str) {
        self.actor = Some(name.trim().to_owned()).filter(|n| !n.is_empty());
    }

    /// Adds (or updates) a person with a role and acts as them from now on.
    pub fn sign_in(&mut self, name: &str, role: Role) -> Result<Person> {
        let person =
            people::upsert(self.store.conn(), name, role, &crate::store::now()).map_err(|e| {
                match self.store.path() {
                    Some(db) => e.at_database(db),
                    None => e,
                }
            })?;
        self.actor = Some(person.name.clone());
        Ok(person)
    }

    /// The person acting, as this database knows them.
    pub fn user(&self) -> Result<Option<Person>> {
        match &self.actor {
            Some(name) => people::get(self.store.conn(), name),
            None => Ok(None),
        }
    }

    /// Who is acting: every change carries this name. [`Error::NoUser`] when nobody is.
    pub fn actor(&self) -> Result<&str> {
        self.actor.as_deref().ok_or(Error::NoUser)
    }

    /// The store, for reads the façade does not cover yet and for tests.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The store for writing.
    pub fn store_mut(&mut self) -> &mut Store {
        &mut self.store
    }

    /// The segmenter with the desk's own words, built on first use.
    pub fn segmenter(&mut self) -> Result<Arc<Jieba>> {
        if let Some(j) = &self.segmenter {
            return Ok(Arc::clone(j));
        }
        let j = Arc::new(crate::language::dictionary::segmenter(self.store.conn())?);
        self.segmenter = Some(Arc::clone(&j));
        Ok(j)
    }

    /// Drops the cached segmenter (after the dictionary changed).
    fn forget_segmenter(&mut self) {
        self.segmenter = None;
    }

    /// The database file and whether the workspace is empty.
    pub fn info(&self) -> Result<Info> {
        Ok(Info {
            db_path: self
                .store
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(":memory:"))
                .display()
                .to_string(),
            empty: self.store.is_empty()?,
            user: self.user()?,
            version: crate::VERSION,
        })
    }

    /// Every digest, newest first.
    pub fn digests(&self) -> Result<Vec<Digest>> {
        self.store.digests()
    }

    /// Every digest with its articles.
    pub fn listing(&self) -> Result<Vec<Listing>> {
        self.store
            .digests()?
            .into_iter()
            .map(|digest| {
                let articles = self.store.articles(digest.id)?;
                Ok(Listing { digest, articles })
            })
            .collect()
    }

    /// One article with everything needed to read it.
    pub fn article(&self, id: i64) -> Result<Article> {
        self.store.article(id)
    }

    /// One page of the article list: filtered, searched (jieba words, all must occur), paged.
    pub fn browse(
        &mut self,
        filter: &ArticleFilter,
        offset: i64,
        limit: i64,
    ) -> Result<ArticlePage> {
        let jieba = self.segmenter()?;
        browse::query(self.store.conn(), &jieba, filter, offset, limit)
    }

    /// Everything the annotation panel shows for one article.
    pub fn annotations(&self, article_id: i64) -> Result<Annotations> {
        self.store.article(article_id)?;
        view::annotations(self.store.conn(), article_id)
    }

    /// Where each title, paragraph, pull quote, source line and piece of furniture of a digest
    /// is: on its pages for a digest read from a PDF, in its original lines for one read from
    /// page text (empty for records): what the page view outlines.
    pub fn page_layout(&self, digest_id: i64) -> Result<PageLayout> {
        self.require_digest(digest_id)?;
        let conn = self.store.conn();
        let lines = match crate::store::digest_texts::get(conn, digest_id)? {
            Some(text) => crate::edit::source_lines::place(conn, digest_id, &text)?,
            None => Vec::new(),
        };
        Ok(PageLayout {
            pages: crate::store::page_boxes::pages(conn, digest_id)?,
            boxes: crate::store::page_boxes::list(conn, digest_id)?,
            lines,
        })
    }

    /// The PDF a digest was read from, as imported, for the page view to draw; not found for
    /// digests read from text (and PDFs imported before files were kept).
    pub fn page_file(&self, digest_id: i64) -> Result<crate::store::page_files::PageFile> {
        self.require_digest(digest_id)?;
        crate::store::page_files::for_digest(self.store.conn(), digest_id)?.ok_or(
            crate::Error::NotFound {
                entity: "page file of digest",
                id: digest_id,
            },
        )
    }

    /// Claims waiting for a verdict (at most `limit`), oldest first.
    pub fn review_queue(&self, filter: &QueueFilter, limit: i64) -> Result<Vec<QueueItem>> {
        queue::queue(self.store.conn(), filter, limit)
    }

    /// Agreement between the people who labelled the same articles: Fleiss' κ per label
    /// (the sentiment, each topic) and Cohen's κ per pair of people; of one digest or of all.
    pub fn agreement(
        &self,
        digest_id: Option<i64>,
    ) -> Result<crate::annotate::agreement::Agreement> {
        if let Some(d) = digest_id {
            self.require_digest(d)?;
        }
        crate::annotate::agreement::measure(self.store.conn(), digest_id)
    }

    /// Copies the database to `dest` while it stays in use (SQLite's online backup).
    pub fn backup(&self, dest: &Path) -> Result<()> {
        self.store.backup(dest)
    }

    /// The domain's words (claim statuses, ratings, sentiment labels, review states …) and the
    /// verdict→rating rule, for front ends to build their menus from.
    pub fn vocabulary(&self) -> crate::model::Vocabulary {
        crate::model::Vocabulary::get()
    }

    /// The topic taxonomy (IPTC Media Topics and the desk's own subjects).
    pub fn topics(&self) -> Result<Vec<Topic>> {
        crate::language::topics::list_topics(self.store.conn())
    }
}

#[cfg(test)]
mod tests;
