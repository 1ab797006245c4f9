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
use tracing_subscriber::fmt::writer::BoxMakeWriter;

use crate::auth::CurrentUser;
use crate::config::LogFormat;

/// The header that carries a request's id, in logs and answers.
const REQUEST_ID: &str = "x-request-id";

/// Where log lines go: the server's standard output, or standard error for
/// a command whose output is data (`plan export` writes the plan there).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogTo {
    Stdout,
    Stderr,
}

/// Installs the global subscriber; `info` by default, quieter for sqlx's queries.
pub fn init(format: LogFormat, to: LogTo) {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_sessions=warn"));
    let writer = match to {
        LogTo::Stdout => BoxMakeWriter::new(std::io::stdout),
        LogTo::Stderr => BoxMakeWriter::new(std::io::stderr),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
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

/// The longest request id a client may choose: a UUID is 36 characters.
const MAX_REQUEST_ID_LEN: usize = 64;

/// Drops a client's `X-Request-Id` unless it is short and made of letters,
/// digits and dashes (a UUID is), so that `SetRequestIdLayer`, just inside,
/// makes one instead. A client's id is kept to follow its requests through
/// the logs, but arbitrary text there could forge log lines or grow them.
pub async fn drop_unfit_request_id(mut request: Request, next: Next) -> axum::response::Response {
    let unfit = request
        .headers()
        .get_all(REQUEST_ID)
        .iter()
        .any(|value| !is_fit_request_id(value.as_bytes()));
    if unfit {
        request.headers_mut().remove(REQUEST_ID);
    }
    next.run(request).await
}

fn is_fit_request_id(id: &[u8]) -> bool {
    (1..=MAX_REQUEST_ID_LEN).contains(&id.len())
        && id
            .iter()
            .all(|byte| byte.is_ascii_alphanumeric() || *byte == b'-')
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
        .get(REQUEST_ID)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_may_choose_a_short_id_of_letters_digits_and_dashes() {
        let fit = ["0f8fad5b-d9cb-469f-a165-70867728950e", "req-42", "A"];
        let unfit = ["", "a b", "x\r\nforged: line", "é", "a_b", &"x".repeat(65)];

        for id in fit {
            assert!(is_fit_request_id(id.as_bytes()), "{id}");
        }
        for id in unfit {
            assert!(!is_fit_request_id(id.as_bytes()), "{id:?}");
        }
    }
}
