//! The whole suggestion pass (keywords, topics, sentiment, claims with numeric checks,
//! entities) over the seed page's five articles (about 17 KB), per byte of article text.
//!
//! ```sh
//! cargo bench -p galley-core --bench suggest
//! ```
//!
//! It first prints the time to build the segmenter and to load the shipped models and tables
//! (`language::warm_up`, in a new process), then to analyse the first article.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use galley_core::language::suggest::{analyse_article, analyse_articles, Context};
use galley_core::language::{claims, entities, keywords, segmenter, sentences, sentiment};
use galley_core::model::{Article, Paragraph, ParagraphKind, ReviewState, Source};
use galley_core::Store;
use std::time::Instant;

/// The gold articles of the seed page (the sample digest, cleanly segmented), as stored articles.
fn articles() -> Vec<Article> {
    let gold: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/tmt-digest-2023-06.gold.json"
    )))
    .unwrap();
    let mut pid = 0;
    gold["articles"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .map(|(i, a)| Article {
            id: i as i64 + 1,
            digest_id: 1,
            position: i as i64,
            title: a["title"].as_str().unwrap().to_owned(),
            source: Source::default(),
            paragraphs: a["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .enumerate()
                .map(|(j, p)| {
                    pid += 1;
                    Paragraph {
                        id: pid,
                        position: j as i64,
                        kind: ParagraphKind::parse(p["kind"].as_str().unwrap()).unwrap(),
                        text: p["text"].as_str().unwrap().to_owned(),
                    }
                })
                .collect(),
            pull_quotes: Vec::new(),
            review_state: ReviewState::New,
            confidence: None,
            updated_at: String::new(),
            version: 1,
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    // What a user waits for once, off the UI thread: the segmenter, then the shipped models
    // (built on first use, by the first article analysed).
    let started = Instant::now();
    let jieba = segmenter();
    let built = started.elapsed();
    let store = Store::open_in_memory().unwrap();
    let cx = Context::load(store.conn(), &jieba).unwrap();
    let arts = articles();
    let started = Instant::now();
    galley_core::language::warm_up();
    let loaded = started.elapsed();
    let started = Instant::now();
    analyse_article(&cx, &arts[0]);
    let first = started.elapsed();
    let started = Instant::now();
    analyse_article(&cx, &arts[0]);
    let again = started.elapsed();
    println!(
        "load: segmenter built in {built:.0?}; the shipped models and tables loaded in \
         {loaded:.0?} (language::warm_up); the first article then analysed in {first:.1?}, \
         again in {again:.1?}"
    );
    let bytes: usize = arts
        .iter()
        .map(|a| a.title.len() + a.paragraphs.iter().map(|p| p.text.len()).sum::<usize>())
        .sum();
    // Warm the lazily built model, stop words and extractors outside the measurement.
    let _ = sentiment::MODEL.len();
    for a in &arts {
        analyse_article(&cx, a);
    }
    let mut g = c.benchmark_group("suggest");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(20);
    // As `suggest_digest` runs it: articles analysed on all cores.
    g.bench_function("seed page, whole pass", |b| {
        b.iter(|| std::hint::black_box(analyse_articles(&cx, &arts)))
    });
    g.bench_function("seed page, whole pass, one thread", |b| {
        b.iter(|| {
            for a in &arts {
                std::hint::black_box(analyse_article(&cx, a));
            }
        })
    });
    // The parts, to see where the time goes.
    let texts: Vec<String> = arts
        .iter()
        .map(|a| {
            let mut t = a.title.clone();
            for p in &a.paragraphs {
                t.push('\n');
                t.push_str(&p.text);
            }
            t
        })
        .collect();
    g.bench_function("part: keywords", |b| {
        b.iter(|| {
            for t in &texts {
                std::hint::black_box(keywords::extract(&jieba, t, 8));
            }
        })
    });
    g.bench_function("part: entities", |b| {
        b.iter(|| {
            for t in &texts {
                std::hint::black_box(entities::extract(&jieba, t, &Default::default()));
            }
        })
    });
    g.bench_function("part: sentiment", |b| {
        b.iter(|| {
            for a in &arts {
                for p in &a.paragraphs {
                    for s in sentences::split(&p.text) {
                        std::hint::black_box(sentiment::analyse_sentence(&jieba, &s.text));
                    }
                }
            }
        })
    });
    g.bench_function("part: claims", |b| {
        b.iter(|| {
            for a in &arts {
                let ps: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
                std::hint::black_box(claims::suggest(&jieba, &ps));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
