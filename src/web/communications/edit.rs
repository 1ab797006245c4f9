//! Adding and editing an action through its full form: by its team's lead
//! and admins. A change of state made here moves its checklist twin too.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use uuid::Uuid;

use super::form::{
    ActionPage, action_page, draft_fields, editable_teams, form_of, parse, stored_fields,
};
use super::twins;
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::communications;
use crate::db::events;
use crate::db::users::User;
use crate::domain::change::{Change, Commentable};
use crate::domain::communication::{ActionState, Channel, CommunicationForm};
use crate::error::Result;
use crate::state::AppState;
use crate::web::comments::{self, Draft};
use crate::web::extract::IdPath;
use crate::web::extract::{CurrentPlan, in_shown_plan};
use crate::web::form::FieldErrors;
use crate::web::page::PageCtx;

pub(super) async fn new_action_form(
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

pub(super) async fn create_action(
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
    let id = communications::insert(&mut tx, plan.id, &draft, None).await?;
    let created = Change::CommunicationCreated {
        action: id,
        after: draft_fields(&draft),
    };
    events::record(&mut tx, Some(plan.id), Some(user.id), &created).await?;
    tx.commit().await?;
    Ok(Redirect::to("/timeline#communications").into_response())
}

pub(super) async fn show_action(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<ActionPage> {
    stored_action_page(&state, ctx, &user, id).await
}

/// A stored action's page, with its comments.
async fn stored_action_page(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    id: Uuid,
) -> Result<ActionPage> {
    let action = in_shown_plan(communications::find(&mut *state.db.acquire().await?, id).await?)?;
    let mut page = page_with_thread(state, ctx, user, id, form_of(&action), None, None).await?;
    page.editable = user.may_edit_items(action.team_id);
    Ok(page)
}

/// The page of stored action `id` showing `form`, with the action's
/// comments: as stored, or drawn again after a refused or stale save.
async fn page_with_thread(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    id: Uuid,
    form: CommunicationForm,
    errors: Option<FieldErrors>,
    conflict: Option<String>,
) -> Result<ActionPage> {
    let thread = comments::thread(state, &ctx, user, Commentable::Communication(id)).await?;
    let path = format!("/communications/{id}");
    let mut page = action_page(state, ctx, user, path, form, errors, conflict).await?;
    page.thread = Some(thread);
    Ok(page)
}

/// The action's page again with a refused comment, for `web::comments`.
pub async fn comment_refused(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    id: Uuid,
    draft: Draft,
) -> Result<Response> {
    let mut page = stored_action_page(state, ctx, user, id).await?;
    if let Some(thread) = page.thread.as_mut() {
        thread.redraw(draft);
    }
    Ok(page.into_response())
}

pub(super) async fn update_action(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
    Form(form): Form<CommunicationForm>,
) -> Result<Response> {
    let before = in_shown_plan(communications::find(&mut *state.db.acquire().await?, id).await?)?;
    allow(user.may_edit_items(before.team_id))?;
    let draft = match parse(&state, &ctx, &user, &form).await? {
        Ok(draft) => draft,
        Err(errors) => {
            let page = page_with_thread(&state, ctx, &user, id, form, Some(errors), None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    twins::lock_twin(&mut tx, &before).await?;
    if !communications::update(&mut tx, id, form.version, &draft).await? {
        drop(tx);
        let current =
            in_shown_plan(communications::find(&mut *state.db.acquire().await?, id).await?)?;
        let attempted = ctx.lang.t_args(
            "item-conflict-edit",
            &[("title", draft.title.clone().into())],
        );
        let page = page_with_thread(
            &state,
            ctx,
            &user,
            id,
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
    twins::item_follows(&mut tx, &before, draft.state, user.id).await?;
    tx.commit().await?;
    Ok(Redirect::to("/timeline#communications").into_response())
}
