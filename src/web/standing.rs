//! Where the launch stands: the plan, its phases and readiness, the Go /
//! No-Go poll with its verdict, and the launch actions. The overview, the
//! countdown, its kiosk and the poll page all start from it, in three queries
//! (the plan comes from memory).

use chrono::{DateTime, Utc};
use sqlx::PgPool;
use uuid::Uuid;

use crate::db::gate::{self, RequiredItem};
use crate::db::golive::{self, Poll, TeamVote};
use crate::db::phases::{self, Phase};
use crate::db::plans::{self, Plan};
use crate::domain::calendar::Calendar;
use crate::domain::glossary::Glossary;
use crate::domain::golive::Vote;
use crate::domain::item::ItemState;
use crate::domain::phase::Progress;
use crate::domain::verdict::{Decision, Outcome, PollState, Verdict};
use crate::i18n::Lang;
use crate::state::AppState;

mod status;

pub use status::{Hold, LaunchAction, LaunchStatus, OutcomeLine};

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
    /// The live verdict: what the votes and the items say now.
    pub verdict: Verdict,
    /// The plan's required items, in its order.
    pub required: Vec<RequiredItem>,
    /// The plan's words in other languages, for its teams' names.
    pub glossary: Glossary,
}

impl Standing {
    /// Takes the plan from the instance's copy, and reads its phases, its
    /// latest poll, the teams' votes and the required items.
    pub async fn load(state: &AppState) -> sqlx::Result<Standing> {
        let snapshot = state.plans.get().await?;
        Standing::read(&state.db, snapshot.plan.clone(), snapshot.glossary.clone()).await
    }

    /// The same with the plan and its glossary read from the database, for
    /// data kept until the database changes ([`crate::snapshot_cache`]): the
    /// instance's copy may not have heard of the latest change yet.
    pub async fn read_all(pool: &PgPool, plan_id: Uuid) -> sqlx::Result<Standing> {
        let plan = plans::by_id(pool, plan_id).await?;
        let glossary = plans::glossary(pool, plan.id).await?;
        Standing::read(pool, plan, glossary).await
    }

    async fn read(pool: &PgPool, plan: Plan, glossary: Glossary) -> sqlx::Result<Standing> {
        let phases = phases::list(pool, plan.id).await?;
        let (poll, teams) = golive::latest_with_votes(pool, plan.id).await?;
        let required = gate::required_items(pool, plan.id).await?;
        let readiness = phases.iter().fold(Progress::default(), |sum, phase| {
            let p = phase.progress();
            Progress {
                done: sum.done + p.done,
                total: sum.total + p.total,
                required_done: sum.required_done + p.required_done,
                required_total: sum.required_total + p.required_total,
            }
        });
        let calendar = plan.calendar();
        let votes: Vec<Option<Vote>> = teams.iter().map(|team| team.vote).collect();
        let open_due = required
            .iter()
            .filter(|item| item.state != ItemState::Done)
            .map(|item| i64::from(item.due_day));
        let verdict = Verdict::of(&votes, open_due, calendar.launch_day);
        Ok(Standing {
            glossary,
            calendar,
            plan,
            phases,
            readiness,
            poll,
            teams,
            verdict,
            required,
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

    /// Which happened at `now`: the launch moment is ahead, or it came with
    /// a GO, or without one.
    pub fn outcome(&self, now: DateTime<Utc>) -> Outcome {
        let poll = match &self.poll {
            Some(poll) if !poll.is_open() => PollState::Closed {
                decision: poll.decision.unwrap_or(Decision::Hold),
                at: poll.closed_at.unwrap_or(poll.opened_at),
            },
            _ => PollState::Live {
                last_vote_at: self.teams.iter().filter_map(|team| team.cast_at).max(),
            },
        };
        Outcome::of(
            now,
            self.calendar.launch_at(),
            poll,
            self.verdict.decision(),
        )
    }
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
