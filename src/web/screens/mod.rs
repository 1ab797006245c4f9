//! `/screens`: the links that show the plan outside the dashboard: named wall
//! screens, each with a kiosk link of its own, and the calendar feed. Admins
//! and the marketing team's leads create, copy and revoke them; each link
//! stays readable here, so whoever put one on a screen can find it again.

mod calendar;
mod list;
mod screen;

use axum::Router;
use axum::routing::{get, post};

use crate::auth::policy::{SCREENS_TEAM, allow};
use crate::db::users::User;
use crate::error::Result;
use crate::state::AppState;

/// `/screens` and its forms.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/screens",
            get(list::list_screens).post(screen::create_screen),
        )
        .route("/screens/{id}/revoke", post(screen::revoke_screen))
        .route("/screens/calendar", post(calendar::issue_calendar_link))
        .route(
            "/screens/calendar/revoke",
            post(calendar::revoke_calendar_link),
        )
}

/// Refuses (403) whoever may not manage the plan's screens.
async fn check_keeper(state: &AppState, user: &User) -> Result<()> {
    allow(may_manage(state, user).await?)
}

/// Whether `user` may manage the plan's screens (admins and marketing leads).
pub async fn may_manage(state: &AppState, user: &User) -> Result<bool> {
    let plan = state.plans.get().await?;
    let screens_team = plan.team_named(SCREENS_TEAM).map(|team| team.id);
    Ok(user.may_manage_screens(screens_team))
}
