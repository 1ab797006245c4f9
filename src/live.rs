//! Live updates across instances. Every committed change NOTIFYs its event
//! on one PostgreSQL channel (see `db::events::record`); each instance keeps
//! one LISTEN connection and fans the events it hears out to its open
//! streams through a bounded broadcast channel. An idle stream costs no
//! query; a stream that falls behind the channel is closed, and the browser
//! reconnects with `Last-Event-ID` to replay what it missed from the table.
//! The same connection hears the changes to the plan, and tells the
//! instance's [`PlanCache`].

use std::ops::Deref;
use std::sync::Arc;
use std::time::Duration;

pub mod versions;

use sqlx::PgPool;
use sqlx::postgres::PgListener;
use tokio::sync::{broadcast, mpsc, watch};

use uuid::Uuid;

use crate::db::events::{self, CHANNEL, LiveEvent, Unannounced};
use crate::db::notifications;
use crate::plan_cache::{self, PlanCache};
use versions::Versions;

/// Events a stream may fall behind by before it is dropped.
const BUFFER: usize = 1024;
/// The most events a reconnecting stream replays.
pub const REPLAY_LIMIT: i64 = 1000;

/// A committed change as this instance heard it, with the JSON its streams
/// send: written once for every open stream rather than once by each.
#[derive(Debug)]
pub struct LiveChange {
    event: LiveEvent,
    json: String,
}

impl LiveChange {
    pub fn new(event: LiveEvent) -> LiveChange {
        // Ids, names and UUIDs: nothing in it fails to serialise.
        let json = serde_json::to_string(&event).unwrap_or_default();
        LiveChange { event, json }
    }

    /// The event as the streams send it.
    pub fn json(&self) -> &str {
        &self.json
    }
}

impl Deref for LiveChange {
    type Target = LiveEvent;

    fn deref(&self) -> &LiveEvent {
        &self.event
    }
}

/// This instance's fan-out of committed events.
#[derive(Clone)]
pub struct Hub {
    sender: broadcast::Sender<Arc<LiveChange>>,
    /// What the events heard so far concern.
    versions: Arc<Versions>,
    /// Whether the LISTEN is in place and caught up: changes committed from
    /// then on reach this instance's streams.
    listening: watch::Receiver<bool>,
    /// Changes committed and not yet announced.
    announcements: mpsc::UnboundedSender<Unannounced>,
    /// The users whose inbox changed.
    inboxes: broadcast::Sender<Uuid>,
}

impl Hub {
    /// Starts listening on `pool`'s database in the background, telling
    /// `plans` when the plan changes.
    pub fn start(pool: PgPool, plans: PlanCache) -> Hub {
        let (sender, _) = broadcast::channel(BUFFER);
        let (listening_now, listening) = watch::channel(false);
        let versions = Arc::new(Versions::default());
        let (inboxes, _) = broadcast::channel(BUFFER);
        let heard = Heard {
            sender: sender.clone(),
            versions: versions.clone(),
            inboxes: inboxes.clone(),
        };
        let (announcements, queue) = mpsc::unbounded_channel();
        tokio::spawn(announce(pool.clone(), queue));
        tokio::spawn(listen(pool, heard, listening_now, plans));
        Hub {
            sender,
            versions,
            listening,
            announcements,
            inboxes,
        }
    }

    /// Announces a change whose transaction has committed, without waiting:
    /// the answer to its request does not wait for the other instances.
    pub fn announce(&self, recorded: Unannounced) {
        // The receiving task lives as long as the process.
        let _ = self.announcements.send(recorded);
    }

    /// The versions of what the live pages show.
    pub fn versions(&self) -> &Versions {
        &self.versions
    }

    /// Resolves once the instance listens, so that a change committed after
    /// it reaches every stream (tests wait on it rather than on time).
    pub async fn listening(&self) {
        let mut listening = self.listening.clone();
        // The sender lives as long as the listening task, which never ends
        // while the pool is open.
        let _ = listening.wait_for(|listening| *listening).await;
    }

    /// A receiver of every event committed from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Arc<LiveChange>> {
        self.sender.subscribe()
    }

    /// A receiver of the users whose inbox changes from now on.
    pub fn inboxes(&self) -> broadcast::Receiver<Uuid> {
        self.inboxes.subscribe()
    }
}

/// Changes announced together at most, in one statement.
const ANNOUNCED_AT_ONCE: usize = 256;

/// Sends the committed changes' NOTIFYs: all those waiting in one statement,
/// so that at a thousand ticks a second the notification lock is taken a
/// few times a second rather than once a tick. A failed announcement costs
/// the open screens their live update (they catch up at the next change or
/// reconnection), never a user their answer.
async fn announce(pool: PgPool, mut queue: mpsc::UnboundedReceiver<Unannounced>) {
    let mut waiting = Vec::new();
    while queue.recv_many(&mut waiting, ANNOUNCED_AT_ONCE).await > 0 {
        if let Err(error) = events::announce_all(&pool, &waiting).await {
            tracing::error!(%error, count = waiting.len(), "stored changes could not be announced");
        }
        waiting.clear();
    }
}

/// Forwards new events for as long as the process lives, reconnecting after
/// errors. A notification carries one event, for every stream at once; after
/// a lost connection, the events committed meanwhile are read from the table.
async fn listen(pool: PgPool, heard: Heard, listening: watch::Sender<bool>, plans: PlanCache) {
    let mut last = None;
    loop {
        let interrupted = forward(&pool, &heard, &mut last, &listening, &plans).await;
        listening.send_replace(false);
        plans.unwatch();
        if let Err(error) = interrupted {
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
    heard: &Heard,
    last: &mut Option<i64>,
    listening: &watch::Sender<bool>,
    plans: &PlanCache,
) -> sqlx::Result<()> {
    let mut listener = PgListener::connect_with(pool).await?;
    listener
        .listen_all([CHANNEL, plan_cache::CHANNEL, notifications::CHANNEL])
        .await?;
    plans.watch();
    let since = match *last {
        Some(id) => id,
        None => events::latest_id(pool).await?,
    };
    *last = Some(since);
    heard.versions.start_at(since);
    send_all(
        heard,
        last,
        events::events_after(pool, since, REPLAY_LIMIT).await?,
    );
    listening.send_replace(true);
    loop {
        let batch = match listener.try_recv().await? {
            Some(notification) if notification.channel() == plan_cache::CHANNEL => {
                plans.invalidate();
                Vec::new()
            }
            Some(notification) if notification.channel() == notifications::CHANNEL => {
                if let Ok(user) = notification.payload().parse::<Uuid>() {
                    // No receiver is not an error: nobody is watching.
                    let _ = heard.inboxes.send(user);
                }
                Vec::new()
            }
            Some(notification) => events::heard(pool, notification.payload())
                .await?
                .into_iter()
                .collect(),
            // The connection dropped, and with it what was announced
            // meanwhile: listen again from the start, then catch up.
            None => return Ok(()),
        };
        send_all(heard, last, batch);
    }
}

/// Where heard events go: the versions first, then the streams.
struct Heard {
    sender: broadcast::Sender<Arc<LiveChange>>,
    versions: Arc<Versions>,
    inboxes: broadcast::Sender<Uuid>,
}

fn send_all(heard: &Heard, last: &mut Option<i64>, events: Vec<LiveEvent>) {
    for event in events {
        *last = Some(last.map_or(event.id, |last| last.max(event.id)));
        heard.versions.note(&event);
        // No receiver is not an error: nobody is watching.
        let _ = heard.sender.send(Arc::new(LiveChange::new(event)));
    }
}
