//! `galley undo` and `galley redo`: walk the change history (kept in the database).

use galley_core::edit::history;
use galley_core::Error;

use super::Outcome;
use crate::Context;

/// Undo the last change (fix-ups and annotations), even after a restart.
#[derive(clap::Args)]
pub struct UndoArgs {}

/// Redo the change undone last.
#[derive(clap::Args)]
pub struct RedoArgs {}

pub fn undo(ctx: &Context, _: UndoArgs) -> Outcome {
    let mut store = ctx.open()?;
    let jieba = galley_core::language::dictionary::segmenter(store.conn())?;
    report(history::undo(&mut store, &jieba, &ctx.user))
}

pub fn redo(ctx: &Context, _: RedoArgs) -> Outcome {
    let mut store = ctx.open()?;
    let jieba = galley_core::language::dictionary::segmenter(store.conn())?;
    report(history::redo(&mut store, &jieba, &ctx.user))
}

fn report(result: galley_core::Result<galley_core::edit::Change>) -> Outcome {
    match result {
        Ok(change) => println!("{}", super::edit::render(&change)),
        // Nothing to undo is an answer, not a failure.
        Err(e @ Error::NothingTo(_)) => println!("{e}"),
        Err(e) => return Err(e.into()),
    }
    Ok(())
}
