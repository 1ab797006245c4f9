//! Screens as browsers hold them on launch day: a page loaded, then the
//! stream of live updates it names read for as long as the bench runs.

use std::time::Instant;

use reqwest::header::{ACCEPT, CACHE_CONTROL};
use reqwest::{Method, StatusCode};
use scraper::{Html, Selector};
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

/// Loads `page` as a screen does, then opens the stream it names as
/// EventSource does; returns the stream's path and its reader.
pub async fn open_screen(
    session: &Session,
    page: &str,
    stopped: watch::Receiver<bool>,
) -> (String, tokio::task::JoinHandle<Received>) {
    let html = session.page(page).await;
    let selector = Selector::parse("body[data-events]").unwrap();
    let source = Html::parse_document(&html)
        .select(&selector)
        .next()
        .and_then(|body| body.attr("data-events"))
        .unwrap_or_else(|| panic!("{page} opens no stream of live updates"))
        .to_owned();
    let response = session
        .request(Method::GET, &source)
        .header(ACCEPT, "text/event-stream")
        .header(CACHE_CONTROL, "no-cache")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK, "GET {source}");
    (source, tokio::spawn(read_stream(response, stopped)))
}

/// Reads a stream until the bench stops, noting each event id as it comes.
async fn read_stream(
    mut response: reqwest::Response,
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
        // Whole lines only: a chunk may end mid-line.
        let complete = pending.rfind('\n').map_or(0, |end| end + 1);
        let ids = pending[..complete]
            .lines()
            .filter_map(|line| line.strip_prefix("id:")?.trim().parse().ok());
        received.events.extend(ids.map(|id| (id, at)));
        pending.drain(..complete);
    }
    received
}
