//! Users and their credentials.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::lang::Lang;
use crate::domain::notification::unread_badge;
use crate::domain::role::Role;

/// A signed-in user, as every page needs them.
#[derive(Clone, Debug)]
pub struct User {
    pub id: Uuid,
    pub email: String,
    pub display_name: String,
    pub role: Role,
    pub team_id: Option<Uuid>,
    /// Whether their team triages the public's feedback.
    pub team_triages_feedback: bool,
    pub locale: Option<Lang>,
    /// Sessions opened before this are over.
    pub sessions_valid_after: DateTime<Utc>,
    /// How many notifications of their inbox they have not read, counted
    /// up to `notification::UNREAD_COUNTED`.
    pub unread_notifications: i64,
}

impl User {
    /// What the header's badge says of their unread notifications.
    pub fn unread_badge(&self) -> String {
        unread_badge(self.unread_notifications)
    }
}

/// What a login checks: the hash, and the language to switch to.
#[derive(Debug)]
pub struct Credentials {
    pub id: Uuid,
    pub password_hash: String,
    pub locale: Option<Lang>,
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

/// A hash no password matches: accounts created by an admin get one until
/// their owner sets a password through a reset link.
pub const NO_PASSWORD: &str = "!";

/// Inserts a user; `None` when the email is taken.
pub async fn insert(conn: &mut PgConnection, user: NewUser<'_>) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "insert into users (email, display_name, password_hash, role, team_id)
         values ($1, $2, $3, $4, $5)
         on conflict ((lower(email))) do nothing
         returning id",
        user.email,
        user.display_name,
        user.password_hash,
        user.role as Role,
        user.team_id,
    )
    .fetch_optional(conn)
    .await
}

/// The credentials of an enabled account, by email (any case).
pub async fn credentials(pool: &PgPool, email: &str) -> sqlx::Result<Option<Credentials>> {
    sqlx::query_as!(
        Credentials,
        r#"select id, password_hash, locale as "locale: Lang" from users
           where lower(email) = lower($1) and disabled_at is null"#,
        email.trim(),
    )
    .fetch_optional(pool)
    .await
}

/// The password hash of an enabled account, by id.
pub async fn password_hash(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar!(
        "select password_hash from users where id = $1 and disabled_at is null",
        id
    )
    .fetch_optional(pool)
    .await
}

/// Whether an enabled admin exists.
pub async fn admin_exists(conn: &mut PgConnection) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (select 1 from users where role = 'admin' and disabled_at is null) as "exists!""#
    )
    .fetch_one(conn)
    .await
}

/// Replaces the password and ends every session opened before.
pub async fn set_password(conn: &mut PgConnection, id: Uuid, hash: &str) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set password_hash = $2, sessions_valid_after = now(), version = version + 1 where id = $1",
        id,
        hash
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Ends every session of the user opened before now.
pub async fn end_sessions(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set sessions_valid_after = now() where id = $1",
        id
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Sets the user's own language.
pub async fn set_locale(conn: &mut PgConnection, id: Uuid, lang: Lang) -> sqlx::Result<()> {
    sqlx::query!(
        "update users set locale = $2 where id = $1",
        id,
        lang as Lang
    )
    .execute(conn)
    .await
    .map(drop)
}
