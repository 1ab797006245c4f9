//! Webhooks and their deliveries: made by admins, queued by the fan-out
//! with the changes they receive, taken by the webhook worker of any
//! instance.

use chrono::{DateTime, Utc};
use serde_json::Value;
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::events::{Event, event_of};
use crate::domain::lang::Lang;

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
    /// The language of a chat message.
    pub lang: Lang,
    /// The change's kind as stored, sent even when this version cannot
    /// read the change.
    pub kind: String,
    pub subject_type: String,
    pub subject_id: Option<Uuid>,
    /// The change's columns as stored, sent as they are.
    pub before: Option<Value>,
    pub after: Option<Value>,
    pub event: Event,
}

/// Takes up to `limit` deliveries due, oldest first, locked until the
/// caller's transaction ends; those another instance is sending are
/// skipped, and so are those of disabled webhooks.
pub async fn take_due(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<Due>> {
    let rows = sqlx::query!(
        r#"select d.id, d.attempts, w.id as webhook_id, w.url, w.format, w.secret,
                  w.lang as "lang: Lang", e.id as event_id, e.kind as event_kind,
                  e.subject_type, a.display_name as "actor_name?",
                  s.display_name as "subject_name?", e.subject_id, e.before, e.after,
                  e.created_at as "created_at: DateTime<Utc>"
           from webhook_deliveries d
           join webhooks w on w.id = d.webhook_id
           join activity_events e on e.id = d.event_id
           left join users a on a.id = e.actor_id
           left join users s on e.subject_type = 'user' and s.id = e.subject_id
           where d.delivered_at is null and d.next_attempt_at <= now() and w.disabled_at is null
           order by d.id limit $1
           for update of d skip locked"#,
        limit,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Due {
            id: row.id,
            attempts: row.attempts,
            webhook_id: row.webhook_id,
            url: row.url.clone(),
            format: row.format.clone(),
            secret: row.secret.clone(),
            lang: row.lang,
            kind: row.event_kind.clone(),
            subject_type: row.subject_type.clone(),
            subject_id: row.subject_id,
            before: row.before.clone(),
            after: row.after.clone(),
            event: event_of!(row),
        })
        .collect())
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
/// disabled at its [`DISABLED_AFTER`]th failure in a row. Its failures in a
/// row, and whether this one disabled it.
pub async fn failed(
    conn: &mut PgConnection,
    due: &Due,
    attempt: &Attempt<'_>,
    wait: std::time::Duration,
) -> sqlx::Result<(i32, bool)> {
    let wait_ms = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
    let row = sqlx::query!(
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
           returning failures, disabled_at is not null and failures = $7 as "disabled_now!""#,
        due.id,
        attempt.status.map(i32::from),
        attempt.duration_ms,
        attempt.excerpt,
        wait_ms,
        due.webhook_id,
        DISABLED_AFTER,
    )
    .fetch_one(conn)
    .await?;
    Ok((row.failures, row.disabled_now))
}

/// A new webhook.
#[derive(Debug)]
pub struct NewWebhook<'a> {
    pub url: &'a str,
    pub kinds: &'a [&'a str],
    pub format: &'a str,
    pub secret: &'a str,
    pub lang: Lang,
    pub created_by: Uuid,
}

/// Stores `webhook`; its id.
pub async fn create(conn: &mut PgConnection, webhook: &NewWebhook<'_>) -> sqlx::Result<Uuid> {
    sqlx::query_scalar!(
        "insert into webhooks (url, kinds, format, secret, lang, created_by)
         values ($1, $2, $3, $4, $5, $6) returning id",
        webhook.url,
        webhook.kinds as &[&str],
        webhook.format,
        webhook.secret,
        webhook.lang as Lang,
        webhook.created_by,
    )
    .fetch_one(conn)
    .await
}

/// A webhook as the admin pages show it.
#[derive(Debug)]
pub struct Webhook {
    pub id: Uuid,
    pub url: String,
    pub kinds: Vec<String>,
    pub format: String,
    pub failures: i32,
    pub disabled_at: Option<DateTime<Utc>>,
    pub created_at: DateTime<Utc>,
    /// When a change was last delivered to it.
    pub last_delivered_at: Option<DateTime<Utc>>,
}

/// Every webhook, oldest first.
pub async fn list(conn: &mut PgConnection) -> sqlx::Result<Vec<Webhook>> {
    sqlx::query_as!(
        Webhook,
        r#"select w.id, w.url, w.kinds, w.format, w.failures,
                  w.disabled_at as "disabled_at: DateTime<Utc>",
                  w.created_at as "created_at: DateTime<Utc>",
                  (select max(d.delivered_at) from webhook_deliveries d where d.webhook_id = w.id)
                      as "last_delivered_at: DateTime<Utc>"
           from webhooks w order by w.created_at, w.id"#,
    )
    .fetch_all(conn)
    .await
}

/// Webhook `id`, locked until the caller's transaction ends.
pub async fn find(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<Option<Webhook>> {
    sqlx::query_as!(
        Webhook,
        r#"select w.id, w.url, w.kinds, w.format, w.failures,
                  w.disabled_at as "disabled_at: DateTime<Utc>",
                  w.created_at as "created_at: DateTime<Utc>",
                  (select max(d.delivered_at) from webhook_deliveries d where d.webhook_id = w.id)
                      as "last_delivered_at: DateTime<Utc>"
           from webhooks w where w.id = $1 for update"#,
        id,
    )
    .fetch_optional(conn)
    .await
}

/// A line of a webhook's delivery log.
#[derive(Debug)]
pub struct Delivery {
    pub id: i64,
    pub kind: String,
    pub attempts: i32,
    pub created_at: DateTime<Utc>,
    pub next_attempt_at: DateTime<Utc>,
    pub delivered_at: Option<DateTime<Utc>>,
    pub last_status: Option<i32>,
    pub last_duration_ms: Option<i32>,
    pub last_response: Option<String>,
}

/// The latest `limit` deliveries of webhook `id`, the newest change first.
/// Taken by the webhook's own index before the changes are joined: ordered
/// by the delivery's id, PostgreSQL walked the primary key back through
/// every later delivery of the other webhooks.
pub async fn deliveries(
    conn: &mut PgConnection,
    id: Uuid,
    limit: i64,
) -> sqlx::Result<Vec<Delivery>> {
    sqlx::query_as!(
        Delivery,
        r#"select d.id, e.kind, d.attempts, d.created_at as "created_at: DateTime<Utc>",
                  d.next_attempt_at as "next_attempt_at: DateTime<Utc>",
                  d.delivered_at as "delivered_at: DateTime<Utc>",
                  d.last_status, d.last_duration_ms, d.last_response
           from (select * from webhook_deliveries where webhook_id = $1
                 order by event_id desc limit $2) d
           join activity_events e on e.id = d.event_id
           order by d.event_id desc"#,
        id,
        limit,
    )
    .fetch_all(conn)
    .await
}

/// Queues delivery `delivery` of webhook `id` to be sent again now, from a
/// first attempt; its change's event, if it is one of that webhook's.
pub async fn redeliver(
    conn: &mut PgConnection,
    id: Uuid,
    delivery: i64,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar!(
        "update webhook_deliveries
         set delivered_at = null, attempts = 0, next_attempt_at = now()
         where id = $1 and webhook_id = $2
         returning event_id",
        delivery,
        id,
    )
    .fetch_optional(conn)
    .await
}

/// Sends to webhook `id` again, from no failure.
pub async fn enable(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!(
        "update webhooks set disabled_at = null, failures = 0 where id = $1",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Deletes webhook `id` and its delivery log.
pub async fn delete(conn: &mut PgConnection, id: Uuid) -> sqlx::Result<()> {
    sqlx::query!("delete from webhooks where id = $1", id)
        .execute(conn)
        .await?;
    Ok(())
}
