//! `POST /risks/{id}/review`: a periodic review, with its reason and the new
//! scores; it stays in the risk's reviews and its history.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use tower_sessions::Session;

use super::editor::field_errors;
use super::load;
use super::show::{Refused, risk_page};
use super::view::score_label;
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::{events, risks};
use crate::domain::change::{Change, RiskReview};
use crate::domain::risk::form::ReviewForm;
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::extract::IdPath;
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/risks/{id}/review", post(review_risk))
}

async fn review_risk(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<ReviewForm>,
) -> Result<Response> {
    let risk = load(&state, id).await?;
    allow(user.may_edit_risks(risk.owner_team_id))?;
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
    let reviewed = Change::RiskReviewed {
        risk: risk.id,
        before: RiskReview {
            title: risk.title.clone(),
            likelihood: risk.likelihood,
            impact: risk.impact,
            next_review_day: risk.next_review_day,
            reason: None,
        },
        after: RiskReview {
            title: risk.title.clone(),
            likelihood: draft.score.likelihood.value().into(),
            impact: draft.score.impact.value().into(),
            next_review_day: draft.next_review_day.or(risk.next_review_day),
            reason: Some(draft.reason),
        },
    };
    events::record(&mut tx, Some(risk.plan_id), Some(user.id), &reviewed).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("risk-reviewed")).await?;
    Ok(Redirect::to(&format!("/risks/{}#reviews", risk.id)).into_response())
}
