//! Restoring a `galley.export/1` document: every digest with its articles and annotations.
//!
//! A digest is recognised by its `content_hash`. One the database does not have is restored
//! whole (its name, date, file, hash and import time as exported; new ids). One it has is
//! merged: each exported article is matched to a stored one by the hash of its title and
//! paragraphs, and only what the database lacks is added (topics, sentiment, claims, evidence,
//! notes, entities). Where both have a value and they differ (a claim's status or rating, a
//! topic's decision, the sentiment, the review state) the stored value is kept and the
//! difference is reported as a conflict; nothing is overwritten. An exported article whose text
//! matches no stored article of that digest is reported and not imported.
//!
//! What a restore does not bring back: ids (new ones are given), the audit log (so a claim's
//! `history` starts empty), rejected sentiment suggestions (not exported).

mod check;

use std::collections::HashMap;

use jieba_rs::Jieba;
use rusqlite::Connection;

use crate::import::{ArticleReport, Input, InputFormat, Options, Report, Status};
use crate::model::document::{
    article_hash, ArticleOut, DigestOut, Document, SentenceSentimentOut, SCHEMA,
};
use crate::model::Paragraph;
use crate::store::export_rows::{self as annotations, Annotations, ClaimOut};
use crate::store::{
    article_entities, article_topics, articles, audit, claim_suggestions, claims, digests,
    evidence, notes, paragraphs, pull_quotes, search, sentiments,
};
use crate::{Error, Result, Store};

/// Whether a JSON value is a Galley export (of any version).
pub fn looks_like(v: &serde_json::Value) -> bool {
    v.get("schema")
        .and_then(serde_json::Value::as_str)
        .is_some_and(|s| s.starts_with("galley.export/"))
}

pub use crate::model::import_report::{Conflict, DigestOutcome};

fn parse(text: &str) -> Result<Document> {
    let v: serde_json::Value =
        serde_json::from_str(text).map_err(|e| Error::Invalid(format!("not valid JSON: {e}")))?;
    match v.get("schema").and_then(serde_json::Value::as_str) {
        Some(SCHEMA) => {}
        Some(other) => {
            return Err(Error::Invalid(format!(
                "{other} is not supported: this Galley reads {SCHEMA}"
            )))
        }
        None => return Err(Error::Invalid("not a Galley export (no \"schema\")".into())),
    }
    serde_json::from_value(v)
        .map_err(|e| Error::Invalid(format!("this {SCHEMA} document is malformed: {e}")))
}

/// Restores or merges every digest of the document in one transaction.
pub fn import(
    store: &mut Store,
    jieba: &Jieba,
    text: &str,
    input: &Input<'_>,
    opts: &Options,
) -> Result<Report> {
    let doc = parse(text)?;
    if doc.digests.is_empty() {
        return Err(Error::NoArticles {
            what: input.what.clone(),
        });
    }
    check::check(&doc, &input.what)?;
    let run = |tx: &Connection| -> Result<Report> { restore(tx, jieba, &doc, opts) };
    let mut report = if opts.dry_run {
        // Everything is done, then rolled back: the report says exactly what would happen.
        let conn = store.conn();
        conn.execute_batch("SAVEPOINT galley_dry_run")?;
        let r = run(conn);
        conn.execute_batch("ROLLBACK TO galley_dry_run; RELEASE galley_dry_run")?;
        let mut r = r?;
        r.status = Status::DryRun;
        r.digest_id = None;
        for a in &mut r.articles {
            a.id = None;
        }
        r
    } else {
        store.write(|tx| run(tx))?
    };
    report.format = Some(InputFormat::GalleyExport);
    Ok(report)
}

struct Ctx<'a> {
    actor: &'a str,
    now: String,
    conflicts: Vec<Conflict>,
    digest: String,
    article: String,
}

impl Ctx<'_> {
    fn conflict(&mut self, what: impl ToString, stored: impl ToString, incoming: impl ToString) {
        self.conflicts.push(Conflict {
            digest: self.digest.clone(),
            article: self.article.clone(),
            what: what.to_string(),
            stored: stored.to_string(),
            incoming: incoming.to_string(),
        });
    }
}

fn restore(tx: &Connection, jieba: &Jieba, doc: &Document, opts: &Options) -> Result<Report> {
    let mut ctx = Ctx {
        actor: &opts.actor,
        now: crate::store::now(),
        conflicts: Vec::new(),
        digest: String::new(),
        article: String::new(),
    };
    let mut outcomes = Vec::new();
    let mut article_reports = Vec::new();
    // Last first, so the restored digests list in the exported order (newest id first on ties).
    for d in doc.digests.iter().rev() {
        ctx.digest = d.name.clone();
        let before = ctx.conflicts.len();
        let (outcome, reports) = match digests::find_by_hash(tx, &d.content_hash)? {
            None => restore_digest(tx, jieba, d, &mut ctx)?,
            Some(existing) => merge_digest(tx, jieba, existing.id, d, &mut ctx)?,
        };
        let mut outcome = outcome;
        outcome.conflicts = ctx.conflicts.len() - before;
        outcomes.push(outcome);
        article_reports.push(reports);
    }
    outcomes.reverse();
    article_reports.reverse();
    let changed = outcomes.iter().any(|o| o.outcome != "unchanged");
    let mut warnings: Vec<String> = outcomes
        .iter()
        .map(|o| {
            format!(
                "digest {} {:?}: {} ({} articles, {} annotations added, {} conflicts)",
                o.digest_id, o.name, o.outcome, o.articles_added, o.annotations_added, o.conflicts
            )
        })
        .collect();
    warnings.extend(ctx.conflicts.iter().map(ToString::to_string));
    let single = (doc.digests.len() == 1).then(|| &doc.digests[0]);
    Ok(Report {
        status: if changed {
            Status::Imported
        } else {
            Status::AlreadyImported
        },
        digest_id: outcomes.first().map(|o| o.digest_id),
        name: single
            .map(|d| d.name.clone())
            .unwrap_or_else(|| format!("{} digests", doc.digests.len())),
        date: single.and_then(|d| d.date),
        format: Some(InputFormat::GalleyExport),
        articles: article_reports.into_iter().flatten().collect(),
        furniture: Vec::new(),
        warnings,
        digests: outcomes,
        conflicts: ctx.conflicts,
    })
}

fn restore_digest(
    tx: &Connection,
    jieba: &Jieba,
    d: &DigestOut,
    ctx: &mut Ctx<'_>,
) -> Result<(DigestOutcome, Vec<ArticleReport>)> {
    if d.name.trim().is_empty() {
        return Err(Error::Invalid("a digest has an empty name".into()));
    }
    let digest_id = digests::insert(
        tx,
        &digests::NewDigest {
            name: &d.name,
            date: d.date,
            source_file: d.source_file.as_deref(),
            content_hash: &d.content_hash,
            imported_at: &d.imported_at,
        },
    )?;
    let mut reports = Vec::new();
    let mut added = 0;
    for (pos, a) in d.articles.iter().enumerate() {
        ctx.article = a.title.clone();
        let id = articles::insert(
            tx,
            &articles::NewArticle {
                digest_id,
                position: pos as i64,
                title: &a.title,
                source: &a.source,
                confidence: a.confidence,
                now: &a.updated_at,
            },
        )?;
        let mut all_text = a.title.clone();
        for (i, p) in a.paragraphs.iter().enumerate() {
            paragraphs::insert(tx, id, i as i64, p.kind, &p.text)?;
            all_text.push('\n');
            all_text.push_str(&p.text);
        }
        for (i, q) in a.pull_quotes.iter().enumerate() {
            pull_quotes::insert(tx, id, i as i64, &q.text)?;
        }
        search::index_article(tx, jieba, id, &all_text)?;
        let paras = paragraphs::list(tx, id)?;
        added += merge_annotations(tx, id, &paras, a, None, ctx)?;
        articles::restore_state(tx, id, a.review_state, &a.updated_at)?;
        reports.push(ArticleReport {
            id: Some(id),
            title: a.title.clone(),
            paragraphs: a.paragraphs.len(),
            pull_quotes: a.pull_quotes.len(),
            source: a.source.clone(),
            confidence: a.confidence.unwrap_or(1.0),
            warnings: Vec::new(),
        });
    }
    audit::record(
        tx,
        &ctx.now,
        &audit::Entry {
            actor: ctx.actor,
            action: "import",
            entity: "digest",
            entity_id: Some(digest_id),
            article_id: None,
            before: None,
            after: Some(serde_json::json!({
                "name": d.name,
                "source_file": d.source_file,
                "articles": d.articles.len(),
                "content_hash": d.content_hash,
                "restored_from": SCHEMA,
            })),
        },
    )?;
    Ok((
        DigestOutcome {
            digest_id,
            name: d.name.clone(),
            outcome: "restored",
            articles_added: d.articles.len(),
            annotations_added: added,
            conflicts: 0,
        },
        reports,
    ))
}

fn merge_digest(
    tx: &Connection,
    _jieba: &Jieba,
    digest_id: i64,
    d: &DigestOut,
    ctx: &mut Ctx<'_>,
) -> Result<(DigestOutcome, Vec<ArticleReport>)> {
    let mut stored: HashMap<String, i64> = HashMap::new();
    for id in articles::ids_for_digest(tx, digest_id)? {
        let a = articles::get(tx, id)?;
        stored.insert(
            article_hash(&a.title, a.paragraphs.iter().map(|p| p.text.as_str())),
            id,
        );
    }
    let mut added = 0;
    for a in &d.articles {
        ctx.article = a.title.clone();
        let hash = article_hash(&a.title, a.paragraphs.iter().map(|p| p.text.as_str()));
        let Some(&id) = stored.get(&hash) else {
            ctx.conflict(
                "article text",
                "no article with this title and text in the stored digest",
                "this article (edited in one of the databases?): not imported",
            );
            continue;
        };
        let article = articles::get(tx, id)?;
        let existing = annotations::load(tx, id, &article.paragraphs, &[])?;
        if article.review_state != a.review_state {
            ctx.conflict(
                "review state",
                article.review_state.as_str(),
                a.review_state.as_str(),
            );
        }
        added += merge_annotations(tx, id, &article.paragraphs, a, Some(&existing), ctx)?;
    }
    if added > 0 {
        audit::record(
            tx,
            &ctx.now,
            &audit::Entry {
                actor: ctx.actor,
                action: "merge",
                entity: "digest",
                entity_id: Some(digest_id),
                article_id: None,
                before: None,
                after: Some(serde_json::json!({
                    "annotations_added": added,
                    "merged_from": SCHEMA,
                })),
            },
        )?;
    }
    Ok((
        DigestOutcome {
            digest_id,
            name: d.name.clone(),
            outcome: if added > 0 { "merged" } else { "unchanged" },
            articles_added: 0,
            annotations_added: added,
            conflicts: 0,
        },
        Vec::new(),
    ))
}

fn topic_id(tx: &Connection, code: &str, zh: &str, en: &str) -> Result<i64> {
    if let Some(id) = crate::store::topics::id_by_code(tx, code)? {
        return Ok(id);
    }
    crate::store::topics::insert(tx, code, None, zh, en)
}

fn show<T: std::fmt::Debug>(v: &Option<T>) -> String {
    match v {
        Some(v) => format!("{v:?}"),
        None => "none".into(),
    }
}

/// Finds the code-point span of a claim in its paragraph: as exported, or, if the text moved,
/// where the claim's text first occurs.
fn locate(paragraphs: &[Paragraph], c: &ClaimOut) -> Option<(i64, usize, usize)> {
    let p = paragraphs.get(c.paragraph)?;
    let chars: Vec<char> = p.text.chars().collect();
    let (s, e) = (c.start.max(0) as usize, c.end.max(0) as usize);
    if s < e && e <= chars.len() && chars[s..e].iter().collect::<String>() == c.text {
        return Some((p.id, s, e));
    }
    let byte = p.text.find(&c.text)?;
    let s = p.text[..byte].chars().count();
    Some((p.id, s, s + c.text.chars().count()))
}

/// Adds the incoming annotations the article lacks; reports differences. Returns how many rows
/// were added.
fn merge_annotations(
    tx: &Connection,
    article_id: i64,
    paragraphs: &[Paragraph],
    a: &ArticleOut,
    existing: Option<&Annotations>,
    ctx: &mut Ctx<'_>,
) -> Result<usize> {
    let empty = Annotations::default();
    let mut m = Merge {
        tx,
        article_id,
        paragraphs,
        ex: existing.unwrap_or(&empty),
        ctx,
    };
    Ok(m.topics(a)?
        + m.sentiment(a)?
        + m.sentence_sentiments(a)?
        + m.claims(a)?
        + m.notes(a)?
        + m.entities(a)?
        + m.suggested_claims(a)?)
}

/// One article's annotations merged into what is stored: each step adds what is missing and
/// reports values that differ as conflicts (keeping the stored ones). Each returns rows added.
struct Merge<'a, 'c> {
    tx: &'a Connection,
    article_id: i64,
    paragraphs: &'a [Paragraph],
    ex: &'a Annotations,
    ctx: &'a mut Ctx<'c>,
}

impl Merge<'_, '_> {
    /// Suggested sentences come back as suggestions, unless the span is already a claim, already
    /// suggested, decided on, or no longer the sentence it was.
    fn suggested_claims(&mut self, a: &ArticleOut) -> Result<usize> {
        let mut added = 0;
        for c in &a.suggested_claims {
            let Some(p) = self.paragraphs.get(c.paragraph) else {
                continue;
            };
            let (start, end) = (c.start.max(0) as usize, c.end.max(0) as usize);
            let here: String = p
                .text
                .chars()
                .skip(start)
                .take(end.saturating_sub(start))
                .collect();
            let same = |o: (usize, i64, i64)| o == (c.paragraph, c.start, c.end);
            if here != c.text
                || self
                    .ex
                    .claims
                    .iter()
                    .any(|o| same((o.paragraph, o.start, o.end)))
                || self
                    .ex
                    .suggested_claims
                    .iter()
                    .any(|o| same((o.paragraph, o.start, o.end)))
                || claim_suggestions::decided(self.tx, p.id, start, end)?
            {
                continue;
            }
            claim_suggestions::insert(
                self.tx,
                &claim_suggestions::NewClaimSuggestion {
                    article_id: self.article_id,
                    paragraph_id: p.id,
                    start,
                    end,
                    text: &c.text,
                    rank: c.rank.max(0) as usize,
                    score: c.score,
                    reasons: &c.reasons,
                    consistency: &serde_json::Value::Array(c.consistency.clone()),
                    actor: self.ctx.actor,
                    now: &self.ctx.now,
                },
            )?;
            added += 1;
        }
        Ok(added)
    }

    fn topics(&mut self, a: &ArticleOut) -> Result<usize> {
        let mut added = 0;
        for t in &a.topics {
            if let Some(old) = self.ex.topics.iter().find(|o| o.code == t.code) {
                if old.status != t.status {
                    self.ctx
                        .conflict(format!("topic {}", t.code), old.status, t.status);
                }
                continue;
            }
            let topic = topic_id(self.tx, &t.code, &t.label_zh, &t.label_en)?;
            added += article_topics::insert(
                self.tx,
                &article_topics::TopicRow {
                    article_id: self.article_id,
                    topic_id: topic,
                    source: &t.source,
                    status: t.status,
                    score: t.score,
                    reasons: &t.reasons,
                    created_by: &t.created_by,
                    created_at: &t.created_at,
                },
            )?;
        }
        Ok(added)
    }

    fn sentiment(&mut self, a: &ArticleOut) -> Result<usize> {
        let Some(s) = &a.sentiment else {
            return Ok(0);
        };
        match &self.ex.sentiment {
            Some(old) if old.label != s.label || old.status != s.status => {
                self.ctx.conflict(
                    "sentiment",
                    format!("{} ({})", old.label, old.status),
                    format!("{} ({})", s.label, s.status),
                );
                Ok(0)
            }
            Some(_) => Ok(0),
            None => sentiments::insert(
                self.tx,
                &sentiments::SentimentRow {
                    article_id: self.article_id,
                    paragraph_id: None,
                    start: None,
                    end: None,
                    label: s.label,
                    score: s.score,
                    source: &s.source,
                    status: s.status,
                    reasons: &s.reasons,
                    created_by: &s.created_by,
                    created_at: &s.created_at,
                },
            ),
        }
    }

    fn sentence_sentiments(&mut self, a: &ArticleOut) -> Result<usize> {
        let mut added = 0;
        for s in &a.sentence_sentiments {
            let Some(p) = self.paragraphs.get(s.paragraph) else {
                continue;
            };
            let same = |o: &&SentenceSentimentOut| {
                o.paragraph == s.paragraph && o.start == s.start && o.end == s.end
            };
            if let Some(old) = self.ex.sentence_sentiments.iter().find(same) {
                if old.label != s.label {
                    let what = format!(
                        "sentence sentiment ¶{} {:?}..{:?}",
                        s.paragraph, s.start, s.end
                    );
                    self.ctx.conflict(what, old.label, s.label);
                }
                continue;
            }
            added += sentiments::insert(
                self.tx,
                &sentiments::SentimentRow {
                    article_id: self.article_id,
                    paragraph_id: Some(p.id),
                    start: s.start,
                    end: s.end,
                    label: s.label,
                    score: s.score,
                    source: &s.source,
                    status: s.status,
                    reasons: &[],
                    created_by: &s.created_by,
                    created_at: &s.created_at,
                },
            )?;
        }
        Ok(added)
    }

    fn claims(&mut self, a: &ArticleOut) -> Result<usize> {
        let mut added = 0;
        for c in &a.claims {
            let Some((pid, start, end)) = locate(self.paragraphs, c) else {
                self.ctx.conflict(
                    format!("claim {:?}", c.text),
                    "paragraph text without this claim",
                    format!(
                        "claim at ¶{} {}..{}: not imported",
                        c.paragraph, c.start, c.end
                    ),
                );
                continue;
            };
            let old = self.ex.claims.iter().find(|o| {
                self.paragraphs.get(o.paragraph).map(|p| p.id) == Some(pid)
                    && o.start as usize == start
                    && o.end as usize == end
            });
            let claim_id = match old {
                Some(old) => {
                    self.claim_conflicts(old, c);
                    old.id
                }
                None => {
                    added += 1;
                    self.insert_claim(c, pid, start, end)?
                }
            };
            added += self.claim_evidence(claim_id, old, c)?;
            added += self.claim_notes(claim_id, old, c)?;
        }
        Ok(added)
    }

    fn claim_conflicts(&mut self, old: &ClaimOut, c: &ClaimOut) {
        let what = |f: &str| format!("claim {:?} {f}", c.text);
        if old.status != c.status {
            self.ctx.conflict(what("status"), old.status, c.status);
        }
        if old.rating != c.rating {
            self.ctx
                .conflict(what("rating"), show(&old.rating), show(&c.rating));
        }
        if old.rating_value != c.rating_value {
            let (o, n) = (show(&old.rating_value), show(&c.rating_value));
            self.ctx.conflict(what("rating value"), o, n);
        }
        if old.reviewer != c.reviewer {
            self.ctx
                .conflict(what("reviewer"), show(&old.reviewer), show(&c.reviewer));
        }
    }

    fn insert_claim(&mut self, c: &ClaimOut, pid: i64, start: usize, end: usize) -> Result<i64> {
        claims::insert_row(
            self.tx,
            &claims::ClaimRow {
                article_id: self.article_id,
                paragraph_id: pid,
                start: start as i64,
                end: end as i64,
                text: &c.text,
                source: &c.source,
                status: c.status,
                score: c.score,
                reasons: &c.reasons,
                rating: c.rating.as_deref(),
                rating_value: c.rating_value,
                reviewer: c.reviewer.as_deref(),
                reviewed_at: c.reviewed_at.as_deref(),
                consistency: &c.consistency,
                created_by: &c.created_by,
                created_at: &c.created_at,
                updated_at: &c.updated_at,
            },
        )
    }

    fn claim_evidence(
        &mut self,
        claim_id: i64,
        old: Option<&ClaimOut>,
        c: &ClaimOut,
    ) -> Result<usize> {
        let mut added = 0;
        for e in &c.evidence {
            let known = old.is_some_and(|o| {
                o.evidence
                    .iter()
                    .any(|x| x.url == e.url && x.quote == e.quote && x.note == e.note)
            });
            if known || (e.url.is_none() && e.quote.is_none() && e.note.is_none()) {
                continue;
            }
            added += evidence::insert(
                self.tx,
                &evidence::NewEvidence {
                    claim_id,
                    url: e.url.as_deref(),
                    quote: e.quote.as_deref(),
                    note: e.note.as_deref(),
                    added_by: &e.added_by,
                    added_at: &e.added_at,
                },
            )?;
        }
        Ok(added)
    }

    fn claim_notes(
        &mut self,
        claim_id: i64,
        old: Option<&ClaimOut>,
        c: &ClaimOut,
    ) -> Result<usize> {
        let mut added = 0;
        for n in &c.notes {
            let known = old.is_some_and(|o| {
                o.notes
                    .iter()
                    .any(|x| x.body == n.body && x.author == n.author)
            });
            if known {
                continue;
            }
            added += notes::insert(
                self.tx,
                &notes::NewNote {
                    article_id: self.article_id,
                    claim_id: Some(claim_id),
                    body: &n.body,
                    author: &n.author,
                    created_at: &n.created_at,
                },
            )?;
        }
        Ok(added)
    }

    fn notes(&mut self, a: &ArticleOut) -> Result<usize> {
        let mut added = 0;
        for n in &a.notes {
            let known = self
                .ex
                .notes
                .iter()
                .any(|x| x.body == n.body && x.author == n.author);
            if known {
                continue;
            }
            added += notes::insert(
                self.tx,
                &notes::NewNote {
                    article_id: self.article_id,
                    claim_id: None,
                    body: &n.body,
                    author: &n.author,
                    created_at: &n.created_at,
                },
            )?;
        }
        Ok(added)
    }

    fn entities(&mut self, a: &ArticleOut) -> Result<usize> {
        let mut added = 0;
        for e in &a.entities {
            added += article_entities::insert(
                self.tx,
                &article_entities::EntityRow {
                    article_id: self.article_id,
                    text: &e.text,
                    kind: e.kind,
                    mentions: e.mentions,
                    source: &e.source,
                    status: e.status,
                    created_at: &self.ctx.now,
                },
            )?;
        }
        Ok(added)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::testdata::annotated_store;
    use crate::export::{self, Format, Request};
    use crate::import::{import as import_input, Input, Options};
    use crate::language::segmenter;

    fn export_json(store: &Store) -> Vec<u8> {
        let mut buf = Vec::new();
        export::write(store, &Request::new(Format::Json), &mut buf).unwrap();
        buf
    }

    /// The document without what a restore renumbers: ids and the audit-log summary.
    fn normalised(bytes: &[u8]) -> serde_json::Value {
        let mut v: serde_json::Value = serde_json::from_slice(bytes).unwrap();
        for d in v["digests"].as_array_mut().unwrap() {
            d.as_object_mut().unwrap().remove("id");
            for a in d["articles"].as_array_mut().unwrap() {
                a.as_object_mut().unwrap().remove("id");
                for c in a["claims"].as_array_mut().unwrap() {
                    let c = c.as_object_mut().unwrap();
                    c.remove("id");
                    c.remove("history");
                }
            }
        }
        v
    }

    fn restore_into(store: &mut Store, bytes: &[u8]) -> Report {
        let input = Input {
            what: "export.json".into(),
            source_file: Some("export.json".into()),
            bytes,
        };
        let opts = Options {
            actor: "restorer".into(),
            ..Options::default()
        };
        import_input(store, &segmenter(), &input, &opts).unwrap()
    }

    #[test]
    fn export_import_export_round_trips() {
        let source = annotated_store();
        let first = export_json(&source);
        let mut empty = Store::open_in_memory().unwrap();
        let report = restore_into(&mut empty, &first);
        assert_eq!(report.status, Status::Imported);
        assert_eq!(report.format, Some(InputFormat::GalleyExport));
        assert!(report.conflicts.is_empty(), "{:?}", report.conflicts);
        assert!(report.digests.iter().all(|d| d.outcome == "restored"));
        let second = export_json(&empty);
        assert_eq!(normalised(&first), normalised(&second));
        // Importing it again changes nothing and reports nothing to merge.
        let again = restore_into(&mut empty, &first);
        assert_eq!(again.status, Status::AlreadyImported);
        assert!(again.digests.iter().all(|d| d.outcome == "unchanged"));
        assert!(again.conflicts.is_empty(), "{:?}", again.conflicts);
        assert_eq!(normalised(&export_json(&empty)), normalised(&first));
    }

    #[test]
    fn merging_adds_what_is_missing_and_reports_conflicts() {
        let source = annotated_store();
        let doc = export_json(&source);
        let mut other = Store::open_in_memory().unwrap();
        restore_into(&mut other, &doc);
        // The other database moves on: a claim re-rated, a topic and a note dropped.
        other
            .conn()
            .execute_batch(
                "UPDATE claims SET status = 'undetermined', rating = '存疑' WHERE status = 'verified';
                 DELETE FROM article_topics WHERE status = 'suggested';
                 DELETE FROM notes WHERE claim_id IS NULL;",
            )
            .unwrap();
        let report = restore_into(&mut other, &doc);
        assert_eq!(report.status, Status::Imported);
        let what: Vec<&str> = report.conflicts.iter().map(|c| c.what.as_str()).collect();
        assert!(what.iter().any(|w| w.ends_with("status")), "{what:?}");
        assert!(what.iter().any(|w| w.ends_with("rating")), "{what:?}");
        let status = report
            .conflicts
            .iter()
            .find(|c| c.what.ends_with("status"))
            .unwrap();
        assert_eq!(status.stored, "undetermined");
        assert_eq!(status.incoming, "verified");
        // Nothing overwritten: the stored status stays; the missing topic and note are back.
        let c = other.conn();
        let n: i64 = c
            .query_row(
                "SELECT count(*) FROM claims WHERE status = 'undetermined'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(n, 1);
        let topics: i64 = c
            .query_row(
                "SELECT count(*) FROM article_topics WHERE status = 'suggested'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(topics, 1, "{report:#?}");
        let notes: i64 = c
            .query_row(
                "SELECT count(*) FROM notes WHERE claim_id IS NULL",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(notes, 1);
        assert!(report
            .warnings
            .iter()
            .any(|w| w.contains("conflict") && w.contains("kept the stored value")));
        let digests: i64 = c
            .query_row("SELECT count(*) FROM digests", [], |r| r.get(0))
            .unwrap();
        assert_eq!(digests, 2, "merged, not duplicated");
    }

    #[test]
    fn an_edited_article_is_reported_not_imported() {
        let source = annotated_store();
        let doc = export_json(&source);
        let mut other = Store::open_in_memory().unwrap();
        restore_into(&mut other, &doc);
        other
            .conn()
            .execute_batch("UPDATE articles SET title = '改过的标题' WHERE position = 0")
            .unwrap();
        let before: i64 = other
            .conn()
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .unwrap();
        let report = restore_into(&mut other, &doc);
        assert!(report.conflicts.iter().any(|c| c.what == "article text"));
        let after: i64 = other
            .conn()
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .unwrap();
        assert_eq!(before, after);
    }

    #[test]
    fn a_dry_run_stores_nothing_and_other_versions_are_refused() {
        let doc = export_json(&annotated_store());
        let mut store = Store::open_in_memory().unwrap();
        let input = Input {
            what: "x.json".into(),
            source_file: Some("x.json".into()),
            bytes: &doc,
        };
        let opts = Options {
            actor: "t".into(),
            dry_run: true,
            ..Options::default()
        };
        let r = import_input(&mut store, &segmenter(), &input, &opts).unwrap();
        assert_eq!(r.status, Status::DryRun);
        assert!(!r.articles.is_empty());
        assert!(store.is_empty().unwrap());
        let v2 = br#"{"schema": "galley.export/2", "digests": []}"#;
        let input = Input {
            what: "v2.json".into(),
            source_file: Some("v2.json".into()),
            bytes: v2,
        };
        let err = import_input(&mut store, &segmenter(), &input, &Options::default()).unwrap_err();
        assert!(
            err.to_string().contains("galley.export/2 is not supported"),
            "{err}"
        );
    }

    /// The annotated store's export with one value changed by `edit`, imported into an empty
    /// store: the error, and whether anything was stored.
    fn import_edited(edit: impl FnOnce(&mut serde_json::Value)) -> (Error, bool) {
        let mut v: serde_json::Value =
            serde_json::from_slice(&export_json(&annotated_store())).unwrap();
        edit(&mut v);
        let bytes = serde_json::to_vec(&v).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let input = Input {
            what: "hostile.json".into(),
            source_file: Some("hostile.json".into()),
            bytes: &bytes,
        };
        let err = import_input(&mut store, &segmenter(), &input, &Options::default()).unwrap_err();
        (err, store.is_empty().unwrap())
    }

    /// The first claim that has a verdict, in the first digest that has one.
    fn reviewed_claim(v: &mut serde_json::Value) -> &mut serde_json::Value {
        v["digests"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .flat_map(|d| d["articles"].as_array_mut().unwrap().iter_mut())
            .flat_map(|a| a["claims"].as_array_mut().unwrap().iter_mut())
            .find(|c| !c["reviewed_at"].is_null())
            .unwrap()
    }

    #[test]
    fn timestamps_that_are_not_rfc3339_are_refused_and_nothing_is_stored() {
        for payload in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "=1+1",
            "=cmd|' /C calc'!A0",
            "",
        ] {
            let (err, empty) = import_edited(|v| {
                v["digests"][0]["articles"][0]["updated_at"] = payload.into();
            });
            let msg = err.to_string();
            assert!(
                msg.contains("hostile.json") && msg.contains("updated_at"),
                "{msg}"
            );
            assert!(msg.contains("RFC 3339") && !msg.contains('\n'), "{msg}");
            assert!(empty, "{payload}: something was stored");
            let (err, empty) = import_edited(|v| {
                reviewed_claim(v)["reviewed_at"] = payload.into();
            });
            assert!(err.to_string().contains("reviewed_at"), "{err}");
            assert!(empty);
            let (err, empty) = import_edited(|v| {
                reviewed_claim(v)["updated_at"] = payload.into();
            });
            assert!(err.to_string().contains("updated_at"), "{err}");
            assert!(empty);
        }
    }

    #[test]
    fn an_impossible_issue_date_is_refused() {
        let (err, empty) = import_edited(|v| v["digests"][0]["date"] = "2023-13-45".into());
        assert_eq!(err.code(), "invalid_input");
        assert!(err.to_string().contains("2023-13-45"), "{err}");
        assert!(empty);
    }

    #[test]
    fn evidence_links_that_are_not_web_addresses_are_refused() {
        for url in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
        ] {
            let (err, empty) = import_edited(|v| {
                reviewed_claim(v)["evidence"] = serde_json::json!([{
                    "url": url, "quote": null, "note": null,
                    "added_by": "x", "added_at": "2024-01-15T08:00:00Z"
                }]);
            });
            assert!(err.to_string().contains("not a web address"), "{err}");
            assert!(empty);
        }
    }

    #[test]
    fn a_confidence_outside_0_to_1_is_refused_not_silently_clamped() {
        for c in [7.5, -0.1, 1.0001] {
            let (err, empty) =
                import_edited(|v| v["digests"][0]["articles"][0]["confidence"] = c.into());
            let msg = err.to_string();
            assert!(
                msg.contains("confidence") && msg.contains(&c.to_string()),
                "{msg}"
            );
            assert!(empty);
        }
        // A value in range is stored and reported as it is.
        let mut v: serde_json::Value =
            serde_json::from_slice(&export_json(&annotated_store())).unwrap();
        v["digests"][0]["articles"][0]["confidence"] = 0.75.into();
        let bytes = serde_json::to_vec(&v).unwrap();
        let mut store = Store::open_in_memory().unwrap();
        let report = restore_into(&mut store, &bytes);
        let title = v["digests"][0]["articles"][0]["title"].as_str().unwrap();
        let a = report.articles.iter().find(|a| a.title == title).unwrap();
        assert_eq!(a.confidence, 0.75);
        assert_eq!(store.article(a.id.unwrap()).unwrap().confidence, Some(0.75));
    }

    #[test]
    fn values_the_database_would_refuse_are_named_with_what_is_accepted() {
        let (err, empty) = import_edited(|v| reviewed_claim(v)["source"] = "bogus".into());
        let msg = err.to_string();
        assert!(
            msg.contains("\"bogus\"") && msg.contains("auto, editor"),
            "{msg}"
        );
        assert!(
            !msg.contains("CHECK") && !msg.contains("constraint"),
            "{msg}"
        );
        assert!(empty);
    }
}
