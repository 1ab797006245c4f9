//! What the database can show at one moment, as a value to compare.

use sqlx::PgPool;

/// PostgreSQL's snapshot of a moment (`xmin:xmax:in-progress ids`): the
/// transactions whose work a statement starting then sees. Two equal
/// snapshots see exactly the same rows; any commit in between makes the
/// later one differ.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot(pub String);

/// The snapshot of now.
pub async fn current(pool: &PgPool) -> sqlx::Result<Snapshot> {
    sqlx::query_scalar!(r#"select pg_current_snapshot()::text as "snapshot!""#)
        .fetch_one(pool)
        .await
        .map(Snapshot)
}
