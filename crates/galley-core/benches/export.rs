//! Export throughput and memory: 100,000 generated articles (100 digests of 1,000, each
//! article with four paragraphs, an outlet, a topic, a sentiment and a claim with evidence) in
//! a file database, exported as JSON and as CSV to a sink.
//!
//! Target: under 5 s per export, with peak memory that does not grow with the export. Before
//! timing, the bench prints the peak resident memory (VmHWM, reset between runs through
//! /proc/self/clear_refs) of exporting 10,000 and 100,000 articles.
//!
//! `cargo bench -p galley-core --bench export`

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use galley_core::export::{self, CsvTable, Filter, Format, Request};
use galley_core::Store;
use rusqlite::params;

const DIGESTS: i64 = 100;
const PER_DIGEST: i64 = 1_000;
const ARTICLES: u64 = (DIGESTS * PER_DIGEST) as u64;

fn generate(store: &mut Store) {
    store
        .write(|tx| {
            let topic: i64 = tx.query_row(
                "SELECT id FROM topics WHERE code = 'desk:energy'",
                [],
                |r| r.get(0),
            )?;
            let mut digest = tx.prepare(
                "INSERT INTO digests (name, issue_date, content_hash, imported_at)
                 VALUES (?1, ?2, ?3, '2026-11-01T00:00:00Z')",
            )?;
            let mut article = tx.prepare(
                "INSERT INTO articles (digest_id, position, title, source_line, confidence,
                                       review_state, updated_at)
                 VALUES (?1, ?2, ?3, '据《科技日报》', 0.9, 'annotated', '2026-11-01T00:00:00Z')",
            )?;
            let mut outlet = tx.prepare(
                "INSERT INTO article_outlets (article_id, position, name) VALUES (?1, 0, '科技日报')",
            )?;
            let mut paragraph = tx.prepare(
                "INSERT INTO paragraphs (article_id, position, kind, text) VALUES (?1, ?2, ?3, ?4)",
            )?;
            let mut topics = tx.prepare(
                "INSERT INTO article_topics (article_id, topic_id, source, status, score, created_by,
                                             created_at)
                 VALUES (?1, ?2, 'editor', 'accepted', 0.8, 'bench', '2026-11-01T00:00:00Z')",
            )?;
            let mut sentiment = tx.prepare(
                "INSERT INTO sentiments (article_id, label, score, source, status, created_by,
                                         created_at)
                 VALUES (?1, 'positive', 0.5, 'editor', 'accepted', 'bench', '2026-11-01T00:00:00Z')",
            )?;
            let mut claim = tx.prepare(
                "INSERT INTO claims (article_id, paragraph_id, start, end, text, source, status,
                                     rating, rating_value, reviewer, reviewed_at, created_by,
                                     created_at, updated_at)
                 VALUES (?1, ?2, 0, 12, ?3, 'editor', 'verified', '属实', 5, '李编辑',
                         '2026-11-02T00:00:00Z', 'bench', '2026-11-01T00:00:00Z',
                         '2026-11-02T00:00:00Z')",
            )?;
            let mut evidence = tx.prepare(
                "INSERT INTO evidence (claim_id, url, added_by, added_at)
                 VALUES (?1, 'https://example.org/source', 'bench', '2026-11-02T00:00:00Z')",
            )?;
            for d in 0..DIGESTS {
                digest.execute(params![
                    format!("digest-{d}"),
                    format!("2023-{:02}", d % 12 + 1),
                    format!("hash-{d}")
                ])?;
                let digest_id = tx.last_insert_rowid();
                for a in 0..PER_DIGEST {
                    article.execute(params![
                        digest_id,
                        a,
                        format!("第{d}期第{a}篇：我国首次高压力纯氢管道试验成功")
                    ])?;
                    let id = tx.last_insert_rowid();
                    outlet.execute([id])?;
                    let mut first = 0;
                    for p in 0..4 {
                        let kind = if p == 0 { "lead" } else { "body" };
                        paragraph.execute(params![
                            id,
                            p,
                            kind,
                            format!(
                                "第{p}段：近日，国家管网集团在河北完成了全国首次高压力纯氢管道输送试验，\
                                 试验压力达到4兆帕，输送纯氢2万立方米，标志着我国氢能储运技术取得突破。{a}"
                            )
                        ])?;
                        if p == 0 {
                            first = tx.last_insert_rowid();
                        }
                    }
                    topics.execute(params![id, topic])?;
                    sentiment.execute([id])?;
                    claim.execute(params![id, first, "第0段：近日，国家管网集团"])?;
                    evidence.execute([tx.last_insert_rowid()])?;
                }
            }
            Ok(())
        })
        .unwrap();
}

fn peak_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find(|l| l.starts_with("VmHWM:"))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Exports to a sink and reports the time and the peak memory it added.
fn measure(store: &Store, req: &Request, label: &str) {
    reset_peak();
    let before = peak_kib();
    let t = Instant::now();
    let mut sink = std::io::sink();
    export::write(store, req, &mut sink).unwrap();
    let took = t.elapsed();
    let after = peak_kib();
    eprintln!(
        "export {label}: {:.2} s, peak RSS {} MiB (before {} MiB)",
        took.as_secs_f64(),
        after.map(|k| (k / 1024).to_string()).unwrap_or("?".into()),
        before.map(|k| (k / 1024).to_string()).unwrap_or("?".into()),
    );
}

fn bench_export(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    let t = Instant::now();
    generate(&mut store);
    eprintln!(
        "generated {ARTICLES} articles in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let all = Request::new(Format::Json);
    let tenth = Request {
        filter: Filter {
            digest_ids: (1..=DIGESTS / 10).collect(),
            ..Filter::default()
        },
        ..Request::new(Format::Json)
    };
    measure(&store, &tenth, "json, 10,000 articles");
    measure(&store, &all, "json, 100,000 articles");
    let csv = Request {
        table: CsvTable::Articles,
        ..Request::new(Format::Csv)
    };
    measure(&store, &csv, "csv articles, 100,000 articles");

    let mut group = c.benchmark_group("export");
    group.sample_size(10);
    group.throughput(Throughput::Elements(ARTICLES));
    for (name, req) in [
        ("json", all.clone()),
        ("csv_articles", csv.clone()),
        (
            "csv_claims",
            Request {
                table: CsvTable::Claims,
                ..Request::new(Format::Csv)
            },
        ),
        ("webannotation", Request::new(Format::Webannotation)),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                let mut sink = std::io::sink();
                export::write(&store, &req, &mut sink).unwrap();
                black_box(&sink);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench_export);
criterion_main!(benches);
