//! Feedback: sent by the public or entered by support, then triaged. The
//! list and its filters are in `feedback_list`, tags in `feedback_tags`, the
//! internal notes in `comments`, the choices the triage form offers in
//! `feedback_choices`.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::account::Email;
use crate::domain::feedback::{Category, Message, Rating, Status};
use crate::domain::lang::Lang;

/// A piece of feedback to store.
#[derive(Debug)]
pub struct NewFeedback<'a> {
    pub plan_id: Uuid,
    pub message: &'a Message,
    pub category: Category,
    pub rating: Rating,
    pub email: Option<&'a Email>,
    pub locale: Lang,
    /// Entered by someone who triages feedback rather than by the public.
    pub by_support: bool,
    pub created_by: Option<Uuid>,
}

/// Stores `feedback`; returns its id.
pub async fn insert(conn: &mut PgConnection, feedback: NewFeedback<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into feedback (plan_id, message, category, rating, email, locale, source, created_by)
         values ($1, $2, $3, $4, $5, $6, $7, $8)
         returning id",
        feedback.plan_id,
        feedback.message.as_str(),
        feedback.category as Category,
        feedback.rating.value(),
        feedback.email.map(Email::as_str),
        feedback.locale.code(),
        if feedback.by_support { "support" } else { "public" },
        feedback.created_by,
    )
    .fetch_one(conn)
    .await
}

/// One piece of feedback, as its page shows it.
#[derive(Clone, Debug)]
pub struct Entry {
    pub id: Uuid,
    pub plan_id: Uuid,
    pub message: String,
    pub category: Category,
    pub rating: i16,
    pub email: Option<String>,
    pub locale: String,
    pub by_support: bool,
    pub created_at: DateTime<Utc>,
    pub status: Status,
    pub assignee_id: Option<Uuid>,
    pub assignee_name: Option<String>,
    pub merged_into_id: Option<Uuid>,
    pub duplicate_count: i32,
    pub risk_id: Option<Uuid>,
    pub risk_title: Option<String>,
    /// The linked item; none while it is in the trash.
    pub item_id: Option<Uuid>,
    pub item_title: Option<String>,
    pub version: i32,
}

/// The checked query of the entry `$id`, followed by `$tail`: a macro
/// because a checked query's text must be whole string literals.
macro_rules! select_entry {
    ($id:expr $(, $tail:literal)?) => {
        sqlx::query_as!(
            Entry,
            r#"select f.id, f.plan_id, f.message, f.category as "category: Category", f.rating,
                      f.email, f.locale, f.source = 'support' as "by_support!",
                      f.created_at as "created_at: DateTime<Utc>",
                      f.status as "status: Status", f.assignee_id,
                      u.display_name as "assignee_name?", f.merged_into_id, f.duplicate_count,
                      f.risk_id, r.title as "risk_title?", i.id as "item_id?", i.title as "item_title?",
                      f.version
               from feedback f
               left join users u on u.id = f.assignee_id
               left join risks r on r.id = f.risk_id
               left join checklist_items i on i.id = f.item_id and i.deleted_at is null
               where f.id = $1"# $(+ $tail)?,
            $id
        )
    };
}

/// One piece of feedback.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Entry>> {
    select_entry!(id).fetch_optional(conn).await
}

/// One piece of feedback, its row locked until the transaction ends.
pub async fn lock(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Entry>> {
    select_entry!(id, " for update of f")
        .fetch_optional(conn)
        .await
}

/// What the triage form sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Triage {
    pub status: Status,
    pub assignee_id: Option<Uuid>,
    pub risk_id: Option<Uuid>,
    pub item_id: Option<Uuid>,
}

impl Entry {
    /// What the triage form shows for it now.
    pub fn triage(&self) -> Triage {
        Triage {
            status: self.status,
            assignee_id: self.assignee_id,
            risk_id: self.risk_id,
            item_id: self.item_id,
        }
    }
}

/// Applies `triage` if the entry is still at `version`; `false` when someone
/// changed it first. A link to an item in the trash, which the form cannot
/// show, stays unless the form links another item: it comes back with the item.
pub async fn update_triage(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    triage: Triage,
) -> sqlx::Result<bool> {
    let updated = sqlx::query!(
        "update feedback set status = $3, assignee_id = $4, risk_id = $5,
                             item_id = coalesce($6, (select t.id from checklist_items t
                                                     where t.id = feedback.item_id and t.deleted_at is not null)),
                             version = version + 1
         where id = $1 and version = $2",
        id,
        version,
        triage.status as Status,
        triage.assignee_id,
        triage.risk_id,
        triage.item_id,
    )
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Merges `duplicate` into `original`, both locked by the caller: the
/// duplicate keeps a link to the original, which takes over its count (one
/// for the duplicate itself, plus those merged into it before), and the
/// entries merged into the duplicate now point at the original, so that a
/// link never leads to another merged entry.
pub async fn merge(
    conn: &mut PgConnection,
    duplicate: &Entry,
    original: &Entry,
) -> sqlx::Result<()> {
    sqlx::query!(
        "update feedback set merged_into_id = $2 where merged_into_id = $1",
        duplicate.id,
        original.id,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update feedback set merged_into_id = $2, duplicate_count = 0, version = version + 1
         where id = $1",
        duplicate.id,
        original.id,
    )
    .execute(&mut *conn)
    .await?;
    sqlx::query!(
        "update feedback set duplicate_count = duplicate_count + $2, version = version + 1
         where id = $1",
        original.id,
        1 + duplicate.duplicate_count,
    )
    .execute(conn)
    .await
    .map(drop)
}

/// An entry merged into another, as the original's page lists it.
#[derive(Debug)]
pub struct Duplicate {
    pub id: Uuid,
    pub message: String,
    pub created_at: DateTime<Utc>,
}

/// The entries merged into `id`, oldest first.
pub async fn duplicates_of(pool: &PgPool, id: Uuid) -> sqlx::Result<Vec<Duplicate>> {
    sqlx::query_as!(
        Duplicate,
        r#"select id, message, created_at as "created_at: DateTime<Utc>"
         from feedback where merged_into_id = $1
         order by created_at, id"#,
        id,
    )
    .fetch_all(pool)
    .await
}
