//! `/feedback/trends`: the support period's feedback per day, by category,
//! with the average rating; the overview shows the same chart after launch.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
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
    trends: Option<Trends>,
}

/// The chart of the plan's support period: the days after launch day up to
/// the horizon. `None` when the plan has no day after launch.
pub async fn support_period_chart(
    pool: &PgPool,
    plan: &Plan,
    lang: Lang,
) -> Result<Option<Trends>> {
    let calendar = plan.calendar();
    let (first, last) = (calendar.launch_day + 1, calendar.horizon);
    if first > last {
        return Ok(None);
    }
    let counts =
        feedback_trends::per_day(pool, plan.id, plan.launch_day + 1, plan.horizon_days).await?;
    Ok(Some(chart::layout(lang, &calendar, first, last, &counts)))
}

async fn show_trends(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    _user: CurrentUser,
    ctx: PageCtx,
) -> Result<TrendsPage> {
    Ok(TrendsPage {
        trends: support_period_chart(&state.db, &plan, ctx.lang).await?,
        ctx,
    })
}
