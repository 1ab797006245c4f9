//! The mail worker: every instance with SMTP settings runs one. It takes
//! the e-mails due (`for update skip locked`, kept locked while they are
//! sent, so two instances never send one twice), sends them, and marks
//! each sent or to be tried again later ([`Backoff`]) in the same
//! transaction: a mail server that is down delays the e-mails, and they all
//! go once it is back.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use sqlx::{PgConnection, PgPool};
use tokio::sync::broadcast::{self, error::TryRecvError};
use uuid::Uuid;

use crate::auth::tokens::{self, Purpose};
use crate::db::deliveries::{self, DueDigest};
use crate::db::items::Item;
use crate::db::work::{self, WorkFilter};
use crate::domain::change::ChangeKind;
use crate::live::LiveChange;
use crate::mail::MailSettings;
use crate::mail::message::{self, DigestContent, Unwritable};
use crate::plan_cache::PlanCache;

/// The most e-mails one transaction sends.
const BATCH: i64 = 20;
/// How often the queue is looked at for e-mails due.
const POLL: Duration = Duration::from_millis(250);
/// How often the day's digests are looked for without a choice heard.
const DIGEST_RECHECK: Duration = Duration::from_secs(60);

/// Sends the queued e-mails for as long as the process lives; `heard`, the
/// changes this instance hears, says when someone chose the digest.
pub async fn run(
    pool: PgPool,
    plans: PlanCache,
    settings: Arc<MailSettings>,
    mut heard: broadcast::Receiver<Arc<LiveChange>>,
) {
    let mailer = match settings.transport() {
        Ok(transport) => Mailer {
            settings: settings.clone(),
            transport,
        },
        Err(error) => {
            tracing::error!(%error, "the SMTP settings cannot be used: no e-mail will be sent");
            return;
        }
    };
    let mut checked: Option<Instant> = None;
    loop {
        let chosen = chose_digest(&mut heard);
        if chosen || checked.is_none_or(|at| at.elapsed() >= DIGEST_RECHECK) {
            match queue_digests(&pool, &plans, &settings).await {
                Ok(()) => checked = Some(Instant::now()),
                Err(error) => {
                    tracing::warn!(%error, "queueing the digests failed; trying again soon")
                }
            }
        }
        match pass(&pool, &plans, &mailer).await {
            Ok(sent) if sent == BATCH as usize => continue,
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "sending e-mails failed; trying again soon"),
        }
        tokio::time::sleep(POLL).await;
    }
}

/// Whether someone chose (or stopped) the digest for a kind among the
/// changes heard since the last look; a lost count of them may hide one.
fn chose_digest(heard: &mut broadcast::Receiver<Arc<LiveChange>>) -> bool {
    let mut chosen = false;
    loop {
        match heard.try_recv() {
            Ok(event) => chosen |= event.kind == ChangeKind::NotificationsChosen.as_str(),
            Err(TryRecvError::Lagged(_)) => chosen = true,
            Err(TryRecvError::Empty | TryRecvError::Closed) => return chosen,
        }
    }
}

/// Queues today's digests once the digest time has come in the plan's time
/// zone, for whoever keeps a kind for it: looked at every minute and when
/// someone chooses it (so that a choice made after the hour still brings
/// today's), and queued once a user and day whatever the number of
/// instances and looks.
async fn queue_digests(
    pool: &PgPool,
    plans: &PlanCache,
    settings: &MailSettings,
) -> anyhow::Result<()> {
    let calendar = plans.first().await?.plan.calendar();
    let now = Utc::now().with_timezone(&calendar.time_zone);
    if now.time() < settings.digest_at {
        return Ok(());
    }
    deliveries::queue_digests(&mut *pool.acquire().await?, now.date_naive()).await?;
    Ok(())
}

/// The SMTP settings and the transport they make.
struct Mailer {
    settings: Arc<MailSettings>,
    transport: AsyncSmtpTransport<Tokio1Executor>,
}

impl Mailer {
    /// Sends `message` (if it could be written) as delivery `id`, after
    /// `attempts` failed ones, and notes the outcome in `tx`.
    async fn send(
        &self,
        tx: &mut PgConnection,
        id: i64,
        attempts: i32,
        message: Result<Message, Unwritable>,
    ) -> sqlx::Result<()> {
        let outcome = match message {
            Ok(message) => self
                .transport
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
                let wait = self.settings.retry.after(failures);
                deliveries::failed(tx, id, wait, &error).await
            }
        }
    }
}

/// Sends up to [`BATCH`] e-mails due; how many were taken.
async fn pass(pool: &PgPool, plans: &PlanCache, mailer: &Mailer) -> anyhow::Result<usize> {
    let settings = &*mailer.settings;
    let mut tx = pool.begin().await?;
    let due = deliveries::take_due(&mut tx, BATCH).await?;
    let links = deliveries::take_due_links(&mut tx, BATCH).await?;
    let digests = deliveries::take_due_digests(&mut tx, BATCH).await?;
    if due.is_empty() && links.is_empty() && digests.is_empty() {
        return Ok(0);
    }
    let plan = plans.first().await?.plan.clone();
    let calendar = plan.calendar();
    for email in &due {
        let message = message::notification(settings, &calendar, email);
        mailer
            .send(&mut tx, email.id, email.attempts, message)
            .await?;
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
        mailer
            .send(&mut tx, email.id, email.attempts, message)
            .await?;
    }
    for digest in &digests {
        let today = i32::try_from(calendar.day_of(digest.day)).unwrap_or(i32::MAX);
        let (mine, team) = digest_items(pool, plan.id, today, digest).await?;
        let changes = deliveries::digest_changes(&mut tx, digest.user_id, Utc::now()).await?;
        let content = DigestContent {
            mine: &mine,
            team: &team,
            changes: &changes,
        };
        let message = message::digest(settings, &calendar, digest, &content);
        mailer
            .send(&mut tx, digest.id, digest.attempts, message)
            .await?;
    }
    tx.commit().await?;
    Ok(due.len().max(links.len()).max(digests.len()))
}

/// The open items of `digest`'s reader, and the other open items of their
/// team, on plan day `today`.
async fn digest_items(
    pool: &PgPool,
    plan_id: Uuid,
    today: i32,
    digest: &DueDigest,
) -> sqlx::Result<(Vec<Item>, Vec<Item>)> {
    let mine = WorkFilter {
        assignee_id: Some(digest.user_id),
        open: true,
        ..WorkFilter::default()
    };
    let mine = work::list(pool, plan_id, today, &mine).await?;
    let Some(team_id) = digest.team_id else {
        return Ok((mine, Vec::new()));
    };
    let team = WorkFilter {
        team_id: Some(team_id),
        open: true,
        ..WorkFilter::default()
    };
    let team = work::list(pool, plan_id, today, &team)
        .await?
        .into_iter()
        .filter(|item| item.assignee_id != Some(digest.user_id))
        .collect();
    Ok((mine, team))
}
