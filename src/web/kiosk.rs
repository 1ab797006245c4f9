//! `/kiosk/{token}`: the countdown full-screen for a wall screen. The secret
//! link opens it without a session; it shows no navigation and no control,
//! and reloads itself every minute (no script needed), or at once on a change
//! where scripts run. Revoked, it is a 404, and so are its live updates.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use chrono::Utc;

use crate::auth::tokens::{self, Purpose};
use crate::domain::change::Reader;
use crate::error::{AppError, Result};
use crate::i18n::Lang;
use crate::state::AppState;
use crate::web::countdown::{self, Board};
use crate::web::events;

/// `/kiosk/{token}`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/kiosk/{token}", get(show_kiosk))
        .route("/kiosk/{token}/events", get(stream_kiosk_events))
}

/// Refuses a revoked or unknown kiosk secret as a page that does not exist.
async fn check_token(state: &AppState, token: &str) -> Result<()> {
    let mut conn = state.db.acquire().await?;
    tokens::find(&mut conn, Purpose::Kiosk, token, false)
        .await?
        .map(drop)
        .ok_or(AppError::NotFound)
}

async fn stream_kiosk_events(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response> {
    check_token(&state, &token).await?;
    // The wall screen follows what the countdown shows: the audience of each
    // subject says which (items, the poll, the plan, communication actions).
    Ok(events::sse(&state, headers, Reader::WallScreen)
        .await?
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "countdown/kiosk.html")]
struct KioskPage {
    board: Board,
    asset_version: &'static str,
    /// Its live updates, behind the same secret.
    events: String,
}

async fn show_kiosk(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
) -> Result<Response> {
    check_token(&state, &token).await?;
    let page = KioskPage {
        events: format!("/kiosk/{token}/events"),
        board: countdown::board(&state.db, lang, Utc::now()).await?,
        asset_version: env!("CARGO_PKG_VERSION"),
    };
    // The address is the secret: never cached on the way, never sent onwards.
    Ok((
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        page,
    )
        .into_response())
}
