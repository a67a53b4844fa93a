//! `galley dict`: the user dictionary (words jieba should keep whole: 车路云, 萝卜快跑, 堵俊平).

use galley_core::app::language::WordChange;
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
        Op::Add { word, tag } => out::text(&changed("added", &ws.add_word(&word, tag.as_deref())?)),
        Op::Remove { word } => out::text(&changed("removed", &ws.remove_word(&word)?)),
        Op::List { json } => out::show(&ws.words()?, json, |t| render(t)),
    }
}

fn changed(verb: &str, c: &WordChange) -> String {
    let tag = c
        .tag
        .as_deref()
        .map(|t| format!(" ({t})"))
        .unwrap_or_default();
    format!(
        "{verb} {}{tag}; re-segmented {} article(s)\n",
        c.word, c.resegmented
    )
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
