//! Webhooks (issue 18) to a real HTTP receiver started by the test: signed
//! as the Standard Webhooks specification says, tried again after a failure.

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
use launch_control::domain::webhook::Secret;
use sha2::Sha256;
use tokio::net::TcpListener;

use crate::helpers::{TestApp, first_item_of_first_phase};

/// What the receiver got: each request's headers and body.
type Got = Arc<Mutex<Vec<(HeaderMap, Bytes)>>>;

/// A receiver answering 500 to its first `failing` requests, 200 after.
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

#[tokio::test]
async fn a_delivery_is_signed_and_tried_again_until_the_receiver_says_200() {
    let app = TestApp::spawn().await;
    let (url, got) = receiver(2).await;
    let secret = Secret::from_random([42; 32]);
    sqlx::query(
        "insert into webhooks (url, kinds, secret) values ($1, '{item.state_changed}', $2)",
    )
    .bind(&url)
    .bind(secret.expose())
    .execute(&app.db)
    .await
    .unwrap();
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let ticked = lead
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[("state", "done"), ("version", "1")],
        )
        .await;
    assert_eq!(ticked.status(), StatusCode::SEE_OTHER.as_u16());

    let deadline = Instant::now() + Duration::from_secs(15);
    while got.lock().unwrap().len() < 3 {
        assert!(Instant::now() < deadline, "three attempts");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(800)).await;
    let got = got.lock().unwrap().clone();
    assert_eq!(got.len(), 3, "two failures, one success, nothing after");
    let (headers, body) = &got[2];
    let header = |name: &str| headers[name].to_str().unwrap().to_owned();
    let signed = format!("{}.{}.", header("webhook-id"), header("webhook-timestamp"));
    let key = STANDARD
        .decode(secret.expose().trim_start_matches("whsec_"))
        .unwrap();
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).unwrap();
    mac.update(signed.as_bytes());
    mac.update(body);
    let expected = format!("v1,{}", STANDARD.encode(mac.finalize().into_bytes()));
    assert_eq!(header("webhook-signature"), expected);
    assert_eq!(
        header("webhook-id"),
        got[0].0["webhook-id"].to_str().unwrap(),
        "one id for every attempt"
    );
    let payload: serde_json::Value = serde_json::from_slice(body).unwrap();
    assert_eq!(payload["type"], "item.state_changed");
    assert_eq!(payload["data"]["after"]["state"], "done");
    assert_eq!(
        app.count(
            "webhook_deliveries",
            "delivered_at is not null and attempts = 3 and last_status = 200"
        )
        .await,
        1
    );
}
