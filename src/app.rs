//! The router and the middleware stack, assembled once.

use std::time::Duration;

use axum::Router;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::auth::csrf::{self, Csrf};
use crate::auth::session_store::{self, SnapshotStore};
use crate::auth::{session, throttle};
use crate::state::AppState;
use crate::web::drawing::{self, Turns};
use crate::web::metrics::{self, Metrics};
use crate::web::{control_chars, error_pages, language, shown_plan};
use crate::{telemetry, web};

/// Settings that shape the router.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Mark the session cookie and the anonymous visitor's cookies `Secure`
    /// (the dashboard is served over HTTPS).
    pub secure_cookies: bool,
    /// The bearer token that opens `/metrics`; without it there is no `/metrics`.
    pub metrics_token: Option<String>,
    /// Proxies in front of the server whose `X-Forwarded-For` entries are believed.
    pub trusted_proxy_hops: usize,
}

/// Sent on every response that does not set its own.
const SECURITY_HEADERS: [(HeaderName, &str); 5] = [
    (
        header::CONTENT_SECURITY_POLICY,
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
         connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; \
         object-src 'none'",
    ),
    (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
    (header::REFERRER_POLICY, "same-origin"),
    (header::X_FRAME_OPTIONS, "DENY"),
    // Pages show what only their reader may see and carry CSRF tokens: no
    // copy is kept anywhere, so Back after signing out shows nothing. Static
    // files, and the few answers made to be cached, say otherwise themselves.
    (header::CACHE_CONTROL, "no-store"),
];

/// The whole application: public routes (health, assets, metrics) and the pages,
/// which get sessions, languages, the signed-in user and CSRF checks.
pub fn router(state: AppState, options: Options) -> Router {
    // A session row is stored only once something is put in it: at sign-in,
    // or a flash after a password reset. Anonymous pages keep their CSRF
    // nonce and their language in cookies of their own. It is written again
    // only when it changes, or is due for renewal (see `session::load_user`).
    let sessions = SessionManagerLayer::new(SnapshotStore::new(state.db.clone()))
        .with_name("lc_session")
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(options.secure_cookies)
        .with_expiry(Expiry::OnInactivity(session::IDLE_LIFETIME));
    let csrf = Csrf::new(state.db.clone(), options.secure_cookies);
    let secure_cookies = options.secure_cookies;
    // Brotli or gzip at level 1 when the client accepts them: a page
    // shrinks by two thirds or more for 0.05–0.1 ms, where brotli's default
    // 4 takes two to three times as long for 10–15 % fewer bytes. The
    // default predicate leaves out `text/event-stream`: the live stream must
    // flush each event as it comes.
    let compression = CompressionLayer::new().quality(CompressionLevel::Precise(1));
    let pages = web::pages()
        .layer(compression.clone())
        // Drawn and compressed in turn, once the session is read.
        .layer(from_fn_with_state(
            Turns::for_this_machine(),
            drawing::in_turn,
        ))
        .merge(web::password_forms().layer(compression))
        .layer(from_fn_with_state(csrf, csrf::verify))
        .layer(from_fn_with_state(state.clone(), shown_plan::choose))
        .layer(from_fn(telemetry::record_user))
        .layer(from_fn_with_state(state.clone(), session::load_user))
        .layer(RequestBodyLimitLayer::new(csrf::MAX_FORM_BYTES))
        .layer(from_fn(error_pages::render))
        .layer(from_fn(move |session, request, next| {
            language::negotiate(secure_cookies, session, request, next)
        }))
        // Around everything that reads the session: its load hands over the
        // database's snapshot read with it.
        .layer(from_fn(|request, next: Next| {
            session_store::with_slot(next.run(request))
        }))
        .layer(sessions)
        .layer(from_fn(error_pages::session_store_unavailable));
    let metrics = Metrics::new(state.db.clone());
    let request_id = HeaderName::from_static("x-request-id");
    // The API opens with a bearer token, never with the session's cookie:
    // it stays outside the session and CSRF layers.
    let app = web::public()
        .merge(crate::api::router())
        .merge(metrics::router(
            metrics.clone(),
            options.metrics_token.as_deref(),
        ))
        .merge(pages)
        .layer(from_fn(control_chars::refuse))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::SERVICE_UNAVAILABLE,
            Duration::from_secs(30),
        ))
        .layer(CatchPanicLayer::new());
    let app = SECURITY_HEADERS.iter().fold(app, |app, (name, value)| {
        app.layer(SetResponseHeaderLayer::if_not_present(
            name.clone(),
            HeaderValue::from_static(value),
        ))
    });
    // Behind HTTPS, browsers are told never to come back over plain HTTP.
    let app = if options.secure_cookies {
        app.layer(SetResponseHeaderLayer::if_not_present(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        ))
    } else {
        app
    };
    let proxy_hops = options.trusted_proxy_hops;
    app.layer(from_fn(move |request, next| {
        throttle::client_address(proxy_hops, request, next)
    }))
    .layer(from_fn_with_state(metrics, metrics::track))
    .layer(from_fn(telemetry::keep_span))
    .layer(
        TraceLayer::new_for_http()
            .make_span_with(telemetry::request_span)
            .on_response(telemetry::log_response),
    )
    .layer(PropagateRequestIdLayer::new(request_id.clone()))
    .layer(SetRequestIdLayer::new(request_id, MakeRequestUuid))
    .layer(from_fn(telemetry::drop_unfit_request_id))
    .with_state(state)
}
