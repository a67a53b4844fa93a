//! `galley suggest`: run the language suggestion pass (keywords, topics, sentiment, check-worthy
//! claims, entities) and store the results as suggestions for the editor.

use galley_core::app::language::Scope;
use galley_core::language::suggest::ArticleSuggestions;

use super::{out, Outcome};
use crate::Context;

/// Suggest keywords, topics, sentiment, claims and entities; stored as suggestions, never accepted.
#[derive(clap::Args)]
pub struct Args {
    /// Only this article.
    #[arg(long, value_name = "ID", conflicts_with = "digest")]
    article: Option<i64>,
    /// Only this digest [default: every digest].
    #[arg(long, value_name = "ID")]
    digest: Option<i64>,
    /// Print as JSON: {"articles": [{"id", "title", "keywords", "topics", "sentiment", "claims", "entities"}]}.
    #[arg(long)]
    json: bool,
}

#[derive(serde::Serialize)]
pub struct Report {
    pub articles: Vec<ArticleSuggestions>,
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let scope = match (args.article, args.digest) {
        (Some(a), _) => Scope::Article(a),
        (None, Some(d)) => Scope::Digest(d),
        (None, None) => Scope::All,
    };
    let mut meter = ctx.meter();
    let articles = ctx.open()?.suggest_reporting(scope, |p| {
        meter.step(p);
        meter.drafted(p);
    })?;
    meter.finish();
    let report = Report { articles };
    out::show(&report, args.json, render)
}

pub fn render(r: &Report) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    if r.articles.is_empty() {
        s.push_str("no articles: galley import FILE\n");
    }
    for a in &r.articles {
        let _ = writeln!(s, "article {}  {}", a.id, a.title);
        let _ = writeln!(s, "  keywords: {}", a.keywords.join(" "));
        for t in &a.topics {
            let _ = writeln!(
                s,
                "  topic {:.2} {} {} / {}  ({})",
                t.score,
                t.code,
                t.label_zh,
                t.label_en,
                t.reasons.join(", ")
            );
        }
        let _ = writeln!(
            s,
            "  sentiment: {} {:+.2}  ({})",
            a.sentiment.label.as_str(),
            a.sentiment.score,
            a.sentiment.reasons.join("; ")
        );
        for c in &a.claims {
            let _ = writeln!(
                s,
                "  claim {:.2} ¶{} [{}..{}] {}",
                c.score, c.paragraph, c.start, c.end, c.text
            );
            let _ = writeln!(s, "      why: {}", c.reasons.join("; "));
            for f in &c.consistency {
                let status = serde_json::to_value(f.status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                let _ = writeln!(s, "      {} {}: {}", f.check, status, f.detail);
            }
        }
        let people: Vec<String> = a
            .entities
            .iter()
            .map(|e| format!("{}({})", e.text, e.kind.as_str()))
            .collect();
        let _ = writeln!(s, "  entities: {}", people.join(" "));
    }
    s
}
