//! The request's language, chosen once per request and kept in its extensions.

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;
use tower_sessions::cookie::time::Duration;

use crate::auth::{cookies, session};
use crate::error::AppError;
use crate::i18n::{Lang, SESSION_KEY};
use crate::web::error_pages;

/// The cookie remembering this browser's last `?lang=`.
const COOKIE: &str = "lc_lang";
/// How long the browser remembers it.
const COOKIE_LIFETIME: Duration = Duration::days(365);

/// Chooses the request's language: `?lang=`, then a signed-in user's choice
/// (kept in their session), then the browser's last `?lang=` (a cookie, so
/// that an anonymous visitor's choice stores nothing), then
/// `Accept-Language`, then French. Cookies are flagged as the session's
/// (`secure` when it is).
pub async fn negotiate(
    secure: bool,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let from_query = request.uri().query().and_then(|query| {
        query
            .split('&')
            .find_map(|pair| pair.strip_prefix("lang="))
            .and_then(Lang::parse)
    });
    let from_header = request
        .headers()
        .get(ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(Lang::from_accept_language);
    let from_cookie =
        cookies::read(request.headers(), COOKIE).and_then(|value| Lang::parse(&value));
    // The session lives in the database: when it cannot be read, the page
    // could not be drawn either, so answer now rather than wait again.
    let from_session = match remembered(&session, from_query).await {
        Ok(lang) => lang,
        Err(error) => return error_pages::page(error, from_header.unwrap_or_default()),
    };
    let lang = from_query
        .or(from_session)
        .or(from_cookie)
        .or(from_header)
        .unwrap_or_default();
    request.extensions_mut().insert(lang);
    let mut response = next.run(request).await;
    if let Some(chosen) = from_query.filter(|chosen| from_cookie != Some(*chosen)) {
        cookies::set(
            &mut response,
            (COOKIE, chosen.code()),
            secure,
            Some(COOKIE_LIFETIME),
        );
    }
    response
}

/// A signed-in user's language, which `?lang=` replaces. An anonymous
/// visitor's session is not read (they have none) nor written.
async fn remembered(session: &Session, from_query: Option<Lang>) -> Result<Option<Lang>, AppError> {
    if !session::is_signed_in(session).await? {
        return Ok(None);
    }
    if let Some(lang) = from_query {
        // A failed write only loses the preference for later pages.
        let _ = session.insert(SESSION_KEY, lang).await;
        return Ok(Some(lang));
    }
    Ok(session.get::<Lang>(SESSION_KEY).await?)
}
