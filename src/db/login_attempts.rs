//! Login attempts, counted by the login throttle.

use std::net::IpAddr;

use sqlx::PgConnection;

/// Failed logins within a window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Failures {
    /// For the account, since its last successful login.
    pub for_account: i64,
    /// From the address, whatever the account.
    pub from_address: i64,
}

/// The failed logins of the last `window_minutes` for `email` (any case) and
/// from `address`.
pub async fn recent_failures(
    conn: &mut PgConnection,
    email: &str,
    address: Option<IpAddr>,
    window_minutes: i32,
) -> sqlx::Result<Failures> {
    // The address travels as text: sqlx maps `inet` only with a feature this
    // crate does not need otherwise.
    sqlx::query_as!(
        Failures,
        r#"select
            (select count(*) from login_attempts a
             where lower(a.email) = lower($1) and not a.succeeded
               and a.attempted_at > now() - make_interval(mins => $3::int)
               and a.attempted_at > coalesce((select max(attempted_at) from login_attempts s
                                              where lower(s.email) = lower($1) and s.succeeded), '-infinity'))
             as "for_account!",
            (select count(*) from login_attempts
             where address = $2::text::inet and not succeeded
               and attempted_at > now() - make_interval(mins => $3::int))
             as "from_address!""#,
        email,
        address.map(|ip| ip.to_string()),
        window_minutes,
    )
    .fetch_one(conn)
    .await
}

/// Records a login attempt.
pub async fn insert(
    conn: &mut PgConnection,
    email: &str,
    address: Option<IpAddr>,
    succeeded: bool,
) -> sqlx::Result<()> {
    sqlx::query!(
        "insert into login_attempts (email, address, succeeded) values ($1, $2::text::inet, $3)",
        email,
        address.map(|ip| ip.to_string()),
        succeeded,
    )
    .execute(conn)
    .await
    .map(drop)
}
