//! Running the dashboard: database, seed, router, and a clean stop on a
//! signal; and the probe the container's HEALTHCHECK runs.

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use anyhow::{Context, bail};
use chrono::Utc;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tower_sessions::ExpiredDeletion;
use tower_sessions_sqlx_store::PostgresStore;

use crate::app::{self, Options};
use crate::config::Settings;
use crate::state::AppState;
use crate::webhooks::WebhookSettings;
use crate::{connections, db, seed, web};

/// How long the requests under way get to finish after SIGTERM: a stuck
/// request or an open stream of live updates must not keep the process up
/// (orchestrators kill it outright after 30 s).
const DRAIN_TIMEOUT: Duration = Duration::from_secs(10);

/// Serves until SIGINT or SIGTERM, then stops the private PostgreSQL if it
/// runs one, which it starts again meanwhile should it die.
pub async fn run(settings: Settings) -> anyhow::Result<()> {
    let database = db::open(&settings).await?;
    let loaded = match &settings.plan_file {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read the plan file {}", path.display()))?;
            let plan = seed::parse(&text).with_context(|| format!("in {}", path.display()))?;
            seed::load_if_empty(&database.pool, &plan, Utc::now()).await?
        }
        None => seed::seed_if_empty(&database.pool, Utc::now()).await?,
    };
    if loaded {
        tracing::info!("loaded the launch plan into the empty database");
    }
    // The issue's one-time link: it dies once an admin exists or after a day.
    if let Some(secret) = web::setup::issue_link_if_no_admin(&database.pool).await? {
        let link = settings
            .public_url()
            .link(&format!("/setup?token={secret}"));
        tracing::warn!("no administrator yet: open {link} to create the first one");
    }
    let sweeper = tokio::spawn(sweep_expired_sessions(PostgresStore::new(
        database.pool.clone(),
    )));
    let purger = tokio::spawn(web::trash::purge::purge_every_hour(database.pool.clone()));
    let mail = settings.mail()?;
    match &mail {
        Some(mail) => tracing::info!(
            host = mail.host,
            port = mail.port,
            "e-mail is sent through SMTP"
        ),
        None => tracing::info!("no SMTP_HOST: notifications stay in the inbox, no e-mail is sent"),
    }
    let webhooks = WebhookSettings::new(settings.webhook_allow_private, settings.public_url());
    let state = AppState::with_outbound(
        database.pool.clone(),
        mail,
        webhooks,
        settings.given_public_url(),
    );
    let app = app::router(
        state,
        Options {
            secure_cookies: settings.secure_cookies,
            metrics_token: settings.metrics_token.clone(),
            trusted_proxy_hops: settings.trusted_proxy_hops,
        },
    );
    let limits = connections::fit_open_file_limit(settings.connection_limits());
    let signalled = shutdown_signal();
    let listener = TcpListener::bind(settings.bind_addr)
        .await
        .with_context(|| format!("cannot listen on {}", settings.bind_addr))?;
    tracing::info!(
        "Launch Control is ready at http://{}",
        listener.local_addr()?
    );
    let (stopping, stopping_now) = oneshot::channel();
    let server = connections::serve(listener, app, limits, async move {
        signalled.await;
        let _ = stopping.send(());
    });
    let supervised = async {
        match &database.cluster {
            Some(cluster) => cluster.keep_running().await,
            None => std::future::pending().await,
        }
    };
    tokio::select! {
        () = server => {}
        () = drain_deadline(stopping_now) => {
            tracing::warn!("requests still under way after {DRAIN_TIMEOUT:?}: stopping without them");
        }
        never = supervised => match never {},
    }
    sweeper.abort();
    purger.abort();
    // A request cut short above may still hold a connection, which `close` waits for.
    let _ = tokio::time::timeout(Duration::from_secs(2), database.pool.close()).await;
    if let Some(cluster) = database.cluster {
        cluster.stop().await?;
    }
    tracing::info!("stopped");
    Ok(())
}

/// Deletes expired sessions every hour, which would otherwise stay in the
/// table for ever. A failed sweep (the database away) is tried again at the
/// next tick, where `continuously_delete_expired` would stop for good.
async fn sweep_expired_sessions(store: PostgresStore) {
    let mut every_hour = tokio::time::interval(Duration::from_secs(3600));
    loop {
        every_hour.tick().await;
        if let Err(error) = store.delete_expired().await {
            tracing::warn!(%error, "cannot delete expired sessions; trying again in an hour");
        }
    }
}

/// Resolves `DRAIN_TIMEOUT` after the stop signal; never if the server ends first.
async fn drain_deadline(stopping: oneshot::Receiver<()>) {
    match stopping.await {
        Ok(()) => tokio::time::sleep(DRAIN_TIMEOUT).await,
        Err(_) => std::future::pending().await,
    }
}

/// Resolves on Ctrl-C (SIGINT) or SIGTERM. The handlers are installed at
/// once, not when the future is first polled: a signal that comes before the
/// accept loop polls it must still drain the server rather than kill it.
fn shutdown_signal() -> impl Future<Output = ()> {
    use tokio::signal::unix::{SignalKind, signal};
    let mut interrupt = signal(SignalKind::interrupt()).expect("a SIGINT handler can be installed");
    let mut terminate =
        signal(SignalKind::terminate()).expect("a SIGTERM handler can be installed");
    async move {
        tokio::select! {
            _ = interrupt.recv() => {}
            _ = terminate.recv() => {}
        }
        tracing::info!("stopping: finishing the requests under way");
    }
}

/// Asks the server listening on `bind_addr` for `/healthz`: the container's
/// HEALTHCHECK. One HTTP/1.0 exchange over TCP, so that the runtime image
/// needs no curl and the binary no HTTP client.
pub async fn healthcheck(bind_addr: SocketAddr) -> anyhow::Result<()> {
    let mut address = bind_addr;
    if address.ip().is_unspecified() {
        // Listening on every interface: ask over the loopback.
        address.set_ip(match address {
            SocketAddr::V4(_) => Ipv4Addr::LOCALHOST.into(),
            SocketAddr::V6(_) => Ipv6Addr::LOCALHOST.into(),
        });
    }
    let exchange = async {
        let mut stream = TcpStream::connect(address).await?;
        stream
            .write_all(b"GET /healthz HTTP/1.0\r\nHost: localhost\r\n\r\n")
            .await?;
        let mut status_line = String::new();
        BufReader::new(stream).read_line(&mut status_line).await?;
        std::io::Result::Ok(status_line)
    };
    let status_line = tokio::time::timeout(Duration::from_secs(3), exchange)
        .await
        .with_context(|| format!("no answer from {address} within 3 s"))?
        .with_context(|| format!("cannot reach the server at {address}"))?;
    match status_line.split_whitespace().nth(1) {
        Some("200") => Ok(()),
        _ => bail!("/healthz answered {:?}", status_line.trim_end()),
    }
}
