//! The timeline's Gantt chart, laid out in Rust and drawn as SVG by a template.

use std::collections::BTreeSet;

use uuid::Uuid;

use crate::db::communications::Communication;
use crate::db::phases::Phase;
use crate::db::plans::Team;
use crate::domain::calendar::Calendar;
use crate::i18n::Lang;

const LABEL_WIDTH: i64 = 340;
const DAY_WIDTH: i64 = 14;
/// Days between two ticks: a week, so that each tick's date ("lun. 7 déc.")
/// fits at 13 px beside the next one's.
const TICK_STEP: usize = 7;
/// Two lines: the plan day, then its date.
const AXIS_HEIGHT: i64 = 60;
const STAGE_HEIGHT: i64 = 28;
const ROW_HEIGHT: i64 = 32;
const BAR_HEIGHT: i64 = 20;
const MARGIN: i64 = 12;
/// One line of communication actions: actions of the same day take one line
/// each, so that none hides another.
const LANE_HEIGHT: i64 = 26;

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
    /// Every team of the plan, with the colour of its bars.
    pub legend: Vec<Team>,
}

/// A communication action: a diamond on its day, in its own lane when the
/// day has several.
#[derive(Debug)]
pub struct ActionMark {
    pub href: String,
    /// The tooltip: title, channel, day and date, team.
    pub title: String,
    /// The link's accessible name: title, then day and date.
    pub name: String,
    /// The diamond's four corners, as an SVG `points` list.
    pub points: String,
}

/// A day numbered on the axis, with its calendar date and its grid line.
#[derive(Debug)]
pub struct Tick {
    pub x: i64,
    pub label: String,
    pub date: String,
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
    /// On the critical path: outlined, and said in its title.
    pub critical: bool,
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
    teams: Vec<Team>,
    today: i64,
    critical: &BTreeSet<Uuid>,
) -> Gantt {
    let horizon = calendar.horizon;
    let ticks = (1..=horizon)
        .step_by(TICK_STEP)
        .map(|day| Tick {
            x: day_x(day) + DAY_WIDTH / 2,
            label: lang.day(day),
            date: lang.short_date(calendar.date_of(day)),
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
        bars.push(bar(
            lang,
            calendar,
            phase,
            today,
            y,
            critical.contains(&phase.id),
        ));
        y += ROW_HEIGHT;
    }

    let middle_of = |day: i64| day_x(day) + DAY_WIDTH / 2;
    let lanes = lanes(actions.iter().map(|action| action.day));
    let actions_row = (!actions.is_empty()).then(|| {
        let band = StageBand {
            y,
            label: lang.t("timeline-communications"),
        };
        y += STAGE_HEIGHT;
        band
    });
    let lanes_top = y;
    y += lanes
        .iter()
        .max()
        .map_or(0, |lane| (lane + 1) * LANE_HEIGHT);
    let action_marks = actions
        .iter()
        .zip(&lanes)
        .map(|(action, lane)| {
            let day = i64::from(action.day);
            let (x, half) = (middle_of(day), BAR_HEIGHT / 2);
            let centre_y = lanes_top + lane * LANE_HEIGHT + LANE_HEIGHT / 2;
            let when = lang.day_and_date(day, calendar.date_of(day));
            ActionMark {
                href: format!("/communications/{}", action.id),
                title: format!(
                    "{} · {} · {} · {}",
                    action.title,
                    lang.t(action.channel.label_key()),
                    when,
                    action.team_name
                ),
                name: format!("{} · {}", action.title, when),
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
        legend: teams,
    }
}

/// The lane of each action (in the order given): the first action of a day
/// takes lane 0, the next of the same day lane 1, and so on.
fn lanes(days: impl IntoIterator<Item = i32>) -> Vec<i64> {
    let mut taken = std::collections::HashMap::<i32, i64>::new();
    days.into_iter()
        .map(|day| {
            let lane = taken.entry(day).or_insert(0);
            *lane += 1;
            *lane - 1
        })
        .collect()
}

fn bar(lang: Lang, calendar: &Calendar, phase: &Phase, today: i64, y: i64, critical: bool) -> Bar {
    let (start, end) = phase.days();
    let progress = phase.progress();
    let state = phase.state(today);
    let width = (end - start + 1) * DAY_WIDTH;
    let mut title = lang.t_args(
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
    if critical {
        title.push_str(" · ");
        title.push_str(&lang.t("timeline-critical"));
    }
    Bar {
        critical,
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

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{NaiveDate, NaiveTime};

    #[test]
    fn the_axis_has_a_tick_a_week_with_its_date() {
        let calendar = Calendar {
            kickoff: NaiveDate::from_ymd_opt(2026, 12, 6).unwrap(),
            time_zone: chrono_tz::Europe::Paris,
            launch_day: 31,
            launch_time: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
            horizon: 60,
        };
        let gantt = layout(
            Lang::En,
            &calendar,
            &[],
            &[],
            Vec::new(),
            0,
            &BTreeSet::new(),
        );
        let days: Vec<_> = gantt.ticks.iter().map(|t| t.label.as_str()).collect();
        assert_eq!(days[..3], ["D+1", "D+8", "D+15"]);
        assert_eq!(gantt.ticks[0].date, "Mon 7 Dec");
        assert_eq!(gantt.ticks[1].x - gantt.ticks[0].x, 7 * DAY_WIDTH);
    }

    #[test]
    fn actions_of_the_same_day_take_a_lane_each() {
        assert_eq!(lanes([12, 12, 5, 12, 5]), [0, 1, 0, 2, 1]);
    }

    #[test]
    fn actions_of_different_days_share_the_first_lane() {
        assert_eq!(lanes([3, 4, 5]), [0, 0, 0]);
    }
}
