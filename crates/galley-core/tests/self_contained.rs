//! The repository builds and tests on its own: no tracked source file reaches outside it
//! for the shared working folders of the project brief.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The tracked files of the repository (`git ls-files`), or, without git, every file under
/// the repository root except build output and hidden folders.
fn tracked_files(root: &Path) -> Vec<PathBuf> {
    if let Ok(out) = Command::new("git")
        .arg("-C")
        .arg(root)
        .args(["ls-files", "-z"])
        .output()
    {
        if out.status.success() && !out.stdout.is_empty() {
            return out
                .stdout
                .split(|&b| b == 0)
                .filter(|p| !p.is_empty())
                .map(|p| root.join(String::from_utf8_lossy(p).as_ref()))
                .collect();
        }
    }
    let mut files = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).expect("read dir").flatten() {
            let path = entry.path();
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if path.is_dir() {
                if name != "target" && name != "node_modules" && !name.starts_with('.') {
                    dirs.push(path);
                }
            } else {
                files.push(path);
            }
        }
    }
    files
}

#[test]
fn no_source_file_reaches_outside_the_repository() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    // Built from parts so that this file does not match itself.
    let needles = [
        format!("{}/{}", "shared", "corpus"),
        format!("{}/{}", "shared", "notes"),
    ];
    let mut checked = 0;
    let mut hits = Vec::new();
    for path in tracked_files(&root) {
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "rs" | "toml" | "sh") {
            continue;
        }
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        checked += 1;
        for (i, line) in text.lines().enumerate() {
            if needles.iter().any(|n| line.contains(n.as_str())) {
                let shown = path.strip_prefix(&root).unwrap_or(&path);
                hits.push(format!("{}:{}: {}", shown.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        checked > 10,
        "only {checked} source files found under {root:?}"
    );
    assert!(
        hits.is_empty(),
        "source files refer to folders outside the repository:\n{}",
        hits.join("\n")
    );
}
