//! `/risks.csv`: the register as filtered, for a spreadsheet, in the
//! reader's language like the checklist's export.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::response::Response;
use axum::routing::get;
use chrono::Utc;

use super::filter::RegisterQuery;
use crate::auth::CurrentUser;
use crate::db::risks;
use crate::domain::risk::review_overdue;
use crate::error::Result;
use crate::state::AppState;
use crate::web::csv::{download, neutralised};
use crate::web::extract::CurrentPlan;
use crate::web::page::PageCtx;

/// The catalog keys of the header row.
const HEADER: [&str; 17] = [
    "risk-csv-title",
    "risk-csv-impact-description",
    "risk-csv-likelihood",
    "risk-csv-impact",
    "risk-csv-score",
    "risk-csv-band",
    "risk-csv-residual-likelihood",
    "risk-csv-residual-impact",
    "risk-csv-residual-score",
    "risk-csv-owner",
    "risk-csv-treatment",
    "risk-csv-status",
    "risk-csv-mitigation",
    "risk-csv-items-done",
    "risk-csv-items-total",
    "risk-csv-next-review",
    "risk-csv-overdue",
];

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/risks.csv", get(export_risks))
}

async fn export_risks(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    _user: CurrentUser,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<Response> {
    let lang = ctx.lang;
    let query = RegisterQuery::parse(raw.as_deref());
    let calendar = plan.calendar();
    let today = calendar.today_day(Utc::now());
    let risks = risks::list(&state.db, plan.id, &query.filter()).await?;
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer
        .write_record(HEADER.map(|key| lang.t(key)))
        .map_err(anyhow::Error::from)?;
    let number = |value: Option<i16>| value.map(|value| value.to_string()).unwrap_or_default();
    for risk in risks.iter().filter(|risk| query.in_cell(risk)) {
        let score = risk.score();
        let overdue = review_overdue(risk.next_review_day.map(i64::from), risk.status, today);
        let record = [
            risk.title.clone(),
            risk.impact_description.clone(),
            risk.likelihood.to_string(),
            risk.impact.to_string(),
            score.value().to_string(),
            lang.t(&score.band().label_key()),
            number(risk.residual_likelihood),
            number(risk.residual_impact),
            risk.residual()
                .map(|residual| residual.value().to_string())
                .unwrap_or_default(),
            risk.owner_team_name.clone(),
            lang.t(&risk.treatment.label_key()),
            lang.t(&risk.status.label_key()),
            risk.mitigation.clone(),
            risk.items_done.to_string(),
            risk.items_total.to_string(),
            risk.next_review_day
                .map(|day| lang.day_and_date(day.into(), calendar.date_of(day.into())))
                .unwrap_or_default(),
            lang.t(if overdue { "csv-yes" } else { "csv-no" }),
        ];
        writer
            .write_record(record.iter().map(|value| neutralised(value)))
            .map_err(anyhow::Error::from)?;
    }
    let body = writer
        .into_inner()
        .map_err(|error| anyhow::anyhow!("cannot write CSV: {error}"))?;
    Ok(download("risks.csv", body))
}
