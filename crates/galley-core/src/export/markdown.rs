//! The annotated digest as a readable Markdown document for circulation: per digest a heading,
//! per article its title, source, topics, sentiment, review state, text, pull quotes and the
//! claims with their verdicts and evidence. Text from the database is escaped so it is shown
//! as written, never read as Markdown.

use std::io::Write;

use rusqlite::Connection;

use super::{Filter, FullArticle, Selection};
use crate::model::web_address::is_web_address;
use crate::model::{Digest, ParagraphKind, SuggestionStatus};
use crate::Result;

/// Escapes Markdown syntax in one line of text.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, ch) in text.chars().enumerate() {
        match ch {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(ch);
            }
            '\n' | '\r' => out.push(' '),
            '-' | '+' | '=' | '~' if i == 0 => {
                out.push('\\');
                out.push(ch);
            }
            _ => out.push(ch),
        }
    }
    // "1. " at the start would become a list.
    if let Some(dot) = out.find(". ") {
        if dot > 0 && out[..dot].bytes().all(|b| b.is_ascii_digit()) {
            out.insert(dot, '\\');
        }
    }
    out
}

/// An evidence URL: an autolink for an http(s) address, escaped text for anything else (a
/// `javascript:` URL from an old database is shown, never linked).
fn link(url: &str) -> String {
    if is_web_address(url) {
        format!("<{url}>")
    } else {
        escape(&url.replace(':', "\u{FF1A}"))
    }
}

fn digest_heading(d: &Digest) -> String {
    let mut s = format!("## {}", escape(&d.name));
    if let Some(date) = &d.date {
        s.push_str(&format!("（{date}）"));
    }
    s.push_str("\n\n");
    s
}

/// One article as Markdown.
pub fn article(number: usize, f: &FullArticle) -> String {
    let a = &f.article;
    let n = &f.annotations;
    let mut s = format!("### {number}. {}\n\n", escape(&a.title));
    let mut meta = Vec::new();
    if let Some(line) = &a.source.line {
        meta.push(format!("来源：{}", escape(line)));
    }
    let topics: Vec<String> = n
        .topics
        .iter()
        .filter(|t| t.status != SuggestionStatus::Rejected)
        .map(|t| {
            let mark = if t.status == SuggestionStatus::Suggested {
                "（建议）"
            } else {
                ""
            };
            format!("{}{mark}", escape(&t.label_zh))
        })
        .collect();
    if !topics.is_empty() {
        meta.push(format!("话题：{}", topics.join("、")));
    }
    if let Some(sent) = &n.sentiment {
        meta.push(format!("情感：{}（{:+.2}）", sent.label.zh(), sent.score));
    }
    meta.push(format!("审核：{}", a.review_state.zh()));
    s.push_str(&format!("*{}*\n\n", meta.join(" · ")));
    for p in &a.paragraphs {
        match p.kind {
            ParagraphKind::Heading => s.push_str(&format!("#### {}\n\n", escape(&p.text))),
            _ => s.push_str(&format!("{}\n\n", escape(&p.text))),
        }
    }
    for q in &a.pull_quotes {
        s.push_str(&format!("> {}\n\n", escape(&q.text)));
    }
    if !n.claims.is_empty() {
        s.push_str("**核查**\n\n");
        for c in &n.claims {
            let mut verdict = c.status.zh().to_owned();
            if let Some(r) = c.rating.as_deref().filter(|r| *r != verdict) {
                verdict = format!("{verdict}：{}", escape(r));
            }
            if let Some(v) = c.rating_value {
                verdict.push_str(&format!("（{v}/5）"));
            }
            let mut line = format!("- 「{}」 — **{verdict}**", escape(&c.text));
            if let Some(r) = &c.reviewer {
                line.push_str(&format!(" · 核查人 {}", escape(r)));
            }
            if let Some(at) = &c.reviewed_at {
                line.push_str(&format!(" · {}", at.get(..10).unwrap_or(at)));
            }
            s.push_str(&line);
            s.push('\n');
            for e in &c.evidence {
                let mut parts = Vec::new();
                if let Some(u) = &e.url {
                    parts.push(link(u));
                }
                for t in [&e.quote, &e.note].into_iter().flatten() {
                    parts.push(escape(t));
                }
                s.push_str(&format!("  - 证据：{}\n", parts.join(" — ")));
            }
            for note in &c.notes {
                s.push_str(&format!(
                    "  - 备注（{}）：{}\n",
                    escape(&note.author),
                    escape(&note.body)
                ));
            }
        }
        s.push('\n');
    }
    if !n.suggested_claims.is_empty() {
        s.push_str("**建议核查**（稿台 Galley 建议，尚未决定）\n\n");
        for c in &n.suggested_claims {
            s.push_str(&format!("- 「{}」（{:.2}）\n", escape(&c.text), c.score));
        }
        s.push('\n');
    }
    for note in &n.notes {
        s.push_str(&format!(
            "> 备注（{}）：{}\n\n",
            escape(&note.author),
            escape(&note.body)
        ));
    }
    s
}

/// Writes the selection as one Markdown document.
pub fn write(conn: &Connection, sel: &Selection, filter: &Filter, w: &mut dyn Write) -> Result<()> {
    w.write_all("# 稿台导出 Galley export\n\n".as_bytes())
        .map_err(super::io)?;
    for (d, ids) in &sel.digests {
        w.write_all(digest_heading(d).as_bytes())
            .map_err(super::io)?;
        let mut number = 0;
        sel.for_each_article(conn, ids, filter, |f| {
            number += 1;
            w.write_all(article(number, &f).as_bytes())
                .map_err(super::io)
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testdata::annotated_store;
    use super::super::{write as export, Format, Request};
    use super::*;

    #[test]
    fn escapes_markdown() {
        assert_eq!(escape("# 标题"), "\\# 标题");
        assert_eq!(escape("a*b*_c_"), "a\\*b\\*\\_c\\_");
        assert_eq!(escape("1. 第一"), "1\\. 第一");
        assert_eq!(escape("-不实"), "\\-不实");
        assert_eq!(escape("两行\n文字"), "两行 文字");
        assert_eq!(escape("吉𠮷😀"), "吉𠮷😀");
    }

    #[test]
    fn the_digest_reads_as_markdown() {
        let store = annotated_store();
        let mut buf = Vec::new();
        export(&store, &Request::new(Format::Markdown), &mut buf).unwrap();
        let md = String::from_utf8(buf).unwrap();
        assert!(md.starts_with("# 稿台导出"));
        assert!(md.contains("## tricky（2024-01-15）"), "{md}");
        assert!(md.contains("话题：能源与氢能、科学与技术（建议）"));
        assert!(md.contains("情感：正面（+0.60）"));
        assert!(md.contains("审核：已通过"));
        assert!(md.contains("「野家😀说」 — **不实：\\-不实,\"误导\"（1/5）** · 核查人 @王编辑"));
        assert!(md.contains("  - 证据：<https://example.org/report> — 官方通报"));
        assert!(md.contains("**属实（5/5）**"));
        assert!(md.contains("### 1. \\=HYPERLINK"));
        assert!(md.contains("> 备注（王编辑）：整篇可用"));
    }

    /// An old database may hold `javascript:` and `data:` evidence links: no output links them.
    #[test]
    fn non_web_evidence_links_are_never_linked() {
        let store = annotated_store();
        store
            .conn()
            .execute_batch(
                "UPDATE evidence SET url = 'javascript:alert(1)' WHERE rowid % 2 = 0;
                 UPDATE evidence SET url = 'data:text/html,<script>alert(1)</script>'
                   WHERE rowid % 2 = 1;",
            )
            .unwrap();
        for format in [Format::Markdown, Format::Claimreview, Format::Webannotation] {
            let mut buf = Vec::new();
            export(&store, &Request::new(format), &mut buf).unwrap();
            let out = String::from_utf8(buf).unwrap();
            for bad in [
                "<javascript:",
                "<data:",
                "](javascript",
                "\"javascript:",
                "\"data:",
            ] {
                assert!(!out.contains(bad), "{format:?} has {bad}: {out}");
            }
        }
    }
}
