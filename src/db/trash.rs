//! The trash: checklist items and communication actions put aside instead of
//! deleted, with their links, history and comments, restored as they were, and
//! purged for good once [`RETENTION_DAYS`](crate::domain::trash::RETENTION_DAYS) have passed. Every other reader
//! leaves them out (`deleted_at is null`).

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::change::{ActionFields, ItemFields};
use crate::domain::communication::{ActionState, Channel};
use crate::domain::trash::purge_cutoff;

/// A checklist item in the trash, with where it was and who put it there.
#[derive(Clone, Debug)]
pub struct TrashedItem {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub team_id: Uuid,
    pub phase_id: Uuid,
    pub phase_section: String,
    pub phase_name: String,
    pub title: String,
    pub group_label: Option<String>,
    pub due_day: i32,
    pub required: bool,
    pub assignee_id: Option<Uuid>,
    pub evidence_url: Option<String>,
    pub deleted_at: DateTime<Utc>,
    pub deleted_by_name: Option<String>,
}

impl TrashedItem {
    /// Its details as the activity records them.
    pub fn fields(&self) -> ItemFields {
        ItemFields {
            title: self.title.clone(),
            group: self.group_label.clone(),
            due_day: self.due_day,
            required: self.required,
            assignee_id: self.assignee_id,
            evidence_url: self.evidence_url.clone(),
        }
    }
}

/// A checked query for items in the trash since `$1` or later, then `$tail`.
macro_rules! select_trashed_items {
    ($tail:literal, $($arg:expr),*) => {
        sqlx::query_as!(
            TrashedItem,
            r#"select i.id, p.plan_id, p.team_id, i.phase_id, p.section as phase_section,
                      p.name as phase_name, i.title, i.group_label, i.due_day, i.required,
                      i.assignee_id, i.evidence_url, i.deleted_at as "deleted_at!: DateTime<Utc>",
                      u.display_name as "deleted_by_name?"
               from checklist_items i
               join phases p on p.id = i.phase_id
               left join users u on u.id = i.deleted_by
               where i.deleted_at >= $1 "# + $tail,
            $($arg),*
        )
    };
}

/// The plan's items in the trash and not yet due for purging, the latest first.
pub async fn items(
    pool: &PgPool,
    plan_id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<TrashedItem>> {
    select_trashed_items!(
        "and p.plan_id = $2 order by i.deleted_at desc, i.id",
        purge_cutoff(now) as DateTime<Utc>,
        plan_id
    )
    .fetch_all(pool)
    .await
}

/// One item in the trash, not yet due for purging.
pub async fn find_item(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<TrashedItem>> {
    select_trashed_items!("and i.id = $2", purge_cutoff(now) as DateTime<Utc>, id)
        .fetch_optional(conn)
        .await
}

/// Puts an item in the trash if it is still at `version`; its details as
/// they were, or none when someone changed (or deleted) it first.
pub async fn trash_item(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    actor: Uuid,
) -> sqlx::Result<Option<ItemFields>> {
    let row = sqlx::query!(
        "update checklist_items set deleted_at = now(), deleted_by = $3, version = version + 1
         where id = $1 and version = $2 and deleted_at is null
         returning title, group_label, due_day, required, assignee_id, evidence_url",
        id,
        version,
        actor,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| ItemFields {
        title: row.title,
        group: row.group_label,
        due_day: row.due_day,
        required: row.required,
        assignee_id: row.assignee_id,
        evidence_url: row.evidence_url,
    }))
}

/// Takes an item out of the trash, in place: `false` when it is no longer
/// there (restored meanwhile, or due for purging).
pub async fn restore_item(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let restored = sqlx::query!(
        "update checklist_items set deleted_at = null, deleted_by = null, version = version + 1
         where id = $1 and deleted_at >= $2",
        id,
        purge_cutoff(now) as DateTime<Utc>,
    )
    .execute(conn)
    .await?;
    Ok(restored.rows_affected() == 1)
}

/// An item or action removed for good, with what its event records.
#[derive(Debug)]
pub struct Purged<F> {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub fields: F,
}

/// Deletes for good the items due for purging at `now`, in one statement;
/// rows another instance is purging are skipped, so each is purged once.
pub async fn purge_items(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Purged<ItemFields>>> {
    let rows = sqlx::query!(
        "delete from checklist_items i using phases p
         where p.id = i.phase_id
           and i.id in (select id from checklist_items where deleted_at < $1 for update skip locked)
         returning i.id, p.plan_id, i.title, i.group_label, i.due_day, i.required, i.assignee_id,
                   i.evidence_url",
        purge_cutoff(now) as DateTime<Utc>,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Purged {
            id: row.id,
            plan_id: row.plan_id,
            fields: ItemFields {
                title: row.title,
                group: row.group_label,
                due_day: row.due_day,
                required: row.required,
                assignee_id: row.assignee_id,
                evidence_url: row.evidence_url,
            },
        })
        .collect())
}

/// A communication action in the trash, with its team and who put it there.
#[derive(Clone, Debug)]
pub struct TrashedAction {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub team_id: Uuid,
    pub team_name: String,
    pub channel: Channel,
    pub title: String,
    pub day: i32,
    pub state: ActionState,
    pub deleted_at: DateTime<Utc>,
    pub deleted_by_name: Option<String>,
}

impl TrashedAction {
    /// Its details as the activity records them.
    pub fn fields(&self) -> ActionFields {
        ActionFields {
            title: self.title.clone(),
            channel: self.channel,
            day: self.day,
            state: self.state,
        }
    }
}

/// A checked query for actions in the trash since `$1` or later, then `$tail`.
macro_rules! select_trashed_actions {
    ($tail:literal, $($arg:expr),*) => {
        sqlx::query_as!(
            TrashedAction,
            r#"select c.id, c.plan_id, c.team_id, t.name as team_name,
                      c.channel as "channel: Channel", c.title, c.day, c.state as "state: ActionState",
                      c.deleted_at as "deleted_at!: DateTime<Utc>", u.display_name as "deleted_by_name?"
               from communication_actions c
               join teams t on t.id = c.team_id
               left join users u on u.id = c.deleted_by
               where c.deleted_at >= $1 "# + $tail,
            $($arg),*
        )
    };
}

/// The plan's actions in the trash and not yet due for purging, the latest first.
pub async fn actions(
    pool: &PgPool,
    plan_id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<TrashedAction>> {
    select_trashed_actions!(
        "and c.plan_id = $2 order by c.deleted_at desc, c.id",
        purge_cutoff(now) as DateTime<Utc>,
        plan_id
    )
    .fetch_all(pool)
    .await
}

/// One action in the trash, not yet due for purging.
pub async fn find_action(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<Option<TrashedAction>> {
    select_trashed_actions!("and c.id = $2", purge_cutoff(now) as DateTime<Utc>, id)
        .fetch_optional(conn)
        .await
}

/// Puts an action in the trash if it is still at `version`; its details as
/// they were, or none when someone changed (or deleted) it first.
pub async fn trash_action(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    actor: Uuid,
) -> sqlx::Result<Option<ActionFields>> {
    let row = sqlx::query!(
        r#"update communication_actions set deleted_at = now(), deleted_by = $3, version = version + 1
           where id = $1 and version = $2 and deleted_at is null
           returning title, channel as "channel: Channel", day, state as "state: ActionState""#,
        id,
        version,
        actor,
    )
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|row| ActionFields {
        title: row.title,
        channel: row.channel,
        day: row.day,
        state: row.state,
    }))
}

/// Takes an action out of the trash: `false` when it is no longer there.
pub async fn restore_action(
    conn: &mut PgConnection,
    id: Uuid,
    now: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let restored = sqlx::query!(
        "update communication_actions set deleted_at = null, deleted_by = null, version = version + 1
         where id = $1 and deleted_at >= $2",
        id,
        purge_cutoff(now) as DateTime<Utc>,
    )
    .execute(conn)
    .await?;
    Ok(restored.rows_affected() == 1)
}

/// Deletes for good the actions due for purging at `now`, as [`purge_items`] does.
pub async fn purge_actions(
    conn: &mut PgConnection,
    now: DateTime<Utc>,
) -> sqlx::Result<Vec<Purged<ActionFields>>> {
    let rows = sqlx::query!(
        r#"delete from communication_actions
           where id in (select id from communication_actions where deleted_at < $1 for update skip locked)
           returning id, plan_id, title, channel as "channel: Channel", day, state as "state: ActionState""#,
        purge_cutoff(now) as DateTime<Utc>,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Purged {
            id: row.id,
            plan_id: row.plan_id,
            fields: ActionFields {
                title: row.title,
                channel: row.channel,
                day: row.day,
                state: row.state,
            },
        })
        .collect())
}
