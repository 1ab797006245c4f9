//! Hostile inputs: where `next` may lead, control characters anywhere in a
//! request, client request ids, stale moves, and titles in the calendar feed.

use icalendar::Component;
use launch_control::auth::tokens::{self, Purpose};
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;
use uuid::Uuid;

use crate::helpers::{PASSWORD, TestApp, Visitor, assert_redirects_to, csrf_token, texts};

#[tokio::test]
async fn a_next_with_a_tab_after_sign_in_lands_on_the_overview_not_off_site() {
    let app = TestApp::spawn().await;
    app.create_user("dana@example.org", "Dana", Role::Lead)
        .await;
    let token = csrf_token(&app.page("/login").await);

    // The form's hidden field, as a browser posts it: next=/%09/evil.example
    let signed_in = app
        .post_raw(
            "/login",
            &[
                ("email", "dana@example.org"),
                ("password", PASSWORD),
                ("next", "/\t/evil.example/x"),
                ("csrf", &token),
            ],
        )
        .await;

    assert_redirects_to(&signed_in, "/");
    // Signed in, `/login` sends on to `next` at once.
    for next in ["/%C3%A9t%C3%A9", "https://evil.example", "//evil.example"] {
        let page = app.get(&format!("/login?next={next}")).await;
        assert_redirects_to(&page, "/");
    }
    let in_query = app.get("/login?next=/%09/evil.example").await;
    assert_eq!(in_query.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn a_nul_byte_in_a_form_field_or_in_a_query_string_answers_the_422_page() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;

    let in_form = app
        .submit(
            "/login",
            "/login",
            &[("email", "dana\0@example.org"), ("password", PASSWORD)],
        )
        .await;
    let in_query = lead.get("/risks?q=%00").await;
    let in_path = lead.get("/items/%00").await;
    let escape_in_query = lead.get("/?lang=en%1B").await;

    for response in [in_form, in_query, in_path, escape_in_query] {
        let url = response.url().clone();
        assert_eq!(response.status(), StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        let page = Html::parse_document(&response.text().await.unwrap());
        assert_eq!(texts(&page, "h1"), ["Caractères refusés"], "{url}");
    }
}

#[tokio::test]
async fn line_breaks_and_tabs_in_a_multi_line_field_still_pass() {
    let app = TestApp::spawn().await;

    let sent = app
        .submit(
            "/feedback/new",
            "/feedback/new",
            &[
                ("message", "Le jeu plante :\r\n\t1. au chargement"),
                ("category", "bug"),
                ("rating", "2"),
                ("email", "dana@example.org"),
            ],
        )
        .await;

    assert_redirects_to(&sent, "/feedback/thanks");
    let stored = "message like E'Le jeu plante :%\\n\\t1. au chargement'";
    assert_eq!(app.count("feedback", stored).await, 1);
}

#[tokio::test]
async fn a_client_request_id_is_kept_when_short_and_plain_and_replaced_otherwise() {
    let app = TestApp::spawn().await;
    let with_id = |id: String| {
        app.client
            .get(app.url("/healthz"))
            .header("x-request-id", id)
            .send()
    };

    let plain = with_id("lb-7f3a-42".into()).await.unwrap();
    let forged = with_id("x\" level=error msg=forged".into()).await.unwrap();
    let long = with_id("a".repeat(65)).await.unwrap();
    let none = app.get("/healthz").await;

    assert_eq!(plain.headers()["x-request-id"], "lb-7f3a-42");
    for replaced in [forged, long, none] {
        let id = replaced.headers()["x-request-id"].to_str().unwrap();
        assert!(Uuid::parse_str(id).is_ok(), "a generated id, not {id:?}");
    }
}

#[tokio::test]
async fn moving_an_item_with_a_stale_version_answers_409_and_moves_nothing() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase, version): (Uuid, Uuid, i32) = sqlx::query_as(
        "select i.id, i.phase_id, i.version from checklist_items i
         join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position desc limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let page = format!("/phases/{phase}");
    let before = order(&lead, &page).await;
    let stale = (version - 1).to_string();

    let refused = lead
        .submit(
            &page,
            &format!("/items/{item}/move"),
            &[("direction", "up"), ("version", &stale)],
        )
        .await;

    assert_eq!(refused.status(), StatusCode::CONFLICT);
    assert_eq!(order(&lead, &page).await, before);
    assert_eq!(app.count("activity_events", "kind = 'item.moved'").await, 0);
    let moved = lead
        .submit(
            &page,
            &format!("/items/{item}/move"),
            &[("direction", "up"), ("version", &version.to_string())],
        )
        .await;
    assert_redirects_to(&moved, &format!("{page}#item-{item}"));
    assert_ne!(order(&lead, &page).await, before);
}

/// The titles of a phase's items, in their order.
async fn order(visitor: &Visitor, phase_page: &str) -> Vec<String> {
    texts(&visitor.page(phase_page).await, "tr.item .item-title")
}

#[tokio::test]
async fn a_bare_cr_in_a_stored_title_stays_inside_its_line_in_the_calendar_feed() {
    let app = TestApp::spawn().await;
    let admin = app
        .create_user("admin@example.org", "Admin", Role::Admin)
        .await;
    let mut conn = app.db.acquire().await.unwrap();
    let (_, secret) = tokens::issue_revocable(&mut conn, Purpose::Calendar, None, admin)
        .await
        .unwrap();
    sqlx::query(
        "update communication_actions set title = 'Annonce' || chr(13) || 'END:VEVENT'
         where id = (select id from communication_actions order by day limit 1)",
    )
    .execute(&mut *conn)
    .await
    .unwrap();
    sqlx::query("update plans set name = 'Lancement; v2,' || chr(13) || 'final'")
        .execute(&mut *conn)
        .await
        .unwrap();
    app.plan_edited();

    let feed = app.get(&format!("/timeline.ics?token={secret}")).await;

    assert_eq!(feed.status(), StatusCode::OK);
    let body = feed.text().await.unwrap();
    let lines: Vec<&str> = body.split("\r\n").collect();
    for line in &lines {
        assert!(!line.contains(['\r', '\n']), "a broken line: {line:?}");
    }
    assert!(lines.contains(&"NAME:Lancement\\; v2\\,\\nfinal"), "{body}");
    let calendar: icalendar::Calendar = body.parse().expect("a valid iCalendar");
    let summaries: Vec<&str> = calendar
        .events()
        .filter_map(|event| event.get_summary())
        .collect();
    assert!(
        summaries
            .iter()
            .any(|summary| summary.ends_with("Annonce\nEND:VEVENT")),
        "{summaries:?}"
    );
}
