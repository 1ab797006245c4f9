//! Communication actions: on the timeline, edited through their form, and
//! the communication plan's own page (`page`), tied to their checklist twins
//! (`twins`).

mod page;
mod twins;

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;
use uuid::Uuid;

use crate::helpers::{TestApp, assert_redirects_to, texts};

async fn newsletter(app: &TestApp) -> Uuid {
    sqlx::query_scalar("select id from communication_actions where channel = 'newsletter'")
        .fetch_one(&app.db)
        .await
        .unwrap()
}

#[tokio::test]
async fn the_timeline_draws_the_communication_actions_beside_the_phases() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;

    let page = app.page("/timeline").await;

    assert_eq!(texts(&page, "svg.gantt a.action").len(), 8);
    let rows = texts(&page, "table.actions tbody tr");
    assert_eq!(rows.len(), 8);
    assert!(
        rows.iter()
            .any(|row| row.contains("Newsletter d'annonce du lancement") && row.contains("J+31"))
    );
    assert!(
        texts(&page, "#actions-caption a").is_empty(),
        "a viewer is not offered to add one"
    );
}

#[tokio::test]
async fn the_marketing_lead_edits_an_action_others_cannot_and_a_stale_edit_is_refused() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("marketing")).await;
    let devops = app.visitor();
    app.login_as_in(&devops, Role::Lead, Some("devops")).await;
    let id = newsletter(&app).await;
    let page = format!("/communications/{id}");
    let team = app.team_id("marketing").await.to_string();
    let fields = |title: &'static str, version: &'static str| {
        vec![
            ("title", title),
            ("channel", "newsletter"),
            ("audience", "Inscrits"),
            ("day", "30"),
            ("state", "in_progress"),
            ("team", team.as_str()),
            ("owner", ""),
            ("version", version),
        ]
    };

    assert_eq!(
        devops
            .submit(&page, &page, &fields("Piraté", "1"))
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let invalid = lead
        .submit(
            &page,
            &page,
            &[
                ("title", ""),
                ("channel", "fax"),
                ("day", "J+31"),
                ("state", "planned"),
                ("team", &team),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(invalid.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_redirects_to(
        &lead
            .submit(&page, &page, &fields("Newsletter de lancement", "1"))
            .await,
        "/timeline#communications",
    );
    let stale = lead.submit(&page, &page, &fields("Autre titre", "1")).await;
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let html = Html::parse_document(&stale.text().await.unwrap());
    assert!(texts(&html, "[role=alert]")[0].contains("Autre titre"));

    let (title, day, state): (String, i32, String) =
        sqlx::query_as("select title, day, state from communication_actions where id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (title.as_str(), day, state.as_str()),
        ("Newsletter de lancement", 30, "in_progress")
    );
    assert_eq!(
        app.count("activity_events", "kind = 'communication.updated'")
            .await,
        1
    );
}

#[tokio::test]
async fn a_lead_adds_an_action_for_their_own_team_only() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("marketing")).await;
    let marketing = app.team_id("marketing").await.to_string();
    let devops = app.team_id("devops").await.to_string();
    let action = |team: &'static str| -> [(&'static str, &'static str); 7] {
        [
            ("title", "Live Instagram"),
            ("channel", "instagram"),
            ("audience", "Abonnés"),
            ("day", "29"),
            ("state", "planned"),
            ("team", team),
            ("owner", ""),
        ]
    };
    let (marketing, devops): (&'static str, &'static str) = (marketing.leak(), devops.leak());

    let foreign = lead
        .submit("/communications/new", "/communications", &action(devops))
        .await;
    let own = lead
        .submit("/communications/new", "/communications", &action(marketing))
        .await;

    assert_eq!(foreign.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_redirects_to(&own, "/timeline#communications");
    assert_eq!(
        app.count("communication_actions", "title = 'Live Instagram'")
            .await,
        1
    );
    let viewer = app.visitor();
    app.login_as_in(&viewer, Role::Viewer, None).await;
    assert_eq!(
        viewer.get("/communications/new").await.status(),
        StatusCode::FORBIDDEN
    );
}
