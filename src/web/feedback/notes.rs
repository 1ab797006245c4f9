//! Tags (add, remove) and internal notes on an entry. They add beside the
//! entry rather than change it, so they take no `version`: two people
//! tagging at once both get their tag.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;
use uuid::Uuid;

use super::entry::{self, Redraw};
use super::{parse_id, to_entry};
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::db::events::{self, NewEvent};
use crate::db::feedback::Entry;
use crate::db::feedback_notes;
use crate::db::users::User;
use crate::domain::feedback::{NoteBody, Tag};
use crate::error::Result;
use crate::state::AppState;
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

/// The event of `user` adding (or removing) `detail` on entry `id`.
fn event<'a>(
    plan_id: Uuid,
    user: &User,
    id: Uuid,
    kind: &'a str,
    detail: serde_json::Value,
    added: bool,
) -> NewEvent<'a> {
    NewEvent {
        plan_id: Some(plan_id),
        actor_id: Some(user.id),
        kind,
        subject_type: "feedback",
        subject_id: Some(id),
        before: (!added).then(|| detail.clone()),
        after: added.then_some(detail),
    }
}

async fn add_tag(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    Path(id): Path<String>,
    Form(form): Form<TagForm>,
) -> Result<Response> {
    policy::allow(user.may_triage_feedback())?;
    let id = parse_id(&id)?;
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
        let detail = json!({ "tag": tag.as_str() });
        events::record(
            &mut tx,
            event(
                current.plan_id,
                &user,
                id,
                "feedback.tag_added",
                detail,
                true,
            ),
        )
        .await?;
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
    Path(id): Path<String>,
    Form(form): Form<TagForm>,
) -> Result<Response> {
    policy::allow(user.may_triage_feedback())?;
    let id = parse_id(&id)?;
    let current = entry::load(&state, id).await?;
    let mut tx = state.db.begin().await?;
    if feedback_notes::remove_tag(&mut tx, id, &form.tag).await? {
        let detail = json!({ "tag": form.tag });
        events::record(
            &mut tx,
            event(
                current.plan_id,
                &user,
                id,
                "feedback.tag_removed",
                detail,
                false,
            ),
        )
        .await?;
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
    Path(id): Path<String>,
    Form(form): Form<NoteForm>,
) -> Result<Response> {
    policy::allow(user.may_triage_feedback())?;
    let id = parse_id(&id)?;
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
    let detail = json!({ "note_id": note_id });
    events::record(
        &mut tx,
        event(
            current.plan_id,
            &user,
            id,
            "feedback.note_added",
            detail,
            true,
        ),
    )
    .await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("feedback-note-added")).await?;
    Ok(to_entry(id))
}
