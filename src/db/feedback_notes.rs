//! What support adds beside a piece of feedback: tags and internal notes.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::feedback::{NoteBody, Tag};

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

/// An internal note, as the entry's page shows it.
#[derive(Debug)]
pub struct Note {
    pub author_name: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// The entry's notes, oldest first: they read as a conversation.
pub async fn notes(pool: &PgPool, feedback_id: Uuid) -> sqlx::Result<Vec<Note>> {
    sqlx::query_as!(
        Note,
        r#"select u.display_name as "author_name?", n.body,
                  n.created_at as "created_at: DateTime<Utc>"
           from comments n left join users u on u.id = n.author_id
           where n.feedback_id = $1 order by n.created_at, n.id"#,
        feedback_id,
    )
    .fetch_all(pool)
    .await
}

/// Adds a note; returns its id.
pub async fn add_note(
    conn: &mut PgConnection,
    feedback_id: Uuid,
    author_id: Uuid,
    body: &NoteBody,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        r#"insert into comments (plan_id, feedback_id, author_id, body)
           select plan_id, id, $2, $3 from feedback where id = $1
           returning id"#,
        feedback_id,
        author_id,
        body.as_str(),
    )
    .fetch_one(conn)
    .await
}
