//! Emptying the trash of what has been there longer than
//! [`RETENTION_DAYS`](crate::domain::trash::RETENTION_DAYS): every hour, from a
//! background task each instance runs. Each purge takes only the rows no
//! other instance holds, so two instances never purge (nor record) one twice.

use std::time::Duration;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

use crate::db::{events, trash};
use crate::domain::change::Change;

/// How often the trash is emptied.
const EVERY: Duration = Duration::from_secs(3600);

/// Purges the trash at start-up, then every hour. A failed run (the database
/// away) is tried again at the next tick.
pub async fn purge_every_hour(pool: PgPool) {
    let mut ticks = tokio::time::interval(EVERY);
    loop {
        ticks.tick().await;
        match purge_expired(&pool, Utc::now()).await {
            Ok(0) => {}
            Ok(count) => tracing::info!(count, "removed from the trash for good"),
            Err(error) => {
                tracing::warn!(%error, "cannot empty the trash; trying again in an hour");
            }
        }
    }
}

/// Removes for good what went to the trash before the retention allows at
/// `now`, each with its `ItemPurged` / `CommunicationPurged` event (no
/// actor) in the same transaction; how many were removed.
pub async fn purge_expired(pool: &PgPool, now: DateTime<Utc>) -> sqlx::Result<usize> {
    let mut tx = pool.begin().await?;
    let items = trash::purge_items(&mut tx, now).await?;
    let actions = trash::purge_actions(&mut tx, now).await?;
    let count = items.len() + actions.len();
    for purged in items {
        let change = Change::ItemPurged {
            item: purged.id,
            before: purged.fields,
        };
        events::record(&mut tx, Some(purged.plan_id), None, &change).await?;
    }
    for purged in actions {
        let change = Change::CommunicationPurged {
            action: purged.id,
            before: purged.fields,
        };
        events::record(&mut tx, Some(purged.plan_id), None, &change).await?;
    }
    tx.commit().await?;
    Ok(count)
}
