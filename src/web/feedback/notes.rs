//! Tags (add, remove) and internal notes on an entry. They add beside the
//! entry rather than change it, so they take no `version`: two people
//! tagging at once both get their tag.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

use super::entry::{self, Redraw};
use super::to_entry;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::db::events;
use crate::db::feedback::Entry;
use crate::db::feedback_notes;
use crate::db::users::User;
use crate::domain::change::{Change, CommentText, Commentable, EntryTag};
use crate::domain::feedback::{NoteBody, Tag};
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::IdPath;
use crate::web::form::FieldErrors;
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/feedback/{id}/tags", post(add_tag))
        .route("/feedback/{id}/tags/remove", post(remove_tag))
        .route("/feedback/{id}/notes", post(add_note))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct TagForm {
    tag: String,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct NoteForm {
    note: String,
}

/// The entry's page again, 422, with `redraw`'s value and error.
async fn refuse(
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    current: Entry,
    redraw: Redraw,
) -> Result<Response> {
    let page = entry::entry_page(state, ctx, user, current, redraw).await?;
    Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response())
}

async fn add_tag(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<TagForm>,
) -> Result<Response> {
    policy::allow(user.may_triage_feedback())?;
    let current = entry::load(&state, id).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let Some(tag) = errors.check("tag", Tag::parse(&form.tag)) else {
        let redraw = Redraw {
            tag: form.tag,
            errors: Some(errors),
            ..Redraw::default()
        };
        return refuse(&state, ctx, &user, current, redraw).await;
    };
    let mut tx = state.db.begin().await?;
    if feedback_notes::add_tag(&mut tx, id, &tag).await? {
        let tagged = Change::FeedbackTagAdded {
            entry: id,
            after: EntryTag {
                tag: tag.as_str().to_owned(),
            },
        };
        events::record(&mut tx, Some(current.plan_id), Some(user.id), &tagged).await?;
    }
    tx.commit().await?;
    page::flash(&session, ctx.t("feedback-saved")).await?;
    Ok(to_entry(id))
}

async fn remove_tag(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<TagForm>,
) -> Result<Response> {
    policy::allow(user.may_triage_feedback())?;
    let current = entry::load(&state, id).await?;
    let mut tx = state.db.begin().await?;
    if feedback_notes::remove_tag(&mut tx, id, &form.tag).await? {
        let untagged = Change::FeedbackTagRemoved {
            entry: id,
            before: EntryTag { tag: form.tag },
        };
        events::record(&mut tx, Some(current.plan_id), Some(user.id), &untagged).await?;
    }
    tx.commit().await?;
    page::flash(&session, ctx.t("feedback-saved")).await?;
    Ok(to_entry(id))
}

async fn add_note(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<NoteForm>,
) -> Result<Response> {
    policy::allow(user.may_triage_feedback())?;
    let current = entry::load(&state, id).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let Some(body) = errors.check("note", NoteBody::parse(&form.note)) else {
        let redraw = Redraw {
            note: form.note,
            errors: Some(errors),
            ..Redraw::default()
        };
        return refuse(&state, ctx, &user, current, redraw).await;
    };
    let mut tx = state.db.begin().await?;
    let note_id = feedback_notes::add_note(&mut tx, id, user.id, &body).await?;
    // The note's text stays on the entry; the activity feed says one was added.
    let noted = Change::Commented {
        on: Commentable::Feedback(id),
        after: CommentText {
            comment_id: note_id,
            title: String::new(),
            body: String::new(),
            mentions: Vec::new(),
        },
    };
    events::record(&mut tx, Some(current.plan_id), Some(user.id), &noted).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("feedback-note-added")).await?;
    Ok(to_entry(id))
}
