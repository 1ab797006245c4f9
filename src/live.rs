//! Live updates across instances. Every committed change NOTIFYs its event id
//! on one PostgreSQL channel (see `db::events::record`); each instance keeps
//! one LISTEN connection, reads the new events once, and fans them out to its
//! open streams through a bounded broadcast channel. An idle stream costs no
//! query; a stream that falls behind the channel is closed, and the browser
//! reconnects with `Last-Event-ID` to replay what it missed from the table.

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::sync::broadcast;
use uuid::Uuid;

/// The channel every change is announced on.
pub const CHANNEL: &str = "activity";
/// Events a stream may fall behind by before it is dropped.
const BUFFER: usize = 1024;
/// The most events a reconnecting stream replays.
pub const REPLAY_LIMIT: i64 = 1000;

/// What a browser learns of a change: enough to know what to refresh.
#[derive(Clone, Debug, Serialize, sqlx::FromRow)]
pub struct LiveEvent {
    pub id: i64,
    pub kind: String,
    pub subject_type: String,
    pub subject_id: Option<Uuid>,
}

impl LiveEvent {
    /// Audit events of accounts (sign-ins, role changes) are for admins;
    /// everything else any signed-in user may read.
    pub fn readable_by_everyone(&self) -> bool {
        self.subject_type != "user"
    }
}

/// This instance's fan-out of committed events.
#[derive(Clone)]
pub struct Hub {
    sender: broadcast::Sender<Arc<LiveEvent>>,
}

impl Hub {
    /// Starts listening on `pool`'s database in the background.
    pub fn start(pool: PgPool) -> Hub {
        let (sender, _) = broadcast::channel(BUFFER);
        tokio::spawn(listen(pool, sender.clone()));
        Hub { sender }
    }

    /// A receiver of every event committed from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<LiveEvent>> {
        self.sender.subscribe()
    }
}

/// The events after `after`, oldest first, at most `limit`.
pub async fn events_after(pool: &PgPool, after: i64, limit: i64) -> sqlx::Result<Vec<LiveEvent>> {
    sqlx::query_as(
        "select id, kind, subject_type, subject_id from activity_events where id > $1 order by id limit $2",
    )
    .bind(after)
    .bind(limit)
    .fetch_all(pool)
    .await
}

async fn latest_id(pool: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar("select coalesce(max(id), 0) from activity_events")
        .fetch_one(pool)
        .await
}

/// Forwards new events for as long as the process lives, reconnecting after
/// errors. A notification names one event, read once here whatever the number
/// of streams; after a lost connection, the events committed meanwhile are
/// read from the table.
async fn listen(pool: PgPool, sender: broadcast::Sender<Arc<LiveEvent>>) {
    let mut last = None;
    loop {
        if let Err(error) = forward(&pool, &sender, &mut last).await {
            // The server is stopping: nothing left to listen for.
            if pool.is_closed() {
                return;
            }
            tracing::warn!(%error, "live updates interrupted; retrying");
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    }
}

async fn forward(
    pool: &PgPool,
    sender: &broadcast::Sender<Arc<LiveEvent>>,
    last: &mut Option<i64>,
) -> sqlx::Result<()> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener.listen(CHANNEL).await?;
    let since = match *last {
        Some(id) => id,
        None => latest_id(pool).await?,
    };
    *last = Some(since);
    send_all(sender, last, events_after(pool, since, REPLAY_LIMIT).await?);
    loop {
        let events = match listener.try_recv().await? {
            Some(notification) => match notification.payload().parse::<i64>() {
                Ok(id) => event(pool, id).await?.into_iter().collect(),
                Err(_) => Vec::new(),
            },
            None => events_after(pool, last.unwrap_or(0), REPLAY_LIMIT).await?,
        };
        send_all(sender, last, events);
    }
}

fn send_all(
    sender: &broadcast::Sender<Arc<LiveEvent>>,
    last: &mut Option<i64>,
    events: Vec<LiveEvent>,
) {
    for event in events {
        *last = Some(last.map_or(event.id, |last| last.max(event.id)));
        // No receiver is not an error: nobody is watching.
        let _ = sender.send(Arc::new(event));
    }
}

async fn event(pool: &PgPool, id: i64) -> sqlx::Result<Option<LiveEvent>> {
    sqlx::query_as("select id, kind, subject_type, subject_id from activity_events where id = $1")
        .bind(id)
        .fetch_optional(pool)
        .await
}
