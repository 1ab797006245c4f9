use launch_control::app::Options;
use launch_control::domain::role::Role;
use reqwest::StatusCode;
use uuid::Uuid;

use super::{add_user, serve_with};
use crate::helpers::{PASSWORD, TestApp, Visitor, assert_redirects_to, new_client};

const TOKEN: &str = "a-scraper-token-of-some-length";

fn with_token() -> Options {
    Options {
        metrics_token: Some(TOKEN.to_owned()),
        ..Options::default()
    }
}

/// The value of the sample named exactly `series` (name and labels).
fn sample(exposition: &str, series: &str) -> Option<f64> {
    exposition
        .lines()
        .find_map(|line| line.strip_prefix(series)?.strip_prefix(' ')?.parse().ok())
}

async fn scrape(visitor: &Visitor, authorization: Option<&str>) -> reqwest::Response {
    let request = visitor.client.get(visitor.url("/metrics"));
    let request = match authorization {
        Some(value) => request.header("authorization", value),
        None => request,
    };
    request.send().await.unwrap()
}

#[tokio::test]
async fn metrics_count_requests_by_route_and_status_and_read_the_plan_from_the_database() {
    let app = TestApp::spawn().await;
    let address = serve_with(app.db.clone(), with_token()).await;
    let visitor = Visitor {
        address,
        client: new_client(),
    };
    add_user(&app.db, "ops@example.org", Role::Viewer).await;
    let phases: Vec<Uuid> = sqlx::query_scalar("select id from phases order by section limit 2")
        .fetch_all(&app.db)
        .await
        .unwrap();
    sqlx::query(
        "insert into feedback (plan_id, message, category, rating)
         select id, 'Bravo', 'praise', 5 from plans",
    )
    .execute(&app.db)
    .await
    .unwrap();
    let todo: i64 = sqlx::query_scalar("select count(*) from checklist_items where state = 'todo'")
        .fetch_one(&app.db)
        .await
        .unwrap();

    assert_redirects_to(&visitor.login("ops@example.org", PASSWORD).await, "/");
    assert_eq!(visitor.get("/timeline").await.status(), StatusCode::OK);
    for id in &phases {
        let page = visitor.get(&format!("/phases/{id}")).await;
        assert_eq!(page.status(), StatusCode::OK);
    }
    assert_eq!(
        visitor.get("/no/such/page").await.status(),
        StatusCode::NOT_FOUND
    );
    let response = scrape(&visitor, Some(&format!("Bearer {TOKEN}"))).await;

    assert_eq!(response.status(), StatusCode::OK);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text")
    );
    let text = response.text().await.unwrap();
    let count =
        |series: &str| sample(&text, series).unwrap_or_else(|| panic!("no {series} in\n{text}"));
    assert_eq!(
        count(r#"http_requests_total{method="GET",route="/phases/{id}",status="200"}"#),
        2.0
    );
    assert_eq!(
        count(r#"http_requests_total{method="GET",route="/timeline",status="200"}"#),
        1.0
    );
    assert_eq!(
        count(r#"http_requests_total{method="POST",route="/login",status="303"}"#),
        1.0
    );
    assert_eq!(
        count(r#"http_requests_total{method="GET",route="unmatched",status="404"}"#),
        1.0
    );
    assert_eq!(
        count(r#"http_request_duration_seconds_count{method="GET",route="/phases/{id}"}"#),
        2.0
    );
    assert_eq!(
        count(r#"http_request_duration_seconds_bucket{le="+Inf",method="GET",route="/timeline"}"#),
        1.0
    );
    assert!(
        !text.contains(&phases[0].to_string()),
        "a raw path became a label"
    );
    assert!(!text.contains("/no/such/page"), "a raw path became a label");
    assert_eq!(
        count(r#"launch_control_checklist_items{state="todo"}"#),
        todo as f64
    );
    assert_eq!(count("launch_control_open_risks"), 3.0);
    assert_eq!(count(r#"launch_control_feedback{status="new"}"#), 1.0);
    assert_eq!(count("launch_control_database_up"), 1.0);
    assert!(count("db_pool_connections") >= 1.0);
}

#[tokio::test]
async fn metrics_need_the_configured_bearer_token_and_do_not_exist_without_one() {
    let app = TestApp::spawn().await;
    let guarded = Visitor {
        address: serve_with(app.db.clone(), with_token()).await,
        client: new_client(),
    };
    let bearer = format!("Bearer {TOKEN}");

    let without_setting = scrape(&app, Some(&bearer)).await;
    let without_header = scrape(&guarded, None).await;
    let wrong = scrape(&guarded, Some("Bearer not-the-token")).await;
    let basic = scrape(&guarded, Some(&format!("Basic {TOKEN}"))).await;
    let right = scrape(&guarded, Some(&bearer)).await;

    assert_eq!(without_setting.status(), StatusCode::NOT_FOUND);
    assert_eq!(without_header.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(without_header.headers()["www-authenticate"], "Bearer");
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(basic.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(right.status(), StatusCode::OK);
}
