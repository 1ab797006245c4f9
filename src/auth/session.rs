//! The signed-in user of a request, loaded from the session once per request.

use axum::extract::{FromRequestParts, OriginalUri, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use tower_sessions::Session;
use uuid::Uuid;

use crate::app::AppState;
use crate::db::users::{self, User};
use crate::error::AppError;

/// Session key holding the signed-in user's id.
pub const USER_ID: &str = "user_id";

/// The signed-in user. As an extractor, it sends visitors to `/login`.
#[derive(Clone, Debug)]
pub struct CurrentUser(pub User);

/// Puts the session's user, if any, into the request's extensions. The user
/// is read again on every request so that a disabled account stops at once.
pub async fn load_user(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let user_id = match session.get::<Uuid>(USER_ID).await {
        Ok(id) => id,
        Err(error) => return AppError::Internal(error.into()).into_response(),
    };
    if let Some(id) = user_id {
        match users::find_enabled(&state.db, id).await {
            Ok(Some(user)) => {
                request.extensions_mut().insert(CurrentUser(user));
            }
            Ok(None) => {
                // The account was disabled or removed: end this session too.
                let _ = session.flush().await;
            }
            Err(error) => return AppError::from(error).into_response(),
        }
    }
    next.run(request).await
}

/// Sends a visitor without a session to the login page, remembering where they were going.
pub struct LoginRequired(Redirect);

impl IntoResponse for LoginRequired {
    fn into_response(self) -> Response {
        self.0.into_response()
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = LoginRequired;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<CurrentUser>() {
            return Ok(user.clone());
        }
        let target = parts
            .extensions
            .get::<OriginalUri>()
            .map_or_else(|| parts.uri.clone(), |original| original.0.clone());
        let next = target.path_and_query().map_or("/", |pq| pq.as_str());
        let location = if next == "/" {
            "/login".to_owned()
        } else {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("next", next)
                .finish();
            format!("/login?{query}")
        };
        Err(LoginRequired(Redirect::to(&location)))
    }
}

/// A `next` target that stays on this site: a path, never `//host` or a URL.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(path) if path.starts_with('/') && !path.starts_with("//") && !path.contains('\\') => {
            path
        }
        _ => "/",
    }
}
