//! The trends chart covers the support period lived so far: an empty state
//! before it starts, then no day after today.

use launch_control::domain::role::Role;

use super::seed_on_day;
use crate::helpers::{TestApp, texts};

#[tokio::test]
async fn before_launch_the_page_says_when_the_period_starts_and_what_came_before() {
    let app = TestApp::spawn().await;
    seed_on_day(&app.db, -3, "Avant-première", "idea", 4).await;
    seed_on_day(&app.db, 0, "Déjà un bug", "bug", 2).await;
    app.login_as(Role::Viewer).await;

    let page = app.page("/feedback/trends").await;

    assert!(
        texts(&page, "svg.trends").is_empty(),
        "no chart of days to come"
    );
    assert!(texts(&page, "table.trends-table").is_empty());
    let state = texts(&page, ".trends-ahead p");
    assert_eq!(state.len(), 2, "{state:?}");
    assert!(
        state[0].starts_with("La période de support commence le J+32 · "),
        "{}",
        state[0]
    );
    assert_eq!(state[1], "2 retours sont arrivés avant.");
}

#[tokio::test]
async fn at_d_plus_40_the_chart_stops_at_today() {
    let app = TestApp::spawn().await;
    app.today_is(40).await;
    seed_on_day(&app.db, 38, "Super", "praise", 5).await;
    // Dated tomorrow (a clock off on the sender's side): not a day lived yet.
    seed_on_day(&app.db, 41, "Demain", "bug", 1).await;
    app.login_as(Role::Viewer).await;

    let page = app.page("/feedback/trends").await;

    let rows = texts(&page, "table.trends-table tbody tr");
    assert_eq!(rows.len(), 9, "J+32 to J+40: {rows:?}");
    assert!(rows[0].starts_with("J+32 · "), "{}", rows[0]);
    assert!(rows[8].starts_with("J+40 · "), "{}", rows[8]);
    let days: Vec<i64> = scraper::Selector::parse("svg.trends rect.segment")
        .map(|selector| {
            page.select(&selector)
                .filter_map(|rect| rect.value().attr("data-day")?.parse().ok())
                .collect()
        })
        .unwrap();
    assert_eq!(days, [38], "no bar after today");
    assert!(texts(&page, ".trends-ahead").is_empty());
}

#[tokio::test]
async fn the_table_aligns_its_headers_with_its_numbers() {
    let app = TestApp::spawn().await;
    app.today_is(40).await;
    app.login_as(Role::Viewer).await;

    let page = app.page("/feedback/trends").await;

    let headers = texts(&page, "table.trends-table thead th[scope=col]");
    let numeric_headers = texts(&page, "table.trends-table thead th.num[scope=col]");
    assert_eq!(numeric_headers.len(), headers.len() - 1, "all but the day");
    let cells = texts(&page, "table.trends-table tbody tr:first-child td");
    let numeric_cells = texts(&page, "table.trends-table tbody tr:first-child td.num");
    assert_eq!(numeric_cells.len(), cells.len());
    assert_eq!(numeric_cells.len(), numeric_headers.len());
}
