//! The mail worker: every instance with SMTP settings runs one. It takes
//! the e-mails due (`for update skip locked`, kept locked while they are
//! sent, so two instances never send one twice), sends them, and marks
//! each sent or to be tried again later ([`Backoff`]) in the same
//! transaction: a mail server that is down delays the e-mails, and they all
//! go once it is back.

use std::sync::Arc;
use std::time::Duration;

use chrono::Utc;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::{PgConnection, PgPool};

use crate::auth::tokens::{self, Purpose};
use crate::db::deliveries;
use crate::mail::MailSettings;
use crate::mail::message::{self, Unwritable};
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
    let links = deliveries::take_due_links(&mut tx, BATCH).await?;
    if due.is_empty() && links.is_empty() {
        return Ok(0);
    }
    if !due.is_empty() {
        let calendar = plans.get().await?.plan.calendar();
        for email in &due {
            let message = message::notification(settings, &calendar, email);
            send(
                &mut tx,
                settings,
                transport,
                email.id,
                email.attempts,
                message,
            )
            .await?;
        }
    }
    for email in &links {
        // The secret is made as it is sent, and only the latest one works.
        tokens::revoke_for_user(&mut tx, Purpose::PasswordReset, email.user_id).await?;
        let expires_at = Utc::now() + email.link.lifetime();
        let secret = tokens::issue(
            &mut tx,
            Purpose::PasswordReset,
            Some(email.user_id),
            email.requested_by,
            expires_at,
        )
        .await?;
        let message = message::account_link(settings, email, &format!("/reset?token={secret}"));
        send(
            &mut tx,
            settings,
            transport,
            email.id,
            email.attempts,
            message,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(due.len().max(links.len()))
}

/// Sends `message` (if it could be written) as delivery `id`, after
/// `attempts` failed ones, and notes the outcome in `tx`.
async fn send(
    tx: &mut PgConnection,
    settings: &MailSettings,
    transport: &AsyncSmtpTransport<Tokio1Executor>,
    id: i64,
    attempts: i32,
    message: Result<Message, Unwritable>,
) -> sqlx::Result<()> {
    let outcome = match message {
        Ok(message) => transport
            .send(message)
            .await
            .map(drop)
            .map_err(|error| error.to_string()),
        Err(error) => Err(error.to_string()),
    };
    match outcome {
        Ok(()) => deliveries::sent(tx, id).await,
        Err(error) => {
            let failures = u32::try_from(attempts).unwrap_or(0) + 1;
            tracing::warn!(delivery = id, failures, %error, "an e-mail could not be sent");
            deliveries::failed(tx, id, settings.retry.after(failures), &error).await
        }
    }
}
