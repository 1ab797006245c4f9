//! `/phases/{id}/links`: the phases a phase starts after (finish to start,
//! with a lag in days). A link that would close a cycle is refused, naming
//! the cycle; it is checked again under the plan's lock.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use super::{PhaseForm, Shown, edit_page, schedule_of};
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::{events, phases};
use crate::domain::change::{Change, PhaseLink};
use crate::domain::schedule::{self, Link};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::extract::{CurrentPlan, IdPath};
use crate::web::page::{self, PageCtx};

/// What the link form posts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct LinkForm {
    before: String,
    lag: String,
}

pub(super) async fn add_link(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<LinkForm>,
) -> Result<Response> {
    let schedule = schedule_of(&state, plan.id, id).await?;
    let (rows, links, phase) = &schedule;
    allow(user.may_edit_phase(phase.team_id))?;
    let before = Uuid::parse_str(&form.before)
        .ok()
        .and_then(|before| rows.iter().find(|row| row.id == before));
    let lag = if form.lag.trim().is_empty() {
        Some(0)
    } else {
        form.lag
            .trim()
            .parse::<i32>()
            .ok()
            .filter(|lag| (0..=365).contains(lag))
    };
    let refusal = match (before, lag) {
        (None, _) => Some(ctx.t("invalid-choice")),
        (_, None) => Some(ctx.t("phase-invalid-lag")),
        (Some(before), Some(lag)) => {
            let link = Link {
                before: before.id,
                after: id,
                lag,
            };
            schedule::cycle_through(links, link).map(|cycle| {
                let names: Vec<String> = cycle
                    .iter()
                    .filter_map(|phase| rows.iter().find(|row| row.id == *phase))
                    .map(|row| row.section.clone())
                    .collect();
                ctx.lang.t_args(
                    "phase-link-cycle",
                    &[
                        ("cycle", names.join(" → ").into()),
                        ("phase", phase.section.clone().into()),
                        ("before", before.section.clone().into()),
                    ],
                )
            })
        }
    };
    let (Some(before), Some(lag), None) = (before, lag, refusal.as_ref()) else {
        let form = PhaseForm::of(phase, rows);
        let page = edit_page(
            &state,
            ctx,
            &user,
            &schedule,
            form,
            Shown::LinkRefused(refusal.unwrap_or_default()),
        )
        .await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let mut tx = state.db.begin().await?;
    phases::lock_plan(&mut tx, plan.id).await?;
    // Checked again under the lock: another link made meanwhile may close a cycle.
    let now = phases::links(&mut tx, plan.id).await?;
    let link = Link {
        before: before.id,
        after: id,
        lag,
    };
    if schedule::cycle_through(&now, link).is_none()
        && phases::link(&mut tx, before.id, id, lag).await?
    {
        let linked = Change::PhaseLinked {
            phase: id,
            after: PhaseLink {
                section: phase.section.clone(),
                before_section: before.section.clone(),
                before_name: before.name.clone(),
                lag,
            },
        };
        events::record(&mut tx, Some(plan.id), Some(user.id), &linked).await?;
    }
    tx.commit().await?;
    page::flash(&session, ctx.t("phase-linked")).await?;
    Ok(Redirect::to(&format!("/phases/{id}/edit#links")).into_response())
}

pub(super) async fn remove_link(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<LinkForm>,
) -> Result<Redirect> {
    let schedule = schedule_of(&state, plan.id, id).await?;
    let (rows, links, phase) = &schedule;
    allow(user.may_edit_phase(phase.team_id))?;
    let link = Uuid::parse_str(&form.before)
        .ok()
        .and_then(|before| {
            links
                .iter()
                .find(|link| link.before == before && link.after == id)
        })
        .ok_or(AppError::NotFound)?;
    let before = rows
        .iter()
        .find(|row| row.id == link.before)
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    if phases::unlink(&mut tx, link.before, id).await? {
        let unlinked = Change::PhaseUnlinked {
            phase: id,
            before: PhaseLink {
                section: phase.section.clone(),
                before_section: before.section.clone(),
                before_name: before.name.clone(),
                lag: link.lag,
            },
        };
        events::record(&mut tx, Some(plan.id), Some(user.id), &unlinked).await?;
    }
    tx.commit().await?;
    page::flash(&session, ctx.t("phase-unlinked")).await?;
    Ok(Redirect::to(&format!("/phases/{id}/edit#links")))
}
