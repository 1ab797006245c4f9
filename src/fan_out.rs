//! The fan-out worker: turns the recorded changes queued in the outbox into
//! the notifications they call for (`domain::notification`). Every instance
//! runs one; a change is taken by one of them only (`for update skip
//! locked`), its notifications written and the change taken off the queue
//! in one transaction, so a change is neither lost nor fanned out twice,
//! whichever instance stops when.

use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;
use tokio::sync::broadcast::{self, error::RecvError};
use uuid::Uuid;

use crate::db::{deliveries, notifications, webhooks};
use crate::domain::notification::notices;
use crate::live::LiveChange;

/// The most changes one transaction fans out.
const BATCH: i64 = 200;
/// How long a change heard may wait for those right behind it, so that a
/// burst is fanned out in one pass rather than one pass each.
const GATHER: Duration = Duration::from_millis(50);
/// How often the queue is looked at without a change heard: changes that
/// another instance held, or made while this one was not yet listening.
const RECHECK: Duration = Duration::from_secs(1);

/// Fans out queued changes until the instance's hub stops, waking when it
/// hears one; queues e-mails when the server sends them (`mail`).
pub async fn run(pool: PgPool, mut heard: broadcast::Receiver<Arc<LiveChange>>, mail: bool) {
    loop {
        loop {
            match pass(&pool, mail).await {
                Ok(taken) if taken == BATCH as usize => {}
                Ok(_) => break,
                Err(error) => {
                    tracing::warn!(%error, "fanning out changes failed; trying again soon");
                    break;
                }
            }
        }
        match tokio::time::timeout(RECHECK, heard.recv()).await {
            Ok(Err(RecvError::Closed)) => return,
            Ok(_) => {
                tokio::time::sleep(GATHER).await;
                heard = heard.resubscribe();
            }
            Err(_) => {}
        }
    }
}

/// Fans out up to [`BATCH`] queued changes in one transaction, with the
/// e-mails they call for when `mail`; how many.
pub async fn pass(pool: &PgPool, mail: bool) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    let queued = notifications::take_queued(&mut tx, BATCH).await?;
    if queued.is_empty() {
        return Ok(0);
    }
    let mut told_of = Vec::new();
    for change in &queued {
        match &change.change {
            Ok(read) => told_of.extend(notices(read).into_iter().map(|notice| (change, notice))),
            // Logged and dropped: a newer version's change tells no one here.
            Err(error) => {
                tracing::error!(event = change.event_id, %error, "a queued change cannot be read");
            }
        }
    }
    let told = notifications::notify(&mut tx, &told_of).await?;
    let readable: Vec<(i64, &str)> = queued
        .iter()
        .filter_map(|change| {
            Some((
                change.event_id,
                change.change.as_ref().ok()?.kind().as_str(),
            ))
        })
        .collect();
    webhooks::queue(&mut tx, &readable).await?;
    let ids: Vec<i64> = queued.iter().map(|change| change.event_id).collect();
    notifications::dequeue(&mut tx, &ids).await?;
    if mail {
        let ids: Vec<i64> = told.iter().map(|told| told.id).collect();
        deliveries::queue(&mut tx, &ids).await?;
    }
    let mut users: Vec<Uuid> = told.iter().map(|told| told.user_id).collect();
    users.sort_unstable();
    users.dedup();
    notifications::announce(&mut tx, &users).await?;
    tx.commit().await?;
    Ok(queued.len())
}
