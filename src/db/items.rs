//! Checklist items: reading them for the pages, and every change to them.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::db::events::{self, Unannounced};
use crate::domain::change::{Change, ItemStatus};
use crate::domain::item::{ItemDraft, ItemState, StateChange};

/// An item as the pages show it.
#[derive(Clone, Debug)]
pub struct Item {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub phase_id: Uuid,
    pub phase_section: String,
    pub phase_name: String,
    pub team_id: Uuid,
    pub group_label: Option<String>,
    pub title: String,
    pub state: ItemState,
    pub blocked_reason: Option<String>,
    pub assignee_id: Option<Uuid>,
    pub assignee_name: Option<String>,
    pub due_day: i32,
    pub required: bool,
    pub evidence_url: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
    pub changed_by_name: Option<String>,
    pub changed_at: Option<DateTime<Utc>>,
    pub position: i32,
    pub version: i32,
    /// Whether a communication action moves with the item (`twins`).
    pub has_twin: bool,
}

impl Item {
    /// What a move of this item needs of it, as read.
    pub fn movable(&self) -> Movable {
        Movable {
            id: self.id,
            plan_id: self.plan_id,
            phase_id: self.phase_id,
            team_id: self.team_id,
            title: self.title.clone(),
            state: self.state,
            blocked_reason: self.blocked_reason.clone(),
            assignee_id: self.assignee_id,
            version: self.version,
            has_twin: self.has_twin,
        }
    }
}

/// What a state change needs of an item: whom it may be moved by, where
/// it moves from, and what its event says. Read alone for a tick
/// ([`find_movable`]), the dashboard's most frequent write, which needs
/// none of the names a page shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Movable {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub phase_id: Uuid,
    pub team_id: Uuid,
    pub title: String,
    pub state: ItemState,
    pub blocked_reason: Option<String>,
    pub assignee_id: Option<Uuid>,
    pub version: i32,
    /// Whether a communication action moves with the item (`twins`).
    pub has_twin: bool,
}

impl Movable {
    /// The change that moves this item, as read, to `state`.
    pub fn moved_to(&self, state: ItemState, reason: Option<&str>) -> Change {
        self.moved_through(state, reason, None, None)
    }

    /// The same, with the evidence link it sets and the API token it came
    /// through (by name), if any.
    pub fn moved_through(
        &self,
        state: ItemState,
        reason: Option<&str>,
        evidence_url: Option<String>,
        via: Option<String>,
    ) -> Change {
        Change::ItemStateChanged {
            item: self.id,
            before: ItemStatus {
                title: self.title.clone(),
                state: self.state,
                reason: self.blocked_reason.clone(),
                evidence_url: None,
                via: None,
            },
            after: ItemStatus {
                title: self.title.clone(),
                state,
                reason: reason.map(str::to_owned),
                evidence_url,
                via,
            },
        }
    }
}

/// A checked query for items as the pages show them: the shared columns and
/// joins, then `$tail` (the filter and order), then its arguments. A macro, not
/// a constant: sqlx's macros check only literals (joined with `+`).
macro_rules! select_items {
    ($tail:tt, $($arg:expr),* $(,)?) => {
        sqlx::query_as!(
            Item,
            r#"select i.id, p.plan_id, i.phase_id, p.section as phase_section, p.name as phase_name,
                      p.team_id, i.group_label, i.title, i.state as "state: ItemState", i.blocked_reason,
                      i.assignee_id, a.display_name as "assignee_name?", i.due_day, i.required,
                      i.evidence_url, i.done_at as "done_at: DateTime<Utc>",
                      c.display_name as "changed_by_name?", i.changed_at as "changed_at: DateTime<Utc>",
                      i.position, i.version, tw.id is not null as "has_twin!"
               from checklist_items i
               join phases p on p.id = i.phase_id
               left join users a on a.id = i.assignee_id
               left join users c on c.id = i.changed_by
               left join communication_actions tw on tw.item_id = i.id and tw.deleted_at is null "# + $tail,
            $($arg),*
        )
    };
}
pub(super) use select_items;

/// A phase's items in the plan's order, each group in one piece (placed
/// where its first item stands, the items without a group each at its own
/// place), so no group is drawn twice. Like every reader here, it leaves out
/// the items in the trash.
pub async fn list_for_phase(pool: &PgPool, phase_id: Uuid) -> sqlx::Result<Vec<Item>> {
    select_items!(
        "where i.phase_id = $1 and i.deleted_at is null
         order by case when i.group_label is null then i.position
                       else min(i.position) over (partition by i.group_label) end,
                  i.group_label nulls first, i.position, i.id",
        phase_id
    )
    .fetch_all(pool)
    .await
}

/// Every item of the plan, phase by phase.
pub async fn list_for_plan(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Item>> {
    select_items!(
        "where p.plan_id = $1 and i.deleted_at is null order by p.position, i.position, i.id",
        plan_id
    )
    .fetch_all(pool)
    .await
}

/// The items of a user's own calendar: those assigned to them and their
/// team's, soonest due first.
pub async fn for_person(pool: &PgPool, user_id: Uuid) -> sqlx::Result<Vec<Item>> {
    select_items!(
        "where i.deleted_at is null
           and (i.assignee_id = $1 or p.team_id = (select team_id from users where id = $1))
         order by i.due_day, p.position, i.position",
        user_id
    )
    .fetch_all(pool)
    .await
}

/// The items assigned to a user, soonest due first.
pub async fn list_assigned(pool: &PgPool, user_id: Uuid) -> sqlx::Result<Vec<Item>> {
    select_items!(
        "where i.assignee_id = $1 and i.deleted_at is null
         order by i.state = 'done', i.due_day, p.position, i.position",
        user_id
    )
    .fetch_all(pool)
    .await
}

/// One item; none when it is in the trash.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Item>> {
    select_items!("where i.id = $1 and i.deleted_at is null", id)
        .fetch_optional(conn)
        .await
}

/// What a move of item `id` needs of it (the view `movable_items`: the item
/// and its phase); none when it is in the trash. [`find`] also joins the
/// names of its assignee and last changer and reads every column: a tick
/// that read it all stored about 4 % fewer ticks a second (README).
pub async fn find_movable(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Movable>> {
    sqlx::query_as!(
        Movable,
        r#"select id as "id!", plan_id as "plan_id!", phase_id as "phase_id!",
                  team_id as "team_id!", title as "title!", state as "state!: ItemState",
                  blocked_reason, assignee_id, version as "version!", has_twin as "has_twin!"
           from movable_items where id = $1"#,
        id
    )
    .fetch_optional(conn)
    .await
}

/// Applies a state change if the item is still at `version`, and records
/// it as `moved` (announced later, see [`events::record_unannounced`]);
/// `None` when someone changed the item first. The check, the write and its
/// event are one statement: atomic on its own, so a tick with nothing else
/// to change needs no transaction around it (three round trips fewer).
pub async fn change_state(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    change: &StateChange,
    evidence_url: Option<&str>,
    actor: Uuid,
    moved: &Change,
) -> sqlx::Result<Option<Unannounced>> {
    let event = events::columns(moved)?;
    // The event's insert repeats `events::record_unannounced`'s columns: a
    // data-modifying CTE must be written in the statement it belongs to.
    let recorded = sqlx::query!(
        "with moved as (
             update checklist_items
             set state = $3, blocked_reason = $4,
                 done_at = case when $3 = 'done' then coalesce(done_at, now()) end,
                 evidence_url = coalesce($11, evidence_url),
                 changed_by = $5, changed_at = now(), version = version + 1
             where id = $1 and version = $2 and deleted_at is null
             returning phase_id, (select plan_id from phases where phases.id = phase_id) as plan_id
         ), recorded as (
             insert into activity_events (plan_id, actor_id, kind, subject_type, subject_id, before, after)
             select plan_id, $5, $6, $7, $8, $9, $10 from moved
             returning id
         )
         select recorded.id, moved.phase_id from recorded, moved",
        id,
        version,
        change.state() as ItemState,
        change.reason(),
        actor,
        event.kind,
        event.subject_type,
        event.subject_id,
        event.before,
        event.after,
        evidence_url,
    )
    .fetch_optional(conn)
    .await?;
    Ok(recorded.map(|row| events::unannounced(&event, row.id, Some(row.phase_id))))
}

/// Adds an item at the end of its phase. `key` names it for the references of
/// a plan file; `actor` is who added it (none for an imported plan).
pub async fn insert(
    conn: &mut PgConnection,
    phase_id: Uuid,
    draft: &ItemDraft,
    key: Option<&str>,
    actor: Option<Uuid>,
) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into checklist_items (phase_id, title, group_label, due_day, required, assignee_id,
                                      evidence_url, key, changed_by, changed_at, position)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, case when $9::uuid is not null then now() end,
                 (select coalesce(max(position) + 1, 0) from checklist_items where phase_id = $1))
         returning id",
        phase_id,
        draft.title,
        draft.group,
        draft.due_day,
        draft.required,
        draft.assignee_id,
        draft.evidence_url,
        key,
        actor,
    )
    .fetch_one(conn)
    .await
}

/// Rewrites an item's details if it is still at `version`.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    draft: &ItemDraft,
    actor: Uuid,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "update checklist_items
         set title = $3, group_label = $4, due_day = $5, required = $6, assignee_id = $7,
             evidence_url = $8, changed_by = $9, changed_at = now(), version = version + 1
         where id = $1 and version = $2 and deleted_at is null",
        id,
        version,
        draft.title,
        draft.group,
        draft.due_day,
        draft.required,
        draft.assignee_id,
        draft.evidence_url,
        actor,
    )
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// What came of moving an item.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MoveOutcome {
    Moved,
    /// Already first (moving up) or last (down) of its group: nothing changed.
    AtTheEnd,
    /// The item changed (or went) since the form was drawn: nothing changed.
    Stale,
}

/// Swaps an item with its neighbour above (`up`) or below in the phase's
/// order: an item of a group only with one of the same group (a move never
/// carries it into another group), an item without a group with any. The
/// page draws each group in one piece, so neither splits a group. Only if
/// the item is still at `version`; the row stays locked until the
/// transaction ends, so a concurrent change waits and then finds it stale.
pub async fn move_item(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    up: bool,
) -> sqlx::Result<MoveOutcome> {
    let current = sqlx::query_scalar!(
        "select id from checklist_items where id = $1 and version = $2 and deleted_at is null for update",
        id,
        version
    )
    .fetch_optional(&mut *conn)
    .await?;
    if current.is_none() {
        return Ok(MoveOutcome::Stale);
    }
    let neighbour = if up {
        sqlx::query_as!(
            Neighbour,
            r#"select n.id, n.position, i.position as "own_position"
               from checklist_items i
               join checklist_items n on n.phase_id = i.phase_id
                and (i.group_label is null or n.group_label = i.group_label)
                and (n.position, n.id) < (i.position, i.id) and n.deleted_at is null
               where i.id = $1
               order by n.position desc, n.id desc limit 1"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?
    } else {
        sqlx::query_as!(
            Neighbour,
            r#"select n.id, n.position, i.position as "own_position"
               from checklist_items i
               join checklist_items n on n.phase_id = i.phase_id
                and (i.group_label is null or n.group_label = i.group_label)
                and (n.position, n.id) > (i.position, i.id) and n.deleted_at is null
               where i.id = $1
               order by n.position, n.id limit 1"#,
            id
        )
        .fetch_optional(&mut *conn)
        .await?
    };
    let Some(neighbour) = neighbour else {
        return Ok(MoveOutcome::AtTheEnd);
    };
    sqlx::query!(
        "update checklist_items set position = case id when $1 then $2::int else $4::int end, version = version + 1
         where id in ($1, $3)",
        id,
        neighbour.position,
        neighbour.id,
        neighbour.own_position,
    )
    .execute(conn)
    .await?;
    Ok(MoveOutcome::Moved)
}

/// The item next to the one being moved, and both positions.
struct Neighbour {
    id: Uuid,
    position: i32,
    own_position: i32,
}

/// The members of a team, as (id, name): who an item may be assigned to.
pub async fn assignable(pool: &PgPool, team_id: Uuid) -> sqlx::Result<Vec<(Uuid, String)>> {
    let rows = sqlx::query!(
        "select id, display_name from users where team_id = $1 and disabled_at is null order by lower(display_name)",
        team_id
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| (row.id, row.display_name))
        .collect())
}
