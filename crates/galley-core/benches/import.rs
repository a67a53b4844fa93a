//! End-to-end import throughput: decode, repair, rebuild articles, store and index ≥ 10 MB of
//! digest pages into a file database, one transaction per page (as `galley import` does).
//!
//! `cargo bench -p galley-core --bench import`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use galley_core::import::{import_stream, Options, OwnedInput};
use galley_core::language::segmenter;
use galley_core::Store;

const PAGES: [&str; 3] = [
    include_str!("../assets/tmt-digest-2023-06.txt"),
    include_str!("../tests/pages/energy-transport.txt"),
    include_str!("../tests/pages/tech.txt"),
];

/// Distinct pages (each with its own edition line, so none is a duplicate) totalling `bytes`.
fn corpus(bytes: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut n = 0;
    while total < bytes {
        let page = format!("第{n}版\n{}", PAGES[n % PAGES.len()]);
        total += page.len();
        out.push(page);
        n += 1;
    }
    out
}

fn bench_import(c: &mut Criterion) {
    let pages = corpus(10 * 1024 * 1024);
    let total: usize = pages.iter().map(String::len).sum();
    let jieba = segmenter();
    let opts = Options {
        actor: "bench".into(),
        ..Options::default()
    };
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function(
        format!("{} pages, {:.1} MB", pages.len(), total as f64 / 1e6),
        |b| {
            b.iter_batched(
                || {
                    let dir = tempfile::tempdir().unwrap();
                    let store = Store::open(&dir.path().join("bench.db")).unwrap();
                    (dir, store)
                },
                |(dir, mut store)| {
                    // As `galley import FOLDER` does: rebuild on one thread, store on the other.
                    let inputs = pages.iter().enumerate().map(|(i, page)| {
                        let name = format!("page-{i}.txt");
                        let input = OwnedInput {
                            what: name.clone(),
                            source_file: Some(name.clone()),
                            bytes: page.as_bytes().to_vec(),
                        };
                        (name, Ok(input))
                    });
                    import_stream(&mut store, &jieba, inputs, &opts, |_, r| {
                        black_box(r.unwrap());
                    });
                    (dir, store)
                },
                BatchSize::PerIteration,
            )
        },
    );
    group.finish();
}

criterion_group!(benches, bench_import);
criterion_main!(benches);
