//! The timeline's Gantt chart, laid out in Rust and drawn as SVG by a template.

use crate::db::communications::Communication;
use crate::db::phases::Phase;
use crate::domain::calendar::Calendar;
use crate::i18n::Lang;

const LABEL_WIDTH: i64 = 340;
const DAY_WIDTH: i64 = 14;
const AXIS_HEIGHT: i64 = 44;
const STAGE_HEIGHT: i64 = 28;
const ROW_HEIGHT: i64 = 32;
const BAR_HEIGHT: i64 = 20;
const MARGIN: i64 = 12;

/// The whole chart, in SVG user units.
#[derive(Debug)]
pub struct Gantt {
    pub width: i64,
    pub height: i64,
    pub plot_left: i64,
    pub plot_top: i64,
    pub ticks: Vec<Tick>,
    pub stages: Vec<StageBand>,
    pub bars: Vec<Bar>,
    /// The row of communication actions, under the phases.
    pub actions_row: Option<StageBand>,
    pub actions: Vec<ActionMark>,
    pub today: Option<Marker>,
    pub launch: Marker,
}

/// A communication action: a diamond on its day.
#[derive(Debug)]
pub struct ActionMark {
    pub href: String,
    pub title: String,
    /// The diamond's four corners, as an SVG `points` list.
    pub points: String,
}

/// A day numbered on the axis, with its grid line.
#[derive(Debug)]
pub struct Tick {
    pub x: i64,
    pub label: String,
}

/// The heading row of a group of phases (Déploiement, Lancement).
#[derive(Debug)]
pub struct StageBand {
    pub y: i64,
    pub label: String,
}

/// One phase's bar.
#[derive(Debug)]
pub struct Bar {
    pub href: String,
    pub label: String,
    /// The tooltip and accessible name: name, days, team, progress, state.
    pub title: String,
    pub x: i64,
    pub y: i64,
    pub width: i64,
    pub height: i64,
    pub done_width: i64,
    pub colour: String,
    pub state: &'static str,
    pub label_y: i64,
    /// "2 bloqués" beside the bar, when some of its items are blocked: said
    /// in words, not by a colour alone.
    pub blocked: Option<String>,
}

/// A vertical line across the plot: today, or launch day.
#[derive(Debug)]
pub struct Marker {
    pub x: i64,
    pub label: String,
}

fn day_x(day: i64) -> i64 {
    LABEL_WIDTH + (day - 1) * DAY_WIDTH
}

/// Lays out `phases` (in plan order) and the communication `actions` on
/// days 1 to the plan's horizon.
pub fn layout(
    lang: Lang,
    calendar: &Calendar,
    phases: &[Phase],
    actions: &[Communication],
    today: i64,
) -> Gantt {
    let horizon = calendar.horizon;
    let ticks = std::iter::once(1)
        .chain((5..=horizon).step_by(5))
        .map(|day| Tick {
            x: day_x(day) + DAY_WIDTH / 2,
            label: lang.day(day),
        })
        .collect();

    let mut y = AXIS_HEIGHT;
    let mut stages = Vec::new();
    let mut bars = Vec::new();
    let mut current_stage = None;
    for phase in phases {
        if current_stage != Some(phase.stage) {
            current_stage = Some(phase.stage);
            stages.push(StageBand {
                y,
                label: lang.t(phase.stage.label_key()),
            });
            y += STAGE_HEIGHT;
        }
        bars.push(bar(lang, calendar, phase, today, y));
        y += ROW_HEIGHT;
    }

    let middle_of = |day: i64| day_x(day) + DAY_WIDTH / 2;
    let actions_row = (!actions.is_empty()).then(|| {
        let band = StageBand {
            y,
            label: lang.t("timeline-communications"),
        };
        y += STAGE_HEIGHT + ROW_HEIGHT;
        band
    });
    let centre_y = y - ROW_HEIGHT / 2;
    let action_marks = actions
        .iter()
        .map(|action| {
            let day = i64::from(action.day);
            let (x, half) = (middle_of(day), BAR_HEIGHT / 2);
            ActionMark {
                href: format!("/communications/{}", action.id),
                title: format!(
                    "{} · {} · {} · {}",
                    action.title,
                    lang.t(action.channel.label_key()),
                    lang.day_and_date(day, calendar.date_of(day)),
                    action.team_name
                ),
                points: format!(
                    "{x},{} {},{centre_y} {x},{} {},{centre_y}",
                    centre_y - half,
                    x + half / 2 + 2,
                    centre_y + half,
                    x - half / 2 - 2
                ),
            }
        })
        .collect();
    let today_marker = (0..=horizon).contains(&today).then(|| Marker {
        x: middle_of(today),
        label: lang.t_args("timeline-today", &[("day", lang.day(today).into())]),
    });
    Gantt {
        width: day_x(horizon + 1) + MARGIN,
        height: y + MARGIN,
        plot_left: LABEL_WIDTH,
        plot_top: AXIS_HEIGHT,
        ticks,
        stages,
        bars,
        actions_row,
        actions: action_marks,
        today: today_marker,
        launch: Marker {
            x: middle_of(calendar.launch_day),
            label: lang.t_args(
                "timeline-launch",
                &[("day", lang.day(calendar.launch_day).into())],
            ),
        },
    }
}

fn bar(lang: Lang, calendar: &Calendar, phase: &Phase, today: i64, y: i64) -> Bar {
    let (start, end) = phase.days();
    let progress = phase.progress();
    let state = phase.state(today);
    let width = (end - start + 1) * DAY_WIDTH;
    let title = lang.t_args(
        "timeline-bar-title",
        &[
            ("name", phase.name.clone().into()),
            (
                "start",
                lang.day_and_date(start, calendar.date_of(start)).into(),
            ),
            ("end", lang.day_and_date(end, calendar.date_of(end)).into()),
            ("team", phase.team_name.clone().into()),
            ("done", progress.done.into()),
            ("total", progress.total.into()),
            ("state", lang.t(state.label_key()).into()),
        ],
    );
    Bar {
        href: format!("/phases/{}", phase.id),
        label: format!("{} {}", phase.section, phase.name),
        title,
        x: day_x(start),
        y: y + (ROW_HEIGHT - BAR_HEIGHT) / 2,
        width,
        height: BAR_HEIGHT,
        done_width: width * progress.percent() / 100,
        colour: phase.team_colour.clone(),
        state: state.as_str(),
        label_y: y + ROW_HEIGHT / 2 + 4,
        blocked: (phase.blocked > 0)
            .then(|| lang.t_args("phase-blocked", &[("count", phase.blocked.into())])),
    }
}
