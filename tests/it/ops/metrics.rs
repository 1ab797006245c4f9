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

/// What Prometheus sends as `Accept` when it scrapes.
const PROMETHEUS_ACCEPT: &str = "application/openmetrics-text;version=1.0.0;q=0.5,\
    application/openmetrics-text;version=0.0.1;q=0.4,text/plain;version=0.0.4;q=0.3,*/*;q=0.2";

/// Scrapes `/metrics` as Prometheus does.
async fn scrape(visitor: &Visitor, authorization: Option<&str>) -> reqwest::Response {
    let request = visitor
        .client
        .get(visitor.url("/metrics"))
        .header("accept", PROMETHEUS_ACCEPT);
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

/// `promtool`, or `None` (with a loud message) where it is not installed.
/// In CI a missing promtool fails the run.
fn promtool() -> Option<&'static str> {
    const PROMTOOL: &str = "promtool";
    let installed = std::process::Command::new(PROMTOOL)
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    if !installed {
        assert!(
            std::env::var("CI").is_err(),
            "CI needs promtool: apt-get install -y prometheus"
        );
        eprintln!(
            "\n*** SKIPPING PROMTOOL CHECK: promtool is missing (apt-get install prometheus) ***\n"
        );
        return None;
    }
    Some(PROMTOOL)
}

#[tokio::test]
async fn metrics_asked_for_plainly_are_in_the_prometheus_text_format_and_pass_promtool() {
    let app = TestApp::spawn().await;
    let visitor = Visitor {
        address: serve_with(app.db.clone(), with_token()).await,
        client: new_client(),
    };
    assert_eq!(
        visitor.get("/no/such/page").await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(visitor.get("/login").await.status(), StatusCode::OK);

    let plain = visitor
        .client
        .get(visitor.url("/metrics"))
        .header("authorization", format!("Bearer {TOKEN}"))
        .send()
        .await
        .unwrap();

    assert_eq!(plain.status(), StatusCode::OK);
    assert_eq!(
        plain.headers()["content-type"],
        "text/plain; version=0.0.4; charset=utf-8"
    );
    let exposition = plain.text().await.unwrap();
    assert!(
        exposition.contains("# HELP http_requests_total "),
        "{exposition}"
    );
    assert!(!exposition.contains("# EOF"), "{exposition}");
    let Some(promtool) = promtool() else {
        return;
    };
    let mut check = tokio::process::Command::new(promtool)
        .args(["check", "metrics"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = check.stdin.take().unwrap();
    tokio::io::AsyncWriteExt::write_all(&mut stdin, exposition.as_bytes())
        .await
        .unwrap();
    drop(stdin);
    let checked = check.wait_with_output().await.unwrap();
    assert!(
        checked.status.success(),
        "promtool check metrics: {}{}\n{exposition}",
        String::from_utf8_lossy(&checked.stdout),
        String::from_utf8_lossy(&checked.stderr)
    );
}
