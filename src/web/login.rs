//! Signing in and out.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use tower_sessions::Session;

use crate::auth::password;
use crate::auth::session::{self, safe_next};
use crate::auth::throttle::{self, ClientAddress};
use crate::db::events;
use crate::db::users::{self, Credentials};
use crate::domain::change::{Change, LoginAttempt};
use crate::error::Result;
use crate::state::AppState;
use crate::web::page::PageCtx;

/// `/login` and `/logout`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/login", get(show_login).post(login))
        .route("/logout", post(logout))
}

#[derive(Template, WebTemplate)]
#[template(path = "auth/login.html")]
struct LoginPage {
    ctx: PageCtx,
    email: String,
    next: String,
    error: Option<String>,
}

#[derive(Deserialize)]
struct LoginQuery {
    next: Option<String>,
}

async fn show_login(ctx: PageCtx, Query(query): Query<LoginQuery>) -> Response {
    let next = safe_next(query.next.as_deref()).to_owned();
    if ctx.user.is_some() {
        return Redirect::to(&next).into_response();
    }
    LoginPage {
        ctx,
        email: String::new(),
        next,
        error: None,
    }
    .into_response()
}

/// Missing fields read as empty: a form sent without them is a failed login, not an error.
#[derive(Default, Deserialize)]
#[serde(default)]
struct LoginForm {
    email: String,
    password: String,
    next: Option<String>,
}

async fn login(
    State(state): State<AppState>,
    ctx: PageCtx,
    session: Session,
    ClientAddress(address): ClientAddress,
    Form(form): Form<LoginForm>,
) -> Result<Response> {
    let refuse = |ctx: PageCtx, status, key| {
        let page = LoginPage {
            error: Some(ctx.t(key)),
            email: form.email.clone(),
            next: safe_next(form.next.as_deref()).to_owned(),
            ctx,
        };
        Ok((status, page).into_response())
    };
    // A turn first: a burst waits here without touching the database.
    let turn = password::turn().await?;
    let credentials = users::credentials(&state.db, &form.email).await?;
    let stored = credentials
        .as_ref()
        .map(|found| found.password_hash.clone());
    let password = form.password.clone();
    let checked = throttle::check(&state.db, &form.email, address, turn, stored, password).await?;
    let Some(checked) = checked else {
        return refuse(ctx, StatusCode::TOO_MANY_REQUESTS, "login-throttled");
    };

    let mut tx = state.db.begin().await?;
    throttle::settle(&mut tx, &checked).await?;
    let Some(Credentials {
        id: user_id,
        locale,
        ..
    }) = credentials.filter(|_| checked.matched)
    else {
        let failed = Change::LoginFailed {
            after: LoginAttempt {
                email: form.email.trim().to_owned(),
            },
        };
        events::record(&mut tx, None, None, &failed).await?;
        tx.commit().await?;
        return refuse(ctx, StatusCode::UNAUTHORIZED, "login-failed");
    };
    let signed_in = Change::LoggedIn { user: user_id };
    events::record(&mut tx, None, Some(user_id), &signed_in).await?;
    tx.commit().await?;

    session::sign_in(&session, user_id, locale).await?;
    Ok(Redirect::to(safe_next(form.next.as_deref())).into_response())
}

async fn logout(State(state): State<AppState>, ctx: PageCtx, session: Session) -> Result<Redirect> {
    // The session goes first: the event ends its open streams, which check it.
    session.flush().await?;
    if let Some(user) = &ctx.user {
        let mut conn = state.db.acquire().await?;
        let signed_out = Change::LoggedOut { user: user.id };
        events::record(&mut conn, None, Some(user.id), &signed_out).await?;
    }
    Ok(Redirect::to("/login"))
}
