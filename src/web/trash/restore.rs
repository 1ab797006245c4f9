//! Taking an item or an action out of the trash: it comes back in place (the
//! same phase and position, links, history and comments), then back to
//! `/trash` with a word of where it went.

use axum::extract::State;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::Utc;
use tower_sessions::Session;

use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::events;
use crate::db::trash;
use crate::domain::change::Change;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::extract::IdPath;
use crate::web::page::{self, PageCtx};

pub(super) async fn restore_item(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
) -> Result<Response> {
    allow(user.may_see_trash())?;
    let now = Utc::now();
    let mut tx = state.db.begin().await?;
    let item = trash::find_item(&mut tx, id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    allow(user.may_edit_items(item.team_id))?;
    // Restored or purged since the trash was drawn: it is no longer there.
    if !trash::restore_item(&mut tx, id, now).await? {
        return Err(AppError::NotFound);
    }
    let restored = Change::ItemRestored {
        item: id,
        after: item.fields(),
    };
    events::record(&mut tx, Some(item.plan_id), Some(user.id), &restored).await?;
    tx.commit().await?;
    let phase = format!("{} {}", item.phase_section, item.phase_name);
    let back = ctx.lang.t_args(
        "trash-item-restored",
        &[("title", item.title.into()), ("phase", phase.into())],
    );
    page::flash(&session, back).await?;
    Ok(Redirect::to("/trash").into_response())
}

pub(super) async fn restore_action(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
) -> Result<Response> {
    allow(user.may_see_trash())?;
    let now = Utc::now();
    let mut tx = state.db.begin().await?;
    let action = trash::find_action(&mut tx, id, now)
        .await?
        .ok_or(AppError::NotFound)?;
    allow(user.may_edit_items(action.team_id))?;
    if !trash::restore_action(&mut tx, id, now).await? {
        return Err(AppError::NotFound);
    }
    let restored = Change::CommunicationRestored {
        action: id,
        after: action.fields(),
    };
    events::record(&mut tx, Some(action.plan_id), Some(user.id), &restored).await?;
    tx.commit().await?;
    let back = ctx
        .lang
        .t_args("trash-action-restored", &[("title", action.title.into())]);
    page::flash(&session, back).await?;
    Ok(Redirect::to("/trash").into_response())
}
