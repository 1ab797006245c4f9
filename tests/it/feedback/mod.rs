//! Feedback: the public form, triage, search, merging, the export and trends.

mod abuse;
mod export;
mod merge;
mod public;
mod search;
mod trends;
mod trends_period;
mod triage;
mod unknown_status;

use sqlx::PgPool;
use uuid::Uuid;

/// The public form.
pub const FORM: &str = "/feedback/new";

/// Stores feedback as sent on plan day `day`, at noon in the plan's time zone.
pub async fn seed_on_day(
    db: &PgPool,
    day: i32,
    message: &str,
    category: &str,
    rating: i16,
) -> Uuid {
    sqlx::query_scalar(
        "insert into feedback (plan_id, message, category, rating, email, created_at)
         select p.id, $1, $2, $3, 'dana@example.org',
                ((p.kickoff_date + $4)::timestamp + interval '12 hours') at time zone p.time_zone
         from plans p order by p.created_at limit 1
         returning id",
    )
    .bind(message)
    .bind(category)
    .bind(rating)
    .bind(day)
    .fetch_one(db)
    .await
    .expect("the feedback is stored")
}

/// Stores feedback as sent now.
pub async fn seed(db: &PgPool, message: &str) -> Uuid {
    sqlx::query_scalar(
        "insert into feedback (plan_id, message, category, rating, email)
         select id, $1, 'bug', 2, 'dana@example.org' from plans order by created_at limit 1
         returning id",
    )
    .bind(message)
    .fetch_one(db)
    .await
    .expect("the feedback is stored")
}

/// The public form's fields, in the order people fill them in.
pub fn fields<'a>(
    message: &'a str,
    category: &'a str,
    rating: &'a str,
    email: &'a str,
) -> Vec<(&'a str, &'a str)> {
    vec![
        ("message", message),
        ("category", category),
        ("rating", rating),
        ("email", email),
    ]
}
