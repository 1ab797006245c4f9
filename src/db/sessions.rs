//! The sessions' table, kept by tower-sessions' store: read here with the
//! signed-in user, so that a request learns both in one statement.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::items::Movable;
use crate::db::snapshots::Snapshot;
use crate::db::users::User;
use crate::domain::item::ItemState;
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

/// The session statement: the session `$1` (if stored and not expired), the
/// enabled user `$2` or else the one it was saved for, the database's
/// snapshot, then `$ahead_columns` from `$ahead_join` (what a route reads
/// ahead with them, see [`load_with_item`]), then its arguments. A macro,
/// not a constant: sqlx's macros check only literals (joined with `+`).
macro_rules! select_session {
    ($ahead_columns:literal, $ahead_join:literal, $($arg:expr),* $(,)?) => {
        sqlx::query!(
            r#"select pg_current_snapshot()::text as "snapshot!", s.data as "data?",
                      coalesce($2, s.user_id) as user_id,
                      u.id as "id?", u.email as "email?", u.display_name as "display_name?",
                      u.role as "role?: Role", u.team_id,
                      coalesce(t.triages_feedback, false) as "team_triages_feedback!",
                      u.locale as "locale: Lang",
                      u.sessions_valid_after as "sessions_valid_after?: DateTime<Utc>",
                      (select count(*) from (select from notifications n
                                             where n.user_id = u.id and n.read_at is null
                                             limit 100) unread) as "unread_notifications!""#
                + $ahead_columns
                + r#"
               from (select) as one
               left join tower_sessions.session s on s.id = $1 and s.expiry_date > now()
               left join users u on u.id = coalesce($2, s.user_id) and u.disabled_at is null
               left join teams t on t.id = u.team_id "#
                + $ahead_join,
            $($arg),*
        )
    };
}

/// What a row of [`select_session`] says of the session and its user,
/// taken out of the row `$row` field by field (the rest of it stays).
macro_rules! loaded {
    ($row:ident) => {{
        let user = match (
            $row.id,
            $row.email,
            $row.display_name,
            $row.role,
            $row.sessions_valid_after,
        ) {
            (Some(id), Some(email), Some(display_name), Some(role), Some(sessions_valid_after)) => {
                Some(User {
                    id,
                    email,
                    display_name,
                    role,
                    team_id: $row.team_id,
                    team_triages_feedback: $row.team_triages_feedback,
                    locale: $row.locale,
                    sessions_valid_after,
                    unread_notifications: $row.unread_notifications,
                })
            }
            _ => None,
        };
        Loaded {
            data: $row.data,
            user_id: $row.user_id,
            user,
            snapshot: Snapshot($row.snapshot),
        }
    }};
}

/// The session `session_id` and the enabled user `user_id`, or, when no
/// user is given, the one the session was saved for; either may be absent.
pub async fn load(
    pool: &PgPool,
    session_id: Option<&str>,
    user_id: Option<Uuid>,
) -> sqlx::Result<Loaded> {
    let row = select_session!("", "", session_id, user_id)
        .fetch_one(pool)
        .await?;
    Ok(loaded!(row))
}

/// The session `session_id` and its user, with what a move of item
/// `item_id` needs of it (the view `movable_items`; none if it is not
/// found): a tick, the dashboard's most frequent write, then costs the
/// session's statement and its own, where reading the item apart made
/// three (a quarter fewer ticks a second, README).
pub async fn load_with_item(
    pool: &PgPool,
    session_id: &str,
    item_id: Uuid,
) -> sqlx::Result<(Loaded, Option<Movable>)> {
    let row = select_session!(
        r#", m.id as "item_id?", m.plan_id as "item_plan_id?", m.phase_id as "item_phase_id?",
             m.team_id as "item_team_id?", m.title as "item_title?",
             m.state as "item_state?: ItemState", m.blocked_reason as "item_blocked_reason?",
             m.assignee_id as "item_assignee_id?", m.version as "item_version?",
             m.has_twin as "item_has_twin?""#,
        "left join movable_items m on m.id = $3",
        Some(session_id),
        None::<Uuid>,
        item_id,
    )
    .fetch_one(pool)
    .await?;
    let item = match (
        row.item_id,
        row.item_plan_id,
        row.item_phase_id,
        row.item_team_id,
        row.item_title,
        row.item_state,
        row.item_version,
        row.item_has_twin,
    ) {
        (
            Some(id),
            Some(plan_id),
            Some(phase_id),
            Some(team_id),
            Some(title),
            Some(state),
            Some(version),
            Some(has_twin),
        ) => Some(Movable {
            id,
            plan_id,
            phase_id,
            team_id,
            title,
            state,
            blocked_reason: row.item_blocked_reason,
            assignee_id: row.item_assignee_id,
            version,
            has_twin,
        }),
        _ => None,
    };
    Ok((loaded!(row), item))
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
