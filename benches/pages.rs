//! Pages against the bare stack (issue 16, benchmark a): wrk
//! (`-t1 -c64 --latency`, signed in) on the overview, the timeline and a
//! phase page of the release binary, and on a bare axum + sqlx + askama page
//! of 200 rows beside them, one after the other in the same run on the same
//! durable PostgreSQL; then each page's requests per second as a ratio to the
//! bare page's.
//!
//! Run with `cargo bench --bench pages`; each page is measured for
//! `BENCH_SECONDS` (10 by default) after a warm-up of 2 seconds.

mod bare;
mod common;
mod wrk;

use common::Stack;
use common::server::{Probe, Server};

/// Unmeasured load first, so that caches, pools and prepared statements are
/// warm for every page alike.
const WARM_UP_SECONDS: u64 = 2;
/// Issue 16's goal for the 99th percentile at 64 connections.
const TARGET_P99_MS: f64 = 15.0;

/// A page to measure, and the requests per second it should reach as a
/// share of the bare page's.
struct Target {
    name: String,
    url: String,
    cookie: Option<String>,
    probe: Probe,
    goal: f64,
}

fn main() {
    if std::env::args().nth(1).as_deref() == Some(bare::SERVE) {
        bare::serve();
    } else {
        measure();
    }
}

#[tokio::main]
async fn measure() {
    let seconds = common::seconds(10);
    let stack = Stack::start().await;
    let (phase, phase_name) = stack.first_phase().await;
    let server = stack.serve(&[]).await;
    let bare = Server::spawn({
        let mut command = stack.command(&std::env::current_exe().unwrap());
        command.arg(bare::SERVE);
        command
    })
    .await;
    let session = server.sign_in().await;
    let cookie = session.cookie.to_str().unwrap().to_owned();
    let phase_path = format!("/phases/{phase}");
    let pages = [
        ("overview /", "/", 1.0),
        ("timeline", "/timeline", 1.0),
        ("phase page", phase_path.as_str(), 1.5),
    ];
    let mut targets = vec![Target {
        name: "bare 200 rows".to_owned(),
        url: format!("{}/", bare.base),
        cookie: None,
        probe: bare.probe(),
        goal: 1.0,
    }];
    for (name, path, goal) in pages {
        // Signed out, the page would redirect to the login and look fast.
        session.page(path).await;
        targets.push(Target {
            name: name.to_owned(),
            url: format!("{}{path}", server.base),
            cookie: Some(cookie.clone()),
            probe: server.probe(),
            goal,
        });
    }

    let mut rows = Vec::new();
    for target in &targets {
        wrk::run(&target.url, target.cookie.as_deref(), WARM_UP_SECONDS);
        let before = target.probe.usage();
        let figures = wrk::run(&target.url, target.cookie.as_deref(), seconds);
        let after = target.probe.usage();
        let requests = figures.requests_per_second * seconds as f64;
        let cpu_ms = (after.cpu_seconds - before.cpu_seconds) * 1000.0 / requests.max(1.0);
        rows.push((target, figures, cpu_ms, after.rss_kib));
    }
    drop((server, bare));
    stack.stop().await;

    let bare_rate = rows[0].1.requests_per_second;
    println!(
        "wrk -t1 -c{} -d{seconds}s, signed in, durable PostgreSQL, phase {phase_name:?}; goals: the ratio, p99 ≤ {TARGET_P99_MS} ms",
        wrk::CONNECTIONS
    );
    println!(
        "{:<16} {:>9} {:>10} {:>8} {:>6} {:>13} {:>9} {:>9}",
        "page", "req/s", "p99 ms", "× bare", "goal", "CPU ms/req", "RSS KiB", "failed"
    );
    for (target, figures, cpu_ms, rss_kib) in &rows {
        println!(
            "{:<16} {:>9.0} {:>10.1} {:>8.2} {:>6.1} {:>13.2} {:>9} {:>9}",
            target.name,
            figures.requests_per_second,
            figures.p99.as_secs_f64() * 1000.0,
            figures.requests_per_second / bare_rate,
            target.goal,
            cpu_ms,
            rss_kib,
            figures.failures,
        );
    }
    let failed: u64 = rows.iter().map(|(_, figures, ..)| figures.failures).sum();
    assert_eq!(
        failed, 0,
        "some requests failed (errors or answers other than 2xx/3xx): the figures above do not measure the pages"
    );
}
