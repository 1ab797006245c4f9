//! The plan as the API reads it (scope `read`): the plan and its phases,
//! its risks, the Go / No-Go poll and the communication actions.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

use crate::api::caller::ApiCaller;
use crate::api::problem::{ApiError, Problem};
use crate::auth::policy::allow;
use crate::db::plans::Plan;
use crate::db::risks::{self, Filter};
use crate::db::{communications, golive, phases};
use crate::domain::api_token::Scope;
use crate::state::AppState;

/// The plan, with its phases in order.
#[derive(Debug, Serialize, ToSchema)]
pub struct PlanBody {
    pub id: Uuid,
    pub name: String,
    /// The date of J+0.
    pub kickoff_date: NaiveDate,
    /// The plan day of the launch (J+n).
    pub launch_day: i32,
    /// The launch's moment.
    pub launch_at: DateTime<Utc>,
    /// The plan's IANA time zone, in which its days are counted.
    pub time_zone: String,
    pub phases: Vec<PhaseBody>,
}

/// A phase.
#[derive(Debug, Serialize, ToSchema)]
pub struct PhaseBody {
    pub id: Uuid,
    pub section: String,
    pub name: String,
    pub team_id: Uuid,
    pub start_day: i32,
    pub end_day: i32,
    pub items_done: i64,
    pub items_total: i64,
    pub items_blocked: i64,
}

/// A risk.
#[derive(Debug, Serialize, ToSchema)]
pub struct RiskBody {
    pub id: Uuid,
    pub title: String,
    /// 1 to 5.
    pub likelihood: i16,
    /// 1 to 5.
    pub impact: i16,
    /// `open`, `mitigating`, `accepted` or `closed`.
    pub status: &'static str,
    /// `mitigate`, `accept` or `avoid`.
    pub treatment: &'static str,
    pub owner_team_id: Uuid,
    pub next_review_day: Option<i32>,
    pub version: i32,
}

/// The latest Go / No-Go poll, if one was opened, and each team's vote.
#[derive(Debug, Serialize, ToSchema)]
pub struct PollBody {
    pub poll: Option<PollState>,
    pub votes: Vec<TeamVoteBody>,
}

/// Where a poll stands.
#[derive(Debug, Serialize, ToSchema)]
pub struct PollState {
    pub id: Uuid,
    pub open: bool,
    pub opened_at: DateTime<Utc>,
    pub closed_at: Option<DateTime<Utc>>,
    /// `go` or `hold`, once closed.
    pub decision: Option<&'static str>,
}

/// A team's latest vote.
#[derive(Debug, Serialize, ToSchema)]
pub struct TeamVoteBody {
    pub team_id: Uuid,
    pub team: String,
    /// `go`, `conditional_go` or `no_go`; none before the team votes.
    pub vote: Option<&'static str>,
    pub comment: Option<String>,
}

/// A communication action.
#[derive(Debug, Serialize, ToSchema)]
pub struct CommunicationBody {
    pub id: Uuid,
    pub title: String,
    pub channel: &'static str,
    pub audience: String,
    /// Its plan day.
    pub day: i32,
    pub team_id: Uuid,
    pub state: &'static str,
    pub version: i32,
}

/// The plan, or why not; the caller must hold `read`.
async fn readable_plan(state: &AppState, caller: &ApiCaller) -> Result<Plan, ApiError> {
    allow(caller.may(Scope::Read))?;
    Ok(state.plans.first().await?.plan.clone())
}

/// The plan and its phases.
#[utoipa::path(
    get,
    path = "/api/v1/plan",
    tag = "plan",
    responses(
        (status = 200, description = "The plan", body = PlanBody),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `read`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["read"]))
)]
pub async fn show_plan(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<PlanBody>, ApiError> {
    let plan = readable_plan(&state, &caller).await?;
    let phases = phases::list(&state.db, plan.id)
        .await?
        .into_iter()
        .map(|phase| PhaseBody {
            id: phase.id,
            section: phase.section,
            name: phase.name,
            team_id: phase.team_id,
            start_day: phase.start_day,
            end_day: phase.end_day,
            items_done: phase.done,
            items_total: phase.total,
            items_blocked: phase.blocked,
        })
        .collect();
    Ok(Json(PlanBody {
        id: plan.id,
        launch_at: plan.calendar().launch_at(),
        time_zone: plan.time_zone.name().to_owned(),
        name: plan.name,
        kickoff_date: plan.kickoff_date,
        launch_day: plan.launch_day,
        phases,
    }))
}

/// The risks, the highest score first.
#[utoipa::path(
    get,
    path = "/api/v1/risks",
    tag = "plan",
    responses(
        (status = 200, description = "The risks", body = [RiskBody]),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `read`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["read"]))
)]
pub async fn list_risks(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<RiskBody>>, ApiError> {
    let plan = readable_plan(&state, &caller).await?;
    let every = Filter {
        statuses: Vec::new(),
        team_id: None,
    };
    let risks = risks::list(&state.db, plan.id, &every)
        .await?
        .into_iter()
        .map(|risk| RiskBody {
            id: risk.id,
            title: risk.title,
            likelihood: risk.likelihood,
            impact: risk.impact,
            status: risk.status.as_str(),
            treatment: risk.treatment.as_str(),
            owner_team_id: risk.owner_team_id,
            next_review_day: risk.next_review_day,
            version: risk.version,
        })
        .collect();
    Ok(Json(risks))
}

/// The latest Go / No-Go poll and each team's vote.
#[utoipa::path(
    get,
    path = "/api/v1/poll",
    tag = "plan",
    responses(
        (status = 200, description = "The poll", body = PollBody),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `read`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["read"]))
)]
pub async fn show_poll(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<PollBody>, ApiError> {
    let plan = readable_plan(&state, &caller).await?;
    let (poll, votes) = golive::latest_with_votes(&state.db, plan.id).await?;
    Ok(Json(PollBody {
        poll: poll.map(|poll| PollState {
            id: poll.id,
            open: poll.is_open(),
            opened_at: poll.opened_at,
            closed_at: poll.closed_at,
            decision: poll.decision.map(|decision| decision.as_str()),
        }),
        votes: votes
            .into_iter()
            .map(|vote| TeamVoteBody {
                team_id: vote.team_id,
                team: vote.team_name,
                vote: vote.vote.map(|vote| vote.as_str()),
                comment: vote.comment,
            })
            .collect(),
    }))
}

/// The communication actions, by day.
#[utoipa::path(
    get,
    path = "/api/v1/communications",
    tag = "plan",
    responses(
        (status = 200, description = "The communication actions", body = [CommunicationBody]),
        (status = 401, description = "No live token", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The token lacks `read`", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "The token's rate limit", body = Problem, content_type = "application/problem+json"),
    ),
    security(("bearer" = ["read"]))
)]
pub async fn list_communications(
    State(state): State<AppState>,
    caller: ApiCaller,
) -> Result<Json<Vec<CommunicationBody>>, ApiError> {
    let plan = readable_plan(&state, &caller).await?;
    let actions = communications::list(&state.db, plan.id)
        .await?
        .into_iter()
        .map(|action| CommunicationBody {
            id: action.id,
            title: action.title,
            channel: action.channel.as_str(),
            audience: action.audience,
            day: action.day,
            team_id: action.team_id,
            state: action.state.as_str(),
            version: action.version,
        })
        .collect();
    Ok(Json(actions))
}
