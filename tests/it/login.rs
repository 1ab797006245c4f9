use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::helpers::{PASSWORD, TestApp, assert_redirects_to, csrf_token, texts};

#[tokio::test]
async fn a_user_signs_in_with_the_right_password_and_reaches_the_page_asked_for() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    assert_redirects_to(&app.get("/timeline").await, "/login?next=%2Ftimeline");

    let token = csrf_token(&app.page("/login?next=%2Ftimeline").await);
    let response = app
        .post_raw(
            "/login",
            &[
                ("email", "Dana@Example.org"),
                ("password", PASSWORD),
                ("next", "/timeline"),
                ("csrf", &token),
            ],
        )
        .await;

    assert_redirects_to(&response, "/timeline");
    assert_eq!(app.get("/timeline").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn a_wrong_password_shows_the_form_again_with_the_email_kept() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;

    let response = app.login("dana@example.org", "not the password").await;

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let page = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(
        texts(&page, "[role=alert]"),
        ["Adresse e-mail ou mot de passe incorrect."]
    );
    let email = Selector::parse("input[name=email]").unwrap();
    assert_eq!(
        page.select(&email).next().unwrap().value().attr("value"),
        Some("dana@example.org")
    );
    assert_redirects_to(&app.get("/").await, "/login");
}

#[tokio::test]
async fn an_unknown_email_is_refused_like_a_wrong_password() {
    let app = TestApp::spawn().await;

    let response = app.login("nobody@example.org", PASSWORD).await;

    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_redirects_to(&app.get("/").await, "/login");
}

#[tokio::test]
async fn a_login_without_the_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    app.page("/login").await;

    let response = app
        .post_raw(
            "/login",
            &[("email", "dana@example.org"), ("password", PASSWORD)],
        )
        .await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    let page = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(texts(&page, "h1"), ["Formulaire expiré"]);
    assert_redirects_to(&app.get("/").await, "/login");
}

#[tokio::test]
async fn a_csrf_token_from_another_session_is_refused() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    let other = TestApp::spawn().await;
    let foreign_token = csrf_token(&other.page("/login").await);
    app.page("/login").await;

    let response = app
        .post_raw(
            "/login",
            &[
                ("email", "dana@example.org"),
                ("password", PASSWORD),
                ("csrf", &foreign_token),
            ],
        )
        .await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn the_session_cookie_changes_at_login_and_is_http_only() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    let before = app.get("/login").await;
    let anonymous = before.headers()["set-cookie"].to_str().unwrap().to_owned();
    let token = csrf_token(&Html::parse_document(&before.text().await.unwrap()));

    let response = app
        .post_raw(
            "/login",
            &[
                ("email", "dana@example.org"),
                ("password", PASSWORD),
                ("csrf", &token),
            ],
        )
        .await;

    let signed_in = response.headers()["set-cookie"].to_str().unwrap();
    assert!(
        signed_in.contains("HttpOnly") && signed_in.contains("SameSite=Lax"),
        "{signed_in}"
    );
    let id = |cookie: &str| cookie.split(';').next().unwrap().to_owned();
    assert_ne!(id(&anonymous), id(signed_in));
}

#[tokio::test]
async fn signing_out_ends_the_session() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Member).await;

    let response = app.submit("/timeline", "/logout", &[]).await;

    assert_redirects_to(&response, "/login");
    assert_redirects_to(&app.get("/timeline").await, "/login?next=%2Ftimeline");
}

#[tokio::test]
async fn a_next_target_on_another_site_is_ignored() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;

    let response = app
        .submit(
            "/login",
            "/login",
            &[
                ("email", "dana@example.org"),
                ("password", PASSWORD),
                ("next", "//evil.example/"),
            ],
        )
        .await;

    assert_redirects_to(&response, "/");
}

#[tokio::test]
async fn logins_and_failed_logins_are_activity_events() {
    let app = TestApp::spawn().await;
    let user_id = app
        .create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    app.login("dana@example.org", "wrong password").await;
    app.login("dana@example.org", PASSWORD).await;

    let kinds: Vec<(String, Option<uuid::Uuid>)> = sqlx::query_as(
        "select kind, actor_id from activity_events where kind like 'user.%' order by id",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();

    assert_eq!(
        kinds,
        [
            ("user.login_failed".to_owned(), None),
            ("user.logged_in".to_owned(), Some(user_id))
        ]
    );
}
