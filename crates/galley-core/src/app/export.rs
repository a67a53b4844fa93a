//! Exporting the annotated digests in any of the formats.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::Workspace;
use crate::export::{self, Request};
use crate::Result;

/// Where an export goes.
pub enum Target<'a> {
    /// One stream (for CSV, the request's table).
    Stream(&'a mut dyn Write),
    /// One file, written atomically.
    File(&'a Path),
    /// A folder (CSV only): `articles.csv` and `claims.csv`, each written atomically.
    Folder(&'a Path),
    /// A file, or for CSV an existing folder: whichever `path` is.
    Path(&'a Path),
}

impl Workspace {
    /// Writes the export. A filter that matches nothing is an error and writes nothing.
    /// Returns the files written (none for a stream).
    pub fn export(&self, req: &Request, target: Target<'_>) -> Result<Vec<PathBuf>> {
        match target {
            Target::Stream(w) => export::write(&self.store, req, w).map(|()| Vec::new()),
            Target::File(p) => export::to_file(&self.store, req, p),
            Target::Folder(p) => export::to_folder(&self.store, req, p),
            Target::Path(p) if p.is_dir() => export::to_folder(&self.store, req, p),
            Target::Path(p) => export::to_file(&self.store, req, p),
        }
    }
}
