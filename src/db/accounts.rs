//! User administration: the list, one account, and its changes.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::role::Role;

/// An account as the admin pages show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: String,
    pub team_id: Option<Uuid>,
    pub team_name: Option<String>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub version: i32,
}

const SELECT_ACCOUNTS: &str = "
    select u.id, u.email, u.display_name, u.role, u.team_id, t.name as team_name, u.disabled_at, u.version
    from users u left join teams t on t.id = u.team_id";

/// Every account, enabled first, by name.
pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<Account>> {
    sqlx::query_as(&format!(
        "{SELECT_ACCOUNTS} order by u.disabled_at is not null, lower(u.display_name)"
    ))
    .fetch_all(pool)
    .await
}

/// One account, enabled or not.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Account>> {
    sqlx::query_as(&format!("{SELECT_ACCOUNTS} where u.id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The changes an admin makes to an account.
#[derive(Debug)]
pub struct AccountChange<'a> {
    pub display_name: &'a str,
    pub role: Role,
    pub team_id: Option<Uuid>,
}

/// Applies `change` if the account is still at `version`; `false` when someone changed it first.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    change: AccountChange<'_>,
) -> sqlx::Result<bool> {
    let updated = sqlx::query(
        "update users set display_name = $3, role = $4, team_id = $5, version = version + 1
         where id = $1 and version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(change.display_name)
    .bind(change.role.as_str())
    .bind(change.team_id)
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Disables (ending every session at once) or enables an account.
pub async fn set_disabled(conn: &mut PgConnection, id: Uuid, disabled: bool) -> sqlx::Result<()> {
    sqlx::query(
        "update users set disabled_at = case when $2 then now() end,
                          sessions_valid_after = case when $2 then now() else sessions_valid_after end,
                          version = version + 1
         where id = $1",
    )
    .bind(id)
    .bind(disabled)
    .execute(conn)
    .await
    .map(drop)
}

/// The plan's teams as (id, name), in order, for the team selectors.
pub async fn team_choices(pool: &PgPool) -> sqlx::Result<Vec<(Uuid, String)>> {
    sqlx::query_as("select id, name from teams order by position, name")
        .fetch_all(pool)
        .await
}
