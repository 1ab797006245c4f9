use std::net::SocketAddr;
use std::time::{Duration, Instant};

use futures_util::future::join_all;
use launch_control::app::{self, Options};
use launch_control::domain::role::Role;
use launch_control::state::AppState;
use reqwest::{Response, StatusCode};
use scraper::{Html, Selector};
use tokio::net::TcpListener;

use crate::helpers::{
    PASSWORD, TestApp, Visitor, assert_redirects_to, csrf_token, new_client, texts,
};

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
        texts(&page, "[data-error-summary] li"),
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

/// The app on `app`'s database behind one trusted proxy: a request's
/// `X-Forwarded-For` names its client.
async fn behind_a_proxy(app: &TestApp) -> Visitor {
    let options = Options {
        trusted_proxy_hops: 1,
        ..Options::default()
    };
    let router = app::router(AppState::new(app.db.clone()), options);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service).await.unwrap();
    });
    Visitor {
        address,
        client: new_client(),
    }
}

/// Posts the login form with `token` as if from `client`.
async fn login_from(
    visitor: &Visitor,
    token: &str,
    client: &str,
    email: &str,
    password: &str,
) -> Response {
    visitor
        .client
        .post(visitor.url("/login"))
        .header("x-forwarded-for", client)
        .form(&[("email", email), ("password", password), ("csrf", token)])
        .send()
        .await
        .expect("the app answers")
}

/// Posts the login form as [`login_from`] does, again after each 503: a
/// loaded machine may leave a check waiting for a hashing permit longer than
/// the server waits, and a browser would be told to come back. What is
/// counted is the answer once the server took the check.
async fn login_until_taken(
    visitor: &Visitor,
    token: &str,
    client: &str,
    email: &str,
    password: &str,
) -> Response {
    loop {
        let response = login_from(visitor, token, client, email, password).await;
        if response.status() != StatusCode::SERVICE_UNAVAILABLE {
            return response;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

#[tokio::test]
async fn five_wrong_passwords_from_one_address_slow_the_owner_down_but_do_not_lock_them_out() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    let stranger = behind_a_proxy(&app).await;
    let token = csrf_token(&stranger.page("/login").await);
    for email in ["dana@example.org", "DANA@example.org", "Dana@Example.org"]
        .iter()
        .cycle()
        .take(5)
    {
        let wrong = login_from(&stranger, &token, "203.0.113.7", email, "a guess").await;
        assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    }
    let refused = login_from(
        &stranger,
        &token,
        "203.0.113.7",
        "dana@example.org",
        PASSWORD,
    )
    .await;
    assert_eq!(
        refused.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "that address is refused, whatever it sends"
    );

    let owner = Visitor {
        address: stranger.address,
        client: new_client(),
    };
    let token = csrf_token(&owner.page("/login").await);
    let started = Instant::now();
    let signed_in = login_from(
        &owner,
        &token,
        "198.51.100.20",
        "dana@example.org",
        PASSWORD,
    )
    .await;

    assert_redirects_to(&signed_in, "/");
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "the account's checks are slowed down after five failures"
    );
    assert_eq!(owner.get("/timeline").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn parallel_wrong_passwords_from_one_address_are_counted_exactly() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    let stranger = behind_a_proxy(&app).await;
    let token = csrf_token(&stranger.page("/login").await);
    let statuses = |responses: Vec<Response>| {
        let mut statuses: Vec<u16> = responses.iter().map(|r| r.status().as_u16()).collect();
        statuses.sort_unstable();
        statuses
    };

    let one_account = (0..12).map(|_| {
        login_until_taken(
            &stranger,
            &token,
            "203.0.113.7",
            "dana@example.org",
            "a guess",
        )
    });
    let one_account = statuses(join_all(one_account).await);
    let emails: Vec<String> = (0..22).map(|n| format!("nobody{n}@example.org")).collect();
    let any_account = emails
        .iter()
        .map(|email| login_until_taken(&stranger, &token, "203.0.113.8", email, "a guess"));
    let any_account = statuses(join_all(any_account).await);

    assert_eq!(
        one_account.iter().filter(|s| **s == 401).count(),
        5,
        "five checks for one account: {one_account:?}"
    );
    assert_eq!(
        any_account.iter().filter(|s| **s == 401).count(),
        20,
        "twenty checks from one address: {any_account:?}"
    );
    for status in one_account.iter().chain(&any_account) {
        assert!([401, 429].contains(status), "{status}");
    }
    let failed = |address: &str| {
        let condition = format!("address = '{address}' and not succeeded");
        let app = &app;
        async move { app.count("login_attempts", &condition).await }
    };
    assert_eq!(failed("203.0.113.7").await, 5);
    assert_eq!(failed("203.0.113.8").await, 20);
    let after = login_from(
        &stranger,
        &token,
        "203.0.113.8",
        "dana@example.org",
        PASSWORD,
    )
    .await;
    assert_eq!(after.status(), StatusCode::TOO_MANY_REQUESTS);
}
