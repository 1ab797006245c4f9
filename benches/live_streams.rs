//! Launch day (issue 16, benchmark c): 1,000 signed-in screens, half on the
//! countdown and half on a phase page, each with the stream of live updates
//! its page opens (the page's `data-events`, as `static/js/app.js` opens it),
//! while 20 ticks a second arrive through the state form for `BENCH_SECONDS`
//! (60 by default), on the release binary with its durable PostgreSQL.
//!
//! Measures that every stream receives every change, the delay from a tick's
//! answer to each stream's receipt (a receipt before the answer counts as no
//! delay), the server's memory (sampled) and CPU time, and the bytes the
//! streams carry per change and screen. Each screen also fetches its page
//! again as the page's script does (`benches/screens`): only after a change
//! its regions follow, bursts coalesced, with the version it shows; the
//! bench counts the pages the server drew (200) and those it answered
//! unchanged (304), and adds their bytes to each screen's. Run with
//! `cargo bench --bench live_streams`.

mod common;
mod screens;
mod ticking;

use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use common::Stack;
use futures_util::StreamExt;
use nix::sys::resource::{Resource, getrlimit, setrlimit};
use screens::{Received, Refetched, open_screen};
use ticking::{Ticker, last_event, millis, percentile, state_changes_after};
use tokio::sync::watch;
use uuid::Uuid;

const SCREENS: usize = 1000;
/// The server's connection cap: a stream and a fetch per screen, and room.
const CONNECTIONS: usize = 2 * SCREENS + 100;
const TICKS_PER_SECOND: u32 = 20;
/// Screens opening at once while the bench sets up.
const OPENING_AT_ONCE: usize = 50;
/// How long the last change gets to reach every stream.
const SETTLE: Duration = Duration::from_secs(3);
const RSS_EVERY: Duration = Duration::from_millis(100);
/// Issue 16's goals.
const TARGET_P99: Duration = Duration::from_secs(1);
const TARGET_RSS_KIB: u64 = 100 * 1024;

/// An item the bench moves back and forth between to do and done.
struct Toggled {
    id: Uuid,
    done: bool,
    version: i32,
}

#[tokio::main]
async fn main() {
    raise_open_file_limit();
    let seconds = common::seconds(60);
    let stack = Stack::start().await;
    let (phase, phase_name) = stack.first_phase().await;
    let rows: Vec<(Uuid, String, i32)> = sqlx::query_as(
        "select id, state, version from checklist_items
         where phase_id = $1 and state in ('todo', 'done') and deleted_at is null
         order by position",
    )
    .bind(phase)
    .fetch_all(&stack.pool)
    .await
    .unwrap();
    let mut items: Vec<Toggled> = rows
        .into_iter()
        .map(|(id, state, version)| Toggled {
            id,
            done: state == "done",
            version,
        })
        .collect();
    assert!(!items.is_empty(), "the phase has no item to tick");
    // Every screen holds a connection, and another while it fetches its
    // page again; the server caps them.
    let server = stack
        .serve(&[("MAX_CONNECTIONS", CONNECTIONS.to_string())])
        .await;
    let session = server.sign_in().await;
    let ticker = Ticker::new(&session).await;
    let probe = server.probe();
    let idle = probe.usage();
    let peak_rss = Arc::new(AtomicU64::new(idle.rss_kib));
    let sampler = tokio::spawn({
        let peak_rss = peak_rss.clone();
        async move {
            loop {
                peak_rss.fetch_max(probe.usage().rss_kib, Ordering::Relaxed);
                tokio::time::sleep(RSS_EVERY).await;
            }
        }
    });

    let pages = ["/countdown".to_owned(), format!("/phases/{phase}")];
    let (stop, stopped) = watch::channel(false);
    let screens: Vec<_> = futures_util::stream::iter(0..SCREENS)
        .map(|screen| open_screen(&session, &pages[screen % pages.len()], stopped.clone()))
        .buffer_unordered(OPENING_AT_ONCE)
        .collect()
        .await;
    let mut sources: Vec<String> = screens.iter().map(|screen| screen.source.clone()).collect();
    sources.sort_unstable();
    sources.dedup();
    let open = probe.usage();

    let first_event = last_event(&stack.pool).await;
    let started = Instant::now();
    let (answered, refused) =
        tick(&ticker, &mut items, seconds * u64::from(TICKS_PER_SECOND)).await;
    let ticking = started.elapsed();
    let ticked = probe.usage();
    tokio::time::sleep(SETTLE).await;
    let _ = stop.send(true);
    let mut streams = Vec::new();
    let mut refetched = Refetched::default();
    for screen in screens {
        streams.push(screen.stream.await.unwrap());
        let fetched = screen.refetches.await.unwrap();
        refetched.drawn += fetched.drawn;
        refetched.unchanged += fetched.unchanged;
        for (status, count) in fetched.failed {
            *refetched.failed.entry(status).or_default() += count;
        }
        refetched.bytes += fetched.bytes;
    }
    sampler.abort();
    drop(server);
    let changes = state_changes_after(&stack.pool, first_event).await;
    stack.stop().await;

    // Ticks follow one another: the n-th change stored is the n-th answered.
    let answered_at: HashMap<i64, Instant> = changes
        .iter()
        .copied()
        .zip(answered.iter().copied())
        .collect();
    let (mut delays, fewest, complete) = deliveries(&streams, &answered_at);
    delays.sort_unstable();
    let bytes: u64 = streams.iter().map(|stream| stream.bytes).sum();
    let cut = streams.iter().filter(|stream| stream.cut).count();
    let cpu = ticked.cpu_seconds - open.cpu_seconds;
    let p99 = percentile(&delays, 0.99);
    let peak = peak_rss.load(Ordering::Relaxed);

    println!(
        "{SCREENS} screens on {pages:?} (phase {phase_name:?}), streams {sources:?}; {} ticks in {:.1} s ({:.1}/s) on {} items; refused: {refused:?}",
        answered.len(),
        ticking.as_secs_f64(),
        answered.len() as f64 / ticking.as_secs_f64(),
        items.len()
    );
    println!(
        "changes stored: {}; streams that received every change: {complete} of {SCREENS} (fewest received: {fewest}); streams cut by the server: {cut}",
        changes.len()
    );
    println!(
        "delay from a tick's answer to a stream's receipt: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms (goal: p99 ≤ {} ms)",
        millis(percentile(&delays, 0.5)),
        millis(p99),
        millis(percentile(&delays, 1.0)),
        TARGET_P99.as_millis()
    );
    println!(
        "server RSS: {:.1} MiB idle, {:.1} MiB with the streams open, peak {:.1} MiB (goal ≤ {} MiB)",
        mib(idle.rss_kib),
        mib(open.rss_kib),
        mib(peak),
        TARGET_RSS_KIB / 1024
    );
    println!(
        "server CPU while ticking: {cpu:.1} s in {:.1} s ({:.0}% of one core); {:.1} s to open the screens",
        ticking.as_secs_f64(),
        cpu * 100.0 / ticking.as_secs_f64(),
        open.cpu_seconds - idle.cpu_seconds
    );
    let per_change_and_screen =
        |bytes: u64| bytes as f64 / answered.len().max(1) as f64 / SCREENS as f64;
    println!(
        "pages fetched again by the screens: {} drawn (200), {} unchanged (304), failed by status (0: no answer) {:?}; {:.2} draws per change per screen ({:.0} draws a second)",
        refetched.drawn,
        refetched.unchanged,
        refetched.failed,
        refetched.drawn as f64 / answered.len().max(1) as f64 / SCREENS as f64,
        refetched.drawn as f64 / ticking.as_secs_f64(),
    );
    println!(
        "bytes sent per change per screen: {:.0} ({:.0} on the stream, {:.0} in pages fetched again, compressed); {:.1} MiB in all",
        per_change_and_screen(bytes + refetched.bytes),
        per_change_and_screen(bytes),
        per_change_and_screen(refetched.bytes),
        (bytes + refetched.bytes) as f64 / 1024.0 / 1024.0
    );
    assert!(
        refused.is_empty() && changes.len() == answered.len(),
        "TICKS LOST OR REFUSED: {} answered 303, {refused:?} refused, {} stored",
        answered.len(),
        changes.len()
    );
    assert_eq!(
        complete,
        SCREENS,
        "SOME STREAMS MISSED CHANGES: the fewest received {fewest} of {}",
        answered.len()
    );
}

/// Posts `ticks` state changes, `TICKS_PER_SECOND` of them a second, each
/// after the last one's answer; returns when each stored one was answered,
/// and the other answers by status (0 for a failed request).
async fn tick(
    ticker: &Ticker,
    items: &mut [Toggled],
    ticks: u64,
) -> (Vec<Instant>, HashMap<u16, usize>) {
    let mut answered = Vec::new();
    let mut refused = HashMap::new();
    let mut every = tokio::time::interval(Duration::from_secs(1) / TICKS_PER_SECOND);
    for tick in 0..ticks {
        every.tick().await;
        let count = items.len();
        let item = &mut items[usize::try_from(tick).unwrap() % count];
        let state = if item.done { "todo" } else { "done" };
        let status = ticker.tick(item.id, item.version, state).await;
        match status.map_or(0, |status| status.as_u16()) {
            303 => {
                answered.push(Instant::now());
                item.done = !item.done;
                item.version += 1;
            }
            code => *refused.entry(code).or_default() += 1,
        }
    }
    (answered, refused)
}

/// Each delivery's delay after its tick's answer; the fewest ticks a stream
/// received, and how many streams received them all.
fn deliveries(
    streams: &[Received],
    answered_at: &HashMap<i64, Instant>,
) -> (Vec<Duration>, usize, usize) {
    let mut delays = Vec::new();
    let mut fewest = usize::MAX;
    let mut complete = 0;
    for stream in streams {
        let mut seen = 0;
        for (id, at) in &stream.events {
            if let Some(answer) = answered_at.get(id) {
                seen += 1;
                delays.push(at.saturating_duration_since(*answer));
            }
        }
        fewest = fewest.min(seen);
        complete += usize::from(seen == answered_at.len());
    }
    (delays, fewest, complete)
}

/// Raises this process's soft limit on open files to the hard one: each
/// screen's stream is a socket, and many systems start processes at 1,024.
fn raise_open_file_limit() {
    let (soft, hard) = getrlimit(Resource::RLIMIT_NOFILE).unwrap();
    if soft < hard {
        setrlimit(Resource::RLIMIT_NOFILE, hard, hard).unwrap();
    }
    assert!(
        hard > CONNECTIONS as u64,
        "the open-file limit ({hard}) is too low for {SCREENS} screens: raise it (ulimit -Hn)"
    );
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}
