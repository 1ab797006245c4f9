//! The calendar feed's link: one at a time. Issuing one replaces the live
//! one (a subscription to the old address stops), revoking ends it.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::check_keeper;
use crate::auth::CurrentUser;
use crate::auth::tokens::{self, Purpose};
use crate::db::events;
use crate::domain::change::{Change, LiveLink};
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::page::{self, PageCtx};

pub(super) async fn issue_calendar_link(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
) -> Result<Response> {
    check_keeper(&state, &user).await?;
    let mut tx = state.db.begin().await?;
    let revoked = tokens::revoke_all(&mut tx, Purpose::Calendar).await?;
    tokens::issue_revocable(&mut tx, Purpose::Calendar, None, user.id).await?;
    let issued = Change::LinkIssued {
        plan: plan.id,
        link: LiveLink::Calendar,
        revoked,
    };
    events::record(&mut tx, Some(plan.id), Some(user.id), &issued).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("screens-calendar-issued")).await?;
    Ok(Redirect::to("/screens#calendar").into_response())
}

pub(super) async fn revoke_calendar_link(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
) -> Result<Response> {
    check_keeper(&state, &user).await?;
    let mut tx = state.db.begin().await?;
    let revoked = tokens::revoke_all(&mut tx, Purpose::Calendar).await?;
    if revoked > 0 {
        let change = Change::LinkRevoked {
            plan: plan.id,
            link: LiveLink::Calendar,
            revoked,
        };
        events::record(&mut tx, Some(plan.id), Some(user.id), &change).await?;
    }
    tx.commit().await?;
    page::flash(&session, ctx.t("screens-calendar-revoked")).await?;
    Ok(Redirect::to("/screens#calendar").into_response())
}
