//! `galley` killed (SIGKILL) at random points of an import and of edits and annotations: the
//! database stays whole, no digest is half stored, and every change a command acknowledged
//! (printed) before it was killed is there. A later import completes the suggestions a killed
//! one left undrafted.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::Env;
use rusqlite::Connection;

/// At least this many commands are run with a kill pending.
const TRIALS: usize = 100;
/// Edits and annotations per imported database (an import is the slow part of a round).
const EDITS_PER_ROUND: usize = 25;
/// Past this, no new round starts (debug builds on a shared CI machine).
const BUDGET: Duration = Duration::from_secs(150);

/// A small seeded generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Runs `galley ARGS` and kills it after `after` unless it ended first. Its standard output
/// (what it acknowledged) and whether it was killed.
fn run_killed(env: &Env, args: &[&str], after: Duration) -> (String, bool) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_galley"))
        .args(args)
        .env("GALLEY_DB", env.db())
        .env("GALLEY_USER", "tester")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let killed = loop {
        if child.try_wait().unwrap().is_some() {
            break false;
        }
        if started.elapsed() >= after {
            child.kill().unwrap(); // SIGKILL
            break true;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let out = child.wait_with_output().unwrap();
    (String::from_utf8_lossy(&out.stdout).into_owned(), killed)
}

fn count(db: &Connection, sql: &str) -> i64 {
    db.query_row(sql, [], |r| r.get(0)).unwrap()
}

/// The database is whole and no digest or article is partly stored.
fn check_whole(db: &Connection, what: &str) {
    let ok: String = db
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok", "{what}");
    if !migrated(db) {
        return; // killed before its schema was written: nothing stored
    }
    let empty_digests = count(
        db,
        "SELECT count(*) FROM digests d WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.digest_id = d.id)",
    );
    assert_eq!(empty_digests, 0, "digests without articles after {what}");
    let empty_articles = count(
        db,
        "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)",
    );
    assert_eq!(
        empty_articles, 0,
        "articles without paragraphs after {what}"
    );
}

fn migrated(db: &Connection) -> bool {
    count(
        db,
        "SELECT count(*) FROM sqlite_schema WHERE name = 'digests'",
    ) > 0
}

/// Every digest an import printed as stored is there, with as many articles as it said.
fn check_imported(db: &Connection, printed: &str) {
    if !migrated(db) {
        assert!(!printed.contains("imported as"), "{printed}");
        return;
    }
    let mut lines = printed.lines().peekable();
    while let Some(line) = lines.next() {
        let Some((_, id)) = line.split_once("imported as digest ") else {
            continue;
        };
        let id: i64 = id.trim().parse().unwrap();
        let mut articles = 0;
        while lines.peek().is_some_and(|l| l.starts_with("  ")) {
            let line = lines.next().unwrap();
            articles += (!line.contains("warning") && line.contains(" paragraphs, ")) as i64;
        }
        let stored = count(
            db,
            &format!("SELECT count(*) FROM articles WHERE digest_id = {id}"),
        );
        assert!(stored > 0, "digest {id} was printed: {printed}");
        if articles > 0 {
            assert_eq!(stored, articles, "digest {id}: {printed}");
        }
    }
}

fn digest_files(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let words = [
        "氢能", "管道", "试验", "面板", "营收", "投产", "专家", "市场",
    ];
    for f in 0..4 {
        let mut s = String::new();
        for a in 0..8 {
            s.push_str(&format!("# 第{f}期第{a}篇{}\n\n", words[(a + f) % 8]));
            for p in 0..4 {
                let w: String = (0..10).map(|i| words[(a * 3 + p + i + f) % 8]).collect();
                s.push_str(&format!(
                    "{w}同比增长{}%。专家表示前景广阔。\n\n",
                    a + p + f + 1
                ));
            }
        }
        std::fs::write(dir.join(format!("digest-{f}.md")), s).unwrap();
    }
}

/// One edit or annotation on `article`, and what must hold if it printed its change.
fn command(rng: &mut Rng, article: i64, paragraph: i64, k: usize) -> (Vec<String>, Option<String>) {
    let a = article.to_string();
    let note = format!("核对{k}");
    match rng.below(5) {
        0 => (
            vec!["annotate".into(), "note".into(), a.clone(), note.clone()],
            Some(format!(
                "SELECT count(*) FROM notes WHERE article_id = {a} AND body = '{note}'"
            )),
        ),
        1 => (
            vec!["edit".into(), "title".into(), a, format!("标题{k}")],
            None,
        ),
        2 => (
            vec![
                "edit".into(),
                "move".into(),
                paragraph.to_string(),
                "--to".into(),
                a,
                "--position".into(),
                "0".into(),
            ],
            None,
        ),
        3 => (
            vec!["annotate".into(), "sentiment".into(), a, "positive".into()],
            None,
        ),
        _ => (vec!["undo".into()], None),
    }
}

#[test]
fn killed_commands_leave_a_whole_database_and_keep_what_they_acknowledged() {
    let started = Instant::now();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut trials = 0;
    let mut kills = 0;
    let mut rounds = 0;
    while trials < TRIALS && (started.elapsed() < BUDGET || rounds == 0) {
        rounds += 1;
        let env = Env::new();
        let folder = env.path("in");
        digest_files(&folder);
        let folder = folder.to_str().unwrap();
        // A killed import: what it printed is stored, whole.
        let (printed, killed) = run_killed(
            &env,
            &["import", folder],
            Duration::from_millis(rng.below(2500)),
        );
        trials += 1;
        kills += killed as usize;
        let db = Connection::open(env.db()).unwrap();
        check_whole(&db, "a killed import");
        check_imported(&db, &printed);
        // The same import again completes it: every digest stored and drafted.
        let (printed, _) = run_killed(&env, &["import", folder], Duration::from_secs(120));
        check_whole(&db, "a second import");
        assert_eq!(count(&db, "SELECT count(*) FROM digests"), 4, "{printed}");
        assert_eq!(
            count(&db, "SELECT count(*) FROM pending_suggestions"),
            0,
            "{printed}"
        );
        let undrafted = count(
            &db,
            "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_keywords k WHERE k.article_id = a.id)",
        );
        assert_eq!(undrafted, 0, "articles left without suggestions");
        let article = count(&db, "SELECT min(id) FROM articles");
        let paragraph = count(&db, "SELECT max(id) FROM paragraphs");
        // How long an edit takes here, so kills fall before, during and after its write.
        let note = ["annotate", "note", &article.to_string(), "起点"].map(str::to_owned);
        let asked = Instant::now();
        run_killed(
            &env,
            &note.each_ref().map(String::as_str),
            Duration::from_secs(60),
        );
        let edit_ms = asked.elapsed().as_millis() as u64 * 3 / 2;
        let mut acknowledged = Vec::new();
        for k in 0..EDITS_PER_ROUND {
            let (args, holds) = command(&mut rng, article, paragraph, k);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (printed, killed) =
                run_killed(&env, &args, Duration::from_millis(rng.below(edit_ms)));
            trials += 1;
            kills += killed as usize;
            if !printed.is_empty() {
                acknowledged.extend(holds);
            }
            check_whole(&db, &format!("galley {args:?}"));
            for sql in &acknowledged {
                // An acknowledged note may only go away by an undo run later.
                if !args.contains(&"undo") {
                    assert!(count(&db, sql) > 0, "acknowledged, then lost: {sql}");
                }
            }
            if args.contains(&"undo") {
                acknowledged.clear();
            }
        }
    }
    eprintln!(
        "{rounds} rounds, {trials} trials, {kills} killed, {:?}",
        started.elapsed()
    );
    assert!(
        trials >= TRIALS,
        "only {trials} trials in {:?}",
        started.elapsed()
    );
    assert!(
        kills * 3 >= trials,
        "only {kills} of {trials} commands were killed before they ended"
    );
    assert!(
        kills < trials,
        "every command was killed: nothing acknowledged was checked"
    );
}
