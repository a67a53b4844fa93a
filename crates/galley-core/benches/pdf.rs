//! Reading PDF pages end to end on one core: the glyphs and fonts out of the file, the layout
//! (columns, reading order, headlines, furniture) and the articles, for each page of the own
//! corpus (`tests/pdf/*.pdf`, LibreOffice, Chromium and XeLaTeX). Target: at least 20 pages a
//! second.
//!
//! `cargo bench -p galley-core --bench pdf`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use galley_core::import::{clean, pdf};

/// Every one-page PDF of the corpus, with its name.
fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/pdf");
    let mut out: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("the corpus folder")
        .map(|e| e.expect("a corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("a corpus page"))
        })
        .collect();
    out.sort();
    out
}

/// One file in, its articles out.
fn read(name: &str, bytes: &[u8]) -> usize {
    let pages = pdf::glyphs::read(bytes, name).expect("a readable page");
    pages
        .iter()
        .map(|p| {
            clean::finish(pdf::parse_page(p), name)
                .expect("articles")
                .articles
                .len()
        })
        .sum()
}

fn bench(c: &mut Criterion) {
    let pages = corpus();
    assert!(pages.len() >= 10, "the corpus is there");
    let mut g = c.benchmark_group("pdf");
    g.throughput(Throughput::Elements(pages.len() as u64));
    g.bench_function(format!("{} pages, one core", pages.len()), |b| {
        b.iter(|| {
            for (name, bytes) in &pages {
                black_box(read(name, bytes));
            }
        })
    });
    g.finish();
    let mut g = c.benchmark_group("pdf page");
    for (name, bytes) in &pages {
        g.bench_function(name.as_str(), |b| b.iter(|| black_box(read(name, bytes))));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
