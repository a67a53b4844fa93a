//! `galley list`: digests and their articles, one line each.

use galley_core::app::Listing;

use super::{out, Outcome};
use crate::Context;

/// List digests and their articles.
#[derive(clap::Args)]
pub struct Args {
    /// Print as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    out::show(&ctx.open()?.listing()?, args.json, |l| render(l))
}

pub fn render(listing: &[Listing]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    if listing.is_empty() {
        s.push_str("no digests yet: galley import FILE\n");
    }
    for l in listing {
        let d = &l.digest;
        let _ = writeln!(
            s,
            "digest {}\t{}\t{}\t{} articles\timported {}",
            d.id,
            d.date.map_or_else(|| "-".to_owned(), |d| d.to_string()),
            d.name,
            d.article_count,
            d.imported_at
        );
        for a in &l.articles {
            let _ = writeln!(
                s,
                "  article {}\t{}\t{}\t{} paragraphs\t{}",
                a.id,
                a.review_state.as_str(),
                a.title,
                a.paragraph_count,
                a.source_line.as_deref().unwrap_or("-")
            );
        }
    }
    s
}
