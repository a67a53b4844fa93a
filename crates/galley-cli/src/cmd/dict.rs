//! `galley dict`: the user dictionary (words jieba should keep whole: 车路云, 萝卜快跑, 堵俊平).

use galley_core::store::user_terms::UserTerm;

use super::{out, Outcome};
use crate::Context;

/// Manage the user dictionary applied to segmentation, search and suggestions.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    op: Op,
}

#[derive(clap::Subcommand)]
enum Op {
    /// Add a word; the articles containing it are re-segmented.
    Add {
        word: String,
        /// POS tag: nr person, nt organisation, ns place, nz other name, n noun.
        #[arg(long)]
        tag: Option<String>,
    },
    /// Remove a word.
    Remove { word: String },
    /// List the words.
    List {
        #[arg(long)]
        json: bool,
    },
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let mut ws = ctx.open()?;
    match args.op {
        Op::Add { word, tag } => {
            let added = ws.add_word(&word, tag.as_deref())?;
            let tag = added.tag.as_deref().unwrap_or("-");
            let line = format!(
                "added {} ({tag}); re-segmented {} article(s)",
                added.word, added.resegmented
            );
            println!("{}", out::escape(&line));
        }
        Op::Remove { word } => {
            let removed = ws.remove_word(&word)?;
            let line = format!(
                "removed {}; re-segmented {} article(s)",
                removed.word, removed.resegmented
            );
            println!("{}", out::escape(&line));
        }
        Op::List { json: true } => out::json(&ws.words()?)?,
        Op::List { json: false } => print!("{}", out::escape(&render(&ws.words()?))),
    }
    Ok(())
}

pub fn render(terms: &[UserTerm]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    for t in terms {
        let _ = writeln!(
            s,
            "{}\t{}\t{}\t{}",
            t.word,
            t.tag.as_deref().unwrap_or("-"),
            t.added_by,
            t.added_at
        );
    }
    s
}
