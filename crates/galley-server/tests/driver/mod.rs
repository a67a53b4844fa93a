//! A desk under load: simulated people signed in to a team server over HTTP, browsing,
//! searching, annotating and reviewing as fast as the server answers (with a short pause
//! between calls), then a check that every change the server acknowledged is in the database.
//! Used by the load benchmark (`benches/load.rs`) and, small, by `tests/load.rs`.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::path::Path;
use std::time::{Duration, Instant};

use galley_core::app::import::{ImportOptions, Source};
use galley_core::store::people::Role;
use galley_core::Workspace;
use serde_json::{json, Value};

/// How big a run is.
#[derive(Debug, Clone, Copy)]
pub struct Plan {
    /// People signed in at once.
    pub users: usize,
    /// How long they work.
    pub duration: Duration,
    /// Articles in the workspace (20 per digest).
    pub articles: usize,
    /// The longest pause between one person's calls (each pause is drawn up to this).
    pub think: Duration,
}

/// The password every simulated person has.
pub const PASSWORD: &str = "load-test-password-1";

/// Fills a workspace at `db`: `plan.articles` articles in digests of 20, a claim on every
/// fifth article, and the people (half editors, two in five reviewers, the rest read only).
pub fn build(db: &Path, plan: &Plan) -> Vec<(String, Role)> {
    let dir = db.parent().unwrap().join("load-pages");
    std::fs::create_dir_all(&dir).unwrap();
    write_digests(&dir, plan.articles);
    let mut ws = Workspace::open(db).unwrap();
    ws.act_as("setup");
    let opts = ImportOptions {
        no_suggest: true,
        ..ImportOptions::default()
    };
    for outcome in ws.import(&[Source::Path(dir)], &opts, |_, _| {}).unwrap() {
        assert!(outcome.report.is_some(), "{}", outcome.file);
    }
    seed_claims(&mut ws);
    people(&mut ws, plan.users)
}

/// Sentences to make articles from (the project's own sample page).
fn sentences() -> Vec<String> {
    galley_core::sample::SAMPLE_TEXT
        .split(['。', '\n'])
        .map(str::trim)
        .filter(|s| s.chars().count() > 12)
        .map(|s| format!("{s}。"))
        .collect()
}

fn write_digests(dir: &Path, articles: usize) {
    let sentences = sentences();
    let pick = |i: usize| sentences[i % sentences.len()].as_str();
    for d in 0..articles.div_ceil(20) {
        let mut lines = String::new();
        for a in 0..20.min(articles - d * 20) {
            let n = d * 20 + a;
            let paragraphs: Vec<String> = (0..3)
                .map(|p| format!("{}{}第{n}号稿。", pick(n * 3 + p), pick(n * 7 + p)))
                .collect();
            let article =
                json!({"title": format!("负载测试稿件{n}：{}", pick(n)), "paragraphs": paragraphs});
            lines.push_str(&article.to_string());
            lines.push('\n');
        }
        std::fs::write(dir.join(format!("digest-{d:04}.jsonl")), lines).unwrap();
    }
}

fn seed_claims(ws: &mut Workspace) {
    use galley_core::annotate::Annotation;
    let digests: Vec<i64> = ws.digests().unwrap().iter().map(|d| d.id).collect();
    for digest in digests {
        for article in ws.store().articles(digest).unwrap().iter().step_by(5) {
            let full = ws.article(article.id).unwrap();
            let p = &full.paragraphs[0];
            let end = p.text.chars().count().min(16) as i64;
            let claim = Annotation::AddClaim {
                paragraph_id: p.id,
                start: 0,
                end,
            };
            ws.annotate(&claim).unwrap();
        }
    }
}

fn people(ws: &mut Workspace, users: usize) -> Vec<(String, Role)> {
    (0..users)
        .map(|i| {
            let role = match i % 10 {
                0..=4 => Role::Editor,
                5..=8 => Role::Reviewer,
                _ => Role::ReadOnly,
            };
            let name = format!("load{i:02}");
            ws.add_user(&name, role).unwrap();
            ws.set_password(&name, Some(PASSWORD)).unwrap();
            (name, role)
        })
        .collect()
}

/// One person's HTTP session.
struct Session {
    http: reqwest::Client,
    base: String,
    cookie: String,
    csrf: String,
}

/// What one call did.
enum Answer {
    Ok(Value),
    /// 409: made from a view someone else had changed meanwhile (refused, nothing lost).
    Stale,
    /// Any other refusal, with its status.
    Failed(u16, String),
}

impl Session {
    async fn sign_in(base: &str, name: &str) -> Session {
        let http = reqwest::Client::new();
        let res = http
            .post(format!("{base}/api/v1/login"))
            .json(&json!({"name": name, "password": PASSWORD}))
            .send()
            .await
            .unwrap();
        assert!(
            res.status().is_success(),
            "sign-in of {name}: {}",
            res.status()
        );
        let cookie = res
            .headers()
            .get("set-cookie")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(';').next())
            .expect("a session cookie")
            .to_owned();
        let session: Value = res.json().await.unwrap();
        Session {
            http,
            base: base.to_owned(),
            cookie,
            csrf: session["csrf"].as_str().unwrap().to_owned(),
        }
    }

    async fn call(&self, name: &str, args: Value) -> Answer {
        let res = self
            .http
            .post(format!("{}/api/v1/call/{name}", self.base))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf)
            .json(&args)
            .send()
            .await;
        let res = match res {
            Ok(r) => r,
            Err(e) => return Answer::Failed(0, e.to_string()),
        };
        let status = res.status().as_u16();
        let body: Value = res.json().await.unwrap_or(Value::Null);
        match status {
            200 => Answer::Ok(body),
            409 => Answer::Stale,
            _ => Answer::Failed(status, body.to_string()),
        }
    }
}

/// Everything one run saw.
#[derive(Default)]
pub struct Tally {
    /// Per call name: how long each answer took.
    pub latencies: BTreeMap<String, Vec<Duration>>,
    /// Changes refused as stale (409).
    pub stale: usize,
    /// Answers with a 5xx status or no answer at all.
    pub server_errors: usize,
    /// Other refusals (4xx): none are expected.
    pub refused: Vec<String>,
    /// Every acknowledged change: `(audit id, what it set)`.
    pub acknowledged: Vec<(i64, Expect)>,
}

/// What an acknowledged change must have left in the database.
#[derive(Debug, Clone)]
pub enum Expect {
    /// A note with this body on the article.
    Note(i64, String),
    /// The article's own sentiment label (unless a later acknowledged change set another).
    Sentiment(i64, String),
    /// The claim's status (same).
    Verdict(i64, String),
    /// A claim with this span on the paragraph.
    Claim(i64, i64, i64),
}

impl Tally {
    fn merge(&mut self, other: Tally) {
        for (k, v) in other.latencies {
            self.latencies.entry(k).or_default().extend(v);
        }
        self.stale += other.stale;
        self.server_errors += other.server_errors;
        self.refused.extend(other.refused);
        self.acknowledged.extend(other.acknowledged);
    }

    /// Calls answered, in all.
    pub fn calls(&self) -> usize {
        self.latencies.values().map(Vec::len).sum()
    }
}

/// One simulated person at work until `until`.
struct Worker {
    session: Session,
    role: Role,
    rng: fastrand::Rng,
    articles: i64,
    tally: Tally,
    name: String,
    think: Duration,
}

impl Worker {
    async fn timed(&mut self, name: &str, args: Value) -> Option<Value> {
        self.timed_as(name, name, args).await
    }

    /// [`Self::timed`], its latency kept under `label`.
    async fn timed_as(&mut self, label: &str, name: &str, args: Value) -> Option<Value> {
        let start = Instant::now();
        let answer = self.session.call(name, args).await;
        let took = start.elapsed();
        self.tally
            .latencies
            .entry(label.to_owned())
            .or_default()
            .push(took);
        match answer {
            Answer::Ok(v) => Some(v),
            Answer::Stale => {
                self.tally.stale += 1;
                None
            }
            Answer::Failed(status, body) if status == 0 || status >= 500 => {
                self.tally.server_errors += 1;
                self.tally.refused.push(format!("{name}: {status} {body}"));
                None
            }
            Answer::Failed(status, body) => {
                self.tally
                    .refused
                    .push(format!("{} {name}: {status} {body}", self.name));
                None
            }
        }
    }

    async fn browse(&mut self) -> Option<Value> {
        let offset = self.rng.i64(0..self.articles.max(51) - 50);
        let page = self
            .timed(
                "query_articles",
                json!({"filter": {}, "offset": offset, "limit": 50}),
            )
            .await?;
        let items = page["items"].as_array()?;
        let id = items.get(self.rng.usize(0..items.len().max(1)))?["id"].as_i64()?;
        self.timed("article_annotations", json!({"articleId": id}))
            .await?;
        self.timed("get_article", json!({"id": id})).await
    }

    async fn search(&mut self) {
        const WORDS: [&str; 6] = ["氢气", "自动驾驶", "开源", "面板", "超级计算机", "数据"];
        let word = WORDS[self.rng.usize(0..WORDS.len())];
        let filter = json!({"filter": {"text": word}, "offset": 0, "limit": 50});
        self.timed_as("query_articles (search)", "query_articles", filter)
            .await;
    }

    async fn annotate(&mut self) {
        let Some(article) = self.browse().await else {
            return;
        };
        let (id, base) = (
            article["id"].as_i64().unwrap(),
            article["version"].as_i64().unwrap(),
        );
        let (annotation, expect) = match self.rng.u8(0..3) {
            0 => {
                let body = format!("load-note {} {}", self.name, self.rng.u64(..));
                (
                    json!({"op": "add_note", "article_id": id, "body": body}),
                    Expect::Note(id, body),
                )
            }
            1 => {
                let label = ["positive", "negative", "neutral", "mixed"][self.rng.usize(0..4)];
                let a = json!({"op": "set_sentiment", "article_id": id, "label": label});
                (a, Expect::Sentiment(id, label.to_owned()))
            }
            _ => {
                let p = &article["paragraphs"][self.rng.usize(0..3)];
                let (pid, len) = (
                    p["id"].as_i64().unwrap(),
                    p["text"].as_str().unwrap().chars().count() as i64,
                );
                let start = self.rng.i64(0..len - 8);
                let end = start + self.rng.i64(4..9);
                let a = json!({"op": "add_claim", "paragraph_id": pid, "start": start, "end": end});
                (a, Expect::Claim(pid, start, end))
            }
        };
        let done = self
            .timed("annotate", json!({"annotation": annotation, "base": base}))
            .await;
        if let Some(change) = done {
            self.tally
                .acknowledged
                .push((change["audit_id"].as_i64().unwrap(), expect));
        }
    }

    async fn review(&mut self) {
        let Some(queue) = self.timed("review_queue", json!({"filter": {}})).await else {
            return;
        };
        let Some(items) = queue.as_array().filter(|q| !q.is_empty()) else {
            return;
        };
        let item = &items[self.rng.usize(0..items.len())];
        let (claim, article) = (
            item["claim_id"].as_i64().unwrap(),
            item["article_id"].as_i64().unwrap(),
        );
        let Some(a) = self.timed("get_article", json!({"id": article})).await else {
            return;
        };
        let status = ["verified", "false", "undetermined", "in_progress"][self.rng.usize(0..4)];
        let verdict = json!({"op": "set_verdict", "claim_id": claim, "status": status, "rating": null, "rating_value": null});
        let base = a["version"].as_i64();
        if let Some(change) = self
            .timed("annotate", json!({"annotation": verdict, "base": base}))
            .await
        {
            let id = change["audit_id"].as_i64().unwrap();
            self.tally
                .acknowledged
                .push((id, Expect::Verdict(claim, status.to_owned())));
        }
    }

    async fn work(mut self, until: Instant) -> Tally {
        while Instant::now() < until {
            let roll = self.rng.u8(0..10);
            match (self.role, roll) {
                (_, 0..=2) => self.search().await,
                (Role::Editor, 3..=6) => self.annotate().await,
                (Role::Reviewer, 3..=6) => self.review().await,
                _ => {
                    self.browse().await;
                }
            }
            let pause = self.rng.u64(0..=self.think.as_millis() as u64);
            tokio::time::sleep(Duration::from_millis(pause)).await;
        }
        self.tally
    }
}

/// Signs everyone in, lets them work for `plan.duration`, and gathers what they saw.
pub async fn run(addr: SocketAddr, people: &[(String, Role)], plan: &Plan) -> Tally {
    let base = format!("http://{addr}");
    let mut workers = Vec::new();
    for (i, (name, role)) in people.iter().enumerate() {
        workers.push(Worker {
            session: Session::sign_in(&base, name).await,
            role: *role,
            rng: fastrand::Rng::with_seed(i as u64 + 1),
            articles: plan.articles as i64,
            tally: Tally::default(),
            name: name.clone(),
            think: plan.think,
        });
    }
    let until = Instant::now() + plan.duration;
    let tasks: Vec<_> = workers
        .into_iter()
        .map(|w| tokio::spawn(w.work(until)))
        .collect();
    let mut tally = Tally::default();
    for t in tasks {
        tally.merge(t.await.unwrap());
    }
    tally
}

/// Acknowledged changes missing from the database afterwards (lost updates), described.
pub fn lost_updates(db: &Path, tally: &Tally) -> Vec<String> {
    let conn = rusqlite::Connection::open(db).unwrap();
    let mut lost = Vec::new();
    let mut last: BTreeMap<(u8, i64), (i64, String)> = BTreeMap::new();
    for (audit_id, expect) in &tally.acknowledged {
        let logged: i64 = conn
            .query_row(
                "SELECT count(*) FROM audit_log WHERE id = ?1 AND undo_state = 'done'",
                [audit_id],
                |r| r.get(0),
            )
            .unwrap();
        if logged != 1 {
            lost.push(format!(
                "audit entry {audit_id} ({expect:?}) is not in the history"
            ));
        }
        match expect {
            Expect::Note(article, body) => {
                let n: i64 = conn
                    .query_row(
                        "SELECT count(*) FROM notes WHERE article_id = ?1 AND body = ?2",
                        rusqlite::params![article, body],
                        |r| r.get(0),
                    )
                    .unwrap();
                if n != 1 {
                    lost.push(format!("note {body:?} on article {article}"));
                }
            }
            Expect::Claim(paragraph, start, end) => {
                let n: i64 = conn
                    .query_row("SELECT count(*) FROM claims WHERE paragraph_id = ?1 AND start = ?2 AND end = ?3", [paragraph, start, end], |r| r.get(0))
                    .unwrap();
                if n == 0 {
                    lost.push(format!("claim {start}..{end} of paragraph {paragraph}"));
                }
            }
            Expect::Sentiment(article, label) => {
                keep_last(&mut last, (0, *article), *audit_id, label)
            }
            Expect::Verdict(claim, status) => keep_last(&mut last, (1, *claim), *audit_id, status),
        }
    }
    for ((kind, id), (_, want)) in last {
        let sql = match kind {
            0 => "SELECT label FROM sentiments WHERE article_id = ?1 AND paragraph_id IS NULL AND source = 'editor'",
            _ => "SELECT status FROM claims WHERE id = ?1",
        };
        let got: Option<String> = conn.query_row(sql, [id], |r| r.get(0)).ok();
        if got.as_deref() != Some(want.as_str()) {
            lost.push(format!(
                "{} of {id}: {got:?}, the last acknowledged was {want}",
                ["sentiment", "verdict"][kind as usize]
            ));
        }
    }
    lost
}

fn keep_last(
    last: &mut BTreeMap<(u8, i64), (i64, String)>,
    key: (u8, i64),
    audit_id: i64,
    value: &str,
) {
    let entry = last.entry(key).or_insert((audit_id, value.to_owned()));
    if audit_id >= entry.0 {
        *entry = (audit_id, value.to_owned());
    }
}

/// The `q`-quantile of sorted durations, in milliseconds.
pub fn quantile(sorted: &[Duration], q: f64) -> f64 {
    let i = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(i).map_or(0.0, |d| d.as_secs_f64() * 1000.0)
}
