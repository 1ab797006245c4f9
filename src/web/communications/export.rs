//! `GET /communications.csv`: the communication plan as the page filters it,
//! for a spreadsheet.

use axum::extract::{RawQuery, State};
use axum::response::Response;
use chrono::Utc;

use super::filter::ActionQuery;
use crate::auth::CurrentUser;
use crate::db::communications;
use crate::domain::communication::is_late;
use crate::error::Result;
use crate::state::AppState;
use crate::web::csv::{download, neutralised};
use crate::web::extract::CurrentPlan;
use crate::web::page::PageCtx;

pub(super) async fn export_actions(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    _user: CurrentUser,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response> {
    let lang = ctx.lang;
    let query = ActionQuery::parse(raw.as_deref());
    let calendar = plan.calendar();
    let today = calendar.today_day(Utc::now());
    let actions = communications::list(&state.db, plan.id).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    let header = [
        "communications-csv-day",
        "communications-csv-date",
        "communications-csv-title",
        "communications-csv-channel",
        "communications-csv-audience",
        "communications-csv-team",
        "communications-csv-owner",
        "communications-csv-state",
        "communications-csv-late",
        "communications-csv-item",
    ];
    writer
        .write_record(header.map(|key| lang.t(key)))
        .map_err(anyhow::Error::from)?;
    for action in actions.iter().filter(|action| query.keeps(action)) {
        let day = i64::from(action.day);
        let late = is_late(action.state, day, today);
        let record = [
            lang.day(day),
            calendar.date_of(day).format("%Y-%m-%d").to_string(),
            action.title.clone(),
            lang.t(action.channel.label_key()),
            action.audience.clone(),
            action.team_name.clone(),
            action.owner_name.clone().unwrap_or_default(),
            lang.t(action.state.label_key()),
            lang.t(if late { "csv-yes" } else { "csv-no" }),
            action.item_title.clone().unwrap_or_default(),
        ];
        writer
            .write_record(record.iter().map(|value| neutralised(value)))
            .map_err(anyhow::Error::from)?;
    }
    let body = writer
        .into_inner()
        .map_err(|error| anyhow::anyhow!("cannot write CSV: {error}"))?;
    Ok(download("communications.csv", body))
}
