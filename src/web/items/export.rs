//! CSV exports of the checklist: one phase's, or every item of the plan.

use axum::Router;
use axum::extract::State;
use axum::response::Response;
use axum::routing::get;

use crate::auth::CurrentUser;
use crate::db::items::{self, Item};
use crate::db::phases;
use crate::error::{AppError, Result};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::csv::{download, neutralised};
use crate::web::extract::CurrentPlan;
use crate::web::extract::IdPath;
use crate::web::page::PageCtx;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/items.csv", get(export_all))
        .route("/phases/{id}/items.csv", get(export_phase))
}

async fn export_all(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    _user: CurrentUser,
    ctx: PageCtx,
) -> Result<Response> {
    let items = items::list_for_plan(&state.db, plan.id).await?;
    csv_response(ctx.lang, &items, "checklist.csv")
}

async fn export_phase(
    State(state): State<AppState>,
    _user: CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<Response> {
    let plan = state.plans.plan().await?;
    let phase = phases::find(&state.db, plan.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let items = items::list_for_phase(&state.db, id).await?;
    csv_response(
        ctx.lang,
        &items,
        &format!("checklist-{}.csv", phase.section),
    )
}

/// `items` as a CSV download named `filename`, one row each, headers in `lang`.
pub(crate) fn csv_response(lang: Lang, items: &[Item], filename: &str) -> Result<Response> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "csv-section",
        "csv-phase",
        "csv-group",
        "csv-item",
        "csv-state",
        "csv-reason",
        "csv-assignee",
        "csv-due-day",
        "csv-required",
        "csv-evidence",
        "csv-changed-by",
        "csv-changed-at",
    ];
    writer
        .write_record(header.map(|key| lang.t(key)))
        .map_err(anyhow::Error::from)?;
    for item in items {
        let state = lang.t(item.state.label_key());
        let record = [
            item.phase_section.clone(),
            item.phase_name.clone(),
            item.group_label.clone().unwrap_or_default(),
            item.title.clone(),
            state,
            item.blocked_reason.clone().unwrap_or_default(),
            item.assignee_name.clone().unwrap_or_default(),
            item.due_day.to_string(),
            lang.t(if item.required { "csv-yes" } else { "csv-no" }),
            item.evidence_url.clone().unwrap_or_default(),
            item.changed_by_name.clone().unwrap_or_default(),
            item.changed_at
                .map(|at| at.to_rfc3339())
                .unwrap_or_default(),
        ];
        writer
            .write_record(record.iter().map(|value| neutralised(value)))
            .map_err(anyhow::Error::from)?;
    }
    let body = writer
        .into_inner()
        .map_err(|error| anyhow::anyhow!("cannot write CSV: {error}"))?;
    Ok(download(filename, body))
}
