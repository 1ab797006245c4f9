//! Communication actions.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::communication::{ActionState, Channel, CommunicationDraft};

/// An action as the timeline and its form show it.
#[derive(Clone, Debug)]
pub struct Communication {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub channel: Channel,
    pub title: String,
    pub audience: String,
    pub day: i32,
    pub team_id: Uuid,
    pub team_name: String,
    pub team_colour: String,
    pub owner_id: Option<Uuid>,
    pub owner_name: Option<String>,
    pub state: ActionState,
    pub version: i32,
    /// The checklist item it is the twin of: done together, reopened together;
    /// none while that item is in the trash.
    pub item_id: Option<Uuid>,
    pub item_title: Option<String>,
}

/// The checked query of the actions that `$where` (with its argument)
/// keeps: a macro because a checked query's text must be whole string
/// literals.
macro_rules! select_actions {
    ($where:literal, $arg:expr) => {
        sqlx::query_as!(
            Communication,
            r#"select c.id, c.plan_id, c.channel as "channel: Channel", c.title, c.audience, c.day,
                      c.team_id, t.name as team_name, t.colour as team_colour, c.owner_id,
                      u.display_name as "owner_name?", c.state as "state: ActionState", c.version,
                      i.id as "item_id?", i.title as "item_title?"
               from communication_actions c
               join teams t on t.id = c.team_id
               left join users u on u.id = c.owner_id
               left join checklist_items i on i.id = c.item_id and i.deleted_at is null "# + $where,
            $arg
        )
    };
}

/// The plan's actions by day. Like every reader here, it leaves out the
/// actions in the trash.
pub async fn list(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Communication>> {
    select_actions!(
        "where c.plan_id = $1 and c.deleted_at is null order by c.day, c.title",
        plan_id
    )
    .fetch_all(pool)
    .await
}

/// One action; none when it is in the trash.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Communication>> {
    select_actions!("where c.id = $1 and c.deleted_at is null", id)
        .fetch_optional(conn)
        .await
}

/// The action tied to checklist item `item_id`, locked until the caller's
/// transaction ends.
pub async fn find_for_item(
    conn: &mut PgConnection,
    item_id: Uuid,
) -> sqlx::Result<Option<Communication>> {
    select_actions!(
        "where c.item_id = $1 and c.deleted_at is null for update of c",
        item_id
    )
    .fetch_optional(conn)
    .await
}

/// Locks checklist item `item_id` until the caller's transaction ends. An
/// action's move takes its twin's lock first, as a tick of the item does,
/// so that the two never wait on each other.
pub async fn lock_item(conn: &mut PgConnection, item_id: Uuid) -> sqlx::Result<()> {
    sqlx::query_scalar!(
        "select id from checklist_items where id = $1 for update",
        item_id
    )
    .fetch_optional(conn)
    .await?;
    Ok(())
}

/// Adds an action, the twin of checklist item `item_id` if given.
pub async fn insert(
    conn: &mut PgConnection,
    plan_id: Uuid,
    draft: &CommunicationDraft,
    item_id: Option<Uuid>,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into communication_actions (plan_id, channel, title, audience, day, team_id, owner_id, state,
                                            item_id)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id",
        plan_id,
        draft.channel as Channel,
        draft.title,
        draft.audience,
        draft.day,
        draft.team_id,
        draft.owner_id,
        draft.state as ActionState,
        item_id,
    )
    .fetch_one(conn)
    .await
}

/// Moves an action to `state` if it is still at `version`; `false` when someone changed it first.
pub async fn set_state(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    state: ActionState,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "update communication_actions set state = $3, version = version + 1
         where id = $1 and version = $2 and deleted_at is null",
        id,
        version,
        state as ActionState,
    )
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Rewrites an action if it is still at `version`; `false` when someone changed it first.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    draft: &CommunicationDraft,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "update communication_actions
         set channel = $3, title = $4, audience = $5, day = $6, team_id = $7, owner_id = $8, state = $9,
             version = version + 1
         where id = $1 and version = $2 and deleted_at is null",
        id,
        version,
        draft.channel as Channel,
        draft.title,
        draft.audience,
        draft.day,
        draft.team_id,
        draft.owner_id,
        draft.state as ActionState,
    )
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Every enabled user with a team, as (user, team): who may own an action.
pub async fn possible_owners(pool: &PgPool) -> sqlx::Result<Vec<(Uuid, Uuid, String)>> {
    let rows = sqlx::query!(
        r#"select id, team_id as "team_id!", display_name from users
           where team_id is not null and disabled_at is null order by lower(display_name)"#
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.id, row.team_id, row.display_name))
        .collect())
}

/// Anchors action `id`'s day to launch day, `offset` days from it.
pub async fn anchor(conn: &mut PgConnection, id: Uuid, offset: i32) -> sqlx::Result<()> {
    sqlx::query!(
        "update communication_actions set day_from_launch = $2 where id = $1",
        id,
        offset
    )
    .execute(conn)
    .await?;
    Ok(())
}
