//! What needs a launch manager now: the open items that are blocked, late or
//! due soon, across the plan, in one query.

use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::item::ItemState;

/// An open item that is blocked, late, or due within the window.
#[derive(Clone, Debug)]
pub struct Pressing {
    pub id: Uuid,
    pub title: String,
    pub phase_section: String,
    pub state: ItemState,
    pub blocked_reason: Option<String>,
    pub due_day: i32,
}

/// The plan's open items that are blocked, or due by `today + within` (late
/// ones included), blocked first, then by due day and plan order.
pub async fn pressing(
    pool: &PgPool,
    plan_id: Uuid,
    today: i32,
    within: i32,
) -> sqlx::Result<Vec<Pressing>> {
    sqlx::query_as!(
        Pressing,
        r#"select i.id, i.title, p.section as phase_section, i.state as "state: ItemState",
                  i.blocked_reason, i.due_day
           from checklist_items i
           join phases p on p.id = i.phase_id
           where p.plan_id = $1 and i.state <> 'done' and i.deleted_at is null
             and (i.state = 'blocked' or i.due_day <= $2::int + $3::int)
           order by i.state = 'blocked' desc, i.due_day, p.position, i.position, i.id"#,
        plan_id,
        today,
        within,
    )
    .fetch_all(pool)
    .await
}

/// How many pieces of the plan's feedback wait for triage: new, and not a
/// duplicate merged into another.
pub async fn feedback_to_triage(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!" from feedback
           where plan_id = $1 and status = 'new' and merged_into_id is null"#,
        plan_id
    )
    .fetch_one(pool)
    .await
}
