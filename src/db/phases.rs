//! Phases with their team and the progress of their items.

use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::phase::{PhaseState, Progress};

/// A phase as the timeline and the phase page show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Phase {
    pub id: Uuid,
    pub section: String,
    pub stage: String,
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

const SELECT_PHASES: &str = "
    select p.id, p.section, p.stage, p.name, p.start_day, p.end_day,
           t.id as team_id, t.name as team_name, t.colour as team_colour,
           count(i.id) filter (where i.state = 'done') as done,
           count(i.id) as total,
           count(i.id) filter (where i.required and i.state = 'done') as required_done,
           count(i.id) filter (where i.required) as required_total
    from phases p
    join teams t on t.id = p.team_id
    left join checklist_items i on i.phase_id = p.id";

/// The plan's phases in order, each with its progress, in one query.
pub async fn list(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Phase>> {
    sqlx::query_as(&format!(
        "{SELECT_PHASES} where p.plan_id = $1 group by p.id, t.id order by p.position, p.start_day"
    ))
    .bind(plan_id)
    .fetch_all(pool)
    .await
}

/// One phase with its progress.
pub async fn find(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<Phase>> {
    sqlx::query_as(&format!(
        "{SELECT_PHASES} where p.id = $1 group by p.id, t.id"
    ))
    .bind(id)
    .fetch_optional(pool)
    .await
}
