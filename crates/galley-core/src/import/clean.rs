//! The last step of parsing: what an importer produced is made safe to store and show.
//! Control characters (an escape sequence in a title can rewrite a terminal; a stray U+007F
//! breaks a line) are removed from names, titles, sources and paragraphs, with a warning; a
//! paragraph too long to be a paragraph is refused.

use crate::model::{ArticleDraft, ParsedDigest};
use crate::{Error, Result};

/// Longest paragraph accepted, in characters (a news paragraph is a few hundred).
pub const MAX_PARAGRAPH_CHARS: usize = 100_000;

/// Removes control characters everywhere, warning per article, and refuses giant paragraphs.
pub fn finish(mut parsed: ParsedDigest, what: &str) -> Result<ParsedDigest> {
    for (i, a) in parsed.articles.iter_mut().enumerate() {
        check_lengths(a, i, what)?;
        clean_article(a);
    }
    let mut dropped = false;
    for f in &mut parsed.furniture {
        dropped |= strip(f);
    }
    if dropped {
        parsed
            .warnings
            .push("control characters removed from the page furniture".into());
    }
    Ok(parsed)
}

/// A digest name (from a file name or `--name`) without control characters; whether any were.
pub fn name(name: &mut String) -> bool {
    strip(name)
}

fn check_lengths(a: &ArticleDraft, index: usize, what: &str) -> Result<()> {
    for (j, p) in a.paragraphs.iter().enumerate() {
        let chars = p.text.chars().count();
        if chars > MAX_PARAGRAPH_CHARS {
            return Err(Error::TooLarge {
                what: what.to_owned(),
                detail: format!(
                    "paragraph {} of article {} has {chars} characters; at most {MAX_PARAGRAPH_CHARS} are accepted",
                    j + 1,
                    index + 1
                ),
            });
        }
    }
    Ok(())
}

fn clean_article(a: &mut ArticleDraft) {
    let mut places = Vec::new();
    if strip(&mut a.title) {
        places.push("title");
    }
    if a.source.line.as_mut().is_some_and(strip)
        | a.source.outlets.iter_mut().fold(false, |d, o| strip(o) | d)
    {
        places.push("source");
    }
    if a.paragraphs
        .iter_mut()
        .fold(false, |d, p| strip(&mut p.text) | d)
    {
        places.push("text");
    }
    if a.pull_quotes.iter_mut().fold(false, |d, q| strip(q) | d) {
        places.push("pull quotes");
    }
    if !places.is_empty() {
        a.warnings.push(format!(
            "control characters removed from the {}",
            places.join(", ")
        ));
    }
}

/// Removes control characters (a tab or a line break becomes a space); whether any were.
fn strip(s: &mut String) -> bool {
    if !s.chars().any(char::is_control) {
        return false;
    }
    *s = s
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect();
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ParagraphDraft, ParagraphKind, Source};

    fn draft(title: &str, text: &str) -> ArticleDraft {
        ArticleDraft {
            title: title.into(),
            source: Source {
                line: Some("据《科技日报》\u{1b}[2J".into()),
                outlets: vec!["科技日报".into()],
            },
            paragraphs: vec![ParagraphDraft {
                kind: ParagraphKind::Body,
                text: text.into(),
            }],
            pull_quotes: Vec::new(),
            confidence: 1.0,
            warnings: Vec::new(),
        }
    }

    #[test]
    fn escape_sequences_are_removed_with_a_warning() {
        let parsed = ParsedDigest {
            articles: vec![draft("标题\u{1b}]0;pwned\u{7}", "正文\u{7f}一段。")],
            ..ParsedDigest::default()
        };
        let out = finish(parsed, "page.txt").unwrap();
        let a = &out.articles[0];
        assert_eq!(a.title, "标题]0;pwned");
        assert_eq!(a.source.line.as_deref(), Some("据《科技日报》[2J"));
        assert_eq!(a.paragraphs[0].text, "正文一段。");
        assert_eq!(
            a.warnings,
            ["control characters removed from the title, source, text"]
        );
    }

    #[test]
    fn clean_text_is_left_alone() {
        let parsed = ParsedDigest {
            articles: vec![draft("标题", "正文。")],
            ..ParsedDigest::default()
        };
        let mut parsed = parsed;
        parsed.articles[0].source.line = None;
        let out = finish(parsed.clone(), "page.txt").unwrap();
        assert_eq!(out, parsed);
    }

    #[test]
    fn a_giant_paragraph_is_refused() {
        let huge = "字".repeat(MAX_PARAGRAPH_CHARS + 1);
        let parsed = ParsedDigest {
            articles: vec![draft("标题", &huge)],
            ..ParsedDigest::default()
        };
        let err = finish(parsed, "big.jsonl").unwrap_err();
        assert_eq!(err.code(), "too_large");
        assert!(
            err.to_string().contains("paragraph 1 of article 1"),
            "{err}"
        );
    }
}
