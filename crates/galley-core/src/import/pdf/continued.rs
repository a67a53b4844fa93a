//! An article running over a page break. When the pages of a file make one digest
//! (`--one-digest`), the text at the top of a page before its first headline goes on with the
//! last article of the page before: it is read into that article, its first paragraph joined
//! to the last one there when that one stops mid-sentence, instead of standing as an untitled
//! article of its own.

use super::articles::{CONTINUED, NO_SOURCE_COST, NO_TEXT, NO_TEXT_COST};
use crate::import::formats::NO_SOURCE;
use crate::import::page::lines::ends_sentence;
use crate::model::{ArticleDraft, BoxOf, ParagraphKind, ParsedDigest, PlacedBox, Source};

/// Appends a page's digest to the digest of the pages before it, reading its untitled first
/// article as the rest of the last one.
pub fn append(digest: &mut ParsedDigest, mut page: ParsedDigest) {
    if digest.articles.is_empty() || !continues(&page) {
        digest.append(page);
        return;
    }
    let last = digest.articles.len() - 1;
    let rest = page.articles.remove(0);
    let moved = join(
        last,
        &mut digest.articles[last],
        rest,
        &mut digest.furniture,
    );
    let boxes = std::mem::take(&mut page.boxes);
    let (first, others): (Vec<PlacedBox>, Vec<PlacedBox>) =
        boxes.into_iter().partition(|b| of_first(&b.of));
    digest
        .boxes
        .extend(first.into_iter().filter_map(|b| moved.place(b)));
    page.boxes = others.into_iter().map(shift_back).collect();
    digest.append(page);
}

/// Whether a page opens with text before any headline.
fn continues(page: &ParsedDigest) -> bool {
    let Some(first) = page.articles.first() else {
        return false;
    };
    let titled = page
        .boxes
        .iter()
        .any(|b| matches!(b.of, BoxOf::Title { article: 0 }));
    !titled && first.warnings.iter().any(|w| w == CONTINUED)
}

/// The article a box belongs to, if any.
fn article_of(of: &BoxOf) -> Option<usize> {
    match *of {
        BoxOf::Title { article }
        | BoxOf::Source { article }
        | BoxOf::Paragraph { article, .. }
        | BoxOf::PullQuote { article, .. } => Some(article),
        BoxOf::Furniture { .. } => None,
    }
}

fn of_first(of: &BoxOf) -> bool {
    article_of(of) == Some(0)
}

/// A box of the page's other articles, which moved up by one.
fn shift_back(mut b: PlacedBox) -> PlacedBox {
    match &mut b.of {
        BoxOf::Title { article }
        | BoxOf::Source { article }
        | BoxOf::Paragraph { article, .. }
        | BoxOf::PullQuote { article, .. } => *article -= 1,
        BoxOf::Furniture { .. } => {}
    }
    b
}

/// Where the continuation's pieces went in the joined article.
struct Moved {
    /// The joined article's index in the digest.
    article: usize,
    /// The article's paragraphs before the join.
    paragraphs: usize,
    /// Whether the continuation's first paragraph was joined to the article's last.
    joined: bool,
    /// The article's pull quotes before the join.
    pull_quotes: usize,
    /// What the continuation's source line became: the article's source, or a piece of the
    /// digest's furniture when the article had a source already.
    source: Option<BoxOf>,
}

impl Moved {
    /// A box of the continuation, pointing where its piece went.
    fn place(&self, mut b: PlacedBox) -> Option<PlacedBox> {
        let article = self.article;
        b.of = match b.of {
            BoxOf::Paragraph { paragraph, .. } => BoxOf::Paragraph {
                article,
                paragraph: match (paragraph, self.joined) {
                    (0, true) => self.paragraphs - 1,
                    (p, true) => p - 1 + self.paragraphs,
                    (p, false) => p + self.paragraphs,
                },
            },
            BoxOf::PullQuote { index, .. } => BoxOf::PullQuote {
                article,
                index: index + self.pull_quotes,
            },
            BoxOf::Source { .. } => self.source?,
            BoxOf::Title { .. } | BoxOf::Furniture { .. } => return None,
        };
        Some(b)
    }
}

/// Reads `rest` into `article` (number `index` of the digest); returns where its pieces went.
fn join(
    index: usize,
    article: &mut ArticleDraft,
    rest: ArticleDraft,
    furniture: &mut Vec<String>,
) -> Moved {
    let paragraphs = article.paragraphs.len();
    let pull_quotes = article.pull_quotes.len();
    if paragraphs == 0 && !rest.paragraphs.is_empty() {
        // Its lead is the first paragraph there.
        found(article, NO_TEXT, NO_TEXT_COST);
    }
    let mut incoming = rest.paragraphs.into_iter().peekable();
    let joined = match (article.paragraphs.last_mut(), incoming.peek()) {
        (Some(last), Some(next)) if goes_on(&last.kind, &next.kind, &last.text) => {
            last.text.push_str(&next.text);
            incoming.next();
            true
        }
        _ => false,
    };
    let lead = paragraphs > 0;
    article.paragraphs.extend(incoming.map(|mut p| {
        if p.kind == ParagraphKind::Lead && lead {
            p.kind = ParagraphKind::Body;
        }
        p
    }));
    article.pull_quotes.extend(rest.pull_quotes);
    let source = take_source(index, article, rest.source, furniture);
    if matches!(source, Some(BoxOf::Source { .. })) {
        found(article, NO_SOURCE, NO_SOURCE_COST);
    }
    let warnings: Vec<String> = rest
        .warnings
        .into_iter()
        .filter(|w| w != CONTINUED && !article.warnings.contains(w))
        .collect();
    article.warnings.extend(warnings);
    Moved {
        article: index,
        paragraphs,
        joined,
        pull_quotes,
        source,
    }
}

/// Takes back a warning the article's first page gave it and what it cost, now that the next
/// page printed what was missing: the text under a headline at a page's foot, or the source.
fn found(article: &mut ArticleDraft, warning: &str, cost: f64) {
    let before = article.warnings.len();
    article.warnings.retain(|w| w != warning);
    if article.warnings.len() < before {
        article.confidence = (article.confidence + cost).min(0.9);
    }
}

/// Whether a paragraph of text goes on in the next one: neither is a heading and the first
/// stops mid-sentence.
fn goes_on(last: &ParagraphKind, next: &ParagraphKind, text: &str) -> bool {
    *last != ParagraphKind::Heading && *next != ParagraphKind::Heading && !ends_sentence(text)
}

/// The continuation's source line becomes the article's source when it has none, else a
/// piece of the digest's furniture; what it became.
fn take_source(
    index: usize,
    article: &mut ArticleDraft,
    source: Source,
    furniture: &mut Vec<String>,
) -> Option<BoxOf> {
    let line = source.line.clone()?;
    if article.source.line.is_none() {
        article.source = source;
        Some(BoxOf::Source { article: index })
    } else {
        furniture.push(line);
        Some(BoxOf::Furniture {
            index: furniture.len() - 1,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PageBox, ParagraphDraft};

    fn article(title: &str, paragraphs: &[&str], warnings: &[&str]) -> ArticleDraft {
        ArticleDraft {
            title: title.to_owned(),
            source: Source::default(),
            paragraphs: paragraphs
                .iter()
                .enumerate()
                .map(|(i, t)| ParagraphDraft {
                    kind: if i == 0 {
                        ParagraphKind::Lead
                    } else {
                        ParagraphKind::Body
                    },
                    text: (*t).to_owned(),
                })
                .collect(),
            pull_quotes: Vec::new(),
            confidence: 0.9,
            warnings: warnings.iter().map(|w| (*w).to_owned()).collect(),
        }
    }

    fn placed(page: u32, of: BoxOf) -> PlacedBox {
        PlacedBox {
            place: PageBox {
                page,
                x0: 0.0,
                y0: 0.0,
                x1: 1.0,
                y1: 1.0,
            },
            of,
        }
    }

    #[test]
    fn text_before_a_pages_first_headline_goes_on_with_the_last_article() {
        let mut digest = ParsedDigest {
            articles: vec![article(
                "水网建设",
                &["大国之治。", "在带领中国人民向着第一个百年"],
                &[],
            )],
            boxes: vec![
                placed(1, BoxOf::Title { article: 0 }),
                placed(
                    1,
                    BoxOf::Paragraph {
                        article: 0,
                        paragraph: 1,
                    },
                ),
            ],
            ..ParsedDigest::default()
        };
        let page = ParsedDigest {
            articles: vec![
                article(
                    "",
                    &["奋斗目标奋力冲刺。", "五年间，画卷铺展。"],
                    &[CONTINUED],
                ),
                article("新的一篇", &["正文。"], &[]),
            ],
            furniture: vec!["第 6 页".to_owned()],
            boxes: vec![
                placed(
                    2,
                    BoxOf::Paragraph {
                        article: 0,
                        paragraph: 0,
                    },
                ),
                placed(
                    2,
                    BoxOf::Paragraph {
                        article: 0,
                        paragraph: 1,
                    },
                ),
                placed(2, BoxOf::Title { article: 1 }),
                placed(2, BoxOf::Furniture { index: 0 }),
            ],
            ..ParsedDigest::default()
        };
        append(&mut digest, page);
        assert_eq!(digest.articles.len(), 2);
        let texts: Vec<&str> = digest.articles[0]
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(
            texts,
            [
                "大国之治。",
                "在带领中国人民向着第一个百年奋斗目标奋力冲刺。",
                "五年间，画卷铺展。"
            ]
        );
        assert_eq!(digest.articles[0].paragraphs[2].kind, ParagraphKind::Body);
        assert!(digest.articles[0].warnings.is_empty());
        assert_eq!(digest.articles[1].title, "新的一篇");
        let on_page_two: Vec<&BoxOf> = digest
            .boxes
            .iter()
            .filter(|b| b.place.page == 2)
            .map(|b| &b.of)
            .collect();
        assert_eq!(
            on_page_two,
            [
                &BoxOf::Paragraph {
                    article: 0,
                    paragraph: 1
                },
                &BoxOf::Paragraph {
                    article: 0,
                    paragraph: 2
                },
                &BoxOf::Title { article: 1 },
                &BoxOf::Furniture { index: 0 },
            ]
        );
    }

    #[test]
    fn a_page_opening_with_a_headline_or_a_finished_paragraph_is_not_joined() {
        let mut digest = ParsedDigest {
            articles: vec![article("甲", &["完整的一段。"], &[])],
            ..ParsedDigest::default()
        };
        let titled = ParsedDigest {
            articles: vec![article("乙", &["正文。"], &[])],
            boxes: vec![placed(2, BoxOf::Title { article: 0 })],
            ..ParsedDigest::default()
        };
        append(&mut digest, titled);
        assert_eq!(digest.articles.len(), 2);
        let mut digest = ParsedDigest {
            articles: vec![article("甲", &["完整的一段。"], &[])],
            ..ParsedDigest::default()
        };
        let rest = ParsedDigest {
            articles: vec![article("", &["新起的一段。"], &[CONTINUED])],
            ..ParsedDigest::default()
        };
        append(&mut digest, rest);
        assert_eq!(digest.articles.len(), 1);
        assert_eq!(
            digest.articles[0].paragraphs.len(),
            2,
            "appended, not joined"
        );
    }

    #[test]
    fn a_headline_at_a_pages_foot_takes_its_text_from_the_next_page() {
        let mut headline = article("博物馆奇妙游", &[], &[NO_TEXT]);
        headline.confidence = 0.9 - NO_TEXT_COST;
        let mut digest = ParsedDigest {
            articles: vec![headline],
            boxes: vec![placed(1, BoxOf::Title { article: 0 })],
            ..ParsedDigest::default()
        };
        let page = ParsedDigest {
            articles: vec![article("", &["第一段。", "第二段。"], &[CONTINUED])],
            ..ParsedDigest::default()
        };
        append(&mut digest, page);
        let a = &digest.articles[0];
        assert!(a.warnings.is_empty(), "{:?}", a.warnings);
        assert!((a.confidence - 0.9).abs() < 1e-9);
        let kinds: Vec<ParagraphKind> = a.paragraphs.iter().map(|p| p.kind).collect();
        assert_eq!(kinds, [ParagraphKind::Lead, ParagraphKind::Body]);
    }
}
