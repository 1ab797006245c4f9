//! Feedback per day and category, for the trends chart.

use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::feedback::Category;

/// The feedback of one category sent on one plan day.
#[derive(Debug)]
pub struct DayCount {
    /// The plan day (J+n), in the plan's time zone.
    pub day: i32,
    pub category: Category,
    pub entries: i64,
    /// The sum of their ratings, so that days and categories add up to averages.
    pub rating_sum: i64,
}

/// The plan's feedback from day `first` to day `last`, per day and category.
/// Entries merged into another count too: each is someone who wrote in.
pub async fn per_day(
    pool: &PgPool,
    plan_id: Uuid,
    first: i32,
    last: i32,
) -> sqlx::Result<Vec<DayCount>> {
    sqlx::query_as!(
        DayCount,
        r#"select ((f.created_at at time zone p.time_zone)::date - p.kickoff_date) as "day!",
                  f.category as "category: Category", count(*) as "entries!",
                  sum(f.rating)::bigint as "rating_sum!"
           from feedback f join plans p on p.id = f.plan_id
           where f.plan_id = $1
             and f.created_at >= ((p.kickoff_date + $2::int)::timestamp at time zone p.time_zone)
             and f.created_at < ((p.kickoff_date + $3::int + 1)::timestamp at time zone p.time_zone)
           group by 1, 2
           order by 1, 2"#,
        plan_id,
        first,
        last,
    )
    .fetch_all(pool)
    .await
}

/// How many entries the plan received before day `first` began, in the plan's
/// time zone: what the trends page says while the support period is ahead.
pub async fn count_before(pool: &PgPool, plan_id: Uuid, first: i32) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        r#"select count(*) as "count!"
           from feedback f join plans p on p.id = f.plan_id
           where f.plan_id = $1
             and f.created_at < ((p.kickoff_date + $2::int)::timestamp at time zone p.time_zone)"#,
        plan_id,
        first,
    )
    .fetch_one(pool)
    .await
}
