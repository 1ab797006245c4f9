//! The plan: name, kickoff and the calendar its days are counted in.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use sqlx::PgPool;
use uuid::Uuid;

use crate::domain::calendar::Calendar;

/// A plan as stored.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct Plan {
    pub id: Uuid,
    pub name: String,
    pub kickoff_date: NaiveDate,
    pub kickoff_confirmed: bool,
    pub time_zone: String,
    pub launch_day: i32,
    pub launch_time: NaiveTime,
    pub horizon_days: i32,
}

impl Plan {
    /// The plan's calendar. The time zone was checked when it was written; an
    /// unknown one (a database edited by hand) falls back to the default.
    pub fn calendar(&self) -> Calendar {
        Calendar {
            kickoff: self.kickoff_date,
            time_zone: self
                .time_zone
                .parse::<Tz>()
                .unwrap_or(chrono_tz::Europe::Paris),
            launch_day: self.launch_day.into(),
            launch_time: self.launch_time,
            horizon: self.horizon_days.into(),
        }
    }
}

/// The installation's plan: the first one created.
pub async fn current(pool: &PgPool) -> sqlx::Result<Plan> {
    sqlx::query_as(
        "select id, name, kickoff_date, kickoff_confirmed, time_zone, launch_day, launch_time, horizon_days
         from plans order by created_at, id limit 1",
    )
    .fetch_one(pool)
    .await
}
