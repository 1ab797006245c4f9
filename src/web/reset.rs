//! `/reset?token=...`: the owner of an account sets a new password through a
//! one-time link an admin gave them. Every older session of theirs ends.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use serde::Deserialize;
use sqlx::PgConnection;
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::password;
use crate::auth::tokens::{self, Purpose};
use crate::db::events;
use crate::db::users;
use crate::domain::account::NewPassword;
use crate::domain::change::Change;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::form::FieldErrors;
use crate::web::page::{self, PageCtx};

/// `/reset`.
pub fn router() -> Router<AppState> {
    Router::new().route("/reset", get(show_reset).post(reset_password))
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/reset.html")]
struct ResetPage {
    ctx: PageCtx,
    token: String,
    errors: FieldErrors,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ResetQuery {
    token: String,
}

async fn show_reset(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<ResetQuery>,
) -> Result<ResetPage> {
    let mut conn = state.db.acquire().await?;
    tokens::find(&mut conn, Purpose::PasswordReset, &query.token, false)
        .await?
        .ok_or(AppError::NotFound)?;
    let errors = FieldErrors::new(ctx.lang);
    Ok(ResetPage {
        ctx,
        token: query.token,
        errors,
    })
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct ResetForm {
    token: String,
    password: String,
    password_confirmation: String,
}

async fn reset_password(
    State(state): State<AppState>,
    ctx: PageCtx,
    session: Session,
    Form(form): Form<ResetForm>,
) -> Result<Response> {
    // The link is looked at first, then locked once the password is hashed:
    // no transaction stays open while a hasher is awaited.
    live_link_owner(&mut *state.db.acquire().await?, &form.token, false).await?;
    let mut errors = FieldErrors::new(ctx.lang);
    let Some(new_password) = errors.check(
        "password",
        NewPassword::parse(&form.password, &form.password_confirmation, &[]),
    ) else {
        return Ok((
            StatusCode::UNPROCESSABLE_ENTITY,
            ResetPage {
                ctx,
                token: form.token,
                errors,
            },
        )
            .into_response());
    };
    let hash = password::hash_in_turn(new_password.expose().to_owned()).await?;
    let mut tx = state.db.begin().await?;
    // Used meanwhile by a parallel submission: refused like any dead link.
    let (token_id, user_id) = live_link_owner(&mut tx, &form.token, true).await?;
    users::set_password(&mut tx, user_id, &hash).await?;
    tokens::mark_used(&mut tx, token_id).await?;
    let reset = Change::PasswordReset { user: user_id };
    events::record(&mut tx, None, Some(user_id), &reset).await?;
    tx.commit().await?;
    page::flash(&session, ctx.t("reset-done")).await?;
    Ok(Redirect::to("/login").into_response())
}

/// The live reset link with this secret, and its account; locked when
/// `for_update`. A dead link is not found.
async fn live_link_owner(
    conn: &mut PgConnection,
    secret: &str,
    for_update: bool,
) -> Result<(Uuid, Uuid)> {
    let token = tokens::find(conn, Purpose::PasswordReset, secret, for_update).await?;
    token
        .and_then(|token| Some((token.id, token.user_id?)))
        .ok_or(AppError::NotFound)
}
