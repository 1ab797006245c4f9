//! The plan's communication actions (the annex "Plan de Communication"):
//! `/communications` lists them with a late marker and one-click moves, and
//! exports them; `/communications/new` and `/communications/{id}` edit one.
//! Edited and moved by their team's lead and admins, as checklist items are.

mod edit;
mod export;
mod filter;
mod form;
mod list;
mod state;
pub mod twins;
pub mod upcoming;
mod view;

use axum::Router;
use axum::routing::{get, post};

use crate::state::AppState;

pub use self::edit::comment_refused;

/// The action routes, in one table.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/communications",
            get(list::list_actions).post(edit::create_action),
        )
        .route("/communications.csv", get(export::export_actions))
        .route("/communications/new", get(edit::new_action_form))
        .route(
            "/communications/{id}",
            get(edit::show_action).post(edit::update_action),
        )
        .route("/communications/{id}/state", post(state::change_state))
}
