//! API tokens: made for a team or a person, found by the hash of their
//! secret, revoked.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::api_token::Scope;

/// A new token.
#[derive(Debug)]
pub struct NewToken<'a> {
    pub name: &'a str,
    /// The team a service token acts for.
    pub team_id: Option<Uuid>,
    /// The person a personal token acts for.
    pub owner_id: Option<Uuid>,
    pub scopes: &'a [Scope],
    pub secret_hash: &'a [u8; 32],
    pub created_by: Option<Uuid>,
    pub expires_at: Option<DateTime<Utc>>,
}

/// Stores `token`; its id.
pub async fn create(conn: &mut PgConnection, token: &NewToken<'_>) -> sqlx::Result<Uuid> {
    let scopes: Vec<&str> = token.scopes.iter().map(|scope| scope.as_str()).collect();
    sqlx::query_scalar!(
        "insert into api_tokens (name, team_id, owner_id, scopes, secret_hash, created_by, expires_at)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        token.name,
        token.team_id,
        token.owner_id,
        &scopes as &[&str],
        &token.secret_hash[..],
        token.created_by,
        token.expires_at as Option<DateTime<Utc>>,
    )
    .fetch_one(conn)
    .await
}

/// A live token, as a request through the API finds it.
#[derive(Debug)]
pub struct LiveToken {
    pub id: Uuid,
    pub name: String,
    pub team_id: Option<Uuid>,
    pub owner_id: Option<Uuid>,
    pub scopes: Vec<Scope>,
    /// Who made it: a service token's changes are theirs.
    pub created_by: Option<Uuid>,
}

/// The live token (neither revoked nor expired) whose secret hashes to
/// `secret_hash`, its use noted (at most once a minute, so that a pipeline's
/// burst writes once), in one statement.
pub async fn authenticate(
    pool: &PgPool,
    secret_hash: &[u8; 32],
) -> sqlx::Result<Option<LiveToken>> {
    let row = sqlx::query!(
        r#"with found as (
               select id, name, team_id, owner_id, scopes, created_by
               from api_tokens
               where secret_hash = $1 and revoked_at is null
                 and (expires_at is null or expires_at > now())
           ), noted as (
               update api_tokens set last_used_at = now()
               where id = (select id from found)
                 and (last_used_at is null or last_used_at < now() - interval '1 minute')
           )
           select id as "id!", name as "name!", team_id, owner_id, scopes as "scopes!",
                  created_by
           from found"#,
        &secret_hash[..],
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| LiveToken {
        id: row.id,
        name: row.name,
        team_id: row.team_id,
        owner_id: row.owner_id,
        // The table's check admits known scopes only.
        scopes: row
            .scopes
            .iter()
            .filter_map(|scope| Scope::parse(scope))
            .collect(),
        created_by: row.created_by,
    }))
}

/// Revokes token `id`; whether it was live.
pub async fn revoke(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<bool> {
    let revoked = sqlx::query!(
        "update api_tokens set revoked_at = now() where id = $1 and revoked_at is null",
        id
    )
    .execute(conn)
    .await?;
    Ok(revoked.rows_affected() == 1)
}
