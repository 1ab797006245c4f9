//! The work queue: checklist items and communication actions across the
//! plan, each kind filtered in one query.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::communications::Communication;
use crate::db::items::{Item, select_items};
use crate::domain::communication::{ActionState, Channel};
use crate::domain::item::ItemState;

/// What the queue keeps, already resolved against the plan (a team's id, not
/// its key) and today's J+n. `None` keeps everything.
#[derive(Clone, Debug, Default)]
pub struct WorkFilter {
    pub team_id: Option<Uuid>,
    /// Items of this phase; actions whose day falls within its days.
    pub phase_id: Option<Uuid>,
    /// Items assigned to this user; actions this user owns.
    pub assignee_id: Option<Uuid>,
    /// Items nobody is assigned to; actions nobody owns.
    pub unassigned: bool,
    pub required: bool,
    /// Items not done yet; actions neither done nor cancelled.
    pub open: bool,
    pub late: bool,
    pub blocked: bool,
    /// Open items and actions due from today to this many days ahead.
    pub due_within: Option<i32>,
    /// Words of the title, any case.
    pub text: Option<String>,
}

/// The plan's items that `filter` keeps, most urgent first: blocked, then late,
/// then by due day; done items last. The state filter is left to the caller,
/// who counts the items of each state first.
pub async fn list(
    pool: &PgPool,
    plan_id: Uuid,
    today: i32,
    filter: &WorkFilter,
) -> sqlx::Result<Vec<Item>> {
    select_items!(
        "where p.plan_id = $1 and i.deleted_at is null
             and ($3::uuid is null or p.team_id = $3)
             and ($4::uuid is null or i.phase_id = $4)
             and ($5::uuid is null or i.assignee_id = $5)
             and (not $6 or i.assignee_id is null)
             and (not $7 or i.required)
             and (not $8 or (i.state <> 'done' and i.due_day < $2))
             and (not $9 or i.state = 'blocked')
             and ($10::int is null or (i.state <> 'done' and i.due_day between $2 and $2 + $10))
             and ($11::text is null or strpos(lower(i.title), lower($11)) > 0)
             and (not $12 or i.state <> 'done')
           order by i.state = 'blocked' desc, (i.state <> 'done' and i.due_day < $2) desc,
                    i.state = 'done', i.due_day, p.position, i.position, i.id",
        plan_id,
        today,
        filter.team_id,
        filter.phase_id,
        filter.assignee_id,
        filter.unassigned,
        filter.required,
        filter.late,
        filter.blocked,
        filter.due_within,
        filter.text.as_deref(),
        filter.open,
    )
    .fetch_all(pool)
    .await
}

/// A page of the plan's items that `filter` (and `state`) keeps, in the
/// plan's order (phase, then item): the `limit` after item `after`, for the
/// API's cursor. A keyset on that order, so a page costs the same however
/// deep it is, and items added meanwhile neither repeat nor shift the pages.
#[allow(clippy::too_many_arguments)]
pub async fn page(
    pool: &PgPool,
    plan_id: Uuid,
    today: i32,
    filter: &WorkFilter,
    state: Option<ItemState>,
    after: Option<Uuid>,
    limit: i64,
) -> sqlx::Result<Vec<Item>> {
    select_items!(
        "where p.plan_id = $1 and i.deleted_at is null
             and ($3::uuid is null or p.team_id = $3)
             and ($4::uuid is null or i.phase_id = $4)
             and ($5::uuid is null or i.assignee_id = $5)
             and (not $6 or i.required)
             and (not $7 or (i.state <> 'done' and i.due_day < $2))
             and (not $8 or i.state = 'blocked')
             and (not $9 or i.state <> 'done')
             and ($10::text is null or i.state = $10)
             and ($11::uuid is null or (p.position, i.position, i.id) >
                  (select p2.position, i2.position, i2.id from checklist_items i2
                   join phases p2 on p2.id = i2.phase_id where i2.id = $11))
           order by p.position, i.position, i.id
           limit $12",
        plan_id,
        today,
        filter.team_id,
        filter.phase_id,
        filter.assignee_id,
        filter.required,
        filter.late,
        filter.blocked,
        filter.open,
        state.map(ItemState::as_str),
        after,
        limit,
    )
    .fetch_all(pool)
    .await
}

/// The plan's communication actions that `filter` keeps (its `required` and
/// `blocked` are the caller's: no action is either), by day. The team is the
/// action's own; a phase keeps the actions of its days, which is where the
/// timeline draws them.
pub async fn actions(
    pool: &PgPool,
    plan_id: Uuid,
    today: i32,
    filter: &WorkFilter,
) -> sqlx::Result<Vec<Communication>> {
    sqlx::query_as!(
        Communication,
        r#"select c.id, c.plan_id, c.channel as "channel: Channel", c.title, c.audience, c.day,
                  c.team_id, t.name as team_name, t.colour as team_colour, c.owner_id,
                  u.display_name as "owner_name?", c.state as "state: ActionState", c.version,
                  i.id as "item_id?", i.title as "item_title?"
           from communication_actions c
           join teams t on t.id = c.team_id
           left join users u on u.id = c.owner_id
           left join checklist_items i on i.id = c.item_id and i.deleted_at is null
           where c.plan_id = $1
             and c.deleted_at is null
             and ($3::uuid is null or c.team_id = $3)
             and ($4::uuid is null or exists (select 1 from phases p
                                              where p.id = $4 and c.day between p.start_day and p.end_day))
             and ($5::uuid is null or c.owner_id = $5)
             and (not $6 or c.owner_id is null)
             and (not $7 or (c.state in ('planned', 'in_progress') and c.day < $2))
             and ($8::int is null or (c.state in ('planned', 'in_progress') and c.day between $2 and $2 + $8))
             and ($9::text is null or strpos(lower(c.title), lower($9)) > 0)
             and (not $10 or c.state in ('planned', 'in_progress'))
           order by c.day, c.title, c.id"#,
        plan_id,
        today,
        filter.team_id,
        filter.phase_id,
        filter.assignee_id,
        filter.unassigned,
        filter.late,
        filter.due_within,
        filter.text.as_deref(),
        filter.open,
    )
    .fetch_all(pool)
    .await
}

/// A team or a phase the queue may be filtered by.
#[derive(Clone, Debug)]
pub struct Facet {
    pub id: Uuid,
    /// Its value in the query string: the team's key, the phase's section.
    pub key: String,
    pub name: String,
}

/// The plan's teams, in their order.
pub async fn teams(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Facet>> {
    sqlx::query_as!(
        Facet,
        "select id, key, name from teams where plan_id = $1 order by position, name",
        plan_id
    )
    .fetch_all(pool)
    .await
}

/// The plan's phases, in their order.
pub async fn phases(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Facet>> {
    sqlx::query_as!(
        Facet,
        r#"select id, section as key, section || ' ' || name as "name!"
           from phases where plan_id = $1 order by position, section"#,
        plan_id
    )
    .fetch_all(pool)
    .await
}
