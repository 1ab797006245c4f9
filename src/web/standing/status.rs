//! The launch's status as the pages show it: GO or HOLD and what holds it,
//! the launch actions, and once the launch moment has come, which happened.

use chrono::{DateTime, Utc};

use super::{Standing, moment};
use crate::db::golive::Poll;
use crate::domain::item::ItemState;
use crate::domain::verdict::{Decision, GateRole, Outcome};
use crate::i18n::Lang;

impl Standing {
    /// The launch's status at `now`, as every page (and the wall screen)
    /// shows it: GO or HOLD and what holds it, the poll's state, the launch
    /// actions, and once the launch moment has come, which happened.
    pub fn launch_status(&self, lang: Lang, now: DateTime<Utc>) -> LaunchStatus {
        let outcome = self.outcome(now);
        let decision = outcome.decision(self.verdict.decision());
        let calendar = &self.calendar;
        let status = match &self.poll {
            None => lang.t("golive-status-none"),
            Some(poll) if poll.is_open() => lang.t_args(
                "golive-status-open",
                &[("since", moment(lang, calendar, poll.opened_at).into())],
            ),
            Some(poll) => lang.t_args(
                "golive-status-closed",
                &[
                    ("decision", lang.t(closed_decision(poll).label_key()).into()),
                    (
                        "at",
                        moment(lang, calendar, poll.closed_at.unwrap_or(poll.opened_at)).into(),
                    ),
                ],
            ),
        };
        let outcome = match outcome {
            Outcome::Ahead => None,
            Outcome::Launched { at } => Some(OutcomeLine {
                kind: "launched",
                text: lang.t_args(
                    "launch-launched",
                    &[
                        ("at", moment(lang, calendar, at).into()),
                        ("votes", self.votes_text(lang).into()),
                    ],
                ),
            }),
            Outcome::Missed => Some(OutcomeLine {
                kind: "missed",
                text: lang.t_args(
                    "launch-missed",
                    &[("at", moment(lang, calendar, calendar.launch_at()).into())],
                ),
            }),
        };
        let launch_items: Vec<_> = self
            .required
            .iter()
            .filter(|item| {
                GateRole::of(item.due_day.into(), calendar.launch_day) == GateRole::LaunchAction
            })
            .collect();
        let done = launch_items
            .iter()
            .filter(|item| item.state == ItemState::Done)
            .count();
        let actions: Vec<LaunchAction> = launch_items
            .into_iter()
            .map(|item| LaunchAction {
                href: format!("/items/{}", item.id),
                title: item.title.clone(),
                state: item.state.as_str(),
                state_label: lang.t(item.state.label_key()),
                assignee: item.assignee_name.clone().unwrap_or_default(),
            })
            .collect();
        LaunchStatus {
            decision: decision.as_str(),
            label: lang.t(decision.label_key()),
            status,
            holds: match decision {
                Decision::Go => Vec::new(),
                Decision::Hold => self.holds(lang),
            },
            outcome,
            actions_label: lang.t_args(
                "launch-actions-count",
                &[("done", done.into()), ("total", actions.len().into())],
            ),
            actions_help: lang.t_args(
                "launch-actions-help",
                &[("day", lang.day(calendar.launch_day).into())],
            ),
            actions,
        }
    }

    /// "DevOps (Go, Alice Martin), QA (Go sous condition, Bruno Petit)": the
    /// votes of the poll, team by team.
    fn votes_text(&self, lang: Lang) -> String {
        self.teams
            .iter()
            .filter_map(|team| {
                let vote = team.vote?;
                Some(lang.t_args(
                    "launch-vote",
                    &[
                        (
                            "team",
                            self.glossary.word(lang, &team.team_name).to_owned().into(),
                        ),
                        ("vote", lang.t(vote.label_key()).into()),
                        ("voter", team.voter_name.clone().unwrap_or_default().into()),
                    ],
                ))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// What holds the launch, one line each, linked where there is somewhere to go.
    fn holds(&self, lang: Lang) -> Vec<Hold> {
        let waiting: Vec<&str> = self
            .verdict
            .waiting
            .iter()
            .map(|&index| self.glossary.word(lang, &self.teams[index].team_name))
            .collect();
        let waiting = (!waiting.is_empty()).then(|| Hold {
            text: lang.t_args(
                "golive-hold-waiting",
                &[("teams", waiting.join(", ").into())],
            ),
            href: None,
        });
        let no_go = self.verdict.no_go.iter().map(|&index| {
            let team = &self.teams[index];
            let again = team
                .decide_again_on
                .map(|date| lang.day_and_date(self.calendar.day_of(date), date))
                .unwrap_or_default();
            Hold {
                text: lang.t_args(
                    "golive-hold-no-go",
                    &[
                        (
                            "team",
                            self.glossary.word(lang, &team.team_name).to_owned().into(),
                        ),
                        ("reason", team.comment.clone().unwrap_or_default().into()),
                        ("again", again.into()),
                    ],
                ),
                href: None,
            }
        });
        let open_items = self.phases.iter().filter_map(|phase| {
            let open = self
                .required
                .iter()
                .filter(|item| item.phase_id == phase.id && item.state != ItemState::Done)
                .filter(|item| {
                    GateRole::of(item.due_day.into(), self.calendar.launch_day).holds_go()
                })
                .count();
            (open > 0).then(|| Hold {
                text: lang.t_args(
                    "golive-hold-items",
                    &[
                        ("phase", format!("{} {}", phase.section, phase.name).into()),
                        ("count", open.into()),
                    ],
                ),
                href: Some(format!("/phases/{}", phase.id)),
            })
        });
        // A poll closed on HOLD holds the launch until a new one says GO,
        // even once its votes and items would now allow it.
        let closed = self
            .poll
            .as_ref()
            .filter(|poll| !poll.is_open() && closed_decision(poll) == Decision::Hold)
            .map(|poll| Hold {
                text: lang.t_args(
                    "golive-hold-closed",
                    &[(
                        "at",
                        moment(
                            lang,
                            &self.calendar,
                            poll.closed_at.unwrap_or(poll.opened_at),
                        )
                        .into(),
                    )],
                ),
                href: None,
            });
        waiting
            .into_iter()
            .chain(no_go)
            .chain(open_items)
            .chain(closed)
            .collect()
    }
}

/// The decision a closed poll recorded.
fn closed_decision(poll: &Poll) -> Decision {
    poll.decision.unwrap_or(Decision::Hold)
}

/// The launch's status as a card or a panel shows it.
#[derive(Debug)]
pub struct LaunchStatus {
    /// `go` or `hold`: the CSS class.
    pub decision: &'static str,
    /// "GO" or "HOLD".
    pub label: String,
    /// Whether a poll is open, or how the last one closed.
    pub status: String,
    /// What holds the launch; empty under GO.
    pub holds: Vec<Hold>,
    /// Once the launch moment has come: which happened.
    pub outcome: Option<OutcomeLine>,
    /// The launch day's required items.
    pub actions: Vec<LaunchAction>,
    /// "1 sur 3 faites".
    pub actions_label: String,
    /// What the launch actions are, and that they never hold GO.
    pub actions_help: String,
}

/// One thing holding the launch.
#[derive(Debug)]
pub struct Hold {
    pub text: String,
    pub href: Option<String>,
}

/// What happened at the launch moment, in words.
#[derive(Debug)]
pub struct OutcomeLine {
    /// `launched` or `missed`: the CSS class.
    pub kind: &'static str,
    pub text: String,
}

/// A required item due on launch day.
#[derive(Debug)]
pub struct LaunchAction {
    pub href: String,
    pub title: String,
    /// The item's state: the CSS class.
    pub state: &'static str,
    pub state_label: String,
    pub assignee: String,
}
