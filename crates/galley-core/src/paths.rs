//! Where the database lives by default. The CLI and the desktop app share it.

use std::path::PathBuf;

/// Environment variable that overrides the database path for every Galley program.
pub const DB_ENV: &str = "GALLEY_DB";

/// `$GALLEY_DB` if set, else `galley.db` in the platform data directory
/// (`~/.local/share/galley/` on Linux).
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os(DB_ENV).filter(|p| !p.is_empty()) {
        return PathBuf::from(p);
    }
    directories::ProjectDirs::from("", "", "galley")
        .map(|d| d.data_dir().join("galley.db"))
        .unwrap_or_else(|| PathBuf::from("galley.db"))
}
