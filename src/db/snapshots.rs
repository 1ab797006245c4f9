//! What the database can show at this moment, as a value to compare.

use sqlx::PgPool;

/// PostgreSQL's snapshot of this moment (`xmin:xmax:in-progress ids`): the
/// transactions whose work a statement starting now would see. Two equal
/// snapshots see exactly the same rows; any commit in between makes the
/// later one differ.
pub async fn current(pool: &PgPool) -> sqlx::Result<String> {
    sqlx::query_scalar!(r#"select pg_current_snapshot()::text as "snapshot!""#)
        .fetch_one(pool)
        .await
}
