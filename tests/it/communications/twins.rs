//! The launch day's actions and their checklist twins: done together,
//! reopened together, each move recorded once.

use launch_control::domain::role::Role;
use uuid::Uuid;

use super::newsletter;
use crate::helpers::{TestApp, Visitor, assert_redirects_to};

/// The checklist item the newsletter action is tied to.
async fn twin_of(app: &TestApp, action: Uuid) -> Uuid {
    sqlx::query_scalar("select item_id from communication_actions where id = $1")
        .bind(action)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// (action state, action version, item state, item version).
async fn states(app: &TestApp, action: Uuid) -> (String, i32, String, i32) {
    sqlx::query_as(
        "select c.state, c.version, i.state, i.version
         from communication_actions c join checklist_items i on i.id = c.item_id
         where c.id = $1",
    )
    .bind(action)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

/// (item state changes, action state changes) recorded so far.
async fn events(app: &TestApp) -> (i64, i64) {
    (
        app.count("activity_events", "kind = 'item.state_changed'")
            .await,
        app.count("activity_events", "kind = 'communication.state_changed'")
            .await,
    )
}

async fn move_item(lead: &Visitor, item: Uuid, state: &str, version: &str) -> reqwest::Response {
    lead.submit(
        "/communications",
        &format!("/items/{item}/state"),
        &[("state", state), ("version", version)],
    )
    .await
}

async fn move_action(lead: &Visitor, id: Uuid, state: &str, version: &str) -> reqwest::Response {
    lead.submit(
        "/communications",
        &format!("/communications/{id}/state"),
        &[("state", state), ("version", version)],
    )
    .await
}

#[tokio::test]
async fn the_seed_ties_the_launch_days_three_actions_to_their_checklist_items() {
    let app = TestApp::spawn().await;

    let tied: Vec<(String, String)> = sqlx::query_as(
        "select c.channel, i.title from communication_actions c
         join checklist_items i on i.id = c.item_id order by c.channel",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();

    assert_eq!(tied.len(), 3);
    assert_eq!(tied[0].0, "newsletter");
    assert!(tied[0].1.starts_with("Envoi d'une newsletter"));
    assert!(tied[1].1.starts_with("Publication d'un communiqué"));
    assert!(tied[2].1.starts_with("Organisation d'un événement"));
}

#[tokio::test]
async fn completing_an_action_completes_its_item_and_reopening_it_reopens_the_item() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("marketing")).await;
    let action = newsletter(&app).await;

    let done = move_action(&lead, action, "done", "1").await;

    assert_redirects_to(&done, &format!("/communications#action-{action}"));
    assert_eq!(
        states(&app, action).await,
        ("done".to_owned(), 2, "done".to_owned(), 2)
    );
    assert_eq!(events(&app).await, (1, 1), "one event each");

    let reopened = move_action(&lead, action, "planned", "2").await;

    assert_redirects_to(&reopened, &format!("/communications#action-{action}"));
    assert_eq!(
        states(&app, action).await,
        ("planned".to_owned(), 3, "todo".to_owned(), 3)
    );
    assert_eq!(events(&app).await, (2, 2));
}

#[tokio::test]
async fn ticking_the_item_completes_its_action_and_reopening_the_item_reopens_it() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("marketing")).await;
    let action = newsletter(&app).await;
    let item = twin_of(&app, action).await;

    let ticked = move_item(&lead, item, "done", "1").await;

    assert_eq!(ticked.status(), reqwest::StatusCode::SEE_OTHER);
    assert_eq!(
        states(&app, action).await,
        ("done".to_owned(), 2, "done".to_owned(), 2)
    );
    assert_eq!(events(&app).await, (1, 1), "one event each");
    // Its twin already done, the action is not ticked a second time.
    let again = move_action(&lead, action, "done", "2").await;
    assert_eq!(again.status(), reqwest::StatusCode::UNPROCESSABLE_ENTITY);

    let reopened = move_item(&lead, item, "todo", "2").await;

    assert_eq!(reopened.status(), reqwest::StatusCode::SEE_OTHER);
    assert_eq!(
        states(&app, action).await,
        ("planned".to_owned(), 3, "todo".to_owned(), 3)
    );
    assert_eq!(events(&app).await, (2, 2));
}

#[tokio::test]
async fn an_item_without_a_twin_moves_alone() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("marketing")).await;
    let item: Uuid = sqlx::query_scalar(
        "select id from checklist_items where title like 'Invitation des médias%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();

    let ticked = move_item(&lead, item, "done", "1").await;

    assert_eq!(ticked.status(), reqwest::StatusCode::SEE_OTHER);
    assert_eq!(events(&app).await, (1, 0));
    assert_eq!(
        app.count("communication_actions", "state <> 'planned'")
            .await,
        0
    );
}

#[tokio::test]
async fn marking_an_action_done_in_its_full_form_ticks_its_item_too() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("marketing")).await;
    let action = newsletter(&app).await;
    let page = format!("/communications/{action}");
    let team = app.team_id("marketing").await.to_string();

    let saved = lead
        .submit(
            &page,
            &page,
            &[
                ("title", "Newsletter d'annonce du lancement"),
                ("channel", "newsletter"),
                ("audience", "Inscrits à la newsletter"),
                ("day", "31"),
                ("state", "done"),
                ("team", &team),
                ("owner", ""),
                ("version", "1"),
            ],
        )
        .await;

    assert_redirects_to(&saved, "/timeline#communications");
    assert_eq!(
        states(&app, action).await,
        ("done".to_owned(), 2, "done".to_owned(), 2)
    );
    assert_eq!(events(&app).await.0, 1);
}
