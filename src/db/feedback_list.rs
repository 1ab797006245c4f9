//! The feedback list: filters, French full-text search, pages, counts per
//! status, and the rows of the CSV export.

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::feedback::{Category, Rating, Status};

/// What the list is narrowed to; every part is optional.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Filter {
    pub status: Option<Status>,
    pub category: Option<Category>,
    pub rating: Option<Rating>,
    /// The first and last plan day (J+n) the feedback was sent on.
    pub from_day: Option<i32>,
    pub to_day: Option<i32>,
    /// Words to find, in PostgreSQL's web search syntax ("quoted phrases", -not).
    pub search: Option<String>,
    /// Show the entries merged into another, hidden by default.
    pub include_merged: bool,
}

/// A row of the list or of the export.
#[derive(Debug)]
pub struct Row {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    /// The plan day (J+n) it was sent on, in the plan's time zone.
    pub day: i32,
    pub message: String,
    pub category: Category,
    pub rating: i16,
    pub status: Status,
    pub email: Option<String>,
    pub assignee_name: Option<String>,
    pub duplicate_count: i32,
    pub merged_into_id: Option<Uuid>,
    pub tags: Vec<String>,
}

/// The checked query `sqlx::$kind!` of the feedback a filter keeps: `$head`
/// selects, `$tail` orders or groups, `$status` is the status to keep (none
/// for any), and further arguments are `$9` on. One statement whatever the
/// filter: each condition holds when its argument is null. A macro because a
/// checked query's text must be whole string literals.
macro_rules! filtered {
    ($kind:ident $(, $record:path)?; $head:literal, $tail:literal,
     $plan_id:expr, $filter:expr, $status:expr $(, $arg:expr)*) => {
        sqlx::$kind!(
            $($record,)?
            $head
                + " from feedback f
                    join plans p on p.id = f.plan_id
                    where f.plan_id = $1
                      and ($2::text is null or f.status = $2)
                      and ($3::text is null or f.category = $3)
                      and ($4::smallint is null or f.rating = $4)
                      and ($5::int is null or f.created_at >= ((p.kickoff_date + $5::int)::timestamp at time zone p.time_zone))
                      and ($6::int is null or f.created_at < ((p.kickoff_date + $6::int + 1)::timestamp at time zone p.time_zone))
                      and ($7::text is null or f.search @@ websearch_to_tsquery('public.french_unaccent', $7))
                      and ($8 or f.merged_into_id is null) "
                + $tail,
            $plan_id,
            $status as Option<Status>,
            $filter.category as Option<Category>,
            $filter.rating.map(Rating::value),
            $filter.from_day,
            $filter.to_day,
            $filter.search.as_deref(),
            $filter.include_merged
            $(, $arg)*
        )
    };
}

/// The rows matching `filter`, best search matches first, then newest;
/// `limit` rows from `offset`, or all of them without a limit.
pub async fn rows(
    pool: &PgPool,
    plan_id: Uuid,
    filter: &Filter,
    limit: Option<i64>,
    offset: i64,
) -> sqlx::Result<Vec<Row>> {
    filtered!(
        query_as, Row;
        r#"select f.id, f.created_at as "created_at: DateTime<Utc>",
                  ((f.created_at at time zone p.time_zone)::date - p.kickoff_date) as "day!",
                  f.message, f.category as "category: Category", f.rating,
                  f.status as "status: Status", f.email,
                  (select display_name from users u where u.id = f.assignee_id) as assignee_name,
                  f.duplicate_count, f.merged_into_id,
                  array(select t.tag from feedback_tags t where t.feedback_id = f.id order by t.tag)
                      as "tags!""#,
        "order by ts_rank(f.search, websearch_to_tsquery('public.french_unaccent', $7)) desc nulls last,
                  f.created_at desc, f.id
         limit $9 offset $10",
        plan_id,
        filter,
        filter.status,
        limit,
        offset
    )
    .fetch_all(pool)
    .await
}

/// How many rows match `filter`.
pub async fn count(pool: &PgPool, plan_id: Uuid, filter: &Filter) -> sqlx::Result<i64> {
    filtered!(
        query_scalar;
        r#"select count(*) as "count!""#,
        "",
        plan_id,
        filter,
        filter.status
    )
    .fetch_one(pool)
    .await
}

/// How many rows match `filter` in each status, whatever status it asks
/// for: the counts are the status filter's choices.
pub async fn count_by_status(
    pool: &PgPool,
    plan_id: Uuid,
    filter: &Filter,
) -> sqlx::Result<Vec<(Status, i64)>> {
    let counts = filtered!(
        query;
        r#"select f.status as "status: Status", count(*) as "count!""#,
        "group by f.status",
        plan_id,
        filter,
        None::<Status>
    )
    .fetch_all(pool)
    .await?;
    Ok(Status::ALL
        .into_iter()
        .map(|status| {
            let count = counts
                .iter()
                .find(|row| row.status == status)
                .map_or(0, |row| row.count);
            (status, count)
        })
        .collect())
}
