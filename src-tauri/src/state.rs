//! The one piece of state the window shares: the store and the segmenter.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, OnceLock};

use galley_core::Store;
use jieba_rs::Jieba;

use crate::error::{CmdError, CmdResult};

pub struct AppState {
    pub db_path: PathBuf,
    pub sample_if_empty: bool,
    store: Result<Mutex<Store>, CmdError>,
    jieba: OnceLock<Jieba>,
}

impl AppState {
    pub fn new(db_path: PathBuf, sample_if_empty: bool) -> AppState {
        let store = Store::open(&db_path).map(Mutex::new).map_err(|e| {
            tracing::error!("cannot open {}: {e}", db_path.display());
            CmdError::from(e)
        });
        AppState {
            db_path,
            sample_if_empty,
            store,
            jieba: OnceLock::new(),
        }
    }

    /// The store, or the reason it could not be opened.
    pub fn store(&self) -> CmdResult<MutexGuard<'_, Store>> {
        let m = self.store.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock leaves the connection usable: SQLite rolled back.
        Ok(m.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// The shared segmenter, built on first use (never on the main thread: commands are async).
    pub fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(galley_core::language::segmenter)
    }

    /// Who is acting; the people issue replaces this with the signed-in user.
    pub fn actor(&self) -> String {
        std::env::var("GALLEY_USER")
            .or_else(|_| std::env::var("USER"))
            .unwrap_or_else(|_| "editor".into())
    }
}
