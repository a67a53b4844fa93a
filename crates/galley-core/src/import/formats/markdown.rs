//! Markdown digests: `#` lines are article titles, deeper headings are cross-heads, `>` blocks
//! are pull quotes, a `据…`/`综合…` paragraph is the source; wrapped lines are joined CJK-aware.

use super::explicit_article;
use crate::import::page::lines::{join, parse_source, Vocab};
use crate::model::{ParagraphDraft, ParagraphKind, ParsedDigest, Source};

/// `# 标题` (one to six `#`, a space, text).
pub fn is_title_line(line: &str) -> bool {
    heading_level(line).is_some()
}

fn heading_level(line: &str) -> Option<(usize, &str)> {
    let t = line.trim_start();
    let level = t.chars().take_while(|&c| c == '#').count();
    let rest = &t[level..];
    ((1..=6).contains(&level) && rest.starts_with([' ', '\t']) && !rest.trim().is_empty())
        .then(|| (level, rest.trim().trim_end_matches('#').trim()))
}

enum Block {
    Heading(usize, String),
    Para(Vec<String>),
    Quote(Vec<String>),
}

fn blocks(text: &str) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    let mut open = false;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || matches!(line, "---" | "***" | "___") {
            open = false;
            continue;
        }
        if let Some((level, title)) = heading_level(line) {
            out.push(Block::Heading(level, strip_emphasis(title)));
            open = false;
            continue;
        }
        if let Some(q) = line.strip_prefix('>') {
            match out.last_mut() {
                Some(Block::Quote(lines)) if open => lines.push(strip_emphasis(q.trim())),
                _ => out.push(Block::Quote(vec![strip_emphasis(q.trim())])),
            }
            open = true;
            continue;
        }
        let item = line
            .strip_prefix("- ")
            .or_else(|| line.strip_prefix("* "))
            .or_else(|| line.strip_prefix("+ "));
        let text = strip_emphasis(item.unwrap_or(line));
        match out.last_mut() {
            Some(Block::Para(lines)) if open && item.is_none() => lines.push(text),
            _ => out.push(Block::Para(vec![text])),
        }
        open = true;
    }
    out
}

/// Drops `**bold**` markers; `__` is left alone (it occurs inside words and code).
fn strip_emphasis(s: &str) -> String {
    s.replace("**", "")
}

/// Splits a Markdown digest into articles at its title headings.
pub fn parse(text: &str) -> ParsedDigest {
    let blocks = blocks(text);
    let title_level = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Heading(l, _) => Some(*l),
            _ => None,
        })
        .min();
    let vocab = Vocab::from_lines(blocks.iter().flat_map(|b| match b {
        Block::Para(l) | Block::Quote(l) => l.iter().map(String::as_str).collect::<Vec<_>>(),
        Block::Heading(..) => Vec::new(),
    }));

    struct Open {
        title: Option<String>,
        source: Source,
        paragraphs: Vec<ParagraphDraft>,
        quotes: Vec<String>,
    }
    let mut parsed = ParsedDigest::default();
    let mut current = Open {
        title: None,
        source: Source::default(),
        paragraphs: vec![],
        quotes: vec![],
    };
    let finish = |open: Open, parsed: &mut ParsedDigest| {
        if open.paragraphs.is_empty() && open.quotes.is_empty() && open.title.is_none() {
            return;
        }
        let mut warnings = Vec::new();
        let title = open.title.unwrap_or_else(|| {
            warnings.push("text before the first title: titled by its first sentence".to_owned());
            open.paragraphs
                .first()
                .map(|p| {
                    p.text
                        .split_inclusive(['。', '！', '？'])
                        .next()
                        .unwrap_or("")
                        .chars()
                        .take(40)
                        .collect()
                })
                .unwrap_or_default()
        });
        if open.paragraphs.is_empty() {
            parsed
                .warnings
                .push(format!("{title:?} has no text and was skipped"));
            return;
        }
        let mut a = explicit_article(title, open.source, open.paragraphs, open.quotes);
        if !warnings.is_empty() {
            a.confidence = 0.3;
            a.warnings.extend(warnings);
        }
        parsed.articles.push(a);
    };
    for block in blocks {
        match block {
            Block::Heading(level, title) if Some(level) == title_level => {
                let next = Open {
                    title: Some(title),
                    source: Source::default(),
                    paragraphs: vec![],
                    quotes: vec![],
                };
                finish(std::mem::replace(&mut current, next), &mut parsed);
            }
            Block::Heading(_, text) => {
                current.paragraphs.push(ParagraphDraft {
                    kind: ParagraphKind::Heading,
                    text,
                });
            }
            Block::Quote(lines) => {
                let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
                current.quotes.push(join(&refs, &vocab));
            }
            Block::Para(lines) => {
                let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
                let text = join(&refs, &vocab);
                match parse_source(&text) {
                    Some(source) if current.source.line.is_none() => current.source = source,
                    _ => current.paragraphs.push(ParagraphDraft {
                        kind: ParagraphKind::Body,
                        text,
                    }),
                }
            }
        }
    }
    finish(current, &mut parsed);
    parsed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_headings_quotes_sources_and_wrapped_lines() {
        let md = "# 我国首次高压力纯氢管道试验成功\n\n记者日前获悉，我国首次\n高压力纯氢管道试验\n成功。\n\n## 试验意义\n\n这是**第二段**，使用 Open\nAI 的说法不变。\n\n> 纯氢管道试验成功。\n\n据科创板日报\n\n# 特斯拉“超级计算机”或在7月正式投产\n\n- 第一点。\n- 第二点。\n";
        let p = parse(md);
        assert_eq!(p.articles.len(), 2);
        let a = &p.articles[0];
        assert_eq!(a.title, "我国首次高压力纯氢管道试验成功");
        assert_eq!(a.paragraphs[0].kind, ParagraphKind::Lead);
        assert_eq!(
            a.paragraphs[0].text,
            "记者日前获悉，我国首次高压力纯氢管道试验成功。"
        );
        assert_eq!(a.paragraphs[1].kind, ParagraphKind::Heading);
        assert_eq!(a.paragraphs[1].text, "试验意义");
        assert_eq!(
            a.paragraphs[2].text,
            "这是第二段，使用 Open AI 的说法不变。"
        );
        assert_eq!(a.pull_quotes, vec!["纯氢管道试验成功。"]);
        assert_eq!(a.source.outlets, vec!["科创板日报"]);
        assert_eq!(a.confidence, 1.0);
        let b = &p.articles[1];
        assert_eq!(
            b.paragraphs
                .iter()
                .map(|p| p.text.as_str())
                .collect::<Vec<_>>(),
            vec!["第一点。", "第二点。"]
        );
        assert!(b.warnings.iter().any(|w| w.contains("no source")));
    }

    #[test]
    fn second_level_titles_when_there_is_no_first_level_and_text_before_titles_is_kept() {
        let p =
            parse("开头的一段话。还有一句。\n\n## 标题一\n\n正文一。\n\n## 标题二\n\n正文二。\n");
        let titles: Vec<&str> = p.articles.iter().map(|a| a.title.as_str()).collect();
        assert_eq!(titles, vec!["开头的一段话。", "标题一", "标题二"]);
        assert!(p.articles[0].confidence < 0.5);
        assert!(!is_title_line("#话题标签"));
        assert!(is_title_line("## 标题"));
    }
}
