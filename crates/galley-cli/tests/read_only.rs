//! A database its user cannot write (a 0444 file, a read-only folder) is still listed, and a
//! change fails with one clear line. Root writes anyway, so as root the commands run as
//! `nobody` (through `setpriv`); where that cannot be done the test says so and skips.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::{Command, Output};

/// `galley ARGS` as a user who does not own root's powers, or `None` when none can be had.
fn galley_as_user(db: &Path, args: &[&str]) -> Option<Output> {
    let root = std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false);
    let mut cmd = if root {
        let mut c = Command::new("setpriv");
        c.args(["--reuid=nobody", "--regid=nogroup", "--clear-groups"]);
        c.arg(env!("CARGO_BIN_EXE_galley"));
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_galley"))
    };
    cmd.env("HOME", "/tmp").arg("--db").arg(db).args(args);
    let out = cmd.output().ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr);
    (!stderr.contains("setpriv:")).then_some(out)
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_read_only_database_is_listed_and_refuses_changes_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    chmod(dir.path(), 0o755);
    let folder = dir.path().join("data");
    std::fs::create_dir(&folder).unwrap();
    chmod(&folder, 0o777);
    let db = folder.join("galley.db");
    for (name, text) in [
        ("a.md", "# 标题\n\n正文一段。\n"),
        ("b.md", "# 其他\n\n另一段。\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
        chmod(&dir.path().join(name), 0o644);
    }
    let a = dir.path().join("a.md");
    let Some(out) = galley_as_user(&db, &["import", a.to_str().unwrap()]) else {
        eprintln!("SKIPPED: no unprivileged user to run galley as (setpriv missing?)");
        return;
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let b = dir.path().join("b.md");
    let check = |case: &str| {
        let list = galley_as_user(&db, &["list"]).unwrap();
        let stdout = String::from_utf8_lossy(&list.stdout);
        assert!(
            list.status.success(),
            "{case}: {}",
            String::from_utf8_lossy(&list.stderr)
        );
        assert!(stdout.contains("标题"), "{case}: {stdout}");
        let import = galley_as_user(&db, &["import", b.to_str().unwrap()]).unwrap();
        assert!(
            !import.status.success(),
            "{case}: a read-only database took a change"
        );
        let stderr = String::from_utf8_lossy(&import.stderr);
        assert_eq!(stderr.trim().lines().count(), 1, "{case}: {stderr}");
        assert!(stderr.contains("read-only"), "{case}: {stderr}");
        assert!(stderr.contains(db.to_str().unwrap()), "{case}: {stderr}");
        assert!(
            !stderr.to_lowercase().contains("sqlite"),
            "{case}: {stderr}"
        );
        // A change made outside an import transaction names the file too.
        let dict = galley_as_user(&db, &["dict", "add", "氢能管道"]).unwrap();
        let stderr = String::from_utf8_lossy(&dict.stderr);
        assert!(!dict.status.success(), "{case}: dict add took a change");
        assert!(
            stderr.contains("read-only") && stderr.contains(db.to_str().unwrap()),
            "{stderr}"
        );
    };
    chmod(&db, 0o444);
    check("file 0444");
    chmod(&db, 0o644);
    for side in ["galley.db-wal", "galley.db-shm"] {
        let _ = std::fs::remove_file(folder.join(side));
    }
    chmod(&folder, 0o555);
    check("read-only folder");
    chmod(&folder, 0o755);
}
