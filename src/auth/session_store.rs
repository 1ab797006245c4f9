//! The sessions' store: tower-sessions' PostgreSQL store, whose loading also
//! reads the session's user and the database's snapshot in the same
//! statement (`db::sessions::load`), so that a page request whose data is
//! kept under that snapshot costs one statement.
//!
//! The user and the snapshot are handed to the request through a task-local
//! slot: the store is called by tower-sessions, inside the request's task,
//! and has no other way to the request. Written here because the crate's
//! store keeps its own query to itself.

use std::cell::RefCell;

use async_trait::async_trait;
use sqlx::PgPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions_sqlx_store::PostgresStore;
use uuid::Uuid;

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
}

tokio::task_local! {
    /// What was read with the session, for the request that loaded it.
    static READ_WITH: RefCell<Option<WithSession>>;
}

/// Runs `request` with a slot for what its session is loaded with.
pub async fn with_slot<F: Future>(request: F) -> F::Output {
    READ_WITH.scope(RefCell::new(None), request).await
}

/// What the request's session was loaded with, if it was loaded inside
/// [`with_slot`].
pub fn read_with() -> Option<WithSession> {
    READ_WITH
        .try_with(|slot| slot.borrow().clone())
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
        let loaded = sessions::load(&self.pool, Some(&id.to_string()), None)
            .await
            .map_err(backend)?;
        let record = loaded
            .data
            .map(|data| rmp_serde::from_slice(&data))
            .transpose()
            .map_err(|error| session_store::Error::Decode(error.to_string()))?;
        let with = WithSession {
            user_id: loaded.user_id,
            user: loaded.user,
            snapshot: loaded.snapshot,
        };
        // Outside a slot (a stream's check) nothing more is wanted.
        let _ = READ_WITH.try_with(|slot| slot.replace(Some(with)));
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
