//! The activity events: written in the same transaction as the change they record.

use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

/// A change of state, as the audit trail and the activity feed show it.
#[derive(Debug)]
pub struct NewEvent<'a> {
    pub plan_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    /// `subject.verb`, e.g. `item.state_changed`.
    pub kind: &'a str,
    pub subject_type: &'a str,
    pub subject_id: Option<Uuid>,
    pub before: Option<Value>,
    pub after: Option<Value>,
}

/// Records `event` on the caller's connection, inside its transaction, and
/// announces its id to every instance (PostgreSQL delivers the NOTIFY only
/// when the transaction commits).
pub async fn record(conn: &mut PgConnection, event: NewEvent<'_>) -> sqlx::Result<i64> {
    let id: i64 = sqlx::query_scalar(
        "insert into activity_events (plan_id, actor_id, kind, subject_type, subject_id, before, after)
         values ($1, $2, $3, $4, $5, $6, $7)
         returning id",
    )
    .bind(event.plan_id)
    .bind(event.actor_id)
    .bind(event.kind)
    .bind(event.subject_type)
    .bind(event.subject_id)
    .bind(event.before)
    .bind(event.after)
    .fetch_one(&mut *conn)
    .await?;
    sqlx::query("select pg_notify($1, $2)")
        .bind(crate::live::CHANNEL)
        .bind(id.to_string())
        .execute(conn)
        .await?;
    Ok(id)
}

/// An event as the activity feed and the histories show it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Event {
    pub id: i64,
    pub kind: String,
    pub actor_name: Option<String>,
    pub subject_type: String,
    pub subject_id: Option<Uuid>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub created_at: chrono::DateTime<chrono::Utc>,
}

const SELECT_EVENTS: &str = "
    select e.id, e.kind, u.display_name as actor_name, e.subject_type, e.subject_id,
           e.before, e.after, e.created_at
    from activity_events e left join users u on u.id = e.actor_id";

/// Everything that happened to one subject, newest first.
pub async fn history(
    pool: &sqlx::PgPool,
    subject_type: &str,
    subject_id: Uuid,
) -> sqlx::Result<Vec<Event>> {
    sqlx::query_as(&format!(
        "{SELECT_EVENTS} where e.subject_type = $1 and e.subject_id = $2 order by e.id desc limit 200"
    ))
    .bind(subject_type)
    .bind(subject_id)
    .fetch_all(pool)
    .await
}

/// Which events a feed shows.
#[derive(Clone, Debug, Default)]
pub struct FeedFilter {
    /// Only events about this kind of subject (`item`, `communication`...).
    pub subject_type: Option<String>,
    /// Only events by this person.
    pub actor_id: Option<Uuid>,
    /// Only events by members of this team.
    pub team_id: Option<Uuid>,
    /// Whether account events (sign-ins, role changes) are shown: admins only.
    pub include_accounts: bool,
}

/// A page of the feed: up to `limit` events older than `before` (all when `None`), newest first.
pub async fn feed(
    pool: &sqlx::PgPool,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<Event>> {
    filtered_feed(
        pool,
        &FeedFilter {
            include_accounts: true,
            ..FeedFilter::default()
        },
        before,
        limit,
    )
    .await
}

/// A page of the feed through `filter`, newest first.
pub async fn filtered_feed(
    pool: &sqlx::PgPool,
    filter: &FeedFilter,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<Event>> {
    sqlx::query_as(&format!(
        "{SELECT_EVENTS}
         where ($1::bigint is null or e.id < $1)
           and ($3::text is null or e.subject_type = $3)
           and ($4::uuid is null or e.actor_id = $4)
           and ($5::uuid is null or u.team_id = $5)
           and ($6 or e.subject_type <> 'user')
         order by e.id desc limit $2"
    ))
    .bind(before)
    .bind(limit)
    .bind(&filter.subject_type)
    .bind(filter.actor_id)
    .bind(filter.team_id)
    .bind(filter.include_accounts)
    .fetch_all(pool)
    .await
}
