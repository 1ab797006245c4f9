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

/// Records `event` on the caller's connection, inside its transaction.
pub async fn record(conn: &mut PgConnection, event: NewEvent<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(
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
    .fetch_one(conn)
    .await
}
