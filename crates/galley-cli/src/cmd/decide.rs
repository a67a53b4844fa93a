//! `galley accept …` and `galley reject …`: decide on suggestions, one or in bulk.

use galley_core::app::review::{BulkDecision, Decided, SuggestionKind};

use super::{edit::render, out, Outcome};
use crate::Context;

/// Accept suggestions: one by id, or every pending one in a scope above a score.
#[derive(clap::Args)]
pub struct AcceptArgs {
    #[command(flatten)]
    args: Args,
}

/// Reject suggestions: one by id, or every pending one in a scope above a score.
#[derive(clap::Args)]
pub struct RejectArgs {
    #[command(flatten)]
    args: Args,
}

#[derive(clap::Args)]
struct Args {
    /// What kind of suggestion.
    #[arg(value_enum)]
    kind: Kind,
    /// One suggestion: a claim suggestion's or a sentiment's id, or a topic's id (with
    /// --article). Without it, every pending suggestion in the scope.
    id: Option<i64>,
    /// Only this article's suggestions.
    #[arg(long, value_name = "ID")]
    article: Option<i64>,
    /// Only this digest's suggestions.
    #[arg(long, value_name = "ID", conflicts_with = "article")]
    digest: Option<i64>,
    /// Only suggestions scored at least this (topics and claims 0–1; sentiment by strength).
    #[arg(long, value_name = "SCORE")]
    min_score: Option<f64>,
    /// Topics: only this topic code.
    #[arg(long, value_name = "CODE")]
    code: Option<String>,
    /// Print what was decided as JSON.
    #[arg(long)]
    json: bool,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum Kind {
    Topic,
    Sentiment,
    Claim,
}

impl From<Kind> for SuggestionKind {
    fn from(k: Kind) -> SuggestionKind {
        match k {
            Kind::Topic => SuggestionKind::Topic,
            Kind::Sentiment => SuggestionKind::Sentiment,
            Kind::Claim => SuggestionKind::Claim,
        }
    }
}

pub fn accept(ctx: &Context, a: AcceptArgs) -> Outcome {
    run(ctx, a.args, true)
}

pub fn reject(ctx: &Context, a: RejectArgs) -> Outcome {
    run(ctx, a.args, false)
}

fn run(ctx: &Context, args: Args, accept: bool) -> Outcome {
    let mut ws = ctx.open()?;
    if let Some(id) = args.id {
        let change = ws.decide(args.kind.into(), id, args.article, accept)?;
        println!("{}", render(&change));
        return Ok(());
    }
    let decided = ws.decide_all(&bulk(&args, accept))?;
    out::show(&decided, args.json, |d| render_all(d, accept))
}

fn bulk(args: &Args, accept: bool) -> BulkDecision {
    BulkDecision {
        kind: args.kind.into(),
        accept,
        digest_id: args.digest,
        article_id: args.article,
        min_score: args.min_score,
        code: args.code.clone(),
    }
}

fn render_all(decided: &[Decided], accept: bool) -> String {
    use std::fmt::Write;
    let verb = if accept { "accepted" } else { "rejected" };
    let mut s = String::new();
    for d in decided {
        let score = d.score.map(|x| format!(" {x:.2}")).unwrap_or_default();
        let _ = writeln!(s, "{verb}{score}\tarticle {}\t{}", d.article_id, d.what);
    }
    let _ = writeln!(s, "{} suggestion(s) {verb}", decided.len());
    s
}
