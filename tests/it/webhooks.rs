//! Webhooks (issue 18), made through the admin page and sent to real HTTP
//! receivers started by the tests: signed as the Standard Webhooks
//! specification says, tried again after a failure, refused towards
//! private addresses unless allowed, sent once by two instances, disabled
//! after failing again and again with the admins told.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use launch_control::domain::role::Role;
use launch_control::state::AppState;
use sha2::Sha256;
use tokio::net::TcpListener;
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, first_item_of_first_phase, test_webhooks, texts};

/// What a receiver got: each request's headers and body.
type Got = Arc<Mutex<Vec<(HeaderMap, Bytes)>>>;

/// How long a delivery may take to arrive.
const WAIT: Duration = Duration::from_secs(15);

/// A receiver on the loopback answering 500 to its first `failing`
/// requests, 200 after; its URL, and what it got.
async fn receiver(failing: usize) -> (String, Got) {
    let got: Got = Arc::default();
    let app = Router::new()
        .route(
            "/hook",
            post(
                move |State(got): State<Got>, headers: HeaderMap, body: Bytes| async move {
                    let mut got = got.lock().unwrap();
                    got.push((headers, body));
                    if got.len() <= failing {
                        StatusCode::INTERNAL_SERVER_ERROR
                    } else {
                        StatusCode::OK
                    }
                },
            ),
        )
        .with_state(got.clone());
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, got)
}

/// Waits until `got` holds `count` requests.
async fn received(got: &Got, count: usize) {
    let deadline = Instant::now() + WAIT;
    while got.lock().unwrap().len() < count {
        assert!(Instant::now() < deadline, "{count} requests expected");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Waits until `table` has `count` rows matching `condition`.
async fn counted(app: &TestApp, table: &str, condition: &str, count: i64) {
    let deadline = Instant::now() + WAIT;
    while app.count(table, condition).await < count {
        assert!(
            Instant::now() < deadline,
            "{count} rows of {table} where {condition}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Adds a webhook to `url` through the admin form, receiving `kinds`; its
/// page and the secret shown there once.
pub async fn add_webhook(
    admin: &Visitor,
    url: &str,
    format: &str,
    kinds: &[&str],
) -> (String, String) {
    let mut fields = vec![("url", url), ("format", format)];
    fields.extend(kinds.iter().map(|kind| ("kind", *kind)));
    let added = admin
        .submit("/admin/webhooks", "/admin/webhooks", &fields)
        .await;
    assert_eq!(added.status(), StatusCode::SEE_OTHER);
    let page = added.headers()["location"].to_str().unwrap().to_owned();
    let secret = texts(&admin.page(&page).await, "#webhook-secret");
    assert_eq!(secret.len(), 1, "the secret is shown");
    assert!(
        texts(&admin.page(&page).await, "#webhook-secret").is_empty(),
        "once"
    );
    (page, secret[0].clone())
}

/// Signs in a DevOps lead and ticks the first item of phase 2.1; its id.
async fn tick_first_item(app: &TestApp) -> Uuid {
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(app).await;
    let ticked = lead
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[("state", "done"), ("version", "1")],
        )
        .await;
    assert_eq!(ticked.status(), StatusCode::SEE_OTHER);
    item
}

/// The `webhook-signature` a receiver expects, computed here from the
/// specification, not with the product's code.
fn expected_signature(secret: &str, headers: &HeaderMap, body: &[u8]) -> String {
    let header = |name: &str| headers[name].to_str().unwrap().to_owned();
    let key = STANDARD
        .decode(secret.strip_prefix("whsec_").unwrap())
        .unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(format!("{}.{}.", header("webhook-id"), header("webhook-timestamp")).as_bytes());
    mac.update(body);
    format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()))
}

#[tokio::test]
async fn a_delivery_is_signed_tried_again_until_the_receiver_says_200_and_sent_again_on_request() {
    let app = TestApp::spawn().await;
    let (url, got) = receiver(2).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let (page, secret) = add_webhook(&admin, &url, "standard", &["item.state_changed"]).await;
    assert_eq!(
        app.count(
            "activity_events",
            "kind = 'webhook.created' and after->>'host' = '127.0.0.1'"
        )
        .await,
        1,
        "the history names the host, not the URL"
    );
    tick_first_item(&app).await;

    received(&got, 3).await;
    tokio::time::sleep(Duration::from_millis(800)).await;
    let attempts = got.lock().unwrap().clone();
    assert_eq!(
        attempts.len(),
        3,
        "two failures, one success, nothing after"
    );
    let (headers, body) = &attempts[2];
    assert_eq!(
        headers["webhook-signature"].to_str().unwrap(),
        expected_signature(&secret, headers, body)
    );
    assert_eq!(
        headers["webhook-id"], attempts[0].0["webhook-id"],
        "one id for every attempt"
    );
    let payload: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(payload["type"], "item.state_changed");
    assert_eq!(payload["data"]["after"]["state"], "done");

    let log = admin.page(&page).await;
    assert_eq!(
        texts(&log, ".deliveries tbody td.num")[..2],
        ["3", "200"],
        "attempts and the last status"
    );
    let delivery: i64 = sqlx::query_scalar("select id from webhook_deliveries")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let again = admin
        .submit(
            &page,
            &format!("{page}/redeliver"),
            &[("delivery", &delivery.to_string())],
        )
        .await;
    assert_eq!(again.status(), StatusCode::SEE_OTHER);
    received(&got, 4).await;
    assert_eq!(
        got.lock().unwrap()[3].0["webhook-id"],
        attempts[0].0["webhook-id"],
        "sent again as the same message"
    );
    assert_eq!(
        app.count("activity_events", "kind = 'webhook.redelivered'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_chat_webhook_gets_the_feeds_sentence_with_a_link() {
    let app = TestApp::spawn().await;
    let (url, got) = receiver(0).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    add_webhook(&admin, &url, "chat", &["item.state_changed"]).await;
    let item = tick_first_item(&app).await;
    received(&got, 1).await;
    let body: serde_json::Value = serde_json::from_slice(&got.lock().unwrap()[0].1).unwrap();
    let text = body["text"].as_str().unwrap();
    let title: String = sqlx::query_scalar("select title from checklist_items where id = $1")
        .bind(item)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert!(text.contains(&title), "{text}");
    assert!(text.contains("Test lead devops"), "who: {text}");
    assert!(
        text.ends_with(&format!("https://launch.example.org/items/{item}")),
        "{text}"
    );
    assert_eq!(body.as_object().unwrap().len(), 1, "Slack takes `text`");
}

#[tokio::test]
async fn without_the_setting_a_private_target_is_refused_when_saved_and_when_sent() {
    let app = TestApp::spawn_with(None, test_webhooks(false)).await;
    let (url, got) = receiver(0).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let page = admin.page("/admin/webhooks").await;
    assert!(!texts(&page, "#private-state")[0].is_empty());

    let named = url.replace("127.0.0.1", "localhost");
    for target in [
        url.as_str(),
        named.as_str(),
        "http://169.254.169.254/latest/meta-data/",
    ] {
        let refused = admin
            .submit(
                "/admin/webhooks",
                "/admin/webhooks",
                &[
                    ("url", target),
                    ("format", "standard"),
                    ("kind", "item.state_changed"),
                ],
            )
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{target}"
        );
        let form = scraper::Html::parse_document(&refused.text().await.unwrap());
        assert_eq!(
            texts(&form, "#url-error"),
            [
                "Cette adresse est dans un réseau privé (ou sur cette machine) ; les webhooks n'atteignent que des adresses publiques."
            ]
        );
        let kept = scraper::Selector::parse("#url").unwrap();
        assert_eq!(
            form.select(&kept).next().unwrap().value().attr("value"),
            Some(target),
            "the URL is kept"
        );
        let checked = scraper::Selector::parse("input[value='item.state_changed']").unwrap();
        assert!(
            form.select(&checked)
                .next()
                .unwrap()
                .value()
                .attr("checked")
                .is_some()
        );
    }
    assert_eq!(app.count("webhooks", "true").await, 0, "nothing stored");

    // Saved when the names pointed elsewhere, or by hand: refused as sent,
    // both an address written in the URL and a name resolving to one.
    for target in [&url, &named] {
        sqlx::query(
            "insert into webhooks (url, kinds, secret)
             values ($1, '{item.state_changed}', 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')",
        )
        .bind(target)
        .execute(&app.db)
        .await
        .unwrap();
    }
    tick_first_item(&app).await;
    counted(
        &app,
        "webhook_deliveries",
        "attempts > 0 and last_status is null",
        2,
    )
    .await;
    assert!(got.lock().unwrap().is_empty(), "the receiver got nothing");
    assert_eq!(
        app.count(
            "webhook_deliveries",
            "delivered_at is null and last_response like '%private or special address%'"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn two_instances_on_one_database_send_each_change_once() {
    let app = TestApp::spawn().await;
    // A second instance: its own fan-out and webhook worker on the same database.
    let _other = AppState::with_outbound(app.db.clone(), None, test_webhooks(true), None);
    let (url, got) = receiver(0).await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    add_webhook(&admin, &url, "standard", &["item.state_changed"]).await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let items: Vec<(Uuid, Uuid)> = sqlx::query_as(
        "select i.id, i.phase_id from checklist_items i join phases p on p.id = i.phase_id
         join teams t on t.id = p.team_id where t.key = 'devops' order by i.id limit 20",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    for (item, phase) in &items {
        let ticked = lead
            .submit(
                &format!("/phases/{phase}"),
                &format!("/items/{item}/state"),
                &[("state", "done"), ("version", "1")],
            )
            .await;
        assert_eq!(ticked.status(), StatusCode::SEE_OTHER);
    }
    received(&got, items.len()).await;
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let ids: Vec<String> = got
        .lock()
        .unwrap()
        .iter()
        .map(|(headers, _)| headers["webhook-id"].to_str().unwrap().to_owned())
        .collect();
    assert_eq!(ids.len(), items.len(), "one request per change");
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), items.len());
}

#[tokio::test]
async fn a_webhook_failing_again_and_again_is_disabled_and_the_admins_are_told() {
    let app = TestApp::spawn().await;
    // Its first failure is the tenth in a row; the receiver fails once more,
    // after the webhook is enabled again, then is back.
    let (url, got) = receiver(2).await;
    let admin = app.visitor();
    let admin_id = app.login_as_in(&admin, Role::Admin, None).await;
    let (page, _) = add_webhook(&admin, &url, "standard", &["item.state_changed"]).await;
    // One failure short of the limit, as if nine had failed before.
    sqlx::query("update webhooks set failures = 9")
        .execute(&app.db)
        .await
        .unwrap();
    tick_first_item(&app).await;
    received(&got, 1).await;
    let told = format!("kind = 'webhook_disabled' and user_id = '{admin_id}'");
    counted(&app, "notifications", &told, 1).await;
    assert_eq!(app.count("webhooks", "disabled_at is not null").await, 1);
    tokio::time::sleep(Duration::from_millis(600)).await;
    assert_eq!(got.lock().unwrap().len(), 1, "nothing sent once disabled");
    let inbox = admin.page("/notifications").await;
    assert!(
        texts(&inbox, ".inbox li")
            .iter()
            .any(|line| line.contains("127.0.0.1")),
        "the inbox names the host: {:?}",
        texts(&inbox, ".inbox li")
    );
    assert!(!texts(&admin.page(&page).await, "#webhook-disabled").is_empty());

    let enabled = admin.submit(&page, &format!("{page}/enable"), &[]).await;
    assert_eq!(enabled.status(), StatusCode::SEE_OTHER);
    // Enabled again with its count started over, it sends what was waiting:
    // one more failure does not disable it, and the next try gets through.
    received(&got, 3).await;
    counted(&app, "webhooks", "disabled_at is null and failures = 0", 1).await;
    assert_eq!(
        app.count(
            "activity_events",
            "kind in ('webhook.disabled', 'webhook.enabled')"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn only_admins_add_or_delete_webhooks() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    assert_eq!(
        lead.get("/admin/webhooks").await.status(),
        StatusCode::FORBIDDEN
    );
    let refused = lead
        .submit(
            "/timeline",
            "/admin/webhooks",
            &[
                ("url", "https://93.184.215.14/hook"),
                ("format", "standard"),
                ("kind", "item.state_changed"),
            ],
        )
        .await;
    assert_eq!(refused.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("webhooks", "true").await, 0);

    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let none = admin
        .submit(
            "/admin/webhooks",
            "/admin/webhooks",
            &[
                ("url", "https://93.184.215.14/hook"),
                ("format", "standard"),
            ],
        )
        .await;
    assert_eq!(
        none.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no kind chosen"
    );
    let (page, _) = add_webhook(
        &admin,
        "https://93.184.215.14/hook",
        "chat",
        &["golive.voted_no_go"],
    )
    .await;
    let stolen = lead
        .submit("/timeline", &format!("{page}/delete"), &[])
        .await;
    assert_eq!(stolen.status(), StatusCode::FORBIDDEN);
    let deleted = admin.submit(&page, &format!("{page}/delete"), &[]).await;
    assert_eq!(deleted.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count("webhooks", "true").await, 0);
    assert_eq!(admin.get(&page).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.count(
            "activity_events",
            "kind = 'webhook.deleted' and before->>'host' = '93.184.215.14'"
        )
        .await,
        1
    );
}

/// A webhook with a delivery log: one change delivered, one that failed
/// and waits; its page, for the checks that go through every page.
pub async fn webhook_with_log(app: &TestApp, admin: &Visitor) -> String {
    let (page, _) = add_webhook(
        admin,
        "http://127.0.0.1:9/hook",
        "chat",
        &["item.state_changed", "item.commented"],
    )
    .await;
    sqlx::query(
        "insert into webhook_deliveries (webhook_id, event_id, attempts, next_attempt_at,
                                         delivered_at, last_status, last_duration_ms, last_response)
         select w.id, e.id, n, now() + interval '1 hour',
                case n when 1 then now() end, case n when 1 then 200 else 500 end, 40 * n,
                case n when 1 then 'ok' else '<html><b>Internal Server Error</b></html>' end
         from webhooks w, generate_series(1, 2) n,
              lateral (select id from activity_events order by id offset n - 1 limit 1) e
         where w.url = 'http://127.0.0.1:9/hook'",
    )
    .execute(&app.db)
    .await
    .unwrap();
    page
}
