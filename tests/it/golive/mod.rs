//! The Go / No-Go poll: who votes, what a vote needs, and when the launch is GO.

mod ballot;
mod launch_day;
mod verdict;

use chrono::{Duration, Utc};
use chrono_tz::Europe::Paris;
use launch_control::domain::role::Role;
use scraper::Selector;
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

/// Every team of the seeded plan, in its order.
const TEAMS: [&str; 5] = ["devops", "developpement", "qa", "marketing", "support"];

/// A signed-in admin who has opened the poll.
async fn open_poll(app: &TestApp) -> Visitor {
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    assert_redirects_to(
        &admin.submit("/golive", "/golive/open", &[]).await,
        "/golive",
    );
    admin
}

/// The lead of the team with this key, signed in.
async fn lead(app: &TestApp, team: &str) -> Visitor {
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some(team)).await;
    lead
}

/// Posts a vote from the page's form (its CSRF token and the vote it was drawn from).
async fn vote(visitor: &Visitor, fields: &[(&str, &str)]) -> reqwest::Response {
    let page = visitor.page("/golive").await;
    let current = Selector::parse("input[name=current]").unwrap();
    let drawn_from = page
        .select(&current)
        .next()
        .and_then(|input| input.value().attr("value"))
        .unwrap_or_default()
        .to_owned();
    let mut fields = fields.to_vec();
    fields.push(("current", &drawn_from));
    visitor.submit("/golive", "/golive", &fields).await
}

fn in_a_week() -> String {
    (Utc::now().with_timezone(&Paris).date_naive() + Duration::days(7))
        .format("%Y-%m-%d")
        .to_string()
}

async fn a_risk(app: &TestApp) -> Uuid {
    sqlx::query_scalar("select id from risks order by title limit 1")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// Arranges every required item done, straight in the database.
async fn finish_required_items(app: &TestApp) {
    sqlx::query("update checklist_items set state = 'done', done_at = now(), version = version + 1 where required")
        .execute(&app.db)
        .await
        .unwrap();
}

async fn verdict(visitor: &Visitor) -> (String, Vec<String>) {
    let page = visitor.page("/golive").await;
    (
        texts(&page, "#golive-verdict .verdict").join(""),
        texts(&page, "#golive-verdict .holds li"),
    )
}

/// A QA member reopens the first required item of 2.3 (due before launch
/// day) through its form; returns its phase.
async fn reopen_a_required_qa_item(app: &TestApp) -> Uuid {
    let (item, phase, version): (Uuid, Uuid, i32) = sqlx::query_as(
        "select i.id, i.phase_id, i.version from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.3' and i.required order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let qa = app.visitor();
    app.login_as_in(&qa, Role::Member, Some("qa")).await;
    let reopened = qa
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[("state", "todo"), ("version", &version.to_string())],
        )
        .await;
    assert_eq!(reopened.status(), reqwest::StatusCode::SEE_OTHER);
    phase
}
