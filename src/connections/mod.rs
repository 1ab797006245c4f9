//! Accepting HTTP connections, with bounds a slow or hostile client cannot
//! stretch: the request head must arrive within a deadline, a connection on
//! which nothing moves is closed, and the number of open connections is
//! capped.
//!
//! At the cap, a new connection closes the oldest one that has not sent a
//! whole request head yet (a trickler, or a client that connected and went
//! quiet) instead of being turned away: the health probes an orchestrator
//! sends on a fresh connection keep answering while idle or trickling
//! connections fill the cap, and no request under way, nor an open stream of
//! live updates, is ever cut for a newcomer. A reserve of slots for health
//! checks would not do: the same idle clients would fill it too. Only when
//! every open connection is busy with a request is a new one closed at once.

mod fd_limit;
mod idle;
mod slots;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;

pub use fd_limit::fit_open_file_limit;
use idle::Watched;
use slots::Slots;

/// How long a client has to send a request's head (its line and headers),
/// on a new connection and between requests on a kept-alive one.
pub const HEADER_READ_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a connection may go without a byte read or written, say a client
/// that stopped reading its answer. Streams of live updates send a heartbeat
/// every 15 s, well within it.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(60);
/// How many connections may be open at once.
pub const MAX_CONNECTIONS: usize = 1000;

/// The bounds on client connections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// See [`HEADER_READ_TIMEOUT`].
    pub header_read_timeout: Duration,
    /// See [`IDLE_TIMEOUT`].
    pub idle_timeout: Duration,
    /// See [`MAX_CONNECTIONS`].
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            header_read_timeout: HEADER_READ_TIMEOUT,
            idle_timeout: IDLE_TIMEOUT,
            max_connections: MAX_CONNECTIONS,
        }
    }
}

/// Serves `router` on `listener` within `limits` until `shutdown` resolves,
/// then stops accepting and waits for the connections under way to finish.
/// Handlers see the client's address as `ConnectInfo<SocketAddr>`.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()>,
) {
    let slots = Arc::new(Slots::new(limits.max_connections));
    let graceful = GracefulShutdown::new();
    let mut http = http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    pause_after(error).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some((slot, mut evicted)) = slots.admit() else {
            // Every connection is busy with a request: this one waits for none.
            continue;
        };
        // Small answers and stream events go out at once.
        let _ = stream.set_nodelay(true);
        let (io, progress) = Watched::new(stream);
        let router = TowerToHyperService::new(router.clone());
        let service = service_fn(move |mut request: hyper::Request<Incoming>| {
            slot.started();
            request.extensions_mut().insert(ConnectInfo(peer));
            hyper::service::Service::call(&router, request)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(io), service));
        let idle_timeout = limits.idle_timeout;
        tokio::spawn(async move {
            // Errors are clients going away or too slow: nothing to report.
            tokio::select! {
                _ = connection => {}
                // An error is the slot's sender dropped once a request came: never close then.
                Ok(()) = &mut evicted => tracing::debug!(%peer, "closed an idle connection for a new one"),
                () = progress.idle(idle_timeout) => tracing::debug!(%peer, "closed a connection idle for {idle_timeout:?}"),
            }
        });
    }
    drop(listener);
    graceful.shutdown().await;
}

/// Waits a moment after a failed `accept`: a client that gave up before it
/// was accepted is no reason to, but running out of file descriptors is, or
/// the loop would spin.
async fn pause_after(error: std::io::Error) {
    use std::io::ErrorKind::{ConnectionAborted, ConnectionRefused, ConnectionReset};
    if matches!(
        error.kind(),
        ConnectionAborted | ConnectionRefused | ConnectionReset
    ) {
        return;
    }
    tracing::warn!(%error, "cannot accept a connection; trying again in a second");
    tokio::time::sleep(Duration::from_secs(1)).await;
}
