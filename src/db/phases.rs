//! Phases with their team and the progress of their items.

use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::drift::Pace;
use crate::domain::phase::{PhaseStage, PhaseState, Progress};
use crate::domain::schedule::{Link, Shift, Span};

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
    /// The latest due day among its open items.
    pub last_open_due: Option<i32>,
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

    /// What its forecast end starts from.
    pub fn pace(&self) -> Pace {
        Pace {
            span: Span {
                start: self.start_day,
                end: self.end_day,
            },
            done: self.done,
            open: self.total - self.done,
            last_open_due: self.last_open_due,
        }
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
                      count(i.id) filter (where i.state = 'blocked') as "blocked!",
                      max(i.due_day) filter (where i.state <> 'done') as last_open_due
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

/// Phase `id` of plan `plan_id`, with its progress.
pub async fn find(pool: &PgPool, plan_id: Uuid, id: Uuid) -> sqlx::Result<Option<Phase>> {
    select_phases!(
        "where p.id = $1 and p.plan_id = $2 group by p.id, t.id",
        id,
        plan_id
    )
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

/// Adds a phase to the plan; `None` when its section is taken.
pub async fn insert(
    conn: &mut PgConnection,
    plan_id: Uuid,
    phase: &NewPhase<'_>,
) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "insert into phases (plan_id, section, stage, name, start_day, end_day, team_id, position)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         on conflict (plan_id, section) do nothing returning id",
        plan_id,
        phase.section,
        phase.stage as PhaseStage,
        phase.name,
        phase.start_day,
        phase.end_day,
        phase.team_id,
        phase.position,
    )
    .fetch_optional(conn)
    .await
}

/// Whether another phase of the plan than `except` has this section.
pub async fn section_taken(
    conn: &mut PgConnection,
    plan_id: Uuid,
    section: &str,
    except: Option<Uuid>,
) -> sqlx::Result<bool> {
    sqlx::query_scalar!(
        r#"select exists (
               select 1 from phases
               where plan_id = $1 and section = $2 and id is distinct from $3
           ) as "taken!""#,
        plan_id,
        section,
        except,
    )
    .fetch_one(conn)
    .await
}

/// Numbers the plan's phases in the order of `ids`.
pub async fn reorder(conn: &mut PgConnection, ids: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query!(
        "update phases p set position = o.n - 1
         from unnest($1::uuid[]) with ordinality as o (id, n)
         where p.id = o.id and p.position <> o.n - 1",
        ids,
    )
    .execute(conn)
    .await?;
    Ok(())
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

/// A phase as its edit form reads it.
#[derive(Clone, Debug)]
pub struct PhaseRow {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub section: String,
    pub stage: PhaseStage,
    pub name: String,
    pub team_id: Uuid,
    pub start_day: i32,
    pub end_day: i32,
    pub version: i32,
}

/// The plan's phases as their edit reads them, in order.
pub async fn rows(conn: &mut PgConnection, plan_id: Uuid) -> sqlx::Result<Vec<PhaseRow>> {
    sqlx::query_as!(
        PhaseRow,
        r#"select id, plan_id, section, stage as "stage: PhaseStage", name, team_id,
                  start_day, end_day, version
           from phases where plan_id = $1 order by position, start_day"#,
        plan_id,
    )
    .fetch_all(conn)
    .await
}

/// The plan's links between phases.
pub async fn links(conn: &mut PgConnection, plan_id: Uuid) -> sqlx::Result<Vec<Link>> {
    let rows = sqlx::query!(
        "select l.before_id, l.after_id, l.lag_days from phase_links l
         join phases p on p.id = l.after_id where p.plan_id = $1
         order by l.created_at, l.before_id",
        plan_id,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Link {
            before: row.before_id,
            after: row.after_id,
            lag: row.lag_days,
        })
        .collect())
}

/// The plan's row locked until the caller's transaction ends, so that two
/// edits of a plan's schedule — its phases, their links and sections — do
/// not cross: each takes this lock first.
pub async fn lock_plan(conn: &mut PgConnection, plan_id: Uuid) -> sqlx::Result<()> {
    sqlx::query!("select id from plans where id = $1 for update", plan_id)
        .fetch_optional(conn)
        .await?;
    Ok(())
}

/// A phase's fields an edit changes.
#[derive(Debug)]
pub struct PhaseChange<'a> {
    pub section: &'a str,
    pub stage: PhaseStage,
    pub name: &'a str,
    pub team_id: Uuid,
    pub start_day: i32,
    pub end_day: i32,
}

/// Applies `change` if the phase is still at `version`; `false` when
/// someone changed it first. Its items move with its start.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    change: &PhaseChange<'_>,
) -> sqlx::Result<bool> {
    let moved = sqlx::query_scalar!(
        r#"with old as (
               select start_day from phases where id = $1 and version = $2
           ), moved as (
               update phases set name = $3, team_id = $4, start_day = $5, end_day = $6,
                      section = $7, stage = $8, version = version + 1, updated_at = now()
               where id = $1 and version = $2
               returning id
           ), items as (
               update checklist_items i set due_day = greatest(0, i.due_day + ($5 - old.start_day))
               from old, moved where i.phase_id = moved.id and $5 <> old.start_day
           )
           select count(*) as "moved!" from moved"#,
        id,
        version,
        change.name,
        change.team_id,
        change.start_day,
        change.end_day,
        change.section,
        change.stage as PhaseStage,
    )
    .fetch_one(conn)
    .await?;
    Ok(moved == 1)
}

/// Moves each phase of `shifts` by its days, with its items.
pub async fn shift(conn: &mut PgConnection, shifts: &[Shift]) -> sqlx::Result<()> {
    let ids: Vec<Uuid> = shifts.iter().map(|shift| shift.phase).collect();
    let days: Vec<i32> = shifts.iter().map(|shift| shift.by).collect();
    sqlx::query!(
        "with moves as (select * from unnest($1::uuid[], $2::int[]) as m (id, by)),
              phases_moved as (
                  update phases p set start_day = p.start_day + m.by, end_day = p.end_day + m.by,
                                      version = p.version + 1, updated_at = now()
                  from moves m where p.id = m.id
              )
         update checklist_items i set due_day = greatest(0, i.due_day + m.by)
         from moves m where i.phase_id = m.id",
        &ids,
        &days,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Removes the link that makes `after` start after `before`; whether there was one.
pub async fn unlink(conn: &mut PgConnection, before: Uuid, after: Uuid) -> sqlx::Result<bool> {
    let unlinked = sqlx::query!(
        "delete from phase_links where before_id = $1 and after_id = $2",
        before,
        after,
    )
    .execute(conn)
    .await?;
    Ok(unlinked.rows_affected() == 1)
}

/// Anchors phase `id`'s first and last days to launch day (`None`: a J+n
/// day); its items due on an anchored last day are anchored with it.
pub async fn anchor(
    conn: &mut PgConnection,
    id: Uuid,
    start_from_launch: Option<i32>,
    end_from_launch: Option<i32>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "with anchored as (
             update phases set start_from_launch = $2, end_from_launch = $3
             where id = $1 returning id, end_day
         )
         update checklist_items i set due_from_launch = $3
         from anchored a where i.phase_id = a.id and i.due_day = a.end_day and $3::int is not null",
        id,
        start_from_launch,
        end_from_launch,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A phase moved by the launch day: its fields before, and its new days.
#[derive(Debug)]
pub struct Followed {
    pub id: Uuid,
    pub section: String,
    pub name: String,
    pub team_id: Uuid,
    pub start_day: i32,
    pub end_day: i32,
    pub new_start: i32,
    pub new_end: i32,
}

/// Places what is anchored to launch day on the plan's launch day as it
/// now reads — phases, items, communication actions — in one statement;
/// the phases that moved.
pub async fn follow_launch(conn: &mut PgConnection, plan_id: Uuid) -> sqlx::Result<Vec<Followed>> {
    sqlx::query_as!(
        Followed,
        r#"with l as (select launch_day from plans where id = $1),
           target as (
               select ph.id, ph.section, ph.name, ph.team_id, ph.start_day, ph.end_day,
                      coalesce(l.launch_day + ph.start_from_launch, ph.start_day) as new_start,
                      -- A start anchored past a fixed end (the support period when
                      -- launch day reaches the horizon) keeps the phase one day long.
                      greatest(coalesce(l.launch_day + ph.end_from_launch, ph.end_day),
                               coalesce(l.launch_day + ph.start_from_launch, ph.start_day))
                          as new_end
               from phases ph, l
               where ph.plan_id = $1
                 and (ph.start_from_launch is not null or ph.end_from_launch is not null)
           ),
           moved as (
               update phases ph set start_day = t.new_start, end_day = t.new_end,
                                    version = ph.version + 1, updated_at = now()
               from target t
               where ph.id = t.id and (t.new_start, t.new_end) <> (t.start_day, t.end_day)
               returning ph.id
           ),
           items as (
               update checklist_items i set due_day = l.launch_day + i.due_from_launch
               from l, phases ph
               where ph.id = i.phase_id and ph.plan_id = $1 and i.due_from_launch is not null
                 and i.due_day <> l.launch_day + i.due_from_launch
           ),
           actions as (
               update communication_actions a set day = l.launch_day + a.day_from_launch,
                                                  version = a.version + 1
               from l
               where a.plan_id = $1 and a.day_from_launch is not null
                 and a.day <> l.launch_day + a.day_from_launch
           )
           select t.id as "id!", t.section as "section!", t.name as "name!",
                  t.team_id as "team_id!", t.start_day as "start_day!", t.end_day as "end_day!",
                  t.new_start as "new_start!", t.new_end as "new_end!"
           from target t join moved m on m.id = t.id
           order by t.start_day"#,
        plan_id,
    )
    .fetch_all(conn)
    .await
}

/// An item of a phase being removed, as its event records it.
#[derive(Debug)]
pub struct LeavingItem {
    pub id: Uuid,
    pub title: String,
    pub group_label: Option<String>,
    pub due_day: i32,
    pub required: bool,
    pub assignee_id: Option<Uuid>,
    pub evidence_url: Option<String>,
}

/// Removes phase `id` if it is still at `version`: every item it holds —
/// open or already in the trash — goes to phase `target` (after its items;
/// a key that would clash there is dropped), the open ones into the trash
/// when `trash`, by `actor`. Its links go with it. The open items it held,
/// or `None` when someone changed the phase first.
pub async fn remove(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    target: Option<Uuid>,
    trash: bool,
    actor: Uuid,
) -> sqlx::Result<Option<Vec<LeavingItem>>> {
    let current: Option<i32> =
        sqlx::query_scalar!("select version from phases where id = $1 for update", id)
            .fetch_optional(&mut *conn)
            .await?;
    if current != Some(version) {
        return Ok(None);
    }
    let leaving = sqlx::query_as!(
        LeavingItem,
        "select id, title, group_label, due_day, required, assignee_id, evidence_url
         from checklist_items where phase_id = $1 and deleted_at is null order by position, id",
        id,
    )
    .fetch_all(&mut *conn)
    .await?;
    if let Some(target) = target {
        sqlx::query!(
            "with top as (
                 select coalesce(max(position), -1) as position from checklist_items where phase_id = $2
             ), taken as (
                 select id, row_number() over (order by position, id) as n
                 from checklist_items where phase_id = $1
             )
             update checklist_items i
             set phase_id = $2,
                 position = (select position from top) + taken.n::int,
                 key = case when i.key in (select key from checklist_items
                                           where phase_id = $2 and key is not null)
                            then null else i.key end,
                 deleted_at = case when $3 and i.deleted_at is null then now() else i.deleted_at end,
                 deleted_by = case when $3 and i.deleted_at is null then $4 else i.deleted_by end
             from taken where i.id = taken.id",
            id,
            target,
            trash,
            actor,
        )
        .execute(&mut *conn)
        .await?;
    }
    sqlx::query!("delete from phases where id = $1", id)
        .execute(conn)
        .await?;
    Ok(Some(leaving))
}

/// How many items phase `id` holds: open, and all (the trash's too).
pub async fn held_items(pool: &PgPool, id: Uuid) -> sqlx::Result<(i64, i64)> {
    let row = sqlx::query!(
        r#"select count(*) filter (where deleted_at is null) as "open!", count(*) as "all!"
           from checklist_items where phase_id = $1"#,
        id
    )
    .fetch_one(pool)
    .await?;
    Ok((row.open, row.all))
}
