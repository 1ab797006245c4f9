//! CSRF protection: a synchronizer token kept in the server-side session.
//!
//! Written here rather than taken from a crate: OWASP's first recommendation is
//! a token held server-side, and the sessions are already in PostgreSQL, so it
//! is a few lines. `axum_csrf` offers signed double-submit cookies instead,
//! which would add a cookie and a key to manage for the same protection.

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::Request;
use axum::http::Method;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use subtle::ConstantTimeEq;
use tower_sessions::Session;

use crate::auth::tokens;
use crate::error::AppError;

/// Session key of the token.
const SESSION_KEY: &str = "csrf";
/// The form field every form carries.
pub const FIELD: &str = "csrf";
/// The header scripts send the token in.
pub const HEADER: &str = "x-csrf-token";
/// The largest form body read to find the token; larger bodies answer 413.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

/// The session's token, created on first use.
pub async fn token(session: &Session) -> Result<String, AppError> {
    if let Some(token) = session.get::<String>(SESSION_KEY).await? {
        return Ok(token);
    }
    let token = tokens::random_secret();
    session.insert(SESSION_KEY, &token).await?;
    Ok(token)
}

/// Refuses every state-changing request whose token (form field or header)
/// does not match the session's. Safe methods pass untouched.
pub async fn verify(session: Session, request: Request, next: Next) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let expected = match session.get::<String>(SESSION_KEY).await {
        Ok(token) => token,
        Err(error) => return AppError::Internal(error.into()).into_response(),
    };
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => return AppError::PayloadTooLarge.into_response(),
    };
    let sent = parts
        .headers
        .get(HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned)
        .or_else(|| {
            form_urlencoded::parse(&bytes)
                .find(|(name, _)| name == FIELD)
                .map(|(_, value)| value.into_owned())
        });
    let matches = match (expected, sent) {
        (Some(expected), Some(sent)) => bool::from(expected.as_bytes().ct_eq(sent.as_bytes())),
        _ => false,
    };
    if !matches {
        return AppError::CsrfRejected.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(without_nul(bytes))))
        .await
}

/// Drops NUL characters from a form: PostgreSQL refuses them in text, and no
/// field of a form means anything by them.
fn without_nul(bytes: Bytes) -> Bytes {
    if !bytes.windows(3).any(|window| window == b"%00") {
        return bytes;
    }
    let mut cleaned = form_urlencoded::Serializer::new(String::new());
    for (name, value) in form_urlencoded::parse(&bytes) {
        cleaned.append_pair(&name.replace('\0', ""), &value.replace('\0', ""));
    }
    Bytes::from(cleaned.finish())
}
