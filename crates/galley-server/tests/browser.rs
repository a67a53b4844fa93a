//! The team server in real browsers (Debian's Chromium through chromedriver), as a desk uses
//! it: an editor and a reviewer sign in in two browsers; the editor tags, the reviewer cannot
//! change structure; signed-out and forged requests are refused. Screenshots land in
//! `target/screenshots/`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use galley_core::model::Role;
use galley_core::Workspace;
use serde_json::{json, Value};

const EDITOR: (&str, &str) = ("编辑甲", "editor-password-1");
const REVIEWER: (&str, &str) = ("审核乙", "reviewer-password-1");

/// A server on a free loopback port over a workspace holding the sample and two people.
fn start_server(dir: &std::path::Path) -> SocketAddr {
    serve_with(dir, |ws| {
        ws.load_sample().unwrap();
    })
}

/// A server over a workspace that `setup` fills, with the two people.
fn serve_with(dir: &std::path::Path, setup: impl FnOnce(&mut Workspace)) -> SocketAddr {
    let mut ws = Workspace::open(&dir.join("team.db")).unwrap();
    ws.act_as("setup");
    setup(&mut ws);
    for ((name, password), role) in [(EDITOR, Role::Editor), (REVIEWER, Role::Reviewer)] {
        ws.add_user(name, role).unwrap();
        ws.set_password(name, Some(password)).unwrap();
    }
    galley_server::spawn_local(ws).unwrap()
}

struct Driver {
    child: Child,
    port: u16,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_chromedriver() -> Driver {
    assert!(
        std::path::Path::new("/usr/bin/chromedriver").exists(),
        "chromedriver is missing: scripts/setup.sh --test installs chromium and chromium-driver"
    );
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let child = Command::new("/usr/bin/chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not start");
        std::thread::sleep(Duration::from_millis(50));
    }
    Driver { child, port }
}

async fn browser(driver: &Driver, profile: &std::path::Path) -> Client {
    let caps = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,800", "--lang=zh-CN",
                format!("--user-data-dir={}", profile.display()),
            ],
        },
    });
    ClientBuilder::native()
        .capabilities(caps.as_object().unwrap().clone())
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("a WebDriver session with Chromium")
}

async fn wait_text(c: &Client, css: &str, want: &str) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let now = match c.find(Locator::Css(css)).await {
            Ok(e) => e.text().await.unwrap_or_default(),
            Err(_) => String::new(),
        };
        if now == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{css} shows {now:?}, not {want:?}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn sign_in(c: &Client, addr: SocketAddr, who: (&str, &str)) {
    open_signed_in(c, addr, who).await;
    wait_text(c, "#list-count", "5 篇").await;
}

/// Signs in through the window's form and waits for the first article.
async fn open_signed_in(c: &Client, addr: SocketAddr, (name, password): (&str, &str)) {
    c.goto(&format!("http://{addr}/")).await.unwrap();
    let name_box = c
        .wait()
        .for_element(Locator::Css("#profile-name"))
        .await
        .unwrap();
    name_box.send_keys(name).await.unwrap();
    c.find(Locator::Css("#profile-password"))
        .await
        .unwrap()
        .send_keys(password)
        .await
        .unwrap();
    click(c, "#profile-save").await;
    c.wait()
        .for_element(Locator::Css("#list .vrow.selected"))
        .await
        .unwrap();
}

/// Clicks the element `css`.
async fn click(c: &Client, css: &str) {
    c.find(Locator::Css(css))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// Types `keys` into the page, as a person at the keyboard would.
async fn keys(c: &Client, keys: &str) {
    c.find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys(keys)
        .await
        .unwrap();
}

/// Runs a fetch in the page and returns `[status, code]`.
async fn page_fetch(c: &Client, script: &str) -> Value {
    c.execute(script, vec![]).await.unwrap()
}

async fn screenshot(c: &Client, name: &str) {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target/screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), c.screenshot().await.unwrap()).unwrap();
}

#[test]
fn an_editor_and_a_reviewer_share_the_workspace_and_the_server_enforces_roles() {
    let dir = tempfile::tempdir().unwrap();
    let addr = start_server(dir.path());
    let driver = start_chromedriver();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let editor = browser(&driver, &dir.path().join("chrome-editor")).await;
        // Signed out, the API answers nothing.
        editor.goto(&format!("http://{addr}/")).await.unwrap();
        let out = page_fetch(&editor, "return fetch('/api/v1/call/list_digests', {method: 'POST'}).then(r => r.status)").await;
        assert_eq!(out, json!(401));
        // The API's description needs no session and holds no data.
        let doc = page_fetch(&editor, "return fetch('/api/v1/openapi.json').then(r => r.json()).then(d => [d.openapi, Object.keys(d.paths).length > 15])").await;
        assert_eq!(doc, json!(["3.0.3", true]));
        // A wrong password is refused with one message.
        let wrong = page_fetch(&editor, "return fetch('/api/v1/login', {method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify({name: '编辑甲', password: 'nope'})}).then(r => r.status)").await;
        assert_eq!(wrong, json!(401));

        sign_in(&editor, addr, EDITOR).await;
        let user = editor.find(Locator::Css("#user")).await.unwrap().text().await.unwrap();
        assert!(user.contains("编辑甲"), "{user}");
        // The editor accepts the first suggested topic of the selected article with T.
        click(&editor, "#list .vrow").await;
        editor.wait().for_element(Locator::Css(".chip.chip-suggested")).await.unwrap();
        let before = editor.find_all(Locator::Css(".chip.chip-accepted")).await.unwrap().len();
        keys(&editor, "t").await;
        let deadline = Instant::now() + Duration::from_secs(10);
        while editor.find_all(Locator::Css(".chip.chip-accepted")).await.unwrap().len() <= before {
            assert!(Instant::now() < deadline, "the topic was not accepted");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        screenshot(&editor, "team-editor.png").await;

        // A forged change (no anti-forgery token) is refused, even with the session cookie.
        let forged = page_fetch(&editor, "return fetch('/api/v1/call/undo', {method: 'POST'}).then(r => r.json()).then(b => b.code)").await;
        assert_eq!(forged, json!("csrf"));

        let reviewer = browser(&driver, &dir.path().join("chrome-reviewer")).await;
        sign_in(&reviewer, addr, REVIEWER).await;
        click(&reviewer, "#list .vrow").await;
        reviewer.wait().for_element(Locator::Css(".chip.chip-accepted")).await.unwrap();
        // The editor accepts one more topic: it appears in the reviewer's open window, live.
        let shown = reviewer.find_all(Locator::Css(".chip.chip-accepted")).await.unwrap().len();
        keys(&editor, "t").await;
        let deadline = Instant::now() + Duration::from_secs(3);
        while reviewer.find_all(Locator::Css(".chip.chip-accepted")).await.unwrap().len() <= shown {
            assert!(Instant::now() < deadline, "the editor's change did not reach the reviewer");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        // …but may not change structure: the server says 403, whatever the page tries.
        let refused = page_fetch(&reviewer, "return import('./api.js').then(m => m.api.edit({op: 'set_title', article_id: 1, title: 'x'})).then(() => 'changed', e => e.code)").await;
        assert_eq!(refused, json!("forbidden"));
        screenshot(&reviewer, "team-reviewer.png").await;
        // The agreement report comes from the server too (one editor so far: nothing to compare).
        click(&reviewer, "#show-agreement").await;
        wait_text(&reviewer, "#agreement-body .placeholder", "还没有文章被两个人分别标注过话题或情感。").await;
        click(&reviewer, "#agreement-dialog button").await;

        // The reviewer works through the queue; the editor marks a claim (select, M), and it
        // reaches the reviewer's queue live; the reviewer gives it a verdict with evidence.
        keys(&reviewer, "r").await;
        reviewer.wait().for_element(Locator::Css("#review:not([hidden])")).await.unwrap();
        let queued = || async { reviewer.find_all(Locator::Css("#queue .queue-item")).await.unwrap().len() };
        let before = queued().await;
        page_fetch(
            &editor,
            "const p = document.querySelectorAll('#article-body .para')[1];
             const w = document.createTreeWalker(p, NodeFilter.SHOW_TEXT); const n = w.nextNode();
             const r = document.createRange(); r.setStart(n, 0); r.setEnd(n, 8);
             getSelection().removeAllRanges(); getSelection().addRange(r); return true;",
        )
        .await;
        editor.wait().for_element(Locator::Css("#mark-claim:not([hidden])")).await.unwrap();
        keys(&editor, "m").await;
        let deadline = Instant::now() + Duration::from_secs(5);
        while queued().await <= before {
            assert!(Instant::now() < deadline, "the editor's claim did not reach the reviewer's queue");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let newest = page_fetch(&reviewer, "const items = [...document.querySelectorAll('#queue .queue-item')]; const last = items[items.length - 1]; last.click(); return Number(last.dataset.claim);").await;
        reviewer.wait().for_element(Locator::Css("#queue .queue-item.selected")).await.unwrap();
        keys(&reviewer, "3").await;
        keys(&reviewer, "e").await;
        reviewer.find(Locator::Css("#evidence-url")).await.unwrap().send_keys("https://www.gov.cn/zhengce/\u{E007}").await.unwrap();
        let db = dir.path().join("team.db");
        let verdict = format!("SELECT c.status || ' ' || c.reviewer || ' ' || e.url FROM claims c JOIN evidence e ON e.claim_id = c.id WHERE c.id = {newest}");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let conn = rusqlite::Connection::open(&db).unwrap();
            let got: Option<String> = conn.query_row(&verdict, [], |r| r.get(0)).ok();
            if got.as_deref() == Some("verified 审核乙 https://www.gov.cn/zhengce/") {
                break;
            }
            assert!(Instant::now() < deadline, "no verdict with evidence: {got:?}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        editor.close().await.unwrap();
        reviewer.close().await.unwrap();
    });
}

/// The page view in a browser: the PDF comes from the server (to signed-in people only), is
/// drawn with its blocks outlined, and a block moved by clicking lands in the shared database.
#[test]
fn the_page_view_draws_the_pdf_from_the_server_and_moves_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../galley-core/tests/pdf/two-columns.chromium.pdf");
    let addr = serve_with(dir.path(), |ws| {
        let opts = galley_core::app::import::ImportOptions::default();
        let source = galley_core::app::import::Source::Path(pdf);
        ws.import(&[source], &opts, |_, _| {}).unwrap();
    });
    let db = dir.path().join("team.db");
    let article_of = |paragraph: i64| -> i64 {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row(
            "SELECT article_id FROM paragraphs WHERE id = ?1",
            [paragraph],
            |r| r.get(0),
        )
        .unwrap()
    };
    let (first, second, moved) = {
        let conn = rusqlite::Connection::open(&db).unwrap();
        let ids: Vec<i64> = conn
            .prepare("SELECT id FROM articles ORDER BY position LIMIT 2")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let moved: i64 = conn
            .query_row(
                "SELECT id FROM paragraphs WHERE article_id = ?1 ORDER BY position DESC",
                [ids[0]],
                |r| r.get(0),
            )
            .unwrap();
        (ids[0], ids[1], moved)
    };
    let driver = start_chromedriver();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = browser(&driver, &dir.path().join("chrome-page")).await;
        c.goto(&format!("http://{addr}/")).await.unwrap();
        let url = "/api/v1/digests/1/page.pdf";
        let signed_out =
            page_fetch(&c, &format!("return fetch('{url}').then(r => r.status)")).await;
        assert_eq!(signed_out, json!(401));
        open_signed_in(&c, addr, EDITOR).await;
        let kind = page_fetch(
            &c,
            &format!("return fetch('{url}').then(r => r.headers.get('content-type'))"),
        )
        .await;
        assert_eq!(kind, json!("application/pdf"));

        keys(&c, "p").await;
        c.wait()
            .for_element(Locator::Css("#page-view[data-painted=true]"))
            .await
            .unwrap();
        let inked = page_fetch(
            &c,
            "const c = document.querySelector('#page-view canvas');
             const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
             let n = 0; for (let i = 0; i < d.length; i += 4) if (d[i] < 128) n++; return n;",
        )
        .await;
        assert!(inked.as_i64().unwrap() > 1000, "the page is drawn: {inked}");
        let css = format!(".pbox[data-paragraph='{moved}']");
        c.find(Locator::Css(&css))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        c.wait()
            .for_element(Locator::Css(&format!("{css}.selected")))
            .await
            .unwrap();
        c.find(Locator::Css(&format!(
            ".legend-item[data-article='{second}']"
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
        let deadline = Instant::now() + Duration::from_secs(10);
        while article_of(moved) == first {
            assert!(Instant::now() < deadline, "the block did not move");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        assert_eq!(article_of(moved), second);
        let outlined = format!("{css}[data-article='{second}']");
        c.wait().for_element(Locator::Css(&outlined)).await.unwrap();
        screenshot(&c, "team-page-view.png").await;
        c.close().await.unwrap();
    });
}

/// Two reviewers on one claim: a verdict given from a queue someone changed meanwhile is not
/// saved over theirs; the browser says who changed it, and the reviewer takes theirs or keeps
/// their own.
#[test]
fn a_verdict_from_a_stale_queue_asks_theirs_or_mine() {
    use galley_core::annotate::queue::QueueFilter;
    use galley_core::annotate::Annotation;
    use galley_core::model::ClaimStatus;
    let dir = tempfile::tempdir().unwrap();
    let addr = serve_with(dir.path(), |ws| {
        ws.load_sample().unwrap();
        let digest = ws.digests().unwrap()[0].id;
        let article = ws.store().articles(digest).unwrap()[0].id;
        let paragraph = ws.article(article).unwrap().paragraphs[1].id;
        let claim = Annotation::AddClaim {
            paragraph_id: paragraph,
            start: 0,
            end: 8,
        };
        ws.annotate(&claim).unwrap();
    });
    let db = dir.path().join("team.db");
    let first = {
        let ws = Workspace::open(&db).unwrap();
        ws.review_queue(&QueueFilter::default(), 1).unwrap()[0].claim_id
    };
    let status = || -> String {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.query_row("SELECT status FROM claims WHERE id = ?1", [first], |r| {
            r.get(0)
        })
        .unwrap()
    };
    let driver = start_chromedriver();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = browser(&driver, &dir.path().join("chrome-stale")).await;
        open_signed_in(&c, addr, REVIEWER).await;
        keys(&c, "r").await;
        c.wait()
            .for_element(Locator::Css("#queue li.selected"))
            .await
            .unwrap();

        // Another reviewer works on the same claim elsewhere, meanwhile.
        let colleague = |a: Annotation| {
            let mut ws = Workspace::open(&db).unwrap();
            ws.sign_in("审核丙", Role::Reviewer).unwrap();
            ws.annotate(&a).unwrap();
        };
        colleague(Annotation::SetVerdict {
            claim_id: first,
            status: ClaimStatus::InProgress,
            rating: None,
            rating_value: None,
        });
        keys(&c, "3").await; // verified
        keys(&c, "\u{E007}").await; // Enter saves
        c.wait()
            .for_element(Locator::Css("#stale-dialog[open]"))
            .await
            .unwrap();
        let message = c
            .find(Locator::Css("#stale-message"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(message.contains("审核丙"), "{message}");
        screenshot(&c, "team-stale-verdict.png").await;
        click(&c, "#stale-dialog button[value=theirs]").await;
        c.wait()
            .for_element(Locator::Css("#queue li.selected .badge-in_progress"))
            .await
            .unwrap();
        assert_eq!(status(), "in_progress", "theirs stays");

        // Again: this time the reviewer keeps their own, made on top of theirs.
        colleague(Annotation::AddEvidence {
            claim_id: first,
            url: None,
            quote: Some("另一位审核的证据".into()),
            note: None,
        });
        keys(&c, "3").await;
        keys(&c, "\u{E007}").await;
        c.wait()
            .for_element(Locator::Css("#stale-dialog[open]"))
            .await
            .unwrap();
        click(&c, "#stale-dialog button[value=mine]").await;
        let deadline = Instant::now() + Duration::from_secs(10);
        while status() != "verified" {
            assert!(
                Instant::now() < deadline,
                "the verdict was not saved: {}",
                status()
            );
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        c.close().await.unwrap();
    });
}

/// Markup in article text stays text in the browser too: nothing from it becomes an element
/// or runs, and the server's CSP would stop inline script if it did.
#[test]
fn article_text_stays_text_in_the_browser() {
    use galley_core::app::import::{ImportOptions, Source};
    let dir = tempfile::tempdir().unwrap();
    let evil = "# <img src=x onerror=\"window.__pwned=1\">标题\n\n<script>window.__pwned=2</script>正文。<b onmouseover=alert(1)>粗</b>\n\n据<svg onload=alert(1)>\n";
    let addr = serve_with(dir.path(), |ws| {
        let source = Source::Bytes {
            what: "evil.md".into(),
            bytes: evil.as_bytes().to_vec(),
        };
        let opts = ImportOptions {
            format: Some(galley_core::import::InputFormat::Markdown),
            ..ImportOptions::default()
        };
        let out = ws.import(&[source], &opts, |_, _| {}).unwrap();
        assert!(out[0].report.is_some(), "imported");
    });
    let driver = start_chromedriver();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let c = browser(&driver, &dir.path().join("chrome-xss")).await;
        open_signed_in(&c, addr, EDITOR).await;
        wait_text(&c, "#article-title", "<img src=x onerror=\"window.__pwned=1\">标题").await;
        let body = c.find(Locator::Css("#article-body")).await.unwrap().text().await.unwrap();
        assert!(body.contains("<script>window.__pwned=2</script>正文。"), "{body}");
        let inert = page_fetch(
            &c,
            "return window.__pwned === undefined && document.querySelectorAll('#article img, #article script, #article b, #article svg, #list img').length === 0",
        )
        .await;
        assert_eq!(inert, json!(true), "no markup from article text became elements or ran");
        assert!(c.get_alert_text().await.is_err(), "no alert is open");
        c.close().await.unwrap();
    });
}
