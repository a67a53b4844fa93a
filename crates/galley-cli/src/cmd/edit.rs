//! `galley edit …`: fix-ups of an imported digest, each undoable with `galley undo`.

use galley_core::edit::{Change, Edit, Role};

use super::Outcome;
use crate::Context;

/// Fix an imported digest: merge, split, move, change roles, edit titles and sources.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    op: Op,
}

#[derive(clap::Subcommand)]
enum Op {
    /// Append article FROM to article INTO and remove FROM.
    Merge { into: i64, from: i64 },
    /// Start a new article at PARAGRAPH (it and the paragraphs after it move).
    Split {
        paragraph: i64,
        /// Title of the new article [default: its first sentence]
        #[arg(long)]
        title: Option<String>,
    },
    /// Move PARAGRAPH to another article.
    Move {
        paragraph: i64,
        /// The article to move it to.
        #[arg(long = "to", value_name = "ARTICLE")]
        to: i64,
        /// 0-based position there [default: the end]
        #[arg(long)]
        position: Option<i64>,
    },
    /// Move lines of DIGEST's original page text (numbered as the window's page view shows
    /// them) out of their paragraphs: to ARTICLE in reading order, or to the furniture.
    Lines {
        digest: i64,
        /// Line numbers, from 1.
        #[arg(required = true)]
        lines: Vec<usize>,
        /// The article they move to [default: the page furniture]
        #[arg(long = "to", value_name = "ARTICLE")]
        to: Option<i64>,
    },
    /// Make LINE of DIGEST's original page text a title: a new article starts there.
    TitleLine { digest: i64, line: usize },
    /// Change a paragraph's role.
    Role {
        paragraph: i64,
        #[arg(value_enum)]
        role: RoleArg,
    },
    /// Set an article's title.
    Title { article: i64, title: String },
    /// Set an article's source line (e.g. 据《科技日报》); without LINE, remove it.
    Source { article: i64, line: Option<String> },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum RoleArg {
    Lead,
    Body,
    Heading,
    PullQuote,
    Furniture,
    /// Start a new article with this paragraph as its title.
    Title,
}

impl From<RoleArg> for Role {
    fn from(r: RoleArg) -> Role {
        match r {
            RoleArg::Lead => Role::Lead,
            RoleArg::Body => Role::Body,
            RoleArg::Heading => Role::Heading,
            RoleArg::PullQuote => Role::PullQuote,
            RoleArg::Furniture => Role::Furniture,
            RoleArg::Title => Role::Title,
        }
    }
}

impl From<Op> for Edit {
    fn from(op: Op) -> Edit {
        match op {
            Op::Merge { into, from } => Edit::Merge { into, from },
            Op::Split { paragraph, title } => Edit::Split {
                paragraph_id: paragraph,
                title,
            },
            Op::Move {
                paragraph,
                to,
                position,
            } => Edit::MoveParagraph {
                paragraph_id: paragraph,
                to_article: to,
                position,
            },
            Op::Lines { digest, lines, to } => Edit::MoveLines {
                digest_id: digest,
                lines,
                to_article: to,
            },
            Op::TitleLine { digest, line } => Edit::TitleAtLine {
                digest_id: digest,
                line,
            },
            Op::Role { paragraph, role } => Edit::SetRole {
                paragraph_id: paragraph,
                role: role.into(),
            },
            Op::Title { article, title } => Edit::SetTitle {
                article_id: article,
                title,
            },
            Op::Source { article, line } => Edit::SetSource {
                article_id: article,
                line,
            },
        }
    }
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let change = ctx.open()?.fix(&args.op.into())?;
    println!("{}", render(&change));
    Ok(())
}

pub fn render(c: &Change) -> String {
    let article = c
        .article_id
        .map(|a| format!(", article {a}"))
        .unwrap_or_default();
    format!(
        "{} (digest {}{article}; change {})",
        c.action, c.digest_id, c.audit_id
    )
}
