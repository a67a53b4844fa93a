//! Real-window tests: the desktop app under Xvfb, driven through WebDriver (tauri-driver and
//! WebKitWebDriver), checked in the window and in the database afterwards. Screenshots of the
//! main views go to `target/screenshots/`.
//!
//! Needs `Xvfb`, `tauri-driver` and `WebKitWebDriver` on PATH: `scripts/test.sh` installs them.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fantoccini::{elements::Element, Client, ClientBuilder, Locator};
use serde_json::json;

const APP: &str = env!("CARGO_BIN_EXE_galley-desktop");

/// One window at a time: tests share the X server's attention and the driver's ports.
static SERIAL: Mutex<()> = Mutex::new(());

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn need(tool: &str) {
    let found = std::env::var_os("PATH")
        .map(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
        .unwrap_or(false);
    assert!(found, "{tool} is not on PATH: the real-window tests need Xvfb, tauri-driver and WebKitWebDriver (scripts/test.sh installs them)");
}

/// An X server and a WebDriver server of our own; stopped on drop.
struct Desktop {
    display: String,
    xvfb: Child,
    driver: Child,
    port: u16,
    dir: tempfile::TempDir,
}

impl Desktop {
    fn start() -> Desktop {
        for tool in ["Xvfb", "tauri-driver", "WebKitWebDriver"] {
            need(tool);
        }
        let n = (100..400)
            .find(|n| {
                !Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
                    && !Path::new(&format!("/tmp/.X{n}-lock")).exists()
            })
            .expect("a free X display number");
        let display = format!(":{n}");
        let xvfb = Command::new("Xvfb")
            .args([&display, "-screen", "0", "1280x800x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start Xvfb");
        wait_until(Duration::from_secs(10), || {
            Path::new(&format!("/tmp/.X11-unix/X{n}")).exists()
        });
        let port = free_port();
        let driver = Command::new("tauri-driver")
            .args([
                "--port",
                &port.to_string(),
                "--native-port",
                &free_port().to_string(),
            ])
            .env("DISPLAY", &display)
            .env("GALLEY_USER", "e2e")
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start tauri-driver");
        wait_until(Duration::from_secs(10), || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        });
        Desktop {
            display,
            xvfb,
            driver,
            port,
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn db(&self) -> PathBuf {
        self.dir.path().join("galley.db")
    }

    /// Opens the app window on this desktop's database.
    async fn open(&self, extra_args: &[&str]) -> Client {
        let mut args = vec!["--db".to_owned(), self.db().display().to_string()];
        args.extend(extra_args.iter().map(|s| s.to_string()));
        let caps = json!({
            "browserName": "wry",
            "tauri:options": { "application": APP, "args": args },
        });
        let caps = caps.as_object().unwrap().clone();
        ClientBuilder::native()
            .capabilities(caps)
            .connect(&format!("http://127.0.0.1:{}", self.port))
            .await
            .expect("WebDriver session with the Galley window")
    }

    /// A screenshot of the whole X screen (the real window as a person sees it), taken once
    /// the webview has painted its current state.
    async fn screenshot(&self, c: &Client, name: &str) -> PathBuf {
        c.execute_async(
            "requestAnimationFrame(() => requestAnimationFrame(arguments[0]))",
            vec![],
        )
        .await
        .unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
            .parent()
            .unwrap()
            .join("screenshots");
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.png"));
        let status = Command::new("import")
            .args(["-display", &self.display, "-window", "root"])
            .arg(&path)
            .status()
            .expect("ImageMagick import");
        assert!(status.success(), "screenshot {name}");
        path
    }
}

impl Drop for Desktop {
    fn drop(&mut self) {
        // SIGTERM lets tauri-driver stop WebKitWebDriver too (SIGKILL would leave it running).
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.driver.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline && matches!(self.driver.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = self.xvfb.kill();
        let _ = self.xvfb.wait();
    }
}

fn wait_until(limit: Duration, mut ok: impl FnMut() -> bool) {
    let deadline = Instant::now() + limit;
    while !ok() {
        assert!(Instant::now() < deadline, "timed out after {limit:?}");
        std::thread::sleep(Duration::from_millis(50));
    }
}

async fn find(c: &Client, css: &str) -> Element {
    c.wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css} did not appear: {e}"))
}

async fn texts(c: &Client, css: &str) -> Vec<String> {
    let mut out = Vec::new();
    for e in c.find_all(Locator::Css(css)).await.unwrap() {
        out.push(e.text().await.unwrap());
    }
    out
}

/// Waits until `css` is shown (the UI may still be starting), then returns its text.
async fn visible_text(c: &Client, css: &str) -> String {
    let e = find(c, css).await;
    let deadline = Instant::now() + Duration::from_secs(20);
    while !e.is_displayed().await.unwrap() {
        assert!(Instant::now() < deadline, "{css} is not shown");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    e.text().await.unwrap()
}

fn db_count(db: &Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

#[test]
fn an_empty_database_offers_the_sample_and_loads_it() {
    let _serial = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let desktop = Desktop::start();
    runtime().block_on(async {
        let c = desktop.open(&[]).await;
        let welcome = visible_text(&c, "#welcome").await;
        assert!(welcome.contains("载入示例数字报"), "{welcome}");
        desktop.screenshot(&c, "welcome").await;
        assert_eq!(db_count(&desktop.db(), "digests"), 0);

        find(&c, "#load-sample").await.click().await.unwrap();
        find(&c, ".article-item.selected").await;
        let digest = visible_text(&c, ".digest-name").await;
        assert_eq!(digest, "tmt-digest-2023-06");
        let titles = texts(&c, "#digests .article-title").await;
        assert!(!titles.is_empty());
        assert!(titles.iter().all(|t| !t.trim().is_empty()), "{titles:?}");
        // The reader shows the selected article's text.
        let title = visible_text(&c, "#article-title").await;
        assert_eq!(title, titles[0]);
        let body = visible_text(&c, "#article-body").await;
        assert!(
            body.chars().count() > 100,
            "reader shows the article: {body}"
        );
        let welcome = c.find(Locator::Css("#welcome")).await.unwrap();
        assert!(
            !welcome.is_displayed().await.unwrap(),
            "the welcome is gone"
        );
        desktop.screenshot(&c, "reader").await;
        c.close().await.unwrap();
    });
    // The window wrote to the database it was given.
    assert_eq!(db_count(&desktop.db(), "digests"), 1);
    assert!(db_count(&desktop.db(), "articles") >= 1);
    assert_eq!(db_count(&desktop.db(), "audit_log"), 1);
}

#[test]
fn opens_on_the_sample_and_moves_through_articles_by_keyboard_and_search() {
    let _serial = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    let desktop = Desktop::start();
    runtime().block_on(async {
        let c = desktop.open(&["--sample-if-empty"]).await;
        let first = find(&c, "#digests .article-item.selected").await;
        let first_id = first.attr("data-id").await.unwrap().unwrap();
        let first_title = visible_text(&c, "#article-title").await;

        // j moves to the next article; k back.
        press(&c, 'j').await;
        let second_title = wait_for_title_change(&c, &first_title).await;
        let second = find(&c, "#digests .article-item.selected").await;
        assert_ne!(second.attr("data-id").await.unwrap().unwrap(), first_id);
        press(&c, 'k').await;
        let back = wait_for_title_change(&c, &second_title).await;
        assert_eq!(back, first_title);

        // Search over jieba tokens finds the hydrogen pipeline article.
        let search = find(&c, "#search").await;
        search.send_keys("纯氢管道").await.unwrap();
        let hit = find(&c, "#hits .article-item").await;
        hit.click().await.unwrap();
        let body = wait_for_title_change(&c, &first_title).await;
        let text = visible_text(&c, "#article").await;
        assert!(
            text.contains("纯氢"),
            "search hit opens its article: {body} / {text}"
        );
        desktop.screenshot(&c, "search").await;
        c.close().await.unwrap();
    });
}

/// Types one key into whatever has the focus, as a person at the keyboard would.
async fn press(c: &Client, key: char) {
    use fantoccini::actions::{InputSource, KeyAction, KeyActions};
    let keys = KeyActions::new("keyboard".into())
        .then(KeyAction::Down { value: key })
        .then(KeyAction::Up { value: key });
    c.perform_actions(keys).await.unwrap();
}

/// Waits until the reader's title differs from `old`; returns the new title.
async fn wait_for_title_change(c: &Client, old: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let now = visible_text(c, "#article-title").await;
        if now != old {
            return now;
        }
        assert!(Instant::now() < deadline, "the reader still shows {old}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}
