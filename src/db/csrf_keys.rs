//! The key of anonymous visitors' CSRF tokens: one row, shared by every instance.

use sqlx::PgPool;

/// The stored key, storing `candidate` first when there is none: of several
/// instances asking at once, the first insert wins and every one reads it.
pub async fn get_or_insert(pool: &PgPool, candidate: &[u8]) -> sqlx::Result<Vec<u8>> {
    let mut conn = pool.acquire().await?;
    sqlx::query!(
        "insert into csrf_keys (secret) values ($1) on conflict (id) do nothing",
        candidate
    )
    .execute(&mut *conn)
    .await?;
    // A statement of its own: it sees the row a concurrent insert committed.
    sqlx::query_scalar!("select secret from csrf_keys")
        .fetch_one(&mut *conn)
        .await
}
