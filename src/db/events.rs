//! The recorded changes: written in the same transaction as the change they
//! record, announced to every instance, read back for the activity feed, the
//! histories and the live updates.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::change::{Change, Columns, Reader, Subject, Unreadable};

/// The PostgreSQL channel every recorded change is announced on.
pub const CHANNEL: &str = "activity";

/// Records `change` on the caller's connection, inside its transaction, and
/// announces it to every instance (PostgreSQL delivers the NOTIFY only when
/// the transaction commits).
pub async fn record(
    conn: &mut PgConnection,
    plan_id: Option<Uuid>,
    actor_id: Option<Uuid>,
    change: &Change,
) -> sqlx::Result<i64> {
    let recorded = record_unannounced(conn, plan_id, actor_id, change).await?;
    announce_in(conn, recorded).await
}

/// Announces a change recorded without its announcement from inside the
/// transaction that recorded it: PostgreSQL delivers it on the commit.
pub async fn announce_in(conn: &mut PgConnection, recorded: Unannounced) -> sqlx::Result<i64> {
    // `pg_notify` returns `void`, which the checked macros cannot name.
    sqlx::query_scalar!(
        "select pg_notify($1, $2)::text",
        CHANNEL,
        recorded.payload()?
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(recorded.0.id)
}

/// A change recorded in a transaction that has not announced it: once the
/// transaction has committed, [`announce_all`] tells every instance (through
/// the instance's announcer, `live::Hub::announce`).
#[derive(Debug)]
#[must_use = "every instance must be told of a recorded change once it is committed"]
pub struct Unannounced(pub(super) LiveEvent);

impl Unannounced {
    /// What the NOTIFY carries: the event whole, so that no instance reads
    /// it back (a read per change per instance, the most frequent statement
    /// of a launch day after the ticks themselves).
    fn payload(&self) -> sqlx::Result<String> {
        serde_json::to_string(&self.0).map_err(|error| sqlx::Error::Encode(Box::new(error)))
    }
}

/// Records `change` inside the caller's transaction, like [`record`], but
/// leaves the announcement to [`announce_all`] after the commit. A transaction
/// that notifies holds PostgreSQL's notification lock until its commit is on
/// disk, so notifying commits wait for one another's flush: 790 a second on
/// a disk that flushes in 3.7 ms, against 4,400 when the NOTIFY follows the
/// commit (pgbench, 20 clients). The frequent changes (ticks) record this way.
pub async fn record_unannounced(
    conn: &mut PgConnection,
    plan_id: Option<Uuid>,
    actor_id: Option<Uuid>,
    change: &Change,
) -> sqlx::Result<Unannounced> {
    let columns = columns(change)?;
    let recorded = sqlx::query!(
        r#"insert into activity_events (plan_id, actor_id, kind, subject_type, subject_id, before, after)
           values ($1, $2, $3, $4, $5, $6, $7)
           returning id, (select phase_id from checklist_items
                          where $4 = $8 and checklist_items.id = $5) as "phase_id?""#,
        plan_id,
        actor_id,
        columns.kind,
        columns.subject_type,
        columns.subject_id,
        columns.before,
        columns.after,
        Subject::Item.as_str(),
    )
    .fetch_one(&mut *conn)
    .await?;
    Ok(unannounced(&columns, recorded.id, recorded.phase_id))
}

/// The event `id`, stored as `columns`, about an item of `phase_id` if any.
pub(super) fn unannounced(columns: &Columns, id: i64, phase_id: Option<Uuid>) -> Unannounced {
    Unannounced(LiveEvent {
        id,
        kind: columns.kind.to_owned(),
        subject_type: columns.subject_type.to_owned(),
        subject_id: columns.subject_id,
        phase_id,
    })
}

/// The columns `change` is stored in, for the statements that write one.
pub(super) fn columns(change: &Change) -> sqlx::Result<Columns> {
    change
        .columns()
        .map_err(|error| sqlx::Error::Encode(Box::new(error)))
}

/// Announces changes recorded by [`record_unannounced`] whose transactions
/// have committed, in one statement: its NOTIFYs are one transaction of
/// their own that writes nothing else, which PostgreSQL commits without
/// waiting for the disk, taking its notification lock once for them all.
pub async fn announce_all(pool: &PgPool, recorded: &[Unannounced]) -> sqlx::Result<()> {
    let payloads = recorded
        .iter()
        .map(Unannounced::payload)
        .collect::<sqlx::Result<Vec<_>>>()?;
    // `pg_notify` returns `void`, which the checked macros cannot name.
    sqlx::query_scalar!(
        r#"select count(pg_notify($1, payload)::text) as "count!" from unnest($2::text[]) as payload"#,
        CHANNEL,
        &payloads,
    )
    .fetch_one(pool)
    .await?;
    Ok(())
}

/// The event a notification on [`CHANNEL`] tells of: carried whole, or,
/// from an instance of the previous release during a rolling upgrade, named
/// by its id and read here.
pub async fn heard(pool: &PgPool, payload: &str) -> sqlx::Result<Option<LiveEvent>> {
    if let Ok(event) = serde_json::from_str(payload) {
        return Ok(Some(event));
    }
    match payload.parse() {
        Ok(id) => live_event(pool, id).await,
        Err(_) => Ok(None),
    }
}

/// A recorded change as the activity feed and the histories show it.
#[derive(Debug)]
pub struct Event {
    pub id: i64,
    pub actor_name: Option<String>,
    /// The name of the account the change is about, for a change about one.
    pub subject_name: Option<String>,
    /// What changed; a row this version cannot read is an error, logged when read.
    pub change: Result<Change, Unreadable>,
    pub created_at: DateTime<Utc>,
}

/// An event's columns as the feeds read them.
pub(super) struct EventRow {
    pub(super) id: i64,
    pub(super) kind: String,
    pub(super) actor_name: Option<String>,
    pub(super) subject_name: Option<String>,
    pub(super) subject_id: Option<Uuid>,
    pub(super) before: Option<Value>,
    pub(super) after: Option<Value>,
    pub(super) created_at: DateTime<Utc>,
}

/// The [`Event`] of a row that selects an event's columns as `event_id`,
/// `event_kind`, `actor_name`, `subject_name`, `subject_id`, `before`,
/// `after` and `created_at` beside columns of its own.
macro_rules! event_of {
    ($row:expr) => {
        $crate::db::events::read($crate::db::events::EventRow {
            id: $row.event_id,
            kind: $row.event_kind,
            actor_name: $row.actor_name,
            subject_name: $row.subject_name,
            subject_id: $row.subject_id,
            before: $row.before,
            after: $row.after,
            created_at: $row.created_at,
        })
    };
}
pub(super) use event_of;

pub(super) fn read(row: EventRow) -> Event {
    let change = Change::from_columns(&row.kind, row.subject_id, row.before, row.after);
    if let Err(error) = &change {
        tracing::error!(event = row.id, %error, "an activity event cannot be read");
    }
    Event {
        id: row.id,
        actor_name: row.actor_name,
        subject_name: row.subject_name,
        change,
        created_at: row.created_at,
    }
}

/// Everything that happened to one subject, newest first.
pub async fn history(
    pool: &PgPool,
    subject: Subject,
    subject_id: Uuid,
) -> sqlx::Result<Vec<Event>> {
    let rows = sqlx::query_as!(
        EventRow,
        r#"select e.id, e.kind, u.display_name as "actor_name?", s.display_name as "subject_name?",
                  e.subject_id, e.before, e.after, e.created_at as "created_at: DateTime<Utc>"
           from activity_events e
           left join users u on u.id = e.actor_id
           left join users s on e.subject_type = $3 and s.id = e.subject_id
           where e.subject_type = $1 and e.subject_id = $2
           order by e.id desc limit 200"#,
        subject.as_str(),
        subject_id,
        Subject::User.as_str(),
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(read).collect())
}

/// Which events a feed shows.
#[derive(Clone, Debug)]
pub struct FeedFilter {
    /// Who reads it: only the changes of subjects whose audience admits them.
    pub reader: Reader,
    /// Only events about this kind of subject.
    pub subject: Option<Subject>,
    /// Only events by this person.
    pub actor_id: Option<Uuid>,
    /// Only events by members of this team.
    pub team_id: Option<Uuid>,
}

impl FeedFilter {
    /// Everything `reader` may read.
    pub fn readable_by(reader: Reader) -> FeedFilter {
        FeedFilter {
            reader,
            subject: None,
            actor_id: None,
            team_id: None,
        }
    }
}

/// The latest `limit` changes of the plan `reader` may read, newest first:
/// only the plan's own ([`Subject::of_the_plan`]).
pub async fn feed(pool: &PgPool, reader: Reader, limit: i64) -> sqlx::Result<Vec<Event>> {
    let filter = FeedFilter::readable_by(reader);
    let subjects = readable_subjects(&filter, Subject::of_the_plan);
    select_feed(pool, &filter, &subjects, None, limit).await
}

/// A page of the feed through `filter`: up to `limit` events older than
/// `before` (all when `None`), newest first.
pub async fn filtered_feed(
    pool: &PgPool,
    filter: &FeedFilter,
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<Event>> {
    let readable = readable_subjects(filter, |_| true);
    select_feed(pool, filter, &readable, before, limit).await
}

/// The subjects `filter`'s reader may read that `keep` keeps, as stored.
fn readable_subjects(filter: &FeedFilter, keep: impl Fn(Subject) -> bool) -> Vec<String> {
    Subject::ALL
        .into_iter()
        .filter(|subject| subject.audience().admits(filter.reader) && keep(*subject))
        .map(|subject| subject.as_str().to_owned())
        .collect()
}

/// The feed through `filter`, about `subjects` only.
async fn select_feed(
    pool: &PgPool,
    filter: &FeedFilter,
    readable: &[String],
    before: Option<i64>,
    limit: i64,
) -> sqlx::Result<Vec<Event>> {
    let rows = sqlx::query_as!(
        EventRow,
        r#"select e.id, e.kind, u.display_name as "actor_name?", s.display_name as "subject_name?",
                  e.subject_id, e.before, e.after, e.created_at as "created_at: DateTime<Utc>"
           from activity_events e
           left join users u on u.id = e.actor_id
           left join users s on e.subject_type = $7 and s.id = e.subject_id
           where ($1::bigint is null or e.id < $1)
             and ($3::text is null or e.subject_type = $3)
             and ($4::uuid is null or e.actor_id = $4)
             and ($5::uuid is null or u.team_id = $5)
             and e.subject_type = any($6)
           order by e.id desc limit $2"#,
        before,
        limit,
        filter.subject.map(Subject::as_str),
        filter.actor_id,
        filter.team_id,
        readable,
        Subject::User.as_str(),
    )
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(read).collect())
}

/// What a browser learns of a change: enough to know what to refresh.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LiveEvent {
    pub id: i64,
    pub kind: String,
    pub subject_type: String,
    pub subject_id: Option<Uuid>,
    /// The phase of the item a change is about, so that only that phase's
    /// page refreshes; `None` for other subjects, and for an item purged
    /// since (every phase page then refreshes).
    pub phase_id: Option<Uuid>,
}

impl LiveEvent {
    /// Whether `reader` may learn of it: its subject's audience, as in the
    /// feed; a subject this version does not know, nobody.
    pub fn readable_by(&self, reader: Reader) -> bool {
        Subject::parse(&self.subject_type).is_some_and(|subject| subject.audience().admits(reader))
    }
}

/// The events after `after`, oldest first, at most `limit`.
pub async fn events_after(pool: &PgPool, after: i64, limit: i64) -> sqlx::Result<Vec<LiveEvent>> {
    sqlx::query_as!(
        LiveEvent,
        r#"select e.id, e.kind, e.subject_type, e.subject_id, i.phase_id as "phase_id?"
           from activity_events e
           left join checklist_items i on e.subject_type = $3 and i.id = e.subject_id
           where e.id > $1 order by e.id limit $2"#,
        after,
        limit,
        Subject::Item.as_str(),
    )
    .fetch_all(pool)
    .await
}

/// The event `id`, if it exists.
async fn live_event(pool: &PgPool, id: i64) -> sqlx::Result<Option<LiveEvent>> {
    sqlx::query_as!(
        LiveEvent,
        r#"select e.id, e.kind, e.subject_type, e.subject_id, i.phase_id as "phase_id?"
           from activity_events e
           left join checklist_items i on e.subject_type = $2 and i.id = e.subject_id
           where e.id = $1"#,
        id,
        Subject::Item.as_str(),
    )
    .fetch_optional(pool)
    .await
}

/// The id of the latest event, 0 when there is none.
pub async fn latest_id(pool: &PgPool) -> sqlx::Result<i64> {
    sqlx::query_scalar!(r#"select coalesce(max(id), 0) as "id!" from activity_events"#)
        .fetch_one(pool)
        .await
}
