//! The pages' data held between requests while the database has not
//! changed: drawn again, a page costs one statement, the session's, which
//! reads the signed-in user and PostgreSQL's snapshot too; after any
//! commit — through this instance, another one, or by hand — the next
//! request reads it again.

use launch_control::domain::role::Role;
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, first_item_of_first_phase, serve, texts};
use crate::queries;

const REASON: &str = "Contrat Azure non signé";

async fn blocked_reasons(visitor: &Visitor) -> Vec<String> {
    texts(
        &visitor.page("/").await,
        "#overview-attention .attention-blocked .reason",
    )
}

/// The fewest statements of `path` drawn again with nothing committed in
/// between, and the fewest of a signed-in 404 (finding the user) likewise:
/// one each, the session's, which reads the snapshot too. Snapshots are the
/// whole cluster's: a test writing in its own database beside this one
/// moves them too, so both are asked again until each has cost one
/// statement once, or two hundred tries have passed.
async fn drawn_again(visitor: &Visitor, path: &str) -> (usize, usize) {
    let (mut fewest, mut user) = (usize::MAX, usize::MAX);
    for _ in 0..200 {
        let unknown = queries::get(visitor, &format!("/phases/{}", Uuid::new_v4())).await;
        assert_eq!(unknown.status, reqwest::StatusCode::NOT_FOUND);
        user = user.min(unknown.record.statements);
        let again = queries::get(visitor, path).await;
        assert_eq!(again.status, reqwest::StatusCode::OK);
        fewest = fewest.min(again.record.statements);
        if (fewest, user) == (1, 1) {
            break;
        }
    }
    (fewest, user)
}

/// The name the page's header gives the signed-in user, and whether the
/// admin pages let them in.
async fn signed_in_as(visitor: &Visitor) -> (Vec<String>, reqwest::StatusCode) {
    let name = texts(&visitor.page("/").await, "header a.who");
    (name, visitor.get("/admin/users").await.status())
}

#[tokio::test]
async fn the_session_notes_its_user_but_its_own_data_says_who_signed_in() {
    let app = TestApp::spawn().await;
    let member = app.visitor();
    let member_id = app.login_as_in(&member, Role::Member, Some("devops")).await;
    let noted: Vec<Option<Uuid>> = sqlx::query_scalar("select user_id from tower_sessions.session")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(noted, [Some(member_id)], "noted when signing in");
    let (name, admin_pages) = signed_in_as(&member).await;
    assert_eq!(admin_pages, reqwest::StatusCode::FORBIDDEN);

    // A note pointing at someone else, or none (a session of an older
    // version): the member is still the member, nobody else.
    let admin = app
        .create_user("autre.admin@example.org", "Autre admin", Role::Admin)
        .await;
    for note in [Some(admin), None] {
        sqlx::query("update tower_sessions.session set user_id = $1")
            .bind(note)
            .execute(&app.db)
            .await
            .unwrap();
        assert_eq!(
            signed_in_as(&member).await,
            (name.clone(), admin_pages),
            "noted {note:?}"
        );
    }
}

#[tokio::test]
async fn the_overview_drawn_again_without_a_change_reads_nothing_but_the_user() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let drawn = queries::get(&lead, "/").await;

    let (again, user) = drawn_again(&lead, "/").await;

    assert_eq!(
        (again, user),
        (1, 1),
        "the session, read with the snapshot; the user and the page kept (the first drawing ran {})",
        drawn.record.statements
    );
}

#[tokio::test]
async fn a_change_made_by_hand_in_the_database_shows_on_the_next_overview() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    assert!(blocked_reasons(&lead).await.is_empty());
    let (item, _) = first_item_of_first_phase(&app).await;

    // No event, no notification: only the commit tells.
    sqlx::query(
        "update checklist_items set state = 'blocked', blocked_reason = $2, version = version + 1
         where id = $1",
    )
    .bind(item)
    .bind(REASON)
    .execute(&app.db)
    .await
    .unwrap();

    assert_eq!(blocked_reasons(&lead).await, [REASON]);
}

#[tokio::test]
async fn a_change_through_one_instance_shows_at_once_on_the_overview_of_another() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    // The same browser (its session cookie) on a second instance.
    let elsewhere = Visitor {
        address: serve(app.db.clone()).await,
        client: lead.client.clone(),
    };
    assert!(blocked_reasons(&elsewhere).await.is_empty());
    let (item, phase) = first_item_of_first_phase(&app).await;

    let blocked = lead
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[("state", "blocked"), ("reason", REASON), ("version", "1")],
        )
        .await;
    assert_eq!(blocked.status(), reqwest::StatusCode::SEE_OTHER);

    assert_eq!(blocked_reasons(&elsewhere).await, [REASON]);
}

#[tokio::test]
async fn the_timeline_reads_nothing_but_the_user_until_something_is_committed() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    queries::get(&app, "/timeline").await;
    let (again, user) = drawn_again(&app, "/timeline").await;
    assert_eq!((again, user), (1, 1));

    sqlx::query("update communication_actions set title = 'Annonce renommée' where day = 22")
        .execute(&app.db)
        .await
        .unwrap();

    let renamed = queries::get(&app, "/timeline").await;
    assert!(renamed.body.contains("Annonce renommée"));
    assert!(renamed.record.statements > again);
}

#[tokio::test]
async fn a_phase_page_drawn_again_without_a_change_reads_nothing_but_the_user() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;
    let (_, phase) = first_item_of_first_phase(&app).await;
    let path = format!("/phases/{phase}");
    let drawn = queries::get(&lead, &path).await;

    let (again, user) = drawn_again(&lead, &path).await;

    assert_eq!(
        (again, user),
        (1, 1),
        "the first drawing ran {}",
        drawn.record.statements
    );
}

#[tokio::test]
async fn the_countdown_reads_nothing_but_the_user_until_something_is_committed() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;
    queries::get(&app, "/countdown").await;
    let (again, user) = drawn_again(&app, "/countdown").await;
    assert_eq!((again, user), (1, 1));

    sqlx::query("update communication_actions set title = 'Annonce renommée' where day = 31")
        .execute(&app.db)
        .await
        .unwrap();
    app.today_is(30).await;

    let renamed = queries::get(&app, "/countdown").await;
    assert!(renamed.body.contains("Annonce renommée"));
}
