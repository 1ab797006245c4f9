//! `POST /risks/{id}/review`: a periodic review, with its reason and the new
//! scores; it stays in the risk's reviews and its history.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde_json::json;
use tower_sessions::Session;

use super::editor::field_errors;
use super::show::{Refused, risk_page};
use super::view::score_label;
use super::{load, record};
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::{plans, risks};
use crate::domain::risk::form::ReviewForm;
use crate::error::Result;
use crate::state::AppState;
use crate::web::page::{self, PageCtx};
use crate::web::phases::parse_id;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/risks/{id}/review", post(review_risk))
}

async fn review_risk(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    Path(id): Path<String>,
    Form(form): Form<ReviewForm>,
) -> Result<Response> {
    let risk = load(&state, parse_id(&id)?).await?;
    allow(user.may_edit_risks(risk.owner_team_id))?;
    let plan = plans::current(&state.db).await?;
    let draft = match form.parse(plan.horizon_days) {
        Ok(draft) => draft,
        Err(refused) => {
            let errors = field_errors(&ctx, &refused);
            let refused = Refused {
                review: Some((form, errors)),
                ..Refused::default()
            };
            let page = risk_page(&state, ctx, &user, risk, refused).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    if !risks::review(&mut tx, risk.id, form.version, user.id, &draft).await? {
        drop(tx);
        let current = load(&state, risk.id).await?;
        let attempted = ctx.lang.t_args(
            "risk-conflict-review",
            &[
                ("score", score_label(ctx.lang, draft.score).into()),
                ("reason", draft.reason.into()),
            ],
        );
        let refused = Refused {
            conflict: Some(attempted),
            ..Refused::default()
        };
        let page = risk_page(&state, ctx, &user, current, refused).await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    let before = json!({
        "title": risk.title, "likelihood": risk.likelihood, "impact": risk.impact,
        "next_review_day": risk.next_review_day,
    });
    let after = json!({
        "title": risk.title, "likelihood": draft.score.likelihood.value(), "impact": draft.score.impact.value(),
        "next_review_day": draft.next_review_day.or(risk.next_review_day), "reason": draft.reason,
    });
    record(
        &mut tx,
        risk.plan_id,
        user.id,
        "risk.reviewed",
        risk.id,
        (Some(before), Some(after)),
    )
    .await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("risk-reviewed")).await?;
    Ok(Redirect::to(&format!("/risks/{}#reviews", risk.id)).into_response())
}
