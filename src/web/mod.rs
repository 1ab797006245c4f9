//! The pages, one module per page family, each with its `router()`.

pub mod account;
pub mod activity;
pub mod admin;
pub mod api_docs;
pub mod api_tokens;
pub mod assets;
pub mod attention;
pub mod calendar_feed;
pub mod comment_posts;
pub mod comments;
pub mod communications;
pub mod control_chars;
pub mod countdown;
pub mod csv;
pub mod drawing;
pub mod error_pages;
pub mod events;
pub mod extract;
pub mod feedback;
pub mod form;
pub mod golive;
pub mod health;
pub mod id;
pub mod items;
pub mod kiosk;
pub mod language;
pub mod live_version;
pub mod login;
pub mod metrics;
pub mod my;
pub mod notifications;
pub mod overview;
pub mod page;
pub mod phase_edit;
pub mod phases;
pub mod prose;
pub mod reset;
pub mod risks;
pub mod screens;
pub mod setup;
pub mod shown_plan;
pub mod standing;
pub mod teams;
pub mod timeline;
pub mod trash;
pub mod unsubscribe;
pub mod work;

use axum::Router;

use crate::error::AppError;
use crate::state::AppState;

/// Routes that need neither a session nor a language: health and assets.
pub fn public() -> Router<AppState> {
    Router::new()
        .merge(health::router())
        .merge(assets::router())
}

/// The pages, served behind sessions, language negotiation and CSRF checks,
/// drawn in turn ([`drawing`]); with [`password_forms`], all of them.
pub fn pages() -> Router<AppState> {
    Router::new()
        .merge(overview::router())
        .merge(countdown::router())
        .merge(kiosk::router())
        .merge(screens::router())
        .merge(golive::router())
        .merge(calendar_feed::router())
        .merge(timeline::router())
        .merge(phases::router())
        .merge(phase_edit::router())
        .merge(items::router())
        .merge(activity::router())
        .merge(my::router())
        .merge(notifications::router())
        .merge(unsubscribe::router())
        .merge(teams::router())
        .merge(risks::router())
        .merge(communications::router())
        .merge(comments::router())
        .merge(comment_posts::router())
        .merge(trash::router())
        .merge(work::router())
        .merge(events::router())
        .merge(feedback::router())
        .merge(api_tokens::router())
        .merge(shown_plan::router())
        .merge(api_docs::router())
        .merge(admin::router())
        .fallback(|| async { AppError::NotFound })
}

/// The forms that wait for a password's hash (signing in, the first admin,
/// a reset, a change), with their pages: they take no drawing turn, or a
/// burst of them would hold every turn while they wait for the hashers.
pub fn password_forms() -> Router<AppState> {
    Router::new()
        .merge(login::router())
        .merge(setup::router())
        .merge(reset::router())
        .merge(account::router())
}
