//! `galley topics`: the topic taxonomy (IPTC Media Topics and the desk's own subjects).

use galley_core::app::language::TaxonomyChange;
use galley_core::store::topics::Topic;
use galley_core::Error;

use super::{out, Outcome};
use crate::Context;

/// List and edit topics: add, rename, move, retire, trigger words.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    op: Op,
}

#[derive(clap::Subcommand)]
enum Op {
    /// List topics as a tree (retired ones marked).
    List {
        #[arg(long)]
        json: bool,
    },
    /// Add a topic.
    Add {
        code: String,
        #[arg(long)]
        zh: String,
        #[arg(long)]
        en: String,
        /// Parent topic code.
        #[arg(long)]
        parent: Option<String>,
        /// Trigger word, WORD or WORD:WEIGHT (repeatable).
        #[arg(long = "term", value_name = "WORD[:WEIGHT]")]
        terms: Vec<String>,
    },
    /// Change a topic's labels.
    Rename {
        code: String,
        #[arg(long)]
        zh: String,
        #[arg(long)]
        en: String,
    },
    /// Move a topic under another, or to the top.
    Move {
        code: String,
        #[arg(long, conflicts_with = "top", required_unless_present = "top")]
        parent: Option<String>,
        #[arg(long)]
        top: bool,
    },
    /// Retire a topic (kept on old annotations, no longer suggested); --restore undoes it.
    Retire {
        code: String,
        #[arg(long)]
        restore: bool,
    },
    /// Set a trigger word's weight (0 removes it).
    Term {
        code: String,
        word: String,
        weight: f64,
    },
}

fn parse_term(t: &str) -> galley_core::Result<(String, f64)> {
    match t.rsplit_once(':') {
        Some((w, n)) => n
            .parse::<f64>()
            .map(|n| (w.to_owned(), n))
            .map_err(|_| Error::Invalid(format!("bad weight in {t:?}"))),
        None => Ok((t.to_owned(), 1.0)),
    }
}

impl Op {
    /// The taxonomy change this asks for; `None` for `list`.
    fn change(self) -> galley_core::Result<Option<TaxonomyChange>> {
        Ok(Some(match self {
            Op::List { .. } => return Ok(None),
            Op::Add {
                code,
                zh,
                en,
                parent,
                terms,
            } => TaxonomyChange::Add {
                code,
                zh,
                en,
                parent,
                terms: terms
                    .iter()
                    .map(|t| parse_term(t))
                    .collect::<Result<_, _>>()?,
            },
            Op::Rename { code, zh, en } => TaxonomyChange::Rename { code, zh, en },
            Op::Move { code, parent, .. } => TaxonomyChange::Move { code, parent },
            Op::Retire { code, restore } => TaxonomyChange::Retire { code, restore },
            Op::Term { code, word, weight } => TaxonomyChange::Term { code, word, weight },
        }))
    }
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let mut ws = ctx.open()?;
    let json = matches!(args.op, Op::List { json: true });
    match args.op.change()? {
        None => out::show(&ws.topics()?, json, |t| render(t)),
        Some(change) => out::text(&changed(&ws.change_taxonomy(&change)?)),
    }
}

/// The topic as a change left it.
fn changed(t: &Topic) -> String {
    let retired = if t.retired_at.is_some() {
        " (retired)"
    } else {
        ""
    };
    format!("{} {} / {}{retired}\n", t.code, t.label_zh, t.label_en)
}

pub fn render(topics: &[Topic]) -> String {
    use std::fmt::Write;
    let mut s = String::new();
    fn walk(s: &mut String, topics: &[Topic], parent: Option<i64>, depth: usize) {
        for t in topics.iter().filter(|t| t.parent_id == parent) {
            let _ = writeln!(
                s,
                "{}{}\t{}\t{}{}\t[{}]",
                "  ".repeat(depth),
                t.code,
                t.label_zh,
                t.label_en,
                if t.retired_at.is_some() {
                    " (retired)"
                } else {
                    ""
                },
                t.terms
                    .iter()
                    .take(6)
                    .map(|(w, _)| w.as_str())
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            walk(s, topics, Some(t.id), depth + 1);
        }
    }
    walk(&mut s, topics, None, 0);
    s
}
