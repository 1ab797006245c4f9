//! `POST /golive`: a team lead casts or changes their team's vote. A changed
//! vote is a new row; a form drawn before someone else's vote is refused (409).

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use tower_sessions::Session;

use super::view::{Refused, VoteForm, acceptable_risks, golive_page, voting_team};
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::events;
use crate::db::golive;
use crate::db::users::User;
use crate::domain::change::{CastVote, Change, TeamVote};
use crate::domain::golive::{Ballot, BallotInput};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::form::FieldErrors;
use crate::web::page::{self, PageCtx};

pub(super) async fn cast_vote(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    Form(form): Form<VoteForm>,
) -> Result<Response> {
    let teams = golive::team_votes(&state.db, plan.id, None).await?;
    // Only a team's lead votes, for their own team.
    let team = voting_team(&user, &teams);
    allow(team.is_some())?;
    let Some(team) = team.cloned() else {
        return Err(AppError::Forbidden);
    };
    let risks: Vec<_> = acceptable_risks(&state, plan.id)
        .await?
        .into_iter()
        .map(|risk| risk.id)
        .collect();
    let today = plan.calendar().today(Utc::now());
    let input = BallotInput {
        vote: &form.vote,
        comment: &form.comment,
        accepted_risk: &form.accepted_risk,
        decide_again_on: &form.decide_again_on,
    };
    let ballot = match Ballot::parse(input, &risks, today) {
        Ok(ballot) => ballot,
        Err(invalid) => {
            let mut errors = FieldErrors::new(ctx.lang);
            for (field, why) in invalid {
                errors.add(field, why.key());
            }
            return refuse(
                &state,
                ctx,
                &user,
                form,
                errors,
                None,
                StatusCode::UNPROCESSABLE_ENTITY,
            )
            .await;
        }
    };

    let mut tx = state.db.begin().await?;
    let Some(poll_id) = golive::lock_open(&mut tx, plan.id).await? else {
        let conflict = Some(ctx.t("golive-closed-meanwhile"));
        let errors = FieldErrors::new(ctx.lang);
        return refuse(
            &state,
            ctx,
            &user,
            form,
            errors,
            conflict,
            StatusCode::CONFLICT,
        )
        .await;
    };
    let previous = golive::current_vote(&mut tx, poll_id, team.team_id).await?;
    let current = previous
        .as_ref()
        .map(|(id, _)| id.to_string())
        .unwrap_or_default();
    if form
        .current
        .as_deref()
        .is_some_and(|drawn| drawn.trim() != current)
    {
        drop(tx);
        let conflict = Some(ctx.t("golive-conflict"));
        let errors = FieldErrors::new(ctx.lang);
        return refuse(
            &state,
            ctx,
            &user,
            form,
            errors,
            conflict,
            StatusCode::CONFLICT,
        )
        .await;
    }
    let vote_id = golive::cast(&mut tx, poll_id, team.team_id, user.id, &ballot).await?;
    let cast = Change::VoteCast {
        poll: poll_id,
        before: previous.map(|(_, vote)| TeamVote {
            title: team.team_name.clone(),
            vote,
        }),
        after: CastVote {
            title: team.team_name.clone(),
            team_id: team.team_id,
            vote_id,
            vote: ballot.vote(),
            reason: ballot.comment().to_owned(),
            accepted_risk_id: ballot.accepted_risk(),
            decide_again_on: ballot.decide_again_on(),
        },
    };
    events::record(&mut tx, Some(plan.id), Some(user.id), &cast).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("golive-vote-saved")).await?;
    Ok(Redirect::to("/golive").into_response())
}

async fn refuse(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    form: VoteForm,
    errors: FieldErrors,
    conflict: Option<String>,
    status: StatusCode,
) -> Result<Response> {
    let refused = Refused {
        form,
        errors,
        conflict,
    };
    let page = golive_page(state, ctx, user, Some(refused)).await?;
    Ok((status, page).into_response())
}
