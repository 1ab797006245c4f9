//! Checklist items: ticking, editing, ordering, their history and export.

pub mod edit;
pub mod export;
pub mod state;
pub mod view;

use axum::Router;

use crate::state::AppState;

/// Every item route but the state form's, which `app` puts together with
/// its read ahead (`state::router`).
pub fn router() -> Router<AppState> {
    Router::new().merge(edit::router()).merge(export::router())
}
