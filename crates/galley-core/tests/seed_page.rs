//! The seed page scored against its hand-made gold segmentation.

mod common;

use galley_core::import::page::reconstruct;

const PAGE: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/tmt-digest-2023-06.txt"
));
const GOLD: &str = include_str!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/assets/tmt-digest-2023-06.gold.json"
));

#[test]
fn seed_page_matches_the_gold() {
    let gold: common::Gold = serde_json::from_str(GOLD).expect("gold format");
    let parsed = reconstruct(PAGE, common::jieba());
    let s = common::score(&parsed, &gold);
    println!("seed page tmt-digest-2023-06\n{s}");
    for a in &parsed.articles {
        println!("  {:.2} {} {:?}", a.confidence, a.title, a.warnings);
    }
    assert!(s.f1 >= 0.995, "F1 {:.4} < 0.995\n{s}", s.f1);
    assert_eq!(s.articles, (5, 5), "{s}");
    assert!(s.order_ok, "{s}");
    assert_eq!(s.titles, (5, 5), "{s}");
    assert!(s.paragraphs.0 >= 54 && s.paragraphs.1 == 55, "{s}");
    assert_eq!(s.sources, (5, 5), "{s}");
    assert_eq!(s.pull_quotes, (2, 2), "{s}");
    assert_eq!(s.pull_quote_leaks, 0, "{s}");
    assert_eq!(s.furniture, (1, 1), "{s}");
    assert_eq!(
        parsed.furniture,
        vec!["■TMT快报"],
        "only the column label is furniture"
    );
}
