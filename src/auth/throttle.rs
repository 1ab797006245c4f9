//! Throttling password checks (sign-ins, and the current password asked on
//! `/account`), kept in PostgreSQL so that it holds across every instance
//! behind a load balancer.
//!
//! Failures are counted per (account, address) and per address, which refuse
//! that address for a while; per account, whatever the address, they only slow
//! the next checks down (a growing, bounded delay), so that strangers cannot
//! lock the owner out. A check is counted as it starts, under a lock on its
//! address, so parallel attempts from one address are counted exactly.

use std::net::{IpAddr, SocketAddr};
use std::time::Duration;

use axum::extract::{ConnectInfo, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;
use sqlx::{PgConnection, PgPool};

use crate::auth::password;
use crate::db::login_attempts::{self, Tally};
use crate::error::AppError;

/// Failed checks of one account from one address within the window before
/// that address is refused for that account.
pub const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS: i64 = 5;
/// Failed checks from one address within the window before it is refused.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// Failed checks of an account, from every address, before its next checks wait.
pub const FREE_FAILURES_PER_ACCOUNT: i64 = 5;
/// The wait after [`FREE_FAILURES_PER_ACCOUNT`] failures; it doubles with
/// each further one, up to [`MAX_DELAY`].
const FIRST_DELAY: Duration = Duration::from_millis(500);
/// The longest wait: the owner still signs in, a few seconds later.
pub const MAX_DELAY: Duration = Duration::from_secs(4);
/// The window, in minutes.
pub const WINDOW_MINUTES: i32 = 15;
/// When a client whose address has checks under way at its limit is told to come back.
const CROWDED_RETRY_AFTER_SECONDS: u64 = 2;

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

/// What the throttle makes of a new check.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// Too many failures from this address, for this account or any.
    Refused,
    /// Failures and checks under way from this address reach a limit: until
    /// those end, whether this one may run is not known.
    Crowded,
    /// It runs after `delay`.
    Admitted { delay: Duration },
}

fn judge(tally: Tally) -> Verdict {
    let per_pair = MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS;
    let per_address = MAX_FAILURES_PER_ADDRESS;
    if tally.failed_for_account_here >= per_pair || tally.failed_here >= per_address {
        Verdict::Refused
    } else if tally.failed_for_account_here + tally.running_for_account_here >= per_pair
        || tally.failed_here + tally.running_here >= per_address
    {
        Verdict::Crowded
    } else {
        Verdict::Admitted {
            delay: delay(tally.failed_for_account),
        }
    }
}

/// The wait before checking a password of an account that failed
/// `failures` times, from anywhere, since its last success.
fn delay(failures: i64) -> Duration {
    let beyond = failures.saturating_sub(FREE_FAILURES_PER_ACCOUNT);
    if beyond < 0 {
        return Duration::ZERO;
    }
    let beyond = u32::try_from(beyond).unwrap_or(u32::MAX);
    FIRST_DELAY
        .saturating_mul(2_u32.saturating_pow(beyond))
        .min(MAX_DELAY)
}

/// A password check that ran, to record with [`settle`].
#[derive(Debug)]
pub struct Checked {
    id: i64,
    /// Whether the password matched.
    pub matched: bool,
}

/// Checks `password` against `stored` (`None`: no such account, which costs
/// the same time and never matches) in `turn`, once the throttle lets it:
/// `None` when it refuses the address.
///
/// Callers take the turn before reading anything: a burst then waits for
/// turns without touching the database, and what is left over is told to
/// come back having cost nothing.
///
/// # Errors
/// [`AppError::Busy`] when the checks under way from the address are at its
/// limit, or no turn frees up after the account's delay.
pub async fn check(
    db: &PgPool,
    email: &str,
    address: Option<IpAddr>,
    turn: password::Turn,
    stored: Option<String>,
    password: String,
) -> Result<Option<Checked>, AppError> {
    let email = email.trim();
    let mut tx = db.begin().await?;
    login_attempts::lock_address(&mut tx, address).await?;
    let tally = login_attempts::tally(&mut tx, email, address, WINDOW_MINUTES).await?;
    let delay = match judge(tally) {
        Verdict::Refused => return Ok(None),
        Verdict::Crowded => {
            return Err(AppError::Busy {
                retry_after_seconds: CROWDED_RETRY_AFTER_SECONDS,
            });
        }
        Verdict::Admitted { delay } => delay,
    };
    let id = login_attempts::start(&mut tx, email, address).await?;
    tx.commit().await?;
    let turn = if delay.is_zero() {
        turn
    } else {
        // Nobody's turn is held, nor any connection, while this one waits.
        drop(turn);
        tokio::time::sleep(delay).await;
        match password::turn().await {
            Ok(turn) => turn,
            Err(busy) => {
                // It never ran, so it is no failure.
                login_attempts::forget(&mut *db.acquire().await?, id).await?;
                return Err(busy);
            }
        }
    };
    let matched = turn.verify(stored, password).await?;
    Ok(Some(Checked { id, matched }))
}

/// Records how `checked` ended, in the caller's transaction.
pub async fn settle(conn: &mut PgConnection, checked: &Checked) -> sqlx::Result<()> {
    login_attempts::settle(conn, checked.id, checked.matched).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(
        failed_for_account_here: i64,
        running_for_account_here: i64,
        failed_here: i64,
        running_here: i64,
    ) -> Verdict {
        judge(Tally {
            failed_for_account_here,
            running_for_account_here,
            failed_here,
            running_here,
            failed_for_account: 0,
        })
    }

    #[test]
    fn an_address_is_refused_after_five_failures_for_one_account_or_twenty_for_any() {
        let free = Verdict::Admitted {
            delay: Duration::ZERO,
        };
        assert_eq!(verdict(4, 0, 19, 0), free);
        assert_eq!(verdict(5, 0, 5, 0), Verdict::Refused);
        assert_eq!(verdict(0, 0, 20, 0), Verdict::Refused);
        assert_eq!(
            verdict(5, 3, 5, 3),
            Verdict::Refused,
            "refused beats crowded"
        );
    }

    #[test]
    fn checks_under_way_count_towards_the_limits_until_they_end() {
        assert_eq!(verdict(4, 1, 4, 1), Verdict::Crowded);
        assert_eq!(verdict(0, 5, 0, 5), Verdict::Crowded);
        assert_eq!(verdict(0, 0, 19, 1), Verdict::Crowded);
        assert_eq!(verdict(0, 0, 0, 20), Verdict::Crowded);
        assert!(matches!(verdict(3, 1, 18, 1), Verdict::Admitted { .. }));
    }

    #[test]
    fn failures_of_an_account_from_anywhere_only_slow_its_checks_down() {
        let admitted = |failed_for_account| {
            judge(Tally {
                failed_for_account,
                ..Tally::default()
            })
        };
        let ms = |ms| Verdict::Admitted {
            delay: Duration::from_millis(ms),
        };
        assert_eq!(admitted(4), ms(0));
        assert_eq!(admitted(5), ms(500));
        assert_eq!(admitted(6), ms(1000));
        assert_eq!(admitted(7), ms(2000));
        assert_eq!(admitted(8), ms(4000));
        assert_eq!(admitted(9), ms(4000), "bounded");
        assert_eq!(admitted(10_000), ms(4000));
        assert_eq!(admitted(i64::MAX), ms(4000));
    }

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
