//! The sessions' table, kept by tower-sessions' store: read here only to
//! know whether a session still exists.

use sqlx::PgPool;

/// Whether the session `id` is stored and not expired.
pub async fn is_open(pool: &PgPool, id: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (
               select 1 from tower_sessions.session where id = $1 and expiry_date > now()
           ) as "open!""#,
        id,
    )
    .fetch_one(pool)
    .await
}
