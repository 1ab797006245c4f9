//! The poll page: the verdict, each team's current vote, the lead's form,
//! the admin's controls and the record of every vote.

use askama::Template;
use askama_web::WebTemplate;
use chrono::Utc;
use serde::Deserialize;
use uuid::Uuid;

use crate::db::golive::{self, TeamVote};
use crate::db::open_risks::{self, OpenRisk};
use crate::db::users::User;
use crate::domain::calendar::Calendar;
use crate::domain::golive::Vote;
use crate::error::Result;
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::PageCtx;
use crate::web::standing::{LaunchStatus, Standing, moment};

/// The most risks a conditional go chooses from.
const RISK_CHOICES: i64 = 200;

/// What the vote form posts (PRODUCT.md's contract: `vote` and `comment`).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub(super) struct VoteForm {
    pub vote: String,
    pub comment: String,
    pub accepted_risk: String,
    pub decide_again_on: String,
    /// The team's vote the form was drawn from. A client that leaves it out
    /// (a script) is not checked: its vote is a new row, nothing is lost.
    pub current: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "golive/show.html")]
pub(super) struct GolivePage {
    ctx: PageCtx,
    /// The verdict, what holds it, the launch actions and the outcome.
    summary: LaunchStatus,
    teams: Vec<VoteRow>,
    history: Vec<VoteRow>,
    /// The signed-in lead's vote form, while the poll is open.
    ballot: Option<BallotForm>,
    /// Why a vote was refused when there is no form to show it beside.
    notice: Option<String>,
    may_open: bool,
    may_close: bool,
    /// "Clore le vote : décision GO".
    close_label: String,
}

/// A team's vote as a table row.
struct VoteRow {
    team: String,
    /// `go`, `conditional_go`, `no_go`, or `none`: the CSS class.
    vote: &'static str,
    vote_label: String,
    comment: String,
    accepted_risk: String,
    decide_again: String,
    voter: String,
    when: String,
}

/// The lead's form, with what they typed when it was refused.
struct BallotForm {
    team: String,
    votes: Vec<Choice>,
    comment: String,
    risks: Vec<Choice>,
    decide_again_on: String,
    /// The earliest date to decide again: today in the plan's time zone.
    today: String,
    /// The team's current vote when the form was drawn (empty: none yet).
    current: String,
    errors: FieldErrors,
    conflict: Option<String>,
}

/// A vote refused: what was typed, the messages beside the fields, and,
/// when someone voted first or the poll closed, what happened.
pub(super) struct Refused {
    pub form: VoteForm,
    pub errors: FieldErrors,
    pub conflict: Option<String>,
}

/// The team `user` votes for, if they may vote for one of the plan's teams.
pub(super) fn voting_team<'a>(user: &User, teams: &'a [TeamVote]) -> Option<&'a TeamVote> {
    teams.iter().find(|team| user.may_vote(team.team_id))
}

/// The plan's open risks a conditional go may accept.
pub(super) async fn acceptable_risks(state: &AppState, plan_id: Uuid) -> Result<Vec<OpenRisk>> {
    Ok(open_risks::ranked(&state.db, plan_id, RISK_CHOICES).await?)
}

/// Draws the page for `user`; `refused` re-draws a vote with its errors.
pub(super) async fn golive_page(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    refused: Option<Refused>,
) -> Result<GolivePage> {
    let standing = Standing::load(state).await?;
    let lang = ctx.lang;
    let calendar = &standing.calendar;
    let poll_open = standing.poll.as_ref().is_some_and(|poll| poll.is_open());
    let history = match &standing.poll {
        Some(poll) => golive::history(&state.db, poll.id).await?,
        None => Vec::new(),
    };
    let (ballot, notice) = match voting_team(user, &standing.teams).filter(|_| poll_open) {
        Some(team) => {
            let risks = acceptable_risks(state, standing.plan.id).await?;
            (
                Some(ballot_form(lang, calendar, team, &risks, refused)),
                None,
            )
        }
        None => (None, refused.and_then(|refused| refused.conflict)),
    };
    let admin = user.may_administer();
    let decision = standing.verdict.decision();
    Ok(GolivePage {
        summary: standing.launch_status(lang, Utc::now()),
        teams: standing
            .teams
            .iter()
            .map(|team| vote_row(lang, calendar, team))
            .collect(),
        history: history
            .iter()
            .map(|vote| vote_row(lang, calendar, vote))
            .collect(),
        ballot,
        notice,
        may_open: admin && !poll_open,
        may_close: admin && poll_open,
        close_label: lang.t_args(
            "golive-close",
            &[("decision", lang.t(decision.label_key()).into())],
        ),
        ctx,
    })
}

fn ballot_form(
    lang: Lang,
    calendar: &Calendar,
    team: &TeamVote,
    risks: &[OpenRisk],
    refused: Option<Refused>,
) -> BallotForm {
    let (form, errors, conflict) = match refused {
        Some(refused) => (refused.form, refused.errors, refused.conflict),
        None => (
            VoteForm {
                vote: team.vote.map(Vote::as_str).unwrap_or_default().to_owned(),
                comment: team.comment.clone().unwrap_or_default(),
                accepted_risk: team
                    .accepted_risk_id
                    .map(|id| id.to_string())
                    .unwrap_or_default(),
                decide_again_on: team
                    .decide_again_on
                    .map(|date| date.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                current: None,
            },
            FieldErrors::new(lang),
            None,
        ),
    };
    let none = Choice {
        value: String::new(),
        label: lang.t("golive-choose-risk"),
        selected: form.accepted_risk.is_empty(),
    };
    BallotForm {
        team: team.team_name.clone(),
        votes: Vote::ALL
            .iter()
            .map(|vote| Choice {
                value: vote.as_str().to_owned(),
                label: lang.t(vote.label_key()),
                selected: form.vote == vote.as_str(),
            })
            .collect(),
        risks: std::iter::once(none)
            .chain(risks.iter().map(|risk| Choice {
                value: risk.id.to_string(),
                label: lang.t_args(
                    "golive-risk-choice",
                    &[
                        ("title", risk.title.clone().into()),
                        ("score", risk.score.into()),
                    ],
                ),
                selected: form.accepted_risk == risk.id.to_string(),
            }))
            .collect(),
        comment: form.comment,
        decide_again_on: form.decide_again_on,
        today: calendar.today(Utc::now()).format("%Y-%m-%d").to_string(),
        current: team.vote_id.map(|id| id.to_string()).unwrap_or_default(),
        errors,
        conflict,
    }
}

fn vote_row(lang: Lang, calendar: &Calendar, team: &TeamVote) -> VoteRow {
    let vote = team.vote;
    VoteRow {
        team: team.team_name.clone(),
        vote: vote.map_or("none", Vote::as_str),
        vote_label: lang.t(vote.map_or("golive-no-vote", Vote::label_key)),
        comment: team.comment.clone().unwrap_or_default(),
        accepted_risk: team.accepted_risk.clone().unwrap_or_default(),
        decide_again: team
            .decide_again_on
            .map(|date| lang.day_and_date(calendar.day_of(date), date))
            .unwrap_or_default(),
        voter: team.voter_name.clone().unwrap_or_default(),
        when: team
            .cast_at
            .map(|at| moment(lang, calendar, at))
            .unwrap_or_default(),
    }
}
