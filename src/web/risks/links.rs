//! A risk's mitigation items: checklist items of the plan tied to it (one
//! item may serve several risks). Tying and untying are set operations, so
//! two owners doing it at once both win and nothing is overwritten.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::post;
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;
use uuid::Uuid;

use super::load;
use super::show::{Refused, risk_page};
use crate::auth::CurrentUser;
use crate::auth::policy::allow;
use crate::db::{events, items, risks};
use crate::domain::change::{Change, RiskItemLink};
use crate::error::Result;
use crate::state::AppState;
use crate::web::extract::{IdPath, parse_id};
use crate::web::page::{self, PageCtx};

pub(super) fn router() -> Router<AppState> {
    Router::new()
        .route("/risks/{id}/items", post(link_item))
        .route("/risks/{id}/items/unlink", post(unlink_item))
}

/// The item to tie or untie.
#[derive(Default, Deserialize)]
#[serde(default)]
struct ItemChoice {
    item: String,
}

async fn link_item(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(choice): Form<ItemChoice>,
) -> Result<Response> {
    let risk = load(&state, id).await?;
    allow(user.may_edit_risks(risk.owner_team_id))?;
    let mut tx = state.db.begin().await?;
    let item = match Uuid::parse_str(choice.item.trim()) {
        Ok(item_id) => items::find(&mut tx, item_id).await?,
        Err(_) => None,
    };
    let Some(item) = item.filter(|item| item.plan_id == risk.plan_id) else {
        drop(tx);
        let refused = Refused {
            link_error: Some(ctx.t("invalid-choice")),
            ..Refused::default()
        };
        let page = risk_page(&state, ctx, &user, risk, refused).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    if risks::link(&mut tx, risk.id, item.id).await? {
        let linked = Change::RiskItemLinked {
            risk: risk.id,
            after: RiskItemLink {
                title: risk.title.clone(),
                item_id: item.id,
                item: item.title.clone(),
            },
        };
        events::record(&mut tx, Some(risk.plan_id), Some(user.id), &linked).await?;
    }
    tx.commit().await?;
    page::flash(
        &session,
        ctx.lang
            .t_args("risk-item-linked", &[("item", item.title.into())]),
    )
    .await?;
    Ok(Redirect::to(&format!("/risks/{}#mitigation", risk.id)).into_response())
}

async fn unlink_item(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
    Form(choice): Form<ItemChoice>,
) -> Result<Response> {
    let risk = load(&state, id).await?;
    allow(user.may_edit_risks(risk.owner_team_id))?;
    let item_id = parse_id(choice.item.trim())?;
    let mut tx = state.db.begin().await?;
    let title = items::find(&mut tx, item_id)
        .await?
        .map(|item| item.title)
        .unwrap_or_default();
    if risks::unlink(&mut tx, risk.id, item_id).await? {
        let unlinked = Change::RiskItemUnlinked {
            risk: risk.id,
            before: RiskItemLink {
                title: risk.title.clone(),
                item_id,
                item: title.clone(),
            },
        };
        events::record(&mut tx, Some(risk.plan_id), Some(user.id), &unlinked).await?;
    }
    tx.commit().await?;
    page::flash(
        &session,
        ctx.lang
            .t_args("risk-item-unlinked", &[("item", title.into())]),
    )
    .await?;
    Ok(Redirect::to(&format!("/risks/{}#mitigation", risk.id)).into_response())
}
