//! What `/my` gathers beside the checklist: the communication actions a user
//! answers for, the feedback assigned to them, and whether their team's vote
//! is awaited. One query each, whatever the plan's size.

use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::communication::{ActionState, Channel};
use crate::domain::feedback::{Category, Status};

/// A communication action as `/my` lists it.
#[derive(Clone, Debug)]
pub struct MyAction {
    pub id: Uuid,
    pub title: String,
    pub channel: Channel,
    pub day: i32,
    pub state: ActionState,
    pub team_name: String,
    pub owner_name: Option<String>,
}

/// The plan's actions still to carry out (planned or in progress, not in
/// the trash) that are `team_id`'s or owned by `user_id`, soonest first.
pub async fn open_actions(
    pool: &PgPool,
    plan_id: Uuid,
    team_id: Option<Uuid>,
    user_id: Uuid,
) -> sqlx::Result<Vec<MyAction>> {
    sqlx::query_as!(
        MyAction,
        r#"select c.id, c.title, c.channel as "channel: Channel", c.day,
                  c.state as "state: ActionState", t.name as team_name,
                  u.display_name as "owner_name?"
           from communication_actions c
           join teams t on t.id = c.team_id
           left join users u on u.id = c.owner_id
           where c.plan_id = $1 and c.deleted_at is null
             and c.state in ('planned', 'in_progress')
             and (c.team_id = $2 or c.owner_id = $3)
           order by c.day, c.title, c.id"#,
        plan_id,
        team_id,
        user_id,
    )
    .fetch_all(pool)
    .await
}

/// Feedback as `/my` lists it.
#[derive(Clone, Debug)]
pub struct MyFeedback {
    pub id: Uuid,
    /// The message's first characters, white space folded, "…" when cut.
    pub excerpt: String,
    pub category: Category,
    pub status: Status,
    /// The plan day (J+n) it was sent on, in the plan's time zone.
    pub day: i32,
}

/// The feedback assigned to `user_id` and not closed (merged duplicates
/// left out: their original carries them), oldest first.
pub async fn assigned_feedback(
    pool: &PgPool,
    plan_id: Uuid,
    user_id: Uuid,
) -> sqlx::Result<Vec<MyFeedback>> {
    sqlx::query_as!(
        MyFeedback,
        r#"select f.id,
                  case when char_length(m.flat) > 120 then left(m.flat, 119) || '…' else m.flat end
                      as "excerpt!",
                  f.category as "category: Category", f.status as "status: Status",
                  ((f.created_at at time zone p.time_zone)::date - p.kickoff_date) as "day!"
           from feedback f
           join plans p on p.id = f.plan_id
           cross join lateral (select regexp_replace(btrim(f.message), '\s+', ' ', 'g') as flat) m
           where f.plan_id = $1 and f.assignee_id = $2
             and f.status <> 'closed' and f.merged_into_id is null
           order by f.created_at, f.id"#,
        plan_id,
        user_id,
    )
    .fetch_all(pool)
    .await
}

/// Whether the plan's Go / No-Go poll is open and `team_id` has not voted in it.
pub async fn vote_awaited(pool: &PgPool, plan_id: Uuid, team_id: Uuid) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (
               select 1 from golive_polls p
               where p.plan_id = $1 and p.closed_at is null
                 and not exists (select 1 from golive_votes v where v.poll_id = p.id and v.team_id = $2)
           ) as "awaited!""#,
        plan_id,
        team_id,
    )
    .fetch_one(pool)
    .await
}
