//! The user's import: `galley import FOLDER` of JSON Lines files (10,000 articles each, under
//! the 64 MB limit of one input) with suggestions (the default), into a file database,
//! through the façade, for growing numbers of articles. Prints the time, the
//! throughput, the time per article (flat when the import is linear) and the peak memory of
//! the process after each size (it only grows, so a flat figure means bounded memory).
//!
//! ```sh
//! cargo bench -p galley-core --bench import_suggest                 # 1,000 and 10,000 articles
//! GALLEY_BENCH_ARTICLES=1000,10000,100000 cargo bench -p galley-core --bench import_suggest
//! ```
//!
//! The articles are made from the sentences of the bundled sample page, shuffled by a fixed
//! seed, about 3 KB each (the size of a digest article).

use std::time::Instant;

/// The allocator of the `galley` binary, so that the figures are the user's.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use galley_core::app::import::{ImportOptions, Source};
use galley_core::app::progress::Stage;
use galley_core::model::Role;
use galley_core::Workspace;

/// Sentences of the sample page's gold articles, and their titles.
fn material() -> (Vec<String>, Vec<String>) {
    let gold: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/tmt-digest-2023-06.gold.json"
    )))
    .expect("the sample's gold is JSON");
    let articles = gold["articles"].as_array().expect("articles");
    let mut sentences = Vec::new();
    let mut titles = Vec::new();
    for a in articles {
        titles.push(a["title"].as_str().unwrap_or_default().to_owned());
        for p in a["paragraphs"].as_array().into_iter().flatten() {
            let text = p["text"].as_str().unwrap_or_default();
            sentences.extend(
                text.split_inclusive('。')
                    .filter(|s| s.chars().count() > 8)
                    .map(str::to_owned),
            );
        }
    }
    (sentences, titles)
}

/// A small deterministic generator (xorshift), so every run imports the same text.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Articles per file: a file of 10,000 (31 MB) is under the import's limit of 64 MB per
/// input, so larger sizes are imported as a folder of such files, as a desk would.
const PER_FILE: usize = 10_000;

/// Writes `n` articles as JSON Lines files of at most [`PER_FILE`] articles each in `dir`;
/// returns their size in bytes. Each article is about 1,000 characters in paragraphs of 2–5
/// sentences.
fn write_articles(dir: &std::path::Path, n: usize) -> usize {
    let (sentences, titles) = material();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut bytes = 0;
    for (part, first) in (0..n).step_by(PER_FILE).enumerate() {
        let mut out = String::new();
        for i in first..n.min(first + PER_FILE) {
            out.push_str(&article(&sentences, &titles, &mut rng, i));
            out.push('\n');
        }
        std::fs::write(dir.join(format!("articles-{part:03}.jsonl")), &out)
            .expect("the articles are written");
        bytes += out.len();
    }
    bytes
}

/// Article `i` as one JSON line.
fn article(sentences: &[String], titles: &[String], rng: &mut Rng, i: usize) -> String {
    let mut paragraphs = Vec::new();
    let mut chars = 0;
    while chars < 950 {
        let k = 2 + rng.below(4);
        let p: String = (0..k)
            .map(|_| sentences[rng.below(sentences.len())].as_str())
            .collect();
        // Vary the figures so that articles differ beyond their order.
        let p = p.replace('5', &rng.below(10).to_string());
        chars += p.chars().count();
        paragraphs.push(p);
    }
    let title = format!("{}（{i}）", titles[rng.below(titles.len())]);
    serde_json::json!({"title": title, "body": paragraphs.join("\n\n"), "source": "据新华社"})
        .to_string()
}

/// CPU seconds the process has used so far, on all its threads (user and system).
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage fills the struct it is given; a zeroed rusage is a valid value.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: RUSAGE_SELF with a valid pointer to a rusage.
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return f64::NAN;
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

/// The process's peak resident memory so far, in MiB (Linux).
fn peak_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

fn run(n: usize) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let folder = dir.path().join("articles");
    std::fs::create_dir(&folder).expect("a folder for the articles");
    let bytes = write_articles(&folder, n);
    let mut ws = Workspace::open(&dir.path().join("bench.db")).expect("a new database");
    ws.sign_in("bench", Role::Editor).expect("signed in");
    let cpu_before = cpu_seconds();
    let started = Instant::now();
    let mut stored_after = None;
    let outcomes = ws
        .import(
            &[Source::Path(folder)],
            &ImportOptions::default(),
            |p, _| {
                if p.stage == Stage::Import && p.done == p.total {
                    stored_after = Some(started.elapsed().as_secs_f64());
                }
            },
        )
        .expect("imported");
    let took = started.elapsed().as_secs_f64();
    let stored = stored_after.unwrap_or(f64::NAN);
    let cpu = cpu_seconds() - cpu_before;
    assert!(
        outcomes.iter().all(|o| !o.is_failure()),
        "the import failed"
    );
    let drafted: i64 = ws
        .store()
        .conn()
        .query_row(
            "SELECT count(DISTINCT article_id) FROM article_keywords",
            [],
            |r| r.get(0),
        )
        .expect("counted");
    assert_eq!(drafted as usize, n, "every article has its suggestions");
    println!(
        "import with suggestions: {n:>7} articles, {:>6.1} MB in {took:>7.2} s: {:>5.2} MB/s, \
         {:>6.3} ms per article (stored in {stored:.2} s, suggestions in {:.2} s), \
         {cpu:.1} CPU s, peak memory {:.0} MiB",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / took,
        took * 1e3 / n as f64,
        took - stored,
        peak_mib().unwrap_or(f64::NAN),
    );
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --all-targets` runs this too, without it:
    // one small size then (in a debug build), to keep the tests fast.
    let benching = std::env::args().any(|a| a == "--bench");
    let sizes = std::env::var("GALLEY_BENCH_ARTICLES")
        .unwrap_or_else(|_| if benching { "1000,10000" } else { "100" }.to_owned());
    for n in sizes.split(',').filter_map(|s| s.trim().parse().ok()) {
        run(n);
    }
}
