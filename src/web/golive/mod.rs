//! `/golive`: the Go / No-Go poll. An admin opens and closes it; each team
//! lead votes for their team while it is open; the page shows the verdict
//! (GO, or HOLD with what holds it) and every vote cast.

mod poll;
mod view;
mod vote;

use axum::Router;
use axum::extract::State;
use axum::routing::{get, post};

use crate::auth::CurrentUser;
use crate::error::Result;
use crate::state::AppState;
use crate::web::page::PageCtx;

use view::{GolivePage, golive_page};

/// `/golive` and its actions.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/golive", get(show_golive).post(vote::cast_vote))
        .route("/golive/open", post(poll::open_poll))
        .route("/golive/close", post(poll::close_poll))
}

async fn show_golive(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    ctx: PageCtx,
) -> Result<GolivePage> {
    golive_page(&state, ctx, &user, None).await
}

#[cfg(test)]
mod tests {
    use crate::domain::golive::Vote;
    use crate::domain::verdict::Decision;
    use crate::i18n::Lang;

    /// The keys built from values, which the catalog scan cannot see (the
    /// poll's events are checked with every other change, in `activity`).
    #[test]
    fn every_vote_and_decision_reads_in_every_language() {
        let keys = Vote::ALL
            .iter()
            .map(|vote| vote.label_key())
            .chain([Decision::Go, Decision::Hold].map(|decision| decision.label_key()));
        for key in keys {
            for lang in Lang::ALL {
                assert_ne!(lang.t(key), key, "{key} missing in {}", lang.code());
            }
        }
    }
}
