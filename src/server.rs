//! Running the dashboard: database, seed, router, and a clean stop on a signal.

use std::time::Duration;

use anyhow::Context;
use chrono::Utc;
use tokio::net::TcpListener;
use tower_sessions::ExpiredDeletion;
use tower_sessions_sqlx_store::PostgresStore;

use crate::app::{self, AppState, Options};
use crate::config::Settings;
use crate::{db, seed};

/// Serves until SIGINT or SIGTERM, then stops the private PostgreSQL if it runs one.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let database = db::open(&settings).await?;
    if seed::seed_if_empty(&database.pool, Utc::now()).await? {
        tracing::info!("loaded the Lootopia launch plan into the empty database");
    }
    // Expired sessions would otherwise stay in the table for ever.
    let sweeper = tokio::spawn(
        PostgresStore::new(database.pool.clone())
            .continuously_delete_expired(Duration::from_secs(3600)),
    );
    let state = AppState {
        db: database.pool.clone(),
    };
    let app = app::router(
        state,
        Options {
            secure_cookies: settings.secure_cookies,
        },
    );
    let listener = TcpListener::bind(settings.bind_addr)
        .await
        .with_context(|| format!("cannot listen on {}", settings.bind_addr))?;
    tracing::info!(
        "Launch Control is ready at http://{}",
        listener.local_addr()?
    );
    let served = axum::serve(
        listener,
        app.into_make_service_with_connect_info::<std::net::SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown_signal())
    .await
    .context("the server stopped unexpectedly");
    sweeper.abort();
    database.pool.close().await;
    if let Some(cluster) = database.cluster {
        cluster.stop().await?;
    }
    tracing::info!("stopped");
    served
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM.
async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("a SIGTERM handler can be installed");
    tokio::select! {
        _ = interrupt => {}
        _ = terminate.recv() => {}
    }
    tracing::info!("stopping: finishing the requests under way");
}
