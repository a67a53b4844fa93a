//! The load test's driver, small: a few people working at once for a few seconds must lose no
//! acknowledged change and meet no server error (the full run is `benches/load.rs`).

mod driver;

use std::time::Duration;

use driver::Plan;

#[test]
fn people_working_at_once_lose_no_acknowledged_change() {
    let plan = Plan {
        users: 10,
        duration: Duration::from_secs(4),
        articles: 200,
        think: Duration::from_millis(20),
    };
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("load.db");
    let people = driver::build(&db, &plan);
    let ws = galley_core::Workspace::open(&db).unwrap();
    let addr = galley_server::spawn_local(ws).unwrap();
    let rt = tokio::runtime::Runtime::new().unwrap();
    let tally = rt.block_on(driver::run(addr, &people, &plan));
    let first = &tally.refused[..tally.refused.len().min(5)];
    assert_eq!(tally.server_errors, 0, "{first:?}");
    assert!(tally.refused.is_empty(), "{first:?}");
    assert!(
        tally.acknowledged.len() >= 10,
        "{} changes",
        tally.acknowledged.len()
    );
    for call in ["query_articles", "get_article", "annotate", "review_queue"] {
        assert!(tally.latencies.contains_key(call), "{call} was called");
    }
    let lost = driver::lost_updates(&db, &tally);
    assert!(lost.is_empty(), "{lost:?}");
}
