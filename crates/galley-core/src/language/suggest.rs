//! One suggestion pass over an article or a digest: keywords, topics, sentiment, check-worthy
//! claims with numeric consistency findings, entities. Results are stored as suggestions
//! (source `auto`, status `suggested`, reasons kept) in the caller's transaction; nothing is
//! accepted on the editor's behalf. Decisions already taken (an accepted or rejected topic,
//! claim span or entity) are kept and not suggested again.
//!
//! The editor's decisions go through [`accept_claim`], [`reject_claim`], [`decide_topic`],
//! [`decide_sentiment`] and [`decide_entity`]; each is written to the audit log.

use std::collections::HashMap;

use jieba_rs::Jieba;
use rusqlite::Connection;
use serde::Serialize;

use crate::language::entities::{self, Entity};
use crate::language::keywords::{self, Keyword};
use crate::language::segmented::{self, Said};
use crate::language::sentiment::{self, Sentiment};
use crate::language::topics::{self, Taxonomy, TopicSuggestion};
use crate::language::{claims, numbers, sentences};
use crate::language::{desk_learning, learning, script, topic_model};
use crate::model::import_report::{InputFormat, Report, Status};
use crate::model::{Article, ClaimStatus, Origin, ParagraphKind, SuggestionStatus};
use crate::store::{
    article_entities, article_keywords, article_topics, articles, audit, claim_suggestions,
    claims as claim_store, now, paragraphs, pending_suggestions, sentiments, user_terms,
};
use crate::{Error, Result, Store};

/// How many keywords and topics are kept per article.
pub const KEYWORDS: usize = 8;
/// See [`KEYWORDS`].
pub const TOPICS: usize = 5;

/// Everything suggested for one article. Serialises to the `galley suggest --json` shape.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ArticleSuggestions {
    /// The article's id.
    pub id: i64,
    /// The article's title.
    pub title: String,
    /// Best first.
    pub keywords: Vec<String>,
    /// Best first.
    pub topics: Vec<TopicSuggestion>,
    /// The tone of the whole article.
    pub sentiment: Sentiment,
    /// Best first.
    pub claims: Vec<ClaimOut>,
    /// The named entities, most mentioned first.
    pub entities: Vec<Entity>,
    /// The keywords with their scores, best first.
    #[serde(skip)]
    pub keyword_scores: Vec<Keyword>,
    /// The tone of each sentence.
    #[serde(skip)]
    pub sentences: Vec<SentenceSentiment>,
}

/// A suggested claim, placed in a stored paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ClaimOut {
    /// The sentence's text.
    pub text: String,
    /// 0..1: how worth checking the sentence is.
    pub score: f64,
    /// Why it is worth checking.
    pub reasons: Vec<String>,
    /// The stored paragraph's id.
    pub paragraph: i64,
    /// Code points into that paragraph's text.
    pub start: usize,
    /// The code point just past the sentence.
    pub end: usize,
    /// Numeric consistency findings that overlap the sentence.
    pub consistency: Vec<numbers::Finding>,
}

/// The tone of one sentence of a stored paragraph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SentenceSentiment {
    /// The stored paragraph's id.
    pub paragraph: i64,
    /// The first code point of the sentence in the paragraph's text.
    pub start: usize,
    /// The code point just past the sentence.
    pub end: usize,
    /// The sentence's tone.
    pub sentiment: Sentiment,
}

/// What the analysis needs besides the text: the segmenter (with the user dictionary), the
/// taxonomy, and the user words with their tags (for entities).
pub struct Context<'a> {
    /// The segmenter, with the user dictionary.
    pub jieba: &'a Jieba,
    /// The live topics and their trigger words.
    pub taxonomy: Taxonomy,
    /// Each user word with its part-of-speech tag (`nz` when none was given).
    pub user_terms: HashMap<String, String>,
    /// What the desk's topic decisions taught.
    pub learned: learning::Model,
    /// What the desk's claim and tone decisions taught.
    pub desk: desk_learning::Desk,
}

impl<'a> Context<'a> {
    /// Loads the taxonomy and the user words from the store.
    pub fn load(conn: &Connection, jieba: &'a Jieba) -> Result<Context<'a>> {
        Ok(Context {
            jieba,
            taxonomy: Taxonomy::load(conn)?,
            user_terms: user_terms::list(conn)?
                .into_iter()
                .map(|t| (t.word, t.tag.unwrap_or_else(|| "nz".into())))
                .collect(),
            learned: learning::Model::load(conn)?,
            desk: desk_learning::Desk::load(conn)?,
        })
    }
}

/// Analyses one article; stores nothing. An article in Traditional script is analysed in
/// Simplified (see [`script`]) and what was found is given back as written.
pub fn analyse_article(cx: &Context<'_>, article: &Article) -> ArticleSuggestions {
    match simplified(article) {
        None => analyse_as_is(cx, article),
        Some(converted) => {
            let mut found = analyse_as_is(cx, &converted);
            as_written(&mut found, article, &converted);
            found
        }
    }
}

/// The article with its title and paragraphs in Simplified script, when any of them changes.
fn simplified(article: &Article) -> Option<Article> {
    let title = script::to_simplified(&article.title);
    let texts: Vec<_> = article
        .paragraphs
        .iter()
        .map(|p| script::to_simplified(&p.text))
        .collect();
    let owned = |c: &std::borrow::Cow<'_, str>| matches!(c, std::borrow::Cow::Owned(_));
    if !owned(&title) && !texts.iter().any(owned) {
        return None;
    }
    let mut converted = article.clone();
    converted.title = title.into_owned();
    for (p, t) in converted.paragraphs.iter_mut().zip(texts) {
        p.text = t.into_owned();
    }
    Some(converted)
}

/// The title, claim sentences, keywords and entity names as the article writes them.
fn as_written(found: &mut ArticleSuggestions, article: &Article, converted: &Article) {
    found.title = article.title.clone();
    let paragraph = |id: i64| article.paragraphs.iter().find(|p| p.id == id);
    for c in &mut found.claims {
        if let Some(p) = paragraph(c.paragraph) {
            c.text = script::slice(&p.text, c.start, c.end);
        }
    }
    let whole = |a: &Article| {
        std::iter::once(a.title.as_str())
            .chain(a.paragraphs.iter().map(|p| p.text.as_str()))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let (original, simplified) = (whole(article), whole(converted));
    let written = |w: &str| script::as_written(&original, &simplified, w);
    for k in &mut found.keyword_scores {
        k.word = written(&k.word);
    }
    found.keywords = found
        .keyword_scores
        .iter()
        .map(|k| k.word.clone())
        .collect();
    for e in &mut found.entities {
        e.text = written(&e.text);
    }
}

/// What the desk's decisions say, applied to the topics the trigger words found: a topic
/// learned is added (or strengthened, with the reason), one withheld is taken out. Best first.
fn apply_learned(
    taxonomy: &topics::Taxonomy,
    verdicts: Vec<(i64, learning::Verdict)>,
    out: &mut Vec<topics::TopicSuggestion>,
) {
    for (topic_id, verdict) in verdicts {
        let at = out.iter().position(|t| t.topic_id == topic_id);
        match (verdict, at) {
            (learning::Verdict::Withhold { .. }, Some(i)) => {
                out.remove(i);
            }
            (learning::Verdict::Withhold { .. }, None) => {}
            (learning::Verdict::Suggest { score, reason }, Some(i)) => {
                let t = &mut out[i];
                t.score = t.score.max(score);
                t.reasons.insert(0, reason);
            }
            (learning::Verdict::Suggest { score, reason }, None) => {
                let Some(t) = taxonomy
                    .topics
                    .iter()
                    .find(|t| t.id == topic_id && t.retired_at.is_none())
                else {
                    continue;
                };
                out.push(topics::TopicSuggestion {
                    topic_id,
                    code: t.code.clone(),
                    label_zh: t.label_zh.clone(),
                    label_en: t.label_en.clone(),
                    score,
                    reasons: vec![reason],
                });
            }
        }
    }
    out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.code.cmp(&b.code)));
}

/// [`analyse_article`] on the text as it is. Each sentence is cut once (see [`segmented`]);
/// the topics, claims and tones read those words.
fn analyse_as_is(cx: &Context<'_>, article: &Article) -> ArticleSuggestions {
    let jieba = cx.jieba;
    let texts: Vec<&str> = article.paragraphs.iter().map(|p| p.text.as_str()).collect();
    let split = segmented::split_all(&texts);
    let said = segmented::segment(jieba, &split);
    let mut full = article.title.clone();
    for p in &texts {
        full.push('\n');
        full.push_str(p);
    }
    // One tagging of the whole text for the keywords and the entities.
    let tags = jieba.tag(&full, true);
    let keyword_scores = keywords::extract_tagged(jieba, &tags, KEYWORDS);
    let topics = suggest_topics(cx, article, &said, &full);

    // Claims and sentiment over lead and body paragraphs (headings are labels, not statements).
    let (text_paras, said): (Vec<&crate::model::Paragraph>, Vec<Vec<Said<'_>>>) = article
        .paragraphs
        .iter()
        .zip(said)
        .filter(|(p, _)| p.kind != ParagraphKind::Heading)
        .unzip();
    let texts: Vec<&str> = text_paras.iter().map(|p| p.text.as_str()).collect();
    let claims = claims::suggest_said(&texts, &said, Some(&cx.desk.claims))
        .into_iter()
        .map(|c| ClaimOut {
            text: c.text,
            score: c.score,
            reasons: c.reasons,
            paragraph: text_paras[c.paragraph].id,
            start: c.start,
            end: c.end,
            consistency: c.consistency,
        })
        .collect();
    let (sentence_sentiments, sentiment) = tones(cx, &text_paras, &said, &texts);
    let entities = entities::extract_tagged(jieba, &full, &tags, &cx.user_terms);
    ArticleSuggestions {
        id: article.id,
        title: article.title.clone(),
        keywords: keyword_scores.iter().map(|k| k.word.clone()).collect(),
        topics,
        sentiment,
        claims,
        entities,
        keyword_scores,
        sentences: sentence_sentiments,
    }
}

/// The article's topics, best first: the taxonomy's trigger words, the shipped model over the
/// words already cut, and what the desk taught.
fn suggest_topics(
    cx: &Context<'_>,
    article: &Article,
    said: &[Vec<Said<'_>>],
    full: &str,
) -> Vec<topics::TopicSuggestion> {
    let body = article
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let mut topics = topics::suggest(&cx.taxonomy, &article.title, &body, TOPICS * 2);
    let title_words = segmented::cut(cx.jieba, &article.title);
    let body_words: Vec<&str> = said
        .iter()
        .flatten()
        .flat_map(|s| s.words.iter().copied())
        .collect();
    let modelled = topic_model::classify_of(&title_words, &body_words, &article.title, &body);
    topics::with_model(&cx.taxonomy, &mut topics, &modelled);
    if !cx.learned.is_empty() {
        let words = learning::features(cx.jieba, full);
        apply_learned(&cx.taxonomy, cx.learned.judge(&words), &mut topics);
    }
    topics.truncate(TOPICS);
    topics
}

/// The tone of each sentence and of the article. The article's is aggregated from the shipped
/// model's sentence tones (as the desk's decisions were learned), then each is corrected by
/// what the desk taught, if anything.
fn tones(
    cx: &Context<'_>,
    paragraphs: &[&crate::model::Paragraph],
    said: &[Vec<Said<'_>>],
    texts: &[&str],
) -> (Vec<SentenceSentiment>, Sentiment) {
    let desk = Some(&cx.desk.sentiment).filter(|d| d.is_usable());
    let mut sentences_out = Vec::new();
    let mut shipped = Vec::new();
    for (p, sentences) in paragraphs.iter().zip(said) {
        for Said { sentence: s, words } in sentences {
            let found = sentiment::analyse_said(cx.jieba, &s.text, words);
            shipped.push(found.clone());
            let mut shown = found;
            if let Some(d) = desk {
                let features = sentiment::said_desk_features(cx.jieba, &s.text, words);
                sentiment::correct(d, &features, &mut shown);
            }
            sentences_out.push(SentenceSentiment {
                paragraph: p.id,
                start: s.start,
                end: s.end,
                sentiment: shown,
            });
        }
    }
    let mut article = sentiment::aggregate(&shipped);
    if let Some(d) = desk {
        let features = sentiment::text_desk_features(cx.jieba, &texts.join("\n"));
        sentiment::correct(d, &features, &mut article);
    }
    (sentences_out, article)
}

/// Analyses several articles on all cores (the articles are independent), results in order.
pub fn analyse_articles(cx: &Context<'_>, articles: &[Article]) -> Vec<ArticleSuggestions> {
    crate::parallel::map(articles, |a| analyse_article(cx, a))
}

/// Stores the suggestions of one article, replacing its earlier pending ones. Call inside a
/// transaction.
pub fn store_suggestions(conn: &Connection, s: &ArticleSuggestions, actor: &str) -> Result<()> {
    let at = now();
    let kws: Vec<(String, f64, String)> = s
        .keyword_scores
        .iter()
        .map(|k| (k.word.clone(), k.score, k.method.clone()))
        .collect();
    article_keywords::replace_auto(conn, s.id, &kws, &at)?;

    article_topics::delete_suggested(conn, s.id)?;
    for t in &s.topics {
        article_topics::insert_suggested(conn, s.id, t.topic_id, t.score, &t.reasons, actor, &at)?;
    }

    sentiments::delete_suggested(conn, s.id)?;
    if !sentiments::article_decided(conn, s.id)? {
        sentiments::insert_suggested(
            conn,
            &sentiments::NewSentiment {
                article_id: s.id,
                paragraph_id: None,
                span: None,
                label: s.sentiment.label,
                score: s.sentiment.score,
                reasons: &s.sentiment.reasons,
                actor,
                now: &at,
            },
        )?;
    }
    for x in &s.sentences {
        sentiments::insert_suggested(
            conn,
            &sentiments::NewSentiment {
                article_id: s.id,
                paragraph_id: Some(x.paragraph),
                span: Some((x.start, x.end)),
                label: x.sentiment.label,
                score: x.sentiment.score,
                reasons: &x.sentiment.reasons,
                actor,
                now: &at,
            },
        )?;
    }

    claim_suggestions::delete_suggested(conn, s.id)?;
    for (rank, c) in s.claims.iter().enumerate() {
        if claim_suggestions::decided(conn, c.paragraph, c.start, c.end)? {
            continue;
        }
        let consistency = serde_json::to_value(&c.consistency)?;
        claim_suggestions::insert(
            conn,
            &claim_suggestions::NewClaimSuggestion {
                article_id: s.id,
                paragraph_id: c.paragraph,
                start: c.start,
                end: c.end,
                text: &c.text,
                rank,
                score: c.score,
                reasons: &c.reasons,
                consistency: &consistency,
                actor,
                now: &at,
            },
        )?;
    }

    article_entities::delete_suggested(conn, s.id)?;
    for e in &s.entities {
        article_entities::insert_suggested(
            conn,
            s.id,
            &e.text,
            e.kind.as_str(),
            e.count as i64,
            &e.reasons,
            &at,
        )?;
    }
    Ok(())
}

/// Analyses and stores one article. Call inside a transaction.
pub fn suggest_article(
    conn: &Connection,
    jieba: &Jieba,
    article_id: i64,
    actor: &str,
) -> Result<ArticleSuggestions> {
    learning::sync(conn, jieba)?;
    let cx = Context::load(conn, jieba)?;
    let s = analyse_article(&cx, &articles::get(conn, article_id)?);
    store_suggestions(conn, &s, actor)?;
    Ok(s)
}

/// Analyses and stores every article of a digest, and records the pass in the audit log. Call
/// inside a transaction (the importer calls it in its own, right after storing the digest).
pub fn suggest_digest(
    conn: &Connection,
    jieba: &Jieba,
    digest_id: i64,
    actor: &str,
) -> Result<Vec<ArticleSuggestions>> {
    let ids = articles::ids_for_digest(conn, digest_id)?;
    if ids.is_empty() {
        // Either no such digest or an empty one: say which.
        crate::store::digests::list(conn)?
            .iter()
            .find(|d| d.id == digest_id)
            .ok_or(Error::NotFound {
                entity: "digest",
                id: digest_id,
            })?;
    }
    let cx = Context::load(conn, jieba)?;
    let loaded = ids
        .iter()
        .map(|&id| articles::get(conn, id))
        .collect::<Result<Vec<_>>>()?;
    let out = analyse_articles(&cx, &loaded);
    for s in &out {
        store_suggestions(conn, s, actor)?;
    }
    let mut tally = Tally::default();
    out.iter().for_each(|s| tally.add(s));
    record_pass(conn, digest_id, actor, &tally)?;
    Ok(out)
}

/// Records a suggestion pass over a digest in the audit log (how many articles, claims and
/// topics it drafted).
fn record_pass(conn: &Connection, digest_id: i64, actor: &str, tally: &Tally) -> Result<()> {
    audit::record(
        conn,
        &now(),
        &audit::Entry {
            actor,
            action: "suggest",
            entity: "digest",
            entity_id: Some(digest_id),
            article_id: None,
            before: None,
            after: Some(serde_json::to_value(tally)?),
        },
    )?;
    Ok(())
}

/// [`suggest_digest`] without holding the writer: the articles are analysed with no
/// transaction open and their suggestions written a few at a time (see [`draft_digest`]).
pub fn suggest_digest_in_store(
    store: &mut Store,
    jieba: &Jieba,
    digest_id: i64,
    actor: &str,
) -> Result<Vec<ArticleSuggestions>> {
    draft_digest(store, jieba, digest_id, actor)
}

/// Drafts the suggestions of what an import has just stored: a new digest of articles, not one
/// already stored and not an input that brought its own annotations (a Galley export, Label
/// Studio, doccano); or a digest found again whose draft an interrupted import left undone
/// (marked pending). Returns the digest drafted, if any.
pub fn suggest_imported(
    store: &mut Store,
    jieba: &Jieba,
    report: &Report,
    actor: &str,
) -> Result<Option<i64>> {
    let new_articles = report.status == Status::Imported
        && !report.format.is_some_and(InputFormat::carries_annotations);
    let pending = match report.digest_id {
        Some(d) => pending_suggestions::is_pending(store.conn(), d)?,
        None => false,
    };
    match report.digest_id.filter(|_| new_articles || pending) {
        Some(digest) => {
            draft_digest_each(store, jieba, digest, actor, drop)?;
            Ok(Some(digest))
        }
        None => Ok(None),
    }
}

// ---------------------------------------------------------------------------------------------
// The editor's decisions.

fn record(
    conn: &Connection,
    actor: &str,
    action: &str,
    entity: &str,
    id: i64,
    article_id: i64,
    (before, after): (serde_json::Value, serde_json::Value),
) -> Result<()> {
    audit::record(
        conn,
        &now(),
        &audit::Entry {
            actor,
            action,
            entity,
            entity_id: Some(id),
            article_id: Some(article_id),
            before: Some(before),
            after: Some(after),
        },
    )?;
    Ok(())
}

/// Accepts a suggested claim: it becomes a claim span (code-point offsets into the stored
/// paragraph) with status `unverified`, keeping its score, reasons and consistency findings.
pub fn accept_claim(
    conn: &Connection,
    actor: &str,
    suggestion_id: i64,
) -> Result<claim_store::Claim> {
    let s = claim_suggestions::get(conn, suggestion_id)?;
    if s.status != SuggestionStatus::Suggested {
        return Err(Error::Conflict(format!(
            "claim suggestion {suggestion_id} is already {}",
            s.status
        )));
    }
    // The paragraph may have been edited since: the span must still say the same thing.
    let para =
        paragraphs::text(conn, s.paragraph_id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let current = sentences::slice_cp(&para, s.start as usize, s.end as usize);
    if current != s.text {
        return Err(Error::Conflict(format!(
            "paragraph {} changed since the suggestion; run the suggestions again",
            s.paragraph_id
        )));
    }
    let at = now();
    let claim_id = claim_store::insert(
        conn,
        &claim_store::NewClaim {
            article_id: s.article_id,
            paragraph_id: s.paragraph_id,
            start: s.start,
            end: s.end,
            text: &s.text,
            source: Origin::Auto,
            status: ClaimStatus::Unverified,
            score: Some(s.score),
            reasons: &s.reasons,
            consistency: Some(&s.consistency),
            actor,
            now: &at,
        },
    )?;
    claim_suggestions::decide(
        conn,
        suggestion_id,
        SuggestionStatus::Accepted,
        Some(claim_id),
        actor,
        &at,
    )?;
    let claim = claim_store::get(conn, claim_id)?;
    record(
        conn,
        actor,
        "claim.accept",
        "claim",
        claim_id,
        s.article_id,
        (
            serde_json::json!({"suggestion": suggestion_id, "status": "suggested"}),
            serde_json::to_value(&claim)?,
        ),
    )?;
    Ok(claim)
}

/// Turns a suggested claim down and records it in the audit log.
pub fn reject_claim(conn: &Connection, actor: &str, suggestion_id: i64) -> Result<()> {
    let s = claim_suggestions::get(conn, suggestion_id)?;
    if s.status != SuggestionStatus::Suggested {
        return Err(Error::Conflict(format!(
            "claim suggestion {suggestion_id} is already {}",
            s.status
        )));
    }
    claim_suggestions::decide(
        conn,
        suggestion_id,
        SuggestionStatus::Rejected,
        None,
        actor,
        &now(),
    )?;
    record(
        conn,
        actor,
        "claim.reject",
        "claim_suggestion",
        suggestion_id,
        s.article_id,
        (
            serde_json::json!({"status": "suggested", "text": s.text}),
            serde_json::json!({"status": "rejected"}),
        ),
    )
}

fn check_decision(accept: bool) -> SuggestionStatus {
    if accept {
        SuggestionStatus::Accepted
    } else {
        SuggestionStatus::Rejected
    }
}

/// Accepts or rejects a suggested topic of an article.
pub fn decide_topic(
    conn: &Connection,
    actor: &str,
    article_id: i64,
    topic_id: i64,
    accept: bool,
) -> Result<()> {
    let before = article_topics::get(conn, article_id, topic_id)?.ok_or(Error::NotFound {
        entity: "topic suggestion",
        id: topic_id,
    })?;
    let status = check_decision(accept);
    article_topics::set_status(conn, article_id, topic_id, status)?;
    record(
        conn,
        actor,
        if accept {
            "topic.accept"
        } else {
            "topic.reject"
        },
        "article_topic",
        topic_id,
        article_id,
        (
            serde_json::json!({"code": before.code, "status": before.status}),
            serde_json::json!({"code": before.code, "status": status}),
        ),
    )
}

/// Accepts or rejects a suggested sentiment row (article level or one sentence).
pub fn decide_sentiment(
    conn: &Connection,
    actor: &str,
    sentiment_id: i64,
    accept: bool,
) -> Result<()> {
    let (article_id, label, status) =
        sentiments::head(conn, sentiment_id)?.ok_or(Error::NotFound {
            entity: "sentiment",
            id: sentiment_id,
        })?;
    let new = check_decision(accept);
    sentiments::set_status(conn, sentiment_id, new)?;
    record(
        conn,
        actor,
        if accept {
            "sentiment.accept"
        } else {
            "sentiment.reject"
        },
        "sentiment",
        sentiment_id,
        article_id,
        (
            serde_json::json!({"label": label, "status": status}),
            serde_json::json!({"label": label, "status": new}),
        ),
    )
}

/// Accepts or rejects a suggested entity.
pub fn decide_entity(conn: &Connection, actor: &str, entity_id: i64, accept: bool) -> Result<()> {
    let (article_id, text, status) =
        article_entities::head(conn, entity_id)?.ok_or(Error::NotFound {
            entity: "entity",
            id: entity_id,
        })?;
    let new = check_decision(accept);
    article_entities::set_status(conn, entity_id, new)?;
    record(
        conn,
        actor,
        if accept {
            "entity.accept"
        } else {
            "entity.reject"
        },
        "entity",
        entity_id,
        article_id,
        (
            serde_json::json!({"text": text, "status": status}),
            serde_json::json!({"text": text, "status": new}),
        ),
    )
}

mod draft;
pub use draft::{draft_digest, draft_digest_each};

/// How much a suggestion pass drafted (recorded in the audit log).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    /// Articles analysed.
    pub articles: usize,
    /// Check-worthy claims suggested.
    pub claims: usize,
    /// Topics suggested.
    pub topics: usize,
}

impl Tally {
    /// Counts one article's suggestions.
    pub fn add(&mut self, s: &ArticleSuggestions) {
        self.articles += 1;
        self.claims += s.claims.len();
        self.topics += s.topics.len();
    }
}

#[cfg(test)]
mod tests;
