use launch_control::seed;

use crate::helpers::TestApp;

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
        ("2.5", 2),
        ("3.1", 5),
        ("3.2", 5),
        ("3.3", 4),
    ];
    let expected: Vec<(String, i64)> = expected.iter().map(|(s, n)| (s.to_string(), *n)).collect();
    assert_eq!(per_phase, expected);
    assert_eq!(count("teams").await, 5);
    assert_eq!(count("risks").await, 3);
    assert_eq!(count("risk_mitigation_items").await, 8);
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
    assert!(
        seed::parse("[plan]\nname = 1").is_err(),
        "a malformed file is refused"
    );
}
