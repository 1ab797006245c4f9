//! Changing the plan's phases (issue 20). `/phases/{id}/edit`: a phase's
//! section, stage, name, team, days and place in the plan, and the phases it
//! starts after. A change of days that moves linked phases is first shown as
//! a preview ("2.4 and 2.5 move by +2 days"); applying it moves them all in
//! one transaction, one event each. Adding (`/phases/new`), removing and
//! linking have their own modules.

mod form;
mod links;
mod new;
mod removal;

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use std::collections::BTreeMap;
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::phases::{self, PhaseChange, PhaseRow};
use crate::db::users::User;
use crate::db::{accounts, events};
use crate::domain::change::{Change, PhaseFields};
use crate::domain::phase::placed_after;
use crate::domain::schedule::{self, Link, Shift, Span};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::extract::{CurrentPlan, IdPath};
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::{self, PageCtx};
use form::{Choices, Parsed, PhaseForm};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/phases/new", get(new::show_form).post(new::add_phase))
        .route("/phases/{id}/edit", get(show_form).post(change_phase))
        .route("/phases/{id}/links", post(links::add_link))
        .route("/phases/{id}/links/remove", post(links::remove_link))
        .route(
            "/phases/{id}/remove",
            get(removal::ask_removal).post(removal::remove_phase),
        )
}

#[derive(Template, WebTemplate)]
#[template(path = "phases/edit.html")]
struct EditPage {
    ctx: PageCtx,
    id: Uuid,
    section: String,
    phase_name: String,
    form: PhaseForm,
    choices: Choices,
    /// Whether the editor arranges the plan: section, stage, team, place.
    may_arrange: bool,
    errors: FieldErrors,
    /// The phases this one starts after.
    predecessors: Vec<LinkLine>,
    /// The phases it may be linked after.
    candidates: Vec<Choice>,
    link_error: String,
    /// The moves a change of days would make, awaiting confirmation.
    preview: Option<Vec<String>>,
    /// Set when someone else changed the phase first.
    conflict: bool,
}

/// A predecessor, as the form lists it.
struct LinkLine {
    before: Uuid,
    label: String,
}

/// The plan's phases and links, and the phase `id` among them (404 if not).
async fn schedule_of(
    state: &AppState,
    plan_id: Uuid,
    id: Uuid,
) -> Result<(Vec<PhaseRow>, Vec<Link>, PhaseRow)> {
    let mut conn = state.db.acquire().await?;
    let rows = phases::rows(&mut conn, plan_id).await?;
    let links = phases::links(&mut conn, plan_id).await?;
    let phase = rows
        .iter()
        .find(|row| row.id == id)
        .cloned()
        .ok_or(AppError::NotFound)?;
    Ok((rows, links, phase))
}

/// What the edit page says beside its forms.
enum Shown {
    /// The forms as they are.
    Forms,
    /// The phase's form refused, with a message per field.
    Invalid(FieldErrors),
    /// The moves a change of days would make, to confirm.
    Preview(Vec<String>),
    /// Someone changed the phase first: the form as it now reads.
    Conflict,
    /// A link refused, and why.
    LinkRefused(String),
}

async fn edit_page(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    (rows, links, phase): &(Vec<PhaseRow>, Vec<Link>, PhaseRow),
    form: PhaseForm,
    shown: Shown,
) -> Result<EditPage> {
    let (form, errors, link_error, preview, conflict) = match shown {
        Shown::Forms => (form, None, String::new(), None, false),
        Shown::Invalid(errors) => (form, Some(errors), String::new(), None, false),
        Shown::Preview(lines) => (form, None, String::new(), Some(lines), false),
        Shown::Conflict => (PhaseForm::of(phase, rows), None, String::new(), None, true),
        Shown::LinkRefused(why) => (form, None, why, None, false),
    };
    let teams = accounts::team_choices(&state.db).await?;
    let label = |row: &PhaseRow| format!("{} {}", row.section, row.name);
    let predecessors = links
        .iter()
        .filter(|link| link.after == phase.id)
        .filter_map(|link| {
            let before = rows.iter().find(|row| row.id == link.before)?;
            Some(LinkLine {
                before: before.id,
                label: if link.lag == 0 {
                    label(before)
                } else {
                    ctx.lang.t_args(
                        "phase-link-lag",
                        &[("phase", label(before).into()), ("lag", link.lag.into())],
                    )
                },
            })
        })
        .collect();
    let candidates = rows
        .iter()
        .filter(|row| {
            row.id != phase.id
                && !links
                    .iter()
                    .any(|link| link.before == row.id && link.after == phase.id)
        })
        .map(|row| Choice {
            value: row.id.to_string(),
            label: label(row),
            selected: false,
        })
        .collect();
    Ok(EditPage {
        id: phase.id,
        section: phase.section.clone(),
        phase_name: phase.name.clone(),
        choices: Choices::of(&ctx, &form, &teams, rows, Some(phase.id)),
        may_arrange: user.may_administer(),
        errors: errors.unwrap_or_else(|| FieldErrors::new(ctx.lang)),
        predecessors,
        candidates,
        link_error,
        preview,
        conflict,
        form,
        ctx,
    })
}

async fn show_form(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<EditPage> {
    let schedule = schedule_of(&state, plan.id, id).await?;
    allow(user.may_edit_phase(schedule.2.team_id))?;
    let form = PhaseForm::of(&schedule.2, &schedule.0);
    edit_page(&state, ctx, &user, &schedule, form, Shown::Forms).await
}

/// The fields of `phase` as they read.
fn fields_now(phase: &PhaseRow) -> PhaseFields {
    PhaseFields {
        section: phase.section.clone(),
        name: phase.name.clone(),
        team_id: phase.team_id,
        start_day: phase.start_day,
        end_day: phase.end_day,
    }
}

/// The fields a valid form gives a phase.
fn fields_of(parsed: &Parsed) -> PhaseFields {
    PhaseFields {
        section: parsed.section.clone(),
        name: parsed.name.clone(),
        team_id: parsed.team_id,
        start_day: parsed.start_day,
        end_day: parsed.end_day,
    }
}

/// The plan's order with `phase` placed after `after`, when that changes it.
fn new_order(rows: &[PhaseRow], phase: Uuid, after: Option<Uuid>) -> Option<Vec<Uuid>> {
    let order: Vec<Uuid> = rows.iter().map(|row| row.id).collect();
    let placed = placed_after(&order, phase, after);
    (placed != order).then_some(placed)
}

async fn change_phase(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<PhaseForm>,
) -> Result<Response> {
    let schedule = schedule_of(&state, plan.id, id).await?;
    let (rows, links, phase) = &schedule;
    allow(user.may_edit_phase(phase.team_id))?;
    let teams = accounts::team_choices(&state.db).await?;
    let parsed = match form.parse(
        &ctx,
        rows,
        &teams,
        plan.horizon_days,
        Some(phase),
        user.may_administer(),
    ) {
        Ok(parsed) => parsed,
        Err(errors) => {
            let page =
                edit_page(&state, ctx, &user, &schedule, form, Shown::Invalid(errors)).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    if form.version != phase.version {
        let page = edit_page(&state, ctx, &user, &schedule, form, Shown::Conflict).await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    let spans: BTreeMap<Uuid, Span> = rows
        .iter()
        .map(|row| {
            (
                row.id,
                Span {
                    start: row.start_day,
                    end: row.end_day,
                },
            )
        })
        .collect();
    let shifts = schedule::reschedule(
        &spans,
        links,
        id,
        Span {
            start: parsed.start_day,
            end: parsed.end_day,
        },
    );
    if !shifts.is_empty() && form.confirm != "1" {
        let lines = shift_lines(&ctx, rows, &shifts, plan.launch_day);
        let page = edit_page(&state, ctx, &user, &schedule, form, Shown::Preview(lines)).await?;
        return Ok(page.into_response());
    }
    let change = PhaseChange {
        section: &parsed.section,
        stage: parsed.stage,
        name: &parsed.name,
        team_id: parsed.team_id,
        start_day: parsed.start_day,
        end_day: parsed.end_day,
    };
    let mut tx = state.db.begin().await?;
    phases::lock_plan(&mut tx, plan.id).await?;
    // Checked again under the lock: another edit may have taken the section.
    if phases::section_taken(&mut tx, plan.id, &parsed.section, Some(id)).await? {
        tx.rollback().await?;
        let mut errors = FieldErrors::new(ctx.lang);
        errors.add("section", "phase-section-taken");
        let page = edit_page(&state, ctx, &user, &schedule, form, Shown::Invalid(errors)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    if !phases::update(&mut tx, id, form.version, &change).await? {
        tx.rollback().await?;
        let schedule = schedule_of(&state, plan.id, id).await?;
        let page = edit_page(&state, ctx, &user, &schedule, form, Shown::Conflict).await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    if let Some(order) = new_order(rows, id, parsed.after) {
        phases::reorder(&mut tx, &order).await?;
    }
    let updated = Change::PhaseUpdated {
        phase: id,
        before: fields_now(phase),
        after: fields_of(&parsed),
    };
    events::record(&mut tx, Some(plan.id), Some(user.id), &updated).await?;
    phases::shift(&mut tx, &shifts).await?;
    for shift in &shifts {
        let Some(moved) = rows.iter().find(|row| row.id == shift.phase) else {
            continue;
        };
        let before = fields_now(moved);
        let after = PhaseFields {
            start_day: moved.start_day + shift.by,
            end_day: moved.end_day + shift.by,
            ..before.clone()
        };
        let change = Change::PhaseUpdated {
            phase: moved.id,
            before,
            after,
        };
        events::record(&mut tx, Some(plan.id), Some(user.id), &change).await?;
    }
    tx.commit().await?;
    page::flash(&session, ctx.t("phase-saved")).await?;
    Ok(Redirect::to(&format!("/phases/{id}")).into_response())
}

/// The moves of a preview in words: "2.4 Migration: J+16 – J+17 → J+18 –
/// J+19 (+2 days)", and a warning for a deployment phase that would end
/// after launch day.
fn shift_lines(ctx: &PageCtx, rows: &[PhaseRow], shifts: &[Shift], launch_day: i32) -> Vec<String> {
    let lang = ctx.lang;
    shifts
        .iter()
        .filter_map(|shift| {
            let row = rows.iter().find(|row| row.id == shift.phase)?;
            let (start, end) = (row.start_day + shift.by, row.end_day + shift.by);
            let mut line = lang.t_args(
                "phase-preview-move",
                &[
                    ("phase", format!("{} {}", row.section, row.name).into()),
                    (
                        "from",
                        lang.day_span(row.start_day.into(), row.end_day.into())
                            .into(),
                    ),
                    ("to", lang.day_span(start.into(), end.into()).into()),
                    ("signed", format!("{:+}", shift.by).into()),
                    ("days", shift.by.abs().into()),
                ],
            );
            if row.end_day < launch_day && end >= launch_day {
                line.push_str(" — ");
                line.push_str(&ctx.t("phase-preview-after-launch"));
            }
            Some(line)
        })
        .collect()
}
