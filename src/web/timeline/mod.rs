//! `/timeline`: the plan's phases as a Gantt chart, with a table of the same facts.

pub mod chart;
mod mini_bar;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use askama::Template;
use askama_web::WebTemplate;
use axum::Router;
use axum::extract::State;
use axum::routing::get;
use chrono::Utc;
use sqlx::PgPool;
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::db::communications::{self, Communication};
use crate::db::phases::{self, Phase};
use crate::db::snapshots::Snapshot;
use crate::domain::schedule::{self, Link, Span};
use crate::error::{AppError, Result};
use crate::i18n::{self, Lang};
use crate::plan_cache::PlanSnapshot;
use crate::state::AppState;
use crate::web::page::PageCtx;

/// `/timeline`.
pub fn router() -> Router<AppState> {
    Router::new().route("/timeline", get(show_timeline))
}

#[derive(Template, WebTemplate)]
#[template(path = "timeline/show.html")]
struct TimelinePage {
    ctx: PageCtx,
    view: Arc<TimelineView>,
    may_add_action: bool,
    /// Admins add phases.
    may_add_phase: bool,
}

/// What the timeline shows, the same for everyone who reads it in one
/// language on one day: held until the database changes, with the plan it
/// was drawn from (the plan is kept apart, see `plan_cache`).
struct TimelineView {
    /// The plan it was drawn from, as this instance held it: a view drawn
    /// from an older copy is drawn again.
    held: Arc<PlanSnapshot>,
    today: String,
    gantt: chart::Gantt,
    rows: Vec<PhaseRow>,
    actions: Vec<ActionRow>,
    /// The teams of its phases, for who may add an action.
    phase_teams: Vec<Uuid>,
}

/// A communication action in the table under the phases.
struct ActionRow {
    href: String,
    when: String,
    channel: String,
    title: String,
    audience: String,
    team: String,
    state: String,
}

/// A row of the accessible table under the chart.
struct PhaseRow {
    href: String,
    section: String,
    name: String,
    days: String,
    dates: String,
    team: String,
    progress: String,
    state: &'static str,
    state_label: String,
    /// How many of its items are blocked.
    blocked: i64,
    /// On the critical path to launch day.
    critical: bool,
    /// Its slack in words: on the critical path, days to spare, or after launch.
    slack: String,
    /// Its bar in the list a phone shows instead of the chart.
    bar: mini_bar::MiniBar,
}

/// What the timeline reads: the same for everyone, so held until the
/// database changes (`snapshot_cache`).
struct TimelineData {
    phases: Vec<Phase>,
    links: Vec<Link>,
    communications: Vec<Communication>,
}

impl TimelineData {
    async fn read(pool: &PgPool, plan_id: Uuid) -> Result<TimelineData> {
        Ok(TimelineData {
            phases: phases::list(pool, plan_id).await?,
            links: phases::links(&mut *pool.acquire().await?, plan_id).await?,
            communications: communications::list(pool, plan_id).await?,
        })
    }

    /// Each phase's slack before launch day, and the critical path.
    fn schedule(&self, launch_day: i32) -> (BTreeMap<Uuid, i32>, BTreeSet<Uuid>) {
        let spans: BTreeMap<Uuid, Span> = self
            .phases
            .iter()
            .map(|phase| {
                let span = Span {
                    start: phase.start_day,
                    end: phase.end_day,
                };
                (phase.id, span)
            })
            .collect();
        let slack = schedule::slack(&spans, &self.links, launch_day)
            .into_iter()
            .map(|slack| (slack.phase, slack.days))
            .collect();
        (slack, schedule::critical(&spans, &self.links, launch_day))
    }
}

async fn show_timeline(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    snapshot: Snapshot,
    ctx: PageCtx,
) -> Result<TimelinePage> {
    let held = state.plans.get().await?;
    let lang = ctx.lang;
    let today = held.plan.calendar().today_day(Utc::now());
    let key = format!("{}:{lang:?}:{today}", held.plan.id);
    let view = state
        .snapshots
        .get_or_read_if(
            &snapshot,
            key,
            |view: &TimelineView| Arc::ptr_eq(&view.held, &held),
            || async {
                let data = TimelineData::read(&state.db, held.plan.id).await?;
                Ok::<_, AppError>(TimelineView::draw(held.clone(), &data, lang, today))
            },
        )
        .await?;
    let may_add_action = view
        .phase_teams
        .iter()
        .any(|team| user.may_edit_items(*team));
    Ok(TimelinePage {
        may_add_action,
        may_add_phase: user.may_administer(),
        view,
        ctx,
    })
}

impl TimelineView {
    /// The view of `data` in `lang` on plan day `today`.
    fn draw(held: Arc<PlanSnapshot>, data: &TimelineData, lang: Lang, today: i64) -> TimelineView {
        let plan = &held.plan;
        // The plan's words in the page's language once, for the chart, the
        // list and the tables alike.
        let term = |text: &mut String| *text = held.glossary.word(lang, text).to_owned();
        let mut phases = data.phases.clone();
        phases
            .iter_mut()
            .for_each(|phase| term(&mut phase.team_name));
        let mut communications = data.communications.clone();
        for action in &mut communications {
            term(&mut action.team_name);
            term(&mut action.audience);
        }
        let mut legend = held.teams.clone();
        legend.iter_mut().for_each(|team| term(&mut team.name));
        let calendar = plan.calendar();
        let (slack, critical) = data.schedule(plan.launch_day);
        let rows = phases
            .iter()
            .map(|phase| {
                let (start, end) = phase.days();
                let progress = phase.progress();
                let phase_state = phase.state(today);
                PhaseRow {
                    href: format!("/phases/{}", phase.id),
                    section: phase.section.clone(),
                    name: phase.name.clone(),
                    days: lang.day_span(start, end),
                    dates: i18n::span(
                        lang.short_date(calendar.date_of(start)),
                        lang.short_date(calendar.date_of(end)),
                    ),
                    team: phase.team_name.clone(),
                    progress: lang.t_args(
                        "progress-count",
                        &[
                            ("done", progress.done.into()),
                            ("total", progress.total.into()),
                        ],
                    ),
                    state: phase_state.as_str(),
                    state_label: lang.t(phase_state.label_key()),
                    blocked: phase.blocked,
                    critical: critical.contains(&phase.id),
                    slack: if phase.start_day > plan.launch_day {
                        lang.t("timeline-after-launch")
                    } else if critical.contains(&phase.id) {
                        lang.t("timeline-critical")
                    } else {
                        lang.t_args(
                            "timeline-slack",
                            &[("days", slack.get(&phase.id).copied().unwrap_or(0).into())],
                        )
                    },
                    bar: mini_bar::mini_bar(
                        (start, end),
                        progress.percent(),
                        &phase.team_colour,
                        calendar.horizon,
                        today,
                        calendar.launch_day,
                    ),
                }
            })
            .collect();
        let actions = communications
            .iter()
            .map(|action| {
                let day = i64::from(action.day);
                ActionRow {
                    href: format!("/communications/{}", action.id),
                    when: lang.day_and_date(day, calendar.date_of(day)),
                    channel: lang.t(action.channel.label_key()),
                    title: action.title.clone(),
                    audience: action.audience.clone(),
                    team: action.team_name.clone(),
                    state: lang.t(action.state.label_key()),
                }
            })
            .collect();
        TimelineView {
            gantt: chart::layout(
                lang,
                &calendar,
                &phases,
                &communications,
                legend,
                today,
                &critical,
            ),
            actions,
            today: lang.day_and_date(today, calendar.date_of(today)),
            rows,
            phase_teams: phases.iter().map(|phase| phase.team_id).collect(),
            held,
        }
    }
}
