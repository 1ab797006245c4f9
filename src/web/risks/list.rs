//! `/risks`: the register, highest score first, filtered by status, owner
//! team and heat map cell, with the heat map of the same risks.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::get;
use chrono::Utc;

use super::editable_teams;
use super::filter::{RegisterQuery, StatusFilter};
use super::heatmap::{self, HeatMap};
use super::view::RiskFacts;
use crate::auth::CurrentUser;
use crate::db::{accounts, risks};
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::form::Choice;
use crate::web::page::PageCtx;

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/risks", get(list_risks))
}

#[derive(Template, WebTemplate)]
#[template(path = "risks/list.html")]
struct RegisterPage {
    ctx: PageCtx,
    rows: Vec<RiskFacts>,
    heatmap: HeatMap,
    statuses: Vec<Choice>,
    teams: Vec<Choice>,
    /// The chosen cell, said in words, and the link that drops it.
    cell: Option<(String, String)>,
    summary: String,
    export: String,
    may_create: bool,
}

async fn list_risks(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    RawQuery(raw): RawQuery,
) -> Result<RegisterPage> {
    let lang = ctx.lang;
    let query = RegisterQuery::parse(raw.as_deref());
    let calendar = plan.calendar();
    let today = calendar.today_day(Utc::now());
    let risks = risks::list(&state.db, plan.id, &query.filter()).await?;
    let heatmap = heatmap::layout(lang, &risks, query);
    let rows: Vec<RiskFacts> = risks
        .iter()
        .filter(|risk| query.in_cell(risk))
        .map(|risk| RiskFacts::of(lang, &calendar, today, risk))
        .collect();
    let overdue = rows.iter().filter(|row| row.overdue).count();
    let statuses = StatusFilter::all()
        .into_iter()
        .map(|status| Choice {
            value: status.as_str().to_owned(),
            label: match status {
                StatusFilter::Active => lang.t("risk-filter-active"),
                StatusFilter::All => lang.t("risk-filter-all"),
                StatusFilter::Only(status) => lang.t(&status.label_key()),
            },
            selected: status == query.status,
        })
        .collect();
    let teams = std::iter::once((String::new(), lang.t("risk-filter-all-teams")))
        .chain(
            accounts::team_choices(&state.db)
                .await?
                .into_iter()
                .map(|(id, name)| (id.to_string(), name)),
        )
        .map(|(value, label)| Choice {
            selected: value == query.team.map(|team| team.to_string()).unwrap_or_default(),
            value,
            label,
        })
        .collect();
    let cell = query.cell.map(|(likelihood, impact)| {
        let label = lang.t_args(
            "risk-filter-cell",
            &[
                ("likelihood", likelihood.value().into()),
                ("impact", impact.value().into()),
            ],
        );
        (label, format!("/risks{}", query.with_cell(None).to_query()))
    });
    Ok(RegisterPage {
        summary: lang.t_args(
            "risk-summary",
            &[("count", rows.len().into()), ("overdue", overdue.into())],
        ),
        rows,
        heatmap,
        statuses,
        teams,
        cell,
        export: format!("/risks.csv{}", query.to_query()),
        may_create: !editable_teams(&state, &user).await?.is_empty(),
        ctx,
    })
}
