//! `/events`: the Server-Sent Events stream of live updates for a signed-in
//! user. `Last-Event-ID` replays what a reconnecting browser missed.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::stream::{self, Stream, StreamExt};
use tokio_stream::wrappers::BroadcastStream;

use crate::auth::CurrentUser;
use crate::db;
use crate::db::events::LiveEvent;
use crate::domain::change::Reader;
use crate::error::Result;
use crate::live;
use crate::state::AppState;

/// `/events`.
pub fn router() -> Router<AppState> {
    Router::new().route("/events", get(stream_events))
}

/// Heartbeats keep proxies from closing an idle stream.
const HEARTBEAT: Duration = Duration::from_secs(15);

fn sse_event(event: &LiveEvent) -> Event {
    Event::default()
        .id(event.id.to_string())
        .event("change")
        .json_data(event)
        .unwrap_or_else(|_| Event::default().id(event.id.to_string()).event("change"))
}

async fn stream_events(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
) -> Result<Response> {
    let reader = Reader::signed_in(user.role);
    Ok(sse(&state, headers, reader).await?.into_response())
}

/// The stream of the changes `reader` may read: first the events after
/// `Last-Event-ID`, then the live ones. Subscribing before reading the table
/// leaves no gap; ids already replayed are skipped.
pub async fn sse(
    state: &AppState,
    headers: HeaderMap,
    reader: Reader,
) -> Result<impl IntoResponse> {
    let receiver = state.live.subscribe();
    let last_seen = headers
        .get("last-event-id")
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.trim().parse::<i64>().ok());
    let missed = match last_seen {
        Some(after) => db::events::events_after(&state.db, after, live::REPLAY_LIMIT).await?,
        None => Vec::new(),
    };
    let replayed_up_to = missed
        .last()
        .map(|event| event.id)
        .or(last_seen)
        .unwrap_or(0);
    let replay = stream::iter(
        missed
            .into_iter()
            .filter(move |event| event.readable_by(reader))
            .map(Arc::new),
    );
    // A lagging receiver ends the stream: the browser reconnects and replays.
    let live = BroadcastStream::new(receiver)
        .take_while(|received| std::future::ready(received.is_ok()))
        .filter_map(move |received| {
            let event = received
                .ok()
                .filter(|event| event.id > replayed_up_to && event.readable_by(reader));
            std::future::ready(event)
        });
    let events = replay
        .chain(live)
        .map(|event| Ok::<_, Infallible>(sse_event(&event)));
    Ok(no_buffering(
        Sse::new(events).keep_alive(KeepAlive::new().interval(HEARTBEAT)),
    ))
}

/// Tells proxies (nginx and its kin) to pass the stream through as it comes.
fn no_buffering(
    stream: Sse<impl Stream<Item = std::result::Result<Event, Infallible>> + Send + 'static>,
) -> impl IntoResponse {
    (
        [
            (header::CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            (
                header::HeaderName::from_static("x-accel-buffering"),
                HeaderValue::from_static("no"),
            ),
        ],
        stream,
    )
}
