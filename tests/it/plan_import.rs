//! Importing a plan document (issue 21): the seed document gives the plan
//! the product ships with; lines not understood are listed with their
//! number and nothing is stored before the preview is confirmed.

use launch_control::domain::role::Role;
use reqwest::StatusCode;
use reqwest::multipart::{Form, Part};
use scraper::Html;
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, assert_redirects_to, csrf_token, form_values, texts};
use crate::html_validity::assert_valid;

/// The repository's copy of the plan document the seed was written from.
const DOCUMENT: &str = include_str!("../../seed/lootopia-launch-plan.md");

/// Uploads `document` through the import form, as a file.
async fn upload(visitor: &Visitor, document: impl Into<Vec<u8>>) -> reqwest::Response {
    let token = csrf_token(&visitor.page("/admin/plans/import").await);
    let form = Form::new().text("csrf", token).part(
        "document",
        Part::bytes(document.into())
            .file_name("plan.md")
            .mime_str("text/markdown")
            .unwrap(),
    );
    post(visitor, form).await
}

/// Posts the multipart `form` to the import.
async fn post(visitor: &Visitor, form: Form) -> reqwest::Response {
    visitor
        .client
        .post(visitor.url("/admin/plans/import"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// Confirms the preview `page` shows, as its form posts it.
async fn confirm(visitor: &Visitor, page: &Html) -> reqwest::Response {
    let mut form = Form::new();
    for (name, value) in form_values(page, "#preview form", &[]) {
        form = form.text(name, value);
    }
    form = form.text("csrf", csrf_token(page));
    post(visitor, form).await
}

/// The plans, oldest first.
async fn plans(app: &TestApp) -> Vec<Uuid> {
    sqlx::query_scalar("select id from plans order by created_at, id")
        .fetch_all(&app.db)
        .await
        .unwrap()
}

/// Rows of `query` for plan `plan`, sorted.
async fn rows(app: &TestApp, query: &str, plan: Uuid) -> Vec<String> {
    let mut rows: Vec<String> = sqlx::query_scalar(query)
        .bind(plan)
        .fetch_all(&app.db)
        .await
        .unwrap();
    rows.sort();
    rows
}

const PHASES: &str = "select concat_ws(' | ', p.section, lower(p.name), p.stage, p.start_day,
                             p.end_day, t.name, p.start_from_launch, p.end_from_launch)
                      from phases p join teams t on t.id = p.team_id where p.plan_id = $1";
const ITEMS: &str = "select concat_ws(' | ', p.section, i.group_label, i.title)
                     from checklist_items i join phases p on p.id = i.phase_id where p.plan_id = $1";
const RISKS: &str = "select concat_ws(' | ', lower(title), impact_description, mitigation)
                     from risks where plan_id = $1";
const CHANNELS: &str = "select distinct channel from communication_actions where plan_id = $1";

#[tokio::test]
async fn the_seed_document_imports_into_the_plan_the_product_ships_with() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let [seeded] = plans(&app).await[..] else {
        panic!("one plan to begin with")
    };

    let preview = upload(&admin, DOCUMENT).await;
    assert_eq!(preview.status(), StatusCode::OK);
    let page = Html::parse_document(&preview.text().await.unwrap());
    assert_eq!(
        texts(&page, "#import-summary"),
        [
            "8 phases, 31 éléments, 5 équipes, 3 risques, 9 actions de communication ; lancement le J+31."
        ]
    );
    assert!(texts(&page, "#import-unread").is_empty(), "every line read");
    assert_eq!(plans(&app).await.len(), 1, "nothing stored by the preview");

    let created = confirm(&admin, &page).await;
    assert_redirects_to(&created, "/admin/plans");
    let [_, imported] = plans(&app).await[..] else {
        panic!("a second plan")
    };
    assert_eq!(
        rows(&app, PHASES, imported).await,
        rows(&app, PHASES, seeded).await,
        "the same 8 phases, days, teams and anchors"
    );
    let items = rows(&app, ITEMS, imported).await;
    let shipped = rows(&app, ITEMS, seeded).await;
    assert_eq!(items.len(), 31);
    let only_shipped: Vec<&String> = shipped.iter().filter(|row| !items.contains(row)).collect();
    assert_eq!(
        only_shipped,
        [
            "2.5 | Serveurs de Secours | Configuration de serveurs de secours prêts à prendre le relais en cas d'indisponibilité du serveur."
        ],
        "every bullet is a shipped item under its group; the shipped plan adds risk 2's standby servers"
    );
    assert!(items.iter().all(|row| shipped.contains(row)));
    assert_eq!(
        rows(&app, RISKS, imported).await,
        rows(&app, RISKS, seeded).await
    );
    assert_eq!(
        rows(&app, CHANNELS, imported).await,
        rows(&app, CHANNELS, seeded).await
    );
    assert_eq!(
        app.count(
            "activity_events",
            &format!("kind = 'plan.imported' and plan_id = '{imported}' and actor_id is not null")
        )
        .await,
        1
    );
    let listed = texts(&admin.page("/admin/plans").await, "tbody th");
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1], "Plan de Déploiement et de Lancement de Lootopia");
}

#[tokio::test]
async fn a_document_with_two_malformed_lines_lists_both_and_creates_the_rest_once_confirmed() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;
    let broken = DOCUMENT
        .replace(
            "| Migration des Données          | J+16 - J+17     |",
            "| Migration des Données          | mi-décembre     |",
        )
        .replace(
            "### **2.3 Tests de Pré-Production**\n",
            "### **2.3 Tests de Pré-Production**\n\nÀ voir avec l'équipe QA.\n",
        );
    let line_of = |needle: &str| {
        broken
            .lines()
            .position(|line| line.contains(needle))
            .unwrap()
            + 1
    };
    let (stray, calendar) = (line_of("À voir avec"), line_of("mi-décembre"));

    let preview = upload(&admin, broken.clone()).await;
    assert_eq!(preview.status(), StatusCode::OK);
    let body = preview.text().await.unwrap();
    assert_valid("import preview with unread lines", &body);
    let page = Html::parse_document(&body);
    let unread = texts(&page, "#import-unread li");
    assert_eq!(unread.len(), 2, "{unread:?}");
    assert!(
        unread[0].starts_with(&format!("Ligne {stray} À voir avec l'équipe QA. — ")),
        "{unread:?}"
    );
    assert!(
        unread[1].starts_with(&format!("Ligne {calendar} | Migration des Données"))
            && unread[1].ends_with("des jours qui ne sont pas écrits J+n ou J+n - J+m"),
        "{unread:?}"
    );
    assert_eq!(
        plans(&app).await.len(),
        1,
        "nothing created before confirming"
    );

    let created = confirm(&admin, &page).await;
    assert_redirects_to(&created, "/admin/plans");
    let [_, imported] = plans(&app).await[..] else {
        panic!("a second plan")
    };
    let sections: Vec<String> = rows(
        &app,
        "select section from phases where plan_id = $1",
        imported,
    )
    .await;
    assert_eq!(sections, ["2.1", "2.2", "2.3", "2.5", "3.1", "3.2", "3.3"]);
    assert_eq!(
        app.count(
            "checklist_items",
            &format!("phase_id in (select id from phases where plan_id = '{imported}')")
        )
        .await,
        28,
        "the 31 bullets but the 3 of 2.4, left out without days"
    );
}

#[tokio::test]
async fn uploads_are_hostile_until_read() {
    let app = TestApp::spawn().await;
    let admin = app.visitor();
    app.login_as_in(&admin, Role::Admin, None).await;

    let binary = upload(&admin, vec![0xff, 0xfe, 0x00, 0x41]).await;
    assert_eq!(binary.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&binary.text().await.unwrap());
    assert!(texts(&page, "#document-error")[0].contains("n'est pas du texte UTF-8"));

    let script = DOCUMENT.replace(
        "### **2.1 Préparation de l'Environnement de Production**",
        "### **2.1 <script>alert(1)</script>Préparation de l'Environnement de Production**",
    );
    let preview = upload(&admin, script).await;
    let body = preview.text().await.unwrap();
    assert!(!body.contains("<script>alert(1)"), "titles are escaped");
    let page = Html::parse_document(&body);
    assert!(
        texts(&page, "#import-unread li")[0].contains("2.1 <script>alert(1)</script>Préparation"),
        "shown as text"
    );

    let document = || Part::bytes(DOCUMENT.as_bytes().to_vec());
    let no_token = post(&admin, Form::new().part("document", document())).await;
    assert_eq!(no_token.status(), StatusCode::FORBIDDEN);
    let forged = Form::new()
        .text("csrf", "forged")
        .part("document", document());
    let wrong_token = post(&admin, forged).await;
    assert_eq!(wrong_token.status(), StatusCode::FORBIDDEN);

    let lead = app.visitor();
    app.login_as_in(&lead, Role::Lead, Some("qa")).await;
    assert_eq!(
        lead.get("/admin/plans/import").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(plans(&app).await.len(), 1, "nothing stored");
}
