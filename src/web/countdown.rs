//! `/countdown`: the days left to launch day as the team counts them
//! ("J-21"), the exact time left to the launch moment (its seconds tick by
//! script), readiness, the poll and the day's communication actions. The
//! kiosk draws the same board for a wall screen.

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::{DateTime, SecondsFormat, Utc};
use sqlx::PgPool;

use crate::auth::CurrentUser;
use crate::db::communications;
use crate::domain::calendar::{Stage, TimeLeft};
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::page::PageCtx;
use crate::web::standing::{PollSummary, Standing};

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
    may_administer: bool,
}

/// Everything the countdown shows, in one language.
#[derive(Debug)]
pub struct Board {
    pub lang: Lang,
    pub plan_name: String,
    /// "J-21"; on launch day and after, the plan's day.
    pub days: String,
    /// What `days` means: "before launch", "launch day", "post-launch support".
    pub days_caption: String,
    /// "J+31 · dim. 27 déc. · 10:00 (Europe/Paris)".
    pub launch: String,
    /// The launch moment and the server's clock (RFC 3339, UTC) for the script.
    pub launch_at: String,
    pub now: String,
    /// The time left, or `None` once the launch moment has come.
    pub left: Option<Clock>,
    /// "Aujourd'hui : J+10 · dim. 6 déc.".
    pub today: String,
    pub readiness_percent: i64,
    pub readiness_label: String,
    pub poll: PollSummary,
    pub actions: Vec<ActionLine>,
}

/// The time left, each unit as drawn: days as is, the others on two digits.
#[derive(Debug)]
pub struct Clock {
    pub days: String,
    pub hours: String,
    pub minutes: String,
    pub seconds: String,
    /// The same in words, for screen readers and the overview.
    pub text: String,
}

/// A communication action of the day.
#[derive(Debug)]
pub struct ActionLine {
    pub channel: String,
    pub title: String,
    pub audience: String,
    pub team: String,
    pub state: String,
}

async fn show_countdown(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
) -> Result<CountdownPage> {
    let board = board(&state.db, ctx.lang, Utc::now()).await?;
    Ok(CountdownPage {
        ctx,
        board,
        may_administer: user.may_administer(),
    })
}

/// Reads and lays out the countdown as it stands at `now`.
pub async fn board(pool: &PgPool, lang: Lang, now: DateTime<Utc>) -> sqlx::Result<Board> {
    let standing = Standing::load(pool).await?;
    let calendar = &standing.calendar;
    let today = calendar.today_day(now);
    let actions = communications::list(pool, standing.plan.id)
        .await?
        .into_iter()
        .filter(|action| i64::from(action.day) == today)
        .map(|action| ActionLine {
            channel: lang.t(action.channel.label_key()),
            state: lang.t(action.state.label_key()),
            title: action.title,
            audience: action.audience,
            team: action.team_name,
        })
        .collect();
    let (days, days_caption) = match calendar.stage(now) {
        Stage::BeforeKickoff { days_left } | Stage::Preparing { days_left } => (
            lang.day(-days_left),
            lang.t_args("countdown-days-caption", &[("days", days_left.into())]),
        ),
        Stage::LaunchDay => (lang.t("countdown-d-day"), lang.t("countdown-launch-day")),
        Stage::Support { day } | Stage::Over { day } => {
            (lang.day(day), lang.t("countdown-support-caption"))
        }
    };
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
        left: calendar.time_to_launch(now).map(|left| Clock {
            days: left.days.to_string(),
            hours: format!("{:02}", left.hours),
            minutes: format!("{:02}", left.minutes),
            seconds: format!("{:02}", left.seconds),
            text: time_left_text(lang, left),
        }),
        today: lang.t_args(
            "countdown-today",
            &[(
                "day",
                lang.day_and_date(today, calendar.date_of(today)).into(),
            )],
        ),
        readiness_percent: standing.readiness_percent(),
        readiness_label: standing.readiness_label(lang),
        poll: standing.poll_summary(lang),
        actions,
    })
}

/// "20 j 23 h 10 min" / "20 d 23 h 10 min": the time left to the minute.
pub fn time_left_text(lang: Lang, left: TimeLeft) -> String {
    lang.t_args(
        "countdown-time-left",
        &[
            ("days", left.days.into()),
            ("hours", left.hours.into()),
            ("minutes", left.minutes.into()),
        ],
    )
}
