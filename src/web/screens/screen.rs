//! Creating and revoking a wall screen. Each create and revoke is one
//! transaction with its event; the link's secret never enters an event.

use axum::Form;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use tower_sessions::Session;

use super::{check_keeper, list};
use crate::auth::CurrentUser;
use crate::auth::tokens::{self, Purpose};
use crate::db::{events, kiosk_screens};
use crate::domain::change::{Change, Screen};
use crate::domain::screen::ScreenName;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::extract::LinkBase;
use crate::web::extract::{CurrentPlan, IdPath};
use crate::web::form::FieldErrors;
use crate::web::page::{self, PageCtx};

/// The new screen's form.
#[derive(Default, Deserialize)]
#[serde(default)]
pub(super) struct NewScreenForm {
    name: String,
}

pub(super) async fn create_screen(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    LinkBase(base): LinkBase,
    Form(form): Form<NewScreenForm>,
) -> Result<Response> {
    check_keeper(&state, &user).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let name = errors.check("name", ScreenName::parse(&form.name));
    let mut tx = state.db.begin().await?;
    if let Some(name) = &name
        && kiosk_screens::name_taken(&mut tx, plan.id, name.as_str()).await?
    {
        errors.add("name", "screens-name-taken");
    }
    let Some(name) = name.filter(|_| errors.is_empty()) else {
        drop(tx);
        let page = list::page(&state, ctx, &plan, &base, form.name, errors).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let (token, _) = tokens::issue_revocable(&mut tx, Purpose::Kiosk, None, user.id).await?;
    let id = kiosk_screens::insert(&mut tx, plan.id, name.as_str(), token, user.id).await?;
    let created = Change::ScreenCreated {
        plan: plan.id,
        after: Screen {
            screen: id,
            name: name.as_str().to_owned(),
        },
    };
    events::record(&mut tx, Some(plan.id), Some(user.id), &created).await?;
    tx.commit().await?;
    let message = ctx.lang.t_args(
        "screens-created-flash",
        &[("name", name.as_str().to_owned().into())],
    );
    page::flash(&session, message).await?;
    Ok(Redirect::to(&format!("/screens#screen-{id}")).into_response())
}

pub(super) async fn revoke_screen(
    State(state): State<AppState>,
    CurrentPlan(plan): CurrentPlan,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
    session: Session,
    IdPath(id): IdPath,
) -> Result<Response> {
    check_keeper(&state, &user).await?;
    let mut tx = state.db.begin().await?;
    let name = kiosk_screens::revoke(&mut tx, plan.id, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let revoked = Change::ScreenRevoked {
        plan: plan.id,
        before: Screen {
            screen: id,
            name: name.clone(),
        },
    };
    events::record(&mut tx, Some(plan.id), Some(user.id), &revoked).await?;
    tx.commit().await?;
    let message = ctx
        .lang
        .t_args("screens-revoked-flash", &[("name", name.into())]);
    page::flash(&session, message).await?;
    Ok(Redirect::to("/screens").into_response())
}
