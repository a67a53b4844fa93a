//! Editor fix-ups of an imported digest: merge, split, move a paragraph, change a paragraph's
//! role, edit a title or a source. Each is one transaction, written to the audit log with the
//! digest's structure before and after, and undoable (see [`history`]).

pub mod history;
pub mod lines;
pub mod source_lines;
/// The digest's structure before and after an edit (read and restored in the store).
pub use crate::store::digest_snapshot as snapshot;

use jieba_rs::Jieba;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::model::{BoxRole, ParagraphKind, ReviewState};
use crate::store::page_boxes::{self, Owner};
use crate::store::{articles, audit, furniture, now, paragraphs, pull_quotes};
use crate::{Error, Result, Store};

/// What a paragraph can be turned into.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// The article's opening paragraph.
    Lead,
    /// A paragraph of body text.
    Body,
    /// A heading inside the article.
    Heading,
    /// A passage printed again in large type: kept as the article's pull quote, out of the body.
    PullQuote,
    /// Page furniture (column label, header, footer): kept with the digest, out of the article.
    Furniture,
    /// The title of a new article that starts here and takes the paragraphs after it; on an
    /// article's first paragraph, the article's title (the old title becomes that paragraph).
    Title,
}

impl Role {
    /// The role with this name (`pull-quote` may stand for `pull_quote`).
    pub fn parse(s: &str) -> Option<Role> {
        Some(match s {
            "lead" => Role::Lead,
            "body" => Role::Body,
            "heading" => Role::Heading,
            "pull_quote" | "pull-quote" => Role::PullQuote,
            "furniture" => Role::Furniture,
            "title" => Role::Title,
            _ => return None,
        })
    }
}

/// One fix-up.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Edit {
    /// Appends `from`'s paragraphs and pull quotes to `into` and removes `from`.
    Merge {
        /// The article that stays.
        into: i64,
        /// The article merged into it.
        from: i64,
    },
    /// Starts a new article (right after this one) at `paragraph_id`.
    Split {
        /// The paragraph that opens the new article.
        paragraph_id: i64,
        /// The new article's title; default: the first sentence of that paragraph.
        title: Option<String>,
    },
    /// Moves a paragraph to `to_article` at `position` (0-based; default: the end).
    MoveParagraph {
        /// The paragraph.
        paragraph_id: i64,
        /// The article it moves to.
        to_article: i64,
        /// Its place there, from 0; default: the end.
        position: Option<i64>,
    },
    /// Turns a paragraph into a lead, body, heading, pull quote, furniture or a title.
    SetRole {
        /// The paragraph.
        paragraph_id: i64,
        /// What it becomes.
        role: Role,
    },
    /// Renames an article.
    SetTitle {
        /// The article.
        article_id: i64,
        /// The new title.
        title: String,
    },
    /// `None` or an empty line removes the source.
    SetSource {
        /// The article.
        article_id: i64,
        /// The new attribution line.
        line: Option<String>,
    },
    /// Moves lines of a digest's original page text out of the paragraphs they were joined
    /// into (two columns read as one, a footer spliced in): to a new paragraph at the end of
    /// `to_article`, or to the page furniture when it is `None`.
    MoveLines {
        /// The digest.
        digest_id: i64,
        /// The line numbers, from 1, as the page view shows them.
        lines: Vec<usize>,
        /// The article they move to; `None`: the page furniture.
        to_article: Option<i64>,
    },
    /// Makes a line of a digest's original page text a title (letters read as one article, a
    /// title found inside a paragraph): a new article titled by it starts after it.
    TitleAtLine {
        /// The digest.
        digest_id: i64,
        /// The line number, from 1.
        line: usize,
    },
    /// Moves an article through new → annotated → in review → approved (or back).
    SetReviewState {
        /// The article.
        article_id: i64,
        /// The new state.
        state: ReviewState,
    },
}

impl Edit {
    /// The audit log's name for the fix-up (e.g. `merge_articles`).
    pub fn action(&self) -> &'static str {
        match self {
            Edit::Merge { .. } => "merge_articles",
            Edit::Split { .. } => "split_article",
            Edit::MoveParagraph { .. } => "move_paragraph",
            Edit::MoveLines { .. } => "move_lines",
            Edit::TitleAtLine { .. } => "title_at_line",
            Edit::SetRole { .. } => "set_paragraph_role",
            Edit::SetTitle { .. } => "set_title",
            Edit::SetSource { .. } => "set_source",
            Edit::SetReviewState { .. } => "set_review_state",
        }
    }
}

pub use crate::model::Change;

/// Longest title accepted, in characters.
pub const MAX_TITLE_CHARS: usize = 200;

/// Applies one fix-up in one transaction. Bad input is an error and changes nothing.
pub fn apply(store: &mut Store, jieba: &Jieba, actor: &str, edit: &Edit) -> Result<Change> {
    apply_from(store, jieba, actor, edit, None)
}

/// [`apply`], refused with [`Error::Stale`] when the article the fix-up is about has changed
/// since version `base` (the one the person saw).
pub fn apply_from(
    store: &mut Store,
    jieba: &Jieba,
    actor: &str,
    edit: &Edit,
    base: Option<i64>,
) -> Result<Change> {
    store.write(|tx| {
        let digest_id = digest_of(tx, edit)?;
        if let (Some(base), Some(article)) = (base, primary_article(tx, edit)?) {
            crate::store::audit::ensure_current(tx, article, base)?;
        }
        let before = snapshot::capture(tx, digest_id)?;
        let (article_id, touched) = run(tx, edit)?;
        let at = now();
        if let Some(id) = article_id {
            articles::touch(tx, id, &at)?;
        }
        for id in &touched {
            articles::touch(tx, *id, &at)?;
            snapshot::reindex(tx, jieba, *id)?;
        }
        let after = snapshot::capture(tx, digest_id)?;
        let entry = audit::Entry {
            actor,
            action: edit.action(),
            entity: "article",
            entity_id: article_id,
            article_id,
            before: Some(history::payload(&before, edit)),
            after: Some(history::payload(&after, edit)),
        };
        let audit_id = audit::record_undoable(tx, &at, &entry, digest_id)?;
        Ok(Change {
            audit_id,
            action: edit.action().into(),
            digest_id,
            article_id,
            touched,
        })
    })
}

/// Runs the edit; returns the article to show and the articles whose text changed (to re-index).
fn run(tx: &Connection, edit: &Edit) -> Result<(Option<i64>, Vec<i64>)> {
    match edit {
        Edit::Merge { into, from } => merge(tx, *into, *from).map(|()| (Some(*into), vec![*into])),
        Edit::Split {
            paragraph_id,
            title,
        } => {
            let (old, new) = split(tx, *paragraph_id, title.as_deref())?;
            Ok((Some(new), vec![old, new]))
        }
        Edit::MoveParagraph {
            paragraph_id,
            to_article,
            position,
        } => {
            let from = move_paragraph(tx, *paragraph_id, *to_article, *position)?;
            let mut touched = vec![*to_article];
            touched.extend(from.filter(|f| f != to_article));
            Ok((Some(*to_article), touched))
        }
        Edit::SetRole {
            paragraph_id,
            role: Role::Title,
        } => make_title(tx, *paragraph_id),
        Edit::MoveLines {
            digest_id,
            lines: numbers,
            to_article,
        } => {
            let touched = lines::move_lines(tx, *digest_id, numbers, *to_article)?;
            Ok((to_article.or(touched.first().copied()), touched))
        }
        Edit::TitleAtLine { digest_id, line } => lines::title_at_line(tx, *digest_id, *line),
        Edit::SetRole { paragraph_id, role } => {
            let article = set_role(tx, *paragraph_id, *role)?;
            Ok((Some(article), vec![article]))
        }
        Edit::SetTitle { article_id, title } => {
            let title = clean_title(title)?;
            articles::set_title(tx, *article_id, &title)?;
            Ok((Some(*article_id), vec![*article_id]))
        }
        Edit::SetSource { article_id, line } => {
            set_source(tx, *article_id, line.as_deref())?;
            Ok((Some(*article_id), vec![*article_id]))
        }
        Edit::SetReviewState { article_id, state } => {
            if articles::state_of(tx, *article_id)? == *state {
                return Err(Error::Invalid(format!(
                    "article {article_id} is already {}",
                    state.as_str()
                )));
            }
            articles::set_review_state(tx, *article_id, *state)?;
            Ok((Some(*article_id), vec![]))
        }
    }
}

fn digest_of(tx: &Connection, edit: &Edit) -> Result<i64> {
    match edit {
        Edit::Merge { into, from } => {
            let a = article_digest(tx, *into)?;
            let b = article_digest(tx, *from)?;
            if into == from {
                return Err(Error::Invalid("cannot merge an article with itself".into()));
            }
            if a != b {
                return Err(Error::Invalid(format!(
                    "articles {into} and {from} are in different digests"
                )));
            }
            Ok(a)
        }
        Edit::MoveParagraph {
            paragraph_id,
            to_article,
            ..
        } => {
            let (from, _) = paragraph_place(tx, *paragraph_id)?;
            let a = article_digest(tx, from)?;
            if article_digest(tx, *to_article)? != a {
                return Err(Error::Invalid(format!(
                    "paragraph {paragraph_id} and article {to_article} are in different digests"
                )));
            }
            Ok(a)
        }
        Edit::TitleAtLine { digest_id, .. } => digest_exists(tx, *digest_id),
        Edit::MoveLines {
            digest_id,
            to_article,
            ..
        } => {
            if let Some(a) = to_article {
                if article_digest(tx, *a)? != *digest_id {
                    return Err(Error::Invalid(format!(
                        "article {a} is not in digest {digest_id}"
                    )));
                }
            }
            digest_exists(tx, *digest_id)
        }
        Edit::Split { paragraph_id, .. } | Edit::SetRole { paragraph_id, .. } => {
            article_digest(tx, paragraph_place(tx, *paragraph_id)?.0)
        }
        Edit::SetTitle { article_id, .. }
        | Edit::SetSource { article_id, .. }
        | Edit::SetReviewState { article_id, .. } => article_digest(tx, *article_id),
    }
}

/// The article a fix-up is about, as the person saw it (none for line fixes of a digest).
fn primary_article(tx: &Connection, edit: &Edit) -> Result<Option<i64>> {
    Ok(match edit {
        Edit::Merge { into, .. } => Some(*into),
        Edit::Split { paragraph_id, .. }
        | Edit::SetRole { paragraph_id, .. }
        | Edit::MoveParagraph { paragraph_id, .. } => Some(paragraph_place(tx, *paragraph_id)?.0),
        Edit::SetTitle { article_id, .. }
        | Edit::SetSource { article_id, .. }
        | Edit::SetReviewState { article_id, .. } => Some(*article_id),
        Edit::MoveLines { .. } | Edit::TitleAtLine { .. } => None,
    })
}

fn digest_exists(tx: &Connection, digest_id: i64) -> Result<i64> {
    crate::store::digests::get(tx, digest_id)?.ok_or(Error::NotFound {
        entity: "digest",
        id: digest_id,
    })?;
    Ok(digest_id)
}

fn article_digest(tx: &Connection, article_id: i64) -> Result<i64> {
    articles::digest_of(tx, article_id)?.ok_or(Error::NotFound {
        entity: "article",
        id: article_id,
    })
}

/// (article id, position) of a paragraph.
fn paragraph_place(tx: &Connection, paragraph_id: i64) -> Result<(i64, i64)> {
    paragraphs::place(tx, paragraph_id)?.ok_or(Error::NotFound {
        entity: "paragraph",
        id: paragraph_id,
    })
}

fn paragraph_ids(tx: &Connection, article_id: i64) -> Result<Vec<i64>> {
    paragraphs::ids(tx, article_id)
}

/// Gives `ids` (all in `article_id` afterwards) the positions 0, 1, 2, … in order.
fn place_paragraphs(tx: &Connection, article_id: i64, ids: &[i64]) -> Result<()> {
    // Claims follow their paragraph.
    paragraphs::place_all(tx, article_id, ids)
}

/// Gives the digest's articles, in `order`, the positions 0, 1, 2, ….
fn place_articles(tx: &Connection, digest_id: i64, order: &[i64]) -> Result<()> {
    articles::set_order(tx, digest_id, order)
}

fn article_order(tx: &Connection, digest_id: i64) -> Result<Vec<i64>> {
    crate::store::articles::ids_for_digest(tx, digest_id)
}

fn has_annotations(tx: &Connection, article_id: i64) -> Result<bool> {
    articles::has_annotations(tx, article_id)
}

fn merge(tx: &Connection, into: i64, from: i64) -> Result<()> {
    if has_annotations(tx, from)? {
        return Err(Error::Conflict(format!(
            "article {from} has decided topics, a sentiment or notes; merging would lose them. \
             Merge into article {from} instead, or remove them first"
        )));
    }
    let digest = article_digest(tx, into)?;
    let mut ids = paragraph_ids(tx, into)?;
    ids.extend(paragraph_ids(tx, from)?);
    place_paragraphs(tx, into, &ids)?;
    // The other article's pull quotes follow this one's; they pass through positions far out of
    // the way so UNIQUE (article, position) holds row by row.
    let quotes = pull_quotes::list(tx, into)?.len() as i64;
    pull_quotes::move_all(tx, into, from, quotes)?;
    // The merged article keeps its own source; it takes the other's if it had none.
    let (line, from_line) = (
        articles::source_line(tx, into)?,
        articles::source_line(tx, from)?,
    );
    if line.is_none() && from_line.is_some() {
        articles::set_source_line(tx, into, from_line.as_deref())?;
        articles::move_outlets(tx, into, from)?;
    }
    articles::delete(tx, from)?;
    place_articles(tx, digest, &article_order(tx, digest)?)
}

fn split(tx: &Connection, paragraph_id: i64, title: Option<&str>) -> Result<(i64, i64)> {
    let (article, position) = paragraph_place(tx, paragraph_id)?;
    if position == 0 {
        return Err(Error::Invalid(format!(
            "paragraph {paragraph_id} is the first of article {article}: splitting there would leave it empty"
        )));
    }
    let ids = paragraph_ids(tx, article)?;
    let (keep, moved) = ids.split_at(position as usize);
    let title = match title {
        Some(t) => clean_title(t)?,
        None => {
            let text =
                paragraphs::text(tx, paragraph_id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
            first_sentence(&text)
        }
    };
    let new = new_article_after(tx, article, &title)?;
    place_paragraphs(tx, article, keep)?;
    place_paragraphs(tx, new, moved)?;
    // A new article opens with its lead.
    if paragraphs::kind(tx, paragraph_id)? == Some(ParagraphKind::Body) {
        paragraphs::set_kind(tx, paragraph_id, ParagraphKind::Lead)?;
    }
    Ok((article, new))
}

/// A new, empty article titled `title`, right after `article` in its digest.
fn new_article_after(tx: &Connection, article: i64, title: &str) -> Result<i64> {
    let digest = article_digest(tx, article)?;
    let new = crate::store::articles::insert(
        tx,
        &crate::store::articles::NewArticle {
            digest_id: digest,
            position: -1_000_000 - article,
            title,
            source: &Default::default(),
            confidence: None,
            now: &now(),
        },
    )?;
    let mut order: Vec<i64> = article_order(tx, digest)?
        .into_iter()
        .filter(|&id| id != new)
        .collect();
    let at = order
        .iter()
        .position(|&id| id == article)
        .expect("article is in its digest");
    order.insert(at + 1, new);
    place_articles(tx, digest, &order)?;
    Ok(new)
}

/// Moves a paragraph; returns the article it left.
fn move_paragraph(
    tx: &Connection,
    paragraph_id: i64,
    to: i64,
    position: Option<i64>,
) -> Result<Option<i64>> {
    let (from, _) = paragraph_place(tx, paragraph_id)?;
    let mut source: Vec<i64> = paragraph_ids(tx, from)?
        .into_iter()
        .filter(|&id| id != paragraph_id)
        .collect();
    let mut target = if from == to {
        source.clone()
    } else {
        paragraph_ids(tx, to)?
    };
    let at = match position {
        None => target.len(),
        Some(p) if (0..=target.len() as i64).contains(&p) => p as usize,
        Some(p) => {
            return Err(Error::Invalid(format!(
                "position {p} is outside article {to} (0 to {})",
                target.len()
            )))
        }
    };
    target.insert(at, paragraph_id);
    if from == to {
        source = target.clone();
    }
    place_paragraphs(tx, from, &source)?;
    place_paragraphs(tx, to, &target)?;
    Ok(Some(from))
}

fn ensure_no_claims(tx: &Connection, paragraph_id: i64, what: &str) -> Result<()> {
    let claims = crate::store::claims::count_for_paragraph(tx, paragraph_id)?;
    if claims > 0 {
        return Err(Error::Conflict(format!(
            "paragraph {paragraph_id} has {claims} claim(s); remove them before making it {what}"
        )));
    }
    Ok(())
}

/// Changes a paragraph's role; returns its article.
fn set_role(tx: &Connection, paragraph_id: i64, role: Role) -> Result<i64> {
    let (article, _) = paragraph_place(tx, paragraph_id)?;
    let kind = match role {
        Role::Lead => Some(ParagraphKind::Lead),
        Role::Body => Some(ParagraphKind::Body),
        Role::Heading => Some(ParagraphKind::Heading),
        Role::PullQuote | Role::Furniture | Role::Title => None,
    };
    if let Some(kind) = kind {
        paragraphs::set_kind(tx, paragraph_id, kind)?;
        return Ok(article);
    }
    let what = if role == Role::PullQuote {
        "a pull quote"
    } else {
        "page furniture"
    };
    ensure_no_claims(tx, paragraph_id, what)?;
    let text = paragraphs::text(tx, paragraph_id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let (role, owner) = if role == Role::PullQuote {
        let n = pull_quotes::list(tx, article)?.len() as i64;
        pull_quotes::insert(tx, article, n, &text)?;
        let owner = Owner {
            article_id: Some(article),
            ..Owner::default()
        };
        (BoxRole::PullQuote, owner)
    } else {
        let digest = article_digest(tx, article)?;
        let n = furniture::list(tx, digest)?.len() as i64;
        let id = furniture::insert(tx, digest, n, &text)?;
        let owner = Owner {
            furniture_id: Some(id),
            ..Owner::default()
        };
        (BoxRole::Furniture, owner)
    };
    page_boxes::reassign_paragraph(tx, paragraph_id, role, owner)?;
    paragraphs::delete(tx, paragraph_id)?;
    let rest = paragraph_ids(tx, article)?;
    place_paragraphs(tx, article, &rest)?;
    Ok(article)
}

/// Makes a paragraph a title: of a new article that starts there, or (the article's first
/// paragraph) of its article, whose old title takes the paragraph's place. Page boxes follow.
/// Returns the article to show and the articles changed.
fn make_title(tx: &Connection, paragraph_id: i64) -> Result<(Option<i64>, Vec<i64>)> {
    let (article, position) = paragraph_place(tx, paragraph_id)?;
    ensure_no_claims(tx, paragraph_id, "a title")?;
    let text = paragraphs::text(tx, paragraph_id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let title = clean_title(&text)?;
    if position == 0 {
        swap_title(tx, article, paragraph_id, &title)?;
        return Ok((Some(article), vec![article]));
    }
    let (old, new) = split(tx, paragraph_id, Some(&title))?;
    let owner = Owner {
        article_id: Some(new),
        ..Owner::default()
    };
    page_boxes::reassign_paragraph(tx, paragraph_id, BoxRole::Title, owner)?;
    paragraphs::delete(tx, paragraph_id)?;
    let rest = paragraph_ids(tx, new)?;
    place_paragraphs(tx, new, &rest)?;
    if let Some(&first) = rest.first() {
        if paragraphs::kind(tx, first)? == Some(ParagraphKind::Body) {
            paragraphs::set_kind(tx, first, ParagraphKind::Lead)?;
        }
    }
    Ok((Some(new), vec![old, new]))
}

/// The article's first paragraph becomes its title and the old title that paragraph, boxes
/// and all: nothing printed is lost.
fn swap_title(tx: &Connection, article: i64, paragraph_id: i64, title: &str) -> Result<()> {
    let old = articles::title(tx, article)?;
    let old_boxes = page_boxes::title_boxes(tx, article)?;
    let owner = Owner {
        article_id: Some(article),
        ..Owner::default()
    };
    page_boxes::reassign_paragraph(tx, paragraph_id, BoxRole::Title, owner)?;
    page_boxes::make_paragraph_boxes(tx, &old_boxes, paragraph_id)?;
    articles::set_title(tx, article, title)?;
    paragraphs::set_text(tx, paragraph_id, &old)
}

fn set_source(tx: &Connection, article_id: i64, line: Option<&str>) -> Result<()> {
    article_digest(tx, article_id)?;
    let line = line.map(str::trim).filter(|l| !l.is_empty());
    let outlets = line.map(outlets_in).unwrap_or_default();
    articles::set_source_line(tx, article_id, line)?;
    articles::set_outlets(tx, article_id, &outlets)
}

/// The outlets a source line names: as the importer reads them, else the `《…》` titles in it.
fn outlets_in(line: &str) -> Vec<String> {
    if let Some(source) = crate::import::page::lines::parse_source(line) {
        return source.outlets;
    }
    line.split('《')
        .skip(1)
        .filter_map(|p| p.split_once('》').map(|(n, _)| n.trim().to_owned()))
        .filter(|n| !n.is_empty())
        .collect()
}

fn clean_title(title: &str) -> Result<String> {
    let t = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if t.is_empty() {
        return Err(Error::Invalid("a title cannot be empty".into()));
    }
    if t.chars().count() > MAX_TITLE_CHARS {
        return Err(Error::Invalid(format!(
            "a title has at most {MAX_TITLE_CHARS} characters"
        )));
    }
    Ok(t)
}

fn first_sentence(text: &str) -> String {
    let s: String = text
        .split_inclusive(['。', '！', '？', '；'])
        .next()
        .unwrap_or(text)
        .trim_end_matches(['。', '；'])
        .chars()
        .take(30)
        .collect();
    if s.is_empty() {
        "（无标题）".into()
    } else {
        s
    }
}

#[cfg(test)]
mod tests;
