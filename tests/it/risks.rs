use launch_control::domain::role::Role;
use reqwest::StatusCode;
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

const DEPLOYMENT: &str = "Problèmes techniques lors du déploiement";
const OUTAGE: &str = "Indisponibilité du serveur";
const ADOPTION: &str = "Manque d'utilisateurs";

async fn risk_id(app: &TestApp, title: &str) -> Uuid {
    sqlx::query_scalar("select id from risks where title = $1")
        .bind(title)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

async fn scores(app: &TestApp, id: Uuid) -> (i16, i16, i32) {
    sqlx::query_as("select likelihood, impact, version from risks where id = $1")
        .bind(id)
        .fetch_one(&app.db)
        .await
        .unwrap()
}

/// The count written in the heat map cell of `likelihood` × `impact` (none for an empty cell).
fn cell_count(page: &Html, likelihood: u8, impact: u8) -> Vec<String> {
    texts(
        page,
        &format!(
            r#"svg.heatmap a.cell[href="/risks?likelihood={likelihood}&impact={impact}"] text.count"#
        ),
    )
}

async fn html(response: reqwest::Response) -> Html {
    Html::parse_document(&response.text().await.unwrap())
}

async fn signed_in(app: &TestApp, role: Role, team: Option<&str>) -> Visitor {
    let visitor = app.visitor();
    app.login_as_in(&visitor, role, team).await;
    visitor
}

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
async fn out_of_range_scores_and_an_empty_title_are_refused_with_the_form_shown_again_and_nothing_stored()
 {
    let app = TestApp::spawn().await;
    let admin = signed_in(&app, Role::Admin, None).await;
    let cases = [
        ("likelihood", "0", "3"),
        ("likelihood", "6", "3"),
        ("likelihood", "abc", "3"),
        ("impact", "3", "0"),
        ("impact", "3", "6"),
        ("impact", "3", "abc"),
    ];

    for (field, likelihood, impact) in cases {
        let refused = admin
            .submit(
                "/risks/new",
                "/risks",
                &[
                    ("title", "Panne DNS"),
                    ("likelihood", likelihood),
                    ("impact", impact),
                    ("mitigation", "Deux fournisseurs"),
                ],
            )
            .await;
        assert_eq!(
            refused.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{likelihood} × {impact}"
        );
        let page = html(refused).await;
        assert_eq!(
            texts(&page, &format!("#{field}-error")),
            ["Choisissez un niveau de 1 à 5."],
            "{likelihood} × {impact}"
        );
        let title = Selector::parse("input#title").unwrap();
        assert_eq!(
            page.select(&title).next().unwrap().value().attr("value"),
            Some("Panne DNS")
        );
        assert_eq!(texts(&page, "textarea#mitigation"), ["Deux fournisseurs"]);
    }
    let untitled = admin
        .submit(
            "/risks/new",
            "/risks",
            &[
                ("title", "  "),
                ("likelihood", "2"),
                ("impact", "2"),
                ("mitigation", ""),
            ],
        )
        .await;
    assert_eq!(untitled.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        texts(&html(untitled).await, "#title-error"),
        ["Ce champ est obligatoire."]
    );
    let id = risk_id(&app, OUTAGE).await;
    let page = format!("/risks/{id}");
    let edit = admin
        .submit(
            &page,
            &page,
            &[
                ("title", OUTAGE),
                ("likelihood", "7"),
                ("impact", "5"),
                ("version", "1"),
            ],
        )
        .await;
    assert_eq!(edit.status(), StatusCode::UNPROCESSABLE_ENTITY);

    assert_eq!(app.count("risks", "true").await, 3);
    assert_eq!(scores(&app, id).await, (2, 5, 1));
    assert_eq!(
        app.count("activity_events", "subject_type = 'risk'").await,
        0
    );
}

#[tokio::test]
async fn a_lead_of_another_team_cannot_edit_review_or_link_and_nothing_changes() {
    let app = TestApp::spawn().await;
    let qa = signed_in(&app, Role::Lead, Some("qa")).await;
    let member = signed_in(&app, Role::Member, Some("devops")).await;
    let id = risk_id(&app, DEPLOYMENT).await;
    let page = format!("/risks/{id}");
    let item: Uuid = sqlx::query_scalar("select id from checklist_items limit 1")
        .fetch_one(&app.db)
        .await
        .unwrap();
    let item = item.to_string();

    for visitor in [&qa, &member] {
        assert!(
            texts(&visitor.page(&page).await, "#edit, #review").is_empty(),
            "no control is shown"
        );
        let edit = visitor
            .submit(
                &page,
                &page,
                &[
                    ("title", "Piraté"),
                    ("likelihood", "1"),
                    ("impact", "1"),
                    ("version", "1"),
                ],
            )
            .await;
        assert_eq!(edit.status(), StatusCode::FORBIDDEN);
        let review = visitor
            .submit(
                &page,
                &format!("{page}/review"),
                &[
                    ("reason", "Piraté"),
                    ("likelihood", "1"),
                    ("impact", "1"),
                    ("version", "1"),
                ],
            )
            .await;
        assert_eq!(review.status(), StatusCode::FORBIDDEN);
        let link = visitor
            .submit(&page, &format!("{page}/items"), &[("item", &item)])
            .await;
        assert_eq!(link.status(), StatusCode::FORBIDDEN);
    }
    assert_eq!(
        member.get("/risks/new").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        qa.get("/risks/new").await.status(),
        StatusCode::OK,
        "for risks QA owns"
    );

    assert_eq!(scores(&app, id).await, (3, 4, 1));
    assert_eq!(app.count("risk_reviews", "true").await, 0);
    assert_eq!(
        app.count("risk_mitigation_items", &format!("risk_id = '{id}'"))
            .await,
        3
    );
    assert_eq!(
        app.count("activity_events", "subject_type = 'risk'").await,
        0
    );
}

#[tokio::test]
async fn a_review_changes_the_scores_and_stays_in_the_history() {
    let app = TestApp::spawn().await;
    let lead = signed_in(&app, Role::Lead, Some("devops")).await;
    let id = risk_id(&app, DEPLOYMENT).await;
    let page = format!("/risks/{id}");
    let review = |reason: &'static str| {
        [
            ("reason", reason),
            ("likelihood", "2"),
            ("impact", "4"),
            ("next_review_day", "J+20"),
            ("version", "1"),
        ]
    };

    let reviewed = lead
        .submit(
            &page,
            &format!("{page}/review"),
            &review("Tests de charge passés en staging"),
        )
        .await;
    let stale = lead
        .submit(&page, &format!("{page}/review"), &review("Revue en double"))
        .await;

    assert_redirects_to(&reviewed, &format!("{page}#reviews"));
    assert_eq!(scores(&app, id).await, (2, 4, 2));
    assert_eq!(stale.status(), StatusCode::CONFLICT);
    assert!(texts(&html(stale).await, "[role=alert]")[0].contains("Revue en double"));
    assert_eq!(app.count("risk_reviews", "true").await, 1);
    let shown = lead.page(&page).await;
    let reviews = texts(&shown, "ol.reviews li");
    assert_eq!(reviews.len(), 1);
    assert!(
        reviews[0].contains("Test lead devops")
            && reviews[0].contains("2 × 4 = 8")
            && reviews[0].contains("Tests de charge passés"),
        "{}",
        reviews[0]
    );
    let history = texts(&shown, "#history li");
    assert!(
        history[0].contains("Test lead devops a revu le risque")
            && history[0].contains("Tests de charge passés"),
        "{}",
        history[0]
    );
    assert!(
        texts(&shown, "#risk-facts dd")
            .iter()
            .any(|fact| fact.starts_with("J+20"))
    );
    let register = lead.page("/risks").await;
    assert_eq!(cell_count(&register, 2, 4), ["1"]);
    assert!(cell_count(&register, 3, 4).is_empty());
}

#[tokio::test]
async fn a_stale_edit_is_refused_with_the_current_state_and_the_attempted_change() {
    let app = TestApp::spawn().await;
    let admin = signed_in(&app, Role::Admin, None).await;
    let id = risk_id(&app, ADOPTION).await;
    let page = format!("/risks/{id}");
    let team = app.team_id("marketing").await.to_string();
    let fields = |title, status| {
        [
            ("title", title),
            ("likelihood", "3"),
            ("impact", "3"),
            ("owner_team", team.as_str()),
            ("treatment", "mitigate"),
            ("status", status),
            ("version", "1"),
        ]
    };

    assert_redirects_to(
        &admin
            .submit(&page, &page, &fields("Adoption trop faible", "mitigating"))
            .await,
        &page,
    );
    let stale = admin
        .submit(&page, &page, &fields("Autre intitulé", "accepted"))
        .await;

    assert_eq!(stale.status(), StatusCode::CONFLICT);
    let shown = html(stale).await;
    assert!(texts(&shown, "[role=alert]")[0].contains("« Autre intitulé »"));
    assert_eq!(
        texts(&shown, "h1"),
        ["Adoption trop faible"],
        "the page shows the state that won"
    );
    let (title, status): (String, String) =
        sqlx::query_as("select title, status from risks where id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (title.as_str(), status.as_str()),
        ("Adoption trop faible", "mitigating")
    );
    assert_eq!(
        app.count("activity_events", "kind = 'risk.updated'").await,
        1
    );
}

#[tokio::test]
async fn ticking_a_mitigation_item_moves_the_risks_mitigation_progress() {
    let app = TestApp::spawn().await;
    let (item, version, phase, team): (Uuid, i32, Uuid, String) = sqlx::query_as(
        "select i.id, i.version, i.phase_id, t.key from risk_mitigation_items m
         join risks r on r.id = m.risk_id join checklist_items i on i.id = m.item_id
         join phases p on p.id = i.phase_id join teams t on t.id = p.team_id
         where r.title = $1 order by p.position, i.position limit 1",
    )
    .bind(ADOPTION)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let lead = signed_in(&app, Role::Lead, Some(&team)).await;
    let page = format!("/risks/{}", risk_id(&app, ADOPTION).await);
    assert_eq!(
        texts(&lead.page(&page).await, ".mitigation-progress"),
        ["0 % 0 sur 2 terminés"]
    );

    let version = version.to_string();
    let ticked = lead
        .submit(
            &format!("/phases/{phase}"),
            &format!("/items/{item}/state"),
            &[("state", "done"), ("version", &version)],
        )
        .await;

    assert_eq!(ticked.status(), StatusCode::SEE_OTHER);
    let shown = lead.page(&page).await;
    assert_eq!(
        texts(&shown, ".mitigation-progress"),
        ["50 % 1 sur 2 terminés"]
    );
    assert!(
        texts(&shown, "table.mitigation-items tbody tr")
            .iter()
            .any(|row| row.contains("Terminé"))
    );
}

#[tokio::test]
async fn an_owner_links_and_unlinks_items_and_one_item_may_serve_several_risks() {
    let app = TestApp::spawn().await;
    let lead = signed_in(&app, Role::Lead, Some("devops")).await;
    let id = risk_id(&app, OUTAGE).await;
    let page = format!("/risks/{id}");
    let item: Uuid = sqlx::query_scalar(
        "select m.item_id from risk_mitigation_items m join risks r on r.id = m.risk_id where r.title = $1 limit 1",
    )
    .bind(ADOPTION)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let item = item.to_string();

    let linked = lead
        .submit(&page, &format!("{page}/items"), &[("item", &item)])
        .await;
    assert_redirects_to(&linked, &format!("{page}#mitigation"));
    assert_eq!(
        texts(&lead.page(&page).await, "table.mitigation-items tbody tr").len(),
        4
    );
    assert_eq!(
        app.count("risk_mitigation_items", &format!("item_id = '{item}'"))
            .await,
        2,
        "the item serves both risks"
    );
    let garbage = lead
        .submit(&page, &format!("{page}/items"), &[("item", "not-an-item")])
        .await;
    assert_eq!(garbage.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let unlinked = lead
        .submit(&page, &format!("{page}/items/unlink"), &[("item", &item)])
        .await;
    assert_redirects_to(&unlinked, &format!("{page}#mitigation"));

    assert_eq!(
        texts(&lead.page(&page).await, "table.mitigation-items tbody tr").len(),
        3
    );
    assert_eq!(
        app.count(
            "activity_events",
            "kind in ('risk.item_linked', 'risk.item_unlinked')"
        )
        .await,
        2
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
    sqlx::query("update plans set kickoff_date = current_date - 12")
        .execute(&app.db)
        .await
        .unwrap();
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
