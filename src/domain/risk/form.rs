//! The risk and review forms, as typed, parsed into drafts that can only hold
//! valid values.

use serde::Deserialize;
use uuid::Uuid;

use super::{Level, RiskInvalid, RiskStatus, Score, Treatment};

/// The longest title, in characters.
const TITLE_MAX: usize = 200;
/// The longest description, mitigation or review reason, in characters.
const TEXT_MAX: usize = 2000;

/// A field's name and why it was refused.
pub type FieldError = (&'static str, RiskInvalid);

/// A risk as its owner writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RiskDraft {
    pub title: String,
    pub impact_description: String,
    pub score: Score,
    /// The score expected once the mitigation is done, when estimated.
    pub residual: Option<Score>,
    pub owner_team_id: Uuid,
    pub treatment: Treatment,
    pub mitigation: String,
    pub status: RiskStatus,
    pub next_review_day: Option<i32>,
}

/// What the risk form posts, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct RiskForm {
    pub title: String,
    pub impact_description: String,
    pub likelihood: String,
    pub impact: String,
    pub residual_likelihood: String,
    pub residual_impact: String,
    pub owner_team: String,
    pub treatment: String,
    pub mitigation: String,
    pub status: String,
    pub next_review_day: String,
    pub version: i32,
}

/// A review as its owner writes it: why, and the scores it leaves.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReviewDraft {
    pub reason: String,
    pub score: Score,
    pub next_review_day: Option<i32>,
}

/// What the review form posts, as typed.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReviewForm {
    pub reason: String,
    pub likelihood: String,
    pub impact: String,
    pub next_review_day: String,
    pub version: i32,
}

/// Collects the refused fields while a form is parsed.
#[derive(Default)]
struct Refusals(Vec<FieldError>);

impl Refusals {
    fn check<T>(&mut self, field: &'static str, parsed: Result<T, RiskInvalid>) -> Option<T> {
        parsed.map_err(|why| self.0.push((field, why))).ok()
    }
}

/// Trimmed text: required or not, at most `max` characters.
fn text(raw: &str, required: bool, max: usize) -> Result<String, RiskInvalid> {
    let text = raw.trim();
    if required && text.is_empty() {
        Err(RiskInvalid::Required)
    } else if text.chars().count() > max {
        Err(RiskInvalid::TooLong)
    } else {
        Ok(text.to_owned())
    }
}

/// A plan day from 0 to `horizon`, typed "12", "J+12" or "D+12"; empty is none.
fn plan_day(raw: &str, horizon: i32) -> Result<Option<i32>, RiskInvalid> {
    match raw.trim() {
        "" => Ok(None),
        raw => raw
            .trim_start_matches(['J', 'D', 'j', 'd'])
            .trim_start_matches('+')
            .parse::<i32>()
            .ok()
            .filter(|day| (0..=horizon).contains(day))
            .map(Some)
            .ok_or(RiskInvalid::DayOutOfPlan),
    }
}

fn score_of(
    refusals: &mut Refusals,
    fields: (&'static str, &'static str),
    values: (&str, &str),
) -> Option<Score> {
    let likelihood = refusals.check(fields.0, Level::parse(values.0));
    let impact = refusals.check(fields.1, Level::parse(values.1));
    Some(Score {
        likelihood: likelihood?,
        impact: impact?,
    })
}

impl RiskForm {
    /// Parses the form: a title, both scores (1 to 5), an optional residual
    /// score (both parts or neither), the owner among `teams`, a known
    /// treatment and status (unsent, the form's defaults: mitigate, open), a
    /// review day within 0..=`horizon`. Every invalid field is reported.
    pub fn parse(&self, horizon: i32, teams: &[Uuid]) -> Result<RiskDraft, Vec<FieldError>> {
        let mut refusals = Refusals::default();
        let title = refusals.check("title", text(&self.title, true, TITLE_MAX));
        let impact_description = refusals.check(
            "impact_description",
            text(&self.impact_description, false, TEXT_MAX),
        );
        let score = score_of(
            &mut refusals,
            ("likelihood", "impact"),
            (&self.likelihood, &self.impact),
        );
        let residual = match (self.residual_likelihood.trim(), self.residual_impact.trim()) {
            ("", "") => Some(None),
            (likelihood, impact) => score_of(
                &mut refusals,
                ("residual_likelihood", "residual_impact"),
                (likelihood, impact),
            )
            .map(Some),
        };
        let owner = Uuid::parse_str(self.owner_team.trim())
            .ok()
            .filter(|team| teams.contains(team))
            .ok_or(RiskInvalid::UnknownChoice);
        let owner_team_id = refusals.check("owner_team", owner);
        let treatment = match self.treatment.as_str() {
            "" => Ok(Treatment::Mitigate),
            value => Treatment::parse(value).ok_or(RiskInvalid::UnknownChoice),
        };
        let treatment = refusals.check("treatment", treatment);
        let mitigation = refusals.check("mitigation", text(&self.mitigation, false, TEXT_MAX));
        let status = match self.status.as_str() {
            "" => Ok(RiskStatus::Open),
            value => RiskStatus::parse(value).ok_or(RiskInvalid::UnknownChoice),
        };
        let status = refusals.check("status", status);
        let next_review_day =
            refusals.check("next_review_day", plan_day(&self.next_review_day, horizon));
        match (
            title,
            impact_description,
            score,
            residual,
            owner_team_id,
            treatment,
            mitigation,
            status,
            next_review_day,
        ) {
            (
                Some(title),
                Some(impact_description),
                Some(score),
                Some(residual),
                Some(owner_team_id),
                Some(treatment),
                Some(mitigation),
                Some(status),
                Some(next_review_day),
            ) => Ok(RiskDraft {
                title,
                impact_description,
                score,
                residual,
                owner_team_id,
                treatment,
                mitigation,
                status,
                next_review_day,
            }),
            _ => Err(refusals.0),
        }
    }
}

impl ReviewForm {
    /// Parses the review: a reason, both new scores (1 to 5), and an optional
    /// next review day within 0..=`horizon`. Every invalid field is reported.
    pub fn parse(&self, horizon: i32) -> Result<ReviewDraft, Vec<FieldError>> {
        let mut refusals = Refusals::default();
        let reason = refusals.check("reason", text(&self.reason, true, TEXT_MAX));
        let score = score_of(
            &mut refusals,
            ("likelihood", "impact"),
            (&self.likelihood, &self.impact),
        );
        let next_review_day =
            refusals.check("next_review_day", plan_day(&self.next_review_day, horizon));
        match (reason, score, next_review_day) {
            (Some(reason), Some(score), Some(next_review_day)) => Ok(ReviewDraft {
                reason,
                score,
                next_review_day,
            }),
            _ => Err(refusals.0),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(team: Uuid) -> RiskForm {
        RiskForm {
            title: "  Panne du fournisseur de paiement ".into(),
            likelihood: "2".into(),
            impact: "5".into(),
            owner_team: team.to_string(),
            next_review_day: "J+12".into(),
            ..RiskForm::default()
        }
    }

    fn fields(errors: Vec<FieldError>) -> Vec<&'static str> {
        errors.into_iter().map(|(field, _)| field).collect()
    }

    #[test]
    fn a_risk_needs_a_title_scores_from_one_to_five_and_a_team_it_may_give_it_to() {
        let team = Uuid::new_v4();
        let draft = form(team).parse(60, &[team]).unwrap();
        assert_eq!(draft.title, "Panne du fournisseur de paiement");
        assert_eq!(
            (draft.score.value(), draft.residual, draft.next_review_day),
            (10, None, Some(12))
        );
        assert_eq!(
            (draft.treatment, draft.status),
            (Treatment::Mitigate, RiskStatus::Open)
        );

        let refused = RiskForm {
            title: " ".into(),
            likelihood: "0".into(),
            impact: "abc".into(),
            residual_likelihood: "6".into(),
            treatment: "ignore".into(),
            next_review_day: "J+99".into(),
            ..form(team)
        };
        assert_eq!(
            fields(refused.parse(60, &[Uuid::new_v4()]).unwrap_err()),
            [
                "title",
                "likelihood",
                "impact",
                "residual_likelihood",
                "residual_impact",
                "owner_team",
                "treatment",
                "next_review_day"
            ]
        );
    }

    #[test]
    fn a_residual_score_is_both_levels_or_none() {
        let team = Uuid::new_v4();
        let residual = RiskForm {
            residual_likelihood: "1".into(),
            residual_impact: "4".into(),
            ..form(team)
        };
        assert_eq!(
            residual
                .parse(60, &[team])
                .unwrap()
                .residual
                .map(Score::value),
            Some(4)
        );
        let half = RiskForm {
            residual_likelihood: "1".into(),
            ..form(team)
        };
        assert_eq!(
            fields(half.parse(60, &[team]).unwrap_err()),
            ["residual_impact"]
        );
    }

    #[test]
    fn a_review_needs_a_reason_and_both_new_scores() {
        let review = ReviewForm {
            reason: "Tests de charge passés".into(),
            likelihood: "1".into(),
            impact: "4".into(),
            ..ReviewForm::default()
        };
        let draft = review.parse(60).unwrap();
        assert_eq!((draft.score.value(), draft.next_review_day), (4, None));
        let refused = ReviewForm {
            reason: String::new(),
            impact: "6".into(),
            ..review
        };
        assert_eq!(fields(refused.parse(60).unwrap_err()), ["reason", "impact"]);
    }
}
