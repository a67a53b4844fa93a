//! Files only their owner reads: the database (0600) and the folder Galley makes for it (0700).

use std::io;
use std::path::Path;

/// Creates `dir` and its missing parents, each 0700; leaves existing folders as they are.
pub fn create_dir(dir: &Path) -> io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
    b.create(dir)
}

/// Creates an empty `path` 0600 if there is none, so SQLite (which gives its `-wal` and `-shm`
/// the database's mode) never makes a world-readable one. An existing file is left as it is.
pub fn create_file(path: &Path) -> io::Result<()> {
    let mut o = std::fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
    match o.open(path) {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

/// A `file:` URI for `path` with a query (`mode=ro`), its special characters escaped.
pub fn uri(path: &Path, query: &str) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut out = String::from("file:");
    for c in abs.to_string_lossy().chars() {
        match c {
            '?' | '#' | '%' => out.push_str(&format!("%{:02X}", c as u32)),
            _ => out.push(c),
        }
    }
    out.push('?');
    out.push_str(query);
    out
}
