//! The sessions' store: tower-sessions' PostgreSQL store, whose loading also
//! reads the database's snapshot in the same statement. The signed-in user
//! is then kept under that snapshot (`session::load_user`), so a page
//! request with nothing committed since the last one costs one statement.
//!
//! The snapshot is handed to the request through a task-local slot: the
//! store is called by tower-sessions, inside the request's task, and has no
//! other way to the request. Written here because the crate's store keeps
//! its own query to itself.

use std::cell::RefCell;

use async_trait::async_trait;
use sqlx::PgPool;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, SessionStore};
use tower_sessions_sqlx_store::PostgresStore;

use crate::db::snapshots::Snapshot;

tokio::task_local! {
    /// The snapshot read with the session, for the request that loaded it.
    static READ_AT: RefCell<Option<Snapshot>>;
}

/// Runs `request` with a slot for the snapshot its session is loaded with.
pub async fn with_slot<F: Future>(request: F) -> F::Output {
    READ_AT.scope(RefCell::new(None), request).await
}

/// The snapshot the request's session was loaded with, if it was loaded
/// inside [`with_slot`].
pub fn read_at() -> Option<Snapshot> {
    READ_AT
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
        self.inner.create(record).await
    }

    async fn save(&self, record: &Record) -> session_store::Result<()> {
        self.inner.save(record).await
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let (record, snapshot) = load(&self.pool, id).await?;
        // Outside a slot (a stream's check) the snapshot is not wanted.
        let _ = READ_AT.try_with(|slot| slot.replace(Some(snapshot)));
        Ok(record)
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        self.inner.delete(id).await
    }
}

/// The store's own load (its table, its encoding), with the snapshot.
async fn load(pool: &PgPool, id: &Id) -> session_store::Result<(Option<Record>, Snapshot)> {
    let row = sqlx::query!(
        r#"select pg_current_snapshot()::text as "snapshot!",
                  (select data from tower_sessions.session
                   where id = $1 and expiry_date > now()) as data"#,
        id.to_string(),
    )
    .fetch_one(pool)
    .await
    .map_err(|error| session_store::Error::Backend(error.to_string()))?;
    let record = row
        .data
        .map(|data| rmp_serde::from_slice(&data))
        .transpose()
        .map_err(|error| session_store::Error::Decode(error.to_string()))?;
    Ok((record, Snapshot(row.snapshot)))
}
