//! Logging: `RUST_LOG` filters, `LOG_FORMAT` picks text or JSON lines, and
//! one line per request with its id, route, status, latency and user.
//!
//! A request's line names its matched route (`/phases/{id}`), never the raw
//! path or query, which can carry tokens; bodies, and so passwords, are never
//! logged.

use std::time::Duration;

use axum::extract::{MatchedPath, Request};
use axum::http::Response;
use axum::middleware::Next;
use tracing::Span;
use tracing::field::{Empty, display};
use tracing_subscriber::EnvFilter;

use crate::auth::CurrentUser;
use crate::config::LogFormat;

/// Installs the global subscriber; `info` by default, quieter for sqlx's queries.
pub fn init(format: LogFormat) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter);
    match format {
        LogFormat::Text => builder.init(),
        LogFormat::Json => builder
            .json()
            .flatten_event(true)
            .with_current_span(true)
            .with_span_list(false)
            .init(),
    }
}

/// The span of a request, for `TraceLayer::make_span_with`; `x-request-id`
/// is already set by `SetRequestIdLayer`, and the user is added later by
/// [`record_user`].
pub fn request_span<B>(request: &Request<B>) -> Span {
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or("unmatched", MatchedPath::as_str);
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!(
        "request",
        method = %request.method(),
        route,
        request_id,
        user_id = Empty,
    )
}

/// The request's line, for `TraceLayer::on_response`.
pub fn log_response<B>(response: &Response<B>, latency: Duration, _span: &Span) {
    tracing::info!(
        status = response.status().as_u16(),
        latency_ms = latency.as_secs_f64() * 1000.0,
        "answered"
    );
}

/// The request's span, carried in its extensions down to [`record_user`]:
/// layers in between (the sessions') open spans of their own, so
/// `Span::current()` there is not the request's.
#[derive(Clone)]
struct RequestSpan(Span);

/// Keeps the request's span in its extensions; sits right inside the `TraceLayer`.
pub async fn keep_span(mut request: Request, next: Next) -> axum::response::Response {
    request
        .extensions_mut()
        .insert(RequestSpan(Span::current()));
    next.run(request).await
}

/// Adds the signed-in user's id to the request's span; sits inside the layer
/// that loads the user.
pub async fn record_user(request: Request, next: Next) -> axum::response::Response {
    let extensions = request.extensions();
    if let (Some(RequestSpan(span)), Some(CurrentUser(user))) = (extensions.get(), extensions.get())
    {
        span.record("user_id", display(user.id));
    }
    next.run(request).await
}
