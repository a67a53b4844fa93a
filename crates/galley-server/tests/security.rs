//! The team server's defences over HTTP, as an attacker would try them: a session fixed in
//! advance, a role taken by calling the API directly, forged changes, and passwords in logs.

use std::io::Write;
use std::sync::{Arc, Mutex};

use galley_core::store::people::Role;
use galley_core::Workspace;
use serde_json::{json, Value};

const PASSWORD: &str = "secret-password-for-tests";

/// A log that keeps everything the server writes, at every level.
#[derive(Clone, Default)]
struct Log(Arc<Mutex<Vec<u8>>>);

impl Write for Log {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Log {
    type Writer = Log;
    fn make_writer(&'a self) -> Log {
        self.clone()
    }
}

fn server() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut ws = Workspace::open(&dir.path().join("team.db")).unwrap();
    ws.act_as("setup");
    ws.load_sample().unwrap();
    for (name, role) in [("编辑甲", Role::Editor), ("审核乙", Role::Reviewer)] {
        ws.add_user(name, role).unwrap();
        ws.set_password(name, Some(PASSWORD)).unwrap();
    }
    let addr = galley_server::spawn_local(ws).unwrap();
    (dir, format!("http://{addr}"))
}

/// Signs in (optionally sending a cookie chosen beforehand); `(cookie, csrf)`.
async fn sign_in(
    http: &reqwest::Client,
    base: &str,
    name: &str,
    planted: Option<&str>,
) -> (String, String) {
    let mut req = http
        .post(format!("{base}/api/v1/login"))
        .json(&json!({"name": name, "password": PASSWORD}));
    if let Some(p) = planted {
        req = req.header("cookie", format!("galley_session={p}"));
    }
    let res = req.send().await.unwrap();
    assert_eq!(res.status(), 200);
    let cookie = res.headers()["set-cookie"].to_str().unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let session: Value = res.json().await.unwrap();
    (cookie, session["csrf"].as_str().unwrap().to_owned())
}

async fn call(
    http: &reqwest::Client,
    base: &str,
    who: &(String, String),
    name: &str,
    args: Value,
) -> (u16, Value) {
    let res = http
        .post(format!("{base}/api/v1/call/{name}"))
        .header("cookie", &who.0)
        .header("x-csrf-token", &who.1)
        .json(&args)
        .send()
        .await
        .unwrap();
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
}

#[test]
fn a_session_fixed_in_advance_is_never_adopted() {
    let (_dir, base) = server();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let http = reqwest::Client::new();
        let planted = "0".repeat(64);
        let (cookie, _) = sign_in(&http, &base, "编辑甲", Some(&planted)).await;
        assert_ne!(
            cookie,
            format!("galley_session={planted}"),
            "a fresh token at sign-in"
        );
        let res = http
            .get(format!("{base}/api/v1/session"))
            .header("cookie", format!("galley_session={planted}"))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401, "the planted token opens nothing");
    });
}

#[test]
fn roles_are_the_servers_to_enforce_whatever_the_client_sends() {
    let (_dir, base) = server();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let http = reqwest::Client::new();
        let editor = sign_in(&http, &base, "编辑甲", None).await;
        let reviewer = sign_in(&http, &base, "审核乙", None).await;
        let (_, queue) = call(&http, &base, &editor, "review_queue", json!({"filter": {}})).await;
        let page = call(&http, &base, &editor, "query_articles", json!({"filter": {}, "offset": 0, "limit": 1})).await.1;
        let article = page["items"][0]["id"].as_i64().unwrap();
        let full = call(&http, &base, &editor, "get_article", json!({"id": article})).await.1;
        let paragraph = full["paragraphs"][1]["id"].as_i64().unwrap();
        // The editor marks a claim; giving it a verdict is a reviewer's, refused even by direct call.
        let claim = json!({"op": "add_claim", "paragraph_id": paragraph, "start": 0, "end": 6});
        let (status, _) = call(&http, &base, &editor, "annotate", json!({"annotation": claim})).await;
        assert_eq!(status, 200);
        let (_, queue_after) = call(&http, &base, &reviewer, "review_queue", json!({"filter": {}})).await;
        assert_eq!(queue_after.as_array().unwrap().len(), queue.as_array().unwrap().len() + 1);
        let claim_id = queue_after.as_array().unwrap().iter().map(|c| c["claim_id"].as_i64().unwrap()).max().unwrap();
        let verdict = json!({"op": "set_verdict", "claim_id": claim_id, "status": "verified", "rating": null, "rating_value": null});
        let (status, body) = call(&http, &base, &editor, "annotate", json!({"annotation": verdict})).await;
        assert_eq!((status, body["code"].as_str()), (403, Some("forbidden")), "{body}");
        let (status, _) = call(&http, &base, &reviewer, "annotate", json!({"annotation": verdict})).await;
        assert_eq!(status, 200);
        // A reviewer may not change structure; nobody may change anything without the token.
        let edit = json!({"edit": {"op": "set_title", "article_id": article, "title": "x"}});
        assert_eq!(call(&http, &base, &reviewer, "apply_edit", edit.clone()).await.0, 403);
        let forged = (editor.0.clone(), "not-the-token".to_owned());
        let (status, body) = call(&http, &base, &forged, "apply_edit", edit).await;
        assert_eq!((status, body["code"].as_str()), (403, Some("csrf")));
        // Every response carries the content security policy, the page too.
        let res = http.get(format!("{base}/")).send().await.unwrap();
        let csp = res.headers()["content-security-policy"].to_str().unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("object-src 'none'"), "{csp}");
    });
}

#[test]
fn passwords_never_reach_the_log() {
    let log = Log::default();
    // The server's threads log through the global default.
    tracing::subscriber::set_global_default(
        tracing_subscriber::fmt()
            .with_max_level(tracing::Level::TRACE)
            .with_writer(log.clone())
            .finish(),
    )
    .unwrap();
    let (_dir, base) = server();
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let http = reqwest::Client::new();
        let wrong = "wrong-password-that-must-not-appear";
        let res = http
            .post(format!("{base}/api/v1/login"))
            .json(&json!({"name": "编辑甲", "password": wrong}))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), 401);
        sign_in(&http, &base, "编辑甲", None).await;
    });
    let text = String::from_utf8_lossy(&log.0.lock().unwrap()).into_owned();
    assert!(
        text.contains("failed sign-in"),
        "the failure is logged: {text}"
    );
    assert!(
        !text.contains("wrong-password-that-must-not-appear") && !text.contains(PASSWORD),
        "{text}"
    );
}
