//! The poll's verdict: GO when every team says Go or Conditional Go and no
//! required item is open, HOLD otherwise, with what holds it.

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

/// What holds the launch: teams that have not voted, teams that said no-go,
/// and open required items. Nothing holds it: GO.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Indexes of the teams without a vote.
    pub waiting: Vec<usize>,
    /// Indexes of the teams whose current vote is no-go.
    pub no_go: Vec<usize>,
    pub open_required: i64,
}

impl Verdict {
    /// The verdict from each team's current vote (in the teams' order) and
    /// the number of required items not done.
    pub fn of(votes: &[Option<Vote>], open_required: i64) -> Verdict {
        let teams_where = |wanted: fn(Option<Vote>) -> bool| {
            (0..votes.len())
                .filter(|&index| wanted(votes[index]))
                .collect()
        };
        Verdict {
            waiting: teams_where(|vote| vote.is_none()),
            no_go: teams_where(|vote| vote == Some(Vote::NoGo)),
            open_required,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_only_when_every_team_says_go_or_conditional_go_and_no_required_item_is_open() {
        let all_go = [Some(Vote::Go), Some(Vote::ConditionalGo), Some(Vote::Go)];
        assert_eq!(Verdict::of(&all_go, 0).decision(), Decision::Go);
        assert_eq!(Verdict::of(&all_go, 1).decision(), Decision::Hold);

        let mixed = [Some(Vote::Go), None, Some(Vote::NoGo), None];
        let verdict = Verdict::of(&mixed, 0);
        assert_eq!(verdict.decision(), Decision::Hold);
        assert_eq!((verdict.waiting, verdict.no_go), (vec![1, 3], vec![2]));
    }
}
