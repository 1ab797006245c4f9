//! `/phases/{id}`: a phase's checklist.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::{Path, State};
use axum::routing::get;
use chrono::Utc;
use uuid::Uuid;

use crate::app::AppState;
use crate::auth::CurrentUser;
use crate::db::items::Item;
use crate::db::{items, phases, plans};
use crate::domain::calendar::Calendar;
use crate::domain::item::{ItemState, Timeliness, timeliness};
use crate::error::{AppError, Result};
use crate::i18n::Lang;
use crate::web::page::PageCtx;

/// `/phases/{id}`.
pub fn router() -> Router<AppState> {
    Router::new().route("/phases/{id}", get(show_phase))
}

#[derive(Template, WebTemplate)]
#[template(path = "phases/show.html")]
struct PhasePage {
    ctx: PageCtx,
    section: String,
    name: String,
    team: String,
    days: String,
    state: &'static str,
    state_label: String,
    progress_label: String,
    required_label: String,
    percent: i64,
    gate_open: bool,
    items: Vec<ItemRow>,
}

/// An item with every label computed.
struct ItemRow {
    group: Option<String>,
    /// Whether this row starts a new group (the group heading is drawn before it).
    starts_group: bool,
    title: String,
    state: &'static str,
    state_label: String,
    blocked_reason: Option<String>,
    assignee: Option<String>,
    due: String,
    /// "late" or "+2 j", when the item is not on time.
    timing: Option<String>,
    required: bool,
    evidence_url: Option<String>,
    last_change: Option<String>,
}

async fn show_phase(
    State(state): State<AppState>,
    _user: CurrentUser,
    ctx: PageCtx,
    Path(id): Path<String>,
) -> Result<PhasePage> {
    let id = Uuid::parse_str(&id).map_err(|_| AppError::NotFound)?;
    let phase = phases::find(&state.db, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let plan = plans::current(&state.db).await?;
    let items = items::list_for_phase(&state.db, id).await?;
    let calendar = plan.calendar();
    let lang = ctx.lang;
    let today = calendar.today_day(Utc::now());
    let (start, end) = phase.days();
    let progress = phase.progress();
    let phase_state = phase.state(today);
    let mut previous_group = None;
    let items = items
        .into_iter()
        .map(|item| {
            let starts_group = item.group_label.is_some() && item.group_label != previous_group;
            previous_group = item.group_label.clone();
            item_row(lang, &calendar, today, item, starts_group)
        })
        .collect();
    Ok(PhasePage {
        section: phase.section.clone(),
        name: phase.name.clone(),
        team: phase.team_name.clone(),
        days: format!(
            "{} – {}",
            lang.day_and_date(start, calendar.date_of(start)),
            lang.day_and_date(end, calendar.date_of(end))
        ),
        state: phase_state.as_str(),
        state_label: lang.t(phase_state.label_key()),
        progress_label: lang.t_args(
            "progress-count",
            &[
                ("done", progress.done.into()),
                ("total", progress.total.into()),
            ],
        ),
        required_label: lang.t_args(
            "progress-required",
            &[
                ("done", progress.required_done.into()),
                ("total", progress.required_total.into()),
            ],
        ),
        percent: progress.percent(),
        gate_open: progress.gate_open(),
        items,
        ctx,
    })
}

fn item_row(
    lang: Lang,
    calendar: &Calendar,
    today: i64,
    item: Item,
    starts_group: bool,
) -> ItemRow {
    let state = ItemState::parse(&item.state).unwrap_or(ItemState::Todo);
    let due_day = i64::from(item.due_day);
    let done_day = item.done_at.map(|at| calendar.day_of(calendar.today(at)));
    let timing = match timeliness(state, due_day, done_day, today) {
        Timeliness::Late => Some(lang.t("item-late")),
        Timeliness::DoneLate(days) => Some(lang.t_args("item-drift", &[("days", days.into())])),
        Timeliness::OnTime | Timeliness::DoneOnTime => None,
    };
    let last_change = item.changed_at.map(|at| {
        let day = calendar.day_of(calendar.today(at));
        let who = item
            .changed_by_name
            .clone()
            .unwrap_or_else(|| lang.t("someone"));
        format!("{who} · {}", lang.day_and_date(day, calendar.date_of(day)))
    });
    ItemRow {
        group: item.group_label,
        starts_group,
        title: item.title,
        state: state.as_str(),
        state_label: lang.t(state.label_key()),
        blocked_reason: item.blocked_reason,
        assignee: item.assignee_name,
        due: lang.day_and_date(due_day, calendar.date_of(due_day)),
        timing,
        required: item.required,
        evidence_url: item.evidence_url,
        last_change,
    }
}
