//! The original lines of a digest read from page text, each placed in the piece it went into
//! as the digest stands now (a title, a paragraph, a pull quote, a source line or furniture):
//! what the page view shows for a digest that has no PDF page.
//!
//! Lines are placed by their text: a line goes to the piece whose text holds it (spaces and
//! compatibility forms aside), the next such piece in reading order when several do; a bold
//! headline extracted with each character twice is read once. A line the importer dropped (a
//! blank, an advertisement) is placed nowhere.

use rusqlite::Connection;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::snapshot::{self, DigestSnapshot};
use crate::model::BoxRole;
use crate::Result;

/// Longest text whose lines are placed (a page is a few hundred lines; a whole archive pasted
/// as one page is shown without them).
pub const MAX_LINES: usize = 5_000;

/// One line of the original text and where it went.
#[derive(Debug, Clone, PartialEq, Serialize, schemars::JsonSchema)]
pub struct SourceLine {
    /// The line number, from 1.
    pub number: usize,
    /// The line as it was.
    pub text: String,
    /// What it went into, if anything.
    pub role: Option<BoxRole>,
    /// The article it belongs to (not for furniture).
    pub article_id: Option<i64>,
    /// The paragraph it belongs to, for a paragraph's line.
    pub paragraph_id: Option<i64>,
}

/// A stored piece of the digest, with its text in comparable form.
struct Piece {
    role: BoxRole,
    article_id: Option<i64>,
    paragraph_id: Option<i64>,
    key: String,
}

/// The lines of `text` placed in the digest's pieces as they are now.
pub fn place(conn: &Connection, digest_id: i64, text: &str) -> Result<Vec<SourceLine>> {
    if text.lines().count() > MAX_LINES {
        return Ok(Vec::new());
    }
    let pieces = pieces(&snapshot::capture(conn, digest_id)?);
    let mut cursor = 0;
    let lines = text.lines().enumerate().map(|(i, line)| {
        // A bold headline extracted twice over (标标题题) is found by its single form.
        let found = find(&pieces, &key(line), cursor).or_else(|| {
            let single = crate::import::page::lines::undouble(line)?;
            find(&pieces, &key(&single), cursor)
        });
        if let Some(at) = found {
            cursor = at;
        }
        let piece = found.map(|at| &pieces[at]);
        SourceLine {
            number: i + 1,
            text: line.to_owned(),
            role: piece.map(|p| p.role),
            article_id: piece.and_then(|p| p.article_id),
            paragraph_id: piece.and_then(|p| p.paragraph_id),
        }
    });
    Ok(lines.collect())
}

/// Text compared without spaces and compatibility forms (full-width letters, digits).
pub(crate) fn key(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// The digest's pieces in reading order: each article's title, paragraphs, pull quotes and
/// source line, then the furniture.
fn pieces(snap: &DigestSnapshot) -> Vec<Piece> {
    let piece = |role, article_id, paragraph_id, text: &str| Piece {
        role,
        article_id,
        paragraph_id,
        key: key(text),
    };
    let mut out = Vec::new();
    for a in &snap.articles {
        out.push(piece(BoxRole::Title, Some(a.id), None, &a.title));
        for p in snap.paragraphs.iter().filter(|p| p.article_id == a.id) {
            out.push(piece(BoxRole::Paragraph, Some(a.id), Some(p.id), &p.text));
        }
        for q in snap.pull_quotes.iter().filter(|q| q.article_id == a.id) {
            out.push(piece(BoxRole::PullQuote, Some(a.id), None, &q.text));
        }
        if let Some(line) = &a.source_line {
            out.push(piece(BoxRole::Source, Some(a.id), None, line));
        }
    }
    for f in &snap.furniture {
        out.push(piece(BoxRole::Furniture, None, None, &f.text));
    }
    out
}

/// The piece holding `line`: the first at or after `cursor`, else the first before it; a
/// piece that is the line itself first (a byline's name `周` set aside, not the paragraph
/// that mentions 周). A line that holds a whole short piece (a title with its byline glued
/// on) goes to that piece.
fn find(pieces: &[Piece], line: &str, cursor: usize) -> Option<usize> {
    if line.is_empty() {
        return None;
    }
    let is = |p: &Piece| p.key == line;
    let holds = |p: &Piece| p.key.contains(line);
    let held = |p: &Piece| p.key.chars().count() >= 2 && line.contains(p.key.as_str());
    let after = |ok: &dyn Fn(&Piece) -> bool| {
        (cursor..pieces.len())
            .chain(0..cursor)
            .find(|&i| ok(&pieces[i]))
    };
    after(&is)
        .or_else(|| after(&holds))
        .or_else(|| after(&held))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ParagraphKind;
    use crate::store::{articles, digests, furniture, paragraphs};

    #[test]
    fn each_line_goes_to_the_piece_that_holds_it_in_reading_order() {
        let store = crate::Store::open_in_memory().unwrap();
        let conn = store.conn();
        let digest = digests::insert(
            conn,
            &digests::NewDigest {
                name: "p",
                date: None,
                source_file: None,
                content_hash: "h",
                imported_at: "now",
            },
        )
        .unwrap();
        let article = |pos, title| {
            articles::insert(
                conn,
                &articles::NewArticle {
                    digest_id: digest,
                    position: pos,
                    title,
                    source: &Default::default(),
                    confidence: None,
                    now: "now",
                },
            )
            .unwrap()
        };
        let a = article(0, "茶叶直供海外");
        let b = article(1, "夜市回暖");
        let p1 = paragraphs::insert(
            conn,
            a,
            0,
            ParagraphKind::Lead,
            "云溪县的绿茶本月首次进入超市。",
        )
        .unwrap();
        let p2 = paragraphs::insert(
            conn,
            b,
            0,
            ParagraphKind::Lead,
            "夜市开业两个月，摊位一百五十个。",
        )
        .unwrap();
        furniture::insert(conn, digest, 0, "第 3 版").unwrap();
        let text = "第 3 版\n茶叶直供海外\n茶叶直供海外\n云溪县的绿茶本月\n首次进入超市。\n\n夜市回暖 本报记者 张三\n夜市开业两个月，\n摊位一百五十个。\n广告";
        let lines = place(conn, digest, text).unwrap();
        let got: Vec<_> = lines
            .iter()
            .map(|l| (l.role, l.article_id, l.paragraph_id))
            .collect();
        use BoxRole::*;
        assert_eq!(
            got,
            [
                (Some(Furniture), None, None),
                (Some(Title), Some(a), None),
                (Some(Title), Some(a), None),
                (Some(Paragraph), Some(a), Some(p1)),
                (Some(Paragraph), Some(a), Some(p1)),
                (None, None, None),
                (Some(Title), Some(b), None),
                (Some(Paragraph), Some(b), Some(p2)),
                (Some(Paragraph), Some(b), Some(p2)),
                (None, None, None),
            ]
        );
        assert_eq!(lines[6].number, 7);
        assert_eq!(lines[6].text, "夜市回暖 本报记者 张三");
    }
}
