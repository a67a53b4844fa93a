//! Drafting a digest's suggestions without holding the writer: the articles are read, analysed
//! with no transaction open, and written in short transactions of a few articles each. An
//! article changed while it was analysed is analysed again (or left, if it keeps changing).

use jieba_rs::Jieba;

use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::{analyse_articles, record_pass, store_suggestions, ArticleSuggestions, Context, Tally};
use crate::model::{Article, ParagraphKind};
use crate::store::{articles, digests, pending_suggestions};
use crate::{Error, Result, Store};

/// Rows (keywords, topics, sentences, claims, entities) written per transaction, about: small
/// enough that the writer is held for about ten milliseconds (an edit from elsewhere waits no
/// longer than that), large enough that the commits and the pauses between them cost little
/// (200 rows a write made a draft of 10,000 articles a quarter slower: `import_suggest` bench).
const ROWS_PER_WRITE: usize = 1000;
/// Longest pause after a write while a writer of this process waits for the lock: longer than
/// the longest sleep of SQLite's busy handler (100 ms), so the waiting writer gets it.
const YIELD_AT_MOST: Duration = Duration::from_millis(150);
/// The pause after a write when no writer of this process waits, as a share of the time the
/// lock was held: room for a writer in another process (SQLite does not queue them fairly).
const PAUSE_SHARE: u32 = 4;
/// Longest such pause.
const PAUSE_AT_MOST: Duration = Duration::from_millis(5);
/// Articles read, analysed and written per step of a draft (a few steps are in flight).
const CHUNK: usize = 128;
/// How often an article that changed meanwhile is analysed again before it is left as it is.
const RETRIES: usize = 3;

/// What an analysis was made from: the article's title and paragraphs as they were read.
type Basis = (String, Vec<(i64, ParagraphKind, String)>);

fn basis(a: &Article) -> Basis {
    let paras = a.paragraphs.iter().map(|p| (p.id, p.kind, p.text.clone()));
    (a.title.clone(), paras.collect())
}

/// Drafts and stores the suggestions of every article of a digest, records the pass in the
/// audit log and clears the digest's pending mark; returns them all. The writer is taken only
/// for short writes, so edits from elsewhere go on meanwhile.
pub fn draft_digest(
    store: &mut Store,
    jieba: &Jieba,
    digest_id: i64,
    actor: &str,
) -> Result<Vec<ArticleSuggestions>> {
    let mut out = Vec::new();
    draft_digest_each(store, jieba, digest_id, actor, |s| out.push(s))?;
    Ok(out)
}

/// [`draft_digest`] handing each article's suggestions to `each` once stored instead of
/// keeping them: memory stays bounded by a few chunks whatever the size of the digest. The
/// articles are read and written a chunk at a time on this thread while the next chunk is
/// analysed on the others.
pub fn draft_digest_each(
    store: &mut Store,
    jieba: &Jieba,
    digest_id: i64,
    actor: &str,
    mut each: impl FnMut(ArticleSuggestions),
) -> Result<Tally> {
    learn(store, jieba)?;
    let cx = context(store, jieba, digest_id)?;
    let ids = articles::ids_for_digest(store.conn(), digest_id)?;
    let mut tally = Tally::default();
    std::thread::scope(|scope| {
        let (to_analyse, inbox) = mpsc::sync_channel::<Vec<Article>>(1);
        let (outbox, analysed) = mpsc::sync_channel(1);
        let cx = &cx;
        scope.spawn(move || analyse_chunks(cx, inbox, outbox));
        let mut chunks = ids.chunks(CHUNK);
        let mut to_analyse = Some(to_analyse);
        // Two chunks ahead of the writer: one being analysed, one waiting for it. Once all
        // are sent the sender is dropped, so the analysis thread ends after the last one.
        let mut feed = |store: &Store| -> Result<()> {
            match chunks.next() {
                Some(chunk) => send(to_analyse.as_ref(), read(store, chunk)?),
                None => drop(to_analyse.take()),
            }
            Ok(())
        };
        feed(store)?;
        feed(store)?;
        for (loaded, done) in analysed.iter() {
            feed(store)?;
            for s in write_chunk(store, cx, loaded, done, actor)? {
                tally.add(&s);
                each(s);
            }
        }
        Ok::<_, Error>(())
    })?;
    finish(store, digest_id, actor, &tally)?;
    Ok(tally)
}

/// Analyses each chunk received, in order, until the writer stops sending.
fn analyse_chunks(
    cx: &Context<'_>,
    inbox: mpsc::Receiver<Vec<Article>>,
    outbox: mpsc::SyncSender<(Vec<Article>, Vec<ArticleSuggestions>)>,
) {
    for loaded in inbox {
        let done = analyse_articles(cx, &loaded);
        if outbox.send((loaded, done)).is_err() {
            break; // the writer stopped (an error): nothing more is wanted
        }
    }
}

/// Hands a chunk to the analysis thread (which runs as long as the writer sends).
fn send(to_analyse: Option<&mpsc::SyncSender<Vec<Article>>>, chunk: Vec<Article>) {
    to_analyse
        .expect("chunks are sent until the last one, then no more")
        .send(chunk)
        .expect("the analysis thread waits for chunks while the writer sends them");
}

/// Writes an analysed chunk; an article changed while it was analysed is read and analysed
/// again (outside any transaction), a few times at most. Returns what was written.
fn write_chunk(
    store: &mut Store,
    cx: &Context<'_>,
    mut loaded: Vec<Article>,
    mut analysed: Vec<ArticleSuggestions>,
    actor: &str,
) -> Result<Vec<ArticleSuggestions>> {
    let mut todo: Vec<usize> = (0..loaded.len()).collect();
    for round in 0..=RETRIES {
        todo = write_all(store, &loaded, &analysed, &todo, actor)?;
        if todo.is_empty() || round == RETRIES {
            break;
        }
        for &i in &todo {
            loaded[i] = store.article(loaded[i].id)?;
            analysed[i] = super::analyse_article(cx, &loaded[i]);
        }
    }
    if !todo.is_empty() {
        let ids: Vec<i64> = todo.iter().map(|&i| loaded[i].id).collect();
        tracing::warn!(
            ?ids,
            "articles kept changing; their suggestions are left to a later pass"
        );
    }
    Ok(analysed)
}

/// The analysis context of a digest that exists.
fn context<'j>(store: &Store, jieba: &'j Jieba, digest_id: i64) -> Result<Context<'j>> {
    let conn = store.conn();
    if digests::get(conn, digest_id)?.is_none() {
        return Err(Error::NotFound {
            entity: "digest",
            id: digest_id,
        });
    }
    Context::load(conn, jieba)
}

/// Counts the decisions taken since the last pass into what was learned, in a short write.
fn learn(store: &mut Store, jieba: &Jieba) -> Result<()> {
    store.write(|tx| crate::language::learning::sync(tx, jieba))?;
    Ok(())
}

/// Reads a chunk of articles with no transaction held.
fn read(store: &Store, ids: &[i64]) -> Result<Vec<Article>> {
    ids.iter()
        .map(|&id| articles::get(store.conn(), id))
        .collect()
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
        let started = Instant::now();
        stale.extend(write_batch(store, loaded, analysed, batch, actor)?);
        make_way(store, started.elapsed());
        rest = next;
    }
    Ok(stale)
}

/// Leaves the write lock of `store`'s database to others after holding it for `held`: while a
/// writer of this process waits for it, until that writer has it (it polls); then a fraction
/// of `held`, for writers in other processes.
fn make_way(store: &Store, held: Duration) {
    let started = Instant::now();
    while store.writers_waiting() > 0 && started.elapsed() < YIELD_AT_MOST {
        std::thread::sleep(Duration::from_millis(1));
    }
    std::thread::sleep((held / PAUSE_SHARE).min(PAUSE_AT_MOST));
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
fn finish(store: &mut Store, digest_id: i64, actor: &str, tally: &Tally) -> Result<()> {
    store.write(|tx| {
        record_pass(tx, digest_id, actor, tally)?;
        pending_suggestions::clear(tx, digest_id)
    })
}
