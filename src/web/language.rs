//! The request's language, chosen once per request and kept in its extensions.

use axum::extract::Request;
use axum::http::header::ACCEPT_LANGUAGE;
use axum::middleware::Next;
use axum::response::Response;
use tower_sessions::Session;

use crate::error::AppError;
use crate::i18n::{Lang, SESSION_KEY};
use crate::web::error_pages;

/// Chooses the request's language: `?lang=`, then the session's choice (the
/// user's own, or an earlier `?lang=`), then `Accept-Language`, then French.
pub async fn negotiate(session: Session, mut request: Request, next: Next) -> Response {
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
    let from_session = match from_query {
        Some(lang) => {
            // A failed write only loses the preference for later pages.
            let _ = session.insert(SESSION_KEY, lang).await;
            Some(lang)
        }
        // The session lives in the database: when it cannot be read, the
        // page could not be drawn either, so answer now rather than wait again.
        None => match session.get::<Lang>(SESSION_KEY).await {
            Ok(lang) => lang,
            Err(error) => {
                return error_pages::page(AppError::from(error), from_header.unwrap_or_default());
            }
        },
    };
    let lang = from_session.or(from_header).unwrap_or_default();
    request.extensions_mut().insert(lang);
    next.run(request).await
}
