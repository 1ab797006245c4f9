//! The CSV export of the list.

use launch_control::domain::role::Role;
use reqwest::StatusCode;

use super::seed;
use crate::helpers::TestApp;

const HEADER: [&str; 12] = [
    "Identifiant",
    "Envoyé le (UTC)",
    "Jour du plan",
    "Catégorie",
    "Note",
    "Statut",
    "Message",
    "Adresse e-mail",
    "Étiquettes",
    "Responsable",
    "Doublons",
    "Fusionné dans",
];

/// The export as `app`'s visitor gets it: its header and rows, parsed as CSV.
async fn export(app: &TestApp, query: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let response = app.get(&format!("/feedback.csv{query}")).await;
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(
        response.headers()["content-type"],
        "text/csv; charset=utf-8"
    );
    let body = response.bytes().await.unwrap();
    let mut reader = csv::Reader::from_reader(body.as_ref());
    let header = reader
        .headers()
        .unwrap()
        .iter()
        .map(str::to_owned)
        .collect();
    let rows = reader
        .records()
        .map(|record| record.unwrap().iter().map(str::to_owned).collect())
        .collect();
    (header, rows)
}

#[tokio::test]
async fn the_export_is_csv_with_its_header_and_formulas_cannot_run() {
    let app = TestApp::spawn().await;
    let formula = r#"=HYPERLINK("http://evil.example","Cliquez")"#;
    seed(&app.db, formula).await;
    seed(
        &app.db,
        "Tout va bien, merci ; « super » jeu\nsur deux lignes",
    )
    .await;
    sqlx::query("insert into feedback_tags (feedback_id, tag) select id, '+urgent' from feedback where message like '=%'")
        .execute(&app.db)
        .await
        .unwrap();
    app.login_as_in(&app, Role::Member, Some("support")).await;

    let (header, rows) = export(&app, "").await;

    assert_eq!(header, HEADER);
    assert_eq!(rows.len(), 2);
    let message = |row: &Vec<String>| row[6].clone();
    let formula_row = rows
        .iter()
        .find(|row| message(row).contains("HYPERLINK"))
        .unwrap();
    assert_eq!(message(formula_row), format!("'{formula}"));
    assert_eq!(formula_row[8], "'+urgent");
    assert_eq!(formula_row[3], "Bug");
    assert_eq!(
        formula_row[7], "dana@example.org",
        "support gets the contact"
    );
    assert!(
        rows.iter()
            .any(|row| message(row) == "Tout va bien, merci ; « super » jeu\nsur deux lignes")
    );
    let (_, filtered) = export(&app, "?q=jeu").await;
    assert_eq!(filtered.len(), 1, "the export follows the filters");
}

#[tokio::test]
async fn the_export_needs_a_session_and_keeps_addresses_to_support() {
    let app = TestApp::spawn().await;
    seed(&app.db, "Bonjour").await;
    let anonymous = app.visitor().get("/feedback.csv").await;
    assert_eq!(anonymous.status(), StatusCode::SEE_OTHER);

    app.login_as(Role::Viewer).await;
    let (_, rows) = export(&app, "").await;

    assert_eq!(rows[0][6], "Bonjour");
    assert_eq!(rows[0][7], "", "no address for readers");
}
