//! Anonymous visitors store nothing: their forms' CSRF tokens are signed for a
//! nonce in their cookie, their language is a cookie, and a session row is
//! stored at sign-in only.

use launch_control::domain::role::Role;
use reqwest::redirect::Policy;
use reqwest::{Client, Response, StatusCode};
use scraper::Html;

use crate::feedback::{FORM, fields};
use crate::helpers::{PASSWORD, TestApp, Visitor, assert_redirects_to, csrf_token, serve, texts};

/// The pages an anonymous visitor loads, a language choice among them.
const ANONYMOUS_PAGES: [&str; 6] = [
    "/login",
    "/feedback/new",
    "/?lang=en",
    "/feedback/thanks",
    "/setup?token=x",
    "/reset?token=x",
];

/// A client that keeps no cookies: every request is a first visit.
fn forgetful_client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

/// The `name=value` part of the response's cookie `name`.
fn cookie(response: &Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .filter_map(|value| value.split(';').next())
        .find(|pair| pair.starts_with(&format!("{name}=")))
        .map(str::to_owned)
}

async fn sessions(app: &TestApp) -> i64 {
    app.count("tower_sessions.session", "true").await
}

#[tokio::test]
async fn a_thousand_anonymous_page_views_store_no_session_row() {
    let app = TestApp::spawn().await;
    let before = sessions(&app).await;

    let mut clients = tokio::task::JoinSet::new();
    for client in 0..4 {
        let visitor = Visitor {
            address: app.address,
            client: forgetful_client(),
        };
        clients.spawn(async move {
            for request in 0..250 {
                let path = ANONYMOUS_PAGES[(client + request) % ANONYMOUS_PAGES.len()];
                let response = visitor.get(path).await;
                assert!(
                    matches!(response.status().as_u16(), 200 | 303 | 404),
                    "GET {path}: {}",
                    response.status()
                );
                assert_eq!(cookie(&response, "lc_session"), None, "GET {path}");
                if response.status() == StatusCode::OK {
                    assert!(cookie(&response, "lc_csrf").is_some(), "GET {path}");
                }
            }
        });
    }
    while let Some(done) = clients.join_next().await {
        done.expect("a client made its 250 requests");
    }

    assert_eq!(sessions(&app).await, before);
}

#[tokio::test]
async fn an_anonymous_language_choice_is_kept_in_a_cookie_and_stores_nothing() {
    let app = TestApp::spawn().await;

    let english = app.page("/login?lang=en").await;
    let later = app.page("/feedback/new").await;

    assert_eq!(texts(&english, "h1"), ["Sign in"]);
    assert_eq!(later.root_element().value().attr("lang"), Some("en"));
    assert_eq!(sessions(&app).await, 0);
    assert_eq!(
        texts(&app.page("/login?lang=fr").await, "h1"),
        ["Connexion"]
    );
}

/// Posts Dana's credentials to the login form with `token`.
async fn sign_in_with(app: &TestApp, token: &str) -> Response {
    let fields = [
        ("email", "dana@example.org"),
        ("password", PASSWORD),
        ("csrf", token),
    ];
    app.post_raw("/login", &fields).await
}

/// `token` with its last digit changed.
fn altered(token: &str) -> String {
    let (head, last) = token.split_at(token.len() - 1);
    format!("{head}{}", if last == "0" { "1" } else { "0" })
}

#[tokio::test]
async fn signing_in_refuses_another_visitors_token_or_an_altered_one_and_accepts_its_own() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    let stranger = csrf_token(&app.visitor().page("/login").await);
    let own = csrf_token(&app.page("/login").await);

    let with_strangers = sign_in_with(&app, &stranger).await;
    let with_altered = sign_in_with(&app, &altered(&own)).await;
    assert_eq!(sessions(&app).await, 0, "a refused sign-in stores nothing");
    let with_own = sign_in_with(&app, &own).await;

    assert_eq!(with_strangers.status(), StatusCode::FORBIDDEN);
    assert_eq!(with_altered.status(), StatusCode::FORBIDDEN);
    assert_redirects_to(&with_own, "/");
    assert_eq!(sessions(&app).await, 1, "the session is stored at sign-in");
    assert_eq!(app.get("/timeline").await.status(), StatusCode::OK);
}

/// Sends the public form, with `token` if any.
async fn send_feedback(app: &TestApp, token: Option<&str>) -> Response {
    let mut sent = fields("Le bouton ne répond pas", "bug", "2", "");
    sent.extend(token.map(|token| ("csrf", token)));
    app.post_raw(FORM, &sent).await
}

#[tokio::test]
async fn the_public_form_refuses_a_missing_or_wrong_token_and_accepts_the_right_one() {
    let app = TestApp::spawn().await;
    let stranger = csrf_token(&app.visitor().page(FORM).await);
    let own = csrf_token(&app.page(FORM).await);

    let without = send_feedback(&app, None).await;
    let with_strangers = send_feedback(&app, Some(&stranger)).await;
    let with_altered = send_feedback(&app, Some(&altered(&own))).await;
    assert_eq!(app.count("feedback", "true").await, 0);
    let with_own = send_feedback(&app, Some(&own)).await;

    assert_eq!(without.status(), StatusCode::FORBIDDEN);
    assert_eq!(with_strangers.status(), StatusCode::FORBIDDEN);
    assert_eq!(with_altered.status(), StatusCode::FORBIDDEN);
    assert_redirects_to(&with_own, "/feedback/thanks");
    assert_eq!(app.count("feedback", "true").await, 1);
    assert_eq!(sessions(&app).await, 0);
}

#[tokio::test]
async fn a_form_drawn_by_one_instance_is_accepted_by_another_on_the_same_database() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    let other = Visitor {
        address: serve(app.db.clone()).await,
        client: forgetful_client(),
    };
    let visitor = Visitor {
        address: app.address,
        client: forgetful_client(),
    };
    // Both instances meet the key for the first time at once.
    let (drawn, _) = tokio::join!(visitor.get("/login"), other.get("/login"));
    let nonce = cookie(&drawn, "lc_csrf").expect("a first visit gets a nonce");
    let token = csrf_token(&Html::parse_document(&drawn.text().await.unwrap()));

    let response = other
        .client
        .post(other.url("/login"))
        .header("cookie", nonce)
        .form(&[
            ("email", "dana@example.org"),
            ("password", PASSWORD),
            ("csrf", token.as_str()),
        ])
        .send()
        .await
        .unwrap();

    assert_redirects_to(&response, "/");
    assert_eq!(app.count("csrf_keys", "true").await, 1);
}
