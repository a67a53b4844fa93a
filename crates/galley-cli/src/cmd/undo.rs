//! `galley undo` and `galley redo`: walk the change history (kept in the database).

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
    report(ctx.open()?.undo())
}

pub fn redo(ctx: &Context, _: RedoArgs) -> Outcome {
    report(ctx.open()?.redo())
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
