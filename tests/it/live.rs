use std::time::{Duration, Instant};

use launch_control::app::Options;
use launch_control::db::events::{self, LiveEvent};
use launch_control::domain::role::Role;
use launch_control::live::LiveChange;
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, first_item_of_first_phase, serve_listening};
use crate::queries::{self, Traced};

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

    /// The ids received so far, in order.
    fn ids(&self) -> Vec<i64> {
        self.buffer
            .lines()
            .filter_map(|line| {
                line.strip_prefix("id: ")
                    .or_else(|| line.strip_prefix("id:"))
            })
            .map(|id| id.trim().parse().unwrap())
            .collect()
    }

    /// Reads until the event `id` arrives or `within` passes; whether it came.
    async fn received(&mut self, id: i64, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        while !self.ids().contains(&id) {
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, self.response.chunk()).await {
                Ok(Ok(Some(chunk))) => self.buffer.push_str(&String::from_utf8_lossy(&chunk)),
                _ => return false,
            }
        }
        true
    }

    /// Reads until the server ends the stream; whether it did before the deadline.
    async fn ends(&mut self) -> bool {
        let deadline = Instant::now() + MARKER_DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match tokio::time::timeout(left, self.response.chunk()).await {
                Ok(Ok(Some(chunk))) => self.buffer.push_str(&String::from_utf8_lossy(&chunk)),
                Ok(Ok(None) | Err(_)) => return true,
                Err(_) => return false,
            }
        }
    }

    /// Every id received up to the event `marker`, which must arrive: what
    /// came before a marker is all that was going to come before it.
    async fn ids_until(&mut self, marker: i64) -> Vec<i64> {
        assert!(
            self.received(marker, MARKER_DEADLINE).await,
            "event {marker} never arrived; received {:?}",
            self.ids()
        );
        self.ids()
    }
}

/// How long a test waits for an event it knows was committed: a bound on a
/// stuck stream, not a measure of speed (the `live_streams` benchmark is).
const MARKER_DEADLINE: Duration = Duration::from_secs(15);

/// Asserts that no id of `ids` came twice.
fn assert_once_each(ids: &[i64]) {
    let mut unique = ids.to_vec();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "an event came twice: {ids:?}");
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
async fn a_tick_through_one_instance_reaches_a_stream_opened_on_another() {
    let app = TestApp::spawn().await;
    let other_instance = format!(
        "http://{}",
        serve_listening(app.db.clone(), Options::default()).await
    );
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let mut stream = Stream::open(&lead, &other_instance, None).await;

    let started = Instant::now();
    let id = tick(&app, &lead, item, phase, "done").await;
    let received = stream.ids_until(id).await;

    assert_eq!(received.last(), Some(&id));
    assert_once_each(&received);
    println!(
        "a tick reached the other instance's stream in {:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn a_stream_reconnecting_with_last_event_id_gets_exactly_what_it_missed_once_each() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let seen = tick(&app, &lead, item, phase, "in_progress").await;
    let missed = [
        tick(&app, &lead, item, phase, "done").await,
        tick(&app, &lead, item, phase, "todo").await,
    ];

    let mut stream = Stream::open(&lead, &lead.url(""), Some(seen)).await;
    assert_eq!(stream.ids_until(missed[1]).await, missed);

    // The app listens before it serves: a change now arrives live.
    let live = tick(&app, &lead, item, phase, "done").await;
    let ids = stream.ids_until(live).await;
    assert_eq!(&ids[..2], missed, "the replay comes first");
    assert_once_each(&ids);
}

#[tokio::test]
async fn account_events_reach_admins_only() {
    let app = TestApp::spawn().await;
    let member = app.visitor();
    app.login_as_in(&member, Role::Member, Some("devops")).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let before: i64 = sqlx::query_scalar("select max(id) from activity_events")
        .fetch_one(&app.db)
        .await
        .unwrap();
    app.visitor()
        .login("nobody@example.org", "wrong password")
        .await;
    let failed_login: i64 = sqlx::query_scalar("select max(id) from activity_events")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(failed_login > before, "the failed sign-in is recorded");
    // A change everyone may see, after the account's: the marker both streams wait for.
    let marker = tick(&app, &member, item, phase, "done").await;

    let mut member_stream = Stream::open(&member, &member.url(""), Some(before)).await;
    let mut admin_stream = Stream::open(&admin, &admin.url(""), Some(before)).await;

    assert_eq!(admin_stream.ids_until(marker).await, [failed_login, marker]);
    assert_eq!(member_stream.ids_until(marker).await, [marker]);
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
    let (_, secret) = tokens::issue_revocable(
        &mut app.db.acquire().await.unwrap(),
        Purpose::Kiosk,
        None,
        admin,
    )
    .await
    .unwrap();
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let seen: i64 = sqlx::query_scalar("select max(id) from activity_events")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let ticked = tick(&app, &lead, item, phase, "done").await;
    app.visitor()
        .login("nobody@example.org", "wrong password")
        .await;
    let marker = tick(&app, &lead, item, phase, "todo").await;

    let wall = app.visitor();
    let kiosk = format!("{}/kiosk/{secret}", wall.url(""));
    let mut stream = Stream::open_at(&wall, &format!("{kiosk}/events"), Some(seen)).await;

    assert_eq!(
        stream.ids_until(marker).await,
        [ticked, marker],
        "the items' changes, not the account's"
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
    let (item, phase) = first_item_of_first_phase(&app).await;
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

#[tokio::test]
async fn a_disabled_users_open_stream_ends_and_the_others_go_on() {
    let app = TestApp::spawn().await;
    let member = app.visitor();
    let member_id = app.login_as_in(&member, Role::Member, Some("devops")).await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let mut disabled_stream = Stream::open(&member, &member.url(""), None).await;
    let mut other_stream = Stream::open(&lead, &lead.url(""), None).await;

    let disabled = admin
        .submit(
            &format!("/admin/users/{member_id}"),
            &format!("/admin/users/{member_id}/disable"),
            &[],
        )
        .await;
    assert_eq!(disabled.status(), reqwest::StatusCode::SEE_OTHER);
    let marker = tick(&app, &lead, item, phase, "done").await;

    assert!(
        disabled_stream.ends().await,
        "the disabled user's stream ends"
    );
    assert!(
        !disabled_stream.ids().contains(&marker),
        "nothing reaches it after the disable"
    );
    assert_eq!(other_stream.ids_until(marker).await.last(), Some(&marker));
}

#[tokio::test]
async fn a_stream_ends_when_its_session_signs_out() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let mut stream = Stream::open(&lead, &lead.url(""), None).await;

    let signed_out = lead.submit("/", "/logout", &[]).await;

    assert_eq!(signed_out.status(), reqwest::StatusCode::SEE_OTHER);
    assert!(stream.ends().await, "the stream ends with its session");
}

/// The version a page was drawn at, as its script reads it.
fn drawn_version(body: &str) -> String {
    let page = scraper::Html::parse_document(body);
    let selector = scraper::Selector::parse("[data-live-version]").unwrap();
    page.select(&selector)
        .next()
        .and_then(|element| element.attr("data-live-version"))
        .expect("the page carries its version")
        .to_owned()
}

/// A page's script fetching its page again after the event `heard`, with
/// the version it shows.
async fn refetch(visitor: &Visitor, path: &str, version: &str, heard: i64) -> Traced {
    queries::get_with(
        visitor,
        path,
        &[
            ("if-none-match", version),
            ("x-live-event", &heard.to_string()),
            ("x-requested-with", "fetch"),
        ],
    )
    .await
}

/// Sends feedback through the public form; the id of its event.
async fn send_feedback(app: &TestApp) -> i64 {
    let sent = app
        .visitor()
        .submit(
            "/feedback/new",
            "/feedback/new",
            &[
                ("message", "Le son grésille au menu"),
                ("category", "bug"),
                ("rating", "3"),
                ("email", "dana@example.org"),
            ],
        )
        .await;
    assert_eq!(sent.status(), reqwest::StatusCode::SEE_OTHER);
    sqlx::query_scalar("select max(id) from activity_events where subject_type = 'feedback'")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_phase_page_fetched_again_at_its_version_answers_304_without_reading_or_drawing() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let path = format!("/phases/{phase}");
    let mut stream = Stream::open(&lead, &lead.url(""), None).await;
    let heard = tick(&app, &lead, item, phase, "in_progress").await;
    assert!(stream.received(heard, MARKER_DEADLINE).await);

    let drawn = queries::get(&lead, &path).await;
    let version = drawn_version(&drawn.body);
    queries::commit_nothing(&app.db).await;
    let again = refetch(&lead, &path, &version, heard).await;

    assert_eq!(drawn.status, reqwest::StatusCode::OK);
    assert_eq!(again.status, reqwest::StatusCode::NOT_MODIFIED);
    assert!(again.body.is_empty());
    assert!(
        again.record.statements < drawn.record.statements,
        "the 304 reads nothing of the page: {} statements, the page {}",
        again.record.statements,
        drawn.record.statements
    );
    queries::commit_nothing(&app.db).await;
    let unknown = queries::get(&lead, &format!("/phases/{}", Uuid::new_v4())).await;
    assert_eq!(unknown.status, reqwest::StatusCode::NOT_FOUND);
    assert_eq!(
        again.record.statements, unknown.record.statements,
        "the 304 costs what finding the signed-in user costs, nothing more"
    );
}

#[tokio::test]
async fn a_change_on_the_phase_draws_its_page_again_with_a_new_version() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let path = format!("/phases/{phase}");
    let mut stream = Stream::open(&lead, &lead.url(""), None).await;
    let drawn = queries::get(&lead, &path).await;
    let version = drawn_version(&drawn.body);

    let ticked = tick(&app, &lead, item, phase, "done").await;
    assert!(stream.received(ticked, MARKER_DEADLINE).await);
    let again = refetch(&lead, &path, &version, ticked).await;

    assert_eq!(again.status, reqwest::StatusCode::OK);
    let fresh = drawn_version(&again.body);
    assert_ne!(fresh, version);
    let page = scraper::Html::parse_document(&again.body);
    assert_eq!(
        crate::helpers::texts(&page, &format!("#item-{item} .badge")),
        ["Terminé"]
    );
    assert_eq!(
        refetch(&lead, &path, &fresh, ticked).await.status,
        reqwest::StatusCode::NOT_MODIFIED,
        "the new version holds until the next change"
    );
}

#[tokio::test]
async fn feedback_changes_neither_the_phase_page_nor_the_countdown_but_the_overview() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (_, phase) = first_item_of_first_phase(&app).await;
    let mut stream = Stream::open(&lead, &lead.url(""), None).await;
    let pages = [
        format!("/phases/{phase}"),
        "/countdown".to_owned(),
        "/".to_owned(),
    ];
    let mut versions = Vec::new();
    for path in &pages {
        versions.push(drawn_version(&queries::get(&lead, path).await.body));
    }

    let feedback = send_feedback(&app).await;
    assert!(stream.received(feedback, MARKER_DEADLINE).await);

    let mut statuses = Vec::new();
    for (path, version) in pages.iter().zip(&versions) {
        statuses.push(
            refetch(&lead, path, version, feedback)
                .await
                .status
                .as_u16(),
        );
    }
    assert_eq!(statuses, [304, 304, 200], "{pages:?}");
}

#[tokio::test]
async fn an_instance_that_has_not_heard_the_change_yet_draws_the_page() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let path = "/countdown";
    let drawn = queries::get(&lead, path).await;
    let version = drawn_version(&drawn.body);
    assert_eq!(
        drawn.status,
        reqwest::StatusCode::OK,
        "the page is drawn when asked without a version"
    );

    let not_yet_committed = i64::MAX;
    let again = refetch(&lead, path, &version, not_yet_committed).await;

    assert_eq!(again.status, reqwest::StatusCode::OK);
}

#[tokio::test]
async fn the_wall_screen_answers_304_at_its_version_and_its_link_still_counts() {
    use launch_control::auth::tokens::{self, Purpose};
    let app = TestApp::spawn().await;
    let admin = app.login_as_in(&app.visitor(), Role::Admin, None).await;
    let (_, secret) = tokens::issue_revocable(
        &mut app.db.acquire().await.unwrap(),
        Purpose::Kiosk,
        None,
        admin,
    )
    .await
    .unwrap();
    let wall = app.visitor();
    let path = format!("/kiosk/{secret}");
    let drawn = queries::get(&wall, &path).await;
    let version = drawn_version(&drawn.body);
    let seen: i64 = sqlx::query_scalar("select max(id) from activity_events")
        .fetch_one(&app.db)
        .await
        .unwrap();

    assert_eq!(
        refetch(&wall, &path, &version, seen).await.status,
        reqwest::StatusCode::NOT_MODIFIED
    );
    tokens::revoke_all(&mut app.db.acquire().await.unwrap(), Purpose::Kiosk)
        .await
        .unwrap();
    assert_eq!(
        refetch(&wall, &path, &version, seen).await.status,
        reqwest::StatusCode::NOT_FOUND
    );
}

/// The next event `heard`, which must come within seconds.
async fn next_heard(
    heard: &mut tokio::sync::broadcast::Receiver<std::sync::Arc<LiveChange>>,
) -> std::sync::Arc<LiveChange> {
    tokio::time::timeout(Duration::from_secs(10), heard.recv())
        .await
        .expect("every change is heard")
        .unwrap()
}

#[tokio::test]
async fn changes_announced_at_once_reach_every_instance_each_once_in_order() {
    use launch_control::domain::change::{Change, PlanImport};
    use launch_control::live::Hub;
    use launch_control::plan_cache::PlanCache;

    let app = TestApp::spawn().await;
    let hub = Hub::start(app.db.clone(), PlanCache::new(app.db.clone()));
    hub.listening().await;
    let mut heard = hub.subscribe();
    let plan: Uuid = sqlx::query_scalar("select id from plans")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let imported = Change::PlanImported {
        plan,
        after: PlanImport {
            name: "Lancement".to_owned(),
            kickoff_date: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
            phases: 0,
            items: 0,
            risks: 0,
        },
    };
    let mut tx = app.db.begin().await.unwrap();
    let mut recorded = Vec::new();
    for _ in 0..300 {
        recorded.push(
            events::record_unannounced(&mut tx, Some(plan), None, &imported)
                .await
                .unwrap(),
        );
    }
    tx.commit().await.unwrap();

    // More than one statement's worth, sent without waiting.
    recorded
        .into_iter()
        .for_each(|recorded| hub.announce(recorded));

    let stored: Vec<i64> = sqlx::query_scalar(
        "select id from activity_events where kind = 'plan.imported' order by id desc limit 300",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let mut received = Vec::new();
    while received.len() < stored.len() {
        received.push(next_heard(&mut heard).await.id);
    }
    assert_eq!(received, stored.into_iter().rev().collect::<Vec<_>>());
}

#[tokio::test]
async fn every_change_is_heard_as_stored_with_its_items_phase() {
    use launch_control::db::items;
    use launch_control::domain::item::ItemState;
    use launch_control::live::Hub;
    use launch_control::plan_cache::PlanCache;

    let app = TestApp::spawn().await;
    let hub = Hub::start(app.db.clone(), PlanCache::new(app.db.clone()));
    hub.listening().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let mut heard = hub.subscribe();
    let signed_in = events::latest_id(&app.db).await.unwrap();

    // A tick, announced after its commit by the app's instance...
    let ticked = tick(&app, &lead, item, phase, "done").await;
    // ...and a change announced from inside its transaction.
    let mut tx = app.db.begin().await.unwrap();
    let found = items::find_movable(&mut tx, item).await.unwrap().unwrap();
    let reopened = found.moved_to(ItemState::Todo, None);
    let recorded = events::record(&mut tx, Some(found.plan_id), None, &reopened)
        .await
        .unwrap();
    tx.commit().await.unwrap();

    let stored = events::events_after(&app.db, ticked - 1, 10).await.unwrap();
    assert_eq!(
        stored.iter().map(|event| event.id).collect::<Vec<_>>(),
        [ticked, recorded]
    );
    assert!(stored.iter().all(|event| event.phase_id == Some(phase)));
    let mut received = Vec::new();
    while received.len() < stored.len() {
        let event = next_heard(&mut heard).await;
        // The sign-in, committed before the subscription, may still be on its way.
        if event.id > signed_in {
            // What every stream sends of it, written once.
            assert_eq!(
                serde_json::from_str::<LiveEvent>(event.json()).unwrap(),
                **event
            );
            received.push(LiveEvent::clone(&event));
        }
    }
    assert_eq!(received, stored);
}

#[tokio::test]
async fn a_notification_carries_its_event_and_one_naming_an_id_is_read() {
    let app = TestApp::spawn().await;
    let carried = LiveEvent {
        // No such event is stored: what is heard comes from the payload alone.
        id: i64::MAX,
        kind: "item.state_changed".to_owned(),
        subject_type: "item".to_owned(),
        subject_id: Some(Uuid::new_v4()),
        phase_id: Some(Uuid::new_v4()),
    };
    let payload = serde_json::to_string(&carried).unwrap();
    assert_eq!(
        events::heard(&app.db, &payload).await.unwrap(),
        Some(carried)
    );

    // The previous release names the event by its id.
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let ticked = tick(&app, &lead, item, phase, "done").await;
    let stored = events::events_after(&app.db, ticked - 1, 1).await.unwrap();
    assert_eq!(
        events::heard(&app.db, &ticked.to_string()).await.unwrap(),
        stored.into_iter().next()
    );
    assert_eq!(events::heard(&app.db, "no event").await.unwrap(), None);
}
