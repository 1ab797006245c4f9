//! Launch day: plan settings, the overview, the countdown and its wall
//! screens, and the calendar feed.

mod countdown;
mod links;
mod screens;
mod settings;
mod wall_screen;

use chrono::{NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};

use crate::helpers::{TestApp, Visitor, assert_redirects_to};

/// Today in the plan's time zone.
fn paris_today() -> NaiveDate {
    Utc::now().with_timezone(&Paris).date_naive()
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Moves J0 straight in the database (arrange), as if set long ago.
async fn set_kickoff(app: &TestApp, kickoff: NaiveDate) {
    sqlx::query("update plans set kickoff_date = $1")
        .bind(kickoff)
        .execute(&app.db)
        .await
        .unwrap();
    app.plan_edited();
}

/// Signs in a new admin in a visitor of their own.
async fn admin(app: &TestApp) -> Visitor {
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    admin
}

/// Posts the settings form as drawn, with `changes` over its values.
async fn save_settings(admin: &Visitor, changes: &[(&str, &str)]) -> reqwest::Response {
    let today = iso(paris_today());
    let mut fields = vec![
        ("name", "Lancement de Lootopia"),
        ("kickoff_date", today.as_str()),
        ("launch_day", "31"),
        ("launch_time", "10:00"),
        ("time_zone", "Europe/Paris"),
        ("version", "1"),
    ];
    for (name, value) in changes {
        fields.retain(|(field, _)| field != name);
        fields.push((name, value));
    }
    admin.submit("/admin/plan", "/admin/plan", &fields).await
}

/// Issues the calendar feed's link as `keeper` (an admin or a marketing
/// lead) and returns its path, as the screens page shows it.
async fn issue_calendar_link(keeper: &Visitor) -> String {
    let issued = keeper.submit("/screens", "/screens/calendar", &[]).await;
    assert_redirects_to(&issued, "/screens#calendar");
    link_path(&keeper.page("/screens").await, "#calendar input.link-text")
}

/// Creates the wall screen `name` as `keeper`; returns its id and the path
/// of its link, as the screens page shows it.
pub(crate) async fn create_screen(keeper: &Visitor, name: &str) -> (String, String) {
    let created = keeper
        .submit("/screens", "/screens", &[("name", name)])
        .await;
    assert_eq!(created.status(), StatusCode::SEE_OTHER, "{name} is created");
    let location = created.headers()["location"].to_str().unwrap();
    let id = location
        .strip_prefix("/screens#screen-")
        .expect("back to the screen's row")
        .to_owned();
    let selector = format!("#screen-{id} input.link-text");
    (id, link_path(&keeper.page("/screens").await, &selector))
}

/// The path (and query) of the absolute link held by the field `selector` picks.
fn link_path(page: &Html, selector: &str) -> String {
    let field = page
        .select(&Selector::parse(selector).unwrap())
        .next()
        .unwrap_or_else(|| panic!("the page shows {selector}"));
    let url = reqwest::Url::parse(field.value().attr("value").unwrap()).unwrap();
    match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    }
}

fn count(page: &Html, selector: &str) -> usize {
    page.select(&Selector::parse(selector).unwrap()).count()
}
