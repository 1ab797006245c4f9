//! One error type for every handler, mapped to a response in one place.
//!
//! Handlers return `Result<_, AppError>`. `into_response` only sets the status
//! and tags the response with an [`ErrorPage`]; the `render_error_pages`
//! middleware then draws `error.html` in the request's language, which a bare
//! `IntoResponse` cannot know.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::i18n::Lang;
use crate::web::page::ErrorTemplate;

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    #[error("missing or stale CSRF token")]
    CsrfRejected,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("database unavailable")]
    Unavailable(#[source] sqlx::Error),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Shorthand for handler results.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::Io(_)
            | sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::WorkerCrashed => AppError::Unavailable(error),
            other => AppError::Internal(other.into()),
        }
    }
}

impl From<tower_sessions::session::Error> for AppError {
    fn from(error: tower_sessions::session::Error) -> Self {
        AppError::Internal(error.into())
    }
}

/// Which error page to draw; carried on the response to `render_error_pages`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorPage {
    NotFound,
    Forbidden,
    CsrfRejected,
    PayloadTooLarge,
    Unavailable,
    Internal,
}

impl ErrorPage {
    fn status(self) -> StatusCode {
        match self {
            ErrorPage::NotFound => StatusCode::NOT_FOUND,
            ErrorPage::Forbidden | ErrorPage::CsrfRejected => StatusCode::FORBIDDEN,
            ErrorPage::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorPage::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            ErrorPage::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The catalog key prefix of the page's title and message.
    pub fn key(self) -> &'static str {
        match self {
            ErrorPage::NotFound => "error-not-found",
            ErrorPage::Forbidden => "error-forbidden",
            ErrorPage::CsrfRejected => "error-csrf",
            ErrorPage::PayloadTooLarge => "error-too-large",
            ErrorPage::Unavailable => "error-unavailable",
            ErrorPage::Internal => "error-internal",
        }
    }

    fn from_status(status: StatusCode) -> Option<ErrorPage> {
        match status {
            StatusCode::NOT_FOUND => Some(ErrorPage::NotFound),
            StatusCode::PAYLOAD_TOO_LARGE => Some(ErrorPage::PayloadTooLarge),
            StatusCode::SERVICE_UNAVAILABLE => Some(ErrorPage::Unavailable),
            StatusCode::INTERNAL_SERVER_ERROR => Some(ErrorPage::Internal),
            _ => None,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let page = match &self {
            AppError::NotFound => ErrorPage::NotFound,
            AppError::Forbidden => ErrorPage::Forbidden,
            AppError::CsrfRejected => ErrorPage::CsrfRejected,
            AppError::PayloadTooLarge => ErrorPage::PayloadTooLarge,
            AppError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "database unavailable");
                ErrorPage::Unavailable
            }
            AppError::Internal(cause) => {
                tracing::error!(error = ?cause, "request failed");
                ErrorPage::Internal
            }
        };
        let mut response = page.status().into_response();
        response.extensions_mut().insert(page);
        response
    }
}

/// Draws the error page of a failed response in the request's language. Bare
/// error statuses from layers (a body over the limit, a timeout) get a page too.
pub async fn render_error_pages(request: Request, next: Next) -> Response {
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
            let bare = response
                .headers()
                .get(axum::http::header::CONTENT_TYPE)
                .is_none();
            bare.then(|| ErrorPage::from_status(response.status()))
                .flatten()
        });
    match page {
        Some(page) => (page.status(), ErrorTemplate::new(lang, page)).into_response(),
        None => response,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_page_has_a_title_and_message_in_every_language() {
        let pages = [
            ErrorPage::NotFound,
            ErrorPage::Forbidden,
            ErrorPage::CsrfRejected,
            ErrorPage::PayloadTooLarge,
            ErrorPage::Unavailable,
            ErrorPage::Internal,
        ];
        for page in pages {
            for lang in Lang::ALL {
                for part in ["title", "message"] {
                    let key = format!("{}-{part}", page.key());
                    assert_ne!(lang.t(&key), key, "{key} missing in {}", lang.code());
                }
            }
        }
    }
}
