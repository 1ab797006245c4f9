//! Counts across the plan for monitoring, read at each `/metrics` scrape.

use sqlx::PgPool;

/// How the plan stands, in numbers.
#[derive(Debug)]
pub struct Tallies {
    /// Checklist items per state; a state with no item is absent.
    pub items_by_state: Vec<(String, i64)>,
    /// Risks whose status is anything but closed.
    pub open_risks: i64,
    /// Feedback per triage status; a status with no feedback is absent.
    pub feedback_by_status: Vec<(String, i64)>,
}

/// Reads the tallies on one connection.
pub async fn read(pool: &PgPool) -> sqlx::Result<Tallies> {
    let mut conn = pool.acquire().await?;
    let items_by_state =
        sqlx::query_as("select state, count(*) from checklist_items group by state order by state")
            .fetch_all(&mut *conn)
            .await?;
    let open_risks = sqlx::query_scalar("select count(*) from risks where status <> 'closed'")
        .fetch_one(&mut *conn)
        .await?;
    let feedback_by_status =
        sqlx::query_as("select status, count(*) from feedback group by status order by status")
            .fetch_all(&mut *conn)
            .await?;
    Ok(Tallies {
        items_by_state,
        open_risks,
        feedback_by_status,
    })
}
