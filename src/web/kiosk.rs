//! `/kiosk/{token}`: the countdown full-screen on a wall screen, one link
//! per named screen (`/screens`). The link opens it without a session; it
//! shows no navigation and no control and fits the screen without scrolling,
//! its lists capped. Its script follows live changes, checks every
//! [`RECHECK_SECONDS`] that the server still answers (a lost database does
//! not close the stream), shows that it is reconnecting when not, and comes
//! back by itself. Revoked, it is a 404, and so are its live updates.

use askama::Template;
use askama_web::WebTemplate;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Extension, Router};
use chrono::Utc;
use uuid::Uuid;

use crate::auth::tokens::{self, Purpose};
use crate::db::{kiosk_screens, snapshots};
use crate::domain::change::Reader;
use crate::error::{AppError, Result};
use crate::i18n::Lang;
use crate::live::versions::Scope;
use crate::plan_cache;
use crate::state::AppState;
use crate::web::countdown::{self, Board};
use crate::web::events;
use crate::web::live_version::{LiveVersion, Viewer};

/// `/kiosk/{token}`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/kiosk/{token}", get(show_kiosk))
        .route("/kiosk/{token}/events", get(stream_kiosk_events))
}

/// Seconds between two fetches of the board while nothing changes: they
/// notice a lost database, which leaves the stream open, and roll the day over.
pub const RECHECK_SECONDS: u32 = 15;
/// The holds shown at most; the rest are counted ("+ 2 autres").
const MAX_HOLDS: usize = 3;
/// The day's communication actions shown at most.
const MAX_ACTIONS: usize = 3;

/// Refuses a revoked or unknown kiosk secret as a page that does not exist;
/// notes the screen seen. The id of the secret.
async fn check_token(state: &AppState, token: &str) -> Result<Uuid> {
    let mut conn = state.db.acquire().await?;
    tokens::open(&mut conn, Purpose::Kiosk, token)
        .await?
        .map(|valid| valid.id)
        .ok_or(AppError::NotFound)
}

/// The plan of the screen the secret `token_id` opens: a kiosk link of no
/// screen (issued by hand) shows the first plan.
async fn plan_of_screen(state: &AppState, token_id: Uuid) -> Result<Uuid> {
    let mut conn = state.db.acquire().await?;
    match kiosk_screens::plan_of_token(&mut conn, token_id).await? {
        Some(plan) => Ok(plan),
        None => Ok(state.plans.first().await?.plan.id),
    }
}

async fn stream_kiosk_events(
    State(state): State<AppState>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response> {
    check_token(&state, &token).await?;
    // The wall screen follows what the countdown shows: the audience of each
    // subject says which (items, the poll, the plan, communication actions).
    let keeper = events::Keeper::Kiosk { secret: token };
    Ok(events::sse(&state, headers, Reader::WallScreen, keeper)
        .await?
        .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "countdown/kiosk.html")]
struct KioskPage {
    /// The countdown's board, its lists cut to what the screen holds.
    board: Board,
    /// "+ 2 autres" under the holds, when some are not shown.
    more_holds: Option<String>,
    /// The same under the day's communication actions.
    more_actions: Option<String>,
    /// Its live updates, behind the same secret.
    events: String,
    recheck_seconds: u32,
    live: LiveVersion,
}

async fn show_kiosk(
    State(state): State<AppState>,
    Extension(lang): Extension<Lang>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Result<Response> {
    let token_id = check_token(&state, &token).await?;
    let now = Utc::now();
    let live = LiveVersion::of(&state, Scope::Countdown, Viewer::Screen(lang), now);
    if live.shown_by(&state, &headers) {
        return Ok(live.not_modified());
    }
    // Asked only now: a screen re-fetching an unchanged board costs no more.
    let read_at = snapshots::current(&state.db).await?;
    // The screen shows its own plan, whoever is signed in on that browser.
    let plan = plan_of_screen(&state, token_id).await?;
    let board = countdown::board(&state, &read_at, lang, now);
    let mut board = plan_cache::showing(Some(plan), board).await?;
    let more_holds = cap(lang, &mut board.poll.holds, MAX_HOLDS);
    let more_actions = cap(lang, &mut board.upcoming.today, MAX_ACTIONS);
    let page = KioskPage {
        events: format!("/kiosk/{token}/events"),
        board,
        more_holds,
        more_actions,
        recheck_seconds: RECHECK_SECONDS,
        live: live.clone(),
    };
    // The address is the secret: never cached on the way, never sent onwards.
    Ok(live.answer((
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        page,
    )))
}

/// Keeps the first `max` of `list`; says how many were left out, if any.
fn cap<T>(lang: Lang, list: &mut Vec<T>, max: usize) -> Option<String> {
    let hidden = list.len().saturating_sub(max);
    list.truncate(max);
    (hidden > 0).then(|| lang.t_args("kiosk-more", &[("n", hidden.into())]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_list_is_cut_and_counts_what_it_leaves_out() {
        let mut holds = vec!["a", "b", "c", "d", "e"];
        assert_eq!(cap(Lang::Fr, &mut holds, 3).as_deref(), Some("+ 2 autres"));
        assert_eq!(holds, ["a", "b", "c"]);
        let mut actions = vec!["a"];
        assert_eq!(cap(Lang::En, &mut actions, 3), None);
        assert_eq!(
            cap(Lang::En, &mut vec![1, 2, 3, 4], 3).as_deref(),
            Some("+ 1 more")
        );
    }
}
