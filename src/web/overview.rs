//! `/`: where the launch stands today, on one screen: today's J+n, the
//! countdown, readiness, the phase strip, top risks, the Go / No-Go state and
//! what needs attention (blocked, late and due items), the latest changes of
//! the plan, the forecast of late phases, and after launch the feedback
//! trends. Ten statements (twelve after launch) whatever the size of the
//! plan when the database changed
//! since the page was drawn for the same role, language and day; otherwise
//! one, which finds that it did not (`snapshot_cache`), and only the
//! countdown and the Go / No-Go state are told again.

use std::collections::BTreeMap;
use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::db::attention::{self, Pressing};
use crate::db::events::{self, Event};
use crate::db::open_risks::{self, OpenRisk};
use crate::db::phases::{self, Phase};
use crate::db::snapshots::Snapshot;
use crate::domain::calendar::Stage;
use crate::domain::change::Reader;
use crate::domain::drift::{self, Pace};
use crate::domain::role::Role;
use crate::domain::schedule::Link;
use crate::domain::verdict::Outcome;
use crate::error::{AppError, Result};
use crate::i18n::Lang;
use crate::live::versions::Scope;
use crate::state::AppState;
use crate::web::activity::{EventLine, describe};
use crate::web::attention::{Attention, DUE_WITHIN};
use crate::web::countdown::{figures_explained, time_left_text};
use crate::web::feedback::chart::Trends;
use crate::web::feedback::trends;
use crate::web::live_version::{LiveVersion, Viewer};
use crate::web::page::PageCtx;
use crate::web::prose::{self, Block};
use crate::web::standing::{LaunchStatus, Standing};

/// How many risks and events the overview shows.
const TOP_RISKS: i64 = 3;
const LATEST_EVENTS: i64 = 5;

/// `/`.
pub fn router() -> Router<AppState> {
    Router::new().route("/", get(show_overview))
}

#[derive(Template, WebTemplate)]
#[template(path = "overview.html")]
struct OverviewPage {
    ctx: PageCtx,
    view: Arc<OverviewView>,
    countdown: String,
    countdown_detail: String,
    poll: LaunchStatus,
    live: LiveVersion,
}

/// What the overview shows but the moment's countdown and Go / No-Go state:
/// the same for every viewer of one role, in one language, on one day, so
/// drawn once and held until the database changes (`snapshot_cache`).
struct OverviewView {
    /// What the countdown and the poll are told from, at each request.
    standing: Standing,
    plan_name: String,
    /// The plan's description: its objectives, as written.
    objectives: Vec<Block>,
    today: String,
    readiness_label: String,
    readiness_percent: i64,
    phases: Vec<PhaseChip>,
    /// Today falls after every phase: the marker closes the strip.
    today_after_all: bool,
    /// Before launch: the phases forecast to end late, and what that does to launch.
    forecast: Forecast,
    today_label: String,
    risks: Vec<RiskLine>,
    attention: Attention,
    activity: Vec<EventLine>,
    /// The feedback trends, once launch day is past.
    trends: Option<Arc<Trends>>,
    /// "4 retours à trier", once launch day is past.
    to_triage: Option<String>,
}

/// A phase on the overview's strip.
struct PhaseChip {
    href: String,
    label: String,
    days: String,
    readiness: String,
    state: &'static str,
    state_label: String,
    /// "2 bloqués", when some of its items are blocked.
    blocked: Option<String>,
    /// Today is one of its days.
    current: bool,
    /// Today falls before it and after the phase before it: the marker goes here.
    today_before: bool,
}

/// The drift of the plan: each late phase in a sentence, and the launch
/// day they would make, when it moves.
#[derive(Default)]
struct Forecast {
    lines: Vec<DriftLine>,
    launch: Option<String>,
}

/// "2.1 Préparation is 3 days late…", linked to the phase.
struct DriftLine {
    href: String,
    text: String,
}

impl Forecast {
    fn of(lang: Lang, phases: &[Phase], links: &[Link], today: i32, launch_day: i32) -> Forecast {
        let paces: BTreeMap<Uuid, Pace> = phases
            .iter()
            .map(|phase| (phase.id, phase.pace()))
            .collect();
        let drifts = drift::drifts(&paces, links, today, launch_day);
        // In the plan's order, not the ids'.
        let lines = phases
            .iter()
            .filter_map(|phase| {
                let drift = drifts.iter().find(|drift| drift.phase == phase.id)?;
                let mut text = lang.t_args(
                    "overview-drift",
                    &[
                        ("phase", format!("{} {}", phase.section, phase.name).into()),
                        ("late", drift.late.into()),
                        ("forecast", lang.day(drift.forecast_end.into()).into()),
                        ("end", lang.day(phase.end_day.into()).into()),
                    ],
                );
                text.push(' ');
                text.push_str(&if drift.launch_moves > 0 {
                    lang.t_args(
                        "overview-drift-launch",
                        &[("days", drift.launch_moves.into())],
                    )
                } else if phase.end_day < launch_day {
                    lang.t("overview-drift-absorbed")
                } else {
                    String::new()
                });
                Some(DriftLine {
                    href: format!("/phases/{}", phase.id),
                    text: text.trim_end().to_owned(),
                })
            })
            .collect();
        let moves = drifts
            .iter()
            .map(|drift| drift.launch_moves)
            .max()
            .unwrap_or(0);
        Forecast {
            lines,
            launch: (moves > 0).then(|| {
                lang.t_args(
                    "overview-drift-headline",
                    &[
                        ("from", lang.day(launch_day.into()).into()),
                        ("to", lang.day((launch_day + moves).into()).into()),
                    ],
                )
            }),
        }
    }
}

/// One of the top risks.
struct RiskLine {
    href: String,
    title: String,
    score: String,
    owner: String,
}

async fn show_overview(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    snapshot: Snapshot,
    ctx: PageCtx,
    headers: HeaderMap,
) -> Result<Response> {
    let now = Utc::now();
    let live = LiveVersion::of(&state, Scope::Overview, Viewer::User(&user, ctx.lang), now);
    if live.shown_by(&state, &headers) {
        return Ok(live.not_modified());
    }
    let lang = ctx.lang;
    let plan = state.plans.plan().await?;
    let calendar = plan.calendar();
    let day = i32::try_from(calendar.today_day(now)).unwrap_or(i32::MAX);
    let supporting = matches!(
        calendar.stage(now),
        Stage::Support { .. } | Stage::Over { .. }
    );
    let key = format!(
        "{}/{}/{}/{day}/{supporting}",
        plan.id,
        user.role.as_str(),
        lang.code()
    );
    let view = state
        .snapshots
        .get_or_read(&snapshot, key, || async {
            let data = OverviewData::read(&state.db, plan.id, user.role, lang, day, supporting);
            Ok::<_, AppError>(OverviewView::draw(data.await?, lang, day, supporting))
        })
        .await?;
    let poll = view.standing.launch_status(lang, now);
    let (countdown, countdown_detail) = countdown_texts(lang, &view.standing, now, &poll);
    Ok(live.answer(OverviewPage {
        view,
        countdown,
        countdown_detail,
        poll,
        live: live.clone(),
        ctx,
    }))
}

impl OverviewView {
    /// The view of `data` in `lang` on plan day `day`, after launch when `supporting`.
    fn draw(data: OverviewData, lang: Lang, day: i32, supporting: bool) -> OverviewView {
        let OverviewData {
            standing,
            links,
            risks,
            events,
            pressing,
            support,
        } = data;
        let calendar = &standing.calendar;
        let today = i64::from(day);
        let (trends, to_triage) = match support {
            Some((waiting, trends)) => (
                trends,
                Some(lang.t_args("attention-to-triage", &[("count", waiting.into())])),
            ),
            None => (None, None),
        };
        let mut marker_placed = false;
        let phases = standing
            .phases
            .iter()
            .map(|phase| {
                let (start, end) = phase.days();
                let phase_state = phase.state(today);
                let current = (start..=end).contains(&today);
                let today_before = !marker_placed && today < start;
                marker_placed |= current || today_before;
                PhaseChip {
                    href: format!("/phases/{}", phase.id),
                    label: format!("{} {}", phase.section, phase.name),
                    days: lang.day_span(start, end),
                    readiness: lang.t_args(
                        "overview-phase-required",
                        &[
                            ("done", phase.required_done.into()),
                            ("total", phase.required_total.into()),
                        ],
                    ),
                    state: phase_state.as_str(),
                    state_label: lang.t(phase_state.label_key()),
                    blocked: (phase.blocked > 0)
                        .then(|| lang.t_args("phase-blocked", &[("count", phase.blocked.into())])),
                    current,
                    today_before,
                }
            })
            .collect();
        OverviewView {
            plan_name: standing.plan.name.clone(),
            objectives: prose::blocks(&standing.plan.description),
            today: lang.day_and_date(today, calendar.date_of(today)),
            readiness_label: standing.readiness_label(lang),
            readiness_percent: standing.readiness_percent(),
            phases,
            today_after_all: !marker_placed,
            forecast: if supporting {
                Forecast::default()
            } else {
                Forecast::of(
                    lang,
                    &standing.phases,
                    &links,
                    day,
                    standing.plan.launch_day,
                )
            },
            today_label: lang.t_args("overview-today-marker", &[("day", lang.day(today).into())]),
            risks: risks
                .iter()
                .map(|risk| RiskLine {
                    href: format!("/risks/{}", risk.id),
                    score: lang.t_args(
                        "overview-risk-score",
                        &[
                            ("score", risk.score.into()),
                            ("likelihood", risk.likelihood.into()),
                            ("impact", risk.impact.into()),
                        ],
                    ),
                    title: risk.title.clone(),
                    owner: risk.owner_team.clone(),
                })
                .collect(),
            attention: Attention::of(lang, pressing, day),
            activity: events
                .iter()
                .map(|event| describe(lang, calendar, event))
                .collect(),
            trends,
            to_triage,
            standing,
        }
    }
}

/// What the overview reads from the database: the same for every viewer of
/// one role, in one language, on one day, so held until the database changes.
struct OverviewData {
    standing: Standing,
    /// The links between its phases, for the forecast.
    links: Vec<Link>,
    risks: Vec<OpenRisk>,
    events: Vec<Event>,
    pressing: Vec<Pressing>,
    /// After launch: how many entries wait for triage, and the chart of the
    /// support period.
    support: Option<(i64, Option<Arc<Trends>>)>,
}

impl OverviewData {
    async fn read(
        pool: &PgPool,
        plan_id: Uuid,
        role: Role,
        lang: Lang,
        day: i32,
        supporting: bool,
    ) -> Result<OverviewData> {
        let standing = Standing::read_all(pool, plan_id).await?;
        let support = if supporting {
            let waiting = attention::feedback_to_triage(pool, plan_id).await?;
            let trends = trends::support_period_chart(pool, &standing.plan, lang).await?;
            Some((waiting, trends.map(Arc::new)))
        } else {
            None
        };
        let links = phases::links(&mut *pool.acquire().await?, plan_id).await?;
        Ok(OverviewData {
            links,
            risks: open_risks::ranked(pool, plan_id, TOP_RISKS).await?,
            events: events::feed(pool, Reader::signed_in(role), LATEST_EVENTS).await?,
            pressing: attention::pressing(pool, plan_id, day, DUE_WITHIN).await?,
            standing,
            support,
        })
    }
}

/// The countdown card: to kickoff before J0, to launch until the launch
/// moment, then which happened: launched after a GO, or the moment passed
/// without one.
fn countdown_texts(
    lang: Lang,
    standing: &Standing,
    now: DateTime<Utc>,
    poll: &LaunchStatus,
) -> (String, String) {
    let calendar = &standing.calendar;
    let status = poll
        .outcome
        .as_ref()
        .map(|line| line.text.clone())
        .unwrap_or_default();
    match (calendar.stage(now), standing.outcome(now)) {
        (Stage::BeforeKickoff { days_left }, _) => (
            lang.t_args("overview-kickoff-in", &[("days", days_left.into())]),
            lang.day_and_date(0, calendar.kickoff),
        ),
        (Stage::Preparing { days_left }, _) => (
            lang.t_args("countdown-days-left", &[("days", days_left.into())]),
            figures_explained(lang, calendar, now).unwrap_or_default(),
        ),
        (Stage::LaunchDay, Outcome::Ahead) => (
            lang.t("countdown-launch-day"),
            calendar
                .time_to_launch(now)
                .map(|left| time_left_text(lang, left))
                .unwrap_or_default(),
        ),
        (_, Outcome::Missed | Outcome::Ahead) => (
            lang.t_args(
                "overview-missed",
                &[("day", lang.day(calendar.today_day(now)).into())],
            ),
            status,
        ),
        (Stage::LaunchDay, Outcome::Launched { .. }) => (lang.t("countdown-launch-day"), status),
        (Stage::Support { day }, Outcome::Launched { .. }) => (
            lang.t_args("countdown-after-launch", &[("day", lang.day(day).into())]),
            status,
        ),
        (Stage::Over { day }, Outcome::Launched { .. }) => (
            lang.t_args("overview-plan-over", &[("day", lang.day(day).into())]),
            status,
        ),
    }
}
