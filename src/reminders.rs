//! Reminders (issue 18): on the morning an open item turns late or a risk's
//! review falls due, the product records it as a change of its own
//! ([`Change::ItemLate`], [`Change::RiskReviewDue`]); the fan-out then tells
//! the team concerned, as for any change. Every instance looks each minute,
//! in every plan not archived; each reminder is recorded once
//! (`db::reminders`).

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::db::events;
use crate::db::reminders::{self, Due, Reminder};
use crate::domain::change::{Change, Lateness, ReviewDue};
use crate::mail::DIGEST_AT;
use crate::plan_cache::PlanCache;

/// How often the instance looks for reminders due.
const LOOK_EVERY: Duration = Duration::from_secs(60);

/// Records the reminders due, each minute, for as long as the process lives.
pub async fn run(pool: PgPool, plans: PlanCache) {
    loop {
        if let Err(error) = look(&pool, &plans, Utc::now()).await {
            tracing::warn!(%error, "looking for reminders failed; trying again soon");
        }
        tokio::time::sleep(LOOK_EVERY).await;
    }
}

/// Records the reminders of each plan's day of `now`, once its morning has
/// come (the digest's hour, in the plan's time zone), in one transaction;
/// how many were new. Archived plans remind no one.
pub async fn look(pool: &PgPool, plans: &PlanCache, now: DateTime<Utc>) -> anyhow::Result<usize> {
    let all = plans.all().await?;
    let mut tx = pool.begin().await?;
    let mut new = 0;
    for held in all.all.iter().filter(|held| !held.plan.archived) {
        let calendar = held.plan.calendar();
        let local = now.with_timezone(&calendar.time_zone);
        if local.time() < DIGEST_AT {
            continue;
        }
        let today = i32::try_from(calendar.day_of(local.date_naive()))?;
        let due = reminders::take_new(&mut tx, held.plan.id, today).await?;
        for reminder in &due {
            events::record(&mut tx, Some(held.plan.id), None, &change(reminder)).await?;
        }
        new += due.len();
    }
    tx.commit().await?;
    Ok(new)
}

/// The change a reminder records.
fn change(reminder: &Reminder) -> Change {
    let title = reminder.title.clone();
    match reminder.due {
        Due::ItemLate => Change::ItemLate {
            item: reminder.subject_id,
            after: Lateness {
                title,
                due_day: reminder.day,
            },
        },
        Due::RiskReviewDue => Change::RiskReviewDue {
            risk: reminder.subject_id,
            after: ReviewDue {
                title,
                day: reminder.day,
            },
        },
    }
}
