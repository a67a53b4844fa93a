//! `galley history`: who changed what, when (the audit log), newest first.

use galley_core::store::audit::Record;

use super::{out, Outcome};
use crate::Context;

/// Show the change history, newest first.
#[derive(clap::Args)]
pub struct Args {
    /// Only changes of this article.
    #[arg(long)]
    article: Option<i64>,
    #[arg(long, default_value_t = 50)]
    limit: i64,
    /// Print as JSON (with the recorded states before and after).
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let records = ctx.open()?.history(args.article, args.limit, args.json)?;
    out::show(&records, args.json, |rs| rs.iter().map(render).collect())
}

/// One line per change: id, time, who, what, the article, whether it was undone.
fn render(r: &Record) -> String {
    let state = r
        .undo_state
        .as_deref()
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    let target = r
        .article_id
        .map(|a| format!(" article {a}"))
        .unwrap_or_default();
    format!(
        "{}\t{}\t{}\t{}{target}{state}\n",
        r.id, r.at, r.actor, r.action
    )
}
