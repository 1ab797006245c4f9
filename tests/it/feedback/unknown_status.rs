//! A triage status the code does not know, stored behind the app's back.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::Html;

use super::seed;
use crate::helpers::{TestApp, texts};
use crate::queries;

#[tokio::test]
async fn a_feedback_status_the_code_does_not_know_answers_the_error_page_instead_of_the_entry() {
    let app = TestApp::spawn().await;
    let id = seed(&app.db, "Le paiement échoue").await;
    app.login_as_in(&app, Role::Member, Some("support")).await;
    let constraint: String = sqlx::query_scalar(
        "select conname::text from pg_constraint
         where conrelid = 'feedback'::regclass and contype = 'c'
           and pg_get_constraintdef(oid) like '%acknowledged%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    sqlx::query(&format!(
        "alter table feedback drop constraint {constraint}"
    ))
    .execute(&app.db)
    .await
    .unwrap();
    sqlx::query("update feedback set status = 'duplicate' where id = $1")
        .bind(id)
        .execute(&app.db)
        .await
        .unwrap();

    for path in [format!("/feedback/{id}"), "/feedback".to_owned()] {
        let traced = queries::get(&app, &path).await;

        assert_eq!(traced.status, StatusCode::INTERNAL_SERVER_ERROR, "{path}");
        assert!(traced.content_type.starts_with("text/html"), "{path}");
        let page = Html::parse_document(&traced.body);
        assert_eq!(texts(&page, "h1"), ["Erreur inattendue"], "{path}");
        assert!(
            !traced.body.contains("Le paiement échoue"),
            "{path} shows the entry"
        );
        let logged = traced.record.errors.join("\n");
        assert!(
            logged.contains("request failed") && logged.contains("duplicate"),
            "{path}: the failure is logged with its cause: {logged}"
        );
    }
}
