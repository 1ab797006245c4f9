//! The launch gate. GO when every team says Go or Conditional Go and no
//! required item due *before* launch day is open, HOLD otherwise, with what
//! holds it. The launch day's own required items are the launch actions: the
//! execution GO authorises, so they never hold it. Once the launch moment has
//! come, the gate says which happened: launched after a GO, or the moment
//! passed without one.

use chrono::{DateTime, Utc};

use crate::domain::golive::Vote;

/// The poll's outcome as recorded when it closes. Stored as its snake_case
/// name, the spelling of the column's check constraint; a stored value it
/// does not name fails to decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Decision {
    Go,
    Hold,
}

impl Decision {
    /// The value stored in the database, also the CSS class.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Go => "go",
            Decision::Hold => "hold",
        }
    }

    /// The catalog key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            Decision::Go => "golive-go",
            Decision::Hold => "golive-hold",
        }
    }
}

/// What a required item is to the launch, by its due day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GateRole {
    /// Due before launch day: the readiness that authorises the launch.
    /// Open, it holds GO.
    Readiness,
    /// Due on launch day: a launch action, the launch itself. Counted in
    /// readiness, shown beside the poll, never holding GO.
    LaunchAction,
    /// Due after launch day: post-launch work, which cannot hold a launch
    /// that comes first.
    AfterLaunch,
}

impl GateRole {
    /// The role of an item due on day `due_day` of a plan launching on `launch_day`.
    pub fn of(due_day: i64, launch_day: i64) -> GateRole {
        match due_day.cmp(&launch_day) {
            std::cmp::Ordering::Less => GateRole::Readiness,
            std::cmp::Ordering::Equal => GateRole::LaunchAction,
            std::cmp::Ordering::Greater => GateRole::AfterLaunch,
        }
    }

    /// Whether an open required item in this role holds GO.
    pub fn holds_go(self) -> bool {
        self == GateRole::Readiness
    }
}

/// What holds the launch: teams that have not voted, teams that said no-go,
/// and open required items due before launch day. Nothing holds it: GO.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Indexes of the teams without a vote.
    pub waiting: Vec<usize>,
    /// Indexes of the teams whose current vote is no-go.
    pub no_go: Vec<usize>,
    /// Open required items due before launch day.
    pub open_required: i64,
}

impl Verdict {
    /// The verdict from each team's current vote (in the teams' order) and
    /// the due days of the required items not done, on a plan launching on
    /// `launch_day`.
    pub fn of(
        votes: &[Option<Vote>],
        open_required_due: impl IntoIterator<Item = i64>,
        launch_day: i64,
    ) -> Verdict {
        let teams_where = |wanted: fn(Option<Vote>) -> bool| {
            (0..votes.len())
                .filter(|&index| wanted(votes[index]))
                .collect()
        };
        let holding = open_required_due
            .into_iter()
            .filter(|&due| GateRole::of(due, launch_day).holds_go())
            .count();
        Verdict {
            waiting: teams_where(|vote| vote.is_none()),
            no_go: teams_where(|vote| vote == Some(Vote::NoGo)),
            open_required: i64::try_from(holding).unwrap_or(i64::MAX),
        }
    }

    /// GO when nothing holds the launch, HOLD otherwise.
    pub fn decision(&self) -> Decision {
        if self.waiting.is_empty() && self.no_go.is_empty() && self.open_required == 0 {
            Decision::Go
        } else {
            Decision::Hold
        }
    }
}

/// The latest poll, as the outcome reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PollState {
    /// No poll yet, or one still open: the live verdict stands, its last
    /// vote cast at `last_vote_at`.
    Live { last_vote_at: Option<DateTime<Utc>> },
    /// Closed on a recorded decision.
    Closed {
        decision: Decision,
        at: DateTime<Utc>,
    },
}

/// Which happened, once the launch moment has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The launch moment is ahead: the verdict is live.
    Ahead,
    /// Launched after a GO, at this instant: the launch moment, or the GO
    /// when it came later.
    Launched { at: DateTime<Utc> },
    /// The launch moment passed without GO.
    Missed,
}

impl Outcome {
    /// The outcome at `now` of a launch due at `launch_at`. A poll closed on
    /// GO launched, whatever the items did afterwards; one closed on HOLD did
    /// not, until a new poll says GO. Without a closed poll the live verdict
    /// decides, the GO dated by its last vote.
    pub fn of(
        now: DateTime<Utc>,
        launch_at: DateTime<Utc>,
        poll: PollState,
        live: Decision,
    ) -> Outcome {
        if now < launch_at {
            return Outcome::Ahead;
        }
        match poll {
            PollState::Closed {
                decision: Decision::Go,
                at,
            } => Outcome::Launched {
                at: at.max(launch_at),
            },
            PollState::Closed {
                decision: Decision::Hold,
                ..
            } => Outcome::Missed,
            PollState::Live { last_vote_at } if live == Decision::Go => Outcome::Launched {
                at: last_vote_at.map_or(launch_at, |cast| cast.max(launch_at)),
            },
            PollState::Live { .. } => Outcome::Missed,
        }
    }

    /// The decision the pages show: the live verdict until the launch
    /// moment, then what happened, so that GO never stands beside a missed
    /// launch nor HOLD beside a launch.
    pub fn decision(self, live: Decision) -> Decision {
        match self {
            Outcome::Ahead => live,
            Outcome::Launched { .. } => Decision::Go,
            Outcome::Missed => Decision::Hold,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const LAUNCH_DAY: i64 = 31;

    #[test]
    fn go_only_when_every_team_says_go_or_conditional_go_and_no_required_item_is_open() {
        let all_go = [Some(Vote::Go), Some(Vote::ConditionalGo), Some(Vote::Go)];
        assert_eq!(
            Verdict::of(&all_go, [], LAUNCH_DAY).decision(),
            Decision::Go
        );
        assert_eq!(
            Verdict::of(&all_go, [12], LAUNCH_DAY).decision(),
            Decision::Hold
        );

        let mixed = [Some(Vote::Go), None, Some(Vote::NoGo), None];
        let verdict = Verdict::of(&mixed, [], LAUNCH_DAY);
        assert_eq!(verdict.decision(), Decision::Hold);
        assert_eq!((verdict.waiting, verdict.no_go), (vec![1, 3], vec![2]));
    }

    #[test]
    fn only_required_items_due_before_launch_day_hold_go() {
        let all_go = [Some(Vote::Go), Some(Vote::Go)];
        let launch_actions = Verdict::of(&all_go, [31, 31, 31], LAUNCH_DAY);
        assert_eq!(launch_actions.open_required, 0);
        assert_eq!(launch_actions.decision(), Decision::Go);
        let eve = Verdict::of(&all_go, [31, 30, 45], LAUNCH_DAY);
        assert_eq!(eve.open_required, 1, "only the item due J+30 holds");
        assert_eq!(eve.decision(), Decision::Hold);
        assert_eq!(
            Verdict::of(&all_go, [0, 1, 30, 31, 32], LAUNCH_DAY).open_required,
            3
        );
    }

    #[test]
    fn an_item_due_the_day_before_launch_is_readiness_on_launch_day_a_launch_action() {
        assert_eq!(GateRole::of(30, LAUNCH_DAY), GateRole::Readiness);
        assert_eq!(GateRole::of(0, LAUNCH_DAY), GateRole::Readiness);
        assert_eq!(GateRole::of(31, LAUNCH_DAY), GateRole::LaunchAction);
        assert_eq!(GateRole::of(32, LAUNCH_DAY), GateRole::AfterLaunch);
        assert!(GateRole::Readiness.holds_go());
        assert!(!GateRole::LaunchAction.holds_go());
        assert!(!GateRole::AfterLaunch.holds_go());
    }

    fn at(hour: u32, minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 12, 27, hour, minute, 0).unwrap()
    }

    const LIVE: PollState = PollState::Live { last_vote_at: None };

    #[test]
    fn before_the_launch_moment_the_live_verdict_stands() {
        let launch = at(9, 0);
        for live in [Decision::Go, Decision::Hold] {
            let outcome = Outcome::of(at(8, 59), launch, LIVE, live);
            assert_eq!(outcome, Outcome::Ahead);
            assert_eq!(outcome.decision(live), live);
        }
        let closed_go = PollState::Closed {
            decision: Decision::Go,
            at: at(8, 0),
        };
        assert_eq!(
            Outcome::of(at(8, 59), launch, closed_go, Decision::Hold).decision(Decision::Hold),
            Decision::Hold
        );
    }

    #[test]
    fn at_the_launch_moment_a_live_go_launches_and_a_hold_misses_it() {
        let launch = at(9, 0);
        let go = Outcome::of(launch, launch, LIVE, Decision::Go);
        assert_eq!(go, Outcome::Launched { at: launch });
        assert_eq!(go.decision(Decision::Go), Decision::Go);
        let hold = Outcome::of(launch, launch, LIVE, Decision::Hold);
        assert_eq!(hold, Outcome::Missed);
        assert_eq!(hold.decision(Decision::Hold), Decision::Hold);
        let late_vote = PollState::Live {
            last_vote_at: Some(at(11, 30)),
        };
        assert_eq!(
            Outcome::of(at(12, 0), launch, late_vote, Decision::Go),
            Outcome::Launched { at: at(11, 30) },
            "a GO that came after the moment launches when it came"
        );
        let early_vote = PollState::Live {
            last_vote_at: Some(at(7, 0)),
        };
        assert_eq!(
            Outcome::of(at(12, 0), launch, early_vote, Decision::Go),
            Outcome::Launched { at: launch }
        );
    }

    #[test]
    fn a_closed_poll_decides_after_the_moment_whatever_the_items_do_since() {
        let launch = at(9, 0);
        let closed = |decision, hour| PollState::Closed {
            decision,
            at: at(hour, 0),
        };
        let launched = Outcome::of(at(15, 0), launch, closed(Decision::Go, 8), Decision::Hold);
        assert_eq!(launched, Outcome::Launched { at: launch });
        assert_eq!(launched.decision(Decision::Hold), Decision::Go);
        assert_eq!(
            Outcome::of(at(15, 0), launch, closed(Decision::Go, 10), Decision::Go),
            Outcome::Launched { at: at(10, 0) }
        );
        let missed = Outcome::of(at(15, 0), launch, closed(Decision::Hold, 8), Decision::Go);
        assert_eq!(missed, Outcome::Missed);
        assert_eq!(missed.decision(Decision::Go), Decision::Hold);
    }
}
