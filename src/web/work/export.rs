//! `GET /work.csv`: the work queue as the page filters it, row for row: the
//! columns of the checklist's own export, with the kind of each row first
//! and an action's channel and team beside them.

use axum::extract::{RawQuery, State};
use axum::response::Response;

use super::Queue;
use super::entry::Entry;
use crate::auth::CurrentUser;
use crate::error::Result;
use crate::state::AppState;
use crate::web::csv::{download, neutralised};
use crate::web::extract::CurrentPlan;
use crate::web::page::PageCtx;

pub(super) async fn export_work(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response> {
    let lang = ctx.lang;
    let queue = Queue::load(&state, &plan, user.id, raw.as_deref()).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "work-csv-kind",
        "csv-section",
        "csv-phase",
        "csv-group",
        "work-csv-title",
        "work-csv-channel",
        "work-csv-team",
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
    let team_name = |id| {
        queue
            .teams
            .iter()
            .find(|team| team.id == id)
            .map(|team| team.name.clone())
            .unwrap_or_default()
    };
    for entry in &queue.entries {
        let record = match entry {
            Entry::Item(item) => [
                lang.t("work-csv-kind-item"),
                item.phase_section.clone(),
                item.phase_name.clone(),
                item.group_label.clone().unwrap_or_default(),
                item.title.clone(),
                String::new(),
                team_name(item.team_id),
                lang.t(item.state.label_key()),
                item.blocked_reason.clone().unwrap_or_default(),
                item.assignee_name.clone().unwrap_or_default(),
                item.due_day.to_string(),
                lang.t(if item.required { "csv-yes" } else { "csv-no" }),
                item.evidence_url.clone().unwrap_or_default(),
                item.changed_by_name.clone().unwrap_or_default(),
                item.changed_at
                    .map(|at| at.to_rfc3339())
                    .unwrap_or_default(),
            ],
            // What an action does not have (a phase, a reason, a required
            // flag, evidence, a recorded changer) stays empty, not "no".
            Entry::Action(action) => [
                lang.t("work-csv-kind-action"),
                String::new(),
                String::new(),
                String::new(),
                action.title.clone(),
                lang.t(action.channel.label_key()),
                action.team_name.clone(),
                lang.t(action.state.label_key()),
                String::new(),
                action.owner_name.clone().unwrap_or_default(),
                action.day.to_string(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
            ],
        };
        writer
            .write_record(record.iter().map(|value| neutralised(value)))
            .map_err(anyhow::Error::from)?;
    }
    let body = writer
        .into_inner()
        .map_err(|error| anyhow::anyhow!("cannot write CSV: {error}"))?;
    Ok(download("work.csv", body))
}
