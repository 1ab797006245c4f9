//! `/risks/new` and a risk's edit form: create, or rewrite a risk at the
//! version the form was drawn from.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde_json::{Value, json};
use tower_sessions::Session;
use uuid::Uuid;

use super::editor::{RiskEditor, field_errors};
use super::show::{Refused, risk_page};
use super::{editable_teams, load, record};
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::risks::Risk;
use crate::db::users::User;
use crate::db::{plans, risks};
use crate::domain::risk::form::{FieldError, RiskDraft, RiskForm};
use crate::domain::risk::{RiskStatus, Treatment};
use crate::error::Result;
use crate::state::AppState;
use crate::web::page::{self, PageCtx};
use crate::web::phases::parse_id;

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/risks/new", get(new_risk_form))
        .route("/risks", post(create_risk))
        .route("/risks/{id}", post(update_risk))
}

fn draft_json(draft: &RiskDraft) -> Value {
    json!({
        "title": draft.title, "likelihood": draft.score.likelihood.value(), "impact": draft.score.impact.value(),
        "residual_likelihood": draft.residual.map(|score| score.likelihood.value()),
        "residual_impact": draft.residual.map(|score| score.impact.value()),
        "owner_team_id": draft.owner_team_id, "treatment": draft.treatment.as_str(),
        "status": draft.status.as_str(), "next_review_day": draft.next_review_day,
    })
}

fn risk_json(risk: &Risk) -> Value {
    json!({
        "title": risk.title, "likelihood": risk.likelihood, "impact": risk.impact,
        "residual_likelihood": risk.residual_likelihood, "residual_impact": risk.residual_impact,
        "owner_team_id": risk.owner_team_id, "treatment": risk.treatment,
        "status": risk.status, "next_review_day": risk.next_review_day,
    })
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
    let plan = plans::current(&state.db).await?;
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
    let plan = plans::current(&state.db).await?;
    let mut tx = state.db.begin().await?;
    let id = risks::insert(&mut tx, plan.id, &draft).await?;
    record(
        &mut tx,
        plan.id,
        user.id,
        "risk.created",
        id,
        (None, Some(draft_json(&draft))),
    )
    .await?;
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
    Path(id): Path<String>,
    Form(form): Form<RiskForm>,
) -> Result<Response> {
    let before = load(&state, parse_id(&id)?).await?;
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
    record(
        &mut tx,
        before.plan_id,
        user.id,
        "risk.updated",
        before.id,
        (Some(risk_json(&before)), Some(draft_json(&draft))),
    )
    .await?;
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
