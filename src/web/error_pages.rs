//! Error pages: the web layer draws `error.html` for the [`ErrorPage`] an
//! [`AppError`] tagged its response with, in the request's language.

use axum::extract::Request;
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{AppError, ErrorPage};
use crate::i18n::Lang;
use crate::web::page::ErrorTemplate;

/// The whole error page of `error` in `lang`, for the middleware that runs
/// before [`render`] can.
pub fn page(error: AppError, lang: Lang) -> Response {
    let response = error.into_response();
    let page = response
        .extensions()
        .get::<ErrorPage>()
        .copied()
        .unwrap_or(ErrorPage::Internal);
    (page.status(), ErrorTemplate::new(lang, page)).into_response()
}

/// The whole page of `page` for a request refused before its session is
/// read, in the language its `Accept-Language` asks for.
pub fn refusal(page: ErrorPage, headers: &HeaderMap) -> Response {
    let lang = headers
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or_default();
    (page.status(), ErrorTemplate::new(lang, page)).into_response()
}

/// Draws the error page of a failed response in the request's language. The
/// statuses layers answer on their own (a body over the limit, a timeout, a
/// throttled client) get a page too.
pub async fn render(request: Request, next: Next) -> Response {
    let lang = request
        .extensions()
        .get::<Lang>()
        .copied()
        .unwrap_or_default();
    let response = next.run(request).await;
    let page = response
        .extensions()
        .get::<ErrorPage>()
        .copied()
        .or_else(|| {
            // Pages a handler drew itself (a form re-drawn with a 401, 409,
            // 422 or 429) are HTML and stay; the bare answers of layers do not.
            let html = response
                .headers()
                .get(axum::http::header::CONTENT_TYPE)
                .and_then(|value| value.to_str().ok())
                .is_some_and(|value| value.starts_with("text/html"));
            (!html)
                .then(|| ErrorPage::from_status(response.status()))
                .flatten()
        });
    match page {
        Some(page) => {
            // A throttled client is told when to come back.
            let retry_after = response.headers().get(RETRY_AFTER).cloned();
            let mut drawn = (page.status(), ErrorTemplate::new(lang, page)).into_response();
            if let Some(value) = retry_after {
                drawn.headers_mut().insert(RETRY_AFTER, value);
            }
            drawn
        }
        None => response,
    }
}

/// tower-sessions answers a bare 500, past every error page, when it cannot
/// save a session; its store is the database, so that is the database being
/// away: draw the 503 page instead. Sits outside the sessions layer, where the
/// session's language is unknown, so `Accept-Language` decides.
pub async fn session_store_unavailable(request: Request, next: Next) -> Response {
    let lang = request
        .headers()
        .get(axum::http::header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .and_then(Lang::from_accept_language)
        .unwrap_or_default();
    let response = next.run(request).await;
    let bare = response
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .is_none();
    if response.status() == StatusCode::INTERNAL_SERVER_ERROR && bare {
        tracing::warn!("the session store failed: database unavailable");
        let page = ErrorPage::Unavailable;
        return (page.status(), ErrorTemplate::new(lang, page)).into_response();
    }
    response
}
