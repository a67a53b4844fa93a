//! `galley backup FILE`: a consistent copy of the database, taken while it is in use.

use std::path::PathBuf;

use super::{out, Outcome};
use crate::Context;

/// Copy the database to FILE while Galley (or `galley serve`) keeps using it.
#[derive(clap::Args)]
pub struct Args {
    /// Where to write the copy (replaced atomically if it exists).
    file: PathBuf,
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    ctx.open()?.backup(&args.file)?;
    out::text(&format!("backed up to {}\n", args.file.display()))
}
