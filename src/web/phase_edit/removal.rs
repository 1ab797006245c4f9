//! `/phases/{id}/remove` (admins): a phase holding items asks where they go
//! — another phase, or the trash to be restored from there — so that none
//! is lost with it; one event for the phase and one per item.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use super::{fields_now, schedule_of};
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::events;
use crate::db::phases::{self, PhaseRow};
use crate::domain::change::{Change, ItemFields, PhaseRemoval, Rehoming};
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::{CurrentPlan, IdPath};
use crate::web::form::Choice;
use crate::web::page::{self, PageCtx};

#[derive(Template, WebTemplate)]
#[template(path = "phases/remove.html")]
pub(super) struct RemovePage {
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
pub(super) struct RemovalForm {
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

pub(super) async fn ask_removal(
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

pub(super) async fn remove_phase(
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
