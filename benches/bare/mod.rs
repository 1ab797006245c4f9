//! The bare stack the dashboard's pages are measured against: axum, sqlx and
//! askama, nothing else (no sessions, no middleware), serving one page that
//! lists 200 rows of a table it makes in the same PostgreSQL, one query a
//! request.
//!
//! It runs as a process of its own, as the dashboard does: the pages bench
//! starts its own executable again with the argument [`SERVE`].

use std::path::PathBuf;

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Html;
use axum::routing::get;
use launch_control::cluster::Cluster;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;
use uuid::Uuid;

use crate::common::DATABASE;

/// The argument that makes the bench executable serve the bare page.
pub const SERVE: &str = "serve-bare-page";
const ROWS: i32 = 200;
/// The dashboard's pool size.
const POOL_SIZE: u32 = 20;

#[derive(sqlx::FromRow)]
struct Row {
    id: Uuid,
    title: String,
    state: String,
    due_day: i32,
}

#[derive(Template)]
#[template(
    ext = "html",
    source = r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Rows</title></head>
<body>
<main>
<table>
<caption>{{ rows.len() }} rows</caption>
<thead><tr><th scope="col">Title</th><th scope="col">State</th><th scope="col">Due</th></tr></thead>
<tbody>
{% for row in rows %}<tr id="row-{{ row.id }}"><td>{{ row.title }}</td><td>{{ row.state }}</td><td>J+{{ row.due_day }}</td></tr>
{% endfor %}</tbody>
</table>
</main>
</body>
</html>"#
)]
struct RowsPage {
    rows: Vec<Row>,
}

/// Serves the bare page on `BIND_ADDR` until killed, from the database of
/// the private cluster under `DATA_DIR`.
#[tokio::main]
pub async fn serve() {
    let address = std::env::var("BIND_ADDR").expect("BIND_ADDR is set");
    let data_dir = PathBuf::from(std::env::var_os("DATA_DIR").expect("DATA_DIR is set"));
    // The cluster's handle only finds its socket: the bench's process runs it.
    let cluster = Cluster::start(&data_dir).await.unwrap();
    let url = cluster.database_url(DATABASE);
    cluster.release().await.unwrap();
    let pool = PgPoolOptions::new()
        .max_connections(POOL_SIZE)
        .connect(&url)
        .await
        .unwrap();
    fill(&pool).await;
    let app = Router::new().route("/", get(list_rows)).with_state(pool);
    let listener = tokio::net::TcpListener::bind(&address).await.unwrap();
    axum::serve(listener, app).await.unwrap();
}

async fn fill(pool: &PgPool) {
    sqlx::query(
        "create table bare_rows (
             id uuid primary key default gen_random_uuid(),
             title text not null,
             state text not null,
             due_day integer not null
         )",
    )
    .execute(pool)
    .await
    .unwrap();
    sqlx::query(
        "insert into bare_rows (title, state, due_day)
         select 'Row ' || n, (array['todo', 'in_progress', 'done', 'blocked'])[1 + n % 4], n % 60
         from generate_series(1, $1) n",
    )
    .bind(ROWS)
    .execute(pool)
    .await
    .unwrap();
}

async fn list_rows(State(pool): State<PgPool>) -> Result<Html<String>, StatusCode> {
    let rows = sqlx::query_as("select id, title, state, due_day from bare_rows order by title")
        .fetch_all(&pool)
        .await
        .map_err(|_| StatusCode::SERVICE_UNAVAILABLE)?;
    RowsPage { rows }
        .render()
        .map(Html)
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)
}
