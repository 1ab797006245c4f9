//! Where the launch stands: the plan, its phases and readiness, and the Go /
//! No-Go poll with its verdict. The overview, the countdown, its kiosk and
//! the poll page all start from it, in four queries.

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::db::golive::{self, Poll, TeamVote};
use crate::db::phases::{self, Phase};
use crate::db::plans::{self, Plan};
use crate::domain::calendar::Calendar;
use crate::domain::golive::Vote;
use crate::domain::phase::Progress;
use crate::domain::verdict::{Decision, Verdict};
use crate::i18n::Lang;

/// The plan and where its launch stands.
#[derive(Debug)]
pub struct Standing {
    pub plan: Plan,
    pub calendar: Calendar,
    pub phases: Vec<Phase>,
    /// Items of the whole plan.
    pub readiness: Progress,
    /// The latest poll, open or closed.
    pub poll: Option<Poll>,
    /// Every team with its current vote in that poll.
    pub teams: Vec<TeamVote>,
    pub verdict: Verdict,
}

impl Standing {
    /// Reads the plan, its phases, its latest poll and the teams' votes.
    pub async fn load(pool: &PgPool) -> sqlx::Result<Standing> {
        let plan = plans::current(pool).await?;
        let phases = phases::list(pool, plan.id).await?;
        let poll = golive::latest(pool, plan.id).await?;
        let teams = golive::team_votes(pool, plan.id, poll.as_ref().map(|poll| poll.id)).await?;
        let readiness = phases.iter().fold(Progress::default(), |sum, phase| {
            let p = phase.progress();
            Progress {
                done: sum.done + p.done,
                total: sum.total + p.total,
                required_done: sum.required_done + p.required_done,
                required_total: sum.required_total + p.required_total,
            }
        });
        let votes: Vec<Option<Vote>> = teams.iter().map(|team| team.vote).collect();
        let verdict = Verdict::of(&votes, readiness.required_total - readiness.required_done);
        Ok(Standing {
            calendar: plan.calendar(),
            plan,
            phases,
            readiness,
            poll,
            teams,
            verdict,
        })
    }

    /// Required items done, as a share of all required items (0–100).
    pub fn readiness_percent(&self) -> i64 {
        if self.readiness.required_total == 0 {
            100
        } else {
            self.readiness.required_done * 100 / self.readiness.required_total
        }
    }

    /// "12 sur 40 requis terminés".
    pub fn readiness_label(&self, lang: Lang) -> String {
        lang.t_args(
            "progress-required",
            &[
                ("done", self.readiness.required_done.into()),
                ("total", self.readiness.required_total.into()),
            ],
        )
    }

    /// The poll's state and its verdict, as the pages show them.
    pub fn poll_summary(&self, lang: Lang) -> PollSummary {
        let decision = self.verdict.decision();
        let status = match &self.poll {
            None => lang.t("golive-status-none"),
            Some(poll) if poll.is_open() => lang.t_args(
                "golive-status-open",
                &[("since", moment(lang, &self.calendar, poll.opened_at).into())],
            ),
            Some(poll) => lang.t_args(
                "golive-status-closed",
                &[
                    (
                        "decision",
                        lang.t(poll.decision.unwrap_or(Decision::Hold).label_key())
                            .into(),
                    ),
                    (
                        "at",
                        moment(
                            lang,
                            &self.calendar,
                            poll.closed_at.unwrap_or(poll.opened_at),
                        )
                        .into(),
                    ),
                ],
            ),
        };
        PollSummary {
            decision: decision.as_str(),
            label: lang.t(decision.label_key()),
            status,
            holds: self.holds(lang),
        }
    }

    /// What holds the launch, one line each, linked where there is somewhere to go.
    fn holds(&self, lang: Lang) -> Vec<Hold> {
        let waiting: Vec<&str> = self
            .verdict
            .waiting
            .iter()
            .map(|&index| self.teams[index].team_name.as_str())
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
                        ("team", team.team_name.clone().into()),
                        ("reason", team.comment.clone().unwrap_or_default().into()),
                        ("again", again.into()),
                    ],
                ),
                href: None,
            }
        });
        let open_items = self.phases.iter().filter_map(|phase| {
            let open = phase.required_total - phase.required_done;
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
        waiting.into_iter().chain(no_go).chain(open_items).collect()
    }
}

/// The poll's state as a card or a panel shows it.
#[derive(Debug)]
pub struct PollSummary {
    /// `go` or `hold`: the CSS class.
    pub decision: &'static str,
    /// "GO" or "HOLD".
    pub label: String,
    /// Whether a poll is open, or how the last one closed.
    pub status: String,
    pub holds: Vec<Hold>,
}

/// One thing holding the launch.
#[derive(Debug)]
pub struct Hold {
    pub text: String,
    pub href: Option<String>,
}

/// An instant on the plan's calendar, in its time zone: "J+28 · jeu. 24 déc. · 10:00".
pub fn moment(lang: Lang, calendar: &Calendar, at: DateTime<Utc>) -> String {
    let day = calendar.today_day(at);
    let local = at.with_timezone(&calendar.time_zone);
    format!(
        "{} · {}",
        lang.day_and_date(day, calendar.date_of(day)),
        local.format("%H:%M")
    )
}
