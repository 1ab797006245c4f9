//! Teams.

use sqlx::PgPool;
use uuid::Uuid;

/// Finds a team of the plan by its key (`devops`) or its name (`DevOps`), ignoring case.
pub async fn find_by_key_or_name(
    pool: &PgPool,
    plan_id: Uuid,
    needle: &str,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "select id from teams
         where plan_id = $1 and (lower(key) = lower($2) or lower(name) = lower($2))",
    )
    .bind(plan_id)
    .bind(needle.trim())
    .fetch_optional(pool)
    .await
}
