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
use crate::model::{DeskModelKind, ParagraphKind, SentimentLabel};
use crate::store::{self, desk_models};
use crate::Result;

/// A decision as it stands, before its text is analysed.
struct Decided {
    key: String,
    class: String,
    positive: bool,
    text: Text,
}

/// Where a decision's text is.
enum Text {
    /// Given (a claim's sentence).
    Given(String),
    /// An article's body.
    Article(i64),
    /// A sentence: paragraph and code points.
    Sentence(i64, usize, usize),
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
        let text = match &d.text {
            Text::Given(t) => Some(t.clone()),
            _ => None,
        };
        let same = stored.get(&d.key).is_some_and(|s| {
            s.class == d.class
                && s.positive == d.positive
                && text.as_ref().is_none_or(|t| *t == s.text)
        });
        seen.insert(d.key.clone(), ());
        if !same {
            if let Some(e) = example(conn, jieba, kind, d)? {
                desk_models::put(conn, kind, &e)?;
                out.added += 1;
            }
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
                    text: Text::Given(text),
                });
            let marked = store::claims::marked_by_editor(conn)?
                .into_iter()
                .map(|(id, text)| Decided {
                    key: format!("claim:{id:010}"),
                    class: class(true).into(),
                    positive: true,
                    text: Text::Given(text),
                });
            suggested.chain(marked).collect()
        }
        DeskModelKind::Sentiment => store::sentiments::decided_all(conn)?
            .into_iter()
            .map(|s| Decided {
                key: format!("sentiment:{:010}", s.id),
                class: s.label.as_str().into(),
                positive: s.accepted,
                text: match s.sentence {
                    Some((p, start, end)) => Text::Sentence(p, start, end),
                    None => Text::Article(s.article_id),
                },
            })
            .collect(),
    })
}

/// A decision made an example: its text (Simplified script) analysed as the suggester does.
/// `None` when its text is gone.
fn example(
    conn: &Connection,
    jieba: &Jieba,
    kind: DeskModelKind,
    d: Decided,
) -> Result<Option<Example>> {
    let Some(text) = text_of(conn, &d.text)? else {
        return Ok(None);
    };
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
            let label = shipped_tone(jieba, &simplified, matches!(d.text, Text::Article(_)));
            let words = sentiment::text_desk_features(jieba, &simplified);
            (words, desk_model::tone_base(label))
        }
    };
    Ok(Some(Example {
        key: d.key,
        class: d.class,
        positive: d.positive,
        text,
        features,
        base,
    }))
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

/// The text a decision is about: an article's body paragraphs (headings left out, as the
/// suggester reads them), one a line, or a sentence.
fn text_of(conn: &Connection, t: &Text) -> Result<Option<String>> {
    Ok(match t {
        Text::Given(s) => Some(s.clone()),
        Text::Article(id) => match store::articles::get(conn, *id) {
            Ok(a) => Some(body(&a)),
            Err(_) => None,
        },
        Text::Sentence(p, start, end) => store::paragraphs::text(conn, *p)?
            .map(|text| sentences::slice_cp(&text, *start, *end).to_owned()),
    })
}

/// An article's body as the suggester reads its tone: the paragraphs that are not headings.
pub fn body(a: &crate::model::Article) -> String {
    a.paragraphs
        .iter()
        .filter(|p| p.kind != ParagraphKind::Heading)
        .map(|p| p.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}
