//! `POST /items/{id}/state`: tick, start, block (with a reason) or reopen an item.
//! Without JavaScript the answer is a 303 back to the page the form was on
//! (the phase, or the item's own page); the page's script follows it and
//! swaps the changed regions in place.

use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use sqlx::{Connection, PgConnection};
use uuid::Uuid;

use crate::auth::CurrentUser;
use crate::auth::policy::{ItemScope, allow};
use crate::auth::session_store::{self, ReadAhead};
use crate::db::events::Unannounced;
use crate::db::items;
use crate::db::items::Movable;
use crate::db::users::User;
use crate::domain::change::Change;
use crate::domain::item::StateChange;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::communications::twins;
use crate::web::extract::{IdPath, in_shown_plan};
use crate::web::items::edit;
use crate::web::items::view::RowFeedback;
use crate::web::page::PageCtx;
use crate::web::phases::phase_page;

/// The state form's route. Its item is read with the session when the
/// router is put together with [`read_item_ahead`] outside the session's
/// layers (`app`); without it, the handler reads the item itself.
pub fn router() -> Router<AppState> {
    Router::new().route("/items/{id}/state", post(change_state))
}

/// Asks the session's statement to read the form's item too
/// (`session_store::ReadAhead`): a tick is the dashboard's most frequent
/// write, and a statement of its own made a quarter of its cost.
pub async fn read_item_ahead(
    id: std::result::Result<IdPath, AppError>,
    mut request: Request,
    next: Next,
) -> Response {
    if let Ok(IdPath(item)) = id {
        request.extensions_mut().insert(ReadAhead { item });
    }
    next.run(request).await
}

/// What the state forms post (PRODUCT.md's contract).
#[derive(Default, Deserialize)]
#[serde(default)]
struct StateForm {
    state: String,
    reason: String,
    version: i32,
    /// "item" from the item's page; the phase's rows send nothing.
    back: String,
}

/// The page a state form was on, where its answer returns.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Back {
    Phase,
    Item,
}

impl Back {
    /// Only the item page's fixed value leads back there; anything else is
    /// the phase. The form names a page, never a URL, so the answer cannot
    /// be sent elsewhere.
    fn parse(value: &str) -> Back {
        if value == "item" {
            Back::Item
        } else {
            Back::Phase
        }
    }

    /// Where a change applied from `item`'s form is seen.
    fn location(self, item: &Movable) -> String {
        match self {
            Back::Phase => format!("/phases/{}#item-{}", item.phase_id, item.id),
            Back::Item => format!("/items/{}", item.id),
        }
    }
}

async fn change_state(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    IdPath(id): IdPath,
    Form(form): Form<StateForm>,
) -> Result<Response> {
    let back = Back::parse(&form.back);
    // One connection reads the item and stores its change: a tick is the
    // dashboard's most frequent write, and each connection taken from the
    // pool costs a round trip as it goes back.
    let mut conn = state.db.acquire().await?;
    let found = match session_store::item_read_ahead(id) {
        Some(found) => found,
        None => items::find_movable(&mut conn, id).await?,
    };
    let item = in_shown_plan(found)?;
    allow(user.may_tick(ItemScope::of_move(&item)))?;
    let applied = apply(&mut conn, &ctx, user.id, &item, form).await?;
    // A refusal draws a page, which takes connections of its own.
    drop(conn);
    match applied {
        Applied::Recorded(recorded) => {
            state.live.announce(recorded);
            Ok(Redirect::to(&back.location(&item)).into_response())
        }
        Applied::Refused(feedback, status) => {
            refuse(back, &state, ctx, &user, &item, feedback, status).await
        }
    }
}

/// What became of a state form.
enum Applied {
    Recorded(Unannounced),
    /// Why, shown beside the item's actions, answered with the status.
    Refused(RowFeedback, StatusCode),
}

/// Applies the form to `item` as `actor`'s change.
async fn apply(
    conn: &mut PgConnection,
    ctx: &PageCtx,
    actor: Uuid,
    item: &Movable,
    form: StateForm,
) -> Result<Applied> {
    let change = match StateChange::parse(&form.state, &form.reason) {
        Ok(change) => change,
        Err(invalid) => {
            let feedback = RowFeedback {
                reason_error: ctx.t(invalid.key()),
                reason_value: form.reason,
                ..RowFeedback::default()
            };
            return Ok(Applied::Refused(feedback, StatusCode::UNPROCESSABLE_ENTITY));
        }
    };
    // A form drawn from an older version is a conflict, whatever it asks;
    // a current one may ask only for the moves the item's state allows.
    let stale = form.version != item.version;
    if !stale && let Err(refused) = item.state.check_move(change.state()) {
        let feedback = RowFeedback {
            refused: Some(ctx.t(refused.key())),
            ..RowFeedback::default()
        };
        return Ok(Applied::Refused(feedback, StatusCode::UNPROCESSABLE_ENTITY));
    }
    let recorded = if stale {
        None
    } else {
        let moved = item.moved_to(change.state(), change.reason());
        store(conn, actor, item, &change, None, &moved).await?
    };
    let Some(recorded) = recorded else {
        let attempted = ctx.lang.t_args(
            "item-conflict",
            &[("state", ctx.t(change.state().label_key()).into())],
        );
        let feedback = RowFeedback {
            conflict: Some(attempted),
            ..RowFeedback::default()
        };
        return Ok(Applied::Refused(feedback, StatusCode::CONFLICT));
    };
    Ok(Applied::Recorded(recorded))
}

/// Stores `change` of `item`, read at its current version, by `actor`, with
/// its evidence link if one is given, recorded as `moved`; `None` when
/// someone changed the item since. Announced after the commit (see
/// `events::record_unannounced`). The forms and the API both store here.
pub(crate) async fn store(
    conn: &mut PgConnection,
    actor: Uuid,
    item: &Movable,
    change: &StateChange,
    evidence_url: Option<&str>,
    moved: &Change,
) -> Result<Option<Unannounced>> {
    if !item.has_twin {
        // One statement: the change and its event commit together.
        return Ok(items::change_state(
            conn,
            item.id,
            item.version,
            change,
            evidence_url,
            actor,
            moved,
        )
        .await?);
    }
    let mut tx = conn.begin().await?;
    let recorded = items::change_state(
        &mut tx,
        item.id,
        item.version,
        change,
        evidence_url,
        actor,
        moved,
    )
    .await?;
    if recorded.is_some() {
        // A launch-day action tied to the item is done or reopened with it.
        twins::action_follows(&mut tx, item, change.state(), actor).await?;
        tx.commit().await?;
    }
    Ok(recorded)
}

/// The page the form was on again, with `feedback` beside the item's
/// actions, answered with `status`.
async fn refuse(
    back: Back,
    state: &AppState,
    ctx: PageCtx,
    user: &User,
    item: &Movable,
    feedback: RowFeedback,
    status: StatusCode,
) -> Result<Response> {
    if back == Back::Item {
        return edit::refused_move(state, ctx, user, item.id, feedback, status).await;
    }
    let page = phase_page(
        state,
        ctx,
        user,
        item.phase_id,
        None,
        Some((item.id, feedback)),
        None,
    )
    .await?;
    Ok((status, page).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_item_pages_fixed_value_leads_back_to_the_item() {
        assert_eq!(Back::parse("item"), Back::Item);
        for other in [
            "",
            "phase",
            "Item",
            "/items/1",
            "https://example.org",
            "item ",
        ] {
            assert_eq!(Back::parse(other), Back::Phase, "{other:?}");
        }
    }
}
