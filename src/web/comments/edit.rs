//! Editing a comment (its author, for 15 minutes: `/comments/{id}/edit`) and
//! deleting one (its author or an admin). A stale version is a 409 with the
//! stored text in the form and the attempted one beside it.

use askama::Template;
use askama_web::WebTemplate;
use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use serde::Deserialize;
use tower_sessions::Session;

use super::thread::{PersonView, person_view};
use super::{comment_text, flash_key, mentioned, subject};
use crate::auth::CurrentUser;
use crate::auth::policy::{CommentScope, allow};
use crate::db::comments::{self, Stored};
use crate::db::events;
use crate::db::users::User;
use crate::domain::change::{Change, CommentVerb};
use crate::domain::comment::{CommentBody, EDIT_WINDOW};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::extract::IdPath;
use crate::web::page::{self, PageCtx};

#[derive(Template, WebTemplate)]
#[template(path = "comments/edit.html")]
pub(super) struct EditPage {
    ctx: PageCtx,
    id: String,
    version: i32,
    /// The subject's page, back at the comment.
    back: String,
    /// Until when it may be edited, in the plan's zone.
    until: String,
    body: String,
    error: String,
    people: Vec<PersonView>,
    /// Set when someone else changed it first: what this user tried.
    conflict: Option<String>,
}

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct EditForm {
    version: i32,
    body: String,
}

fn scope(comment: &Stored) -> CommentScope {
    CommentScope {
        on: comment.on,
        author_id: comment.author_id,
        created_at: comment.created_at,
    }
}

async fn edit_page(
    state: &AppState,
    ctx: PageCtx,
    comment: &Stored,
    form: EditForm,
    error: String,
    conflict: Option<String>,
) -> Result<EditPage> {
    let plan = state.plans.plan().await?;
    let people = comments::people(&state.db, comment.plan_id).await?;
    let until = comment
        .created_at
        .checked_add_signed(EDIT_WINDOW)
        .unwrap_or(comment.created_at)
        .with_timezone(&plan.time_zone)
        .format("%H:%M")
        .to_string();
    Ok(EditPage {
        id: comment.id.to_string(),
        version: form.version,
        back: format!("{}#comment-{}", subject::page(comment.on), comment.id),
        until: ctx
            .lang
            .t_args("comment-edit-until", &[("time", until.into())]),
        body: form.body,
        error,
        people: people.iter().map(person_view).collect(),
        conflict,
        ctx,
    })
}

/// The comment, if `user` may edit it now.
async fn editable(state: &AppState, user: &User, id: uuid::Uuid) -> Result<Stored> {
    let mut conn = state.db.acquire().await?;
    let comment = comments::find(&mut conn, id)
        .await?
        .ok_or(AppError::NotFound)?;
    allow(user.may_edit_comment(scope(&comment), Utc::now()))?;
    Ok(comment)
}

pub(super) async fn edit_comment_form(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
) -> Result<EditPage> {
    let comment = editable(&state, &user, id).await?;
    let form = EditForm {
        version: comment.version,
        body: comment.body.clone(),
    };
    edit_page(&state, ctx, &comment, form, String::new(), None).await
}

pub(super) async fn update_comment(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<EditForm>,
) -> Result<Response> {
    let comment = editable(&state, &user, id).await?;
    let body = match CommentBody::parse(&form.body) {
        Ok(body) => body,
        Err(invalid) => {
            let error = ctx.t(invalid.key());
            let page = edit_page(&state, ctx, &comment, form, error, None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
        }
    };
    let mut tx = state.db.begin().await?;
    let before = comments::lock(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let target = comments::target(&mut tx, before.on)
        .await?
        .ok_or(AppError::NotFound)?;
    let mentions = mentioned(&state, before.plan_id, &body).await?;
    if !comments::edit(&mut tx, id, form.version, &body, &mentions).await? {
        drop(tx);
        let stored = EditForm {
            version: before.version,
            body: before.body.clone(),
        };
        let page = edit_page(&state, ctx, &before, stored, String::new(), Some(form.body)).await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    let edited = Change::CommentEdited {
        on: before.on,
        before: comment_text(
            before.on,
            id,
            &target,
            &before.body,
            before.mentions.clone(),
        ),
        after: comment_text(before.on, id, &target, body.as_str(), mentions),
    };
    events::record(&mut tx, Some(before.plan_id), Some(user.id), &edited).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t(flash_key(before.on, CommentVerb::Edited))).await?;
    let back = format!("{}#comment-{id}", subject::page(before.on));
    Ok(Redirect::to(&back).into_response())
}

pub(super) async fn delete_comment(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
) -> Result<Response> {
    let mut tx = state.db.begin().await?;
    let before = comments::lock(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    allow(user.may_delete_comment(scope(&before)))?;
    let target = comments::target(&mut tx, before.on)
        .await?
        .ok_or(AppError::NotFound)?;
    comments::delete(&mut tx, id).await?;
    let deleted = Change::CommentDeleted {
        on: before.on,
        before: comment_text(before.on, id, &target, &before.body, before.mentions),
    };
    events::record(&mut tx, Some(before.plan_id), Some(user.id), &deleted).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t(flash_key(before.on, CommentVerb::Deleted))).await?;
    let back = format!("{}#comments", subject::page(before.on));
    Ok(Redirect::to(&back).into_response())
}
