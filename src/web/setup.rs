//! `/setup`: the first admin, through a one-time link printed in the log at
//! start while the database has no admin. Dead once an admin exists.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use chrono::{Duration, Utc};
use serde::Deserialize;
use sqlx::PgPool;
use tower_sessions::Session;

use crate::auth::tokens::{self, Purpose};
use crate::auth::{password, session};
use crate::db::events;
use crate::db::locks;
use crate::db::users::{self, NewUser};
use crate::domain::account::{DisplayName, Email, NewPassword};
use crate::domain::change::{AccountOrigin, Change, NewAccount};
use crate::domain::role::Role;
use crate::error::{AppError, Result};
use crate::state::AppState;
use crate::web::form::FieldErrors;
use crate::web::page::PageCtx;

/// How long a setup link stays valid.
const LINK_LIFETIME: Duration = Duration::hours(24);

/// `/setup`.
pub fn router() -> Router<AppState> {
    Router::new().route("/setup", get(show_setup).post(create_first_admin))
}

/// Issues a setup link's secret when no admin exists yet (the server logs it at start).
pub async fn issue_link_if_no_admin(pool: &PgPool) -> anyhow::Result<Option<String>> {
    let mut tx = pool.begin().await?;
    if users::admin_exists(&mut tx).await? {
        return Ok(None);
    }
    let secret = tokens::issue(
        &mut tx,
        Purpose::Setup,
        None,
        None,
        Utc::now() + LINK_LIFETIME,
    )
    .await?;
    tx.commit().await?;
    Ok(Some(secret))
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/setup.html")]
struct SetupPage {
    ctx: PageCtx,
    token: String,
    email: String,
    display_name: String,
    errors: FieldErrors,
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct SetupQuery {
    token: String,
}

async fn show_setup(
    State(state): State<AppState>,
    ctx: PageCtx,
    Query(query): Query<SetupQuery>,
) -> Result<SetupPage> {
    let mut conn = state.db.acquire().await?;
    if users::admin_exists(&mut conn).await?
        || tokens::find(&mut conn, Purpose::Setup, &query.token, false)
            .await?
            .is_none()
    {
        return Err(AppError::NotFound);
    }
    let errors = FieldErrors::new(ctx.lang);
    Ok(SetupPage {
        ctx,
        token: query.token,
        email: String::new(),
        display_name: String::new(),
        errors,
    })
}

#[derive(Default, Deserialize)]
#[serde(default)]
struct SetupForm {
    token: String,
    email: String,
    name: String,
    password: String,
    password_confirmation: String,
}

async fn create_first_admin(
    State(state): State<AppState>,
    ctx: PageCtx,
    session: Session,
    Form(form): Form<SetupForm>,
) -> Result<Response> {
    let mut errors = FieldErrors::new(ctx.lang);
    let email = errors.check("email", Email::parse(&form.email));
    let name = errors.check("name", DisplayName::parse(&form.name));
    let context = [form.email.as_str(), form.name.as_str()];
    let new_password = errors.check(
        "password",
        NewPassword::parse(&form.password, &form.password_confirmation, &context),
    );
    let (Some(email), Some(name), Some(new_password)) = (email, name, new_password) else {
        let page = SetupPage {
            ctx,
            token: form.token,
            email: form.email,
            display_name: form.name,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    let hash = password::hash_in_turn(new_password.expose().to_owned()).await?;

    let mut tx = state.db.begin().await?;
    // One setup at a time: the second of two simultaneous submissions finds an admin.
    locks::hold_for_transaction(&mut tx, locks::SETUP).await?;
    let token = tokens::find(&mut tx, Purpose::Setup, &form.token, true).await?;
    let (Some(token), false) = (token, users::admin_exists(&mut tx).await?) else {
        return Err(AppError::NotFound);
    };
    let new_user = NewUser {
        email: email.as_str(),
        display_name: name.as_str(),
        password_hash: &hash,
        role: Role::Admin,
        team_id: None,
    };
    let Some(user_id) = users::insert(&mut tx, new_user).await? else {
        // Its lock is let go before the page is drawn.
        tx.rollback().await?;
        errors.add("email", "invalid-email-taken");
        let page = SetupPage {
            ctx,
            token: form.token,
            email: form.email,
            display_name: form.name,
            errors,
        };
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page).into_response());
    };
    tokens::mark_used(&mut tx, token.id).await?;
    let created = Change::UserCreated {
        user: user_id,
        after: NewAccount {
            email: email.as_str().to_owned(),
            name: name.as_str().to_owned(),
            role: Role::Admin,
            team_id: None,
            via: Some(AccountOrigin::Setup),
        },
    };
    events::record(&mut tx, None, Some(user_id), &created).await?;
    tx.commit().await?;
    session::sign_in(&session, user_id, Some(ctx.lang)).await?;
    Ok(Redirect::to("/").into_response())
}
