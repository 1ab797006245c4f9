//! The work queue: checklist items across the plan, filtered in one query.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::items::Item;
use crate::domain::item::ItemState;

/// What the queue keeps, already resolved against the plan (a team's id, not
/// its key) and today's J+n. `None` keeps everything.
#[derive(Clone, Debug, Default)]
pub struct WorkFilter {
    pub team_id: Option<Uuid>,
    pub phase_id: Option<Uuid>,
    /// Items assigned to this user.
    pub assignee_id: Option<Uuid>,
    /// Items nobody is assigned to.
    pub unassigned: bool,
    pub required: bool,
    /// Items not done yet.
    pub open: bool,
    pub late: bool,
    pub blocked: bool,
    /// Open items due from today to this many days ahead.
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
    sqlx::query_as!(
        Item,
        r#"select i.id, p.plan_id, i.phase_id, p.section as phase_section, p.name as phase_name,
                  p.team_id, i.group_label, i.title, i.state as "state: ItemState", i.blocked_reason,
                  i.assignee_id, a.display_name as "assignee_name?", i.due_day, i.required,
                  i.evidence_url, i.done_at as "done_at: DateTime<Utc>",
                  c.display_name as "changed_by_name?", i.changed_at as "changed_at: DateTime<Utc>",
                  i.position, i.version
           from checklist_items i
           join phases p on p.id = i.phase_id
           left join users a on a.id = i.assignee_id
           left join users c on c.id = i.changed_by
           where p.plan_id = $1
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
                    i.state = 'done', i.due_day, p.position, i.position, i.id"#,
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
