//! `/kiosk/{token}`: the countdown full-screen for a wall screen. The secret
//! link opens it without a session; it shows no navigation and no control,
//! and reloads itself every minute (no script needed). Revoked, it is a 404.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use chrono::Utc;

use crate::app::AppState;
use crate::auth::tokens::{self, Purpose};
use crate::error::{AppError, Result};
use crate::i18n::Lang;
use crate::web::countdown::{self, Board};

/// `/kiosk/{token}`.
pub fn router() -> Router<AppState> {
    Router::new().route("/kiosk/{token}", get(show_kiosk))
}

#[derive(Template, WebTemplate)]
#[template(path = "countdown/kiosk.html")]
struct KioskPage {
    board: Board,
    asset_version: &'static str,
}

async fn show_kiosk(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
) -> Result<Response> {
    let mut conn = state.db.acquire().await?;
    tokens::find(&mut conn, Purpose::Kiosk, &token, false)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let page = KioskPage {
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
