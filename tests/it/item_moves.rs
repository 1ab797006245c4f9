//! The item state machine on the server: only the moves the page offers;
//! and moving an item in its phase's order, which keeps it inside its group.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, assert_redirects_to, first_item_of_first_phase, texts};

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

/// The items of phase 2.1 in page order: (id, title, group, position).
async fn phase_items(app: &TestApp, phase: Uuid) -> Vec<(Uuid, String, Option<String>, i32)> {
    sqlx::query_as(
        "select id, title, group_label, position from checklist_items
         where phase_id = $1 and deleted_at is null order by position, id",
    )
    .bind(phase)
    .fetch_all(&app.db)
    .await
    .unwrap()
}

async fn events_about(app: &TestApp, item: Uuid) -> i64 {
    sqlx::query_scalar("select count(*) from activity_events where subject_id = $1")
        .bind(item)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The group headings the phase page draws, in order.
async fn group_headings(lead: &Visitor, phase: Uuid) -> Vec<String> {
    let page = lead.page(&format!("/phases/{phase}")).await;
    texts(&page, "#items-body tr.group th")
}

#[tokio::test]
async fn a_move_at_the_edge_of_a_group_changes_nothing_and_one_inside_it_swaps_with_its_neighbour()
{
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (_, phase) = first_item_of_first_phase(&app).await;
    let page = format!("/phases/{phase}");
    let before = phase_items(&app, phase).await;
    let in_group = |group: &str| -> Vec<Uuid> {
        before
            .iter()
            .filter(|item| item.2.as_deref() == Some(group))
            .map(|item| item.0)
            .collect()
    };
    let servers = in_group("Configuration des Serveurs");
    let security = in_group("Sécurité");
    assert_eq!((servers.len(), security.len()), (2, 2), "the seed's groups");

    // The last server item down, the first security item up: each would
    // cross into the other group.
    for (item, direction) in [(servers[1], "down"), (security[0], "up")] {
        let answer = lead
            .submit(
                &page,
                &format!("/items/{item}/move"),
                &[("direction", direction), ("version", "1")],
            )
            .await;
        assert_redirects_to(&answer, &format!("/phases/{phase}#item-{item}"));
        assert_eq!(
            phase_items(&app, phase).await,
            before,
            "{direction}: nothing moved"
        );
        assert_eq!(events_about(&app, item).await, 0, "{direction}: no event");
    }

    let answer = lead
        .submit(
            &page,
            &format!("/items/{}/move", servers[1]),
            &[("direction", "up"), ("version", "1")],
        )
        .await;
    assert_redirects_to(&answer, &format!("/phases/{phase}#item-{}", servers[1]));
    let after = phase_items(&app, phase).await;
    let order: Vec<Uuid> = after.iter().map(|item| item.0).collect();
    let expected: Vec<Uuid> = [
        before[0].0,
        servers[1],
        servers[0],
        security[0],
        security[1],
    ]
    .into();
    assert_eq!(
        order, expected,
        "the two server items swapped, nothing else"
    );
    assert_eq!(
        events_about(&app, servers[1]).await,
        1,
        "the move is recorded"
    );
    assert_eq!(
        group_headings(&lead, phase).await,
        ["Configuration des Serveurs", "Sécurité"]
    );
}

#[tokio::test]
async fn the_phase_page_draws_each_group_in_one_piece_whatever_the_stored_order() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (_, phase) = first_item_of_first_phase(&app).await;
    // Interleave the groups, as moves that crossed them once left them.
    let items = phase_items(&app, phase).await;
    let interleaved = [items[0].0, items[1].0, items[3].0, items[2].0, items[4].0];
    for (position, item) in interleaved.iter().enumerate() {
        sqlx::query("update checklist_items set position = $2 where id = $1")
            .bind(item)
            .bind(position as i32 + 1)
            .execute(&app.db)
            .await
            .unwrap();
    }

    assert_eq!(
        group_headings(&lead, phase).await,
        ["Configuration des Serveurs", "Sécurité"],
        "each group is drawn once"
    );
}

#[tokio::test]
async fn an_item_without_a_group_moves_past_a_group_without_splitting_it() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (loose, phase) = first_item_of_first_phase(&app).await;
    let page = format!("/phases/{phase}");

    let answer = lead
        .submit(
            &page,
            &format!("/items/{loose}/move"),
            &[("direction", "down"), ("version", "1")],
        )
        .await;

    assert_redirects_to(&answer, &format!("/phases/{phase}#item-{loose}"));
    assert_eq!(events_about(&app, loose).await, 1, "the move is recorded");
    let drawn = lead.page(&page).await;
    assert_eq!(
        texts(&drawn, "#items-body tr.group th"),
        ["Configuration des Serveurs", "Sécurité"],
        "each group is drawn once"
    );
}
