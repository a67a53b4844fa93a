//! Learning from one decision on a desk that already made about 1,200: a claim suggestion
//! rejected, with the learning pass the façade runs after it (the topic counts, the claim and
//! tone corrections compared with the decisions and fitted again). Target: under 50 ms a
//! decision. Also the time to load what was learned (part of every suggestion pass).
//!
//! `cargo bench -p galley-core --bench learn`

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use galley_core::app::import::{ImportOptions, Source};
use galley_core::app::review::{BulkDecision, SuggestionKind};
use galley_core::language::desk_learning::Desk;
use galley_core::model::Role;
use galley_core::Workspace;

/// Copies of the sample page: about 45 claim suggestions and 5 tones each.
const PAGES: usize = 24;

/// A desk with every claim suggestion of `PAGES` sample pages decided (the first half of the
/// pages rejected, the rest accepted) and every article tone accepted.
fn desk() -> (Workspace, i64, i64) {
    let mut ws = Workspace::open_in_memory().unwrap();
    ws.sign_in("编辑甲", Role::Editor).unwrap();
    let mut digests = Vec::new();
    for i in 0..PAGES {
        let opts = ImportOptions {
            name: Some(format!("page {i}")),
            ..ImportOptions::default()
        };
        // The same page once more would be the same digest: each copy is dated apart.
        let text = format!("{}\n第 {i} 期\n", galley_core::sample::SAMPLE_TEXT);
        let source = Source::Bytes {
            what: format!("page-{i}.txt"),
            bytes: text.into_bytes(),
        };
        let out = ws.import(&[source], &opts, |_, _| {}).unwrap();
        digests.push(out[0].report.as_ref().unwrap().digest_id.unwrap());
    }
    let last = digests.pop().unwrap();
    for (i, &d) in digests.iter().enumerate() {
        for kind in [SuggestionKind::Claim, SuggestionKind::Sentiment] {
            ws.decide_all(&BulkDecision {
                kind,
                accept: kind == SuggestionKind::Sentiment || i % 2 == 1,
                digest_id: Some(d),
                article_id: None,
                min_score: None,
                code: None,
            })
            .unwrap();
        }
    }
    let (suggestion, article) = ws
        .store()
        .conn()
        .query_row(
            "SELECT s.id, s.article_id FROM claim_suggestions s JOIN articles a
             ON a.id = s.article_id WHERE a.digest_id = ?1 AND s.status = 'suggested' LIMIT 1",
            [last],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    let status = ws.learned().unwrap();
    eprintln!("desk: {:?}", status.corrections);
    (ws, article, suggestion)
}

fn bench(c: &mut Criterion) {
    let (mut ws, article, suggestion) = desk();
    let mut g = c.benchmark_group("learn");
    g.sample_size(20);
    // Only the decision is timed (with its learning pass); the undo that restores the desk
    // for the next round is not.
    g.bench_function("reject one claim suggestion", |b| {
        b.iter_custom(|rounds| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..rounds {
                let start = std::time::Instant::now();
                ws.decide(SuggestionKind::Claim, suggestion, Some(article), false)
                    .unwrap();
                spent += start.elapsed();
                ws.undo().unwrap();
            }
            spent
        })
    });
    g.bench_function("load the claim and tone corrections", |b| {
        b.iter(|| black_box(Desk::load(ws.store().conn()).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
