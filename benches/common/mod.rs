//! What every benchmark shares: the server as deployed (the release binary
//! running its own durable private PostgreSQL, in a scratch folder), seeded
//! with the Lootopia plan and a bench administrator; signing in; and what the
//! server process uses.

pub mod server;
pub mod session;

use std::path::{Path, PathBuf};
use std::process::Command;

use launch_control::auth::password;
use launch_control::cluster::Cluster;
use launch_control::db::users::{self, NewUser};
use launch_control::domain::role::Role;
use launch_control::{db, seed};
use sqlx::PgPool;

use server::Server;

const EMAIL: &str = "bench@example.org";
const PASSWORD: &str = "correct horse battery staple";
/// The database the server opens in its private cluster (`db::DATABASE_NAME`,
/// private to the library): the bench fills the very database the server reads.
pub const DATABASE: &str = "launch_control";

/// The seconds a measurement runs: `BENCH_SECONDS`, or `default`.
pub fn seconds(default: u64) -> u64 {
    match std::env::var("BENCH_SECONDS") {
        Ok(value) => value
            .parse()
            .ok()
            .filter(|seconds| *seconds > 0)
            .unwrap_or_else(|| panic!("BENCH_SECONDS={value:?} is not a number of seconds")),
        Err(_) => default,
    }
}

/// A folder removed once the bench is over, even when it panics.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Scratch {
        let path = std::env::temp_dir().join(format!("lc-bench-{}", std::process::id()));
        std::fs::create_dir_all(&path).expect("a scratch folder can be created");
        Scratch(path)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The private cluster, with the plan and the bench user in its database.
/// The bench adds its own rows through `pool` before any server starts, so
/// that no server holds an older copy of what it reads.
pub struct Stack {
    pub pool: PgPool,
    // Declared before the folder so that, dropped after a panic, PostgreSQL
    // stops before its files are removed.
    cluster: Cluster,
    data_dir: Scratch,
}

impl Stack {
    /// Starts a durable cluster (what `launch-control` runs without
    /// `DATABASE_URL`, fsync on) in a scratch folder and fills its database.
    pub async fn start() -> Stack {
        let data_dir = Scratch::new();
        let cluster = Cluster::start(&data_dir.0)
            .await
            .expect("the private PostgreSQL starts");
        let admin = db::connect(&cluster.database_url("postgres"))
            .await
            .unwrap();
        sqlx::query(&format!("create database {DATABASE}"))
            .execute(&admin)
            .await
            .unwrap();
        admin.close().await;
        let pool = db::connect(&cluster.database_url(DATABASE)).await.unwrap();
        db::migrate(&pool).await.unwrap();
        seed::seed_if_empty(&pool, chrono::Utc::now())
            .await
            .unwrap();
        let hash = password::hash(PASSWORD).unwrap();
        // An administrator may tick any item and open every page.
        let bench_user = NewUser {
            email: EMAIL,
            display_name: "Bench",
            password_hash: &hash,
            role: Role::Admin,
            team_id: None,
        };
        users::insert(&mut pool.acquire().await.unwrap(), bench_user)
            .await
            .unwrap()
            .expect("the bench user is new");
        Stack {
            pool,
            cluster,
            data_dir,
        }
    }

    /// The release binary serving this stack, with `settings` (environment
    /// variables) on top of the defaults.
    pub async fn serve(&self, settings: &[(&str, String)]) -> Server {
        let mut command = self.command(Path::new(env!("CARGO_BIN_EXE_launch-control")));
        command.envs(settings.iter().map(|(name, value)| (name, value)));
        Server::spawn(command).await
    }

    /// `program` set to run on this stack: without `DATABASE_URL`, it finds
    /// the cluster through `DATA_DIR` and takes the running server over.
    pub fn command(&self, program: &Path) -> Command {
        let mut command = Command::new(program);
        command
            .env_remove("DATABASE_URL")
            .env("DATA_DIR", &self.data_dir.0)
            .env("RUST_LOG", "warn");
        command
    }

    /// The first phase of the plan, by position: its id and name.
    pub async fn first_phase(&self) -> (uuid::Uuid, String) {
        sqlx::query_as("select id, name from phases order by position limit 1")
            .fetch_one(&self.pool)
            .await
            .expect("the seeded plan has phases")
    }

    /// Stops PostgreSQL (the servers must be stopped first) and removes its folder.
    pub async fn stop(self) {
        self.pool.close().await;
        self.cluster.stop().await.unwrap();
    }
}
