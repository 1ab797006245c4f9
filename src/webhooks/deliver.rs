//! The webhook worker: every instance runs one. It takes the deliveries
//! due (`for update skip locked`, kept locked while they are sent, so two
//! instances never send one twice), posts each to its URL — following no
//! redirect, within a short timeout, to admitted addresses only ([`Guard`])
//! — and records the answer; a failure is tried again later ([`Backoff`]),
//! and a webhook failing [`webhooks::DISABLED_AFTER`] times in a row is
//! disabled.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use reqwest::Client;
use reqwest::redirect::Policy;
use serde_json::json;
use sqlx::PgPool;

use crate::db::webhooks::{self, Attempt, Due};
use crate::domain::webhook::{Secret, signature};
use crate::mail::Backoff;
use crate::webhooks::{Guard, WebhookSettings};

/// The most deliveries one transaction sends.
const BATCH: i64 = 20;
/// How often the queue is looked at.
const POLL: Duration = Duration::from_millis(250);
/// How long a receiver has to answer.
const TIMEOUT: Duration = Duration::from_secs(10);
/// The most of an answer kept for the delivery log.
const EXCERPT: usize = 200;

/// Sends the queued deliveries for as long as the process lives.
pub async fn run(pool: PgPool, settings: WebhookSettings) {
    let WebhookSettings { guard, retry } = settings;
    // rustls through ring, as sqlx and lettre use it; installed once.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = match Client::builder()
        .redirect(Policy::none())
        .timeout(TIMEOUT)
        .connect_timeout(TIMEOUT)
        .dns_resolver(Arc::new(guard))
        .build()
    {
        Ok(client) => client,
        Err(error) => {
            tracing::error!(%error, "no HTTP client for webhooks: none will be sent");
            return;
        }
    };
    loop {
        match pass(&pool, &client, guard, retry).await {
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
    client: &Client,
    guard: Guard,
    retry: Backoff,
) -> anyhow::Result<usize> {
    let mut tx = pool.begin().await?;
    let due = webhooks::take_due(&mut tx, BATCH).await?;
    for delivery in &due {
        let started = Instant::now();
        let outcome = send(client, guard, delivery).await;
        let duration_ms = i32::try_from(started.elapsed().as_millis()).unwrap_or(i32::MAX);
        let (status, excerpt, ok) = match &outcome {
            Ok((status, body)) => (Some(*status), body.as_str(), (200..300).contains(status)),
            Err(error) => (None, error.as_str(), false),
        };
        let attempt = Attempt {
            status,
            duration_ms,
            excerpt,
        };
        if ok {
            webhooks::delivered(&mut tx, delivery, &attempt).await?;
            continue;
        }
        let failures = u32::try_from(delivery.attempts).unwrap_or(0) + 1;
        let wait = retry.after(failures);
        if webhooks::failed(&mut tx, delivery, &attempt, wait).await? {
            tracing::warn!(webhook = %delivery.webhook_id, "a webhook failing again and again is disabled");
        }
    }
    tx.commit().await?;
    Ok(due.len())
}

/// Posts `delivery`: its answer's status and the start of its body, or why
/// there was none.
async fn send(client: &Client, guard: Guard, delivery: &Due) -> Result<(u16, String), String> {
    let url = reqwest::Url::parse(&delivery.url).map_err(|error| error.to_string())?;
    // An address written in the URL is not resolved: checked here.
    if let Some(host) = url.host_str()
        && let Ok(address) = host.trim_matches(['[', ']']).parse()
        && !guard.admits(address)
    {
        return Err(format!("{host} is a private or special address"));
    }
    let body = match delivery.format.as_str() {
        "chat" => json!({ "text": format!("Launch Control: {}", delivery.kind) }),
        _ => json!({
            "type": delivery.kind,
            "timestamp": delivery.created_at,
            "data": {
                "event_id": delivery.event_id,
                "subject_type": delivery.subject_type,
                "subject_id": delivery.subject_id,
                "before": delivery.before,
                "after": delivery.after,
            },
        }),
    };
    let body = serde_json::to_vec(&body).map_err(|error| error.to_string())?;
    let secret = Secret::parse(&delivery.secret).map_err(|error| format!("{error:?} secret"))?;
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
        .map_err(|error| error.to_string())?;
    let status = answer.status().as_u16();
    let text = answer.text().await.unwrap_or_default();
    Ok((status, text.chars().take(EXCERPT).collect()))
}
