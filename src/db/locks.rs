//! Advisory locks that serialise one-off work across every instance.

use sqlx::PgConnection;

/// Creating the first admin: the second of two simultaneous setups finds an admin.
pub const SETUP: &str = "launch-control:setup";
/// Loading the seed: the second of two instances starting at once finds a plan.
pub const SEED: &str = "launch-control:seed";

/// Waits for the lock `name`, held until the caller's transaction ends.
pub async fn hold_for_transaction(conn: &mut PgConnection, name: &str) -> sqlx::Result<()> {
    sqlx::query_scalar!("select pg_advisory_xact_lock(hashtext($1))", name)
        .fetch_one(conn)
        .await
        .map(drop)
}
