//! The trends chart of the support period, on its page and the overview.

use launch_control::domain::role::Role;
use scraper::{Html, Selector};

use super::seed_on_day;
use crate::helpers::{TestApp, texts};

/// The `data-count` of the chart's bar segment for `day` and `category`.
fn segment(page: &Html, day: i32, category: &str) -> Option<String> {
    let selector = Selector::parse(&format!(
        "svg.trends rect.segment[data-day='{day}'][data-category='{category}']"
    ))
    .unwrap();
    page.select(&selector)
        .next()
        .and_then(|rect| rect.value().attr("data-count"))
        .map(str::to_owned)
}

#[tokio::test]
async fn the_trends_chart_shows_the_counts_of_each_day_and_category() {
    let app = TestApp::spawn().await;
    // The whole support period lived: today is past the horizon (J+60).
    app.today_is(70).await;
    seed_on_day(&app.db, 33, "Crash", "bug", 1).await;
    seed_on_day(&app.db, 33, "Crash encore", "bug", 2).await;
    seed_on_day(&app.db, 33, "Génial", "praise", 5).await;
    seed_on_day(&app.db, 35, "Un mode sombre ?", "idea", 4).await;
    seed_on_day(&app.db, 20, "Avant le lancement", "bug", 3).await;
    app.login_as(Role::Viewer).await;

    let page = app.page("/feedback/trends").await;

    assert_eq!(segment(&page, 33, "bug").as_deref(), Some("2"));
    assert_eq!(segment(&page, 33, "praise").as_deref(), Some("1"));
    assert_eq!(segment(&page, 35, "idea").as_deref(), Some("1"));
    assert_eq!(segment(&page, 33, "idea"), None);
    assert_eq!(
        segment(&page, 20, "bug"),
        None,
        "the chart covers the support period only"
    );
    assert_eq!(texts(&page, "svg.trends rect.segment").len(), 3);
    assert_eq!(texts(&page, "svg.trends .rating circle").len(), 2);
    assert!(texts(&page, "svg.trends .legend text").contains(&"Bug (2)".to_owned()));
    let rows = texts(&page, "table.trends-table tbody tr");
    assert_eq!(rows.len(), 29, "J+32 to J+60");
    assert!(
        rows[1].starts_with("J+33 · ") && rows[1].ends_with(" 2 0 0 1 3 2,7"),
        "{}",
        rows[1]
    );
    assert!(rows[3].ends_with(" 0 1 0 0 1 4,0"), "{}", rows[3]);
    assert!(rows[0].ends_with(" 0 0 0 0 0 –"), "{}", rows[0]);
    assert_eq!(
        texts(&page, "table.trends-table tfoot tr"),
        ["Total 2 1 0 1 4 3,0"],
        "the period adds up"
    );
}

#[tokio::test]
async fn the_overview_shows_the_trends_once_launch_day_is_past() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    assert!(
        texts(&app.page("/").await, "svg.trends").is_empty(),
        "not before launch"
    );

    app.today_is(40).await;
    seed_on_day(&app.db, 38, "Super lancement", "praise", 5).await;
    let overview = app.page("/").await;

    assert_eq!(texts(&overview, "svg.trends").len(), 1);
    assert_eq!(segment(&overview, 38, "praise").as_deref(), Some("1"));
}
