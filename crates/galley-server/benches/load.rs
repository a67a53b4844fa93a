//! Load test of the team server: simulated people (half editors, two in five reviewers, the
//! rest read only) browse, search, annotate and review against a workspace of 10,000 articles
//! for 60 s, on 127.0.0.1 only. Prints p50/p99 latency per call, calls answered, changes
//! refused as stale (409), server errors, lost updates (acknowledged changes missing
//! afterwards) and the server's memory (its own process, started from this one).
//!
//! `cargo bench -p galley-server --bench load`
//! (`LOAD_USERS`, `LOAD_SECONDS`, `LOAD_ARTICLES`, `LOAD_THINK_MS` change the plan; at most 200
//! people and 600 s). Exits with failure on a server error or a lost update.

#[path = "../tests/driver/mod.rs"]
mod driver;

use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use driver::Plan;

/// Set in the server process started by this benchmark: the database to serve.
const SERVER_ENV: &str = "GALLEY_LOAD_SERVER";

fn main() {
    if let Ok(db) = std::env::var(SERVER_ENV) {
        return serve(Path::new(&db));
    }
    if !std::env::args().any(|a| a == "--bench") {
        // `cargo test --all-targets` runs benchmarks without `--bench`: the driver's own test
        // (`tests/load.rs`) covers it there; the full run is for `cargo bench`.
        eprintln!("load: run with `cargo bench -p galley-server --bench load`");
        return;
    }
    let plan = plan();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("load.db");
    let started = Instant::now();
    let people = driver::build(&db, &plan);
    eprintln!(
        "load: {} articles, {} people, built in {:.1} s",
        plan.articles,
        people.len(),
        started.elapsed().as_secs_f64()
    );
    let (mut server, addr) = start_server(&db);
    let pid = server.id();
    std::thread::sleep(Duration::from_millis(500));
    let idle = memory(pid, "VmRSS");
    let sampler = std::thread::spawn(move || peak_memory(pid));
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let tally = runtime.block_on(driver::run(addr, &people, &plan));
    let rss = memory(pid, "VmRSS");
    let hwm = memory(pid, "VmHWM");
    let _ = server.kill();
    let _ = server.wait();
    let sampled = sampler.join().unwrap();
    let lost = driver::lost_updates(&db, &tally);
    report(&plan, &tally, &lost, [idle, rss, hwm.max(sampled)]);
    if tally.server_errors > 0 || !lost.is_empty() {
        std::process::exit(1);
    }
}

fn env_or(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn plan() -> Plan {
    let plan = Plan {
        users: env_or("LOAD_USERS", 50) as usize,
        duration: Duration::from_secs(env_or("LOAD_SECONDS", 60)),
        articles: env_or("LOAD_ARTICLES", 10_000) as usize,
        think: Duration::from_millis(env_or("LOAD_THINK_MS", 200)),
    };
    assert!(
        (1..=200).contains(&plan.users) && plan.duration <= Duration::from_secs(600),
        "at most 200 people for at most 600 s"
    );
    plan
}

/// The server process: serves `db` on 127.0.0.1, prints its address, stops when its input
/// closes (when the benchmark ends, however it ends).
fn serve(db: &Path) {
    let ws = galley_core::Workspace::open(db).unwrap();
    let addr = galley_server::spawn_local(ws).unwrap();
    println!("{addr}");
    let _ = std::io::stdin().read_to_end(&mut Vec::new());
}

fn start_server(db: &Path) -> (Child, SocketAddr) {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .env(SERVER_ENV, db)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line.trim().parse().expect("the server's address"))
}

/// A line of `/proc/PID/status` in kB (0 when the process is gone).
fn memory(pid: u32, field: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .unwrap_or_default()
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{field}:")))
        .and_then(|v| v.trim().trim_end_matches(" kB").trim().parse().ok())
        .unwrap_or(0)
}

/// The largest resident size seen, sampled every 200 ms while the server runs.
fn peak_memory(pid: u32) -> u64 {
    let mut peak = 0;
    loop {
        let now = memory(pid, "VmRSS");
        if now == 0 {
            return peak;
        }
        peak = peak.max(now);
        std::thread::sleep(Duration::from_millis(200));
    }
}

/// `memory`: the server's resident size in kB before the load, at its end, and at most.
fn report(plan: &Plan, tally: &driver::Tally, lost: &[String], memory: [u64; 3]) {
    let [idle, rss, peak] = memory;
    println!(
        "load: {} people for {} s against {} articles (pause 0–{} ms between calls)",
        plan.users,
        plan.duration.as_secs(),
        plan.articles,
        plan.think.as_millis()
    );
    println!(
        "{:<22} {:>8} {:>10} {:>10} {:>10}",
        "call", "answered", "p50 ms", "p99 ms", "max ms"
    );
    for (name, times) in &tally.latencies {
        let mut t = times.clone();
        t.sort();
        println!(
            "{:<22} {:>8} {:>10.1} {:>10.1} {:>10.1}",
            name,
            t.len(),
            driver::quantile(&t, 0.5),
            driver::quantile(&t, 0.99),
            driver::quantile(&t, 1.0)
        );
    }
    println!(
        "calls {} ({:.0}/s); changes acknowledged {}; refused as stale (409) {}; server errors {}; other refusals {}; lost updates {}",
        tally.calls(),
        tally.calls() as f64 / plan.duration.as_secs_f64(),
        tally.acknowledged.len(),
        tally.stale,
        tally.server_errors,
        tally.refused.len(),
        lost.len()
    );
    println!(
        "server memory: {} MiB resident before the load, {} MiB at its end, {} MiB at most",
        idle / 1024,
        rss / 1024,
        peak / 1024
    );
    for line in tally.refused.iter().chain(lost).take(10) {
        println!("  {line}");
    }
}
