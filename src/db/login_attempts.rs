//! Password checks (sign-ins, and the current password on `/account`),
//! counted by the throttle. A check is recorded before it runs, with
//! `succeeded` null until it is settled.

use std::net::IpAddr;

use sqlx::PgConnection;

/// The checks that weigh on a new one, within the window.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    /// Failed checks of the account from the address, since its last success there.
    pub failed_for_account_here: i64,
    /// Checks of the account from the address still under way.
    pub running_for_account_here: i64,
    /// Failed checks from the address, whatever the account.
    pub failed_here: i64,
    /// Checks from the address still under way, whatever the account.
    pub running_here: i64,
    /// Failed checks of the account from every address, since its last success.
    pub failed_for_account: i64,
}

/// Holds, until the transaction ends, the lock of checks from `address`: the
/// tally and the record of a check from one address are then one step, and
/// parallel attempts are counted exactly.
pub async fn lock_address(conn: &mut PgConnection, address: Option<IpAddr>) -> sqlx::Result<()> {
    // The two-key form keeps these locks apart from `db::locks`'s.
    sqlx::query_scalar!(
        "select pg_advisory_xact_lock(hashtext('launch-control:login-address'), hashtext($1))",
        address.map_or_else(String::new, |ip| ip.to_string()),
    )
    .fetch_one(conn)
    .await
    .map(drop)
}

/// The [`Tally`] of the last `window_minutes` for `email` (any case) and
/// `address`; an unknown address counts nothing of its own.
pub async fn tally(
    conn: &mut PgConnection,
    email: &str,
    address: Option<IpAddr>,
    window_minutes: i32,
) -> sqlx::Result<Tally> {
    // The address travels as text: sqlx maps `inet` only with a feature this
    // crate does not need otherwise.
    sqlx::query_as!(
        Tally,
        r#"with here as (
               select lower(email) = lower($1) as same_account, succeeded, attempted_at
               from login_attempts
               where address = $2::text::inet
                 and attempted_at > now() - make_interval(mins => $3::int)
           ),
           account_success_here as (
               select coalesce(max(attempted_at), '-infinity') as at
               from here where same_account and succeeded
           )
           select
               (select count(*) from here, account_success_here s
                where same_account and not succeeded and attempted_at > s.at)
                 as "failed_for_account_here!",
               (select count(*) from here where same_account and succeeded is null)
                 as "running_for_account_here!",
               (select count(*) from here where not succeeded) as "failed_here!",
               (select count(*) from here where succeeded is null) as "running_here!",
               (select count(*) from login_attempts a
                where lower(a.email) = lower($1) and not a.succeeded
                  and a.attempted_at > now() - make_interval(mins => $3::int)
                  and a.attempted_at > coalesce(
                      (select max(s.attempted_at) from login_attempts s
                       where lower(s.email) = lower($1) and s.succeeded),
                      '-infinity'))
                 as "failed_for_account!""#,
        email,
        address.map(|ip| ip.to_string()),
        window_minutes,
    )
    .fetch_one(conn)
    .await
}

/// Records a check about to run; returns its id.
pub async fn start(
    conn: &mut PgConnection,
    email: &str,
    address: Option<IpAddr>,
) -> sqlx::Result<i64> {
    sqlx::query_scalar!(
        "insert into login_attempts (email, address, succeeded) values ($1, $2::text::inet, null)
         returning id",
        email,
        address.map(|ip| ip.to_string()),
    )
    .fetch_one(conn)
    .await
}

/// Records how the check `id` ended.
pub async fn settle(conn: &mut PgConnection, id: i64, succeeded: bool) -> sqlx::Result<()> {
    sqlx::query!(
        "update login_attempts set succeeded = $2 where id = $1",
        id,
        succeeded
    )
    .execute(conn)
    .await
    .map(drop)
}

/// Forgets the check `id`, which never ran.
pub async fn forget(conn: &mut PgConnection, id: i64) -> sqlx::Result<()> {
    sqlx::query!("delete from login_attempts where id = $1", id)
        .execute(conn)
        .await
        .map(drop)
}
