//! `POST /feedback/{id}/merge`: the entry is a duplicate of another. It keeps
//! a link to the original, whose count of duplicates takes over its own.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use super::entry::{self, Redraw};
use super::to_entry;
use crate::auth::CurrentUser;
use crate::auth::policy;
use crate::db::events;
use crate::db::feedback;
use crate::domain::change::{Change, EntryMerge};
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::extract::IdPath;
use crate::web::form::FieldErrors;
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new().route("/feedback/{id}/merge", post(merge_feedback))
}

/// What the merge form posts: the original, and the version of the duplicate.
#[derive(Default, Deserialize)]
#[serde(default)]
struct MergeForm {
    into: String,
    version: String,
}

async fn merge_feedback(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(form): Form<MergeForm>,
) -> Result<Response> {
    policy::allow(user.may_triage_feedback())?;
    let original_id = Uuid::parse_str(form.into.trim())
        .ok()
        .filter(|into| *into != id);
    let mut tx = state.db.begin().await?;
    // Both rows locked in one order, so that two merges never wait on each other.
    let (duplicate, original) = match original_id {
        Some(original_id) if original_id < id => {
            let original = feedback::lock(&mut tx, original_id).await?;
            (feedback::lock(&mut tx, id).await?, original)
        }
        Some(original_id) => {
            let duplicate = feedback::lock(&mut tx, id).await?;
            (duplicate, feedback::lock(&mut tx, original_id).await?)
        }
        None => (feedback::lock(&mut tx, id).await?, None),
    };
    let duplicate = duplicate.ok_or(AppError::NotFound)?;
    let original = original.filter(|original| {
        original.plan_id == duplicate.plan_id && original.merged_into_id.is_none()
    });
    let Some(original) = original else {
        tx.rollback().await?;
        let mut errors = FieldErrors::new(ctx.lang);
        errors.add("into", "invalid-choice");
        let redraw = Redraw {
            errors: Some(errors),
            ..Redraw::default()
        };
        let page = entry::entry_page(&state, ctx, &user, duplicate, redraw).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let stale = form.version.trim().parse::<i32>().ok() != Some(duplicate.version);
    if stale || duplicate.merged_into_id.is_some() {
        tx.rollback().await?;
        let redraw = Redraw {
            conflict: Some(ctx.t("feedback-conflict-merge")),
            ..Redraw::default()
        };
        let page = entry::entry_page(&state, ctx, &user, duplicate, redraw).await?;
        return Ok((StatusCode::CONFLICT, page).into_response());
    }
    feedback::merge(&mut tx, &duplicate, &original).await?;
    let moved = 1 + duplicate.duplicate_count;
    let merged = Change::FeedbackMerged {
        entry: duplicate.id,
        before: EntryMerge {
            merged_into_id: None,
            original_duplicate_count: original.duplicate_count,
        },
        after: EntryMerge {
            merged_into_id: Some(original.id),
            original_duplicate_count: original.duplicate_count + moved,
        },
    };
    events::record(&mut tx, Some(duplicate.plan_id), Some(user.id), &merged).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("feedback-merged")).await?;
    Ok(to_entry(original.id))
}
