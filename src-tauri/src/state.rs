//! The one piece of state the window shares: the store, the segmenter and who is signed in.

use std::path::PathBuf;
use std::sync::{Mutex, MutexGuard, OnceLock, RwLock};

use galley_core::store::people::{self, Person, Role};
use galley_core::Store;
use jieba_rs::Jieba;

use crate::error::{CmdError, CmdResult};

pub struct AppState {
    pub db_path: PathBuf,
    pub sample_if_empty: bool,
    store: Result<Mutex<Store>, CmdError>,
    jieba: OnceLock<Jieba>,
    user: RwLock<Option<Person>>,
}

impl AppState {
    pub fn new(db_path: PathBuf, sample_if_empty: bool) -> AppState {
        let store = Store::open(&db_path).map(Mutex::new).map_err(|e| {
            tracing::error!("cannot open {}: {e}", db_path.display());
            CmdError::from(e)
        });
        let state = AppState {
            db_path,
            sample_if_empty,
            store,
            jieba: OnceLock::new(),
            user: RwLock::new(None),
        };
        // The person last signed in on this database, if they are still known to it.
        if let (Some(name), Ok(store)) = (state.read_profile(), state.store()) {
            if let Ok(Some(p)) = people::get(store.conn(), &name) {
                *state.user.write().unwrap_or_else(|p| p.into_inner()) = Some(p);
            }
        }
        state
    }

    /// The store, or the reason it could not be opened.
    pub fn store(&self) -> CmdResult<MutexGuard<'_, Store>> {
        let m = self.store.as_ref().map_err(Clone::clone)?;
        // A panic while holding the lock leaves the connection usable: SQLite rolled back.
        Ok(m.lock().unwrap_or_else(|p| p.into_inner()))
    }

    /// The shared segmenter with the editors' own words, built on first use (never on the main
    /// thread: commands are async). Call it before taking the store.
    pub fn jieba(&self) -> &Jieba {
        self.jieba.get_or_init(|| {
            let with_terms = self
                .store()
                .ok()
                .and_then(|s| galley_core::language::dictionary::segmenter(s.conn()).ok());
            with_terms.unwrap_or_else(galley_core::language::segmenter)
        })
    }

    pub fn user(&self) -> Option<Person> {
        self.user.read().unwrap_or_else(|p| p.into_inner()).clone()
    }

    /// Who is acting: the signed-in person; every change carries the name.
    pub fn actor(&self) -> CmdResult<String> {
        self.user().map(|p| p.name).ok_or(CmdError {
            code: "no_user",
            message: "say who you are first (name and role)".into(),
        })
    }

    /// Signs a person in (adding them to the database) and remembers them for the next start.
    pub fn sign_in(&self, name: &str, role: Role) -> CmdResult<Person> {
        let person = {
            let store = self.store()?;
            people::upsert(store.conn(), name, role, &galley_core::store::now())?
        };
        let profile = serde_json::json!({ "name": person.name });
        if let Err(e) = std::fs::write(self.profile_path(), profile.to_string()) {
            tracing::warn!("cannot remember the profile: {e}");
        }
        *self.user.write().unwrap_or_else(|p| p.into_inner()) = Some(person.clone());
        Ok(person)
    }

    /// The profile sits beside the database: one person per database and machine.
    fn profile_path(&self) -> PathBuf {
        let mut p = self.db_path.clone().into_os_string();
        p.push(".profile.json");
        PathBuf::from(p)
    }

    fn read_profile(&self) -> Option<String> {
        let text = std::fs::read_to_string(self.profile_path()).ok()?;
        let v: serde_json::Value = serde_json::from_str(&text).ok()?;
        v["name"].as_str().map(str::to_owned)
    }
}
