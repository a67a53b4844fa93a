//! Pages laid out like the sample, drawn at random: articles of the project's own gold pages
//! are set by the sample's layout generator (`common/simulate.rs`: hard wraps, columns of
//! different stories in turn, a doubled bold headline, titles before, after or far from
//! their text, sources on their own line or glued to the last one, pull quotes, blank lines
//! inside sentences, a lead run into the next paragraph) with a layout drawn from a seed.
//!
//! Four parts, in two pairs that never share an article. Rules may be written against the
//! development parts; the test parts are only measured. `dev` and `test` draw short stories
//! (60–340 letters) from the development pages (`tests/pdf/*.gold.json`, `dev2/`, `dev3/`,
//! `tests/pages/`) and from the held-out pages (`tests/pdf/heldout/`); `dev-long` and
//! `test-long` draw stories of 300–460 letters in four to six paragraphs, some with
//! cross-heads, written for these pages (`tests/sim/dev/`, `tests/sim/test/`, CC0). Each
//! prints its pages' scores and the part's figures; the test fails when a part falls below
//! the figures it reached (a drop is a regression).
//!
//! `cargo test -p galley-core --release --test sim_pages -- --nocapture`
//! (`GALLEY_SIM_OUT=DIR` also writes each page's text and gold there.)

mod common;

use std::path::Path;

use common::draw;
use common::sets::Tally;
use common::GoldArticle;

/// The pages of part `name` (see [`draw::pages`]), scored.
fn score_part(name: &str, pool: &[GoldArticle], seed: u64) -> Tally {
    let mut tally = Tally::default();
    for (label, text, gold) in draw::pages(name, pool, seed) {
        if let Some(dir) = std::env::var_os("GALLEY_SIM_OUT") {
            std::fs::write(Path::new(&dir).join(format!("{label}.txt")), &text).unwrap();
        }
        let parsed = galley_core::import::parse(&text, common::jieba());
        let s = common::score(&parsed, &gold);
        println!("== {label}\n{s}");
        println!("{}", common::sets::judged_line(&label, &s));
        tally.add(s);
    }
    println!("{}", tally.line("text path", &format!("simulated {name}")));
    tally
}

fn mean_f1(t: &Tally) -> f64 {
    t.f1 / t.pages.max(1) as f64
}

#[test]
fn simulated_pages_score_as_before() {
    let parts: Vec<_> = draw::PARTS
        .iter()
        .map(|&(name, dirs, seed)| (name, draw::pool(dirs), seed))
        .collect();
    let mut tallies = Vec::new();
    for (name, articles, seed) in &parts {
        assert!(articles.len() >= 8, "the {name} pool is there");
        tallies.push(score_part(name, articles, *seed));
    }
    // The figures reached, less a little: a drop is a regression.
    let floors = [0.928, 0.916, 0.948, 0.937];
    for ((name, ..), (tally, floor)) in parts.iter().zip(tallies.iter().zip(floors)) {
        let f1 = mean_f1(tally);
        assert!(f1 >= floor, "the {name} part reads {f1:.3}, below {floor}");
        assert_eq!(tally.lost.0, 0, "the {name} part: characters lost");
    }
}
