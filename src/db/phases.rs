//! Phases with their team and the progress of their items.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::phase::{PhaseStage, PhaseState, Progress};

/// A phase as the timeline and the phase page show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Phase {
    pub id: Uuid,
    pub section: String,
    pub stage: PhaseStage,
    pub name: String,
    pub start_day: i32,
    pub end_day: i32,
    pub team_id: Uuid,
    pub team_name: String,
    pub team_colour: String,
    pub done: i64,
    pub total: i64,
    pub required_done: i64,
    pub required_total: i64,
    /// Its blocked items.
    pub blocked: i64,
}

impl Phase {
    /// Its first and last day.
    pub fn days(&self) -> (i64, i64) {
        (self.start_day.into(), self.end_day.into())
    }

    /// Where it stands on day `today`.
    pub fn state(&self, today: i64) -> PhaseState {
        let (start, end) = self.days();
        PhaseState::of(start, end, today, self.progress())
    }

    /// The counts of its items.
    pub fn progress(&self) -> Progress {
        Progress {
            done: self.done,
            total: self.total,
            required_done: self.required_done,
            required_total: self.required_total,
        }
    }
}

/// A checked query for phases with their progress: the shared columns and
/// joins, then `$tail` (the filter, grouping and order), then its arguments
/// (a macro, since sqlx's macros check only literals).
macro_rules! select_phases {
    ($tail:tt, $($arg:expr),*) => {
        sqlx::query_as!(
            Phase,
            r#"select p.id, p.section, p.stage as "stage: PhaseStage", p.name, p.start_day, p.end_day,
                      t.id as team_id, t.name as team_name, t.colour as team_colour,
                      count(i.id) filter (where i.state = 'done') as "done!",
                      count(i.id) as "total!",
                      count(i.id) filter (where i.required and i.state = 'done') as "required_done!",
                      count(i.id) filter (where i.required) as "required_total!",
                      count(i.id) filter (where i.state = 'blocked') as "blocked!"
               from phases p
               join teams t on t.id = p.team_id
               left join checklist_items i on i.phase_id = p.id and i.deleted_at is null "# + $tail,
            $($arg),*
        )
    };
}

/// The plan's phases in order, each with its progress, in one query.
pub async fn list(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Phase>> {
    select_phases!(
        "where p.plan_id = $1 group by p.id, t.id order by p.position, p.start_day",
        plan_id
    )
    .fetch_all(pool)
    .await
}

/// One phase with its progress.
pub async fn find(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<Phase>> {
    select_phases!("where p.id = $1 group by p.id, t.id", id)
        .fetch_optional(pool)
        .await
}

/// A phase to add to a plan.
#[derive(Debug)]
pub struct NewPhase<'a> {
    pub section: &'a str,
    pub stage: PhaseStage,
    pub name: &'a str,
    pub start_day: i32,
    pub end_day: i32,
    pub team_id: Uuid,
    pub position: i32,
}

/// Adds a phase to the plan.
pub async fn insert(
    conn: &mut PgConnection,
    plan_id: Uuid,
    phase: &NewPhase<'_>,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into phases (plan_id, section, stage, name, start_day, end_day, team_id, position)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning id",
        plan_id,
        phase.section,
        phase.stage as PhaseStage,
        phase.name,
        phase.start_day,
        phase.end_day,
        phase.team_id,
        phase.position,
    )
    .fetch_one(conn)
    .await
}

/// Links phase `after` to start no sooner than `lag` days after `before`
/// ends; whether the link is new.
pub async fn link(
    conn: &mut PgConnection,
    before: Uuid,
    after: Uuid,
    lag: i32,
) -> sqlx::Result<bool> {
    let linked = sqlx::query!(
        "insert into phase_links (before_id, after_id, lag_days) values ($1, $2, $3)
         on conflict do nothing",
        before,
        after,
        lag,
    )
    .execute(conn)
    .await?;
    Ok(linked.rows_affected() == 1)
}
