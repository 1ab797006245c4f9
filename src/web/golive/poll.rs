//! `POST /golive/open` and `POST /golive/close`: an admin opens the poll, and
//! closes it, which records the decision (GO or HOLD) as it stands then.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use crate::auth::session::Admin;
use crate::db::events;
use crate::db::golive;
use crate::domain::change::{Change, PollDecision, PollTitle};
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::page::{self, PageCtx};
use crate::web::standing::Standing;

pub(super) async fn open_poll(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
) -> Result<Response> {
    let mut tx = state.db.begin().await?;
    let Some(poll_id) = golive::open(&mut tx, plan.id, admin.id).await? else {
        page::flash(&session, ctx.t("golive-already-open")).await?;
        return Ok(Redirect::to("/golive").into_response());
    };
    let opened = Change::PollOpened {
        poll: poll_id,
        after: PollTitle {
            title: plan.name.clone(),
        },
    };
    events::record(&mut tx, Some(plan.id), Some(admin.id), &opened).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("golive-opened")).await?;
    Ok(Redirect::to("/golive").into_response())
}

pub(super) async fn close_poll(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    Admin(admin): Admin,
    ctx: PageCtx,
    session: Session,
) -> Result<Response> {
    let mut tx = state.db.begin().await?;
    // Locked, the poll takes no vote until it is closed: the verdict read
    // now is the one recorded.
    let Some(poll_id) = golive::lock_open(&mut tx, plan.id).await? else {
        page::flash(&session, ctx.t("golive-not-open")).await?;
        return Ok(Redirect::to("/golive").into_response());
    };
    let standing = Standing::load(&state).await?;
    let decision = standing.verdict.decision();
    let names = |indexes: &[usize]| -> Vec<String> {
        indexes
            .iter()
            .map(|&index| standing.teams[index].team_name.clone())
            .collect()
    };
    golive::close(&mut tx, poll_id, admin.id, decision).await?;
    let decided = Change::PollDecided {
        poll: poll_id,
        after: PollDecision {
            title: plan.name.clone(),
            decision,
            waiting: names(&standing.verdict.waiting),
            no_go: names(&standing.verdict.no_go),
            open_required: standing.verdict.open_required,
        },
    };
    events::record(&mut tx, Some(plan.id), Some(admin.id), &decided).await?;
    tx.commit().await?;
    let message = ctx.lang.t_args(
        "golive-closed",
        &[("decision", ctx.t(decision.label_key()).into())],
    );
    page::flash(&session, message).await?;
    Ok(Redirect::to("/golive").into_response())
}
