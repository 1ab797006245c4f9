//! The mail worker: every instance with SMTP settings runs one. It takes
//! the e-mails due (`for update skip locked`, kept locked while they are
//! sent, so two instances never send one twice), sends them, and marks
//! each sent or to be tried again later ([`Backoff`]) in the same
//! transaction: a mail server that is down delays the e-mails, and they all
//! go once it is back.

use std::sync::Arc;
use std::time::Duration;

use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use sqlx::PgPool;

use crate::db::deliveries;
use crate::mail::{MailSettings, message};
use crate::plan_cache::PlanCache;

/// The most e-mails one transaction sends.
const BATCH: i64 = 20;
/// How often the queue is looked at for e-mails due.
const POLL: Duration = Duration::from_millis(250);

/// Sends the queued e-mails for as long as the process lives.
pub async fn run(pool: PgPool, plans: PlanCache, settings: Arc<MailSettings>) {
    let transport = match settings.transport() {
        Ok(transport) => transport,
        Err(error) => {
            tracing::error!(%error, "the SMTP settings cannot be used: no e-mail will be sent");
            return;
        }
    };
    loop {
        match pass(&pool, &plans, &settings, &transport).await {
            Ok(sent) if sent == BATCH as usize => continue,
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "sending e-mails failed; trying again soon"),
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Sends up to [`BATCH`] e-mails due; how many were taken.
async fn pass(
    pool: &PgPool,
    plans: &PlanCache,
    settings: &MailSettings,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
) -> anyhow::Result<usize> {
    let mut tx = pool.begin().await?;
    let due = deliveries::take_due(&mut tx, BATCH).await?;
    if due.is_empty() {
        return Ok(0);
    }
    let calendar = plans.get().await?.plan.calendar();
    for email in &due {
        let failures = u32::try_from(email.attempts).unwrap_or(0) + 1;
        let outcome = match message::notification(settings, &calendar, email) {
            Ok(message) => transport
                .send(message)
                .await
                .map(drop)
                .map_err(|error| error.to_string()),
            Err(error) => Err(error.to_string()),
        };
        match outcome {
            Ok(()) => deliveries::sent(&mut tx, email.id).await?,
            Err(error) => {
                tracing::warn!(delivery = email.id, failures, %error, "an e-mail could not be sent");
                deliveries::failed(&mut tx, email.id, settings.retry.after(failures), &error)
                    .await?;
            }
        }
    }
    tx.commit().await?;
    Ok(due.len())
}
