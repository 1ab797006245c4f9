//! The tags support puts on a piece of feedback.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::feedback::Tag;

/// The entry's tags, in alphabetical order.
pub async fn tags(pool: &PgPool, feedback_id: Uuid) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar!(
        "select tag from feedback_tags where feedback_id = $1 order by tag",
        feedback_id,
    )
    .fetch_all(pool)
    .await
}

/// Tags the entry; `false` when it already had the tag.
pub async fn add_tag(conn: &mut PgConnection, feedback_id: Uuid, tag: &Tag) -> sqlx::Result<bool> {
    let added = sqlx::query!(
        "insert into feedback_tags (feedback_id, tag) values ($1, $2) on conflict do nothing",
        feedback_id,
        tag.as_str(),
    )
    .execute(conn)
    .await?;
    Ok(added.rows_affected() == 1)
}

/// Removes a tag; `false` when the entry did not have it.
pub async fn remove_tag(
    conn: &mut PgConnection,
    feedback_id: Uuid,
    tag: &str,
) -> sqlx::Result<bool> {
    let removed = sqlx::query!(
        "delete from feedback_tags where feedback_id = $1 and tag = $2",
        feedback_id,
        tag,
    )
    .execute(conn)
    .await?;
    Ok(removed.rows_affected() == 1)
}
