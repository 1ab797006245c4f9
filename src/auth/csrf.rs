//! CSRF protection: a synchronizer token kept in the session of a signed-in
//! user; for an anonymous visitor, a token signed for a nonce in their cookie
//! ([`signed`]), so that drawing a login or feedback form stores nothing.
//!
//! Written here rather than taken from a crate: OWASP's first recommendation is
//! a token held server-side, which the signed-in sessions already allow, and
//! its signed double-submit cookie for the rest is a few lines over `hmac`.

pub mod signed;

use std::sync::Arc;

use axum::body::{Body, Bytes, to_bytes};
use axum::extract::{FromRequest, Multipart, Request, State};
use axum::http::header::CONTENT_TYPE;
use axum::http::{Extensions, HeaderValue, Method};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sqlx::PgPool;
use subtle::ConstantTimeEq;
use tokio::sync::OnceCell;
use tower_sessions::Session;

use crate::auth::{CurrentUser, cookies, tokens};
use crate::db::csrf_keys;
use crate::error::AppError;
use crate::mail::unsubscribe;
use signed::{Key, Nonce};

/// Session key of a signed-in user's token.
const SESSION_KEY: &str = "csrf";
/// The form field every form carries.
pub const FIELD: &str = "csrf";
/// The header scripts send the token in.
pub const HEADER: &str = "x-csrf-token";
/// The largest form body read to find the token; larger bodies answer 413.
pub const MAX_FORM_BYTES: usize = 256 * 1024;
/// Paths whose address carries its own secret, as an e-mail's unsubscribe
/// link does: a forged request would need that secret, and a mail client's
/// one-click post (RFC 8058) has no token to send, so no CSRF token is
/// asked there.
pub const CAPABILITY_PREFIXES: &[&str] = &[unsubscribe::PREFIX];

/// Whether `path` carries its own secret (see [`CAPABILITY_PREFIXES`]).
fn is_capability(path: &str) -> bool {
    CAPABILITY_PREFIXES
        .iter()
        .any(|prefix| path.starts_with(prefix))
}

/// The cookie holding an anonymous visitor's nonce. Over HTTPS, the
/// `__Host-` prefix keeps a sibling subdomain from planting its own.
fn nonce_cookie(secure: bool) -> &'static str {
    if secure { "__Host-lc_csrf" } else { "lc_csrf" }
}

/// What [`verify`] needs: the key shared by every instance and the cookie's flags.
#[derive(Clone)]
pub struct Csrf {
    db: PgPool,
    /// Read from the database on first use, then kept: the router is built
    /// synchronously, and the key never changes.
    key: Arc<OnceCell<Key>>,
    secure: bool,
}

impl Csrf {
    /// The protection for pages served from `db`; `secure` as the session cookie's.
    pub fn new(db: PgPool, secure: bool) -> Csrf {
        Csrf {
            db,
            key: Arc::new(OnceCell::new()),
            secure,
        }
    }

    async fn key(&self) -> Result<&Key, AppError> {
        self.key
            .get_or_try_init(|| async {
                let stored = csrf_keys::get_or_insert(&self.db, Key::generate().bytes()).await?;
                Key::from_stored(&stored)
                    .ok_or_else(|| anyhow::anyhow!("the stored CSRF key is not 32 bytes").into())
            })
            .await
    }
}

/// An anonymous visitor's token, left by [`verify`] for the page's forms.
#[derive(Clone)]
struct AnonymousToken(String);

/// Whether the request's forms use the session's token: the same rule for
/// drawing a form and for checking it.
fn signed_in(extensions: &Extensions) -> bool {
    extensions.get::<CurrentUser>().is_some()
}

/// Gives a session its token as it signs in, so that drawing its first form
/// does not write the session again.
pub async fn issue(session: &Session) -> Result<(), AppError> {
    session.insert(SESSION_KEY, tokens::random_secret()).await?;
    Ok(())
}

/// The token the page's forms carry: the session's (created on first use by
/// a session opened before tokens were issued at sign-in) for a signed-in
/// user, the one signed for the nonce cookie otherwise.
pub async fn form_token(extensions: &Extensions, session: &Session) -> Result<String, AppError> {
    if !signed_in(extensions) {
        return extensions
            .get::<AnonymousToken>()
            .map(|token| token.0.clone())
            .ok_or_else(|| anyhow::anyhow!("a page drawn outside the CSRF layer").into());
    }
    if let Some(token) = session.get::<String>(SESSION_KEY).await? {
        return Ok(token);
    }
    let token = tokens::random_secret();
    session.insert(SESSION_KEY, &token).await?;
    Ok(token)
}

/// Refuses every state-changing request whose token (form field or header)
/// is not the expected one: the session's for a signed-in user, the one
/// signed for the nonce cookie otherwise. Safe methods pass untouched; an
/// anonymous visitor without a nonce is given one.
pub async fn verify(
    State(csrf): State<Csrf>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let safe = matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) || is_capability(request.uri().path());
    if signed_in(request.extensions()) {
        if safe {
            return next.run(request).await;
        }
        return match session.get::<String>(SESSION_KEY).await {
            Ok(expected) => check(expected, request, next).await,
            Err(error) => AppError::Internal(error.into()).into_response(),
        };
    }
    let key = match csrf.key().await {
        Ok(key) => key,
        Err(error) => return error.into_response(),
    };
    let cookie = nonce_cookie(csrf.secure);
    let sent_nonce =
        cookies::read(request.headers(), cookie).and_then(|value| Nonce::parse(&value));
    let fresh = sent_nonce.is_none();
    let nonce = sent_nonce.unwrap_or_else(Nonce::generate);
    let token = key.sign(&nonce);
    request
        .extensions_mut()
        .insert(AnonymousToken(token.clone()));
    let mut response = if safe {
        next.run(request).await
    } else {
        // A nonce made just now has signed no form yet.
        check((!fresh).then_some(token), request, next).await
    };
    if fresh {
        cookies::set(&mut response, (cookie, nonce.as_str()), csrf.secure, None);
    }
    response
}

/// Runs the request if it sent `expected`; answers 403 otherwise.
async fn check(expected: Option<String>, request: Request, next: Next) -> Response {
    let (parts, body) = request.into_parts();
    let bytes = match to_bytes(body, MAX_FORM_BYTES).await {
        Ok(bytes) => bytes,
        Err(_) => return AppError::PayloadTooLarge.into_response(),
    };
    let header = parts
        .headers
        .get(HEADER)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let sent = match (header, parts.headers.get(CONTENT_TYPE)) {
        (Some(token), _) => Some(token),
        (None, Some(kind)) if kind.as_bytes().starts_with(b"multipart/form-data") => {
            multipart_token(kind, &bytes).await
        }
        (None, _) => form_urlencoded::parse(&bytes)
            .find(|(name, _)| name == FIELD)
            .map(|(_, value)| value.into_owned()),
    };
    if !matches(expected.as_deref(), sent.as_deref()) {
        return AppError::CsrfRejected.into_response();
    }
    next.run(Request::from_parts(parts, Body::from(bytes)))
        .await
}

/// The token field of a multipart form (a file upload), read from the
/// body already held.
async fn multipart_token(kind: &HeaderValue, bytes: &Bytes) -> Option<String> {
    let request = Request::builder()
        .header(CONTENT_TYPE, kind)
        .body(Body::from(bytes.clone()))
        .ok()?;
    let mut form = Multipart::from_request(request, &()).await.ok()?;
    while let Ok(Some(field)) = form.next_field().await {
        if field.name() == Some(FIELD) {
            return field.text().await.ok();
        }
    }
    None
}

/// Whether the token sent is the one expected, compared in constant time. No
/// expected token (no session token, no nonce yet) matches nothing.
fn matches(expected: Option<&str>, sent: Option<&str>) -> bool {
    match (expected, sent) {
        (Some(expected), Some(sent)) => bool::from(expected.as_bytes().ct_eq(sent.as_bytes())),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_expected_token_itself_is_accepted() {
        let token = "5f2d9c";

        assert!(matches(Some(token), Some("5f2d9c")));
        for wrong in ["", "5f2d9", "5f2d9c0", "5f2d9d", "5F2D9C"] {
            assert!(!matches(Some(token), Some(wrong)), "{wrong:?}");
        }
        assert!(!matches(Some(token), None));
    }

    #[test]
    fn without_an_expected_token_nothing_is_accepted() {
        assert!(!matches(None, Some("")));
        assert!(!matches(None, Some("5f2d9c")));
        assert!(!matches(None, None));
    }

    #[test]
    fn only_unsubscribe_links_carry_their_own_secret() {
        assert!(is_capability("/unsubscribe/6b1f/mention"));
        for path in [
            "/unsubscribe",
            "/account/notifications",
            "/items/1/unsubscribe/",
            "/",
        ] {
            assert!(!is_capability(path), "{path}");
        }
    }

    #[test]
    fn the_nonce_cookie_is_host_bound_over_https() {
        assert_eq!(nonce_cookie(true), "__Host-lc_csrf");
        assert_eq!(nonce_cookie(false), "lc_csrf");
    }
}
