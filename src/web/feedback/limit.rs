//! Throttling of the public form, per client address, with tower_governor.
//!
//! Each router gets its own limiter (never a global), so every test app and
//! every server instance counts on its own. The address is the request's
//! [`ClientAddress`]: the peer, or what trusted proxies saw.

use std::sync::Arc;
use std::time::Duration;

use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderValue, StatusCode};
use axum::response::IntoResponse;
use axum::routing::MethodRouter;
use std::net::IpAddr;

use tower_governor::GovernorError;
use tower_governor::GovernorLayer;
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;

use crate::auth::throttle::ClientAddress;
use crate::state::AppState;

/// Sends one address may make at once...
const BURST: u32 = 10;
/// ...after which it earns one more every this often (ten a minute).
const REFILL: Duration = Duration::from_secs(6);
/// How often keys that have earned their whole burst back are forgotten.
const SWEEP: Duration = Duration::from_secs(60);

/// `handler` throttled per address: past the burst it answers 429 (drawn as
/// a calm page by the error-page middleware) with `Retry-After`.
pub fn throttled(handler: MethodRouter<AppState>) -> MethodRouter<AppState> {
    let config = GovernorConfigBuilder::default()
        .key_extractor(ClientKey)
        .period(REFILL)
        .burst_size(BURST)
        .finish()
        .expect("the period and burst are not zero");
    sweep_while_alive(Arc::downgrade(config.limiter()), |limiter| {
        limiter.retain_recent()
    });
    handler.layer(GovernorLayer::new(config).error_handler(refusal))
}

/// Runs `forget` on `limiter` every [`SWEEP`] while it lives: keys that
/// have earned their whole burst back are dropped, so that the table does
/// not grow with every key ever seen. When its router is gone, so is the need.
pub(crate) fn sweep_while_alive<L: Send + Sync + 'static>(
    limiter: std::sync::Weak<L>,
    forget: fn(&L),
) {
    if let Ok(runtime) = tokio::runtime::Handle::try_current() {
        runtime.spawn(async move {
            let mut every = tokio::time::interval(SWEEP);
            every.tick().await;
            loop {
                every.tick().await;
                let Some(limiter) = limiter.upgrade() else {
                    break;
                };
                forget(&limiter);
            }
        });
    }
}

/// Keys the limiter on the request's [`ClientAddress`].
#[derive(Clone, Copy, Debug)]
struct ClientKey;

impl KeyExtractor for ClientKey {
    type Key = IpAddr;

    fn extract<T>(&self, request: &axum::http::Request<T>) -> Result<IpAddr, GovernorError> {
        request
            .extensions()
            .get::<ClientAddress>()
            .and_then(|address| address.0)
            .ok_or(GovernorError::UnableToExtractKey)
    }
}

fn refusal(error: GovernorError) -> axum::response::Response {
    match error {
        GovernorError::TooManyRequests { wait_time, .. } => {
            let mut response = StatusCode::TOO_MANY_REQUESTS.into_response();
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from(wait_time.max(1)));
            response
        }
        other => {
            tracing::error!(error = %other, "cannot throttle a request without its peer address");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
