//! Signing in and out.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Router};
use serde::Deserialize;
use serde_json::json;
use tower_sessions::Session;

use crate::app::AppState;
use crate::auth::password;
use crate::auth::session::{USER_ID, safe_next};
use crate::db::events::{self, NewEvent};
use crate::db::users::{self, Credentials};
use crate::error::Result;
use crate::i18n::{self, Lang};
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
    Form(form): Form<LoginForm>,
) -> Result<Response> {
    let credentials = users::credentials(&state.db, &form.email).await?;
    let password = form.password.clone();
    // Hashing takes tens of milliseconds of CPU: keep it off the async workers.
    let verified = tokio::task::spawn_blocking(move || authenticate(credentials, &password))
        .await
        .map_err(anyhow::Error::from)?;

    let mut conn = state.db.acquire().await?;
    let Some(Credentials {
        id: user_id,
        locale,
        ..
    }) = verified
    else {
        events::record(
            &mut conn,
            NewEvent {
                plan_id: None,
                actor_id: None,
                kind: "user.login_failed",
                subject_type: "user",
                subject_id: None,
                before: None,
                after: Some(json!({ "email": form.email.trim() })),
            },
        )
        .await?;
        let page = LoginPage {
            error: Some(ctx.t("login-failed")),
            email: form.email,
            next: safe_next(form.next.as_deref()).to_owned(),
            ctx,
        };
        return Ok((StatusCode::UNAUTHORIZED, page).into_response());
    };

    // A fresh session id and CSRF token at login defeat session fixation.
    session.cycle_id().await?;
    session.clear().await;
    session.insert(USER_ID, user_id).await?;
    if let Some(lang) = locale.as_deref().and_then(Lang::parse) {
        session.insert(i18n::SESSION_KEY, lang).await?;
    }
    events::record(
        &mut conn,
        NewEvent {
            plan_id: None,
            actor_id: Some(user_id),
            kind: "user.logged_in",
            subject_type: "user",
            subject_id: Some(user_id),
            before: None,
            after: None,
        },
    )
    .await?;
    Ok(Redirect::to(safe_next(form.next.as_deref())).into_response())
}

/// The account whose password matches; an unknown email costs the same time.
fn authenticate(credentials: Option<Credentials>, password: &str) -> Option<Credentials> {
    match credentials {
        Some(found) if password::verify(&found.password_hash, password) => Some(found),
        Some(_) => None,
        None => {
            password::verify_nothing(password);
            None
        }
    }
}

async fn logout(State(state): State<AppState>, ctx: PageCtx, session: Session) -> Result<Redirect> {
    if let Some(user) = &ctx.user {
        let mut conn = state.db.acquire().await?;
        events::record(
            &mut conn,
            NewEvent {
                plan_id: None,
                actor_id: Some(user.id),
                kind: "user.logged_out",
                subject_type: "user",
                subject_id: Some(user.id),
                before: None,
                after: None,
            },
        )
        .await?;
    }
    session.flush().await?;
    Ok(Redirect::to("/login"))
}
