//! One pooled connection per request: the sign-in and account forms, their
//! refusals included, answer on a pool with a single connection for requests.
//! A handler that held one connection and asked for another would wait for
//! the pool's timeout and answer 503.

use std::time::Duration;

use launch_control::app::Options;
use launch_control::domain::role::Role;
use launch_control::web::setup;
use reqwest::StatusCode;
use sqlx::postgres::PgPoolOptions;

use super::serve_with;
use crate::helpers::{PASSWORD, TestApp, Visitor, assert_redirects_to, new_client, texts};

const NEW_PASSWORD: &str = "sparkling otter juggles quietly";

/// The app on `app`'s database, with a pool of two connections: one for the
/// live updates' listener, which holds it for good, and one for requests.
async fn with_one_connection_for_requests(app: &TestApp) -> Visitor {
    let db = PgPoolOptions::new()
        .max_connections(2)
        .acquire_timeout(Duration::from_secs(2))
        .connect_lazy_with(app.db_options.clone());
    // Served once the listener holds its connection and has caught up.
    let address = serve_with(db.clone(), Options::default()).await;
    // The catch-up's own connection goes back to the pool in the background.
    let in_use = || db.size() as usize - db.num_idle();
    let deadline = std::time::Instant::now() + Duration::from_secs(15);
    while in_use() != 1 && std::time::Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(in_use(), 1, "the listener holds one");
    Visitor {
        address,
        client: new_client(),
    }
}

#[tokio::test]
async fn setup_sign_in_and_the_password_forms_answer_with_one_connection_for_requests() {
    let app = TestApp::spawn().await;
    app.create_user("taken@example.org", "Taken", Role::Member)
        .await;
    let secret = setup::issue_link_if_no_admin(&app.db)
        .await
        .unwrap()
        .unwrap();
    let admin = with_one_connection_for_requests(&app).await;
    let setup_page = format!("/setup?token={secret}");
    let first_admin = |email| {
        [
            ("token", secret.as_str()),
            ("email", email),
            ("name", "Ada"),
            ("password", NEW_PASSWORD),
            ("password_confirmation", NEW_PASSWORD),
        ]
    };

    let taken = first_admin("taken@example.org");
    let refused = admin.submit(&setup_page, "/setup", &taken).await;
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let ada = first_admin("ada@example.org");
    assert_redirects_to(&admin.submit(&setup_page, "/setup", &ada).await, "/");

    let dana = app
        .create_user("dana@example.org", "Dana", Role::Member)
        .await;
    let member = Visitor {
        address: admin.address,
        client: new_client(),
    };
    let wrong = member.login("dana@example.org", "not the password").await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_redirects_to(&member.login("dana@example.org", PASSWORD).await, "/");

    let password_change = |current| {
        [
            ("current_password", current),
            ("password", NEW_PASSWORD),
            ("password_confirmation", NEW_PASSWORD),
        ]
    };
    let wrong = member
        .submit("/account", "/account/password", &password_change("nope"))
        .await;
    assert_eq!(wrong.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let changed = member
        .submit("/account", "/account/password", &password_change(PASSWORD))
        .await;
    assert_redirects_to(&changed, "/account");

    let account = format!("/admin/users/{dana}");
    let edit = |name, version| {
        [
            ("name", name),
            ("role", "lead"),
            ("team", ""),
            ("version", version),
        ]
    };
    let invalid = admin.submit(&account, &account, &edit("", "1")).await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let stale = admin.submit(&account, &account, &edit("Dana", "0")).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);

    let issued = admin
        .submit(&account, &format!("{account}/reset"), &[])
        .await;
    assert_redirects_to(&issued, &account);
    let flash = texts(&admin.page(&account).await, ".flash").join(" ");
    let link = flash[flash.find("/reset?token=").unwrap()..]
        .split_whitespace()
        .next()
        .unwrap()
        .to_owned();
    let token = link.trim_start_matches("/reset?token=");
    let owner = Visitor {
        address: admin.address,
        client: new_client(),
    };
    let weak = [
        ("token", token),
        ("password", "short"),
        ("password_confirmation", "short"),
    ];
    let weak = owner.submit(&link, "/reset", &weak).await;
    assert_eq!(weak.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let strong = [
        ("token", token),
        ("password", "another otter juggles loudly"),
        ("password_confirmation", "another otter juggles loudly"),
    ];
    assert_redirects_to(&owner.submit(&link, "/reset", &strong).await, "/login");
}
