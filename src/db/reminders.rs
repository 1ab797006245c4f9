//! Reminders: the items and risks that fall due on a plan day, each taken
//! once whatever the number of instances and looks.

use sqlx::PgConnection;
use uuid::Uuid;

/// What fell due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Due {
    /// An open item whose due day was the day before.
    ItemLate,
    /// A risk, not closed, whose review day is that day.
    RiskReviewDue,
}

/// One subject that fell due, not yet reminded of.
#[derive(Debug)]
pub struct Reminder {
    pub due: Due,
    pub subject_id: Uuid,
    pub title: String,
    /// The item's due day, or the risk's review day.
    pub day: i32,
}

/// Takes the reminders of plan day `today` in plan `plan_id` that no look
/// took before (this one's, or another instance's), in one statement.
pub async fn take_new(
    conn: &mut PgConnection,
    plan_id: Uuid,
    today: i32,
) -> sqlx::Result<Vec<Reminder>> {
    let rows = sqlx::query!(
        r#"with due as (
               select 'item.late' as kind, i.id as subject_id, i.due_day as day, i.title
               from checklist_items i join phases p on p.id = i.phase_id
               where p.plan_id = $1 and i.deleted_at is null and i.state <> 'done'
                 and i.due_day = $2 - 1
               union all
               select 'risk.review_due', r.id, r.next_review_day, r.title
               from risks r
               where r.plan_id = $1 and r.status <> 'closed' and r.next_review_day = $2
           ), fresh as (
               insert into reminders (kind, subject_id, day)
               select kind, subject_id, day from due
               on conflict do nothing
               returning kind, subject_id, day
           )
           select f.kind as "kind!", f.subject_id as "subject_id!", f.day as "day!",
                  d.title as "title!"
           from fresh f join due d using (kind, subject_id, day)"#,
        plan_id,
        today,
    )
    .fetch_all(conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| Reminder {
            due: if row.kind == "item.late" {
                Due::ItemLate
            } else {
                Due::RiskReviewDue
            },
            subject_id: row.subject_id,
            title: row.title,
            day: row.day,
        })
        .collect())
}
