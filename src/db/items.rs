//! Checklist items.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

/// An item as the phase page lists it.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Item {
    pub id: Uuid,
    pub group_label: Option<String>,
    pub title: String,
    pub state: String,
    pub blocked_reason: Option<String>,
    pub assignee_name: Option<String>,
    pub due_day: i32,
    pub required: bool,
    pub evidence_url: Option<String>,
    pub done_at: Option<DateTime<Utc>>,
    pub changed_by_name: Option<String>,
    pub changed_at: Option<DateTime<Utc>>,
    pub version: i32,
}

/// A phase's items in the plan's order.
pub async fn list_for_phase(pool: &PgPool, phase_id: Uuid) -> sqlx::Result<Vec<Item>> {
    sqlx::query_as(
        "select i.id, i.group_label, i.title, i.state, i.blocked_reason,
                a.display_name as assignee_name, i.due_day, i.required, i.evidence_url,
                i.done_at, c.display_name as changed_by_name, i.changed_at, i.version
         from checklist_items i
         left join users a on a.id = i.assignee_id
         left join users c on c.id = i.changed_by
         where i.phase_id = $1
         order by i.position, i.id",
    )
    .bind(phase_id)
    .fetch_all(pool)
    .await
}
