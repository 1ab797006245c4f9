//! Communication actions, edited like checklist items by their team's lead
//! and admins: `/communications/new` and `/communications/{id}`.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::accounts;
use crate::db::communications::{self, Communication};
use crate::db::events;
use crate::db::plans;
use crate::db::users::User;
use crate::domain::change::{ActionFields, Change};
use crate::domain::communication::{ActionState, Channel, CommunicationDraft, CommunicationForm};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::extract::CurrentPlan;
use crate::web::extract::IdPath;
use crate::web::form::{Choice, FieldErrors};
use crate::web::page::PageCtx;

/// The action routes.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/communications/new", get(new_action_form))
        .route("/communications", post(create_action))
        .route("/communications/{id}", get(show_action).post(update_action))
}

#[derive(Template, WebTemplate)]
#[template(path = "communications/form.html")]
struct ActionPage {
    ctx: PageCtx,
    action: String,
    form: CommunicationForm,
    errors: FieldErrors,
    channels: Vec<Choice>,
    states: Vec<Choice>,
    teams: Vec<Choice>,
    owners: Vec<Choice>,
    conflict: Option<String>,
    editable: bool,
}

fn choices(ctx: &PageCtx, values: &[&str], prefix: &str, selected: &str) -> Vec<Choice> {
    values
        .iter()
        .map(|value| Choice {
            value: (*value).to_owned(),
            label: ctx.t(&format!("{prefix}-{value}")),
            selected: *value == selected,
        })
        .collect()
}

/// The teams `user` may give an action to: all for admins, their own for leads.
async fn editable_teams(state: &AppState, user: &User) -> Result<Vec<(Uuid, String)>> {
    let teams = accounts::team_choices(&state.db).await?;
    Ok(teams
        .into_iter()
        .filter(|(id, _)| user.may_edit_items(*id))
        .collect())
}

async fn action_page(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    action: String,
    form: CommunicationForm,
    errors: Option<FieldErrors>,
    conflict: Option<String>,
) -> Result<ActionPage> {
    let teams = editable_teams(state, user).await?;
    let owners = communications::possible_owners(&state.db).await?;
    let team_choices = teams
        .iter()
        .map(|(id, name)| Choice {
            value: id.to_string(),
            label: name.clone(),
            selected: id.to_string() == form.team,
        })
        .collect();
    let owner_choices = std::iter::once(Choice {
        value: String::new(),
        label: ctx.t("item-unassigned"),
        selected: form.owner.is_empty(),
    })
    .chain(
        owners
            .iter()
            .filter(|(_, team, _)| team.to_string() == form.team)
            .map(|(id, _, name)| Choice {
                value: id.to_string(),
                label: name.clone(),
                selected: id.to_string() == form.owner,
            }),
    )
    .collect();
    Ok(ActionPage {
        channels: choices(
            &ctx,
            &Channel::ALL.map(Channel::as_str),
            "channel",
            &form.channel,
        ),
        states: choices(
            &ctx,
            &ActionState::ALL.map(ActionState::as_str),
            "communication-state",
            &form.state,
        ),
        teams: team_choices,
        owners: owner_choices,
        errors: errors.unwrap_or_else(|| FieldErrors::new(ctx.lang)),
        editable: !teams.is_empty(),
        conflict,
        action,
        form,
        ctx,
    })
}

fn form_of(action: &Communication) -> CommunicationForm {
    CommunicationForm {
        title: action.title.clone(),
        channel: action.channel.as_str().to_owned(),
        audience: action.audience.clone(),
        day: action.day.to_string(),
        state: action.state.as_str().to_owned(),
        team: action.team_id.to_string(),
        owner: action.owner_id.map(|id| id.to_string()).unwrap_or_default(),
        version: action.version,
    }
}

/// Parses the form for `user`, or the errors to show beside its fields.
async fn parse(
    state: &AppState,
    ctx: &PageCtx,
    user: &User,
    form: &CommunicationForm,
) -> Result<Result<CommunicationDraft, FieldErrors>> {
    let plan = plans::current(&state.db).await?;
    let teams: Vec<Uuid> = editable_teams(state, user)
        .await?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let members: Vec<(Uuid, Uuid)> = communications::possible_owners(&state.db)
        .await?
        .into_iter()
        .map(|(id, team, _)| (id, team))
        .collect();
    Ok(form
        .parse(plan.horizon_days, &teams, &members)
        .map_err(|invalid| {
            let mut errors = FieldErrors::new(ctx.lang);
            for (field, why) in invalid {
                errors.add(field, why.key());
            }
            errors
        }))
}

fn stored_fields(action: &Communication) -> ActionFields {
    ActionFields {
        title: action.title.clone(),
        channel: action.channel,
        day: action.day,
        state: action.state,
    }
}

fn draft_fields(draft: &CommunicationDraft) -> ActionFields {
    ActionFields {
        title: draft.title.clone(),
        channel: draft.channel,
        day: draft.day,
        state: draft.state,
    }
}

async fn new_action_form(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
) -> Result<ActionPage> {
    let teams = editable_teams(&state, &user).await?;
    allow(!teams.is_empty())?;
    let form = CommunicationForm {
        channel: Channel::ALL[0].as_str().to_owned(),
        state: ActionState::ALL[0].as_str().to_owned(),
        day: plan.launch_day.to_string(),
        team: teams[0].0.to_string(),
        ..CommunicationForm::default()
    };
    action_page(
        &state,
        ctx,
        &user,
        "/communications".into(),
        form,
        None,
        None,
    )
    .await
}

async fn create_action(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    Form(form): Form<CommunicationForm>,
) -> Result<Response> {
    allow(!editable_teams(&state, &user).await?.is_empty())?;
    let draft = match parse(&state, &ctx, &user, &form).await? {
        Ok(draft) => draft,
        Err(errors) => {
            let page = action_page(
                &state,
                ctx,
                &user,
                "/communications".into(),
                form,
                Some(errors),
                None,
            )
            .await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let id = communications::insert(&mut tx, plan.id, &draft).await?;
    let created = Change::CommunicationCreated {
        action: id,
        after: draft_fields(&draft),
    };
    events::record(&mut tx, Some(plan.id), Some(user.id), &created).await?;
    tx.commit().await?;
    Ok(Redirect::to("/timeline#communications").into_response())
}

async fn show_action(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<ActionPage> {
    let action = communications::find(&mut *state.db.acquire().await?, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let mut page = action_page(
        &state,
        ctx,
        &user,
        format!("/communications/{id}"),
        form_of(&action),
        None,
        None,
    )
    .await?;
    page.editable = user.may_edit_items(action.team_id);
    Ok(page)
}

async fn update_action(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
    Form(form): Form<CommunicationForm>,
) -> Result<Response> {
    let before = communications::find(&mut *state.db.acquire().await?, id)
        .await?
        .ok_or(AppError::NotFound)?;
    allow(user.may_edit_items(before.team_id))?;
    let path = format!("/communications/{id}");
    let draft = match parse(&state, &ctx, &user, &form).await? {
        Ok(draft) => draft,
        Err(errors) => {
            let page = action_page(&state, ctx, &user, path, form, Some(errors), None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    if !communications::update(&mut tx, id, form.version, &draft).await? {
        drop(tx);
        let current = communications::find(&mut *state.db.acquire().await?, id)
            .await?
            .ok_or(AppError::NotFound)?;
        let attempted = ctx.lang.t_args(
            "item-conflict-edit",
            &[("title", draft.title.clone().into())],
        );
        let page = action_page(
            &state,
            ctx,
            &user,
            path,
            form_of(&current),
            None,
            Some(attempted),
        )
        .await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    let updated = Change::CommunicationUpdated {
        action: id,
        before: stored_fields(&before),
        after: draft_fields(&draft),
    };
    events::record(&mut tx, Some(before.plan_id), Some(user.id), &updated).await?;
    tx.commit().await?;
    Ok(Redirect::to("/timeline#communications").into_response())
}
