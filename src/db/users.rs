//! Users and their credentials.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::role::Role;
use crate::i18n::Lang;

/// A signed-in user, as every page needs them.
#[derive(Clone, Debug)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub team_id: Option<Uuid>,
    pub locale: Option<Lang>,
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: Uuid,
    email: String,
    display_name: String,
    role: String,
    team_id: Option<Uuid>,
    locale: Option<String>,
}

impl From<UserRow> for User {
    fn from(row: UserRow) -> Self {
        User {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            // The column's check constraint admits only known roles.
            role: Role::parse(&row.role).unwrap_or(Role::Viewer),
            team_id: row.team_id,
            locale: row.locale.as_deref().and_then(Lang::parse),
        }
    }
}

/// What a login checks: the hash, and whether the account may sign in.
#[derive(Debug, sqlx::FromRow)]
pub struct Credentials {
    pub id: Uuid,
    pub password_hash: String,
    pub locale: Option<String>,
}

/// A user to create; the password is already hashed.
#[derive(Debug)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub team_id: Option<Uuid>,
}

/// Inserts a user; `None` when the email is taken.
pub async fn insert(conn: &mut PgConnection, user: NewUser<'_>) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar(
        "insert into users (email, display_name, password_hash, role, team_id)
         values ($1, $2, $3, $4, $5)
         on conflict ((lower(email))) do nothing
         returning id",
    )
    .bind(user.email)
    .bind(user.display_name)
    .bind(user.password_hash)
    .bind(user.role.as_str())
    .bind(user.team_id)
    .fetch_optional(conn)
    .await
}

/// The credentials of an enabled account, by email (any case).
pub async fn credentials(pool: &PgPool, email: &str) -> sqlx::Result<Option<Credentials>> {
    sqlx::query_as(
        "select id, password_hash, locale from users
         where lower(email) = lower($1) and disabled_at is null",
    )
    .bind(email.trim())
    .fetch_optional(pool)
    .await
}

/// An enabled user by id: a disabled account loses its sessions at once.
pub async fn find_enabled(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<User>> {
    let row: Option<UserRow> = sqlx::query_as(
        "select id, email, display_name, role, team_id, locale from users
         where id = $1 and disabled_at is null",
    )
    .bind(id)
    .fetch_optional(pool)
    .await?;
    Ok(row.map(User::from))
}
