//! Login throttling, kept in PostgreSQL so that it holds across every
//! instance behind a load balancer.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use sqlx::PgConnection;

/// Failed logins for one account within the window before it is refused.
pub const MAX_FAILURES_PER_ACCOUNT: i64 = 5;
/// Failed logins from one address within the window before it is refused.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// The window, in minutes.
pub const WINDOW_MINUTES: i64 = 15;

/// The client's address: the peer of the connection. Behind a proxy, the
/// proxy's address; `X-Forwarded-For` is not trusted, since anyone can send it.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddress(pub Option<IpAddr>);

impl<S: Send + Sync> FromRequestParts<S> for ClientAddress {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let peer = parts.extensions.get::<ConnectInfo<SocketAddr>>();
        Ok(ClientAddress(peer.map(|info| info.0.ip())))
    }
}

/// Whether logins for `email` or from `address` are refused for now: too many
/// failures within the window since the account's last success.
pub async fn is_throttled(
    conn: &mut PgConnection,
    email: &str,
    address: Option<IpAddr>,
) -> sqlx::Result<bool> {
    sqlx::query_scalar(
        "select
            (select count(*) from login_attempts a
             where lower(a.email) = lower($1) and not a.succeeded
               and a.attempted_at > now() - make_interval(mins => $3::int)
               and a.attempted_at > coalesce((select max(attempted_at) from login_attempts s
                                              where lower(s.email) = lower($1) and s.succeeded), '-infinity'))
            >= $4::bigint
         or (select count(*) from login_attempts
             where address = $2::inet and not succeeded
               and attempted_at > now() - make_interval(mins => $3::int))
            >= $5::bigint",
    )
    .bind(email.trim())
    .bind(address.map(|ip| ip.to_string()))
    .bind(WINDOW_MINUTES)
    .bind(MAX_FAILURES_PER_ACCOUNT)
    .bind(MAX_FAILURES_PER_ADDRESS)
    .fetch_one(conn)
    .await
}

/// Records a login attempt.
pub async fn record(
    conn: &mut PgConnection,
    email: &str,
    address: Option<IpAddr>,
    succeeded: bool,
) -> sqlx::Result<()> {
    sqlx::query("insert into login_attempts (email, address, succeeded) values ($1, $2::inet, $3)")
        .bind(email.trim())
        .bind(address.map(|ip| ip.to_string()))
        .bind(succeeded)
        .execute(conn)
        .await
        .map(drop)
}
