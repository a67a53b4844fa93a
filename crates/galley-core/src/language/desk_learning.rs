//! Learning the desk's claim and tone corrections from its decisions (the topics learn in
//! [`super::learning`]).
//!
//! The decisions are read as they stand: claim suggestions accepted (a claim) or rejected (not
//! one), claims an editor marked by hand (claims), tones of articles and sentences accepted (of
//! that label) or rejected (not of it). [`sync`] compares them with the stored examples by key,
//! label and text, learns the new ones, takes out the ones undone or changed, and fits the
//! weights again when anything changed: all in the decision's own transaction, within
//! milliseconds for a desk of a thousand decisions (`cargo bench -p galley-core --bench learn`).

use std::collections::HashMap;

use jieba_rs::Jieba;
use rusqlite::Connection;

use crate::language::desk_model::{self, DeskModel, Example};
use crate::language::{claim_model, claims, script, sentences, sentiment};
use crate::model::{DeskModelKind, SentimentLabel};
use crate::store::{self, desk_models};
use crate::Result;

/// A decision as it stands, with the text it is about now.
struct Decided {
    key: String,
    class: String,
    positive: bool,
    /// The text (`None`: gone with its paragraph or article).
    text: Option<String>,
    /// About a whole article's body (else a sentence or a claim's span).
    article: bool,
}

/// What a pass changed: examples learned and taken out, per kind.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct Changed {
    /// Decisions learned.
    pub added: usize,
    /// Decisions taken back out.
    pub removed: usize,
}

/// The desk's corrections of the claim and tone models, ready to use.
#[derive(Debug, Clone, Default)]
pub struct Desk {
    /// Corrections of check-worthiness.
    pub claims: DeskModel,
    /// Corrections of tone.
    pub sentiment: DeskModel,
}

impl Desk {
    /// Reads the fitted weights (nothing while learning is off).
    pub fn load(conn: &Connection) -> Result<Desk> {
        if !super::learning::enabled(conn)? {
            return Ok(Desk::default());
        }
        let load = |k| desk_models::load(conn, k, desk_model::classes(k));
        Ok(Desk {
            claims: load(DeskModelKind::Claims)?,
            sentiment: load(DeskModelKind::Sentiment)?,
        })
    }
}

/// Brings both kinds' examples in line with the decisions and fits again what changed.
pub fn sync(conn: &Connection, jieba: &Jieba) -> Result<Changed> {
    let mut out = Changed::default();
    for &kind in DeskModelKind::ALL {
        let c = sync_kind(conn, jieba, kind)?;
        out.added += c.added;
        out.removed += c.removed;
    }
    Ok(out)
}

/// One kind: compare, learn the new, drop the stale, fit again if anything changed.
fn sync_kind(conn: &Connection, jieba: &Jieba, kind: DeskModelKind) -> Result<Changed> {
    let stored = desk_models::labels(conn, kind)?;
    let mut out = Changed::default();
    let mut seen = HashMap::new();
    for d in decisions(conn, kind)? {
        let Some(text) = d.text.as_deref() else {
            continue; // gone: taken out below
        };
        let same = stored
            .get(&d.key)
            .is_some_and(|s| s.class == d.class && s.positive == d.positive && s.text == text);
        seen.insert(d.key.clone(), ());
        if !same {
            desk_models::put(conn, kind, &example(jieba, kind, d)?)?;
            out.added += 1;
        }
    }
    for key in stored.keys().filter(|k| !seen.contains_key(*k)) {
        desk_models::remove(conn, kind, key)?;
        out.removed += 1;
    }
    if out != Changed::default() {
        refit(conn, kind)?;
    }
    Ok(out)
}

/// Fits a kind's weights again from all its examples and stores them.
pub fn refit(conn: &Connection, kind: DeskModelKind) -> Result<DeskModel> {
    let model = desk_model::fit(kind, &desk_models::examples(conn, kind)?);
    desk_models::save(conn, kind, &model)?;
    Ok(model)
}

/// The decisions of a kind as they stand.
fn decisions(conn: &Connection, kind: DeskModelKind) -> Result<Vec<Decided>> {
    let class = |claim: bool| {
        if claim {
            desk_model::CLAIM
        } else {
            desk_model::NO
        }
    };
    Ok(match kind {
        DeskModelKind::Claims => {
            let suggested = store::claim_suggestions::decided_all(conn)?
                .into_iter()
                .map(|(id, text, accepted)| Decided {
                    key: format!("suggestion:{id:010}"),
                    class: class(accepted).into(),
                    positive: true,
                    text: Some(text),
                    article: false,
                });
            let marked = store::claims::marked_by_editor(conn)?
                .into_iter()
                .map(|(id, text)| Decided {
                    key: format!("claim:{id:010}"),
                    class: class(true).into(),
                    positive: true,
                    text: Some(text),
                    article: false,
                });
            suggested.chain(marked).collect()
        }
        DeskModelKind::Sentiment => {
            let mut bodies = store::sentiments::decided_article_bodies(conn)?;
            store::sentiments::decided_all(conn)?
                .into_iter()
                .map(|s| Decided {
                    key: format!("sentiment:{:010}", s.id),
                    class: s.label.as_str().into(),
                    positive: s.accepted,
                    text: match s.of_sentence {
                        true => s.sentence,
                        false => bodies.remove(&s.article_id),
                    },
                    article: !s.of_sentence,
                })
                .collect()
        }
    })
}

/// A decision made an example: its text (Simplified script) analysed as the suggester does.
fn example(jieba: &Jieba, kind: DeskModelKind, d: Decided) -> Result<Example> {
    let text = d.text.unwrap_or_default();
    let simplified = script::to_simplified(&text);
    let (features, base) = match kind {
        DeskModelKind::Claims => {
            let p = claims::score(jieba, &simplified, None)
                .probability
                .unwrap_or(0.5);
            let words = desk_model::weighted(claim_model::words(jieba, &simplified));
            (words, desk_model::claim_base(p))
        }
        DeskModelKind::Sentiment => {
            let label = shipped_tone(jieba, &simplified, d.article);
            let words = sentiment::text_desk_features(jieba, &simplified);
            (words, desk_model::tone_base(label))
        }
    };
    Ok(Example {
        key: d.key,
        class: d.class,
        positive: d.positive,
        text,
        features,
        base,
    })
}

/// The tone the shipped model gives a sentence, or an article's body (one paragraph a line).
fn shipped_tone(jieba: &Jieba, text: &str, article: bool) -> SentimentLabel {
    if !article {
        return sentiment::analyse_sentence(jieba, text).label;
    }
    let all: Vec<sentiment::Sentiment> = text
        .lines()
        .flat_map(sentences::split)
        .map(|s| sentiment::analyse_sentence(jieba, &s.text))
        .collect();
    sentiment::aggregate(&all).label
}
