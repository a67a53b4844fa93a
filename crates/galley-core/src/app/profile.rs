//! The person last signed in on this machine for a database, remembered in a small file beside
//! it, so the window does not ask again at every start.

use std::path::{Path, PathBuf};

use super::Workspace;
use crate::store::people;
use crate::Result;

/// The profile file of the database at `db`: `<db>.profile.json`.
pub fn path_for(db: &Path) -> PathBuf {
    let mut p = db.to_path_buf().into_os_string();
    p.push(".profile.json");
    PathBuf::from(p)
}

impl Workspace {
    /// Acts as the person last remembered for this database, if they are still known to it.
    /// Returns whether someone was recalled.
    pub fn recall_profile(&mut self) -> Result<bool> {
        let Some(db) = self.store.path() else {
            return Ok(false);
        };
        let Some(name) = read(&path_for(db)) else {
            return Ok(false);
        };
        match people::get(self.store.conn(), &name)? {
            Some(p) => {
                self.actor = Some(p.name);
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// Remembers the person acting for the next start (nothing for an in-memory database).
    /// Failing to write the file only costs a question at the next start: it is logged.
    pub fn remember_profile(&self) {
        let (Some(db), Some(name)) = (self.store.path(), self.actor.as_deref()) else {
            return;
        };
        let profile = serde_json::json!({ "name": name });
        if let Err(e) = std::fs::write(path_for(db), profile.to_string()) {
            tracing::warn!("cannot remember the profile: {e}");
        }
    }
}

fn read(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let v: serde_json::Value = serde_json::from_str(&text).ok()?;
    v["name"].as_str().map(str::to_owned)
}
