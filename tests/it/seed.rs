use launch_control::domain::role::Role;
use launch_control::seed;
use reqwest::StatusCode;
use scraper::{Html, Selector};
use uuid::Uuid;

use crate::helpers::{TestApp, Visitor, assert_redirects_to, texts};

#[tokio::test]
async fn the_seed_stores_the_plan_with_every_item_under_its_phase() {
    let app = TestApp::spawn().await;

    let per_phase: Vec<(String, i64)> = sqlx::query_as(
        "select p.section, count(i.id) from phases p left join checklist_items i on i.phase_id = p.id
         group by p.section order by p.section",
    )
    .fetch_all(&app.db)
    .await
    .unwrap();
    let count = |table: &str| {
        let query = format!("select count(*) from {table}");
        let db = app.db.clone();
        async move {
            sqlx::query_scalar::<_, i64>(&query)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };

    let expected = [
        ("2.1", 5),
        ("2.2", 4),
        ("2.3", 3),
        ("2.4", 3),
        ("2.5", 3),
        ("3.1", 5),
        ("3.2", 5),
        ("3.3", 4),
    ];
    let expected: Vec<(String, i64)> = expected.iter().map(|(s, n)| (s.to_string(), *n)).collect();
    assert_eq!(per_phase, expected);
    assert_eq!(count("teams").await, 5);
    assert_eq!(count("risks").await, 3);
    assert_eq!(count("risk_mitigation_items").await, 9);
    assert_eq!(count("communication_actions").await, 8);
    assert_eq!(
        count("activity_events where kind = 'plan.imported'").await,
        1
    );
}

#[tokio::test]
async fn seeding_a_database_that_has_a_plan_changes_nothing() {
    let app = TestApp::spawn().await;

    let seeded = seed::seed_if_empty(&app.db, chrono::Utc::now())
        .await
        .unwrap();

    assert!(!seeded);
    let plans: i64 = sqlx::query_scalar("select count(*) from plans")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(plans, 1);
}

/// A team's own plan, in the seed's format.
const ANOTHER_PLAN: &str = r##"
[plan]
name = "Launch of Orbit"
time_zone = "America/New_York"
launch_day = 10
launch_time = "09:30:00"
horizon_days = 20

[[teams]]
key = "ops"
name = "Ops"
colour = "#334155"

[[phases]]
section = "1"
stage = "deployment"
name = "Ready the servers"
start_day = 1
end_day = 9
team = "ops"

[[phases.items]]
title = "Provision the cluster"
key = "cluster"

[[risks]]
title = "Cloud outage"
impact_description = "No launch."
likelihood = 2
impact = 5
owner_team = "ops"
mitigation = "A second region."
mitigation_items = ["1/cluster"]
"##;

#[tokio::test]
async fn another_teams_plan_file_loads_into_an_empty_database_through_the_same_code() {
    let app = TestApp::spawn().await;
    sqlx::query("delete from plans")
        .execute(&app.db)
        .await
        .unwrap();
    let plan = seed::parse(ANOTHER_PLAN).unwrap();

    let loaded = seed::load_if_empty(&app.db, &plan, chrono::Utc::now())
        .await
        .unwrap();

    assert!(loaded);
    let (name, zone, launch_day): (String, String, i32) =
        sqlx::query_as("select name, time_zone, launch_day from plans")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), zone.as_str(), launch_day),
        ("Launch of Orbit", "America/New_York", 10)
    );
    assert_eq!(
        app.count("checklist_items", "title = 'Provision the cluster'")
            .await,
        1
    );
    assert_eq!(app.count("risk_mitigation_items", "true").await, 1);
    assert_eq!(
        app.count("plans", "description = ''").await,
        1,
        "a plan file may leave its description out"
    );
    assert!(
        seed::parse("[plan]\nname = 1").is_err(),
        "a malformed file is refused"
    );
}

#[tokio::test]
async fn the_overview_shows_the_plans_objectives_as_a_list() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Viewer).await;

    let overview = app.page("/").await;

    assert_eq!(texts(&overview, "#overview-objectives h2"), ["Objectifs"]);
    assert_eq!(
        texts(&overview, "#overview-objectives li"),
        [
            "Déployer la plateforme Lootopia en production de manière sécurisée et efficace.",
            "Lancer officiellement la plateforme avec une communication ciblée pour attirer les utilisateurs et les partenaires.",
            "Assurer une transition fluide entre l'environnement de développement et l'environnement de production.",
        ]
    );
}

#[tokio::test]
async fn the_standby_servers_of_risk_2_are_an_item_of_2_5_listed_among_its_mitigation_items() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Member).await;
    let (section, required): (String, bool) = sqlx::query_as(
        "select p.section, i.required from checklist_items i join phases p on p.id = i.phase_id
         where i.title like '%serveurs de secours%'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap();
    let risk: Uuid =
        sqlx::query_scalar("select id from risks where title = 'Indisponibilité du serveur'")
            .fetch_one(&app.db)
            .await
            .unwrap();

    let page = app.page(&format!("/risks/{risk}")).await;

    assert_eq!((section.as_str(), required), ("2.5", true));
    let rows = texts(&page, "table.mitigation-items tbody tr");
    assert!(
        rows.iter()
            .any(|row| row.contains("serveurs de secours") && row.contains("2.5")),
        "{rows:?}"
    );
}

/// An admin's settings form as drawn, with `description` typed in.
async fn save_description(admin: &Visitor, description: &str) -> reqwest::Response {
    let form = admin.page("/admin/plan").await;
    let value = |name: &str| {
        let selector = Selector::parse(&format!("[name={name}]")).unwrap();
        let field = form.select(&selector).next().unwrap();
        let selected = Selector::parse("option[selected]").unwrap();
        match field.value().name() {
            "select" => field
                .select(&selected)
                .next()
                .unwrap()
                .value()
                .attr("value"),
            _ => field.value().attr("value"),
        }
        .unwrap()
        .to_owned()
    };
    let fields = [
        "name",
        "kickoff_date",
        "launch_day",
        "launch_time",
        "time_zone",
        "version",
    ]
    .map(|name| (name, value(name)));
    let mut fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
    fields.push(("description", description));
    admin.submit("/admin/plan", "/admin/plan", &fields).await
}

#[tokio::test]
async fn an_admin_rewrites_the_description_and_the_overview_shows_it_as_text() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;
    let shown = app.page("/admin/plan").await;
    let textarea = Selector::parse("textarea#description").unwrap();
    let label = texts(&shown, "label[for=description]");
    assert_eq!(label, ["Description (les objectifs du plan)"]);
    let stored = shown
        .select(&textarea)
        .next()
        .unwrap()
        .text()
        .collect::<String>();
    assert!(
        stored.starts_with("- Déployer la plateforme Lootopia"),
        "{stored}"
    );

    let saved = save_description(
        &app,
        "Pour le lancement :\r\n- <b>Ouvrir</b> le site\r\n- Tenir\r\n\r\nEnsuite, le support.",
    )
    .await;

    assert_redirects_to(&saved, "/admin/plan");
    let (description, version): (String, i32) =
        sqlx::query_as("select description, version from plans")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(
        description,
        "Pour le lancement :\n- <b>Ouvrir</b> le site\n- Tenir\n\nEnsuite, le support."
    );
    assert_eq!(version, 2);
    let (before, after): (serde_json::Value, serde_json::Value) =
        sqlx::query_as("select before, after from activity_events where kind = 'plan.updated'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert!(
        before["description"]
            .as_str()
            .unwrap()
            .starts_with("- Déployer")
    );
    assert_eq!(after["description"], description.as_str());
    let overview = app.page("/").await;
    assert_eq!(
        texts(&overview, "#overview-objectives p"),
        ["Pour le lancement :", "Ensuite, le support."]
    );
    assert_eq!(
        texts(&overview, "#overview-objectives li"),
        ["<b>Ouvrir</b> le site", "Tenir"]
    );
    assert_eq!(
        overview
            .select(&Selector::parse("#overview-objectives b").unwrap())
            .count(),
        0,
        "typed markup stays text"
    );
}

#[tokio::test]
async fn a_description_too_long_is_refused_beside_its_field_and_nothing_changes() {
    let app = TestApp::spawn().await;
    app.login_as(Role::Admin).await;

    let refused = save_description(&app, &"x".repeat(4001)).await;

    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = Html::parse_document(&refused.text().await.unwrap());
    assert_eq!(texts(&page, "#description-error"), ["C'est trop long."]);
    assert_eq!(app.count("plans", "version = 1").await, 1);
    assert_eq!(
        app.count("activity_events", "kind = 'plan.updated'").await,
        0
    );
}
