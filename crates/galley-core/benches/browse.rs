//! The workspace list at 100,000 articles: one screenful of the filtered list, and a search
//! over jieba tokens (target: under 50 ms).
//!
//! `cargo bench -p galley-core --bench browse`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use galley_core::language::{search_tokens, segmenter};
use galley_core::model::{ParagraphKind, Source};
use galley_core::store::browse::{query, ArticleFilter};
use galley_core::store::{articles, digests, paragraphs, search};
use galley_core::Store;

const ARTICLES: usize = 100_000;
const PER_DIGEST: usize = 20;

/// 100,000 articles in 5,000 digests, their text drawn from the sample page's paragraphs.
fn build() -> (tempfile::TempDir, Store) {
    let jieba = segmenter();
    let sample = galley_core::import::parse(galley_core::sample::SAMPLE_TEXT, &jieba);
    let paras: Vec<&str> = sample
        .articles
        .iter()
        .flat_map(|a| a.paragraphs.iter().map(|p| p.text.as_str()))
        .collect();
    let titles: Vec<&str> = sample.articles.iter().map(|a| a.title.as_str()).collect();
    // Each article: a title and three paragraphs, chosen by its number.
    let texts: Vec<(usize, [usize; 3])> = (0..ARTICLES)
        .map(|i| {
            (
                i % titles.len(),
                [
                    i % paras.len(),
                    (i * 7 + 3) % paras.len(),
                    (i * 13 + 5) % paras.len(),
                ],
            )
        })
        .collect();
    let para_tokens: Vec<String> = paras.iter().map(|p| search_tokens(&jieba, p)).collect();
    let title_tokens: Vec<String> = titles.iter().map(|t| search_tokens(&jieba, t)).collect();

    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    store
        .write(|tx| {
            let mut digest = 0;
            for (i, (t, ps)) in texts.iter().enumerate() {
                if i % PER_DIGEST == 0 {
                    let hash = format!("bench-{i}");
                    digest = digests::insert(
                        tx,
                        &digests::NewDigest {
                            name: &format!("digest {}", i / PER_DIGEST),
                            date: Some("2023-06".parse().unwrap()),
                            source_file: None,
                            content_hash: &hash,
                            imported_at: "2026-01-01T00:00:00Z",
                        },
                    )?;
                }
                let id = articles::insert(
                    tx,
                    &articles::NewArticle {
                        digest_id: digest,
                        position: (i % PER_DIGEST) as i64,
                        title: titles[*t],
                        source: &Source::default(),
                        confidence: Some(0.9),
                        now: "2026-01-01T00:00:00Z",
                    },
                )?;
                let mut tokens = title_tokens[*t].clone();
                for (pos, p) in ps.iter().enumerate() {
                    paragraphs::insert(tx, id, pos as i64, ParagraphKind::Body, paras[*p])?;
                    tokens.push(' ');
                    tokens.push_str(&para_tokens[*p]);
                }
                search::index_tokens(tx, id, &tokens)?;
            }
            Ok(())
        })
        .unwrap();
    (dir, store)
}

fn bench_browse(c: &mut Criterion) {
    let (_dir, store) = build();
    let jieba = segmenter();
    let conn = store.conn();
    let mut group = c.benchmark_group("browse 100k articles");
    group.bench_function("first screen, no filter", |b| {
        b.iter(|| black_box(query(conn, &jieba, &ArticleFilter::default(), 0, 50).unwrap()))
    });
    group.bench_function("screen deep in the list", |b| {
        b.iter(|| black_box(query(conn, &jieba, &ArticleFilter::default(), 90_000, 50).unwrap()))
    });
    let common = ArticleFilter {
        text: Some("自动驾驶".into()),
        ..Default::default()
    };
    group.bench_function("search 自动驾驶 (common word)", |b| {
        b.iter(|| black_box(query(conn, &jieba, &common, 0, 50).unwrap()))
    });
    let rare = ArticleFilter {
        text: Some("纯氢管道 兆帕".into()),
        ..Default::default()
    };
    group.bench_function("search 纯氢管道 兆帕 (two words)", |b| {
        b.iter(|| black_box(query(conn, &jieba, &rare, 0, 50).unwrap()))
    });
    group.finish();
}

criterion_group!(benches, bench_browse);
criterion_main!(benches);
