//! The secret links: a wall screen's kiosk and the calendar feed.

use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Component, DatePerhapsTime};
use reqwest::StatusCode;
use scraper::Html;

use super::{admin, count, create_screen, iso, issue_calendar_link, save_settings};
use crate::helpers::{TestApp, assert_redirects_to, texts};

#[tokio::test]
async fn a_screen_link_works_without_a_session_shows_no_control_and_stops_when_revoked() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let (id, link) = create_screen(&admin, "Open space").await;
    let wall = app.visitor();

    let response = wall.get(&link).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response
            .headers()
            .get_all("set-cookie")
            .iter()
            .all(|cookie| !cookie.to_str().unwrap().starts_with("lc_session=")),
        "no session is opened"
    );
    let page = Html::parse_document(&response.text().await.unwrap());
    assert_eq!(texts(&page, ".days-label"), ["J-31"]);
    for control in ["form", "nav", "button", "input", "select", "textarea", "a"] {
        assert_eq!(count(&page, control), 0, "a kiosk shows no {control}");
    }
    assert_eq!(
        count(&page, "meta[http-equiv=refresh]"),
        0,
        "the page is never reloaded whole: its script keeps it fresh"
    );
    assert_eq!(count(&page, ".time-left[data-launch-at]"), 1);
    assert_eq!(count(&page, "[data-reconnecting][hidden]"), 1);

    let revoked = admin
        .submit("/screens", &format!("/screens/{id}/revoke"), &[])
        .await;
    assert_redirects_to(&revoked, "/screens");
    assert_eq!(wall.get(&link).await.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        wall.get("/kiosk/not-a-token").await.status(),
        StatusCode::NOT_FOUND
    );
    let secret = link.trim_start_matches("/kiosk/");
    assert_eq!(
        app.count("activity_events", &format!("after::text like '%{secret}%'"))
            .await,
        0
    );
}

#[tokio::test]
async fn the_calendar_feed_parses_and_holds_the_eight_phases_the_launch_and_the_communication() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;
    let kickoff = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
    assert_redirects_to(
        &save_settings(&admin, &[("kickoff_date", &iso(kickoff))]).await,
        "/admin/plan",
    );
    let link = issue_calendar_link(&admin).await;
    let subscriber = app.visitor();

    let response = subscriber.get(&link).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let calendar: icalendar::Calendar = response
        .text()
        .await
        .unwrap()
        .parse()
        .expect("a valid iCalendar");
    let events: Vec<_> = calendar.events().collect();
    let uid = |event: &&icalendar::Event| event.get_uid().unwrap_or_default().to_owned();
    let phases: Vec<_> = events
        .iter()
        .filter(|event| uid(event).starts_with("phase-"))
        .collect();
    assert_eq!(phases.len(), 8);
    assert_eq!(
        phases[0].get_summary(),
        Some("2.1 Préparation de l'environnement de production")
    );
    assert_eq!(
        phases[0].get_start(),
        Some(DatePerhapsTime::Date(
            NaiveDate::from_ymd_opt(2026, 11, 27).unwrap()
        ))
    );
    assert_eq!(
        phases[0].get_end(),
        Some(DatePerhapsTime::Date(
            NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
        ))
    );
    let launch: Vec<_> = events
        .iter()
        .filter(|event| uid(event).starts_with("launch-"))
        .collect();
    assert_eq!(launch.len(), 1);
    assert_eq!(
        launch[0].get_summary(),
        Some("Lancement · Lancement de Lootopia")
    );
    let launch_at = Utc.with_ymd_and_hms(2026, 12, 27, 9, 0, 0).unwrap();
    assert_eq!(
        launch[0].get_start(),
        Some(DatePerhapsTime::from(launch_at))
    );
    assert_eq!(
        events
            .iter()
            .filter(|event| uid(event).starts_with("communication-"))
            .count(),
        8
    );
    let again: icalendar::Calendar = subscriber
        .get(&link)
        .await
        .text()
        .await
        .unwrap()
        .parse()
        .unwrap();
    let uids = |calendar: &icalendar::Calendar| -> Vec<String> {
        calendar.events().map(|e| uid(&e)).collect()
    };
    assert_eq!(uids(&calendar), uids(&again), "UIDs are stable");

    assert_eq!(
        subscriber.get("/timeline.ics").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_redirects_to(
        &admin
            .submit("/screens", "/screens/calendar/revoke", &[])
            .await,
        "/screens#calendar",
    );
    assert_eq!(subscriber.get(&link).await.status(), StatusCode::NOT_FOUND);
}
