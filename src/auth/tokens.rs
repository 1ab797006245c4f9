//! One-time and revocable secrets (first-admin setup, password resets, kiosk,
//! calendar): the secret is shown once, only its SHA-256 is stored.

use chrono::{DateTime, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::tokens::{self, NewToken};
pub use crate::db::tokens::{Purpose, Valid, live_since, mark_used, revoke_all, revoke_for_user};

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

/// Stores a token that lasts until it is revoked (a wall screen, a calendar
/// subscription) and returns its secret, to be shown once.
pub async fn issue_revocable(
    conn: &mut PgConnection,
    purpose: Purpose,
    created_by: Uuid,
) -> sqlx::Result<String> {
    let secret = random_secret();
    let token = NewToken {
        purpose,
        digest: &digest(&secret),
        user_id: None,
        created_by: Some(created_by),
        expires_at: None,
    };
    tokens::insert(conn, &token).await?;
    Ok(secret)
}
