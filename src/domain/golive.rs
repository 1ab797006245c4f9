//! A Go / No-Go vote: what a team lead may answer, and what each answer must carry.

use chrono::NaiveDate;
use uuid::Uuid;

/// A team's answer to "do we launch?". Stored as its snake_case name, the
/// spelling of the column's check constraint; a stored value it does not
/// name fails to decode.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum Vote {
    Go,
    /// Go, accepting a named risk.
    ConditionalGo,
    /// Not yet: with a reason and a date to decide again.
    NoGo,
}

impl Vote {
    /// Every vote, in the order the form offers them.
    pub const ALL: [Vote; 3] = [Vote::Go, Vote::ConditionalGo, Vote::NoGo];

    /// Parses the posted value.
    pub fn parse(value: &str) -> Option<Vote> {
        Vote::ALL.into_iter().find(|vote| vote.as_str() == value)
    }

    /// The value stored in the database and posted by the form.
    pub fn as_str(self) -> &'static str {
        match self {
            Vote::Go => "go",
            Vote::ConditionalGo => "conditional_go",
            Vote::NoGo => "no_go",
        }
    }

    /// The catalog key of its label.
    pub fn label_key(self) -> &'static str {
        match self {
            Vote::Go => "golive-vote-go",
            Vote::ConditionalGo => "golive-vote-conditional-go",
            Vote::NoGo => "golive-vote-no-go",
        }
    }
}

/// Why a vote was refused; each maps to a translated message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BallotInvalid {
    UnknownVote,
    ReasonRequired,
    DateRequired,
    DateInThePast,
    RiskRequired,
    TooLong,
}

impl BallotInvalid {
    /// The catalog key of the message shown beside the field.
    pub fn key(self) -> &'static str {
        match self {
            BallotInvalid::UnknownVote => "golive-invalid-vote",
            BallotInvalid::ReasonRequired => "golive-invalid-reason",
            BallotInvalid::DateRequired => "golive-invalid-date",
            BallotInvalid::DateInThePast => "golive-invalid-date-past",
            BallotInvalid::RiskRequired => "golive-invalid-risk",
            BallotInvalid::TooLong => "invalid-too-long",
        }
    }
}

/// The longest comment kept with a vote, in characters.
const MAX_COMMENT: usize = 2000;

/// A vote as cast: a no-go always carries its reason and a date to decide
/// again, a conditional go always names the risk it accepts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ballot {
    vote: Vote,
    comment: String,
    accepted_risk: Option<Uuid>,
    decide_again_on: Option<NaiveDate>,
}

/// What the vote form posts, as typed.
#[derive(Clone, Copy, Debug)]
pub struct BallotInput<'a> {
    pub vote: &'a str,
    pub comment: &'a str,
    pub accepted_risk: &'a str,
    pub decide_again_on: &'a str,
}

impl Ballot {
    /// Parses the form: the accepted risk among `risks`, the date to decide
    /// again no earlier than `today`. Every invalid field is reported, by name.
    pub fn parse(
        input: BallotInput<'_>,
        risks: &[Uuid],
        today: NaiveDate,
    ) -> Result<Ballot, Vec<(&'static str, BallotInvalid)>> {
        let mut errors = Vec::new();
        let comment = input.comment.trim();
        if comment.chars().count() > MAX_COMMENT {
            errors.push(("comment", BallotInvalid::TooLong));
        }
        let Some(vote) = Vote::parse(input.vote) else {
            errors.push(("vote", BallotInvalid::UnknownVote));
            return Err(errors);
        };
        let mut accepted_risk = None;
        let mut decide_again_on = None;
        match vote {
            Vote::Go => {}
            Vote::ConditionalGo => {
                accepted_risk = Uuid::parse_str(input.accepted_risk.trim())
                    .ok()
                    .filter(|risk| risks.contains(risk));
                if accepted_risk.is_none() {
                    errors.push(("accepted_risk", BallotInvalid::RiskRequired));
                }
            }
            Vote::NoGo => {
                if comment.is_empty() {
                    errors.push(("comment", BallotInvalid::ReasonRequired));
                }
                match NaiveDate::parse_from_str(input.decide_again_on.trim(), "%Y-%m-%d") {
                    Ok(date) if date >= today => decide_again_on = Some(date),
                    Ok(_) => errors.push(("decide_again_on", BallotInvalid::DateInThePast)),
                    Err(_) => errors.push(("decide_again_on", BallotInvalid::DateRequired)),
                }
            }
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Ballot {
            vote,
            comment: comment.to_owned(),
            accepted_risk,
            decide_again_on,
        })
    }

    /// The vote.
    pub fn vote(&self) -> Vote {
        self.vote
    }

    /// The comment: the reason of a no-go, the conditions of a conditional go.
    pub fn comment(&self) -> &str {
        &self.comment
    }

    /// The risk a conditional go accepts.
    pub fn accepted_risk(&self) -> Option<Uuid> {
        self.accepted_risk
    }

    /// When a no-go team decides again.
    pub fn decide_again_on(&self) -> Option<NaiveDate> {
        self.decide_again_on
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 20).unwrap()
    }

    fn input<'a>(vote: &'a str, comment: &'a str) -> BallotInput<'a> {
        BallotInput {
            vote,
            comment,
            accepted_risk: "",
            decide_again_on: "",
        }
    }

    fn fields(errors: &[(&'static str, BallotInvalid)]) -> Vec<&'static str> {
        errors.iter().map(|(field, _)| *field).collect()
    }

    #[test]
    fn a_no_go_needs_a_reason_and_a_date_to_decide_again_from_today_on() {
        let refused = Ballot::parse(input("no_go", "  "), &[], today()).unwrap_err();
        assert_eq!(fields(&refused), ["comment", "decide_again_on"]);
        let past = BallotInput {
            decide_again_on: "2026-12-19",
            ..input("no_go", "Charge non testée")
        };
        assert_eq!(
            Ballot::parse(past, &[], today()).unwrap_err(),
            [("decide_again_on", BallotInvalid::DateInThePast)]
        );
        let accepted = BallotInput {
            decide_again_on: "2026-12-20",
            ..input("no_go", " Charge non testée ")
        };
        let ballot = Ballot::parse(accepted, &[], today()).unwrap();
        assert_eq!(ballot.vote(), Vote::NoGo);
        assert_eq!(ballot.comment(), "Charge non testée");
        assert_eq!(ballot.decide_again_on(), Some(today()));
    }

    #[test]
    fn a_conditional_go_names_one_of_the_plans_risks() {
        let risk = Uuid::new_v4();
        let elsewhere = BallotInput {
            accepted_risk: &Uuid::new_v4().to_string(),
            ..input("conditional_go", "")
        };
        assert_eq!(
            Ballot::parse(elsewhere, &[risk], today()).unwrap_err(),
            [("accepted_risk", BallotInvalid::RiskRequired)]
        );
        let named = risk.to_string();
        let ballot = Ballot::parse(
            BallotInput {
                accepted_risk: &named,
                ..input("conditional_go", "")
            },
            &[risk],
            today(),
        )
        .unwrap();
        assert_eq!(ballot.accepted_risk(), Some(risk));
    }

    #[test]
    fn a_go_keeps_no_risk_nor_date_and_an_unknown_vote_is_refused() {
        let go = BallotInput {
            accepted_risk: &Uuid::new_v4().to_string(),
            decide_again_on: "2026-12-24",
            ..input("go", "")
        };
        let ballot = Ballot::parse(go, &[], today()).unwrap();
        assert_eq!(
            (ballot.accepted_risk(), ballot.decide_again_on()),
            (None, None)
        );
        assert_eq!(
            Ballot::parse(input("maybe", ""), &[], today()).unwrap_err(),
            [("vote", BallotInvalid::UnknownVote)]
        );
        let long = "x".repeat(MAX_COMMENT + 1);
        assert_eq!(
            fields(&Ballot::parse(input("go", &long), &[], today()).unwrap_err()),
            ["comment"]
        );
    }

    #[test]
    fn votes_read_back_what_they_store() {
        for vote in Vote::ALL {
            assert_eq!(Vote::parse(vote.as_str()), Some(vote));
        }
    }
}
