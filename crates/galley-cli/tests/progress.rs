//! Progress on stderr: a bar on a terminal (run here on a pseudo-terminal), one line per stored
//! digest in a log, nothing with `--quiet`.

mod common;

use std::fs::File;
use std::io::Read;
use std::os::fd::FromRawFd;
use std::process::{Command, Stdio};

use common::{stderr, Env};

const PAGES: usize = 12;

/// A folder of distinct small digest pages; returns its path.
fn pages(env: &Env) -> String {
    let dir = env.path("pages");
    std::fs::create_dir(&dir).unwrap();
    for i in 0..PAGES {
        let text = format!(
            "# 第{i}号简报：城市交通\n\n据统计，今年{i}月全市公交客运量为{n}万人次，同比增长{i}%。\n\n\
             # 第{i}号简报：科技\n\n研究团队表示，新材料的强度提高了{n}倍。\n",
            n = 100 + i
        );
        std::fs::write(dir.join(format!("page-{i:02}.md")), text).unwrap();
    }
    dir.to_str().unwrap().to_owned()
}

/// Runs `galley ARGS` with stderr on a pseudo-terminal; returns (exit ok, stdout, terminal).
fn on_terminal(env: &Env, args: &[&str]) -> (bool, String, String) {
    let (mut master, mut slave) = (0, 0);
    let size = libc::winsize {
        ws_row: 40,
        ws_col: 160,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    let rc = unsafe {
        libc::openpty(
            &mut master,
            &mut slave,
            std::ptr::null_mut(),
            std::ptr::null(),
            &size,
        )
    };
    assert_eq!(rc, 0, "openpty: {}", std::io::Error::last_os_error());
    let (mut master, slave) = unsafe { (File::from_raw_fd(master), File::from_raw_fd(slave)) };
    let child = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(args)
        .env("GALLEY_DB", env.db())
        .env("GALLEY_USER", "tester")
        .env("GALLEY_PROGRESS_DELAY_MS", "0")
        .env("TERM", "xterm")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::from(slave))
        .spawn()
        .unwrap();
    // Read the terminal while the command runs (it would block on a full buffer otherwise);
    // the read ends with EIO once the command, the last holder of the other side, is gone.
    let reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let mut chunk = [0u8; 4096];
        while let Ok(n @ 1..) = master.read(&mut chunk) {
            buf.extend_from_slice(&chunk[..n]);
        }
        String::from_utf8_lossy(&buf).into_owned()
    });
    let out = child.wait_with_output().unwrap();
    let terminal = reader.join().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    (out.status.success(), stdout, terminal)
}

#[test]
fn a_long_import_on_a_terminal_shows_bars_that_end_at_their_totals() {
    let env = Env::new();
    let folder = pages(&env);
    let (ok, stdout, terminal) = on_terminal(&env, &["import", &folder]);
    assert!(ok, "{terminal}");
    // The reports still go to stdout, whole.
    assert_eq!(
        stdout.matches("imported as digest").count(),
        PAGES,
        "{stdout}"
    );
    // One bar per stage, each ending at its total, with a rate and the time left.
    let total = format!("{PAGES}/{PAGES}");
    for (stage, unit) in [("importing", "files"), ("suggesting", "digests")] {
        let last = terminal
            .rsplit(['\r', '\n'])
            .find(|l| l.contains(stage))
            .unwrap_or_else(|| panic!("no {stage} bar in {terminal:?}"));
        assert!(last.contains(&format!("{total} {unit}")), "{last:?}");
        assert!(last.contains("/s") && last.contains("left"), "{last:?}");
    }
    // It ends cleanly: the last thing on the terminal ends a line.
    assert!(terminal.ends_with('\n'), "{terminal:?}");
}

#[test]
fn an_export_to_a_file_on_a_terminal_shows_a_bar_of_articles() {
    let env = Env::new();
    env.ok(&["import", &pages(&env), "--no-suggest"]);
    let file = env.path("out.json");
    let (ok, _, terminal) = on_terminal(&env, &["export", "--out", file.to_str().unwrap()]);
    assert!(ok, "{terminal}");
    let articles = 2 * PAGES;
    assert!(
        terminal.contains(&format!("{articles}/{articles} articles")),
        "{terminal:?}"
    );
}

#[test]
fn without_a_terminal_each_stored_digest_is_one_line_and_quiet_says_nothing() {
    let env = Env::new();
    let folder = pages(&env);
    let out = env.ok(&["import", &folder, "--no-suggest"]);
    let lines: Vec<String> = stderr(&out).lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), PAGES, "{lines:?}");
    for (i, line) in lines.iter().enumerate() {
        assert!(
            line.starts_with(&format!("galley: [{}/{PAGES}] stored digest ", i + 1)),
            "{line}"
        );
        assert!(line.ends_with(&format!("page-{i:02}.md")), "{line}");
    }

    let env = Env::new();
    let out = env.ok(&["--quiet", "import", &pages(&env)]);
    assert_eq!(stderr(&out), "");
    let out = env.ok(&["suggest", "-q"]);
    assert_eq!(stderr(&out), "");
}
