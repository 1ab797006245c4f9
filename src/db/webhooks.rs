//! Webhooks and their deliveries: queued by the fan-out with the changes
//! they receive, taken by the webhook worker of any instance.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

/// Consecutive failed deliveries after which a webhook is disabled.
pub const DISABLED_AFTER: i32 = 10;

/// Queues, for every enabled webhook that receives its kind, each of these
/// changes (`(event id, kind)`), in one statement.
pub async fn queue(conn: &mut PgConnection, changes: &[(i64, &str)]) -> sqlx::Result<()> {
    let ids: Vec<i64> = changes.iter().map(|(id, _)| *id).collect();
    let kinds: Vec<&str> = changes.iter().map(|(_, kind)| *kind).collect();
    sqlx::query!(
        "insert into webhook_deliveries (webhook_id, event_id)
         select w.id, c.id from webhooks w
         join unnest($1::bigint[], $2::text[]) as c (id, kind) on c.kind = any(w.kinds)
         where w.disabled_at is null
         on conflict do nothing",
        &ids,
        &kinds as &[&str],
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A delivery due, with its webhook and its change.
#[derive(Debug)]
pub struct Due {
    pub id: i64,
    pub attempts: i32,
    pub webhook_id: Uuid,
    pub url: String,
    pub format: String,
    pub secret: String,
    pub event_id: i64,
    pub kind: String,
    pub subject_type: Option<String>,
    pub subject_id: Option<Uuid>,
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub created_at: DateTime<Utc>,
}

/// Takes up to `limit` deliveries due, oldest first, locked until the
/// caller's transaction ends; those another instance is sending are
/// skipped, and so are those of disabled webhooks.
pub async fn take_due(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<Due>> {
    sqlx::query_as!(
        Due,
        r#"select d.id, d.attempts, w.id as webhook_id, w.url, w.format, w.secret,
                  e.id as event_id, e.kind, e.subject_type as "subject_type?", e.subject_id,
                  e.before, e.after, e.created_at as "created_at: DateTime<Utc>"
           from webhook_deliveries d
           join webhooks w on w.id = d.webhook_id
           join activity_events e on e.id = d.event_id
           where d.delivered_at is null and d.next_attempt_at <= now() and w.disabled_at is null
           order by d.id limit $1
           for update of d skip locked"#,
        limit,
    )
    .fetch_all(conn)
    .await
}

/// What one attempt came to.
#[derive(Debug)]
pub struct Attempt<'a> {
    pub status: Option<u16>,
    pub duration_ms: i32,
    /// The start of the answer, or of the error.
    pub excerpt: &'a str,
}

/// Records a delivery answered with a 2xx: done, and its webhook's count
/// of failures in a row back to none.
pub async fn delivered(
    conn: &mut PgConnection,
    due: &Due,
    attempt: &Attempt<'_>,
) -> sqlx::Result<()> {
    sqlx::query!(
        "with done as (
             update webhook_deliveries
             set delivered_at = now(), attempts = attempts + 1, last_status = $2,
                 last_duration_ms = $3, last_response = left($4, 200)
             where id = $1
         )
         update webhooks set failures = 0 where id = $5",
        due.id,
        attempt.status.map(i32::from),
        attempt.duration_ms,
        attempt.excerpt,
        due.webhook_id,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Records a failed attempt, the next one after `wait`; the webhook is
/// disabled at its [`DISABLED_AFTER`]th failure in a row. Whether it was.
pub async fn failed(
    conn: &mut PgConnection,
    due: &Due,
    attempt: &Attempt<'_>,
    wait: std::time::Duration,
) -> sqlx::Result<bool> {
    let wait_ms = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
    sqlx::query_scalar!(
        r#"with tried as (
               update webhook_deliveries
               set attempts = attempts + 1, last_status = $2, last_duration_ms = $3,
                   last_response = left($4, 200),
                   next_attempt_at = now() + make_interval(secs => $5::bigint / 1000.0)
               where id = $1
           )
           update webhooks
           set failures = failures + 1,
               disabled_at = case when failures + 1 >= $7 then coalesce(disabled_at, now()) end
           where id = $6
           returning disabled_at is not null as "disabled!""#,
        due.id,
        attempt.status.map(i32::from),
        attempt.duration_ms,
        attempt.excerpt,
        wait_ms,
        due.webhook_id,
        DISABLED_AFTER,
    )
    .fetch_one(conn)
    .await
}
