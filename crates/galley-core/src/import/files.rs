//! Finding and reading the files to import, safely: only regular files are read, their size is
//! checked before a byte is read and the read is bounded, and a folder's links are not followed
//! out of it. A FIFO, a device, a huge sparse file or a link loop gets a clear message instead
//! of a hang or an exhausted memory.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::{EXTENSIONS, MAX_INPUT_BYTES};
use crate::{Error, Result};

/// What a path holds to import: the files, and what was passed over with the reason.
#[derive(Debug, Default)]
pub struct Found {
    /// Files to import, in name order.
    pub files: Vec<PathBuf>,
    /// Entries of a folder that are not imported, each with why ([`Error::Skipped`]).
    pub skipped: Vec<Error>,
}

/// The files to import for `path`: the file itself, or a folder's importable files (by
/// extension, hidden ones left out), recursively, in name order.
pub fn collect(path: &Path) -> Result<Found> {
    let meta = std::fs::metadata(path).map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    if !meta.is_dir() {
        return Ok(Found {
            files: vec![path.to_owned()],
            skipped: Vec::new(),
        });
    }
    let root = path.canonicalize().map_err(|source| Error::Read {
        path: path.to_owned(),
        source,
    })?;
    let mut found = Found::default();
    walk(&root, path, &mut found)?;
    Ok(found)
}

/// The files of [`collect`], without the skipped entries.
pub fn collect_files(path: &Path) -> Result<Vec<PathBuf>> {
    collect(path).map(|f| f.files)
}

fn walk(root: &Path, dir: &Path, found: &mut Found) -> Result<()> {
    for entry in sorted_entries(dir)? {
        let Ok(kind) = std::fs::symlink_metadata(&entry).map(|m| m.file_type()) else {
            continue;
        };
        if kind.is_dir() {
            walk(root, &entry, found)?;
        } else if !has_import_extension(&entry) {
            continue;
        } else if kind.is_symlink() {
            match link_target(root, &entry) {
                Ok(()) => found.files.push(entry),
                Err(e) => found.skipped.push(e),
            }
        } else if kind.is_file() {
            found.files.push(entry);
        } else {
            found.skipped.push(skipped(&entry, not_regular(&kind)));
        }
    }
    Ok(())
}

/// A folder's entries, hidden ones left out, in name order.
fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|source| Error::Read {
            path: dir.to_owned(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    Ok(entries)
}

fn has_import_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// A link inside an imported folder is followed only to a regular file inside that folder.
fn link_target(root: &Path, link: &Path) -> Result<()> {
    let target = link
        .canonicalize()
        .map_err(|_| skipped(link, "is a broken link or a link loop".into()))?;
    if !target.starts_with(root) {
        return Err(skipped(link, "links outside the imported folder".into()));
    }
    let kind = std::fs::metadata(&target)
        .map_err(|_| skipped(link, "is a broken link".into()))?
        .file_type();
    match kind.is_file() {
        true => Ok(()),
        false => Err(skipped(link, not_regular(&kind))),
    }
}

fn skipped(path: &Path, reason: String) -> Error {
    Error::Skipped {
        path: path.to_owned(),
        reason,
    }
}

/// Why a file of this kind is not read.
fn not_regular(kind: &std::fs::FileType) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let what = if kind.is_fifo() {
            "a named pipe (FIFO)"
        } else if kind.is_char_device() || kind.is_block_device() {
            "a device"
        } else if kind.is_socket() {
            "a socket"
        } else if kind.is_dir() {
            "a folder"
        } else {
            "not a regular file"
        };
        format!("is {what}, not a file to import")
    }
    #[cfg(not(unix))]
    {
        let _ = kind;
        "is not a regular file".to_owned()
    }
}

/// Reads a file to import: a regular file only (checked on the open handle, so a FIFO never
/// blocks the read), at most [`MAX_INPUT_BYTES`] (checked before reading, then bounded).
pub fn read(path: &Path) -> Result<Vec<u8>> {
    let read_err = |source| Error::Read {
        path: path.to_owned(),
        source,
    };
    let file = open_nonblocking(path).map_err(read_err)?;
    let meta = file.metadata().map_err(read_err)?;
    if !meta.is_file() {
        return Err(Error::NotAFile {
            path: path.to_owned(),
            reason: not_regular(&meta.file_type()),
        });
    }
    if meta.len() > MAX_INPUT_BYTES as u64 {
        return Err(too_large(path, meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(too_large(path, bytes.len() as u64));
    }
    Ok(bytes)
}

/// Opens without blocking: opening a FIFO for reading would otherwise wait for a writer.
fn open_nonblocking(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

fn too_large(path: &Path, len: u64) -> Error {
    Error::TooLarge {
        what: path.display().to_string(),
        detail: format!(
            "{len} bytes or more; at most {MAX_INPUT_BYTES} bytes are imported at once"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_are_collected_recursively_in_name_order() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::create_dir(p.join("sub")).unwrap();
        for f in ["b.txt", "a.md", "sub/c.json", ".hidden.txt", "notes.docx"] {
            std::fs::write(p.join(f), "x").unwrap();
        }
        let names: Vec<String> = collect_files(p)
            .unwrap()
            .iter()
            .map(|f| f.strip_prefix(p).unwrap().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["a.md", "b.txt", "sub/c.json"]);
        assert_eq!(collect_files(&p.join("a.md")).unwrap().len(), 1);
        assert_eq!(
            collect_files(&p.join("missing")).unwrap_err().code(),
            "read_failed"
        );
    }

    #[cfg(unix)]
    #[test]
    fn links_are_not_followed_out_of_the_folder_nor_round_in_loops() {
        use std::os::unix::fs::symlink;
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "机密").unwrap();
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path();
        std::fs::write(p.join("a.txt"), "正文").unwrap();
        symlink(outside.path().join("secret.txt"), p.join("out.txt")).unwrap();
        symlink(p.join("a.txt"), p.join("in.txt")).unwrap();
        symlink(p.join("loop.txt"), p.join("loop.txt")).unwrap();
        std::fs::create_dir(p.join("sub")).unwrap();
        symlink(p, p.join("sub/up.txt")).unwrap();
        let found = collect(p).unwrap();
        let names: Vec<_> = found.files.iter().map(|f| f.file_name().unwrap()).collect();
        assert_eq!(names, ["a.txt", "in.txt"]);
        let why: Vec<String> = found.skipped.iter().map(ToString::to_string).collect();
        assert_eq!(why.len(), 3, "{why:?}");
        assert!(why
            .iter()
            .any(|w| w.contains("out.txt") && w.contains("outside")));
        assert!(why
            .iter()
            .any(|w| w.contains("loop.txt") && w.contains("loop")));
        assert!(why
            .iter()
            .any(|w| w.contains("up.txt") && w.contains("folder")));
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_at_once_alone_or_in_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("pipe.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        // SAFETY: a valid NUL-terminated path; mkfifo only creates the node.
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
        let err = read(&fifo).unwrap_err();
        assert_eq!(err.code(), "not_a_file");
        assert!(err.to_string().contains("FIFO"), "{err}");
        let found = collect(dir.path()).unwrap();
        assert!(found.files.is_empty());
        assert!(found.skipped[0].to_string().contains("FIFO"));
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_huge_sparse_files_are_refused_before_reading() {
        let err = read(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(err.code(), "not_a_file", "{err}");
        let dir = tempfile::tempdir().unwrap();
        let sparse = dir.path().join("sparse.txt");
        let f = std::fs::File::create(&sparse).unwrap();
        f.set_len(1 << 30).unwrap(); // 1 GiB of nothing, no disk used
        let started = std::time::Instant::now();
        let err = read(&sparse).unwrap_err();
        assert_eq!(err.code(), "too_large");
        assert!(
            started.elapsed().as_millis() < 500,
            "refused without reading"
        );
    }
}
