//! `galley export` in every format, read back by independent readers: the JSON Schema
//! validator, the `csv` crate, Python's `csv` module, LibreOffice (headless) and a JSON-LD
//! processor (Python's pyld, offline, with local copies of the contexts). And `galley import`
//! of the interchange formats: a Galley export (round trip and merge), Label Studio, doccano.
//!
//! Needs `python3` with `pyld` and LibreOffice's `soffice` (installed by `scripts/setup.sh
//! --test`); a test that needs one that is missing fails and says so.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::*;

use serde_json::Value;

const SCHEMA: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../../docs/galley.export.schema.json"
);
const EXPAND: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/jsonld/expand.py");

const TRICKY_TITLE: &str = "=HYPERLINK(\"http://x\",\"点我\")";
const TRICKY_PARAGRAPH: &str = "吉𠮷野家😀说：\"价格\"上涨，30%\n第二行";

impl Env {
    fn sql(&self, sql: &str) {
        let conn = rusqlite::Connection::open(self.db()).unwrap();
        conn.execute_batch(sql).unwrap();
    }

    /// The sample digest and a second one with tricky text, annotated with SQL.
    fn annotated() -> Env {
        let env = Env::new();
        env.ok(&["import", "--no-suggest", SAMPLE]);
        let conn = rusqlite::Connection::open(env.db()).unwrap();
        let first: i64 = conn
            .query_row(
                "SELECT id FROM articles ORDER BY digest_id, position LIMIT 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let (pid, ptext): (i64, String) = conn
            .query_row(
                "SELECT id, text FROM paragraphs WHERE article_id = ?1 ORDER BY position LIMIT 1",
                [first],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        let span: String = ptext.chars().take(10).collect();
        conn.execute_batch(&format!(
            "UPDATE articles SET review_state = 'approved' WHERE id = {first};
             INSERT INTO article_topics (article_id, topic_id, source, status, score, created_by, created_at)
               SELECT {first}, id, 'editor', 'accepted', 0.9, 'editor-a', '2026-11-01T10:00:00Z'
               FROM topics WHERE code = 'desk:open-source';
             INSERT INTO sentiments (article_id, paragraph_id, label, score, source, status, created_by, created_at)
               VALUES ({first}, NULL, 'positive', 0.6, 'editor', 'accepted', 'editor-a', '2026-11-01T10:00:00Z');"
        ))
        .unwrap();
        conn.execute(
            "INSERT INTO claims (article_id, paragraph_id, start, end, text, source, status, rating,
                                 rating_value, reviewer, reviewed_at, created_by, created_at, updated_at)
             VALUES (?1, ?2, 0, 10, ?3, 'editor', 'verified', '属实', 5, '李编辑',
                     '2026-11-02T09:00:00Z', 'editor-a', '2026-11-01T10:00:00Z', '2026-11-02T09:00:00Z')",
            rusqlite::params![first, pid, span],
        )
        .unwrap();
        let claim = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO evidence (claim_id, url, quote, added_by, added_at)
             VALUES (?1, 'https://example.org/report', '官方通报', '李编辑', '2026-11-02T08:00:00Z')",
            [claim],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO digests (name, issue_date, content_hash, imported_at)
             VALUES ('tricky', '2024-01-15', 'hash-tricky', '2026-11-01T00:00:00Z')",
            [],
        )
        .unwrap();
        let d2 = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO articles (digest_id, position, title, source_line, confidence, review_state, updated_at)
             VALUES (?1, 0, ?2, '据《科技日报》', 1.0, 'in_review', '2026-11-01T00:00:00Z')",
            rusqlite::params![d2, TRICKY_TITLE],
        )
        .unwrap();
        let a2 = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO article_outlets (article_id, position, name) VALUES (?1, 0, '科技日报')",
            [a2],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO paragraphs (article_id, position, kind, text) VALUES (?1, 0, 'lead', ?2)",
            rusqlite::params![a2, TRICKY_PARAGRAPH],
        )
        .unwrap();
        let p2 = conn.last_insert_rowid();
        // 野家😀说 is code points 2..6 (𠮷 and 😀 one each; four UTF-16 units between them).
        conn.execute(
            "INSERT INTO claims (article_id, paragraph_id, start, end, text, source, status, rating,
                                 rating_value, reviewer, reviewed_at, created_by, created_at, updated_at)
             VALUES (?1, ?2, 2, 6, '野家😀说', 'editor', 'false', '-不实,\"误导\"', 1, '@王编辑',
                     '2026-11-03T09:00:00Z', 'editor-b', '2026-11-01T10:00:00Z', '2026-11-03T09:00:00Z')",
            rusqlite::params![a2, p2],
        )
        .unwrap();
        let c2 = conn.last_insert_rowid();
        conn.execute(
            "INSERT INTO evidence (claim_id, quote, note, added_by, added_at)
             VALUES (?1, '+1 是假的', '见\n原文', '王编辑', '2026-11-03T08:00:00Z')",
            [c2],
        )
        .unwrap();
        conn.execute(
            "INSERT INTO notes (article_id, claim_id, body, author, created_at)
             VALUES (?1, ?2, '已电话核实', '王编辑', '2026-11-03T09:00:00Z')",
            rusqlite::params![a2, c2],
        )
        .unwrap();
        env
    }
}

fn python3(args: &[&str]) -> Output {
    let out = Command::new("python3").args(args).output().unwrap_or_else(|e| {
        panic!("python3 is needed to read exports back ({e}); install it (scripts/setup.sh --test)")
    });
    assert!(
        out.status.success(),
        "python3 {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// An export without what a restore renumbers (ids) and the audit-log summary (`history`).
fn normalised(doc: &[u8]) -> Value {
    let mut v: Value = serde_json::from_slice(doc).unwrap();
    for d in v["digests"].as_array_mut().unwrap() {
        d.as_object_mut().unwrap().remove("id");
        for a in d["articles"].as_array_mut().unwrap() {
            a.as_object_mut().unwrap().remove("id");
            for c in a["claims"].as_array_mut().unwrap() {
                c.as_object_mut().unwrap().remove("id");
                c.as_object_mut().unwrap().remove("history");
            }
        }
    }
    v
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(SCHEMA).unwrap()).unwrap();
    jsonschema::validator_for(&schema).unwrap()
}

fn assert_valid(doc: &Value) {
    let errors: Vec<String> = validator()
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn json_validates_against_the_schema_and_round_trips_through_import() {
    let env = Env::annotated();
    let file = env.path("digest.json");
    env.ok(&[
        "export",
        "--format",
        "json",
        "--out",
        file.to_str().unwrap(),
    ]);
    let first = std::fs::read(&file).unwrap();
    let doc: Value = serde_json::from_slice(&first).unwrap();
    assert_valid(&doc);
    let text = String::from_utf8(first.clone()).unwrap();
    assert!(
        text.contains("野家😀说") && text.contains("推波助澜"),
        "Chinese as itself"
    );

    // Every filtered export validates too.
    for args in [
        vec!["--claim-status", "false"],
        vec!["--review-state", "approved"],
        vec!["--topic", "medtop:13000000"],
        vec!["--from", "2024-01", "--to", "2024-12-31"],
    ] {
        let mut full = vec!["export", "--format", "json"];
        full.extend(args.iter());
        let out = env.ok(&full);
        let v: Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_valid(&v);
        assert!(!v["digests"].as_array().unwrap().is_empty(), "{args:?}");
    }

    // Export → import into an empty database → export: the same document but for ids.
    let other = Env::new();
    let out = other.ok(&["import", file.to_str().unwrap()]);
    assert!(stdout(&out).contains("restored"), "{}", stdout(&out));
    let second = other.ok(&["export", "--format", "json"]).stdout;
    assert_valid(&serde_json::from_slice(&second).unwrap());
    assert_eq!(normalised(&first), normalised(&second));

    // Importing it again into a database that has it merges: nothing changes, nothing doubles.
    let out = other.ok(&["import", file.to_str().unwrap()]);
    assert!(
        stdout(&out).contains("already imported"),
        "{}",
        stdout(&out)
    );
    assert_eq!(
        normalised(&other.ok(&["export"]).stdout),
        normalised(&first)
    );
}

#[test]
fn a_merge_reports_conflicts_and_keeps_the_stored_values() {
    let env = Env::annotated();
    let file = env.path("digest.json");
    env.ok(&["export", "--out", file.to_str().unwrap()]);
    let other = Env::new();
    other.ok(&["import", file.to_str().unwrap()]);
    other.sql(
        "UPDATE claims SET status = 'in_progress' WHERE status = 'false';
         DELETE FROM evidence WHERE url IS NOT NULL;",
    );
    let out = other.ok(&["import", "--json", file.to_str().unwrap()]);
    let reports: Value = serde_json::from_slice(&out.stdout).unwrap();
    let conflicts = reports[0]["conflicts"].as_array().unwrap();
    assert_eq!(conflicts.len(), 1, "{conflicts:#?}");
    assert_eq!(conflicts[0]["stored"], "in_progress");
    assert_eq!(conflicts[0]["incoming"], "false");
    assert!(conflicts[0]["what"].as_str().unwrap().contains("野家😀说"));
    let conn = rusqlite::Connection::open(other.db()).unwrap();
    let status: String = conn
        .query_row(
            "SELECT status FROM claims WHERE text = '野家😀说'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(status, "in_progress", "not overwritten");
    let urls: i64 = conn
        .query_row(
            "SELECT count(*) FROM evidence WHERE url IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(urls, 1, "missing evidence is added back");
    // The human-readable report names the conflict.
    other.sql("UPDATE claims SET status = 'undetermined' WHERE status = 'in_progress'");
    let text = stdout(&other.ok(&["import", file.to_str().unwrap()]));
    assert!(text.contains("conflict in tricky"), "{text}");
    assert!(
        text.contains("stored \"undetermined\"") || text.contains("stored undetermined"),
        "{text}"
    );
}

/// Reads CSV bytes with the `csv` crate (after the BOM, if any).
fn read_csv(bytes: &[u8]) -> Vec<Vec<String>> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(body);
    r.records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

/// Reads a CSV file with Python's csv module (`utf-8-sig` drops a BOM).
fn read_csv_python(path: &Path) -> Vec<Vec<String>> {
    let out = python3(&[
        "-c",
        "import csv, json, sys\n\
         with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:\n\
         \x20   json.dump(list(csv.reader(f)), sys.stdout, ensure_ascii=False)",
        path.to_str().unwrap(),
    ]);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn column(rows: &[Vec<String>], name: &str) -> usize {
    rows[0].iter().position(|c| c == name).unwrap()
}

#[test]
fn csv_reads_back_with_the_csv_crate_and_python() {
    let env = Env::annotated();
    let dir = env.path("csv");
    std::fs::create_dir(&dir).unwrap();
    let out = env.ok(&["export", "--format", "csv", "--out", dir.to_str().unwrap()]);
    assert!(stderr(&out).contains("articles.csv") && stderr(&out).contains("claims.csv"));

    let articles_bytes = std::fs::read(dir.join("articles.csv")).unwrap();
    assert!(
        articles_bytes.starts_with(b"\xEF\xBB\xBF"),
        "BOM by default"
    );
    let articles = read_csv(&articles_bytes);
    assert_eq!(articles, read_csv_python(&dir.join("articles.csv")));
    assert_eq!(
        articles[0][0], "digest_id",
        "the BOM is not part of the first header"
    );
    let title = column(&articles, "title");
    let titles: Vec<&str> = articles[1..].iter().map(|r| r[title].as_str()).collect();
    assert!(titles.contains(&"数据开源为AI发展“推波助澜”"), "{titles:?}");
    assert!(
        titles.contains(&format!("'{TRICKY_TITLE}").as_str()),
        "formula neutralised"
    );
    let approved = articles
        .iter()
        .find(|r| r[column(&articles, "review_state")] == "approved")
        .unwrap();
    assert_eq!(approved[column(&articles, "topic_labels")], "开源");
    assert_eq!(approved[column(&articles, "claims_verified")], "1");

    let claims_bytes = std::fs::read(dir.join("claims.csv")).unwrap();
    let claims = read_csv(&claims_bytes);
    assert_eq!(claims, read_csv_python(&dir.join("claims.csv")));
    let f = claims
        .iter()
        .find(|r| r[column(&claims, "status")] == "false")
        .unwrap();
    assert_eq!(f[column(&claims, "sentence")], "野家😀说");
    assert_eq!(
        f[column(&claims, "rating")],
        "'-不实,\"误导\"",
        "quotes, comma, neutralised"
    );
    assert_eq!(f[column(&claims, "reviewer")], "'@王编辑");
    assert_eq!(
        f[column(&claims, "evidence")],
        "'+1 是假的 | 见\n原文",
        "newline kept"
    );
    // No cell a spreadsheet would run as a formula.
    for row in articles.iter().chain(&claims) {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '@', '\t', '\r']),
                "formula-like cell {cell:?}"
            );
        }
    }

    // One table to stdout without the BOM reads the same.
    let out = env.ok(&["export", "--format", "csv", "--table", "claims", "--no-bom"]);
    assert!(!out.stdout.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(read_csv(&out.stdout), claims);
    let plain = env.path("claims-plain.csv");
    std::fs::write(&plain, &out.stdout).unwrap();
    assert_eq!(read_csv_python(&plain), claims);

    // Filters apply to CSV too.
    let out = env.ok(&[
        "export",
        "--format",
        "csv",
        "--table",
        "claims",
        "--claim-status",
        "verified",
    ]);
    let rows = read_csv(&out.stdout);
    assert_eq!(rows.len(), 2, "header and the verified claim");
    assert_eq!(rows[1][column(&rows, "status")], "verified");
}

#[test]
fn libreoffice_converts_articles_csv_without_mojibake() {
    let env = Env::annotated();
    let csv_path = env.path("articles.csv");
    env.ok(&[
        "export",
        "--format",
        "csv",
        "--out",
        csv_path.to_str().unwrap(),
    ]);
    let outdir = env.path("lo");
    // LibreOffice headless does not sniff the BOM: the filter names UTF-8 (76), as a user picks
    // "Unicode (UTF-8)" in its import dialog. The output is CSV again, UTF-8.
    let profile = format!("file://{}", env.path("lo-profile").display());
    let result = Command::new("soffice")
        .args([
            &format!("-env:UserInstallation={profile}"),
            "--headless",
            "--infilter=CSV:44,34,76,1",
            "--convert-to",
            "csv:Text - txt - csv (StarCalc):44,34,76,1",
            "--outdir",
            outdir.to_str().unwrap(),
            csv_path.to_str().unwrap(),
        ])
        .output();
    let out = match result {
        Ok(out) => out,
        Err(e) => panic!(
            "LibreOffice (soffice) is needed for this test ({e}): \
             apt-get install -y --no-install-recommends libreoffice-calc (scripts/setup.sh --test)"
        ),
    };
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let converted = std::fs::read(outdir.join("articles.csv")).unwrap();
    let ours = read_csv(&std::fs::read(&csv_path).unwrap());
    let theirs = read_csv(&converted);
    assert_eq!(
        theirs[0][0], "digest_id",
        "no BOM garbage in the first cell"
    );
    let title = column(&ours, "title");
    let ours_titles: Vec<&str> = ours.iter().map(|r| r[title].as_str()).collect();
    let theirs_titles: Vec<&str> = theirs.iter().map(|r| r[title].as_str()).collect();
    assert_eq!(
        ours_titles, theirs_titles,
        "Chinese intact, the formula kept as text"
    );
    assert!(theirs_titles.contains(&format!("'{TRICKY_TITLE}").as_str()));
    let source = column(&ours, "source");
    assert_eq!(
        ours.iter().map(|r| &r[source]).collect::<Vec<_>>(),
        theirs.iter().map(|r| &r[source]).collect::<Vec<_>>()
    );
}

/// Expands a JSON-LD file with pyld, offline.
fn expand(path: &Path) -> Value {
    let out = python3(&[EXPAND, path.to_str().unwrap()]);
    serde_json::from_slice(&out.stdout).unwrap()
}

fn nodes_of_type<'a>(v: &'a Value, ty: &str, out: &mut Vec<&'a Value>) {
    match v {
        Value::Array(a) => a.iter().for_each(|x| nodes_of_type(x, ty, out)),
        Value::Object(o) => {
            if o.get("@type")
                .and_then(Value::as_array)
                .is_some_and(|t| t.iter().any(|t| t == ty))
            {
                out.push(v);
            }
            o.values().for_each(|x| nodes_of_type(x, ty, out));
        }
        _ => {}
    }
}

fn first_value<'a>(node: &'a Value, property: &str) -> &'a Value {
    &node[property][0]["@value"]
}

#[test]
fn claimreview_is_json_ld_that_expands_to_schema_org() {
    let env = Env::annotated();
    let file = env.path("claims.jsonld");
    env.ok(&[
        "export",
        "--format",
        "claimreview",
        "--out",
        file.to_str().unwrap(),
    ]);
    let expanded = expand(&file);
    let mut reviews = Vec::new();
    nodes_of_type(&expanded, "http://schema.org/ClaimReview", &mut reviews);
    assert_eq!(reviews.len(), 2, "one per claim with a verdict");
    let false_one = reviews
        .iter()
        .find(|r| first_value(r, "http://schema.org/claimReviewed") == "野家😀说")
        .unwrap();
    let rating = &false_one["http://schema.org/reviewRating"][0];
    assert_eq!(rating["@type"][0], "http://schema.org/Rating");
    assert_eq!(first_value(rating, "http://schema.org/ratingValue"), 1);
    assert_eq!(first_value(rating, "http://schema.org/bestRating"), 5);
    assert_eq!(first_value(rating, "http://schema.org/worstRating"), 1);
    assert_eq!(
        first_value(rating, "http://schema.org/alternateName"),
        "-不实,\"误导\""
    );
    let item = &false_one["http://schema.org/itemReviewed"][0];
    assert_eq!(item["@type"][0], "http://schema.org/Claim");
    let appearance = &item["http://schema.org/appearance"][0];
    assert_eq!(
        first_value(appearance, "http://schema.org/headline"),
        TRICKY_TITLE
    );
    assert_eq!(
        first_value(
            &item["http://schema.org/author"][0],
            "http://schema.org/name"
        ),
        "科技日报"
    );
    assert_eq!(
        first_value(
            &false_one["http://schema.org/author"][0],
            "http://schema.org/name"
        ),
        "@王编辑"
    );
    assert_eq!(
        first_value(false_one, "http://schema.org/datePublished"),
        "2026-11-03"
    );
}

#[test]
fn web_annotation_is_json_ld_with_code_point_selectors() {
    let env = Env::annotated();
    let file = env.path("annotations.jsonld");
    env.ok(&[
        "export",
        "--format",
        "webannotation",
        "--out",
        file.to_str().unwrap(),
    ]);
    let expanded = expand(&file);
    let mut annotations = Vec::new();
    nodes_of_type(
        &expanded,
        "http://www.w3.org/ns/oa#Annotation",
        &mut annotations,
    );
    // Two claims, one accepted topic, one accepted sentiment.
    assert_eq!(annotations.len(), 4);
    let mut quotes = Vec::new();
    nodes_of_type(
        &expanded,
        "http://www.w3.org/ns/oa#TextQuoteSelector",
        &mut quotes,
    );
    let q = quotes
        .iter()
        .find(|q| first_value(q, "http://www.w3.org/ns/oa#exact") == "野家😀说")
        .unwrap();
    assert_eq!(first_value(q, "http://www.w3.org/ns/oa#prefix"), "吉𠮷");
    assert!(first_value(q, "http://www.w3.org/ns/oa#suffix")
        .as_str()
        .unwrap()
        .starts_with("：\"价格\""));
    let mut positions = Vec::new();
    nodes_of_type(
        &expanded,
        "http://www.w3.org/ns/oa#TextPositionSelector",
        &mut positions,
    );
    let p = positions
        .iter()
        .find(|p| first_value(p, "http://www.w3.org/ns/oa#start") == 2)
        .unwrap();
    assert_eq!(first_value(p, "http://www.w3.org/ns/oa#end"), 6);
    assert_eq!(
        p["http://www.w3.org/ns/oa#start"][0]["@type"],
        "http://www.w3.org/2001/XMLSchema#nonNegativeInteger"
    );
    // The selectors select that text of the exported paragraph, counted in code points.
    let chars: Vec<char> = TRICKY_PARAGRAPH.chars().collect();
    assert_eq!(chars[2..6].iter().collect::<String>(), "野家😀说");
    let motivations: Vec<&Value> = annotations
        .iter()
        .map(|a| &a["http://www.w3.org/ns/oa#motivatedBy"][0]["@id"])
        .collect();
    assert_eq!(
        motivations
            .iter()
            .filter(|m| **m == "http://www.w3.org/ns/oa#assessing")
            .count(),
        2
    );
}

#[test]
fn markdown_is_a_readable_digest() {
    let env = Env::annotated();
    let md = stdout(&env.ok(&["export", "--format", "markdown"]));
    assert!(md.starts_with("# 稿台导出"));
    assert!(md.contains("## tricky（2024-01-15）"));
    assert!(md.contains("### 1. 数据开源为AI发展“推波助澜”"));
    assert!(md.contains("「野家😀说」 — **不实"));
    assert!(md.contains("证据：<https://example.org/report> — 官方通报"));
    let only = stdout(&env.ok(&[
        "export",
        "--format",
        "markdown",
        "--review-state",
        "in-review",
    ]));
    assert!(only.contains("tricky") && !only.contains("推波助澜"));
}

fn no_temp_files(dir: &Path) {
    let left: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".tmp"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn bad_requests_get_clear_errors_and_leave_no_file() {
    let env = Env::annotated();
    // Unknown format: a usage error.
    let out = env.galley(&["export", "--format", "xlsx"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("possible values"), "{}", stderr(&out));

    // A filter that matches nothing: exit 1, one line, nothing written anywhere.
    let target = env.path("none.json");
    let out = env.galley(&[
        "export",
        "--from",
        "2030-01",
        "--out",
        target.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("nothing to export: no article matches"),
        "{}",
        stderr(&out)
    );
    assert_eq!(stderr(&out).lines().count(), 1);
    assert!(!target.exists());
    no_temp_files(env.dir.path());
    let out = env.galley(&["export", "--format", "csv", "--claim-status", "suggested"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty(), "nothing on stdout either");
    let out = env.galley(&["export", "--topic", "desk:no-such-topic"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("unknown topic code"),
        "{}",
        stderr(&out)
    );
    let out = env.galley(&["export", "--from", "June"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("YYYY-MM"), "{}", stderr(&out));

    // Unwritable paths.
    let out = env.galley(&[
        "export",
        "--format",
        "markdown",
        "--out",
        "/no/such/dir/x.md",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("cannot write /no/such/dir/x.md"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains(".tmp"), "{}", stderr(&out));
    let ro = env.path("read-only");
    std::fs::create_dir(&ro).unwrap();
    let out = env.galley(&["export", "--format", "json", "--out", ro.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("only CSV writes a folder"),
        "{}",
        stderr(&out)
    );
    let out = env.galley(&["export", "--format", "json", "--table", "claims"]);
    assert_eq!(out.status.code(), Some(1));

    // A successful export replaces the file whole; a new export is private (0600).
    let file = env.path("ok.md");
    env.ok(&[
        "export",
        "--format",
        "markdown",
        "--out",
        file.to_str().unwrap(),
    ]);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
    }
    no_temp_files(env.dir.path());
}

#[test]
fn label_studio_and_doccano_imports_become_annotated_articles() {
    let env = Env::new();
    // Label Studio counts UTF-16 code units: 野家😀说 is 3..8 there, 2..6 in code points.
    let ls = env.path("project-1.json");
    std::fs::write(
        &ls,
        r#"[{"id": 1, "data": {"text": "吉𠮷野家😀说：价格上涨。", "title": "样例"},
            "annotations": [{"result": [
              {"from_name": "sentiment", "to_name": "text", "type": "choices",
               "value": {"choices": ["Negative"]}},
              {"from_name": "topic", "to_name": "text", "type": "choices",
               "value": {"choices": ["desk:energy"]}},
              {"from_name": "label", "to_name": "text", "type": "labels",
               "value": {"start": 3, "end": 8, "text": "野家😀说", "labels": ["Claim"]}}]}]}]"#,
    )
    .unwrap();
    env.ok(&["import", ls.to_str().unwrap()]);
    // doccano counts code points: 野家😀说 is 2..6.
    let dc = env.path("doccano.jsonl");
    std::fs::write(
        &dc,
        "{\"id\": 9, \"text\": \"吉𠮷野家😀说：第二篇。\", \"label\": [[2, 6, \"不实\"], [0, 2, \"PER\"]]}\n",
    )
    .unwrap();
    env.ok(&["import", dc.to_str().unwrap()]);

    let doc: Value = serde_json::from_slice(&env.ok(&["export"]).stdout).unwrap();
    assert_valid(&doc);
    let articles: Vec<&Value> = doc["digests"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| d["articles"].as_array().unwrap())
        .collect();
    assert_eq!(articles.len(), 2);
    for a in &articles {
        let claim = &a["claims"][0];
        assert_eq!(claim["text"], "野家😀说");
        assert_eq!(
            (claim["start"].as_i64(), claim["end"].as_i64()),
            (Some(2), Some(6))
        );
        let para: Vec<char> = a["paragraphs"][0]["text"]
            .as_str()
            .unwrap()
            .chars()
            .collect();
        assert_eq!(para[2..6].iter().collect::<String>(), "野家😀说");
        assert_eq!(a["review_state"], "annotated");
    }
    let ls_article = articles.iter().find(|a| a["title"] == "样例").unwrap();
    assert_eq!(ls_article["sentiment"]["label"], "negative");
    assert_eq!(ls_article["topics"][0]["code"], "desk:energy");
    assert_eq!(ls_article["claims"][0]["status"], "unverified");
    let dc_article = articles.iter().find(|a| a["title"] != "样例").unwrap();
    assert_eq!(dc_article["claims"][0]["status"], "false");
    assert_eq!(dc_article["entities"][0]["text"], "吉𠮷");
    assert_eq!(dc_article["entities"][0]["kind"], "person");
}

#[test]
fn suggested_claims_are_exported_as_suggestions_in_every_format_and_restored() {
    let env = Env::new();
    env.ok(&["import", SAMPLE]);
    let doc: Value =
        serde_json::from_slice(&env.ok(&["export", "--format", "json"]).stdout).unwrap();
    assert_valid(&doc);
    let articles = doc["digests"][0]["articles"].as_array().unwrap();
    let suggested = |a: &Value| a["suggested_claims"].as_array().unwrap().len();
    let total: usize = articles.iter().map(suggested).sum();
    assert!(total > 5, "the sample has check-worthy sentences: {total}");
    let first = &articles[0]["suggested_claims"][0];
    assert_eq!(first["status"], "suggested");
    assert!(
        first["score"].as_f64().unwrap() > 0.0 && !first["reasons"].as_array().unwrap().is_empty()
    );
    let p = first["paragraph"].as_u64().unwrap() as usize;
    let para: Vec<char> = articles[0]["paragraphs"][p]["text"]
        .as_str()
        .unwrap()
        .chars()
        .collect();
    let (s, e) = (
        first["start"].as_u64().unwrap() as usize,
        first["end"].as_u64().unwrap() as usize,
    );
    assert_eq!(
        para[s..e].iter().collect::<String>(),
        first["text"].as_str().unwrap()
    );

    // Rejected suggestions leave the export; accepted ones become claims.
    let a0 = articles[0]["id"].as_i64().unwrap().to_string();
    let a1 = articles[1]["id"].as_i64().unwrap().to_string();
    env.ok(&["reject", "claim", "--article", &a0]);
    env.ok(&["accept", "claim", "--article", &a1]);
    let doc: Value =
        serde_json::from_slice(&env.ok(&["export", "--format", "json"]).stdout).unwrap();
    let after = doc["digests"][0]["articles"].as_array().unwrap();
    assert_eq!(suggested(&after[0]), 0);
    assert_eq!(suggested(&after[1]), 0);
    assert_eq!(
        after[1]["claims"].as_array().unwrap().len(),
        suggested(&articles[1])
    );
    let left: usize = after.iter().map(suggested).sum();
    assert_eq!(
        left,
        total - suggested(&articles[0]) - suggested(&articles[1])
    );

    // CSV: one row per claim, then one per suggestion (status suggested, no claim id).
    let rows = read_csv(
        &env.ok(&["export", "--format", "csv", "--table", "claims"])
            .stdout,
    );
    let (status, id) = (column(&rows, "status"), column(&rows, "claim_id"));
    let suggestion_rows: Vec<_> = rows[1..]
        .iter()
        .filter(|r| r[status] == "suggested")
        .collect();
    assert_eq!(suggestion_rows.len(), left);
    assert!(suggestion_rows
        .iter()
        .all(|r| r[id].is_empty() && !r[column(&rows, "score")].is_empty()));
    // Web Annotation: highlighted by Galley; Markdown: a list of its own.
    let wa: Value =
        serde_json::from_slice(&env.ok(&["export", "--format", "webannotation"]).stdout).unwrap();
    let highlights = wa["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["motivation"] == "highlighting")
        .count();
    assert_eq!(highlights, left);
    let md = env.ok_text(&["export", "--format", "markdown"]);
    assert!(md.contains("**建议核查**"), "{md}");

    // A Galley export brings them back as suggestions, once.
    let file = env.path("with-suggestions.json");
    env.ok(&[
        "export",
        "--format",
        "json",
        "--out",
        file.to_str().unwrap(),
    ]);
    let other = Env::new();
    other.ok(&["import", file.to_str().unwrap()]);
    other.ok(&["import", file.to_str().unwrap()]);
    let again = other.ok(&["export", "--format", "json"]).stdout;
    assert_eq!(
        normalised(&again),
        normalised(&std::fs::read(&file).unwrap())
    );
}
