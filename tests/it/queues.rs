//! The queues' takes (the fan-out's, the e-mails', the webhooks') read what
//! is queued, whatever the size of the history beside it: each test leaves
//! twenty thousand rows done and one waiting, with statistics taken while
//! they all waited, as a busy moment leaves them, and counts the pages the
//! take reads. So do the webhooks' list and log, beside the deliveries they had.

use launch_control::db::{deliveries, notifications, webhooks};
use sqlx::postgres::PgPoolOptions;
use sqlx::{PgConnection, PgPool};

/// Rows of history in each test.
const HISTORY: i64 = 20_000;
/// The most pages a take may read to find its one waiting row.
const FEW_PAGES: i64 = 3;

/// A database without an app (so no worker takes anything), whose activity
/// holds [`HISTORY`] changes.
async fn with_history() -> PgPool {
    let (_, options) = crate::helpers::fresh_database().await;
    let db = PgPoolOptions::new()
        .max_connections(1)
        .connect_with(options)
        .await
        .unwrap();
    run(
        &db,
        "insert into activity_events (kind, subject_type, subject_id)
         select 'item.state_changed', 'item', gen_random_uuid() from generate_series(1, $1)",
    )
    .await;
    db
}

async fn run(db: &PgPool, sql: &str) {
    sqlx::query(sql).bind(HISTORY).execute(db).await.unwrap();
}

/// The pages of `table` read so far by the connection's backend, reported
/// or not: what a statement reads is the difference around it.
async fn pages_read(conn: &mut PgConnection, table: &str) -> i64 {
    sqlx::query_scalar("select pg_stat_get_xact_blocks_fetched($1::regclass)")
        .bind(table)
        .fetch_one(conn)
        .await
        .unwrap()
}

/// Leaves one row of `table` waiting: its statistics are taken while all
/// wait, then `finish` marks the others done and, as autovacuum would,
/// their dead versions go while the statistics stay.
async fn leave_one_waiting(db: &PgPool, table: &str, finish: &str) {
    run(db, &format!("analyze {table}")).await;
    run(db, finish).await;
    run(db, &format!("vacuum {table}")).await;
}

/// That a take found its one waiting `row` in [`FEW_PAGES`].
fn assert_found_alone((taken, read): (usize, i64), row: &str) {
    assert_eq!(taken, 1, "the one {row} waiting");
    assert!(
        read <= FEW_PAGES,
        "the {row} waiting found by an index of those waiting, not among the done: {read} pages read"
    );
}

/// How many rows `take` took, in a transaction of its own rolled back
/// after, and the pages of `table` it read.
async fn take_counting_pages<T>(
    db: &PgPool,
    table: &str,
    take: impl AsyncFnOnce(&mut PgConnection) -> sqlx::Result<Vec<T>>,
) -> (usize, i64) {
    let mut tx = db.begin().await.unwrap();
    let before = pages_read(&mut tx, table).await;
    let taken = take(&mut tx).await.unwrap().len();
    let read = pages_read(&mut tx, table).await - before;
    tx.rollback().await.unwrap();
    (taken, read)
}

#[tokio::test]
async fn the_fan_out_reads_the_queued_changes_only() {
    let db = with_history().await;
    run(&db, "analyze outbox").await;
    run(
        &db,
        "delete from outbox where event_id <> (select max(id) from activity_events)",
    )
    .await;

    let (taken, read) = take_counting_pages(&db, "activity_events", async |conn| {
        notifications::take_queued(conn, 200).await
    })
    .await;

    assert_eq!(taken, 1, "the one change still queued");
    assert!(
        read <= FEW_PAGES,
        "the queued change read by its id, not the activity scanned: {read} pages read"
    );
    db.close().await;
}

#[tokio::test]
async fn the_webhooks_read_the_deliveries_due_only() {
    let db = with_history().await;
    run(
        &db,
        "insert into webhooks (url, secret) values ('https://hooks.example.org/in', 'secret')",
    )
    .await;
    run(
        &db,
        "insert into webhook_deliveries (webhook_id, event_id)
         select (select id from webhooks), id from activity_events",
    )
    .await;
    leave_one_waiting(
        &db,
        "webhook_deliveries",
        "update webhook_deliveries set delivered_at = now()
         where event_id <> (select max(id) from activity_events)",
    )
    .await;

    let took = take_counting_pages(&db, "webhook_deliveries", async |conn| {
        webhooks::take_due(conn, 20).await
    })
    .await;

    assert_found_alone(took, "webhook delivery");
    db.close().await;
}

#[tokio::test]
async fn the_e_mails_read_the_deliveries_due_only() {
    let db = with_history().await;
    run(
        &db,
        "insert into users (email, display_name, password_hash, role)
         values ('reader@example.org', 'Reader', 'unused', 'member')",
    )
    .await;
    run(
        &db,
        "insert into notifications (user_id, kind, event_id)
         select (select id from users where email = 'reader@example.org'), 'blocked', id
         from activity_events",
    )
    .await;
    run(
        &db,
        "insert into deliveries (notification_id) select id from notifications",
    )
    .await;
    leave_one_waiting(
        &db,
        "deliveries",
        "update deliveries set sent_at = now()
         where notification_id <> (select max(id) from notifications)",
    )
    .await;

    let took = take_counting_pages(&db, "deliveries", async |conn| {
        deliveries::take_due(conn, 20).await
    })
    .await;

    assert_found_alone(took, "e-mail");
    db.close().await;
}

/// Two webhooks, `a` and `b` (named in their addresses), with the changes
/// `sent` chooses delivered (a condition on `w.url`, the webhook, and `e.id`,
/// the change, as the `n`th of [`HISTORY`]), at a second apart; then the
/// statistics and the vacuum of a busy moment. Their ids, `a` first.
async fn delivered_to_two_webhooks(db: &PgPool, sent: &str) -> Vec<uuid::Uuid> {
    run(
        db,
        "insert into webhooks (url, secret) values
             ('https://a.example.org/in', 'secret'), ('https://b.example.org/in', 'secret')",
    )
    .await;
    run(
        db,
        &format!(
            "insert into webhook_deliveries (webhook_id, event_id, delivered_at)
             select w.id, e.id, now() - make_interval(secs => $1 - e.id)
             from activity_events e join webhooks w on {sent}
             order by e.id"
        ),
    )
    .await;
    run(db, "analyze webhook_deliveries").await;
    run(db, "vacuum webhook_deliveries").await;
    sqlx::query_scalar("select id from webhooks order by url")
        .fetch_all(db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_webhooks_list_reads_when_each_was_last_delivered_off_an_index() {
    let db = with_history().await;
    // `b` got every change, `a` a change in a thousand.
    delivered_to_two_webhooks(&db, "w.url like '%//b.%' or e.id % 1000 = 0").await;

    let (listed, read) = take_counting_pages(&db, "webhook_deliveries", async |conn| {
        webhooks::list(conn).await
    })
    .await;

    assert_eq!(listed, 2);
    assert!(
        read <= FEW_PAGES,
        "when each was last delivered, read off an index, not from every delivery: {read} pages read"
    );
    db.close().await;
}

#[tokio::test]
async fn a_webhooks_log_reads_its_latest_deliveries_only() {
    let db = with_history().await;
    // `a` got the first half of the changes, `b` the second half: every
    // delivery of `a` is behind those of `b`.
    let hooks = delivered_to_two_webhooks(&db, "(w.url like '%//a.%') = (e.id <= $1 / 2)").await;

    for hook in hooks {
        let (logged, read) = take_counting_pages(&db, "webhook_deliveries", async |conn| {
            webhooks::deliveries(conn, hook, 20).await
        })
        .await;
        assert_eq!(logged, 20);
        assert!(
            read <= FEW_PAGES,
            "a webhook's latest deliveries found by its own index, not behind the other's: {read} pages read"
        );
    }
    db.close().await;
}
