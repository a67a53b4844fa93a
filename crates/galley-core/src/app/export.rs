//! Exporting the annotated digests in any of the formats.

use std::io::Write;
use std::path::{Path, PathBuf};

use super::progress::{Progress, Stage};
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
        self.export_reporting(req, target, |_| {})
    }

    /// [`Workspace::export`], telling `progress` of the articles written.
    pub fn export_reporting(
        &self,
        req: &Request,
        target: Target<'_>,
        mut progress: impl FnMut(Progress<'_>),
    ) -> Result<Vec<PathBuf>> {
        let tally = &mut |done, total| {
            progress(Progress {
                stage: Stage::Export,
                done,
                total,
                item: "",
            })
        };
        let store = &self.store;
        match target {
            Target::Stream(w) => export::write_reporting(store, req, w, tally).map(|()| Vec::new()),
            Target::File(p) => export::to_file(store, req, p, tally),
            Target::Folder(p) => export::to_folder(store, req, p, tally),
            Target::Path(p) if p.is_dir() => export::to_folder(store, req, p, tally),
            Target::Path(p) => export::to_file(store, req, p, tally),
        }
    }
}
