//! The user dictionary: the editors' own words (车路云, 萝卜快跑, 智源, 堵俊平), stored in the
//! database and applied to segmentation, search and suggestions. Adding a word re-segments the
//! articles that contain it (their search rows are rebuilt).

use jieba_rs::Jieba;
use rusqlite::Connection;
use serde::Serialize;

use crate::store::user_terms::{self, UserTerm};
use crate::store::{audit, now};
use crate::{Error, Result};

/// Tags a user word may carry (jieba's POS tags for names).
pub const TAGS: &[&str] = &["n", "nr", "ns", "nt", "nz", "vn", "eng"];

/// Adds every stored word to `jieba`.
pub fn apply(jieba: &mut Jieba, terms: &[UserTerm]) {
    for t in terms {
        jieba.add_word(
            &t.word,
            t.freq.and_then(|f| usize::try_from(f).ok()),
            t.tag.as_deref(),
        );
    }
}

/// The default segmenter plus the user dictionary of this database (about 150 ms: build once).
pub fn segmenter(conn: &Connection) -> Result<Jieba> {
    let mut jieba = super::segmenter();
    apply(&mut jieba, &user_terms::list(conn)?);
    Ok(jieba)
}

/// A word added to the user dictionary, and what it changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AddedTerm {
    /// The stored word.
    pub term: UserTerm,
    /// Articles whose search rows were rebuilt because they contain the word.
    pub resegmented: Vec<i64>,
}

fn validate(word: &str, tag: Option<&str>) -> Result<()> {
    if word.trim().is_empty() || word.chars().any(char::is_whitespace) {
        return Err(Error::Invalid(format!(
            "{word:?} is not a dictionary word: no spaces, not empty"
        )));
    }
    if word.chars().count() > 30 {
        return Err(Error::Invalid(format!("{word:?} is too long for a word")));
    }
    if let Some(t) = tag {
        if !TAGS.contains(&t) {
            return Err(Error::Invalid(format!(
                "unknown tag {t:?}; use one of {}",
                TAGS.join(", ")
            )));
        }
    }
    Ok(())
}

/// Adds `word` to the dictionary and to `jieba`, re-segments the articles containing it, and
/// records the change. Call inside a transaction.
pub fn add_term(
    conn: &Connection,
    jieba: &mut Jieba,
    actor: &str,
    word: &str,
    tag: Option<&str>,
) -> Result<AddedTerm> {
    let word = word.trim();
    validate(word, tag)?;
    if user_terms::get(conn, word)?.is_some() {
        return Err(Error::Conflict(format!(
            "{word} is already in the dictionary"
        )));
    }
    let at = now();
    user_terms::insert(conn, word, tag, None, actor, &at)?;
    let term = user_terms::get(conn, word)?.expect("just inserted");
    jieba.add_word(word, None, tag);
    let resegmented = user_terms::articles_containing(conn, word)?;
    for &id in &resegmented {
        crate::store::digest_snapshot::reindex(conn, jieba, id)?;
    }
    audit::record(
        conn,
        &at,
        &audit::Entry {
            actor,
            action: "dictionary.add",
            entity: "user_term",
            entity_id: Some(term.id),
            article_id: None,
            before: None,
            after: Some(serde_json::to_value(&term)?),
        },
    )?;
    Ok(AddedTerm { term, resegmented })
}

/// Removes `word`. jieba cannot forget a word, so the caller should rebuild its segmenter with
/// [`segmenter`]; the articles containing it are re-segmented with `rebuilt`.
pub fn remove_term(
    conn: &Connection,
    rebuilt: &Jieba,
    actor: &str,
    word: &str,
) -> Result<Vec<i64>> {
    let Some(term) = user_terms::get(conn, word)? else {
        return Err(Error::Invalid(format!("{word} is not in the dictionary")));
    };
    user_terms::delete(conn, word)?;
    let affected = user_terms::articles_containing(conn, word)?;
    for &id in &affected {
        crate::store::digest_snapshot::reindex(conn, rebuilt, id)?;
    }
    audit::record(
        conn,
        &now(),
        &audit::Entry {
            actor,
            action: "dictionary.remove",
            entity: "user_term",
            entity_id: Some(term.id),
            article_id: None,
            before: Some(serde_json::to_value(&term)?),
            after: None,
        },
    )?;
    Ok(affected)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;

    #[test]
    fn a_user_word_changes_segmentation_and_is_stored() {
        let mut store = Store::open_in_memory().unwrap();
        let mut jieba = segmenter(store.conn()).unwrap();
        let before: Vec<&str> = jieba
            .cut("萝卜快跑获得牌照", true)
            .iter()
            .map(|t| t.word)
            .collect();
        assert!(!before.contains(&"萝卜快跑"), "{before:?}");
        let added = store
            .write(|tx| add_term(tx, &mut jieba, "ed", "萝卜快跑", Some("nz")))
            .unwrap();
        assert_eq!(added.term.word, "萝卜快跑");
        let after: Vec<&str> = jieba
            .cut("萝卜快跑获得牌照", true)
            .iter()
            .map(|t| t.word)
            .collect();
        assert!(after.contains(&"萝卜快跑"), "{after:?}");
        // A fresh segmenter from the database knows it too.
        let fresh = segmenter(store.conn()).unwrap();
        assert!(fresh
            .cut("萝卜快跑", true)
            .iter()
            .any(|t| t.word == "萝卜快跑"));
        let err = store
            .write(|tx| add_term(tx, &mut jieba, "ed", "萝卜快跑", None))
            .unwrap_err();
        assert_eq!(err.code(), "conflict");
        let err = store
            .write(|tx| add_term(tx, &mut jieba, "ed", "a b", None))
            .unwrap_err();
        assert_eq!(err.code(), "invalid_input");
    }
}
