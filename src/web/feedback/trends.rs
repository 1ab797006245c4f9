//! `/feedback/trends`: the support period's feedback per day, by category,
//! with the average rating; the overview shows the same chart after launch.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::Utc;
use sqlx::PgPool;

use super::chart::{self, Trends};
use crate::auth::CurrentUser;
use crate::db::feedback_trends;
use crate::db::plans::Plan;
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::page::PageCtx;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/feedback/trends", get(show_trends))
}

#[derive(Template, WebTemplate)]
#[template(path = "feedback/trends.html")]
struct TrendsPage {
    ctx: PageCtx,
    period: Period,
}

/// What the trends page can show of the support period.
enum Period {
    /// The plan has no day after launch.
    Missing,
    /// The period has not begun: when it starts, and how many entries came
    /// in before it (they are not drawn, so the page says where they went).
    Ahead { starts: String, earlier: String },
    /// Boxed: a chart is a few kilobytes of layout, the other states a line.
    Drawn(Box<Trends>),
}

/// Where the support period starts and ends (the days after launch day up to
/// the horizon), and the part of it already lived: nothing before it starts,
/// then up to `today` only, as days still to come have no feedback to show.
#[derive(Debug, PartialEq, Eq)]
enum Days {
    Missing,
    Ahead { first: i64 },
    Drawn { first: i64, last: i64 },
}

fn days(launch_day: i64, horizon: i64, today: i64) -> Days {
    let first = launch_day + 1;
    if first > horizon {
        Days::Missing
    } else if today < first {
        Days::Ahead { first }
    } else {
        Days::Drawn {
            first,
            last: today.min(horizon),
        }
    }
}

/// The chart of the support period lived so far, `None` before it starts or
/// when the plan has no day after launch.
pub async fn support_period_chart(
    pool: &PgPool,
    plan: &Plan,
    lang: Lang,
) -> Result<Option<Trends>> {
    let calendar = plan.calendar();
    let today = calendar.today_day(Utc::now());
    let Days::Drawn { first, last } = days(calendar.launch_day, calendar.horizon, today) else {
        return Ok(None);
    };
    let counts = feedback_trends::per_day(pool, plan.id, day_i32(first), day_i32(last)).await?;
    Ok(Some(chart::layout(lang, &calendar, first, last, &counts)))
}

fn day_i32(day: i64) -> i32 {
    i32::try_from(day).unwrap_or(i32::MAX)
}

async fn show_trends(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    _user: CurrentUser,
    ctx: PageCtx,
) -> Result<TrendsPage> {
    let calendar = plan.calendar();
    let today = calendar.today_day(Utc::now());
    let period = match days(calendar.launch_day, calendar.horizon, today) {
        Days::Missing => Period::Missing,
        Days::Ahead { first } => {
            let lang = ctx.lang;
            let earlier = feedback_trends::count_before(&state.db, plan.id, day_i32(first)).await?;
            let start = lang.day_and_date(first, calendar.date_of(first));
            Period::Ahead {
                starts: lang.t_args("feedback-trends-not-started", &[("start", start.into())]),
                earlier: lang.t_args("feedback-trends-earlier", &[("count", earlier.into())]),
            }
        }
        Days::Drawn { .. } => match support_period_chart(&state.db, &plan, ctx.lang).await? {
            Some(trends) => Period::Drawn(Box::new(trends)),
            None => Period::Missing,
        },
    };
    Ok(TrendsPage { ctx, period })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_is_ahead_until_the_day_after_launch() {
        assert_eq!(days(31, 60, 0), Days::Ahead { first: 32 });
        assert_eq!(days(31, 60, 31), Days::Ahead { first: 32 });
        assert_eq!(
            days(31, 60, 32),
            Days::Drawn {
                first: 32,
                last: 32
            }
        );
    }

    #[test]
    fn the_period_stops_at_today_then_at_the_horizon() {
        assert_eq!(
            days(31, 60, 40),
            Days::Drawn {
                first: 32,
                last: 40
            }
        );
        assert_eq!(
            days(31, 60, 75),
            Days::Drawn {
                first: 32,
                last: 60
            }
        );
    }

    #[test]
    fn a_plan_ending_on_launch_day_has_no_period() {
        assert_eq!(days(31, 31, 40), Days::Missing);
    }
}
