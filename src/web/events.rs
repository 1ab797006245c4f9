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
use chrono::{DateTime, Utc};
use futures_util::stream::{self, Stream, StreamExt};
use tokio::sync::broadcast;
use tokio_stream::wrappers::BroadcastStream;
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::tokens::{self, Purpose};
use crate::auth::{CurrentUser, session};
use crate::db;
use crate::db::notifications;
use crate::domain::change::{Reader, Subject};
use crate::domain::notification::unread_badge;
use crate::error::{AppError, Result};
use crate::live::{self, LiveChange};
use crate::state::AppState;

/// `/events`.
pub fn router() -> Router<AppState> {
    Router::new().route("/events", get(stream_events))
}

/// Heartbeats keep proxies from closing an idle stream.
const HEARTBEAT: Duration = Duration::from_secs(15);

fn sse_event(change: &LiveChange) -> Event {
    Event::default()
        .id(change.id.to_string())
        .event("change")
        .data(change.json())
}

async fn stream_events(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    session: Session,
    headers: HeaderMap,
) -> Result<Response> {
    let reader = Reader::signed_in(user.role);
    let (session, signed_in_at) = session::sign_in_of(&session)
        .await?
        .ok_or(AppError::Forbidden)?;
    let keeper = Keeper::Session {
        user: user.id,
        session,
        signed_in_at,
    };
    Ok(sse(&state, headers, reader, keeper).await?.into_response())
}

/// What keeps a stream open, checked again whenever a change about it
/// comes: a stream must not outlive the sign-in or the link that opened it.
#[derive(Clone, Debug)]
pub enum Keeper {
    /// A signed-in user's session: it ends when they sign out, when every
    /// session of theirs is ended, or when they are disabled.
    Session {
        user: Uuid,
        session: String,
        signed_in_at: DateTime<Utc>,
    },
    /// A wall screen's link: it ends when the link is revoked.
    Kiosk { secret: String },
}

impl Keeper {
    /// The signed-in user the stream is for, if any.
    fn user(&self) -> Option<Uuid> {
        match self {
            Keeper::Session { user, .. } => Some(*user),
            Keeper::Kiosk { .. } => None,
        }
    }

    /// Whether `event` may have ended what keeps the stream open: a change
    /// of the reader's account, or of the plan's links.
    fn concerned_by(&self, event: &LiveChange) -> bool {
        let subject = Subject::parse(&event.subject_type);
        match self {
            Keeper::Session { user, .. } => {
                subject == Some(Subject::User) && event.subject_id == Some(*user)
            }
            Keeper::Kiosk { .. } => subject == Some(Subject::Plan),
        }
    }

    /// Whether the stream may stay open. A database that does not answer
    /// ends nothing: the pages say it is away.
    async fn holds(&self, state: &AppState) -> bool {
        let held = match self {
            Keeper::Session {
                user,
                session,
                signed_in_at,
            } => session::still_signed_in(&state.db, session, *user, *signed_in_at).await,
            Keeper::Kiosk { secret } => match state.db.acquire().await {
                Ok(mut conn) => tokens::open(&mut conn, Purpose::Kiosk, secret)
                    .await
                    .map(|token| token.is_some()),
                Err(error) => Err(error),
            },
        };
        held.unwrap_or(true)
    }
}

/// The stream of the changes `reader` may read: first the events after
/// `Last-Event-ID`, then the live ones. Subscribing before reading the table
/// leaves no gap; ids already replayed are skipped.
pub async fn sse(
    state: &AppState,
    headers: HeaderMap,
    reader: Reader,
    keeper: Keeper,
) -> Result<impl IntoResponse> {
    let receiver = state.live.subscribe();
    let inboxes = state.live.inboxes();
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
            .map(|event| Arc::new(LiveChange::new(event))),
    );
    // A lagging receiver ends the stream: the browser reconnects and replays.
    // So does a change that ends what keeps it open.
    let reader_of = keeper.user();
    let counts = unread_counts(state.clone(), inboxes, reader_of);
    let state = state.clone();
    let live = BroadcastStream::new(receiver)
        .take_while(|received| std::future::ready(received.is_ok()))
        .filter_map(|received| std::future::ready(received.ok()))
        .then(move |event| {
            let (state, keeper) = (state.clone(), keeper.clone());
            async move {
                let open = !keeper.concerned_by(&event) || keeper.holds(&state).await;
                (event, open)
            }
        })
        .take_while(|(_, open)| std::future::ready(*open))
        .filter_map(move |(event, _)| {
            let readable = event.id > replayed_up_to && event.readable_by(reader);
            std::future::ready(readable.then_some(event))
        });
    let changes = replay.chain(live).map(|event| Some(sse_event(&event)));
    // The changes end the stream: their end is passed on as `None`.
    let changes = changes.chain(stream::once(std::future::ready(None)));
    let events = stream::select(changes, counts)
        .take_while(|event| std::future::ready(event.is_some()))
        .filter_map(|event| std::future::ready(event.map(Ok::<_, Infallible>)));
    Ok(no_buffering(
        Sse::new(events).keep_alive(KeepAlive::new().interval(HEARTBEAT)),
    ))
}

/// The unread count of `user`'s inbox each time it changes, as `inbox`
/// events (none for a wall screen, which has no inbox). A count that
/// cannot be read is skipped: the next change brings it.
fn unread_counts(
    state: AppState,
    inboxes: broadcast::Receiver<Uuid>,
    user: Option<Uuid>,
) -> impl Stream<Item = Option<Event>> {
    BroadcastStream::new(inboxes)
        .filter_map(move |changed| std::future::ready(changed.ok().filter(|_| user.is_some())))
        .filter(move |changed| std::future::ready(Some(*changed) == user))
        .then(move |changed| {
            let state = state.clone();
            async move { notifications::unread(&state.db, changed).await.ok() }
        })
        .filter_map(|count| {
            std::future::ready(
                count.map(|count| Some(Event::default().event("inbox").data(unread_badge(count)))),
            )
        })
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
