//! `POST /comments`: a comment on an item, a risk, a communication action or
//! a piece of feedback, back to its page at `#comments`. Refused text draws
//! that page again with the text and the error beside the field. The notes
//! form's address from before notes were comments still answers.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::thread::Draft;
use super::{comment_text, flash_key, mentioned, subject};
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::users::User;
use crate::db::{comments, events};
use crate::domain::change::{Change, CommentVerb, Commentable};
use crate::domain::comment::CommentBody;
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::{IdPath, in_shown_plan};
use crate::web::page::{self, PageCtx};
use crate::web::{communications, feedback, items, risks};

#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct NewComment {
    subject_kind: String,
    subject_id: String,
    body: String,
}

/// The notes form of a piece of feedback, as it was before notes were comments.
#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct NoteForm {
    note: String,
}

pub(super) async fn create_comment(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    Form(form): Form<NewComment>,
) -> Result<Response> {
    let on = subject::parse(&form.subject_kind, &form.subject_id)?;
    let back = format!("{}#comments", subject::page(on));
    add(&state, ctx, &user, &session, on, form.body, back).await
}

/// `POST /feedback/{id}/notes`: a note, back to the entry as before.
pub(super) async fn add_note(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<NoteForm>,
) -> Result<Response> {
    let on = Commentable::Feedback(id);
    add(
        &state,
        ctx,
        &user,
        &session,
        on,
        form.note,
        subject::page(on),
    )
    .await
}

/// Adds `user`'s comment on `on`, then redirects to `back`.
async fn add(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    session: &Session,
    on: Commentable,
    typed: String,
    back: String,
) -> Result<Response> {
    allow(user.may_comment(on))?;
    let body = match CommentBody::parse(&typed) {
        Ok(body) => body,
        Err(invalid) => {
            let draft = Draft {
                error: ctx.t(invalid.key()),
                body: typed,
            };
            return refuse(state, ctx, user, on, draft).await;
        }
    };
    let mut tx = state.db.begin().await?;
    let target = in_shown_plan(&state.plans, comments::target(&mut tx, on).await?).await?;
    let mentions = mentioned(state, target.plan_id, &body).await?;
    let id = comments::add(&mut tx, target.plan_id, on, user.id, &body, &mentions).await?;
    let commented = Change::Commented {
        on,
        after: comment_text(on, id, &target, body.as_str(), mentions),
    };
    events::record(&mut tx, Some(target.plan_id), Some(user.id), &commented).await?;
    tx.commit().await?;
    page::flash(session, ctx.t(flash_key(on, CommentVerb::Added))).await?;
    Ok(Redirect::to(&back).into_response())
}

/// The subject's page again, 422, with the refused text and its error.
async fn refuse(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    on: Commentable,
    draft: Draft,
) -> Result<Response> {
    let page = match on {
        Commentable::Item(id) => items::edit::comment_refused(state, ctx, user, id, draft).await?,
        Commentable::Risk(id) => risks::comment_refused(state, ctx, user, id, draft).await?,
        Commentable::Communication(id) => {
            communications::comment_refused(state, ctx, user, id, draft).await?
        }
        Commentable::Feedback(id) => feedback::comment_refused(state, ctx, user, id, draft).await?,
    };
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}
