//! One error type for every handler, mapped to a response in one place.
//!
//! Handlers return `Result<_, AppError>`. `into_response` only sets the status
//! and tags the response with an [`ErrorPage`]; the web layer's
//! `error_pages::render` middleware then draws `error.html` in the request's
//! language, which a bare `IntoResponse` cannot know.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// Everything a request can fail with.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("not found")]
    NotFound,
    #[error("forbidden")]
    Forbidden,
    /// A change asked of an archived plan, which is read only.
    #[error("the plan is archived")]
    Archived,
    #[error("missing or stale CSRF token")]
    CsrfRejected,
    #[error("request body too large")]
    PayloadTooLarge,
    #[error("database unavailable")]
    Unavailable(#[source] sqlx::Error),
    /// Too much work under way (every password turn taken, or too many checks
    /// from one address still running): come back in so many seconds.
    #[error("busy; retry after {retry_after_seconds} s")]
    Busy { retry_after_seconds: u64 },
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Shorthand for handler results.
pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        match error {
            sqlx::Error::RowNotFound => AppError::NotFound,
            error if database_away(&error) => AppError::Unavailable(error),
            other => AppError::Internal(other.into()),
        }
    }
}

/// Whether the database is unreachable or going away, rather than refusing
/// the query: SQLSTATE classes 08 (connection exception) and 57P (the server
/// shutting down or starting up) come while it stops or restarts.
fn database_away(error: &sqlx::Error) -> bool {
    match error {
        sqlx::Error::Io(_)
        | sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::WorkerCrashed => true,
        sqlx::Error::Database(error) => error
            .code()
            .is_some_and(|code| code.starts_with("08") || code.starts_with("57P")),
        _ => false,
    }
}

/// Whether a failure wrapped as internal is the database being away: a
/// connection error under some context, or the session store (which is the
/// database) failing to load or save.
fn caused_by_database_away(cause: &anyhow::Error) -> bool {
    use tower_sessions::{session, session_store};
    cause.chain().any(|error| {
        error
            .downcast_ref::<sqlx::Error>()
            .is_some_and(database_away)
            || matches!(
                error.downcast_ref::<session::Error>(),
                Some(session::Error::Store(session_store::Error::Backend(_)))
            )
    })
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
    Archived,
    CsrfRejected,
    PayloadTooLarge,
    /// A request carrying control characters (a NUL byte, say) in its path,
    /// query or form fields; answered before any handler sees it.
    ControlCharacters,
    /// The public feedback form's throttle, answered by its rate limiter.
    TooManyRequests,
    Unavailable,
    /// Too much work under way; answered with `Retry-After`.
    Busy,
    Internal,
}

impl ErrorPage {
    /// The status the page is answered with.
    pub fn status(self) -> StatusCode {
        match self {
            ErrorPage::NotFound => StatusCode::NOT_FOUND,
            ErrorPage::Forbidden | ErrorPage::Archived | ErrorPage::CsrfRejected => {
                StatusCode::FORBIDDEN
            }
            ErrorPage::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ErrorPage::ControlCharacters => StatusCode::UNPROCESSABLE_ENTITY,
            ErrorPage::TooManyRequests => StatusCode::TOO_MANY_REQUESTS,
            ErrorPage::Unavailable | ErrorPage::Busy => StatusCode::SERVICE_UNAVAILABLE,
            ErrorPage::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The catalog key prefix of the page's title and message.
    pub fn key(self) -> &'static str {
        match self {
            ErrorPage::NotFound => "error-not-found",
            ErrorPage::Forbidden => "error-forbidden",
            ErrorPage::Archived => "error-archived",
            ErrorPage::CsrfRejected => "error-csrf",
            ErrorPage::PayloadTooLarge => "error-too-large",
            ErrorPage::ControlCharacters => "error-control-characters",
            ErrorPage::TooManyRequests => "error-too-many",
            ErrorPage::Unavailable => "error-unavailable",
            ErrorPage::Busy => "error-busy",
            ErrorPage::Internal => "error-internal",
        }
    }

    /// The page of a bare status answered by a layer, if it has one.
    pub fn from_status(status: StatusCode) -> Option<ErrorPage> {
        match status {
            StatusCode::NOT_FOUND => Some(ErrorPage::NotFound),
            StatusCode::PAYLOAD_TOO_LARGE => Some(ErrorPage::PayloadTooLarge),
            StatusCode::TOO_MANY_REQUESTS => Some(ErrorPage::TooManyRequests),
            StatusCode::SERVICE_UNAVAILABLE => Some(ErrorPage::Unavailable),
            StatusCode::INTERNAL_SERVER_ERROR => Some(ErrorPage::Internal),
            _ => None,
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        let retry_after = match &self {
            AppError::Busy {
                retry_after_seconds,
            } => Some(*retry_after_seconds),
            _ => None,
        };
        let page = match &self {
            AppError::NotFound => ErrorPage::NotFound,
            AppError::Forbidden => ErrorPage::Forbidden,
            AppError::Archived => ErrorPage::Archived,
            AppError::CsrfRejected => ErrorPage::CsrfRejected,
            AppError::PayloadTooLarge => ErrorPage::PayloadTooLarge,
            AppError::Busy { .. } => ErrorPage::Busy,
            AppError::Unavailable(cause) => {
                tracing::warn!(error = %cause, "database unavailable");
                ErrorPage::Unavailable
            }
            AppError::Internal(cause) if caused_by_database_away(cause) => {
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
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, seconds.into());
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_database_or_session_store_is_unavailable_not_internal() {
        use tower_sessions::{session, session_store};
        let store_down =
            session::Error::Store(session_store::Error::Backend("connection refused".into()));
        let page = |error: AppError| {
            error
                .into_response()
                .extensions()
                .get::<ErrorPage>()
                .copied()
        };

        assert_eq!(
            page(AppError::from(sqlx::Error::PoolTimedOut)),
            Some(ErrorPage::Unavailable)
        );
        assert_eq!(
            page(AppError::from(store_down)),
            Some(ErrorPage::Unavailable)
        );
        assert_eq!(
            page(AppError::from(sqlx::Error::RowNotFound)),
            Some(ErrorPage::NotFound)
        );
        assert_eq!(
            page(AppError::from(sqlx::Error::ColumnNotFound("x".into()))),
            Some(ErrorPage::Internal)
        );
    }

    #[test]
    fn busy_is_a_503_page_that_says_when_to_come_back() {
        let response = AppError::Busy {
            retry_after_seconds: 7,
        }
        .into_response();

        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(
            response.extensions().get::<ErrorPage>(),
            Some(&ErrorPage::Busy)
        );
        assert_eq!(response.headers()["retry-after"], "7");
    }

    #[test]
    fn every_error_page_has_a_title_and_message_in_every_language() {
        use crate::i18n::Lang;
        let pages = [
            ErrorPage::NotFound,
            ErrorPage::Forbidden,
            ErrorPage::Archived,
            ErrorPage::CsrfRejected,
            ErrorPage::PayloadTooLarge,
            ErrorPage::ControlCharacters,
            ErrorPage::TooManyRequests,
            ErrorPage::Unavailable,
            ErrorPage::Busy,
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
