//! The plan's required items as the launch gate reads them: which phase,
//! which day they are due, whether they are done.

use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::item::ItemState;

/// A required item, with what the gate needs to place it.
#[derive(Clone, Debug)]
pub struct RequiredItem {
    pub id: Uuid,
    pub phase_id: Uuid,
    pub title: String,
    pub due_day: i32,
    pub state: ItemState,
    pub assignee_name: Option<String>,
}

/// Every required item of the plan, in the plan's order.
pub async fn required_items(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Vec<RequiredItem>> {
    sqlx::query_as!(
        RequiredItem,
        r#"select i.id, i.phase_id, i.title, i.due_day, i.state as "state: ItemState",
                  a.display_name as "assignee_name?"
           from checklist_items i
           join phases p on p.id = i.phase_id
           left join users a on a.id = i.assignee_id
           where p.plan_id = $1 and i.required and i.deleted_at is null
           order by p.position, p.start_day, i.position, i.id"#,
        plan_id,
    )
    .fetch_all(pool)
    .await
}
