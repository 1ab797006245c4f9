//! The sessions' table, kept by tower-sessions' store: read here with the
//! signed-in user, so that a request learns both in one statement.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::snapshots::Snapshot;
use crate::db::users::User;
use crate::domain::lang::Lang;
use crate::domain::role::Role;

/// A session and its user as one statement found them.
#[derive(Debug)]
pub struct Loaded {
    /// The session's encoded record, if it is stored and not expired.
    pub data: Option<Vec<u8>>,
    /// The user the session was saved for (see [`hint_user`]), or the one
    /// asked for.
    pub user_id: Option<Uuid>,
    /// That user, if enabled.
    pub user: Option<User>,
    /// The database's snapshot of that moment: pages that keep their data
    /// until the database changes compare it (`snapshot_cache`).
    pub snapshot: Snapshot,
}

/// The session `session_id` and the enabled user `user_id`, or, when no
/// user is given, the one the session was saved for; either may be absent.
pub async fn load(
    pool: &PgPool,
    session_id: Option<&str>,
    user_id: Option<Uuid>,
) -> sqlx::Result<Loaded> {
    let row = sqlx::query!(
        r#"select pg_current_snapshot()::text as "snapshot!", s.data as "data?",
                  coalesce($2, s.user_id) as user_id,
                  u.id as "id?", u.email as "email?", u.display_name as "display_name?",
                  u.role as "role?: Role", u.team_id,
                  coalesce(t.triages_feedback, false) as "team_triages_feedback!",
                  u.locale as "locale: Lang",
                  u.sessions_valid_after as "sessions_valid_after?: DateTime<Utc>",
                  (select count(*) from notifications n
                   where n.user_id = u.id and n.read_at is null) as "unread_notifications!"
           from (select) as one
           left join tower_sessions.session s on s.id = $1 and s.expiry_date > now()
           left join users u on u.id = coalesce($2, s.user_id) and u.disabled_at is null
           left join teams t on t.id = u.team_id"#,
        session_id,
        user_id,
    )
    .fetch_one(pool)
    .await?;
    let user = match (
        row.id,
        row.email,
        row.display_name,
        row.role,
        row.sessions_valid_after,
    ) {
        (Some(id), Some(email), Some(display_name), Some(role), Some(sessions_valid_after)) => {
            Some(User {
                id,
                email,
                display_name,
                role,
                team_id: row.team_id,
                team_triages_feedback: row.team_triages_feedback,
                locale: row.locale,
                sessions_valid_after,
                unread_notifications: row.unread_notifications,
            })
        }
        _ => None,
    };
    Ok(Loaded {
        data: row.data,
        user_id: row.user_id,
        user,
        snapshot: Snapshot(row.snapshot),
    })
}

/// Notes beside the session `session_id` the user it signs in, for
/// [`load`]. Written after tower-sessions' own save, which knows nothing of it.
pub async fn hint_user(pool: &PgPool, session_id: &str, user_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update tower_sessions.session set user_id = $2 where id = $1 and user_id is distinct from $2",
        session_id,
        user_id,
    )
    .execute(pool)
    .await?;
    Ok(())
}
