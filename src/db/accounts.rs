//! User administration: the list, one account, and its changes.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::role::Role;

/// An account as the admin pages show it.
#[derive(Clone, Debug)]
pub struct Account {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub team_id: Option<Uuid>,
    pub team_name: Option<String>,
    pub disabled_at: Option<DateTime<Utc>>,
    pub version: i32,
}

/// The checked query of the accounts, followed by `$tail` (with its
/// arguments): a macro because a checked query's text must be whole string
/// literals.
macro_rules! select_accounts {
    ($tail:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            Account,
            r#"select u.id, u.email, u.display_name, u.role as "role: Role", u.team_id,
                      t.name as "team_name?", u.disabled_at as "disabled_at: DateTime<Utc>", u.version
               from users u left join teams t on t.id = u.team_id "# + $tail
            $(, $arg)*
        )
    };
}

/// Every account, enabled first, by name.
pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<Account>> {
    select_accounts!("order by u.disabled_at is not null, lower(u.display_name)")
        .fetch_all(pool)
        .await
}

/// One account, enabled or not.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Account>> {
    select_accounts!("where u.id = $1", id)
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
    let updated = sqlx::query!(
        "update users set display_name = $3, role = $4, team_id = $5, version = version + 1
         where id = $1 and version = $2",
        id,
        version,
        change.display_name,
        change.role as Role,
        change.team_id,
    )
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Disables (ending every session at once) or enables an account.
pub async fn set_disabled(conn: &mut PgConnection, id: Uuid, disabled: bool) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set disabled_at = case when $2 then now() end,
                          sessions_valid_after = case when $2 then now() else sessions_valid_after end,
                          version = version + 1
         where id = $1",
        id,
        disabled,
    )
    .execute(conn)
    .await
    .map(drop)
}

/// The plan's teams as (id, name), in order, for the team selectors.
pub async fn team_choices(pool: &PgPool) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!("select id, name from teams order by position, name")
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(|row| (row.id, row.name)).collect())
}
