//! `POST /comments`: a comment on an item, a risk, a communication action or
//! a piece of feedback, back to its page at `#comments`. Refused text draws
//! that page again with the text and the error beside the field. The notes
//! form's address from before notes were comments still answers.
//!
//! Above both the comments and the pages they are on: those pages draw the
//! comments' thread, and a refused comment draws them.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

use crate::auth::CurrentUser;
use crate::db::users::User;
use crate::domain::change::Commentable;
use crate::error::Result;
use crate::state::AppState;
use crate::web::comments::{Draft, Posted, add, subject};
use crate::web::extract::IdPath;
use crate::web::page::PageCtx;
use crate::web::{communications, feedback, items, risks};

/// The routes that add a comment.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/comments", post(create_comment))
        .route("/feedback/{id}/notes", post(add_note))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct NewComment {
    subject_kind: String,
    subject_id: String,
    body: String,
}

/// The notes form of a piece of feedback, as it was before notes were comments.
#[derive(Default, Deserialize)]
#[serde(default)]
struct NoteForm {
    note: String,
}

async fn create_comment(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    Form(form): Form<NewComment>,
) -> Result<Response> {
    let on = subject::parse(&form.subject_kind, &form.subject_id)?;
    let back = format!("{}#comments", subject::page(on));
    post_comment(&state, ctx, &user, &session, on, form.body, back).await
}

/// `POST /feedback/{id}/notes`: a note, back to the entry as before.
async fn add_note(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<NoteForm>,
) -> Result<Response> {
    let on = Commentable::Feedback(id);
    let back = subject::page(on);
    post_comment(&state, ctx, &user, &session, on, form.note, back).await
}

/// Adds the comment, or draws the subject's page again when it is refused.
async fn post_comment(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    session: &Session,
    on: Commentable,
    typed: String,
    back: String,
) -> Result<Response> {
    match add(state, &ctx, user, session, on, typed, back).await? {
        Posted::Added(redirect) => Ok(redirect.into_response()),
        Posted::Refused(draft) => refuse(state, ctx, user, on, draft).await,
    }
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
