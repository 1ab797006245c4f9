//! Per-token rate limits: each token (keyed by its secret's hash, before
//! the database is asked) has its own bucket, so one busy pipeline slows
//! only itself. Kept in each instance's memory, with tower_governor: behind
//! N instances a token may make N times as many requests.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::http::Request;
use axum::http::header::AUTHORIZATION;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use tower_governor::governor::GovernorConfigBuilder;
use tower_governor::key_extractor::KeyExtractor;
use tower_governor::{GovernorError, GovernorLayer};

use crate::api::problem::ApiError;
use crate::state::AppState;
use crate::web::feedback::limit::sweep_while_alive;

/// Requests a token may make at once...
pub const BURST: u32 = 60;
/// ...after which it earns one more every this often (a minute's burst).
const REFILL: Duration = Duration::from_secs(1);

/// `routes`, each token limited: past its burst it is answered 429 with
/// `Retry-After`.
pub fn per_token(routes: Router<AppState>) -> Router<AppState> {
    let config = GovernorConfigBuilder::default()
        .key_extractor(TokenKey)
        .period(REFILL)
        .burst_size(BURST)
        .finish()
        .expect("the period and burst are not zero");
    sweep_while_alive(Arc::downgrade(config.limiter()), |limiter| {
        limiter.retain_recent()
    });
    routes.layer(GovernorLayer::new(config).error_handler(refusal))
}

/// Keys a request on the hash of its `Authorization` header: requests
/// without one share a bucket, and fail anyway.
#[derive(Clone, Copy, Debug)]
pub struct TokenKey;

impl KeyExtractor for TokenKey {
    type Key = [u8; 32];

    fn extract<T>(&self, request: &Request<T>) -> Result<[u8; 32], GovernorError> {
        let header = request
            .headers()
            .get(AUTHORIZATION)
            .map(|value| value.as_bytes())
            .unwrap_or_default();
        Ok(Sha256::digest(header).into())
    }
}

fn refusal(error: GovernorError) -> Response {
    match error {
        GovernorError::TooManyRequests { wait_time, .. } => ApiError::TooMany {
            retry_after: wait_time.max(1),
        }
        .into_response(),
        other => ApiError::Internal(anyhow::anyhow!(other.to_string())).into_response(),
    }
}
