//! Tags on an entry (add, remove). They add beside the entry rather than
//! change it, so they take no `version`: two people tagging at once both get
//! their tag. Its internal notes are its comments (`web::comments`).

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
use crate::db::feedback_tags;
use crate::db::users::User;
use crate::domain::change::{Change, EntryTag};
use crate::domain::feedback::Tag;
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::IdPath;
use crate::web::form::FieldErrors;
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/feedback/{id}/tags", post(add_tag))
        .route("/feedback/{id}/tags/remove", post(remove_tag))
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct TagForm {
    tag: String,
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
    if feedback_tags::add_tag(&mut tx, id, &tag).await? {
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
    if feedback_tags::remove_tag(&mut tx, id, &form.tag).await? {
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
