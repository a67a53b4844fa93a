//! Drafting a digest's suggestions without holding the writer: the articles are read, analysed
//! with no transaction open, and written in short transactions of a few articles each. An
//! article changed while it was analysed is analysed again (or left, if it keeps changing).

use jieba_rs::Jieba;

use super::{analyse_articles, record_pass, store_suggestions, ArticleSuggestions, Context};
use crate::model::{Article, ParagraphKind};
use crate::store::{articles, digests, pending_suggestions};
use crate::{Error, Result, Store};

/// Rows (keywords, topics, sentences, claims, entities) written per transaction, about: small
/// enough that the writer is held for a few milliseconds, large enough to batch small articles.
const ROWS_PER_WRITE: usize = 200;
/// Longest pause after a write, left to other writers (SQLite does not queue them fairly).
const PAUSE_AT_MOST: std::time::Duration = std::time::Duration::from_millis(20);
/// How often an article that changed meanwhile is analysed again before it is left as it is.
const RETRIES: usize = 3;

/// What an analysis was made from: the article's title and paragraphs as they were read.
type Basis = (String, Vec<(i64, ParagraphKind, String)>);

fn basis(a: &Article) -> Basis {
    let paras = a.paragraphs.iter().map(|p| (p.id, p.kind, p.text.clone()));
    (a.title.clone(), paras.collect())
}

/// Drafts and stores the suggestions of every article of a digest, records the pass in the
/// audit log and clears the digest's pending mark. The writer is taken only for short writes,
/// so edits from elsewhere go on meanwhile.
pub fn draft_digest(
    store: &mut Store,
    jieba: &Jieba,
    digest_id: i64,
    actor: &str,
) -> Result<Vec<ArticleSuggestions>> {
    let (cx, mut loaded) = read_digest(store, jieba, digest_id)?;
    let mut analysed = analyse_articles(&cx, &loaded);
    let mut todo: Vec<usize> = (0..loaded.len()).collect();
    for round in 0..=RETRIES {
        todo = write_all(store, &loaded, &analysed, &todo, actor)?;
        if todo.is_empty() || round == RETRIES {
            break;
        }
        // Changed while analysed: read and analyse again (outside any transaction).
        for &i in &todo {
            loaded[i] = store.article(loaded[i].id)?;
            analysed[i] = super::analyse_article(&cx, &loaded[i]);
        }
    }
    if !todo.is_empty() {
        let ids: Vec<i64> = todo.iter().map(|&i| loaded[i].id).collect();
        tracing::warn!(
            ?ids,
            "articles kept changing; their suggestions are left to a later pass"
        );
    }
    finish(store, digest_id, actor, &analysed)?;
    Ok(analysed)
}

/// The analysis context and the digest's articles, read with no transaction held.
fn read_digest<'j>(
    store: &Store,
    jieba: &'j Jieba,
    digest_id: i64,
) -> Result<(Context<'j>, Vec<Article>)> {
    let conn = store.conn();
    if digests::get(conn, digest_id)?.is_none() {
        return Err(Error::NotFound {
            entity: "digest",
            id: digest_id,
        });
    }
    let cx = Context::load(conn, jieba)?;
    let loaded = articles::ids_for_digest(conn, digest_id)?
        .iter()
        .map(|&id| articles::get(conn, id))
        .collect::<Result<Vec<_>>>()?;
    Ok((cx, loaded))
}

/// Rows a suggestion writes, to size the transactions.
fn weight(s: &ArticleSuggestions) -> usize {
    1 + s.keyword_scores.len()
        + s.topics.len()
        + s.sentences.len()
        + s.claims.len()
        + s.entities.len()
}

/// Writes the suggestions of the articles `todo` (indexes) in batches; returns those that
/// changed since they were read (not written).
fn write_all(
    store: &mut Store,
    loaded: &[Article],
    analysed: &[ArticleSuggestions],
    todo: &[usize],
    actor: &str,
) -> Result<Vec<usize>> {
    let mut stale = Vec::new();
    let mut rest = todo;
    while !rest.is_empty() {
        let mut n = 1;
        let mut rows = weight(&analysed[rest[0]]);
        while n < rest.len() && rows + weight(&analysed[rest[n]]) <= ROWS_PER_WRITE {
            rows += weight(&analysed[rest[n]]);
            n += 1;
        }
        let (batch, next) = rest.split_at(n);
        let started = std::time::Instant::now();
        stale.extend(write_batch(store, loaded, analysed, batch, actor)?);
        // Other writers poll for the lock: leave it free about as long as it was held.
        std::thread::sleep(started.elapsed().min(PAUSE_AT_MOST));
        rest = next;
    }
    Ok(stale)
}

/// One short transaction: the suggestions of the articles still as they were analysed.
fn write_batch(
    store: &mut Store,
    loaded: &[Article],
    analysed: &[ArticleSuggestions],
    batch: &[usize],
    actor: &str,
) -> Result<Vec<usize>> {
    store.write(|tx| {
        let mut stale = Vec::new();
        for &i in batch {
            match articles::get(tx, loaded[i].id) {
                Ok(now) if basis(&now) == basis(&loaded[i]) => {
                    store_suggestions(tx, &analysed[i], actor)?
                }
                Ok(_) => stale.push(i),
                // Gone meanwhile (merged into another): nothing to suggest for it.
                Err(Error::NotFound { .. }) => {}
                Err(e) => return Err(e),
            }
        }
        Ok(stale)
    })
}

/// Records the pass and clears the digest's pending mark.
fn finish(
    store: &mut Store,
    digest_id: i64,
    actor: &str,
    out: &[ArticleSuggestions],
) -> Result<()> {
    store.write(|tx| {
        record_pass(tx, digest_id, actor, out)?;
        pending_suggestions::clear(tx, digest_id)
    })
}
