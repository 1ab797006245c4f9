//! `/teams`: each team, its lead and members, its phases, and its open, late
//! and blocked items.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::Utc;

use crate::auth::CurrentUser;
use crate::db::teams::{self, TeamSummary};
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::page::PageCtx;

/// `/teams`.
pub fn router() -> Router<AppState> {
    Router::new().route("/teams", get(list_teams))
}

#[derive(Template, WebTemplate)]
#[template(path = "teams.html")]
struct TeamsPage {
    ctx: PageCtx,
    teams: Vec<TeamSummary>,
}

async fn list_teams(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    _user: CurrentUser,
    ctx: PageCtx,
) -> Result<TeamsPage> {
    let today = plan.calendar().today_day(Utc::now());
    let teams = teams::summaries(&state.db, plan.id, today).await?;
    Ok(TeamsPage { ctx, teams })
}
