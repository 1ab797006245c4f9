use launch_control::domain::role::Role;
use launch_control::web::setup;
use reqwest::{Response, StatusCode};
use scraper::Html;

use crate::helpers::{PASSWORD, TestApp, Visitor, assert_redirects_to, csrf_token, texts};

const NEW_PASSWORD: &str = "sparkling otter juggles quietly";

/// The one-time link in the flash message of a page.
fn link_in_flash(page: &Html) -> String {
    let flash = texts(page, ".flash").join(" ");
    let start = flash
        .find("/reset?token=")
        .expect("the flash holds a reset link");
    flash[start..].split_whitespace().next().unwrap().to_owned()
}

/// Sets `password` through the `/reset?token=...` page `link`, as its
/// owner does; the answer.
pub(crate) async fn set_password(owner: &Visitor, link: &str, password: &str) -> Response {
    owner
        .submit(
            link,
            "/reset",
            &[
                ("token", link.trim_start_matches("/reset?token=")),
                ("password", password),
                ("password_confirmation", password),
            ],
        )
        .await
}

#[tokio::test]
async fn setup_creates_the_first_admin_once_and_only_while_there_is_none() {
    let app = TestApp::spawn().await;
    let secret = setup::issue_link_if_no_admin(&app.db)
        .await
        .unwrap()
        .expect("no admin yet");
    let page = format!("/setup?token={secret}");
    assert_eq!(
        app.get("/setup?token=wrong").await.status(),
        StatusCode::NOT_FOUND
    );

    let weak = app
        .submit(
            &page,
            "/setup",
            &[
                ("token", &secret),
                ("email", "a@example.org"),
                ("name", "Ada"),
                ("password", "password1234"),
                ("password_confirmation", "password1234"),
            ],
        )
        .await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("users", "true").await, 0);

    let created = app
        .submit(
            &page,
            "/setup",
            &[
                ("token", &secret),
                ("email", "a@example.org"),
                ("name", "Ada"),
                ("password", NEW_PASSWORD),
                ("password_confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_redirects_to(&created, "/");
    assert_eq!(
        app.get("/admin/users").await.status(),
        StatusCode::OK,
        "the new admin is signed in"
    );
    assert_eq!(app.count("users", "role = 'admin'").await, 1);

    let other = app.visitor();
    assert_eq!(
        other.get(&page).await.status(),
        StatusCode::NOT_FOUND,
        "the link is dead once used"
    );
    assert!(
        setup::issue_link_if_no_admin(&app.db)
            .await
            .unwrap()
            .is_none(),
        "no new link once an admin exists"
    );
    let token = csrf_token(&other.page("/login").await);
    let replay = other
        .post_raw(
            "/setup",
            &[
                ("csrf", &token),
                ("token", &secret),
                ("email", "b@example.org"),
                ("name", "Bob"),
                ("password", NEW_PASSWORD),
                ("password_confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(replay.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("users", "true").await, 1);
}

#[tokio::test]
async fn an_admin_creates_an_account_whose_owner_sets_a_password_through_the_link() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;
    let team = app.team_id("qa").await.to_string();

    let invalid = app
        .submit(
            "/admin/users",
            "/admin/users",
            &[
                ("email", "not an email"),
                ("name", "Quinn"),
                ("role", "lead"),
                ("team", &team),
            ],
        )
        .await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&invalid.text().await.unwrap());
    assert_eq!(
        texts(&page, "#email-error"),
        ["Cette adresse e-mail n'est pas valide."]
    );
    assert_eq!(
        texts(&page, "select#role option[selected]"),
        ["Responsable d'équipe"],
        "the values are kept"
    );

    let created = app
        .submit(
            "/admin/users",
            "/admin/users",
            &[
                ("email", "quinn@example.org"),
                ("name", "Quinn"),
                ("role", "lead"),
                ("team", &team),
            ],
        )
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER);
    let account = created.headers()["location"].to_str().unwrap().to_owned();
    let link = link_in_flash(&app.page(&account).await);

    let owner = app.visitor();
    let set = set_password(&owner, &link, NEW_PASSWORD).await;
    assert_redirects_to(&set, "/login");
    assert_redirects_to(&owner.login("quinn@example.org", NEW_PASSWORD).await, "/");
    assert_eq!(
        owner.get(&link).await.status(),
        StatusCode::NOT_FOUND,
        "the link works once"
    );
    assert_eq!(
        app.count(
            "activity_events",
            "kind in ('user.created', 'user.password_reset')"
        )
        .await,
        2
    );
}

#[tokio::test]
async fn a_disabled_users_open_session_stops_working_at_once() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;
    let member = app.visitor();
    let member_id = app.login_as_in(&member, Role::Member, Some("qa")).await;
    assert_eq!(member.get("/timeline").await.status(), StatusCode::OK);

    let account = format!("/admin/users/{member_id}");
    assert_redirects_to(
        &app.submit(&account, &format!("{account}/disable"), &[])
            .await,
        &account,
    );

    assert_eq!(
        member.get("/timeline").await.status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(
        member
            .login("member-qa@example.org", PASSWORD)
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.count("activity_events", "kind = 'user.disabled'").await,
        1
    );
}

#[tokio::test]
async fn a_role_change_is_an_activity_event_and_a_stale_edit_is_refused() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;
    let id = app
        .create_user("dana@example.org", "Dana", Role::Member)
        .await;
    let account = format!("/admin/users/{id}");

    let promoted = app
        .submit(
            &account,
            &account,
            &[
                ("name", "Dana"),
                ("role", "lead"),
                ("team", ""),
                ("version", "1"),
            ],
        )
        .await;
    let stale = app
        .submit(
            &account,
            &account,
            &[
                ("name", "Dana D."),
                ("role", "viewer"),
                ("team", ""),
                ("version", "1"),
            ],
        )
        .await;

    assert_redirects_to(&promoted, &account);
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let page = Html::parse_document(&stale.text().await.unwrap());
    assert!(
        texts(&page, "[role=alert]")[0].contains("Dana D."),
        "the attempted change is shown"
    );
    let role: String = sqlx::query_scalar("select role from users where id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(role, "lead");
    assert_eq!(
        app.count("activity_events", "kind = 'user.role_changed'")
            .await,
        1
    );
}

#[tokio::test]
async fn repeated_failed_logins_from_one_address_answer_429_there_even_with_the_right_password() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    for _ in 0..5 {
        assert_eq!(
            app.login("dana@example.org", "wrong password")
                .await
                .status(),
            StatusCode::UNAUTHORIZED
        );
    }

    let throttled = app.login("dana@example.org", PASSWORD).await;

    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    let page = Html::parse_document(&throttled.text().await.unwrap());
    assert!(texts(&page, "[data-error-summary] li")[0].starts_with("Trop de tentatives"));
    assert_redirects_to(&app.get("/").await, "/login");
}

#[tokio::test]
async fn guessing_the_current_password_is_throttled_and_recorded_like_a_sign_in() {
    let app = TestApp::spawn().await;
    let member = app.login_as(Role::Member).await;
    let change = |current| {
        [
            ("current_password", current),
            ("password", NEW_PASSWORD),
            ("password_confirmation", NEW_PASSWORD),
        ]
    };
    for _ in 0..5 {
        let wrong = app
            .submit("/account", "/account/password", &change("a guess"))
            .await;
        assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    }

    let throttled = app
        .submit("/account", "/account/password", &change(PASSWORD))
        .await;

    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    let page = Html::parse_document(&throttled.text().await.unwrap());
    assert_eq!(
        texts(&page, "#current_password-error"),
        ["Trop de mots de passe erronés. Attendez un quart d'heure avant de réessayer."]
    );
    assert_eq!(
        app.count(
            "activity_events",
            &format!("kind = 'user.login_failed' and actor_id = '{member}'")
        )
        .await,
        5
    );
    assert_eq!(
        app.count(
            "login_attempts",
            "lower(email) = 'member-none@example.org' and not succeeded"
        )
        .await,
        5
    );
    assert_eq!(
        app.visitor()
            .login("member-none@example.org", PASSWORD)
            .await
            .status(),
        StatusCode::TOO_MANY_REQUESTS,
        "a sign-in from that address too"
    );
}

#[tokio::test]
async fn a_wrong_password_never_opens_a_session_nor_answers_5xx_whatever_is_sent() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    let long = "x".repeat(10_000);
    let odd = [
        "",
        " ",
        "dana@example.org\0",
        "' or 1=1 --",
        &long,
        "é\u{202e}",
    ];

    for (index, value) in odd.iter().enumerate() {
        let visitor = app.visitor();
        let response = visitor
            .login(
                if index % 2 == 0 {
                    value
                } else {
                    "dana@example.org"
                },
                value,
            )
            .await;
        assert!(
            response.status().is_client_error(),
            "{:?} -> {}",
            value.get(..20),
            response.status()
        );
        assert_redirects_to(&visitor.get("/").await, "/login");
    }
}

#[tokio::test]
async fn a_user_changes_their_password_and_language_and_logs_out_everywhere() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Member).await;
    let laptop = app.visitor();
    assert_redirects_to(
        &laptop.login("member-none@example.org", PASSWORD).await,
        "/",
    );

    let wrong = app
        .submit(
            "/account",
            "/account/password",
            &[
                ("current_password", "nope"),
                ("password", NEW_PASSWORD),
                ("password_confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_redirects_to(
        &app.submit("/account", "/account/language", &[("language", "en")])
            .await,
        "/account",
    );
    assert_eq!(texts(&app.page("/account").await, "h1"), ["My account"]);
    let changed = app
        .submit(
            "/account",
            "/account/password",
            &[
                ("current_password", PASSWORD),
                ("password", NEW_PASSWORD),
                ("password_confirmation", NEW_PASSWORD),
            ],
        )
        .await;
    assert_redirects_to(&changed, "/account");
    assert_eq!(
        app.get("/timeline").await.status(),
        StatusCode::OK,
        "this session goes on"
    );
    assert_eq!(
        laptop.get("/timeline").await.status(),
        StatusCode::SEE_OTHER,
        "the other one ended"
    );

    assert_redirects_to(
        &app.submit("/account", "/account/sessions", &[]).await,
        "/login",
    );
    assert_eq!(app.get("/timeline").await.status(), StatusCode::SEE_OTHER);
    let english = app.visitor();
    assert_redirects_to(
        &english.login("member-none@example.org", NEW_PASSWORD).await,
        "/",
    );
    assert_eq!(
        texts(&english.page("/timeline").await, "h1"),
        ["Launch timeline"],
        "the language follows the user"
    );
}

#[tokio::test]
async fn a_new_reset_link_replaces_the_old_one_and_ends_the_users_sessions_once_used() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;
    let member = app.visitor();
    let member_id = app.login_as_in(&member, Role::Member, Some("qa")).await;
    let account = format!("/admin/users/{member_id}");
    let reset = format!("{account}/reset");

    app.submit(&account, &reset, &[]).await;
    let first = link_in_flash(&app.page(&account).await);
    app.submit(&account, &reset, &[]).await;
    let second = link_in_flash(&app.page(&account).await);

    let owner = app.visitor();
    assert_eq!(
        owner.get(&first).await.status(),
        StatusCode::NOT_FOUND,
        "the older link is revoked"
    );
    let set = set_password(&owner, &second, NEW_PASSWORD).await;
    assert_redirects_to(&set, "/login");
    assert_eq!(
        member.get("/timeline").await.status(),
        StatusCode::SEE_OTHER,
        "the member's old session ended"
    );
    assert_eq!(
        app.count("activity_events", "kind = 'user.password_reset_issued'")
            .await,
        2
    );
}

#[tokio::test]
async fn with_a_public_url_the_links_handed_out_are_on_it_whatever_the_host_header() {
    let app = TestApp::spawn_with_public_url("https://launch.example.org/").await;
    app.login_as(Role::Admin).await;
    let member_id = app
        .create_user("mia@example.org", "Mia", Role::Member)
        .await;
    let account = format!("/admin/users/{member_id}");
    let reset = format!("{account}/reset");

    app.submit(&account, &reset, &[]).await;
    let page = app.page(&account).await;
    let flash = texts(&page, ".flash").join(" ");
    assert!(
        flash.contains("https://launch.example.org/reset?token="),
        "{flash}"
    );
    crate::launch::create_screen(&app, "Hall").await;
    let screens = app
        .client
        .get(app.url("/screens"))
        .header("host", "attacker.example")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let page = Html::parse_document(&screens);
    let links: Vec<&str> = page
        .select(&scraper::Selector::parse("input.link-text").unwrap())
        .filter_map(|field| field.value().attr("value"))
        .collect();
    assert!(!links.is_empty());
    assert!(
        links
            .iter()
            .all(|link| link.starts_with("https://launch.example.org/")),
        "a forged Host header is not used: {links:?}"
    );
}
