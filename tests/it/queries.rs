//! What the app did for one request: the SQL statements it ran and the
//! errors it logged.
//!
//! One process-wide subscriber, installed before any test serves a request,
//! sees every `sqlx::query` and ERROR event and files it under the
//! `request_id` of the request span it happened in; a test sends its own
//! `x-request-id` (the app keeps an id it is given) and reads its record back. A thread-local
//! subscriber would not do: tracing caches each call site's interest for the
//! whole process, so whether it saw sqlx's events depended on which test
//! touched them first.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use sqlx::PgPool;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id};
use tracing::{Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};
use tracing_subscriber::registry::LookupSpan;
use uuid::Uuid;

use crate::helpers::{Visitor, csrf_token};

/// What requests did so far, by request id.
static RECORDS: Mutex<Option<HashMap<String, Record>>> = Mutex::new(None);

/// What the app did for one request.
#[derive(Debug, Default)]
pub struct Record {
    /// SQL statements run, sessions included.
    pub statements: usize,
    /// ERROR events logged, each as `field=value` pairs.
    pub errors: Vec<String>,
}

fn with_record(request_id: &str, change: impl FnOnce(&mut Record)) {
    let mut records = RECORDS.lock().unwrap();
    change(
        records
            .get_or_insert_with(HashMap::new)
            .entry(request_id.to_owned())
            .or_default(),
    );
}

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

/// A GET's answer, and what the app did for it.
pub struct Traced {
    pub status: reqwest::StatusCode,
    pub content_type: String,
    pub body: String,
    pub record: Record,
}

/// GETs `path` under a request id of its own, and reads back what the app did.
pub async fn get(visitor: &Visitor, path: &str) -> Traced {
    get_with(visitor, path, &[]).await
}

/// The same, sending `headers` too.
pub async fn get_with(visitor: &Visitor, path: &str, headers: &[(&str, &str)]) -> Traced {
    let mut request = visitor.client.get(visitor.url(path));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    traced(request).await
}

/// Posts `fields` to `action` with the CSRF token of `page`'s form (read
/// first, untraced), and reads back what the app did for the post.
pub async fn submit(
    visitor: &Visitor,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
) -> Traced {
    let token = csrf_token(&visitor.page(page).await);
    let mut fields = fields.to_vec();
    fields.push(("csrf", &token));
    traced(visitor.client.post(visitor.url(action)).form(&fields)).await
}

/// Sends `request` under a request id of its own, and reads back what the
/// app did for it.
async fn traced(request: reqwest::RequestBuilder) -> Traced {
    let request_id = Uuid::new_v4().to_string();
    let response = request
        .header("x-request-id", &request_id)
        .send()
        .await
        .expect("the app answers");
    let status = response.status();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    // The request's span has closed once its whole answer has arrived.
    let body = response.text().await.expect("the page arrives whole");
    let record = RECORDS
        .lock()
        .unwrap()
        .get_or_insert_with(HashMap::new)
        .remove(&request_id)
        .unwrap_or_default();
    Traced {
        status,
        content_type,
        body,
        record,
    }
}

/// Commits a transaction that changes nothing: the next request finds the
/// database changed since any it made, and reads again what it keeps while
/// nothing changes (the user, a page's data: `snapshot_cache`). What that
/// request costs is then the same whatever ran before it, here or in the
/// tests beside it on the same cluster.
pub async fn commit_nothing(db: &PgPool) {
    sqlx::query("select pg_current_xact_id()")
        .execute(db)
        .await
        .unwrap();
}

/// The number of SQL statements a GET of `path` ran, sessions included,
/// right after a commit (see [`commit_nothing`]).
pub async fn for_page(db: &PgPool, visitor: &Visitor, path: &str) -> usize {
    commit_nothing(db).await;
    let traced = get(visitor, path).await;
    assert_eq!(traced.status, reqwest::StatusCode::OK, "GET {path}");
    traced.record.statements
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
        let statement = event.metadata().target() == "sqlx::query" && !is_type_lookup(event);
        let error = *event.metadata().level() == Level::ERROR;
        if !statement && !error {
            return;
        }
        let Some(scope) = context.event_scope(event) else {
            return;
        };
        for span in scope {
            if let Some(RequestId(request_id)) = span.extensions().get::<RequestId>() {
                if statement {
                    with_record(request_id, |record| record.statements += 1);
                } else {
                    let mut line = String::new();
                    event.record(&mut |field: &Field, value: &dyn std::fmt::Debug| {
                        line.push_str(&format!("{}={value:?} ", field.name()));
                    });
                    with_record(request_id, |record| record.errors.push(line));
                }
                return;
            }
        }
    }
}

/// Whether `event` is sqlx's own lookup of a named type's oid (such as the
/// item's state, bound as `text`), which it runs once per connection, the
/// first time the type is bound on it: not a statement of the app's, and
/// whether a request runs it depends on which pooled connection it took.
fn is_type_lookup(event: &Event<'_>) -> bool {
    let mut lookup = false;
    event.record(&mut |field: &Field, value: &dyn std::fmt::Debug| {
        if field.name() == "summary" {
            lookup = format!("{value:?}").contains("::regtype::oid");
        }
    });
    lookup
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
