//! Wall screens: named kiosk links, each its own access token, so that
//! revoking one leaves the others on.

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// A live screen as its list shows it.
#[derive(Debug)]
pub struct Screen {
    pub id: Uuid,
    pub name: String,
    /// `None` for the link issued before screens existed, never kept readable.
    pub secret: Option<String>,
    pub created_at: DateTime<Utc>,
    /// When its page or its live updates were last opened, to the minute.
    pub last_seen_at: Option<DateTime<Utc>>,
}

/// Names the kiosk token `token_id` as a screen of `plan_id`; returns its id.
pub async fn insert(
    conn: &mut PgConnection,
    plan_id: Uuid,
    name: &str,
    token_id: Uuid,
    created_by: Uuid,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into kiosk_screens (plan_id, name, token_id, created_by)
         values ($1, $2, $3, $4)
         returning id",
        plan_id,
        name,
        token_id,
        created_by,
    )
    .fetch_one(conn)
    .await
}

/// The plan of the screen opened with token `token_id`, if it is a screen's.
pub async fn plan_of_token(conn: &mut PgConnection, token_id: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select plan_id from kiosk_screens where token_id = $1",
        token_id
    )
    .fetch_optional(conn)
    .await
}

/// The plan's live screens, oldest first.
pub async fn list_live(conn: &mut PgConnection, plan_id: Uuid) -> sqlx::Result<Vec<Screen>> {
    sqlx::query_as!(
        Screen,
        r#"select s.id, s.name, t.secret, s.created_at as "created_at: DateTime<Utc>",
                  t.last_seen_at as "last_seen_at: DateTime<Utc>"
           from kiosk_screens s join access_tokens t on t.id = s.token_id
           where s.plan_id = $1 and t.revoked_at is null
           order by s.created_at, s.id"#,
        plan_id,
    )
    .fetch_all(conn)
    .await
}

/// Whether a live screen of the plan already has this name (in any case).
pub async fn name_taken(conn: &mut PgConnection, plan_id: Uuid, name: &str) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (
               select 1 from kiosk_screens s join access_tokens t on t.id = s.token_id
               where s.plan_id = $1 and lower(s.name) = lower($2) and t.revoked_at is null
           ) as "taken!""#,
        plan_id,
        name,
    )
    .fetch_one(conn)
    .await
}

/// Revokes the live screen `id` of the plan; returns its name, or `None` when
/// there is no such live screen.
pub async fn revoke(
    conn: &mut PgConnection,
    plan_id: Uuid,
    id: Uuid,
) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "update access_tokens t set revoked_at = now()
         from kiosk_screens s
         where s.id = $1 and s.plan_id = $2 and t.id = s.token_id and t.revoked_at is null
         returning s.name",
        id,
        plan_id,
    )
    .fetch_optional(conn)
    .await
}
