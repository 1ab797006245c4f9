//! `/phases/new` (admins): a phase added to the plan — its section, stage,
//! name, team, days and place among the others — with one event.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;

use super::form::{Choices, PhaseForm};
use super::{fields_of, new_order};
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::phases::{self, NewPhase};
use crate::db::{accounts, events};
use crate::domain::change::Change;
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::form::FieldErrors;
use crate::web::page::{self, PageCtx};

#[derive(Template, WebTemplate)]
#[template(path = "phases/new.html")]
pub(super) struct NewPage {
    ctx: PageCtx,
    form: PhaseForm,
    choices: Choices,
    /// Always: only admins add phases.
    may_arrange: bool,
    errors: FieldErrors,
}

pub(super) async fn show_form(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
) -> Result<NewPage> {
    allow(user.may_administer())?;
    let mut conn = state.db.acquire().await?;
    let rows = phases::rows(&mut conn, plan.id).await?;
    let teams = accounts::team_choices(&state.db).await?;
    let form = PhaseForm::blank(&rows);
    Ok(NewPage {
        choices: Choices::of(&ctx, &form, &teams, &rows, None),
        may_arrange: true,
        errors: FieldErrors::new(ctx.lang),
        form,
        ctx,
    })
}

pub(super) async fn add_phase(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    Form(form): Form<PhaseForm>,
) -> Result<Response> {
    allow(user.may_administer())?;
    let mut conn = state.db.acquire().await?;
    let rows = phases::rows(&mut conn, plan.id).await?;
    drop(conn);
    let teams = accounts::team_choices(&state.db).await?;
    let refused = |ctx: PageCtx, form: PhaseForm, errors: FieldErrors| {
        let page = NewPage {
            choices: Choices::of(&ctx, &form, &teams, &rows, None),
            may_arrange: true,
            errors,
            form,
            ctx,
        };
        (StatusCode::UNPROCESSABLE_ENTITY, page).into_response()
    };
    let parsed = match form.parse(&ctx, &rows, &teams, plan.horizon_days, None, true) {
        Ok(parsed) => parsed,
        Err(errors) => return Ok(refused(ctx, form, errors)),
    };
    let mut tx = state.db.begin().await?;
    phases::lock_plan(&mut tx, plan.id).await?;
    let new_phase = NewPhase {
        section: &parsed.section,
        stage: parsed.stage,
        name: &parsed.name,
        start_day: parsed.start_day,
        end_day: parsed.end_day,
        team_id: parsed.team_id,
        position: i32::try_from(rows.len()).unwrap_or(i32::MAX),
    };
    let Some(id) = phases::insert(&mut tx, plan.id, &new_phase).await? else {
        // Another admin took the section meanwhile.
        tx.rollback().await?;
        let mut errors = FieldErrors::new(ctx.lang);
        errors.add("section", "phase-section-taken");
        return Ok(refused(ctx, form, errors));
    };
    // Placed among the phases as they read under the lock.
    let now = phases::rows(&mut tx, plan.id).await?;
    if let Some(order) = new_order(&now, id, parsed.after) {
        phases::reorder(&mut tx, &order).await?;
    }
    let created = Change::PhaseCreated {
        phase: id,
        after: fields_of(&parsed),
    };
    events::record(&mut tx, Some(plan.id), Some(user.id), &created).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("phase-added")).await?;
    Ok(Redirect::to(&format!("/phases/{id}")).into_response())
}
