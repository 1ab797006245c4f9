//! `/communications`: late actions marked, filters, one-click moves, CSV.

use chrono::{Duration, NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;
use uuid::Uuid;

use super::newsletter;
use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

/// Moves J0 back so that today, in the plan's time zone, is J+`day` (arrange).
async fn make_today(app: &TestApp, day: i64) {
    let today: NaiveDate = Utc::now().with_timezone(&Paris).date_naive();
    sqlx::query("update plans set kickoff_date = $1")
        .bind(today - Duration::days(day))
        .execute(&app.db)
        .await
        .unwrap();
    app.plan_edited();
}

async fn action_state(app: &TestApp, id: Uuid) -> (String, i32) {
    sqlx::query_as("select state, version from communication_actions where id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Clicks a move of action `id` as drawn on `/communications`.
async fn click(visitor: &Visitor, id: Uuid, state: &str, version: &str) -> reqwest::Response {
    visitor
        .submit(
            "/communications",
            &format!("/communications/{id}/state"),
            &[("state", state), ("version", version), ("filters", "")],
        )
        .await
}

async fn marketing_lead(app: &TestApp) -> Visitor {
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("marketing")).await;
    lead
}

#[tokio::test]
async fn at_j_plus_25_the_actions_of_j_plus_22_and_j_plus_24_are_marked_late() {
    let app = TestApp::spawn().await;
    make_today(&app, 25).await;
    app.login_as(Role::Viewer).await;

    let page = app.page("/communications").await;

    let late = texts(&page, "tr.action.late td:first-child");
    assert_eq!(late.len(), 3, "{late:?}");
    assert!(
        late.iter()
            .all(|day| day.starts_with("J+22") || day.starts_with("J+24"))
    );
    assert_eq!(
        texts(&page, "tr.action.late .late-marker"),
        vec!["En retard"; 3]
    );
    let rows = texts(&page, "tr.action");
    assert_eq!(rows.len(), 8);
    assert!(
        rows.iter()
            .filter(|row| row.contains("J+26") || row.contains("J+31"))
            .all(|row| !row.contains("En retard"))
    );
    assert!(texts(&page, "[role=status]")[0].contains("3 en retard"));
    assert!(
        texts(&page, "tr.action form button").is_empty(),
        "a viewer is offered no move"
    );
}

#[tokio::test]
async fn the_page_filters_by_channel_state_and_owner_and_exports_the_same_rows() {
    let app = TestApp::spawn().await;
    make_today(&app, 25).await;
    app.login_as(Role::Viewer).await;

    let facebook = app.page("/communications?channel=facebook").await;
    let planned_nobody = app
        .page("/communications?state=planned&owner=none&channel=")
        .await;
    let csv = app.get("/communications.csv?channel=facebook").await;

    assert_eq!(texts(&facebook, "tr.action").len(), 1);
    assert_eq!(texts(&planned_nobody, "tr.action").len(), 8);
    assert_eq!(csv.status(), StatusCode::OK);
    let body = csv.text().await.unwrap();
    let lines: Vec<&str> = body.lines().collect();
    assert_eq!(lines.len(), 2, "{body}");
    assert!(lines[1].starts_with("J+24,") && lines[1].contains("Facebook"));
    assert!(
        lines[1].contains(",oui,"),
        "late, in the page's language: {body}"
    );
}

#[tokio::test]
async fn a_click_moves_an_action_records_it_and_a_stale_click_is_a_conflict() {
    let app = TestApp::spawn().await;
    let lead = marketing_lead(&app).await;
    let id = newsletter(&app).await;

    let started = click(&lead, id, "in_progress", "1").await;
    let stale = click(&lead, id, "done", "1").await;

    assert_redirects_to(&started, &format!("/communications#action-{id}"));
    assert_eq!(action_state(&app, id).await, ("in_progress".to_owned(), 2));
    assert_eq!(
        app.count("activity_events", "kind = 'communication.state_changed'")
            .await,
        1
    );
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let html = Html::parse_document(&stale.text().await.unwrap());
    let alert = texts(&html, &format!("#action-{id} [role=alert]"));
    assert!(alert[0].contains("Faite"), "{alert:?}");
    assert_eq!(
        texts(&html, &format!("#action-{id} .badge")),
        ["En cours"],
        "the page shows what is stored"
    );
    assert_eq!(action_state(&app, id).await, ("in_progress".to_owned(), 2));
    let feed = texts(&lead.page("/activity").await, "body").join(" ");
    assert!(feed.contains("Newsletter d'annonce du lancement"), "{feed}");
}

#[tokio::test]
async fn a_move_the_page_does_not_offer_is_refused_and_others_may_not_click() {
    let app = TestApp::spawn().await;
    let lead = marketing_lead(&app).await;
    let devops = app.visitor();
    app.login_as_in(&devops, Role::Lead, Some("devops")).await;
    let id = newsletter(&app).await;
    assert_redirects_to(
        &click(&lead, id, "cancelled", "1").await,
        &format!("/communications#action-{id}"),
    );

    let offered = texts(
        &lead.page("/communications").await,
        &format!("#action-{id} form button"),
    );
    let straight_to_done = click(&lead, id, "done", "2").await;
    let unknown = click(&lead, id, "published", "2").await;
    let foreign = click(&devops, id, "planned", "2").await;

    assert_eq!(offered, ["Replanifier"]);
    assert_eq!(straight_to_done.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let html = Html::parse_document(&straight_to_done.text().await.unwrap());
    assert!(!texts(&html, &format!("#action-{id} [role=alert]")).is_empty());
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(foreign.status(), StatusCode::FORBIDDEN);
    assert_eq!(action_state(&app, id).await, ("cancelled".to_owned(), 2));
}

#[tokio::test]
async fn the_navigation_leads_to_the_communication_plan_in_both_languages() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Member).await;

    let french = texts(&app.page("/").await, ".mainnav a");
    let english = texts(&app.page("/communications?lang=en").await, ".mainnav a");

    assert!(french.contains(&"Communication".to_owned()), "{french:?}");
    assert!(english.contains(&"Communication".to_owned()), "{english:?}");
    let title = texts(&app.page("/communications?lang=en").await, "h1");
    assert_eq!(title, ["Communication plan"]);
}

#[tokio::test]
async fn the_countdown_shows_todays_actions_and_the_next_three() {
    let app = TestApp::spawn().await;
    make_today(&app, 24).await;
    app.login_as(Role::Viewer).await;

    let page = app.page("/countdown").await;

    let today = texts(&page, "#countdown-actions > ul:not(.upcoming-actions) li");
    assert_eq!(today.len(), 2, "{today:?}");
    assert!(today.iter().all(|line| line.contains("Teaser vidéo")));
    let next = texts(&page, "#countdown-actions .upcoming-actions li");
    let days: Vec<&str> = next.iter().map(|line| &line[..4]).collect();
    assert_eq!(days, ["J+26", "J+27", "J+31"], "{next:?}");
}
