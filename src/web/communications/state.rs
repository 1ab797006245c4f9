//! `POST /communications/{id}/state`: one click moves an action along
//! (planned, under way, done, or cancelled), and its checklist twin with it.
//! Without JavaScript the answer is a 303 back to the page as it was
//! filtered; a move the page did not offer is refused with 422, a form drawn
//! from an older version with 409, the page shown again either way.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use uuid::Uuid;

use super::filter::ActionQuery;
use super::list::list_page;
use super::twins;
use super::view::RowFeedback;
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::communications;
use crate::db::events;
use crate::db::plans::Plan;
use crate::db::users::User;
use crate::domain::change::{ActionStatus, Change};
use crate::domain::communication::ActionState;
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::{CurrentPlan, IdPath, in_shown_plan};
use crate::web::page::PageCtx;

/// What a move's button posts.
#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct StateForm {
    state: String,
    version: i32,
    /// The page's filters, to come back to the same view.
    filters: String,
}

pub(super) async fn change_state(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
    Form(form): Form<StateForm>,
) -> Result<Response> {
    let query = ActionQuery::parse(Some(&form.filters));
    let page = Refusal {
        state: &state,
        plan: &plan,
        user: &user,
        query,
        id,
    };
    let action = in_shown_plan(communications::find(&mut *state.db.acquire().await?, id).await?)?;
    allow(user.may_edit_items(action.team_id))?;
    let Some(target) = ActionState::parse(&form.state) else {
        let refused = ctx.t("communication-invalid-state");
        return page.refused(ctx, refused).await;
    };
    // A form drawn from an older version is a conflict, whatever it asks;
    // a current one may ask only for the moves the action's state offers.
    let stale = form.version != action.version;
    if let (false, Err(refused)) = (stale, action.state.check_move(target)) {
        let refused = ctx.t(refused.key());
        return page.refused(ctx, refused).await;
    }
    let mut tx = state.db.begin().await?;
    twins::lock_twin(&mut tx, &action).await?;
    if stale || !communications::set_state(&mut tx, id, form.version, target).await? {
        drop(tx);
        let attempted = ctx.lang.t_args(
            "communication-conflict",
            &[("state", ctx.t(target.label_key()).into())],
        );
        return page.conflict(ctx, attempted).await;
    }
    let moved = Change::CommunicationStateChanged {
        action: id,
        before: ActionStatus {
            title: action.title.clone(),
            state: action.state,
        },
        after: ActionStatus {
            title: action.title.clone(),
            state: target,
        },
    };
    events::record(&mut tx, Some(action.plan_id), Some(user.id), &moved).await?;
    twins::item_follows(&mut tx, &action, target, user.id).await?;
    tx.commit().await?;
    let back = format!("{}#action-{id}", query.on("/communications"));
    Ok(Redirect::to(&back).into_response())
}

/// The page drawn again around a refused move.
struct Refusal<'a> {
    state: &'a AppState,
    plan: &'a Plan,
    user: &'a User,
    query: ActionQuery,
    id: Uuid,
}

impl Refusal<'_> {
    async fn refused(&self, ctx: PageCtx, message: String) -> Result<Response> {
        let feedback = RowFeedback {
            refused: Some(message),
            ..RowFeedback::default()
        };
        self.draw(ctx, feedback, StatusCode::UNPROCESSABLE_ENTITY)
            .await
    }

    async fn conflict(&self, ctx: PageCtx, attempted: String) -> Result<Response> {
        let feedback = RowFeedback {
            conflict: Some(attempted),
            ..RowFeedback::default()
        };
        self.draw(ctx, feedback, StatusCode::CONFLICT).await
    }

    async fn draw(
        &self,
        ctx: PageCtx,
        feedback: RowFeedback,
        status: StatusCode,
    ) -> Result<Response> {
        let page = list_page(
            self.state,
            self.plan,
            ctx,
            self.user,
            self.query,
            Some((self.id, feedback)),
        )
        .await?;
        Ok((status, page).into_response())
    }
}
