//! Access tokens (setup, password resets, kiosk, calendar), stored by the
//! SHA-256 of their secret; `auth::tokens` makes the secrets.

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
}

/// A token to store: the digest of its secret, whom it is for, and when it
/// ends (`None`: when it is revoked).
#[derive(Debug)]
pub struct NewToken<'a> {
    pub purpose: Purpose,
    pub digest: &'a [u8],
    pub user_id: Option<Uuid>,
    pub created_by: Option<Uuid>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// Stores a token.
pub async fn insert(conn: &mut PgConnection, token: &NewToken<'_>) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into access_tokens (purpose, token_hash, user_id, created_by, expires_at)
         values ($1, $2, $3, $4, $5)",
        token.purpose as Purpose,
        token.digest,
        token.user_id,
        token.created_by,
        token.expires_at as Option<DateTime<Utc>>,
    )
    .execute(conn)
    .await
    .map(drop)
}

/// A live token: unused, unrevoked, unexpired.
#[derive(Debug)]
pub struct Valid {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
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
            "select id, user_id from access_tokens
             where purpose = $1 and token_hash = $2 and used_at is null and revoked_at is null
               and (expires_at is null or expires_at > now())
             for update",
            purpose as Purpose,
            digest,
        )
        .fetch_optional(conn)
        .await
    } else {
        sqlx::query_as!(
            Valid,
            "select id, user_id from access_tokens
             where purpose = $1 and token_hash = $2 and used_at is null and revoked_at is null
               and (expires_at is null or expires_at > now())",
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
) -> sqlx::Result<()> {
    sqlx::query!(
        "update access_tokens set revoked_at = now()
         where purpose = $1 and user_id = $2 and used_at is null and revoked_at is null",
        purpose as Purpose,
        user_id,
    )
    .execute(conn)
    .await
    .map(drop)
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

/// When the newest live token of `purpose` was issued, if one lives.
pub async fn live_since(
    conn: &mut PgConnection,
    purpose: Purpose,
) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar!(
        r#"select max(created_at) as "newest: DateTime<Utc>" from access_tokens
           where purpose = $1 and used_at is null and revoked_at is null
             and (expires_at is null or expires_at > now())"#,
        purpose as Purpose,
    )
    .fetch_one(conn)
    .await
}
