//! The API's errors, each mapped to its status and an
//! `application/problem+json` body (RFC 9457) in one place.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// Why an API request was refused.
#[derive(Debug)]
pub enum ApiError {
    /// No token, or one that is unknown, revoked or expired.
    Unauthorized,
    /// The token may not do this.
    Forbidden,
    NotFound,
    /// Someone changed the item since the version sent.
    Conflict {
        current_version: i32,
    },
    /// A field is invalid.
    Invalid {
        field: &'static str,
        detail: String,
    },
    /// The token made too many requests: again in so many seconds.
    TooMany {
        retry_after: u64,
    },
    /// The database is away.
    Unavailable,
    Internal(anyhow::Error),
}

/// A problem as RFC 9457 writes it, with this API's extensions.
#[derive(Debug, Serialize, ToSchema)]
pub struct Problem {
    /// `about:blank`: the status says what happened.
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub title: &'static str,
    pub status: u16,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// On a 409: the item's version now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i32>,
    /// On a 422: the invalid field.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<&'static str>,
}

impl ApiError {
    fn problem(&self) -> Problem {
        let (status, title) = match self {
            ApiError::Unauthorized => (StatusCode::UNAUTHORIZED, "Unauthorized"),
            ApiError::Forbidden => (StatusCode::FORBIDDEN, "Forbidden"),
            ApiError::NotFound => (StatusCode::NOT_FOUND, "Not Found"),
            ApiError::Conflict { .. } => (StatusCode::CONFLICT, "Conflict"),
            ApiError::Invalid { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "Unprocessable Content"),
            ApiError::TooMany { .. } => (StatusCode::TOO_MANY_REQUESTS, "Too Many Requests"),
            ApiError::Unavailable => (StatusCode::SERVICE_UNAVAILABLE, "Service Unavailable"),
            ApiError::Internal(_) => (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error"),
        };
        Problem {
            kind: "about:blank",
            title,
            status: status.as_u16(),
            detail: match self {
                ApiError::Unauthorized => {
                    Some("Send a live token: Authorization: Bearer lct_...".to_owned())
                }
                ApiError::Invalid { detail, .. } => Some(detail.clone()),
                _ => None,
            },
            current_version: match self {
                ApiError::Conflict { current_version } => Some(*current_version),
                _ => None,
            },
            field: match self {
                ApiError::Invalid { field, .. } => Some(field),
                _ => None,
            },
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        if let ApiError::Internal(error) = &self {
            tracing::error!(error = %format!("{error:#}"), "API request failed");
        }
        let problem = self.problem();
        let status =
            StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, axum::Json(problem)).into_response();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let ApiError::TooMany { retry_after } = self {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(retry_after));
        }
        if status == StatusCode::UNAUTHORIZED {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        response
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        match crate::error::AppError::from(error) {
            crate::error::AppError::Unavailable(_) => ApiError::Unavailable,
            crate::error::AppError::NotFound => ApiError::NotFound,
            other => ApiError::Internal(anyhow::anyhow!(other)),
        }
    }
}

impl From<crate::error::AppError> for ApiError {
    fn from(error: crate::error::AppError) -> Self {
        match error {
            crate::error::AppError::NotFound => ApiError::NotFound,
            crate::error::AppError::Forbidden => ApiError::Forbidden,
            crate::error::AppError::Unavailable(_) => ApiError::Unavailable,
            other => ApiError::Internal(anyhow::anyhow!(other)),
        }
    }
}
