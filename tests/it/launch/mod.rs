//! Launch day: plan settings, the overview, the countdown and its kiosk
//! link, and the calendar feed.

mod countdown;
mod links;
mod settings;

use chrono::{NaiveDate, Utc};
use chrono_tz::Europe::Paris;
use launch_control::domain::role::Role;
use scraper::{Html, Selector};

use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

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

/// Issues a secret link as `admin` and returns its path (from the flash).
async fn issue_link(admin: &Visitor, kind: &str, marker: &str) -> String {
    let issued = admin
        .submit("/admin/plan", &format!("/admin/plan/links/{kind}"), &[])
        .await;
    assert_redirects_to(&issued, "/admin/plan#links");
    let flash = texts(&admin.page("/admin/plan").await, ".flash").join(" ");
    let start = flash.find(marker).expect("the flash holds the link");
    flash[start..].split_whitespace().next().unwrap().to_owned()
}

fn count(page: &Html, selector: &str) -> usize {
    page.select(&Selector::parse(selector).unwrap()).count()
}
