//! Storage: the connection pool, migrations, and the SQL of each aggregate.
//!
//! Queries are checked against the schema at build time (`sqlx::query!` and
//! kin). Date and time columns name their chrono type (`as "at: DateTime<Utc>"`):
//! the session store enables sqlx's `time` feature, which the macros would
//! otherwise prefer.

pub mod accounts;
pub mod api_tokens;
pub mod attention;
pub mod comments;
pub mod communications;
pub mod csrf_keys;
pub mod deliveries;
pub mod events;
pub mod feedback;
pub mod feedback_choices;
pub mod feedback_list;
pub mod feedback_tags;
pub mod feedback_trends;
pub mod gate;
pub mod golive;
pub mod items;
pub mod kiosk_screens;
pub mod locks;
pub mod login_attempts;
#[cfg(test)]
mod migration_rules;
pub mod my;
pub mod notifications;
pub mod open_risks;
pub mod phases;
pub mod plan_files;
pub mod plans;
pub mod reminders;
pub mod risks;
pub mod sessions;
pub mod snapshots;
pub mod tallies;
pub mod teams;
pub mod tokens;
pub mod trash;
pub mod users;
pub mod webhooks;
pub mod work;

use std::time::Duration;

use anyhow::Context;
use sqlx::postgres::PgPoolOptions;
use sqlx::{Connection, PgPool};

use crate::cluster::Cluster;
use crate::config::Settings;

/// The database name used inside the private cluster.
const DATABASE_NAME: &str = "launch_control";

/// The database the settings point at, and the private cluster when it runs one.
pub struct Database {
    pub pool: PgPool,
    pub cluster: Option<Cluster>,
}

/// Connects to `DATABASE_URL`, or starts the private cluster under `DATA_DIR`
/// (creating its database on first use), then brings the schema up to date.
pub async fn open(settings: &Settings) -> anyhow::Result<Database> {
    let (url, cluster) = match &settings.database_url {
        Some(url) => (url.clone(), None),
        None => {
            let cluster = Cluster::start(&settings.data_dir).await?;
            create_database_if_missing(&cluster).await?;
            (cluster.database_url(DATABASE_NAME), Some(cluster))
        }
    };
    let pool = connect(&url).await?;
    migrate(&pool).await?;
    Ok(Database { pool, cluster })
}

/// How long a pooled connection may sit unused before it is tested again
/// when taken out.
const TEST_IDLE_AFTER: Duration = Duration::from_secs(1);

/// A pool that fails fast when the database is away, so pages answer 503
/// instead of hanging.
pub async fn connect(url: &str) -> anyhow::Result<PgPool> {
    PgPoolOptions::new()
        .max_connections(20)
        .acquire_timeout(Duration::from_secs(3))
        // sqlx tests a connection with a round trip as it goes back to the
        // pool and, by default, again as it comes out: two round trips for
        // each query's one. A connection in steady use was tested a moment
        // ago; one left unused for a while (through a database restart, say)
        // is tested again before use.
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if needs_test(meta.idle_for) {
                    conn.ping().await?;
                }
                Ok(true)
            })
        })
        .connect(url)
        .await
        .context("cannot connect to PostgreSQL")
}

/// Whether a connection unused for `idle_for` is tested before it is used.
fn needs_test(idle_for: Duration) -> bool {
    idle_for >= TEST_IDLE_AFTER
}

/// Runs the embedded migrations; sqlx holds an advisory lock meanwhile, so
/// several instances may start at once.
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    sqlx::migrate!("./migrations")
        .run(pool)
        .await
        .context("cannot apply database migrations")
}

/// Whether the database answers a trivial query: the readiness probe.
pub async fn ping(pool: &PgPool) -> sqlx::Result<()> {
    sqlx::query_scalar!("select 1 as one")
        .fetch_one(pool)
        .await
        .map(drop)
}

async fn create_database_if_missing(cluster: &Cluster) -> anyhow::Result<()> {
    let admin = connect(&cluster.database_url("postgres")).await?;
    let exists = sqlx::query_scalar!(
        r#"select exists (select 1 from pg_database where datname = $1) as "exists!""#,
        DATABASE_NAME
    )
    .fetch_one(&admin)
    .await?;
    if !exists {
        // Identifiers cannot be bound as parameters; the name is a constant.
        sqlx::query(&format!("create database {DATABASE_NAME}"))
            .execute(&admin)
            .await
            .context("cannot create the database")?;
    }
    admin.close().await;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_connection_left_unused_for_a_second_is_tested_before_use() {
        assert!(!needs_test(Duration::ZERO));
        assert!(!needs_test(Duration::from_millis(999)));
        assert!(needs_test(Duration::from_secs(1)));
        assert!(needs_test(Duration::from_secs(600)));
    }
}
