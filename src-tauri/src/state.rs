//! The one piece of state the window shares: the workspace (store, segmenter, who is signed in).

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard};

use galley_core::Workspace;

use crate::error::{CmdError, CmdResult};
use crate::grants::Grants;

pub struct AppState {
    pub sample_if_empty: bool,
    /// Files to import when the window opens.
    pub open_files: Vec<PathBuf>,
    /// The paths the person chose (dialogs, drops, `--allow`).
    pub grants: Grants,
    workspace: Result<Mutex<Workspace>, CmdError>,
}

impl AppState {
    /// Opens the database and acts as the person last signed in on it, if still known.
    pub fn new(db_path: PathBuf, sample_if_empty: bool) -> AppState {
        let workspace = Workspace::open(&db_path)
            .map(|mut ws| {
                if let Err(e) = ws.recall_profile() {
                    tracing::warn!("cannot recall who was signed in: {e}");
                }
                Mutex::new(ws)
            })
            .map_err(|e| {
                tracing::error!("cannot open {}: {e}", db_path.display());
                CmdError::from(e)
            });
        AppState {
            sample_if_empty,
            open_files: Vec::new(),
            grants: Grants::default(),
            workspace,
        }
    }

    /// The workspace, or the reason it could not be opened. Commands are async, so this is
    /// never taken on the main thread.
    pub fn ws(&self) -> CmdResult<MutexGuard<'_, Workspace>> {
        let m = self.workspace.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock leaves the connection usable: SQLite rolled back.
        Ok(m.lock().unwrap_or_else(|p| p.into_inner()))
    }
}
