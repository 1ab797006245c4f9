//! Production readiness: the deployment files, `/metrics`, a lost database,
//! concurrent start-ups, and the binary's logs, stop and health check.

mod deploy_files;
mod metrics;
mod outage;
mod process;

use std::net::SocketAddr;

use launch_control::app::{self, Options};
use launch_control::auth::password;
use launch_control::db::users::{self, NewUser};
use launch_control::domain::role::Role;
use launch_control::state::AppState;
use sqlx::PgPool;
use tokio::net::TcpListener;
use uuid::Uuid;

use crate::helpers::PASSWORD;

/// Serves the app on `db` with `options` on a free port of the loopback.
async fn serve_with(db: PgPool, options: Options) -> SocketAddr {
    let router = app::router(AppState::new(db), options);
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let service = router.into_make_service_with_connect_info::<SocketAddr>();
        axum::serve(listener, service).await.unwrap();
    });
    address
}

/// Adds a user with [`PASSWORD`] to `db`; returns their id.
async fn add_user(db: &PgPool, email: &str, role: Role) -> Uuid {
    let hash = password::hash(PASSWORD).unwrap();
    let mut conn = db.acquire().await.unwrap();
    let user = NewUser {
        email,
        display_name: "Operator",
        password_hash: &hash,
        role,
        team_id: None,
    };
    users::insert(&mut conn, user)
        .await
        .unwrap()
        .expect("the email is free")
}
