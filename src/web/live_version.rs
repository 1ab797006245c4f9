//! The validator of a live page. A page's script re-fetches it after a
//! change it follows, sending the version it shows (`If-None-Match`) and the
//! event that made it fetch (`X-Live-Event`); while nothing it shows has
//! changed, the answer is 304 Not Modified, before any query or render. The
//! version is this instance's count of the events that concern the page
//! (`live::versions`), with who looks at it (role, language) and the quarter
//! hour (days and lateness roll over at midnight in the plan's time zone,
//! which falls on a quarter hour of UTC in every time zone).

use std::hash::{DefaultHasher, Hash, Hasher};

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use crate::db::users::User;
use crate::i18n::Lang;
use crate::live::versions::Scope;
use crate::state::AppState;

/// The header naming the event a re-fetch follows.
pub const LIVE_EVENT: &str = "x-live-event";
/// The seconds a version lasts at most, whatever changes.
const QUARTER_HOUR: i64 = 15 * 60;

/// Who looks at a live page: what it shows depends on it (a lead's
/// buttons, on their team's phases only).
#[derive(Clone, Copy, Debug)]
pub enum Viewer<'a> {
    User(&'a User, Lang),
    /// A wall screen, the same for all.
    Screen(Lang),
}

impl Viewer<'_> {
    fn digest(self) -> u64 {
        let mut hasher = DefaultHasher::new();
        match self {
            Viewer::User(user, lang) => {
                (user.id, user.role.as_str(), user.team_id, lang.code()).hash(&mut hasher);
            }
            Viewer::Screen(lang) => ("screen", lang.code()).hash(&mut hasher),
        }
        hasher.finish()
    }
}

/// The version of a live page as drawn now: taken before its data is read,
/// so that a change committed meanwhile moves the version past the page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LiveVersion {
    scope: Scope,
    etag: String,
}

impl LiveVersion {
    pub fn of(state: &AppState, scope: Scope, viewer: Viewer, now: DateTime<Utc>) -> LiveVersion {
        let version = state.live.versions().of(scope);
        let quarter = now.timestamp().div_euclid(QUARTER_HOUR);
        LiveVersion {
            scope,
            etag: format!("W/\"{version}.{quarter:x}.{:x}\"", viewer.digest()),
        }
    }

    /// The value of the page's regions' `data-live`: what they follow.
    pub fn follows(&self) -> String {
        self.scope.attribute()
    }

    /// The weak ETag, also drawn in the page for its script.
    pub fn etag(&self) -> &str {
        &self.etag
    }

    /// Whether the request's page shows this version already, and this
    /// instance heard the event it re-fetches for (the stream may come from
    /// another instance, which heard it first).
    pub fn shown_by(&self, state: &AppState, headers: &HeaderMap) -> bool {
        let heard = headers
            .get(LIVE_EVENT)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.trim().parse::<i64>().ok())
            .is_none_or(|id| state.live.versions().heard(id));
        heard && none_match(headers, &self.etag)
    }

    /// The answer to a page that shows this version already.
    pub fn not_modified(&self) -> Response {
        self.answer(StatusCode::NOT_MODIFIED)
    }

    /// `page`, stamped with this version.
    pub fn answer(&self, page: impl IntoResponse) -> Response {
        let mut response = page.into_response();
        if let Ok(etag) = HeaderValue::from_str(&self.etag) {
            response.headers_mut().insert(header::ETAG, etag);
        }
        response
    }
}

/// Whether `If-None-Match` names `etag`, compared weakly (RFC 9110 §13.1.2).
fn none_match(headers: &HeaderMap, etag: &str) -> bool {
    let opaque = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|tag| opaque(tag) == opaque(etag))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.append(*name, HeaderValue::from_str(value).unwrap());
        }
        headers
    }

    #[test]
    fn if_none_match_compares_weakly_and_reads_lists() {
        let etag = "W/\"ab.1.2\"";
        assert!(none_match(&headers(&[("if-none-match", etag)]), etag));
        assert!(none_match(
            &headers(&[("if-none-match", "\"ab.1.2\"")]),
            etag
        ));
        assert!(none_match(
            &headers(&[("if-none-match", "W/\"x\", W/\"ab.1.2\"")]),
            etag
        ));
        assert!(!none_match(
            &headers(&[("if-none-match", "W/\"ab.1.3\"")]),
            etag
        ));
        assert!(!none_match(&HeaderMap::new(), etag));
    }

    #[test]
    fn a_screen_and_each_language_have_their_own_version() {
        assert_ne!(
            Viewer::Screen(Lang::Fr).digest(),
            Viewer::Screen(Lang::En).digest()
        );
        assert_eq!(
            Viewer::Screen(Lang::Fr).digest(),
            Viewer::Screen(Lang::Fr).digest()
        );
    }
}
