//! Counts across the plan for monitoring, read at each `/metrics` scrape.

use sqlx::PgPool;

/// How the plan stands, in numbers. States and statuses stay the stored
/// text: a scrape reports whatever the tables hold, and a value the code
/// does not know shows as its own label instead of failing the scrape,
/// which would read as the database being down.
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
    let items_by_state = sqlx::query!(
        r#"select state, count(*) as "count!" from checklist_items where deleted_at is null
           group by state order by state"#
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| (row.state, row.count))
    .collect();
    let open_risks =
        sqlx::query_scalar!(r#"select count(*) as "count!" from risks where status <> 'closed'"#)
            .fetch_one(&mut *conn)
            .await?;
    let feedback_by_status = sqlx::query!(
        r#"select status, count(*) as "count!" from feedback group by status order by status"#
    )
    .fetch_all(&mut *conn)
    .await?
    .into_iter()
    .map(|row| (row.status, row.count))
    .collect();
    Ok(Tallies {
        items_by_state,
        open_risks,
        feedback_by_status,
    })
}
