//! `/metrics` in the Prometheus text format (0.0.4), or in OpenMetrics when
//! the scraper's `Accept` asks for it (Prometheus does): HTTP requests by
//! route and status, their latency, the connection pool, and the plan's
//! figures read from PostgreSQL at scrape time.
//!
//! It is served on the main port to whoever sends `Authorization: Bearer
//! <METRICS_TOKEN>`; without that setting the route does not exist. A
//! registry per router (prometheus-client) rather than a process-wide recorder
//! keeps every app, and every test, counting only its own requests.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::encoding::{prometheus_text, text};
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;
use sqlx::PgPool;
use subtle::ConstantTimeEq;

use crate::db::tallies;
use crate::state::AppState;

/// The content type of the OpenMetrics text format.
const OPENMETRICS: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";
/// A scrape must not hang on a database that is away: past this, the
/// database figures are left out and `launch_control_database_up` says 0.
const TALLY_TIMEOUT: Duration = Duration::from_secs(2);
/// The route label of requests that matched no route, so that unknown paths
/// cannot grow the number of series.
const UNMATCHED: &str = "unmatched";

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StateLabels {
    state: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct StatusLabels {
    status: String,
}

type LatencyFamily = Family<RouteLabels, Histogram, fn() -> Histogram>;

/// The application's metrics; cheap to clone.
#[derive(Clone)]
pub struct Metrics(Arc<Inner>);

struct Inner {
    db: PgPool,
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: LatencyFamily,
    pool_connections: Gauge,
    pool_idle: Gauge,
    database_up: Gauge,
    items: Family<StateLabels, Gauge>,
    open_risks: Gauge,
    feedback: Family<StatusLabels, Gauge>,
    /// One scrape at a time: each clears and refills the database figures.
    scrape: tokio::sync::Mutex<()>,
}

/// From 5 ms to about 10 s.
fn latency_histogram() -> Histogram {
    Histogram::new(exponential_buckets(0.005, 2.0, 12))
}

impl Metrics {
    /// Registers every metric; `db` is read at each scrape.
    pub fn new(db: PgPool) -> Metrics {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        let latency = LatencyFamily::new_with_constructor(latency_histogram);
        let (pool_connections, pool_idle, database_up, open_risks) = (
            Gauge::default(),
            Gauge::default(),
            Gauge::default(),
            Gauge::default(),
        );
        let items = Family::<StateLabels, Gauge>::default();
        let feedback = Family::<StatusLabels, Gauge>::default();
        registry.register("http_requests", "HTTP requests answered", requests.clone());
        registry.register(
            "http_request_duration_seconds",
            "Time to answer an HTTP request",
            latency.clone(),
        );
        registry.register(
            "db_pool_connections",
            "Open database connections",
            pool_connections.clone(),
        );
        registry.register(
            "db_pool_idle_connections",
            "Idle database connections",
            pool_idle.clone(),
        );
        registry.register(
            "launch_control_database_up",
            "Whether the database answered this scrape (1) or not (0)",
            database_up.clone(),
        );
        registry.register(
            "launch_control_checklist_items",
            "Checklist items by state",
            items.clone(),
        );
        registry.register(
            "launch_control_open_risks",
            "Risks not closed",
            open_risks.clone(),
        );
        registry.register(
            "launch_control_feedback",
            "Feedback by triage status",
            feedback.clone(),
        );
        Metrics(Arc::new(Inner {
            db,
            registry,
            requests,
            latency,
            pool_connections,
            pool_idle,
            database_up,
            items,
            open_risks,
            feedback,
            scrape: tokio::sync::Mutex::new(()),
        }))
    }

    fn observe(&self, method: &Method, route: &str, status: StatusCode, took: Duration) {
        // Methods outside the standard ones would each make new series.
        let method = match *method {
            Method::GET
            | Method::HEAD
            | Method::POST
            | Method::PUT
            | Method::PATCH
            | Method::DELETE
            | Method::OPTIONS => method.as_str(),
            _ => "other",
        };
        let route = RouteLabels {
            method: method.to_owned(),
            route: route.to_owned(),
        };
        self.0
            .latency
            .get_or_create(&route)
            .observe(took.as_secs_f64());
        let request = RequestLabels {
            method: route.method,
            route: route.route,
            status: status.as_u16(),
        };
        self.0.requests.get_or_create(&request).inc();
    }

    /// The whole exposition, with the database figures read now, in
    /// OpenMetrics or in the Prometheus text format.
    async fn render(&self, openmetrics: bool) -> String {
        let inner = &self.0;
        let _one_at_a_time = inner.scrape.lock().await;
        inner.pool_connections.set(i64::from(inner.db.size()));
        inner
            .pool_idle
            .set(i64::try_from(inner.db.num_idle()).unwrap_or(i64::MAX));
        inner.items.clear();
        inner.feedback.clear();
        let up = match tokio::time::timeout(TALLY_TIMEOUT, tallies::read(&inner.db)).await {
            Ok(Ok(tallies)) => {
                for (state, count) in tallies.items_by_state {
                    inner.items.get_or_create(&StateLabels { state }).set(count);
                }
                for (status, count) in tallies.feedback_by_status {
                    inner
                        .feedback
                        .get_or_create(&StatusLabels { status })
                        .set(count);
                }
                inner.open_risks.set(tallies.open_risks);
                1
            }
            Ok(Err(error)) => {
                tracing::warn!(%error, "metrics: cannot read the database figures");
                0
            }
            Err(_) => 0,
        };
        inner.database_up.set(up);
        let mut exposition = String::new();
        let encoded = if openmetrics {
            text::encode(&mut exposition, &inner.registry)
        } else {
            prometheus_text::encode(&mut exposition, &inner.registry)
        };
        encoded.expect("writing to a String cannot fail");
        exposition
    }
}

/// Counts every request by method, matched route and status, and times it.
/// Sits outside the pages' stack, so it sees their final status.
pub async fn track(State(metrics): State<Metrics>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map_or(UNMATCHED, MatchedPath::as_str)
        .to_owned();
    let started = Instant::now();
    let response = next.run(request).await;
    metrics.observe(&method, &route, response.status(), started.elapsed());
    response
}

#[derive(Clone)]
struct Endpoint {
    metrics: Metrics,
    token: Arc<str>,
}

/// `/metrics` when a token is set; no route at all otherwise, so that it
/// answers the same 404 as any unknown path.
pub fn router(metrics: Metrics, token: Option<&str>) -> Router<AppState> {
    match token.filter(|token| !token.is_empty()) {
        Some(token) => Router::new()
            .route("/metrics", get(scrape))
            .with_state(Endpoint {
                metrics,
                token: token.into(),
            }),
        None => Router::new(),
    }
}

async fn scrape(State(endpoint): State<Endpoint>, headers: HeaderMap) -> Response {
    let sent = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.strip_prefix("Bearer "))
        .unwrap_or_default();
    if !bool::from(sent.as_bytes().ct_eq(endpoint.token.as_bytes())) {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer")],
        )
            .into_response();
    }
    let openmetrics = asks_for_openmetrics(&headers);
    let content_type = if openmetrics {
        OPENMETRICS
    } else {
        prometheus_text::CONTENT_TYPE
    };
    let exposition = endpoint.metrics.render(openmetrics).await;
    ([(header::CONTENT_TYPE, content_type)], exposition).into_response()
}

/// Whether `Accept` names OpenMetrics (with a weight above zero), as
/// Prometheus's scrapes do; anything else, `*/*` included, gets the
/// Prometheus text format, as Prometheus's own client libraries answer.
fn asks_for_openmetrics(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|range| {
            let mut parts = range.split(';').map(str::trim);
            let openmetrics = parts
                .next()
                .is_some_and(|media| media.eq_ignore_ascii_case("application/openmetrics-text"));
            let refused = parts.any(|parameter| {
                parameter
                    .strip_prefix("q=")
                    .and_then(|weight| weight.parse::<f32>().ok())
                    .is_some_and(|weight| weight <= 0.0)
            });
            openmetrics && !refused
        })
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    #[test]
    fn openmetrics_goes_to_those_who_name_it_and_the_prometheus_text_format_to_others() {
        let accepting = |accept: Option<&'static str>| {
            let mut headers = HeaderMap::new();
            if let Some(accept) = accept {
                headers.insert(header::ACCEPT, HeaderValue::from_static(accept));
            }
            asks_for_openmetrics(&headers)
        };
        let prometheus = "application/openmetrics-text;version=1.0.0;q=0.5,\
                          text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

        assert!(accepting(Some(prometheus)));
        assert!(accepting(Some("application/openmetrics-text")));
        assert!(!accepting(None));
        assert!(!accepting(Some("*/*")));
        assert!(!accepting(Some("text/plain; version=0.0.4")));
        assert!(!accepting(Some("application/openmetrics-text; q=0")));
    }
}
