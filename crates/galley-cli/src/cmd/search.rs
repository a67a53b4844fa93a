//! `galley search WORDS`: find articles by their words (segmented like the index), filtered.

use galley_core::model::{ClaimStatus, ReviewState, SentimentLabel};
use galley_core::store::browse::{ArticleFilter, ArticlePage};

use super::{out, Outcome};
use crate::Context;

/// Find articles: every word must occur (Chinese is segmented with jieba, like the index).
/// Filters narrow the list; with no words, the filters alone list articles.
#[derive(clap::Args)]
pub struct Args {
    /// Words to find.
    words: Vec<String>,
    /// Only this digest.
    #[arg(long, value_name = "ID")]
    digest: Option<i64>,
    /// Only articles in this review state (new, annotated, in_review, approved).
    #[arg(long, value_name = "STATE")]
    review_state: Option<ReviewState>,
    /// Only articles with this topic (accepted or suggested), e.g. desk:energy.
    #[arg(long, value_name = "CODE")]
    topic: Option<String>,
    /// Only articles with this sentiment (positive, neutral, negative, mixed).
    #[arg(long, value_name = "LABEL")]
    sentiment: Option<SentimentLabel>,
    /// Only articles with a claim in this status.
    #[arg(long, value_name = "STATUS")]
    claim_status: Option<ClaimStatus>,
    /// How many to list.
    #[arg(long, default_value_t = 50)]
    limit: i64,
    /// How many matches to skip first.
    #[arg(long, default_value_t = 0)]
    offset: i64,
    /// Print as JSON: {total, offset, items, terms}.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let words = args.words.join(" ");
    let filter = ArticleFilter {
        digest_id: args.digest,
        review_state: args.review_state,
        topic: args.topic,
        sentiment: args.sentiment,
        claim_status: args.claim_status,
        text: Some(words).filter(|w| !w.trim().is_empty()),
    };
    let page = ctx.open()?.browse(&filter, args.offset, args.limit)?;
    out::show(&page, args.json, render)
}

pub fn render(page: &ArticlePage) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let shown = page.items.len() as i64;
    let _ = writeln!(
        s,
        "{} matching article(s){}",
        page.total,
        match shown < page.total {
            true => format!(", showing {}–{}", page.offset + 1, page.offset + shown),
            false => String::new(),
        }
    );
    for a in &page.items {
        let _ = writeln!(
            s,
            "  article {}\t{}\t{}\t{}\t{} claim(s)",
            a.id,
            a.digest_name,
            a.review_state.as_str(),
            a.title,
            a.claims
        );
    }
    s
}
