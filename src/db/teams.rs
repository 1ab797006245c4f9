//! Teams.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

/// Finds a team of the plan by its key (`devops`) or its name (`DevOps`), ignoring case.
pub async fn find_by_key_or_name(
    pool: &PgPool,
    plan_id: Uuid,
    needle: &str,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select id from teams
         where plan_id = $1 and (lower(key) = lower($2) or lower(name) = lower($2))",
        plan_id,
        needle.trim(),
    )
    .fetch_optional(pool)
    .await
}

/// A team to add to a plan; phases and risks of a plan file name it by `key`.
#[derive(Debug)]
pub struct NewTeam<'a> {
    pub key: &'a str,
    pub name: &'a str,
    pub colour: &'a str,
    pub position: i32,
    /// The team that reads and triages the public's feedback.
    pub triages_feedback: bool,
}

/// Adds a team to the plan.
pub async fn insert(
    conn: &mut PgConnection,
    plan_id: Uuid,
    team: &NewTeam<'_>,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into teams (plan_id, key, name, colour, position, triages_feedback)
         values ($1, $2, $3, $4, $5, $6) returning id",
        plan_id,
        team.key,
        team.name,
        team.colour,
        team.position,
        team.triages_feedback,
    )
    .fetch_one(conn)
    .await
}

/// A team with its people and the state of its items.
#[derive(Clone, Debug)]
pub struct TeamSummary {
    pub id: Uuid,
    /// What links name it by (`/work?team=devops`).
    pub key: String,
    pub name: String,
    pub colour: String,
    /// The team's members (not its leads), by name.
    pub people: Vec<String>,
    pub lead_names: Vec<String>,
    pub phases: Vec<String>,
    pub open_items: i64,
    pub blocked_items: i64,
    /// Open items past their due day, `today` being the day asked for.
    pub late_items: i64,
}

/// Every team of the plan with its people, phases and item counts, in one query.
pub async fn summaries(pool: &PgPool, plan_id: Uuid, today: i64) -> sqlx::Result<Vec<TeamSummary>> {
    sqlx::query_as!(
        TeamSummary,
        r#"select t.id, t.key, t.name, t.colour,
                coalesce((select array_agg(u.display_name order by lower(u.display_name))
                          from users u where u.team_id = t.id and u.disabled_at is null and u.role <> 'lead'), '{}') as "people!",
                coalesce((select array_agg(u.display_name order by lower(u.display_name))
                          from users u where u.team_id = t.id and u.disabled_at is null and u.role = 'lead'), '{}') as "lead_names!",
                coalesce((select array_agg(p.section || ' ' || p.name order by p.position)
                          from phases p where p.team_id = t.id), '{}') as "phases!",
                (select count(*) from checklist_items i join phases p on p.id = i.phase_id
                 where p.team_id = t.id and i.deleted_at is null and i.state <> 'done') as "open_items!",
                (select count(*) from checklist_items i join phases p on p.id = i.phase_id
                 where p.team_id = t.id and i.deleted_at is null and i.state = 'blocked') as "blocked_items!",
                (select count(*) from checklist_items i join phases p on p.id = i.phase_id
                 where p.team_id = t.id and i.deleted_at is null and i.state <> 'done' and i.due_day < $2) as "late_items!"
         from teams t where t.plan_id = $1 order by t.position, t.name"#,
        plan_id,
        i32::try_from(today).unwrap_or(i32::MAX),
    )
    .fetch_all(pool)
    .await
}
