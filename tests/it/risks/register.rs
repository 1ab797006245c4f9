use launch_control::domain::role::Role;
use reqwest::StatusCode;
use uuid::Uuid;

use super::{ADOPTION, DEPLOYMENT, OUTAGE, cell_count, risk_id, signed_in};
use crate::helpers::{TestApp, assert_redirects_to, texts};

#[tokio::test]
async fn the_register_shows_the_three_seeded_risks_by_score_beside_the_heat_map() {
    let app = TestApp::spawn().await;
    let viewer = signed_in(&app, Role::Viewer, None).await;

    let page = viewer.page("/risks").await;

    let rows = texts(&page, "table.risks tbody tr");
    assert_eq!(rows.len(), 3);
    for (row, (title, score)) in rows.iter().zip([
        (DEPLOYMENT, "3 × 4 = 12 · Élevé"),
        (OUTAGE, "2 × 5 = 10 · Élevé"),
        (ADOPTION, "3 × 3 = 9 · Moyen"),
    ]) {
        assert!(row.contains(title) && row.contains(score), "{row}");
    }
    assert!(
        rows[0].contains("2 × 3 = 6 · Moyen"),
        "the residual score is beside the current one: {}",
        rows[0]
    );
    assert_eq!(cell_count(&page, 3, 4), ["1"]);
    assert_eq!(cell_count(&page, 2, 5), ["1"]);
    assert_eq!(cell_count(&page, 3, 3), ["1"]);
    assert_eq!(
        texts(&page, "svg.heatmap text.count").len(),
        3,
        "only the cells holding risks show a count"
    );
    assert!(
        texts(&page, r#"a[href="/risks/new"]"#).is_empty(),
        "a viewer is not offered to add a risk"
    );
    let risk = viewer
        .page(&format!("/risks/{}", risk_id(&app, DEPLOYMENT).await))
        .await;
    assert_eq!(
        texts(&risk, "main form").len(),
        0,
        "nor any control on a risk"
    );
}

#[tokio::test]
async fn a_risk_created_through_the_form_appears_in_the_right_cell() {
    let app = TestApp::spawn().await;
    let lead = signed_in(&app, Role::Lead, Some("devops")).await;

    let created = lead
        .submit(
            "/risks/new",
            "/risks",
            &[
                ("title", "Certificat TLS expiré"),
                ("likelihood", "3"),
                ("impact", "4"),
                ("mitigation", "Renouvellement automatique"),
            ],
        )
        .await;

    let id = risk_id(&app, "Certificat TLS expiré").await;
    assert_redirects_to(&created, &format!("/risks/{id}#mitigation"));
    assert_eq!(
        texts(&lead.page(&format!("/risks/{id}")).await, ".flash"),
        ["Risque « Certificat TLS expiré » créé."]
    );
    let page = lead.page("/risks").await;
    assert_eq!(cell_count(&page, 3, 4), ["2"]);
    let owner: Uuid = sqlx::query_scalar("select owner_team_id from risks where id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(
        owner,
        app.team_id("devops").await,
        "the form preselects the lead's own team"
    );
    assert_eq!(
        app.count(
            "activity_events",
            &format!("kind = 'risk.created' and subject_id = '{id}'")
        )
        .await,
        1
    );
}

#[tokio::test]
async fn the_heat_map_is_readable_without_colour_and_has_a_text_alternative() {
    let app = TestApp::spawn().await;
    let viewer = signed_in(&app, Role::Viewer, None).await;

    let page = viewer.page("/risks").await;

    assert_eq!(
        texts(&page, "svg.heatmap > title"),
        ["Carte de chaleur des risques"]
    );
    let desc = texts(&page, "svg.heatmap > desc");
    assert!(
        desc[0].starts_with("3 risques") && desc[0].contains("2 dans la zone élevée"),
        "{desc:?}"
    );
    assert_eq!(
        texts(&page, "svg.heatmap text.tick").join(" "),
        "1 2 3 4 5 1 2 3 4 5"
    );
    assert_eq!(
        texts(&page, "svg.heatmap text.axis-title"),
        ["Probabilité →", "Impact →"]
    );
    let cells = texts(&page, "svg.heatmap .cell > title");
    assert_eq!(cells.len(), 25);
    assert!(
        cells.contains(&"Probabilité 3 × impact 4 = 12 (Élevé) : 1 risque".to_owned()),
        "{cells:?}"
    );
    let legend = texts(&page, ".heatmap-legend li").join(" · ");
    assert_eq!(
        legend,
        "Faible (score 1 à 4) · Moyen (score 5 à 9) · Élevé (score 10 à 25)"
    );
    let table = texts(&page, "table.heatmap-table tbody td");
    assert_eq!(table.len(), 25);
    assert_eq!(
        table[1], "1 Élevé",
        "impact 5 is the first row, likelihood 2 its second cell"
    );
    assert_eq!(texts(&page, "table.heatmap-table tbody td a").len(), 3);
}

#[tokio::test]
async fn filters_narrow_the_register_and_the_export_follows_them() {
    let app = TestApp::spawn().await;
    let admin = signed_in(&app, Role::Admin, None).await;
    let marketing = app.team_id("marketing").await;

    let by_team = admin.page(&format!("/risks?team={marketing}")).await;
    let in_cell = admin.page("/risks?likelihood=2&impact=5").await;
    let closed = admin.page("/risks?status=closed&likelihood=9").await;

    assert_eq!(texts(&by_team, "table.risks tbody th a"), [ADOPTION]);
    assert_eq!(
        texts(&by_team, "svg.heatmap text.count").len(),
        1,
        "the map draws the filtered risks"
    );
    assert_eq!(texts(&in_cell, "table.risks tbody th a"), [OUTAGE]);
    assert_eq!(
        texts(&in_cell, "svg.heatmap text.count").len(),
        3,
        "the map keeps every cell to pick another"
    );
    assert_eq!(
        texts(&closed, "p.empty"),
        ["Aucun risque ne correspond à ces filtres."]
    );
    let new = admin
        .submit(
            "/risks/new",
            "/risks",
            &[
                ("title", "=HYPERLINK(\"x\")"),
                ("likelihood", "1"),
                ("impact", "1"),
                ("mitigation", ""),
            ],
        )
        .await;
    assert_eq!(new.status(), StatusCode::SEE_OTHER);
    let export = admin.get("/risks.csv?lang=en").await;
    assert_eq!(export.headers()["content-type"], "text/csv; charset=utf-8");
    let csv = export.text().await.unwrap();
    let csv = csv
        .strip_prefix('\u{feff}')
        .expect("a byte-order mark for spreadsheets");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5);
    assert!(
        lines[0].starts_with("Risk,Impact,Likelihood,Severity,Score,Band"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].starts_with(DEPLOYMENT) && lines[1].contains(",3,4,12,High,2,3,6,DevOps,"),
        "{}",
        lines[1]
    );
    assert!(
        lines[4].starts_with("\"'=HYPERLINK"),
        "formulas are neutralised: {}",
        lines[4]
    );
    let filtered = admin
        .get(&format!("/risks.csv?team={marketing}"))
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(filtered.lines().count(), 2);
}

#[tokio::test]
async fn a_risk_past_its_review_day_is_flagged() {
    let app = TestApp::spawn().await;
    app.today_is(12).await;
    let viewer = signed_in(&app, Role::Viewer, None).await;

    let page = viewer.page("/risks").await;

    let rows = texts(&page, "table.risks tbody tr");
    assert!(
        rows[0].contains("J+10") && rows[0].contains("Revue en retard"),
        "{}",
        rows[0]
    );
    assert!(!rows[1].contains("Revue en retard") && !rows[2].contains("Revue en retard"));
    assert_eq!(
        texts(&page, "p[role=status]"),
        ["3 risques, dont 1 à revoir en retard"]
    );
    let risk = viewer
        .page(&format!("/risks/{}", risk_id(&app, DEPLOYMENT).await))
        .await;
    assert_eq!(texts(&risk, "p.alert.overdue").len(), 1);
}
