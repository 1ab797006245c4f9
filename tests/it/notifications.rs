//! The inbox (issue 18): what a change tells whom, fanned out from the
//! queue every recorded change joins in its own transaction, read and
//! marked read.

use std::time::{Duration, Instant};

use launch_control::db::{notifications, sessions};
use launch_control::domain::notification::UNREAD_COUNTED;
use launch_control::domain::role::Role;
use launch_control::fan_out;
use reqwest::StatusCode;
use uuid::Uuid;

use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::comments::comment;
use crate::helpers::{
    PASSWORD, TestApp, Visitor, assert_redirects_to, first_item_of_first_phase, fresh_database,
    texts,
};

/// How long a change may take to reach an open stream here.
const WAIT: Duration = Duration::from_secs(10);

/// The first item of phase 2.1 (DevOps) and its version.
async fn devops_item(app: &TestApp) -> (Uuid, i32) {
    sqlx::query_as(
        "select i.id, i.version from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// The unread count the header shows `visitor` (none: no badge).
async fn header_count(visitor: &Visitor) -> Vec<String> {
    texts(
        &visitor.page("/notifications").await,
        "header .inbox .count:not([hidden])",
    )
}

/// The inbox's lines once it holds `count` of them: the fan-out runs beside
/// the request that made the change, within moments.
async fn inbox_of(visitor: &Visitor, count: usize) -> Vec<String> {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let lines = texts(&visitor.page("/notifications").await, "ol.inbox li .badge");
        if lines.len() >= count || Instant::now() > deadline {
            return lines;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn signed_in(app: &TestApp, email: &str) -> Visitor {
    let visitor = app.visitor();
    assert_redirects_to(&visitor.login(email, PASSWORD).await, "/");
    visitor
}

#[tokio::test]
async fn a_mention_and_an_assignment_reach_the_inbox_and_reading_clears_the_count() {
    let app = TestApp::spawn().await;
    let alice = app
        .create_user_in(
            "alice.martin@example.org",
            "Alice Martin",
            Role::Member,
            Some("devops"),
        )
        .await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, version) = devops_item(&app).await;
    let page = format!("/items/{item}");
    let commented = comment(
        &lead,
        &page,
        "item",
        item,
        "@alice.martin, le contrat Azure est signé ?",
    )
    .await;
    assert_eq!(commented.status(), StatusCode::SEE_OTHER);
    let title: String = sqlx::query_scalar("select title from checklist_items where id = $1")
        .bind(item)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let assigned = lead
        .submit(
            &page,
            &page,
            &[
                ("title", title.as_str()),
                ("due_day", "3"),
                ("assignee", &alice.to_string()),
                ("version", &version.to_string()),
            ],
        )
        .await;
    assert_redirects_to(&assigned, &page);

    let alice_visitor = signed_in(&app, "alice.martin@example.org").await;
    let reasons = inbox_of(&alice_visitor, 2).await;
    assert_eq!(reasons, ["Vous est confié", "Mention"], "newest first");
    assert_eq!(header_count(&alice_visitor).await, ["2 non lues"]);
    let inbox = alice_visitor.page("/notifications").await;
    assert_eq!(
        texts(&inbox, "ol.inbox li.unread a[href]").len(),
        2,
        "each links to what changed"
    );
    assert!(
        texts(&lead.page("/notifications").await, "ol.inbox li").is_empty(),
        "the author of a change is not told of it"
    );

    let first: i64 =
        sqlx::query_scalar("select id from notifications where user_id = $1 and kind = 'mention'")
            .bind(alice)
            .fetch_one(&app.db)
            .await
            .unwrap();
    let read = alice_visitor
        .submit(
            "/notifications",
            &format!("/notifications/{first}/read"),
            &[],
        )
        .await;
    assert_redirects_to(&read, "/notifications");
    assert_eq!(header_count(&alice_visitor).await, ["1 non lues"]);
    let all = alice_visitor
        .submit("/notifications", "/notifications/read", &[])
        .await;
    assert_redirects_to(&all, "/notifications");
    assert!(
        header_count(&alice_visitor).await.is_empty(),
        "no badge once all is read"
    );
    assert_eq!(
        app.count("activity_events", "kind = 'user.notifications_read'")
            .await,
        2,
        "each marking is an event"
    );
}

#[tokio::test]
async fn nobody_marks_anothers_notification_read() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let member = app
        .create_user_in("membre@example.org", "Membre", Role::Member, Some("devops"))
        .await;
    block_devops_item(&app, &lead).await;
    let member_visitor = signed_in(&app, "membre@example.org").await;
    assert_eq!(
        inbox_of(&member_visitor, 1).await,
        ["Bloqué dans votre équipe"]
    );
    let id: i64 = sqlx::query_scalar("select id from notifications where user_id = $1")
        .bind(member)
        .fetch_one(&app.db)
        .await
        .unwrap();

    let refused = lead
        .submit("/notifications", &format!("/notifications/{id}/read"), &[])
        .await;

    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("notifications", "read_at is null").await, 1);
    let unknown = lead
        .submit("/notifications", "/notifications/nine/read", &[])
        .await;
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
}

/// `lead` blocks the first DevOps item, as seeded, through its phase's form.
async fn block_devops_item(app: &TestApp, lead: &Visitor) {
    let (item, phase) = first_item_of_first_phase(app).await;
    let blocked = lead
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[
                ("state", "blocked"),
                ("reason", "Contrat Azure non signé"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(blocked.status(), StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn two_instances_fan_out_each_change_once_and_empty_the_queue() {
    // A database without an app: no worker but the two below.
    let (_, options) = fresh_database().await;
    let db = PgPoolOptions::new()
        .max_connections(4)
        .connect_with(options)
        .await
        .unwrap();
    let count = |sql: &'static str| {
        let db = db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(sql)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    sqlx::query(
        "insert into users (email, display_name, password_hash, role, team_id)
         select e, e, 'unused', r, (select id from teams where key = 'devops')
         from (values ('chef@example.org', 'lead'), ('membre@example.org', 'member'),
                      ('autre@example.org', 'member')) as u (e, r)",
    )
    .execute(&db)
    .await
    .unwrap();
    // Fifty blocks by the lead, recorded as any instance records them: the
    // statement that writes each also queues it.
    sqlx::query(
        "insert into activity_events (plan_id, actor_id, kind, subject_type, subject_id, before, after)
         select p.plan_id, (select id from users where email = 'chef@example.org'),
                'item.state_changed', 'item', i.id,
                jsonb_build_object('title', i.title, 'state', 'todo', 'reason', null),
                jsonb_build_object('title', i.title, 'state', 'blocked', 'reason', 'Attente')
         from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 50",
    )
    .execute(&db)
    .await
    .unwrap();
    let queued = count("select count(*) from outbox").await;
    let blocks = count(
        "select count(*) from outbox o join activity_events e on e.id = o.event_id
         where e.kind = 'item.state_changed'",
    )
    .await;
    assert!(blocks >= 5, "a burst, not {blocks}");
    let members = count(
        "select count(*) from users u join teams t on t.id = u.team_id
         where t.key = 'devops' and u.email <> 'chef@example.org'",
    )
    .await;

    let (one, other) = tokio::join!(drain(&db), drain(&db));

    assert_eq!(
        i64::try_from(one + other).unwrap(),
        queued,
        "each change taken by one instance, once"
    );
    assert_eq!(count("select count(*) from outbox").await, 0);
    assert_eq!(
        count("select count(*) from notifications where kind = 'blocked'").await,
        blocks * members,
        "each block told each member of the team, its author aside"
    );
    db.close().await;
}

/// Fans out until the queue is empty; how many changes this caller took.
async fn drain(db: &PgPool) -> usize {
    let mut taken = 0;
    loop {
        match fan_out::pass(db, false).await.unwrap() {
            0 => return taken,
            some => taken += some,
        }
    }
}

/// Reads `response`'s stream until it holds `wanted`, or `within` passes.
async fn stream_until(response: &mut reqwest::Response, wanted: &str, within: Duration) -> String {
    let mut read = String::new();
    let deadline = Instant::now() + within;
    while !read.contains(wanted) {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, response.chunk()).await {
            Ok(Ok(Some(chunk))) => read.push_str(&String::from_utf8_lossy(&chunk)),
            _ => break,
        }
    }
    read
}

#[tokio::test]
async fn an_open_page_hears_its_unread_count_change() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    app.create_user_in("membre@example.org", "Membre", Role::Member, Some("devops"))
        .await;
    let member = signed_in(&app, "membre@example.org").await;
    let mut stream = member
        .client
        .get(format!("http://{}/events", member.address))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    let mut lead_stream = lead
        .client
        .get(format!("http://{}/events", lead.address))
        .send()
        .await
        .unwrap();

    block_devops_item(&app, &lead).await;

    let heard = stream_until(&mut stream, "event: inbox\ndata: 1\n", WAIT).await;
    assert!(heard.contains("event: inbox\ndata: 1\n"), "{heard}");
    let read = member
        .submit("/notifications", "/notifications/read", &[])
        .await;
    assert_redirects_to(&read, "/notifications");
    let heard = stream_until(&mut stream, "event: inbox\ndata: 0\n", WAIT).await;
    assert!(heard.contains("event: inbox\ndata: 0\n"), "{heard}");
    // By now the lead's stream has had every chance to hear it.
    let lead_heard =
        stream_until(&mut lead_stream, "event: inbox", Duration::from_millis(300)).await;
    assert!(
        !lead_heard.contains("event: inbox"),
        "another user's inbox is not told: {lead_heard}"
    );
}

/// Adds `count` unread notifications to `user`'s inbox, of changes made
/// for the purpose.
pub(crate) async fn notify_many(db: &PgPool, user: Uuid, count: i64) {
    sqlx::query(
        "with made as (
             insert into activity_events (kind, subject_type)
             select 'test.unread', 'user' from generate_series(1, $2)
             returning id
         )
         insert into notifications (user_id, kind, event_id) select $1, 'mention', id from made",
    )
    .bind(user)
    .bind(count)
    .execute(db)
    .await
    .unwrap();
}

/// An inbox left unread for long: the header counts up to 99, then says
/// "99+", and neither the page's statement nor the stream's count reads
/// further than that (`notification::UNREAD_COUNTED`), however many wait.
#[tokio::test]
async fn an_inbox_left_unread_shows_ninety_nine_and_more_and_is_counted_no_further() {
    let app = TestApp::spawn().await;
    let member_id = app
        .create_user_in("membre@example.org", "Membre", Role::Member, Some("devops"))
        .await;
    let member = signed_in(&app, "membre@example.org").await;
    let counted = |loaded: sessions::Loaded| loaded.user.map(|user| user.unread_notifications);

    notify_many(&app.db, member_id, 99).await;
    assert_eq!(header_count(&member).await, ["99 non lues"]);
    assert_eq!(notifications::unread(&app.db, member_id).await.unwrap(), 99);

    notify_many(&app.db, member_id, 51).await;
    assert_eq!(header_count(&member).await, ["99+ non lues"]);
    assert_eq!(
        notifications::unread(&app.db, member_id).await.unwrap(),
        UNREAD_COUNTED
    );
    let loaded = sessions::load(&app.db, None, Some(member_id))
        .await
        .unwrap();
    assert_eq!(counted(loaded), Some(UNREAD_COUNTED));
}
