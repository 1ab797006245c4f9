//! `/risks/new` and a risk's edit form: create, or rewrite a risk at the
//! version the form was drawn from.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use tower_sessions::Session;
use uuid::Uuid;

use super::editor::{RiskEditor, field_errors};
use super::show::{Refused, risk_page};
use super::{editable_teams, load};
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::risks::Risk;
use crate::db::users::User;
use crate::db::{events, risks};
use crate::domain::change::{Change, RiskFields};
use crate::domain::risk::form::{FieldError, RiskDraft, RiskForm};
use crate::domain::risk::{RiskStatus, Treatment};
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::extract::IdPath;
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/risks/new", get(new_risk_form))
        .route("/risks", post(create_risk))
        .route("/risks/{id}", post(update_risk))
}

fn draft_fields(draft: &RiskDraft) -> RiskFields {
    RiskFields {
        title: draft.title.clone(),
        likelihood: draft.score.likelihood.value().into(),
        impact: draft.score.impact.value().into(),
        residual_likelihood: draft.residual.map(|score| score.likelihood.value().into()),
        residual_impact: draft.residual.map(|score| score.impact.value().into()),
        owner_team_id: draft.owner_team_id,
        treatment: draft.treatment,
        status: draft.status,
        next_review_day: draft.next_review_day,
    }
}

fn risk_fields(risk: &Risk) -> RiskFields {
    RiskFields {
        title: risk.title.clone(),
        likelihood: risk.likelihood,
        impact: risk.impact,
        residual_likelihood: risk.residual_likelihood,
        residual_impact: risk.residual_impact,
        owner_team_id: risk.owner_team_id,
        treatment: risk.treatment,
        status: risk.status,
        next_review_day: risk.next_review_day,
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "risks/new.html")]
struct NewRiskPage {
    ctx: PageCtx,
    editor: RiskEditor,
}

/// The owner the form preselects among `teams`: the user's own team, or else
/// the first they may give risks to.
fn preselected_team(user: &User, teams: &[Uuid]) -> Option<Uuid> {
    user.team_id
        .filter(|team| teams.contains(team))
        .or(teams.first().copied())
}

/// Parses `form` for `user`; an owner the form left unsent is the one it preselects.
async fn parse(
    state: &AppState,
    user: &User,
    mut form: RiskForm,
) -> Result<(RiskForm, Result<RiskDraft, Vec<FieldError>>)> {
    let plan = state.plans.plan().await?;
    let teams: Vec<Uuid> = editable_teams(state, user)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    if form.owner_team.trim().is_empty() {
        form.owner_team = preselected_team(user, &teams)
            .map(|team| team.to_string())
            .unwrap_or_default();
    }
    let parsed = form.parse(plan.horizon_days, &teams);
    Ok((form, parsed))
}

async fn new_risk_form(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
) -> Result<NewRiskPage> {
    let teams = editable_teams(&state, &user).await?;
    allow(!teams.is_empty())?;
    let ids: Vec<Uuid> = teams.iter().map(|(id, _)| *id).collect();
    let form = RiskForm {
        owner_team: preselected_team(&user, &ids)
            .map(|team| team.to_string())
            .unwrap_or_default(),
        treatment: Treatment::Mitigate.as_str().into(),
        status: RiskStatus::Open.as_str().into(),
        ..RiskForm::default()
    };
    Ok(NewRiskPage {
        editor: RiskEditor::new(&ctx, &teams, form, None),
        ctx,
    })
}

async fn create_risk(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    Form(form): Form<RiskForm>,
) -> Result<Response> {
    let teams = editable_teams(&state, &user).await?;
    allow(!teams.is_empty())?;
    let draft = match parse(&state, &user, form).await? {
        (_, Ok(draft)) => draft,
        (form, Err(refused)) => {
            let errors = field_errors(&ctx, &refused);
            let page = NewRiskPage {
                editor: RiskEditor::new(&ctx, &teams, form, Some(errors)),
                ctx,
            };
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let id = risks::insert(&mut tx, plan.id, &draft).await?;
    let created = Change::RiskCreated {
        risk: id,
        after: draft_fields(&draft),
    };
    events::record(&mut tx, Some(plan.id), Some(user.id), &created).await?;
    tx.commit().await?;
    page::flash(
        &session,
        ctx.lang
            .t_args("risk-created", &[("title", draft.title.into())]),
    )
    .await?;
    Ok(Redirect::to(&format!("/risks/{id}#mitigation")).into_response())
}

async fn update_risk(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<RiskForm>,
) -> Result<Response> {
    let before = load(&state, id).await?;
    allow(user.may_edit_risks(before.owner_team_id))?;
    let version = form.version;
    let draft = match parse(&state, &user, form).await? {
        (_, Ok(draft)) => draft,
        (form, Err(refused)) => {
            let refused = Refused {
                edit: Some((form, field_errors(&ctx, &refused))),
                ..Refused::default()
            };
            let page = risk_page(&state, ctx, &user, before, refused).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    if !risks::update(&mut tx, before.id, version, &draft).await? {
        drop(tx);
        let current = load(&state, before.id).await?;
        let attempted = attempted_change(&ctx, &draft);
        let refused = Refused {
            conflict: Some(attempted),
            ..Refused::default()
        };
        let page = risk_page(&state, ctx, &user, current, refused).await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    let updated = Change::RiskUpdated {
        risk: before.id,
        before: risk_fields(&before),
        after: draft_fields(&draft),
    };
    events::record(&mut tx, Some(before.plan_id), Some(user.id), &updated).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("risk-saved")).await?;
    Ok(Redirect::to(&format!("/risks/{}", before.id)).into_response())
}

/// What a refused edit tried, for the conflict message.
fn attempted_change(ctx: &PageCtx, draft: &RiskDraft) -> String {
    ctx.lang.t_args(
        "risk-conflict-edit",
        &[
            ("title", draft.title.clone().into()),
            (
                "score",
                super::view::score_label(ctx.lang, draft.score).into(),
            ),
            ("status", ctx.t(&draft.status.label_key()).into()),
        ],
    )
}
