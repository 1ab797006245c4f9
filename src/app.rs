//! The router and the middleware stack, assembled once.

use std::time::Duration;

use axum::Router;
use axum::extract::Request;
use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::Response;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

use crate::auth::csrf::{self, Csrf};
use crate::auth::session_store::{self, ReadAhead, SnapshotStore};
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

/// Sets each of [`SECURITY_HEADERS`] the response does not set itself, and
/// with `strict_transport` tells browsers to come back over HTTPS only. One
/// layer rather than tower-http's one per header: every layer costs each
/// request a clone.
async fn security_headers(strict_transport: bool, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in SECURITY_HEADERS {
        headers
            .entry(name)
            .or_insert_with(|| HeaderValue::from_static(value));
    }
    if strict_transport {
        headers
            .entry(header::STRICT_TRANSPORT_SECURITY)
            .or_insert_with(|| HeaderValue::from_static("max-age=31536000; includeSubDomains"));
    }
    response
}

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
    // Each `Router::layer` call wraps every route in a box that is cloned on
    // every request; a whole stack put on in one call costs one.
    let with_session = |router: Router<AppState>| {
        router
            .layer(
                ServiceBuilder::new()
                    .layer(from_fn_with_state(state.clone(), session::load_user))
                    .layer(from_fn(telemetry::record_user))
                    .layer(from_fn_with_state(state.clone(), shown_plan::choose))
                    .layer(from_fn_with_state(csrf.clone(), csrf::verify)),
            )
            // Apart: the bodies it limits are of another type.
            .layer(RequestBodyLimitLayer::new(csrf::MAX_FORM_BYTES))
            .layer(
                ServiceBuilder::new()
                    .layer(from_fn(error_pages::session_store_unavailable))
                    .layer(sessions.clone())
                    // Around everything that reads the session: its load
                    // hands over the database's snapshot read with it, and
                    // reads what the route asked for ahead.
                    .layer(from_fn(|request: Request, next: Next| {
                        let ahead = request.extensions().get::<ReadAhead>().copied();
                        session_store::with_slot(ahead, next.run(request))
                    }))
                    .layer(from_fn(move |session, request, next| {
                        language::negotiate(secure_cookies, session, request, next)
                    }))
                    .layer(from_fn(error_pages::render)),
            )
    };
    // Pages are drawn and compressed in turn once the session is read; a
    // live re-fetch takes its turn before (see `drawing`).
    let turns = Turns::for_this_machine();
    let in_turn = ServiceBuilder::new()
        .layer(from_fn_with_state(turns.clone(), drawing::in_turn))
        .layer(compression.clone());
    let pages = with_session(web::pages().layer(in_turn.clone()))
        .layer(from_fn_with_state(turns, drawing::refetch_in_turn))
        // Its item is read with its session: asked for before it loads.
        .merge(
            with_session(web::items::state::router().layer(in_turn))
                .layer(from_fn(web::items::state::read_item_ahead)),
        )
        .merge(with_session(web::password_forms().layer(compression)));
    let metrics = Metrics::new(state.db.clone());
    let request_id = HeaderName::from_static("x-request-id");
    let proxy_hops = options.trusted_proxy_hops;
    // Behind HTTPS, browsers are told never to come back over plain HTTP.
    let strict_transport = options.secure_cookies;
    // The API opens with a bearer token, never with the session's cookie:
    // it stays outside the session and CSRF layers.
    web::public()
        .merge(crate::api::router())
        .merge(metrics::router(
            metrics.clone(),
            options.metrics_token.as_deref(),
        ))
        .merge(pages)
        .layer(
            ServiceBuilder::new()
                .layer(from_fn(telemetry::drop_unfit_request_id))
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(PropagateRequestIdLayer::new(request_id))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(telemetry::request_span)
                        .on_response(telemetry::log_response),
                )
                .layer(from_fn(telemetry::keep_span))
                .layer(from_fn_with_state(metrics, metrics::track))
                .layer(from_fn(move |request, next| {
                    throttle::client_address(proxy_hops, request, next)
                }))
                .layer(from_fn(move |request, next| {
                    security_headers(strict_transport, request, next)
                }))
                .layer(CatchPanicLayer::new())
                .layer(TimeoutLayer::with_status_code(
                    StatusCode::SERVICE_UNAVAILABLE,
                    Duration::from_secs(30),
                ))
                .layer(from_fn(control_chars::refuse)),
        )
        .with_state(state)
}

#[cfg(test)]
mod tests {
    use axum::body::Body;
    use axum::http::HeaderMap;
    use axum::response::IntoResponse;
    use axum::routing::get;
    use tower::ServiceExt;

    use super::*;

    /// The headers of an answer through [`security_headers`], from a page
    /// that sets its own `Cache-Control` when `cached`.
    async fn answered(strict_transport: bool, cached: bool) -> HeaderMap {
        let page = move || async move {
            if cached {
                ([(header::CACHE_CONTROL, "public, max-age=60")], "page").into_response()
            } else {
                "page".into_response()
            }
        };
        let app = Router::new()
            .route("/", get(page))
            .layer(from_fn(move |request, next| {
                security_headers(strict_transport, request, next)
            }));
        let request = Request::builder().uri("/").body(Body::empty()).unwrap();
        app.oneshot(request).await.unwrap().headers().clone()
    }

    #[tokio::test]
    async fn every_answer_gets_the_security_headers_it_does_not_set_itself() {
        let headers = answered(false, false).await;
        for (name, value) in SECURITY_HEADERS {
            assert_eq!(headers.get(&name).unwrap(), value, "{name}");
        }
        assert!(headers.get(header::STRICT_TRANSPORT_SECURITY).is_none());
        let cached = answered(false, true).await;
        assert_eq!(
            cached.get(header::CACHE_CONTROL).unwrap(),
            "public, max-age=60"
        );
        assert_eq!(cached.get(header::X_FRAME_OPTIONS).unwrap(), "DENY");
    }

    #[tokio::test]
    async fn behind_https_browsers_are_told_to_stay_on_it() {
        let headers = answered(true, false).await;
        assert_eq!(
            headers.get(header::STRICT_TRANSPORT_SECURITY).unwrap(),
            "max-age=31536000; includeSubDomains"
        );
    }
}
