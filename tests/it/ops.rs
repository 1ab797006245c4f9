//! Production readiness: the deployment files, `/metrics`, a lost database,
//! concurrent start-ups, and the binary's logs, stop and health check.

mod backup;
mod bursts;
mod deploy_files;
mod metrics;
mod outage;
mod pool;
mod process;
mod slow_clients;

use std::net::SocketAddr;

use launch_control::app::Options;
use launch_control::auth::password;
use launch_control::db::plans;
use launch_control::db::users::{self, NewUser};
use launch_control::domain::role::Role;
use sqlx::PgPool;
use uuid::Uuid;

use crate::helpers::PASSWORD;

/// Serves the app on `db` with `options` on a free port of the loopback.
async fn serve_with(db: PgPool, options: Options) -> SocketAddr {
    crate::helpers::serve_listening(db, options).await
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
    let id = users::insert(&mut conn, user)
        .await
        .unwrap()
        .expect("the email is free");
    // Of the first plan, as `launch-control user create` makes them.
    let plan = plans::current(db).await.unwrap();
    plans::add_member(&mut conn, plan.id, id).await.unwrap();
    id
}
