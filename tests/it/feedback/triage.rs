//! Triage: status, assignee, links, tags and notes, and who may change them.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;
use uuid::Uuid;

use super::seed;
use crate::helpers::{TestApp, assert_redirects_to, texts};

async fn first_id(app: &TestApp, table: &str) -> String {
    let id: Uuid = sqlx::query_scalar(&format!(
        "select id from {table} order by created_at, id limit 1"
    ))
    .fetch_one(&app.db)
    .await
    .unwrap();
    id.to_string()
}

#[tokio::test]
async fn support_triages_an_entry_and_each_change_is_an_event() {
    let app = TestApp::spawn().await;
    let id = seed(&app.db, "Impossible de payer").await;
    let me = app
        .login_as_in(&app, Role::Member, Some("support"))
        .await
        .to_string();
    let (risk, item) = (
        first_id(&app, "risks").await,
        first_id(&app, "checklist_items").await,
    );
    let page = format!("/feedback/{id}");

    let saved = app
        .submit(
            &page,
            &page,
            &[
                ("status", "planned"),
                ("assignee", &me),
                ("risk", &risk),
                ("item", &item),
                ("version", "1"),
            ],
        )
        .await;
    let tagged = app
        .submit(&page, &format!("{page}/tags"), &[("tag", "  Paiement ")])
        .await;
    let noted = app
        .submit(
            &page,
            &format!("{page}/notes"),
            &[("note", "Reproduit avec une carte Visa.")],
        )
        .await;

    for response in [&saved, &tagged, &noted] {
        assert_redirects_to(response, &page);
    }
    let condition = format!(
        "id = '{id}' and status = 'planned' and assignee_id = '{me}' and risk_id = '{risk}' and item_id = '{item}' and version = 2"
    );
    assert_eq!(app.count("feedback", &condition).await, 1);
    assert_eq!(app.count("feedback_tags", "tag = 'paiement'").await, 1);
    assert_eq!(
        app.count("comments", "body = 'Reproduit avec une carte Visa.'")
            .await,
        1
    );
    for kind in [
        "status_changed",
        "assigned",
        "risk_linked",
        "item_linked",
        "tag_added",
        "note_added",
    ] {
        let condition =
            format!("kind = 'feedback.{kind}' and subject_id = '{id}' and actor_id = '{me}'");
        assert_eq!(app.count("activity_events", &condition).await, 1, "{kind}");
    }
    assert_eq!(
        app.count("activity_events", "kind = 'feedback.status_changed' and before->>'status' = 'new' and after->>'status' = 'planned'").await,
        1
    );
    let shown = app.page(&page).await;
    assert_eq!(texts(&shown, ".flash"), ["Note ajoutée."]);
    assert_eq!(texts(&shown, ".tag-list .tag"), ["paiement"]);
    assert_eq!(
        texts(&shown, ".notes .note-body"),
        ["Reproduit avec une carte Visa."]
    );

    let removed = app
        .submit(
            &page,
            &format!("{page}/tags/remove"),
            &[("tag", "paiement")],
        )
        .await;
    assert_redirects_to(&removed, &page);
    assert_eq!(app.count("feedback_tags", "true").await, 0);
    assert_eq!(
        app.count("activity_events", "kind = 'feedback.tag_removed'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_stale_version_is_refused_with_409_and_the_stored_state_shown() {
    let app = TestApp::spawn().await;
    let id = seed(&app.db, "Le son coupe").await;
    app.login_as_in(&app, Role::Member, Some("support")).await;
    let page = format!("/feedback/{id}");
    let first = app
        .submit(
            &page,
            &page,
            &[("status", "acknowledged"), ("version", "1")],
        )
        .await;
    assert_redirects_to(&first, &page);

    let stale = app
        .submit(&page, &page, &[("status", "closed"), ("version", "1")])
        .await;

    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let shown = Html::parse_document(&stale.text().await.unwrap());
    assert_eq!(
        texts(&shown, "select#status option[selected]"),
        ["Pris en compte"]
    );
    assert!(texts(&shown, ".alert")[0].ends_with("statut « Clos »."));
    assert_eq!(
        app.count("feedback", "status = 'acknowledged' and version = 2")
            .await,
        1
    );
    assert_eq!(
        app.count("activity_events", "kind = 'feedback.status_changed'")
            .await,
        1
    );
}

#[tokio::test]
async fn invalid_triage_choices_are_refused_with_the_form_shown_again() {
    let app = TestApp::spawn().await;
    let id = seed(&app.db, "Le son coupe").await;
    app.login_as_in(&app, Role::Member, Some("support")).await;
    let outsider = app
        .create_user_in("dev@example.org", "Dev", Role::Member, Some("devops"))
        .await
        .to_string();
    let page = format!("/feedback/{id}");

    let refused = app
        .submit(
            &page,
            &page,
            &[
                ("status", "planned"),
                ("assignee", &outsider),
                ("version", "1"),
            ],
        )
        .await;
    let empty_tag = app
        .submit(&page, &format!("{page}/tags"), &[("tag", "   ")])
        .await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let shown = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&shown, "#assignee-error"),
        ["Choisissez une valeur de la liste."]
    );
    assert_eq!(
        texts(&shown, "select#status option[selected]"),
        ["Planifié"],
        "the choice is kept"
    );
    assert_eq!(empty_tag.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.count("feedback", "status = 'new' and assignee_id is null")
            .await,
        1
    );
    assert_eq!(app.count("feedback_tags", "true").await, 0);
}

#[tokio::test]
async fn a_member_outside_support_reads_but_cannot_triage() {
    let app = TestApp::spawn().await;
    let id = seed(&app.db, "Le son coupe").await;
    let original = seed(&app.db, "Pas de son").await.to_string();
    app.login_as_in(&app, Role::Member, Some("devops")).await;
    let page = format!("/feedback/{id}");

    let shown = app.page(&page).await;
    assert_eq!(texts(&shown, ".feedback-message"), ["Le son coupe"]);
    assert!(
        texts(&shown, "form[action^='/feedback/'] button").is_empty(),
        "no triage controls"
    );
    assert!(
        !texts(&shown, "dl.facts").join(" ").contains("Contact"),
        "no contact address"
    );
    let attempts = [
        (page.clone(), vec![("status", "closed"), ("version", "1")]),
        (format!("{page}/tags"), vec![("tag", "urgent")]),
        (format!("{page}/tags/remove"), vec![("tag", "urgent")]),
        (format!("{page}/notes"), vec![("note", "Vu")]),
        (
            format!("{page}/merge"),
            vec![("into", original.as_str()), ("version", "1")],
        ),
    ];
    for (action, fields) in attempts {
        let response = app.submit(&page, &action, &fields).await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
    }

    assert_eq!(
        app.count(
            "feedback",
            "status = 'new' and version = 1 and merged_into_id is null and duplicate_count = 0"
        )
        .await,
        2
    );
    assert_eq!(
        app.count("feedback_tags", "true").await + app.count("comments", "true").await,
        0
    );
    assert_eq!(
        app.count("activity_events", "kind like 'feedback.%'").await,
        0
    );
}
