use reqwest::StatusCode;
use sqlx::postgres::PgPoolOptions;

use crate::helpers::{TestApp, new_client, serve};

#[tokio::test]
async fn healthz_and_readyz_answer_without_a_session_while_the_database_answers() {
    let app = TestApp::spawn().await;

    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn readyz_answers_503_when_the_database_is_gone_while_healthz_stays_up() {
    let app = TestApp::spawn().await;
    let unreachable = app.db_options.clone().database("no_such_database");
    let pool = PgPoolOptions::new()
        .acquire_timeout(std::time::Duration::from_secs(1))
        .connect_lazy_with(unreachable);
    let address = serve(pool).await;
    let client = new_client();

    let ready = client
        .get(format!("http://{address}/readyz"))
        .send()
        .await
        .unwrap();
    let health = client
        .get(format!("http://{address}/healthz"))
        .send()
        .await
        .unwrap();

    assert_eq!(ready.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert_eq!(health.status(), StatusCode::OK);
}
