//! Counts the SQL statements the app runs for one request.
//!
//! One process-wide subscriber, installed before any test serves a request,
//! sees every `sqlx::query` event and files it under the `request_id` of the
//! request span it happened in; a test sends its own `x-request-id` (the app
//! keeps an id it is given) and reads its count back. A thread-local
//! subscriber would not do: tracing caches each call site's interest for the
//! whole process, so whether it saw sqlx's events depended on which test
//! touched them first.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use uuid::Uuid;

use crate::helpers::Visitor;

/// Statements seen so far, by request id.
static COUNTS: Mutex<Option<HashMap<String, usize>>> = Mutex::new(None);

/// Installs the counting subscriber once for the test process; every test
/// that starts an app goes through here first.
pub fn install() {
    static INSTALLED: OnceLock<()> = OnceLock::new();
    INSTALLED.get_or_init(|| {
        let subscriber = tracing_subscriber::registry().with(StatementCounter);
        tracing::subscriber::set_global_default(subscriber)
            .expect("no other test installs a global subscriber");
    });
}

/// The number of SQL statements a GET of `path` ran, sessions included.
pub async fn for_page(visitor: &Visitor, path: &str) -> usize {
    let request_id = Uuid::new_v4().to_string();
    let response = visitor
        .client
        .get(visitor.url(path))
        .header("x-request-id", &request_id)
        .send()
        .await
        .expect("the app answers");
    assert_eq!(response.status(), reqwest::StatusCode::OK, "GET {path}");
    response.bytes().await.expect("the page arrives whole");
    COUNTS
        .lock()
        .unwrap()
        .get_or_insert_with(HashMap::new)
        .remove(&request_id)
        .unwrap_or(0)
}

/// The `request_id` of a request span, kept in the span's extensions.
struct RequestId(String);

struct StatementCounter;

impl<S> Layer<S> for StatementCounter
where
    S: Subscriber + for<'lookup> LookupSpan<'lookup>,
{
    fn on_new_span(&self, attributes: &Attributes<'_>, id: &Id, context: Context<'_, S>) {
        if attributes.metadata().name() != "request" {
            return;
        }
        let mut visitor = RequestIdVisitor(None);
        attributes.record(&mut visitor);
        if let (Some(request_id), Some(span)) = (visitor.0, context.span(id)) {
            span.extensions_mut().insert(RequestId(request_id));
        }
    }

    fn on_event(&self, event: &Event<'_>, context: Context<'_, S>) {
        if event.metadata().target() != "sqlx::query" {
            return;
        }
        let Some(scope) = context.event_scope(event) else {
            return;
        };
        for span in scope {
            if let Some(RequestId(request_id)) = span.extensions().get::<RequestId>() {
                *COUNTS
                    .lock()
                    .unwrap()
                    .get_or_insert_with(HashMap::new)
                    .entry(request_id.clone())
                    .or_default() += 1;
                return;
            }
        }
    }
}

struct RequestIdVisitor(Option<String>);

impl Visit for RequestIdVisitor {
    fn record_str(&mut self, field: &Field, value: &str) {
        if field.name() == "request_id" {
            self.0 = Some(value.to_owned());
        }
    }

    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        if field.name() == "request_id" {
            self.0 = Some(format!("{value:?}").trim_matches('"').to_owned());
        }
    }
}
