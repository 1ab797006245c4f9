//! The pages, one module per page family, each with its `router()`.

pub mod account;
pub mod activity;
pub mod admin;
pub mod assets;
pub mod coming_soon;
pub mod form;
pub mod health;
pub mod items;
pub mod login;
pub mod my;
pub mod metrics;
pub mod overview;
pub mod page;
pub mod phases;
pub mod reset;
pub mod setup;
pub mod teams;
pub mod timeline;

use axum::Router;

use crate::app::AppState;
use crate::error::AppError;

/// Routes that need neither a session nor a language: health and assets.
pub fn public() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(assets::router())
}

/// The pages, served behind sessions, language negotiation and CSRF checks.
pub fn pages() -> Router<AppState> {
    Router::new()
        .merge(login::router())
        .merge(overview::router())
        .merge(timeline::router())
        .merge(phases::router())
        .merge(items::router())
        .merge(activity::router())
        .merge(my::router())
        .merge(teams::router())
        .merge(setup::router())
        .merge(reset::router())
        .merge(account::router())
        .merge(admin::router())
        .merge(coming_soon::router())
        .fallback(|| async { AppError::NotFound })
}
