//! `/`: where the launch stands today.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::Utc;

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::db::{phases, plans};
use crate::domain::phase::Progress;
use crate::error::Result;
use crate::web::page::PageCtx;

/// `/`.
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show_overview))
}

#[derive(Template, WebTemplate)]
#[template(path = "overview.html")]
struct OverviewPage {
    ctx: PageCtx,
    plan_name: String,
    today: String,
    countdown: String,
    readiness_label: String,
    readiness_percent: i64,
    phases: Vec<PhaseChip>,
}

/// A phase on the overview's strip.
struct PhaseChip {
    href: String,
    label: String,
    days: String,
    state: &'static str,
    state_label: String,
}

async fn show_overview(
    State(state): State<AppState>,
    _user: CurrentUser,
    ctx: PageCtx,
) -> Result<OverviewPage> {
    let plan = plans::current(&state.db).await?;
    let phases = phases::list(&state.db, plan.id).await?;
    let calendar = plan.calendar();
    let lang = ctx.lang;
    let today = calendar.today_day(Utc::now());
    let days_left = calendar.launch_day - today;
    let countdown = match days_left {
        left if left > 0 => lang.t_args("countdown-days-left", &[("days", left.into())]),
        0 => lang.t("countdown-launch-day"),
        _ => lang.t_args("countdown-after-launch", &[("day", lang.day(today).into())]),
    };
    let readiness =
        phases
            .iter()
            .map(|phase| phase.progress())
            .fold(Progress::default(), |sum, p| Progress {
                done: sum.done + p.done,
                total: sum.total + p.total,
                required_done: sum.required_done + p.required_done,
                required_total: sum.required_total + p.required_total,
            });
    let chips = phases
        .iter()
        .map(|phase| {
            let (start, end) = phase.days();
            let phase_state = phase.state(today);
            PhaseChip {
                href: format!("/phases/{}", phase.id),
                label: format!("{} {}", phase.section, phase.name),
                days: lang.day_span(start, end),
                state: phase_state.as_str(),
                state_label: lang.t(phase_state.label_key()),
            }
        })
        .collect();
    let readiness_percent = if readiness.required_total == 0 {
        100
    } else {
        readiness.required_done * 100 / readiness.required_total
    };
    Ok(OverviewPage {
        plan_name: plan.name,
        today: lang.day_and_date(today, calendar.date_of(today)),
        countdown,
        readiness_label: lang.t_args(
            "progress-required",
            &[
                ("done", readiness.required_done.into()),
                ("total", readiness.required_total.into()),
            ],
        ),
        readiness_percent,
        phases: chips,
        ctx,
    })
}
