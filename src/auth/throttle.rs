//! Login throttling, kept in PostgreSQL so that it holds across every
//! instance behind a load balancer.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use sqlx::PgConnection;

use crate::db::login_attempts;

/// Failed logins for one account within the window before it is refused.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed logins from one address within the window before it is refused.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// The window, in minutes.
pub const WINDOW_MINUTES: i32 = 15;

/// The client's address: the peer of the connection, or, behind
/// `TRUSTED_PROXY_HOPS` proxies, the address the outermost of them saw
/// (`X-Forwarded-For` is read from the right, one entry per trusted proxy,
/// since anything further left is whatever the client chose to send).
#[derive(Clone, Copy, Debug)]
pub struct ClientAddress(pub Option<IpAddr>);

impl ClientAddress {
    fn of(
        parts_peer: Option<IpAddr>,
        forwarded_for: Option<&str>,
        proxy_hops: usize,
    ) -> ClientAddress {
        if proxy_hops == 0 {
            return ClientAddress(parts_peer);
        }
        let forwarded = forwarded_for
            .unwrap_or("")
            .rsplit(',')
            .nth(proxy_hops - 1)
            .and_then(|entry| entry.trim().parse().ok());
        ClientAddress(forwarded.or(parts_peer))
    }
}

/// Works out every request's [`ClientAddress`] once, for the throttles.
pub async fn client_address(proxy_hops: usize, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip());
    let forwarded_for = request
        .headers()
        .get("x-forwarded-for")
        .and_then(|value| value.to_str().ok());
    let address = ClientAddress::of(peer, forwarded_for, proxy_hops);
    request.extensions_mut().insert(address);
    next.run(request).await
}

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|info| info.0.ip());
        Ok(parts
            .extensions
            .get::<ClientAddress>()
            .copied()
            .unwrap_or(ClientAddress(peer)))
    }
}

/// Whether logins for `email` or from `address` are refused for now: too many
/// failures within the window since the account's last success.
pub async fn is_throttled(
    conn: &mut PgConnection,
    email: &str,
    address: Option<IpAddr>,
) -> sqlx::Result<bool> {
    let failures =
        login_attempts::recent_failures(conn, email.trim(), address, WINDOW_MINUTES).await?;
    Ok(failures.for_account >= MAX_FAILURES_PER_ACCOUNT
        || failures.from_address >= MAX_FAILURES_PER_ADDRESS)
}

/// Records a login attempt.
pub async fn record(
    conn: &mut PgConnection,
    email: &str,
    address: Option<IpAddr>,
    succeeded: bool,
) -> sqlx::Result<()> {
    login_attempts::insert(conn, email.trim(), address, succeeded).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_entries_added_by_trusted_proxies_are_believed() {
        let peer = Some("10.0.0.9".parse().unwrap());
        let header = Some("1.2.3.4, 203.0.113.7");
        let address = |hops| {
            ClientAddress::of(peer, header, hops)
                .0
                .map(|ip| ip.to_string())
        };
        assert_eq!(
            address(0).as_deref(),
            Some("10.0.0.9"),
            "no proxy: the peer"
        );
        assert_eq!(
            address(1).as_deref(),
            Some("203.0.113.7"),
            "one proxy: what it saw"
        );
        assert_eq!(address(2).as_deref(), Some("1.2.3.4"));
        assert_eq!(
            ClientAddress::of(peer, None, 1).0,
            peer,
            "no header: the peer"
        );
    }
}
