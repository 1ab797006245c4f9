//! `/admin/plan`: who may change the plan, and what is refused.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};

use super::{admin, save_settings};
use crate::helpers::{TestApp, assert_redirects_to, texts};

#[tokio::test]
async fn bad_plan_settings_are_redrawn_with_the_errors_beside_the_fields_and_nothing_is_stored() {
    let app = TestApp::spawn().await;
    let admin = admin(&app).await;

    let refused = save_settings(
        &admin,
        &[
            ("kickoff_date", "26/11/2026"),
            ("launch_day", "99"),
            ("time_zone", "Mars/Olympus"),
        ],
    )
    .await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(
        texts(&page, ".field-error"),
        [
            "Indiquez une date (AAAA-MM-JJ).",
            "Indiquez un jour du plan, de 1 à sa fin.",
            "Choisissez un fuseau horaire de la liste."
        ]
    );
    let typed = Selector::parse("input[name=kickoff_date]").unwrap();
    assert_eq!(
        page.select(&typed).next().unwrap().value().attr("value"),
        Some("26/11/2026")
    );
    assert_eq!(
        app.count("plans", "version = 1 and not kickoff_confirmed")
            .await,
        1
    );
    assert_eq!(
        app.count("activity_events", "kind = 'plan.updated'").await,
        0
    );
}

#[tokio::test]
async fn settings_drawn_before_someone_elses_change_are_refused_and_nothing_is_overwritten() {
    let app = TestApp::spawn().await;
    let (first, second) = (admin(&app).await, app.visitor());
    app.login_as_in(&second, Role::Admin, Some("devops")).await;
    assert_redirects_to(
        &save_settings(&first, &[("name", "Premier")]).await,
        "/admin/plan",
    );

    let stale = save_settings(&second, &[("name", "Second"), ("version", "1")]).await;

    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let page = Html::parse_document(&stale.text().await.unwrap());
    assert!(texts(&page, ".alert")[0].contains("« Second »"));
    let name: String = sqlx::query_scalar("select name from plans")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(name, "Premier");
}

#[tokio::test]
async fn a_lead_outside_marketing_changes_neither_the_plan_nor_its_links() {
    let app = TestApp::spawn().await;
    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("devops")).await;

    for action in ["/admin/plan", "/screens", "/screens/calendar/revoke"] {
        let response = lead
            .submit("/", action, &[("kickoff_date", "2020-01-01")])
            .await;
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{action}");
    }
    assert_eq!(app.count("plans", "version = 1").await, 1);
    assert_eq!(
        app.count("access_tokens", "purpose in ('kiosk', 'calendar')")
            .await,
        0
    );
    assert!(
        texts(
            &lead.page("/countdown").await,
            "a[href='/admin/plan#links']"
        )
        .is_empty()
    );
}
