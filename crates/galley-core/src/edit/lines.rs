//! Moving lines of the original page text out of the paragraphs they were joined into: what
//! repairs two columns read as one (alternate lines belong to different stories) and footers
//! spliced into a paragraph. The lines are found in the paragraph by their text.

use rusqlite::Connection;
use unicode_normalization::UnicodeNormalization;

use super::source_lines::{self, SourceLine};
use crate::model::ParagraphKind;
use crate::store::{digest_texts, furniture, paragraphs};
use crate::{Error, Result};

/// Moves the original lines `numbers` (from 1) of a digest out of their paragraphs: into one
/// new paragraph per paragraph they left, placed in `to_article` by reading order, or into the
/// page furniture (`None`). A paragraph left empty is removed. Returns the articles whose text
/// changed.
pub fn move_lines(
    tx: &Connection,
    digest_id: i64,
    numbers: &[usize],
    to_article: Option<i64>,
) -> Result<Vec<i64>> {
    let placed = placed_lines(tx, digest_id)?;
    let chosen = chosen_lines(&placed, numbers)?;
    let mut touched = Vec::new();
    for (paragraph, lines) in by_paragraph(&chosen) {
        super::ensure_no_claims(tx, paragraph, "shorter")?;
        let article = super::paragraph_place(tx, paragraph)?.0;
        let moved = cut(tx, paragraph, &lines)?;
        let first = lines[0].number;
        match to_article {
            Some(a) => insert_in_order(tx, a, &placed, first, &moved)?,
            None => to_furniture(tx, digest_id, &moved)?,
        }
        touched.push(article);
    }
    touched.extend(to_article);
    touched.sort_unstable();
    touched.dedup();
    Ok(touched)
}

/// The digest's original lines where they are now; an error for digests not read from text.
fn placed_lines(tx: &Connection, digest_id: i64) -> Result<Vec<SourceLine>> {
    let text = digest_texts::get(tx, digest_id)?.ok_or_else(|| {
        Error::Invalid(format!(
            "digest {digest_id} was not read from page text: it has no lines"
        ))
    })?;
    source_lines::place(tx, digest_id, &text)
}

/// Makes line `number` of a digest's original text a title: the text before it stays in its
/// article, and a new article titled by it starts with the text after it (and takes the
/// paragraphs that follow). A line that opened its article becomes that article's title, the
/// old title kept as its first paragraph. Returns the article to show and the articles changed.
pub fn title_at_line(
    tx: &Connection,
    digest_id: i64,
    number: usize,
) -> Result<(Option<i64>, Vec<i64>)> {
    let placed = placed_lines(tx, digest_id)?;
    let line = placed
        .get(number.wrapping_sub(1))
        .ok_or_else(|| Error::Invalid(format!("there is no line {number}")))?;
    let paragraph = paragraph_holding(tx, line)?;
    super::ensure_no_claims(tx, paragraph, "a title")?;
    let (article, position) = super::paragraph_place(tx, paragraph)?;
    let parts = split_at_line(tx, paragraph, line)?;
    let title = super::clean_title(&parts.line)?;
    if parts.before.is_empty() && parts.after.is_empty() {
        return super::make_title(tx, paragraph);
    }
    let opening = if parts.before.is_empty() {
        paragraphs::set_text(tx, paragraph, &parts.after)?;
        Some(paragraph)
    } else {
        paragraphs::set_text(tx, paragraph, &parts.before)?;
        match parts.after.is_empty() {
            true => paragraphs::ids(tx, article)?
                .get(position as usize + 1)
                .copied(),
            false => Some(insert_after(tx, article, paragraph, &parts.after)?),
        }
    };
    match opening {
        Some(p) if p == paragraph && position == 0 => {
            retitle(tx, article, &title)?;
            Ok((Some(article), vec![article]))
        }
        Some(p) => {
            let (old, new) = super::split(tx, p, Some(&title))?;
            Ok((Some(new), vec![old, new]))
        }
        None => {
            let new = super::new_article_after(tx, article, &title)?;
            Ok((Some(new), vec![article, new]))
        }
    }
}

/// The paragraph a line is in; for a line placed in its article's title (a title guessed from
/// the first sentence holds it too), the article's paragraph that also holds it.
fn paragraph_holding(tx: &Connection, line: &SourceLine) -> Result<i64> {
    if let Some(p) = line.paragraph_id {
        return Ok(p);
    }
    let key = source_lines::key(&line.text);
    let found = match line.article_id {
        Some(a) if !key.is_empty() => paragraphs::texts(tx, a)?
            .into_iter()
            .find(|(_, t)| source_lines::key(t).contains(&key))
            .map(|(id, _)| id),
        _ => None,
    };
    found.ok_or_else(|| {
        Error::Invalid(format!(
            "line {} is not in a paragraph: move its article or piece instead",
            line.number
        ))
    })
}

/// A paragraph's text around one of its lines.
struct Parts {
    before: String,
    line: String,
    after: String,
}

fn split_at_line(tx: &Connection, paragraph: i64, line: &SourceLine) -> Result<Parts> {
    let text = paragraphs::text(tx, paragraph)?.ok_or(Error::NotFound {
        entity: "paragraph",
        id: paragraph,
    })?;
    let chars: Vec<char> = text.chars().collect();
    let (start, end) =
        locate(&chars, &vec![false; chars.len()], &line.text, 0).ok_or_else(|| {
            Error::Conflict(format!(
                "line {} is no longer in paragraph {paragraph} as printed",
                line.number
            ))
        })?;
    let part = |r: std::ops::Range<usize>| chars[r].iter().collect::<String>().trim().to_owned();
    Ok(Parts {
        before: part(0..start),
        line: part(start..end),
        after: part(end..chars.len()),
    })
}

/// A new body paragraph with `text` right after `paragraph` in `article`.
fn insert_after(tx: &Connection, article: i64, paragraph: i64, text: &str) -> Result<i64> {
    let mut ids = paragraphs::ids(tx, article)?;
    let new = paragraphs::insert(tx, article, -1, ParagraphKind::Body, text)?;
    let at = ids
        .iter()
        .position(|&id| id == paragraph)
        .map_or(ids.len(), |i| i + 1);
    ids.insert(at, new);
    super::place_paragraphs(tx, article, &ids)?;
    Ok(new)
}

/// The article's title becomes `title`; the old one is kept as its first paragraph unless it
/// was only taken from the article's own text (a title guessed from the first sentence).
fn retitle(tx: &Connection, article: i64, title: &str) -> Result<()> {
    let old = crate::store::articles::title(tx, article)?;
    let mut ids = paragraphs::ids(tx, article)?;
    // The text as it was: the new title, then the paragraphs.
    let body: String = std::iter::once(source_lines::key(title))
        .chain(
            paragraphs::texts(tx, article)?
                .iter()
                .map(|(_, t)| source_lines::key(t)),
        )
        .collect();
    if !body.contains(&source_lines::key(&old)) {
        let kept = paragraphs::insert(tx, article, -1, ParagraphKind::Body, &old)?;
        ids.insert(0, kept);
        super::place_paragraphs(tx, article, &ids)?;
    }
    crate::store::articles::set_title(tx, article, title)
}

/// The lines asked for, each in a paragraph.
fn chosen_lines<'a>(placed: &'a [SourceLine], numbers: &[usize]) -> Result<Vec<&'a SourceLine>> {
    if numbers.is_empty() {
        return Err(Error::Invalid("no lines given".into()));
    }
    let mut numbers = numbers.to_vec();
    numbers.sort_unstable();
    numbers.dedup();
    numbers
        .iter()
        .map(|&n| {
            let line = placed
                .get(n.wrapping_sub(1))
                .ok_or_else(|| Error::Invalid(format!("there is no line {n}")))?;
            match line.paragraph_id {
                Some(_) => Ok(line),
                None => Err(Error::Invalid(format!(
                    "line {n} is not in a paragraph: move its article or piece instead"
                ))),
            }
        })
        .collect()
}

/// The chosen lines grouped by their paragraph, in line order.
fn by_paragraph<'a>(lines: &[&'a SourceLine]) -> Vec<(i64, Vec<&'a SourceLine>)> {
    let mut groups: Vec<(i64, Vec<&SourceLine>)> = Vec::new();
    for l in lines {
        let p = l.paragraph_id.expect("chosen lines are in paragraphs");
        match groups.iter_mut().find(|(id, _)| *id == p) {
            Some((_, g)) => g.push(l),
            None => groups.push((p, vec![l])),
        }
    }
    groups
}

/// Removes the lines' text from the paragraph (deleting it when nothing is left); returns the
/// text removed, in order.
fn cut(tx: &Connection, paragraph: i64, lines: &[&SourceLine]) -> Result<String> {
    let text = paragraphs::text(tx, paragraph)?.ok_or(Error::NotFound {
        entity: "paragraph",
        id: paragraph,
    })?;
    let mut keep: Vec<char> = text.chars().collect();
    let mut cut = vec![false; keep.len()];
    let mut from = 0;
    let mut moved = String::new();
    for l in lines {
        let (start, end) = locate(&keep, &cut, &l.text, from).ok_or_else(|| {
            Error::Conflict(format!(
                "line {} is no longer in paragraph {paragraph} as printed",
                l.number
            ))
        })?;
        moved.extend(&keep[start..end]);
        cut[start..end].iter_mut().for_each(|c| *c = true);
        from = end;
    }
    let mut flags = cut.into_iter();
    keep.retain(|_| !flags.next().expect("one flag per character"));
    let rest: String = keep.into_iter().collect();
    match rest.trim() {
        "" => {
            let article = super::paragraph_place(tx, paragraph)?.0;
            paragraphs::delete(tx, paragraph)?;
            super::place_paragraphs(tx, article, &paragraphs::ids(tx, article)?)?;
        }
        rest => paragraphs::set_text(tx, paragraph, rest)?,
    }
    Ok(moved.trim().to_owned())
}

/// Where `line` is in `chars` at or after `from` (not in text already cut), comparing without
/// spaces and compatibility forms: the character range it spans.
fn locate(chars: &[char], cut: &[bool], line: &str, from: usize) -> Option<(usize, usize)> {
    let want: Vec<String> = line
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| c.nfkc().collect())
        .collect();
    if want.is_empty() {
        return None;
    }
    let have: Vec<(usize, String)> = (0..chars.len())
        .filter(|&i| !cut[i] && !chars[i].is_whitespace())
        .map(|i| (i, chars[i].nfkc().collect()))
        .collect();
    let starts = have.iter().position(|(i, _)| *i >= from)?;
    (starts..=have.len().checked_sub(want.len())?)
        .chain(0..starts)
        .find(|&s| {
            s + want.len() <= have.len()
                && have[s..s + want.len()]
                    .iter()
                    .zip(&want)
                    .all(|((_, h), w)| h == w)
        })
        .map(|s| (have[s].0, have[s + want.len() - 1].0 + 1))
}

/// Puts moved text into an article as a new paragraph where its first line falls in reading
/// order: before the first paragraph of the article that starts on a later line.
fn insert_in_order(
    tx: &Connection,
    article: i64,
    placed: &[SourceLine],
    first_line: usize,
    text: &str,
) -> Result<()> {
    let ids = paragraphs::ids(tx, article)?;
    let starts_later = |id: &i64| {
        placed
            .iter()
            .find(|l| l.paragraph_id == Some(*id))
            .is_some_and(|l| l.number > first_line)
    };
    let at = ids.iter().position(starts_later).unwrap_or(ids.len());
    let new = paragraphs::insert(tx, article, -1, ParagraphKind::Body, text)?;
    let mut order = ids;
    order.insert(at, new);
    super::place_paragraphs(tx, article, &order)?;
    // An article opens with its lead.
    if at == 0 {
        paragraphs::set_kind(tx, new, ParagraphKind::Lead)?;
        if let Some(&next) = order.get(1) {
            if paragraphs::kind(tx, next)? == Some(ParagraphKind::Lead) {
                paragraphs::set_kind(tx, next, ParagraphKind::Body)?;
            }
        }
    }
    Ok(())
}

/// Puts moved text into the page furniture.
fn to_furniture(tx: &Connection, digest_id: i64, text: &str) -> Result<()> {
    let n = furniture::list(tx, digest_id)?.len() as i64;
    furniture::insert(tx, digest_id, n, text)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_is_found_across_spaces_and_full_width_forms_after_the_last_cut() {
        let chars: Vec<char> = "甲乙丙 ＡＢ1 丁甲乙".chars().collect();
        let none = vec![false; chars.len()];
        assert_eq!(locate(&chars, &none, "乙丙AB", 0), Some((1, 6)));
        assert_eq!(locate(&chars, &none, "甲乙", 2), Some((9, 11)));
        assert_eq!(locate(&chars, &none, "甲乙", 0), Some((0, 2)));
        assert_eq!(locate(&chars, &none, "戊", 0), None);
        let mut cut = none.clone();
        cut[0] = true;
        assert_eq!(locate(&chars, &cut, "甲乙", 0), Some((9, 11)));
    }
}
