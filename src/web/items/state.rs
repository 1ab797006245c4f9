//! `POST /items/{id}/state`: tick, start, block (with a reason) or reopen an item.
//! Without JavaScript the answer is a 303 back to the phase; the page's script
//! follows it and swaps the row and the progress in place.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use serde_json::json;

use crate::auth::CurrentUser;
use crate::auth::policy::{ItemScope, allow};
use crate::db::events::{self, NewEvent};
use crate::db::items;
use crate::domain::item::StateChange;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::items::view::RowFeedback;
use crate::web::page::PageCtx;
use crate::web::phases::{parse_id, phase_page};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/items/{id}/state", post(change_state))
}

/// What the state forms post (PRODUCT.md's contract).
#[derive(Default, Deserialize)]
#[serde(default)]
struct StateForm {
    state: String,
    reason: String,
    version: i32,
}

async fn change_state(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    Path(id): Path<String>,
    Form(form): Form<StateForm>,
) -> Result<Response> {
    let id = parse_id(&id)?;
    let mut tx = state.db.begin().await?;
    let item = items::find(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    allow(user.may_tick(ItemScope {
        team_id: item.team_id,
        assignee_id: item.assignee_id,
    }))?;
    let change = match StateChange::parse(&form.state, &form.reason) {
        Ok(change) => change,
        Err(invalid) => {
            let feedback = RowFeedback {
                reason_error: ctx.t(invalid.key()),
                reason_value: form.reason,
                conflict: None,
            };
            let page = phase_page(
                &state,
                ctx,
                &user,
                item.phase_id,
                Some((id, feedback)),
                None,
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if !items::change_state(&mut tx, id, form.version, &change, user.id).await? {
        let attempted = ctx.lang.t_args(
            "item-conflict",
            &[("state", ctx.t(change.state().label_key()).into())],
        );
        let feedback = RowFeedback {
            conflict: Some(attempted),
            ..RowFeedback::default()
        };
        let page = phase_page(
            &state,
            ctx,
            &user,
            item.phase_id,
            Some((id, feedback)),
            None,
        )
        .await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    events::record(
        &mut tx,
        NewEvent {
            plan_id: Some(item.plan_id),
            actor_id: Some(user.id),
            kind: "item.state_changed",
            subject_type: "item",
            subject_id: Some(id),
            before: Some(json!({ "title": item.title, "state": item.state, "reason": item.blocked_reason })),
            after: Some(json!({ "title": item.title, "state": change.state().as_str(), "reason": change.reason() })),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Redirect::to(&format!("/phases/{}#item-{id}", item.phase_id)).into_response())
}
