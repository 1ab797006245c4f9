//! Checklist items: ticking, editing, ordering, their history and export.

pub mod edit;
pub mod export;
pub mod state;
pub mod view;

use axum::Router;

use crate::state::AppState;

/// Every item route.
pub fn router() -> Router<AppState> {
    Router::new()
        .merge(state::router())
        .merge(edit::router())
        .merge(export::router())
}
