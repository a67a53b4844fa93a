//! `galley annotate …`: an editor's annotations from the command line, each undoable.

use galley_core::annotate::Annotation;
use galley_core::edit::Edit;
use galley_core::model::{ReviewState, SentimentLabel};
use galley_core::Workspace;

use super::{edit::render, Outcome};
use crate::Context;

/// Annotate an article: topics, sentiment, claims (by quoting them), notes, review state.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    op: Op,
}

#[derive(clap::Subcommand)]
enum Op {
    /// Give ARTICLE the topic CODE (accepted at once).
    Topic { article: i64, code: String },
    /// Take the topic CODE off ARTICLE.
    RemoveTopic { article: i64, code: String },
    /// Set ARTICLE's sentiment: positive, neutral, negative or mixed.
    Sentiment { article: i64, label: SentimentLabel },
    /// Mark a claim in ARTICLE: the passage TEXT (its first occurrence), or a paragraph and
    /// code-point offsets.
    Claim {
        article: i64,
        /// The passage, quoted exactly.
        #[arg(required_unless_present = "paragraph")]
        text: Option<String>,
        /// The paragraph (with --start and --end instead of TEXT).
        #[arg(long, requires_all = ["start", "end"], conflicts_with = "text")]
        paragraph: Option<i64>,
        /// First code point.
        #[arg(long)]
        start: Option<i64>,
        /// One past the last code point.
        #[arg(long)]
        end: Option<i64>,
    },
    /// Delete CLAIM.
    DeleteClaim { claim: i64 },
    /// Add a note to ARTICLE.
    Note { article: i64, body: String },
    /// Move ARTICLE to a review state: new, annotated, in_review, approved.
    State { article: i64, state: ReviewState },
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let mut ws = ctx.open()?;
    let change = match action(&ws, args.op)? {
        Action::Annotate(a) => ws.annotate(&a)?,
        Action::Fix(e) => ws.fix(&e)?,
    };
    println!("{}", render(&change));
    Ok(())
}

/// A review state is a fix-up of the article; everything else an annotation.
enum Action {
    Annotate(Annotation),
    Fix(Edit),
}

fn action(ws: &Workspace, op: Op) -> galley_core::Result<Action> {
    if let Op::State { article, state } = op {
        return Ok(Action::Fix(Edit::SetReviewState {
            article_id: article,
            state,
        }));
    }
    Ok(Action::Annotate(match op {
        Op::Topic { article, code } => Annotation::AddTopic {
            article_id: article,
            code,
        },
        Op::RemoveTopic { article, code } => Annotation::RemoveTopic {
            article_id: article,
            topic_id: ws.topic_id(&code)?,
        },
        Op::Sentiment { article, label } => Annotation::SetSentiment {
            article_id: article,
            label,
        },
        Op::Claim {
            article,
            text: Some(text),
            ..
        } => {
            let span = ws.find_span(article, &text)?;
            Annotation::AddClaim {
                paragraph_id: span.paragraph_id,
                start: span.start,
                end: span.end,
            }
        }
        Op::Claim {
            paragraph,
            start,
            end,
            ..
        } => Annotation::AddClaim {
            paragraph_id: paragraph.unwrap_or_default(),
            start: start.unwrap_or_default(),
            end: end.unwrap_or_default(),
        },
        Op::DeleteClaim { claim } => Annotation::DeleteClaim { claim_id: claim },
        Op::Note { article, body } => Annotation::AddNote {
            article_id: article,
            body,
        },
        Op::State { .. } => return Err(galley_core::Error::Invalid("not an annotation".into())),
    }))
}
