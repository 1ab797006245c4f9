//! The item state machine on the server: only the moves the page offers.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;
use uuid::Uuid;

use crate::helpers::{TestApp, assert_redirects_to, texts};

async fn first_item_of_first_phase(app: &TestApp) -> (Uuid, Uuid) {
    sqlx::query_as(
        "select i.id, i.phase_id from checklist_items i join phases p on p.id = i.phase_id
         where p.section = '2.1' order by i.position limit 1",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

async fn stored(app: &TestApp, item: Uuid) -> (String, i32, i64) {
    sqlx::query_as(
        "select state, version,
                (select count(*) from activity_events where subject_id = $1)
         from checklist_items where id = $1",
    )
    .bind(item)
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn a_done_item_sent_straight_to_in_progress_is_refused_with_422_and_nothing_stored() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let page = format!("/phases/{phase}");
    let action = format!("/items/{item}/state");
    let done = lead
        .submit(&page, &action, &[("state", "done"), ("version", "1")])
        .await;
    assert_redirects_to(&done, &format!("/phases/{phase}#item-{item}"));
    let before = stored(&app, item).await;

    let refused = lead
        .submit(
            &page,
            &action,
            &[("state", "in_progress"), ("version", "2")],
        )
        .await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = Html::parse_document(&refused.text().await.unwrap());
    let alert = texts(&body, &format!("#item-{item} .alert"));
    assert_eq!(alert.len(), 1, "the row says why");
    assert!(
        alert[0].contains("ne peut pas passer directement"),
        "{}",
        alert[0]
    );
    assert_eq!(
        texts(&body, &format!("#item-{item} .badge")),
        ["Terminé"],
        "the page shows the item as it stands"
    );
    assert_eq!(stored(&app, item).await, before, "nothing stored, no event");
    assert_eq!(before.0, "done");
}

#[tokio::test]
async fn every_move_the_page_offers_is_accepted() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let page = format!("/phases/{phase}");
    let action = format!("/items/{item}/state");
    let path = [
        "in_progress",
        "todo",
        "in_progress",
        "done",
        "blocked",
        "todo",
        "blocked",
        "todo",
        "done",
        "todo",
    ];

    for (version, state) in (1..).zip(path) {
        let version = version.to_string();
        let response = lead
            .submit(
                &page,
                &action,
                &[("state", state), ("reason", "DNS"), ("version", &version)],
            )
            .await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "to {state}");
    }
    assert_eq!(stored(&app, item).await.0, "todo");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sixty_parallel_ticks_drawn_from_one_version_give_one_success_and_fifty_nine_conflicts() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (item, phase) = first_item_of_first_phase(&app).await;
    let token = crate::helpers::csrf_token(&lead.page(&format!("/phases/{phase}")).await);
    let action = format!("/items/{item}/state");
    let fields = [
        ("state", "done"),
        ("version", "1"),
        ("csrf", token.as_str()),
    ];

    let answers =
        futures_util::future::join_all((0..60).map(|_| lead.post_raw(&action, &fields))).await;

    let count = |status| {
        answers
            .iter()
            .filter(|answer| answer.status() == status)
            .count()
    };
    assert_eq!(
        (count(StatusCode::SEE_OTHER), count(StatusCode::CONFLICT)),
        (1, 59),
        "{:?}",
        answers
            .iter()
            .map(|answer| answer.status())
            .collect::<Vec<_>>()
    );
    let (state, version, events) = stored(&app, item).await;
    assert_eq!((state.as_str(), version, events), ("done", 2, 1));
}
