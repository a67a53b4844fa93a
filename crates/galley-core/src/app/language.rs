//! The suggestion pass and the desk's own words.

use serde::Serialize;

use super::accounts::Permission;
use super::progress::{Progress, Stage};
use super::Workspace;
use crate::language::suggest::{self, ArticleSuggestions};
use crate::language::{dictionary, learning, segmenter};
use crate::store::user_terms::{self, UserTerm};
use crate::store::{articles, digests};
use crate::{Error, Result};

/// Which articles a suggestion pass covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Every article of every digest.
    #[default]
    All,
    /// One digest's articles.
    Digest(i64),
    /// One article.
    Article(i64),
}

/// A word added to the dictionary, and how many articles were segmented again.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WordChange {
    /// The word.
    pub word: String,
    /// Its part-of-speech tag, if given.
    pub tag: Option<String>,
    /// Articles whose search words were rebuilt.
    pub resegmented: usize,
}

/// What the suggester learned from the desk's decisions.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LearningStatus {
    /// Whether decisions are learned from.
    pub enabled: bool,
    /// Per topic, the examples counted.
    pub topics: Vec<LearnedTopic>,
    /// The claim and tone decisions learned from, per class: (kind, class, of it or not, count).
    pub corrections: Vec<LearnedClass>,
}

/// How many decisions of one class a claim or tone correction learned from.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LearnedClass {
    /// `claims` or `sentiment`.
    pub kind: crate::model::DeskModelKind,
    /// `claim` / `no`, or a tone.
    pub class: String,
    /// `true`: texts decided to be of the class; `false`: rejected as it.
    pub positive: bool,
    /// How many.
    pub count: i64,
}

/// The desk's model as exported: what each topic learned, and the claim and tone corrections.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LearnedModel {
    /// Per topic, its words.
    pub topics: Vec<LearnedWords>,
    /// The corrections of check-worthiness: weights per word and class (`no`, `claim`).
    pub claims: crate::language::desk_model::DeskModel,
    /// The corrections of tone: weights per word and tone.
    pub sentiment: crate::language::desk_model::DeskModel,
}

/// One topic's learned words: (word, accepted articles with it, rejected articles with it).
#[derive(Debug, Clone, serde::Serialize)]
pub struct LearnedWords {
    /// The topic and its examples.
    pub topic: LearnedTopic,
    /// Its words, alphabetically.
    pub words: Vec<(String, i64, i64)>,
}

/// The examples one topic learned from.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LearnedTopic {
    /// The topic's code.
    pub code: String,
    /// Its Chinese label.
    pub label_zh: String,
    /// Its English label.
    pub label_en: String,
    /// Articles it was accepted on (or added to).
    pub positives: i64,
    /// Articles it was rejected on.
    pub negatives: i64,
}

impl Workspace {
    /// Drafts keywords, topics, sentiment, claims and entities again for a scope. An article
    /// is one transaction; a digest is analysed with no transaction open and written a few
    /// articles at a time. They stay suggestions until someone decides.
    pub fn suggest(&mut self, scope: Scope) -> Result<Vec<ArticleSuggestions>> {
        self.suggest_reporting(scope, |_| {})
    }

    /// [`Workspace::suggest`], telling `progress` of each digest drafted.
    pub fn suggest_reporting(
        &mut self,
        scope: Scope,
        mut progress: impl FnMut(Progress<'_>),
    ) -> Result<Vec<ArticleSuggestions>> {
        self.require(Permission::Edit)?;
        let jieba = self.segmenter()?;
        let actor = self.actor()?.to_owned();
        let digests: Vec<(i64, String)> = match scope {
            Scope::Article(id) => {
                return self.store.write(|tx| {
                    articles::get(tx, id)?;
                    Ok(vec![suggest::suggest_article(tx, &jieba, id, &actor)?])
                })
            }
            Scope::Digest(d) => {
                let name = digests::get(self.store.conn(), d)?.map(|x| x.name);
                vec![(d, name.unwrap_or_default())]
            }
            Scope::All => self
                .store
                .digests()?
                .into_iter()
                .map(|d| (d.id, d.name))
                .collect(),
        };
        let mut out = Vec::new();
        for (done, (id, name)) in digests.iter().enumerate() {
            out.extend(suggest::draft_digest(&mut self.store, &jieba, *id, &actor)?);
            progress(Progress {
                stage: Stage::Suggest,
                done: done + 1,
                total: digests.len(),
                item: name,
            });
        }
        Ok(out)
    }

    /// Scores the suggestions on labelled examples (JSON Lines, or the project's
    /// `label<TAB>text` test sets) with this desk's topics, words and what it learned. Reads
    /// only: nothing is stored.
    pub fn evaluate(&mut self, input: &str, what: &str) -> Result<crate::language::eval::Report> {
        let examples = crate::language::eval::parse(input, what)?;
        let jieba = self.segmenter()?;
        let cx = suggest::Context::load(self.store.conn(), &jieba)?;
        Ok(crate::language::eval::evaluate(&cx, &examples))
    }

    /// Counts the decisions made since the last time into what the suggester learned (a
    /// failure is logged: learning never fails the change that prompted it).
    pub(crate) fn learn(&mut self) {
        let Ok(jieba) = self.segmenter() else { return };
        if let Err(e) = self.store.write(|tx| learning::sync(tx, &jieba)) {
            tracing::warn!(%e, "the desk's decisions were not learned from this time");
        }
    }

    /// What was learned from the desk's decisions: per topic, the examples counted.
    pub fn learned(&self) -> Result<LearningStatus> {
        let conn = self.store.conn();
        let topics = crate::store::learned::topics(conn)?
            .into_iter()
            .filter_map(|(id, positives, negatives)| {
                let t = crate::store::topics::get(conn, id).ok()?;
                Some(LearnedTopic {
                    code: t.code,
                    label_zh: t.label_zh,
                    label_en: t.label_en,
                    positives,
                    negatives,
                })
            })
            .collect();
        let mut corrections = Vec::new();
        for &kind in crate::model::DeskModelKind::ALL {
            for (class, positive, count) in crate::store::desk_models::tally(conn, kind)? {
                corrections.push(LearnedClass {
                    kind,
                    class,
                    positive,
                    count,
                });
            }
        }
        Ok(LearningStatus {
            enabled: learning::enabled(conn)?,
            topics,
            corrections,
        })
    }

    /// Switches learning from the desk's decisions on or off.
    pub fn set_learning(&mut self, on: bool) -> Result<LearningStatus> {
        self.require(Permission::Edit)?;
        self.store.write(|tx| learning::set_enabled(tx, on))?;
        if on {
            self.learn();
        }
        self.learned()
    }

    /// What was learned, word by word: the desk's model, to keep or to compare.
    pub fn learned_model(&self) -> Result<LearnedModel> {
        let conn = self.store.conn();
        let desk = crate::language::desk_learning::Desk::load(conn)?;
        Ok(LearnedModel {
            topics: self.learned_topic_words()?,
            claims: desk.claims,
            sentiment: desk.sentiment,
        })
    }

    /// What each topic learned, word by word.
    fn learned_topic_words(&self) -> Result<Vec<LearnedWords>> {
        let conn = self.store.conn();
        let mut out = Vec::new();
        for t in self.learned()?.topics {
            let id = crate::store::topics::by_code(conn, &t.code)?.map(|x| x.id);
            let words = match id {
                Some(id) => crate::store::learned::words(conn, id, 1)?,
                None => Vec::new(),
            };
            out.push(LearnedWords { topic: t, words });
        }
        Ok(out)
    }

    /// Forgets what was learned and learns again from every decision as it stands.
    pub fn retrain(&mut self) -> Result<learning::Synced> {
        self.require(Permission::Edit)?;
        let jieba = self.segmenter()?;
        self.store.write(|tx| learning::retrain(tx, &jieba))
    }

    /// The desk's own words, kept whole by segmentation, search and suggestions.
    pub fn words(&self) -> Result<Vec<UserTerm>> {
        user_terms::list(self.store.conn())
    }

    /// Adds a word (with an optional POS tag: nr, nt, ns, nz, n…); the articles containing it
    /// are segmented again.
    pub fn add_word(&mut self, word: &str, tag: Option<&str>) -> Result<WordChange> {
        self.require(Permission::Edit)?;
        let actor = self.actor()?.to_owned();
        let mut jieba = dictionary::segmenter(self.store.conn())?;
        let added = self
            .store
            .write(|tx| dictionary::add_term(tx, &mut jieba, &actor, word, tag))?;
        self.forget_segmenter();
        Ok(WordChange {
            word: added.term.word,
            tag: added.term.tag,
            resegmented: added.resegmented.len(),
        })
    }

    /// Removes a word; the articles containing it are segmented again without it.
    pub fn remove_word(&mut self, word: &str) -> Result<WordChange> {
        self.require(Permission::Edit)?;
        let actor = self.actor()?.to_owned();
        let affected = self.store.write(|tx| {
            let mut terms = user_terms::list(tx)?;
            terms.retain(|t| t.word != word);
            let mut jieba = segmenter();
            dictionary::apply(&mut jieba, &terms);
            dictionary::remove_term(tx, &jieba, &actor, word)
        })?;
        self.forget_segmenter();
        Ok(WordChange {
            word: word.to_owned(),
            tag: None,
            resegmented: affected.len(),
        })
    }

    /// Fails with [`Error::NotFound`] unless the digest exists.
    pub fn require_digest(&self, id: i64) -> Result<()> {
        match digests::list(self.store.conn())?.iter().any(|d| d.id == id) {
            true => Ok(()),
            false => Err(Error::NotFound {
                entity: "digest",
                id,
            }),
        }
    }
}

/// A change to the topic taxonomy.
#[derive(Debug, Clone, PartialEq, serde::Deserialize, Serialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum TaxonomyChange {
    /// A new topic, under `parent` if given, with trigger words and their weights.
    Add {
        /// Its code, e.g. `desk:energy`.
        code: String,
        /// Chinese label.
        zh: String,
        /// English label.
        en: String,
        /// The parent topic's code.
        parent: Option<String>,
        /// Trigger words with weights.
        terms: Vec<(String, f64)>,
    },
    /// New labels.
    Rename {
        /// The topic.
        code: String,
        /// Chinese label.
        zh: String,
        /// English label.
        en: String,
    },
    /// Under another topic, or (`None`) at the top.
    Move {
        /// The topic.
        code: String,
        /// The new parent's code.
        parent: Option<String>,
    },
    /// No longer suggested (kept on old annotations); `restore` undoes it.
    Retire {
        /// The topic.
        code: String,
        /// Bring it back instead.
        restore: bool,
    },
    /// A trigger word's weight (0 removes it).
    Term {
        /// The topic.
        code: String,
        /// The word.
        word: String,
        /// Its weight.
        weight: f64,
    },
}

impl Workspace {
    /// Changes the taxonomy in one audited transaction; returns the topic as it now is.
    pub fn change_taxonomy(&mut self, c: &TaxonomyChange) -> Result<crate::store::topics::Topic> {
        self.require(Permission::Edit)?;
        use crate::language::topics as t;
        let actor = self.actor()?.to_owned();
        let a = actor.as_str();
        self.store.write(|tx| match c {
            TaxonomyChange::Add {
                code,
                zh,
                en,
                parent,
                terms,
            } => t::add_topic(tx, a, code, parent.as_deref(), zh, en, terms),
            TaxonomyChange::Rename { code, zh, en } => t::rename_topic(tx, a, code, zh, en),
            TaxonomyChange::Move { code, parent } => {
                t::reparent_topic(tx, a, code, parent.as_deref())
            }
            TaxonomyChange::Retire { code, restore } => t::retire_topic(tx, a, code, *restore),
            TaxonomyChange::Term { code, word, weight } => {
                t::set_topic_term(tx, a, code, word, *weight)
            }
        })
    }
}
