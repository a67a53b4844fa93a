//! `galley dict`: the user dictionary (words jieba should keep whole: 车路云, 萝卜快跑, 堵俊平).

use galley_core::language::dictionary;
use galley_core::store::user_terms::{self, UserTerm};
use galley_core::Error;

use super::Outcome;
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
    let mut store = ctx.open()?;
    match args.op {
        Op::Add { word, tag } => {
            let mut jieba = dictionary::segmenter(store.conn())?;
            let added = store.write(|tx| {
                dictionary::add_term(tx, &mut jieba, &ctx.user, &word, tag.as_deref())
            })?;
            println!(
                "added {} ({}); re-segmented {} article(s)",
                added.term.word,
                added.term.tag.as_deref().unwrap_or("-"),
                added.resegmented.len()
            );
        }
        Op::Remove { word } => {
            // Build the segmenter without the word, then re-segment with it.
            let affected = store.write(|tx| {
                let mut terms = user_terms::list(tx)?;
                terms.retain(|t| t.word != word);
                let mut jieba = galley_core::language::segmenter();
                dictionary::apply(&mut jieba, &terms);
                dictionary::remove_term(tx, &jieba, &ctx.user, &word)
            })?;
            println!("removed {word}; re-segmented {} article(s)", affected.len());
        }
        Op::List { json } => {
            let terms = user_terms::list(store.conn())?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&terms).map_err(Error::from)?
                );
            } else {
                print!("{}", render(&terms));
            }
        }
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
