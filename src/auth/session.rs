//! The signed-in user of a request, loaded from the session once per request.
//!
//! Reading a page writes nothing: the session is saved only when something in
//! it changes. Its expiry moves on when it is saved, so a session in use is
//! renewed (saved once more) when its last renewal is [`RENEW_AFTER`] old.

use axum::extract::{FromRequestParts, OriginalUri, Request, State};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;
use tower_sessions::Session;
use uuid::Uuid;

use crate::auth::csrf;
use crate::auth::session_store::{self, USER_ID};
use crate::db::sessions;
use crate::db::snapshots::Snapshot;
use crate::db::users::User;
use crate::error::AppError;
use crate::i18n::{self, Lang};
use crate::state::AppState;

/// Session key holding when the user signed in.
const SIGNED_IN_AT: &str = "signed_in_at";
/// Session key holding when the session was last renewed.
const RENEWED_AT: &str = "renewed_at";
/// A session ends this long after signing in, however active it is.
pub const ABSOLUTE_LIFETIME: Duration = Duration::days(7);
/// A session ends when unused for this long (from its last renewal).
pub const IDLE_LIFETIME: time::Duration = time::Duration::hours(12);
/// How old a session's last renewal may get before a request renews it: a
/// session in use is written at most this often.
pub const RENEW_AFTER: Duration = Duration::minutes(5);

/// Opens a signed-in session for `user_id`: a fresh session id and CSRF token
/// (no session fixation), the user's language if they chose one. All that
/// the pages read from it is there, so drawing them writes nothing.
pub async fn sign_in(
    session: &Session,
    user_id: Uuid,
    locale: Option<Lang>,
) -> Result<(), AppError> {
    session.cycle_id().await?;
    session.clear().await;
    let now = Utc::now();
    session.insert(USER_ID, user_id).await?;
    session.insert(SIGNED_IN_AT, now).await?;
    session.insert(RENEWED_AT, now).await?;
    csrf::issue(session).await?;
    if let Some(lang) = locale {
        session.insert(i18n::SESSION_KEY, lang).await?;
    }
    Ok(())
}

/// Whether the session belongs to someone who signed in (still valid or not):
/// only theirs keep choices such as the language; an anonymous visitor has
/// no session at all.
pub async fn is_signed_in(session: &Session) -> Result<bool, AppError> {
    Ok(session.get::<Uuid>(USER_ID).await?.is_some())
}

/// The signed-in user. As an extractor, it sends visitors to `/login`.
#[derive(Clone, Debug)]
pub struct CurrentUser(pub User);

/// A signed-in admin. As an extractor, it sends visitors to `/login` and
/// answers 403 to anyone else.
#[derive(Clone, Debug)]
pub struct Admin(pub User);

/// Puts the session's user, if any, into the request's extensions, with the
/// database's snapshot read in the same statement. The user
/// is read again on every request so that a disabled account, a password
/// reset or "log out everywhere" stops the session at once. A session due
/// for renewal is marked changed, and saved with the response.
pub async fn load_user(
    State(state): State<AppState>,
    session: Session,
    mut request: Request,
    next: Next,
) -> Response {
    let found = match read_session(&session).await {
        Ok(found) => found,
        Err(error) => return error.into_response(),
    };
    if let (Some(id), Some(signed_in_at)) = (found.user_id, found.signed_in_at) {
        let now = Utc::now();
        match find_user(&state, id).await {
            Ok(Some((user, snapshot))) if still_valid(&user, signed_in_at, now) => {
                if renewal_due(found.renewed_at, now)
                    && let Err(error) = session.insert(RENEWED_AT, now).await
                {
                    return AppError::from(error).into_response();
                }
                request.extensions_mut().insert(CurrentUser(user));
                request.extensions_mut().insert(snapshot);
            }
            Ok(_) => {
                // A failed flush leaves a session that is refused again next time.
                let _ = session.flush().await;
            }
            Err(error) => return AppError::from(error).into_response(),
        }
    }
    next.run(request).await
}

/// The enabled user `id`, with the snapshot the page's data may be kept
/// under: the one read with the session, when it read this user (a
/// session saved before users were noted beside it reads them on its own).
async fn find_user(state: &AppState, id: Uuid) -> sqlx::Result<Option<(User, Snapshot)>> {
    if let Some(with) = session_store::read_with()
        && with.user_id == Some(id)
    {
        return Ok(with.user.map(|user| (user, with.snapshot)));
    }
    let loaded = sessions::load(&state.db, None, Some(id)).await?;
    Ok(loaded.user.map(|user| (user, loaded.snapshot)))
}

/// What [`load_user`] reads from the session.
struct Found {
    user_id: Option<Uuid>,
    signed_in_at: Option<DateTime<Utc>>,
    renewed_at: Option<DateTime<Utc>>,
}

async fn read_session(session: &Session) -> Result<Found, AppError> {
    Ok(Found {
        user_id: session.get(USER_ID).await?,
        signed_in_at: session.get(SIGNED_IN_AT).await?,
        renewed_at: session.get(RENEWED_AT).await?,
    })
}

/// Whether a session last renewed at `renewed_at` (never, for one opened
/// before renewals were recorded) is renewed by a request at `now`.
fn renewal_due(renewed_at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    renewed_at.is_none_or(|at| now - at >= RENEW_AFTER)
}

/// The session's sign-in: its id and when it signed in, for a stream that
/// outlives its request and must end with the session.
pub async fn sign_in_of(session: &Session) -> Result<Option<(String, DateTime<Utc>)>, AppError> {
    let signed_in_at: Option<DateTime<Utc>> = session.get(SIGNED_IN_AT).await?;
    Ok(session
        .id()
        .zip(signed_in_at)
        .map(|(id, at)| (id.to_string(), at)))
}

/// Whether `session_id` still signs `user_id` in: stored, the user enabled
/// and the sign-in inside the user's cut-off — what [`load_user`] checks on
/// each request, for a stream that outlives its request.
pub async fn still_signed_in(
    pool: &PgPool,
    session_id: &str,
    user_id: Uuid,
    signed_in_at: DateTime<Utc>,
) -> sqlx::Result<bool> {
    let loaded = sessions::load(pool, Some(session_id), Some(user_id)).await?;
    Ok(loaded.data.is_some()
        && loaded
            .user
            .is_some_and(|user| still_valid(&user, signed_in_at, Utc::now())))
}

fn still_valid(user: &User, signed_in_at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    signed_in_at >= user.sessions_valid_after && now - signed_in_at < ABSOLUTE_LIFETIME
}

/// Why a page refused the request: no session, or a role that may not.
pub enum Refusal {
    Login(Redirect),
    Forbidden,
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self {
            Refusal::Login(redirect) => redirect.into_response(),
            Refusal::Forbidden => AppError::Forbidden.into_response(),
        }
    }
}

fn login_redirect(parts: &Parts) -> Refusal {
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
    Refusal::Login(Redirect::to(&location))
}

impl<S: Send + Sync> FromRequestParts<S> for CurrentUser {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<CurrentUser>()
            .cloned()
            .ok_or_else(|| login_redirect(parts))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let CurrentUser(user) = CurrentUser::from_request_parts(parts, state).await?;
        if user.may_administer() {
            Ok(Admin(user))
        } else {
            Err(Refusal::Forbidden)
        }
    }
}

/// A `next` target that stays on this site: a path, never `//host` or a URL.
/// Only visible ASCII passes: browsers drop tabs and line breaks from a URL
/// (`/\t/evil.example` becomes `//evil.example`), and a `Location` header
/// holds nothing else; the paths the app sends to `/login` are
/// percent-encoded, so they are all visible ASCII.
pub fn safe_next(next: Option<&str>) -> &str {
    match next {
        Some(path)
            if path.starts_with('/')
                && !path.starts_with("//")
                && !path.contains('\\')
                && path.bytes().all(|byte| byte.is_ascii_graphic()) =>
        {
            path
        }
        _ => "/",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_ends_after_its_absolute_lifetime_or_when_sessions_are_cut() {
        let now = Utc::now();
        let user = User {
            id: Uuid::new_v4(),
            email: "u@example.org".into(),
            display_name: "U".into(),
            role: crate::domain::role::Role::Member,
            team_id: None,
            team_triages_feedback: false,
            locale: None,
            sessions_valid_after: now - Duration::hours(1),
            unread_notifications: 0,
        };
        assert!(still_valid(&user, now - Duration::minutes(30), now));
        assert!(!still_valid(&user, now - Duration::hours(2), now));
        let old = User {
            sessions_valid_after: now - Duration::days(30),
            ..user
        };
        assert!(!still_valid(&old, now - ABSOLUTE_LIFETIME, now));
    }

    #[test]
    fn a_session_in_use_is_renewed_once_its_last_renewal_is_five_minutes_old() {
        let now = Utc::now();
        assert!(!renewal_due(Some(now), now));
        assert!(!renewal_due(Some(now - Duration::seconds(299)), now));
        assert!(renewal_due(Some(now - Duration::minutes(5)), now));
        assert!(renewal_due(Some(now - Duration::hours(3)), now));
        assert!(renewal_due(None, now));
    }

    #[test]
    fn renewals_come_far_more_often_than_an_idle_session_ends() {
        let idle = Duration::seconds(IDLE_LIFETIME.whole_seconds());
        assert!(
            RENEW_AFTER * 100 <= idle,
            "at most 1 % of the idle lifetime is lost"
        );
    }
}
