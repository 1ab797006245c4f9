//! The webhook worker: every instance runs one. It takes the deliveries
//! due (`for update skip locked`, kept locked while they are sent, so two
//! instances never send one twice), posts them to their URLs at once —
//! following no redirect, within a short timeout, to admitted addresses only
//! ([`Guard`]) — and records the answers; a failure is tried again later
//! ([`Backoff`]), and a webhook failing [`webhooks::DISABLED_AFTER`] times
//! in a row is disabled, which tells the admins.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use futures_util::future::join_all;
use reqwest::Client;
use reqwest::redirect::Policy;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::db::events;
use crate::db::webhooks::{self, Attempt, Due};
use crate::domain::calendar::Calendar;
use crate::domain::change::{Change, WebhookAccess};
use crate::domain::webhook::{Format, Secret, signature};
use crate::plan_cache::PlanCache;
use crate::web::activity::line::describe;
use crate::webhooks::{WebhookSettings, host_of};

/// The most deliveries one transaction sends, all at once: the
/// transaction lasts one timeout at most.
const BATCH: i64 = 20;
/// How often the queue is looked at.
const POLL: Duration = Duration::from_millis(250);
/// How long a receiver has to answer.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The most of an answer kept for the delivery log.
const EXCERPT: usize = 200;

/// Sends the queued deliveries for as long as the process lives.
pub async fn run(pool: PgPool, plans: PlanCache, settings: WebhookSettings) {
    // rustls through ring, as sqlx and lettre use it; installed once.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = match Client::builder()
        .redirect(Policy::none())
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT)
        .dns_resolver(Arc::new(settings.guard))
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "no HTTP client for webhooks: none will be sent");
            return;
        }
    };
    loop {
        match pass(&pool, &plans, &client, &settings).await {
            Ok(sent) if sent == BATCH as usize => continue,
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "sending webhooks failed; trying again soon"),
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Sends up to [`BATCH`] deliveries due; how many were taken.
async fn pass(
    pool: &PgPool,
    plans: &PlanCache,
    client: &Client,
    settings: &WebhookSettings,
) -> anyhow::Result<usize> {
    let mut tx = pool.begin().await?;
    let due = webhooks::take_due(&mut tx, BATCH).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let calendar = plans.first().await?.plan.calendar();
    let outcomes = join_all(due.iter().map(|delivery| async {
        let started = Instant::now();
        let outcome = send(client, settings, &calendar, delivery).await;
        (outcome, started.elapsed())
    }))
    .await;
    for (delivery, (outcome, took)) in due.iter().zip(&outcomes) {
        let (status, excerpt, ok) = match outcome {
            Ok((status, body)) => (Some(*status), body.as_str(), (200..300).contains(status)),
            Err(error) => (None, error.as_str(), false),
        };
        let attempt = Attempt {
            status,
            duration_ms: i32::try_from(took.as_millis()).unwrap_or(i32::MAX),
            excerpt,
        };
        if ok {
            webhooks::delivered(&mut tx, delivery, &attempt).await?;
            continue;
        }
        let wait = settings
            .retry
            .after(u32::try_from(delivery.attempts).unwrap_or(0) + 1);
        let (failures, disabled) = webhooks::failed(&mut tx, delivery, &attempt, wait).await?;
        if disabled {
            tracing::warn!(webhook = %delivery.webhook_id, failures, "a webhook failing again and again is disabled");
            let host = host_of(&delivery.url);
            let change = Change::WebhookAccessChanged {
                webhook: delivery.webhook_id,
                before: WebhookAccess {
                    host: host.clone(),
                    disabled: false,
                    failures: failures - 1,
                },
                after: WebhookAccess {
                    host,
                    disabled: true,
                    failures,
                },
            };
            events::record(&mut tx, None, None, &change).await?;
        }
    }
    tx.commit().await?;
    Ok(due.len())
}

/// Posts `delivery`: its answer's status and the start of its body, or why
/// there was none.
async fn send(
    client: &Client,
    settings: &WebhookSettings,
    calendar: &Calendar,
    delivery: &Due,
) -> Result<(u16, String), String> {
    let url = reqwest::Url::parse(&delivery.url).map_err(|error| error.to_string())?;
    // An address written in the URL is not resolved: checked here.
    if let Some(host) = url.host_str()
        && let Ok(address) = host.trim_matches(['[', ']']).parse()
        && !settings.guard.admits(address)
    {
        return Err(format!("{host} is a private or special address"));
    }
    let body = serde_json::to_vec(&body(settings, calendar, delivery))
        .map_err(|error| error.to_string())?;
    let secret = Secret::parse(&delivery.secret).map_err(|error| format!("{error:?} secret"))?;
    // One id for every attempt, so that a receiver can tell a retry.
    let id = format!("msg_{}", delivery.id);
    let timestamp = Utc::now().timestamp();
    let answer = client
        .post(url)
        .header("content-type", "application/json")
        .header("webhook-id", &id)
        .header("webhook-timestamp", timestamp.to_string())
        .header(
            "webhook-signature",
            signature(&secret, &id, timestamp, &body),
        )
        .body(body)
        .send()
        .await
        .map_err(|error| with_causes(&error))?;
    let status = answer.status().as_u16();
    let text = answer.text().await.unwrap_or_default();
    Ok((status, text.chars().take(EXCERPT).collect()))
}

/// `error` and what caused it, for the delivery log: reqwest's own words
/// ("error sending request") do not say that the guard refused an address.
fn with_causes(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(source) = cause {
        text.push_str(": ");
        text.push_str(&source.to_string());
        cause = source.source();
    }
    text
}

/// What `delivery` posts: for a chat, the activity feed's sentence in the
/// webhook's language and a link to what changed; otherwise the change as
/// stored, with that sentence and link.
fn body(settings: &WebhookSettings, calendar: &Calendar, delivery: &Due) -> Value {
    let line = describe(delivery.lang, calendar, &delivery.event);
    let link = line
        .href
        .as_deref()
        .map(|href| settings.public_url.link(href));
    match Format::parse(&delivery.format) {
        Some(Format::Chat) => {
            let text = match &link {
                Some(link) => format!("{} — {link}", line.text),
                None => line.text,
            };
            json!({ "text": text })
        }
        Some(Format::Standard) | None => json!({
            "type": delivery.kind,
            "timestamp": delivery.event.created_at,
            "data": {
                "event_id": delivery.event.id,
                "subject_type": delivery.subject_type,
                "subject_id": delivery.subject_id,
                "before": delivery.before,
                "after": delivery.after,
                "summary": line.text,
                "url": link,
            },
        }),
    }
}
