//! Reconstruction of a PDF-extracted newspaper digest page into articles.
//!
//! The page text has the artefacts of extraction from a multi-column layout: hard wraps
//! every dozen characters, blank lines at column breaks (also inside sentences), bold
//! headlines with doubled glyph runs, stray spaces between CJK characters, source lines
//! glued to the last body line, pull quotes repeating body text, titles printed above or
//! below their body, and articles interleaved across columns.
//!
//! The work is done in three passes:
//! - [`lines`]: line repairs (doubled headlines, CJK spaces, glued sources, furniture;
//!   captions and tables set aside by [`figures`]),
//! - [`blocks`]: blocks and their roles, column breaks undone (a sentence goes on in the
//!   block [`stitch`] finds completing it at the junction, else in the next), paragraphs cut,
//! - [`assign`]: body pieces chained and titled by lexical cohesion (jieba).

pub mod assign;
pub mod blocks;
pub mod figures;
pub mod lines;
pub mod stitch;
pub mod streams;

use jieba_rs::Jieba;

use crate::model::ParsedDigest;

/// Turns the text of one digest page into articles (in reading order of their first
/// body line), page furniture and warnings.
pub fn reconstruct(text: &str, jieba: &Jieba) -> ParsedDigest {
    let lines = lines::repair(text);
    let vocab = lines::Vocab::from_lines(
        lines
            .iter()
            .filter(|l| l.kind == lines::LineKind::Text)
            .map(|l| l.text.as_str()),
    );
    let units = blocks::units(lines, &lines::raw_lines(text), &vocab, jieba);
    let mut parsed = assign::articles(&units, jieba);
    number_items(&mut parsed);
    let raw = lines::raw_lines(text);
    let contents = crate::import::contents::lines(&raw);
    parsed
        .warnings
        .extend(crate::import::contents::warning(&contents, &raw));
    parsed
}

/// A page whose titles are numbered (`1. …`, `2、…`, `（3）…`: a newsletter's or a digest's
/// items) has its titles without the numbers, which go to the page furniture. One numbered
/// title alone is left as printed (`一、二线城市…` reads like one).
pub fn number_items(parsed: &mut ParsedDigest) {
    let numbered = parsed
        .articles
        .iter()
        .filter(|a| lines::item_marker(&a.title).is_some())
        .count();
    if numbered < 2 {
        return;
    }
    for a in &mut parsed.articles {
        if let Some((marker, rest)) = lines::item_marker(&a.title) {
            parsed.furniture.push(marker.to_owned());
            a.title = rest.to_owned();
        }
    }
}

#[cfg(test)]
mod tests;
