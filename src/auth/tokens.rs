//! One-time and revocable secrets (first-admin setup, password resets, kiosk,
//! calendar): the secret is shown once, only its SHA-256 is stored.

use chrono::{DateTime, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use uuid::Uuid;

/// What a token opens.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Setup,
    PasswordReset,
    /// The countdown's wall-screen link.
    Kiosk,
    /// The iCalendar feed's link.
    Calendar,
}

impl Purpose {
    fn as_str(self) -> &'static str {
        match self {
            Purpose::Setup => "setup",
            Purpose::PasswordReset => "password_reset",
            Purpose::Kiosk => "kiosk",
            Purpose::Calendar => "calendar",
        }
    }
}

/// 32 random bytes as hex: for tokens and CSRF secrets.
pub fn random_secret() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn digest(secret: &str) -> Vec<u8> {
    Sha256::digest(secret.as_bytes()).to_vec()
}

/// Stores a new token and returns its secret, to be shown once.
pub async fn issue(
    conn: &mut PgConnection,
    purpose: Purpose,
    user_id: Option<Uuid>,
    created_by: Option<Uuid>,
    expires_at: DateTime<Utc>,
) -> sqlx::Result<String> {
    let secret = random_secret();
    sqlx::query(
        "insert into access_tokens (purpose, token_hash, user_id, created_by, expires_at)
         values ($1, $2, $3, $4, $5)",
    )
    .bind(purpose.as_str())
    .bind(digest(&secret))
    .bind(user_id)
    .bind(created_by)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(secret)
}

/// A live token: unused, unrevoked, unexpired.
#[derive(Debug, sqlx::FromRow)]
pub struct Valid {
    pub id: Uuid,
    pub user_id: Option<Uuid>,
}

/// The live token of `purpose` with this secret; locks it when `for_update`
/// so that two uses of one link cannot both succeed.
pub async fn find(
    conn: &mut PgConnection,
    purpose: Purpose,
    secret: &str,
    for_update: bool,
) -> sqlx::Result<Option<Valid>> {
    let lock = if for_update { " for update" } else { "" };
    sqlx::query_as(&format!(
        "select id, user_id from access_tokens
         where purpose = $1 and token_hash = $2 and used_at is null and revoked_at is null
           and (expires_at is null or expires_at > now()){lock}"
    ))
    .bind(purpose.as_str())
    .bind(digest(secret))
    .fetch_optional(conn)
    .await
}

/// Marks a token used: it opens nothing any more.
pub async fn mark_used(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query("update access_tokens set used_at = now() where id = $1")
        .bind(id)
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
    sqlx::query(
        "update access_tokens set revoked_at = now()
         where purpose = $1 and user_id = $2 and used_at is null and revoked_at is null",
    )
    .bind(purpose.as_str())
    .bind(user_id)
    .execute(conn)
    .await
    .map(drop)
}

/// Stores a token that lasts until it is revoked (a wall screen, a calendar
/// subscription) and returns its secret, to be shown once.
pub async fn issue_revocable(
    conn: &mut PgConnection,
    purpose: Purpose,
    created_by: Uuid,
) -> sqlx::Result<String> {
    let secret = random_secret();
    sqlx::query("insert into access_tokens (purpose, token_hash, created_by) values ($1, $2, $3)")
        .bind(purpose.as_str())
        .bind(digest(&secret))
        .bind(created_by)
        .execute(conn)
        .await?;
    Ok(secret)
}

/// Revokes every live token of `purpose`; returns how many there were.
pub async fn revoke_all(conn: &mut PgConnection, purpose: Purpose) -> sqlx::Result<u64> {
    sqlx::query(
        "update access_tokens set revoked_at = now()
         where purpose = $1 and used_at is null and revoked_at is null",
    )
    .bind(purpose.as_str())
    .execute(conn)
    .await
    .map(|done| done.rows_affected())
}

/// When the newest live token of `purpose` was issued, if one lives.
pub async fn live_since(
    conn: &mut PgConnection,
    purpose: Purpose,
) -> sqlx::Result<Option<DateTime<Utc>>> {
    sqlx::query_scalar(
        "select max(created_at) from access_tokens
         where purpose = $1 and used_at is null and revoked_at is null
           and (expires_at is null or expires_at > now())",
    )
    .bind(purpose.as_str())
    .fetch_one(conn)
    .await
}
