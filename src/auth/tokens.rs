//! One-time and revocable secrets (first-admin setup, password resets, wall
//! screens, calendar). A one-time secret is shown once and only its SHA-256 is
//! stored; a link that lasts until revoked keeps its secret readable too, so
//! that its page can show it again (migration 0011 says why that is safe).

use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::tokens::{self, NewToken};
pub use crate::db::tokens::{
    LiveLink, Purpose, Valid, mark_used, newest_live, revoke_all, revoke_for_user,
};

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
    let token = NewToken {
        purpose,
        digest: &digest(&secret),
        secret: None,
        user_id,
        created_by,
        expires_at: Some(expires_at),
    };
    tokens::insert(conn, &token).await?;
    Ok(secret)
}

/// The live token of `purpose` with this secret; locks it when `for_update`
/// so that two uses of one link cannot both succeed.
pub async fn find(
    conn: &mut PgConnection,
    purpose: Purpose,
    secret: &str,
    for_update: bool,
) -> sqlx::Result<Option<Valid>> {
    tokens::find_live(conn, purpose, &digest(secret), for_update).await
}

/// The live revocable link of `purpose` with this secret, noted as seen now
/// if it was not in the last minute (so a refreshing wall screen does not
/// write on every request).
pub async fn open(
    conn: &mut PgConnection,
    purpose: Purpose,
    secret: &str,
) -> sqlx::Result<Option<Valid>> {
    let Some(token) = find(conn, purpose, secret, false).await? else {
        return Ok(None);
    };
    let stale = token
        .last_seen_at
        .is_none_or(|seen| Utc::now() - seen >= Duration::minutes(1));
    if stale {
        tokens::mark_seen(conn, token.id).await?;
    }
    Ok(Some(token))
}

/// Stores a token that lasts until it is revoked (a wall screen, a calendar
/// subscription, `user_id`'s own calendar), its secret kept to be shown
/// again; returns its id and secret.
pub async fn issue_revocable(
    conn: &mut PgConnection,
    purpose: Purpose,
    user_id: Option<Uuid>,
    created_by: Uuid,
) -> sqlx::Result<(Uuid, String)> {
    let secret = random_secret();
    let token = NewToken {
        purpose,
        digest: &digest(&secret),
        secret: Some(&secret),
        user_id,
        created_by: Some(created_by),
        expires_at: None,
    };
    let id = tokens::insert(conn, &token).await?;
    Ok((id, secret))
}
