//! E-mails waiting to go out: queued with the notifications they carry, in
//! the fan-out's transaction, and taken by the mail worker of any instance.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgConnection;
use uuid::Uuid;

use crate::db::events::{Event, event_of};
use crate::domain::account::AccountLink;
use crate::domain::lang::Lang;
use crate::domain::notification::NotificationKind;

/// Queues an e-mail for each of `notifications` whose reader wants that
/// kind e-mailed at once (the default).
pub async fn queue(conn: &mut PgConnection, notifications: &[i64]) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into deliveries (notification_id)
         select n.id from notifications n
         left join notification_choices c on c.user_id = n.user_id and c.kind = n.kind
         where n.id = any($1) and coalesce(c.delivery, 'email') = 'email'
         order by n.id",
        notifications,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// An e-mail due, with what it tells and to whom.
#[derive(Debug)]
pub struct Due {
    pub id: i64,
    /// Failed attempts so far.
    pub attempts: i32,
    pub kind: NotificationKind,
    pub email: String,
    pub name: String,
    pub lang: Lang,
    pub unsubscribe_token: Uuid,
    pub event: Event,
}

/// Takes up to `limit` e-mails due, oldest first, locked until the caller's
/// transaction ends; those another instance is sending are skipped. The
/// e-mails of disabled users wait, and a kind this version does not know
/// is left to the version that wrote it.
pub async fn take_due(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<Due>> {
    let rows = sqlx::query!(
        r#"select d.id, d.attempts, n.kind, u.email, u.display_name, u.locale as "locale: Lang",
                  u.unsubscribe_token,
                  e.id as event_id, e.kind as event_kind, a.display_name as "actor_name?",
                  s.display_name as "subject_name?", e.subject_id, e.before, e.after,
                  e.created_at as "created_at: DateTime<Utc>"
           from deliveries d
           join notifications n on n.id = d.notification_id
           join users u on u.id = n.user_id
           join activity_events e on e.id = n.event_id
           left join users a on a.id = e.actor_id
           left join users s on e.subject_type = 'user' and s.id = e.subject_id
           where d.sent_at is null and d.next_attempt_at <= now() and u.disabled_at is null
           order by d.id limit $1
           for update of d skip locked"#,
        limit,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let kind = NotificationKind::parse(&row.kind)?;
            Some(Due {
                id: row.id,
                attempts: row.attempts,
                kind,
                email: row.email,
                name: row.display_name,
                lang: row.locale.unwrap_or_default(),
                unsubscribe_token: row.unsubscribe_token,
                event: event_of!(row),
            })
        })
        .collect())
}

/// Marks e-mail `id` sent.
pub async fn sent(conn: &mut PgConnection, id: i64) -> sqlx::Result<()> {
    sqlx::query!(
        "update deliveries set sent_at = now(), last_error = null where id = $1",
        id
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Notes a failed attempt at e-mail `id`, to be tried again after `wait`.
pub async fn failed(
    conn: &mut PgConnection,
    id: i64,
    wait: std::time::Duration,
    error: &str,
) -> sqlx::Result<()> {
    let wait_ms = i64::try_from(wait.as_millis()).unwrap_or(i64::MAX);
    sqlx::query!(
        "update deliveries
         set attempts = attempts + 1, last_error = $3,
             next_attempt_at = now() + make_interval(secs => $2::bigint / 1000.0)
         where id = $1",
        id,
        wait_ms,
        error,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// Queues the e-mail of a welcome or reset link for `user_id`, asked by
/// `requested_by`.
pub async fn queue_link(
    conn: &mut PgConnection,
    user_id: Uuid,
    link: AccountLink,
    requested_by: Uuid,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into deliveries (user_id, link, requested_by) values ($1, $2, $3)",
        user_id,
        link.as_str(),
        requested_by,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A link's e-mail due.
#[derive(Debug)]
pub struct DueLink {
    pub id: i64,
    pub attempts: i32,
    pub user_id: Uuid,
    pub email: String,
    pub name: String,
    pub lang: Lang,
    pub link: AccountLink,
    pub requested_by: Option<Uuid>,
}

/// Takes up to `limit` link e-mails due, like [`take_due`].
pub async fn take_due_links(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<DueLink>> {
    let rows = sqlx::query!(
        r#"select d.id, d.attempts, u.id as user_id, u.email, u.display_name,
                  u.locale as "locale: Lang", d.link as "link!", d.requested_by
           from deliveries d join users u on u.id = d.user_id
           where d.link is not null and d.sent_at is null and d.next_attempt_at <= now()
             and u.disabled_at is null
           order by d.id limit $1
           for update of d skip locked"#,
        limit,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            Some(DueLink {
                id: row.id,
                attempts: row.attempts,
                user_id: row.user_id,
                email: row.email,
                name: row.display_name,
                lang: row.locale.unwrap_or_default(),
                link: AccountLink::parse(&row.link)?,
                requested_by: row.requested_by,
            })
        })
        .collect())
}

/// Queues the digest of `day` for every enabled user who keeps a kind of
/// notification for it; a user's digest of a day is queued once, whichever
/// instance asks first.
pub async fn queue_digests(conn: &mut PgConnection, day: NaiveDate) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into deliveries (user_id, digest_day)
         select distinct c.user_id, $1::date from notification_choices c
         join users u on u.id = c.user_id
         where c.delivery = 'digest' and u.disabled_at is null
         on conflict (user_id, digest_day) where digest_day is not null do nothing",
        day as NaiveDate,
    )
    .execute(conn)
    .await?;
    Ok(())
}

/// A digest due.
#[derive(Debug)]
pub struct DueDigest {
    pub id: i64,
    pub attempts: i32,
    pub user_id: Uuid,
    pub team_id: Option<Uuid>,
    pub email: String,
    pub name: String,
    pub lang: Lang,
    pub day: NaiveDate,
}

/// Takes up to `limit` digests due, like [`take_due`].
pub async fn take_due_digests(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<DueDigest>> {
    sqlx::query_as!(
        DueDigest,
        r#"select d.id, d.attempts, u.id as user_id, u.team_id, u.email, u.display_name as name,
                  coalesce(u.locale, 'fr') as "lang!: Lang", d.digest_day as "day!: NaiveDate"
           from deliveries d join users u on u.id = d.user_id
           where d.digest_day is not null and d.sent_at is null and d.next_attempt_at <= now()
             and u.disabled_at is null
           order by d.id limit $1
           for update of d skip locked"#,
        limit,
    )
    .fetch_all(conn)
    .await
}

/// The notifications of the kinds `user_id` keeps for the digest, written
/// in the day before `until`: what changed.
pub async fn digest_changes(
    conn: &mut PgConnection,
    user_id: Uuid,
    until: DateTime<Utc>,
) -> sqlx::Result<Vec<(NotificationKind, Event)>> {
    let rows = sqlx::query!(
        r#"select n.kind, e.id as event_id, e.kind as event_kind, a.display_name as "actor_name?",
                  s.display_name as "subject_name?", e.subject_id, e.before, e.after,
                  e.created_at as "created_at: DateTime<Utc>"
           from notifications n
           join notification_choices c
             on c.user_id = n.user_id and c.kind = n.kind and c.delivery = 'digest'
           join activity_events e on e.id = n.event_id
           left join users a on a.id = e.actor_id
           left join users s on e.subject_type = 'user' and s.id = e.subject_id
           where n.user_id = $1 and n.created_at > $2::timestamptz - interval '1 day'
             and n.created_at <= $2::timestamptz
           order by n.id"#,
        user_id,
        until as DateTime<Utc>,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| Some((NotificationKind::parse(&row.kind)?, event_of!(row))))
        .collect())
}
