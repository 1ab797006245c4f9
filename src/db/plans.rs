//! The plan: name, description, kickoff and the calendar its days are counted in.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::calendar::Calendar;
use crate::domain::glossary::Glossary;
use crate::domain::lang::Lang;
use crate::domain::plan::PlanSettings;

/// A plan as stored.
#[derive(Clone, Debug)]
pub struct Plan {
    pub id: Uuid,
    pub name: String,
    /// What the plan sets out to achieve, as plain text; may be empty.
    pub description: String,
    pub kickoff_date: NaiveDate,
    pub kickoff_confirmed: bool,
    pub time_zone: Tz,
    pub launch_day: i32,
    pub launch_time: NaiveTime,
    pub horizon_days: i32,
    pub version: i32,
    /// Read, never changed, until an admin takes it out of the archive.
    pub archived: bool,
}

impl Plan {
    /// The plan's calendar.
    pub fn calendar(&self) -> Calendar {
        Calendar {
            kickoff: self.kickoff_date,
            time_zone: self.time_zone,
            launch_day: self.launch_day.into(),
            launch_time: self.launch_time,
            horizon: self.horizon_days.into(),
        }
    }
}

/// The installation's first plan, which the pages show until one chooses
/// another, and which background work without a plan of its own serves.
pub async fn current(pool: &PgPool) -> sqlx::Result<Plan> {
    all(pool)
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)
}

/// Plan `id`.
pub async fn by_id(pool: &PgPool, id: Uuid) -> sqlx::Result<Plan> {
    select(pool, Some(id))
        .await?
        .into_iter()
        .next()
        .ok_or(sqlx::Error::RowNotFound)
}

/// Every plan, the first created first.
pub async fn all(pool: &PgPool) -> sqlx::Result<Vec<Plan>> {
    select(pool, None).await
}

/// Plan `only`, or every plan, the first created first. A time zone the
/// code does not know (a database edited by hand) is a decoding error, not
/// a default.
async fn select(pool: &PgPool, only: Option<Uuid>) -> sqlx::Result<Vec<Plan>> {
    let rows = sqlx::query!(
        r#"select id, name, description, kickoff_date as "kickoff_date: NaiveDate", kickoff_confirmed,
                  time_zone, launch_day, launch_time as "launch_time: NaiveTime", horizon_days,
                  version, archived_at is not null as "archived!"
           from plans where $1::uuid is null or id = $1
           order by created_at, id"#,
        only
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            let time_zone = row
                .time_zone
                .parse::<Tz>()
                .map_err(|_| sqlx::Error::ColumnDecode {
                    index: "time_zone".into(),
                    source: format!("unknown time zone {:?}", row.time_zone).into(),
                })?;
            Ok(Plan {
                id: row.id,
                name: row.name,
                description: row.description,
                kickoff_date: row.kickoff_date,
                kickoff_confirmed: row.kickoff_confirmed,
                time_zone,
                launch_day: row.launch_day,
                launch_time: row.launch_time,
                horizon_days: row.horizon_days,
                version: row.version,
                archived: row.archived,
            })
        })
        .collect()
}

/// Archives plan `id`, or takes it out of the archive; whether that
/// changed it.
pub async fn set_archived(conn: &mut PgConnection, id: Uuid, archived: bool) -> sqlx::Result<bool> {
    let changed = sqlx::query!(
        "update plans set archived_at = case when $2 then now() end
         where id = $1 and (archived_at is not null) <> $2",
        id,
        archived
    )
    .execute(conn)
    .await?;
    Ok(changed.rows_affected() == 1)
}

/// The users who belong to plan `plan_id` (admins read every plan).
pub async fn members(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Uuid>> {
    sqlx::query_scalar!(
        "select user_id from plan_members where plan_id = $1 order by user_id",
        plan_id
    )
    .fetch_all(pool)
    .await
}

/// Makes the members of plan `from` members of plan `to` too.
pub async fn copy_members(conn: &mut PgConnection, from: Uuid, to: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into plan_members (plan_id, user_id)
         select $2, user_id from plan_members where plan_id = $1
         on conflict do nothing",
        from,
        to
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Makes `user_id` a member of `plan_id`, if not one yet; whether they
/// were not.
pub async fn add_member(
    conn: &mut PgConnection,
    plan_id: Uuid,
    user_id: Uuid,
) -> sqlx::Result<bool> {
    let added = sqlx::query!(
        "insert into plan_members (plan_id, user_id) values ($1, $2) on conflict do nothing",
        plan_id,
        user_id
    )
    .execute(conn)
    .await?;
    Ok(added.rows_affected() == 1)
}

/// Takes `user_id` out of `plan_id`'s members; whether they were one.
pub async fn remove_member(
    conn: &mut PgConnection,
    plan_id: Uuid,
    user_id: Uuid,
) -> sqlx::Result<bool> {
    let removed = sqlx::query!(
        "delete from plan_members where plan_id = $1 and user_id = $2",
        plan_id,
        user_id
    )
    .execute(conn)
    .await?;
    Ok(removed.rows_affected() == 1)
}

/// A team of a plan: what pages and links name it by, and the colour of
/// its bars.
#[derive(Clone, Debug)]
pub struct Team {
    pub id: Uuid,
    /// What links name it by (`/work?team=devops`).
    pub key: String,
    pub name: String,
    pub colour: String,
}

/// The plan's teams, in order.
pub async fn teams(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Team>> {
    sqlx::query_as!(
        Team,
        "select id, key, name, colour from teams where plan_id = $1 order by position, name",
        plan_id,
    )
    .fetch_all(pool)
    .await
}

/// A phase of a plan without its items: its place, its days and its team.
#[derive(Clone, Debug)]
pub struct PhaseOutline {
    pub id: Uuid,
    pub section: String,
    pub name: String,
    pub start_day: i32,
    pub end_day: i32,
    pub team_id: Uuid,
    pub team_name: String,
}

impl PhaseOutline {
    /// Its first and last day.
    pub fn days(&self) -> (i64, i64) {
        (self.start_day.into(), self.end_day.into())
    }
}

/// The plan's phases, in order.
pub async fn phases(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<PhaseOutline>> {
    sqlx::query_as!(
        PhaseOutline,
        "select p.id, p.section, p.name, p.start_day, p.end_day, p.team_id, t.name as team_name
         from phases p join teams t on t.id = p.team_id
         where p.plan_id = $1 order by p.position, p.start_day",
        plan_id,
    )
    .fetch_all(pool)
    .await
}

/// Whether the database holds a plan.
pub async fn exists(conn: &mut PgConnection) -> sqlx::Result<bool> {
    sqlx::query_scalar!(r#"select exists (select 1 from plans) as "exists!""#)
        .fetch_one(conn)
        .await
}

/// A plan to create; its kickoff date is not confirmed until an admin sets it.
#[derive(Debug)]
pub struct NewPlan<'a> {
    pub name: &'a str,
    pub description: &'a str,
    pub kickoff: NaiveDate,
    pub time_zone: Tz,
    pub launch_day: i32,
    pub launch_time: NaiveTime,
    pub horizon_days: i32,
}

/// Creates a plan.
pub async fn insert(conn: &mut PgConnection, plan: &NewPlan<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into plans (name, description, kickoff_date, time_zone, launch_day, launch_time,
                            horizon_days)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        plan.name,
        plan.description,
        plan.kickoff as NaiveDate,
        plan.time_zone.name(),
        plan.launch_day,
        plan.launch_time as NaiveTime,
        plan.horizon_days,
    )
    .fetch_one(conn)
    .await
}

/// Writes the settings if the plan is still at `version`, and marks the
/// kickoff date as set by an admin; `false` when someone changed it first.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    settings: &PlanSettings,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "update plans
         set name = $3, kickoff_date = $4, launch_day = $5, launch_time = $6, time_zone = $7,
             description = $8, kickoff_confirmed = true, version = version + 1
         where id = $1 and version = $2",
        id,
        version,
        settings.name,
        settings.kickoff as NaiveDate,
        settings.launch_day,
        settings.launch_time as NaiveTime,
        settings.time_zone.name(),
        settings.description,
    )
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// The plan's terms in other languages (migration `0018_plan_terms.sql`).
pub async fn glossary(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Glossary> {
    let rows = sqlx::query!(
        r#"select lang as "lang: Lang", term, translation from plan_terms where plan_id = $1"#,
        plan_id,
    )
    .fetch_all(pool)
    .await?;
    Ok(Glossary::new(
        rows.into_iter()
            .map(|row| (row.lang, row.term, row.translation)),
    ))
}

/// Records that `term` of the plan reads `translation` in `lang`.
pub async fn insert_term(
    conn: &mut PgConnection,
    plan_id: Uuid,
    lang: Lang,
    term: &str,
    translation: &str,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into plan_terms (plan_id, lang, term, translation) values ($1, $2, $3, $4)",
        plan_id,
        lang as Lang,
        term,
        translation,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A plan as the list of plans shows it.
#[derive(Debug)]
pub struct PlanSummary {
    pub id: Uuid,
    pub name: String,
    pub created_at: DateTime<Utc>,
    pub phases: i64,
    pub items: i64,
    /// The installation's first plan, which the dashboard shows until one
    /// chooses another.
    pub in_use: bool,
    pub archived: bool,
}

/// Every plan, the one in use first, then the newest.
pub async fn summaries(pool: &PgPool) -> sqlx::Result<Vec<PlanSummary>> {
    sqlx::query_as!(
        PlanSummary,
        r#"with first as (select id from plans order by created_at, id limit 1)
           select p.id, p.name, p.created_at as "created_at: DateTime<Utc>",
                  (select count(*) from phases ph where ph.plan_id = p.id) as "phases!",
                  (select count(*) from checklist_items i join phases ph on ph.id = i.phase_id
                   where ph.plan_id = p.id and i.deleted_at is null) as "items!",
                  p.id = (select id from first) as "in_use!",
                  p.archived_at is not null as "archived!"
           from plans p
           order by p.id = (select id from first) desc, p.created_at desc"#
    )
    .fetch_all(pool)
    .await
}
