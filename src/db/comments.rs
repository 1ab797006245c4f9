//! Comments on items, risks, communication actions and feedback (its
//! internal notes), and the users they mention.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::change::Commentable;
use crate::domain::comment::CommentBody;

/// What a comment is on, as its events name it.
#[derive(Clone, Debug)]
pub struct Target {
    pub plan_id: Uuid,
    /// Its title; empty for feedback, which has none to show.
    pub title: String,
}

/// A user of a plan, who may be mentioned.
#[derive(Clone, Debug)]
pub struct Person {
    pub id: Uuid,
    pub name: String,
    pub email: String,
}

/// A comment as its thread shows it.
#[derive(Debug)]
pub struct Comment {
    pub id: Uuid,
    pub author_id: Option<Uuid>,
    pub author_name: Option<String>,
    pub body: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub edited_at: Option<DateTime<Utc>>,
    /// The users it mentioned when written.
    pub mentioned: Vec<Person>,
}

/// A comment as its edit and delete forms need it.
#[derive(Debug)]
pub struct Stored {
    pub id: Uuid,
    pub on: Commentable,
    pub plan_id: Uuid,
    pub author_id: Option<Uuid>,
    pub body: String,
    pub version: i32,
    pub created_at: DateTime<Utc>,
    pub mentions: Vec<Uuid>,
}

/// A comment that mentioned someone, as their `/my` lists it.
#[derive(Debug)]
pub struct Mention {
    pub comment_id: Uuid,
    pub on: Commentable,
    pub author_name: Option<String>,
    /// The title of what it is on; none for feedback.
    pub title: Option<String>,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

/// The subject columns of a comment: one of them set.
fn columns(on: Commentable) -> [Option<Uuid>; 4] {
    match on {
        Commentable::Item(id) => [Some(id), None, None, None],
        Commentable::Risk(id) => [None, Some(id), None, None],
        Commentable::Communication(id) => [None, None, Some(id), None],
        Commentable::Feedback(id) => [None, None, None, Some(id)],
    }
}

/// What a row's subject columns name; the table's check keeps exactly one set.
fn commentable(
    item: Option<Uuid>,
    risk: Option<Uuid>,
    action: Option<Uuid>,
    feedback: Option<Uuid>,
) -> sqlx::Result<Commentable> {
    item.map(Commentable::Item)
        .or(risk.map(Commentable::Risk))
        .or(action.map(Commentable::Communication))
        .or(feedback.map(Commentable::Feedback))
        .ok_or_else(|| sqlx::Error::ColumnDecode {
            index: "item_id".into(),
            source: "a comment on nothing".into(),
        })
}

/// The plan and title of what `on` names, if it exists (and is not in the trash).
pub async fn target(conn: &mut PgConnection, on: Commentable) -> sqlx::Result<Option<Target>> {
    match on {
        Commentable::Item(id) => {
            sqlx::query_as!(
                Target,
                "select p.plan_id, i.title from checklist_items i join phases p on p.id = i.phase_id
                 where i.id = $1 and i.deleted_at is null",
                id,
            )
            .fetch_optional(conn)
            .await
        }
        Commentable::Risk(id) => {
            sqlx::query_as!(Target, "select plan_id, title from risks where id = $1", id)
                .fetch_optional(conn)
                .await
        }
        Commentable::Communication(id) => sqlx::query_as!(
            Target,
            "select plan_id, title from communication_actions where id = $1 and deleted_at is null",
            id,
        )
        .fetch_optional(conn)
        .await,
        Commentable::Feedback(id) => {
            sqlx::query_as!(
                Target,
                r#"select plan_id, '' as "title!" from feedback where id = $1"#,
                id
            )
            .fetch_optional(conn)
            .await
        }
    }
}

/// The users of a plan, who may be mentioned: enabled, and admins or members
/// of one of its teams; by name.
pub async fn people(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<Person>> {
    sqlx::query_as!(
        Person,
        r#"select u.id, u.display_name as name, u.email
           from users u left join teams t on t.id = u.team_id
           where u.disabled_at is null and (u.role = 'admin' or t.plan_id = $1)
           order by lower(u.display_name), u.id"#,
        plan_id,
    )
    .fetch_all(pool)
    .await
}

/// The comments on `on`, oldest first (they read as a conversation), with
/// their authors and the users they mention.
pub async fn list(pool: &PgPool, on: Commentable) -> sqlx::Result<Vec<Comment>> {
    let [item, risk, action, feedback] = columns(on);
    let rows = sqlx::query!(
        r#"select c.id, c.author_id, u.display_name as "author_name?", c.body, c.version,
                  c.created_at as "created_at: DateTime<Utc>",
                  c.edited_at as "edited_at: DateTime<Utc>",
                  array(select m.id from comment_mentions cm join users m on m.id = cm.user_id
                        where cm.comment_id = c.id order by m.id) as "mention_ids!",
                  array(select m.display_name from comment_mentions cm join users m on m.id = cm.user_id
                        where cm.comment_id = c.id order by m.id) as "mention_names!",
                  array(select m.email from comment_mentions cm join users m on m.id = cm.user_id
                        where cm.comment_id = c.id order by m.id) as "mention_emails!"
           from comments c left join users u on u.id = c.author_id
           where c.item_id = $1 or c.risk_id = $2 or c.action_id = $3 or c.feedback_id = $4
           order by c.created_at, c.id"#,
        item,
        risk,
        action,
        feedback,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Comment {
            id: row.id,
            author_id: row.author_id,
            author_name: row.author_name,
            body: row.body,
            version: row.version,
            created_at: row.created_at,
            edited_at: row.edited_at,
            mentioned: row
                .mention_ids
                .into_iter()
                .zip(row.mention_names)
                .zip(row.mention_emails)
                .map(|((id, name), email)| Person { id, name, email })
                .collect(),
        })
        .collect())
}

struct StoredRow {
    id: Uuid,
    item_id: Option<Uuid>,
    risk_id: Option<Uuid>,
    action_id: Option<Uuid>,
    feedback_id: Option<Uuid>,
    plan_id: Uuid,
    author_id: Option<Uuid>,
    body: String,
    version: i32,
    created_at: DateTime<Utc>,
    mentions: Vec<Uuid>,
}

impl TryFrom<StoredRow> for Stored {
    type Error = sqlx::Error;

    fn try_from(row: StoredRow) -> sqlx::Result<Stored> {
        Ok(Stored {
            id: row.id,
            on: commentable(row.item_id, row.risk_id, row.action_id, row.feedback_id)?,
            plan_id: row.plan_id,
            author_id: row.author_id,
            body: row.body,
            version: row.version,
            created_at: row.created_at,
            mentions: row.mentions,
        })
    }
}

/// A checked query for a stored comment, then `$tail`. A macro: sqlx's
/// macros check only literals.
macro_rules! select_stored {
    ($tail:tt, $id:expr) => {
        sqlx::query_as!(
            StoredRow,
            r#"select c.id, c.item_id, c.risk_id, c.action_id, c.feedback_id, c.plan_id,
                      c.author_id, c.body, c.version, c.created_at as "created_at: DateTime<Utc>",
                      array(select user_id from comment_mentions where comment_id = c.id
                            order by user_id) as "mentions!"
               from comments c where c.id = $1 "# + $tail,
            $id
        )
    };
}

/// A comment.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Stored>> {
    let row = select_stored!("", id).fetch_optional(conn).await?;
    row.map(Stored::try_from).transpose()
}

/// A comment, locked until the transaction ends.
pub async fn lock(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Stored>> {
    let row = select_stored!("for update", id)
        .fetch_optional(conn)
        .await?;
    row.map(Stored::try_from).transpose()
}

async fn mention(conn: &mut PgConnection, comment_id: Uuid, users: &[Uuid]) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into comment_mentions (comment_id, user_id)
         select $1, unnest($2::uuid[]) on conflict do nothing",
        comment_id,
        users,
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Adds a comment on `on` in `plan_id`, mentioning `mentions`; returns its id.
pub async fn add(
    conn: &mut PgConnection,
    plan_id: Uuid,
    on: Commentable,
    author_id: Uuid,
    body: &CommentBody,
    mentions: &[Uuid],
) -> sqlx::Result<Uuid> {
    let [item, risk, action, feedback] = columns(on);
    let id = sqlx::query_scalar!(
        "insert into comments (plan_id, item_id, risk_id, action_id, feedback_id, author_id, body)
         values ($1, $2, $3, $4, $5, $6, $7) returning id",
        plan_id,
        item,
        risk,
        action,
        feedback,
        author_id,
        body.as_str(),
    )
    .fetch_one(&mut *conn)
    .await?;
    mention(conn, id, mentions).await?;
    Ok(id)
}

/// Rewrites a comment and whom it mentions, if it is still at `version`;
/// `false` when someone changed it first.
pub async fn edit(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    body: &CommentBody,
    mentions: &[Uuid],
) -> sqlx::Result<bool> {
    let edited = sqlx::query!(
        "update comments set body = $3, version = version + 1, edited_at = now()
         where id = $1 and version = $2",
        id,
        version,
        body.as_str(),
    )
    .execute(&mut *conn)
    .await?;
    if edited.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query!("delete from comment_mentions where comment_id = $1", id)
        .execute(&mut *conn)
        .await?;
    mention(conn, id, mentions).await?;
    Ok(true)
}

/// Deletes a comment, its mentions with it.
pub async fn delete(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!("delete from comments where id = $1", id)
        .execute(conn)
        .await
        .map(drop)
}

/// The latest comments that mention `user_id`, newest first, leaving out
/// those on items and actions in the trash.
pub async fn mentions_of(pool: &PgPool, user_id: Uuid, limit: i64) -> sqlx::Result<Vec<Mention>> {
    let rows = sqlx::query!(
        r#"select c.id, c.item_id, c.risk_id, c.action_id, c.feedback_id,
                  u.display_name as "author_name?", coalesce(i.title, r.title, a.title) as title,
                  c.body, c.created_at as "created_at: DateTime<Utc>"
           from comment_mentions m
           join comments c on c.id = m.comment_id
           left join users u on u.id = c.author_id
           left join checklist_items i on i.id = c.item_id
           left join risks r on r.id = c.risk_id
           left join communication_actions a on a.id = c.action_id
           where m.user_id = $1 and i.deleted_at is null and a.deleted_at is null
           order by c.created_at desc, c.id desc
           limit $2"#,
        user_id,
        limit,
    )
    .fetch_all(pool)
    .await?;
    rows.into_iter()
        .map(|row| {
            Ok(Mention {
                comment_id: row.id,
                on: commentable(row.item_id, row.risk_id, row.action_id, row.feedback_id)?,
                author_name: row.author_name,
                title: row.title,
                body: row.body,
                created_at: row.created_at,
            })
        })
        .collect()
}
