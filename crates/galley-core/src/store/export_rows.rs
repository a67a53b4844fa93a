//! The read side of the annotation tables for export: topics (with the taxonomy's labels),
//! sentiment, claims with their evidence, notes and history, entities and notes, straight from
//! SQL. The same shapes are read back by the `galley.export/1` importer, so they are
//! `Deserialize` too.

use std::collections::HashMap;

use rusqlite::types::Value as Sql;
use rusqlite::Connection;

use crate::model::{
    Article, ClaimStatus, Paragraph, ParagraphKind, PullQuote, ReviewState, Source,
    SuggestionStatus,
};
use crate::Result;

pub use crate::model::document::{
    ClaimOut, EntityOut, EvidenceOut, HistoryOut, NoteOut, SentenceSentimentOut, SentimentOut,
    SuggestedClaimOut, TopicOut,
};

/// Everything annotated on one article.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Annotations {
    /// The article's topics.
    pub topics: Vec<TopicOut>,
    /// The tone of the whole article, if judged.
    pub sentiment: Option<SentimentOut>,
    /// The tone of single sentences.
    pub sentence_sentiments: Vec<SentenceSentimentOut>,
    /// The claims, with evidence, notes and history.
    pub claims: Vec<ClaimOut>,
    /// The notes on the article.
    pub notes: Vec<NoteOut>,
    /// The named entities.
    pub entities: Vec<EntityOut>,
    /// Check-worthy sentences suggested and not yet decided, best first.
    pub suggested_claims: Vec<SuggestedClaimOut>,
}

fn json_list(s: Option<String>) -> Vec<String> {
    s.and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or_default()
}

/// Articles read per batch of queries: one query per table for this many articles keeps the
/// export fast and its memory bounded.
pub const BATCH: usize = 256;

/// `?,?,…` for a batch, and the batch's ids padded to [`BATCH`] (repeating the last) so every
/// batch uses the same prepared statement.
fn batch_params(ids: &[i64]) -> (String, Vec<i64>) {
    let mut padded = ids.to_vec();
    let last = *ids.last().expect("a batch has ids");
    padded.resize(BATCH.max(ids.len()), last);
    let marks = vec!["?"; padded.len()].join(",");
    (marks, padded)
}

/// Runs `sql` (with `{ids}` standing for the id list) over a batch, row by row.
fn each_row(
    conn: &Connection,
    sql: &str,
    ids: &[i64],
    mut f: impl FnMut(&rusqlite::Row<'_>) -> Result<()>,
) -> Result<()> {
    let (marks, padded) = batch_params(ids);
    let mut stmt = conn.prepare_cached(&sql.replace("{ids}", &marks))?;
    let mut rows = stmt.query(rusqlite::params_from_iter(padded))?;
    while let Some(r) = rows.next()? {
        f(r)?;
    }
    Ok(())
}

/// Reads the annotations of `article_id`; `claim_statuses` (when not empty) keeps only claims
/// with one of those statuses.
pub fn load(
    conn: &Connection,
    article_id: i64,
    paragraphs: &[Paragraph],
    claim_statuses: &[ClaimStatus],
) -> Result<Annotations> {
    let mut all = load_many(conn, &[(article_id, paragraphs)], claim_statuses)?;
    Ok(all.pop().unwrap_or_default())
}

/// The annotations of up to [`BATCH`] articles (each with its paragraphs), in the same order.
pub fn load_many(
    conn: &Connection,
    articles: &[(i64, &[Paragraph])],
    claim_statuses: &[ClaimStatus],
) -> Result<Vec<Annotations>> {
    if articles.is_empty() {
        return Ok(Vec::new());
    }
    let ids: Vec<i64> = articles.iter().map(|(id, _)| *id).collect();
    let batch = Batch {
        conn,
        slot: ids.iter().enumerate().map(|(i, id)| (*id, i)).collect(),
        index: articles
            .iter()
            .flat_map(|(_, ps)| ps.iter().enumerate().map(|(i, p)| (p.id, i)))
            .collect(),
        ids,
    };
    let mut out: Vec<Annotations> = vec![Annotations::default(); batch.ids.len()];
    load_topics(&batch, &mut out)?;
    load_sentiments(&batch, &mut out)?;
    load_claims(&batch, claim_statuses, &mut out)?;
    let claim_slot = sort_claims(&mut out);
    if !claim_slot.is_empty() {
        load_evidence(&batch, &claim_slot, &mut out)?;
        load_claim_history(&batch, &claim_slot, &mut out)?;
    }
    load_notes(&batch, &claim_slot, &mut out)?;
    load_entities(&batch, &mut out)?;
    load_suggested_claims(&batch, &mut out)?;
    for a in &mut out {
        a.sentence_sentiments
            .sort_by_key(|s| (s.paragraph, s.start.unwrap_or(0)));
    }
    Ok(out)
}

/// A batch of articles being loaded.
struct Batch<'c> {
    conn: &'c Connection,
    ids: Vec<i64>,
    /// article id → its place in the batch
    slot: HashMap<i64, usize>,
    /// paragraph id → index within its article
    index: HashMap<i64, usize>,
}

impl Batch<'_> {
    /// Runs `sql` (with `{ids}` standing for the batch's ids), row by row.
    fn each_row(&self, sql: &str, f: impl FnMut(&rusqlite::Row<'_>) -> Result<()>) -> Result<()> {
        each_row(self.conn, sql, &self.ids, f)
    }

    /// The place in the batch of the article whose id is in column `col`.
    fn slot(&self, r: &rusqlite::Row<'_>, col: usize) -> Result<usize> {
        Ok(self.slot[&r.get::<_, i64>(col)?])
    }
}

/// Where each claim is, by id: (article's place in the batch, claim's index).
type ClaimSlots = HashMap<i64, (usize, usize)>;

/// Topics (with the taxonomy's labels): accepted first, then suggested, by score.
fn load_topics(b: &Batch<'_>, out: &mut [Annotations]) -> Result<()> {
    b.each_row(
        "SELECT at.article_id, t.code, t.label_zh, t.label_en, at.status, at.source, at.score,
                at.reasons, at.created_by, at.created_at
         FROM article_topics at JOIN topics t ON t.id = at.topic_id
         WHERE at.article_id IN ({ids})
         ORDER BY at.article_id, at.status != 'accepted', at.status != 'suggested',
                  at.score DESC NULLS LAST, t.code",
        |r| {
            let i = b.slot(r, 0)?;
            out[i].topics.push(TopicOut {
                code: r.get(1)?,
                label_zh: r.get(2)?,
                label_en: r.get(3)?,
                status: r.get(4)?,
                source: r.get(5)?,
                score: r.get(6)?,
                reasons: json_list(r.get(7)?),
                created_by: r.get(8)?,
                created_at: r.get(9)?,
            });
            Ok(())
        },
    )
}

/// Sentiment not rejected: the article's (an editor's decision wins over a suggestion, the
/// latest row of a kind wins) and its sentences'.
fn load_sentiments(b: &Batch<'_>, out: &mut [Annotations]) -> Result<()> {
    b.each_row(
        "SELECT article_id, paragraph_id, start, end, label, score, status, source, reasons,
                created_by, created_at
         FROM sentiments WHERE article_id IN ({ids}) AND status != 'rejected' ORDER BY id",
        |r| {
            let a = &mut out[b.slot(r, 0)?];
            let paragraph_id: Option<i64> = r.get(1)?;
            match paragraph_id {
                None => {
                    let s = SentimentOut {
                        label: r.get(4)?,
                        score: r.get(5)?,
                        status: r.get(6)?,
                        source: r.get(7)?,
                        reasons: json_list(r.get(8)?),
                        created_by: r.get(9)?,
                        created_at: r.get(10)?,
                    };
                    // An editor's decision wins over a suggestion; the latest row of a kind wins.
                    let keep_old = a.sentiment.as_ref().is_some_and(|old| {
                        old.status == SuggestionStatus::Accepted
                            && s.status != SuggestionStatus::Accepted
                    });
                    if !keep_old {
                        a.sentiment = Some(s);
                    }
                }
                Some(pid) => {
                    if let Some(&paragraph) = b.index.get(&pid) {
                        a.sentence_sentiments.push(SentenceSentimentOut {
                            paragraph,
                            start: r.get(2)?,
                            end: r.get(3)?,
                            label: r.get(4)?,
                            score: r.get(5)?,
                            status: r.get(6)?,
                            source: r.get(7)?,
                            created_by: r.get(9)?,
                            created_at: r.get(10)?,
                        });
                    }
                }
            }
            Ok(())
        },
    )
}

/// Claims (only those with one of `claim_statuses` when not empty) on known paragraphs,
/// without their evidence, notes and history yet.
fn load_claims(
    b: &Batch<'_>,
    claim_statuses: &[ClaimStatus],
    out: &mut [Annotations],
) -> Result<()> {
    b.each_row(
        "SELECT article_id, id, paragraph_id, start, end, text, status, rating, rating_value,
                reviewer, reviewed_at, source, score, reasons, consistency, created_by, created_at,
                updated_at
         FROM claims WHERE article_id IN ({ids}) ORDER BY id",
        |r| {
            let status: ClaimStatus = r.get(6)?;
            if !claim_statuses.is_empty() && !claim_statuses.contains(&status) {
                return Ok(());
            }
            let Some(&paragraph) = b.index.get(&r.get::<_, i64>(2)?) else {
                return Ok(());
            };
            let consistency: Option<String> = r.get(14)?;
            out[b.slot(r, 0)?].claims.push(ClaimOut {
                id: r.get(1)?,
                paragraph,
                start: r.get(3)?,
                end: r.get(4)?,
                text: r.get(5)?,
                status,
                rating: r.get(7)?,
                rating_value: r.get(8)?,
                reviewer: r.get(9)?,
                reviewed_at: r.get(10)?,
                source: r.get(11)?,
                score: r.get(12)?,
                reasons: json_list(r.get(13)?),
                consistency: consistency_list(consistency),
                evidence: Vec::new(),
                notes: Vec::new(),
                history: HistoryOut::default(),
                created_by: r.get(15)?,
                created_at: r.get(16)?,
                updated_at: r.get(17)?,
            });
            Ok(())
        },
    )
}

/// A claim's stored consistency findings as a list (a single value becomes a list of one).
fn consistency_list(consistency: Option<String>) -> Vec<serde_json::Value> {
    consistency
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        .map(|v| match v {
            serde_json::Value::Array(a) => a,
            serde_json::Value::Null => Vec::new(),
            other => vec![other],
        })
        .unwrap_or_default()
}

/// Puts each article's claims in text order and tells where each claim ended up.
fn sort_claims(out: &mut [Annotations]) -> ClaimSlots {
    let mut claim_slot = ClaimSlots::new();
    for (i, a) in out.iter_mut().enumerate() {
        a.claims
            .sort_by_key(|c| (c.paragraph, c.start, c.end, c.id));
        for (j, c) in a.claims.iter().enumerate() {
            claim_slot.insert(c.id, (i, j));
        }
    }
    claim_slot
}

/// The evidence of the claims loaded.
fn load_evidence(b: &Batch<'_>, claim_slot: &ClaimSlots, out: &mut [Annotations]) -> Result<()> {
    b.each_row(
        "SELECT e.claim_id, e.url, e.quote, e.note, e.added_by, e.added_at
         FROM claims c JOIN evidence e ON e.claim_id = c.id
         WHERE c.article_id IN ({ids}) ORDER BY e.id",
        |r| {
            if let Some(&(i, j)) = claim_slot.get(&r.get::<_, i64>(0)?) {
                out[i].claims[j].evidence.push(EvidenceOut {
                    url: r.get(1)?,
                    quote: r.get(2)?,
                    note: r.get(3)?,
                    added_by: r.get(4)?,
                    added_at: r.get(5)?,
                });
            }
            Ok(())
        },
    )
}

/// The history of the claims loaded, from the audit log: number of changes, first and last
/// time, last actor.
fn load_claim_history(
    b: &Batch<'_>,
    claim_slot: &ClaimSlots,
    out: &mut [Annotations],
) -> Result<()> {
    b.each_row(
        "SELECT entity_id, count(*), min(at), max(at),
                (SELECT l2.actor FROM audit_log l2 WHERE l2.article_id = l.article_id
                 AND l2.entity = 'claim' AND l2.entity_id = l.entity_id
                 ORDER BY l2.at DESC, l2.id DESC LIMIT 1)
         FROM audit_log l
         WHERE l.article_id IN ({ids}) AND l.entity = 'claim' AND l.entity_id IS NOT NULL
         GROUP BY l.article_id, l.entity_id",
        |r| {
            if let Some(&(i, j)) = claim_slot.get(&r.get::<_, i64>(0)?) {
                out[i].claims[j].history = HistoryOut {
                    changes: r.get(1)?,
                    first_at: r.get(2)?,
                    last_at: r.get(3)?,
                    last_by: r.get(4)?,
                };
            }
            Ok(())
        },
    )
}

/// Notes: on the article, or on one of the claims loaded.
fn load_notes(b: &Batch<'_>, claim_slot: &ClaimSlots, out: &mut [Annotations]) -> Result<()> {
    b.each_row(
        "SELECT article_id, claim_id, body, author, created_at FROM notes
         WHERE article_id IN ({ids}) ORDER BY id",
        |r| {
            let i = b.slot(r, 0)?;
            let note = NoteOut {
                body: r.get(2)?,
                author: r.get(3)?,
                created_at: r.get(4)?,
            };
            match r.get::<_, Option<i64>>(1)? {
                None => out[i].notes.push(note),
                Some(id) => {
                    if let Some(&(ci, j)) = claim_slot.get(&id) {
                        out[ci].claims[j].notes.push(note);
                    }
                }
            }
            Ok(())
        },
    )
}

/// Entities not rejected, most mentioned first.
fn load_entities(b: &Batch<'_>, out: &mut [Annotations]) -> Result<()> {
    b.each_row(
        "SELECT article_id, text, kind, mentions, status, source FROM article_entities
         WHERE article_id IN ({ids}) AND status != 'rejected'
         ORDER BY article_id, mentions DESC, id",
        |r| {
            out[b.slot(r, 0)?].entities.push(EntityOut {
                text: r.get(1)?,
                kind: r.get(2)?,
                mentions: r.get(3)?,
                status: r.get(4)?,
                source: r.get(5)?,
            });
            Ok(())
        },
    )
}

/// The check-worthy sentences suggested and still undecided, best first.
fn load_suggested_claims(b: &Batch<'_>, out: &mut [Annotations]) -> Result<()> {
    b.each_row(
        "SELECT article_id, paragraph_id, start, end, text, status, score, rank, reasons,
                consistency
         FROM claim_suggestions WHERE article_id IN ({ids}) AND status = 'suggested'
         ORDER BY article_id, rank, id",
        |r| {
            let Some(&paragraph) = b.index.get(&r.get::<_, i64>(1)?) else {
                return Ok(());
            };
            out[b.slot(r, 0)?].suggested_claims.push(SuggestedClaimOut {
                paragraph,
                start: r.get(2)?,
                end: r.get(3)?,
                text: r.get(4)?,
                status: r.get(5)?,
                score: r.get(6)?,
                rank: r.get(7)?,
                reasons: json_list(r.get(8)?),
                consistency: consistency_list(r.get(9)?),
            });
            Ok(())
        },
    )
}

/// The articles themselves (text, source, pull quotes) for up to [`BATCH`] ids, in order;
/// ids that do not exist are left out.
pub fn articles_many(conn: &Connection, ids: &[i64]) -> Result<Vec<Article>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let mut found = article_rows(conn, ids)?;
    add_outlets(conn, ids, &mut found)?;
    add_paragraphs(conn, ids, &mut found)?;
    add_pull_quotes(conn, ids, &mut found)?;
    let mut seen = std::collections::HashSet::new();
    Ok(ids
        .iter()
        .filter(|id| seen.insert(**id))
        .filter_map(|id| found.remove(id))
        .collect())
}

/// The `articles` rows of a batch, by id, without outlets, paragraphs and pull quotes.
fn article_rows(conn: &Connection, ids: &[i64]) -> Result<HashMap<i64, Article>> {
    let mut found: HashMap<i64, Article> = HashMap::new();
    each_row(
        conn,
        "SELECT id, digest_id, position, title, source_line, review_state, confidence, updated_at,
                version
         FROM articles WHERE id IN ({ids})",
        ids,
        |r| {
            let state: String = r.get(5)?;
            let id: i64 = r.get(0)?;
            found.insert(
                id,
                Article {
                    id,
                    digest_id: r.get(1)?,
                    position: r.get(2)?,
                    title: r.get(3)?,
                    source: Source {
                        line: r.get(4)?,
                        outlets: Vec::new(),
                    },
                    paragraphs: Vec::new(),
                    pull_quotes: Vec::new(),
                    review_state: ReviewState::parse(&state).ok_or_else(|| {
                        crate::Error::Invalid(format!("unknown review state {state:?}"))
                    })?,
                    confidence: r.get(6)?,
                    updated_at: r.get(7)?,
                    version: r.get(8)?,
                },
            );
            Ok(())
        },
    )?;
    Ok(found)
}

/// The outlets of the articles' sources, in order.
fn add_outlets(conn: &Connection, ids: &[i64], found: &mut HashMap<i64, Article>) -> Result<()> {
    each_row(
        conn,
        "SELECT article_id, name FROM article_outlets WHERE article_id IN ({ids})
         ORDER BY article_id, position",
        ids,
        |r| {
            if let Some(a) = found.get_mut(&r.get::<_, i64>(0)?) {
                a.source.outlets.push(r.get(1)?);
            }
            Ok(())
        },
    )
}

/// The articles' paragraphs, in order.
fn add_paragraphs(conn: &Connection, ids: &[i64], found: &mut HashMap<i64, Article>) -> Result<()> {
    each_row(
        conn,
        "SELECT article_id, id, position, kind, text FROM paragraphs WHERE article_id IN ({ids})
         ORDER BY article_id, position",
        ids,
        |r| {
            if let Some(a) = found.get_mut(&r.get::<_, i64>(0)?) {
                let kind: String = r.get(3)?;
                a.paragraphs.push(Paragraph {
                    id: r.get(1)?,
                    position: r.get(2)?,
                    kind: ParagraphKind::parse(&kind).ok_or_else(|| {
                        crate::Error::Invalid(format!("unknown paragraph kind {kind:?}"))
                    })?,
                    text: r.get(4)?,
                });
            }
            Ok(())
        },
    )
}

/// The articles' pull quotes, in order.
fn add_pull_quotes(
    conn: &Connection,
    ids: &[i64],
    found: &mut HashMap<i64, Article>,
) -> Result<()> {
    each_row(
        conn,
        "SELECT article_id, id, text FROM pull_quotes WHERE article_id IN ({ids})
         ORDER BY article_id, position",
        ids,
        |r| {
            if let Some(a) = found.get_mut(&r.get::<_, i64>(0)?) {
                a.pull_quotes.push(PullQuote {
                    id: r.get(1)?,
                    text: r.get(2)?,
                });
            }
            Ok(())
        },
    )
}

/// Which articles of a digest an export takes; every criterion narrows, an empty one does not.
pub struct ArticleCriteria<'a> {
    /// Articles in one of these review states.
    pub review_states: &'a [ReviewState],
    /// Accepted topic codes (a top-level code also matches its second-level topics).
    pub topics: &'a [String],
    /// Articles with a claim in one of these statuses.
    pub claim_statuses: &'a [ClaimStatus],
}

/// The ids of a digest's articles that meet the criteria, in page order.
pub fn article_ids(conn: &Connection, digest_id: i64, c: &ArticleCriteria<'_>) -> Result<Vec<i64>> {
    let mut sql = String::from("SELECT a.id FROM articles a WHERE a.digest_id = ?1");
    let mut args: Vec<Sql> = Vec::new();
    let placeholders = |values: Vec<Sql>, args: &mut Vec<Sql>| -> String {
        let mut p = Vec::new();
        for v in values {
            args.push(v);
            p.push(format!("?{}", args.len() + 1));
        }
        p.join(", ")
    };
    if !c.review_states.is_empty() {
        let p = placeholders(
            c.review_states
                .iter()
                .map(|s| Sql::Text(s.as_str().into()))
                .collect(),
            &mut args,
        );
        sql.push_str(&format!(" AND a.review_state IN ({p})"));
    }
    if !c.topics.is_empty() {
        let p = placeholders(
            c.topics
                .iter()
                .map(|s| Sql::Text(s.as_str().to_owned()))
                .collect(),
            &mut args,
        );
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM article_topics at JOIN topics t ON t.id = at.topic_id
               WHERE at.article_id = a.id AND at.status = 'accepted'
               AND (t.code IN ({p}) OR t.parent_id IN (SELECT id FROM topics WHERE code IN ({p}))))"
        ));
    }
    if !c.claim_statuses.is_empty() {
        let p = placeholders(
            c.claim_statuses
                .iter()
                .map(|s| Sql::Text(s.as_str().to_owned()))
                .collect(),
            &mut args,
        );
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM claims c WHERE c.article_id = a.id AND c.status IN ({p}))"
        ));
    }
    sql.push_str(" ORDER BY a.position");
    let mut params: Vec<Sql> = vec![Sql::Integer(digest_id)];
    params.extend(args);
    let mut stmt = conn.prepare_cached(&sql)?;
    let ids = stmt
        .query_map(rusqlite::params_from_iter(params), |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(ids)
}
