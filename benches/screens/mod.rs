//! Screens as browsers hold them on launch day: a page loaded, then the
//! stream of live updates it names read for as long as the bench runs, and
//! the page fetched again as its script does (`static/js/app.js`): only
//! after a change one of its regions follows (`data-live`), bursts
//! coalesced (a short random settle, then at most one fetch a second), with
//! the version it shows (`If-None-Match`) and the change it heard
//! (`X-Live-Event`), compressed as a browser asks.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rand::Rng;
use reqwest::header::{ACCEPT, ACCEPT_ENCODING, CACHE_CONTROL, ETAG, IF_NONE_MATCH};
use reqwest::{Method, StatusCode};
use scraper::{Html, Selector};
use serde::Deserialize;
use tokio::sync::watch;

use crate::common::session::Session;

/// What one stream received: each event's id with the moment it came, and
/// every byte of the body, heartbeats included.
#[derive(Default)]
pub struct Received {
    pub events: Vec<(i64, Instant)>,
    pub bytes: u64,
    /// Whether the server ended the stream before the bench did.
    pub cut: bool,
}

/// What one screen's fetches of its page got: drawn again (200), or
/// answered unchanged (304), or failed (by status, 0 for a request that got
/// no answer), and the bytes of their bodies.
#[derive(Default)]
pub struct Refetched {
    pub drawn: u64,
    pub unchanged: u64,
    pub failed: BTreeMap<u16, u64>,
    pub bytes: u64,
}

/// The script's timings: the settle before the first fetch after a change,
/// its random spread, and the least time between two fetches (or ten times
/// the last fetch's, up to `LONGEST_SPACING`).
const SETTLE: Duration = Duration::from_millis(150);
const SPREAD_MS: u64 = 250;
const SPACING: Duration = Duration::from_secs(1);
const LONGEST_SPACING: Duration = Duration::from_secs(10);

/// A screen: the reader of its stream, and the task that fetches its page
/// again when a change it follows comes.
pub struct Screen {
    pub source: String,
    pub stream: tokio::task::JoinHandle<Received>,
    pub refetches: tokio::task::JoinHandle<Refetched>,
}

/// Loads `page` as a screen does, then opens the stream it names as
/// EventSource does, and follows it as the page's script does.
pub async fn open_screen(session: &Session, page: &str, stopped: watch::Receiver<bool>) -> Screen {
    let html = session.page(page).await;
    let document = Html::parse_document(&html);
    let selector = Selector::parse("body[data-events]").unwrap();
    let source = document
        .select(&selector)
        .next()
        .and_then(|body| body.attr("data-events"))
        .unwrap_or_else(|| panic!("{page} opens no stream of live updates"))
        .to_owned();
    let regions = Selector::parse("[data-live]").unwrap();
    let follows: Vec<String> = document
        .select(&regions)
        .filter_map(|region| region.attr("data-live"))
        .map(str::to_owned)
        .collect();
    let versioned = Selector::parse("[data-live-version]").unwrap();
    let version = document
        .select(&versioned)
        .next()
        .and_then(|element| element.attr("data-live-version"))
        .map(str::to_owned);
    let response = session
        .request(Method::GET, &source)
        .header(ACCEPT, "text/event-stream")
        .header(CACHE_CONTROL, "no-cache")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "GET {source}");
    let (heard, hearing) = watch::channel(0);
    Screen {
        source,
        stream: tokio::spawn(read_stream(response, follows, heard, stopped.clone())),
        refetches: tokio::spawn(refetch(
            session.clone(),
            page.to_owned(),
            version,
            hearing,
            stopped,
        )),
    }
}

/// What a screen reads of a change.
#[derive(Deserialize)]
struct Change {
    subject_type: String,
    phase_id: Option<String>,
}

/// Whether a region following `wanted` (its `data-live`) shows `change`,
/// by the script's rule.
fn follows(wanted: &str, change: &Change) -> bool {
    let mut entries = wanted.split_whitespace().peekable();
    entries.peek().is_none()
        || entries.any(|entry| {
            let (subject, phase) = entry.split_once('@').unwrap_or((entry, ""));
            subject == change.subject_type
                && (phase.is_empty() || change.phase_id.as_deref().is_none_or(|of| of == phase))
        })
}

/// Fetches the page again after each change heard, as the script does.
async fn refetch(
    session: Session,
    page: String,
    mut version: Option<String>,
    mut hearing: watch::Receiver<i64>,
    mut stopped: watch::Receiver<bool>,
) -> Refetched {
    let mut fetched = Refetched::default();
    let mut last: Option<(Instant, Duration)> = None;
    loop {
        tokio::select! {
            _ = stopped.wait_for(|stopped| *stopped) => break,
            changed = hearing.changed() => if changed.is_err() { break },
        }
        let settle = SETTLE + Duration::from_millis(rand::thread_rng().gen_range(0..SPREAD_MS));
        let spaced = last.map_or(Duration::ZERO, |(at, took)| {
            (at + SPACING.max(took * 10).min(LONGEST_SPACING))
                .saturating_duration_since(Instant::now())
        });
        tokio::select! {
            _ = stopped.wait_for(|stopped| *stopped) => break,
            () = tokio::time::sleep(settle.max(spaced)) => {}
        }
        let heard = *hearing.borrow_and_update();
        let started = Instant::now();
        let mut request = session
            .request(Method::GET, &page)
            .header(ACCEPT_ENCODING, "br, gzip")
            .header("x-requested-with", "fetch")
            .header("x-live-event", heard.to_string());
        if let Some(version) = &version {
            request = request.header(IF_NONE_MATCH, version);
        }
        match request.send().await {
            Ok(response) if response.status() == StatusCode::NOT_MODIFIED => {
                fetched.unchanged += 1;
            }
            Ok(response) if response.status() == StatusCode::OK => {
                fetched.drawn += 1;
                version = response
                    .headers()
                    .get(ETAG)
                    .and_then(|etag| etag.to_str().ok())
                    .map(str::to_owned);
                fetched.bytes += response.bytes().await.map_or(0, |body| body.len() as u64);
            }
            failed => {
                let status = failed.map_or(0, |response| response.status().as_u16());
                *fetched.failed.entry(status).or_default() += 1;
            }
        }
        last = Some((started, started.elapsed()));
    }
    fetched
}

/// Reads a stream until the bench stops, noting each event id as it comes,
/// and telling the screen's fetcher of the changes its page follows.
async fn read_stream(
    mut response: reqwest::Response,
    regions: Vec<String>,
    heard: watch::Sender<i64>,
    mut stopped: watch::Receiver<bool>,
) -> Received {
    let mut received = Received::default();
    let mut pending = String::new();
    loop {
        let chunk = tokio::select! {
            _ = stopped.wait_for(|stopped| *stopped) => break,
            chunk = response.chunk() => chunk,
        };
        let Ok(Some(chunk)) = chunk else {
            received.cut = true;
            break;
        };
        let at = Instant::now();
        received.bytes += chunk.len() as u64;
        pending.push_str(&String::from_utf8_lossy(&chunk));
        // Whole events only: a chunk may end mid-event.
        let complete = pending.rfind("\n\n").map_or(0, |end| end + 2);
        for event in pending[..complete].split("\n\n") {
            let mut id = None;
            let mut change = None;
            for line in event.lines() {
                if let Some(value) = line.strip_prefix("id:") {
                    id = value.trim().parse::<i64>().ok();
                } else if let Some(value) = line.strip_prefix("data:") {
                    change = serde_json::from_str::<Change>(value.trim()).ok();
                }
            }
            let Some(id) = id else { continue };
            received.events.push((id, at));
            let shown =
                change.is_none_or(|change| regions.iter().any(|wanted| follows(wanted, &change)));
            if shown {
                heard.send_replace(id);
            }
        }
        pending.drain(..complete);
    }
    received
}
