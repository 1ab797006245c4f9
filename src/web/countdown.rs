//! `/countdown`: the days left to launch day as the team counts them
//! ("J-21", calendar days), the exact time left to the launch moment (its
//! seconds tick by script), each with a word on what it counts, readiness,
//! the poll with the launch actions, and today's and the next communication
//! actions.
//! The kiosk draws the same board for a wall screen.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::Response;
use axum::routing::get;
use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::db::communications::{self, Communication};
use crate::db::snapshots::Snapshot;
use crate::error::Result;
use crate::i18n::Lang;
use crate::live::versions::Scope;
use crate::state::AppState;
use crate::web::communications::upcoming::Upcoming;
use crate::web::live_version::{LiveVersion, Viewer};
use crate::web::page::PageCtx;
use crate::web::screens;
use crate::web::standing::{LaunchStatus, Standing};

mod figures;

pub use figures::{Clock, ClockUnit, figures_explained, time_left_text};
use figures::{clock, days_figure, left_caption};

/// `/countdown`.
pub fn router() -> Router<AppState> {
    Router::new().route("/countdown", get(show_countdown))
}

#[derive(Template, WebTemplate)]
#[template(path = "countdown/show.html")]
struct CountdownPage {
    ctx: PageCtx,
    board: Board,
    /// Admins manage the kiosk link: they get a way there.
    may_manage_screens: bool,
    live: LiveVersion,
}

/// Everything the countdown shows, in one language.
#[derive(Debug)]
pub struct Board {
    pub lang: Lang,
    pub plan_name: String,
    /// "J-21"; on launch day and after, the plan's day.
    pub days: String,
    /// What `days` counts: "calendar days to launch day", "launch day",
    /// "post-launch support".
    pub days_caption: String,
    /// "J+31 · dim. 27 déc. · 10:00 (Europe/Paris)".
    pub launch: String,
    /// The launch moment and the server's clock (RFC 3339, UTC) for the script.
    pub launch_at: String,
    pub now: String,
    /// The time left, or `None` once the launch moment has come.
    pub left: Option<Clock>,
    /// What the clock counts to: "to the launch moment, 10:00 Europe/Paris".
    pub left_caption: String,
    /// "Aujourd'hui : J+10 · dim. 6 déc.".
    pub today: String,
    pub readiness_percent: i64,
    pub readiness_label: String,
    /// The launch's status: GO or HOLD, the launch actions, and once the
    /// launch moment has come, which happened.
    pub poll: LaunchStatus,
    /// Today's communication actions and the next three.
    pub upcoming: Upcoming,
}

async fn show_countdown(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    read_at: Snapshot,
    ctx: PageCtx,
    headers: HeaderMap,
) -> Result<Response> {
    let now = Utc::now();
    let live = LiveVersion::of(&state, Scope::Countdown, Viewer::User(&user, ctx.lang), now);
    if live.shown_by(&state, &headers) {
        return Ok(live.not_modified());
    }
    let board = board(&state, &read_at, ctx.lang, now).await?;
    Ok(live.answer(CountdownPage {
        ctx,
        board,
        may_manage_screens: screens::may_manage(&state, &user).await?,
        live: live.clone(),
    }))
}

/// What the countdown reads: the same for every screen, so held until the
/// database changes (`snapshot_cache`): on launch day, each change makes
/// every open countdown fetch itself again.
struct CountdownData {
    standing: Standing,
    actions: Vec<Communication>,
}

impl CountdownData {
    async fn read(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<CountdownData> {
        let standing = Standing::read_all(pool, plan_id).await?;
        let actions = communications::list(pool, standing.plan.id).await?;
        Ok(CountdownData { standing, actions })
    }
}

/// Reads (unless nothing changed since `read_at`) and lays out the
/// countdown as it stands at `now`.
pub async fn board(
    state: &AppState,
    read_at: &Snapshot,
    lang: Lang,
    now: DateTime<Utc>,
) -> sqlx::Result<Board> {
    let plan_id = state.plans.get().await?.plan.id;
    let data = state
        .snapshots
        .get_or_read(read_at, plan_id.to_string(), || {
            CountdownData::read(&state.db, plan_id)
        })
        .await?;
    let CountdownData { standing, actions } = &*data;
    let calendar = &standing.calendar;
    let today = calendar.today_day(now);
    let upcoming = Upcoming::of(lang, calendar, today, actions);
    let (days, days_caption) = days_figure(lang, calendar, now, standing.outcome(now));
    let launch_at = calendar.launch_at();
    let local_launch = launch_at.with_timezone(&calendar.time_zone);
    Ok(Board {
        lang,
        plan_name: standing.plan.name.clone(),
        days,
        days_caption,
        launch: format!(
            "{} · {} ({})",
            lang.day_and_date(calendar.launch_day, calendar.date_of(calendar.launch_day)),
            local_launch.format("%H:%M"),
            calendar.time_zone.name()
        ),
        launch_at: launch_at.to_rfc3339_opts(SecondsFormat::Secs, true),
        now: now.to_rfc3339_opts(SecondsFormat::Millis, true),
        left: calendar.time_to_launch(now).map(|left| clock(lang, left)),
        left_caption: left_caption(lang, calendar),
        today: lang.t_args(
            "countdown-today",
            &[(
                "day",
                lang.day_and_date(today, calendar.date_of(today)).into(),
            )],
        ),
        readiness_percent: standing.readiness_percent(),
        readiness_label: standing.readiness_label(lang),
        poll: standing.launch_status(lang, now),
        upcoming,
    })
}
