//! `POST /feedback/{id}`: status, assignee, and the risk or checklist item
//! the entry is linked to. One event per field that changed, in the same
//! transaction; a stale `version` answers 409 with the stored state shown.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use super::entry::{self, Redraw, TriageValues};
use super::to_entry;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::db::events;
use crate::db::feedback::{self, Entry, Triage};
use crate::db::feedback_choices::{self, Pick};
use crate::domain::change::{Change, EntryAssignee, EntryItem, EntryRisk, EntryStatus};
use crate::domain::feedback::Status;
use crate::error::{AppError, Result};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::extract::IdPath;
use crate::web::form::FieldErrors;
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/feedback/{id}", post(update_feedback))
}

/// What the triage form posts.
#[derive(Default, Deserialize)]
#[serde(default)]
struct TriageForm {
    status: String,
    assignee: String,
    risk: String,
    item: String,
    version: String,
}

impl TriageForm {
    fn values(&self) -> TriageValues {
        TriageValues {
            status: self.status.clone(),
            assignee: self.assignee.clone(),
            risk: self.risk.clone(),
            item: self.item.clone(),
        }
    }
}

/// An optional choice among `allowed`: empty is none, anything not offered is refused.
fn pick(raw: &str, allowed: &[Uuid]) -> Result<Option<Uuid>, ()> {
    if raw.is_empty() {
        return Ok(None);
    }
    Uuid::parse_str(raw)
        .ok()
        .filter(|id| allowed.contains(id))
        .map(Some)
        .ok_or(())
}

fn ids(picks: Vec<Pick>) -> Vec<Uuid> {
    picks.into_iter().map(|pick| pick.id).collect()
}

async fn parse(
    state: &AppState,
    entry: &Entry,
    form: &TriageForm,
    errors: &mut FieldErrors,
) -> Result<Option<Triage>> {
    let status = Status::parse(&form.status);
    if status.is_none() {
        errors.add("status", "invalid-choice");
    }
    let assignees = ids(feedback_choices::assignees(&state.db).await?);
    let risks = ids(feedback_choices::risks(&state.db, entry.plan_id).await?);
    let items: Vec<Uuid> = feedback_choices::items(&state.db, entry.plan_id)
        .await?
        .into_iter()
        .map(|item| item.id)
        .collect();
    let mut choose = |field: &'static str, raw: &str, allowed: &[Uuid]| {
        pick(raw, allowed)
            .map_err(|()| errors.add(field, "invalid-choice"))
            .ok()
    };
    let assignee_id = choose("assignee", &form.assignee, &assignees);
    let risk_id = choose("risk", &form.risk, &risks);
    let item_id = choose("item", &form.item, &items);
    let (Some(status), Some(assignee_id), Some(risk_id), Some(item_id)) =
        (status, assignee_id, risk_id, item_id)
    else {
        return Ok(None);
    };
    Ok(Some(Triage {
        status,
        assignee_id,
        risk_id,
        item_id,
    }))
}

/// What this user tried, for the conflict message.
fn attempted(lang: Lang, triage: &Triage) -> String {
    lang.t_args(
        "feedback-conflict",
        &[("status", lang.t(triage.status.label_key()).into())],
    )
}

async fn update_feedback(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<TriageForm>,
) -> Result<Response> {
    policy::allow(user.may_triage_feedback())?;
    let current = entry::load(&state, id).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let Some(triage) = parse(&state, &current, &form, &mut errors).await? else {
        let redraw = Redraw {
            triage: Some(form.values()),
            errors: Some(errors),
            ..Redraw::default()
        };
        let page = entry::entry_page(&state, ctx, &user, current, redraw).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };

    let mut tx = state.db.begin().await?;
    let before = feedback::lock(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let version = form.version.trim().parse::<i32>().ok();
    if version != Some(before.version) || before.merged_into_id.is_some() {
        tx.rollback().await?;
        let redraw = Redraw {
            conflict: Some(attempted(ctx.lang, &triage)),
            ..Redraw::default()
        };
        let page = entry::entry_page(&state, ctx, &user, before, redraw).await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    let was = before.triage();
    if was != triage {
        feedback::update_triage(&mut tx, id, before.version, triage).await?;
        // One change for each field that moved.
        let changes = [
            (was.status != triage.status).then_some(Change::FeedbackStatusChanged {
                entry: id,
                before: EntryStatus { status: was.status },
                after: EntryStatus {
                    status: triage.status,
                },
            }),
            (was.assignee_id != triage.assignee_id).then_some(Change::FeedbackAssigned {
                entry: id,
                before: EntryAssignee {
                    assignee_id: was.assignee_id,
                },
                after: EntryAssignee {
                    assignee_id: triage.assignee_id,
                },
            }),
            (was.risk_id != triage.risk_id).then_some(Change::FeedbackRiskLinked {
                entry: id,
                before: EntryRisk {
                    risk_id: was.risk_id,
                },
                after: EntryRisk {
                    risk_id: triage.risk_id,
                },
            }),
            (was.item_id != triage.item_id).then_some(Change::FeedbackItemLinked {
                entry: id,
                before: EntryItem {
                    item_id: was.item_id,
                },
                after: EntryItem {
                    item_id: triage.item_id,
                },
            }),
        ];
        for change in changes.into_iter().flatten() {
            events::record(&mut tx, Some(before.plan_id), Some(user.id), &change).await?;
        }
    }
    tx.commit().await?;
    page::flash(&session, ctx.t("feedback-saved")).await?;
    Ok(to_entry(id))
}
