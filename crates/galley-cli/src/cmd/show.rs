//! `galley show ARTICLE`: one article with the ids the edit commands take.

use galley_core::model::Article;

use super::{out, Outcome};
use crate::Context;

/// Show an article: title, source, numbered paragraphs with their ids and roles, pull quotes.
#[derive(clap::Args)]
pub struct Args {
    article: i64,
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    out::show(&ctx.open()?.article(args.article)?, args.json, render)
}

pub fn render(a: &Article) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    let _ = writeln!(s, "article {}  {}", a.id, a.title);
    let _ = writeln!(
        s,
        "source: {}  [{}]  review: {}",
        a.source.line.as_deref().unwrap_or("-"),
        a.source.outlets.join(", "),
        a.review_state.as_str()
    );
    for p in &a.paragraphs {
        let _ = writeln!(s, "  ¶{} [{}] {}", p.id, p.kind.as_str(), p.text);
    }
    for q in &a.pull_quotes {
        let _ = writeln!(s, "  pull quote {}: {}", q.id, q.text);
    }
    s
}
