//! The sessions' store: tower-sessions' PostgreSQL store, whose loading also
//! reads the session's user and the database's snapshot in the same
//! statement (`db::sessions::load`), so that a page request whose data is
//! kept under that snapshot costs one statement; and, for a route that asks
//! ([`ReadAhead`]), the item its form moves.
//!
//! What the route asks and what was read are handed over through a
//! task-local slot: the store is called by tower-sessions, inside the
//! request's task, and has no other way to the request. Written here because
//! the crate's store keeps its own query to itself.

use std::cell::RefCell;

use async_trait::async_trait;
use sqlx::PgPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions_sqlx_store::PostgresStore;
use uuid::Uuid;

use crate::db::items::Movable;
use crate::db::sessions;
use crate::db::snapshots::Snapshot;
use crate::db::users::User;

/// Session key holding the signed-in user's id, which the store notes
/// beside the session (`hint_user`).
pub(super) const USER_ID: &str = "user_id";

/// What was read with a session beside its record.
#[derive(Clone, Debug)]
pub struct WithSession {
    /// The user the session was saved for, if noted.
    pub user_id: Option<Uuid>,
    /// That user, if enabled.
    pub user: Option<User>,
    pub snapshot: Snapshot,
    /// The item read ahead ([`ReadAhead`]), and what a move of it needs,
    /// unless it is not found.
    pub item: Option<(Uuid, Option<Movable>)>,
}

/// What a route asks the session's statement to read too, put in the
/// request's extensions before its session is loaded: the item a state
/// form moves, so that a tick costs two statements, not three.
#[derive(Clone, Copy, Debug)]
pub struct ReadAhead {
    pub item: Uuid,
}

/// What a request asked to read ahead, and what its session was loaded
/// with.
#[derive(Default)]
struct Slot {
    ahead: Option<ReadAhead>,
    read: Option<WithSession>,
}

tokio::task_local! {
    /// What was read with the session, for the request that loaded it.
    static READ_WITH: RefCell<Slot>;
}

/// Runs `request` with a slot for what its session is loaded with, and
/// what it asks to read `ahead`.
pub async fn with_slot<F: Future>(ahead: Option<ReadAhead>, request: F) -> F::Output {
    let slot = Slot { ahead, read: None };
    READ_WITH.scope(RefCell::new(slot), request).await
}

/// What the request's session was loaded with, if it was loaded inside
/// [`with_slot`].
pub fn read_with() -> Option<WithSession> {
    READ_WITH
        .try_with(|slot| slot.borrow().read.clone())
        .ok()
        .flatten()
}

/// Item `id` as read ahead with the request's session (none inside when
/// not found), or none when it was not read so.
pub fn item_read_ahead(id: Uuid) -> Option<Option<Movable>> {
    READ_WITH
        .try_with(|slot| {
            let slot = slot.borrow();
            let (read, found) = slot.read.as_ref()?.item.as_ref()?;
            (*read == id).then(|| found.clone())
        })
        .ok()
        .flatten()
}

/// tower-sessions' store, loading through [`load`].
#[derive(Clone, Debug)]
pub struct SnapshotStore {
    pool: PgPool,
    inner: PostgresStore,
}

impl SnapshotStore {
    pub fn new(pool: PgPool) -> SnapshotStore {
        SnapshotStore {
            inner: PostgresStore::new(pool.clone()),
            pool,
        }
    }
}

#[async_trait]
impl SessionStore for SnapshotStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        self.inner.create(record).await?;
        self.hint_user(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.inner.save(record).await?;
        self.hint_user(record).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let ahead = READ_WITH
            .try_with(|slot| slot.borrow().ahead)
            .ok()
            .flatten();
        let (loaded, item) = match ahead {
            Some(ReadAhead { item }) => {
                let (loaded, found) = sessions::load_with_item(&self.pool, &id.to_string(), item)
                    .await
                    .map_err(backend)?;
                (loaded, Some((item, found)))
            }
            None => {
                let loaded = sessions::load(&self.pool, Some(&id.to_string()), None)
                    .await
                    .map_err(backend)?;
                (loaded, None)
            }
        };
        let record = loaded
            .data
            .map(|data| rmp_serde::from_slice(&data))
            .transpose()
            .map_err(|error| session_store::Error::Decode(error.to_string()))?;
        let with = WithSession {
            user_id: loaded.user_id,
            user: loaded.user,
            snapshot: loaded.snapshot,
            item,
        };
        // Outside a slot (a stream's check) nothing more is wanted.
        let _ = READ_WITH.try_with(|slot| slot.borrow_mut().read = Some(with));
        Ok(record)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.inner.delete(id).await
    }
}

impl SnapshotStore {
    /// Notes the user `record` signs in beside it, for the next load.
    async fn hint_user(&self, record: &Record) -> session_store::Result<()> {
        let Some(user_id) = record
            .data
            .get(USER_ID)
            .and_then(|id| serde_json::from_value::<Uuid>(id.clone()).ok())
        else {
            return Ok(());
        };
        sessions::hint_user(&self.pool, &record.id.to_string(), user_id)
            .await
            .map_err(backend)
    }
}

fn backend(error: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Read with `item` ahead, found or not.
    fn read(item: Option<(Uuid, Option<Movable>)>) -> WithSession {
        WithSession {
            user_id: None,
            user: None,
            snapshot: Snapshot(String::new()),
            item,
        }
    }

    #[tokio::test]
    async fn an_item_read_ahead_serves_only_the_request_and_the_item_it_was_read_for() {
        let (asked, other) = (Uuid::new_v4(), Uuid::new_v4());
        with_slot(Some(ReadAhead { item: asked }), async {
            assert_eq!(
                item_read_ahead(asked),
                None,
                "the session is not loaded yet"
            );
            READ_WITH.with(|slot| slot.borrow_mut().read = Some(read(Some((asked, None)))));
            assert_eq!(item_read_ahead(asked), Some(None), "read ahead, not found");
            assert_eq!(
                item_read_ahead(other),
                None,
                "not read ahead: the handler reads it"
            );
            READ_WITH.with(|slot| slot.borrow_mut().read = Some(read(None)));
            assert_eq!(item_read_ahead(asked), None, "loaded without it");
        })
        .await;
        assert_eq!(item_read_ahead(asked), None, "outside a request");
    }
}
