//! Access tokens (setup, password resets, kiosk, calendar), found by the
//! SHA-256 of their secret; `auth::tokens` makes the secrets. The links that
//! last until revoked also keep their secret readable, to be shown again
//! (migration 0011 says why).

use chrono::{DateTime, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

/// What a token opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq, sqlx::Type)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Purpose {
    Setup,
    PasswordReset,
    /// The countdown's wall-screen link.
    Kiosk,
    /// The iCalendar feed's link.
    Calendar,
    /// A user's own iCalendar feed's link.
    MyCalendar,
}

/// A token to store: the digest of its secret (and the secret itself for a
/// link shown again), whom it is for, and when it ends (`None`: when it is
/// revoked).
#[derive(Debug)]
pub struct NewToken<'a> {
    pub purpose: Purpose,
    pub digest: &'a [u8],
    pub secret: Option<&'a str>,
    pub user_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// Stores a token; returns its id.
pub async fn insert(conn: &mut PgConnection, token: &NewToken<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into access_tokens (purpose, token_hash, secret, user_id, created_by, expires_at)
         values ($1, $2, $3, $4, $5, $6)
         returning id",
        token.purpose as Purpose,
        token.digest,
        token.secret,
        token.user_id,
        token.created_by,
        token.expires_at as Option<DateTime<Utc>>,
    )
    .fetch_one(conn)
    .await
}

/// A live token: unused, unrevoked, unexpired.
#[derive(Debug)]
pub struct Valid {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
    /// When it was last opened, to the minute.
    pub last_seen_at: Option<DateTime<Utc>>,
}

/// The live token of `purpose` with this digest; locks it when `for_update`
/// so that two uses of one link cannot both succeed.
pub async fn find_live(
    conn: &mut PgConnection,
    purpose: Purpose,
    digest: &[u8],
    for_update: bool,
) -> sqlx::Result<Option<Valid>> {
    if for_update {
        sqlx::query_as!(
            Valid,
            r#"select id, user_id, last_seen_at as "last_seen_at: DateTime<Utc>" from access_tokens
             where purpose = $1 and token_hash = $2 and used_at is null and revoked_at is null
               and (expires_at is null or expires_at > now())
             for update"#,
            purpose as Purpose,
            digest,
        )
        .fetch_optional(conn)
        .await
    } else {
        sqlx::query_as!(
            Valid,
            r#"select id, user_id, last_seen_at as "last_seen_at: DateTime<Utc>" from access_tokens
             where purpose = $1 and token_hash = $2 and used_at is null and revoked_at is null
               and (expires_at is null or expires_at > now())"#,
            purpose as Purpose,
            digest,
        )
        .fetch_optional(conn)
        .await
    }
}

/// Marks a token used: it opens nothing any more.
pub async fn mark_used(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!("update access_tokens set used_at = now() where id = $1", id)
        .execute(conn)
        .await
        .map(drop)
}

/// Revokes the user's live tokens of `purpose` (an older reset link dies when a new one is made).
pub async fn revoke_for_user(
    conn: &mut PgConnection,
    purpose: Purpose,
    user_id: Uuid,
) -> sqlx::Result<u64> {
    sqlx::query!(
        "update access_tokens set revoked_at = now()
         where purpose = $1 and user_id = $2 and used_at is null and revoked_at is null",
        purpose as Purpose,
        user_id,
    )
    .execute(conn)
    .await
    .map(|done| done.rows_affected())
}

/// Revokes every live token of `purpose`; returns how many there were.
pub async fn revoke_all(conn: &mut PgConnection, purpose: Purpose) -> sqlx::Result<u64> {
    sqlx::query!(
        "update access_tokens set revoked_at = now()
         where purpose = $1 and used_at is null and revoked_at is null",
        purpose as Purpose,
    )
    .execute(conn)
    .await
    .map(|done| done.rows_affected())
}

/// Notes that a link was opened now, unless it was less than a minute ago:
/// a wall screen refreshing all day writes a row once a minute at most.
pub async fn mark_seen(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update access_tokens set last_seen_at = now()
         where id = $1 and (last_seen_at is null or last_seen_at < now() - interval '1 minute')",
        id,
    )
    .execute(conn)
    .await
    .map(drop)
}

/// A live link of a kind there is one of (the calendar feed), as its page shows it.
#[derive(Debug)]
pub struct LiveLink {
    /// `None` for a link issued before secrets were kept readable.
    pub secret: Option<String>,
    pub created_at: DateTime<Utc>,
    pub last_seen_at: Option<DateTime<Utc>>,
}

/// The newest live token of `purpose`, if one lives.
pub async fn newest_live(
    conn: &mut PgConnection,
    purpose: Purpose,
    user_id: Option<Uuid>,
) -> sqlx::Result<Option<LiveLink>> {
    sqlx::query_as!(
        LiveLink,
        r#"select secret, created_at as "created_at: DateTime<Utc>",
                  last_seen_at as "last_seen_at: DateTime<Utc>"
           from access_tokens
           where purpose = $1 and user_id is not distinct from $2
             and used_at is null and revoked_at is null
             and (expires_at is null or expires_at > now())
           order by created_at desc
           limit 1"#,
        purpose as Purpose,
        user_id,
    )
    .fetch_optional(conn)
    .await
}
