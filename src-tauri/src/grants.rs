//! Which paths the window may read or write. The webview's code is not trusted with the file
//! system: a command that takes a path from it acts only on a path the person chose, in a file
//! dialog, by dropping it on the window, or with `--allow` on the command line.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{CmdError, CmdResult};

/// The paths the person chose; a folder allows everything inside it.
#[derive(Default)]
pub struct Grants {
    roots: Mutex<Vec<PathBuf>>,
}

impl Grants {
    /// Allows these paths (and, for folders, what they contain).
    pub fn allow<P: AsRef<Path>>(&self, paths: impl IntoIterator<Item = P>) {
        let mut roots = self.roots.lock().unwrap_or_else(|p| p.into_inner());
        roots.extend(paths.into_iter().filter_map(|p| resolve(p.as_ref())));
    }

    /// `path` itself if the person chose it or a folder holding it, else a `not_allowed` error.
    pub fn check(&self, path: &Path) -> CmdResult<()> {
        let roots = self.roots.lock().unwrap_or_else(|p| p.into_inner());
        let allowed = resolve(path).is_some_and(|p| roots.iter().any(|r| p.starts_with(r)));
        match allowed {
            true => Ok(()),
            false => Err(CmdError {
                code: "not_allowed",
                message: format!(
                    "{} was not chosen in a dialog or dropped on the window",
                    path.display()
                ),
            }),
        }
    }
}

/// The real path (links resolved); for a file still to be written, its folder's real path
/// joined with its name.
fn resolve(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let parent = path.parent().filter(|p| !p.as_os_str().is_empty())?;
    Some(parent.canonicalize().ok()?.join(path.file_name()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_chosen_paths_and_what_chosen_folders_hold() {
        let dir = tempfile::tempdir().unwrap();
        let inside = dir.path().join("page.txt");
        std::fs::write(&inside, "x").unwrap();
        let grants = Grants::default();
        assert_eq!(grants.check(&inside).unwrap_err().code, "not_allowed");
        grants.allow([dir.path()]);
        grants.check(&inside).unwrap();
        grants.check(&dir.path().join("new-export.json")).unwrap();
        grants.check(&dir.path().join("../escape.txt")).unwrap_err();
        grants.check(Path::new("/etc/hostname")).unwrap_err();
    }
}
