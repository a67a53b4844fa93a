//! The `galley` binary as a user runs it: exit codes, output, and the database afterwards.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

#[test]
fn import_list_export_the_sample_page() {
    let env = Env::new();
    let out = env.galley(&["import", SAMPLE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let report = stdout(&out);
    assert!(
        report.starts_with("tmt-digest-2023-06 [2023-06]: imported as digest 1"),
        "{report}"
    );
    assert!(report.contains("paragraphs"), "{report}");

    let list = stdout(&env.galley(&["list"]));
    let lines: Vec<&str> = list.lines().collect();
    assert!(
        lines[0].starts_with("digest 1\t2023-06\ttmt-digest-2023-06\t"),
        "{list}"
    );
    assert!(
        lines.iter().skip(1).all(|l| l.starts_with("  article ")),
        "{list}"
    );
    assert!(lines.len() > 1);

    let out = env.galley(&["export", "--format", "json"]);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(doc["schema"], "galley.export/1");
    let digest = &doc["digests"][0];
    assert_eq!(digest["source_file"], "tmt-digest-2023-06.txt");
    let all_text: String = digest["articles"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|a| a["paragraphs"].as_array().unwrap().iter())
        .map(|p| p["text"].as_str().unwrap().to_owned())
        .collect();
    assert!(
        all_text.contains("我国首次高压力纯氢管道"),
        "page text in the export"
    );

    // --out writes the same document to a file.
    let out_file = env.dir.path().join("export.json");
    let out = env.galley(&["export", "--out", out_file.to_str().unwrap()]);
    assert!(
        out.status.success() && out.stdout.is_empty(),
        "{}",
        stderr(&out)
    );
    let from_file: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&out_file).unwrap()).unwrap();
    assert_eq!(from_file, doc);
}

#[test]
fn importing_the_same_page_twice_says_so_and_stores_it_once() {
    let env = Env::new();
    assert!(env.galley(&["import", SAMPLE]).status.success());
    let out = env.galley(&["import", SAMPLE]);
    assert!(out.status.success());
    assert!(
        stdout(&out).contains("already imported as digest 1"),
        "{}",
        stdout(&out)
    );
    let list = stdout(&env.galley(&["list", "--json"]));
    let listing: serde_json::Value = serde_json::from_str(&list).unwrap();
    assert_eq!(listing.as_array().unwrap().len(), 1);
}

#[test]
fn json_report_dry_run_and_stdin() {
    let env = Env::new();
    let out = env.galley(&["import", "--dry-run", "--json", SAMPLE]);
    assert!(out.status.success(), "{}", stderr(&out));
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(reports[0]["status"], "dry_run");
    assert!(reports[0]["articles"].as_array().unwrap().len() >= 2);
    assert!(!env.db().exists(), "a dry run creates no database");

    let page = std::fs::read(SAMPLE).unwrap();
    let out = env.galley_stdin(&["import", "--name", "来自标准输入", "-"], &page);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("来自标准输入: imported as digest 1"),
        "{}",
        stdout(&out)
    );
}

fn assert_one_line_failure(out: &Output, needle: &str) {
    assert_eq!(out.status.code(), Some(1), "{}", stderr(out));
    let err = stderr(out);
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(err.starts_with("galley: ") && err.contains(needle), "{err}");
}

#[test]
fn failures_exit_1_with_one_line_and_store_nothing() {
    let env = Env::new();
    assert_one_line_failure(
        &env.galley(&["import", "/no/such/page.txt"]),
        "cannot read /no/such/page.txt",
    );
    let png = env.file("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR");
    assert_one_line_failure(&env.galley(&["import", &png]), "is not text");
    let empty = env.file("empty.txt", b"");
    assert_one_line_failure(&env.galley(&["import", &empty]), "is empty");
    let bad = env.file("bad.txt", b"\xe4\xb8\xad\xff\xfe");
    assert_one_line_failure(
        &env.galley(&["import", "--encoding", "utf-8", &bad]),
        "invalid bytes at byte 3",
    );
    assert!(stdout(&env.galley(&["list"])).starts_with("no digests yet"));
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let env = Env::new();
    let out = env.galley(&["import", "/no/such/page.txt", SAMPLE]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stdout(&out).contains("imported as digest 1"));
    assert!(stderr(&out).contains("/no/such/page.txt"));
}

#[test]
fn usage_errors_exit_2() {
    let env = Env::new();
    assert_eq!(env.galley(&["import"]).status.code(), Some(2));
    assert_eq!(env.galley(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(
        env.galley(&["export", "--format", "xml"]).status.code(),
        Some(2)
    );
}

#[test]
fn a_locked_database_is_a_clear_failure() {
    let env = Env::new();
    assert!(env.galley(&["list"]).status.success());
    let holder = rusqlite::Connection::open(env.db()).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    assert_one_line_failure(&env.galley(&["import", SAMPLE]), "database is locked");
    drop(holder);
    assert!(env.galley(&["import", SAMPLE]).status.success());
}

#[test]
fn a_failed_export_leaves_no_file() {
    let env = Env::new();
    assert!(env.galley(&["import", SAMPLE]).status.success());
    let target = env.dir.path().join("out.json");
    let out = env.galley(&[
        "export",
        "--digest",
        "99",
        "--out",
        target.to_str().unwrap(),
    ]);
    assert_one_line_failure(&out, "digest 99 does not exist");
    assert!(!target.exists());
    let leftovers: Vec<_> = std::fs::read_dir(env.dir.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert!(
        leftovers
            .iter()
            .all(|n| !n.to_string_lossy().starts_with(".tmp")),
        "{leftovers:?}"
    );
    let out = env.galley(&["export", "--out", "/no/such/dir/out.json"]);
    assert_one_line_failure(&out, "cannot write /no/such/dir/out.json");
    assert!(!Path::new("/no/such/dir/out.json").exists());
}

fn article_count(env: &Env) -> usize {
    let listing: serde_json::Value =
        serde_json::from_slice(&env.galley(&["list", "--json"]).stdout).unwrap();
    listing[0]["articles"].as_array().unwrap().len()
}

#[test]
fn fix_ups_with_undo_and_redo_across_runs() {
    let env = Env::new();
    assert!(env.galley(&["import", SAMPLE]).status.success());
    let before = article_count(&env);
    let article: serde_json::Value =
        serde_json::from_slice(&env.galley(&["show", "1", "--json"]).stdout).unwrap();
    let second = article["paragraphs"][1]["id"].as_i64().unwrap();
    let shown = stdout(&env.galley(&["show", "1"]));
    assert!(shown.contains(&format!("¶{second} [")), "{shown}");

    let out = env.galley(&[
        "edit",
        "split",
        &second.to_string(),
        "--title",
        "拆出的文章",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stdout(&out).starts_with("split_article (digest 1, article "),
        "{}",
        stdout(&out)
    );
    assert_eq!(article_count(&env), before + 1);

    let out = env.galley(&["undo"]);
    assert!(
        stdout(&out).starts_with("undo split_article"),
        "{}",
        stdout(&out)
    );
    assert_eq!(article_count(&env), before);
    assert!(stdout(&env.galley(&["redo"])).starts_with("redo split_article"));
    assert_eq!(article_count(&env), before + 1);
    assert!(stdout(&env.galley(&["undo"])).starts_with("undo"));
    assert_eq!(stdout(&env.galley(&["undo"])).trim(), "nothing to undo");

    let out = env.galley(&["edit", "title", "1", "新标题"]);
    assert!(out.status.success());
    assert!(stdout(&env.galley(&["show", "1"])).starts_with("article 1  新标题"));
    let history = stdout(&env.galley(&["history", "--article", "1"]));
    assert!(
        history
            .lines()
            .next()
            .unwrap()
            .contains("tester\tset_title article 1 (done)"),
        "{history}"
    );

    assert_one_line_failure(
        &env.galley(&["edit", "merge", "1", "1"]),
        "cannot merge an article with itself",
    );
    assert_one_line_failure(
        &env.galley(&["edit", "title", "1", " "]),
        "a title cannot be empty",
    );
    assert_one_line_failure(&env.galley(&["show", "999"]), "article 999 does not exist");
    assert_eq!(
        env.galley(&["edit", "role", "1", "sidebar"]).status.code(),
        Some(2)
    );
}

#[test]
fn folders_and_other_formats() {
    let env = Env::new();
    let folder = env.dir.path().join("inbox");
    std::fs::create_dir(&folder).unwrap();
    std::fs::copy(SAMPLE, folder.join("page.txt")).unwrap();
    std::fs::write(
        folder.join("more.md"),
        "# 标题甲\n\n正文甲。\n\n# 标题乙\n\n正文乙。\n",
    )
    .unwrap();
    std::fs::write(
        folder.join("feed.jsonl"),
        "{\"title\": \"标题丙\", \"body\": \"正文丙。\"}\n",
    )
    .unwrap();
    std::fs::write(folder.join("readme.docx"), "not imported").unwrap();
    let out = env.galley(&["import", "--json", folder.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    let reports: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let formats: Vec<&str> = reports
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["format"].as_str().unwrap())
        .collect();
    assert_eq!(formats, vec!["jsonl", "markdown", "page"]);
    assert_eq!(reports[2]["articles"].as_array().unwrap().len(), 5);

    let empty = env.dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    assert_one_line_failure(
        &env.galley(&["import", empty.to_str().unwrap()]),
        "has no files to import",
    );
    let md = env.file("x.txt", "# 强制为 Markdown\n\n正文。\n".as_bytes());
    let out = env.galley(&["import", "--format", "markdown", "--dry-run", "--json", &md]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(r[0]["articles"][0]["title"], "强制为 Markdown");
}

#[test]
fn import_drafts_suggestions_unless_told_not_to() {
    let topics = |env: &Env| -> usize {
        let doc: serde_json::Value =
            serde_json::from_slice(&env.galley(&["export"]).stdout).unwrap();
        doc["digests"][0]["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["topics"].as_array().unwrap().len())
            .sum()
    };
    let env = Env::new();
    assert!(env.galley(&["import", SAMPLE]).status.success());
    assert!(topics(&env) >= 5, "every article has suggested topics");
    let bare = Env::new();
    assert!(bare
        .galley(&["import", "--no-suggest", SAMPLE])
        .status
        .success());
    assert_eq!(topics(&bare), 0);
}

/// Lines of a page's text are moved and made titles by number, as the page view shows them.
#[test]
fn edit_lines_and_title_line_fix_page_text_by_line_number() {
    let env = Env::new();
    let pages = concat!(env!("CARGO_MANIFEST_DIR"), "/../galley-core/tests/pages/");
    env.ok(&["import", &format!("{pages}jump.txt")]);
    env.ok(&["edit", "lines", "1", "4"]);
    let shown = stdout(&env.ok(&["show", "1"]));
    assert!(shown.contains("一千二百亩"), "{shown}");
    assert!(!shown.contains("下转"), "{shown}");

    env.ok(&["import", &format!("{pages}letters-narrow.txt")]);
    let out = env.ok(&["edit", "title-line", "2", "10"]);
    assert!(
        stdout(&out).starts_with("title_at_line (digest 2, article "),
        "{}",
        stdout(&out)
    );
    let list = stdout(&env.ok(&["list"]));
    assert!(list.contains("letters-narrow\t2 articles"), "{list}");
    assert_one_line_failure(
        &env.galley(&["edit", "lines", "2", "1"]),
        "line 1 is not in a paragraph: move its article or piece instead",
    );
}

/// `galley eval` scores labelled JSON Lines and the project's own test sets, and says which
/// line of a bad file is wrong.
#[test]
fn eval_scores_labelled_examples() {
    let env = Env::new();
    let file = env.path("labelled.jsonl");
    std::fs::write(
        &file,
        concat!(
            r#"{"title": "湖人加时险胜勇士 詹姆斯砍下三双", "topics": ["medtop:15000000"]}"#,
            "\n",
            r#"{"text": "故宫博物院始建于1925年，位于北京市中心。", "claim": true}"#,
            "\n",
            r#"{"text": "这部电影又尬又无聊，浪费了两个小时。", "sentiment": "negative"}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = stdout(&env.ok(&["eval", file.to_str().unwrap()]));
    assert!(out.contains("3 examples"), "{out}");
    assert!(out.contains("topics     top-1 1.000 (1/1)"), "{out}");
    assert!(out.contains("claims     recall 1.000 (1/1)"), "{out}");
    assert!(out.contains("sentiment  accuracy 1.000 (1/1)"), "{out}");
    let json: serde_json::Value =
        serde_json::from_slice(&env.ok(&["eval", "--json", file.to_str().unwrap()]).stdout)
            .unwrap();
    assert_eq!(json[0]["topics"]["top1"], 1);
    let claims = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../galley-core/assets/language/claims-test.tsv"
    );
    let out = stdout(&env.ok(&["eval", claims]));
    assert!(out.contains("40 examples"), "{out}");

    // --misses lists what the suggestions got wrong, by line; an opinion is no claim.
    std::fs::write(
        &file,
        concat!(
            "# a comment line\n",
            "1\t我觉得这家店还行吧。\n",
            "neg\t北京的亲友们啊[泪][泪]\n",
        ),
    )
    .unwrap();
    let out = stdout(&env.ok(&["eval", "--misses", file.to_str().unwrap()]));
    assert!(
        out.contains("line 2 claim: expected flagged, got not flagged | 我觉得这家店还行吧。"),
        "{out}"
    );
    assert!(!out.contains("line 3"), "the tone was right: {out}");
    let out = stdout(&env.ok(&["eval", file.to_str().unwrap()]));
    assert!(!out.contains("line 2"), "misses only when asked: {out}");

    std::fs::write(&file, "{\"text\": 3}\n").unwrap();
    assert_one_line_failure(
        &env.galley(&["eval", file.to_str().unwrap()]),
        "line 1: not a labelled example",
    );
    // Nothing was stored.
    assert!(stdout(&env.ok(&["list"])).starts_with("no digests yet"));
}
