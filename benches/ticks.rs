//! Ticks per second (issue 16, benchmark b): 64 connections post the state
//! form of distinct items (`POST /items/{id}/state`, `state=done`) to the
//! release binary for `BENCH_SECONDS` (10 by default); then PostgreSQL must
//! hold exactly as many ticked items and `item.state_changed` events as the
//! server answered 303: none lost, none stored unanswered.
//!
//! Run with `cargo bench --bench ticks`. A tokio client rather than wrk: it
//! stops posting at the deadline and waits for every answer, so that the
//! counts compare exactly.

mod common;
mod ticking;

use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use common::Stack;
use ticking::{Ticker, last_event, millis, percentile, state_changes_after};
use uuid::Uuid;

const CONNECTIONS: usize = 64;
/// Items made per second of the run, beyond the goal; should the server tick
/// them all, the run ends early and its rate still holds.
const ITEMS_PER_SECOND: u64 = 5_000;
/// Issue 16's goal.
const TARGET_TICKS_PER_SECOND: f64 = 3000.0;
const TITLE_PREFIX: &str = "Bench tick";

/// What one connection saw: answers by status (0 for a failed request) and
/// the latency of each stored tick.
#[derive(Default)]
struct Tally {
    answers: BTreeMap<u16, usize>,
    stored: Vec<Duration>,
    ran_out: bool,
}

#[tokio::main]
async fn main() {
    let seconds = common::seconds(10);
    let stack = Stack::start().await;
    let (phase, phase_name) = stack.first_phase().await;
    let items: Arc<Vec<Uuid>> = Arc::new(
        sqlx::query_scalar(
            "insert into checklist_items (phase_id, title, due_day, position)
             select $1, $2 || ' ' || n, 0, 100000 + n from generate_series(1, $3) n
             returning id",
        )
        .bind(phase)
        .bind(TITLE_PREFIX)
        .bind(i64::try_from(seconds * ITEMS_PER_SECOND).unwrap())
        .fetch_all(&stack.pool)
        .await
        .unwrap(),
    );
    let server = stack.serve(&[]).await;
    let ticker = Ticker::new(&server.sign_in().await).await;
    let probe = server.probe();
    let first_event = last_event(&stack.pool).await;
    let before = probe.usage();

    let next = Arc::new(AtomicUsize::new(0));
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let connections: Vec<_> = (0..CONNECTIONS)
        .map(|_| {
            let (ticker, items, next) = (ticker.clone(), items.clone(), next.clone());
            tokio::spawn(async move {
                let mut tally = Tally::default();
                while Instant::now() < deadline {
                    let Some(&item) = items.get(next.fetch_add(1, Ordering::Relaxed)) else {
                        tally.ran_out = true;
                        break;
                    };
                    let sent = Instant::now();
                    let status = ticker.tick(item, 1, "done").await;
                    let code = status.map_or(0, |status| status.as_u16());
                    *tally.answers.entry(code).or_default() += 1;
                    if code == 303 {
                        tally.stored.push(sent.elapsed());
                    }
                }
                tally
            })
        })
        .collect();
    let mut answers = BTreeMap::<u16, usize>::new();
    let mut latencies = Vec::new();
    let mut ran_out = false;
    for connection in connections {
        let tally = connection.await.unwrap();
        for (code, count) in tally.answers {
            *answers.entry(code).or_default() += count;
        }
        latencies.extend(tally.stored);
        ran_out |= tally.ran_out;
    }
    let elapsed = started.elapsed();
    let after = probe.usage();
    drop(server);

    let (done_rows,): (i64,) = sqlx::query_as(
        "select count(*) from checklist_items where phase_id = $1 and title like $2 || ' %' and state = 'done'",
    )
    .bind(phase)
    .bind(TITLE_PREFIX)
    .fetch_one(&stack.pool)
    .await
    .unwrap();
    let events = state_changes_after(&stack.pool, first_event).await.len();
    stack.stop().await;

    latencies.sort_unstable();
    let ticked = latencies.len();
    let rate = ticked as f64 / elapsed.as_secs_f64();
    println!(
        "{CONNECTIONS} connections for {seconds} s, {} items in phase {phase_name:?}",
        items.len()
    );
    if ran_out {
        println!("every item was ticked before the deadline: the run ended early");
    }
    println!("answers by status (0: request failed): {answers:?}");
    println!(
        "ticks stored: {ticked} in {:.2} s = {rate:.0} ticks/s (goal ≥ {TARGET_TICKS_PER_SECOND:.0}); latency p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        elapsed.as_secs_f64(),
        millis(percentile(&latencies, 0.5)),
        millis(percentile(&latencies, 0.99)),
        millis(percentile(&latencies, 1.0)),
    );
    println!("in PostgreSQL: {done_rows} items done, {events} item.state_changed events");
    println!(
        "server: {:.1} s CPU ({:.2} ms a tick), RSS {} KiB",
        after.cpu_seconds - before.cpu_seconds,
        (after.cpu_seconds - before.cpu_seconds) * 1000.0 / ticked.max(1) as f64,
        after.rss_kib
    );
    assert!(
        done_rows == ticked as i64 && events == ticked,
        "LOST OR UNANSWERED UPDATES: {ticked} ticks answered 303, but {done_rows} items are done and {events} events recorded"
    );
}
