//! What every CLI test needs: a database of its own in a temporary folder, and the `galley`
//! binary run against it as a user would run it.
#![allow(dead_code)] // each test file uses its own part

use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

pub const SAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../galley-core/assets/tmt-digest-2023-06.txt"
);

pub struct Env {
    pub dir: tempfile::TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("galley.db")
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs `galley ARGS` on this database, with nothing on standard input.
    pub fn galley(&self, args: &[&str]) -> Output {
        self.galley_stdin(args, &[])
    }

    pub fn galley_stdin(&self, args: &[&str], stdin: &[u8]) -> Output {
        use std::io::Write;
        let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
            .args(args)
            .env("GALLEY_DB", self.db())
            .env("GALLEY_USER", "tester")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child.stdin.take().unwrap().write_all(stdin).unwrap();
        child.wait_with_output().unwrap()
    }

    /// Runs `galley ARGS` and insists that it succeeds.
    pub fn ok(&self, args: &[&str]) -> Output {
        let out = self.galley(args);
        assert!(
            out.status.success(),
            "galley {args:?} failed: {}",
            stderr(&out)
        );
        out
    }

    /// [`Env::ok`], returning what it printed.
    pub fn ok_text(&self, args: &[&str]) -> String {
        stdout(&self.ok(args))
    }

    /// Writes a file in the test's folder; returns its path.
    pub fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.path(name);
        std::fs::write(&p, bytes).unwrap();
        p.to_str().unwrap().to_owned()
    }
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}
