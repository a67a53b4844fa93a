//! A plain split of a text page into articles: blank-line blocks, hard wraps joined,
//! short unpunctuated single-line blocks taken as titles, `据…`/`综合…` lines as sources.
//!
//! It is the fallback for well-formed text; PDF-extracted newspaper pages need the
//! reconstruction in [`super::page`].

use crate::model::{ArticleDraft, ParagraphDraft, ParagraphKind, ParsedDigest, Source};
use crate::text::{is_cjk, is_sentence_end};

/// Longest line (in characters) that can be a title.
const MAX_TITLE_CHARS: usize = 40;

pub fn split(text: &str) -> ParsedDigest {
    let mut parsed = ParsedDigest::default();
    let mut current: Option<ArticleDraft> = None;
    let mut orphans: Vec<ParagraphDraft> = Vec::new();

    for block in blocks(text) {
        let joined = join_lines(&block);
        if !joined.chars().any(char::is_alphanumeric) {
            parsed
                .warnings
                .push(format!("skipped {joined:?}: no words"));
            continue;
        }
        if is_furniture(&joined) {
            parsed.furniture.push(joined);
            continue;
        }
        if let Some(source) = parse_source(&joined) {
            match current.as_mut() {
                Some(a) if a.source.line.is_none() => a.source = source,
                _ => parsed.warnings.push(format!(
                    "source line {joined:?} has no article to belong to"
                )),
            }
            continue;
        }
        if block.len() == 1 && looks_like_title(&joined) {
            parsed.articles.extend(current.take());
            current = Some(ArticleDraft {
                title: joined,
                source: Source::default(),
                paragraphs: Vec::new(),
                pull_quotes: Vec::new(),
                confidence: 0.5,
                warnings: Vec::new(),
            });
            continue;
        }
        let para = ParagraphDraft {
            kind: ParagraphKind::Body,
            text: joined,
        };
        match current.as_mut() {
            Some(a) => a.paragraphs.push(para),
            None => orphans.push(para),
        }
    }
    parsed.articles.extend(current);
    parsed.articles.retain(|a| !a.paragraphs.is_empty());

    if !orphans.is_empty() {
        match parsed.articles.first_mut() {
            Some(first) => {
                first.warnings.push(format!(
                    "{} paragraph(s) before the first title were added to this article",
                    orphans.len()
                ));
                first.confidence = first.confidence.min(0.3);
                orphans.append(&mut first.paragraphs);
                first.paragraphs = orphans;
            }
            None => {
                // No title anywhere: one article titled by its first sentence.
                let title: String = orphans[0]
                    .text
                    .split_inclusive(is_sentence_end)
                    .next()
                    .unwrap_or_default()
                    .chars()
                    .take(MAX_TITLE_CHARS)
                    .collect();
                parsed.articles.push(ArticleDraft {
                    title,
                    source: Source::default(),
                    paragraphs: orphans,
                    pull_quotes: Vec::new(),
                    confidence: 0.2,
                    warnings: vec!["no title found: titled by its first sentence".into()],
                });
            }
        }
    }
    for a in &mut parsed.articles {
        if let Some(first) = a.paragraphs.first_mut() {
            first.kind = ParagraphKind::Lead;
        }
        if a.source.line.is_none() {
            a.warnings.push("no source line".into());
        }
    }
    parsed
}

/// Non-blank lines grouped by blank lines, trimmed.
fn blocks(text: &str) -> Vec<Vec<&str>> {
    let mut out = vec![Vec::new()];
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !out.last().is_some_and(Vec::is_empty) {
                out.push(Vec::new());
            }
        } else {
            out.last_mut().expect("never empty").push(line);
        }
    }
    out.retain(|b| !b.is_empty());
    out
}

/// Joins hard-wrapped lines: no space inside CJK text, one space between Latin words,
/// a hyphen at a line end between letters removed.
pub fn join_lines(lines: &[&str]) -> String {
    let mut out = String::new();
    for line in lines {
        let prev = out.chars().last();
        let next = line.chars().next();
        if let (Some(p), Some(n)) = (prev, next) {
            if p == '-'
                && n.is_ascii_lowercase()
                && out[..out.len() - 1].ends_with(|c: char| c.is_ascii_alphabetic())
            {
                out.pop();
            } else if !is_cjk(p)
                && !is_cjk(n)
                && p.is_ascii_alphanumeric()
                && n.is_ascii_alphanumeric()
            {
                out.push(' ');
            }
        }
        out.push_str(line);
    }
    out
}

fn looks_like_title(s: &str) -> bool {
    let n = s.chars().count();
    (4..=MAX_TITLE_CHARS).contains(&n)
        && !s.ends_with(|c: char| is_sentence_end(c) || matches!(c, '，' | '、' | '；' | '：'))
        && s.chars().any(is_cjk)
}

fn is_furniture(s: &str) -> bool {
    s.starts_with('■') && s.chars().count() <= 12
}

/// `据《科技日报》`, `综合《每日经济新闻》《中国科技信息》`, `据科创板日报`, `综合`.
pub fn parse_source(s: &str) -> Option<Source> {
    let s = s.trim();
    let rest = s.strip_prefix('据').or_else(|| s.strip_prefix("综合"))?;
    if s.chars().count() > 30 || rest.contains(['。', '，']) {
        return None;
    }
    let mut outlets: Vec<String> = rest
        .split('《')
        .filter_map(|p| p.split_once('》').map(|(name, _)| name.trim().to_owned()))
        .filter(|n| !n.is_empty())
        .collect();
    if outlets.is_empty() && !rest.is_empty() && !rest.contains('《') {
        outlets.push(rest.trim().to_owned());
    }
    Some(Source {
        line: Some(s.to_owned()),
        outlets,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_wrapped_lines_without_spaces_in_cjk() {
        assert_eq!(
            join_lines(&["大模型是AI未来发展", "的重要方向"]),
            "大模型是AI未来发展的重要方向"
        );
        assert_eq!(join_lines(&["Stone", "Partners"]), "Stone Partners");
        assert_eq!(join_lines(&["Autopi-", "lot系统"]), "Autopilot系统");
        assert_eq!(join_lines(&["C-V2X", "技术"]), "C-V2X技术");
    }

    #[test]
    fn parses_source_lines() {
        let s = parse_source("综合《每日经济新闻》《中国科技信息》").unwrap();
        assert_eq!(s.outlets, vec!["每日经济新闻", "中国科技信息"]);
        assert_eq!(
            parse_source("据科创板日报").unwrap().outlets,
            vec!["科创板日报"]
        );
        assert!(parse_source("综合").unwrap().outlets.is_empty());
        assert!(parse_source("据统计，今年增长了三成。").is_none());
    }

    #[test]
    fn splits_titles_paragraphs_and_sources() {
        let page = "■TMT快报\n\n我国首次高压力纯氢管道试验成功\n\n记者日前获悉，\n我国首次高压力纯氢管道\n试验成功。\n\n这是第二段。\n\n据科创板日报\n\n特斯拉超级计算机或在7月投产\n\n特斯拉表示，\n将在7月投产。\n";
        let p = split(page);
        assert_eq!(p.furniture, vec!["■TMT快报"]);
        let titles: Vec<&str> = p.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(
            titles,
            vec![
                "我国首次高压力纯氢管道试验成功",
                "特斯拉超级计算机或在7月投产"
            ]
        );
        let first = &p.articles[0];
        assert_eq!(
            first.paragraphs[0].text,
            "记者日前获悉，我国首次高压力纯氢管道试验成功。"
        );
        assert_eq!(first.paragraphs[0].kind, ParagraphKind::Lead);
        assert_eq!(first.paragraphs[1].kind, ParagraphKind::Body);
        assert_eq!(first.source.line.as_deref(), Some("据科创板日报"));
        assert!(p.articles[1]
            .warnings
            .iter()
            .any(|w| w.contains("no source")));
    }

    #[test]
    fn text_without_titles_becomes_one_article() {
        let p = split("今天天气很好。我们去公园。\n\n第二段。");
        assert_eq!(p.articles.len(), 1);
        assert_eq!(p.articles[0].title, "今天天气很好。");
        assert_eq!(p.articles[0].paragraphs.len(), 2);
    }
}
