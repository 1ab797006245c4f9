//! Safe delete and the trash. Deleting a checklist item or a communication
//! action asks first (a page; with JavaScript the same question in a dialog),
//! then puts it in the trash instead of removing it: every page stops
//! showing it, and its links, history and comments stay. Leads and admins
//! find it on `/trash` and restore it in place; after
//! [`RETENTION_DAYS`] a background task
//! ([`purge`]) removes it for good.

mod delete;
mod list;
pub mod purge;
mod restore;

use axum::Router;
use axum::routing::{get, post};

use crate::domain::trash::RETENTION_DAYS;
use crate::i18n::Lang;
use crate::state::AppState;

/// The delete confirmations, the trash and its restore forms.
pub fn router() -> Router<AppState> {
    Router::new()
        .route(
            "/items/{id}/delete",
            get(delete::confirm_item_delete).post(delete::delete_item),
        )
        .route(
            "/communications/{id}/delete",
            get(delete::confirm_action_delete).post(delete::delete_action),
        )
        .route("/trash", get(list::show_trash))
        .route("/trash/items/{id}/restore", post(restore::restore_item))
        .route(
            "/trash/communications/{id}/restore",
            post(restore::restore_action),
        )
}

/// How long the trash keeps things, in words ("30 jours"): a count of days
/// goes through the catalog's plural.
fn retention(lang: Lang) -> String {
    lang.t_args("trash-days", &[("n", RETENTION_DAYS.into())])
}
