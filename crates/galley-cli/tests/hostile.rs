//! Hostile and unlucky inputs, generated here (FIFOs, devices, sparse files, link loops, deep
//! JSON, escape sequences): each gets one clear line on stderr, exit 1, no hang, no panic, and
//! the database is left as it was.

mod common;

use common::{stderr, stdout, Env};

/// What the database holds, to compare before and after.
fn contents(env: &Env) -> String {
    stdout(&env.galley(&["list", "--json"]))
}

/// Runs an import that must fail cleanly: exit 1, each stderr line one message naming the
/// problem, nothing panicking, the database unchanged.
fn refused(env: &Env, args: &[&str], expect: &str) -> String {
    let before = contents(env);
    let out = env.galley(args);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "galley {args:?}: {err}");
    assert!(
        err.contains(expect),
        "galley {args:?}: expected {expect:?} in {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.lines().all(|l| l.starts_with("galley: ")), "{err}");
    assert_eq!(
        contents(env),
        before,
        "galley {args:?} changed the database"
    );
    err
}

#[cfg(unix)]
fn mkfifo(path: &std::path::Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(status.success());
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_sparse_files_are_refused_without_reading() {
    let env = Env::new();
    env.ok(&[
        "import",
        &env.file("ok.md", "# 标题\n\n正文。\n".as_bytes()),
    ]);
    let fifo = env.path("pipe.txt");
    mkfifo(&fifo);
    refused(
        &env,
        &["import", fifo.to_str().unwrap()],
        "named pipe (FIFO)",
    );
    refused(&env, &["import", "/dev/zero"], "is a device");
    let sparse = env.path("sparse.txt");
    std::fs::File::create(&sparse)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    refused(&env, &["import", sparse.to_str().unwrap()], "too large");
    // Inside a folder: the good file is imported, the FIFO named and passed over.
    let dir = env.path("folder");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("good.md"), "# 好标题\n\n正文。\n").unwrap();
    mkfifo(&dir.join("pipe.txt"));
    let out = env.galley(&["import", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("pipe.txt is a named pipe (FIFO)"),
        "{}",
        stderr(&out)
    );
    assert!(stdout(&out).contains("imported as digest"));
}

#[cfg(unix)]
#[test]
fn links_do_not_lead_out_of_an_imported_folder() {
    use std::os::unix::fs::symlink;
    let env = Env::new();
    let dir = env.path("folder");
    std::fs::create_dir(&dir).unwrap();
    symlink("/etc/hostname", dir.join("host.txt")).unwrap();
    symlink(dir.join("loop.txt"), dir.join("loop.txt")).unwrap();
    symlink(&dir, dir.join("self.md")).unwrap();
    let err = refused(
        &env,
        &["import", dir.to_str().unwrap()],
        "outside the imported folder",
    );
    assert!(
        err.contains("loop.txt is a broken link or a link loop"),
        "{err}"
    );
    assert!(err.contains("self.md is a folder"), "{err}");
    assert!(contents(&env).trim() == "[]", "nothing was imported");
}

#[test]
fn malformed_and_oversized_text_is_refused() {
    let env = Env::new();
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    refused(
        &env,
        &["import", &env.file("deep.json", deep.as_bytes())],
        "not valid JSON",
    );
    let giant = format!(
        "{{\"title\": \"标题\", \"body\": \"{}\"}}\n",
        "字".repeat(200_000)
    );
    refused(
        &env,
        &["import", &env.file("giant.jsonl", giant.as_bytes())],
        "at most 100000",
    );
    let mut bad = "第一段正文。\n".repeat(200).into_bytes();
    bad.extend_from_slice(&[0xff, 0xfe, 0x00, 0x01]);
    refused(
        &env,
        &["import", "--encoding", "utf-8", &env.file("bad.txt", &bad)],
        "bad.txt",
    );
    refused(
        &env,
        &[
            "import",
            "--date",
            "2023-13-45",
            &env.file("d.md", "# 标\n\n文。\n".as_bytes()),
        ],
        "2023-13-45",
    );
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let env = Env::new();
    // JSON carries control characters as escapes, past the text check.
    let page = r#"[{"title": "标题\u001b]0;pwned\u0007", "body": "正文\u001b[2J一段。"}]"#;
    let name = env.file("evil\u{1b}[31m.json", page.as_bytes());
    let out = env.ok(&["import", &name]);
    let text = stdout(&out);
    assert!(!text.contains('\u{1b}'), "{text:?}");
    assert!(
        text.contains("control characters removed from the title"),
        "{text}"
    );
    let list = env.ok_text(&["list"]);
    assert!(
        !list.contains('\u{1b}') && !list.contains('\u{7}'),
        "{list:?}"
    );
    // A file name that forges a line in an error message is shown, not obeyed.
    let missing = env.galley(&["import", "nothing\u{1b}[2K\rgalley: ok.txt"]);
    let err = stderr(&missing);
    assert!(!err.contains('\u{1b}') && !err.contains('\r'), "{err:?}");
    assert_eq!(err.lines().count(), 1, "{err:?}");
}

#[test]
fn one_stray_control_character_in_a_large_file_is_dropped_with_a_warning() {
    let env = Env::new();
    let mut lines: Vec<String> = (0..1000)
        .map(|i| {
            format!(r#"{{"title": "第{i}篇报道", "body": "氢能管道试验成功，压力达到4兆帕。"}}"#)
        })
        .collect();
    lines[499] = lines[499].replacen("氢能", "氢\u{7f}能", 1);
    let name = env.file("articles.jsonl", lines.join("\n").as_bytes());
    let text = env.ok_text(&["import", "--no-suggest", &name]);
    assert!(
        text.contains("control character U+007F dropped at line 500, column 32"),
        "{text}"
    );
    let stored = env.ok_text(&["show", "500"]);
    assert!(stored.contains("氢能管道试验成功"), "{stored}");
    assert!(!stored.contains('\u{7f}'), "{stored:?}");
    assert!(
        env.ok_text(&["list"]).contains("1000"),
        "all 1,000 articles stored"
    );
}
