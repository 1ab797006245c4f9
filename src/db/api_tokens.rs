//! API tokens: made for a team or a person, found by the hash of their
//! secret, revoked.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::db::users::User;
use crate::domain::api_token::Scope;
use crate::domain::lang::Lang;
use crate::domain::role::Role;

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
    /// The team a service token acts for; none for a personal token.
    pub team_id: Option<Uuid>,
    pub scopes: Vec<Scope>,
    /// Whose changes the token's are: a personal token's owner, a service
    /// token's maker; enabled, or the token opens nothing.
    pub holder: User,
}

/// The live token (neither revoked nor expired, its holder enabled) whose
/// secret hashes to `secret_hash`, with its holder, its use noted (at most
/// once a minute, so that a pipeline's burst writes once), in one statement.
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
           select f.id as "id!", f.name as "name!", f.team_id, f.scopes as "scopes!",
                  u.id as holder_id, u.email, u.display_name, u.role as "role: Role",
                  u.team_id as holder_team_id,
                  coalesce(t.triages_feedback, false) as "triages_feedback!",
                  u.locale as "locale: Lang",
                  u.sessions_valid_after as "sessions_valid_after: DateTime<Utc>"
           from found f
           join users u on u.id = coalesce(f.owner_id, f.created_by) and u.disabled_at is null
           left join teams t on t.id = u.team_id"#,
        &secret_hash[..],
    )
    .fetch_optional(pool)
    .await?;
    Ok(row.map(|row| LiveToken {
        id: row.id,
        name: row.name,
        team_id: row.team_id,
        // The table's check admits known scopes only.
        scopes: row
            .scopes
            .iter()
            .filter_map(|scope| Scope::parse(scope))
            .collect(),
        holder: User {
            id: row.holder_id,
            email: row.email,
            display_name: row.display_name,
            role: row.role,
            team_id: row.holder_team_id,
            team_triages_feedback: row.triages_feedback,
            locale: row.locale,
            sessions_valid_after: row.sessions_valid_after,
            unread_notifications: 0,
        },
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

/// A token as the admin page lists it.
#[derive(Debug)]
pub struct TokenRow {
    pub id: Uuid,
    pub name: String,
    pub team_id: Option<Uuid>,
    pub team_name: Option<String>,
    pub owner_id: Option<Uuid>,
    pub scopes: Vec<String>,
    pub created_by_name: Option<String>,
    pub created_at: DateTime<Utc>,
    pub expires_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
    pub last_used_at: Option<DateTime<Utc>>,
}

/// The checked query of the tokens as listed, followed by `$tail` (with its
/// arguments): a macro because a checked query's text must be whole string
/// literals.
macro_rules! select_tokens {
    ($tail:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            TokenRow,
            r#"select k.id, k.name, k.team_id, t.name as "team_name?", k.owner_id, k.scopes,
                      u.display_name as "created_by_name?",
                      k.created_at as "created_at: DateTime<Utc>",
                      k.expires_at as "expires_at: DateTime<Utc>",
                      k.revoked_at as "revoked_at: DateTime<Utc>",
                      k.last_used_at as "last_used_at: DateTime<Utc>"
               from api_tokens k
               left join teams t on t.id = k.team_id
               left join users u on u.id = k.created_by "# + $tail
            $(, $arg)*
        )
    };
}

/// The service tokens (`owner` none) or `owner`'s personal ones, newest first.
pub async fn list(pool: &PgPool, owner: Option<Uuid>) -> sqlx::Result<Vec<TokenRow>> {
    select_tokens!(
        "where k.owner_id is not distinct from $1 order by k.created_at desc, k.id",
        owner
    )
    .fetch_all(pool)
    .await
}

/// Token `id`, locked until the caller's transaction ends.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<TokenRow>> {
    select_tokens!("where k.id = $1 for update of k", id)
        .fetch_optional(conn)
        .await
}
