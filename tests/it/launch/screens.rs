//! Named wall screens and the calendar link on `/screens`: each screen has a
//! link of its own, shown again with when it was last seen; revoking one
//! leaves the others on; admins and marketing leads manage them.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;

use super::{admin, create_screen, issue_calendar_link, link_path};
use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

/// Opens a wall screen's live updates and answers their status (the stream
/// itself is dropped at once).
async fn stream_status(wall: &Visitor, link: &str) -> StatusCode {
    wall.get(&format!("{link}/events")).await.status()
}

#[tokio::test]
async fn two_named_screens_work_without_a_session_and_revoking_one_leaves_the_other_on() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let (open_space, open_space_link) = create_screen(&admin, "Open space").await;
    let (_, reception_link) = create_screen(&admin, "Accueil").await;
    let wall = app.visitor();
    assert_ne!(
        open_space_link, reception_link,
        "each screen has its own link"
    );
    for link in [&open_space_link, &reception_link] {
        assert_eq!(wall.get(link).await.status(), StatusCode::OK, "{link}");
        assert_eq!(stream_status(&wall, link).await, StatusCode::OK, "{link}");
    }

    let revoked = admin
        .submit("/screens", &format!("/screens/{open_space}/revoke"), &[])
        .await;

    assert_redirects_to(&revoked, "/screens");
    assert_eq!(
        wall.get(&open_space_link).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        stream_status(&wall, &open_space_link).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(wall.get(&reception_link).await.status(), StatusCode::OK);
    assert_eq!(stream_status(&wall, &reception_link).await, StatusCode::OK);
    let page = admin.page("/screens").await;
    let listed = texts(&page, "table.screens tbody th");
    assert_eq!(listed.len(), 1, "{listed:?}");
    assert!(listed[0].starts_with("Accueil "), "{listed:?}");
    assert_eq!(
        app.count("activity_events", "kind = 'plan.screen_created'")
            .await,
        2
    );
    assert_eq!(
        app.count("activity_events", "kind = 'plan.screen_revoked'")
            .await,
        1
    );
    let again = admin
        .submit("/screens", &format!("/screens/{open_space}/revoke"), &[])
        .await;
    assert_eq!(again.status(), StatusCode::NOT_FOUND, "revoked once only");
}

#[tokio::test]
async fn a_marketing_lead_creates_a_screen_and_a_member_cannot() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("marketing")).await;
    let member = app.visitor();
    app.login_as_in(&member, Role::Member, Some("marketing"))
        .await;

    let (id, link) = create_screen(&lead, "Accueil").await;

    assert_eq!(app.visitor().get(&link).await.status(), StatusCode::OK);
    assert_eq!(member.get("/screens").await.status(), StatusCode::FORBIDDEN);
    // Signed in, a member still has a CSRF token: the refusal is the role's.
    for (action, fields) in [
        ("/screens", vec![("name", "Cafétéria")]),
        (&*format!("/screens/{id}/revoke"), vec![]),
        ("/screens/calendar", vec![]),
    ] {
        let response = member.submit("/", action, &fields).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
    }
    assert_eq!(app.count("kiosk_screens", "true").await, 1);
    assert_eq!(app.visitor().get(&link).await.status(), StatusCode::OK);
    assert_eq!(app.count("access_tokens", "purpose = 'calendar'").await, 0);
}

#[tokio::test]
async fn forms_without_the_csrf_token_are_refused() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;

    let response = admin.post_raw("/screens", &[("name", "Accueil")]).await;

    assert_eq!(response.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("kiosk_screens", "true").await, 0);
}

#[tokio::test]
async fn a_screen_needs_a_name_no_live_screen_has() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let (id, _) = create_screen(&admin, "Accueil").await;

    for name in ["  ", " accueil "] {
        let response = admin
            .submit("/screens", "/screens", &[("name", name)])
            .await;
        assert_eq!(
            response.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{name:?}"
        );
        let page = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(texts(&page, "#name-error").len(), 1, "{name:?}");
    }
    assert_eq!(app.count("kiosk_screens", "true").await, 1);

    admin
        .submit("/screens", &format!("/screens/{id}/revoke"), &[])
        .await;
    create_screen(&admin, "Accueil").await;
}

#[tokio::test]
async fn the_list_shows_each_link_again_and_when_it_was_last_seen() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("marketing")).await;
    let (id, link) = create_screen(&lead, "Open space").await;
    let calendar = issue_calendar_link(&lead).await;
    let row = format!("#screen-{id}");
    let page = lead.page("/screens").await;
    assert_eq!(texts(&page, &format!("{row} .seen")), ["Jamais ouvert"]);
    assert_eq!(
        texts(&page, &format!("{row} button[data-copy]")),
        ["Copier"],
        "a copy button, shown by the script"
    );

    assert_eq!(app.visitor().get(&link).await.status(), StatusCode::OK);
    let seen = last_seen(&app).await;
    assert_eq!(app.visitor().get(&link).await.status(), StatusCode::OK);

    assert!(seen.is_some(), "opening the page marks it seen");
    assert_eq!(last_seen(&app).await, seen, "at most once a minute");
    let page = lead.page("/screens").await;
    assert_eq!(texts(&page, &format!("{row} .seen")), ["Vu à l'instant"]);
    assert_eq!(
        link_path(&page, &format!("{row} input.link-text")),
        link,
        "the same link, shown again"
    );
    assert_eq!(link_path(&page, "#calendar input.link-text"), calendar);
    assert_eq!(app.visitor().get(&calendar).await.status(), StatusCode::OK);
}

/// When the only screen was last seen.
async fn last_seen(app: &TestApp) -> Option<chrono::DateTime<chrono::Utc>> {
    sqlx::query_scalar(
        "select t.last_seen_at from kiosk_screens s join access_tokens t on t.id = s.token_id",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn an_open_wall_screen_stream_ends_when_its_screen_is_revoked() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let (screen, link) = create_screen(&admin, "Open space").await;
    let wall = app.visitor();
    let mut stream = wall
        .client
        .get(wall.url(&format!("{link}/events")))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);

    let revoked = admin
        .submit("/screens", &format!("/screens/{screen}/revoke"), &[])
        .await;
    assert_redirects_to(&revoked, "/screens");

    let ended = tokio::time::timeout(std::time::Duration::from_secs(15), async {
        while let Ok(Some(_)) = stream.chunk().await {}
    })
    .await;
    assert!(ended.is_ok(), "the revoked screen's stream ends");
}
