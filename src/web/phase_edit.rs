//! `/phases/{id}/edit`: a phase's name, team and days, and the phases it
//! starts after. A change of days that moves linked phases is first shown
//! as a preview ("2.4 and 2.5 move by +2 days"); applying it moves them all
//! in one transaction, one event each. A link that would close a cycle is
//! refused, naming the cycle.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use std::collections::BTreeMap;
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::phases::{self, PhaseChange, PhaseRow};
use crate::db::users::User;
use crate::db::{accounts, events};
use crate::domain::change::{Change, ItemFields, PhaseFields, PhaseLink, PhaseRemoval, Rehoming};
use crate::domain::schedule::{self, Link, Shift, Span};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::admin::team_choices;
use crate::web::extract::{CurrentPlan, IdPath};
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/phases/{id}/edit", get(show_form).post(change_phase))
        .route("/phases/{id}/links", post(add_link))
        .route("/phases/{id}/links/remove", post(remove_link))
        .route("/phases/{id}/remove", get(ask_removal).post(remove_phase))
}

#[derive(Template, WebTemplate)]
#[template(path = "phases/remove.html")]
struct RemovePage {
    ctx: PageCtx,
    id: Uuid,
    section: String,
    phase_name: String,
    version: i32,
    /// Its items, open and in the trash: with some, where they go is asked.
    held: i64,
    question: String,
    targets: Vec<Choice>,
    fate: String,
    error: String,
}

/// What the removal form posts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RemovalForm {
    /// The phase its items go to.
    target: String,
    /// `move` or `trash`.
    fate: String,
    version: i32,
}

#[allow(clippy::too_many_arguments)]
fn removal_page(
    ctx: PageCtx,
    rows: &[PhaseRow],
    phase: &PhaseRow,
    open: i64,
    held: i64,
    form: &RemovalForm,
    error: String,
) -> RemovePage {
    let targets = rows
        .iter()
        .filter(|row| row.id != phase.id)
        .map(|row| Choice {
            value: row.id.to_string(),
            label: format!("{} {}", row.section, row.name),
            selected: row.id.to_string() == form.target,
        })
        .collect();
    RemovePage {
        id: phase.id,
        section: phase.section.clone(),
        phase_name: phase.name.clone(),
        version: phase.version,
        held,
        question: ctx.lang.t_args(
            "phase-remove-items",
            &[("open", open.into()), ("trashed", (held - open).into())],
        ),
        targets,
        fate: if form.fate.is_empty() {
            "move".to_owned()
        } else {
            form.fate.clone()
        },
        error,
        ctx,
    }
}

async fn ask_removal(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<RemovePage> {
    allow(user.may_administer())?;
    let (rows, _, phase) = schedule_of(&state, plan.id, id).await?;
    let (open, held) = phases::held_items(&state.db, id).await?;
    let form = RemovalForm::default();
    Ok(removal_page(
        ctx,
        &rows,
        &phase,
        open,
        held,
        &form,
        String::new(),
    ))
}

async fn remove_phase(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<RemovalForm>,
) -> Result<Response> {
    allow(user.may_administer())?;
    let (rows, _, phase) = schedule_of(&state, plan.id, id).await?;
    let (open, held) = phases::held_items(&state.db, id).await?;
    let target = Uuid::parse_str(&form.target)
        .ok()
        .and_then(|target| rows.iter().find(|row| row.id == target && row.id != id));
    let trash = match form.fate.as_str() {
        "trash" => Some(true),
        "move" => Some(false),
        _ => None,
    };
    // A phase holding items says where they go: nothing is lost with it.
    let refusal = match (held > 0, target, trash) {
        (true, None, _) => Some("phase-remove-target"),
        (true, _, None) => Some("invalid-choice"),
        _ => None,
    };
    if let Some(key) = refusal {
        let page = removal_page(ctx.clone(), &rows, &phase, open, held, &form, ctx.t(key));
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    }
    let trash = trash.unwrap_or(false);
    let mut tx = state.db.begin().await?;
    phases::lock_plan(&mut tx, plan.id).await?;
    let Some(leaving) = phases::remove(
        &mut tx,
        id,
        form.version,
        target.map(|row| row.id),
        trash,
        user.id,
    )
    .await?
    else {
        tx.rollback().await?;
        let (open, held) = phases::held_items(&state.db, id).await?;
        let fresh = RemovalForm::default();
        let page = removal_page(
            ctx.clone(),
            &rows,
            &phase,
            open,
            held,
            &fresh,
            ctx.t("phase-conflict"),
        );
        return Ok((StatusCode::CONFLICT, page).into_response());
    };
    let to_section = target.map(|row| row.section.clone());
    let removed = Change::PhaseRemoved {
        phase: id,
        before: PhaseRemoval {
            phase: fields_now(&phase),
            items: open,
            to_section: to_section.clone(),
            trashed: trash,
        },
    };
    events::record(&mut tx, Some(plan.id), Some(user.id), &removed).await?;
    for item in leaving {
        let change = if trash {
            Change::ItemDeleted {
                item: item.id,
                before: ItemFields {
                    title: item.title,
                    group: item.group_label,
                    due_day: item.due_day,
                    required: item.required,
                    assignee_id: item.assignee_id,
                    evidence_url: item.evidence_url,
                },
            }
        } else {
            Change::ItemRehomed {
                item: item.id,
                after: Rehoming {
                    title: item.title,
                    from_section: phase.section.clone(),
                    to_section: to_section.clone().unwrap_or_default(),
                },
            }
        };
        events::record(&mut tx, Some(plan.id), Some(user.id), &change).await?;
    }
    tx.commit().await?;
    page::flash(&session, ctx.t("phase-removed")).await?;
    Ok(Redirect::to("/timeline").into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "phases/edit.html")]
struct EditPage {
    ctx: PageCtx,
    id: Uuid,
    section: String,
    phase_name: String,
    form: PhaseForm,
    teams: Vec<Choice>,
    /// Whether the editor may give the phase to another team.
    may_change_team: bool,
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

/// What the edit form posts.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
struct PhaseForm {
    name: String,
    team: String,
    start_day: String,
    end_day: String,
    version: i32,
    /// Set by the preview's button: apply what was previewed.
    confirm: String,
}

/// What the link form posts.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct LinkForm {
    before: String,
    lag: String,
}

/// A day typed as `J+12`, `D+12` or `12`.
fn parse_day(raw: &str) -> Option<i32> {
    raw.trim()
        .trim_start_matches(['J', 'D', 'j', 'd', '+'])
        .parse()
        .ok()
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
        Shown::Conflict => (form_of(phase), None, String::new(), None, true),
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
        teams: team_choices(&ctx, &teams, &form.team)
            .into_iter()
            .filter(|choice| !choice.value.is_empty())
            .collect(),
        may_change_team: user.may_administer(),
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

/// The form as the phase reads now.
fn form_of(phase: &PhaseRow) -> PhaseForm {
    PhaseForm {
        name: phase.name.clone(),
        team: phase.team_id.to_string(),
        start_day: phase.start_day.to_string(),
        end_day: phase.end_day.to_string(),
        version: phase.version,
        confirm: String::new(),
    }
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
    let form = form_of(&schedule.2);
    edit_page(&state, ctx, &user, &schedule, form, Shown::Forms).await
}

/// The fields of the phase as `phase` and `change` make them.
fn fields(phase: &PhaseRow, change: &PhaseChange<'_>) -> PhaseFields {
    PhaseFields {
        section: phase.section.clone(),
        name: change.name.to_owned(),
        team_id: change.team_id,
        start_day: change.start_day,
        end_day: change.end_day,
    }
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
    let mut errors = FieldErrors::new(ctx.lang);
    let name = form.name.trim();
    if name.is_empty() {
        errors.add("name", "invalid-required");
    } else if name.chars().count() > 200 || name.contains(char::is_control) {
        errors.add("name", "invalid-too-long");
    }
    // A lead keeps the phase in their team; an admin may give it to another.
    let team_id = if user.may_administer() {
        Uuid::parse_str(&form.team).ok()
    } else {
        Some(phase.team_id)
    };
    if team_id.is_none() {
        errors.add("team", "invalid-choice");
    }
    let horizon = plan.horizon_days;
    let start = parse_day(&form.start_day).filter(|day| (0..=horizon).contains(day));
    let end = parse_day(&form.end_day).filter(|day| (0..=horizon).contains(day));
    if start.is_none() {
        errors.add("start_day", "item-invalid-due-day");
    }
    if end.is_none() {
        errors.add("end_day", "item-invalid-due-day");
    }
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        errors.add("end_day", "phase-invalid-end");
    }
    let (Some(team_id), Some(start_day), Some(end_day), true) =
        (team_id, start, end, errors.is_empty())
    else {
        let page = edit_page(&state, ctx, &user, &schedule, form, Shown::Invalid(errors)).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let change = PhaseChange {
        name,
        team_id,
        start_day,
        end_day,
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
            start: start_day,
            end: end_day,
        },
    );
    if !shifts.is_empty() && form.confirm != "1" {
        let lines = shift_lines(&ctx, rows, &shifts, plan.launch_day);
        let page = edit_page(&state, ctx, &user, &schedule, form, Shown::Preview(lines)).await?;
        return Ok(page.into_response());
    }
    let mut tx = state.db.begin().await?;
    phases::lock_plan(&mut tx, plan.id).await?;
    if !phases::update(&mut tx, id, form.version, &change).await? {
        tx.rollback().await?;
        let schedule = schedule_of(&state, plan.id, id).await?;
        let page = edit_page(&state, ctx, &user, &schedule, form, Shown::Conflict).await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    let updated = Change::PhaseUpdated {
        phase: id,
        before: fields_now(phase),
        after: fields(phase, &change),
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

async fn add_link(
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
        let form = form_of(phase);
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

async fn remove_link(
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
