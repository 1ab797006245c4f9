//! The plan: name, kickoff and the calendar its days are counted in.

use chrono::{NaiveDate, NaiveTime};
use chrono_tz::Tz;
use sqlx::{PgConnection, PgPool};
use uuid::Uuid;

use crate::domain::calendar::Calendar;
use crate::domain::plan::PlanSettings;

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
    pub version: i32,
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

const SELECT_PLAN: &str = "select id, name, kickoff_date, kickoff_confirmed, time_zone, launch_day,
                                  launch_time, horizon_days, version
                           from plans";

/// The installation's plan: the first one created.
pub async fn current(pool: &PgPool) -> sqlx::Result<Plan> {
    sqlx::query_as(&format!("{SELECT_PLAN} order by created_at, id limit 1"))
        .fetch_one(pool)
        .await
}

/// Writes the settings if the plan is still at `version`, and marks the
/// kickoff date as set by an admin; `false` when someone changed it first.
pub async fn update(
    conn: &mut PgConnection,
    id: Uuid,
    version: i32,
    settings: &PlanSettings,
) -> sqlx::Result<bool> {
    let updated = sqlx::query(
        "update plans
         set name = $3, kickoff_date = $4, launch_day = $5, launch_time = $6, time_zone = $7,
             kickoff_confirmed = true, version = version + 1
         where id = $1 and version = $2",
    )
    .bind(id)
    .bind(version)
    .bind(&settings.name)
    .bind(settings.kickoff)
    .bind(settings.launch_day)
    .bind(settings.launch_time)
    .bind(settings.time_zone.name())
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}
