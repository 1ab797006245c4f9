//! The inbox, and the queue of recorded changes still to fan out into it
//! (`fan_out`): every change is queued by the statement that records it
//! (a trigger on `activity_events`), so none is lost on the way.

use chrono::{DateTime, Utc};
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::db::events::{Event, event_of};
use crate::domain::change::{Change, Unreadable};
use crate::domain::notification::{Delivery, Notice, NotificationKind, Recipients};

/// The PostgreSQL channel on which a user whose inbox changed is named, so
/// that every instance updates the unread count of their open pages.
pub const CHANNEL: &str = "inbox";

/// Tells every instance, once the caller's transaction commits, that the
/// inboxes of `users` changed.
pub async fn announce(conn: &mut PgConnection, users: &[Uuid]) -> sqlx::Result<()> {
    if users.is_empty() {
        return Ok(());
    }
    // `pg_notify` returns `void`, which the checked macros cannot name.
    sqlx::query_scalar!(
        r#"select count(pg_notify($1, id::text)) as "count!" from unnest($2::uuid[]) as id"#,
        CHANNEL,
        users,
    )
    .fetch_one(conn)
    .await?;
    Ok(())
}

/// How many notifications of `user_id` are unread, counted up to
/// `notification::UNREAD_COUNTED` (written here in the SQL).
pub async fn unread(pool: &PgPool, user_id: Uuid) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!"
           from (select from notifications where user_id = $1 and read_at is null limit 100) unread"#,
        user_id,
    )
    .fetch_one(pool)
    .await
}

/// A recorded change waiting to be fanned out.
#[derive(Debug)]
pub struct Queued {
    pub event_id: i64,
    pub plan_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub change: Result<Change, Unreadable>,
}

/// Takes up to `limit` queued changes, oldest first, locked until the
/// caller's transaction ends; those another instance holds are skipped, so
/// two instances never fan out the same change.
pub async fn take_queued(conn: &mut PgConnection, limit: i64) -> sqlx::Result<Vec<Queued>> {
    let rows = sqlx::query!(
        // The events are looked up by id: joined, the planner may merge the
        // queue with the whole activity, read from its first change (20 ms
        // a batch after 13,000 changes, and growing with every change).
        r#"with taken as materialized (
               select event_id from outbox order by event_id limit $1 for update skip locked
           )
           select e.id as event_id, e.plan_id, e.actor_id, e.kind, e.subject_id, e.before, e.after
           from activity_events e
           where e.id = any(array(select event_id from taken))
           order by e.id"#,
        limit,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Queued {
            event_id: row.event_id,
            plan_id: row.plan_id,
            actor_id: row.actor_id,
            change: Change::from_columns(&row.kind, row.subject_id, row.before, row.after),
        })
        .collect())
}

/// A notification written, and whose.
#[derive(Clone, Copy, Debug)]
pub struct Told {
    pub id: i64,
    pub user_id: Uuid,
}

/// Writes in the inboxes of everyone each notice names what its change
/// did to them, the change's author aside: every notice of a pass in one
/// statement, whatever their number.
pub async fn notify(
    conn: &mut PgConnection,
    notices: &[(&Queued, Notice)],
) -> sqlx::Result<Vec<Told>> {
    if notices.is_empty() {
        return Ok(Vec::new());
    }
    let mut kinds = Vec::new();
    let mut events = Vec::new();
    let mut actors = Vec::new();
    let mut plans = Vec::new();
    let mut tos = Vec::new();
    let mut targets = Vec::new();
    for (queued, notice) in notices {
        let (to, target) = match notice.to {
            Recipients::User(id) => ("user", Some(id)),
            Recipients::TeamOfItem(id) => ("team_of_item", Some(id)),
            Recipients::TeamOfRisk(id) => ("team_of_risk", Some(id)),
            Recipients::Plan => ("plan", None),
            Recipients::Deciders => ("deciders", None),
            Recipients::Admins => ("admins", None),
        };
        kinds.push(notice.kind.as_str());
        events.push(queued.event_id);
        actors.push(queued.actor_id);
        plans.push(queued.plan_id);
        tos.push(to);
        targets.push(target);
    }
    sqlx::query_as!(
        Told,
        "insert into notifications (user_id, kind, event_id)
         select u.id, n.kind, n.event_id
         from unnest($1::text[], $2::bigint[], $3::uuid[], $4::uuid[], $5::text[], $6::uuid[])
              as n (kind, event_id, actor_id, plan_id, recipients, target)
         join users u on u.disabled_at is null and u.id is distinct from n.actor_id
         left join teams t on t.id = u.team_id
         where case n.recipients
                 when 'user' then u.id = n.target and (u.role = 'admin' or t.plan_id = n.plan_id)
                 when 'team_of_item' then u.team_id = (select p.team_id from checklist_items i
                                                       join phases p on p.id = i.phase_id
                                                       where i.id = n.target)
                 when 'team_of_risk' then u.team_id = (select r.owner_team_id from risks r
                                                       where r.id = n.target)
                 when 'plan' then u.role = 'admin' or t.plan_id = n.plan_id
                 when 'deciders' then u.role = 'admin' or (u.role = 'lead' and t.plan_id = n.plan_id)
                 when 'admins' then u.role = 'admin'
               end
         on conflict do nothing
         returning id, user_id",
        &kinds as &[&str],
        &events,
        &actors as &[Option<Uuid>],
        &plans as &[Option<Uuid>],
        &tos as &[&str],
        &targets as &[Option<Uuid>],
    )
    .fetch_all(conn)
    .await
}

/// Takes fanned-out changes off the queue.
pub async fn dequeue(conn: &mut PgConnection, event_ids: &[i64]) -> sqlx::Result<()> {
    sqlx::query!("delete from outbox where event_id = any($1)", event_ids)
        .execute(conn)
        .await?;
    Ok(())
}

/// A line of someone's inbox: why they are told, and the change.
#[derive(Debug)]
pub struct Notification {
    pub id: i64,
    pub kind: NotificationKind,
    pub read_at: Option<DateTime<Utc>>,
    pub event: Event,
}

/// The latest `limit` notifications of `user_id`, newest first. A kind
/// this version does not know (written by a newer one) is logged and left
/// out.
pub async fn inbox(pool: &PgPool, user_id: Uuid, limit: i64) -> sqlx::Result<Vec<Notification>> {
    let rows = sqlx::query!(
        r#"select n.id, n.kind, n.read_at as "read_at: DateTime<Utc>",
                  e.id as event_id, e.kind as event_kind, u.display_name as "actor_name?",
                  s.display_name as "subject_name?", e.subject_id, e.before, e.after,
                  e.created_at as "created_at: DateTime<Utc>"
           from notifications n
           join activity_events e on e.id = n.event_id
           left join users u on u.id = e.actor_id
           left join users s on e.subject_type = 'user' and s.id = e.subject_id
           where n.user_id = $1
           order by n.id desc limit $2"#,
        user_id,
        limit,
    )
    .fetch_all(pool)
    .await?;
    Ok(rows
        .into_iter()
        .filter_map(|row| {
            let Some(kind) = NotificationKind::parse(&row.kind) else {
                tracing::error!(
                    notification = row.id,
                    kind = row.kind,
                    "an unknown kind of notification"
                );
                return None;
            };
            let event = event_of!(row);
            Some(Notification {
                id: row.id,
                kind,
                read_at: row.read_at,
                event,
            })
        })
        .collect())
}

/// Marks `user_id`'s notification `id` read: whether it was unread, or
/// `None` when they have none of that id.
pub async fn mark_read(
    conn: &mut PgConnection,
    user_id: Uuid,
    id: i64,
) -> sqlx::Result<Option<bool>> {
    let row = sqlx::query!(
        r#"with marked as (
               update notifications set read_at = now()
               where id = $1 and user_id = $2 and read_at is null
               returning id
           )
           select exists (select 1 from marked) as "marked!",
                  exists (select 1 from notifications where id = $1 and user_id = $2) as "theirs!""#,
        id,
        user_id,
    )
    .fetch_one(conn)
    .await?;
    Ok(row.theirs.then_some(row.marked))
}

/// Marks every unread notification of `user_id` read; how many were.
pub async fn mark_all_read(conn: &mut PgConnection, user_id: Uuid) -> sqlx::Result<i64> {
    let marked = sqlx::query!(
        "update notifications set read_at = now() where user_id = $1 and read_at is null",
        user_id,
    )
    .execute(conn)
    .await?;
    Ok(i64::try_from(marked.rows_affected()).unwrap_or(i64::MAX))
}

/// How `user_id` wants to be told of each kind: what they chose, or the
/// default.
pub async fn choices(
    pool: &PgPool,
    user_id: Uuid,
) -> sqlx::Result<Vec<(NotificationKind, Delivery)>> {
    let rows = sqlx::query!(
        "select kind, delivery from notification_choices where user_id = $1",
        user_id,
    )
    .fetch_all(pool)
    .await?;
    Ok(NotificationKind::ALL
        .iter()
        .map(|kind| {
            let chosen = rows
                .iter()
                .find(|row| row.kind == kind.as_str())
                .and_then(|row| Delivery::parse(&row.delivery));
            (*kind, chosen.unwrap_or_default())
        })
        .collect())
}

/// Stores how `user_id` wants to be told of these kinds; those whose choice
/// changed.
pub async fn choose(
    conn: &mut PgConnection,
    user_id: Uuid,
    choices: &[(NotificationKind, Delivery)],
) -> sqlx::Result<Vec<(NotificationKind, Delivery)>> {
    let kinds: Vec<&str> = choices.iter().map(|(kind, _)| kind.as_str()).collect();
    let deliveries: Vec<&str> = choices
        .iter()
        .map(|(_, delivery)| delivery.as_str())
        .collect();
    let changed = sqlx::query!(
        r#"with chosen as (
               select kind, delivery from unnest($2::text[], $3::text[]) as c (kind, delivery)
           ),
           before as (
               select c.kind, coalesce(n.delivery, 'email') as delivery
               from chosen c
               left join notification_choices n on n.user_id = $1 and n.kind = c.kind
           ),
           stored as (
               insert into notification_choices (user_id, kind, delivery)
               select $1, kind, delivery from chosen
               on conflict (user_id, kind) do update set delivery = excluded.delivery
           )
           select c.kind as "kind!", c.delivery as "delivery!"
           from chosen c join before b on b.kind = c.kind
           where b.delivery <> c.delivery
           order by c.kind"#,
        user_id,
        &kinds as &[&str],
        &deliveries as &[&str],
    )
    .fetch_all(conn)
    .await?;
    Ok(changed
        .into_iter()
        .filter_map(|row| {
            Some((
                NotificationKind::parse(&row.kind)?,
                Delivery::parse(&row.delivery)?,
            ))
        })
        .collect())
}

/// The enabled user whose unsubscribe links carry `token`.
pub async fn unsubscriber(pool: &PgPool, token: Uuid) -> sqlx::Result<Option<Uuid>> {
    sqlx::query_scalar!(
        "select id from users where unsubscribe_token = $1 and disabled_at is null",
        token,
    )
    .fetch_optional(pool)
    .await
}
