use std::time::{Duration, Instant};

use launch_control::domain::role::Role;
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, serve};

/// An open `/events` stream, read chunk by chunk.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    async fn open(visitor: &Visitor, base: &str, last_event_id: Option<i64>) -> Stream {
        Stream::open_at(visitor, &format!("{base}/events"), last_event_id).await
    }

    async fn open_at(visitor: &Visitor, url: &str, last_event_id: Option<i64>) -> Stream {
        let mut request = visitor.client.get(url);
        if let Some(id) = last_event_id {
            request = request.header("last-event-id", id.to_string());
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), reqwest::StatusCode::OK);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        Stream {
            response,
            buffer: String::new(),
        }
    }

    /// The ids of the events received within `timeout`, stopping early once `enough` came.
    async fn ids(&mut self, timeout: Duration, enough: usize) -> Vec<i64> {
        let deadline = Instant::now() + timeout;
        loop {
            let ids: Vec<i64> = self
                .buffer
                .lines()
                .filter_map(|line| {
                    line.strip_prefix("id: ")
                        .or_else(|| line.strip_prefix("id:"))
                })
                .map(|id| id.trim().parse().unwrap())
                .collect();
            let left = deadline.saturating_duration_since(Instant::now());
            if ids.len() >= enough || left.is_zero() {
                return ids;
            }
            match tokio::time::timeout(left, self.response.chunk()).await {
                Ok(Ok(Some(chunk))) => self.buffer.push_str(&String::from_utf8_lossy(&chunk)),
                _ => return ids,
            }
        }
    }
}

async fn item_of(app: &TestApp) -> (Uuid, Uuid) {
    sqlx::query_as(
        "select i.id, i.phase_id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// Moves the item to `state` through the form, at its current version.
async fn tick(app: &TestApp, visitor: &Visitor, item: Uuid, phase: Uuid, state: &str) -> i64 {
    let version: i32 = sqlx::query_scalar("select version from checklist_items where id = $1")
        .bind(item)
        .fetch_one(&app.db)
        .await
        .unwrap();
    let version = version.to_string();
    let response = visitor
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[("state", state), ("version", &version)],
        )
        .await;
    assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER);
    sqlx::query_scalar("select max(id) from activity_events")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_tick_through_one_instance_reaches_a_stream_opened_on_another_within_a_second() {
    let app = TestApp::spawn().await;
    let other_instance = format!("http://{}", serve(app.db.clone()).await);
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = item_of(&app).await;
    let mut stream = Stream::open(&lead, &other_instance, None).await;
    // The other instance starts listening in the background: wait until a change gets through.
    let mut warmed_up = false;
    for state in ["in_progress", "todo", "in_progress", "todo", "in_progress"] {
        let id = tick(&app, &lead, item, phase, state).await;
        if stream.ids(Duration::from_secs(2), 1).await.contains(&id) {
            warmed_up = true;
            break;
        }
    }
    assert!(warmed_up, "the other instance never relayed a change");
    stream.buffer.clear();

    let started = Instant::now();
    let id = tick(&app, &lead, item, phase, "done").await;
    let received = stream.ids(Duration::from_secs(1), 1).await;

    assert_eq!(received, [id]);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "took {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_stream_reconnecting_with_last_event_id_gets_exactly_what_it_missed_once_each() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = item_of(&app).await;
    let seen = tick(&app, &lead, item, phase, "in_progress").await;
    let missed = [
        tick(&app, &lead, item, phase, "done").await,
        tick(&app, &lead, item, phase, "todo").await,
    ];

    let mut stream = Stream::open(&lead, &lead.url(""), Some(seen)).await;
    let replayed = stream.ids(Duration::from_secs(2), 2).await;
    assert_eq!(replayed, missed);

    let mut live = None;
    for _ in 0..5 {
        let id = tick(
            &app,
            &lead,
            item,
            phase,
            if live.is_none() { "done" } else { "todo" },
        )
        .await;
        let ids = stream.ids(Duration::from_secs(2), 3).await;
        if ids.contains(&id) {
            live = Some(ids);
            break;
        }
    }
    let ids = live.expect("a live change follows the replay");
    assert_eq!(&ids[..2], missed, "nothing replayed twice");
    assert_eq!(ids.len(), 3);
}

#[tokio::test]
async fn account_events_reach_admins_only() {
    let app = TestApp::spawn().await;
    let member = app.visitor();
    app.login_as_in(&member, Role::Member, Some("devops")).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let before: i64 = sqlx::query_scalar("select max(id) from activity_events")
        .fetch_one(&app.db)
        .await
        .unwrap();
    app.visitor()
        .login("nobody@example.org", "wrong password")
        .await;

    let mut member_stream = Stream::open(&member, &member.url(""), Some(before)).await;
    let mut admin_stream = Stream::open(&admin, &admin.url(""), Some(before)).await;

    assert_eq!(admin_stream.ids(Duration::from_secs(2), 1).await.len(), 1);
    assert!(
        member_stream
            .ids(Duration::from_millis(500), 1)
            .await
            .is_empty()
    );
}

#[tokio::test]
async fn a_visitor_without_a_session_gets_no_stream() {
    let app = TestApp::spawn().await;
    let response = app.get("/events").await;
    assert_eq!(response.status(), reqwest::StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn the_kiosk_follows_live_changes_without_a_session_until_its_link_is_revoked() {
    use launch_control::auth::tokens::{self, Purpose};
    let app = TestApp::spawn().await;
    let admin = app.login_as_in(&app.visitor(), Role::Admin, None).await;
    let secret =
        tokens::issue_revocable(&mut app.db.acquire().await.unwrap(), Purpose::Kiosk, admin)
            .await
            .unwrap();
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = item_of(&app).await;
    let seen: i64 = sqlx::query_scalar("select max(id) from activity_events")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let ticked = tick(&app, &lead, item, phase, "done").await;
    app.visitor()
        .login("nobody@example.org", "wrong password")
        .await;

    let wall = app.visitor();
    let kiosk = format!("{}/kiosk/{secret}", wall.url(""));
    let mut stream = Stream::open_at(&wall, &format!("{kiosk}/events"), Some(seen)).await;

    assert_eq!(
        stream.ids(Duration::from_secs(2), 2).await,
        [ticked],
        "the item's change, not the account's"
    );
    tokens::revoke_all(&mut app.db.acquire().await.unwrap(), Purpose::Kiosk)
        .await
        .unwrap();
    let revoked = wall
        .client
        .get(format!("{kiosk}/events"))
        .send()
        .await
        .unwrap();
    assert_eq!(revoked.status(), reqwest::StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_activity_feed_filters_by_subject_team_and_person() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    let lead_id = app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = item_of(&app).await;
    tick(&app, &lead, item, phase, "done").await;
    let viewer = app.visitor();
    app.login_as_in(&viewer, Role::Viewer, None).await;

    let all = crate::helpers::texts(&viewer.page("/activity").await, "#activity-feed li");
    let by_team = crate::helpers::texts(
        &viewer
            .page(&format!("/activity?team={}", app.team_id("devops").await))
            .await,
        "#activity-feed li",
    );
    let by_person = crate::helpers::texts(
        &viewer
            .page(&format!("/activity?person={lead_id}&kind=item"))
            .await,
        "#activity-feed li",
    );
    let accounts = crate::helpers::texts(
        &viewer.page("/activity?kind=user").await,
        "#activity-feed li",
    );

    assert!(
        all.iter().all(|line| !line.contains("Connexion de")),
        "account events are for admins"
    );
    assert_eq!(by_team.len(), 1);
    assert_eq!(by_person.len(), 1);
    assert!(by_person[0].contains("Terminé"));
    assert!(
        accounts.len() >= by_person.len(),
        "a viewer asking for accounts gets the unfiltered feed, never account events"
    );
    assert!(accounts.iter().all(|line| !line.contains("Connexion de")));
}
