//! `galley export`: the annotated digests as a file, or on standard output.

use std::io::Write;
use std::path::{Path, PathBuf};

use galley_core::export::{json, Filter};
use galley_core::Error;

use super::Outcome;
use crate::Context;

#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Format {
    /// The galley.export/1 JSON document.
    Json,
}

/// Export digests with their articles and annotations.
#[derive(clap::Args)]
pub struct Args {
    #[arg(long, value_enum, default_value = "json")]
    format: Format,
    /// Write to this file (atomically: a failed export leaves no partial file) [default: stdout]
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Only this digest (repeatable).
    #[arg(long = "digest", value_name = "ID")]
    digests: Vec<i64>,
}

pub fn run(ctx: &Context, args: Args) -> Outcome {
    let store = ctx.open()?;
    let filter = Filter {
        digest_ids: args.digests,
    };
    let write = |w: &mut dyn Write| match args.format {
        Format::Json => json::write(&store, &filter, w),
    };
    match &args.out {
        Some(path) => write_atomically(path, write)?,
        None => {
            let stdout = std::io::stdout();
            let mut lock = stdout.lock();
            write(&mut lock)?;
        }
    }
    Ok(())
}

/// Writes to a temporary file beside `path`, then renames it into place.
fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> galley_core::Result<()>,
) -> galley_core::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let werr = |source| Error::Write {
        path: path.to_owned(),
        source,
    };
    let mut tmp = tempfile::NamedTempFile::new_in(dir).map_err(werr)?;
    {
        let mut buf = std::io::BufWriter::new(tmp.as_file_mut());
        write(&mut buf)?;
        buf.flush().map_err(werr)?;
    }
    tmp.persist(path).map_err(|e| werr(e.error))?;
    Ok(())
}
